/**
 * Stage 6, write: documents go to a sink once their front matter is final. Today the sink is the output folder
 * (`MarkdownFolder`: one Markdown file per document, mirroring the input tree, with a manifest of what newsclean
 * wrote) or nothing (a dry run: `NoFiles`).
 *
 * How a document reaches the sink is decided per document by `place` before it is cleaned:
 * - `direct`: the cleaning worker writes the finished file itself (near-duplicates off: the front matter is final
 *   as soon as the document is cleaned; no second pass over the body);
 * - spooled: the worker appends the cleaned body to a spool file, and `write` later renders the final front matter
 *   (cluster, duplicate_of) and writes it, on writer threads, reading the body back from the spool.
 * A sink that is not a folder of files (a JSONL corpus, stdout) places every document as spooled (its `spoolDir` a
 * temporary folder) and writes records in `write`, in document order, on this thread; `finish` closes it. The
 * stages before it are the same for every sink.
 */
import path from 'node:path';
import { readdirSync, rmSync } from 'node:fs';
import { orderedMetadata, renderFrontMatter } from '../../markdown/front-matter.js';
import { WorkerPool } from '../../dedup/pool.js';
import { OutputFolder, preparePlan, type Blocked } from '../outdir.js';
import { safeJoin } from '../outputs.js';
import { rewriteAll, type Rewrite } from '../rewrite.js';
import type { Spooled } from '../spool.js';
import { workerUrl } from '../pool.js';
import type { Collected, SourceList } from './collect.js';
import type { DocumentReport, RunOptions } from '../types.js';
import type { Documents } from './documents.js';
import type { Verdicts } from './near-duplicates.js';

/** Where the clean stage sends one document. */
export interface Placement {
  /** The output as reported (null: nothing is written for it). */
  shown: string | null;
  /** Absolute path the document is written to (given to the cleaning worker), or null. */
  target: string | null;
  /** The document cannot be written there: it is cleaned, reported with this error, and not written. */
  blocked?: string;
}

/**
 * Where each source's document goes, by position. Computed when asked (a few strings per document would otherwise be
 * held for the whole run).
 */
export interface Placements {
  at(i: number): Placement;
}

/** One document whose front matter is final, to write from its spooled body. */
export interface FinalDocument {
  /** Its position. */
  k: number;
  doc: DocumentReport;
  target: string;
  spooled: Spooled;
}

/**
 * Documents to write, by their place in the list: each one's report entry is read (from the spill) only when the sink
 * comes to it, so that a list of a million documents is a list of numbers, not of report entries.
 */
export interface FinalDocuments {
  readonly length: number;
  /** The position (in the run) of the `i`th document. */
  k(i: number): number;
  at(i: number): FinalDocument;
}

/** A list of the documents of `docs` at positions `ks`, each made when it is asked for. */
export class FinalList implements FinalDocuments {
  constructor(
    private readonly docs: Documents,
    private readonly ks: ReadonlyArray<number>,
  ) {}

  get length(): number {
    return this.ks.length;
  }

  k(i: number): number {
    return this.ks[i]!;
  }

  at(i: number): FinalDocument {
    return this.docs.spooledFinal(this.ks[i]!)!;
  }
}

export interface Sink {
  /** Near-duplicates on: bodies are spooled here and written once final; null: written by the worker (or not at all). */
  readonly spoolDir: string | null;
  /** Decides where each source's document goes, before any is cleaned (a usage error when the plan cannot be used). */
  prepare(collected: Collected): Placements;
  /** Writes documents whose front matter is final; resolves with the failures (position, error code). */
  write(docs: FinalDocuments, threads: number, onWritten?: (n: number) => void): Promise<Array<[number, string]>>;
  /**
   * After the run: records what it wrote (`written`: whether the document at a position was written), removes what
   * earlier runs left; returns what it removed.
   */
  finish(written: (k: number) => boolean, interrupted: boolean): string[] | Promise<string[]>;
  /** Documents are written in input order, all in `writeLate` (a JSONL corpus): none is written early. */
  readonly ordered?: boolean;
  /** Releases it (the folder's lock); called however the run ends. */
  close(): void;
}

/** A dry run: nothing is written. */
export class NoFiles implements Sink {
  readonly spoolDir = null;
  prepare(): Placements {
    return { at: () => ({ shown: null, target: null }) };
  }
  write(): Promise<Array<[number, string]>> {
    return Promise.resolve([]);
  }
  finish(): string[] {
    return [];
  }
  close(): void {}
}

/** Files written per worker task. */
const REWRITE_BATCH = 256;

/** The output folder: Markdown files, a manifest of what newsclean wrote, and a lock held for the run. */
export class MarkdownFolder implements Sink {
  readonly spoolDir: string | null;
  private readonly folder: OutputFolder;
  private readonly shownRoot: string;

  /** Checks, makes and locks the folder (before any work: a folder that cannot be used is a usage error). */
  constructor(outAbs: string, shown: string, spool: boolean) {
    this.folder = OutputFolder.open(outAbs, shown);
    this.shownRoot = shown;
    this.spoolDir = spool ? outAbs : null;
  }

  /** The folder's real path (never read as input). */
  get real(): string {
    return this.folder.real;
  }

  prepare(collected: Collected): Placements {
    const { sources } = collected;
    const blocked = this.plan(collected);
    return { at: (i) => this.place(sources.output(i), blocked.get(i)) };
  }

  /** The run's sources, and their positions in the order of their output paths (for the manifest). */
  private planned: { sources: SourceList; order: Uint32Array } | null = null;

  /** Checks the plan against the folder, and records it in the manifest before any file is written. */
  private plan(collected: Collected): Map<number, Blocked> {
    const { sources } = collected;
    // an input at an output path is refused here, as a usage error; outputs that cannot be written are per-file errors
    const blocked = preparePlan(this.folder, sources, collected.shared, collected.roots);
    this.planned = { sources, order: sources.byOutput() };
    this.folder.writeSortedManifest(this.manifest(true, (k) => !blocked.has(k)));
    return blocked;
  }

  /** The manifest's paths in order: the outputs `keep` keeps, and with `previous`, those of the manifest before. */
  private *manifest(previous: boolean, keep: (k: number) => boolean): Generator<string> {
    const { sources, order } = this.planned!;
    const before = previous ? [...this.folder.previous].sort() : [];
    let b = 0;
    for (let x = 0; x < order.length; x++) {
      const k = order[x]!;
      if (!keep(k)) continue;
      const p = sources.output(k);
      while (b < before.length && before[b]! <= p) yield before[b++]!;
      yield p;
    }
    while (b < before.length) yield before[b++]!;
  }

  private place(output: string, block: Blocked | undefined): Placement {
    const shown = path.join(this.shownRoot, output);
    let target: string;
    try {
      target = safeJoin(this.folder.real, output);
    } catch (e) {
      return { shown, target: null, blocked: `cannot write ${shown}: ${(e as Error).message}` };
    }
    if (block) return { shown, target: null, blocked: `cannot write ${shown}: ${block.code} (${block.why})` };
    return { shown, target };
  }

  write(docs: FinalDocuments, threads: number, onWritten?: (n: number) => void): Promise<Array<[number, string]>> {
    let next = 0;
    const batch = (): { refs: number[]; items: Rewrite[] } | null => {
      const refs: number[] = [];
      const items: Rewrite[] = [];
      while (next < docs.length && items.length < REWRITE_BATCH) {
        const d = docs.at(next++);
        refs.push(d.k);
        items.push({ target: d.target, frontMatter: renderFrontMatter(d.doc.metadata), spooled: d.spooled });
      }
      return items.length > 0 ? { refs, items } : null;
    };
    return rewriteBatches(batch, Math.min(threads, Math.ceil(docs.length / REWRITE_BATCH)), onWritten);
  }

  finish(written: (k: number) => boolean, interrupted: boolean): string[] {
    if (this.spoolDir) removeSpools(this.spoolDir);
    // the folder now holds what this run wrote: earlier outputs it did not write again are removed (not after an
    // interruption, which removes nothing), and the manifest lists exactly what newsclean wrote there
    const sources = this.planned?.sources;
    if (!interrupted) {
      for (const p of [...this.folder.previous].sort()) {
        const k = sources ? sources.indexOfOutput(p) : -1;
        if (k < 0 || !written(k)) this.folder.removeOwn(p);
      }
      this.folder.pruneEmpty();
      this.folder.writeSortedManifest(this.manifest(false, written));
    } else this.folder.writeSortedManifest(this.manifest(true, written));
    return this.folder.removed.map((rel) => path.join(this.shownRoot, rel));
  }

  close(): void {
    this.folder.release();
  }
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
 * Writes the batches `next` gives (null when there are no more) on worker threads (or in this thread with 0), and
 * returns the failures. A batch is made only when the one before has gone to a writer, so that the writers start on
 * the first files while the front matter of the next ones is rendered.
 */
async function rewriteBatches<T>(next: () => { refs: T[]; items: Rewrite[] } | null, threads: number, onWritten?: (n: number) => void): Promise<Array<[T, string]>> {
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
    // at most two batches per writer are made and not yet written: the rest are made as writers finish, so the
    // rendered files of a whole run never wait in memory at once
    const pending = new Set<Promise<void>>();
    for (; batch; batch = next()) {
      const { refs, items } = batch;
      const done: Promise<void> = pool.run({ items }).then((errors) => {
        pending.delete(done);
        record(refs, errors);
      });
      pending.add(done);
      if (pending.size >= 2 * threads) await Promise.race(pending);
      // let the pool hand the batch to a writer that has finished one
      else await new Promise((resolve) => setImmediate(resolve));
    }
    await Promise.all(pending);
  } finally {
    await pool.close();
  }
  return failures;
}

/**
 * The write stage. `early` writes documents whose front matter is already final (in no candidate pair: no cluster
 * can reach them) while the pairs are verified; `late` gives every other document its verdict (cluster,
 * duplicate_of, or dropped with --drop-duplicates) and writes those still written. Also after an interruption:
 * what was cleaned is kept.
 */
export class WriteStage {
  /** Per position: 1 when written early. */
  private readonly writtenEarly: Uint8Array;
  private early: Promise<Array<[number, string]>> = Promise.resolve([]);

  constructor(
    private readonly docs: Documents,
    private readonly sink: Sink,
    private readonly options: Pick<RunOptions, 'dropDuplicates' | 'onPhase' | 'onProgress' | 'onLateError'>,
    private readonly threads: number,
  ) {
    this.writtenEarly = new Uint8Array(docs.length);
  }

  /** Documents `ks` (by position) are final now: written on one thread while the run goes on. */
  writeEarly(ks: number[]): void {
    if (this.sink.ordered) return;
    const final: number[] = [];
    for (const k of ks) {
      if (!this.docs.isFinal(k)) continue;
      this.writtenEarly[k] = 1;
      final.push(k);
    }
    this.early = this.sink.write(new FinalList(this.docs, final), Math.min(this.threads, 1));
    this.early.catch(() => undefined); // awaited in `late`; a failure must not go unhandled meanwhile
  }

  /** Applies the verdicts and writes every document not written yet; failures become the documents' errors. */
  async writeLate(verdicts: Verdicts | null): Promise<void> {
    const { docs, sink } = this;
    const late: number[] = [];
    for (let k = 0; k < docs.length; k++) {
      if (this.writtenEarly[k]) continue;
      if (verdicts) this.finish(k, verdicts);
      if (docs.isFinal(k)) late.push(k);
    }
    if (!sink.spoolDir) return;
    this.options.onPhase?.('writing', late.length);
    let written = 0;
    const failures = [...(await this.early), ...(await sink.write(new FinalList(docs, late), this.threads, (n) => this.options.onProgress?.((written += n))))];
    failures.sort((x, y) => x[0] - y[0]);
    for (const [k, code] of failures) {
      const doc = docs.get(k);
      doc.error = { code: 'write-failed', message: `cannot write ${doc.output ?? doc.input}: ${code}` };
      doc.output = null;
      doc.status = 'failed';
      docs.set(k, doc);
      this.options.onLateError?.(doc);
    }
  }

  /** A cluster member learns its cluster and canonical copy; --drop-duplicates leaves the others out. */
  private finish(k: number, verdicts: Verdicts): void {
    const v = verdicts.of(k);
    if (!v) return;
    const doc = this.docs.get(k);
    doc.metadata = orderedMetadata({ ...doc.metadata, cluster: v.cluster, ...(v.duplicateOf !== undefined ? { duplicate_of: v.duplicateOf } : {}) });
    if (v.duplicateOf !== undefined && this.options.dropDuplicates) this.drop(k, doc);
    this.docs.set(k, doc);
  }

  /** A duplicate left out by --drop-duplicates. */
  private drop(k: number, doc: DocumentReport): void {
    if (this.docs.isBlocked(k)) {
      // its output path was taken by a file newsclean did not write; dropped, it needs none
      doc.error = null;
      doc.status = 'dropped-duplicate';
    } else if (doc.status === 'cleaned') {
      // not written; a file of an earlier run at its path is removed at the end, and reported
      doc.output = null;
      doc.status = 'dropped-duplicate';
    }
  }
}
