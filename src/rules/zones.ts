/**
 * Zones of a body: the header (lines before the first prose paragraph), the body, and the footer (the trailing run
 * of short or non-prose blocks). Aggressive line rules only ever look at the header and footer zones.
 */
import type { Block } from '../types.js';

export function wordCount(s: string): number {
  const m = s.match(/[\p{L}\p{N}]+(?:['’.-][\p{L}\p{N}]+)*/gu);
  return m ? m.length : 0;
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
  const words = wordCount(t);
  if (words >= 20 && endsLikeSentence(t)) return true;
  if (words >= 8 && /[.!?]["”’]?\s+["“‘(]?[A-Z]/.test(t) && endsLikeSentence(t)) return true;
  return false;
}

/** Index of the first prose paragraph (the end of the header zone); blocks.length when there is none. */
export function bodyStart(blocks: Block[]): number {
  for (let i = 0; i < blocks.length; i++) if (isProse(blocks[i]!)) return i;
  return blocks.length;
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
