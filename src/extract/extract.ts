// Main-content extraction over an htmlparser2 DOM.
//
// 1. analyze(): one iterative pass numbers the elements and measures text,
//    link text and punctuation per block (analyze.ts).
// 2. The block model (model.ts, weights fitted by `npm run train:html`) gives
//    each text block a probability p of being article text. The container is
//    the element whose blocks give the best expected F1 against the article,
//    2·Σp·c / (Σc + Σ_page p·c), c a block's characters; teaser cards count as
//    chrome and the JSON-LD articleBody, where it covers a block, as article.
// 3. The container is copied into a new <article>, leaving out boilerplate
//    inside it: hinted elements, hidden ones, captions, bylines, dates, the
//    headline, link lists to the same site and furniture lines. The copy keeps
//    no class or id, so later rules cannot drop its text again by name.
// 4. An attempt with little text is followed by the hand-weighted passes
//    (prose > 0, menus and teasers < 0; strict, then looser); the attempt with
//    the best expected F1 wins. Empty pages, index pages (teasers and nothing
//    else), error pages and paywall stubs give no-article.
import { Element, Text, type AnyNode, type Document } from 'domhandler';
import {
  analyze,
  proseOf,
  type Analysis,
  F_ARTICLE,
  F_AUTHOR,
  F_BLOCK,
  F_BODY_PROP,
  F_CAPTION,
  F_HEADING,
  F_HIDDEN,
  F_NOTICE,
  F_POS,
  F_PRE,
  F_SKIP,
  F_TIME,
} from './analyze.js';
import { ABOUT_HEADING, BOILERPLATE_LINE, COMMENTS_HEADING, ERROR_PAGE, EXCERPT_END, POST_FILED_LINE, POST_FILED_START, PAYWALL_TEXT, PROMO_LINE, RELATED_HEADING, REPORTING } from './hints.js';
import { excerpt, pageText, shortText } from './text.js';
import { liftHeadContent } from '../html/repair.js';
import { blockFeatures, blockProbabilities, findHeadline } from './model.js';
import { atHeadline, expectedF1, headlinePost, type ExpectedSums } from './headline-post.js';
import { bodyMatcher, isCutShort, jsonLdArticleBodies, normalizeTitle, sameTitle, titleKeys, type BodyMatcher } from './signals.js';

export interface ExtractOptions {
  /**
   * Fewest non-space characters an article must have: when every attempt stays
   * below it, the page is `no-article`. Default 1: a short item is still an
   * article (an attempt under 200 characters is retried with looser settings).
   */
  minChars?: number;
  /** Most entries reported in `removed`. Default 200. */
  maxRemoved?: number;
}

export interface ExtractResult {
  status: 'ok' | 'no-article';
  reason?: string;
  root: Element | null;
  removed: Array<{ what: string; text: string }>;
  attempts?: number;
  /**
   * The short text blocks around the article's headline (the nearest first: a few below it, then a few above), where
   * its byline and date lines stand: for the metadata when the page's markup dates nothing.
   */
  headerLines?: string[];
}

export const DEFAULT_MIN_CHARS = 1;
/** An attempt with fewer characters is followed by the next one; the longest wins. */
const RETRY_CHARS = 200;
/** An error title or heading refuses a page only when its text is about this short. */
const ERROR_MAX_CHARS = 700;
const DEFAULT_MAX_REMOVED = 200;
/** Most entries about text outside the container. */
const MAX_OUTSIDE_NOTES = 40;

/** Settings of one extraction pass, from strict to loose. */
interface Pass {
  /** leave boilerplate-hinted subtrees out of the container score */
  hintSelect: boolean;
  /** drop hinted elements inside the container: 2 strong and weak, 1 strong only, 0 none */
  hintDrop: 0 | 1 | 2;
  /** drop link lists and other link-dense blocks inside the container */
  linkFilter: boolean;
}

export const PASSES: readonly Pass[] = [
  { hintSelect: true, hintDrop: 2, linkFilter: true },
  { hintSelect: false, hintDrop: 1, linkFilter: true },
  { hintSelect: false, hintDrop: 0, linkFilter: false },
];

/** Score multipliers for structural hints on a candidate container. */
const BONUS_BODY_PROP = 1.3;
const BONUS_ARTICLE = 1.1;
const BONUS_POS = 1.05;

/** A child within this much of its parent's score and prose becomes the container. */
const DESCEND_MARGIN = 50;

/** A hinted element is only dropped while its prose is below this share of the container's. */
const STRONG_HINT_MAX_SHARE = 0.5;
const WEAK_HINT_MAX_SHARE = 0.25;
/** Hints of a line of its own (a byline, a date): such an element inside a paragraph is the article's byline line. */
const SHORT_LINE_HINT = /^(?:byline|date|dateline)\b/;
/** Reasons that drop an element whatever its size. */
const ALWAYS_DROP: ReadonlySet<string> = new Set(['comments', 'cookie banner']);

/**
 * Link-dense blocks: most of the text in links to the same site (menus,
 * related stories). Links to other sites are sources and shop links, kept.
 */
const MAX_INTERNAL_LINK_DENSITY = 0.5;

interface Attempt {
  container: number;
  root: Element;
  chars: number;
  paragraphs: number;
  linkedHeadings: number;
  removed: Array<{ what: string; text: string }>;
  bodyCoverage: number;
  /** the block model's expected F1 of the output (-1 without the model) */
  expectedF1: number;
}

function append(parent: Element, child: Element | Text): void {
  const last = parent.children[parent.children.length - 1];
  if (last) {
    last.next = child;
    child.prev = last;
  }
  child.parent = parent;
  parent.children.push(child);
}

function countChars(s: string): number {
  let n = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c > 32 && c !== 160 && c !== 0x200b && c !== 0xfeff) n++;
  }
  return n;
}

const BYLINE_TEXT = /^(?:by|from|von|par|por|di|door|av|af)\s+\S/i;
const TERMINAL = /[.!?。！？]["'”’»)]?$/;

export function pickContainer(a: Analysis, pass: Pass, match: BodyMatcher | null, learned: Float64Array | null = null): number {
  const n = a.els.length;
  const S = new Float64Array(n);
  const cut = new Uint8Array(n);
  const root = a.body >= 0 ? a.body : 0;
  const totalProse = n > 0 ? a.prose[root]! : 0;
  for (let i = n - 1; i >= 0; i--) {
    const f = a.flags[i]!;
    if (f & (F_SKIP | F_HIDDEN)) {
      cut[i] = 1;
      continue;
    }
    let w = learned !== null ? learned[i]! : a.weight[i]!;
    if (match !== null && a.ownChars[i]! > 0) w += match.blockBonus(i);
    S[i]! += w;
    if (pass.hintSelect && a.neg[i] === 2 && proseOf(a, i) < STRONG_HINT_MAX_SHARE * totalProse) cut[i] = 1;
    if (a.card[i]) cut[i] = 1;
    const p = a.parent[i]!;
    // a cut subtree adds nothing to its parent: it is left out of the output anyway
    if (p >= 0 && !cut[i]) S[p]! += S[i]!;
  }
  let best = -1;
  let bestScore = 0;
  // top-down: candidates must not sit inside a cut subtree
  const blocked = new Uint8Array(n);
  for (let i = 0; i < n; i++) {
    const p = a.parent[i]!;
    if (cut[i] || (p >= 0 && blocked[p])) {
      blocked[i] = 1;
      continue;
    }
    const f = a.flags[i]!;
    if (!(f & F_BLOCK)) continue;
    let v = S[i]!;
    if (v > 0) {
      if (f & F_BODY_PROP) v *= BONUS_BODY_PROP;
      else if (f & F_ARTICLE) v *= BONUS_ARTICLE;
      else if (f & F_POS) v *= BONUS_POS;
    }
    // ties go to the deeper element
    if (v >= bestScore && v > 0) {
      best = i;
      bestScore = v;
    }
  }
  // Step down while one child holds nearly all of the score and the prose:
  // what the parent adds is then a stray line or two, not article text.
  while (best >= 0) {
    const end = best + a.size[best]!;
    let child = -1;
    for (let j = best + 1; j < end; j += a.size[j]!) {
      if (!blocked[j] && (a.flags[j]! & F_BLOCK) && (child < 0 || S[j]! > S[child]!)) child = j;
    }
    if (child < 0 || S[child]! < S[best]! - DESCEND_MARGIN || a.prose[child]! < a.prose[best]! - DESCEND_MARGIN) break;
    best = child;
  }
  return best;
}

/**
 * The container by the block model: the element whose text blocks give the best expected F1 against the article,
 * 2·Σp·c / (Σc + Σ_page p·c) over its blocks (p the model's probability, c the block's characters). Where the
 * JSON-LD articleBody covers a block, that coverage stands for p when higher.
 */
export function pickContainerF(a: Analysis, prob: Float64Array, match: BodyMatcher | null): number {
  return bestExpected(a, expectedSums(a, prob, match));
}

/** Σ p·c and Σ c under every element (see pickContainerF). */
export function expectedSums(a: Analysis, prob: Float64Array, match: BodyMatcher | null): ExpectedSums {
  const n = a.els.length;
  const A = new Float64Array(n);
  const B = new Float64Array(n);
  const cut = new Uint8Array(n);
  let T = 0;
  for (let i = n - 1; i >= 0; i--) {
    const f = a.flags[i]!;
    // hidden text and teaser cards add nothing to their parents
    if (f & (F_SKIP | F_HIDDEN) || a.card[i]) {
      cut[i] = 1;
      continue;
    }
    const c = a.ownChars[i]!;
    if (c > 0) {
      let p = prob[i]!;
      if (match !== null) p = Math.max(p, match.cover(i));
      A[i]! += p * c;
      B[i]! += c;
      T += p * c;
    }
    const q = a.parent[i]!;
    if (q >= 0) {
      A[q]! += A[i]!;
      B[q]! += B[i]!;
    }
  }
  for (let i = 0; i < n; i++) {
    const q = a.parent[i]!;
    if (q >= 0 && cut[q]) cut[i] = 1;
  }
  return { A, B, cut, total: T };
}

/** The element with the best expected F1 (ties go to the deeper element), or -1. */
function bestExpected(a: Analysis, s: ExpectedSums): number {
  let best = -1;
  let bestScore = 0;
  for (let i = 0; i < a.els.length; i++) {
    if (s.cut[i] || !(a.flags[i]! & F_BLOCK) || s.B[i]! === 0) continue;
    const v = expectedF1(s, i);
    if (v >= bestScore && v > 0) {
      best = i;
      bestScore = v;
    }
  }
  return best;
}

/** A list of three or more items, most of them excerpts cut short ("… [...]"): teasers of other posts. */
function excerptList(a: Analysis, i: number): boolean {
  let items = 0;
  let cut = 0;
  for (let j = i + 1, end = i + a.size[i]!; j < end; j += a.size[j]!) {
    if (a.els[j]!.name !== 'li' || a.chars[j]! === 0) continue;
    items++;
    const t = a.chars[j]! <= 2000 ? shortText(a.els[j]!, 2000) : null;
    if (t !== null && EXCERPT_END.test(t.trim())) cut++;
  }
  return items >= 3 && cut >= 3 && cut >= 0.6 * items;
}

/**
 * Whether element i is a block, or an inline element that is most of its
 * block's text (a byline or date line) rather than a word inside a sentence.
 */
function standsAlone(a: Analysis, i: number): boolean {
  if (a.flags[i]! & F_BLOCK) return true;
  let b = a.parent[i]!;
  for (let d = 0; d < 32 && b >= 0 && !(a.flags[b]! & F_BLOCK); d++) b = a.parent[b]!;
  if (b < 0 || !(a.flags[b]! & F_BLOCK)) return true;
  if (a.ownChars[b]! - a.chars[i]! >= STANDALONE_REST) return false;
  // the subject of a sentence that goes on after it ("<a>Jane Doe</a> – who has written 412 posts …")
  let e: AnyNode = a.els[i]!;
  while (e.next === null && e.parent !== null && e.parent !== a.els[b]) e = e.parent;
  const after = e.next;
  return !(after !== null && after.type === 'text' && SENTENCE_GOES_ON.test((after as Text).data));
}

/** Words after a name that make it the subject of a sentence, not a byline. */
const SENTENCE_GOES_ON = /^\s*[,–—-]?\s*(?:who|which|is|was|has|had|writes|wrote|says|said|joined|founded|lives)\b/;

function nextElement(e: Element): Element | null {
  for (let n = e.next; n !== null; n = n.next) {
    if (n.type === 'tag') return n as Element;
    if (n.type === 'text' && (n as Text).data.trim() !== '') return null;
  }
  return null;
}

/**
 * When the container holds several full <article>s (a page that loads the next
 * story below the first), keeps the one whose heading is the page title.
 */
function oneArticle(a: Analysis, ci: number, titles: string[]): number {
  const end = ci + a.size[ci]!;
  const total = a.prose[ci]!;
  const found: number[] = [];
  for (let j = ci + 1; j < end; j++) {
    if (a.els[j]!.name === 'article' && a.prose[j]! >= ARTICLE_MIN_SHARE * total) {
      found.push(j);
      j += a.size[j]! - 1;
    }
  }
  if (found.length < 2) return ci;
  for (const j of found) {
    const stop = Math.min(j + a.size[j]!, j + 2000);
    for (let h = j + 1; h < stop; h++) {
      if (!(a.flags[h]! & F_HEADING) || a.chars[h]! > 400) continue;
      const t = shortText(a.els[h]!, 400);
      if (t !== null && sameTitle(t, titles)) return j;
    }
  }
  return ci;
}

function isWrapper(name: string): boolean {
  return name === 'div' || name === 'section' || name === 'article' || name === 'main' || name === 'body' || name === 'html' || name === 'td' || name === 'form' || name === 'span' || name === 'center' || name === 'font';
}

const KEEP_EMPTY: ReadonlySet<string> = new Set(['br', 'hr', 'img', 'wbr']);
/** Most characters of other text beside an inline byline or date in its block. */
const STANDALONE_REST = 40;
/** Shortest JSON-LD articleBody used in place of the page text. */
const JSONLD_MIN_CHARS = 300;
/** An index page has little text per linked headline. */
const INDEX_MAX_CHARS_PER_HEADLINE = 400;
/** Share of the container's prose an <article> needs to count as one of several stories. */
const ARTICLE_MIN_SHARE = 0.2;
/** Output nesting limit; deeper content is flattened. */
const MAX_OUTPUT_DEPTH = 200;
/** Inline tags merged into an identical parent (<b><b>x</b></b> → <b>x</b>). */
const INLINE_MERGE: ReadonlySet<string> = new Set(['b', 'strong', 'i', 'em', 'u', 'span', 'font', 'small', 'big', 'mark', 's']);
/** Generic containers left out of the copy when they only wrap one block. */
const WRAPPERS: ReadonlySet<string> = new Set(['div', 'section', 'article', 'main', 'span', 'font', 'center', 'header', 'figure']);

/** True when `e` holds exactly one element, a block, and no text of its own. */
function wrapsOneBlock(a: Analysis, e: Element, idx: number): boolean {
  let seen = false;
  for (const c of e.children) {
    if (c.type === 'text') {
      if ((c as Text).data.trim() !== '') return false;
    } else if (c.type === 'tag') {
      if (seen) return false;
      seen = true;
    } else if (c.type !== 'comment') return false;
  }
  // the only child comes right after e in document order
  return seen && (a.flags[idx + 1]! & F_BLOCK) !== 0;
}

/**
 * The attributes an output element keeps. The extractor has already judged the page's class and id names, so the copy
 * leaves them out: the rules that run after it must not drop article text a second time for a class name.
 */
function copyAttribs(attribs: Record<string, string>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const k in attribs) if (k !== 'class' && k !== 'id') out[k] = attribs[k]!;
  return out;
}

/** A bio's first words: a name (up to four capitalised words) and a verb that describes a person or a company. */
const BIO_START = /^\p{Lu}[\p{L}.'’-]*(?:\s+\p{Lu}[\p{L}.'’-]*){0,3}\s+(?:is|was|has|writes|lives|covers|joined|founded|works)\b/u;

/**
 * A box about the writer or the company under an article: a short block `t` (element h) that reads "About the
 * author", "About <Name>" or "Written by <Name>", whose next text block in container ci begins with that name (or,
 * after "About the author", with a name and a verb such as "is" or "writes"). Returns that next block, or -1. Both
 * go whole; the heading alone, or a heading whose next block is something else ("About the Braves:" over a team's
 * notes), stays.
 */
function aboutBox(a: Analysis, h: number, t: string, ci: number): number {
  const m = ABOUT_HEADING.exec(t);
  if (m === null) return -1;
  const j = nextBlock(a, h, ci, 1);
  if (j < 0) return -1;
  const next = excerpt(a.els[j]!, 80);
  if (m[1] === undefined) return BIO_START.test(next) ? j : -1;
  const first = m[1].split(/\s+/)[0]!;
  return next.startsWith(first) && !/^[\p{L}\p{N}]/u.test(next.slice(first.length)) ? j : -1;
}

/** Most characters of a box about the writer, and most text blocks under its heading. */
const AUTHOR_BOX_MAX_CHARS = 1500;
const AUTHOR_BOX_MAX_BLOCKS = 6;
/** A heading that names the writer by its words: "Author: Jane Doe", "Written by Jane Doe", "Posted by Jane Doe". */
const AUTHOR_HEADING = /^(?:author|written by|posted by)\s*:?\s+\p{Lu}/iu;
/** A text about a person: a pronoun of one ("I", "my", "she", "his" …). */
const PERSON_WORD = /(?:^|[^\p{L}\p{N}])(?:I|I['’](?:m|ve|d)|[Mm]y|[Mm]e|[Hh]e|[Ss]he|[Hh]is|[Hh]er|[Hh]im)(?![\p{L}\p{N}])/u;

/**
 * A box about the writer under the article: element `i`, whose first text is a heading that names the writer (an
 * author link — rel=author, itemprop=author, a byline class — or "About the author", "About <Name>", "Author: <Name>",
 * "Written by <Name>") followed by a bio and little else. The bio is a block of prose of BIO_MIN_CHARS or more about a
 * person: it names a word of the heading's name or speaks of one ("I founded …", "she spends her days …"). The box goes
 * whole, whatever the bio's first words, where `aboutBox` takes only a bio that begins with the name.
 */
function authorBox(a: Analysis, i: number): boolean {
  if (a.chars[i]! > AUTHOR_BOX_MAX_CHARS || a.flags[i]! & F_HEADING) return false;
  const end = i + a.size[i]!;
  let h = -1;
  for (let j = i + 1; j < end; j++) {
    if (a.flags[j]! & (F_SKIP | F_HIDDEN)) {
      j += a.size[j]! - 1;
      continue;
    }
    if (a.ownChars[j]! > 0) {
      h = j;
      break;
    }
  }
  if (h < 0 || !(a.flags[h]! & F_HEADING) || a.chars[h]! > 120) return false;
  const heading = shortText(a.els[h]!, 120);
  if (heading === null) return false;
  let named = false;
  for (let j = h; j < h + a.size[h]! && !named; j++) if (a.flags[j]! & F_AUTHOR) named = true;
  if (!named) {
    const line = heading.replace(/\s+/g, ' ').trim();
    named = ABOUT_HEADING.test(line) || AUTHOR_HEADING.test(line);
  }
  if (!named) return false;
  const names = heading.match(/\p{Lu}[\p{L}'’-]+/gu)?.filter((w) => !/^(?:About|Author|Written|Posted|By)$/.test(w)) ?? [];
  let blocks = 0;
  let bio = false;
  for (let j = h + a.size[h]!; j < end; j++) {
    if (a.flags[j]! & (F_SKIP | F_HIDDEN)) {
      j += a.size[j]! - 1;
      continue;
    }
    if (a.ownChars[j]! === 0) continue;
    if (++blocks > AUTHOR_BOX_MAX_BLOCKS) return false;
    if (bio || a.weight[j]! <= 0 || a.ownChars[j]! < BIO_MIN_CHARS) continue;
    const t = shortText(a.els[j]!, AUTHOR_BOX_MAX_CHARS);
    if (t === null) continue;
    const words = new Set(t.match(/[\p{L}'’-]+/gu) ?? []);
    if (PERSON_WORD.test(t) || names.some((w) => words.has(w))) bio = true;
  }
  return bio;
}

/** The first visible block after element `h` inside container `ci` with at least `minChars` characters of its own, or -1. */
function nextBlock(a: Analysis, h: number, ci: number, minChars: number): number {
  const end = ci + a.size[ci]!;
  for (let j = h + a.size[h]!; j < end; j++) {
    const f = a.flags[j]!;
    if (f & (F_SKIP | F_HIDDEN)) {
      j += a.size[j]! - 1;
      continue;
    }
    if (f & F_BLOCK && a.ownChars[j]! >= minChars) return j;
  }
  return -1;
}

/** A link-dense block is still a sentence of the article with this much text outside its links (characters, share). */
const SENTENCE_MIN_UNLINKED = 20;
const SENTENCE_MIN_UNLINKED_SHARE = 0.2;
const SENTENCE_MAX_CHARS = 2000;

/**
 * A block of prose whose links are words of its sentences ("Well, I'm happy to say that <a>the no.1 most requested
 * feature</a> is here."): no nested block, at least SENTENCE_MIN_UNLINKED characters and a fifth of its text outside
 * links, ending as a sentence ends. Link lists, related headlines and "Read more" lines do not end so.
 */
function linkedSentence(a: Analysis, i: number, e: Element): boolean {
  const c = a.chars[i]!;
  if (c > SENTENCE_MAX_CHARS || a.ownChars[i]! < c) return false;
  const unlinked = c - a.link[i]!;
  if (unlinked < SENTENCE_MIN_UNLINKED || unlinked < SENTENCE_MIN_UNLINKED_SHARE * c) return false;
  const t = shortText(e, SENTENCE_MAX_CHARS);
  return t !== null && TERMINAL.test(t.trim());
}

/** Most characters of a site's tagline under its name. */
const TAGLINE_MAX_CHARS = 150;
/** A page title in two parts at a separator: "Harbour Notes: Ferry to run twice a day", "Ferry … | Harbour Notes". */
const TITLE_PARTS = /^(.+?)(?:\s*:|\s+[|\-–—·•»]{1,2})\s+(.+)$/;

/**
 * Whether heading text `t` is the site's name: one end of a page title split at its first separator, the title's other
 * part being the post's headline, which another heading of the page shows ("Harbour Notes" under the title "Harbour
 * Notes: Ferry to run twice a day", with a heading "Ferry to run twice a day" further on).
 */
function siteNameHeading(a: Analysis, t: string): boolean {
  const k = normalizeTitle(t);
  if (k.length < 4) return false;
  const posts: string[] = [];
  for (const title of a.head.titles) {
    const m = TITLE_PARTS.exec(title.trim());
    if (m === null) continue;
    const first = normalizeTitle(m[1]!);
    const rest = normalizeTitle(m[2]!);
    if (first === k && rest.length > 0) posts.push(rest);
    else if (rest === k && first.length > 0) posts.push(first);
  }
  if (posts.length === 0) return false;
  for (let i = 0; i < a.els.length; i++) {
    if (!(a.flags[i]! & F_HEADING) || a.chars[i]! === 0 || a.chars[i]! > 400) continue;
    const h = shortText(a.els[i]!, 400);
    if (h !== null && posts.includes(normalizeTitle(h))) return true;
  }
  return false;
}

/** Shortest block read as the bio under a byline. */
const BIO_MIN_CHARS = 40;
/** A byline's name: up to four capitalised words, after an optional "By". */
const BYLINE_NAME = /^(?:[Bb]y:?\s+)?(\p{Lu}[\p{L}.'’-]*(?:\s+\p{Lu}[\p{L}.'’-]*){1,3})$/u;

/**
 * A byline element h (a name, before or after the article) whose next text block in container ci is a bio of that
 * name: it begins with one of the name's words and a verb such as "is" or "writes" ("Richard Roe" over "Richard Roe
 * is the founder of …", "John Biggs" over "Biggs is the East Coast editor …"). Returns that block, or -1.
 */
function bylineBio(a: Analysis, h: number, e: Element, ci: number): number {
  const t = shortText(e, 80);
  const m = t === null ? null : BYLINE_NAME.exec(t.replace(/\s+/g, ' ').trim());
  if (m === null) return -1;
  // the first block of some length: a profile's short link lines ("Friend me", "Connect") come between
  const j = nextBlock(a, h, ci, BIO_MIN_CHARS);
  if (j < 0) return -1;
  const next = excerpt(a.els[j]!, 80);
  return m[1]!.split(' ').some((w) => w.length > 1 && next.startsWith(w) && !/^[\p{L}\p{N}]/u.test(next.slice(w.length))) && BIO_START.test(next) ? j : -1;
}

/** Share of a block's text in links for it to go on a related-stories heading's run of links. */
const RELATED_RUN_LINK_SHARE = 0.9;

/** Chrome tags the extractor kept (an article laid out in an <aside>): plain blocks in the copy, for the same reason. */
const CHROME_OUT: ReadonlySet<string> = new Set(['nav', 'aside', 'footer', 'menu']);
function outName(name: string): string {
  return CHROME_OUT.has(name) ? 'div' : name;
}

function emit(a: Analysis, ci: number, pass: Pass, titles: string[], maxRemoved: number, match: BodyMatcher | null, model: PageModel | null): Attempt {
  // the model's expected true and output characters of what is kept
  let expA = 0;
  let expB = 0;
  const removed: Array<{ what: string; text: string }> = [];
  const note = (what: string, node: AnyNode) => {
    if (removed.length >= maxRemoved) return;
    const text = excerpt(node, 100);
    if (text) removed.push({ what, text });
  };
  const out = new Element('article', {});
  const container = a.els[ci]!;
  let top = out;
  if (!isWrapper(container.name)) {
    top = new Element(outName(container.name), copyAttribs(container.attribs));
    append(out, top);
  }
  const cProse = a.prose[ci]!;
  let chars = 0;
  let paragraphs = 0;
  let linkedHeadings = 0;
  let sawProse = false;
  let matchedChars = 0;
  let dropIdx = -1;
  let relatedRun = false;
  let aboutIdx = -1;
  let taglineIdx = -1;
  // after a heading over the readers' comments, the rest of the container is the comment section
  let inComments = false;

  // explicit stack; a null node is a marker that appends a <br> to its target
  const nodes: Array<AnyNode | null> = [];
  const outs: Element[] = [];
  const depths: number[] = [];
  for (let i = container.children.length - 1; i >= 0; i--) {
    nodes.push(container.children[i]!);
    outs.push(top);
    depths.push(top === out ? 1 : 2);
  }
  let k = ci + 1;
  while (nodes.length > 0) {
    const node = nodes.pop()!;
    const target = outs.pop()!;
    const depth = depths.pop()!;
    if (node === null) {
      append(target, new Element('br', {}));
      continue;
    }
    if (node.type === 'text') {
      const data = (node as Text).data;
      if (inComments) continue;
      chars += countChars(data);
      append(target, new Text(data));
      continue;
    }
    if (node.type !== 'tag' && node.type !== 'script' && node.type !== 'style') continue;
    const e = node as Element;
    const idx = k;
    if (a.els[idx] !== e) throw new Error('extract: element order mismatch');
    const f = a.flags[idx]!;
    const size = a.size[idx]!;
    if (inComments) {
      k += size;
      if (a.chars[idx]! > 0) note('comment section', e);
      continue;
    }
    if (f & F_SKIP) {
      k += size;
      if (e.name === 'img' && e.attribs['src']) {
        const attrs: Record<string, string> = { src: e.attribs['src'] };
        if (e.attribs['alt']) attrs['alt'] = e.attribs['alt'];
        append(target, new Element('img', attrs));
      }
      continue;
    }
    if (f & F_HIDDEN) {
      k += size;
      note('hidden element', e);
      continue;
    }
    const chars_ = a.chars[idx]!;
    const neg = a.neg[idx]!;
    if (idx === taglineIdx) {
      k += size;
      note('site tagline', e);
      continue;
    }
    if (f & F_HEADING && sawProse && chars_ > 0 && chars_ <= 240) {
      const t = shortText(e, 240);
      if (t !== null && COMMENTS_HEADING.test(t)) {
        inComments = true;
        k += size;
        note('comment section', e);
        continue;
      }
    }
    if (pass.hintDrop > 0 && neg > 0 && (neg === 2 || pass.hintDrop === 2)) {
      const reason = a.negReason.get(idx) ?? '';
      const always = ALWAYS_DROP.has(reason.replace(/ \(.*$/, ''));
      const share = neg === 2 ? STRONG_HINT_MAX_SHARE : WEAK_HINT_MAX_SHARE;
      // (an inline element inside a sentence is no chrome of its own: its words are the sentence's)
      if (always || (proseOf(a, idx) < share * cProse && (SHORT_LINE_HINT.test(reason) || standsAlone(a, idx)))) {
        k += size;
        if (chars_ > 0) note(`boilerplate by class/id/tag: ${reason}`, e);
        // a byline box: the writer's bio that begins with the name goes with it
        if (reason.startsWith('byline') && chars_ <= 80) {
          const bio = bylineBio(a, idx, e, ci);
          if (bio >= 0) {
            dropIdx = bio;
            aboutIdx = bio;
          }
        }
        continue;
      }
    }
    if (a.card[idx] && pass.linkFilter) {
      k += size;
      note('teaser', e);
      continue;
    }
    if (f & F_NOTICE) {
      k += size;
      note('site notice (cookies, JavaScript)', e);
      continue;
    }
    if (f & F_CAPTION) {
      k += size;
      if (chars_ > 0) note('caption', e);
      continue;
    }
    if (f & F_AUTHOR && chars_ < 200 && standsAlone(a, idx)) {
      k += size;
      if (chars_ > 0) note('byline', e);
      // a writer's name over a bio that begins with it: the bio goes with it
      const bio = chars_ <= 80 ? bylineBio(a, idx, e, ci) : -1;
      if (bio >= 0) {
        dropIdx = bio;
        aboutIdx = bio;
      }
      continue;
    }
    if (f & F_TIME && chars_ < 80 && standsAlone(a, idx)) {
      k += size;
      if (chars_ > 0) note('date', e);
      continue;
    }
    if (f & F_HEADING) {
      // headlines linking to other pages of the site, as on an index page
      if (chars_ > 0 && a.inLink[idx]! > 0.6 * chars_) linkedHeadings++;
      if (chars_ > 0 && chars_ < 400) {
        const t = shortText(e, 400);
        if (t !== null && ((!sawProse && e.name === 'h1') || sameTitle(t, titles))) {
          k += size;
          note('headline', e);
          // the site's name over the article: the short line right after it is the site's tagline
          if (!sawProse && !sameTitle(t, titles) && siteNameHeading(a, t)) {
            const ns = nextElement(e);
            const j = idx + size;
            if (ns !== null && a.els[j] === ns && a.chars[j]! > 0 && a.chars[j]! <= TAGLINE_MAX_CHARS && a.ownChars[j] === a.chars[j]) taglineIdx = j;
          }
          continue;
        }
      }
    }
    if (f & F_BLOCK && chars_ > 0 && !(f & F_PRE)) {
      // a box about the writer under the article, headed by the writer's name
      if (sawProse && !(f & F_HEADING) && authorBox(a, idx)) {
        k += size;
        note('about the author or company', e);
        continue;
      }
      // a box about the writer or the company under the article: its heading, and the bio it names (below)
      if (sawProse && chars_ <= 80) {
        const t = shortText(e, 80);
        const bio = t === null ? -1 : aboutBox(a, idx, t, ci);
        if (bio >= 0) {
          k += size;
          note('about the author or company', e);
          dropIdx = bio;
          aboutIdx = bio;
          continue;
        }
      }
      if (pass.linkFilter) {
        const inShare = a.inLink[idx]! / chars_;
        const linkShare = a.link[idx]! / chars_;
        if (inShare > MAX_INTERNAL_LINK_DENSITY && !(match?.covers(idx)) && !linkedSentence(a, idx, e)) {
          k += size;
          note(`link density ${linkShare.toFixed(2)}`, e);
          continue;
        }
      }
      if (idx === dropIdx) {
        k += size;
        note(aboutIdx === idx ? 'about the author or company' : 'related links', e);
        continue;
      }
      // under a related-stories heading, the blocks that are all link text (to any site) go with it, up to the
      // first block with text of its own
      if (relatedRun) {
        if (a.link[idx]! >= RELATED_RUN_LINK_SHARE * chars_) {
          k += size;
          note('related links', e);
          continue;
        }
        relatedRun = false;
      }
      if (chars_ > 15 && chars_ <= 1000 && sawProse && POST_FILED_START.test(excerpt(e, 40))) {
        const t = shortText(e, 1000);
        if (t !== null && POST_FILED_LINE.test(t)) {
          k += size;
          note('post filing line', e);
          continue;
        }
      }
      if ((e.name === 'ul' || e.name === 'ol') && sawProse && excerptList(a, idx)) {
        k += size;
        note('excerpts of other posts', e);
        continue;
      }
      if (chars_ <= 160) {
        const t = shortText(e, 240);
        if (t !== null) {
          if (t.length <= 120 && BOILERPLATE_LINE.test(t)) {
            k += size;
            note('page furniture', e);
            continue;
          }
          if (t.length <= 120 && RELATED_HEADING.test(t)) {
            k += size;
            note('related links', e);
            relatedRun = true;
            // and the list of links right after it
            const ns = nextElement(e);
            const j = idx + size;
            if (ns !== null && a.els[j] === ns && a.chars[j]! > 0 && (a.link[j]! > 0.3 * a.chars[j]! || a.neg[j]! > 0)) dropIdx = j;
            continue;
          }
          if (PROMO_LINE.test(t) && !REPORTING.test(t)) {
            k += size;
            note('promotion', e);
            continue;
          }
          if (BYLINE_TEXT.test(t) && !TERMINAL.test(t) && t.split(' ').length <= 8 && !sawProse) {
            k += size;
            note('byline', e);
            continue;
          }
        }
      }
    }
    if (a.weight[idx]! > 0) {
      paragraphs++;
      sawProse = true;
      if (match !== null) matchedChars += match.matchedChars(idx);
    }
    k += 1;
    if (model !== null && a.ownChars[idx]! > 0) {
      expA += model.prob[idx]! * a.ownChars[idx]!;
      expB += a.ownChars[idx]!;
    }
    const ch = e.children;
    // Keep the copy shallow: no copy for a wrapper around a single block, for
    // an inline tag inside the same tag, or below the depth limit (where a
    // block's edges become line breaks).
    let into: Element;
    let d = depth;
    if (KEEP_EMPTY.has(e.name)) {
      append(target, new Element(e.name, copyAttribs(e.attribs)));
      continue;
    } else if (depth >= MAX_OUTPUT_DEPTH) {
      into = target;
      if (f & F_BLOCK) {
        append(target, new Element('br', {}));
        nodes.push(null);
        outs.push(target);
        depths.push(depth);
      }
    } else if ((INLINE_MERGE.has(e.name) && e.name === target.name) || (WRAPPERS.has(e.name) && wrapsOneBlock(a, e, idx))) {
      into = target;
    } else {
      into = new Element(outName(e.name), copyAttribs(e.attribs));
      append(target, into);
      d = depth + 1;
    }
    for (let i = ch.length - 1; i >= 0; i--) {
      nodes.push(ch[i]!);
      outs.push(into);
      depths.push(d);
    }
  }
  // text nodes and blocks directly in a non-wrapper container
  if (a.weight[ci]! > 0) paragraphs++;
  if (model !== null) {
    expA += model.prob[ci]! * a.ownChars[ci]!;
    expB += a.ownChars[ci]!;
  }
  return {
    expectedF1: model !== null ? (2 * expA) / Math.max(1, expB + model.total) : -1,
    container: ci,
    root: out,
    chars,
    paragraphs,
    linkedHeadings,
    removed,
    bodyCoverage: match !== null ? matchedChars / Math.max(1, match.totalChars) : 0,
  };
}

/**
 * Reports what was left outside the container: each boilerplate-hinted
 * region once (cookie banner, navigation, comments …), and prose paragraphs
 * outside any such region. Bounded, so huge pages give short reports.
 */
function noteOutside(a: Analysis, ci: number, removed: Array<{ what: string; text: string }>, maxRemoved: number, kept = -1): void {
  const end = ci + a.size[ci]!;
  const limit = Math.min(maxRemoved, removed.length + MAX_OUTSIDE_NOTES);
  for (let i = 0; i < a.els.length && removed.length < limit; i++) {
    if (i === ci) {
      i = end - 1;
      continue;
    }
    const f = a.flags[i]!;
    if (f & (F_SKIP | F_HIDDEN)) continue;
    const reason = a.negReason.get(i);
    if ((reason !== undefined && a.neg[i] === 2) || a.card[i] || f & F_NOTICE) {
      // one entry for the whole region, unless it holds the container
      if (ci >= i && ci < i + a.size[i]!) continue;
      if (a.chars[i]! > 0) {
        const text = excerpt(a.els[i]!, 100);
        const what = reason !== undefined ? reason : a.card[i] ? 'teaser' : 'site notice';
        if (text) removed.push({ what: `outside the article: ${what}`, text });
      }
      i += a.size[i]! - 1;
      continue;
    }
    if (i !== kept && a.weight[i]! > 100 && a.ownChars[i]! - a.ownLink[i]! >= 150) {
      const text = excerpt(a.els[i]!, 100);
      if (text) removed.push({ what: 'outside the article container', text });
    }
  }
}

/** Shortest standfirst: a shorter line between the headline and the article is a byline, a date or a share line. */
const STANDFIRST_MIN_CHARS = 60;
const STANDFIRST_MAX_CHARS = 600;
/** Shortest standfirst that is the page's own summary (its meta description). */
const STANDFIRST_DESCRIBED_MIN_CHARS = 20;
/** A byline or filing line under a headline: who posted it and when (a time of day is no standfirst's). */
const FILING_LINE = /^(?:posted|published|updated|filed|written|submitted)\s+(?:by|on|at|in)\b|\b\d{1,2}:\d{2}\b/i;
/** How much of the article's start is read for a repeat of the standfirst. */
const STANDFIRST_REPEAT_CHARS = 2000;
/** How far above the container the standfirst and the container meet (its parent, grandparent or the element above). */
const STANDFIRST_LEVELS = 3;

/**
 * The standfirst (dek) of an article laid out apart from its text: the one block of some length (or the page's own
 * summary, its meta description, of any length from 20 characters) between the headline and the container, written
 * as a sentence (or that summary), mostly not links, in no caption, byline, date or strongly hinted element,
 * and meeting the container at most three levels above it ("The next iPod Touch could sport the same tall display …"
 * in the article's header, the text in the next element). Returns that block and its text, or null.
 */
function standfirst(a: Analysis, headline: number, ci: number): { block: number; text: string } | null {
  if (headline < 0 || ci < 0) return null;
  const from = headline + a.size[headline]!;
  if (from > ci) return null;
  const described = (i: number): boolean => describedBy(shortText(a.els[i]!, STANDFIRST_MAX_CHARS), a.head.descriptions);
  let dek = -1;
  for (let i = from; i < ci; i++) {
    if (a.flags[i]! & (F_SKIP | F_HIDDEN)) continue;
    const own = a.ownChars[i]!;
    // a shorter block counts when it is the page's own summary
    if (own < STANDFIRST_MIN_CHARS && !(own >= STANDFIRST_DESCRIBED_MIN_CHARS && own === a.chars[i]! && described(i))) continue;
    if (dek >= 0) return null;
    dek = i;
  }
  if (dek < 0 || a.chars[dek]! !== a.ownChars[dek]! || a.chars[dek]! > STANDFIRST_MAX_CHARS) return null;
  if (a.ownLink[dek]! > 0.2 * a.ownChars[dek]! || a.card[dek]) return null;
  // the lowest element holding both, at most STANDFIRST_LEVELS above the container
  let meet = a.parent[ci]!;
  for (let up = 1; meet >= 0 && !(dek >= meet && dek < meet + a.size[meet]!); up++) {
    if (up >= STANDFIRST_LEVELS) return null;
    meet = a.parent[meet]!;
  }
  if (meet < 0) return null;
  for (let j = dek; j !== meet; j = a.parent[j]!) {
    if (a.neg[j] === 2 || a.flags[j]! & (F_CAPTION | F_AUTHOR | F_TIME | F_NOTICE | F_HIDDEN)) return null;
  }
  const text = shortText(a.els[dek]!, STANDFIRST_MAX_CHARS);
  // a filing line ("Posted by … on Monday July 23, @08:24PM from the … dept.") ends as a sentence too; the page's
  // summary need not end as one ("Millions of Dollars Planned for Programs …")
  if (text === null || BYLINE_TEXT.test(text) || FILING_LINE.test(text)) return null;
  return TERMINAL.test(text) || describedBy(text, a.head.descriptions) ? { block: dek, text } : null;
}

/** Whether a block's text is the page's own summary (its meta description), whole or nearly. */
function describedBy(t: string | null, descriptions: readonly string[]): boolean {
  if (t === null || descriptions.length === 0) return false;
  const k = normalizeTitle(t);
  if (k.length < STANDFIRST_DESCRIBED_MIN_CHARS) return false;
  for (const d of descriptions) {
    const dk = normalizeTitle(d);
    if (dk === k) return true;
    const [shorter, longer] = dk.length < k.length ? [dk, k] : [k, dk];
    if (shorter.length >= 0.8 * longer.length && longer.includes(shorter)) return true;
  }
  return false;
}

/** The standfirst's copy (an <article> holding it) put before the article's first block, as a paragraph. */
function prependStandfirst(root: Element, copy: Element): void {
  const first = root.children.length === 1 && root.children[0]!.type === 'tag' ? (root.children[0] as Element) : root;
  const blocks = copy.children.slice();
  const rest = first.children.slice();
  first.children.length = 0;
  for (const c of blocks) {
    // a standfirst drawn as a subheading is a paragraph of the article, not a section's heading
    if (c.type === 'tag' && /^h[1-6]$/.test((c as Element).name)) (c as Element).name = 'p';
    if (c.type === 'tag' || c.type === 'text') append(first, c as Element | Text);
  }
  for (const c of rest) {
    c.prev = null;
    c.next = null;
    if (c.type === 'tag' || c.type === 'text') append(first, c as Element | Text);
    else first.children.push(c);
  }
}

/** A short title, or a part of one around site separators, that names an error. */
function looksLikeError(title: string): boolean {
  for (const part of title.split(/\s+[|\-–—·•»]\s+/)) {
    const t = part.trim();
    if (t.length > 0 && t.split(/\s+/).length <= 8 && ERROR_PAGE.test(t)) return true;
  }
  return false;
}

function errorOrPaywall(doc: Document, a: Analysis, best: Attempt | null, minChars: number): string | null {
  const titles = a.head.titles;
  const chars = best?.chars ?? 0;
  if (chars < ERROR_MAX_CHARS) {
    for (const t of titles) if (looksLikeError(t)) return `error page (title "${t.slice(0, 80)}")`;
    const h1 = a.els.find((e, i) => e.name === 'h1' && !(a.flags[i]! & (F_SKIP | F_HIDDEN)));
    const h = h1 ? shortText(h1, 200) : null;
    if (h && looksLikeError(h)) return `error page (heading "${h.slice(0, 80)}")`;
  }
  if (best !== null && chars < 2 * Math.max(minChars, RETRY_CHARS) + 200 && best.paragraphs < 2) {
    const root = a.body >= 0 ? a.els[a.body]! : null;
    const text = root ? pageText(root) : '';
    const m = PAYWALL_TEXT.exec(text.length > 400000 ? text.slice(0, 400000) : text);
    if (m) return `paywall stub ("${m[0]}")`;
  }
  void doc;
  return null;
}

export function extractArticle(doc: Document, options: ExtractOptions = {}): ExtractResult {
  try {
    return extractInner(doc, options).result;
  } catch (err) {
    return {
      status: 'no-article',
      reason: `extraction failed: ${err instanceof Error ? err.message : String(err)}`,
      root: null,
      removed: [],
      attempts: 0,
    };
  }
}

/** The extraction with what it was decided on: the analysis and the chosen container (for diagnostics and training). */
export interface ExtractTrace {
  result: ExtractResult;
  analysis: Analysis;
  container: number;
  /** the element holding the page's headline, or -1 */
  headline?: number;
}

/** extractArticle with its analysis and container; throws where extractArticle reports a failure. */
export function traceExtraction(doc: Document, options: ExtractOptions = {}): ExtractTrace {
  return extractInner(doc, options);
}

function extractInner(doc: Document, options: ExtractOptions): ExtractTrace {
  liftHeadContent(doc);
  let headline = -1;
  const trace = (result: ExtractResult, a: Analysis, container: number): ExtractTrace => ({ result, analysis: a, container, headline });
  const minChars = options.minChars ?? DEFAULT_MIN_CHARS;
  const maxRemoved = options.maxRemoved ?? DEFAULT_MAX_REMOVED;
  const a = analyze(doc);
  const titles = titleKeys(a.head.titles);
  const bodies = jsonLdArticleBodies(a.head.jsonLd);
  const match = bodies.length > 0 ? bodyMatcher(a, bodies) : null;

  releaseTitleCards(a, titles);
  headline = findHeadline(a, titles);
  const learned = learnedWeights(a, headline);
  let model: PageModel | null = null;
  if (learned !== null) {
    let total = 0;
    for (let i = 0; i < a.els.length; i++) total += learned[i]! * a.ownChars[i]!;
    model = { prob: learned, total };
  }
  let best: Attempt | null = null;
  let attempts = 0;
  const seen = new Set<string>();
  // the block model first; then the hand weights, from strict to loose (the first that yields enough text wins,
  // else the longest)
  const plan: Array<[Pass, Float64Array | null]> = [[PASSES[0]!, learned], ...PASSES.map((p): [Pass, null] => [p, null])];
  for (const [pass, weights] of plan) {
    let ci: number;
    if (weights !== null) {
      const sums = expectedSums(a, weights, match);
      ci = headlinePost(a, sums, headline, bestExpected(a, sums));
    } else ci = pickContainer(a, pass, match, null);
    if (ci < 0) continue;
    ci = oneArticle(a, ci, titles);
    const key = `${ci}/${pass.hintDrop}/${pass.linkFilter}`;
    if (seen.has(key)) continue;
    seen.add(key);
    attempts++;
    const at = emit(a, ci, pass, titles, maxRemoved, match, model);
    // once an attempt at the headline gave text (the headline's own post, or the model's container holding it), a
    // later pass may only widen it, not go to a text away from the headline
    const away = best !== null && best.chars > 0 && atHeadline(a, headline, best.container) && !atHeadline(a, headline, at.container);
    if (best === null || (!away && better(at, best, match !== null))) best = at;
    if (at.chars >= Math.max(minChars, RETRY_CHARS) && (match === null || at.bodyCoverage >= 0.6)) break;
  }
  // The headline's own post that the link filter left with no prose block is a post made of links (a round-up of
  // stories): it is read again without the filter, on that container only, and that reading is kept when it gives the
  // text the passes looked for.
  if (best !== null && best.chars < RETRY_CHARS && best.paragraphs === 0 && a.cards === 0 && headline >= 0 && atHeadline(a, headline, best.container)) {
    const loose = PASSES.find((p) => !p.linkFilter && p.hintDrop === 0)!;
    const at = emit(a, best.container, loose, titles, maxRemoved, match, model);
    attempts++;
    if (at.chars >= Math.max(minChars, RETRY_CHARS)) best = at;
  }

  const reject = (reason: string): ExtractTrace =>
    trace({ status: 'no-article', reason, root: null, removed: best?.removed ?? [], attempts }, a, best?.container ?? -1);
  // A page whose markup holds less than its JSON-LD articleBody (a page built
  // by scripts, saved without them) gets the article from the JSON-LD.
  const ld = fromJsonLd(bodies, Math.max(minChars, RETRY_CHARS));
  if (ld !== null && (best === null || best.chars < Math.max(minChars, RETRY_CHARS) || ((match === null || best.bodyCoverage < 0.3) && 2 * best.chars < ld.chars))) {
    const removed = best?.removed ?? [];
    removed.unshift({ what: 'page text replaced by the JSON-LD articleBody', text: best ? excerpt(best.root, 100) : '' });
    return trace({ status: 'ok', root: ld.root, removed, attempts }, a, -1);
  }
  const special = errorOrPaywall(doc, a, best, minChars);
  if (special !== null) return reject(special);
  if ((best === null || best.chars < minChars) && a.cards > 0) {
    return reject(`index page: ${a.cards} teasers and no article text`);
  }
  if (best === null) return reject('no text blocks found');
  if (best.chars < minChars) return reject(`too little text: ${best.chars} characters (minimum ${minChars})`);
  if (best.linkedHeadings >= 4 && best.linkedHeadings * 2 >= best.paragraphs && best.chars < INDEX_MAX_CHARS_PER_HEADLINE * best.linkedHeadings) {
    return reject(`index page: ${best.linkedHeadings} linked headlines for ${best.paragraphs} text blocks`);
  }
  const ci = best.container;
  const cl = a.chars[ci]! > 0 ? a.link[ci]! / a.chars[ci]! : 0;
  if (cl > 0.6 && best.paragraphs < 3) {
    return reject(a.cards > 0 ? `index page: ${a.cards} teasers and no article text` : `page of links: link density ${cl.toFixed(2)}`);
  }
  const found = standfirst(a, headline, ci);
  // a standfirst the article repeats as its lede is there already
  const dek = found !== null && !excerpt(best.root, STANDFIRST_REPEAT_CHARS).includes(found.text) ? found.block : -1;
  if (dek >= 0) prependStandfirst(best.root, emit(a, dek, PASSES[PASSES.length - 1]!, [], 0, null, null).root);
  noteOutside(a, ci, best.removed, maxRemoved, dek);
  return trace({ status: 'ok', root: best.root, removed: best.removed, attempts, headerLines: headerLines(a, headline) }, a, ci);
}

/** How many text blocks below and above the headline `headerLines` reads, and the longest it takes. */
const HEADER_BELOW = 6;
const HEADER_ABOVE = 3;
const HEADER_LINE_MAX = 160;

/** The short text blocks just below the headline, then just above it (each nearest first). */
function headerLines(a: Analysis, headline: number): string[] {
  if (headline < 0) return [];
  const out: string[] = [];
  const take = (i: number): boolean => {
    if (!(a.flags[i]! & F_BLOCK) || a.ownChars[i]! === 0) return false;
    if (a.chars[i]! <= HEADER_LINE_MAX) {
      const t = shortText(a.els[i]!, HEADER_LINE_MAX);
      if (t) out.push(t);
    }
    return true;
  };
  for (let i = headline + a.size[headline]!, n = 0; i < a.els.length && n < HEADER_BELOW; i++) if (take(i)) n++;
  for (let i = headline - 1, n = 0; i >= 0 && n < HEADER_ABOVE; i--) if (take(i)) n++;
  return out;
}


/** Each text block's weight from the block model: its characters × (2p − 1). */
function learnedWeights(a: Analysis, headline: number): Float64Array | null {
  const { blocks, x } = blockFeatures(a, headline);
  const p = blockProbabilities(x, blocks.length);
  const w = new Float64Array(a.els.length);
  for (let k = 0; k < blocks.length; k++) {
    const i = blocks[k]!;
    w[i] = p[k]!;
  }
  // teaser cards are never the article: their text counts as not article text
  if (a.cards > 0) {
    for (let i = 0; i < a.els.length; i++) {
      if (!a.card[i]) continue;
      for (let j = i, end = i + a.size[i]!; j < end; j++) w[j] = 0;
      i += a.size[i]! - 1;
    }
  }
  return w;
}

/**
 * A "teaser card" whose heading is the page's own title is the article itself (a short post laid out as its blog's
 * cards are), not a teaser of another page: it and what it holds stop counting as cards.
 */
function releaseTitleCards(a: Analysis, titles: string[]): void {
  if (a.cards === 0 || titles.length === 0) return;
  const n = a.els.length;
  for (let i = 0; i < n; i++) {
    if (!a.card[i] || (a.parent[i]! >= 0 && a.card[a.parent[i]!])) continue;
    const end = i + a.size[i]!;
    let own = false;
    for (let j = i; j < end && j < i + 500; j++) {
      const f = a.flags[j]!;
      const linkTitle = a.ownChars[j]! > 0 && a.ownInLink[j]! >= 0.6 * a.ownChars[j]!;
      if (!(f & F_HEADING) && !linkTitle) continue;
      if (a.chars[j]! > 400) continue;
      const t = shortText(a.els[j]!, 400);
      if (t !== null && sameTitle(t, titles)) {
        own = true;
        break;
      }
    }
    if (!own) continue;
    a.cards--;
    a.cardProse -= a.prose[i]!;
    for (let j = i; j < end; j++) a.card[j] = 0;
  }
}

/** The longest complete JSON-LD articleBody as paragraphs, or null. */
function fromJsonLd(bodies: string[], minChars: number): { root: Element; chars: number } | null {
  let body = '';
  for (const b of bodies) if (b.length > body.length) body = b;
  const chars = countChars(body);
  if (chars < Math.max(minChars, JSONLD_MIN_CHARS) || isCutShort(body)) return null;
  const root = new Element('article', {});
  for (const para of body.split(/\n/)) {
    const t = para.replace(/\s+/g, ' ').trim();
    if (t.length === 0) continue;
    const p = new Element('p', {});
    append(p, new Text(t));
    append(root, p);
  }
  return { root, chars };
}

function better(x: Attempt, y: Attempt, useBody: boolean): boolean {
  if (useBody && Math.abs(x.bodyCoverage - y.bodyCoverage) > 0.1) return x.bodyCoverage > y.bodyCoverage;
  if (x.expectedF1 >= 0 && y.expectedF1 >= 0 && x.expectedF1 !== y.expectedF1) return x.expectedF1 > y.expectedF1;
  return x.chars > y.chars;
}

/** The block model's reading of a page: each element's probability of being article text, and their total. */
interface PageModel {
  prob: Float64Array;
  /** Σ p·c over the page's text blocks: the expected size of the article */
  total: number;
}
