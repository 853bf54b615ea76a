/**
 * Values remembered per block object while a document is cleaned.
 *
 * Blocks are never mutated (a changed block is a new object), so a value computed from a block holds for as long
 * as the block lives, and the confirming pass of the cleaner shows the rules mostly the same blocks again. The
 * memos are plain maps that the cleaner empties when it starts and when it ends a document, not weak maps: a weak
 * map's entries cost work in every young-generation collection, and blocks never outlive their document anyway.
 * Outside a document (a rule or helper called on its own) a memo is emptied whenever it grows past a bound, which
 * is always safe: every value can be computed again.
 */
import type { Block } from '../types.js';

const memos: Array<Map<Block, unknown>> = [];
/** Entries a memo holds at most outside a document. */
export const MEMO_BOUND = 4096;
/** Documents being cleaned (the cleaner is synchronous: 0 or 1, more only if a rule cleaned a document itself). */
let open = 0;

/** A memo, emptied with every other one when a document starts and ends. */
export function blockMemo<V>(): { get(b: Block): V | undefined; set(b: Block, v: V): void } {
  const map = new Map<Block, V>();
  memos.push(map as Map<Block, unknown>);
  return {
    get: (b) => map.get(b),
    set: (b, v) => {
      if (open === 0 && map.size >= MEMO_BOUND) map.clear();
      map.set(b, v);
    },
  };
}

function clearAll(): void {
  for (const m of memos) if (m.size > 0) m.clear();
}

/** The cleaner starts a document: memos start empty, and hold every block of the document (no bound). */
export function beginDocument(): void {
  clearAll();
  open++;
}

/** The cleaner is done with a document: its blocks leave the memos. */
export function endDocument(): void {
  open = Math.max(0, open - 1);
  clearAll();
}
