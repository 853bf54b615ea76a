/** Per-block memos: kept while a document is cleaned, emptied around each document, bounded outside the cleaner. */
const clearBlockMemos = (): void => {
  beginDocument();
  endDocument();
};
import { describe, expect, it } from 'vitest';
import { MEMO_BOUND, beginDocument, blockMemo, endDocument } from '../src/rules/block-memo.js';
import { cleanText } from '../src/index.js';
import { plain } from '../src/rules/text/util.js';
import type { Block } from '../src/types.js';

const para = (text: string): Block => ({ type: 'paragraph', text });

describe('block memos', () => {
  it('remember a value per block object, not per content', () => {
    const memo = blockMemo<number>();
    const a = para('same');
    const b = para('same');
    memo.set(a, 1);
    expect(memo.get(a)).toBe(1);
    expect(memo.get(b)).toBeUndefined();
    clearBlockMemos();
  });
  it('are emptied by cleaning a document, so no block outlives its document in them', () => {
    const memo = blockMemo<number>();
    const kept = para('from another document');
    memo.set(kept, 7);
    const r = cleanText('Title line\n\nThe council said on Tuesday that it would vote again next week on the budget plan.\n');
    expect(r.error).toBeNull();
    expect(memo.get(kept)).toBeUndefined();
  });
  it('hold a bounded number of entries when used outside the cleaner, and every block of a document inside it', () => {
    const memo = blockMemo<number>();
    const blocks = Array.from({ length: MEMO_BOUND + 1000 }, (_, i) => para(`line ${i}`));
    blocks.forEach((b, i) => memo.set(b, i));
    expect(memo.get(blocks[0]!)).toBeUndefined();
    expect(memo.get(blocks[blocks.length - 1]!)).toBe(blocks.length - 1);
    beginDocument();
    blocks.forEach((b, i) => memo.set(b, i));
    expect(memo.get(blocks[0]!)).toBe(0);
    expect(memo.get(blocks[blocks.length - 1]!)).toBe(blocks.length - 1);
    endDocument();
    expect(memo.get(blocks[0]!)).toBeUndefined();
  });
  it('give the same plain text as computing it afresh, before and after clearing', () => {
    const b = para('A [link](https://example.com/x) and **bold**  text\\.');
    const first = plain(b);
    clearBlockMemos();
    expect(plain(b)).toBe(first);
    expect(first).toBe('A link and bold text.');
  });
});
