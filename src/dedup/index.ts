/**
 * Near-duplicate and shared-passage detection for corpora of cleaned articles.
 *
 * Two phases, so a million documents fit on one machine:
 *   1. `sketch(text)` per document (in worker threads with `SketchPool`), fed to a
 *      `SketchIndex`, whose `candidates()` gives candidate pairs from MinHash LSH and
 *      from a winnowing fingerprint index;
 *   2. `verifyCandidates(candidates, loadText)` re-reads only the candidates' texts and
 *      checks each pair exactly; `clusterDuplicates` groups verified duplicates.
 * `findNearDuplicates(docs)` runs both in memory for small corpora.
 */
import { SketchIndex, type CandidateStats, type DocRank } from './candidates.js';
import { clusterDuplicates, type CanonicalCompare, type DupCluster } from './cluster.js';
import { DedupOptionsError, resolveDedupOptions, type DedupOptions } from './options.js';
import { SketchPool } from './pool.js';
import { createSketcher } from './sketch.js';
import { verifyCandidates, type DupPair, type VerifyStats } from './verify.js';

export { SketchIndex, VIA_FINGERPRINTS, VIA_LSH } from './candidates.js';
export type { CandidateSet, CandidateStats, CandidateTimings, DocRank } from './candidates.js';
export { clusterDuplicates, defaultCanonicalCompare, numberedClusters, type NumberedClusters } from './cluster.js';
export { idRanks, lazyArray } from './doc-ids.js';
export type { CanonicalCompare, ClusterResult, DupCluster, RankedDoc } from './cluster.js';
export { CorpusGenerator, loadGeneratedText, seededRandom, VARIANT_OPS } from './generate.js';
export type { CorpusOptions, DocLabel, PlantedPair, VariantOp } from './generate.js';
export { fnv1a, shingleHashes, sortedUnique, intersectionSize } from './hash.js';
export { bandKeys, candidateProbability, chooseBandsRows } from './lsh.js';
export { createMinHasher, estimateJaccard } from './minhash.js';
export type { MinHasher } from './minhash.js';
export { DEFAULT_DEDUP_OPTIONS, DedupOptionsError, resolveDedupOptions } from './options.js';
export type { DedupOptions, ResolvedDedupOptions } from './options.js';
export { SketchPool, WorkerPool } from './pool.js';
export type { TimedSketchBatch } from './pool.js';
export { batchTransferList, createSketcher, sketch, sketchAt, sketchBytes } from './sketch.js';
export type { DocSketch, SketchBatch, Sketcher, SketchParams } from './sketch.js';
export { markupRanges, tokenize, tokenHash } from './tokens.js';
export type { Tokens } from './tokens.js';
export { CONTAINED_SIZE_RATIO, prepareDoc, prepareLoaded, sortPairs, startVerifyWorkers, verifyCandidates, verifyCandidatesParallel, verifyPair } from './verify.js';
export type {
  DupPair,
  DupPassage,
  LoadedText,
  LoadText,
  ParallelVerifyOptions,
  PreparedDoc,
  TextLoaderModule,
  VerifyOptions,
  VerifyResult,
  VerifyStats,
  VerifyWorkers,
} from './verify.js';
export { winnowHashes, winnowPositions } from './winnow.js';
export * from './store/index.js';
export { indexedNearDuplicates, refOf } from './indexed/index.js';
export type { IndexedCluster, IndexedDoc, IndexedDocRef, IndexedDocResult, IndexedOptions, IndexedPair, IndexedReport, IndexedStats } from './indexed/index.js';

export interface DedupDoc {
  id: string;
  /** Cleaned article body (Markdown). */
  text: string;
  rank?: DocRank;
}

export interface FindNearDuplicatesOptions extends DedupOptions {
  /** Worker threads for signing (default 1: sign in this thread). */
  threads?: number;
  /** Replace the default canonical rule (see cluster.ts). */
  compare?: CanonicalCompare;
}

export interface DedupStats {
  documents: number;
  candidates: CandidateStats;
  verify: VerifyStats;
  duplicates: number;
  overlaps: number;
  clusters: number;
}

export interface DedupReport {
  /** Reported pairs, a < b, sorted by (a, b). */
  pairs: DupPair[];
  /** Clusters of verified duplicates, sorted by id. */
  clusters: DupCluster[];
  /** `duplicate_of` for every non-canonical cluster member: id → canonical id. */
  duplicateOf: Record<string, string>;
  stats: DedupStats;
}

/**
 * Both phases in memory: for corpora that fit (tens of thousands of documents). The
 * result does not depend on the order of `docs` or on `threads`.
 */
export async function findNearDuplicates(
  docs: ReadonlyArray<DedupDoc>,
  options: FindNearDuplicatesOptions = {},
): Promise<DedupReport> {
  const { threads = 1, compare, ...dedupOptions } = options;
  if (!Number.isInteger(threads) || threads < 1) {
    throw new DedupOptionsError(`option threads must be a positive integer, got ${String(threads)}`);
  }
  if (compare !== undefined && typeof compare !== 'function') {
    throw new DedupOptionsError('option compare must be a function (a, b) => number');
  }
  const o = resolveDedupOptions(dedupOptions);
  const index = new SketchIndex(o);
  const texts = new Map<string, string>();
  for (const d of docs) {
    if (typeof d.id !== 'string' || typeof d.text !== 'string') {
      throw new TypeError('findNearDuplicates: every document needs a string id and a string text');
    }
    if (texts.has(d.id)) throw new Error(`duplicate document id ${JSON.stringify(d.id)}`);
    texts.set(d.id, d.text);
  }

  if (threads === 1) {
    const sketcher = createSketcher(o);
    for (const d of docs) index.add(d.id, sketcher.sketch(d.text), d.rank);
  } else {
    const pool = new SketchPool(o, threads);
    try {
      const size = Math.max(16, Math.ceil(docs.length / (threads * 4)));
      const jobs: Array<Promise<unknown>> = [];
      const slices: Array<ReadonlyArray<DedupDoc>> = [];
      for (let s = 0; s < docs.length; s += size) {
        const slice = docs.slice(s, s + size);
        slices.push(slice);
        jobs.push(pool.sketchBatch(slice.map((d) => d.text)));
      }
      for (let s = 0; s < slices.length; s++) {
        const batch = (await jobs[s]) as Awaited<ReturnType<SketchPool['sketchBatch']>>;
        const slice = slices[s]!;
        index.addBatch(
          slice.map((d) => d.id),
          batch,
          slice.map((d) => d.rank),
        );
      }
    } finally {
      await pool.close();
    }
  }

  const cands = index.candidates();
  const verified = await verifyCandidates(cands, (id) => texts.get(id)!);
  const clustered = clusterDuplicates(cands, verified.edges, compare);
  return {
    pairs: verified.pairs,
    clusters: clustered.clusters,
    duplicateOf: Object.fromEntries([...clustered.duplicateOf].sort((x, y) => (x[0] < y[0] ? -1 : 1))),
    stats: {
      documents: docs.length,
      candidates: cands.stats,
      verify: verified.stats,
      duplicates: verified.stats.duplicates,
      overlaps: verified.stats.overlaps,
      clusters: clustered.clusters.length,
    },
  };
}
