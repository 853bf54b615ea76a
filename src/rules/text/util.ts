import type { Block } from '../../types.js';
import { blockText } from '../../html/to-blocks.js';
import type { RuleContext } from '../define-rule.js';

export { blockText };

/** Plain text of a block for matching: Markdown escapes, emphasis marks and link targets dropped. */
export function plain(b: Block): string {
  let p = PLAIN.get(b);
  if (p === undefined) {
    p = unmark(blockText(b));
    PLAIN.set(b, p);
  }
  return p;
}
// Blocks are replaced, never mutated, by rules: their plain text can be cached per object.
const PLAIN = new WeakMap<Block, string>();

export function unmark(s: string): string {
  return s
    .replace(/\[([^\]]{0,500})\]\([^)\s]{0,2000}\)/g, '$1')
    .replace(/\\([\\`*_{}[\]()#+\-.!<>|~])/g, '$1')
    .replace(/(\*\*|__)(?=\S)([^*_]{0,500}?\S)\1/g, '$2')
    .replace(/\s+/g, ' ')
    .trim();
}

/** Removes the blocks at the given indexes, recording each. */
export function dropBlocks(blocks: Block[], indexes: Iterable<number>, ctx: RuleContext, action = 'removed'): Block[] {
  const drop = new Set(indexes);
  if (drop.size === 0) return blocks;
  const out: Block[] = [];
  blocks.forEach((b, i) => {
    if (drop.has(i)) ctx.removed(blockText(b), action);
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
