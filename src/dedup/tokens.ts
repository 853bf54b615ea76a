/**
 * Text → word tokens, hashed as they are scanned.
 *
 * Normalisation, so that copies that differ only in typography give the same tokens:
 * - Markdown marks are dropped: link and image targets (`](…)`), reference
 *   definitions, footnote marks, HTML tags and comments, autolinks and bare URLs,
 *   list markers at line start, code-fence lines, character entities. Emphasis marks,
 *   heading hashes, table pipes and quote marks are punctuation and fall away anyway.
 * - A token is a run of letters, digits and combining marks (Unicode L, N, M).
 *   Everything else separates tokens, so commas, quote styles, dashes and hyphens do
 *   not matter ("al-Assad" and "al Assad" give the same tokens).
 * - Apostrophes inside a word (' ’ ‘ ʼ) are removed without splitting it, so
 *   "Russia's", "Russia’s" and "Russias" give one and the same token.
 * - Case is folded; a token with any non-ASCII character is NFKC-normalised and
 *   fully case-folded (ß → ss), so full-width or ligature forms match plain ones.
 *
 * Offsets (char positions in the original text) are kept only when asked for, for
 * passage extraction; shingling for sketches needs the hashes alone.
 */
import { FNV_OFFSET, FNV_PRIME, fnv1a } from './hash.js';

export interface Tokens {
  /** FNV-1a hash of each folded token, in text order. */
  hashes: Uint32Array;
  /** Char offset of each token's first character in the original text (with `offsets`). */
  starts?: Uint32Array;
  /** Char offset just past each token's last character (with `offsets`). */
  ends?: Uint32Array;
}

/**
 * Markdown and markup that carries no article words. Each pattern runs only when its
 * cheap trigger string occurs in the text, so plain prose costs a few `indexOf` calls.
 */
const MASKS: Array<[trigger: string, re: RegExp]> = [
  ['<', /<!--[\s\S]*?-->|<\/?[A-Za-z][^<>\n]*>|<(?:https?|mailto|ftp):[^<>\s]*>/g], // comments, tags, autolinks
  ['](', /\]\([^)\n]*\)/g], // link and image targets: keep the [text], drop the (url "title")
  ['[^', /\[\^[^\]\n]*\]/g], // footnote marks [^1]
  [']:', /(?:^|\n) {0,3}\[[^\]\n]+\]:[ \t]*\S[^\n]*/g], // reference definitions [id]: url
  ['://', /\bhttps?:\/\/[^\s<>()[\]]+/g], // bare URLs
  ['www.', /\bwww\.[^\s<>()[\]]+/g],
  ['```', /(?:^|\n)[ \t]*`{3,}[^\n]*/g], // code fences with their info string
  ['~~~', /(?:^|\n)[ \t]*~{3,}[^\n]*/g],
  ['&', /&(?:#\d{1,7}|#x[0-9A-Fa-f]{1,6}|[A-Za-z][A-Za-z0-9]{1,31});/g], // character entities
];
/** List markers at line start (`- `, `* `, `+ `, `1. `, `1) `). */
const LIST_RE = /(?:^|\n)[ \t]*(?:[-*+]|\d{1,9}[.)])[ \t]+/g;

/** Whether some line starts (after blanks) with `-`, `*`, `+` or a digit: a cheap test before LIST_RE. */
function mayHaveListMarker(text: string): boolean {
  let p = 0;
  while (p >= 0 && p < text.length) {
    let c = text.charCodeAt(p);
    while (c === 32 || c === 9) c = text.charCodeAt(++p);
    if (c === 45 || c === 42 || c === 43 || (c >= 48 && c <= 57)) return true;
    p = text.indexOf('\n', p);
    if (p >= 0) p++;
  }
  return false;
}

/** Ranges [start0, end0, start1, end1, …] of `text` that are not article words, sorted by start. */
export function markupRanges(text: string): number[] {
  let out: number[] = [];
  let sources = 0;
  const collect = (re: RegExp): void => {
    re.lastIndex = 0;
    let m: RegExpExecArray | null;
    const before = out.length;
    while ((m = re.exec(text)) !== null) {
      if (m[0].length === 0) {
        re.lastIndex++;
        continue;
      }
      // Patterns anchored on a newline keep the newline itself as a separator.
      const lead = m[0].charCodeAt(0) === 10 ? 1 : 0;
      out.push(m.index + lead, m.index + m[0].length);
    }
    if (out.length > before) sources++;
  };
  for (const [trigger, re] of MASKS) if (text.includes(trigger)) collect(re);
  if (mayHaveListMarker(text)) collect(LIST_RE);
  if (sources > 1) {
    const pairs: Array<[number, number]> = [];
    for (let i = 0; i < out.length; i += 2) pairs.push([out[i]!, out[i + 1]!]);
    pairs.sort((a, b) => a[0] - b[0] || a[1] - b[1]);
    out = pairs.flat();
  }
  return out;
}

// Character classes: 1 = word character, 2 = apostrophe, 0 = separator.
const ASCII_CLASS = new Uint8Array(128);
for (let c = 48; c <= 57; c++) ASCII_CLASS[c] = 1;
for (let c = 65; c <= 90; c++) ASCII_CLASS[c] = 1;
for (let c = 97; c <= 122; c++) ASCII_CLASS[c] = 1;
ASCII_CLASS[39] = 2;

const WORD_RE = /^[\p{L}\p{N}\p{M}]$/u;
/** Memo for BMP characters ≥ 128: 0 unknown, 1 word, 2 apostrophe, 3 separator. */
const BMP_CLASS = new Uint8Array(65536);
BMP_CLASS[0x2019] = 2;
BMP_CLASS[0x2018] = 2;
BMP_CLASS[0x02bc] = 2;

function classOf(text: string, i: number, c: number): number {
  if (c < 128) return ASCII_CLASS[c]!;
  if (c >= 0xd800 && c <= 0xdbff) {
    const cp = text.codePointAt(i)!;
    return cp > 0xffff && WORD_RE.test(String.fromCodePoint(cp)) ? 1 : 0;
  }
  if (c >= 0xdc00 && c <= 0xdfff) {
    // Low half of a pair: a word character exactly when the pair is one.
    const cp = i > 0 ? text.codePointAt(i - 1)! : c;
    return cp > 0xffff && WORD_RE.test(String.fromCodePoint(cp)) ? 1 : 0;
  }
  let k = BMP_CLASS[c]!;
  if (k === 0) {
    k = WORD_RE.test(String.fromCharCode(c)) ? 1 : 3;
    BMP_CLASS[c] = k;
  }
  return k === 3 ? 0 : k;
}

const APOSTROPHES_RE = /['\u2019\u2018\u02bc]/g;

/** Fold a token that contains non-ASCII characters: NFKC, full case fold, no apostrophes. */
export function foldToken(raw: string): string {
  return raw.replace(APOSTROPHES_RE, '').normalize('NFKC').toUpperCase().toLowerCase();
}

/** The hash of one token as the tokenizer computes it (for tests and tools). */
export function tokenHash(raw: string): number {
  return fnv1a(foldToken(raw));
}

/**
 * Tokenize `text` and hash each token. With `offsets`, also return where each token
 * starts and ends in `text`.
 */
export function tokenize(text: string, offsets = false): Tokens {
  const mask = markupRanges(text);
  const len = text.length;
  // A token takes at least one character and is followed by a separator.
  const cap = (len >>> 1) + 1;
  const hashes = new Uint32Array(cap);
  const starts = offsets ? new Uint32Array(cap) : null;
  const ends = offsets ? new Uint32Array(cap) : null;
  let n = 0;
  let mi = 0;
  let nextMask = mask.length > 0 ? mask[0]! : -1;

  let inTok = false;
  let nonAscii = false;
  let h = FNV_OFFSET;
  let tokStart = 0;
  let lastWordEnd = 0;

  let i = 0;
  while (i <= len) {
    let k: number;
    let c = 0;
    if (i === len) {
      k = 0; // end of text: closes the last token
    } else if (i === nextMask) {
      k = -1;
    } else {
      c = text.charCodeAt(i);
      if (c < 128) {
        k = ASCII_CLASS[c]!;
        if (k === 1) {
          // Fast path: a run of ASCII letters and digits.
          if (!inTok) {
            inTok = true;
            nonAscii = false;
            h = FNV_OFFSET;
            tokStart = i;
          }
          const stop = nextMask >= 0 ? nextMask : len;
          do {
            // letters and digits only: OR-ing 0x20 lower-cases A–Z and leaves a–z and 0–9 as they are
            h = Math.imul(h ^ (c | 0x20), FNV_PRIME);
            i++;
            if (i >= stop) break;
            c = text.charCodeAt(i);
          } while (c < 128 && ASCII_CLASS[c] === 1);
          lastWordEnd = i;
          continue;
        }
      } else {
        k = classOf(text, i, c);
      }
      if (k === 2) {
        // An apostrophe inside a word is dropped; elsewhere it separates.
        k = inTok && i + 1 < len && i + 1 !== nextMask && classOf(text, i + 1, text.charCodeAt(i + 1)) === 1 ? 2 : 0;
      }
    }
    if (k === 1) {
      if (!inTok) {
        inTok = true;
        nonAscii = false;
        h = FNV_OFFSET;
        tokStart = i;
      }
      nonAscii = true; // only non-ASCII word characters get here
      lastWordEnd = i + 1;
    } else if (k !== 2 && inTok) {
      hashes[n] = nonAscii ? fnv1a(foldToken(text.slice(tokStart, lastWordEnd))) : h >>> 0;
      if (starts !== null && ends !== null) {
        starts[n] = tokStart;
        ends[n] = lastWordEnd;
      }
      n++;
      inTok = false;
    }
    if (k === -1) {
      // Skip the masked range (and every range that starts inside it).
      let to = mask[mi + 1]!;
      mi += 2;
      while (mi < mask.length && mask[mi]! < to) {
        if (mask[mi + 1]! > to) to = mask[mi + 1]!;
        mi += 2;
      }
      nextMask = mi < mask.length ? mask[mi]! : -1;
      i = to;
      continue;
    }
    i++;
  }

  const result: Tokens = { hashes: hashes.slice(0, n) };
  if (starts !== null && ends !== null) {
    result.starts = starts.slice(0, n);
    result.ends = ends.slice(0, n);
  }
  return result;
}
