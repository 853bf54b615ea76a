/**
 * The inverted index of groups.ts (`GroupIndex`), built from features spilled into value buckets
 * (feature-buckets.ts) one bucket at a time: each bucket's entries are sorted by value (a stable radix sort on the
 * bits below the bucket's prefix, so each group's documents ascend as they were pushed), its runs of equal values
 * walked as `buildGroupIndex` walks them, and only the kept groups' postings stay. Buckets come in ascending value
 * order, so groups are numbered, and `common` and `watched` listed, as `buildGroupIndex` does: the index is the same
 * but for the order of a document's groups in `docGroups` (ascending group number here, the order of its values
 * there), which nothing that reads it depends on.
 *
 * Memory: one bucket's entries (16 bytes an entry while it is sorted, plus the buffer it is read into: 8), and the
 * result — 8 bytes per grouped entry and 4 per group and document — rather than every entry twice.
 */
import type { BucketedFeatures } from './feature-buckets.js';
import { ChunkedU32, type GroupIndex } from './groups.js';

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
  const postings = new ChunkedU32();
  const groupEnds = new ChunkedU32();
  const perDoc = new Uint32Array(docs + 1);
  const common: number[] = [];
  const watchedGroups: number[] = [];
  const watchedValues: number[] = [];
  let groups = 0;
  let singletons = 0;
  let capped = 0;

  features.forEachBucket(({ count, values, docs: owners }) => {
    // Stable LSD radix sort of (value, document) on the low bits, 8 at a time, between the two pairs of arrays.
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
    // Runs of equal values: a group of 2..cap entries is kept (its documents ascend), a larger one is common.
    let p = 0;
    while (p < count) {
      const v = kA[p]!;
      let q = p + 1;
      while (q < count && kA[q] === v) q++;
      const m = q - p;
      if (m >= 2 && m <= cap) {
        if (m >= watchMin) {
          watchedGroups.push(groups);
          watchedValues.push(v);
        }
        for (let x = p; x < q; x++) {
          postings.push(dA[x]!);
          perDoc[dA[x]! + 1]!++;
        }
        groupEnds.push(postings.length);
        groups++;
      } else if (m === 1) singletons++;
      else {
        capped++;
        common.push(v);
      }
      p = q;
    }
  });

  const groupOffsets = new Uint32Array(groups + 1);
  for (let g = 0; g < groups; g++) groupOffsets[g + 1] = groupEnds.get(g);
  groupEnds.toArray(0);
  const grouped = postings.length;
  const postingsArray = postings.toArray();
  // Each document's groups, ascending: counted above, filled group by group.
  const docOffsets = perDoc;
  for (let d = 0; d < docs; d++) docOffsets[d + 1]! += docOffsets[d]!;
  const cursor = docOffsets.slice(0, docs);
  const docGroups = new Uint32Array(grouped);
  for (let g = 0; g < groups; g++) {
    for (let y = groupOffsets[g]!, ye = groupOffsets[g + 1]!; y < ye; y++) docGroups[cursor[postingsArray[y]!]!++] = g;
  }

  return {
    docOffsets,
    docGroups,
    groupOffsets,
    postings: postingsArray,
    common: Uint32Array.from(common),
    watched: { groups: Uint32Array.from(watchedGroups), values: Uint32Array.from(watchedValues) },
    stats: { entries: n, groups, singletons, capped },
  };
}
