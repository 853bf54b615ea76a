import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { buildGroupIndexByBuckets } from '../../src/dedup/bucket-groups.js';
import { docGroupsOf, documentRanges } from '../../src/dedup/doc-groups.js';
import { BucketedFeatures, type FeatureBucketOptions } from '../../src/dedup/feature-buckets.js';
import { ChunkedU32, buildGroupIndex, type GroupIndex } from '../../src/dedup/groups.js';
import { createSketcher, SketchIndex, type CandidateSet, type DedupOptions } from '../../src/dedup/index.js';
import { corpus } from './helpers.js';

const { docs } = corpus(400, 7);

/** The index as a comparable value: every field, with each document's groups (gathered `rangeEntries` at a time) as a sorted list. */
function normalised(g: GroupIndex, n: number, rangeEntries: number) {
  const perDoc: number[][] = [];
  for (const [lo, hi] of documentRanges([g], n, rangeEntries)) {
    const r = docGroupsOf(g, lo, hi);
    for (let d = lo; d < hi; d++) perDoc.push([...r.groups.subarray(r.offsets[d - lo]!, r.offsets[d - lo + 1]!)].sort((x, y) => x - y));
  }
  return {
    perDoc,
    groupOffsets: [...g.groupOffsets],
    postings: [...g.postings],
    common: [...g.common],
    watched: { groups: [...g.watched.groups], values: [...g.watched.values] },
    stats: g.stats,
  };
}

function bothWays(perDoc: number[][], cap: number, watchMin: number, bucketBits: number, bufferEntries: number, rangeEntries: number) {
  const n = perDoc.length;
  const flat = new ChunkedU32();
  const offsets = new Uint32Array(n + 1);
  const spilled = new BucketedFeatures({ bucketBits, bufferEntries });
  perDoc.forEach((values, d) => {
    const v = Uint32Array.from(values);
    flat.pushAll(v);
    offsets[d + 1] = flat.length;
    spilled.pushAll(d, v);
  });
  return {
    memory: normalised(buildGroupIndex(flat, offsets, n, cap, watchMin), n, rangeEntries),
    buckets: normalised(buildGroupIndexByBuckets(spilled, n, cap, watchMin), n, rangeEntries),
  };
}

function candidates(options: DedupOptions, spillFeatures: boolean | FeatureBucketOptions): CandidateSet {
  const index = new SketchIndex(options, { spillFeatures });
  const sk = createSketcher(index.options);
  for (const d of docs) index.add(d.id, sk.sketch(d.text));
  return index.candidates();
}

function expectSameCandidates(x: CandidateSet, y: CandidateSet): void {
  for (const k of ['a', 'b', 'via', 'sharedFingerprints', 'commonFingerprints', 'tokens'] as const) expect([...x[k]]).toEqual([...y[k]]);
  expect(x.stats).toEqual(y.stats);
}

describe('features grouped one value bucket at a time (spillFeatures)', () => {
  it('groups as the in-memory index does: values shared, repeated in a document, over the cap, in every bucket layout', () => {
    // values from a small range, so that most repeat, some in one document twice, some in more documents than the cap
    const value = fc.oneof(fc.integer({ min: 0, max: 40 }).map((v) => Math.imul(v, 0x9e3779b1) >>> 0), fc.integer({ min: 0, max: 0xffffffff }));
    fc.assert(
      fc.property(
        fc.array(fc.array(value, { maxLength: 12 }), { minLength: 1, maxLength: 40 }),
        fc.integer({ min: 2, max: 8 }),
        fc.integer({ min: 2, max: 6 }),
        fc.integer({ min: 0, max: 16 }),
        fc.integer({ min: 1, max: 5 }),
        fc.integer({ min: 1, max: 30 }),
        (perDoc, cap, watchMin, bucketBits, bufferEntries, rangeEntries) => {
          const { memory, buckets } = bothWays(perDoc, cap, watchMin, bucketBits, bufferEntries, rangeEntries);
          expect(buckets).toEqual(memory);
        },
      ),
      { numRuns: 200 },
    );
  });

  it('finds the same candidates with many buckets, one-entry buffers and one-document ranges as in memory, boilerplate groups included', () => {
    const memory = candidates({}, false);
    expect(memory.a.length).toBeGreaterThan(100);
    for (const layout of [
      { bucketBits: 16, bufferEntries: 1, rangeEntries: 1 },
      { bucketBits: 12, bufferEntries: 3, rangeEntries: 500 },
      { bucketBits: 0, bufferEntries: 7 },
    ]) {
      expectSameCandidates(candidates({}, layout), memory);
    }
    // a low df cap and boilerplate threshold: common fingerprints and incoherent groups in play
    const strict = { maxFingerprintDf: 4, boilerplateMinDf: 3 };
    const strictMemory = candidates(strict, false);
    expect(strictMemory.commonFingerprints.length).toBeGreaterThan(0);
    expectSameCandidates(candidates(strict, { bucketBits: 10, bufferEntries: 2, rangeEntries: 64 }), strictMemory);
  });

  it('refuses a bucket layout it cannot make, and a file used after it was read', () => {
    expect(() => new BucketedFeatures({ bucketBits: 17 })).toThrow(/bucketBits/);
    expect(() => new BucketedFeatures({ bufferEntries: 0 })).toThrow(/bufferEntries/);
    expect(() => new BucketedFeatures({ rangeEntries: 0.5 })).toThrow(/rangeEntries/);
    const f = new BucketedFeatures({ bucketBits: 2, bufferEntries: 2 });
    f.pushAll(0, Uint32Array.of(1, 0x40000000, 0x80000000, 0xffffffff, 2));
    const seen: Array<[number, number[]]> = [];
    f.forEachBucket((e) => seen.push([e.bucket, [...e.values.subarray(0, e.count)]]));
    expect(seen).toEqual([
      [0, [1, 2]],
      [1, [0x40000000]],
      [2, [0x80000000]],
      [3, [0xffffffff]],
    ]);
    expect(() => f.pushAll(1, Uint32Array.of(1))).toThrow(/after it was closed/);
  });
});
