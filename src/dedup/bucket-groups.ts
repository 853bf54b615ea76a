/**
 * The inverted index of groups.ts (`GroupIndex`), built from features spilled into value buckets
 * (feature-buckets.ts) one bucket at a time: each bucket's entries are sorted by value (a stable radix sort on the
 * bits below the bucket's prefix, so each group's documents ascend as they were pushed), its runs of equal values
 * walked as `buildGroupIndex` walks them, and only the kept groups are written down. Buckets come in ascending value
 * order, so groups are numbered, and `common` and `watched` listed, as `buildGroupIndex` does.
 *
 * The buckets are read twice: once to count the kept groups and each document's entries in them
 * (`countBucketGroups`), once to hand each kept group's documents, in group order, to whoever writes them down
 * (`eachBucketGroup`): `buildGroupIndexByBuckets` into postings in memory, allocated at their size (the index is the
 * same as `buildGroupIndex`'s but for its document → groups half, of which only each document's count is kept:
 * `docOffsets`, `docGroups` null; doc-groups.ts gathers a range of documents' groups from the postings); the run's
 * candidates' step into files partitioned by document range (group-partitions.ts), so that no postings are in memory.
 * Memory of a pass: one bucket's entries (24 bytes an entry: the block it is read into, and the two pairs of arrays it
 * is sorted between).
 */
import type { BucketedFeatures } from './feature-buckets.js';
import type { GroupIndex } from './groups.js';

/** What the counting pass finds: everything of a `GroupIndex` but the postings. */
export interface BucketGroupCount {
  /** Document d's entries in kept groups: docOffsets[d + 1] - docOffsets[d] (a running total). */
  docOffsets: Uint32Array;
  /** Kept groups (2..cap documents), and entries in them. */
  groups: number;
  grouped: number;
  common: Uint32Array;
  /** Groups of at least `watchMin` documents, their values and sizes. */
  watched: { groups: Uint32Array; values: Uint32Array; sizes: Uint32Array };
  stats: GroupIndex['stats'];
}

/** Sorts a bucket's entries by value (stable radix sort on the low bits) and calls `run` for each run of equal values. */
function runSorter(features: BucketedFeatures) {
  const lowBits = 32 - features.bucketBits;
  const passes = Math.ceil(lowBits / 8);
  const largest = features.largestBucket;
  const keys2 = new Uint32Array(largest);
  const docs2 = new Uint32Array(largest);
  const c8 = new Uint32Array(257);
  return (count: number, values: Uint32Array, owners: Uint32Array, run: (v: number, owners: Uint32Array, p: number, q: number) => void): void => {
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
}

/**
 * First pass: how many groups of 2..cap entries, each document's entries in them, the values over the cap and the
 * groups of at least `watchMin` documents, so that what the second pass writes can be allocated at its size.
 */
export function countBucketGroups(features: BucketedFeatures, docs: number, cap: number, watchMin = Number.MAX_SAFE_INTEGER): BucketGroupCount {
  const eachRun = runSorter(features);
  const docOffsets = new Uint32Array(docs + 1);
  const common: number[] = [];
  const watchedGroups: number[] = [];
  const watchedValues: number[] = [];
  const watchedSizes: number[] = [];
  let groups = 0;
  let grouped = 0;
  let singletons = 0;
  let capped = 0;
  features.forEachBucket(({ count, values, docs: owners }) =>
    eachRun(count, values, owners, (v, ds, p, q) => {
      const m = q - p;
      if (m >= 2 && m <= cap) {
        if (m >= watchMin) {
          watchedGroups.push(groups);
          watchedValues.push(v);
          watchedSizes.push(m);
        }
        groups++;
        grouped += m;
        for (let x = p; x < q; x++) docOffsets[ds[x]! + 1]!++;
      } else if (m === 1) singletons++;
      else {
        capped++;
        common.push(v);
      }
    }),
  );
  for (let d = 0; d < docs; d++) docOffsets[d + 1]! += docOffsets[d]!;
  return {
    docOffsets,
    groups,
    grouped,
    common: Uint32Array.from(common),
    watched: { groups: Uint32Array.from(watchedGroups), values: Uint32Array.from(watchedValues), sizes: Uint32Array.from(watchedSizes) },
    stats: { entries: features.length, groups, singletons, capped },
  };
}

/**
 * Second pass: each kept group (2..cap documents) in group order, its documents ds[p..q) ascending (the sort is
 * stable and entries were pushed in document order); `ds` is valid only during the call.
 */
export function eachBucketGroup(features: BucketedFeatures, cap: number, visit: (g: number, ds: Uint32Array, p: number, q: number) => void): void {
  const eachRun = runSorter(features);
  let g = 0;
  features.forEachBucket(({ count, values, docs: owners }) =>
    eachRun(count, values, owners, (_v, ds, p, q) => {
      const m = q - p;
      if (m >= 2 && m <= cap) visit(g++, ds, p, q);
    }),
  );
}

export function buildGroupIndexByBuckets(
  features: BucketedFeatures,
  docs: number,
  cap: number,
  watchMin = Number.MAX_SAFE_INTEGER,
): GroupIndex {
  const counted = countBucketGroups(features, docs, cap, watchMin);
  const groupOffsets = new Uint32Array(counted.groups + 1);
  const postings = new Uint32Array(counted.grouped);
  let at = 0;
  eachBucketGroup(features, cap, (g, ds, p, q) => {
    for (let x = p; x < q; x++) postings[at++] = ds[x]!;
    groupOffsets[g + 1] = at;
  });
  features.close();
  return {
    docOffsets: counted.docOffsets,
    docGroups: null,
    groupOffsets,
    postings,
    common: counted.common,
    watched: { groups: counted.watched.groups, values: counted.watched.values },
    stats: counted.stats,
  };
}
