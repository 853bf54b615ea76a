/**
 * Phase 2: exact verification of candidate pairs, on the texts themselves.
 *
 * For each candidate pair both texts are tokenized again (with offsets), and:
 * - Jaccard |A∩B|/|A∪B| and containment |A∩B|/min(|A|,|B|) are computed exactly on
 *   the two sets of shingle hashes;
 * - the maximal shared runs are aligned one-to-one (longest first); runs of at least
 *   `minPassageTokens` tokens that are not boilerplate are the pair's passages.
 *
 * Classification:
 * - `duplicate` when jaccard ≥ jaccardThreshold or containment ≥ containmentThreshold
 *   (a copy, a re-wrap, a new headline, reordered paragraphs, an excerpt, a light
 *   rewording); `contained` names the side that is mostly inside the other when the
 *   pair qualifies by containment and the smaller side has at most
 *   CONTAINED_SIZE_RATIO of the larger side's shingles;
 * - `overlap` otherwise, when the passages cover at least `minSharedTokens` tokens;
 * - nothing when neither holds.
 *
 * A passage is boilerplate, and dropped, when most of the winnowing fingerprints inside
 * it are boilerplate fingerprints (found in more than `maxFingerprintDf` documents).
 *
 * Texts are loaded per connected component of the candidate graph, so a text is loaded
 * once when its component has at most `verifyCacheDocs` documents; a larger component
 * is processed in blocks of verifyCacheDocs/2 documents, and each text is then loaded
 * at most once per block of its component.
 */
import type { CandidateSet } from './candidates.js';
import { availableParallelism } from 'node:os';
import { ChunkedU32 } from './groups.js';
import { WorkerPool, workerScript } from './pool.js';
import { intersectionSize, shingleHashes, sortedHas, sortedUnique } from './hash.js';
import type { ResolvedDedupOptions } from './options.js';
import { alignRuns, buildPositionTable, commonRuns, passageText, type PositionTable } from './passages.js';
import { tokenize } from './tokens.js';
import { winnowPositions } from './winnow.js';

export interface DupPassage {
  /** The shared text, in the words of document `a`. */
  text: string;
  /** Its length in tokens. */
  tokens: number;
  /** Token range [start, end) in document a. */
  a: [number, number];
  /** Token range [start, end) in document b. */
  b: [number, number];
}

export interface DupPair {
  a: string;
  b: string;
  kind: 'duplicate' | 'overlap';
  jaccard: number;
  containment: number;
  /** For an excerpt: which side is contained in the other. */
  contained?: 'a' | 'b';
  /** Tokens covered by the (non-boilerplate) passages of at least minPassageTokens tokens. */
  sharedTokens: number;
  /** The passages; empty for duplicates unless `passagesFor: 'all'`. */
  passages: DupPassage[];
}

/**
 * A pair that is a duplicate by containment alone must cover at least this share of the shorter text's words
 * with shared runs, gaps of up to SPREAD_GAP words bridged (a reworded word leaves a one-word gap).
 */
export const SPREAD_COVERAGE = 0.6;
export const SPREAD_GAP = 3;

/** The one-to-one alignment of the maximal runs of at least `minShingles` the two texts share (see alignRuns). */
function alignShared(x: PreparedDoc, y: PreparedDoc, k: number, minShingles: number): number[] {
  y.table ??= buildPositionTable(y.shingles);
  return alignRuns(commonRuns(x.shingles, y.shingles, y.table), k, x.tokens, y.tokens, minShingles);
}

/** Share of the shorter text's tokens covered by the aligned runs `runs`, small gaps bridged. */
function coverageOf(runs: number[], x: PreparedDoc, y: PreparedDoc, k: number): number {
  const small = x.set.length <= y.set.length ? 0 : 1;
  const n = small === 0 ? x.tokens : y.tokens;
  if (n === 0) return 0;
  const covered = new Uint8Array(n);
  for (let r = 0; r < runs.length; r += 3) {
    const start = runs[r + small]!;
    covered.fill(1, start, Math.min(n, start + runs[r + 2]! + k - 1));
  }
  let total = 0;
  let gap = 0;
  let seen = false;
  for (let p = 0; p < n; p++) {
    if (covered[p]) {
      if (seen && gap <= SPREAD_GAP) total += gap;
      total++;
      gap = 0;
      seen = true;
    } else gap++;
  }
  return total / n;
}

/** The smaller side of an excerpt pair has at most this share of the larger side's shingles. */
export const CONTAINED_SIZE_RATIO = 0.8;

/** A text prepared for verification: token count, shingles, the shingle set; token offsets once a passage needs them. */
export interface PreparedDoc {
  id: string;
  text: string;
  /** Char offset where each token starts, and just past where it ends: computed when a passage's text is first needed. */
  starts: Uint32Array | null;
  ends: Uint32Array | null;
  tokens: number;
  shingles: Uint32Array;
  set: Uint32Array;
  table: PositionTable | null;
  /** Per shingle position: 0 = not a fingerprint, 1 = fingerprint, 2 = boilerplate fingerprint. */
  fpFlags: Uint8Array | null;
}

/**
 * Prepares a text. `tokens`, when given, must be the text's token hashes as `tokenize(text).hashes` gives them (a
 * caller that tokenized the text already, to sign it, spares doing it again).
 */
export function prepareDoc(id: string, text: string, o: ResolvedDedupOptions, tokens?: Uint32Array): PreparedDoc {
  const hashes = tokens ?? tokenize(text).hashes;
  const shingles = shingleHashes(hashes, o.shingleSize);
  return {
    id,
    text,
    starts: null,
    ends: null,
    tokens: hashes.length,
    shingles,
    set: sortedUnique(shingles),
    table: null,
    fpFlags: null,
  };
}

/** A loader's answer for one document, prepared; a TypeError for anything but a text or `{ text, tokens? }`. */
export function prepareLoaded(id: string, loaded: unknown, o: ResolvedDedupOptions): PreparedDoc {
  if (typeof loaded === 'string') return prepareDoc(id, loaded, o);
  if (loaded !== null && typeof loaded === 'object' && typeof (loaded as { text?: unknown }).text === 'string') {
    const { text, tokens } = loaded as { text: string; tokens?: unknown };
    if (tokens === undefined) return prepareDoc(id, text, o);
    if (tokens instanceof Uint32Array) return prepareDoc(id, text, o, tokens);
  }
  throw new TypeError(`the loader gave neither a string nor { text, tokens? } for ${JSON.stringify(id)}`);
}

/** The token offsets of a prepared text (tokenized again, once, the first time a passage needs them). */
function offsets(d: PreparedDoc): { starts: Uint32Array; ends: Uint32Array } {
  if (d.starts === null || d.ends === null) {
    const t = tokenize(d.text, true);
    if (t.hashes.length !== d.tokens) throw new Error(`the token hashes given for ${JSON.stringify(d.id)} are not those of its text`);
    d.starts = t.starts!;
    d.ends = t.ends!;
  }
  return { starts: d.starts, ends: d.ends };
}

function fpFlags(d: PreparedDoc, o: ResolvedDedupOptions, common: Uint32Array): Uint8Array {
  if (d.fpFlags) return d.fpFlags;
  const flags = new Uint8Array(d.shingles.length);
  const pos = winnowPositions(d.shingles, o.winnowWindow);
  for (let x = 0; x < pos.length; x++) {
    const p = pos[x]!;
    flags[p] = common.length > 0 && sortedHas(common, d.shingles[p]!) ? 2 : 1;
  }
  d.fpFlags = flags;
  return flags;
}

const round4 = (x: number): number => Math.round(x * 1e4) / 1e4;

/** The [i, j, t] triples of `runs` with t ≥ minShingles. */
function longRuns(runs: number[], minShingles: number): number[] {
  const out: number[] = [];
  for (let r = 0; r < runs.length; r += 3) if (runs[r + 2]! >= minShingles) out.push(runs[r]!, runs[r + 1]!, runs[r + 2]!);
  return out;
}

/**
 * Verify one pair of prepared documents (`x.id < y.id`). Returns the pair, or null
 * when it is neither a duplicate nor an overlap.
 */
export function verifyPair(
  x: PreparedDoc,
  y: PreparedDoc,
  o: ResolvedDedupOptions,
  common: Uint32Array = new Uint32Array(0),
): DupPair | null {
  const nx = x.set.length;
  const ny = y.set.length;
  if (nx === 0 || ny === 0) return null;
  const inter = intersectionSize(x.set, y.set);
  const jaccard = inter / (nx + ny - inter);
  const containment = inter / Math.min(nx, ny);
  const k = o.shingleSize;
  // By containment alone, the shorter text must be shared throughout (a copy, an excerpt, a rewording), not in
  // one block (an article that quotes half of a short excerpt is not that excerpt).
  let duplicate = jaccard >= o.jaccardThreshold;
  let all: number[] | null = null;
  if (!duplicate && containment >= o.containmentThreshold) {
    all = alignShared(x, y, k, 1);
    duplicate = coverageOf(all, x, y, k) >= SPREAD_COVERAGE;
  }
  // Without enough shared shingles no set of passages can reach minSharedTokens.
  const minShingles = o.minPassageTokens - k + 1;
  if (!duplicate && inter < Math.ceil((o.minSharedTokens * minShingles) / o.minPassageTokens)) return null;

  // Runs are aligned longest first, and a run is kept or not by the longer ones kept before it: so the alignment
  // of the runs of at least minShingles is the alignment of all runs, with the shorter ones left out.
  const runs = all ? longRuns(all, minShingles) : alignShared(x, y, k, minShingles);
  const flags = fpFlags(x, o, common);
  const wantText = !duplicate || o.passagesFor === 'all';
  const passages: DupPassage[] = [];
  let sharedTokens = 0;
  for (let r = 0; r < runs.length; r += 3) {
    const i = runs[r]!;
    const j = runs[r + 1]!;
    const t = runs[r + 2]!;
    let plain = 0;
    let boiler = 0;
    for (let p = i; p < i + t; p++) {
      const f = flags[p]!;
      if (f === 1) plain++;
      else if (f === 2) boiler++;
    }
    if (boiler > plain) continue;
    const tok = t + k - 1;
    sharedTokens += tok;
    if (wantText) {
      const { starts, ends } = offsets(x);
      passages.push({
        text: passageText(x.text, starts[i]!, ends[i + tok - 1]!),
        tokens: tok,
        a: [i, i + tok],
        b: [j, j + tok],
      });
    }
  }
  let kind: DupPair['kind'];
  if (duplicate) kind = 'duplicate';
  else if (sharedTokens >= o.minSharedTokens) kind = 'overlap';
  else return null;

  const pair: DupPair = {
    a: x.id,
    b: y.id,
    kind,
    jaccard: round4(jaccard),
    containment: round4(containment),
    sharedTokens,
    passages,
  };
  if (kind === 'duplicate' && containment >= o.containmentThreshold) {
    const small = Math.min(nx, ny);
    const large = Math.max(nx, ny);
    if (small <= CONTAINED_SIZE_RATIO * large) pair.contained = nx <= ny ? 'a' : 'b';
  }
  return pair;
}

/**
 * What a loader gives for one document: its text, or the text with its token hashes (`tokenize(text).hashes`), which
 * spares tokenizing it again.
 */
export type LoadedText = string | { text: string; tokens?: Uint32Array };
export type LoadText = (id: string) => LoadedText | Promise<LoadedText>;

export interface VerifyOptions {
  /** Called with each reported pair as soon as it is verified (processing order). */
  onPair?: (pair: DupPair, a: number, b: number) => void;
  /** Keep every reported pair in the result (default true); turn off for huge corpora with `onPair`. */
  keepPairs?: boolean;
}

export interface VerifyStats {
  candidates: number;
  duplicates: number;
  overlaps: number;
  rejected: number;
  textsLoaded: number;
  /** Most times any one text was loaded. */
  maxLoadsPerText: number;
  components: number;
  largestComponent: number;
}

export interface VerifyResult {
  /** Reported pairs sorted by (a, b); empty when keepPairs is false. */
  pairs: DupPair[];
  /** Verified duplicate edges, as internal document numbers (for clustering). */
  edges: { a: Uint32Array; b: Uint32Array };
  stats: VerifyStats;
}

function find(parent: Uint32Array, x: number): number {
  while (parent[x] !== x) {
    parent[x] = parent[parent[x]!]!;
    x = parent[x]!;
  }
  return x;
}

/** Candidate pairs and their documents, grouped by connected component (root = smallest member). */
interface ComponentPlan {
  /** Component with root r: documents docOrder[docStart[r] .. docStart[r+1]), pairs pairOrder[pairStart[r] .. pairStart[r+1]). */
  docStart: Uint32Array;
  docOrder: Uint32Array;
  pairStart: Uint32Array;
  pairOrder: Uint32Array;
}

function planComponents(cands: CandidateSet): ComponentPlan {
  const n = cands.ids.length;
  const m = cands.a.length;
  const parent = new Uint32Array(n);
  for (let i = 0; i < n; i++) parent[i] = i;
  for (let p = 0; p < m; p++) {
    const ra = find(parent, cands.a[p]!);
    const rb = find(parent, cands.b[p]!);
    if (ra !== rb) parent[ra < rb ? rb : ra] = ra < rb ? ra : rb; // the smallest number is the root
  }
  // Pairs grouped by component (counting sort on the root), in candidate order inside.
  const pairStart = new Uint32Array(n + 1);
  for (let p = 0; p < m; p++) pairStart[find(parent, cands.a[p]!) + 1]!++;
  for (let i = 0; i < n; i++) pairStart[i + 1]! += pairStart[i]!;
  const pairOrder = new Uint32Array(m);
  {
    const cur = pairStart.slice(0, n);
    for (let p = 0; p < m; p++) pairOrder[cur[find(parent, cands.a[p]!)]!++] = p;
  }
  // Documents grouped by component, likewise.
  const inPair = new Uint8Array(n);
  for (let p = 0; p < m; p++) {
    inPair[cands.a[p]!] = 1;
    inPair[cands.b[p]!] = 1;
  }
  const docStart = new Uint32Array(n + 1);
  for (let i = 0; i < n; i++) if (inPair[i]) docStart[find(parent, i) + 1]!++;
  for (let i = 0; i < n; i++) docStart[i + 1]! += docStart[i]!;
  const docOrder = new Uint32Array(docStart[n]!);
  {
    const cur = docStart.slice(0, n);
    for (let i = 0; i < n; i++) if (inPair[i]) docOrder[cur[find(parent, i)]!++] = i;
  }
  return { docStart, docOrder, pairStart, pairOrder };
}

/** Collects results: stats, duplicate edges, kept pairs. */
class Collector {
  readonly stats: VerifyStats;
  readonly pairs: DupPair[] = [];
  readonly edgeA = new ChunkedU32();
  readonly edgeB = new ChunkedU32();
  readonly loads: Uint16Array;

  constructor(
    n: number,
    candidates: number,
    private readonly opts: VerifyOptions,
  ) {
    this.loads = new Uint16Array(n);
    this.stats = {
      candidates,
      duplicates: 0,
      overlaps: 0,
      rejected: 0,
      textsLoaded: 0,
      maxLoadsPerText: 0,
      components: 0,
      largestComponent: 0,
    };
  }

  loaded(d: number): void {
    this.stats.textsLoaded++;
    if (++this.loads[d]! > this.stats.maxLoadsPerText) this.stats.maxLoadsPerText = this.loads[d]!;
  }

  /** A verified pair (or null); `ia`, `ib` are the internal numbers of pair.a and pair.b. */
  add(pair: DupPair | null, ia: number, ib: number): void {
    if (pair === null) {
      this.stats.rejected++;
      return;
    }
    if (pair.kind === 'duplicate') {
      this.stats.duplicates++;
      this.edgeA.push(ia);
      this.edgeB.push(ib);
    } else this.stats.overlaps++;
    if (this.opts.keepPairs ?? true) this.pairs.push(pair);
    this.opts.onPair?.(pair, ia, ib);
  }

  result(): VerifyResult {
    if (this.opts.keepPairs ?? true) sortPairs(this.pairs);
    return { pairs: this.pairs, edges: { a: this.edgeA.toArray(), b: this.edgeB.toArray() }, stats: this.stats };
  }
}

/** Verify candidate pair p with both documents prepared; orders the two by id. */
function checkPair(cands: CandidateSet, p: number, docs: Map<number, PreparedDoc>, out: Collector): void {
  const ia = cands.a[p]!;
  const ib = cands.b[p]!;
  const da = docs.get(ia)!;
  const db = docs.get(ib)!;
  const o = cands.options;
  if (db.id < da.id) out.add(verifyPair(db, da, o, cands.commonFingerprints), ib, ia);
  else out.add(verifyPair(da, db, o, cands.commonFingerprints), ia, ib);
}

/**
 * One component in this thread: loaded whole when it has at most verifyCacheDocs
 * documents, else in blocks of verifyCacheDocs/2 documents, each block pair with both
 * blocks loaded.
 */
async function verifyComponent(
  cands: CandidateSet,
  compDocs: Uint32Array,
  compPairs: Uint32Array,
  loadText: LoadText,
  out: Collector,
): Promise<void> {
  const o = cands.options;
  const load = async (docs: Uint32Array): Promise<Map<number, PreparedDoc>> => {
    const texts = await Promise.all(Array.from(docs, (d) => loadText(cands.ids[d]!)));
    const map = new Map<number, PreparedDoc>();
    for (let x = 0; x < docs.length; x++) {
      const d = docs[x]!;
      map.set(d, prepareLoaded(cands.ids[d]!, texts[x], o));
      out.loaded(d);
    }
    return map;
  };
  if (compDocs.length <= o.verifyCacheDocs) {
    const docs = await load(compDocs);
    for (let x = 0; x < compPairs.length; x++) checkPair(cands, compPairs[x]!, docs, out);
    return;
  }
  const block = Math.max(1, o.verifyCacheDocs >> 1);
  const blockOf = new Map<number, number>();
  for (let x = 0; x < compDocs.length; x++) blockOf.set(compDocs[x]!, Math.floor(x / block));
  const nBlocks = Math.ceil(compDocs.length / block);
  const byBlocks = new Map<number, number[]>();
  for (let x = 0; x < compPairs.length; x++) {
    const p = compPairs[x]!;
    const ba = blockOf.get(cands.a[p]!)!;
    const bb = blockOf.get(cands.b[p]!)!;
    const key = Math.min(ba, bb) * nBlocks + Math.max(ba, bb);
    let list = byBlocks.get(key);
    if (!list) byBlocks.set(key, (list = []));
    list.push(p);
  }
  for (let bx = 0; bx < nBlocks; bx++) {
    let outer: Map<number, PreparedDoc> | null = null;
    for (let by = bx; by < nBlocks; by++) {
      const list = byBlocks.get(bx * nBlocks + by);
      if (!list) continue;
      outer ??= await load(compDocs.subarray(bx * block, Math.min(compDocs.length, (bx + 1) * block)));
      let docs = outer;
      if (by !== bx) {
        const inner = await load(compDocs.subarray(by * block, Math.min(compDocs.length, (by + 1) * block)));
        docs = new Map([...outer, ...inner]);
      }
      for (const p of list) checkPair(cands, p, docs, out);
    }
  }
}

/** Phase 2: verify the candidates, loading texts through `loadText(id)`. */
export async function verifyCandidates(
  cands: CandidateSet,
  loadText: LoadText,
  opts: VerifyOptions = {},
): Promise<VerifyResult> {
  const n = cands.ids.length;
  const plan = planComponents(cands);
  const out = new Collector(n, cands.a.length, opts);
  for (let root = 0; root < n; root++) {
    const ds = plan.docStart[root]!;
    const de = plan.docStart[root + 1]!;
    if (de === ds) continue;
    out.stats.components++;
    if (de - ds > out.stats.largestComponent) out.stats.largestComponent = de - ds;
    await verifyComponent(
      cands,
      plan.docOrder.subarray(ds, de),
      plan.pairOrder.subarray(plan.pairStart[root]!, plan.pairStart[root + 1]!),
      loadText,
      out,
    );
  }
  return out.result();
}

/**
 * Where worker threads get texts: a module (URL or absolute path, importable by the
 * worker) whose export `export` (default `loadText`) is called as `(id, data, taskData, at)`
 * (`at`: the document's position in the ids `taskData` was built from)
 * and returns what a `LoadText` returns (the text, or the text with its token hashes),
 * or a promise of it. The main thread imports it too, to check the export.
 */
export interface TextLoaderModule {
  module: string;
  export?: string;
  data?: unknown;
}

/** Documents packed into one worker task. */
const TASK_DOCS = 1024;
/**
 * Documents of small components a worker holds prepared at once (its memory ≈ this × ~35 KB of token data, or the
 * largest component's size when that is larger): a task's components are loaded and verified a segment at a time.
 */
const SEGMENT_DOCS = 64;

export interface ParallelVerifyOptions extends VerifyOptions {
  loader: TextLoaderModule;
  /**
   * Data sent with each task for the loader (its third argument), built from the task's document ids (and their
   * internal numbers, the candidates' positions in `ids`): where
   * their texts are, or the texts themselves. Without it the loader gets only `loader.data`.
   */
  taskData?: (ids: string[], docs: readonly number[]) => unknown;
  /** Worker threads (default: the number of cores). */
  threads?: number;
  /**
   * Workers started ahead with `startVerifyWorkers` and the same loader, so that they load their code while the
   * candidates are found (`threads` is then theirs). They are closed when the verification ends.
   */
  workers?: VerifyWorkers;
}

/** Verify worker threads, started before the candidates are known. */
export interface VerifyWorkers {
  readonly threads: number;
  /** Stops the threads (when they will not be used after all; verifying closes them itself). */
  close(): Promise<void>;
}

const pools = new WeakMap<VerifyWorkers, WorkerPool<VerifyTask, VerifyTaskResult>>();

/**
 * The young generation of a verify thread's heap, in MB (by default V8 lets each of its two semi-spaces grow to 16 MB
 * on a 64-bit machine): what a task keeps (its prepared texts) lives in the old generation, and a smaller nursery
 * keeps the thread's heap nearer that (docs/formats.md, "Memory on a big crawl").
 */
const VERIFY_YOUNG_MB = 16;

/** Starts the worker threads of a later `verifyCandidatesParallel` call (given as its `workers`). */
export function startVerifyWorkers(loader: TextLoaderModule, threads = availableParallelism()): VerifyWorkers {
  const pool = new WorkerPool<VerifyTask, VerifyTaskResult>(workerScript('verify-worker.js'), { loader }, threads, { maxYoungGenerationSizeMb: VERIFY_YOUNG_MB });
  const workers: VerifyWorkers = { threads: pool.threads, close: () => pool.close() };
  pools.set(workers, pool);
  return workers;
}

/** What a verify worker gets before its tasks. */
export interface VerifySetup {
  options: ResolvedDedupOptions;
  /** The fingerprints too common to count as shared passages. */
  common: Uint32Array;
}

/** What a verify worker gets per task and sends back. */
export interface VerifyTask {
  ids: string[];
  /** `taskData(ids)`, when given. */
  data?: unknown;
  a: Uint32Array;
  b: Uint32Array;
  /**
   * The ids cut into segments, segment s being ids[segments[s] .. segments[s+1]): segment 0 is loaded for the whole
   * task, each later one is loaded in turn and let go once pairs[pairSegments[s] .. pairSegments[s+1]) — with both
   * documents in segment 0 or s — are verified. A block row of a component larger than verifyCacheDocs (`blockTasks`)
   * has block bx first and the later blocks after it; a task of small components has an empty segment 0 and its
   * components in segments of about SEGMENT_DOCS documents. Without it the task is one segment.
   */
  segments?: Uint32Array;
  pairSegments?: Uint32Array;
}
export interface VerifyTaskResult {
  pairs: Array<DupPair | null>;
  /** For each result: whether pair.a is the task's a (0) or b (1) document. */
  swapped: Uint8Array;
}

/**
 * Phase 2 on worker threads: components of up to verifyCacheDocs documents are
 * packed into tasks (each text is loaded once, by the worker that verifies its
 * component); a larger component becomes a task per block row (`blockTasks`), which loads
 * its texts as `verifyCandidates` does, one block pair at a time. The result is the same
 * as `verifyCandidates` (pairs sorted, the same stats; `onPair` sees them in completion order).
 */
export async function verifyCandidatesParallel(cands: CandidateSet, opts: ParallelVerifyOptions): Promise<VerifyResult> {
  const n = cands.ids.length;
  const o = cands.options;
  const plan = planComponents(cands);
  const out = new Collector(n, cands.a.length, opts);
  const mod = (await import(opts.loader.module)) as Record<string, unknown>;
  const fn = mod[opts.loader.export ?? 'loadText'];
  if (typeof fn !== 'function') throw new TypeError(`${opts.loader.module} has no function export ${opts.loader.export ?? 'loadText'}`);

  const pool = (opts.workers && pools.get(opts.workers)) ?? pools.get(startVerifyWorkers(opts.loader, opts.threads))!;
  // what every task of this call is verified with
  const setup: VerifySetup = { options: o, common: cands.commonFingerprints };
  pool.broadcast(setup);
  // Small components are packed into tasks of up to TASK_DOCS documents (a larger one gets a task per block row).
  const packDocs = Math.min(o.verifyCacheDocs, TASK_DOCS);
  const running = new Set<Promise<void>>();
  const limit = pool.threads * 2;
  let failure: unknown = null;
  /** Sends one task: `docs` are the internal numbers of its documents, `ta`/`tb` its pairs in their local numbers. */
  const submit = async (docs: number[], ta: ArrayLike<number>, tb: ArrayLike<number>, segments?: Uint32Array, pairSegments?: Uint32Array): Promise<void> => {
    const ids = docs.map((d) => cands.ids[d]!);
    const task: VerifyTask = {
      ids,
      a: Uint32Array.from(ta),
      b: Uint32Array.from(tb),
      ...(segments && pairSegments ? { segments, pairSegments } : {}),
      ...(opts.taskData ? { data: opts.taskData(ids, docs) } : {}),
    };
    // The task's arrays are transferred; keep the local numbers here.
    const la = Uint32Array.from(ta);
    const lb = Uint32Array.from(tb);
    const transfer = [task.a.buffer as ArrayBuffer, task.b.buffer as ArrayBuffer];
    if (task.segments) transfer.push(task.segments.buffer as ArrayBuffer, task.pairSegments!.buffer as ArrayBuffer);
    const job = pool.run(task, transfer).then((r) => {
      // each document of a task is loaded once (in a block row too: its blocks are distinct, as verifyComponent loads them)
      for (const d of docs) out.loaded(d);
      for (let x = 0; x < r.pairs.length; x++) {
        const da = docs[la[x]!]!;
        const db = docs[lb[x]!]!;
        out.add(r.pairs[x]!, r.swapped[x] ? db : da, r.swapped[x] ? da : db);
      }
    });
    const tracked: Promise<void> = job
      .catch((err: unknown) => {
        failure ??= err;
      })
      .finally(() => running.delete(tracked));
    running.add(tracked);
    if (running.size >= limit) await Promise.race(running);
    if (failure !== null) throw failure;
  };
  try {
    let docs: number[] = [];
    let local = new Map<number, number>();
    let ta: number[] = [];
    let tb: number[] = [];
    // the task's components in segments of about SEGMENT_DOCS documents, after an empty first one: a thread holds one
    // segment's texts at a time (VerifyTask.segments)
    let segments = [0, 0];
    let pairSegments = [0, 0];
    const endSegment = (): void => {
      if (docs.length > segments[segments.length - 1]!) {
        segments.push(docs.length);
        pairSegments.push(ta.length);
      }
    };
    const flush = async (): Promise<void> => {
      if (ta.length === 0) return;
      endSegment();
      const [d, a, b, sg, ps] = [docs, ta, tb, segments, pairSegments];
      docs = [];
      local = new Map();
      ta = [];
      tb = [];
      segments = [0, 0];
      pairSegments = [0, 0];
      await submit(d, a, b, Uint32Array.from(sg), Uint32Array.from(ps));
    };
    for (let root = 0; root < n; root++) {
      const ds = plan.docStart[root]!;
      const de = plan.docStart[root + 1]!;
      if (de === ds) continue;
      out.stats.components++;
      if (de - ds > out.stats.largestComponent) out.stats.largestComponent = de - ds;
      const compPairs = plan.pairOrder.subarray(plan.pairStart[root]!, plan.pairStart[root + 1]!);
      if (de - ds > o.verifyCacheDocs) {
        for (const t of blockTasks(cands, plan.docOrder.subarray(ds, de), compPairs, o.verifyCacheDocs)) {
          await submit(t.docs, t.a, t.b, t.segments, t.pairSegments);
        }
        continue;
      }
      if (docs.length + (de - ds) > packDocs) await flush();
      if (docs.length - segments[segments.length - 1]! >= SEGMENT_DOCS) endSegment();
      for (let x = ds; x < de; x++) {
        const d = plan.docOrder[x]!;
        local.set(d, docs.length);
        docs.push(d);
      }
      for (let x = 0; x < compPairs.length; x++) {
        const p = compPairs[x]!;
        ta.push(local.get(cands.a[p]!)!);
        tb.push(local.get(cands.b[p]!)!);
      }
    }
    await flush();
    await Promise.all(running);
    if (failure !== null) throw failure;
  } finally {
    await pool.close();
  }
  return out.result();
}

/** A task of a large component: one block row, as `VerifyTask.segments` describes it. */
interface BlockTask {
  docs: number[];
  a: Uint32Array;
  b: Uint32Array;
  segments: Uint32Array;
  pairSegments: Uint32Array;
}

/**
 * A component of more than `cacheDocs` documents, cut as `verifyComponent` cuts it (blocks of cacheDocs/2 documents):
 * a task per block bx with pairs, holding block bx and each later block by that shares pairs with it, in that order.
 * A thread holds at most two blocks (cacheDocs documents) at once, and loads each text as often as
 * `verifyComponent` does.
 */
function* blockTasks(cands: CandidateSet, compDocs: Uint32Array, compPairs: Uint32Array, cacheDocs: number): Generator<BlockTask> {
  const block = Math.max(1, cacheDocs >> 1);
  const posOf = new Map<number, number>();
  for (let x = 0; x < compDocs.length; x++) posOf.set(compDocs[x]!, x);
  const nBlocks = Math.ceil(compDocs.length / block);
  const byBlocks = new Map<number, number[]>();
  for (let x = 0; x < compPairs.length; x++) {
    const p = compPairs[x]!;
    const ba = Math.floor(posOf.get(cands.a[p]!)! / block);
    const bb = Math.floor(posOf.get(cands.b[p]!)! / block);
    const key = Math.min(ba, bb) * nBlocks + Math.max(ba, bb);
    let list = byBlocks.get(key);
    if (!list) byBlocks.set(key, (list = []));
    list.push(p);
  }
  const blockDocs = (bl: number): Uint32Array => compDocs.subarray(bl * block, Math.min(compDocs.length, (bl + 1) * block));
  for (let bx = 0; bx < nBlocks; bx++) {
    let any = false;
    for (let by = bx; by < nBlocks && !any; by++) any = byBlocks.has(bx * nBlocks + by);
    if (!any) continue;
    // local number of a document: its block's first place in the task, plus its place in the block
    const start = new Map<number, number>([[bx, 0]]);
    const localOf = (d: number): number => {
      const x = posOf.get(d)!;
      const bl = Math.floor(x / block);
      return start.get(bl)! + (x - bl * block);
    };
    const docs: number[] = Array.from(blockDocs(bx));
    const segments = [0, docs.length];
    const ta: number[] = [];
    const tb: number[] = [];
    const addPairs = (list: number[] | undefined): void => {
      for (const p of list ?? []) {
        ta.push(localOf(cands.a[p]!));
        tb.push(localOf(cands.b[p]!));
      }
    };
    // segment 0: block bx and its pairs inside; then each later block with pairs with bx
    addPairs(byBlocks.get(bx * nBlocks + bx));
    const pairSegments = [0, ta.length];
    for (let by = bx + 1; by < nBlocks; by++) {
      const list = byBlocks.get(bx * nBlocks + by);
      if (!list) continue;
      start.set(by, docs.length);
      for (const d of blockDocs(by)) docs.push(d);
      segments.push(docs.length);
      addPairs(list);
      pairSegments.push(ta.length);
    }
    yield { docs, a: Uint32Array.from(ta), b: Uint32Array.from(tb), segments: Uint32Array.from(segments), pairSegments: Uint32Array.from(pairSegments) };
  }
}

/** Sort pairs by (a, b) in code-unit order of the ids. */
export function sortPairs(pairs: DupPair[]): DupPair[] {
  return pairs.sort((x, y) => (x.a < y.a ? -1 : x.a > y.a ? 1 : x.b < y.b ? -1 : x.b > y.b ? 1 : 0));
}
