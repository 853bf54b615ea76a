/**
 * A page title's site name: "Headline | Site", "Site » Headline", "Site: Headline". A segment of the title is the
 * site's when it names the publisher, the page's host (any label of it: "ABC News" on abcnews.go.com, "Paulo Coelho's
 * Blog" on paulocoelhoblog.com), a domain, the CMS's archive label ("Blog Archive"), or when it stands at the same end
 * of the titles of several other pages of the run (../inbox/title-sites.ts) — never from a list of known outlets.
 * Every decision is a segment at either end of the title, cut at a separator; the headline is never cut inside.
 */

/** Separators between a title's segments, with space on both sides. */
const SEPARATOR = /\s+(?:[|\-–—·•»«›‹:~]|::|\/\/)\s+/;
/** Looser separators, taken only when the segment they cut off is a site name: "Blog: Headline", "Headline :site". */
const LOOSE_SEPARATOR = /\s*(?:::|[|»«])\s*|:\s+|\s+:/;
/** The separators at which the titles of a run are compared (no colon). */
const RUN_SEPARATOR = /\s+(?:[|\-–—·•»«›‹~]|::|\/\/)\s+/;
const RUN_LOOSE_SEPARATOR = /\s*(?:::|[|»«])\s*/;
/** A separator left alone at either end of a title ("» Headline" when the site's name was empty). */
const BARE_END = /^\s*(?:[|»«›‹·•]|::)\s*|\s*(?:[|»«›‹·•]|::)\s*$/g;

/** A host's labels that never name a site: the TLD's and generic second-level ones, and service prefixes. */
const GENERIC_LABELS = new Set(['www', 'www2', 'm', 'mobile', 'amp', 'blog', 'blogs', 'news', 'online', 'web', 'en', 'com', 'co', 'org', 'net', 'ac', 'gov', 'edu', 'go', 'ne', 'or']);

/** The letters and digits of a text, lower case, without diacritics or a possessive "'s" (names compare by them). */
export function siteKey(s: string): string {
  return s
    .normalize('NFKD')
    .replace(/\p{M}+/gu, '')
    .toLowerCase()
    .replace(/['’]s\b/g, '')
    .replace(/[^\p{L}\p{N}]+/gu, '');
}

/** The labels of a host that can name its site ("abcnews.go.com" → abcnews; "sports.yahoo.com" → sports, yahoo). */
function hostLabels(host: string): string[] {
  const labels = host.toLowerCase().replace(/\.$/, '').split('.');
  labels.pop(); // the top-level domain
  return labels.map(siteKey).filter((l) => l.length >= 3 && !GENERIC_LABELS.has(l));
}

export interface SiteEvidence {
  /** Names of the site from the page: the publisher, og:site_name, organisations, names shown in the page. */
  sites?: readonly string[];
  /** The host of the page's address. */
  host?: string;
  /** Segments that stand at the same end of the titles of several other pages of the run. */
  runSites?: readonly string[];
}

/** The CMS's default archive label in titles ("Site » Blog Archive » Headline"). */
const ARCHIVE_LABEL = /^blog archives?$/i;
const ARCHIVE_BETWEEN = /\s+(?:[|»«›·•\-–—]|::)\s+blog archives?\s+(?:[|»«›·•\-–—]|::)\s+/i;

/** Whether a title segment names the site. */
export function isSiteSegment(seg: string, ev: SiteEvidence): boolean {
  const q = siteKey(seg);
  if (q.length === 0) return false;
  const t = seg.trim();
  if (ARCHIVE_LABEL.test(t)) return true;
  if (t.length <= 60 && /^[\w-]+(?:\.[\w-]+)*\.[a-z]{2,24}$/i.test(t)) return true;
  const noThe = q.replace(/^the(?=.)/, '');
  for (const s of [...(ev.sites ?? []), ...(ev.runSites ?? [])]) {
    const k = siteKey(s);
    if (k.length > 0 && (q === k || noThe === k.replace(/^the(?=.)/, ''))) return true;
  }
  if (ev.host) {
    const labels = hostLabels(ev.host);
    for (const l of labels) {
      if (q === l || noThe === l) return true;
      // the host's name in a longer one ("Joe McNally's Blog" on joemcnally.com), or a longer host's part
      if (l.length >= 5 && q.includes(l) && l.length >= 0.6 * q.length) return true;
      if (q.length >= 4 && l.includes(q) && (q.length >= 0.6 * l.length || l.startsWith(q) || l.endsWith(q))) return true;
    }
    // the host's labels together ("Yahoo! Sports" on sports.yahoo.com)
    if (labels.length > 1 && (q === labels.join('') || q === [...labels].reverse().join(''))) return true;
  }
  return false;
}

/** Splits a title once, at the first or the last separator. */
function ends(t: string, sep: RegExp): { first?: [string, string]; last?: [string, string] } {
  const g = new RegExp(sep.source, 'g');
  const ms = [...t.matchAll(g)].filter((m) => m.index! > 0 && m.index! + m[0].length < t.length);
  if (ms.length === 0) return {};
  const a = ms[0]!;
  const z = ms[ms.length - 1]!;
  return {
    first: [t.slice(0, a.index), t.slice(a.index! + a[0].length)],
    last: [t.slice(0, z.index), t.slice(z.index! + z[0].length)],
  };
}

/** Removes the site's name (and the CMS's archive label) from either end of a title; at most three segments go. */
export function stripSiteSegments(title: string, ev: SiteEvidence): string {
  return splitSiteSegments(title, ev).title;
}

/** The title without the site's name, and the segments cut off (the site's names as the title writes them). */
export function splitSiteSegments(title: string, ev: SiteEvidence): { title: string; cut: string[] } {
  if (typeof title !== 'string') return { title: '', cut: [] };
  let t = title.replace(/\s+/g, ' ').trim();
  const cut: string[] = [];
  if (t.length > 1000) return { title: t, cut };
  // the archive label between the site's name and the headline
  t = t.replace(ARCHIVE_BETWEEN, ' » ');
  for (let round = 0; round < 3; round++) {
    const before = t;
    for (const sep of [SEPARATOR, LOOSE_SEPARATOR]) {
      const { first, last } = ends(t, sep);
      if (last && isSiteSegment(last[1], ev) && siteKey(last[0]).length > 0) {
        t = last[0].trim();
        cut.push(last[1].trim());
      } else if (first && isSiteSegment(first[0], ev) && siteKey(first[1]).length > 0) {
        t = first[1].trim();
        cut.push(first[0].trim());
      }
      if (t !== before) break;
    }
    const bare = t.replace(BARE_END, '').trim();
    if (bare !== t && siteKey(bare).length > 0) t = bare;
    if (t === before) break;
  }
  return { title: t, cut: cut.filter((c) => !ARCHIVE_LABEL.test(c)) };
}

/** One segment at either end of a title, with the rest of it, for counting across a run's titles. */
export interface TitleEnd {
  end: 'first' | 'last';
  /** The segment's siteKey. */
  key: string;
  segment: string;
  rest: string;
}

/** The segments at either end of a title (at each kind of separator but a colon); none for a title without one. */
export function titleEnds(title: string): TitleEnd[] {
  const t = title.replace(/\s+/g, ' ').trim().replace(BARE_END, '').trim();
  if (t.length > 1000) return [];
  const out: TitleEnd[] = [];
  const seen = new Set<string>();
  const push = (end: 'first' | 'last', segment: string, rest: string) => {
    const key = siteKey(segment);
    if (key.length < 2 || siteKey(rest).length === 0 || seen.has(`${end}:${key}`)) return;
    seen.add(`${end}:${key}`);
    out.push({ end, key, segment: segment.trim(), rest: rest.trim() });
  };
  // never at a colon: a series' or a kicker's name before a colon ("Review: …", "BUILD 2012: …") repeats across a
  // site's headlines as a site's name does, and belongs to them
  for (const sep of [RUN_SEPARATOR, RUN_LOOSE_SEPARATOR]) {
    const { first, last } = ends(t.replace(ARCHIVE_BETWEEN, ' » '), sep);
    if (first) push('first', first[0], first[1]);
    if (last) push('last', last[1], last[0]);
  }
  return out;
}

/** Words of a text for comparing a title's side with a heading: letters and digits, lower case, single spaces. */
function headWords(s: string): string {
  return s.normalize('NFKC').toLowerCase().replace(/[^\p{L}\p{N}]+/gu, ' ').trim();
}

/**
 * The title cut to the headline the page shows: when a heading of the page is one side of the title at a separator
 * (a colon too) and the other side is a few words on the side that separator puts a site's name ("Web Ink Now: How
 * Content Works" over a heading "How Content Works"; never "Site: Post" read from a banner heading "Site"), the
 * heading's side is the headline and the other the site's name; when both sides are headings (`headings` in the
 * page's order), the later one. The other side may be long when the heading's side is the page's <h1> (`h1s`) of four
 * words or more (a site's name with its tagline). Null when no heading confirms a side.
 */
export function confirmedHeadline(title: string, headings: readonly string[], h1s: readonly string[] = []): { title: string; cut: string } | null {
  const t = title.replace(/\s+/g, ' ').trim();
  if (t.length > 1000 || headings.length === 0) return null;
  // each heading's first place in the page
  const heads = new Map<string, number>();
  headings.forEach((h, i) => {
    const w = headWords(h);
    if (w.split(' ').length >= 2 && !heads.has(w)) heads.set(w, i);
  });
  if (heads.size === 0) return null;
  // (a headline of four words or more that is the page's <h1>: the other side is the site's however long, a name
  // with its tagline; a banner's <h1> is the site's short name)
  const h1Words = new Set(h1s.map(headWords));
  const inH1 = (side: string): boolean => h1Words.has(headWords(side));
  for (const sep of [SEPARATOR, LOOSE_SEPARATOR]) {
    for (const m of t.matchAll(new RegExp(sep.source, 'g'))) {
      const left = t.slice(0, m.index).trim();
      const right = t.slice(m.index! + m[0].length).trim();
      if (!left || !right || heads.has(headWords(t))) continue;
      const l = heads.has(headWords(left));
      const r = heads.has(headWords(right));
      const lw = left.split(' ').length;
      const rw = right.split(' ').length;
      // the side a separator puts the site's name on: before a colon ("Blog: Post"), after a dash or a pipe
      // ("Post - Site"), either side of » and ::
      const mark = m[0].trim();
      const siteLeft = mark === ':' || mark === '»' || mark === '::';
      const siteRight = mark !== ':';
      // both sides shown as headings (the site's name in a banner above the post's title): the later one
      if (l && r) {
        return heads.get(headWords(left))! > heads.get(headWords(right))! ? { title: left, cut: right } : { title: right, cut: left };
      }
      if (r && lw <= 6 && siteLeft) return { title: right, cut: left };
      if (l && (rw <= 6 || (lw >= 4 && inH1(left))) && siteRight) return { title: left, cut: right };
    }
  }
  return null;
}
