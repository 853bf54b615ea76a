/**
 * The inverted index of groups.ts (`GroupIndex`), built from features spilled into value buckets
 * (feature-buckets.ts) one bucket at a time: each bucket's entries are sorted by value (a stable radix sort on the
 * bits below the bucket's prefix, so each group's documents ascend as they were pushed), its runs of equal values
 * walked as `buildGroupIndex` walks them, and only the kept groups' postings stay. Buckets come in ascending value
 * order, so groups are numbered, and `common` and `watched` listed, as `buildGroupIndex` does: the index is the same
 * but for its document → groups half, of which only each document's count is kept (`docOffsets`; `docGroups` is
 * null): doc-groups.ts gathers a range of documents' groups from the postings when the scans need them, ascending
 * (in-memory grouping lists them in the order of the document's values, which nothing that reads them depends on).
 *
 * The buckets are read twice: once to count the kept groups and each document's entries in them, once to fill the
 * postings, which are thus allocated at their size. Memory: one bucket's entries (24 bytes an entry: the block it is
 * read into, and the two pairs of arrays it is sorted between) and the result — 4 bytes per entry in a kept group,
 * 4 per group and per document — rather than every entry twice, the other half of the index and growing copies.
 */
import type { BucketedFeatures } from './feature-buckets.js';
import type { GroupIndex } from './groups.js';

export function buildGroupIndexByBuckets(
  features: BucketedFeatures,
  docs: number,
  cap: number,
  watchMin = Number.MAX_SAFE_INTEGER,
): GroupIndex {
  const n = features.length;
  const lowBits = 32 - features.bucketBits;
  const passes = Math.ceil(lowBits / 8);
  const largest = features.largestBucket;
  const keys2 = new Uint32Array(largest);
  const docs2 = new Uint32Array(largest);
  const c8 = new Uint32Array(257);

  /** Sorts a bucket's entries by value (stable radix sort on the low bits) and calls `run` for each run of equal values. */
  const eachRun = (count: number, values: Uint32Array, owners: Uint32Array, run: (v: number, owners: Uint32Array, p: number, q: number) => void): void => {
    let kA: Uint32Array = values;
    let dA: Uint32Array = owners;
    let kB: Uint32Array = keys2;
    let dB: Uint32Array = docs2;
    for (let p = 0; p < passes; p++) {
      const shift = 8 * p;
      c8.fill(0);
      for (let x = 0; x < count; x++) c8[((kA[x]! >>> shift) & 0xff) + 1]!++;
      if (c8[((kA[0]! >>> shift) & 0xff) + 1] === count) continue; // one digit for all: already in order
      for (let r = 1; r <= 256; r++) c8[r]! += c8[r - 1]!;
      for (let x = 0; x < count; x++) {
        const at = c8[(kA[x]! >>> shift) & 0xff]!++;
        kB[at] = kA[x]!;
        dB[at] = dA[x]!;
      }
      [kA, kB] = [kB, kA];
      [dA, dB] = [dB, dA];
    }
    let p = 0;
    while (p < count) {
      const v = kA[p]!;
      let q = p + 1;
      while (q < count && kA[q] === v) q++;
      run(v, dA, p, q);
      p = q;
    }
  };

  // First pass: how many groups of 2..cap entries, and each document's entries in them, so that the index is
  // allocated at its size (no growing copies).
  const docOffsets = new Uint32Array(docs + 1);
  let groups = 0;
  let grouped = 0;
  features.forEachBucket(({ count, values, docs: owners }) =>
    eachRun(count, values, owners, (_v, ds, p, q) => {
      const m = q - p;
      if (m < 2 || m > cap) return;
      groups++;
      grouped += m;
      for (let x = p; x < q; x++) docOffsets[ds[x]! + 1]!++;
    }),
  );
  for (let d = 0; d < docs; d++) docOffsets[d + 1]! += docOffsets[d]!;

  // Second pass: the same runs, now written down. A group's documents ascend (the sort is stable and entries were
  // pushed in document order).
  const groupOffsets = new Uint32Array(groups + 1);
  const postings = new Uint32Array(grouped);
  const common: number[] = [];
  const watchedGroups: number[] = [];
  const watchedValues: number[] = [];
  let g = 0;
  let at = 0;
  let singletons = 0;
  let capped = 0;
  features.forEachBucket(({ count, values, docs: owners }) =>
    eachRun(count, values, owners, (v, ds, p, q) => {
      const m = q - p;
      if (m >= 2 && m <= cap) {
        if (m >= watchMin) {
          watchedGroups.push(g);
          watchedValues.push(v);
        }
        for (let x = p; x < q; x++) postings[at++] = ds[x]!;
        groupOffsets[++g] = at;
      } else if (m === 1) singletons++;
      else {
        capped++;
        common.push(v);
      }
    }),
  );
  features.close();

  return {
    docOffsets,
    docGroups: null,
    groupOffsets,
    postings,
    common: Uint32Array.from(common),
    watched: { groups: Uint32Array.from(watchedGroups), values: Uint32Array.from(watchedValues) },
    stats: { entries: n, groups, singletons, capped },
  };
}
