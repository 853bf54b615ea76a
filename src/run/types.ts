/** What a run is asked (RunOptions) and what it answers (RunReport): the types every stage shares. */
import type { ErrorCode } from '../types.js';
import type { Settings } from '../settings.js';
import type { DedupOptions, DupCluster, DupPair, IndexedDocRef } from '../dedup/index.js';
import type { CleanedFields } from './task.js';
import type { Skipped } from './walk.js';
import type { Writable } from 'node:stream';
import type { JsonlFields } from '../containers/index.js';

export interface RunOptions {
  /** Files, folders or globs. */
  inputs: string[];
  /** Folder the Markdown goes to (created when missing). */
  out: string;
  cwd?: string;
  /**
   * `markdown` (default): a folder of Markdown files at `out`. `jsonl`: one corpus record per document
   * (schema/record.schema.json) to the file `out` (`.jsonl`, `.jsonl.gz`, `.jsonl.zst`), or to `jsonlStream` when
   * `out` is `-`.
   */
  format?: 'markdown' | 'jsonl';
  jsonlStream?: Writable;
  /** `--format jsonl` to a file: shards of at most this many records (`FILE-00000.jsonl`, …). */
  maxRecordsPerFile?: number;
  /** JSONL inputs: record fields named by the user (`body=maintext`). */
  jsonlFields?: JsonlFields;
  /** Clean and report, but write nothing. */
  dryRun?: boolean;
  settings?: Partial<Settings>;
  /** Near-duplicate options, or false to skip the stage. */
  dedup?: Partial<DedupOptions> | false;
  /** Write only the canonical member of each duplicate cluster. */
  dropDuplicates?: boolean;
  followSymlinks?: boolean;
  includeHidden?: boolean;
  /**
   * A near-duplicate index that remembers earlier runs: a folder, or `redis://host:port/db`. Every document is then
   * checked against everything the index holds, and added to it. Opened before any work: a folder or server that
   * cannot be used, or an index made with other near-duplicate settings, is a usage error.
   */
  index?: string;
  /** Earlier documents of the index older than this (`90d`, `12w`, `36h`) are not matched. */
  indexWindow?: string;
  /** This worker's share of the inputs, `k/N` (by the path of each file relative to its input folder). */
  shard?: string;
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
   * With an index, called with each pair as soon as it is verified and recorded in the index (before the files are
   * written): a worker killed after that loses nothing it reported.
   */
  onPair?: (pair: RunPair) => void;
  /**
   * Keep each document's `removed` and `warnings` lists in the final report (default true). Streaming callers
   * (`--jsonl`) that have already written them from `onDocument` turn this off to hold less per document.
   */
  retainDetails?: boolean;
  /**
   * Keep the report entries in memory (default true). With false, each entry is stored in an unlinked temporary file
   * as soon as it is final, and the report's `documents` is a read-only array that reads each entry back when it is
   * asked for (a new copy each time): memory then grows by a few dozen bytes per document, not by the entry. For a
   * caller that reads the documents once at the end (the CLI's JSON, JSONL and --quiet output); `closeDocuments`
   * closes the file (else it is closed when the array is collected).
   */
  retainDocuments?: boolean;
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

/** A pair; with an index, `earlier` says what `b` was recorded as when it was indexed by an earlier run (or another worker). */
export interface RunPair extends DupPair {
  earlier?: IndexedDocRef;
}

export interface RunReport {
  version: 1;
  documents: DocumentReport[];
  pairs: RunPair[];
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

export type { ErrorCode };
