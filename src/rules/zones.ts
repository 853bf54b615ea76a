/**
 * Zones of a body: the header (lines before the first prose paragraph), the body, and the footer (the trailing run
 * of short or non-prose blocks). Aggressive line rules only ever look at the header and footer zones.
 */
import type { Block } from '../types.js';
import { blockMemo } from './block-memo.js';
import { isUnspaced, unspacedWordCount } from '../text/unspaced.js';

// combining marks belong to their word (Devanagari vowel signs, Hebrew points, Arabic harakat):
//   /[\p{L}\p{N}][\p{L}\p{N}\p{M}]*(?:['’.-][\p{L}\p{N}][\p{L}\p{N}\p{M}]*)*/gu
// counted by a scanner that gives the same count as that expression (a test compares them) at a fraction of the cost

const OTHER = 0;
const LN = 1;
const MARK = 2;
const UNKNOWN = 3;
/** Class of each BMP code unit, filled on first sight. */
const CLASS = new Uint8Array(65536).fill(UNKNOWN);
const IS_LN = /^[\p{L}\p{N}]$/u;
const IS_M = /^\p{M}$/u;

function classOf(cp: number): number {
  if (cp < 65536) {
    let c = CLASS[cp]!;
    if (c === UNKNOWN) {
      const ch = String.fromCharCode(cp);
      c = cp >= 0xd800 && cp <= 0xdfff ? OTHER : IS_LN.test(ch) ? LN : IS_M.test(ch) ? MARK : OTHER;
      CLASS[cp] = c;
    }
    return c;
  }
  const ch = String.fromCodePoint(cp);
  return IS_LN.test(ch) ? LN : IS_M.test(ch) ? MARK : OTHER;
}

/** Class of each ASCII code unit. */
const ASCII = new Uint8Array(128);
for (let c = 0; c < 128; c++) ASCII[c] = /[A-Za-z0-9]/.test(String.fromCharCode(c)) ? LN : OTHER;

function isJoiner(cu: number): boolean {
  return cu === 0x27 || cu === 0x2019 || cu === 0x2e || cu === 0x2d;
}

/** Class and length (1 or 2 code units) of the character at `i`, packed as class * 4 + length. */
function charAt(s: string, i: number): number {
  const cu = s.charCodeAt(i);
  if (cu < 128) return ASCII[cu]! * 4 + 1;
  if (cu >= 0xd800 && cu <= 0xdbff && i + 1 < s.length) {
    const lo = s.charCodeAt(i + 1);
    if (lo >= 0xdc00 && lo <= 0xdfff) return classOf((cu - 0xd800) * 0x400 + (lo - 0xdc00) + 0x10000) * 4 + 2;
  }
  return classOf(cu) * 4 + 1;
}

/**
 * Number of words in `s`; with `limit`, counting stops there (cheap on very long blocks). A word holding letters of a
 * script written without spaces (Chinese, Japanese, Thai …) counts the words the platform's segmenter finds in it
 * (../text/unspaced.ts).
 */
export function wordCount(s: string, limit = Infinity): number {
  let n = 0;
  let i = 0;
  const len = s.length;
  while (i < len && n < limit) {
    // ASCII inline; anything else through the class table
    const cu = s.charCodeAt(i);
    const start = i;
    let k: number;
    let unspaced = false;
    if (cu < 128) {
      k = ASCII[cu]!;
      i++;
    } else {
      const c = charAt(s, i);
      k = c >> 2;
      if (k === LN && cu >= 0x0e00) unspaced = isUnspaced(s.codePointAt(i)!);
      i += c & 3;
    }
    if (k !== LN) continue;
    // a word: letters, digits and marks, joined across ' ’ . - when a letter or digit follows
    n++;
    while (i < len) {
      const u = s.charCodeAt(i);
      if (u < 128) {
        if (ASCII[u] === LN) {
          i++;
          continue;
        }
      } else {
        const c = charAt(s, i);
        if (c >> 2 === LN || c >> 2 === MARK) {
          if (!unspaced && u >= 0x0e00) unspaced = isUnspaced(s.codePointAt(i)!);
          i += c & 3;
          continue;
        }
      }
      if (isJoiner(u) && i + 1 < len) {
        const next = charAt(s, i + 1);
        if (next >> 2 === LN) {
          if (!unspaced && s.charCodeAt(i + 1) >= 0x0e00) unspaced = isUnspaced(s.codePointAt(i + 1)!);
          i += 1 + (next & 3);
          continue;
        }
      }
      break;
    }
    if (unspaced) {
      // with a limit, a prefix long enough to hold the words still wanted (a word is a character or more) will do
      const end = limit === Infinity ? i : Math.min(i, start + 4 * (limit - n + 1) + 8);
      n += unspacedWordCount(s.slice(start, end)) - 1;
    }
  }
  return Math.min(n, limit);
}

/** True when `s` has at least `n` words; stops counting there (cheap on very long blocks). */
export function hasWords(s: string, n: number): boolean {
  return wordCount(s, n) >= n;
}

const TERMINAL = /[.!?…。！？]["”’»)\]」』）]*$|["”»」』]$/;

export function endsLikeSentence(s: string): boolean {
  return TERMINAL.test(s.trim());
}

const PROSE = blockMemo<boolean>();

/** A paragraph that reads as article prose: ≥20 words ending like a sentence, or two or more sentences. */
export function isProse(b: Block): boolean {
  if (b.type !== 'paragraph' && b.type !== 'quote') return false;
  let p = PROSE.get(b);
  if (p === undefined) {
    p = proseText(b.text);
    PROSE.set(b, p);
  }
  return p;
}

function proseText(t: string): boolean {
  if (!endsLikeSentence(t)) return false;
  if (hasWords(t, 20)) return true;
  return hasWords(t, 8) && /[.!?]["”’]?\s+["“‘(]?[A-Z]|[。！？][」』”’）]?\s*[^\s」』”’）]/.test(t);
}

/** Index of the first prose paragraph (the end of the header zone); blocks.length when there is none. */
export function bodyStart(blocks: Block[]): number {
  for (let i = 0; i < blocks.length; i++) if (isProse(blocks[i]!)) return i;
  return blocks.length;
}

/** The most blocks a footer can plausibly hold; footer rules never look further back than this. */
export const MAX_FOOTER_BLOCKS = 40;

/** Where footer rules start looking: the footer zone, at least the last `min` blocks, at most MAX_FOOTER_BLOCKS. */
export function footerScanStart(blocks: Block[], min: number): number {
  return Math.max(1, blocks.length - MAX_FOOTER_BLOCKS, Math.min(footerStart(blocks), blocks.length - min));
}

/** Index where the footer zone begins: after the last prose paragraph. */
export function footerStart(blocks: Block[]): number {
  for (let i = blocks.length - 1; i >= 0; i--) if (isProse(blocks[i]!)) return i + 1;
  return blocks.length;
}

/** Recently folded lines: a headline is compared with every line of the header zone. */
const FOLDED = new Map<string, string>();

/**
 * Normalised form of a line for comparisons: compatibility forms folded (NFKC), lower case, every run of
 * characters other than letters and digits (punctuation, quotes, dashes, Markdown escapes) one space.
 */
export function fold(s: string): string {
  let f = FOLDED.get(s);
  if (f === undefined) {
    f = s
      .normalize('NFKC')
      .toLowerCase()
      .replace(/[^\p{L}\p{N}]+/gu, ' ')
      .trim();
    if (FOLDED.size >= 512) FOLDED.clear();
    FOLDED.set(s, f);
  }
  return f;
}
