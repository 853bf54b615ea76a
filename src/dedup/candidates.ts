/**
 * Phase 1 over a corpus: ingest sketches, then produce candidate pairs.
 *
 * Two sources feed the candidates, and a pair needs only one of them:
 * - detector 1, MinHash LSH: the pair has an equal band (tuned to `lshThreshold`);
 * - detector 2, winnowing: the pair shares at least `minSharedFingerprints`
 *   fingerprints that are not boilerplate. Boilerplate is a fingerprint in more than
 *   `maxFingerprintDf` documents, or in `boilerplateMinDf` or more documents that do
 *   not hang together (see `incoherentGroups`). This is what finds excerpts (high
 *   containment, low Jaccard) and shared passages.
 *
 * Retained state per document: its LSH band keys (4 bytes × bands), its fingerprints
 * (4 bytes each, ~2/(w+1) per shingle), its token count and two rank numbers — the
 * signature itself is not kept once its band keys are taken. `bytesPerDocument()` reports it.
 *
 * Candidate pairs never come from enumerating a bucket blindly into a list: each
 * document scans the groups it belongs to and counts, per other document, the shared
 * groups, so memory stays linear in the number of emitted pairs.
 */
import { buildGroupIndexByBuckets } from './bucket-groups.js';
import { docGroupsOf, documentRanges, RANGE_ENTRIES } from './doc-groups.js';
import { BucketedFeatures, type FeatureBucketOptions } from './feature-buckets.js';
import { ChunkedU32, buildGroupIndex, type GroupIndex } from './groups.js';
import { bandKeys } from './lsh.js';
import { resolveDedupOptions, type DedupOptions, type ResolvedDedupOptions } from './options.js';
import { sketchAt, type DocSketch, type SketchBatch, type SketchParams } from './sketch.js';

/** What decides the canonical member of a cluster; see cluster.ts for the default rule. */
export interface DocRank {
  /** How complete the document's metadata is (higher is better). */
  completeness?: number;
  /** Publication date (ISO 8601 text or epoch milliseconds); earlier is better. */
  date?: string | number;
  /** Body length; defaults to the token count. Longer is better. */
  length?: number;
}

export const VIA_LSH = 1;
export const VIA_FINGERPRINTS = 2;

/** Candidate pairs of internal document numbers (a < b), with where each came from. */
export interface CandidateSet {
  ids: readonly string[];
  a: Uint32Array;
  b: Uint32Array;
  /** Bit set: VIA_LSH, VIA_FINGERPRINTS. */
  via: Uint8Array;
  /** Non-boilerplate fingerprints the pair shares. */
  sharedFingerprints: Uint32Array;
  /** Boilerplate fingerprint values (over the df cap, or incoherent groups), sorted. */
  commonFingerprints: Uint32Array;
  /** Per document: token count, rank completeness, rank date (ms; NaN when unknown), rank length. */
  tokens: Uint32Array;
  completeness: Float64Array;
  date: Float64Array;
  length: Float64Array;
  options: ResolvedDedupOptions;
  stats: CandidateStats;
  timings: CandidateTimings;
}

export interface CandidateStats {
  documents: number;
  emptyDocuments: number;
  candidates: number;
  candidatesLsh: number;
  candidatesFingerprints: number;
  lshBands: number;
  lshRows: number;
  fingerprints: number;
  commonFingerprints: number;
  /** Bytes of per-document state held by the index while ingesting (see `bytesPerDocument`). */
  bytesPerDocument: number;
}

/** Milliseconds spent grouping LSH band keys, grouping fingerprints, and scanning for pairs. */
export interface CandidateTimings {
  lshIndexMs: number;
  fingerprintIndexMs: number;
  scanMs: number;
}

/** The groups of the values: sorted in memory, or one bucket of their file at a time when they were spilled. */
function groupsOf(values: ChunkedU32 | BucketedFeatures, offsets: Uint32Array, docs: number, cap: number, watchMin?: number): GroupIndex {
  return values instanceof BucketedFeatures
    ? buildGroupIndexByBuckets(values, docs, cap, watchMin)
    : buildGroupIndex(values, offsets, docs, cap, watchMin);
}

function dateValue(d: string | number | undefined): number {
  if (d === undefined) return Number.NaN;
  if (typeof d === 'number') return Number.isFinite(d) ? d : Number.NaN;
  const t = Date.parse(d);
  return Number.isNaN(t) ? Number.NaN : t;
}

class GrowF64 {
  data = new Float64Array(1024);
  length = 0;
  push(v: number): void {
    if (this.length === this.data.length) {
      const next = new Float64Array(this.data.length * 2);
      next.set(this.data);
      this.data = next;
    }
    this.data[this.length++] = v;
  }
  toArray(): Float64Array {
    return this.data.slice(0, this.length);
  }
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

export class SketchIndex {
  readonly options: ResolvedDedupOptions;
  private readonly params: SketchParams;
  private readonly ids: string[] = [];
  private readonly idSet = new Set<string>();
  private bands: ChunkedU32 | BucketedFeatures;
  private bandOffsets = new ChunkedU32();
  private fps: ChunkedU32 | BucketedFeatures;
  private fpOffsets = new ChunkedU32();
  private tokens = new ChunkedU32();
  private completeness = new GrowF64();
  private date = new GrowF64();
  private length = new GrowF64();
  private emptyDocs = 0;
  private built = false;
  private readonly keyScratch: Uint32Array;

  /**
   * `spillFeatures`: the band keys and fingerprints wait in temporary files, partitioned by value range
   * (feature-buckets.ts; `true` or the buckets' options), until `candidates()` groups them one bucket at a time; not
   * in memory. `close()` lets the files go if `candidates()` is never called.
   */
  constructor(options: DedupOptions | ResolvedDedupOptions = {}, store: { spillFeatures?: boolean | FeatureBucketOptions } = {}) {
    const spill = store.spillFeatures;
    const bucketOptions = typeof spill === 'object' ? spill : {};
    this.bands = spill ? new BucketedFeatures(bucketOptions) : new ChunkedU32();
    this.fps = spill ? new BucketedFeatures(bucketOptions) : new ChunkedU32();
    this.options = resolveDedupOptions(options);
    const o = this.options;
    this.params = { numPerm: o.numPerm, seed: o.seed, shingleSize: o.shingleSize, winnowWindow: o.winnowWindow };
    this.keyScratch = new Uint32Array(o.lshBands);
    this.bandOffsets.push(0);
    this.fpOffsets.push(0);
  }

  get size(): number {
    return this.ids.length;
  }

  private check(s: SketchParams): void {
    const p = this.params;
    if (s.seed !== p.seed || s.numPerm !== p.numPerm || s.shingleSize !== p.shingleSize || s.winnowWindow !== p.winnowWindow) {
      throw new Error(
        `sketch made with seed ${s.seed}, numPerm ${s.numPerm}, shingleSize ${s.shingleSize}, winnowWindow ${s.winnowWindow} ` +
          `cannot join an index of seed ${p.seed}, numPerm ${p.numPerm}, shingleSize ${p.shingleSize}, winnowWindow ${p.winnowWindow}`,
      );
    }
  }

  /** Add one document's sketch. Ids must be unique. */
  add(id: string, sketch: DocSketch, rank?: DocRank): void {
    if (this.built) throw new Error('SketchIndex.add after candidates(): create a new index');
    this.check(sketch);
    if (this.idSet.has(id)) throw new Error(`duplicate document id ${JSON.stringify(id)}`);
    this.idSet.add(id);
    const doc = this.ids.length;
    this.ids.push(id);
    const o = this.options;
    if (sketch.shingles === 0) {
      // An empty text has no shingles: it pairs with nothing.
      this.emptyDocs++;
    } else {
      const keys = bandKeys(sketch.signature, o.lshBands, o.lshRows, this.keyScratch);
      if (this.bands instanceof BucketedFeatures) this.bands.pushAll(doc, keys);
      else this.bands.pushAll(keys);
      if (this.fps instanceof BucketedFeatures) this.fps.pushAll(doc, sketch.fingerprints);
      else this.fps.pushAll(sketch.fingerprints);
    }
    this.bandOffsets.push(this.bands.length);
    this.fpOffsets.push(this.fps.length);
    this.tokens.push(sketch.tokens);
    this.completeness.push(rank?.completeness ?? 0);
    this.date.push(dateValue(rank?.date));
    this.length.push(rank?.length ?? sketch.tokens);
  }

  /** Lets the temporary file of `spillFeatures` go, when `candidates()` will not be called (idempotent). */
  close(): void {
    if (this.bands instanceof BucketedFeatures) this.bands.close();
    if (this.fps instanceof BucketedFeatures) this.fps.close();
  }

  /** Add every sketch of a batch, with ids (and ranks) in batch order. */
  addBatch(ids: readonly string[], batch: SketchBatch, ranks?: ReadonlyArray<DocRank | undefined>): void {
    if (ids.length !== batch.count) throw new Error(`addBatch: ${ids.length} ids for ${batch.count} sketches`);
    this.check(batch);
    for (let i = 0; i < batch.count; i++) this.add(ids[i]!, sketchAt(batch, i), ranks?.[i]);
  }

  /** Bytes of retained state per document so far (band keys, fingerprints, lengths, ranks). */
  bytesPerDocument(): number {
    const n = Math.max(1, this.ids.length);
    const arrays = (this.bands.length + this.fps.length + 2 * n) * 4 + 3 * 8 * n;
    return arrays / n;
  }

  /**
   * Build both indexes and return the candidate pairs. The feature stores are consumed:
   * an index yields its candidates once.
   */
  candidates(): CandidateSet {
    if (this.built) throw new Error('SketchIndex.candidates() can run once');
    this.built = true;
    // only add() looks ids up, and it cannot run again
    this.idSet.clear();
    const o = this.options;
    const n = this.ids.length;
    const bytesPerDocument = this.bytesPerDocument();
    const fingerprintCount = this.fps.length;

    const t0 = performance.now();
    const lsh = groupsOf(this.bands, this.bandOffsets.toArray(), n, Number.MAX_SAFE_INTEGER);
    const t1 = performance.now();
    const fpOffsets = this.fpOffsets.toArray();
    const fpCount = new Uint32Array(n);
    for (let d = 0; d < n; d++) fpCount[d] = fpOffsets[d + 1]! - fpOffsets[d]!;
    const fp = groupsOf(this.fps, fpOffsets, n, o.maxFingerprintDf, o.boilerplateMinDf);
    const t2 = performance.now();
    // documents' groups gathered a range at a time when grouped from buckets (doc-groups.ts)
    const rangeEntries = this.fps instanceof BucketedFeatures ? this.fps.rangeEntries : RANGE_ENTRIES;
    const boiler = incoherentGroups(fp, n, fpCount, o.boilerplateShare, rangeEntries);
    const out = scanPairs(lsh, fp, n, o.minSharedFingerprints, boiler.flags, rangeEntries);
    const t3 = performance.now();
    const common = mergeSorted(fp.common, boiler.values);
    let viaLsh = 0;
    let viaFp = 0;
    for (let x = 0; x < out.via.length; x++) {
      if (out.via[x]! & VIA_LSH) viaLsh++;
      if (out.via[x]! & VIA_FINGERPRINTS) viaFp++;
    }
    return {
      ids: this.ids,
      a: out.a,
      b: out.b,
      via: out.via,
      sharedFingerprints: out.shared,
      commonFingerprints: common,
      tokens: this.tokens.toArray(),
      completeness: this.completeness.toArray(),
      date: this.date.toArray(),
      length: this.length.toArray(),
      options: o,
      stats: {
        documents: n,
        emptyDocuments: this.emptyDocs,
        candidates: out.a.length,
        candidatesLsh: viaLsh,
        candidatesFingerprints: viaFp,
        lshBands: o.lshBands,
        lshRows: o.lshRows,
        fingerprints: fingerprintCount,
        commonFingerprints: common.length,
        bytesPerDocument,
      },
      timings: { lshIndexMs: t1 - t0, fingerprintIndexMs: t2 - t1, scanMs: t3 - t2 },
    };
  }
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
function incoherentGroups(fp: GroupIndex, n: number, fpCount: Uint32Array, share: number, rangeEntries: number) {
  const flags = new Uint8Array(fp.groupOffsets.length - 1);
  const watched = fp.watched.groups; // ascending group ids
  if (watched.length === 0) return { flags, values: new Uint32Array(0) };
  const isWatched = new Uint8Array(flags.length);
  const wStart = new Uint32Array(watched.length + 1);
  for (let x = 0; x < watched.length; x++) {
    const g = watched[x]!;
    isWatched[g] = 1;
    wStart[x + 1] = wStart[x]! + fp.groupOffsets[g + 1]! - fp.groupOffsets[g]!;
  }
  // Union-find over the postings of watched groups (local to each group).
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
  for (const [from, to] of documentRanges([fp], n, rangeEntries)) {
    const { offsets, groups: docGroups } = docGroupsOf(fp, from, to);
    for (let i = from; i < to; i++) {
      const gs = offsets[i - from]!;
      const ge = offsets[i - from + 1]!;
      let any = false;
      for (let x = gs; x < ge && !any; x++) any = isWatched[docGroups[x]!] === 1;
      if (!any) continue;
      // Shared fingerprints between i and every later document.
      for (let x = gs; x < ge; x++) {
        const g = docGroups[x]!;
        for (let y = fp.groupOffsets[g + 1]! - 1, ys = fp.groupOffsets[g]!; y >= ys; y--) {
          const j = fp.postings[y]!;
          if (j <= i) break;
          if (stamp[j] !== i) {
            stamp[j] = i;
            count[j] = 0;
          }
          count[j]!++;
        }
      }
      for (let x = gs; x < ge; x++) {
        const g = docGroups[x]!;
        if (!isWatched[g]) continue;
        const ys = fp.groupOffsets[g]!;
        const base = wStart[watchedIndex(g)]! - ys;
        // i's own entry in the group (postings ascend).
        let lo = ys;
        let hi = fp.groupOffsets[g + 1]! - 1;
        while (lo < hi) {
          const mid = (lo + hi) >>> 1;
          if (fp.postings[mid]! < i) lo = mid + 1;
          else hi = mid;
        }
        const self = base + lo;
        for (let y = fp.groupOffsets[g + 1]! - 1; y > lo; y--) {
          const j = fp.postings[y]!;
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

function mergeSorted(a: Uint32Array, b: Uint32Array): Uint32Array {
  if (b.length === 0) return a;
  const out = new Uint32Array(a.length + b.length);
  out.set(a);
  out.set(b, a.length);
  return out.sort();
}

/** For each document i, every j > i sharing an LSH band, or ≥ minShared fingerprint groups (skipping boilerplate groups). */
function scanPairs(lsh: GroupIndex, fp: GroupIndex, n: number, minShared: number, skip: Uint8Array, rangeEntries: number) {
  const stamp = new Int32Array(n).fill(-1);
  const count = new Uint32Array(n);
  const flags = new Uint8Array(n);
  const touched = new Uint32Array(n);
  const A = growU32();
  const B = growU32();
  const V = new Grow(new Uint8Array(4096), (k) => new Uint8Array(k));
  const S = growU32();
  for (const [lo, hi] of documentRanges([lsh, fp], n, rangeEntries)) {
    const L = docGroupsOf(lsh, lo, hi);
    const F = docGroupsOf(fp, lo, hi);
    for (let i = lo; i < hi; i++) {
      let nt = 0;
      for (let x = L.offsets[i - lo]!, xe = L.offsets[i - lo + 1]!; x < xe; x++) {
        const g = L.groups[x]!;
        for (let y = lsh.groupOffsets[g + 1]! - 1, ys = lsh.groupOffsets[g]!; y >= ys; y--) {
          const j = lsh.postings[y]!;
          if (j <= i) break; // postings ascend: the rest are ≤ i
          if (stamp[j] !== i) {
            stamp[j] = i;
            count[j] = 0;
            flags[j] = 0;
            touched[nt++] = j;
          }
          flags[j] = VIA_LSH;
        }
      }
      for (let x = F.offsets[i - lo]!, xe = F.offsets[i - lo + 1]!; x < xe; x++) {
        const g = F.groups[x]!;
        if (skip[g] === 1) continue;
        for (let y = fp.groupOffsets[g + 1]! - 1, ys = fp.groupOffsets[g]!; y >= ys; y--) {
          const j = fp.postings[y]!;
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
