/**
 * Scripts written without spaces between words (Chinese, Japanese, Thai, Lao, Khmer, Myanmar): a run of their letters
 * is one "word" to a pattern of letters between separators, so a paragraph of Chinese counts as three words, reads
 * as a short label to every length test and never as prose. Such a run is cut into words by the platform's word
 * segmenter (ICU's dictionaries, through `Intl.Segmenter`), the way a reader of the language counts them.
 */

/** The code points of the scripts written without spaces between words, as [first, last] ranges. */
const UNSPACED_RANGES: ReadonlyArray<readonly [number, number]> = [
  [0x0e00, 0x0eff], // Thai, Lao
  [0x1000, 0x109f], // Myanmar
  [0x1780, 0x17ff], // Khmer
  [0x3040, 0x30ff], // Hiragana, Katakana
  [0x31f0, 0x31ff], // Katakana phonetic extensions
  [0x3400, 0x4dbf], // CJK extension A
  [0x4e00, 0x9fff], // CJK unified ideographs
  [0xf900, 0xfaff], // CJK compatibility ideographs
  [0xff66, 0xff9f], // half-width Katakana
  [0x20000, 0x3134f], // CJK extensions B-G
];

/** Wide in a text browser's columns: the CJK blocks, Hangul, full-width forms. */
const WIDE_RANGES: ReadonlyArray<readonly [number, number]> = [
  [0x1100, 0x115f], [0x2e80, 0xa4cf], [0xac00, 0xd7a3], [0xf900, 0xfaff], [0xfe30, 0xfe4f], [0xff01, 0xff60],
  [0xffe0, 0xffe6], [0x20000, 0x3fffd],
];

const inRanges = (cp: number, ranges: ReadonlyArray<readonly [number, number]>): boolean => ranges.some(([lo, hi]) => cp >= lo && cp <= hi);
const hex = (cp: number): string => `\\u{${cp.toString(16)}}`;
const charClass = (ranges: ReadonlyArray<readonly [number, number]>): string => ranges.map(([lo, hi]) => `${hex(lo)}-${hex(hi)}`).join('');

/** Whether a code point is a letter of a script written without spaces between words. */
export function isUnspaced(cp: number): boolean {
  return cp >= 0x0e00 && inRanges(cp, UNSPACED_RANGES);
}

/** The code points of isUnspaced, as a character class's ranges. */
const LETTERS = charClass(UNSPACED_RANGES);
/** A cheap test before the segmenter: does the text hold a letter of such a script? */
export const HAS_UNSPACED = new RegExp(`[${LETTERS}]`, 'u');
/** Without a segmenter: the text between such letters, and such letters two at a time. */
const FALLBACK = new RegExp(`[^${LETTERS}]+|[${LETTERS}]{1,2}`, 'gu');

let segmenter: Intl.Segmenter | null | undefined;

function theSegmenter(): Intl.Segmenter | null {
  // the scripts' word boundaries come from ICU's dictionaries whatever the locale; a fixed one keeps runs alike
  segmenter ??= typeof Intl.Segmenter === 'function' ? new Intl.Segmenter('und', { granularity: 'word' }) : null;
  return segmenter;
}

/**
 * The words of a token that holds letters of such a script, in order ("DeepMind开发出" → DeepMind, 开发, 出). Without
 * a segmenter (a Node built without ICU data) a run of such letters counts a word per two letters.
 */
export function segmentWords(token: string): readonly string[] {
  let out = SEGMENTED.get(token);
  if (out !== undefined) return out;
  const seg = theSegmenter();
  const words: string[] = [];
  if (seg === null) for (const m of token.matchAll(FALLBACK)) words.push(m[0]);
  else {
    // ICU's dictionary segmentation grows faster than the run it is given (a 70,000-character run of Chinese takes 25
    // times a 35,000-character one's time): a long run is segmented in pieces of CHUNK characters
    for (let i = 0; i < token.length; ) {
      let end = Math.min(token.length, i + CHUNK);
      if (end < token.length && (token.charCodeAt(end) & 0xfc00) === 0xdc00) end++; // never between a surrogate pair
      for (const s of seg.segment(token.slice(i, end))) if (s.isWordLike) words.push(s.segment);
      i = end;
    }
  }
  out = words.length ? words : [token];
  // the rules count the same blocks' words again and again: the segmenter is the costly step, so its answers are kept
  if (token.length <= MEMO_MAX_LENGTH) {
    if (SEGMENTED.size >= SEGMENTED_MAX) SEGMENTED.clear();
    SEGMENTED.set(token, out);
  }
  return out;
}

/** The longest piece of a run given to the segmenter at once. */
const CHUNK = 512;
/** Runs longer than this are not kept in the memo (their words would hold it up). */
const MEMO_MAX_LENGTH = 4096;

/** Recently segmented tokens (a bounded memo, cleared when full). */
const SEGMENTED = new Map<string, readonly string[]>();
const SEGMENTED_MAX = 4096;

/** How many words a token that holds letters of such a script counts (one at least). */
export function unspacedWordCount(token: string): number {
  return segmentWords(token).length;
}

/** A character a browser joins to its neighbour without a space: such letters, CJK punctuation, full-width forms. */
function isTight(cp: number): boolean {
  return isUnspaced(cp) || (cp >= 0x3000 && cp <= 0x303f) || (cp >= 0xff01 && cp <= 0xff60);
}

/** Quotation marks and brackets looked through at a line's edge ("”这样的问题", "…哪个站？”"). */
const OPENING_MARKS = /^[\s"'“”‘’«»()（）「」『』【】《》]+/u;
const CLOSING_MARKS = /[\s"'“”‘’«»()（）「」『』【】《》]+$/u;

/** Display columns of a line in a text browser: CJK, full-width and Hangul characters count two. */
export function columns(s: string): number {
  if (!HAS_WIDE.test(s)) return s.length;
  let n = 0;
  for (const ch of s) n += inRanges(ch.codePointAt(0)!, WIDE_RANGES) ? 2 : 1;
  return n;
}
const HAS_WIDE = new RegExp(`[${charClass(WIDE_RANGES)}]`, 'u');

/**
 * A wrapped paragraph's lines joined into one: a space between two lines, none where the break falls between two
 * characters of a script written without spaces (a browser breaks Chinese, Japanese or Thai between any two words
 * and adds no space there; quotation marks and brackets at the break are looked through). Korean, written with
 * spaces, keeps its space.
 */
export function joinWrapped(lines: readonly string[]): string {
  let out = lines[0] ?? '';
  for (let k = 1; k < lines.length; k++) {
    const next = lines[k]!;
    // the line before's end (a bounded tail: the joined text grows with every line)
    const before = lines[k - 1]!.slice(-64).replace(CLOSING_MARKS, '');
    const tight = before.length > 0 && isTight(before.codePointAt(before.length - (/[\udc00-\udfff]$/.test(before) ? 2 : 1))!) && opensUnspaced(next);
    out += (tight ? '' : ' ') + next;
  }
  return out;
}

/** Whether a line begins (quotation marks and brackets looked through) with a character joined without a space. */
export function opensUnspaced(line: string): boolean {
  const after = line.slice(0, 64).replace(OPENING_MARKS, '');
  return after.length > 0 && isTight(after.codePointAt(0)!);
}
