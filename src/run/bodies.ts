/**
 * Cleaned bodies after the cleaning pass, for verifying near-duplicates. Bodies are not all held in memory: each one
 * is kept if it fits the run's budget, else read back from the spool or its written Markdown file, else (a dry run)
 * cleaned again from its input. These functions run in the verify workers as well as in the main thread.
 */
import { inputHints } from '../inbox/hints.js';
import { readFileSync } from 'node:fs';
import { isMainThread } from 'node:worker_threads';
import type { Settings } from '../settings.js';
import { cleanBytes } from '../pipeline/clean.js';
import { readInputSync } from './task.js';
import { readSpooledWithTokens, type Spooled } from './spool.js';
import type { LoadedText } from '../dedup/index.js';

/** Where one document's cleaned body can be had. */
export interface BodySource {
  /** The body itself. */
  text?: string;
  /** Where it was spooled. */
  spooled?: Spooled;
  /** The Markdown file written for it. */
  output?: string;
  /** Its input file, to clean again. */
  input?: string | Uint8Array;
  /** The input's template lines, when it is cleaned again (as in the cleaning pass). */
  templates?: number[];
  /** The input's site names from the run's titles, when it is cleaned again. */
  titleSites?: string[];
}

/** The body of a Markdown file written by newsclean: what follows the front matter. */
export function bodyOfMarkdown(md: string): string {
  return md.replace(/^---\n[\s\S]*?\n---\n\n?/, '').replace(/\n$/, '');
}

/**
 * Spool files a worker thread has open for reading, kept for the thread's life: Node closes a worker's descriptors
 * when it ends. The calling thread opens a spool for each read instead, since it lives on after the run.
 */
const workerSpools: Map<string, number> | undefined = isMainThread ? undefined : new Map();

/**
 * The sources of one verify task's documents, in the task's order, compact for the message to the worker: a spooled
 * body (most of them) is four numbers, and its spool file an index into `files`; the others are listed in `others`.
 */
export interface TaskSources {
  files: string[];
  /** Per document: spool file index (−1: see `others`), offset, length, token hashes (−1: none). */
  spans: Float64Array;
  others: Record<number, BodySource>;
}

/** Packs the sources of a task's documents. */
export function packSources(sources: BodySource[]): TaskSources {
  const files: string[] = [];
  const fileIndex = new Map<string, number>();
  const spans = new Float64Array(sources.length * 4);
  const others: Record<number, BodySource> = {};
  sources.forEach((src, x) => {
    const sp = src.text === undefined ? src.spooled : undefined;
    if (!sp) {
      spans[x * 4] = -1;
      others[x] = src;
      return;
    }
    let f = fileIndex.get(sp.file);
    if (f === undefined) {
      f = files.length;
      files.push(sp.file);
      fileIndex.set(sp.file, f);
    }
    spans[x * 4] = f;
    spans[x * 4 + 1] = sp.offset;
    spans[x * 4 + 2] = sp.length;
    spans[x * 4 + 3] = sp.tokens ?? -1;
  });
  return { files, spans, others };
}

/**
 * The body of document `id` (at position `at` of its task) from its source: the loader of the parallel verifier,
 * `(id, data, taskData, at)`. Comes with its token hashes when they were spooled with it.
 */
export function loadBody(id: string, shared: { settings: Settings }, sources: TaskSources | undefined, at = 0): LoadedText {
  const f = sources?.spans[at * 4];
  if (sources && f !== undefined && f >= 0) {
    const tokens = sources.spans[at * 4 + 3]!;
    const spooled: Spooled = { file: sources.files[f]!, offset: sources.spans[at * 4 + 1]!, length: sources.spans[at * 4 + 2]!, ...(tokens >= 0 ? { tokens } : {}) };
    return readSpooledWithTokens(spooled, workerSpools);
  }
  const src = sources?.others[at];
  if (!src) throw new Error(`no body source for ${id}`);
  if (src.text !== undefined) return src.text;
  if (src.spooled) return readSpooledWithTokens(src.spooled, workerSpools);
  if (src.output) return bodyOfMarkdown(readFileSync(src.output, 'utf8'));
  if (src.input) {
    const bytes = readInputSync(src.input, shared.settings.maxFileSize);
    return bytes instanceof Uint8Array ? cleanBytes(bytes, { path: id, settings: shared.settings, ...inputHints(src) }).body : '';
  }
  return '';
}
