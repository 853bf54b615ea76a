/**
 * Decisions over whole segments of a scored document, after the line model and the article's span: the
 * reader-comment section (a comment-section head below the article, or above a span that is one of its comments,
 * then comments framed by short dated or "X says:" lines), which goes whole however the model scores its prose; and the span's extension over an adjacent
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
