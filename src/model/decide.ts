/**
 * From the model's scores to the article's lines: which lines stay, which go (in whole runs, each with its score),
 * and the header lines above the article that stay for the headline, byline and date rules.
 */
import type { Scored } from './zones.js';
import { functionWords, type Line } from './lines.js';
import { labelKind } from '../rules/patterns.js';
import { findHeader, lineBlocks, type Header } from './header.js';
import { densestRun } from './features.js';
import { commentSection, commentThread, extendSpan, framesComment, postEnd, POST_END, type CommentOptions, type PostEndOptions, type ThreadOptions } from './segments.js';

export interface Removed {
  /** The removed lines, joined by newlines. */
  text: string;
  /** The highest article probability among them. */
  score: number;
  /** Set for a header line taken into metadata: what became of it. */
  moved?: string;
  /** Set for lines scored at or above the threshold but removed as standing outside the article's span. */
  outside?: boolean;
  /** Set for lines removed as the reader-comment section: the section's head line. */
  comments?: string;
  /** Set for kept lines removed as standing above the article's headline (and its byline and date). */
  aboveHeadline?: boolean;
  /** Set for kept lines removed as standing under a line that closes the post: that line's text. */
  postEnd?: string;
}

export interface Decision {
  text: string;
  removed: Removed[];
  /** Kept flag per line of the document. */
  keep: boolean[];
  header: Header;
  /** The article's first line (unit index) the header was looked for around. */
  first: number;
}

/** The fewest article words a document keeps: below that the best run of lines is kept instead. */
const MIN_KEPT_WORDS = 25;
/** How far above the article's first line the header lines are looked for. */
const HEADER_REACH = 12;
/** How many lines above the article a section or outlet label is left for the label rule. */
const LABEL_REACH = 4;

/**
 * The article's span: the run of lines with the largest sum of (p − threshold − SPAN_MARGIN) × log words. Kept lines
 * outside it (reader comments, teasers and footers below the article, menus with paragraphs above it) go as whole
 * regions, unless the model is sure of them (SPAN_SURE), so that an article in two parts is not cut in half.
 */
const SPAN_MARGIN = 0.05;
const SPAN_SURE = 0.9;
/** The span decides only when it holds this many words of kept lines (a short article is not cut down further). */
const SPAN_MIN_WORDS = 80;

/** The decision's settings (the defaults are the committed ones; the development scripts try others). */
export interface DecideOptions {
  spanMargin: number;
  spanSure: number;
  /** Extend the span over adjacent runs scoring this far below the threshold on the whole (0: no extension). */
  extend: number;
  extendReach: number;
  /** The reader-comment section (null: not looked for). */
  comments: CommentOptions | null;
  /** A reader-comment thread without a head the comment section reads, found by its framing lines' one shape (null: not looked for). */
  threads: ThreadOptions | null;
  /**
   * Kept lines above the headline (and its byline and date lines) go when the article below it holds this many kept
   * words (0: not done).
   */
  aboveHeadline: number;
  /** ... only when the header has a byline or a date line too. */
  aboveNeedsMeta: boolean;
  /** ... but a date line over a headline of its own below the headline found (aboveDate) is the cut's anchor without them. */
  aboveDateAlone: boolean;
  /** ... only when the line above the header is dropped, or the header's top is its byline or date line. */
  aboveGap: boolean;
  /** ... not when the lines the model is sure of (spanSure) hold this share of the kept words above (an article's first part). */
  aboveSure: number;
  /** Anchor the cut at the header's date line when it stands over a headline of its own and no headline found stands by it. */
  aboveMeta: boolean;
  /**
   * Anchor the cut at the header's date line too when kept lines stand between the headline found and it, and the
   * date line stands over or under a headline of its own (the headline found is the site's, above the post).
   */
  aboveDate: boolean;
  /** ... when the lines kept above it hold less than this many times the article's kept words below it. */
  aboveDateRatio: number;
  /** ... and, when the header has no date line, the first whole date line (this many words at most) below the headline found (0: not looked for). */
  aboveDateFind: number;
  /**
   * The lede under its header: when at most this many lines stand between the header (a headline with its byline or
   * date line) and the article's first kept line, the prose lines among them the model scores at least `ledeMin`
   * stay (0: not done).
   */
  ledeGap: number;
  ledeMin: number;
  /** ... only the lines of the first kept line's own block (its paragraph's first lines). */
  ledeSameBlock: boolean;
  /**
   * The lede counted in paragraphs: above the article's first kept line under the header, the prose blocks (jusText's
   * sense) with only short lines between them (`ledeShort` words or fewer: image placeholders, "Enlarge Image", a
   * credit) up to the first other line, at most this many of them, stay (0: not done).
   */
  ledeBlocks: number;
  ledeShort: number;
  /** ... a prose block's lines in the gap: at most this share of under 6 words (a gallery's "1 of 24", "Full Screen"). */
  ledeFewLines: number;
  /** ... the prose block's fewest words (jusText's 15; a lede's one-sentence paragraph is shorter). */
  ledeWords: number;
  /** A dropped line that a kept line of its block continues in mid-sentence stays when scored this much (1: not done). */
  sentenceJoin: number;
  /** ... when the first of the two lines fills this share of the document's wrap width (it was wrapped). */
  joinWidth: number;
  /**
   * A reader-comment section whose head stands above the span: the span is a comment, the article is above the head
   * (docs/text-model.md, "Wrong block: a comment section above the span").
   */
  commentsAbove: boolean;
  /**
   * A run under its own header: when the span has no header of its own (no headline, byline or date line within
   * `reach` lines above its first kept line), under `sure` of its kept words are scored spanSure or more, and the best
   * other run before or after it (Kadane's sum at least `ratio` of the span's, `minWords` kept words or more) stands
   * under a headline with its byline or date line, that run is the span (null: not done).
   */
  spanHeader: { ratio: number; minWords: number; reach: number; sure: number } | null;
  /** The article's end at a line that closes a post (an author box's head, a filing line, …): kept lines from it down go (null: not looked for). */
  postEnd: PostEndOptions | null;
  /**
   * The article's tail: below the last kept line, the sentences that go on with the article's prose (wrapped lines
   * up to a sentence end; no list items, URLs, dates or comment frames) stay while their lines are scored at least
   * this much (1: not done).
   */
  tailMin: number;
  /** ... each sentence (the lines up to one that ends a sentence) of this many words or more. */
  tailWords: number;
  /** ... with this share of function words or more, and this share of interface words or less. */
  tailStop: number;
  tailChrome: number;
  /** ... and less than this (a line the model is surer of and the span left out is the span's to decide). */
  tailMax: number;
  /** ... not a sentence that asks (a question to the readers under a post). */
  tailNoQuestion: boolean;
  /** ... with at most this share of the site's own words (the reader addressed, a call to act, the site or the author named; 1: not read). */
  tailVoice: number;
}

export const DECIDE: DecideOptions = {
  spanMargin: SPAN_MARGIN,
  spanSure: SPAN_SURE,
  extend: 0,
  extendReach: 200,
  comments: { minArticle: 50, minFrames: 2, firstFrame: 12, shorterThanArticle: true },
  threads: { minArticle: 50, minFrames: 3, shorter: 2, headReach: 40, anyKept: true },
  aboveHeadline: 50,
  aboveNeedsMeta: true,
  aboveDateAlone: true,
  aboveGap: true,
  aboveSure: 0.5,
  aboveMeta: true,
  aboveDate: true,
  aboveDateRatio: 1,
  aboveDateFind: 10,
  ledeGap: 3,
  ledeMin: 0.2,
  ledeSameBlock: true,
  ledeBlocks: 3,
  ledeShort: 4,
  ledeFewLines: 0.5,
  ledeWords: 10,
  sentenceJoin: 0.35,
  joinWidth: 0.6,
  commentsAbove: true,
  postEnd: { kinds: ['author', 'aboutName', 'byline', 'entry', 'tagged', 'print', 'posted', 'postedIn'], minArticle: 50, maxWords: 12, shorter: true },
  tailMin: 0.25,
  tailWords: 6,
  tailStop: 0.25,
  tailChrome: 0.2,
  tailMax: 0.7,
  tailNoQuestion: true,
  tailVoice: 0.05,
  spanHeader: { ratio: 0.1, minWords: 40, reach: 3, sure: 0.5 },
};

/** Lines that hold no words: blank lines stay (they separate paragraphs), rules, placeholders and form fields go. */
function wordless(l: Line): 'blank' | 'junk' {
  return l.raw.trim() === '' ? 'blank' : 'junk';
}

/** The model acts on a document with at least this many lines of chrome (a text with a stray line or two is left to the named rules). */
export const MIN_CHROME_LINES = 10;
/** Texts of more lines are left to the named rules. */
export const MAX_LINES = 20_000;

/**
 * A cheap first look, before any scoring: can the text hold MIN_CHROME_LINES lines of chrome at all? Lines of
 * chrome are short or do not end like a sentence; a text of long sentence-ending lines (a clean article, one
 * paragraph a line) has too few of them.
 */
export function mayHaveChrome(text: string): boolean {
  // the longest page rendering of the development set has 6,530 lines; a text of many more is no page, and the
  // model (linear, but some 20 µs a line) is not run on it
  let lines = 0;
  for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) if (++lines > MAX_LINES) return false;
  let candidates = 0;
  let start = 0;
  while (start <= text.length) {
    let end = text.indexOf('\n', start);
    if (end < 0) end = text.length;
    let a = start;
    let b = end;
    while (a < b && text.charCodeAt(a) <= 32) a++;
    while (b > a && text.charCodeAt(b - 1) <= 32) b--;
    if (b > a) {
      const last = text.charCodeAt(b - 1);
      const sentence = last === 46 || last === 33 || last === 63 || last === 34 || last === 0x201d || last === 0x2026 || last === 0x3002 || last === 0xff01 || last === 0xff1f;
      if (b - a < 60 || !sentence) {
        if (++candidates >= MIN_CHROME_LINES) return true;
      }
    }
    start = end + 1;
  }
  return false;
}

/** True when the document holds enough site chrome for the model to act on it. */
export function hasChrome({ doc, p }: Scored, threshold: number): boolean {
  let lines = 0;
  for (let j = 0; j < doc.units.length; j++) if (p[j]! < threshold && ++lines >= MIN_CHROME_LINES) return true;
  return false;
}

export function articleLines(
  { doc, p }: Scored,
  threshold: number,
  options: Partial<DecideOptions> = {},
  templates?: ReadonlySet<number>,
): Decision {
  const opts: DecideOptions = { ...DECIDE, ...options };
  const { lines, units } = doc;
  const keep = new Array<boolean>(lines.length).fill(false);
  const unitKeep = new Array<boolean>(units.length).fill(false);
  /** Why a unit at or above the threshold goes: 1 outside the span, 2 in the reader-comment section. */
  const outside = new Uint8Array(units.length);
  let [spanFrom, spanTo] = densestRun(units, p, threshold + opts.spanMargin);
  const spanDecides = keptWordsIn(units, p, threshold, spanFrom, spanTo) >= SPAN_MIN_WORDS;
  // a reader-comment section whose head stands above the span: the span is one of its comments (a long one under a
  // short post), and the article is what stands above the head
  let comments = opts.comments && opts.commentsAbove && spanDecides && spanFrom > 0 ? commentSection(units, p, threshold, 0, spanFrom - 1, opts.comments) : null;
  // (a head that counts the comments, or the word alone: not a headline or a blog's name with the word in it; and
  // comments framed between the head and the span: the span is a later comment, not an article under a tab label)
  if (comments && ((!/\d/.test(comments.head) && units[comments.start]!.words > 1) || framesBetween(units, comments.start + 1, spanFrom) < 2)) comments = null;
  if (comments) {
    const head = comments.start;
    [spanFrom, spanTo] = densestRun(units.slice(0, head), p.subarray(0, head), threshold + opts.spanMargin);
    if (keptWordsIn(units, p, threshold, spanFrom, spanTo) < SPAN_MIN_WORDS) [spanFrom, spanTo] = [0, head - 1];
  } else if (!spanDecides) [spanFrom, spanTo] = [0, units.length - 1];
  else {
    if (opts.spanHeader) [spanFrom, spanTo] = headedRun(doc, p, threshold, opts, spanFrom, spanTo, templates);
    if (opts.extend > 0) [spanFrom, spanTo] = extendSpan(units, p, spanFrom, spanTo, threshold - opts.extend, opts.extendReach);
  }
  // the reader-comment section below the article goes whole, its sure lines too (looked for below the span's start,
  // when the span decides: a short article under heavy chrome is left as the threshold decides it)
  if (!comments) comments = opts.comments && spanDecides ? commentSection(units, p, threshold, spanFrom, units.length - 1, opts.comments) : null;
  // a thread without such a head: comments framed by lines of one shape (a name with a date, "NAME said,")
  if (!comments && opts.threads && spanDecides) comments = commentThread(units, p, threshold, spanFrom, opts.threads);
  const commentsFrom = comments ? comments.start : units.length;
  let keptWords = 0;
  for (let j = 0; j < units.length; j++) {
    if (p[j]! < threshold) continue;
    if (j >= commentsFrom || ((j < spanFrom || j > spanTo) && p[j]! < opts.spanSure)) {
      outside[j] = j >= commentsFrom ? 2 : 1;
      continue;
    }
    unitKeep[j] = true;
    keptWords += units[j]!.words;
  }
  if (opts.tailMin < 1 && spanDecides) keepTail(units, p, unitKeep, outside, commentsFrom, opts, opts.joinWidth * doc.width);
  // a document with an article never comes out empty: keep its densest run when the model keeps too little
  if (keptWords < Math.min(MIN_KEPT_WORDS, doc.totalWords)) {
    const [from, to] = bestRun(units, p);
    for (let j = from; j <= to; j++) unitKeep[j] = true;
  }
  // the header: headline, byline and date around the article's first line go to metadata; section and outlet
  // labels just above it stay for the label rule
  const first = firstKept(units, p, unitKeep);
  const byLine = lineBlocks(doc);
  // (a line the run's first pass found after the same line in several articles is the site's, never the headline)
  const header = findHeader(units, first, p, functionWords(doc.language), byLine, templates);
  // a headline is never the article: a title whose lines hold most of what is kept stays in the body
  if (header.title) {
    const inTitle = new Set(header.title.units);
    let rest = 0;
    for (let j = 0; j < units.length; j++) if (unitKeep[j] && !inTitle.has(j)) rest += units[j]!.words;
    if (rest < Math.min(MIN_KEPT_WORDS, doc.totalWords)) delete header.title;
  }
  if (opts.aboveHeadline > 0 && spanDecides && (header.title || opts.aboveMeta)) cutAboveHeadline(units, p, header, unitKeep, outside, opts, byLine);
  // the article's end: a line that closes the post (an author box's head, the post's filing or tag line) below the
  // header and the article's first words; every line kept from it down to the comment section goes
  let end: ReturnType<typeof postEnd> = null;
  if (opts.postEnd && spanDecides) {
    const headerLast = Math.max(first - 1, ...(header.title?.units ?? []), ...(header.author?.units ?? []), ...(header.date?.units ?? []));
    end = postEnd(units, headerLast + 1, commentsFrom - 1, (j) => unitKeep[j]!, opts.postEnd, !!(header.author?.whole || header.date?.whole));
    if (end) for (let j = end.start; j < commentsFrom; j++) if (unitKeep[j]) [unitKeep[j], outside[j]] = [false, 4];
  }
  const moved = new Map<number, string>();
  for (const j of header.title?.units ?? []) moved.set(j, 'moved to metadata.title');
  for (const j of header.echo ?? []) moved.set(j, 'moved to metadata.title');
  if (header.author?.whole) for (const j of header.author.units) moved.set(j, 'moved to metadata.author');
  if (header.date?.whole) for (const j of header.date.units) if (!moved.has(j)) moved.set(j, 'moved to metadata.date');
  for (let j = first - 1; j >= 0 && first - j <= LABEL_REACH; j--) {
    const u = units[j]!;
    if (!moved.has(j) && !u.bullet && labelKind(u.text)) unitKeep[j] = true;
  }
  if (opts.ledeGap > 0 && spanDecides) keepLede(units, p, header, unitKeep, outside, opts);
  if (opts.sentenceJoin < 1) joinSentences(units, p, unitKeep, outside, moved, opts.sentenceJoin, opts.joinWidth * doc.width);
  for (const j of moved.keys()) unitKeep[j] = false;
  for (let j = 0; j < units.length; j++) if (unitKeep[j]) keep[units[j]!.index] = true;
  for (const l of lines) if (l.words === 0 && wordless(l) === 'blank') keep[l.index] = true;

  const removed: Removed[] = [];
  const out: string[] = [];
  const unitOf = new Map<number, number>();
  units.forEach((u, j) => unitOf.set(u.index, j));
  let run: string[] = [];
  let runScore = 0;
  let runOutside = 0;
  const flush = (): void => {
    if (run.length) {
      const why =
        runOutside === 2 ? { comments: comments!.head } : runOutside === 1 ? { outside: true } : runOutside === 3 ? { aboveHeadline: true } : runOutside === 4 ? { postEnd: end!.head } : {};
      removed.push({ text: run.join('\n'), score: runScore, ...why });
    }
    run = [];
    runScore = 0;
    runOutside = 0;
  };
  for (const l of lines) {
    if (keep[l.index]) {
      if (l.raw.trim()) flush();
      out.push(l.raw);
      continue;
    }
    // a removed line leaves a blank line, so that the lines around it do not join into one paragraph
    if (out.length && out[out.length - 1]!.trim() !== '') out.push('');
    const j = unitOf.get(l.index);
    const action = j === undefined ? undefined : moved.get(j);
    if (action) {
      flush();
      removed.push({ text: l.raw.trim(), score: p[j!]!, moved: action });
      continue;
    }
    // lines removed for standing outside the span or in the comment section are their own runs (their scores are
    // above the threshold)
    const isOutside = j !== undefined && !unitKeep[j] ? outside[j]! : 0;
    if (j !== undefined && run.length && isOutside !== runOutside) flush();
    if (j !== undefined) runOutside = isOutside;
    run.push(l.raw.trim());
    if (j !== undefined) runScore = Math.max(runScore, p[j]!);
  }
  flush();
  return { text: out.join('\n'), removed, keep, header, first };
}

/**
 * The article's headline stands above its text: lines kept above the headline (and above its byline and date lines
 * when they stand above it) are the site's (a menu's paragraphs, a banner, an about box, a teaser), when the
 * article below the headline holds `aboveHeadline` kept words or more.
 */
function cutAboveHeadline(
  units: readonly Line[],
  p: Float64Array,
  header: Header,
  unitKeep: boolean[],
  outside: Uint8Array,
  opts: DecideOptions,
  byLine: boolean,
): void {
  const meta = [...(header.author?.whole ? header.author.units : []), ...(header.date?.whole ? header.date.units : [])];
  if (opts.aboveNeedsMeta && meta.length === 0 && !opts.aboveDateAlone) return;
  const title = header.title?.units ?? [];
  const tFirst = title[0] ?? -1;
  const tLast = title[title.length - 1] ?? -1;
  const near = meta.filter((j) => tFirst >= 0 && ((j < tFirst && tFirst - j <= 4) || (j > tLast && j - tLast <= 4)));
  let top: number;
  let adjacent: boolean;
  let fromMeta = false;
  let postTop = opts.aboveDate && !byLine ? datedHeadline(units, header, unitKeep, tLast, opts.aboveDateFind) : -1;
  if (postTop < 0 && opts.aboveNeedsMeta && meta.length === 0) return;
  if (postTop >= 0) {
    // (what is kept above it is less than the article's kept words under it times `aboveDateRatio`: a letter and its
    // reply, each under its own date line, is one article)
    const inHead = new Set([...title, ...meta]);
    let above = 0;
    let below = 0;
    for (let j = 0; j < units.length; j++) if (unitKeep[j] && !inHead.has(j)) j < postTop ? (above += units[j]!.words) : (below += units[j]!.words);
    if (above >= opts.aboveDateRatio * below) postTop = -1;
  }
  if (postTop >= 0) {
    top = postTop;
    adjacent = true;
    fromMeta = true;
  } else if (tFirst >= 0 && (near.length > 0 || !opts.aboveMeta)) {
    top = tFirst;
    for (const j of meta) if (j < top && top - j <= 4) top = j;
    adjacent = meta.some((m) => m === tFirst - 1 || m === tLast + 1);
  } else {
    // no headline by the byline or date line (none found, or one far above it, in the site's chrome): a date line
    // (a whole line) over a headline of its own, with the article right under it, is the header's top. The
    // headline: the next line, short, no sentence (a question may end it), no separators, alone in its block (or
    // over a byline or date line). A text that is not hard-wrapped draws no blocks (a heading between lines of
    // its own without blank lines), so the shape cannot be read there.
    if (byLine) return;
    // (a date line, not a byline with its date: a headline and its dek stand above a byline)
    const dateUnit = header.date?.whole && header.date.units.length === 1 && !header.author?.units.includes(header.date.unit) ? header.date.unit : -1;
    const h = units[dateUnit + 1];
    const n = units[dateUnit + 2];
    if (!opts.aboveMeta || dateUnit <= tLast || !h || !n || !unitKeep[dateUnit + 1] || !unitKeep[dateUnit + 2]) return;
    if (h.words > 15 || h.separators > 0 || (h.terminal && !/[?!]["'”’]?$/.test(h.text.trim())) || h.block === units[dateUnit]!.block) return;
    if (h.block === n.block && !n.date) return;
    top = dateUnit;
    adjacent = true;
    fromMeta = true;
  }
  const inHeader = new Set([...title, ...meta]);
  let below = 0;
  for (let j = top; j < units.length; j++) if (unitKeep[j] && !inHeader.has(j)) below += units[j]!.words;
  if (below < opts.aboveHeadline) return;
  // the header stands apart from what is kept above it: a line the model drops just above it, or a byline or date
  // line right above or under the headline (a subhead inside the article, taken for the headline, has article
  // right above it and no byline of its own)
  if (opts.aboveGap && top > 0 && unitKeep[top - 1] && !adjacent) return;
  // what the model is sure of above a headline is an article's first part (a letter and its reply, each with its
  // own sender and date), not the site's
  let above = 0;
  let sure = 0;
  for (let j = 0; j < top; j++) {
    if (!unitKeep[j]) continue;
    above += units[j]!.words;
    if (p[j]! >= opts.spanSure) sure += units[j]!.words;
  }
  if (fromMeta) {
    // under a date line over a headline, what the model is sure of above is the site's (an about box), unless it is
    // twice the article below or more (a date inside the article, a quoted post's, over its last lines)
    if (above >= 2 * below) return;
  } else if (sure >= opts.aboveSure * above) return;
  for (let j = 0; j < top; j++) {
    if (!unitKeep[j] || inHeader.has(j)) continue;
    unitKeep[j] = false;
    outside[j] = 3;
  }
}

/** A headline's shape: short, no sentence (a question or an exclamation may end it), no separators. */
function headlineShaped(h: Line): boolean {
  return h.words >= 1 && h.words <= 15 && h.separators === 0 && !(h.terminal && !/[?!]["'”’]?$/.test(h.text.trim()));
}

/**
 * A post's own header below the headline found: the header's date line (a whole line of its own, not a byline's)
 * stands under kept lines that are not the header's, with a headline-shaped line alone in its block right under it
 * (and the article under that) or right above it (and the article under the date, its byline between). The
 * headline found above is the site's (a blog's name, a newsletter box's title, the page's title line); the post's
 * header is the top. Returns the top line, or -1.
 */
function datedHeadline(units: readonly Line[], header: Header, unitKeep: boolean[], tLast: number, find = 0): number {
  const d = header.date;
  let j: number;
  if (d) {
    if (!d.whole || d.units.length !== 1 || header.author?.units.includes(d.unit)) return -1;
    j = d.unit;
  } else {
    if (find <= 0) return -1;
    j = tLast + 1;
    while (j < units.length && !(units[j]!.date && units[j]!.words <= find)) j++;
    if (j >= units.length) return -1;
  }
  if (j <= tLast) return -1;
  // (a date written with words, a month's or a day's name: a line of numbers is an image's file names; a date line
  // right under the header's byline is the byline's own)
  if (!/\p{L}{3}/u.test(units[j]!.text)) return -1;
  const by = header.author?.whole ? header.author.units : [];
  if (by.includes(j - 1)) return -1;
  const inHeader = new Set([...(header.title?.units ?? []), ...(header.author?.whole ? header.author.units : []), j]);
  const keptBetween = (from: number, to: number): boolean => {
    for (let k = from; k < to; k++) if (unitKeep[k] && !inHeader.has(k)) return true;
    return false;
  };
  // (a headline opens with a word, a number or a quote: "(Credit: …)" under a byline's date is a caption)
  const opens = (k: number): boolean => !/^[([{<]/.test(units[k]!.text.trim());
  const aloneInBlock = (k: number): boolean => units[k - 1]?.block !== units[k]!.block && units[k + 1]?.block !== units[k]!.block;
  // above: a headline alone in its block, the date line, then the article kept within two lines (a byline between);
  // read first (a label line under the date, "Labels: …", is no headline); not for a date line the header did not
  // find (an embedded post's signature, "Name (@name) October 31, 2021", under its last line)
  const over = units[j - 1];
  if (d && over && j - 1 > tLast && unitKeep[j - 1] && headlineShaped(over) && opens(j - 1) && aloneInBlock(j - 1) && (unitKeep[j + 1] || unitKeep[j + 2]) && keptBetween(tLast + 1, j - 1)) return j - 1;
  // under: the date line, a headline alone in its block, the article's next line kept
  const under = units[j + 1];
  if (under && unitKeep[j + 1] && headlineShaped(under) && opens(j + 1) && aloneInBlock(j + 1) && unitKeep[j + 2] && keptBetween(tLast + 1, j)) return j;
  return -1;
}

/**
 * The lede under its header: a headline with its byline or date line, then the article. The model scores the
 * lede's first lines low (what stands above them is the site's); prose lines right under the header, before the
 * article's first kept line, stay.
 */
function keepLede(units: readonly Line[], p: Float64Array, header: Header, unitKeep: boolean[], outside: Uint8Array, opts: DecideOptions): void {
  if (!header.title) return;
  const meta = [...(header.author?.whole ? header.author.units : []), ...(header.date?.whole ? header.date.units : [])];
  if (meta.length === 0) return;
  const inHeader = new Set([...header.title.units, ...meta]);
  const last = Math.max(...inHeader);
  let next = last + 1;
  while (next < units.length && (!unitKeep[next] || inHeader.has(next))) next++;
  if (next >= units.length || next - last - 1 === 0) return;
  // prose in the manner of jusText: a block of 15 words or more, a quarter of them function words
  const words = new Map<number, number>();
  const stop = new Map<number, number>();
  for (const u of units) {
    words.set(u.block, (words.get(u.block) ?? 0) + u.words);
    stop.set(u.block, (stop.get(u.block) ?? 0) + u.stop);
  }
  if (next - last - 1 <= opts.ledeGap) {
    for (let j = last + 1; j < next; j++) {
      const u = units[j]!;
      const bw = words.get(u.block)!;
      // (a line of the lede: not a list item, a short line, a line with separators or a dated line such as "Posted
      // at DATE | Updated DATE")
      if (u.bullet || u.words < 6 || u.separators > 0 || (u.date && u.words <= 14)) continue;
      if (p[j]! < opts.ledeMin || bw < 15 || stop.get(u.block)! < 0.25 * bw) continue;
      if (opts.ledeSameBlock && u.block !== units[next]!.block) continue;
      unitKeep[j] = true;
      outside[j] = 0;
    }
  }
  // the lede's paragraphs above the first line kept now
  if (opts.ledeBlocks <= 0) return;
  let top = last + 1;
  while (top < next && !unitKeep[top]) top++;
  if (top > last + 1) ledeBlocks(units, top, words, stop, last, unitKeep, outside, opts);
}

/** A photo's credit or caption label inside a line ("Photo: Air Force", "Image credit: …"). */
const CREDIT = /\b(?:photo|photograph|image|picture|credit|caption)s?(?: credit)?:\s/i;
/** The head of an author box or of a related list ("About the author", "Related posts"): what stands under it is the box's. */
const BOX_HEAD = [POST_END.author!, POST_END.aboutName!, POST_END.related!];

/**
 * The lede counted in paragraphs: walking up from the article's first kept line (`top`) towards the header's last
 * line, the prose blocks (in jusText's manner: `ledeWords` words or more, a quarter function words, and here a
 * sentence at the block's end: a one-sentence paragraph of 10 words is a lede's) with only short lines between
 * them (`ledeShort` words or fewer, no sentence end and no date: an image placeholder, "Enlarge Image", a credit, a
 * share button) stay, up to the first other line; at most `ledeBlocks` of them, or none. A prose block's lines in the
 * gap are no list items, no lines with separators, URLs or a short date ("Posted at DATE | Updated DATE"), no more
 * than `ledeFewLines` of them under 6 words (a gallery's "1 of 24", "Full Screen"), none shown twice in the document
 * (a caption, a teaser's title) or holding a photo's credit; and the block ends in a sentence.
 */
function ledeBlocks(
  units: readonly Line[],
  top: number,
  words: ReadonlyMap<number, number>,
  stop: ReadonlyMap<number, number>,
  last: number,
  unitKeep: boolean[],
  outside: Uint8Array,
  opts: DecideOptions,
): void {
  const ends = new Map<number, boolean>();
  for (const u of units) ends.set(u.block, u.terminal);
  const keep: number[] = [];
  let blocks = 0;
  for (let k = top; k > last + 1; ) {
    // the gap's part of one block: units [j, k)
    const b = units[k - 1]!.block;
    let j = k - 1;
    while (j > last + 1 && units[j - 1]!.block === b) j--;
    const bw = words.get(b)!;
    let prose = bw >= opts.ledeWords && stop.get(b)! >= 0.25 * bw && ends.get(b)!;
    let short = true;
    let few = 0;
    for (let i = j; i < k; i++) {
      const u = units[i]!;
      // (lines removed as comments or under the post's end; and a box's head: what stands under it is the box's)
      if (outside[i]! > 1 || BOX_HEAD.some((r) => r.test(u.text.trim()))) return;
      if (u.bullet || u.separators > 0 || u.url || (u.date && u.words <= 14) || u.repeats > 1 || CREDIT.test(u.text)) prose = false;
      if (u.words > opts.ledeShort || u.terminal || u.date) short = false;
      if (u.words < 6) few++;
    }
    if (few > opts.ledeFewLines * (k - j)) prose = false;
    if (prose) {
      blocks++;
      for (let i = j; i < k; i++) keep.push(i);
    } else if (!short) break;
    k = j;
  }
  if (blocks === 0 || blocks > opts.ledeBlocks) return;
  for (const j of keep) {
    unitKeep[j] = true;
    outside[j] = 0;
  }
}

/**
 * A sentence is never cut: a dropped line of a block whose kept neighbour in the block continues its sentence (the
 * dropped line does not end a sentence and the kept line after it starts in lower case, or the kept line before it
 * does not end one and the dropped line starts in lower case) stays, when scored at least `min`.
 */
function joinSentences(units: readonly Line[], p: Float64Array, unitKeep: boolean[], outside: Uint8Array, moved: ReadonlyMap<number, string>, min: number, wrapped: number): void {
  for (let changed = true; changed; ) {
    changed = false;
    for (let j = 0; j < units.length; j++) {
      // (lines under the post's end stay removed: the sentence runs on into the site's part)
      if (unitKeep[j] || moved.has(j) || p[j]! < min || outside[j] === 4) continue;
      const u = units[j]!;
      if (u.url || u.words < 4 || u.stop === 0) continue;
      const next = units[j + 1];
      const prev = units[j - 1];
      const joinsNext = next && unitKeep[j + 1] && !moved.has(j + 1) && next.block === u.block && !next.url && !u.terminal && next.startsLower && u.length >= wrapped;
      const joinsPrev = prev && unitKeep[j - 1] && !moved.has(j - 1) && prev.block === u.block && !prev.url && !prev.terminal && u.startsLower && prev.length >= wrapped;
      if (!joinsNext && !joinsPrev) continue;
      unitKeep[j] = true;
      outside[j] = 0;
      changed = true;
    }
  }
}

/**
 * The article's tail: the model scores an article's last paragraphs lower as the page's chrome comes near; the
 * sentences right under the last kept line that go on with the article's prose stay.
 */
function keepTail(units: readonly Line[], p: Float64Array, unitKeep: boolean[], outside: Uint8Array, end: number, opts: DecideOptions, wrapped: number): void {
  const last = unitKeep.lastIndexOf(true);
  // (the span ends with a sentence, or in a wrapped line of one: not with a teaser's title or a list of tags)
  if (last < 0 || (!units[last]!.terminal && units[last]!.length < wrapped)) return;
  let rest = !units[last]!.terminal;
  // a line that may go on with the article: scored from tailMin to tailMax, words and no list marker, URL, copyright,
  // placeholder, separators or comment frame
  const continues = (u: Line, j: number): boolean =>
    p[j]! >= opts.tailMin && p[j]! < opts.tailMax && u.words > 0 && !u.bullet && !u.url && !u.copyright && u.placeholders === 0 && u.separators === 0 && !framesComment(u);
  // sentences: the lines up to one that ends a sentence stay together when they read as prose (tailWords words or
  // more, a share of function words, few interface words and capitalised words, no date)
  let from = last + 1;
  let words = 0;
  let stop = 0;
  let chrome = 0;
  let cap = 0;
  let voice = 0;
  let dated = false;
  for (let j = last + 1; j < end; j++) {
    const u = units[j]!;
    if (!continues(u, j)) return;
    words += u.words;
    stop += u.stop;
    chrome += u.chrome;
    cap += u.cap;
    voice += u.voice + (u.imperative ? 1 : 0);
    dated ||= u.date;
    // (the rest of a sentence starts in lower case)
    if (rest && j === last + 1 && !u.startsLower) return;
    // (a line that does not end a sentence was wrapped: it fills the width, a title or a label does not)
    if (!u.terminal) {
      if (u.length < wrapped) return;
      continue;
    }
    // (a question ends a post: "What phone will you be buying?" under it asks the readers)
    if (opts.tailNoQuestion && /\?["'”’)]*$/.test(u.text)) return;
    // (the site's own voice: "Add yours.", "Sign up for …", "Visit the author's blog …")
    if (voice > opts.tailVoice * words) return;
    // (the rest of the last kept line's sentence is the article's however short)
    if (!rest && (words < opts.tailWords || stop < opts.tailStop * words || chrome > opts.tailChrome * words || cap > 0.4 * words || dated)) return;
    rest = false;
    for (let i = from; i <= j; i++) {
      unitKeep[i] = true;
      outside[i] = 0;
    }
    from = j + 1;
    words = stop = chrome = cap = voice = 0;
    dated = false;
  }
}

/** Words of the lines in units [from, to] scored at least `threshold`. */
function keptWordsIn(units: readonly Line[], p: Float64Array, threshold: number, from: number, to: number): number {
  let words = 0;
  for (let j = from; j <= to; j++) if (p[j]! >= threshold) words += units[j]!.words;
  return words;
}

/** How many comment-framing lines stand in units [from, to). */
function framesBetween(units: readonly Line[], from: number, to: number): number {
  let n = 0;
  for (let j = from; j < to; j++) if (framesComment(units[j]!)) n++;
  return n;
}

/** The article's first line (unit index): the first kept line of its densest run, or the first kept line when that is near. */
function firstKept(units: readonly Line[], p: Float64Array, unitKeep: readonly boolean[]): number {
  const [runFrom] = bestRun(units, p);
  let first = unitKeep.indexOf(true, runFrom);
  const firstAny = unitKeep.indexOf(true);
  if (first < 0 || (firstAny >= 0 && units[first]!.index - units[firstAny]!.index <= HEADER_REACH)) first = firstAny;
  return first;
}

/** The run of units with the largest sum of (p − ½·max p) weighted by words: the article's core. */
function bestRun(units: readonly Line[], p: Float64Array): [number, number] {
  let pMax = 0;
  for (let j = 0; j < p.length; j++) if (p[j]! > pMax) pMax = p[j]!;
  const [bestFrom, bestTo] = densestRun(units, p, 0.5 * pMax);
  return bestTo < 0 ? [0, units.length - 1] : [bestFrom, bestTo];
}

/** Kadane's sum of (p − offset) × log(1 + words) over units [from, to]. */
function runSum(units: readonly Line[], p: Float64Array, offset: number, from: number, to: number): number {
  let sum = 0;
  for (let j = from; j <= to; j++) sum += (p[j]! - offset) * Math.log1p(units[j]!.words);
  return sum;
}

/**
 * The span or the best other run, whichever stands under a header of its own: a headline found by the headline model
 * with its byline or date line within `reach` lines above the run's first kept line. The span keeps its place unless
 * it has no such header and the other run has one.
 */
function headedRun(
  doc: Scored['doc'],
  p: Float64Array,
  threshold: number,
  opts: DecideOptions,
  from: number,
  to: number,
  templates?: ReadonlySet<number>,
): [number, number] {
  const { units } = doc;
  const o = opts.spanHeader!;
  const offset = threshold + opts.spanMargin;
  const stops = functionWords(doc.language);
  const byLine = lineBlocks(doc);
  const headed = (a: number, b: number, lenient = false): boolean => {
    let first = a;
    while (first <= b && p[first]! < threshold) first++;
    if (first > b) return false;
    const h = findHeader(units, first, p, stops, byLine, templates);
    // (the run may open with its header's lines: the headline and its date line kept)
    const near = (j: number): boolean => j - first <= 2 && first - j <= o.reach;
    const meta = [...(h.author?.units ?? []), ...(h.date?.units ?? [])];
    // (the span under a headline, a byline or a date line of its own: a post whose byline is under it, a headline
    // the model found far above its byline)
    if (lenient) return (h.title !== undefined && near(h.title.unit)) || meta.some(near);
    return h.title !== undefined && near(h.title.unit) && meta.some(near);
  };
  // (a span the model is sure of, `sure` of its kept words scored spanSure or more, is the article wherever it stands)
  let kept = 0;
  let sure = 0;
  for (let j = from; j <= to; j++) {
    if (p[j]! < threshold) continue;
    kept += units[j]!.words;
    if (p[j]! >= opts.spanSure) sure += units[j]!.words;
  }
  if (sure >= o.sure * kept || headed(from, to, true)) return [from, to];
  const best = runSum(units, p, offset, from, to);
  const candidates: [number, number][] = [];
  if (from > 0) candidates.push(densestRun(units.slice(0, from), p.subarray(0, from), offset));
  if (to < units.length - 1) {
    const [a, b] = densestRun(units.slice(to + 1), p.subarray(to + 1), offset);
    if (b >= a) candidates.push([a + to + 1, b + to + 1]);
  }
  let pick: [number, number] | null = null;
  let pickSum = -Infinity;
  for (const [a, b] of candidates) {
    if (b < a) continue;
    const sum = runSum(units, p, offset, a, b);
    if (sum < o.ratio * best || keptWordsIn(units, p, threshold, a, b) < o.minWords || !headed(a, b)) continue;
    if (sum > pickSum) [pick, pickSum] = [[a, b], sum];
  }
  return pick ?? [from, to];
}
