/**
 * Stages 3–5, near-duplicates: index and candidates → verify → cluster. Two implementations behind one seam:
 *
 * - `InMemoryNearDuplicates` (no --index): each cleaned body is signed in its cleaning worker; the signatures go
 *   into a compact in-memory index (`SketchIndex`) as documents come in; after cleaning, the candidates are verified on
 *   worker threads, which read the bodies back (from the spool, a written file, memory, or the input cleaned again),
 *   and the duplicate pairs are clustered. Documents in no candidate pair are final at once (`onSettled`).
 * - `IndexedNearDuplicates` (--index <dir|redis://…>): the batch is checked against everything the persistent index
 *   holds and against itself, and added to it (`indexedNearDuplicates`: src/dedup/indexed/); bodies and their token
 *   hashes are read back from the spool; pairs with documents of earlier runs carry the earlier document's record.
 *
 * Both give `Verdicts`: the pairs, the clusters, and for each document in a cluster its cluster and (when it is not the
 * canonical member) the canonical member it duplicates.
 */
import { inputHints, type InputHints } from '../../inbox/hints.js';
import {
  SketchIndex, clusterDuplicates, indexedNearDuplicates, lazyArray, numberedClusters, startVerifyWorkers, verifyCandidates, verifyCandidatesParallel,
  type CandidateSet, type DedupOptions, type DupCluster, type IndexedDoc, type LoadedText, type NearDupIndex,
  type ResolvedDedupOptions, type VerifyResult,
} from '../../dedup/index.js';
import { loadBody, packSources, type BodySource, type TaskSources } from '../bodies.js';
import { workerUrl } from '../pool.js';
import { closeAll, readSpooledWithTokens } from '../spool.js';
import type { Settings } from '../../settings.js';
import type { Metadata } from '../../types.js';
import type { RunOptions, RunPair } from '../types.js';
import type { Cleaned } from './clean.js';
import { Grow, type Documents } from './documents.js';
import { spilledArray, type Spill } from '../spill.js';

/** What clustering says of one document. */
export interface Verdict {
  /** The cluster's name (front matter `cluster`). */
  cluster: string;
  /** The canonical member, when this document is another member (front matter `duplicate_of`). */
  duplicateOf?: string;
}

export interface Verdicts {
  pairs: RunPair[];
  /** How many of the pairs are duplicates (counted as they were verified, when the pairs wait in a spill file). */
  duplicates?: number;
  clusters: DupCluster[];
  /** The verdict of document `k` (by position), when it is in a cluster. */
  of(k: number): Verdict | undefined;
}

export interface NearDuplicateContext {
  settings: Settings;
  threads: number;
  signal?: AbortSignal;
  onPhase?: RunOptions['onPhase'];
  onProgress?: RunOptions['onProgress'];
  /** Where document `k`'s body can be had again (its input, for one neither kept nor spooled). */
  inputOf: (k: number) => string | Uint8Array;
  /** Template lines of document k's input (cleaned again as in the cleaning pass). */
  hintsOf?: (k: number) => InputHints | undefined;
  /** Verified pairs wait in this temporary file, not in memory, and the report's `pairs` reads them back (see spill.ts). */
  pairSpill?: Spill | null;
  /**
   * Document `k`'s id (its report entry's `input`), had again whenever it is needed: the stage then keeps no id (the
   * index, the clusters and the pairs' order number the documents; see dedup/doc-ids.ts).
   */
  idOf?: (k: number) => string;
}

export interface NearDuplicateStage {
  /** Takes in document `k` as the clean stage reports it. */
  add(k: number, cleaned: Cleaned): void;
  /**
   * Finds, verifies and clusters the pairs, once every document is in; `onSettled` is given documents whose front
   * matter is final before the others. Resolves with null when the run is interrupted meanwhile.
   */
  run(docs: Documents, onSettled: (ks: number[]) => void): Promise<Verdicts | null>;
  /** Lets go of what the stage holds outside memory (its temporary files), however the run ends; idempotent. */
  close?(): void;
}

/** Bodies a dry run keeps in memory for verification, in bytes; beyond it they are cleaned again. */
const BODY_BUDGET = 256 * 1024 * 1024;

/** What decides a cluster's canonical member (see dedup/cluster.ts), from a document's metadata; the HTML report says why. */
export function rankOf(m: Metadata): { completeness: number; date?: string; length: number } {
  return { completeness: completeness(m), ...(m.date ? { date: m.date } : {}), length: m.words ?? 0 };
}

function completeness(m: Metadata): number {
  const keys: Array<keyof Metadata> = ['title', 'author', 'date', 'source', 'publisher', 'url', 'dateline', 'section', 'language', 'contributors'];
  return keys.filter((k) => m[k] !== undefined).length;
}

/** Resolves when `signal` is aborted (never without one). */
function abortedPromise(signal: AbortSignal | undefined): Promise<void> {
  return new Promise<void>((resolve) => {
    if (signal?.aborted) resolve();
    else signal?.addEventListener('abort', () => resolve(), { once: true });
  });
}

/** Bodies kept in memory (a dry run, within the budget), and where each document's body can be had. */
class BodySources {
  private readonly kept = new Map<number, string>();
  private bytes = 0;

  /** Whether the next body is to be kept in memory. */
  wants(): boolean {
    return this.bytes < BODY_BUDGET;
  }

  keep(k: number, body: string): void {
    this.kept.set(k, body);
    this.bytes += body.length * 2;
  }

  sourceOf(k: number, docs: Documents, inputOf: (k: number) => string | Uint8Array, hintsOf?: (k: number) => InputHints | undefined): BodySource {
    const text = this.kept.get(k);
    if (text !== undefined) return { text };
    const spooled = docs.spooled(k);
    if (spooled) return { spooled };
    const hints = hintsOf?.(k);
    return { input: inputOf(k), ...(hints ? inputHints(hints) : {}) };
  }
}

/**
 * Verified pairs put in a spill file as they come (in the order verification finishes them), with the two documents
 * of each (index numbers): 24 bytes per pair in memory. `sorted` gives them in the report's order, (a, b) by id.
 */
class SpilledPairs {
  private count = 0;
  private duplicateCount = 0;
  private readonly at = new Grow(new Float64Array(0));
  private readonly len = new Grow(new Uint32Array(0));
  private readonly a = new Grow(new Uint32Array(0));
  private readonly b = new Grow(new Uint32Array(0));

  constructor(private readonly spill: Spill<RunPair>) {}

  add(pair: RunPair, a: number, b: number): void {
    const i = this.count++;
    const [at, len] = this.spill.put(pair);
    this.at.set(i, at);
    this.len.set(i, len);
    this.a.set(i, a);
    this.b.set(i, b);
    if (pair.kind === 'duplicate') this.duplicateCount++;
  }

  get duplicates(): number {
    return this.duplicateCount;
  }

  /**
   * The pairs sorted by (a, b) in code-unit order of the ids (as `sortPairs`), read back when asked for; by the ids'
   * ranks (`CandidateSet.idRank`) when the ids are not kept.
   */
  sorted(ids: readonly string[], idRank?: Uint32Array): RunPair[] {
    const n = this.count;
    const a = this.a.data;
    const b = this.b.data;
    const order = new Uint32Array(n);
    for (let i = 0; i < n; i++) order[i] = i;
    if (idRank) order.sort((x, y) => idRank[a[x]!]! - idRank[a[y]!]! || idRank[b[x]!]! - idRank[b[y]!]!);
    else
      order.sort((x, y) => {
        const ax = ids[a[x]!]!;
        const ay = ids[a[y]!]!;
        if (ax !== ay) return ax < ay ? -1 : 1;
        const bx = ids[b[x]!]!;
        const by = ids[b[y]!]!;
        return bx < by ? -1 : bx > by ? 1 : 0;
      });
    const at = new Float64Array(n);
    const len = new Uint32Array(n);
    for (let i = 0; i < n; i++) {
      at[i] = this.at.get(order[i]!);
      len[i] = this.len.get(order[i]!);
    }
    return spilledArray(this.spill, at, len);
  }
}

export class InMemoryNearDuplicates implements NearDuplicateStage {
  private readonly index: SketchIndex;
  /** Position of each document added, in the order added (the index's document numbers). */
  private readonly ks = new Grow(new Uint32Array(0));
  private added = 0;
  readonly bodies = new BodySources();

  constructor(
    dedup: ResolvedDedupOptions,
    private readonly ctx: NearDuplicateContext,
  ) {
    // the band keys and fingerprints wait in a temporary file until the candidates are found (docs/near-duplicates.md);
    // the ids are had from the run when needed (docs/formats.md, "Memory on a big crawl")
    const idOf = ctx.idOf;
    this.index = new SketchIndex(dedup, { spillFeatures: true, ...(idOf ? { idOf: (x: number) => idOf(this.ks.get(x)) } : {}) });
  }

  close(): void {
    this.index.close();
  }

  add(k: number, c: Cleaned): void {
    if (!c.sketch) return;
    this.index.add(c.doc.input, c.sketch, rankOf(c.doc.metadata));
    this.ks.set(this.added++, k);
    if (c.body !== undefined) this.bodies.keep(k, c.body);
  }

  async run(docs: Documents, onSettled: (ks: number[]) => void): Promise<Verdicts | null> {
    const { ctx } = this;
    const ks = this.ks.data.subarray(0, this.added);
    if (ks.length < 2) return { pairs: [], clusters: [], of: () => undefined };
    let verifiedDocs = 0;
    // documents by their index numbers (the index numbers them in the order they were added: ks)
    const sourcesFor = (xs: readonly number[]): TaskSources => {
      verifiedDocs += xs.length;
      ctx.onProgress?.(verifiedDocs);
      return packSources(xs.map((x) => this.bodies.sourceOf(ks[x]!, docs, ctx.inputOf, ctx.hintsOf)));
    };
    ctx.onPhase?.('near-duplicates', 0);
    const loader = { module: workerUrl('bodies.js').href, export: 'loadBody', data: { settings: ctx.settings } };
    // the verify threads load their code while the candidates are found (on this thread)
    const workers = ctx.threads > 0 ? startVerifyWorkers(loader, ctx.threads) : null;
    let cands: CandidateSet;
    let verified: VerifyResult | null = null;
    const spilled = ctx.pairSpill ? new SpilledPairs(ctx.pairSpill as Spill<RunPair>) : null;
    const keep = spilled ? { keepPairs: false, onPair: (p: RunPair, a: number, b: number) => spilled.add(p, a, b) } : {};
    try {
      cands = this.index.candidates();
      const inPair = new Uint8Array(cands.ids.length);
      for (let e = 0; e < cands.a.length; e++) {
        inPair[cands.a[e]!] = 1;
        inPair[cands.b[e]!] = 1;
      }
      ctx.onPhase?.('near-duplicates', inPair.reduce((n, x) => n + x, 0));
      onSettled(Array.from(ks.filter((_, x) => !inPair[x])));
      // verified on worker threads, each loading the texts of its share (from memory, the spool, or the inputs);
      // an interruption abandons it (closing the threads), and the files are then written without duplicate metadata
      if (!ctx.signal?.aborted) {
        const xOf = workers ? null : new Map(cands.ids.map((id, x) => [id, x]));
        const verifying = workers
          ? verifyCandidatesParallel(cands, { loader, taskData: (_ids, xs) => sourcesFor(xs), workers, ...keep })
          : verifyCandidates(cands, (id) => loadBody(id, { settings: ctx.settings }, sourcesFor([xOf!.get(id)!]), 0), keep);
        verifying.catch(() => undefined); // abandoned on an interruption
        verified = await Promise.race([verifying, abortedPromise(ctx.signal).then(() => null)]);
      }
    } finally {
      // verifying closes them; this is for a failure or an interruption before it ends
      await workers?.close();
    }
    if (verified === null) return null;
    if (cands.idRank) return this.numberedVerdicts(cands, cands.idRank, verified, ks, docs.length, spilled);
    const { clusters, canonicalOf } = clusterDuplicates(cands, verified.edges);
    // each document's cluster, by position (4 bytes a document rather than an entry and an object per member), found
    // through its canonical member's index number: only the canonical members' ids are looked up
    const clusterOf = new Int32Array(docs.length).fill(-1);
    const isCanonical = new Uint8Array(ks.length);
    for (let x = 0; x < ks.length; x++) if (canonicalOf[x] !== x) isCanonical[canonicalOf[x]!] = 1;
    const canonicalX = new Map<string, number>();
    for (let x = 0; x < ks.length; x++) if (isCanonical[x]) canonicalX.set(cands.ids[x]!, x);
    const clusterOfCanonical = new Int32Array(ks.length).fill(-1);
    clusters.forEach((c, y) => (clusterOfCanonical[canonicalX.get(c.canonical)!] = y));
    for (let x = 0; x < ks.length; x++) {
      const y = clusterOfCanonical[canonicalOf[x]!]!;
      if (y >= 0) clusterOf[ks[x]!] = y;
    }
    const canonicalK = clusters.map((c) => ks[canonicalX.get(c.canonical)!]!);
    const verdict = {
      get: (k: number): Verdict | undefined => {
        const y = clusterOf[k] ?? -1;
        if (y < 0) return undefined;
        const c = clusters[y]!;
        return { cluster: c.id, ...(canonicalK[y] !== k ? { duplicateOf: c.canonical } : {}) };
      },
    };
    if (spilled) return { pairs: spilled.sorted(cands.ids), duplicates: spilled.duplicates, clusters, of: (k) => verdict.get(k) };
    return { pairs: verified.pairs, clusters, of: (k) => verdict.get(k) };
  }

  /**
   * The verdicts when the ids are not kept (`idOf`): clusters as document numbers (`numberedClusters`); with the pairs
   * in a spill file, the report's clusters are an array whose entries are made when read (the ids of their members
   * then had from the run); each document's verdict is made when asked for. The same clusters, in the same order, as `clusterDuplicates` gives.
   */
  private numberedVerdicts(cands: CandidateSet, idRank: Uint32Array, verified: VerifyResult, ks: Uint32Array, docCount: number, spilled: SpilledPairs | null): Verdicts {
    const idOf = (x: number): string => cands.ids[x]!;
    const { canonicalOf } = clusterDuplicates(cands, verified.edges, undefined, { materialize: false });
    const c = numberedClusters(canonicalOf, idRank);
    // each document's cluster, by position
    const clusterOf = new Int32Array(docCount).fill(-1);
    const canonicalK = new Uint32Array(c.count);
    for (let x = 0; x < ks.length; x++) if (c.clusterOf[x]! >= 0) clusterOf[ks[x]!] = c.clusterOf[x]!;
    for (let y = 0; y < c.count; y++) canonicalK[y] = ks[c.canonical[y]!]!;
    const cluster = (y: number): DupCluster => ({
      id: idOf(c.members[c.start[y]!]!),
      canonical: idOf(c.canonical[y]!),
      members: Array.from(c.members.subarray(c.start[y]!, c.start[y + 1]!), idOf),
    });
    // made when read for a report read once (its pairs and entries are read from the spill too), else made now: a
    // caller that keeps the report gets plain objects
    const clusters = spilled ? lazyArray(c.count, cluster) : Array.from({ length: c.count }, (_, y) => cluster(y));
    const of = (k: number): Verdict | undefined => {
      const y = clusterOf[k] ?? -1;
      if (y < 0) return undefined;
      return { cluster: idOf(c.members[c.start[y]!]!), ...(canonicalK[y] !== k ? { duplicateOf: idOf(c.canonical[y]!) } : {}) };
    };
    if (spilled) return { pairs: spilled.sorted(cands.ids, idRank), duplicates: spilled.duplicates, clusters, of };
    return { pairs: verified.pairs, clusters, of };
  }

}

/**
 * Against a persistent index. The index is opened (and its parameters checked) by the run before any work, and
 * closed by it however the run ends; this stage commits only a run that was not interrupted.
 */
export class IndexedNearDuplicates implements NearDuplicateStage {
  private readonly batch: IndexedDoc[] = [];
  private readonly ks: number[] = [];
  readonly bodies = new BodySources();

  constructor(
    private readonly index: NearDupIndex,
    private readonly dedup: Partial<DedupOptions>,
    private readonly window: string | undefined,
    private readonly ctx: NearDuplicateContext & { onPair?: (pair: RunPair) => void },
  ) {}

  add(k: number, c: Cleaned): void {
    // documents cleaned (also those whose output path is taken) are indexed; their body is in the spool or kept
    if (!c.sketch) return;
    const d = c.doc;
    this.batch.push({ id: d.input, input: d.input, output: d.output, rank: rankOf(d.metadata) });
    this.ks.push(k);
    if (c.body !== undefined) this.bodies.keep(k, c.body);
  }

  async run(docs: Documents): Promise<Verdicts | null> {
    const { ctx, ks } = this;
    if (ks.length === 0 || ctx.signal?.aborted) return ks.length === 0 ? { pairs: [], clusters: [], of: () => undefined } : null;
    ctx.onPhase?.('near-duplicates', ks.length);
    const pairs: RunPair[] = [];
    const interrupted = new Error('interrupted');
    let loaded = 0;
    const loadText = (_doc: IndexedDoc, i: number): LoadedText => {
      if (ctx.signal?.aborted) throw interrupted;
      ctx.onProgress?.(Math.min(ks.length, ++loaded));
      const k = ks[i]!;
      const src = this.bodies.sourceOf(k, docs, ctx.inputOf, ctx.hintsOf);
      // spooled bodies come with their token hashes; each spool file is opened once for the stage
      if (src.spooled) return readSpooledWithTokens(src.spooled, spools);
      return loadBody(docs.get(k).input, { settings: ctx.settings }, packSources([src]), 0);
    };
    const spools = new Map<string, number>();
    let result;
    try {
      result = await indexedNearDuplicates(this.batch, this.index, {
        ...this.dedup,
        ...(this.window !== undefined ? { window: this.window } : {}),
        loadText,
        onPair: (p) => {
          pairs.push(p);
          ctx.onPair?.(p);
        },
        keepPairs: false,
        // committed below, only when the run was not interrupted
        commit: false,
      });
    } catch (e) {
      if (e === interrupted) return null;
      throw e;
    } finally {
      closeAll(spools);
    }
    if (ctx.signal?.aborted) return null;
    await this.index.commit();
    const verdict = new Map<number, Verdict>();
    result.documents.forEach((r, i) => {
      if (r.canonical) verdict.set(ks[i]!, { cluster: r.canonical.id, ...(r.duplicateOf ? { duplicateOf: r.duplicateOf.id } : {}) });
    });
    const clusters: DupCluster[] = result.clusters.map((c) => ({ id: c.canonical.id, canonical: c.canonical.id, members: c.members.map((m) => m.id).sort() }));
    pairs.sort((x, y) => (x.a < y.a ? -1 : x.a > y.a ? 1 : x.b < y.b ? -1 : x.b > y.b ? 1 : 0));
    return { pairs, clusters, of: (k) => verdict.get(k) };
  }
}
