/**
 * The scans of the candidates' step (candidates.ts), over the groups of both indexes (LSH band keys, fingerprints):
 * the boilerplate groups' coherence test (`incoherentGroups`), then the pairs (`scanPairs`). Both walk the documents
 * in order, a range of documents at a time, and need for document i its groups and each group's documents after i:
 * a `GroupSource` gives them a range at a time — an index in memory (groups.ts, bucket-groups.ts: `indexSource`) or
 * groups written to a file by document range (group-partitions.ts), so that the scans hold one range's groups.
 */
import { docGroupsOf } from './doc-groups.js';
import type { GroupIndex } from './groups.js';

export const VIA_LSH = 1;
export const VIA_FINGERPRINTS = 2;

/**
 * The groups of documents lo..hi-1. Document i's groups are the records docRecords[docOffsets[i - lo] ..
 * docOffsets[i - lo + 1]), ascending; record r is group recGroup[r] (r when null), its documents
 * members[recStarts[r] .. recEnds[r]) ascending, the first of which is the group's recFirst[r]-th (0 when null).
 */
export interface RangeGroups {
  lo: number;
  hi: number;
  docOffsets: Uint32Array;
  docRecords: Uint32Array;
  recGroup: Uint32Array | null;
  recFirst: Uint32Array | null;
  recStarts: Uint32Array;
  recEnds: Uint32Array;
  members: Uint32Array;
}

/** Groups to scan: how many, the watched ones (boilerplate candidates) with their sizes, and a range's groups. */
export interface GroupSource {
  readonly groups: number;
  readonly watched: { groups: Uint32Array; values: Uint32Array; sizes: Uint32Array };
  /** Sorted values that were in more than the cap's documents. */
  readonly common: Uint32Array;
  /** The groups of the `part`-th of the ranges the scans were given (its arrays may be reused by the next call). */
  range(part: number): RangeGroups;
}

/** An index in memory as a `GroupSource` over `ranges` (one range when it has its documents' groups). */
export function indexSource(index: GroupIndex, ranges: ReadonlyArray<readonly [number, number]>): GroupSource {
  const { groupOffsets, postings, watched } = index;
  const groups = groupOffsets.length - 1;
  const sizes = watched.groups.map((g) => groupOffsets[g + 1]! - groupOffsets[g]!);
  const recStarts = groupOffsets.subarray(0, groups);
  const recEnds = groupOffsets.subarray(1);
  return {
    groups,
    watched: { groups: watched.groups, values: watched.values, sizes },
    common: index.common,
    range(part) {
      const [lo, hi] = ranges[part]!;
      const r = docGroupsOf(index, lo, hi);
      return { lo, hi, docOffsets: r.offsets, docRecords: r.groups, recGroup: null, recFirst: null, recStarts, recEnds, members: postings };
    },
  };
}

/**
 * Boilerplate by coherence: a fingerprint group of at least `boilerplateMinDf` documents
 * (but not over the df cap) is boilerplate when its documents do not hang together:
 * linking two of them when they share at least `share` × (the smaller fingerprint
 * count) fingerprints, the largest linked set holds less than half of the group. A
 * wire story run in many documents passes (its copies share most of their
 * fingerprints, excerpts and rewordings link through the full copies); a header or
 * footer shared by the unrelated articles of one outlet does not (they fall apart into
 * their own stories).
 */
export function incoherentGroups(fp: GroupSource, ranges: ReadonlyArray<readonly [number, number]>, n: number, fpCount: Uint32Array, share: number) {
  const flags = new Uint8Array(fp.groups);
  const { groups: watched, sizes } = fp.watched; // ascending group ids
  if (watched.length === 0) return { flags, values: new Uint32Array(0) };
  const isWatched = new Uint8Array(flags.length);
  const wStart = new Uint32Array(watched.length + 1);
  for (let x = 0; x < watched.length; x++) {
    isWatched[watched[x]!] = 1;
    wStart[x + 1] = wStart[x]! + sizes[x]!;
  }
  // Union-find over the documents of watched groups (local to each group).
  const parent = new Uint32Array(wStart[watched.length]!);
  for (let k = 0; k < parent.length; k++) parent[k] = k;
  const find = (k: number): number => {
    while (parent[k] !== k) {
      parent[k] = parent[parent[k]!]!;
      k = parent[k]!;
    }
    return k;
  };
  const watchedIndex = (g: number): number => {
    let lo = 0;
    let hi = watched.length - 1;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (watched[mid]! < g) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  };
  const stamp = new Int32Array(n).fill(-1);
  const count = new Uint32Array(n);
  for (let part = 0; part < ranges.length; part++) {
    const R = fp.range(part);
    const { lo, hi, docOffsets, docRecords, recGroup, recFirst, recStarts, recEnds, members } = R;
    for (let i = lo; i < hi; i++) {
      const gs = docOffsets[i - lo]!;
      const ge = docOffsets[i - lo + 1]!;
      let any = false;
      for (let x = gs; x < ge && !any; x++) {
        const r = docRecords[x]!;
        any = isWatched[recGroup ? recGroup[r]! : r] === 1;
      }
      if (!any) continue;
      // Shared fingerprints between i and every later document.
      for (let x = gs; x < ge; x++) {
        const r = docRecords[x]!;
        for (let y = recEnds[r]! - 1, ys = recStarts[r]!; y >= ys; y--) {
          const j = members[y]!;
          if (j <= i) break;
          if (stamp[j] !== i) {
            stamp[j] = i;
            count[j] = 0;
          }
          count[j]!++;
        }
      }
      for (let x = gs; x < ge; x++) {
        const r = docRecords[x]!;
        const g = recGroup ? recGroup[r]! : r;
        if (!isWatched[g]) continue;
        const ys = recStarts[r]!;
        // the group's documents in the union-find: its place there, less where the record starts in `members`
        const base = wStart[watchedIndex(g)]! + (recFirst ? recFirst[r]! : 0) - ys;
        // i's own entry in the group (documents ascend).
        let a = ys;
        let b = recEnds[r]! - 1;
        while (a < b) {
          const mid = (a + b) >>> 1;
          if (members[mid]! < i) a = mid + 1;
          else b = mid;
        }
        const self = base + a;
        for (let y = recEnds[r]! - 1; y > a; y--) {
          const j = members[y]!;
          if (count[j]! >= share * Math.min(fpCount[i]!, fpCount[j]!)) {
            const ra = find(self);
            const rb = find(base + y);
            if (ra !== rb) parent[ra] = rb;
          }
        }
      }
    }
  }
  const values: number[] = [];
  const size = new Uint32Array(parent.length);
  for (let x = 0; x < watched.length; x++) {
    const s = wStart[x]!;
    const e = wStart[x + 1]!;
    let largest = 0;
    for (let k = s; k < e; k++) {
      const r = find(k);
      if (++size[r]! > largest) largest = size[r]!;
    }
    if (2 * largest < e - s) {
      flags[watched[x]!] = 1;
      values.push(fp.watched.values[x]!);
    }
  }
  return { flags, values: Uint32Array.from(values).sort() };
}

/** A typed array that doubles as it fills: the scan's outputs, which start small (not at a 4 MiB chunk each). */
class Grow<T extends Uint32Array | Uint8Array> {
  length = 0;
  constructor(
    public data: T,
    private readonly make: (n: number) => T,
  ) {}
  push(v: number): void {
    if (this.length === this.data.length) {
      const next = this.make(this.data.length * 2);
      next.set(this.data);
      this.data = next;
    }
    this.data[this.length++] = v;
  }
  /** The values at their size; the array is let go. */
  toArray(): T {
    const out = this.data.slice(0, this.length) as T;
    this.data = this.make(0);
    return out;
  }
}
const growU32 = () => new Grow(new Uint32Array(4096), (n) => new Uint32Array(n));

/** For each document i, every j > i sharing an LSH band, or ≥ minShared fingerprint groups (skipping boilerplate groups). */
export function scanPairs(
  lsh: GroupSource,
  fp: GroupSource,
  ranges: ReadonlyArray<readonly [number, number]>,
  n: number,
  minShared: number,
  skip: Uint8Array,
) {
  const stamp = new Int32Array(n).fill(-1);
  const count = new Uint32Array(n);
  const flags = new Uint8Array(n);
  const touched = new Uint32Array(n);
  const A = growU32();
  const B = growU32();
  const V = new Grow(new Uint8Array(4096), (k) => new Uint8Array(k));
  const S = growU32();
  for (let part = 0; part < ranges.length; part++) {
    const L = lsh.range(part);
    const F = fp.range(part);
    const { lo, hi } = L;
    for (let i = lo; i < hi; i++) {
      let nt = 0;
      for (let x = L.docOffsets[i - lo]!, xe = L.docOffsets[i - lo + 1]!; x < xe; x++) {
        const r = L.docRecords[x]!;
        for (let y = L.recEnds[r]! - 1, ys = L.recStarts[r]!; y >= ys; y--) {
          const j = L.members[y]!;
          if (j <= i) break; // documents ascend: the rest are ≤ i
          if (stamp[j] !== i) {
            stamp[j] = i;
            count[j] = 0;
            flags[j] = 0;
            touched[nt++] = j;
          }
          flags[j] = VIA_LSH;
        }
      }
      const fg = F.recGroup;
      for (let x = F.docOffsets[i - lo]!, xe = F.docOffsets[i - lo + 1]!; x < xe; x++) {
        const r = F.docRecords[x]!;
        if (skip[fg ? fg[r]! : r] === 1) continue;
        for (let y = F.recEnds[r]! - 1, ys = F.recStarts[r]!; y >= ys; y--) {
          const j = F.members[y]!;
          if (j <= i) break;
          if (stamp[j] !== i) {
            stamp[j] = i;
            count[j] = 0;
            flags[j] = 0;
            touched[nt++] = j;
          }
          count[j]!++;
        }
      }
      if (nt === 0) continue;
      touched.subarray(0, nt).sort();
      for (let t = 0; t < nt; t++) {
        const j = touched[t]!;
        let via = flags[j]!;
        if (count[j]! >= minShared) via |= VIA_FINGERPRINTS;
        if (via === 0) continue;
        A.push(i);
        B.push(j);
        V.push(via);
        S.push(count[j]!);
      }
    }
  }
  return { a: A.toArray(), b: B.toArray(), via: V.toArray(), shared: S.toArray() };
}
