/**
 * Decisions over whole segments of a scored document, after the line model and the article's span: the
 * reader-comment section (a comment-section head below the article, or above a span that is one of its comments,
 * then comments framed by short dated or "X says:" lines), which goes whole however the model scores its prose, and
 * a thread without such a head (its framing lines of one shape); and the span's extension over an adjacent
 * run the model scores near its threshold (the weakly scored rest of a long article: an option of the decision that
 * bench/train/text-decide.mjs tries, off in the committed one, docs/text-model.md); and the post's end (a line that
 * closes a post, such as an author box's head, under which every kept line goes).
 */
import type { Line } from './lines.js';
import { COMMENT_HEAD, REPLY } from './features.js';

/**
 * The span [from, to] extended over the adjacent runs whose lines score, weighted by log words, at least `floor` on
 * the whole (the largest such sum on either side, Kadane's maximum subarray anchored at the span's edge); at most
 * `reach` units on each side.
 */
export function extendSpan(
  units: readonly Line[],
  p: Float64Array,
  from: number,
  to: number,
  floor: number,
  reach: number,
): [number, number] {
  const gain = (j: number): number => (p[j]! - floor) * Math.log1p(units[j]!.words);
  let best = 0;
  let sum = 0;
  let newTo = to;
  for (let j = to + 1; j < units.length && j - to <= reach; j++) {
    sum += gain(j);
    if (sum > best) {
      best = sum;
      newTo = j;
    }
  }
  best = 0;
  sum = 0;
  let newFrom = from;
  for (let j = from - 1; j >= 0 && from - j <= reach; j--) {
    sum += gain(j);
    if (sum > best) {
      best = sum;
      newFrom = j;
    }
  }
  return [newFrom, newTo];
}

/** The most words a comment-section head holds ("45 comments", "{ 18 comments… read them below or add one }"). */
const HEAD_WORDS = 10;
/** A line that frames one comment: "Peter 07.08.12 at 13:24", "Posted by: Andrew | Mar 26, 2007 2:00 PM", "Rand says:". */
export function framesComment(u: Line): boolean {
  return (u.words <= 14 && u.date && !u.terminal) || (u.words <= 12 && REPLY.test(u.text));
}

export interface CommentSection {
  /** The head's unit index: this unit and every one after it are the comments. */
  start: number;
  /** The head line's text. */
  head: string;
}

export interface CommentOptions {
  /** Kept article words the span holds above the head. */
  minArticle: number;
  /** Comment-framing lines after the head. */
  minFrames: number;
  /** The first framing line stands at most this many units below the head. */
  firstFrame: number;
  /** The first comment (kept words from the first framing line to the second) holds fewer words than the article above the head. */
  shorterThanArticle: boolean;
}

/**
 * The reader-comment section below the article: the first comment-section head (a short line naming comments, not a
 * sentence) after `minArticle` kept words of the span, followed within `firstFrame` units by a comment-framing line
 * and by `minFrames` of them in all.
 */
export function commentSection(
  units: readonly Line[],
  p: Float64Array,
  threshold: number,
  from: number,
  to: number,
  opts: CommentOptions,
): CommentSection | null {
  let article = 0;
  for (let j = from; j <= to; j++) {
    const u = units[j]!;
    if (article >= opts.minArticle && u.words <= HEAD_WORDS && !u.terminal && COMMENT_HEAD.test(u.text)) {
      let frames = 0;
      let first = -1;
      let firstComment = 0;
      for (let k = j + 1; k < units.length; k++) {
        if (!framesComment(units[k]!)) {
          if (frames === 1 && p[k]! >= threshold) firstComment += units[k]!.words;
          continue;
        }
        if (first < 0) first = k;
        frames++;
      }
      const short = !opts.shorterThanArticle || firstComment < article;
      if (first >= 0 && first - j <= opts.firstFrame && frames >= opts.minFrames && short) return { start: j, head: u.text };
    }
    if (p[j]! >= threshold) article += u.words;
  }
  return null;
}

/** A date or a time a commenter's line carries, also run into the name ("Mark08-08-2012") or with a two-digit year ("07 Nov 12"). */
const MONTHS = String.raw`(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)`;
const THREAD_DATE = new RegExp(String.raw`\d{1,2}[-/.]\d{1,2}[-/.]\d{2,4}|\d{4}-\d{2}-\d{2}|\d{1,2}:\d{2}|\b\d{1,2}(?:st|nd|rd|th)?\s+${MONTHS}\.?,?\s+\d{2,4}\b|\b${MONTHS}\.?\s+\d{1,2}(?:st|nd|rd|th)?,?\s+\d{4}\b`, 'i');
/** A commenter's name framing the comment under it: "Jane Doe said,", "Jane wrote:". */
const SAID = /^[\p{L}\p{N}@][^.!?]{0,40}\s(?:says|said|wrote|writes)\s*[,:]?$/iu;
/** Words a framing line's shape keeps as they are; other words are a name or a date's parts. */
const FRAME_WORDS = new Set(['by', 'on', 'at', 'am', 'says', 'said', 'wrote', 'writes', 'reply', 'permalink', 'posted', 'in', 'de', 'le', 'um']);
const MONTH = new RegExp(`^${MONTHS}$`, 'i');

/**
 * A line that may frame one comment of a thread without a head: a short line (12 words or fewer, no list marker,
 * link or placeholder) that is not a sentence, with a date or a time and a name, not opening with the date, or a
 * name with "said,"; null otherwise. Else its shape: the framing words kept (pm read as am), numbers as 0, months
 * as M, any other run of words (a name) as W, so that "Progress Trap said," and "Jacob said,",
 * "by randfish on November 9, 2010 at 8:23 am" and "by zdw on November 14, 2010 at 4:25 pm" read the same.
 */
export function frameShape(u: Line): string | null {
  if (u.words === 0 || u.words > 12 || u.bullet || u.url || u.placeholders > 0 || /https?:|www\./i.test(u.text)) return null;
  const said = SAID.test(u.text);
  if (!said && (u.terminal || !(u.date || THREAD_DATE.test(u.text)))) return null;
  const parts: string[] = [];
  for (const w of u.text.toLowerCase().match(/[\p{L}]+|\d+/gu) ?? []) {
    const t = /^\d/.test(w) ? '0' : MONTH.test(w) ? 'M' : w === 'pm' ? 'am' : FRAME_WORDS.has(w) ? w : 'W';
    if (t === 'W' && parts[parts.length - 1] === 'W') continue;
    if (t === '0' && parts[parts.length - 1] === '0') continue;
    parts.push(t);
  }
  // a date alone ("March 3, 2011", "28 février 2019 à 20:36", a timeline's or a live report's item) frames no
  // comment: a name stands with it (a run of words not between two numbers), or "said,"
  if (!said && !parts.some((t, i) => t === 'W' && !(parts[i - 1] === '0' && parts[i + 1] === '0'))) return null;
  // nor does a line that opens with its date ("January 5, 2012 — Smith resigns", a timeline's item): a commenter's
  // line opens with the name or a framing word ("on 2012-10-16 at 8:03 am Ivan")
  if (parts[0] === '0' || parts[0] === 'M') return null;
  return parts.join(' ');
}

export interface ThreadOptions {
  /** Kept article words above the thread's first framing line. */
  minArticle: number;
  /** Framing lines of one shape, in all. */
  minFrames: number;
  /** The median comment (kept words between two framing lines) times this is fewer words than the article above the first. */
  shorter: number;
  /** The model keeps words between any two framing lines (else between the first two and between most). */
  anyKept?: boolean;
  /** A comment-section head this many units or fewer above the first framing line opens the thread. */
  headReach: number;
}

/**
 * A reader-comment thread without a head the comment section reads: below `minArticle` kept words of the span,
 * `minFrames` or more short lines of one shape (a commenter's name with a date or a time, or "NAME said,") with the
 * model's kept lines between them, the first comment (kept words from the first framing line to the second) shorter
 * than the article above it, the median comment shorter than the article over `shorter`. It opens at its first
 * framing line, or at a comment head ("45 comments") up to `headReach` units above it (comments framed below their
 * text).
 */
export function commentThread(
  units: readonly Line[],
  p: Float64Array,
  threshold: number,
  from: number,
  opts: ThreadOptions,
): CommentSection | null {
  const shapes = new Map<string, number[]>();
  let article = 0;
  const above = new Map<number, number>();
  for (let j = from; j < units.length; j++) {
    const u = units[j]!;
    if (article >= opts.minArticle) {
      const shape = frameShape(u);
      if (shape !== null) {
        const at = shapes.get(shape) ?? [];
        at.push(j);
        shapes.set(shape, at);
        above.set(j, article);
      }
    }
    if (p[j]! >= threshold) article += u.words;
  }
  let best: number[] | null = null;
  for (const at of shapes.values()) if (at.length >= opts.minFrames && (!best || at[0]! < best[0]!)) best = at;
  if (!best) return null;
  const first = best[0]!;
  // the comments between the framing lines: the model keeps words of some (`anyKept`; else of the first and of
  // most), the first is shorter than the article above it (the article's own dated line over the article is no
  // comment's) and most are short against it (a digest's items under their source lines "Name, Outlet, August 7,
  // 2012" are as long as it)
  const comments: number[] = [];
  for (let i = 0; i + 1 < best.length; i++) {
    let words = 0;
    for (let j = best[i]! + 1; j < best[i + 1]!; j++) if (p[j]! >= threshold) words += units[j]!.words;
    comments.push(words);
  }
  const median = [...comments].sort((a, b) => a - b)[Math.floor(comments.length / 2)]!;
  const articleAbove = above.get(first)!;
  const kept = opts.anyKept ? comments.some((w) => w > 0) : comments[0]! > 0 && median > 0;
  if (!kept || comments[0]! >= articleAbove || median * opts.shorter >= articleAbove) return null;
  let start = first;
  for (let j = first - 1; j > from && first - j <= opts.headReach; j--) {
    const u = units[j]!;
    if (u.words <= HEAD_WORDS && !u.terminal && COMMENT_HEAD.test(u.text)) start = j;
  }
  return { start, head: units[start]!.text };
}

/**
 * Lines that close a post and open the site's own part under it, by kind. Looked for in the committed decision
 * (decide.ts DECIDE.postEnd): an author box's head ("About the author", "About Jane Doe"), a byline under the post
 * ("Written by …", "View all posts by …"), the post's filing line ("This entry was posted in … and tagged …"), its tag
 * line ("Tags: a, b", "Tagged as: …", "Filed under: …"; the cut starts under it, the line stays for the tag-line rule);
 * a newspaper's print line ("A version of this article appeared in print on …"), the post's own dated line under it
 * ("Posted on DATE at TIME in …", "Posted by NAME at TIME"; with a date, no sentence, 20 words or fewer), its filing
 * line with a comment count ("Posted in A, B | 7 Comments").
 * Tried and left out (docs/text-model.md, "Chrome kept at the article's edges (round 4)"): `filed` and `tags` with
 * "Posted in" and "Category:" (lines that stand at many articles' top), the post navigation (`nav`: « and » also quote),
 * related-content heads (`related`: an inline box inside the article).
 */
export const POST_END: Record<string, RegExp> = {
  author: /^about the (?:author|writer|blogger|contributor)s?\b/i,
  aboutName: /^[Aa]bout\s+\p{Lu}[\p{L}'’.-]*(?:\s+\p{Lu}[\p{L}'’.-]*){0,2}\s*$/u,
  filed: /^(?:this (?:entry|post|article) (?:was|is) (?:posted|written|filed)\b|(?:posted|filed) (?:in|under)\b)/i,
  tags: /^(?:tags?|tagged(?: (?:with|as|in))?|categories|category|filed (?:under|in)|posted in)\s{0,3}:/i,
  entry: /^this (?:entry|post|article) (?:was|is) (?:posted|written|filed)\b/i,
  tagged: /^(?:tags?\s{0,3}:|tagged(?: (?:with|as|in))?\b|filed (?:in|under)\b)/i,
  nav: /^(?:«|‹)\s|\s(?:»|›)$/,
  byline: /^(?:Written by|(?:View a|A)ll posts by|More (?:posts|articles|stories) (?:by|from))\b/,
  related: /^(?:related (?:posts|articles|stories)|you (?:might|may) also (?:like|enjoy)|most (?:viewed|read|popular)(?: articles| stories)?)\b/i,
  print: /^A version of this (?:article|story|review|column|post|essay|report) (?:appeared|appears|was published|ran)\b/,
  posted: /^(?:Posted|Published|Written) (?:on|at|by)\b/,
  postedIn: /^(?:Posted|Filed) (?:in|under)\b.*\b(?:\d+|No|One|Leave an?) (?:Comments?|Responses?|Replies)\b/,
};
/** Kinds of POST_END that are sentences of the template, read at any length. */
const ANY_LENGTH = new Set(['filed', 'entry', 'print', 'postedIn']);
/** The most words of a post's dated line ("Posted on DATE at TIME in A, B | Permalink"). */
const POSTED_WORDS = 20;

export interface PostEndOptions {
  /** The kinds of POST_END looked for. */
  kinds: string[];
  /** Kept article words the span holds above the line. */
  minArticle: number;
  /** The most words the line holds (a filing line: any, it is a sentence of the template). */
  maxWords: number;
  /** Only when what is kept from the line down (`kept` per unit) holds fewer words than the article above it. */
  shorter: boolean;
  /** The cut starts under a post's dated line (`posted`), the line left as the model decides it (else at it). */
  postedUnder?: boolean;
}

/**
 * The article's end: the first line below `minArticle` kept words of the span that closes a post (POST_END), not a
 * sentence of the article's own (short, or a filing line). `headerMeta`: the header has a byline or a date line.
 */
export function postEnd(
  units: readonly Line[],
  from: number,
  to: number,
  kept: (j: number) => boolean,
  opts: PostEndOptions,
  headerMeta = true,
): CommentSection | null {
  let article = 0;
  let below = 0;
  if (opts.shorter) for (let j = from; j <= to; j++) if (kept(j)) below += units[j]!.words;
  for (let j = from; j <= to; j++) {
    const u = units[j]!;
    if (article >= opts.minArticle) {
      const text = u.text.trim();
      for (const kind of opts.kinds) {
        if (!POST_END[kind]!.test(text)) continue;
        if (!ANY_LENGTH.has(kind) && u.words > (kind === 'posted' ? POSTED_WORDS : opts.maxWords)) continue;
        // (a post's dated line has its date, and is no sentence of the article's; and the header has a byline or a
        // date line of its own: else the dated line may be the post's byline over its text, the header found in the
        // site's chrome above it)
        if (kind === 'posted' && (!u.date || u.terminal || !headerMeta)) continue;
        if (opts.shorter && below >= article) continue;
        // (a tag line stays for the tag-line rule, which keeps its values; the cut starts under it)
        return { start: kind === 'tagged' || (kind === 'posted' && opts.postedUnder) ? j + 1 : j, head: text };
      }
    }
    if (kept(j)) {
      article += u.words;
      if (opts.shorter) below -= u.words;
    }
  }
  return null;
}
