// Page metadata from a parsed HTML document: JSON-LD, Open Graph and other
// <meta> tags, <title>, <link rel=canonical>, <time datetime>, byline elements
// and <html lang>. Structured sources win over page text. Dates come out as
// ISO 8601 with the offset the source gives, or none; never an invented zone.
import { confirmedHeadline, isSiteSegment, splitSiteSegments } from './site-names.js';
import { AGENCY_PATTERN, canonicalAgency, isPlaceholderAuthor } from './names.js';
import type { AnyNode, Document, Element } from 'domhandler';
import { decodeHTML } from 'entities';
import { classifyPair } from '../extract/classify.js';
import { parseJsonLd } from '../extract/signals.js';
import { shortText } from '../extract/text.js';

export interface PageMetadata {
  title?: string;
  author?: string;
  authors?: string[];
  date?: string;
  modified?: string;
  publisher?: string;
  url?: string;
  section?: string;
  tags?: string[];
  language?: string;
  image?: string;
  description?: string;
  charset?: string;
  /** news agency named as the author (Reuters, AP, AFP …): the wire the copy came from */
  source?: string;
}

/** schema.org types whose fields describe the article itself. */
const ARTICLE_TYPES: ReadonlySet<string> = new Set([
  'article', 'newsarticle', 'reportagenewsarticle', 'analysisnewsarticle', 'opinionnewsarticle',
  'reviewnewsarticle', 'backgroundnewsarticle', 'askpublicnewsarticle', 'blogposting',
  'liveblogposting', 'socialmediaposting', 'techarticle', 'scholarlyarticle', 'report', 'posting',
  'satiricalarticle', 'advertisercontentarticle', 'medicalscholarlyarticle', 'discussionforumposting',
]);
/** Types used only when no article type is present. */
const PAGE_TYPES: ReadonlySet<string> = new Set(['webpage', 'itempage', 'collectionpage', 'videoobject', 'creativework']);

/** Placeholder bylines that name no person. */
const PLACEHOLDER_AUTHOR =
  /^(?:(?:the )?(?:staff|editorial|news|web|online|digital|city|sports?|foreign|metro|national|business)(?: (?:writer|reporter|report|desk|team|staff|editors?|correspondent|board))?|admin(?:istrator)?|webmaster|web ?desk|news ?desk|editor(?:s|ial)?(?: (?:staff|team|desk|board))?|(?:the )?editors?|guest(?: (?:author|writer|contributor))?|anonymous|unknown|no (?:primary )?author|(?:last )?(?:updated|modified|posted|published)|reporter|correspondent|contributor|author|team|desk|press release|(?:\S+ )?staff|agencies|wire services?|user|root|null|undefined|none|author(?:'s)? (?:archives?|page|profile|posts)|(?:view|see|more|all) (?:all )?(?:posts|articles|stories)(?: by)?)$/i;

const META_DATE = [
  'article:published_time', 'og:article:published_time', 'article:published', 'datepublished',
  'date', 'pubdate', 'publishdate', 'publish-date', 'publish_date', 'published_date', 'published-date',
  'publication_date', 'article.published', 'article_date_original', 'dc.date', 'dc.date.issued',
  'dc.date.created', 'dcterms.created', 'dcterms.issued', 'dcterms.date', 'sailthru.date', 'parsely-pub-date',
  'citation_publication_date', 'citation_date', 'originalpublicationdate', 'cxenseparse:recs:publishtime',
  'og:published_time', 'release_date', 'displaydate', 'created',
];
const META_MODIFIED = [
  'article:modified_time', 'og:updated_time', 'og:article:modified_time', 'datemodified', 'last-modified',
  'dcterms.modified', 'dc.date.modified', 'article.updated', 'lastmod', 'revised', 'updated',
];
const META_AUTHOR = ['dc:creator', 'dcterm:creator', 'dcterms:creator', 'author', 'article:author', 'og:article:author', 'dc.creator', 'dcterms.creator', 'sailthru.author', 'parsely-author', 'byl', 'citation_author', 'twitter:creator:name'];
const META_SECTION = ['article:section', 'og:article:section', 'parsely-section', 'section', 'article.section', 'cxenseparse:section'];
const META_TAGS = ['article:tag', 'og:article:tag', 'news_keywords', 'keywords', 'parsely-tags', 'sailthru.tags'];

interface Collected {
  lang: string | null;
  titleTag: string | null;
  meta: Map<string, string[]>;
  /** how many of each key's values came from a property attribute (they come first) */
  fromProperty: Map<string, number>;
  canonical: string | null;
  jsonLd: string[];
  times: Array<{ datetime: string; pub: boolean }>;
  bylines: Element[];
  charset: string | null;
  /** texts of the page's first <h1> elements: the headline the page shows */
  headings: string[];
  /** The first <h1>, <h2> and <h3> texts in the page's order (a blog's post title under its name in an <h1>). */
  subheads: string[];
  /** the outlet's name as the page shows it: a logo's alt text, a copyright holder */
  shownSites: string[];
}

/** Class names of byline elements (whole class names, so "comment-author" is not one). */
const BYLINE_CLASSES: ReadonlySet<string> = new Set([
  'byline', 'byline-name', 'byline__author', 'byline__name', 'c-byline', 'author', 'authors', 'author-name',
  'article-author', 'article__author', 'post-author', 'entry-author', 'story-author', 'author-link', 'byline-author',
]);

/** The holder named in a copyright line, after the sign or word and any years. */
const COPYRIGHT_HOLDER = /(?:©|\(c\)|copyright)\s*(?:©\s*)?(?:(?:19|20)\d\d(?:\s*[-–]\s*(?:(?:19|20)\d\d|present))?[,.]?\s*)?(?:by\s+)?([\p{Lu}\d][^.|,;:©()]{1,60}?)(?:\s*[.|,;:(]|\s+all rights|\s*$)/iu;

const HEAD_LIKE: ReadonlySet<string> = new Set(['script', 'style', 'template', 'svg', 'noscript', 'iframe']);

function collect(doc: Document): Collected {
  const c: Collected = { lang: null, titleTag: null, meta: new Map(), canonical: null, jsonLd: [], times: [], bylines: [], charset: null, headings: [], subheads: [], shownSites: [], fromProperty: new Map() };
  const stack: AnyNode[] = [];
  // bit 1 when the node sits inside a comments section (its bylines are commenters), bit 2 inside navigation (a
  // site's menu of its writers: their names are not this page's byline)
  const inComments: number[] = [];
  for (let i = doc.children.length - 1; i >= 0; i--) {
    stack.push(doc.children[i]!);
    inComments.push(0);
  }
  while (stack.length > 0) {
    const n = stack.pop()!;
    let comments = inComments.pop()!;
    if (n.type === 'text') {
      // a copyright line names the outlet: "© 2031 Port Alden Gazette"
      const d = (n as { data: string }).data;
      if (c.shownSites.length < 10 && d.length < 400 && (d.includes('©') || /\bcopyright\b/i.test(d))) {
        const m = COPYRIGHT_HOLDER.exec(d.replace(/\s+/g, ' '));
        if (m) c.shownSites.push(m[1]!.trim());
      }
      continue;
    }
    if (n.type !== 'tag' && n.type !== 'script' && n.type !== 'style') continue;
    const e = n as Element;
    const a = e.attribs;
    switch (e.name) {
      case 'html':
        if (c.lang === null && a['lang']) c.lang = a['lang'];
        else if (c.lang === null && a['xml:lang']) c.lang = a['xml:lang'];
        break;
      case 'title':
        if (c.titleTag === null) {
          let t = '';
          for (const ch of e.children) if (ch.type === 'text') t += (ch as { data: string }).data;
          if (t.trim() !== '') c.titleTag = t.length > 2000 ? t.slice(0, 2000) : t;
        }
        continue;
      case 'meta': {
        if (a['charset'] && c.charset === null) c.charset = a['charset'].trim().toLowerCase();
        const content = a['content'];
        // RDFa lists several properties in one attribute ("dc:title og:title"); a property is read before a name
        const fromProperty = a['property'] !== undefined;
        const keys = (a['property'] ?? a['name'] ?? a['itemprop'] ?? a['http-equiv'] ?? '').trim().toLowerCase().split(/\s+/).slice(0, 8);
        if (content !== undefined && content.trim() !== '') for (const key of keys) {
          if (!key) continue;
          const list = c.meta.get(key);
          const v = content.trim();
          if (list) {
            if (list.length < 50) {
              // properties in page order, before the names
              const at = c.fromProperty.get(key) ?? 0;
              if (fromProperty) list.splice(at, 0, v);
              else list.push(v);
            }
          } else c.meta.set(key, [v]);
          if (fromProperty) c.fromProperty.set(key, (c.fromProperty.get(key) ?? 0) + 1);
          if (key === 'content-type' && c.charset === null) {
            const m = /charset\s*=\s*["']?([\w.:-]+)/i.exec(content);
            if (m) c.charset = m[1]!.toLowerCase();
          }
        }
        continue;
      }
      case 'link':
        if (c.canonical === null && (a['rel'] ?? '').toLowerCase().split(/\s+/).includes('canonical') && a['href']) c.canonical = a['href'].trim();
        continue;
      case 'script':
        if ((a['type'] ?? '').toLowerCase().includes('ld+json') && c.jsonLd.length < 20) {
          let text = '';
          for (const ch of e.children) if (ch.type === 'text') text += (ch as { data: string }).data;
          c.jsonLd.push(text);
        }
        continue;
      case 'h1':
        if (c.headings.length < 3 && !(comments & 1)) {
          const t = shortText(e, 400);
          if (t) {
            c.headings.push(t);
            c.subheads.push(t);
          }
        }
        break;
      case 'h2':
      case 'h3':
        if (c.subheads.length < 15 && !(comments & 1)) {
          const t = shortText(e, 400);
          if (t) c.subheads.push(t);
        }
        break;
      case 'img': {
        const alt = a['alt'];
        const names = `${a['class'] ?? ''} ${a['id'] ?? ''} ${a['src'] ?? ''}`;
        if (alt && alt.length <= 60 && c.shownSites.length < 10 && /logo|masthead|brand/i.test(names)) c.shownSites.push(alt.replace(/\s*\blogo\b\s*/gi, ' ').trim());
        break;
      }
      case 'time':
        if (a['datetime'] && c.times.length < 20) {
          const ip = (a['itemprop'] ?? '').toLowerCase();
          c.times.push({ datetime: a['datetime'], pub: a['pubdate'] !== undefined || ip === 'datepublished' || /publish|posted/i.test(a['class'] ?? '') });
        }
        break;
      default:
        break;
    }
    if (HEAD_LIKE.has(e.name)) continue;
    if (e.name === 'nav') comments |= 2;
    if (!(comments & 1) && (a['class'] !== undefined || a['id'] !== undefined)) {
      const h = classifyPair(a['class'], a['id']);
      if (h.neg === 2 && h.reason === 'comments') comments |= 1;
      else if (h.neg === 2 && h.reason === 'navigation') comments |= 2;
    }
    if (c.bylines.length < 10 && !comments) {
      const relAuthor = a['rel'] !== undefined && a['rel'].toLowerCase().split(/\s+/).includes('author');
      const ipAuthor = a['itemprop'] !== undefined && a['itemprop'].toLowerCase() === 'author';
      const cls = a['class'];
      if (relAuthor || ipAuthor || (cls !== undefined && cls.length < 300 && /author|byline/i.test(cls) && cls.toLowerCase().split(/\s+/).some((x) => BYLINE_CLASSES.has(x) || /byline/.test(x)))) {
        c.bylines.push(e);
        if (relAuthor || ipAuthor) continue;
      }
    }
    for (let i = e.children.length - 1; i >= 0; i--) {
      stack.push(e.children[i]!);
      inComments.push(comments);
    }
  }
  return c;
}

// ---------- small helpers ----------

const ENTITY = /&(?:#\d{1,7}|#x[0-9a-f]{1,6}|[a-z][a-z0-9]{1,31});/i;

/** Decodes entities left after parsing (double-escaped sources), collapses whitespace. */
export function cleanText(s: string): string {
  let t = s;
  for (let i = 0; i < 2 && ENTITY.test(t); i++) t = decodeHTML(t);
  return t.replace(/\s+/g, ' ').trim();
}

function first(meta: Map<string, string[]>, keys: string[]): string | undefined {
  for (const k of keys) {
    const v = meta.get(k);
    if (v && v.length > 0) return v[0];
  }
  return undefined;
}

function asString(v: unknown): string | undefined {
  if (typeof v === 'string') return v.trim() || undefined;
  if (typeof v === 'number') return String(v);
  if (Array.isArray(v)) {
    for (const x of v) {
      const s = asString(x);
      if (s) return s;
    }
    return undefined;
  }
  if (v !== null && typeof v === 'object') {
    const o = v as Record<string, unknown>;
    return asString(o['name'] ?? o['url'] ?? o['@id'] ?? o['@value']);
  }
  return undefined;
}

function typesOf(o: Record<string, unknown>): string[] {
  const t = o['@type'];
  if (typeof t === 'string') return [t.toLowerCase().replace(/^.*[/:]/, '')];
  if (Array.isArray(t)) return t.filter((x): x is string => typeof x === 'string').map((x) => x.toLowerCase().replace(/^.*[/:]/, ''));
  return [];
}

/** All JSON-LD objects (flattening arrays and @graph), iteratively and bounded. */
function jsonLdObjects(scripts: string[]): Array<Record<string, unknown>> {
  const out: Array<Record<string, unknown>> = [];
  for (const s of scripts) {
    const data = parseJsonLd(s);
    if (data === null) continue;
    const stack: unknown[] = [data];
    let n = 0;
    while (stack.length > 0 && n++ < 5000) {
      const v = stack.pop();
      if (Array.isArray(v)) {
        for (let i = v.length - 1; i >= 0; i--) stack.push(v[i]);
      } else if (v !== null && typeof v === 'object') {
        const o = v as Record<string, unknown>;
        if (o['@type'] !== undefined) out.push(o);
        const g = o['@graph'];
        if (g !== undefined) stack.push(g);
        const me = o['mainEntity'];
        if (me !== null && typeof me === 'object') stack.push(me);
      }
    }
  }
  return out;
}

// ---------- dates ----------

const MONTHS: Record<string, number> = {
  jan: 1, january: 1, feb: 2, february: 2, mar: 3, march: 3, apr: 4, april: 4, may: 5, jun: 6, june: 6,
  jul: 7, july: 7, aug: 8, august: 8, sep: 9, sept: 9, september: 9, oct: 10, october: 10, nov: 11,
  november: 11, dec: 12, december: 12,
};
const ZONES: Record<string, string> = {
  z: 'Z', gmt: 'Z', utc: 'Z', ut: 'Z', est: '-05:00', edt: '-04:00', cst: '-06:00', cdt: '-05:00',
  mst: '-07:00', mdt: '-06:00', pst: '-08:00', pdt: '-07:00', cet: '+01:00', cest: '+02:00',
  bst: '+01:00', jst: '+09:00', kst: '+09:00',
};

const pad = (n: number) => String(n).padStart(2, '0');

function validYmd(y: number, m: number, d: number): boolean {
  return y >= 1900 && y <= 2100 && m >= 1 && m <= 12 && d >= 1 && d <= 31;
}

function zone(z: string | undefined): string {
  if (!z) return '';
  const t = z.trim();
  if (t === '') return '';
  const named = ZONES[t.toLowerCase()];
  if (named !== undefined) return named;
  const m = /^([+-])(\d{2}):?(\d{2})?$/.exec(t);
  if (!m) return '';
  return `${m[1]}${m[2]}:${m[3] ?? '00'}`;
}

function timePart(h: number, mi: number, s: number | undefined, ampm: string | undefined): string | null {
  let hh = h;
  if (ampm) {
    const pm = ampm.toLowerCase().startsWith('p');
    if (hh < 1 || hh > 12) return null;
    if (pm && hh !== 12) hh += 12;
    if (!pm && hh === 12) hh = 0;
  }
  if (hh > 23 || mi > 59 || (s !== undefined && s > 60)) return null;
  return `${pad(hh)}:${pad(mi)}${s !== undefined ? ':' + pad(s) : ':00'}`;
}

const ISO_DATE = /^(\d{4})-(\d{1,2})-(\d{1,2})(?:[T\s]+(\d{1,2}):(\d{2})(?::(\d{2}))?(?:[.,]\d{1,9})?\s*(Z|[+-]\d{2}:?\d{2}|[A-Za-z]{1,4})?)?$/;
const ISO_COMPACT = /^(\d{4})(\d{2})(\d{2})(?:T?(\d{2})(\d{2})(\d{2})?(Z|[+-]\d{2}:?\d{2})?)?$/;
const ISO_SLASH = /^(\d{4})\/(\d{1,2})\/(\d{1,2})(?:[T\s]+(\d{1,2}):(\d{2})(?::(\d{2}))?)?$/;
// "Mon, 18 Nov 2019 10:30:00 GMT", "18 November 2019", "18 Nov. 2019 10:30 am"
const DMY = /^(?:[A-Za-z]{3,9}\.?,?\s+)?(\d{1,2})(?:st|nd|rd|th)?\s+([A-Za-z]{3,9})\.?,?\s+(\d{4})(?:,?\s+(?:at\s+)?(\d{1,2}):(\d{2})(?::(\d{2}))?\s*([ap]\.?m\.?)?\s*(Z|[+-]\d{2}:?\d{2}|[A-Za-z]{1,4})?)?$/i;
// "November 18, 2019", "Nov. 18, 2019 10:30 AM EST", "Monday, November 18, 2019"
const MDY = /^(?:[A-Za-z]{3,9}\.?,?\s+)?([A-Za-z]{3,9})\.?\s+(\d{1,2})(?:st|nd|rd|th)?,?\s+(\d{4})(?:,?\s+(?:at\s+)?(\d{1,2}):(\d{2})(?::(\d{2}))?\s*([ap]\.?m\.?)?\s*(Z|[+-]\d{2}:?\d{2}|[A-Za-z]{1,4})?)?$/i;

/** Year, month, day, optional time and (when `withZone`) offset from a numeric date match, as ISO 8601. */
function isoFromMatch(m: RegExpExecArray, withZone: boolean): string | undefined {
  const y = +m[1]!, mo = +m[2]!, d = +m[3]!;
  if (!validYmd(y, mo, d)) return undefined;
  const date = `${y}-${pad(mo)}-${pad(d)}`;
  if (m[4] === undefined) return date;
  const t = timePart(+m[4], +m[5]!, m[6] !== undefined ? +m[6] : undefined, undefined);
  return t ? `${date}T${t}${withZone ? zone(m[7]) : ''}` : date;
}

/**
 * Normalises a date string to ISO 8601: `YYYY-MM-DD`, or
 * `YYYY-MM-DDThh:mm:ss` plus the source's offset (`Z`, `+05:30`) when it has
 * one. Returns undefined when the string is not a recognisable date.
 */
export function normalizeDate(input: string): string | undefined {
  if (typeof input !== 'string' || input.length > 200) return undefined;
  const s = input.trim().replace(/\s+/g, ' ');
  if (s.length === 0 || s.length > 80) return undefined;
  let m = ISO_DATE.exec(s);
  if (m) {
    return isoFromMatch(m, true);
  }
  m = ISO_COMPACT.exec(s);
  if (m) {
    return isoFromMatch(m, true);
  }
  m = ISO_SLASH.exec(s);
  if (m) {
    return isoFromMatch(m, false);
  }
  if (/^\d{10}(?:\d{3})?$/.test(s)) {
    // a Unix timestamp is an instant in UTC
    const ms = s.length === 13 ? +s : +s * 1000;
    const dt = new Date(ms);
    const y = dt.getUTCFullYear();
    if (y < 1990 || y > 2100) return undefined;
    return dt.toISOString().replace(/\.\d{3}Z$/, 'Z');
  }
  let y: number, mo: number | undefined, d: number;
  let rest: RegExpExecArray;
  m = DMY.exec(s);
  if (m) {
    d = +m[1]!;
    mo = MONTHS[m[2]!.toLowerCase()];
    y = +m[3]!;
    rest = m;
  } else {
    m = MDY.exec(s);
    if (!m) return undefined;
    mo = MONTHS[m[1]!.toLowerCase()];
    d = +m[2]!;
    y = +m[3]!;
    rest = m;
  }
  if (mo === undefined || !validYmd(y, mo, d)) return undefined;
  const date = `${y}-${pad(mo)}-${pad(d)}`;
  if (rest[4] === undefined) return date;
  const ampm = rest[7]?.replace(/\./g, '');
  const t = timePart(+rest[4], +rest[5]!, rest[6] !== undefined ? +rest[6] : undefined, ampm);
  return t ? `${date}T${t}${zone(rest[8])}` : date;
}

// ---------- people, titles, languages ----------

const URLISH = /^(?:https?:)?\/\/|^www\.|@\w+\.\w+|^\S+\.(?:com|org|net)\b/i;
const BY_PREFIX =
  /^(?:(?:written|posted|published|reported|analysis|opinion|commentary|story|words|text|review|column|interview)\s+)?(?:by|von|par|por|di|door|av|af)\s*[:\-]?\s+/i;
/** Where a byline turns into a date: "Jane Doe Monday, Nov 18", "Jane Doe On 11/13/19". */
const DATE_TAIL =
  /\s*(?:\b(?:on|at|updated|published|posted)\s+)?(?:\b(?:mon|tue|wed|thu|fri|sat|sun)[a-z]{0,6}\.?,?\s|\b(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]{0,6}\.?\s+\d|\d).*$/i;
/** Job titles: a byline part made of one is not a name. */
const ROLE = /\b(?:editor|editor-at-large|writer|reporter|correspondent|columnist|contributor|producer|staff|desk|analyst|anchor|photographer|journalist)s?\b/i;
/** News agencies: a byline naming one gives the source, not an author. */
const WIRE =
  /^(?:reuters|(?:the )?associated press|ap|afp|agence france[- ]presse|pti|press trust of india|ians|ani|upi|dpa|xinhua|efe|ansa|anadolu(?: agency)?|kyodo(?: news)?|yonhap|tass|qna|wam|spa|kuna|(?:the )?press association|pa media|bloomberg|bernama|aap|(?:the )?canadian press)$/i;
/** Words of a page's buttons and links, never of a name alone on a byline line ("View Comments"). */
const INTERFACE_WORD = /\b(?:view|comments?|share|tweet|e-?mail|print|follow|reply|read|more|subscribe|login|sign)\b/i;
/** A link's label in a byline element: "View Comments", "Read more", "Leave a reply". */
const BUTTON_PHRASE = /^(?:view|read|see|show|add|leave|post)\s+(?:all\s+|a\s+)?(?:\d+\s+)?(?:comments?|repl(?:y|ies)|more|posts|profile)$/i;
/** A share button's text that a byline element holds beside the name ("by Jane Doe" … "Tweet"). */
const SHARE_BUTTON = /^(?:tweet|share|like|e-?mail|print|follow|comments?|recommend|pin(?: it)?|save|reply|\+1)$/i;
/** Placeholder bylines in other languages and generated user names. */
const PLACEHOLDER_OTHER = /^(?:гость|редакция|администратор|redaktion|rédaction|redacción|redazione|redação|admin\S*|\S*admin)$/i;

interface People {
  names: string[];
  source?: string;
  /** an outlet named beside the writer in a byline ("Jane Doe, Island Times", "Jane Doe for The Island Times") */
  outlet?: string;
}

/** A publication's name by its form: "The" and capitalised words ("The Philippine Star"), or a web address ("NJ.com"). */
const OUTLET_NAME = /^(?:The\s+\p{Lu}[\p{L}'’-]*(?:\s+\p{Lu}[\p{L}'’-]*){0,4}|[\p{L}\p{N}-]+\.(?:com|org|net|co\.uk|[a-z]{2}))$/u;

/**
 * An outlet's name after a writer's in a byline: two to six words, capitalised, with a word of an organisation's name
 * ("Island Times", "The Harbour Gazette"), not shaped as a person's and not a job title ("Staff Writer").
 */
function outletPart(s: string): boolean {
  const w = s.trim().split(/\s+/);
  return w.length >= 2 && w.length <= 6 && w.every((x) => /^[\p{L}&.'’-]+$/u.test(x) && x !== '-') && /^(?:[Tt]he\s+)?\p{Lu}/u.test(s) && ORG_WORD.test(s) && !looksLikePerson(s) && !ROLE.test(s) && !/\d/.test(s);
}

function cleanPerson(raw: string, publisher: string | undefined, people: People): string | undefined {
  if (raw.length > 200) return undefined;
  let s = cleanText(raw).replace(BY_PREFIX, '');
  // trailing role, place or date after a separator: "Jane Doe | Reporter", "Jane Doe - Nov 18"
  const sep = /\s+[|•·—–-]\s+(.*)$/.exec(s);
  if (sep !== null) {
    if (outletPart(sep[1]!)) people.outlet ??= sep[1]!.trim();
    s = s.slice(0, sep.index);
  }
  s = s.replace(DATE_TAIL, '');
  // "Jane Doe for The Island Times": the writer, then the outlet she wrote it for
  const forOutlet = /\s+for\s+(.+)$/i.exec(s);
  if (forOutlet !== null && s.slice(0, forOutlet.index).includes(' ')) {
    const o = forOutlet[1]!.trim();
    if (outletPart(o) || (publisher !== undefined && o.toLowerCase() === publisher.toLowerCase())) {
      people.outlet ??= o;
      s = s.slice(0, forOutlet.index);
    }
  }
  s = s.replace(/^[\s,;:.\-–—|]+/, '').replace(/[\s,;:.\-–—|]+$/, '');
  // the outlet glued to the name, after a slash or with no mark at all: "Jane Doe/The Island Times", "Jane Doe/NJ.com",
  // "Jane Doe BBC News" (the name a person's, the rest an outlet's: a wire goes to source)
  const slash = /^([^/]+?)\s*\/\s*([^/]+)$/.exec(s);
  if (slash && looksLikePerson(slash[1]!) && (!looksLikePerson(slash[2]!) || OUTLET_NAME.test(slash[2]!.trim()))) {
    const o = slash[2]!.trim();
    if (WIRE.test(o)) people.source ??= o;
    else people.outlet ??= o;
    s = slash[1]!;
  } else {
    const toks = s.split(' ');
    // (the longest name first: "Haje Jan Kamps Photography Blog" is Haje Jan Kamps)
    for (let k = toks.length - 2; k >= 2; k--) {
      const head = toks.slice(0, k).join(' ');
      const tail = toks.slice(k).join(' ');
      if (looksLikePerson(head) && (WIRE.test(tail) || outletPart(tail))) {
        if (WIRE.test(tail)) people.source ??= tail;
        else people.outlet ??= tail;
        s = head;
        break;
      }
    }
  }
  if (s.length < 2 || s.length > 80) return undefined;
  if (WIRE.test(s)) {
    people.source ??= s;
    return undefined;
  }
  if (URLISH.test(s) || PLACEHOLDER_AUTHOR.test(s) || PLACEHOLDER_OTHER.test(s) || SHARE_BUTTON.test(s) || BUTTON_PHRASE.test(s) || ROLE.test(s)) return undefined;
  // a group, not a person: "the Google Desktop Team", "Island Notes Staff"
  if (/(?:^|\s)(?:team|staff|desk|newsroom)$/i.test(s)) return undefined;
  if (publisher) {
    const p = publisher.toLowerCase();
    const l = s.toLowerCase();
    // an outlet is never an author, unless the outlet is the person (a blog under its writer's name)
    if ((l === p && !looksLikePerson(s)) || l.startsWith(p + ' ')) return undefined;
  }
  if (!/\p{L}/u.test(s) || s.split(' ').length > 6) return undefined;
  // a lone short token ("CC", "JD") is initials or a licence, not a byline
  if (!s.includes(' ') && s.length <= 3) return undefined;
  return s;
}

function splitPeople(s: string): string[] {
  return s.split(/\s*(?:,|;|&|\band\b|\bund\b|\bet\b|\by\b|\be\b)\s*/i).filter((x) => x.length > 0);
}

/** Words of an organisation's name, never of a person's. */
const ORG_WORD =
  /\b(?:news|times|post|daily|media|press|journal|magazine|network|group|inc|ltd|llc|corp|company|tv|radio|online|blog|gazette|herald|tribune|review|weekly|channel|agency|foundation|institute|university|association|society|club|team|staff|editors?|report|world|today|digital|global|international|official)\b|\.\w{2,4}\b|\d/i;
const NAME_WORD = /^(?:\p{Lu}[\p{L}'’.-]*|(?:de|da|di|del|der|van|von|le|la|du|bin|ibn|al|el|y)$)/u;

/** A person's name in shape: two to four capitalised words (particles allowed), no organisation words or digits. */
export function looksLikePerson(s: string): boolean {
  const w = s.trim().split(/\s+/);
  return w.length >= 2 && w.length <= 4 && !ORG_WORD.test(s) && w.every((x) => NAME_WORD.test(x));
}

/**
 * A byline made ready to split into names: a URL or e-mail in parentheses, an editor's or photographer's credit, a
 * degree after the name go; "(with X and Y)" joins the list.
 */
function tidyByline(raw: string): string {
  return raw
    .replace(/\s*[(<\[](?:https?:|www\.|mailto:)[^)>\]]*[)>\]]?/gi, ' ')
    .replace(/\s*\((?:avec|with|mit|con|com)\s+([^)]*)\)?/gi, ', $1')
    .replace(/\s+(?:edited|photographs?|photos?|illustrations?|graphics|video|additional reporting|reporting)\s+by\b.*$/i, '')
    .replace(/(?:[,;]\s*|\s+)(?:M\.?A|M\.?S|MSc|Ph\.?\s?D|M\.?D|R\.?N|MPH|D\.?O|J\.?D|MBA|BSc|B\.?A|FACP|FRCP)\.?(?=\s*(?:,|$|\band\b))/g, '')
    // the links beside the name: "Jane Doe RSS feed", "Jane Doe View Profile Email Twitter"
    .replace(/(?:\s+(?:RSS(?: feed)?|E-?mail(?: (?:the )?author)?|View (?:all )?(?:profile|posts)|Twitter|Facebook|Google\+|LinkedIn))+$/i, '')
    .trim();
}

/** A social handle beside a name: "Jane Doe (@janedoe)", "( @janedoe" when the byline is cut. */
const HANDLE = /\s*\(\s*@[\w.]+\s*\)?/g;
/** A name of two or more words, then an agency (and whatever follows it: a dateline). */
const AGENCY_AFTER_NAME = new RegExp(`^(\\p{Lu}[\\p{L}.'’-]*(?: \\p{Lu}[\\p{L}.'’-]*){1,3}),? (?:the )?(${AGENCY_PATTERN})\\b.*$`, 'u');

function addPeople(people: People, raw: string, publisher: string | undefined): void {
  let line = tidyByline(cleanText(raw)).replace(BY_PREFIX, '').replace(DATE_TAIL, '').replace(HANDLE, '').trim();
  // "Jane Doe Associated Press Philadelphia": the writer, then the agency (and its dateline)
  const wire = AGENCY_AFTER_NAME.exec(line);
  if (wire) {
    people.source ??= canonicalAgency(wire[2]!) ?? wire[2]!;
    line = wire[1]!.trim();
  }
  let parts = splitPeople(line);
  // "PTI, Washington": an agency then a place
  if (parts.length > 1 && WIRE.test(parts[0]!)) {
    people.source ??= parts[0]!;
    parts = parts.slice(1).filter((p) => p.split(' ').length >= 2);
    if (parts.length === 0) return;
  }
  // "Jane Doe, CNN": the publisher after the writer is no name of hers
  if (parts.length > 1 && publisher !== undefined) {
    const pub = publisher.trim().toLowerCase();
    const named = parts.filter((p) => p.trim().toLowerCase() !== pub);
    if (named.length > 0 && named.length < parts.length) {
      people.outlet ??= publisher.trim();
      parts = named;
    }
  }
  // "Doe, Jane" would split into single words: keep the whole string then
  const all = parts.length > 1 && parts.every((p) => p.split(' ').length >= 2 || WIRE.test(p)) ? parts : parts.length === 1 ? parts : [line];
  for (let i = 0; i < all.length; i++) {
    const p = all[i]!;
    // "Jane Doe, Island Times": an outlet after the writer is no second author
    if (i > 0 && all.length > 1 && (outletPart(p) || OUTLET_NAME.test(p.trim())) && people.names.length > 0) {
      people.outlet ??= p.trim();
      continue;
    }
    const c = cleanPerson(p, publisher, people);
    if (c && !people.names.some((x) => x.toLowerCase() === c.toLowerCase())) people.names.push(c);
  }
}

/**
 * The writers a byline line the extractor took out of the article names ("By Jane Doe", "Monday, November 12, 2012,
 * by Jane Doe", "Written by: jdoe on …"): read from its "by" on, or the whole line when it is a person's name alone
 * (unless `needBy`, for a line taken out as a date or a post's details);
 * an agency goes to `source`. Empty for a line that names no one ("Last Updated:", "By Island Notes Staff").
 */
export function bylineAuthors(text: string, publisher?: string, needBy = false): { names: string[]; source?: string } {
  const line = cleanText(text).replace(/\s*\(\s*[^()]{1,20}\s*\)/g, ' ').replace(/\s+/g, ' ').trim();
  if (line.length === 0 || line.length > 200) return { names: [] };
  const by = /(?:^|[\s,;|·•–—-])(?:written |posted |reported )?by:?\s+(?=\S)/i.exec(line);
  if (!by && (needBy || INTERFACE_WORD.test(line) || !((looksLikePerson(line) && /^[\p{L}\s.'’-]+$/u.test(line)) || WIRE.test(line)))) return { names: [] };
  const people: People = { names: [] };
  addPeople(people, by ? line.slice(by.index + by[0].length) : line, publisher);
  // (a person's name in shape, or a user name: not an outlet, a team or a line of buttons)
  // (and a whole word of the line: not "Food" cut from "Food52"; no button's word: "posted by Joe Comments")
  const whole = (n: string) => new RegExp(`${n.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}(?![\\p{L}\\p{N}])`, 'u').test(line);
  const names = people.names.filter(
    (n) => !isPlaceholderAuthor(n) && !INTERFACE_WORD.test(n) && whole(n) && (looksLikePerson(n) || (/^[\p{L}\p{N}_.-]{4,30}$/u.test(n) && !ORG_WORD.test(n))),
  );
  return { names, ...(people.source ? { source: people.source } : {}) };
}

function personFromLd(v: unknown, out: People, publisher: string | undefined): void {
  const list = Array.isArray(v) ? v : [v];
  for (const x of list) {
    if (typeof x === 'string') addPeople(out, x, publisher);
    else if (x !== null && typeof x === 'object') {
      const o = x as Record<string, unknown>;
      const types = typesOf(o);
      const name = asString(o['name']);
      if (types.includes('organization') || types.includes('newsmediaorganization')) {
        if (name && WIRE.test(name.trim())) out.source ??= name.trim();
        continue;
      }
      if (name) addPeople(out, name, publisher);
    }
  }
}

const SITE_SEPARATOR = /\s+[|\-–—·•»:]{1,2}\s+/;

/** BCP 47 form of a language tag: "en_us" → "en-US". */
export function normalizeLanguage(s: string): string | undefined {
  if (typeof s !== 'string' || s.length > 100) return undefined;
  const t = s.split(/[,;]/)[0]!.trim().replace(/_/g, '-');
  const m = /^([a-z]{2,3})(?:-([a-z]{4}))?(?:-([a-z]{2}|\d{3}))?$/i.exec(t);
  if (!m) return undefined;
  let out = m[1]!.toLowerCase();
  if (m[2]) out += '-' + m[2][0]!.toUpperCase() + m[2].slice(1).toLowerCase();
  if (m[3]) out += '-' + m[3].toUpperCase();
  return out;
}

function hostOf(url: string | undefined): string | undefined {
  if (!url) return undefined;
  const m = /^(?:https?:)?\/\/([^/?#:]+)/i.exec(url);
  return m ? m[1]!.toLowerCase() : undefined;
}

/**
 * Names from the page's byline elements: from the first one that names someone, and from others in the same place
 * (several author links of one byline), never from the bylines of other stories further down the page.
 */
function bylineNames(els: Element[], publisher: string | undefined, out: People): void {
  let first: Element | null = null;
  for (const e of els) {
    if (out.names.length >= 5) break;
    if (first !== null && e.parent !== first.parent && (e.parent?.parent ?? null) !== (first.parent?.parent ?? null)) continue;
    // itemprop=author may hold itemprop=name or a meta with content
    let raw: string | null = null;
    const stack: AnyNode[] = [e];
    let steps = 0;
    while (stack.length > 0 && steps++ < 200 && raw === null) {
      const n = stack.pop()!;
      if (n.type !== 'tag') continue;
      const x = n as Element;
      if ((x.attribs['itemprop'] ?? '').toLowerCase() === 'name') raw = x.attribs['content'] ?? shortText(x, 200);
      for (let i = x.children.length - 1; i >= 0; i--) stack.push(x.children[i]!);
    }
    if (raw === null) raw = shortText(e, 200);
    if (raw === null) continue;
    // a byline line: "By Jane Doe and John Roe, Staff Writers · Nov 18, 2019"
    if (raw.split(/\s+/).length > 16) continue;
    const before = out.names.length;
    addPeople(out, raw, publisher);
    if (first === null && out.names.length > before) first = e;
  }
}

/**
 * Reads the metadata of a parsed page. Structured data (JSON-LD of article
 * types, then Open Graph and <meta>) wins over page markup (<title>, <time>,
 * byline elements). Never throws; missing fields are left out.
 */
export function readPageMetadata(doc: Document, titleSites?: readonly string[]): PageMetadata {
  try {
    return read(doc, titleSites);
  } catch {
    return {};
  }
}

/** The article object that describes this page (its URL, body and headline decide). */
function bestArticle(list: Array<Record<string, unknown>>, canonical: string | null): Record<string, unknown> | undefined {
  let best: Record<string, unknown> | undefined;
  let bestScore = -1;
  for (const o of list) {
    let score = 0;
    const u = asString(o['url']) ?? asString(o['mainEntityOfPage']);
    if (canonical && u && u.replace(/\/$/, '') === canonical.replace(/\/$/, '')) score += 4;
    if (typeof o['articleBody'] === 'string') score += 2;
    if (o['headline'] !== undefined) score += 1;
    if (o['datePublished'] !== undefined) score += 1;
    if (score > bestScore) {
      best = o;
      bestScore = score;
    }
  }
  return best;
}

/** Metadata titles, in the order they are trusted. */
const TITLE_KEYS = ['dc:title', 'dcterm:title', 'dcterms:title', 'og:title', 'twitter:title', 'parsely-title', 'sailthru.title', 'title', 'dc.title'];

function words(s: string): string {
  return s.normalize('NFKC').toLowerCase().replace(/[^\p{L}\p{N}]+/gu, ' ').trim();
}

function diceWords(a: string, b: string): number {
  const x = a.split(' ');
  const y = b.split(' ');
  const counts = new Map<string, number>();
  for (const w of x) counts.set(w, (counts.get(w) ?? 0) + 1);
  let common = 0;
  for (const w of y) {
    const k = counts.get(w) ?? 0;
    if (k > 0) {
      common++;
      counts.set(w, k - 1);
    }
  }
  return (2 * common) / (x.length + y.length);
}

/** Whether a headline and a title name the same article: equal, or the title is the headline with a site name beside a separator. */
export function titlesAgree(headline: string, title: string): boolean {
  const h = words(headline);
  const t = words(title);
  if (h.length < 4 || t.length < 4) return false;
  if (h === t) return true;
  if ((t.startsWith(h + ' ') || t.endsWith(' ' + h)) && SITE_SEPARATOR.test(title)) return true;
  return h.split(' ').length >= 3 && diceWords(h, t) >= 0.8;
}

/**
 * The title: the most trusted title of the page's metadata that the page confirms (its <h1> or another source names
 * the same headline), so that a JSON-LD "headline" no other source repeats (a description, a section) is passed
 * over; else the most trusted one that an <h2> or <h3> of the page shows (a blog's posts under <h2>, with an
 * og:title that names the blog on every page); else the most trusted one.
 */
export function chooseTitle(candidates: Array<string | undefined>, headings: string[], subheads: string[] = []): string | undefined {
  const cands = candidates.filter((x): x is string => typeof x === 'string' && x.trim() !== '').map(cleanText).filter((x) => x.length > 0 && x.length <= 1000);
  const shown = (list: string[]) => list.map(cleanText).filter((h) => h.length >= 4 && h.length <= 300);
  const heads = shown(headings);
  const subs = shown(subheads);
  for (const x of cands) {
    if (heads.some((h) => titlesAgree(h, x)) || cands.some((y) => y !== x && (titlesAgree(x, y) || titlesAgree(y, x)))) {
      // (a title that is one side of another whose other side the page shows as a heading too is the site's name, a
      // banner's: the other title holds the post's)
      const xw = words(x);
      const whole = cands.find((y) => {
        const yw = words(y);
        if (y === x || !titlesAgree(x, y)) return false;
        const rest = yw.startsWith(xw + ' ') ? yw.slice(xw.length + 1) : yw.endsWith(' ' + xw) ? yw.slice(0, -xw.length - 1) : '';
        return rest.split(' ').length >= 2 && subs.some((h) => words(h) === rest);
      });
      return whole ?? x;
    }
  }
  return cands.find((x) => subs.some((h) => titlesAgree(h, x))) ?? cands[0];
}

/** A title that is a heading of the page with the site's name glued after it (no space or separator between). */
function gluedSite(title: string, headings: readonly string[], ev: Parameters<typeof isSiteSegment>[1]): { title: string; cut: string } | null {
  for (const h of headings) {
    const head = cleanText(h);
    if (head.split(' ').length < 3 || title.length <= head.length || !title.startsWith(head)) continue;
    const rest = title.slice(head.length);
    if (/^\p{Lu}/u.test(rest) && /[\p{L}\p{N})]$/u.test(head) && rest.length <= 60 && isSiteSegment(rest, ev)) return { title: head, cut: rest.trim() };
  }
  return null;
}

function read(doc: Document, titleSites?: readonly string[]): PageMetadata {
  const c = collect(doc);
  const objs = jsonLdObjects(c.jsonLd);
  const articles = objs.filter((o) => typesOf(o).some((t) => ARTICLE_TYPES.has(t)));
  const pages = objs.filter((o) => typesOf(o).some((t) => PAGE_TYPES.has(t)));
  const ld = bestArticle(articles, c.canonical) ?? pages[0];
  const orgs = objs.filter((o) => typesOf(o).some((t) => t === 'organization' || t === 'newsmediaorganization'));
  const m = c.meta;
  const md: PageMetadata = {};

  // publisher first: it is needed to recognise site suffixes and non-authors
  const publisher =
    (ld ? asString((ld['publisher'] as unknown) ?? undefined) : undefined) ??
    first(m, ['og:site_name', 'application-name', 'twitter:app:name:iphone']) ??
    (orgs[0] ? asString(orgs[0]['name']) : undefined);
  if (publisher) md.publisher = cleanText(publisher);

  const url = c.canonical ?? first(m, ['og:url', 'twitter:url']) ?? (ld ? asString(ld['url']) ?? asString(ld['mainEntityOfPage']) : undefined);
  // a scheme-relative address ("//host/path", as pages write their canonical link) is given its scheme: https
  if (url && /^(?:https?:)?\/\//i.test(url)) md.url = cleanText(url.startsWith('//') ? `https:${url}` : url);
  const host = hostOf(md.url);

  const sites = [md.publisher, first(m, ['og:site_name', 'application-name', 'copyright']), ...orgs.map((o) => asString(o['name'])), ...c.shownSites].filter(
    (x): x is string => typeof x === 'string' && x.trim() !== '',
  );
  const title = chooseTitle(
    [
      ld ? asString(ld['headline']) ?? (articles.length > 0 ? asString(ld['name']) : undefined) : undefined,
      ...TITLE_KEYS.map((k) => first(m, [k])),
      c.titleTag ?? undefined,
    ],
    c.headings,
    c.subheads,
  );
  if (title !== undefined) {
    const ev = { sites, ...(host ? { host } : {}), ...(titleSites ? { runSites: titleSites } : {}) };
    const split = splitSiteSegments(title, ev);
    // a heading of the page that the site's name follows with no separator ("Post TitleSite Name", a theme that
    // leaves it out): the heading
    const glued = gluedSite(split.title, c.subheads, ev);
    if (glued) {
      split.title = glued.title;
      split.cut.push(glued.cut);
    }
    // a heading of the page that is one side of what is left: the headline, the other side the site's name
    const shown = confirmedHeadline(split.title, c.subheads, c.headings);
    if (shown) {
      split.title = shown.title;
      split.cut.push(shown.cut);
    }
    if (split.title) md.title = split.title;
    // the site's name as its titles write it, when the page names no publisher
    const named = split.cut.find((c) => !/^[\w-]+(?:\.[\w-]+)*\.[a-z]{2,24}$/i.test(c) && normalizeDate(c) === undefined);
    if (!md.publisher && named) md.publisher = cleanText(named);
  }

  const people: People = { names: [] };
  // an outlet is never an author: a name that names the site (its host, its publisher), unless it reads as a
  // person's (a blog under its writer's name); the next source is read when all a source gives are outlets
  const evidence = { sites: md.publisher ? [md.publisher, ...sites] : sites, ...(host ? { host } : {}) };
  const noOutlets = () => {
    people.names = people.names.filter((n) => looksLikePerson(n) || !isSiteSegment(n, evidence));
  };
  if (ld && ld['author'] !== undefined) personFromLd(ld['author'], people, md.publisher);
  noOutlets();
  if (people.names.length === 0 && ld && ld['creator'] !== undefined) personFromLd(ld['creator'], people, md.publisher);
  noOutlets();
  if (people.names.length === 0) {
    for (const k of META_AUTHOR) {
      for (const v of m.get(k) ?? []) addPeople(people, v, md.publisher);
      noOutlets();
      if (people.names.length > 0) break;
    }
  }
  if (people.names.length === 0) bylineNames(c.bylines, md.publisher, people);
  noOutlets();
  if (people.names.length > 0) {
    md.authors = people.names.slice(0, 20);
    md.author = md.authors.join(', ');
  }
  if (people.source) md.source = people.source;
  // the outlet a byline names beside its writer is the publisher when the page names none
  if (!md.publisher && people.outlet && md.author !== undefined) md.publisher = cleanText(people.outlet);

  const dateSources = [
    ld ? asString(ld['datePublished']) : undefined,
    ld ? asString(ld['dateCreated']) : undefined,
    ...META_DATE.map((k) => first(m, [k])),
    ...c.times.filter((t) => t.pub).map((t) => t.datetime),
    ...c.times.map((t) => t.datetime),
  ];
  for (const d of dateSources) {
    const n = d ? normalizeDate(d) : undefined;
    if (n) {
      md.date = n;
      break;
    }
  }
  const modSources = [ld ? asString(ld['dateModified']) : undefined, ...META_MODIFIED.map((k) => first(m, [k]))];
  for (const d of modSources) {
    const n = d ? normalizeDate(d) : undefined;
    if (n) {
      md.modified = n;
      break;
    }
  }

  const section = (ld ? asString(ld['articleSection']) : undefined) ?? first(m, META_SECTION);
  if (section) md.section = cleanText(section);

  const tags: string[] = [];
  const addTags = (v: unknown) => {
    const list = Array.isArray(v) ? v : typeof v === 'string' ? v.split(/\s*[,;]\s*/) : [];
    for (const x of list) {
      if (typeof x !== 'string') continue;
      const t = cleanText(x);
      if (t && t.length <= 80 && !tags.some((y) => y.toLowerCase() === t.toLowerCase())) tags.push(t);
    }
  };
  for (const t of m.get('article:tag') ?? []) addTags(t);
  if (ld && ld['keywords'] !== undefined) addTags(ld['keywords']);
  if (tags.length === 0) for (const k of META_TAGS) if (tags.length === 0) for (const v of m.get(k) ?? []) addTags(v);
  if (tags.length > 0) md.tags = tags.slice(0, 50);

  const langSource = c.lang ?? (ld ? asString(ld['inLanguage']) : undefined) ?? first(m, ['og:locale', 'content-language', 'language', 'dc.language']);
  const lang = langSource ? normalizeLanguage(langSource) : undefined;
  if (lang) md.language = lang;

  const image = first(m, ['og:image', 'og:image:url', 'og:image:secure_url']) ?? (ld ? asString(ld['image']) ?? asString(ld['thumbnailUrl']) : undefined) ?? first(m, ['twitter:image', 'twitter:image:src']);
  if (image) md.image = cleanText(image);

  const description = first(m, ['og:description', 'description', 'twitter:description', 'dc.description']) ?? (ld ? asString(ld['description']) : undefined);
  if (description) md.description = cleanText(description);

  if (c.charset) md.charset = c.charset;
  return md;
}
