/**
 * Stage 2, clean: a stream of outcomes, one per source, in source order. Each source becomes a task for a cleaning
 * worker (pool.ts), which reads, cleans and then writes the finished file (`direct`), spools the body (near-duplicates
 * on), or keeps nothing (a dry run); with near-duplicates on it also signs the body. A window of tasks per worker is
 * in flight, so the workers never wait for this thread; outcomes are put back in order here. While reads are slow,
 * the next inputs are read ahead into the page cache (prefetch.ts).
 *
 * A new kind of source plugs in at `taskOf`: what the worker is given to read the document from.
 */
import { inputHints, type InputHints } from '../../inbox/hints.js';
import { Prefetcher } from '../prefetch.js';
import { CleanPool, FILES_PER_WORKER } from '../pool.js';
import { closeSpools, type Spooled } from '../spool.js';
import { processTask, type FileOutcome, type FileTask } from '../task.js';
import type { Settings } from '../../settings.js';
import type { DocSketch, ResolvedDedupOptions, Sketcher } from '../../dedup/index.js';
import { createSketcher } from '../../dedup/index.js';
import type { FileError, Metadata } from '../../types.js';
import type { DocumentReport } from '../types.js';
import type { Source, SourceList } from './collect.js';
import type { Placement, Placements } from './write.js';
import type { DocumentPlace } from './documents.js';

/** One source's outcome. */
export interface Cleaned {
  source: Source;
  doc: DocumentReport;
  /** Where the document went (absent for a document that was not cleaned). */
  place?: DocumentPlace;
  /** Its signature and fingerprints, when near-duplicates are on. */
  sketch?: DocSketch;
  /** Its body, when it was asked to be kept in memory (a dry run, within a budget). */
  body?: string;
}

export interface CleanOptions {
  settings: Settings;
  /** Near-duplicate options: bodies are signed (null: off). */
  dedup: ResolvedDedupOptions | null;
  /** Worker threads (0: clean in this thread). */
  threads: number;
  /** Where the sink wants bodies spooled (null: not spooled). */
  spoolDir: string | null;
  /** Keep the body of the next document in memory (asked per document: a dry run's budget). */
  keepBody: (place: Placement) => boolean;
  /** What the run's first pass found per source: template lines (NC005, NC223), site names of titles. */
  hints?: ReadonlyMap<number, InputHints>;
  signal?: AbortSignal;
}

/** The pool's workers start loading their code at once (while the inputs are found); `clean` uses them. */
export function startWorkers(o: Pick<CleanOptions, 'settings' | 'dedup' | 'threads'>): CleanPool | null {
  return o.threads > 0 ? new CleanPool(o.threads, o.settings, o.dedup ?? undefined) : null;
}

/** The task a worker is given for a source. */
function taskOf(source: Source, place: Placement, o: CleanOptions, keepBody: boolean, hints: InputHints | undefined): Omit<FileTask, 'id'> {
  // (a container's document gets its payload in `one`, below)
  const { file } = source;
  return {
    abs: file.abs,
    dev: file.dev,
    ino: file.ino,
    display: source.id,
    target: place.blocked ? null : place.target,
    targetShown: place.shown ?? source.output,
    keepBody,
    ...(o.spoolDir ? { spoolDir: o.spoolDir } : {}),
    ...(hints ? inputHints(hints) : {}),
  };
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

/** A worker's outcome as the run reports it. */
function outcomeOf(source: Source, place: Placement, outcome: FileOutcome): Cleaned {
  const doc: DocumentReport = { input: source.id, output: null, status: 'failed', format: null, metadata: {}, removed: [], warnings: [], error: null };
  if (outcome.status === 'skipped') return { source, doc: { ...doc, status: 'skipped', format: outcome.format, ...(outcome.reason ? { reason: outcome.reason } : {}) } };
  Object.assign(doc, { format: outcome.format, metadata: compactMetadata(outcome.metadata, doc.input), removed: outcome.removed, warnings: outcome.warnings, error: outcome.error });
  if (outcome.status !== 'cleaned') return { source, doc };
  let spooled: Spooled | undefined;
  if (outcome.spooled) spooled = { ...outcome.spooled, file: intern(outcome.spooled.file) };
  const out: Cleaned = { source, doc, place: { target: place.blocked ? null : place.target, ...(spooled ? { spooled } : {}) } };
  if (place.blocked) {
    doc.error = { code: 'write-failed', message: place.blocked };
    out.place!.blocked = true;
  } else {
    doc.output = place.shown;
    doc.status = 'cleaned';
    if (source.note) doc.warnings = [...doc.warnings, { code: 'output-name', message: source.note }];
  }
  if (outcome.sketch) out.sketch = outcome.sketch;
  if (outcome.body !== undefined) out.body = outcome.body;
  return out;
}

/**
 * Cleans the sources (with the pool's workers, or in this thread without one) and yields their outcomes in order.
 * Stops taking new sources once `signal` is aborted: the stream then ends early.
 */
export async function* clean(sources: SourceList, places: Placements, o: CleanOptions, pool: CleanPool | null): AsyncGenerator<Cleaned> {
  const localSketcher: Sketcher | null = o.dedup && !pool ? createSketcher(o.dedup) : null;
  // the next inputs are read into the page cache while the workers clean, when reads are slow
  const prefetcher = new Prefetcher({ length: sources.length, at: (i) => (sources.failed(i) || sources.isRecord(i) ? null : sources.abs(i)) });

  const one = async (i: number): Promise<Cleaned> => {
    const source = sources.at(i);
    const place = places.at(i);
    const failed = (error: FileError): Cleaned => ({ source, doc: { input: source.id, output: null, status: 'failed', format: null, metadata: {}, removed: [], warnings: [], error } });
    if (source.file.error) return failed(source.file.error);
    const task = taskOf(source, place, o, o.keepBody(place), source.kind === 'record' ? undefined : o.hints?.get(i));
    if (source.kind === 'record') {
      // a container's document: its payload, read from the container as its turn comes (see containers.ts)
      if (source.record.error || source.record.ordinal === undefined) return failed(source.record.error ?? { code: 'bad-record', message: 'no document' });
      const payload = await source.container.take(source.record.ordinal, source.record.itemKey);
      if ('code' in payload) return failed(payload);
      task.payload = payload;
    }
    const outcome = pool ? await pool.process(task) : processTask({ ...task, id: 0 }, o.settings, localSketcher);
    if (outcome.readUs !== undefined) prefetcher.observe(outcome.readUs);
    return outcomeOf(source, place, outcome);
  };

  // a window of files per worker in flight; outcomes wait here until those before them are in
  const ready = new Map<number, Cleaned>();
  let wake: (() => void) | null = null;
  let nextToStart = 0;
  let stopped = false;
  let failure: unknown = null;
  const lane = async (): Promise<void> => {
    while (nextToStart < sources.length && !stopped) {
      if (o.signal?.aborted) return;
      const i = nextToStart++;
      prefetcher.reached(i);
      ready.set(i, await one(i));
      wake?.();
    }
  };
  const inFlight = pool ? pool.size * FILES_PER_WORKER : 1;
  let lanesDone = false;
  const lanes = Promise.all(Array.from({ length: Math.min(inFlight, sources.length) }, lane)).then(
    () => undefined,
    (e: unknown) => {
      failure = e;
    },
  ).finally(() => {
    lanesDone = true;
    wake?.();
  });
  try {
    for (let next = 0; ; ) {
      while (ready.has(next)) {
        const c = ready.get(next)!;
        ready.delete(next++);
        yield c;
      }
      if (lanesDone) {
        if (failure) throw failure;
        return;
      }
      await new Promise<void>((resolve) => {
        wake = resolve;
      });
      wake = null;
    }
  } finally {
    stopped = true;
    await lanes;
    await prefetcher.stop();
    await pool?.close();
    await closeContainers(sources);
    // without workers, this thread spooled the bodies
    closeSpools();
  }
}

/** Ends the second reading of every container (the files are closed). */
async function closeContainers(sources: SourceList): Promise<void> {
  for (const c of sources.containers()) await c.close();
}
