/**
 * Each document's groups (the document → groups half of a `GroupIndex`), a range of documents at a time, and the
 * document ranges themselves. The scans for pairs and for boilerplate groups (pair-scan.ts) walk the documents in
 * order and need, for document i, its groups; the groups' postings give the other documents. An index grouped in
 * memory (groups.ts) has every document's groups already, and is walked as one range (`indexSource`). An index grouped
 * from value buckets into postings (`buildGroupIndexByBuckets`) keeps only how many groups each document is in: the
 * groups of a range of documents are gathered from the postings when the range's turn comes. The run's index writes
 * its groups to a file by document range instead (group-partitions.ts), with the ranges `documentRanges` cuts from
 * the counts: about `rangeEntries` entries each.
 */
import type { GroupIndex } from './groups.js';

/** Documents lo..hi-1: document i's groups are groups[offsets[i - lo] .. offsets[i - lo + 1]), ascending. */
export interface DocGroupRange {
  lo: number;
  hi: number;
  offsets: Uint32Array;
  groups: Uint32Array;
}

/** Entries per range gathered from postings (1 MiB of groups). */
export const RANGE_ENTRIES = 1 << 18;

/**
 * The ranges of documents to walk, in order: all of them at once when every index has its documents' groups in
 * memory; otherwise ranges of about `rangeEntries` entries of the indexes together (at least one document each).
 */
export function documentRanges(
  indexes: ReadonlyArray<Pick<GroupIndex, 'docOffsets' | 'docGroups'>>,
  docs: number,
  rangeEntries = RANGE_ENTRIES,
): Array<[number, number]> {
  if (docs === 0) return [];
  if (indexes.every((x) => x.docGroups !== null)) return [[0, docs]];
  const entries = (d: number): number => indexes.reduce((s, x) => s + x.docOffsets[d]!, 0);
  const out: Array<[number, number]> = [];
  let lo = 0;
  while (lo < docs) {
    const start = entries(lo);
    let hi = lo + 1;
    while (hi < docs && entries(hi + 1) - start <= rangeEntries) hi++;
    out.push([lo, hi]);
    lo = hi;
  }
  return out;
}

/** The groups of documents lo..hi-1 of `index`. */
export function docGroupsOf(index: GroupIndex, lo: number, hi: number): DocGroupRange {
  if (index.docGroups !== null) {
    // grouped in memory: views of the whole arrays (offsets from lo, absolute)
    return { lo, hi, offsets: index.docOffsets.subarray(lo, hi + 1), groups: index.docGroups };
  }
  const base = index.docOffsets[lo]!;
  const offsets = new Uint32Array(hi - lo + 1);
  for (let d = lo; d <= hi; d++) offsets[d - lo] = index.docOffsets[d]! - base;
  const cursor = offsets.slice(0, hi - lo);
  const groups = new Uint32Array(offsets[hi - lo]!);
  const { groupOffsets, postings } = index;
  const count = groupOffsets.length - 1;
  for (let g = 0; g < count; g++) {
    const ye = groupOffsets[g + 1]!;
    let y = groupOffsets[g]!;
    // postings ascend: skip a group whose last document is before the range; stop at the first past it
    if (postings[ye - 1]! < lo) continue;
    for (; y < ye; y++) {
      const d = postings[y]!;
      if (d >= hi) break;
      if (d >= lo) groups[cursor[d - lo]!++] = g;
    }
  }
  return { lo, hi, offsets, groups };
}
