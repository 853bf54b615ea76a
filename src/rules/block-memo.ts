/**
 * Values remembered per block object while a document is cleaned.
 *
 * Blocks are never mutated (a changed block is a new object), so a value computed from a block holds for as long
 * as the block lives, and the confirming pass of the cleaner shows the rules mostly the same blocks again. The
 * memos are plain maps that the cleaner empties before and after each document, not weak maps: a weak map's
 * entries cost work in every young-generation collection, and blocks never outlive their document anyway. A memo
 * used outside the cleaner is emptied whenever it grows past a bound, which is always safe: every value can be
 * computed again.
 */
import type { Block } from '../types.js';

const memos: Array<Map<Block, unknown>> = [];
/** Entries a memo holds at most between two documents. */
const BOUND = 4096;

/** A memo, emptied with every other one by `clearBlockMemos`. */
export function blockMemo<V>(): { get(b: Block): V | undefined; set(b: Block, v: V): void } {
  const map = new Map<Block, V>();
  memos.push(map as Map<Block, unknown>);
  return {
    get: (b) => map.get(b),
    set: (b, v) => {
      if (map.size >= BOUND) map.clear();
      map.set(b, v);
    },
  };
}

/** Empties every memo (the cleaner calls it around each document). */
export function clearBlockMemos(): void {
  for (const m of memos) if (m.size > 0) m.clear();
}
