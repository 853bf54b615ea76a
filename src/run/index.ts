/**
 * A whole run: find inputs → read → clean → write → near-duplicates → report. The library entry point the CLI
 * is a thin layer over; it never prints and never exits. Input files are only ever opened for reading.
 */
import path from 'node:path';
import type { ErrorCode, Metadata } from '../types.js';
import { resolveSettings, type Settings } from '../settings.js';
import { disabledRuleIds } from '../rules/index.js';
import { collectInputs, type InputFile, type Skipped } from './walk.js';
import { planOutputs, safeJoin } from './outputs.js';
import { processTask, type CleanedFields, type FileOutcome } from './task.js';
import { closeSpools, type Spooled } from './spool.js';
import { CleanPool, FILES_PER_WORKER, workerUrl } from './pool.js';
import { Prefetcher } from './prefetch.js';
import { runTemplates } from '../inbox/first-pass.js';
import { loadBody, packSources, type BodySource, type TaskSources } from './bodies.js';
import { rewriteAll, type Rewrite } from './rewrite.js';
import { WorkerPool } from '../dedup/pool.js';
import { availableParallelism } from 'node:os';
import {
  SketchIndex, clusterDuplicates, createSketcher, resolveDedupOptions, startVerifyWorkers, verifyCandidates, verifyCandidatesParallel, DedupOptionsError,
  type CandidateSet, type DedupOptions, type DupCluster, type DupPair, type ResolvedDedupOptions, type VerifyResult,
} from '../dedup/index.js';
import { readdirSync, rmSync } from 'node:fs';
import { orderedMetadata, renderFrontMatter } from '../markdown/front-matter.js';
import { ConfigError } from '../errors.js';

export interface RunOptions {
  /** Files, folders or globs. */
  inputs: string[];
  /** Folder the Markdown goes to (created when missing). */
  out: string;
  cwd?: string;
  /** Clean and report, but write nothing. */
  dryRun?: boolean;
  settings?: Partial<Settings>;
  /** Near-duplicate options, or false to skip the stage. */
  dedup?: Partial<DedupOptions> | false;
  /** Write only the canonical member of each duplicate cluster. */
  dropDuplicates?: boolean;
  followSymlinks?: boolean;
  includeHidden?: boolean;
  /** Called once the inputs are known, with their number. */
  onStart?: (total: number) => void;
  /**
   * Called after each document is cleaned, in input order. Its file is written by then — except with
   * near-duplicate detection on, where files are written once their front matter is final, after every document.
   */
  onDocument?: (doc: DocumentReport, done: number, total: number) => void;
  /** Called for a document that fails after it was reported (its file could not be written at the end). */
  onLateError?: (doc: DocumentReport) => void;
  /**
   * Keep each document's `removed` and `warnings` lists in the final report (default true). Streaming callers
   * (`--jsonl`) that have already written them from `onDocument` turn this off to hold less per document.
   */
  retainDetails?: boolean;
  /** Worker threads that clean in parallel (default: one per core); 0 cleans in this thread, without a hard --timeout. */
  threads?: number;
  /** Stops the run between files; the report then covers what was done and `interrupted` is true. */
  signal?: AbortSignal;
}

export interface DocumentReport extends CleanedFields {
  input: string;
  output: string | null;
  /** `skipped`: a data file that holds no article (JSON without an article body); `reason` says why. */
  status: 'cleaned' | 'failed' | 'dropped-duplicate' | 'skipped';
}

export interface RunReport {
  version: 1;
  documents: DocumentReport[];
  pairs: DupPair[];
  clusters: DupCluster[];
  skipped: Skipped[];
  summary: {
    files: number;
    cleaned: number;
    failed: number;
    skipped: number;
    duplicates: number;
    overlaps: number;
    clusters: number;
    dropped: number;
  };
  interrupted: boolean;
}

/** Thrown for a run that cannot start (missing inputs): a usage problem, not a per-file one. */
export class UsageError extends ConfigError {}

export function defaultThreads(): number {
  return Math.max(1, Math.min(availableParallelism(), 16));
}

/** Bodies a dry run keeps in memory for verification, in bytes; beyond it they are cleaned again. */
const BODY_BUDGET = 256 * 1024 * 1024;


function rankOf(m: Metadata): { completeness: number; date?: string; length: number } {
  return { completeness: completeness(m), ...(m.date ? { date: m.date } : {}), length: m.words ?? 0 };
}

function completeness(m: Metadata): number {
  const keys: Array<keyof Metadata> = ['title', 'author', 'date', 'source', 'publisher', 'url', 'dateline', 'section', 'language', 'contributors'];
  return keys.filter((k) => m[k] !== undefined).length;
}

/** Removes this process's spool files from the output folder (also those of workers replaced mid-run). */
function removeSpools(dir: string): void {
  let names: string[] = [];
  try {
    names = readdirSync(dir);
  } catch {
    return;
  }
  for (const n of names) if (n.startsWith(`.newsclean-spool.${process.pid}.`) && n.endsWith('.tmp')) rmSync(path.join(dir, n), { force: true });
}

/** Files written per worker task. */
const REWRITE_BATCH = 256;

/** A batch of files to write, and what each one stands for (to report its failure by). */
interface RewriteBatch<T> {
  refs: T[];
  items: Rewrite[];
}

/**
 * Writes the batches `next` gives (null when there are no more) on worker threads (or in this thread with 0), and
 * returns the failures. A batch is made only when the one before has gone to a writer, so that the writers start on
 * the first files while the front matter of the next ones is rendered.
 */
async function rewriteBatches<T>(next: () => RewriteBatch<T> | null, threads: number): Promise<Array<[T, string]>> {
  const failures: Array<[T, string]> = [];
  const record = (refs: T[], errors: Array<[number, string]>): void => {
    for (const [k, code] of errors) failures.push([refs[k]!, code]);
  };
  let batch = next();
  if (!batch) return failures;
  if (threads === 0) {
    for (; batch; batch = next()) record(batch.refs, rewriteAll(batch.items));
    return failures;
  }
  const pool = new WorkerPool<{ items: Rewrite[] }, Array<[number, string]>>(workerUrl('rewrite-worker.js'), null, threads);
  try {
    const written: Array<Promise<void>> = [];
    for (; batch; batch = next()) {
      const { refs, items } = batch;
      written.push(pool.run({ items }).then((errors) => record(refs, errors)));
      // let the pool hand the batch to a writer that has finished one
      await new Promise((resolve) => setImmediate(resolve));
    }
    await Promise.all(written);
  } finally {
    await pool.close();
  }
  return failures;
}

export async function run(options: RunOptions): Promise<RunReport> {
  const settings = resolveSettings(options.settings);
  disabledRuleIds(settings.disable); // unknown rule names are a usage error, reported before any work
  const cwd = options.cwd ?? process.cwd();
  const outAbs = path.resolve(cwd, options.out);
  // near-duplicates: every cleaned body is signed (in the cleaning worker) into a compact index; bodies are kept
  // in memory only up to a budget, and re-read from the written files (or re-cleaned) for verification
  let dedup: ResolvedDedupOptions | null = null;
  if (options.dedup !== false) {
    try {
      dedup = resolveDedupOptions(options.dedup ?? {});
    } catch (e) {
      if (e instanceof DedupOptionsError) throw new UsageError(e.message);
      throw e;
    }
  }
  const threads = options.threads ?? defaultThreads();
  // the workers start (load their code) while the inputs are found
  let pool: CleanPool | null = threads > 0 ? new CleanPool(threads, settings, dedup ?? undefined) : null;
  let walk: Awaited<ReturnType<typeof collectInputs>>;
  try {
    walk = await collectInputs(options.inputs, {
      cwd,
      exclude: [outAbs],
      followSymlinks: Boolean(options.followSymlinks),
      includeHidden: Boolean(options.includeHidden),
    });
    if (walk.missing.length > 0) throw new UsageError(`input not found: ${walk.missing.join(', ')}`);
  } catch (e) {
    await pool?.close();
    throw e;
  }
  if (walk.files.length === 0 && pool) {
    await pool.close();
    pool = null;
  }
  const files = [...walk.files].sort((a, b) => a.root - b.root || (a.rel < b.rel ? -1 : a.rel > b.rel ? 1 : 0));
  const plan = planOutputs(files, walk.roots);
  options.onStart?.(files.length);
  const outRel = (rel: string): string => path.join(options.out, rel);

  const documents: DocumentReport[] = [];
  const index = dedup ? new SketchIndex(dedup) : null;
  const bodies = new Map<string, string>();
  let bodyBytes = 0;
  const outputs = new Map<string, { file: InputFile; output: string | null; spooled?: Spooled }>();
  // with near-duplicates on, bodies are spooled and each file is written once, with its final front matter
  const spoolDir = index && !options.dryRun ? outAbs : undefined;
  const localSketcher = dedup && !pool ? createSketcher(dedup) : null;

  // template text: lines found in several articles of the run (a first pass over the plain-text inputs)
  const templatesOf = runTemplates(files, settings);

  // the next inputs are read into the page cache while the workers clean, when reads are slow
  const prefetcher = new Prefetcher(files.map((f) => (f.error ? null : f.abs)));

  const processFile = async (file: InputFile): Promise<DocumentReport> => {
    const doc: DocumentReport = { input: file.display, output: null, status: 'failed', format: null, metadata: {}, removed: [], warnings: [], error: null };
    if (file.error) {
      doc.error = file.error;
      return doc;
    }
    const rel = plan.get(file)!;
    let target: string;
    try {
      target = safeJoin(outAbs, rel);
    } catch (e) {
      doc.error = { code: 'write-failed', message: `cannot write ${outRel(rel)}: ${(e as Error).message}` };
      return doc;
    }
    // the worker reads, cleans, writes and signs; the body comes back only while the in-memory budget lasts
    const task = {
      abs: file.abs,
      display: file.display,
      target: options.dryRun ? null : target,
      targetShown: outRel(rel),
      // written runs read bodies back from the spool (page cache); a dry run keeps them in memory up to a budget,
      // beyond which they are cleaned again
      keepBody: index !== null && !spoolDir && bodyBytes < BODY_BUDGET,
      ...(spoolDir ? { spoolDir } : {}),
      ...(templatesOf.get(file) ? { templates: templatesOf.get(file)! } : {}),
    };
    const outcome: FileOutcome = pool ? await pool.process(task) : processTask({ ...task, id: 0 }, settings, localSketcher);
    if (outcome.readUs !== undefined) prefetcher.observe(outcome.readUs);
    if (outcome.status === 'skipped') return { ...doc, status: 'skipped', format: outcome.format, ...(outcome.reason ? { reason: outcome.reason } : {}) };
    Object.assign(doc, { format: outcome.format, metadata: outcome.metadata, removed: outcome.removed, warnings: outcome.warnings, error: outcome.error });
    if (outcome.status !== 'cleaned') return doc;
    doc.output = outRel(rel);
    doc.status = 'cleaned';
    outputs.set(doc.input, { file, output: options.dryRun ? null : target, ...(outcome.spooled ? { spooled: outcome.spooled } : {}) });
    if (index && outcome.sketch) {
      index.add(doc.input, outcome.sketch, rankOf(doc.metadata));
      if (outcome.body !== undefined) {
        bodies.set(doc.input, outcome.body);
        bodyBytes += outcome.body.length * 2;
      }
    }
    return doc;
  };

  // Files are cleaned concurrently (a window of them per worker) and reported in input order.
  let interrupted = false;
  const inFlight = pool ? pool.size * FILES_PER_WORKER : 1;
  const pending = new Map<number, DocumentReport>();
  let nextToReport = 0;
  let nextToStart = 0;
  const report = (): void => {
    while (pending.has(nextToReport)) {
      const doc = pending.get(nextToReport)!;
      pending.delete(nextToReport++);
      documents.push(doc);
      options.onDocument?.(doc, documents.length, files.length);
      if (options.retainDetails === false) {
        doc.removed = [];
        doc.warnings = [];
      }
    }
  };
  const lane = async (): Promise<void> => {
    while (nextToStart < files.length) {
      if (options.signal?.aborted) {
        interrupted = true;
        return;
      }
      const i = nextToStart++;
      prefetcher.reached(i);
      pending.set(i, await processFile(files[i]!));
      report();
    }
  };
  try {
    await Promise.all(Array.from({ length: Math.min(inFlight, files.length) }, lane));
  } finally {
    await prefetcher.stop();
    await pool?.close();
    // without workers, this thread spooled the bodies
    closeSpools();
  }
  report();
  if (documents.length < files.length) interrupted = true;

  // With near-duplicates on, spooled files are written once their front matter is final: those in no candidate
  // pair (no cluster can reach them) while the pairs are verified, on one thread; the others after clustering.
  const spooledFile = (doc: DocumentReport): boolean => {
    const o = outputs.get(doc.input);
    return doc.status === 'cleaned' && Boolean(o?.spooled && o.output);
  };
  // `finish` gives a document its final metadata just before it is rendered, and says whether it is still written
  const writeSpooled = (docs: DocumentReport[], writers: number, finish?: (doc: DocumentReport) => boolean): Promise<Array<[DocumentReport, string]>> => {
    let next = 0;
    const batch = (): RewriteBatch<DocumentReport> | null => {
      const refs: DocumentReport[] = [];
      const items: Rewrite[] = [];
      while (next < docs.length && items.length < REWRITE_BATCH) {
        const doc = docs[next++]!;
        if (finish && !finish(doc)) continue;
        const o = outputs.get(doc.input)!;
        refs.push(doc);
        items.push({ target: o.output!, frontMatter: renderFrontMatter(doc.metadata), spooled: o.spooled! });
      }
      return items.length > 0 ? { refs, items } : null;
    };
    return rewriteBatches(batch, Math.min(writers, Math.ceil(docs.length / REWRITE_BATCH)));
  };
  // cluster members get their cluster (and the canonical copy) in their metadata once the clusters are known
  let finishMember: ((doc: DocumentReport) => boolean) | undefined;
  const writtenEarly = new Set<DocumentReport>();
  let early: Promise<Array<[DocumentReport, string]>> = Promise.resolve([]);

  // near-duplicates: candidates from the index, verified on the candidates' bodies only
  let pairs: DupPair[] = [];
  let clusters: DupCluster[] = [];
  if (index && !interrupted && outputs.size > 1) {
    const sourceOf = (id: string): BodySource => {
      const kept = bodies.get(id);
      if (kept !== undefined) return { text: kept };
      const o = outputs.get(id)!;
      if (o.spooled) return { spooled: o.spooled };
      if (o.output) return { output: o.output };
      const templates = templatesOf.get(o.file);
      return templates ? { input: o.file.abs, templates } : { input: o.file.abs };
    };
    const sourcesFor = (ids: string[]): TaskSources => packSources(ids.map(sourceOf));
    const loader = { module: workerUrl('bodies.js').href, export: 'loadBody', data: { settings } };
    // the verify threads load their code while the candidates are found (on this thread)
    const workers = threads > 0 ? startVerifyWorkers(loader, threads) : null;
    let cands: CandidateSet;
    let verified: VerifyResult;
    try {
      cands = index.candidates();
      if (spoolDir) {
        const inPair = new Uint8Array(cands.ids.length);
        for (let e = 0; e < cands.a.length; e++) {
          inPair[cands.a[e]!] = 1;
          inPair[cands.b[e]!] = 1;
        }
        const free = new Set(cands.ids.filter((_, i) => !inPair[i]));
        const docs = documents.filter((d) => free.has(d.input) && spooledFile(d));
        for (const d of docs) writtenEarly.add(d);
        early = writeSpooled(docs, Math.min(threads, 1));
        early.catch(() => undefined); // awaited below; a failure must not go unhandled meanwhile
      }
      // verified on worker threads, each loading the texts of its share (from memory, the written files, or the inputs)
      verified = workers
        ? await verifyCandidatesParallel(cands, { loader, taskData: sourcesFor, workers })
        : await verifyCandidates(cands, (id) => loadBody(id, { settings }, sourcesFor([id]), 0));
    } finally {
      // verifying closes them; this is for a failure before it
      await workers?.close();
    }
    const clustered = clusterDuplicates(cands, verified.edges);
    pairs = verified.pairs;
    clusters = clustered.clusters;
    const clusterOf = new Map<string, DupCluster>();
    for (const c of clusters) for (const member of c.members) clusterOf.set(member, c);
    // members of a cluster learn their canonical copy; --drop-duplicates leaves the others out
    const finished = new Set<DocumentReport>();
    finishMember = (doc: DocumentReport): boolean => {
      const c = clusterOf.get(doc.input);
      if (!c || finished.has(doc)) return doc.status === 'cleaned';
      finished.add(doc);
      const member = doc.input;
      doc.metadata = orderedMetadata({ ...doc.metadata, cluster: c.id, ...(member !== c.canonical ? { duplicate_of: c.canonical } : {}) });
      if (member !== c.canonical && options.dropDuplicates) {
        const target = outputs.get(member)?.output ?? null;
        try {
          // a file of an earlier run at this path would otherwise be left as if it were part of this one
          if (target) rmSync(target, { force: true });
          doc.output = null;
          doc.status = 'dropped-duplicate';
          return false;
        } catch (e) {
          doc.error = { code: 'write-failed', message: `cannot remove ${doc.output ?? member}: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}` };
          options.onLateError?.(doc);
        }
      }
      return true;
    };
  }

  // the spooled files are written now, with their final front matter (also after an interruption: what was
  // cleaned is kept)
  const late = spoolDir ? documents.filter((d) => spooledFile(d) && !writtenEarly.has(d)) : [];
  if (finishMember) {
    // the members whose files are not written below (a dry run, or no spool) are finished here, in input order
    const written = new Set(late);
    for (const doc of documents) if (!written.has(doc)) finishMember(doc);
  }
  if (spoolDir) {
    const failures = [...(await early), ...(await writeSpooled(late, threads, finishMember))];
    const order = new Map(documents.map((d, i) => [d, i]));
    failures.sort((x, y) => order.get(x[0])! - order.get(y[0])!);
    for (const [doc, code] of failures) {
      doc.error = { code: 'write-failed', message: `cannot write ${doc.output ?? doc.input}: ${code}` };
      doc.output = null;
      doc.status = 'failed';
      options.onLateError?.(doc);
    }
    removeSpools(spoolDir);
  }

  const failed = documents.filter((d) => d.error !== null).length;
  const skipped = [...walk.skipped, ...documents.filter((d) => d.status === 'skipped').map((d) => ({ path: d.input, reason: d.reason ?? 'skipped' }))];
  return {
    version: 1,
    documents,
    pairs,
    clusters,
    skipped,
    summary: {
      files: documents.length,
      cleaned: documents.filter((d) => d.status === 'cleaned').length,
      failed,
      skipped: skipped.length,
      duplicates: pairs.filter((p) => p.kind === 'duplicate').length,
      overlaps: pairs.filter((p) => p.kind === 'overlap').length,
      clusters: clusters.length,
      dropped: documents.filter((d) => d.status === 'dropped-duplicate').length,
    },
    interrupted,
  };
}

export type { ErrorCode };
