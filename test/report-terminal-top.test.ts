/**
 * The terminal summary's largest clusters and most similar pairs are found in one pass over the report's lists, one
 * entry at a time (a run's pairs and clusters may be read back from a temporary file): the same rows, in the same
 * order, as a stable sort of the whole list would give, each entry read once.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { topOf } from '../src/report/terminal.js';

type Row = { key: number; at: number };
const order = (a: Row, b: Row): number => b.key - a.key;

describe('topOf', () => {
  it('gives the first five of a stable sort, ties in list order', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 0, max: 6 }), { maxLength: 60 }), (keys) => {
        const rows = keys.map((key, at) => ({ key, at }));
        expect(topOf(rows, order)).toEqual([...rows].sort(order).slice(0, 5));
      }),
    );
  });

  it('reads each entry once, by index, and never iterates or copies the list', () => {
    const rows = Array.from({ length: 1000 }, (_, at) => ({ key: (at * 7919) % 101, at }));
    const reads = new Uint8Array(rows.length);
    const list = new Proxy(rows, {
      get(target, p, receiver) {
        if (p === Symbol.iterator || p === 'slice' || p === 'map' || p === 'filter' || p === 'sort') throw new Error(`the list was read whole (${String(p)})`);
        if (typeof p === 'string' && /^\d+$/.test(p)) reads[Number(p)]!++;
        return Reflect.get(target, p, receiver);
      },
    });
    const top = topOf(list, order);
    expect(top.map((r) => r.key)).toEqual([100, 100, 100, 100, 100]);
    expect(top.map((r) => r.at)).toEqual([...rows].sort(order).slice(0, 5).map((r) => r.at));
    expect(Array.from(reads).every((n) => n === 1)).toBe(true);
  });
});
