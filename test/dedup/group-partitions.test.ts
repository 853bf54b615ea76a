import { existsSync, readdirSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { countBucketGroups } from '../../src/dedup/bucket-groups.js';
import { documentRanges } from '../../src/dedup/doc-groups.js';
import { BucketedFeatures, type FeatureBucketOptions } from '../../src/dedup/feature-buckets.js';
import { PartitionedGroups } from '../../src/dedup/group-partitions.js';
import { ChunkedU32, buildGroupIndex } from '../../src/dedup/groups.js';
import { incoherentGroups, indexSource, scanPairs } from '../../src/dedup/pair-scan.js';
import { PartitionFile } from '../../src/dedup/partition-file.js';
import { createSketcher, SketchIndex, type CandidateSet, type DedupOptions } from '../../src/dedup/index.js';
import { corpus } from './helpers.js';

const openFds = (): number => readdirSync('/proc/self/fd').length;
const linux = existsSync('/proc/self/fd');

/** Features of each document, grouped in memory and into document-range partitions; both scanned. */
function scanBothWays(
  lshDocs: number[][],
  fpDocs: number[][],
  p: { cap: number; watchMin: number; share: number; minShared: number; bucketBits: number; bufferEntries: number; rangeEntries: number; partitionValues: number },
) {
  const n = lshDocs.length;
  const memory = (perDoc: number[][]) => {
    const flat = new ChunkedU32();
    const offsets = new Uint32Array(n + 1);
    perDoc.forEach((v, d) => {
      flat.pushAll(Uint32Array.from(v));
      offsets[d + 1] = flat.length;
    });
    return { flat, offsets };
  };
  const spilled = (perDoc: number[][]) => {
    const f = new BucketedFeatures({ bucketBits: p.bucketBits, bufferEntries: p.bufferEntries });
    perDoc.forEach((v, d) => f.pushAll(d, Uint32Array.from(v)));
    return f;
  };
  const fpCount = Uint32Array.from(fpDocs, (v) => v.length);
  const scan = (lsh: ReturnType<typeof indexSource>, fp: ReturnType<typeof indexSource>, ranges: Array<[number, number]>) => {
    const boiler = incoherentGroups(fp, ranges, n, fpCount, p.share);
    const out = scanPairs(lsh, fp, ranges, n, p.minShared, boiler.flags);
    return { boilerplate: [...boiler.values], common: [...fp.common], a: [...out.a], b: [...out.b], via: [...out.via], shared: [...out.shared] };
  };

  const L = memory(lshDocs);
  const F = memory(fpDocs);
  const lshIndex = buildGroupIndex(L.flat, L.offsets, n, Number.MAX_SAFE_INTEGER);
  const fpIndex = buildGroupIndex(F.flat, F.offsets, n, p.cap, p.watchMin);
  const whole = documentRanges([lshIndex, fpIndex], n);
  const inMemory = scan(indexSource(lshIndex, whole), indexSource(fpIndex, whole), whole);

  const lshF = spilled(lshDocs);
  const fpF = spilled(fpDocs);
  const lshC = countBucketGroups(lshF, n, Number.MAX_SAFE_INTEGER);
  const fpC = countBucketGroups(fpF, n, p.cap, p.watchMin);
  const ranges = documentRanges([lshC, fpC].map((c) => ({ docOffsets: c.docOffsets, docGroups: null })), n, p.rangeEntries);
  const lshP = new PartitionedGroups(lshF, lshC, Number.MAX_SAFE_INTEGER, ranges, p.partitionValues);
  const fpP = new PartitionedGroups(fpF, fpC, p.cap, ranges, p.partitionValues);
  try {
    return { inMemory, partitioned: scan(lshP, fpP, ranges), ranges: ranges.length };
  } finally {
    lshP.close();
    fpP.close();
  }
}

describe('the candidates scanned from groups partitioned by document range', () => {
  it('finds the same pairs and boilerplate groups as the index in memory, for any values, caps and partition sizes', () => {
    // values from a small range, so that most repeat (some in one document twice, some over the cap)
    const value = fc.oneof(fc.integer({ min: 0, max: 30 }).map((v) => Math.imul(v, 0x9e3779b1) >>> 0), fc.integer({ min: 0, max: 0xffffffff }));
    // fingerprints: a story's own (shared by the documents of the story), house boilerplate shared across stories (the
    // groups the coherence test judges), and values of any kind
    const hashed = (k: number) => Math.imul(k + 1, 0x85ebca6b) >>> 0;
    const doc = fc
      .record({
        lsh: fc.array(value, { maxLength: 6 }),
        story: fc.integer({ min: 0, max: 4 }),
        own: fc.integer({ min: 0, max: 6 }),
        boiler: fc.array(fc.integer({ min: 0, max: 2 }), { maxLength: 2 }),
        extra: fc.array(value, { maxLength: 6 }),
      })
      .map((d) => ({
        lsh: d.lsh,
        fp: [...Array.from({ length: d.own }, (_, k) => hashed(100 * d.story + k)), ...d.boiler.map((b) => hashed(1000 + b)), ...d.extra],
      }));
    let split = 0;
    fc.assert(
      fc.property(
        fc.array(doc, { minLength: 1, maxLength: 40 }),
        fc.record({
          cap: fc.integer({ min: 2, max: 12 }),
          watchMin: fc.integer({ min: 2, max: 8 }),
          share: fc.constantFrom(0, 0.2, 0.5, 1),
          minShared: fc.integer({ min: 1, max: 3 }),
          bucketBits: fc.integer({ min: 0, max: 16 }),
          bufferEntries: fc.integer({ min: 1, max: 5 }),
          rangeEntries: fc.integer({ min: 1, max: 12 }),
          partitionValues: fc.integer({ min: 1, max: 9 }),
        }),
        (docs, p) => {
          const r = scanBothWays(
            docs.map((d) => d.lsh),
            docs.map((d) => d.fp),
            p,
          );
          if (r.ranges > 1) split++;
          expect(r.partitioned).toEqual(r.inMemory);
        },
      ),
      {
        numRuns: 200,
        examples: [
          // a boilerplate group over two ranges whose verdict depends on each document's place in the group
          [
            [[2801433699, 0, 0], [2246822507, 2801433699, 1], [639757827, 2801433699, 2], [2801433699, 3, 2654435761], [639757827, 2801433699, 0]].map((fp) => ({ lsh: [], fp })),
            { cap: 5, watchMin: 2, share: 0.5, minShared: 1, bucketBits: 0, bufferEntries: 1, rangeEntries: 3, partitionValues: 1 },
          ],
        ],
      },
    );
    expect(split).toBeGreaterThan(100); // most cases were scanned in several ranges (an empty index has one or none)
  });

  const { docs } = corpus(400, 7);
  function candidates(options: DedupOptions, spillFeatures: boolean | FeatureBucketOptions): CandidateSet {
    const index = new SketchIndex(options, { spillFeatures });
    const sk = createSketcher(index.options);
    for (const d of docs) index.add(d.id, sk.sketch(d.text));
    return index.candidates();
  }

  it('gives a corpus the same candidates with one-document partitions and one-value write buffers as in memory', () => {
    for (const options of [{}, { maxFingerprintDf: 4, boilerplateMinDf: 3 }]) {
      const memory = candidates(options, false);
      expect(memory.a.length).toBeGreaterThan(100);
      const tiny = candidates(options, { rangeEntries: 1, partitionValues: 1, bucketBits: 4 });
      for (const k of ['a', 'b', 'via', 'sharedFingerprints', 'commonFingerprints', 'tokens'] as const) expect([...tiny[k]]).toEqual([...memory[k]]);
      expect(tiny.stats).toEqual(memory.stats);
    }
  });

  it('keeps partitions apart in one file, across write buffers, and refuses use after close', () => {
    const f = new PartitionFile(3, 2);
    const want: number[][] = [[], [], []];
    for (let v = 0; v < 50; v++) {
      const p = (v * 7) % 3;
      f.push(p, v);
      want[p]!.push(v);
    }
    f.pushRange(1, Uint32Array.of(100, 101, 102, 103), 1, 3);
    want[1]!.push(101, 102);
    f.seal();
    for (let p = 0; p < 3; p++) {
      expect(f.size(p)).toBe(want[p]!.length);
      expect([...f.read(p)]).toEqual(want[p]);
    }
    const scratch = new Uint32Array(100);
    expect([...f.read(2, scratch)]).toEqual(want[2]);
    f.close();
    f.close();
    expect(() => f.read(0)).toThrow(/after it was closed/);
    expect(() => new PartitionFile(2, 0)).toThrow(/bufferValues/);
    expect(() => new BucketedFeatures({ partitionValues: 0 })).toThrow(/partitionValues/);
  });

  it.runIf(linux)('lets the partition files go once the candidates are found', () => {
    const before = openFds();
    candidates({}, { rangeEntries: 50 });
    expect(openFds()).toBe(before);
  });
});
