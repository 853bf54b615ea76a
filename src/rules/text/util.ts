import type { Block } from '../../types.js';
import { blockText } from '../../html/to-blocks.js';
import type { RuleContext } from '../define-rule.js';
import { blockMemo } from '../block-memo.js';

export { blockText };

/** Blocks are never mutated by rules (a changed block is a new object), so the plain text can be kept per object. */
const PLAIN = blockMemo<string>();

/** Plain text of a block for matching: Markdown escapes, emphasis marks and link targets dropped, white space folded. */
export function plain(b: Block): string {
  let p = PLAIN.get(b);
  if (p === undefined) {
    p = unmark(blockText(b));
    PLAIN.set(b, p);
  }
  return p;
}

/**
 * True when `unmark` could change `s`: inline syntax characters, or white space other than single inner spaces.
 * The class is `\s` without the plain space (a test checks it against `\s` on every BMP character).
 */
const NEEDS_UNMARK = /[[\\*_\t-\r\u00a0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000\ufeff]|^ | $| {2}/;

/**
 * Markdown inline syntax → plain text. Linear in the input: link text may not contain brackets, link targets may
 * not contain brackets, parentheses or spaces, so no match can run across another candidate.
 */
export function unmark(s: string): string {
  // most lines have no inline syntax and single spaces: nothing to do
  if (!NEEDS_UNMARK.test(s)) return s;
  return s
    .replace(/\[([^[\]]{0,500})\]\([^()[\]\s]{0,2000}\)/g, '$1')
    .replace(/\\([\\`*_{}[\]()#+\-.!<>|~])/g, '$1')
    .replace(/(\*\*|__)(?=\S)([^*_]{0,500}?\S)\1/g, '$2')
    .replace(/\s+/g, ' ')
    .trim();
}

/**
 * A test of one block that depends on nothing but the block, remembered per block object: blocks are never
 * mutated, and the confirming pass of the cleaner shows a rule mostly the same blocks again.
 */
export function perBlock<T>(test: (b: Block) => T): (b: Block) => T {
  const seen = blockMemo<{ v: T }>();
  return (b) => {
    let r = seen.get(b);
    if (r === undefined) {
      r = { v: test(b) };
      seen.set(b, r);
    }
    return r.v;
  };
}

/** Short plain text of a block, or null when the block is too long to be a line of boilerplate. */
export function shortPlain(b: Block, maxChars: number): string | null {
  const raw = blockText(b);
  if (raw.length > maxChars * 2 + 200) return null;
  const t = plain(b);
  return t.length > maxChars ? null : t;
}

/** Removes the blocks at the given indexes, recording each (with its own action when given a map). */
export function dropBlocks(blocks: Block[], indexes: Iterable<number> | Map<number, string>, ctx: RuleContext, action = 'removed'): Block[] {
  const drop = indexes instanceof Map ? indexes : new Map([...indexes].map((i) => [i, action] as const));
  if (drop.size === 0) return blocks;
  const out: Block[] = [];
  blocks.forEach((b, i) => {
    const a = drop.get(i);
    if (a !== undefined) ctx.removed(blockText(b), a);
    else out.push(b);
  });
  return out;
}

export function isPara(b: Block | undefined): b is Extract<Block, { type: 'paragraph' }> {
  return b !== undefined && b.type === 'paragraph';
}

/** Index of the last block that is not a horizontal rule. */
export function lastContent(blocks: Block[]): number {
  for (let i = blocks.length - 1; i >= 0; i--) if (blocks[i]!.type !== 'rule') return i;
  return -1;
}

export function range(from: number, to: number): number[] {
  const r: number[] = [];
  for (let i = from; i < to; i++) r.push(i);
  return r;
}

/** A paragraph block with new text (the same block when the text did not change). */
export function withText(b: Extract<Block, { type: 'paragraph' }>, text: string): Block {
  return text === b.text ? b : { type: 'paragraph', text };
}

/** Text with Markdown backslash escapes removed (for matching prefixes of escaped text). */
export function unescapeMd(s: string): string {
  return s.includes('\\') ? s.replace(/\\([\\`*_{}[\]()#+\-.!<>|~])/g, '$1') : s;
}

/**
 * The rest of `text` after its first `count` characters as counted on the unescaped text: maps a prefix matched
 * on `unescapeMd(text)` back onto the escaped original.
 */
export function afterUnescaped(text: string, count: number): string {
  let seen = 0;
  let i = 0;
  while (i < text.length && seen < count) {
    if (text[i] === '\\' && i + 1 < text.length && /[\\`*_{}[\]()#+\-.!<>|~]/.test(text[i + 1]!)) i++;
    i++;
    seen++;
  }
  return text.slice(i).trim();
}
