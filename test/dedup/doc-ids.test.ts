import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  clusterDuplicates, createSketcher, idRanks, lazyArray, numberedClusters, SketchIndex, verifyCandidates, type DupCluster,
} from '../../src/dedup/index.js';
import { corpus } from './helpers.js';

/** Clusters as `clusterDuplicates` gives them, made from `numberedClusters`. */
function fromNumbered(canonicalOf: Uint32Array, rank: Uint32Array, ids: readonly string[]): DupCluster[] {
  const c = numberedClusters(canonicalOf, rank);
  return Array.from({ length: c.count }, (_, y) => {
    const members = Array.from(c.members.subarray(c.start[y]!, c.start[y + 1]!), (x) => ids[x]!);
    return { id: members[0]!, canonical: ids[c.canonical[y]!]!, members };
  });
}

const uniqueIds = fc.uniqueArray(fc.string({ unit: 'binary', maxLength: 6 }), { minLength: 1, maxLength: 40 });

describe('ids made when asked for (doc-ids.ts)', () => {
  it('lazyArray reads like the array of its entries', () => {
    const made: number[] = [];
    const a = lazyArray(4, (x) => {
      made.push(x);
      return `id-${x}`;
    });
    expect(made).toEqual([]);
    expect(a.length).toBe(4);
    expect(a[2]).toBe('id-2');
    expect(a[4]).toBeUndefined();
    expect(Array.isArray(a)).toBe(true);
    expect([...a]).toEqual(['id-0', 'id-1', 'id-2', 'id-3']);
    expect(a.map((s) => s.length)).toEqual([4, 4, 4, 4]);
    expect(Array.from(a)).toEqual(['id-0', 'id-1', 'id-2', 'id-3']);
    expect(JSON.stringify(a)).toBe('["id-0","id-1","id-2","id-3"]');
    expect(Object.keys(a)).toEqual(['0', '1', '2', '3']);
    expect(2 in a).toBe(true);
    expect(() => {
      'use strict';
      (a as string[])[0] = 'x';
    }).toThrow();
    // objects: spread copies the entry
    const objs = lazyArray(2, (y) => ({ id: `c${y}`, members: [y] }));
    expect([...objs].map((o) => ({ type: 't', ...o }))).toEqual([{ type: 't', id: 'c0', members: [0] }, { type: 't', id: 'c1', members: [1] }]);
  });

  it('idRanks orders the documents as their ids sort (code units), and refuses a repeated id', () => {
    fc.assert(
      fc.property(uniqueIds, (ids) => {
        const rank = idRanks(ids.length, (x) => ids[x]!);
        const sorted = [...ids].sort();
        for (let x = 0; x < ids.length; x++) expect(sorted[rank[x]!]).toBe(ids[x]);
      }),
      { numRuns: 200 },
    );
    expect(() => idRanks(3, (x) => ['b', 'a', 'b'][x]!)).toThrow('duplicate document id "b"');
  });

  it('numberedClusters gives the clusters of clusterDuplicates, in its order', () => {
    fc.assert(
      fc.property(
        uniqueIds.chain((ids) =>
          fc.record({
            ids: fc.constant(ids),
            // an edge joins two different documents (none when there is one)
            edges: fc.array(fc.tuple(fc.nat(ids.length - 1), fc.nat(Math.max(0, ids.length - 2))), { maxLength: ids.length > 1 ? 60 : 0 }).map((es) =>
              es.map(([a, k]): [number, number] => [a, (a + 1 + k) % ids.length]),
            ),
            length: fc.array(fc.nat(3), { minLength: ids.length, maxLength: ids.length }),
          }),
        ),
        ({ ids, edges, length }) => {
          const n = ids.length;
          const cands = { ids, completeness: new Float64Array(n), date: new Float64Array(n).fill(Number.NaN), length: Float64Array.from(length) };
          const e = { a: Uint32Array.from(edges, ([a]) => a), b: Uint32Array.from(edges, ([, b]) => b) };
          const whole = clusterDuplicates(cands, e);
          const rank = idRanks(n, (x) => ids[x]!);
          expect(fromNumbered(whole.canonicalOf, rank, ids)).toEqual(whole.clusters);
          const c = numberedClusters(whole.canonicalOf, rank);
          for (let x = 0; x < n; x++) {
            const y = c.clusterOf[x]!;
            const inCluster = whole.clusters.findIndex((cl) => cl.members.includes(ids[x]!));
            expect(y).toBe(inCluster);
          }
        },
      ),
      { numRuns: 300 },
    );
  });

  it('an index given idOf keeps no ids and finds the same candidates, verified pairs and clusters', async () => {
    const { docs } = corpus(300, 11);
    // ids in another order than the documents', so that the ranks matter
    const ids = docs.map((d, x) => `${(x * 7919) % 1009}/${d.id}`);
    const idOf = (x: number): string => ids[x]!;
    const build = (numbered: boolean) => {
      const index = new SketchIndex({}, numbered ? { spillFeatures: true, idOf } : { spillFeatures: true });
      const sk = createSketcher(index.options);
      docs.forEach((d, x) => index.add(ids[x]!, sk.sketch(d.text)));
      expect(index.size).toBe(docs.length);
      return index.candidates();
    };
    const kept = build(false);
    const numbered = build(true);
    expect(kept.idRank).toBeUndefined();
    expect(numbered.idRank).toBeDefined();
    expect(kept.a.length).toBeGreaterThan(100);
    for (const k of ['a', 'b', 'via', 'sharedFingerprints', 'commonFingerprints', 'tokens', 'length'] as const) expect([...numbered[k]]).toEqual([...kept[k]]);
    expect(numbered.stats).toEqual(kept.stats);
    expect(numbered.ids.length).toBe(kept.ids.length);
    expect([...numbered.ids]).toEqual([...kept.ids]);
    const rank = numbered.idRank!;
    const order = Array.from(kept.ids.keys()).sort((x, y) => rank[x]! - rank[y]!);
    expect(order.map((x) => kept.ids[x])).toEqual([...kept.ids].sort());

    expect([...rank]).not.toEqual(docs.map((_, x) => x));
    const text = new Map(docs.map((d, x) => [ids[x]!, d.text]));
    const vKept = await verifyCandidates(kept, (id) => text.get(id)!);
    const vNumbered = await verifyCandidates(numbered, (id) => text.get(id)!);
    expect(vNumbered.pairs).toEqual(vKept.pairs);
    expect([...vNumbered.edges.a]).toEqual([...vKept.edges.a]);
    expect(vNumbered.stats).toEqual(vKept.stats);
    const whole = clusterDuplicates(kept, vKept.edges);
    expect(whole.clusters.length).toBeGreaterThan(5);
    const { canonicalOf } = clusterDuplicates(numbered, vNumbered.edges, undefined, { materialize: false });
    expect(fromNumbered(canonicalOf, rank, kept.ids)).toEqual(whole.clusters);
  });

  it('an index given idOf refuses a repeated id when the candidates are found', () => {
    const { docs } = corpus(5, 3);
    const idOf = (x: number): string => (x === 4 ? docs[1]!.id : docs[x]!.id);
    const index = new SketchIndex({}, { idOf });
    const sk = createSketcher(index.options);
    for (const d of docs) index.add(d.id, sk.sketch(d.text));
    expect(() => index.candidates()).toThrow(`duplicate document id ${JSON.stringify(docs[1]!.id)}`);
  });
});
