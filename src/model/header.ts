/**
 * The headline, the byline and the date of a plain-text page, found around where the article starts rather than at
 * the top of the file: the headline is the headline-like line nearest above the article's first paragraph (byline,
 * date and caption lines skipped), the byline and the date are looked for between a few lines above the headline
 * and a few lines into the article. Nothing here knows an outlet: names are recognised by their shape.
 */
import type { Doc, Line } from './lines.js';
import { BYLINE_AT, BYLINE_START, findByline, findDate, type Byline, type DateLine } from './byline.js';
import { TEXT_HEADER } from './text-header.weights.js';
import { linePairHash, MAX_LINE } from '../inbox/templates.js';

export interface Header {
  /** Unit index and text of the headline. */
  title?: { unit: number; units: number[]; text: string };
  /**
   * The units of a line that is the headline with the site's name before or after it (a page's document title that
   * a scraper or converter wrote above the page: "Site: Headline", "Headline « Site"), when the headline stands on
   * a line of its own too: it goes with the headline.
   */
  echo?: number[];
  /** The site's name that line shows beside the headline. */
  site?: string;
  author?: Byline;
  date?: DateLine;
}

const CAPTION = /^(?:credit|photo|photograph|image|picture|media caption|caption|filed (?:to|under)|edited by|source|video|watch|listen|read more|related|advertisement|sponsored|follow|share|updated|published|posted)\b/i;

/** How far above the article's first line the headline is looked for, in lines with words. */
const TITLE_REACH = 40;

/**
 * The headline's features: what a candidate line looks like and where it stands against the article's first line.
 * The names are the weights' keys (./text-header.weights.ts, fitted by `npm run train:text`).
 */
export const HEADLINE_FEATURES = [
  'above_log', 'below', 'rank_log', 'words_1_2', 'words_3_5', 'words_6_12', 'words_13_20', 'words_21_plus',
  'function_words', 'capitalised', 'title_case', 'all_caps', 'numbers', 'terminal', 'question', 'colon_end',
  'comma_end', 'commas', 'separators', 'chrome_words', 'url', 'date', 'bullet', 'placeholder', 'indent_more',
  'indent_less', 'alone', 'joined', 'blank_before', 'blank_after', 'meta_after', 'meta_before', 'article_p',
  'repeated', 'overlap', 'starts_lower', 'starts_quote', 'caption', 'byline', 'position', 'length_of_width',
  'decorated', 'best_local', 'label_colon', 'part', 'in_lede', 'below_rank', 'doubled',
  'far', 'outlet_words',
] as const;

/**
 * Words that name an outlet rather than tell a story ("The Facebook Blog", "Energy Stock Channel", "Island Times"):
 * a feature of a candidate line, one among many, never a rule by itself.
 */
const OUTLET_WORD = /\b(?:blog|blogs|weblog|news|times|daily|weekly|journal|magazine|gazette|herald|tribune|post|channel|network|media|online|official|\w+\.(?:com|net|org|co\.uk))\b/i;

export interface Candidate {
  /** First unit of the candidate (a headline wrapped over two lines is one candidate). */
  unit: number;
  /** Its units (one, or two for a wrapped headline). */
  units: number[];
  text: string;
  x: Float64Array;
}

/** The document's first lines with words are candidates too, however far above the article. */
const TITLE_TOP = 8;
/** How far below the article's first line a headline candidate may stand (the model's first line can be early). */
const TITLE_BELOW = 3;
/** How far below a far candidate its byline or date line may stand, in lines with words. */
const FAR_META = 4;
const DECORATION = /^[*#=~_\-]{2,}\s+(.*?)\s+[*#=~_\-]{2,}$/;
const CONTENT_WORD = /[\p{L}\p{N}]{3,}/gu;

/** A candidate's text as a title: heading decorations (`****** Title ******`) and link underscores removed. */
function titleText(text: string): { text: string; decorated: boolean } {
  const m = DECORATION.exec(text);
  let t = m ? m[1]! : text;
  // a browser that underlines link text with underscores: "Get_your_code_covered"
  if (!t.includes(' ') && (t.match(/\p{L}_\p{L}/gu)?.length ?? 0) >= 2) t = t.replace(/_/g, ' ');
  return { text: t.trim(), decorated: m !== null };
}

/** A text whose prose lines are longer than this (Doc.width, the 95th percentile) is not hard-wrapped. */
const UNWRAPPED_WIDTH = 160;

/**
 * Whether each line of a plain text is a block of its own: a text that is not hard-wrapped (a browser's copy of a
 * page, a scraper's paragraph to a line) writes every heading, list item and paragraph on one line, with or without
 * a blank line between them, so a heading between menu items is a block although no blank line sets it apart.
 * Markdown's blocks are its blank-line blocks (a list is one block).
 */
export function lineBlocks(doc: Pick<Doc, 'width' | 'markdown'>): boolean {
  return !doc.markdown && doc.width > UNWRAPPED_WIDTH;
}

/**
 * The headline candidates around the article that starts at unit `first`: lines of at most 30 words from
 * TITLE_REACH lines above it to TITLE_BELOW below, and two-line blocks read as one line (a wrapped headline).
 */
export function headlineCandidates(units: readonly Line[], first: number, p: ArrayLike<number>, stops: ReadonlySet<string>, byLine = false): Candidate[] {
  const out: Candidate[] = [];
  if (first < 0 || first >= units.length) return out;
  // the candidates' blocks: blank-line blocks, or each line (`byLine`, for a text that is not hard-wrapped: lineBlocks)
  const blk = byLine ? Int32Array.from(units, (_, j) => j) : Int32Array.from(units, (u) => u.block);
  const blockSize = new Map<number, number>();
  for (let j = 0; j < units.length; j++) blockSize.set(blk[j]!, (blockSize.get(blk[j]!) ?? 0) + 1);
  // the content words of the article's first lines, for the overlap of a candidate with them
  // (each word with the lines it stands in: a candidate's own line is no evidence that it heads the article)
  const lede = new Map<string, number[]>();
  let ledeWords = 0;
  const ledeLines = new Set<number>();
  for (let j = first; j < units.length && ledeWords < 200; j++) {
    if (units[j]!.words < 8) continue;
    ledeLines.add(j);
    for (const m of units[j]!.text.toLowerCase().matchAll(CONTENT_WORD)) {
      if (stops.has(m[0])) continue;
      const at = lede.get(m[0]);
      if (!at) lede.set(m[0], [j]);
      else if (at[at.length - 1] !== j) at.push(j);
    }
    ledeWords += units[j]!.words;
  }
  const capsHeadings = headingsInCapitals(units, blk, blockSize);
  let total = 0;
  const before = new Float64Array(units.length + 1);
  for (let j = 0; j < units.length; j++) before[j + 1] = total += units[j]!.words;
  let bestLocal = 0;
  for (let j = 0; j < units.length; j++) bestLocal = Math.max(bestLocal, p[j]!);
  const lo = Math.max(0, first - TITLE_REACH);
  const hi = Math.min(units.length - 1, first + TITLE_BELOW);
  const eligible = new Float64Array(units.length + 1);
  for (let j = 0; j < units.length; j++) eligible[j + 1] = eligible[j]! + (units[j]!.words <= 30 ? 1 : 0);
  // byline or date lines, read once per line (0 unknown, 1 no, 2 yes)
  const meta = new Uint8Array(units.length);
  const isMetaAt = (k: number): boolean => {
    const v = units[k];
    if (v === undefined) return false;
    if (meta[k] === 0) meta[k] = v.words <= 25 && (BYLINE_AT.test(v.text) || (v.date && v.words <= 12)) ? 2 : 1;
    return meta[k] === 2;
  };
  // the lines around the article, and the document's first lines (a page whose headline stands above a long table of
  // contents or a gallery, far from where the article's prose starts)
  const at: number[] = [];
  for (let j = 0; j < Math.min(lo, TITLE_TOP); j++) at.push(j);
  // and, farther away, a line that opens its block with a byline or a date line just after it (a headline over its
  // byline, far from where the model puts the article's first line: a long gallery or a sign-in form between them)
  const far = new Set<number>();
  for (let j = TITLE_TOP; j < units.length; j++) {
    if (j >= lo && j <= hi) continue;
    const u = units[j]!;
    if (u.words < 3 || u.words > 30 || u.terminal || isMetaAt(j)) continue;
    if (j > 0 && blk[j - 1] === blk[j]) continue;
    for (let k = j + 1; k <= Math.min(units.length - 1, j + FAR_META); k++) {
      if (isMetaAt(k)) {
        far.add(j);
        break;
      }
    }
  }
  for (let j = lo; j <= hi; j++) at.push(j);
  for (const j of far) at.push(j);
  at.sort((a, b) => a - b);
  for (const j of at) {
    const u = units[j]!;
    const size = blockSize.get(blk[j]!)!;
    const pair = size === 2 && j + 1 < units.length && blk[j + 1] === blk[j] && !u.terminal;
    const forms: number[][] = [];
    if (u.words <= 30 && u.words >= 1) forms.push([j]);
    if (pair && u.words + units[j + 1]!.words <= 40 && (j === 0 || blk[j - 1] !== blk[j])) forms.push([j, j + 1]);
    const variants: Array<{ form: number[]; raw: string; part: boolean }> = [];
    for (const form of forms) {
      const raw = form.map((k) => units[k]!.text).join(' ');
      variants.push({ form, raw, part: false });
      // a label glued to the headline by a bar ("Economy|As Debt Rises …"): its longest part is a candidate too
      if (form.length === 1 && raw.includes('|')) {
        const parts = raw.split(/\s*\|\s*/).filter((q) => q.length > 0);
        const longest = parts.reduce((a, b) => (b.length > a.length ? b : a), '');
        if (parts.length > 1 && longest.length >= 20) variants.push({ form, raw: longest, part: true });
      }
    }
    for (const { form, raw, part } of variants) {
      // the tail of a Markdown link broken across lines ("Title](/path)") is no headline
      if (raw.includes('](')) continue;
      const last = units[form[form.length - 1]!]!;
      const { text, decorated } = titleText(raw);
      const w = form.reduce((a, k) => a + units[k]!.words, 0);
      const cap = form.reduce((a, k) => a + units[k]!.cap, 0);
      const stop = form.reduce((a, k) => a + units[k]!.stop, 0);
      // a converter that writes every heading in capitals (html-to-text) says nothing about a line in capitals
      const upperAll = form.reduce((a, k) => a + units[k]!.upper, 0);
      const upper = capsHeadings && upperAll >= CAPS_LINE * w ? 0 : upperAll;
      const num = form.reduce((a, k) => a + units[k]!.num, 0);
      const chrome = form.reduce((a, k) => a + units[k]!.chrome, 0);
      let overlap = 0;
      let content = 0;
      for (const m of text.toLowerCase().matchAll(CONTENT_WORD)) {
        if (stops.has(m[0])) continue;
        content++;
        if (lede.get(m[0])?.some((q) => !form.includes(q))) overlap++;
      }
      let metaAfter = 0;
      for (let k = form[form.length - 1]! + 1; k <= Math.min(units.length - 1, j + 6); k++) if (isMetaAt(k)) { metaAfter = 1; break; }
      let metaBefore = 0;
      for (let k = j - 1; k >= Math.max(0, j - 3); k--) if (isMetaAt(k)) { metaBefore = 1; break; }
      const x = new Float64Array(HEADLINE_FEATURES.length);
      let k = 0;
      const above = first - j;
      x[k++] = above > 0 ? Math.log1p(above) / 3 : 0;
      x[k++] = above < 0 ? 1 : 0;
      // headline-like lines between the candidate and the article
      x[k++] = j < first ? Math.log1p(eligible[first]! - eligible[j + 1]!) / 3 : 0;
      x[k++] = w <= 2 ? 1 : 0;
      x[k++] = w >= 3 && w <= 5 ? 1 : 0;
      x[k++] = w >= 6 && w <= 12 ? 1 : 0;
      x[k++] = w >= 13 && w <= 20 ? 1 : 0;
      x[k++] = w > 20 ? 1 : 0;
      x[k++] = stop / w;
      x[k++] = cap / w;
      x[k++] = cap / w >= 0.6 ? 1 : 0;
      x[k++] = upper / w;
      x[k++] = num / w;
      x[k++] = last.terminal && !/[?!]["”’»)]*$/.test(last.text) ? 1 : 0;
      x[k++] = /[?!]["”’»)]*$/.test(last.text) ? 1 : 0;
      x[k++] = last.colon ? 1 : 0;
      x[k++] = /[,;]$/.test(last.text) ? 1 : 0;
      x[k++] = Math.min(2, form.reduce((a, q) => a + units[q]!.commas, 0) / 2);
      x[k++] = Math.min(2, form.reduce((a, q) => a + units[q]!.separators, 0) / 2);
      x[k++] = chrome / w;
      x[k++] = u.url ? 1 : 0;
      x[k++] = u.date ? 1 : 0;
      x[k++] = u.bullet ? 1 : 0;
      x[k++] = u.placeholders > 0 ? 1 : 0;
      x[k++] = 0; // indent_more, filled below
      x[k++] = 0; // indent_less
      x[k++] = size === form.length ? 1 : 0;
      x[k++] = form.length > 1 ? 1 : 0;
      x[k++] = j === 0 || blk[j - 1] !== blk[j] ? 1 : 0;
      x[k++] = form[form.length - 1]! + 1 >= units.length || blk[form[form.length - 1]! + 1] !== blk[j] ? 1 : 0;
      x[k++] = metaAfter;
      x[k++] = metaBefore;
      x[k++] = p[j]!;
      x[k++] = u.repeats >= 2 ? 1 : 0;
      x[k++] = content ? overlap / content : 0;
      x[k++] = u.startsLower ? 1 : 0;
      x[k++] = u.startsQuote ? 1 : 0;
      x[k++] = CAPTION.test(u.text) ? 1 : 0;
      x[k++] = BYLINE_START.test(u.text) ? 1 : 0;
      x[k++] = total ? before[j]! / total : 0;
      x[k++] = Math.min(1.5, text.length / 100);
      x[k++] = decorated ? 1 : 0;
      x[k++] = bestLocal - p[j]!;
      x[k++] = /^[\p{L}\p{N}'’-]+(?:\s[\p{L}\p{N}'’-]+)?:\s/u.test(text) ? 1 : 0;
      x[k++] = part ? 1 : 0;
      // the candidate is itself one of the article's first lines (the zone model took it for the article's start)
      x[k++] = form.some((q) => ledeLines.has(q)) ? 1 : 0;
      // below the article's first line: headline-like lines between it and the candidate (a headline stands first,
      // a caption or a subhead after it)
      x[k++] = j > first ? Math.log1p(eligible[j]! - eligible[first]!) / 3 : 0;
      // a text shown twice in one line (an image's alternative text beside the same link text)
      x[k++] = doubledText(text) ? 1 : 0;
      x[k++] = far.has(j) ? 1 : 0;
      x[k++] = OUTLET_WORD.test(text) ? 1 : 0;
      out.push({ unit: j, units: form, text, x });
    }
  }
  // indentation against the candidates' most common one
  const indents = new Map<number, number>();
  for (const c of out) indents.set(units[c.unit]!.indent, (indents.get(units[c.unit]!.indent) ?? 0) + 1);
  let usual = 0;
  let most = -1;
  for (const [i, n] of [...indents].sort((a, b) => a[0] - b[0])) if (n > most) { most = n; usual = i; }
  const im = HEADLINE_FEATURES.indexOf('indent_more');
  for (const c of out) {
    const d = units[c.unit]!.indent - usual;
    c.x[im] = d > 0 ? 1 : 0;
    c.x[im + 1] = d < 0 ? 1 : 0;
  }
  return out;
}

/**
 * Whether a unit is a fixed element of the run's site: the unit after the same line with words in several different
 * articles of the run (a pair of the run's first pass, ../inbox/templates.ts linePairHash) — a blog's or a section's
 * name, a tagline, a promotion at the top of every page. Such a line is never the headline; it is not removed for
 * that alone. A headline of one page that other pages list stands after other lines there.
 */
function siteElement(units: readonly Line[], templates: ReadonlySet<number>): (j: number) => boolean {
  return (j) => {
    let k = j - 1;
    while (k >= 0 && units[k]!.raw.length > MAX_LINE) k--;
    const h = linePairHash(k >= 0 ? units[k]!.raw : null, units[j]!.raw);
    return h >= 0 && templates.has(h);
  };
}

/** Of a text's heading-like lines (alone in their blocks, 2 to 15 words, no sentence's end), the share in capitals over which the text writes its headings in capitals. */
const CAPS_HEADINGS = 0.3;
/** A line's share of words in capitals for it to be a line in capitals. */
const CAPS_LINE = 0.8;

/**
 * Whether the text writes its headings in capitals (html-to-text's default: every h1–h6 upper-cased): at least
 * CAPS_HEADINGS of its heading-like lines, three of them at least, are in capitals. A page's own section labels in
 * capitals ("ECONOMY") are a few of its heading-like lines.
 */
function headingsInCapitals(units: readonly Line[], blk: Int32Array, size: ReadonlyMap<number, number>): boolean {
  let n = 0;
  let caps = 0;
  for (let j = 0; j < units.length; j++) {
    const u = units[j]!;
    if (size.get(blk[j]!) !== 1 || u.words < 2 || u.words > 15 || u.terminal) continue;
    n++;
    if (u.upper >= CAPS_LINE * u.words) caps++;
  }
  return n >= 3 && caps >= CAPS_HEADINGS * n;
}

/** "Firefox Developer Edition Firefox Developer Edition": a line made of one text twice. */
function doubledText(text: string): boolean {
  const t = text.split(/\s+/);
  if (t.length < 2 || t.length % 2 !== 0) return false;
  const h = t.length / 2;
  return t.slice(0, h).join(' ').toLowerCase() === t.slice(h).join(' ').toLowerCase();
}

const HEAD_WEIGHTS: number[] = HEADLINE_FEATURES.map((n) => (TEXT_HEADER.weights as Readonly<Record<string, number>>)[n] ?? 0);

/** The candidate's headline score (a logit). */
export function headlineLogit(c: Candidate): number {
  let z = TEXT_HEADER.bias;
  for (let a = 0; a < HEAD_WEIGHTS.length; a++) z += HEAD_WEIGHTS[a]! * c.x[a]!;
  return z;
}

/**
 * The header of the article that starts at unit `first`: the headline above it, the byline and date near it.
 * `first` is the article's first line with words as the model decided it, `p` the model's article probabilities.
 */
export function findHeader(
  units: readonly Line[],
  first: number,
  p: ArrayLike<number>,
  stops: ReadonlySet<string>,
  byLine = false,
  templates?: ReadonlySet<number>,
): Header {
  const header: Header = {};
  if (first < 0 || first >= units.length) return header;
  let best = -Infinity;
  const fixed = templates?.size ? siteElement(units, templates) : null;
  const cands = headlineCandidates(units, first, p, stops, byLine);
  for (const c of cands) {
    if (fixed?.(c.unit)) continue;
    const z = headlineLogit(c);
    if (z > best) {
      best = z;
      header.title = { unit: c.unit, units: c.units, text: c.text };
    }
  }
  if (best < TEXT_HEADER.threshold) delete header.title;
  // the headline with the site's name around it, where a line of its own shows the headline alone: that line
  if (header.title) {
    const inner = innerHeadline(header.title, cands, units);
    if (inner) {
      const { c, site } = inner;
      header.echo = header.title.units.filter((j) => !c.units.includes(j));
      header.title = { unit: c.unit, units: c.units, text: c.text };
      if (site) header.site = site;
    }
  }
  // byline and date: around the headline and the article's first line (./byline.ts)
  const author = findByline(units, first, header.title);
  if (author) header.author = author;
  const date = findDate(units, first, header.title, header.author);
  if (date) header.date = date;
  return header;
}

/** Separators between a headline and a site's name in a document title ("Site: Headline", "Headline « Site"). */
const SITE_SEP = /^[:|»«›‹·•~/\u2013\u2014-]+$/u;
const NORM = (s: string): string => s.normalize('NFKC').toLowerCase().replace(/[^\p{L}\p{N}]+/gu, ' ').trim();
/** How many words the site's part of a document title may have. */
const SITE_WORDS = 6;

/**
 * The candidate that is the chosen title without a site's name around it: the chosen line is another candidate's
 * text with a part of at most SITE_WORDS words, no more than the headline's, before it and a separator between them
 * ("Econbrowser: Headline"), or after it, fewer words than the headline's, behind a separator other than a colon
 * ("Headline « Site") or as a bare count ("Headline 524", a comment count), or the same words with glyphs around
 * them ("» Headline", the part of "» Headline | Site" read as the headline). A headline of two words or more and ten
 * letters or more, on a line with no sentence of its own; the longest one wins.
 */
function innerHeadline(title: NonNullable<Header['title']>, cands: readonly Candidate[], units: readonly Line[]): { c: Candidate; site: string } | null {
  const outer = NORM(title.text);
  let pick: { c: Candidate; site: string } | null = null;
  let pickLen = 0;
  for (const c of cands) {
    if (c.units.some((j) => title.units.includes(j))) continue;
    const inner = NORM(c.text);
    if (inner.length < 10 || inner.length <= pickLen || !inner.includes(' ')) continue;
    const last = units[c.units[c.units.length - 1]!]!;
    if (last.terminal && !/[?!]["”’»)]*$/.test(last.text)) continue;
    // (the same words with fewer glyphs around them: the chosen text is a part of its line, "» Headline | Site" read
    // as "» Headline")
    const around = inner === outer ? (c.text.trim().length < title.text.trim().length ? { site: '' } : null) : siteAround(title.text, c.text, outer, inner);
    if (!around) continue;
    pick = { c, site: around.site };
    pickLen = inner.length;
  }
  return pick;
}

/** Whether `outer` is `inner` with a site's part before or after it, as innerHeadline reads it. */
function siteAround(outerRaw: string, innerRaw: string, outer: string, inner: string): { site: string } | null {
  let rest: string;
  let before: boolean;
  if (outer.startsWith(`${inner} `)) [rest, before] = [outer.slice(inner.length + 1), false];
  else if (outer.endsWith(` ${inner}`)) [rest, before] = [outer.slice(0, outer.length - inner.length - 1), true];
  else return null;
  // (a site's name is no longer than the headline before it and shorter after it — "Section -- Headline" — and names
  // no number before it: "JFP 8/8: Headline" is a series' issue)
  const restWords = rest.split(' ');
  const innerWords = inner.split(' ').length;
  if (restWords.length > SITE_WORDS || restWords.length > innerWords || (!before && restWords.length === innerWords)) return null;
  if (before && restWords.some((w) => /^\d+$/.test(w))) return null;
  // the separator: what stands between the two parts in the raw line
  const at = outerRaw.toLowerCase().indexOf(innerRaw.trim().toLowerCase());
  if (at < 0) return !before && /^\d+$/.test(rest) ? { site: '' } : null;
  const gap = before ? outerRaw.slice(0, at) : outerRaw.slice(at + innerRaw.trim().length);
  // (a count after the headline: its comments, not a name)
  if (!before && /^\s*\(?\d+\)?\s*$/.test(gap)) return { site: '' };
  const sep = before ? /([^\p{L}\p{N}\s]+)\s*$/u.exec(gap) : /^\s*([^\p{L}\p{N}\s]+)/u.exec(gap);
  // (after the headline, a colon opens its second part, "Headline: Part 5", not a site's name; one set apart from
  // the headline and glued to the name is a separator, "Headline :site")
  if (sep === null || !SITE_SEP.test(sep[1]!) || (!before && sep[1]!.includes(':') && !/^\s+:+\S/u.test(gap))) return null;
  const site = (before ? gap.slice(0, sep.index) : gap.slice(sep.index + sep[0].length)).replace(/^[^\p{L}\p{N}]+|[^\p{L}\p{N}]+$/gu, '');
  return { site };
}
