/**
 * Template text across an inbox: a line that appears verbatim in several different articles of one run (a site's
 * footer, its newsletter box, its "Most Read" list) is the site's, not the article's — the way site-level template
 * detection works. Pure functions over line hashes: the run's first pass adds every plain-text input
 * (TemplateIndex.add), and each document is then cleaned knowing which of its lines are template lines
 * (the rule NC005 inbox-templates, ../rules/inbox-templates.ts).
 *
 * "Different articles": a line counts only in documents that also hold text of their own (TEMPLATE_OWN_WORDS words
 * in lines no other document has). Copies of one article (a wire story on three sites) share their paragraphs but
 * have next to nothing of their own, so their text is never taken for a template; that is the near-duplicate
 * report's business.
 */

/** Lines of fewer words are not counted (a lone "Home" or "Share" is left to the other rules). */
export const TEMPLATE_MIN_WORDS = 3;
/** A template line appears in at least this many different articles of the run. */
export const TEMPLATE_MIN_DOCS = 3;
/** …each of which holds at least this many words in lines of its own. */
export const TEMPLATE_OWN_WORDS = 50;
/** Lines longer than this (in characters) are not counted: no template is one paragraph-long line. */
export const MAX_LINE = 2000;

/**
 * The key of a line: its words, lowercased, joined by single spaces (list glyphs, punctuation and indentation
 * ignored), or null when it has fewer than TEMPLATE_MIN_WORDS words.
 */
export function lineKey(line: string): { key: string; words: number } | null {
  if (line.length > MAX_LINE) return null;
  const words = line.toLowerCase().match(/[\p{L}\p{N}]+/gu);
  if (!words || words.length < TEMPLATE_MIN_WORDS) return null;
  return { key: words.join(' '), words: words.length };
}

// Per code unit of the Basic Multilingual Plane, decided when first met: its lowercase form (one code unit) and
// whether that is a letter or a digit. SLOW: the code unit's lowercase is not one code unit, depends on its context
// (final sigma), or is half of a surrogate pair; a line holding one takes lineKey's way.
const UNKNOWN = 0;
const WORD = 1;
const OTHER = 2;
const SLOW = 3;
const unitClass = new Uint8Array(0x10000);
const unitLower = new Uint16Array(0x10000);
const WORD_CHAR = /^[\p{L}\p{N}]$/u;

function classify(c: number): number {
  let k: number;
  if ((c >= 0xd800 && c <= 0xdfff) || c === 0x03a3) k = SLOW;
  else {
    const lower = String.fromCharCode(c).toLowerCase();
    if (lower.length !== 1) k = SLOW;
    else {
      unitLower[c] = lower.charCodeAt(0);
      k = WORD_CHAR.test(lower) ? WORD : OTHER;
    }
  }
  unitClass[c] = k;
  return k;
}

/** Words counted by the last lineHash call. */
let hashedWords = 0;

/**
 * hashKey(lineKey(line).key) without building the key: one pass over the line's code units. -1 when lineKey gives
 * null. The words it counted are in lineHashWords() until the next call.
 */
export function lineHash(line: string): number {
  return rangeHash(line, 0, line.length);
}

/** lineHash of text.slice(start, end), without slicing unless a unit needs lineKey's slow path. */
function rangeHash(text: string, start: number, end: number): number {
  hashedWords = 0;
  if (end - start > MAX_LINE) return -1;
  const h = foldWords(text, start, end, 0x811c9dc5);
  if (h === -1) {
    const slow = lineKey(text.slice(start, end));
    hashedWords = slow ? slow.words : 0;
    return slow ? hashKey(slow.key) : -1;
  }
  return hashedWords < TEMPLATE_MIN_WORDS ? -1 : h >>> 0;
}

/**
 * The words of text.slice(start, end) folded into the FNV-1a state `h` as lineKey would give them (lowercased,
 * joined by single spaces); -1 when a code unit needs lineKey's slow path. The words counted are in hashedWords.
 */
function foldWords(text: string, start: number, end: number, h: number): number {
  let words = 0;
  let inWord = false;
  for (let i = start; i < end; i++) {
    const c = text.charCodeAt(i);
    let k = unitClass[c]!;
    if (k === UNKNOWN) k = classify(c);
    if (k === WORD) {
      if (!inWord) {
        if (words > 0) h = Math.imul(h ^ 0x20, 0x01000193);
        words++;
        inWord = true;
      }
      h = Math.imul(h ^ unitLower[c]!, 0x01000193);
    } else if (k === OTHER) inWord = false;
    else return -1;
  }
  hashedWords = words;
  return h;
}

/** Separates the two lines of a pair's key. */
const PAIR_SEP = 0x01;

/**
 * The hash of a line with the line with words before it (null for a text's first line with words): hashKey of the
 * two lines' words (as lineKey gives them, of any number) joined by U+0001. A line that is a site's fixed element
 * stands after the same line on every page (a blog's name under its menu); the same text as a headline of one page
 * and a link in the lists of other pages does not. -1 for a line without words or longer than MAX_LINE.
 */
export function linePairHash(prev: string | null, line: string): number {
  return pairRangeHash(prev ?? '', 0, prev === null ? 0 : prev.length, line, 0, line.length);
}

function pairRangeHash(pt: string, ps: number, pe: number, text: string, start: number, end: number): number {
  if (end - start > MAX_LINE || pe - ps > MAX_LINE) return -1;
  let h = foldWords(pt, ps, pe, 0x811c9dc5);
  if (h !== -1) {
    h = foldWords(text, start, end, Math.imul(h ^ PAIR_SEP, 0x01000193));
    if (h !== -1) return hashedWords > 0 ? h >>> 0 : -1;
  }
  const words = (s: string): string => s.toLowerCase().match(/[\p{L}\p{N}]+/gu)?.join(' ') ?? '';
  const cur = words(text.slice(start, end));
  return cur ? hashKey(`${words(pt.slice(ps, pe))}\u0001${cur}`) : -1;
}

/** The number of words the last lineHash call counted in its line. */
export function lineHashWords(): number {
  return hashedWords;
}

/** 32-bit FNV-1a of a string's UTF-16 code units. */
export function hashKey(key: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < key.length; i++) {
    h ^= key.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

/** The number of leading lines that are YAML front matter (`---` … `---`), 0 when there is none. */
export function frontMatterLines(lines: readonly string[]): number {
  if (lines[0]?.trim() !== '---') return 0;
  for (let k = 1; k < lines.length; k++) if (lines[k]!.trim() === '---' || lines[k]!.trim() === '...') return k + 1;
  return 0;
}

/** Scratch of `hashLines`: the distinct hashes of the last text, in the order first met, and the words of each. */
let scratchHashes = new Uint32Array(1024);
let scratchWords = new Uint16Array(1024);
/** Open addressing set of the hashes met in the current text: a slot holds its hash when `seenStamp` is the text's. */
let seenHash = new Uint32Array(2048);
let seenStamp = new Uint32Array(2048);
let stamp = 0;

/** Adds `h` to the set of the current text; false when it was there already. */
function firstSeen(h: number): boolean {
  const mask = seenHash.length - 1;
  let at = Math.imul(h, 0x9e3779b1) >>> 0 & mask;
  for (;;) {
    if (seenStamp[at] !== stamp) {
      seenStamp[at] = stamp;
      seenHash[at] = h;
      return true;
    }
    if (seenHash[at] === h) return false;
    at = (at + 1) & mask;
  }
}

/**
 * The distinct line hashes of a text (its front matter left out), as lineHash gives them, into the scratch arrays
 * (`scratchHashes`, `scratchWords`); returns how many. One pass over the text's code units, without a string per
 * line: the first pass over a run hashes every line of every plain-text input.
 */
function hashLines(text: string, pairs = false): number {
  let start = 0;
  if (text.startsWith('---')) {
    const fm = frontMatterLines(text.split('\n'));
    for (let k = 0; k < fm; k++) start = text.indexOf('\n', start) + 1;
  }
  // at most one hash per line of three words (six characters with the spaces between them), and with `pairs` one
  // more per line with words (two characters with its line end)
  const most = (text.length - start) / (pairs ? 1.5 : 6) + 2;
  if (scratchHashes.length < most) {
    scratchHashes = new Uint32Array(Math.ceil(most * 1.5));
    scratchWords = new Uint16Array(Math.ceil(most * 1.5));
  }
  if (seenHash.length < most * 2) {
    let size = seenHash.length;
    while (size < most * 2) size *= 2;
    seenHash = new Uint32Array(size);
    seenStamp = new Uint32Array(size);
    stamp = 0;
  }
  if (++stamp === 0xffffffff) {
    seenStamp.fill(0);
    stamp = 1;
  }
  let n = 0;
  const len = text.length;
  // the last line with words (-1: none yet), for the line pairs
  let prevStart = -1;
  let prevEnd = -1;
  while (start <= len) {
    let end = text.indexOf('\n', start);
    if (end < 0) end = len;
    const h = rangeHash(text, start, end);
    const words = hashedWords;
    if (h >= 0 && firstSeen(h)) {
      scratchHashes[n] = h;
      scratchWords[n] = Math.min(words, 65535);
      n++;
    }
    if (pairs && words > 0) {
      // a pair has no words of its own: the words a document holds alone are counted on its lines
      const ph = prevStart < 0 ? pairRangeHash('', 0, 0, text, start, end) : pairRangeHash(text, prevStart, prevEnd, text, start, end);
      if (ph >= 0 && firstSeen(ph)) {
        scratchHashes[n] = ph;
        scratchWords[n] = 0;
        n++;
      }
      prevStart = start;
      prevEnd = end;
    }
    start = end + 1;
  }
  return n;
}

/** The distinct line hashes of a text (its front matter left out), with the words of each line. */
export function textLines(text: string): { hashes: number[]; words: number[] } {
  const n = hashLines(text);
  return { hashes: Array.from(scratchHashes.subarray(0, n)), words: Array.from(scratchWords.subarray(0, n)) };
}

/** Line hashes of every document of a run, kept in flat typed arrays (about 6 bytes a line). */
export class TemplateIndex {
  private hashes = new Uint32Array(1024);
  private words = new Uint16Array(1024);
  private length = 0;
  /** Start of each document's lines in the arrays (documents numbered from 0 in the order added). */
  private starts: number[] = [];

  /**
   * Adds a document's text; returns its number. With `pairs`, each line with words is also counted with the line
   * with words before it (linePairHash): a pair found in several articles is a site's fixed element there, which
   * the headline is never taken from (../model/header.ts).
   */
  add(text: string, pairs = false): number {
    const count = hashLines(text, pairs);
    const id = this.starts.length;
    this.starts.push(this.length);
    if (this.length + count > this.hashes.length) {
      const size = Math.max(this.hashes.length * 2, this.length + count);
      const h = new Uint32Array(size);
      h.set(this.hashes.subarray(0, this.length));
      const w = new Uint16Array(size);
      w.set(this.words.subarray(0, this.length));
      this.hashes = h;
      this.words = w;
    }
    this.hashes.set(scratchHashes.subarray(0, count), this.length);
    this.words.set(scratchWords.subarray(0, count), this.length);
    this.length += count;
    return id;
  }

  get documents(): number {
    return this.starts.length;
  }

  /**
   * The template lines of each document: the hashes of its lines that appear in at least TEMPLATE_MIN_DOCS
   * documents holding TEMPLATE_OWN_WORDS words of their own. Documents without any are left out of the map.
   */
  templates(minDocs = TEMPLATE_MIN_DOCS, ownWords = TEMPLATE_OWN_WORDS): Map<number, number[]> {
    const out = new Map<number, number[]>();
    const n = this.starts.length;
    if (n < minDocs) return out;
    const all = this.hashes.slice(0, this.length).sort();
    // hashes seen in more than one document (each document's hashes are distinct): -1 when in fewer than minDocs,
    // else (below) the number of documents with text of their own that hold it
    const repeated = new HashCounts(all, minDocs);
    if (repeated.size === 0) return out;
    const end = (d: number): number => (d + 1 < n ? this.starts[d + 1]! : this.length);
    // words of each document's own lines
    const own = new Float64Array(n);
    for (let d = 0; d < n; d++) {
      for (let i = this.starts[d]!; i < end(d); i++) if (repeated.slot(this.hashes[i]!) < 0) own[d]! += this.words[i]!;
    }
    // documents with text of their own in which each repeated line appears
    for (let d = 0; d < n; d++) {
      if (own[d]! < ownWords) continue;
      for (let i = this.starts[d]!; i < end(d); i++) {
        const at = repeated.slot(this.hashes[i]!);
        if (at >= 0 && repeated.counts[at]! >= 0) repeated.counts[at]!++;
      }
    }
    for (let d = 0; d < n; d++) {
      let list: number[] | undefined;
      for (let i = this.starts[d]!; i < end(d); i++) {
        const h = this.hashes[i]!;
        const at = repeated.slot(h);
        if (at >= 0 && repeated.counts[at]! >= minDocs) (list ??= []).push(h);
      }
      if (list) out.set(d, list);
    }
    return out;
  }
}

/**
 * The hashes that occur at least twice in a sorted array, in an open-addressing table (a run's first pass holds
 * millions of line hashes: typed arrays, not a Map of them), each with a count: -1 for a hash found fewer than
 * `minDocs` times, 0 for the others.
 */
class HashCounts {
  readonly size: number;
  private readonly keys: Uint32Array;
  private readonly used: Uint8Array;
  readonly counts: Int32Array;
  private readonly mask: number;

  constructor(sorted: Uint32Array, minDocs: number) {
    let size = 0;
    for (let i = 0; i < sorted.length; ) {
      let j = i + 1;
      while (j < sorted.length && sorted[j] === sorted[i]) j++;
      if (j - i >= 2) size++;
      i = j;
    }
    this.size = size;
    let cap = 16;
    while (cap < size * 2) cap *= 2;
    this.mask = cap - 1;
    this.keys = new Uint32Array(cap);
    this.used = new Uint8Array(cap);
    this.counts = new Int32Array(cap);
    for (let i = 0; i < sorted.length; ) {
      let j = i + 1;
      while (j < sorted.length && sorted[j] === sorted[i]) j++;
      if (j - i >= 2) {
        let at = this.home(sorted[i]!);
        while (this.used[at]) at = (at + 1) & this.mask;
        this.used[at] = 1;
        this.keys[at] = sorted[i]!;
        this.counts[at] = j - i >= minDocs ? 0 : -1;
      }
      i = j;
    }
  }

  private home(h: number): number {
    return (Math.imul(h, 0x9e3779b1) >>> 0) & this.mask;
  }

  /** The slot of `h`, or -1 when it is not a repeated hash. */
  slot(h: number): number {
    let at = this.home(h);
    while (this.used[at]) {
      if (this.keys[at] === h) return at;
      at = (at + 1) & this.mask;
    }
    return -1;
  }
}
