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
import { countBucketGroups } from './bucket-groups.js';
import { documentRanges } from './doc-groups.js';
import { idRanks, lazyArray } from './doc-ids.js';
import { BucketedFeatures, type FeatureBucketOptions } from './feature-buckets.js';
import { PartitionedGroups } from './group-partitions.js';
import { ChunkedU32, buildGroupIndex } from './groups.js';
import { incoherentGroups, indexSource, scanPairs, VIA_FINGERPRINTS, VIA_LSH, type GroupSource } from './pair-scan.js';
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

export { VIA_FINGERPRINTS, VIA_LSH };

/** Candidate pairs of internal document numbers (a < b), with where each came from. */
export interface CandidateSet {
  ids: readonly string[];
  /**
   * Each document's place among the ids in code-unit order, when the index was given `idOf` (its `ids` are then made
   * when asked for, and whatever orders documents by id uses this instead).
   */
  idRank?: Uint32Array;
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

export class SketchIndex {
  readonly options: ResolvedDedupOptions;
  private readonly params: SketchParams;
  private readonly ids: string[] = [];
  private readonly idSet = new Set<string>();
  /** Where the ids are had, when they are not kept (`idOf`). */
  private readonly idOf: ((doc: number) => string) | null;
  private count = 0;
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
   *
   * `idOf`: document `doc`'s id (the `doc`-th added, from 0), had again whenever it is needed; the index keeps no id
   * then (the ids given to `add` must be these, and unique: that is checked when the candidates are found). The
   * candidates' `ids` are made when asked for, and their `idRank` orders them (doc-ids.ts).
   */
  constructor(
    options: DedupOptions | ResolvedDedupOptions = {},
    store: { spillFeatures?: boolean | FeatureBucketOptions; idOf?: (doc: number) => string } = {},
  ) {
    this.idOf = store.idOf ?? null;
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
    return this.count;
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
    if (!this.idOf) {
      if (this.idSet.has(id)) throw new Error(`duplicate document id ${JSON.stringify(id)}`);
      this.idSet.add(id);
      this.ids.push(id);
    }
    const doc = this.count++;
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
    const n = Math.max(1, this.count);
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
    const n = this.count;
    const idOf = this.idOf;
    // the ids' order, when they are not kept (and their uniqueness checked)
    const idRank = idOf ? idRanks(n, idOf) : null;
    const bytesPerDocument = this.bytesPerDocument();
    const fingerprintCount = this.fps.length;

    const t0 = performance.now();
    let lsh: GroupSource;
    let fp: GroupSource;
    let ranges: Array<[number, number]>;
    const fpOffsets = this.fpOffsets.toArray();
    const fpCount = new Uint32Array(n);
    for (let d = 0; d < n; d++) fpCount[d] = fpOffsets[d + 1]! - fpOffsets[d]!;
    let t1: number;
    const partitioned: PartitionedGroups[] = [];
    if (this.bands instanceof BucketedFeatures && this.fps instanceof BucketedFeatures) {
      // grouped one value bucket at a time, and the kept groups written to a file by document range (ranges of about
      // `rangeEntries` entries of both indexes), which the scans read one range at a time (group-partitions.ts)
      const bands = this.bands;
      const fps = this.fps;
      try {
        const lshCount = countBucketGroups(bands, n, Number.MAX_SAFE_INTEGER);
        const fpGroupCount = countBucketGroups(fps, n, o.maxFingerprintDf, o.boilerplateMinDf);
        ranges = documentRanges([lshCount, fpGroupCount].map((c) => ({ docOffsets: c.docOffsets, docGroups: null })), n, fps.rangeEntries);
        const lshParts = new PartitionedGroups(bands, lshCount, Number.MAX_SAFE_INTEGER, ranges, fps.partitionValues);
        partitioned.push(lshParts);
        t1 = performance.now();
        const fpParts = new PartitionedGroups(fps, fpGroupCount, o.maxFingerprintDf, ranges, fps.partitionValues);
        partitioned.push(fpParts);
        lsh = lshParts;
        fp = fpParts;
      } catch (e) {
        for (const x of partitioned) x.close();
        throw e;
      }
    } else {
      const lshIndex = buildGroupIndex(this.bands as ChunkedU32, this.bandOffsets.toArray(), n, Number.MAX_SAFE_INTEGER);
      t1 = performance.now();
      const fpIndex = buildGroupIndex(this.fps as ChunkedU32, fpOffsets, n, o.maxFingerprintDf, o.boilerplateMinDf);
      ranges = documentRanges([lshIndex, fpIndex], n);
      lsh = indexSource(lshIndex, ranges);
      fp = indexSource(fpIndex, ranges);
    }
    const t2 = performance.now();
    let boiler: ReturnType<typeof incoherentGroups>;
    let out: ReturnType<typeof scanPairs>;
    try {
      boiler = incoherentGroups(fp, ranges, n, fpCount, o.boilerplateShare);
      out = scanPairs(lsh, fp, ranges, n, o.minSharedFingerprints, boiler.flags);
    } finally {
      for (const x of partitioned) x.close();
    }
    const t3 = performance.now();
    const common = mergeSorted(fp.common, boiler.values);
    let viaLsh = 0;
    let viaFp = 0;
    for (let x = 0; x < out.via.length; x++) {
      if (out.via[x]! & VIA_LSH) viaLsh++;
      if (out.via[x]! & VIA_FINGERPRINTS) viaFp++;
    }
    return {
      ids: idOf ? lazyArray(n, idOf) : this.ids,
      ...(idRank ? { idRank } : {}),
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

function mergeSorted(a: Uint32Array, b: Uint32Array): Uint32Array {
  if (b.length === 0) return a;
  const out = new Uint32Array(a.length + b.length);
  out.set(a);
  out.set(b, a.length);
  return out.sort();
}
