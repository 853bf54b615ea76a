/**
 * A whole run, as stages (src/run/stages/):
 *
 *   collect inputs → clean (a stream of outcomes) → near-duplicates (index and candidates → verify → cluster)
 *                  → write (to a sink) → report
 *
 * The library entry point the CLI is a thin layer over; it never prints and never exits. Input files are only ever
 * opened for reading. Everything that can make the run refuse to start (options, the output folder, the index) is
 * checked before any work.
 */
import path from 'node:path';
import { availableParallelism } from 'node:os';
import { resolveSettings } from '../settings.js';
import { disabledRuleIds } from '../rules/index.js';
import { DedupOptionsError, openIndex, parseShard, parseWindow, resolveDedupOptions, type NearDupIndex, type ResolvedDedupOptions } from '../dedup/index.js';
import { UsageError } from './usage.js';
import { collect, type Collected, type SourceList } from './stages/collect.js';
import { clean, startWorkers } from './stages/clean.js';
import { runInboxPass, type InputHints } from '../inbox/first-pass.js';
import { Documents } from './stages/documents.js';
import { InMemoryNearDuplicates, IndexedNearDuplicates, type NearDuplicateStage, type Verdicts } from './stages/near-duplicates.js';
import { MarkdownFolder, NoFiles, WriteStage, type Sink } from './stages/write.js';
import { buildReport } from './stages/report.js';
import { Spill } from './spill.js';
import { JsonlSink } from './sinks/jsonl.js';
import type { RunOptions, RunReport } from './types.js';

export type { RunOptions, RunReport, RunPhase, DocumentReport, RunPair, ErrorCode } from './types.js';
export { rankOf } from './stages/near-duplicates.js';
export { closeDocuments } from './stages/documents.js';
/** Thrown for a run that cannot start (missing inputs, an output folder that cannot be used): a usage problem. */
export { UsageError };

export function defaultThreads(): number {
  return Math.max(1, Math.min(availableParallelism(), 16));
}

export async function run(options: RunOptions): Promise<RunReport> {
  // 0. what the run is asked, checked before any work
  const settings = resolveSettings(options.settings);
  disabledRuleIds(settings.disable); // unknown rule names are a usage error
  const cwd = options.cwd ?? process.cwd();
  const threads = options.threads ?? defaultThreads();
  const dedup = resolveDedup(options);
  const shard = options.shard !== undefined ? parseShard(options.shard) : null;
  if (options.indexWindow !== undefined) parseWindow(options.indexWindow);
  if (options.index !== undefined && !dedup) throw new UsageError('--index needs near-duplicate detection (it cannot be used with --no-dedup)');
  const index = options.index !== undefined ? await openRunIndex(options.index, options, cwd) : null;
  let sink: Sink | null = null;
  try {
    const outAbs = path.resolve(cwd, options.out);
    // the output folder is checked, made and locked before any work (a dry run writes nothing and leaves it alone)
    sink = options.dryRun ? new NoFiles() : options.format === 'jsonl' ? jsonlSink(options, outAbs) : new MarkdownFolder(outAbs, options.out, dedup !== null);
    return await runStages(options, { settings, dedup, threads, cwd, shard, index, sink, outAbs });
  } finally {
    sink?.close();
    await index?.close();
  }
}

/** `--format jsonl`: the corpus file, or the stream `jsonlStream` (stdout) when `out` is `-`. */
function jsonlSink(options: RunOptions, outAbs: string): JsonlSink {
  const shards = options.maxRecordsPerFile ? { maxRecordsPerFile: options.maxRecordsPerFile } : {};
  if (options.out === '-') {
    if (!options.jsonlStream) throw new UsageError('-o - with --format jsonl needs a stream to write to');
    return new JsonlSink(options.jsonlStream, 'stdout', shards);
  }
  return new JsonlSink(outAbs, options.out, shards);
}

/**
 * Documents whose texts the verification of one connected component of candidates holds at once (the library's
 * default is 4,096): a component larger than this is verified in blocks of half as many. A run over a big crawl has
 * components of thousands of pages, and 4,096 prepared texts are about 100 MB on the thread that verifies them; 1,024
 * about a quarter of that (docs/formats.md). The pairs found are the same.
 */
const RUN_VERIFY_CACHE_DOCS = 1024;

function resolveDedup(options: RunOptions): ResolvedDedupOptions | null {
  if (options.dedup === false) return null;
  try {
    return resolveDedupOptions({ verifyCacheDocs: RUN_VERIFY_CACHE_DOCS, ...options.dedup });
  } catch (e) {
    if (e instanceof DedupOptionsError) throw new UsageError(e.message);
    throw e;
  }
}

/** Opens the index (a folder relative to the run's folder, or a server): a usage error when it cannot be used. */
async function openRunIndex(spec: string, options: RunOptions, cwd: string): Promise<NearDupIndex> {
  const where = /^[a-z][a-z0-9+.-]*:\/\//i.test(spec) || spec === 'memory' ? spec : path.resolve(cwd, spec);
  return openIndex(where, { dedup: options.dedup || {} });
}

interface Setup {
  settings: ReturnType<typeof resolveSettings>;
  dedup: ResolvedDedupOptions | null;
  threads: number;
  cwd: string;
  shard: ReturnType<typeof parseShard> | null;
  index: NearDupIndex | null;
  sink: Sink;
  outAbs: string;
}

async function runStages(options: RunOptions, s: Setup): Promise<RunReport> {
  const { settings, dedup, threads, sink, index } = s;
  // the workers start (load their code) while the inputs are found
  const pool = startWorkers({ settings, dedup, threads });

  // 1. collect: the inputs, their output paths, and where each document goes
  let collected;
  let places;
  try {
    const exclude = [sink instanceof MarkdownFolder ? sink.real : s.outAbs];
    if (index?.backend === 'directory') exclude.push(index.location);
    const containers = { maxBytes: settings.maxFileSize, ...(options.jsonlFields ? { fields: options.jsonlFields } : {}) };
    collected = await collect({ inputs: options.inputs, cwd: s.cwd, exclude, followSymlinks: Boolean(options.followSymlinks), includeHidden: Boolean(options.includeHidden), shard: s.shard, containers });
    places = sink.prepare(collected);
  } catch (e) {
    await pool?.close();
    throw e;
  }
  const { sources } = collected;
  options.onStart?.(sources.length);
  // template text (lines found in several articles of the run) and the site names of titles: a first pass over the inputs
  const hints = runInboxPass(sources, settings, collected.wholeRun);

  // `retainDocuments: false`: report entries and verified pairs wait in one temporary file until they are read
  const spill = options.retainDocuments === false ? new Spill() : null;
  // 2. clean: a stream of outcomes in input order, each taken in by the near-duplicate stage as it comes
  const nearDups: (NearDuplicateStage & { bodies: { wants(): boolean } }) | null = !dedup
    ? null
    : index
      ? new IndexedNearDuplicates(index, options.dedup || {}, options.indexWindow, { ...nearDupContext(options, s, sources, hints), ...(options.onPair ? { onPair: options.onPair } : {}) })
      : new InMemoryNearDuplicates(dedup, { ...nearDupContext(options, s, sources, hints), pairSpill: spill });
  // a dry run keeps bodies in memory for verification (up to a budget); a written run reads them back from the spool
  const keepBody = (place: { blocked?: string }): boolean => nearDups !== null && (!sink.spoolDir || place.blocked !== undefined) && nearDups.bodies.wants();
  const docs = new Documents(places, spill);
  try {
    for await (const c of clean(sources, places, { settings, dedup, threads, spoolDir: sink.spoolDir, keepBody, hints, ...(options.signal ? { signal: options.signal } : {}) }, pool)) {
      nearDups?.add(docs.length, c);
      options.onDocument?.(c.doc, docs.length + 1, sources.length);
      if (options.retainDetails === false) {
        c.doc.removed = [];
        c.doc.warnings = [];
      }
      docs.add(c.doc, c.place);
    }
    return await afterCleaning(options, s, collected, docs, nearDups);
  } catch (e) {
    docs.close();
    throw e;
  } finally {
    nearDups?.close?.();
  }
}

/** Stages 3–7, once every document is cleaned (or the run was interrupted). */
async function afterCleaning(options: RunOptions, s: Setup, collected: Collected, docs: Documents, nearDups: NearDuplicateStage | null): Promise<RunReport> {
  const { sink, threads } = s;
  const { sources } = collected;
  let interrupted = docs.length < sources.length || Boolean(options.signal?.aborted);

  // 3–5. near-duplicates: candidates → verified pairs → clusters (documents in no candidate pair are written meanwhile)
  const write = new WriteStage(docs, sink, options, threads);
  let verdicts: Verdicts | null = null;
  if (nearDups && !interrupted) {
    verdicts = await nearDups.run(docs, (ks) => write.writeEarly(ks));
    // interrupted: no pairs, no clusters, and every file is written as it was cleaned
    if (verdicts === null) interrupted = true;
  }

  // 6. write: the final front matter (cluster, duplicate_of), duplicates dropped, files written from the spool
  await write.writeLate(verdicts);
  if (options.signal?.aborted) interrupted = true;
  const removedOutputs = await sink.finish((k) => k < docs.length && docs.statusOf(k) === 'cleaned', interrupted);

  // 7. report
  return buildReport({ documents: docs, pairs: verdicts?.pairs ?? [], ...(verdicts?.duplicates !== undefined ? { duplicates: verdicts.duplicates } : {}), clusters: verdicts?.clusters ?? [], skipped: collected.skipped, interrupted, removedOutputs });
}

function nearDupContext(options: RunOptions, s: Setup, sources: SourceList, hints: ReadonlyMap<number, InputHints>) {
  return {
    settings: s.settings,
    threads: s.threads,
    ...(options.signal ? { signal: options.signal } : {}),
    ...(options.onPhase ? { onPhase: options.onPhase } : {}),
    ...(options.onProgress ? { onProgress: options.onProgress } : {}),
    // documents are numbered as their sources
    inputOf: (k: number) => sources.abs(k),
    idOf: (k: number) => sources.id(k),
    hintsOf: (k: number) => hints.get(k),
  };
}
