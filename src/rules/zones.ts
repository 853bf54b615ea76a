/**
 * Zones of a body: the header (lines before the first prose paragraph), the body, and the footer (the trailing run
 * of short or non-prose blocks). Aggressive line rules only ever look at the header and footer zones.
 */
import type { Block } from '../types.js';

// combining marks belong to their word (Devanagari vowel signs, Hebrew points, Arabic harakat)
const WORD = /[\p{L}\p{N}][\p{L}\p{N}\p{M}]*(?:['’.-][\p{L}\p{N}][\p{L}\p{N}\p{M}]*)*/gu;

/** Number of words in `s`; with `limit`, counting stops there (cheap on very long blocks). */
export function wordCount(s: string, limit = Infinity): number {
  let n = 0;
  WORD.lastIndex = 0;
  while (n < limit && WORD.exec(s) !== null) n++;
  return n;
}

/** True when `s` has at least `n` words; stops counting there (cheap on very long blocks). */
export function hasWords(s: string, n: number): boolean {
  const re = new RegExp(WORD.source, 'gu');
  let k = 0;
  while (k < n && re.exec(s) !== null) k++;
  return k >= n;
}

const TERMINAL = /[.!?…]["”’»)\]]*$|["”»]$/;

export function endsLikeSentence(s: string): boolean {
  return TERMINAL.test(s.trim());
}

const PROSE = new WeakMap<Block, boolean>();

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
  return hasWords(t, 8) && /[.!?]["”’]?\s+["“‘(]?[A-Z]/.test(t);
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

/** Normalised form of a line for comparisons: entities and typography folded, lower case, no punctuation. */
export function fold(s: string): string {
  return s
    .normalize('NFKC')
    .toLowerCase()
    .replace(/\\([\\`*_{}[\]()#+\-.!<>|])/g, '$1')
    .replace(/[‘’‛`´]/g, "'")
    .replace(/[“”„‟]/g, '"')
    .replace(/[‐-―]/g, '-')
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();
}
