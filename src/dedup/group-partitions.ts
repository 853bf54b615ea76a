/**
 * The kept groups of spilled features (bucket-groups.ts) written to a temporary file partitioned by document range,
 * so that the scans for pairs and for boilerplate groups (pair-scan.ts), which walk the documents in order, read one
 * range's groups at a time and no group's documents (the postings) are in memory the whole scan.
 *
 * A group whose documents d_0 < … < d_{m-1} fall in several ranges is written once per range it has a document in,
 * as the record `g, s, m - s, d_s … d_{m-1}` where d_s is its first document in that range: what the scans need for
 * a document d_k of the range is the group's documents after it (and, for the boilerplate test, d_k's place k in
 * the group). A range's records are in group order, so each document's groups ascend, as doc-groups.ts gives them.
 *
 * What a range holds when it is read: its records (their documents from the range's first one in each group to the
 * group's end: at most the postings of the groups it has a document in) and each of its documents' list of records.
 */
import { eachBucketGroup, type BucketGroupCount } from './bucket-groups.js';
import type { BucketedFeatures } from './feature-buckets.js';
import { PartitionFile } from './partition-file.js';
import type { RangeGroups } from './pair-scan.js';

/** Write buffers of all partitions together, in values (2 MiB), unless `partitionValues` says otherwise. */
const BUFFER_BUDGET = 1 << 19;

/** The scratch arrays a range is read into. */
const DOC_OFFSETS = 0;
const REC_GROUP = 1;
const REC_FIRST = 2;
const REC_OFFSETS = 3;
const DOC_RECORDS = 4;
const CURSOR = 5;
const REC_ENDS = 6;
const SCRATCH_ARRAYS = 7;

/** Groups in a partition file by document range: a `GroupSource` for pair-scan.ts. */
export class PartitionedGroups {
  readonly groups: number;
  readonly watched: BucketGroupCount['watched'];
  readonly common: Uint32Array;
  readonly stats: BucketGroupCount['stats'];
  private readonly file: PartitionFile;
  private scratch = new Uint32Array(0);
  /** The scratch arrays of `range`'s answer (DOC_OFFSETS …). */
  private arrays: Uint32Array[] = Array.from({ length: SCRATCH_ARRAYS }, () => new Uint32Array(0));

  /**
   * Writes each kept group of `features` (as `countBucketGroups` counted them: `counted`) to the partitions of
   * `ranges` (ascending, adjoining [lo, hi) document ranges, cut from the counts); the features are then closed.
   */
  constructor(
    features: BucketedFeatures,
    counted: BucketGroupCount,
    cap: number,
    private readonly ranges: ReadonlyArray<readonly [number, number]>,
    partitionValues?: number,
  ) {
    this.groups = counted.groups;
    this.watched = counted.watched;
    this.common = counted.common;
    this.stats = counted.stats;
    const parts = ranges.length;
    const buffer = partitionValues ?? Math.max(256, Math.min(1 << 14, Math.floor(BUFFER_BUDGET / Math.max(1, parts))));
    this.file = new PartitionFile(parts, buffer);
    const hiOf = new Uint32Array(parts);
    ranges.forEach(([, hi], p) => (hiOf[p] = hi));
    const file = this.file;
    eachBucketGroup(features, cap, (g, ds, p, q) => {
      let x = p;
      let part = 0;
      while (x < q) {
        const d = ds[x]!;
        while (hiOf[part]! <= d) part++;
        file.push(part, g);
        file.push(part, x - p);
        file.push(part, q - x);
        file.pushRange(part, ds, x, q);
        const end = hiOf[part]!;
        while (x < q && ds[x]! < end) x++;
      }
    });
    features.close();
    file.seal();
  }

  /**
   * The groups of partition `part` (documents lo..hi-1, the partition's range). Its arrays are this source's scratch
   * arrays, valid until its next `range` (the scans read one range at a time): a scan allocates them once, at the
   * largest range's size, not once per range.
   */
  range(part: number): RangeGroups {
    const [lo, hi] = this.ranges[part]!;
    const size = this.file.size(part);
    if (this.scratch.length < size) this.scratch = new Uint32Array(size);
    const vals = this.file.read(part, this.scratch);
    // count the records and each document's
    const docOffsets = this.take(DOC_OFFSETS, hi - lo + 1, true);
    let recs = 0;
    for (let at = 0; at < vals.length; recs++) {
      const m = vals[at + 2]!;
      const e = at + 3 + m;
      for (let y = at + 3; y < e; y++) {
        const d = vals[y]!;
        if (d >= hi) break;
        docOffsets[d - lo + 1]!++;
      }
      at = e;
    }
    for (let i = 0; i < hi - lo; i++) docOffsets[i + 1]! += docOffsets[i]!;
    const recGroup = this.take(REC_GROUP, recs);
    const recFirst = this.take(REC_FIRST, recs);
    const recOffsets = this.take(REC_OFFSETS, recs + 1);
    const docRecords = this.take(DOC_RECORDS, docOffsets[hi - lo]!);
    const cursor = this.take(CURSOR, hi - lo);
    cursor.set(docOffsets.subarray(0, hi - lo));
    let r = 0;
    for (let at = 0; at < vals.length; r++) {
      recGroup[r] = vals[at]!;
      recFirst[r] = vals[at + 1]!;
      const m = vals[at + 2]!;
      const s = at + 3;
      const e = s + m;
      recOffsets[r] = s;
      for (let y = s; y < e; y++) {
        const d = vals[y]!;
        if (d >= hi) break;
        docRecords[cursor[d - lo]!++] = r;
      }
      at = e;
    }
    // record r's documents are vals[recOffsets[r] .. recOffsets[r + 1]) once the header of the next one is skipped:
    // the end of each record is given separately
    const recEnds = this.take(REC_ENDS, recs);
    for (let k = 0; k < recs; k++) recEnds[k] = recOffsets[k]! + vals[recOffsets[k]! - 1]!;
    return { lo, hi, docOffsets, docRecords, recGroup, recFirst, recStarts: recOffsets, recEnds, members: vals };
  }

  /** Scratch array `which` at `length` (grown by half again when too small), zeroed when asked. */
  private take(which: number, length: number, zero = false): Uint32Array {
    let a = this.arrays[which]!;
    if (a.length < length) a = this.arrays[which] = new Uint32Array(Math.max(length, Math.ceil(a.length * 1.5)));
    const out = a.subarray(0, length);
    if (zero) out.fill(0);
    return out;
  }

  /** Lets the file go (idempotent). */
  close(): void {
    this.file.close();
    this.scratch = new Uint32Array(0);
    this.arrays = this.arrays.map(() => new Uint32Array(0));
  }
}

