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
import { OutputFolder, preparePlan } from './outdir.js';
import { UsageError } from './usage.js';
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
  /**
   * Stops the run at the next safe point: between files while cleaning; after it, near-duplicate detection is
   * abandoned (its worker threads stopped) and every file cleaned so far is written. The report then covers what
   * was done and `interrupted` is true.
   */
  signal?: AbortSignal;
  /**
   * Called when a phase after cleaning begins: `near-duplicates` (first with total 0 while candidates are found,
   * then with the number of documents to verify) and `writing` (with the number of files to write); `onProgress`
   * then counts the phase's work done.
   */
  onPhase?: (phase: RunPhase, total: number) => void;
  onProgress?: (done: number) => void;
}

export type RunPhase = 'near-duplicates' | 'writing';

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
    /** Files of earlier runs removed from the output folder. */
    removedOutputs: number;
  };
  interrupted: boolean;
  /**
   * Files of earlier runs that this run removed from the output folder (it lists what newsclean wrote there): outputs
   * of inputs deleted or renamed since, of dropped duplicates, of inputs that failed this time.
   */
  removedOutputs: string[];
}

/** Thrown for a run that cannot start (missing inputs, an output folder that cannot be used): a usage problem. */
export { UsageError };

export function defaultThreads(): number {
  return Math.max(1, Math.min(availableParallelism(), 16));
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

/**
 * One copy of each short value that many documents share (a worker's outcome arrives as new strings): formats,
 * encodings, languages, spool file names. A report holds one entry per input, so a few dozen bytes each count.
 */
const interned = new Map<string, string>();
function intern(s: string): string {
  if (s.length > 200) return s;
  const known = interned.get(s);
  if (known !== undefined) return known;
  if (interned.size < 10_000) interned.set(s, s);
  return s;
}

/** A document's metadata, holding the shared values once (its `input` is the report's own string). */
function compactMetadata(m: Metadata, input: string): Metadata {
  if (m.input === input) m.input = input;
  if (m.format) m.format = intern(m.format) as Metadata['format'];
  if (m.encoding) m.encoding = intern(m.encoding);
  if (m.language) m.language = intern(m.language);
  return m;
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
async function rewriteBatches<T>(next: () => RewriteBatch<T> | null, threads: number, onWritten?: (n: number) => void): Promise<Array<[T, string]>> {
  const failures: Array<[T, string]> = [];
  const record = (refs: T[], errors: Array<[number, string]>): void => {
    for (const [k, code] of errors) failures.push([refs[k]!, code]);
    onWritten?.(refs.length);
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
  // the output folder is checked, made and locked before any work (a dry run writes nothing and leaves it alone)
  const folder = options.dryRun ? null : OutputFolder.open(outAbs, options.out);
  try {
    return await runIn(options, settings, dedup, threads, outAbs, folder);
  } finally {
    folder?.release();
  }
}

async function runIn(options: RunOptions, settings: Settings, dedup: ResolvedDedupOptions | null, threads: number, outAbs: string, folder: OutputFolder | null): Promise<RunReport> {
  const cwd = options.cwd ?? process.cwd();
  // the workers start (load their code) while the inputs are found
  let pool: CleanPool | null = threads > 0 ? new CleanPool(threads, settings, dedup ?? undefined) : null;
  let walk: Awaited<ReturnType<typeof collectInputs>>;
  try {
    walk = await collectInputs(options.inputs, {
      cwd,
      exclude: [folder?.real ?? outAbs],
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
  // in (root, path) order; every output path is decided for the whole set before anything is written
  const files = walk.files;
  const plan = planOutputs(files, walk.roots);
  let blocked = new Map<number, { code: string; why: string }>();
  if (folder) {
    try {
      // an input at an output path is refused here, as a usage error; outputs that cannot be written are per-file errors
      blocked = preparePlan(folder, files, plan.paths, walk.shared, walk.roots);
      folder.writeManifest([...folder.previous, ...plan.paths.filter((_, i) => !blocked.has(i))]);
    } catch (e) {
      await pool?.close();
      throw e;
    }
  }
  const outBase = folder?.real ?? outAbs;
  /** Documents cleaned but not written, as their output path is taken (their error may be lifted if they are dropped). */
  const blockedDocs = new Set<DocumentReport>();
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

  const processFile = async (file: InputFile, i: number): Promise<DocumentReport> => {
    const doc: DocumentReport = { input: file.display, output: null, status: 'failed', format: null, metadata: {}, removed: [], warnings: [], error: null };
    if (file.error) {
      doc.error = file.error;
      return doc;
    }
    const rel = plan.paths[i]!;
    let target: string;
    try {
      target = safeJoin(outBase, rel);
    } catch (e) {
      doc.error = { code: 'write-failed', message: `cannot write ${outRel(rel)}: ${(e as Error).message}` };
      return doc;
    }
    // an output path taken by something newsclean did not write (or reached through a link): cleaned, not written
    const block = blocked.get(i);
    // the worker reads, cleans, writes and signs; the body comes back only while the in-memory budget lasts
    const task = {
      abs: file.abs,
      dev: file.dev,
      ino: file.ino,
      display: file.display,
      target: options.dryRun || block ? null : target,
      targetShown: outRel(rel),
      // written runs read bodies back from the spool (page cache); a dry run keeps them in memory up to a budget,
      // beyond which they are cleaned again
      keepBody: index !== null && (!spoolDir || block !== undefined) && bodyBytes < BODY_BUDGET,
      ...(spoolDir ? { spoolDir } : {}),
      ...(templatesOf.get(file) ? { templates: templatesOf.get(file)! } : {}),
    };
    const outcome: FileOutcome = pool ? await pool.process(task) : processTask({ ...task, id: 0 }, settings, localSketcher);
    if (outcome.readUs !== undefined) prefetcher.observe(outcome.readUs);
    if (outcome.status === 'skipped') return { ...doc, status: 'skipped', format: outcome.format, ...(outcome.reason ? { reason: outcome.reason } : {}) };
    Object.assign(doc, { format: outcome.format, metadata: compactMetadata(outcome.metadata, doc.input), removed: outcome.removed, warnings: outcome.warnings, error: outcome.error });
    if (outcome.spooled) outcome.spooled.file = intern(outcome.spooled.file);
    if (outcome.status !== 'cleaned') return doc;
    if (block) {
      doc.error = { code: 'write-failed', message: `cannot write ${outRel(rel)}: ${block.code} (${block.why})` };
      blockedDocs.add(doc);
    } else {
      doc.output = outRel(rel);
      doc.status = 'cleaned';
      const note = plan.notes.get(i);
      if (note) doc.warnings = [...doc.warnings, { code: 'output-name', message: note }];
    }
    outputs.set(doc.input, { file, output: options.dryRun || block ? null : target, ...(outcome.spooled ? { spooled: outcome.spooled } : {}) });
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
      pending.set(i, await processFile(files[i]!, i));
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
  if (documents.length < files.length || options.signal?.aborted) interrupted = true;
  // resolves when the run is interrupted after cleaning (never, without a signal)
  const abort = options.signal;
  const aborted = new Promise<void>((resolve) => {
    if (abort?.aborted) resolve();
    else abort?.addEventListener('abort', () => resolve(), { once: true });
  });

  // With near-duplicates on, spooled files are written once their front matter is final: those in no candidate
  // pair (no cluster can reach them) while the pairs are verified, on one thread; the others after clustering.
  const spooledFile = (doc: DocumentReport): boolean => {
    const o = outputs.get(doc.input);
    return doc.status === 'cleaned' && Boolean(o?.spooled && o.output);
  };
  // `finish` gives a document its final metadata just before it is rendered, and says whether it is still written
  const writeSpooled = (docs: DocumentReport[], writers: number, finish?: (doc: DocumentReport) => boolean, onWritten?: (n: number) => void): Promise<Array<[DocumentReport, string]>> => {
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
    return rewriteBatches(batch, Math.min(writers, Math.ceil(docs.length / REWRITE_BATCH)), onWritten);
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
    let verifiedDocs = 0;
    const sourcesFor = (ids: string[]): TaskSources => {
      verifiedDocs += ids.length;
      options.onProgress?.(verifiedDocs);
      return packSources(ids.map(sourceOf));
    };
    options.onPhase?.('near-duplicates', 0);
    const loader = { module: workerUrl('bodies.js').href, export: 'loadBody', data: { settings } };
    // the verify threads load their code while the candidates are found (on this thread)
    const workers = threads > 0 ? startVerifyWorkers(loader, threads) : null;
    let cands: CandidateSet;
    let verified: VerifyResult | null = null;
    try {
      cands = index.candidates();
      const inPair = new Uint8Array(cands.ids.length);
      for (let e = 0; e < cands.a.length; e++) {
        inPair[cands.a[e]!] = 1;
        inPair[cands.b[e]!] = 1;
      }
      options.onPhase?.('near-duplicates', inPair.reduce((n, x) => n + x, 0));
      if (spoolDir) {
        const free = new Set(cands.ids.filter((_, i) => !inPair[i]));
        const docs = documents.filter((d) => free.has(d.input) && spooledFile(d));
        for (const d of docs) writtenEarly.add(d);
        early = writeSpooled(docs, Math.min(threads, 1));
        early.catch(() => undefined); // awaited below; a failure must not go unhandled meanwhile
      }
      // verified on worker threads, each loading the texts of its share (from memory, the written files, or the inputs);
      // an interruption abandons it (closing the threads), and the files are then written without duplicate metadata
      if (!abort?.aborted) {
        const verifying = workers
          ? verifyCandidatesParallel(cands, { loader, taskData: sourcesFor, workers })
          : verifyCandidates(cands, (id) => loadBody(id, { settings }, sourcesFor([id]), 0));
        verifying.catch(() => undefined); // abandoned on an interruption
        verified = await Promise.race([verifying, aborted.then(() => null)]);
      }
    } finally {
      // verifying closes them; this is for a failure or an interruption before it ends
      await workers?.close();
    }
    // interrupted: no pairs, so no clusters, and every file is written as it was cleaned
    if (verified === null) interrupted = true;
    const clustered = clusterDuplicates(cands, verified?.edges ?? { a: new Uint32Array(0), b: new Uint32Array(0) });
    pairs = verified?.pairs ?? [];
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
      if (blockedDocs.has(doc) && member !== c.canonical && options.dropDuplicates) {
        // its output path was taken by a file newsclean did not write; dropped, it needs none
        doc.error = null;
        doc.status = 'dropped-duplicate';
        return false;
      }
      if (doc.status !== 'cleaned') return false;
      if (member !== c.canonical && options.dropDuplicates) {
        // not written; a file of an earlier run at its path is removed at the end, and reported
        doc.output = null;
        doc.status = 'dropped-duplicate';
        return false;
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
    options.onPhase?.('writing', late.length);
    let written = 0;
    const failures = [...(await early), ...(await writeSpooled(late, threads, finishMember, (n) => options.onProgress?.((written += n))))];
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

  if (options.signal?.aborted) interrupted = true;
  // the output folder now holds what this run wrote: earlier outputs it did not write again are removed (not after
  // an interruption, which removes nothing), and the manifest lists exactly what newsclean wrote there
  if (folder) {
    const written = new Set<string>();
    documents.forEach((d, k) => {
      if (d.status === 'cleaned' && d.output !== null) written.add(plan.paths[k]!);
    });
    if (!interrupted) {
      for (const p of [...folder.previous].sort()) if (!written.has(p)) folder.removeOwn(p);
      folder.pruneEmpty();
      folder.writeManifest(written);
    } else folder.writeManifest([...folder.previous, ...written]);
  }
  const removedOutputs = folder ? folder.removed.map((rel) => path.join(options.out, rel)) : [];

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
      removedOutputs: removedOutputs.length,
    },
    interrupted,
    removedOutputs,
  };
}

export type { ErrorCode };
