/**
 * One input file from path to written Markdown: read (never blocking on odd files), clean, write atomically, and
 * sign the body for near-duplicate detection. Runs inside a cleaning worker (or in the calling thread with
 * `threads: 0`), so that reading and writing happen in parallel with cleaning instead of queueing on one thread.
 */
import { inputHints } from '../inbox/hints.js';
import { closeSync, fstatSync, readSync } from 'node:fs';
import type { FileError, Format, Metadata, Removal, Warning } from '../types.js';
import type { Settings } from '../settings.js';
import { cleanBytes } from '../pipeline/clean.js';
import { cleanContainerDocument, type ContainerDocument } from '../containers/index.js';
import type { DocSketch, Sketcher } from '../dedup/index.js';
import { writeAtomicSync } from './write.js';
import { openForReading, spool, type Spooled } from './spool.js';

export interface FileTask {
  id: number;
  /** Absolute input path (bytes for a name that is not UTF-8; a worker receives them as a Uint8Array). */
  abs: string | Uint8Array;
  /** Device and inode the walk saw: the file opened must be that one (not checked when missing or 0). */
  dev?: number;
  ino?: number;
  /** The input as reported (also the hint given to the cleaner). */
  display: string;
  /** Absolute output path, or null to write nothing (--dry-run, or an output path that cannot be written). */
  target: string | null;
  /** The output path as reported (in messages). */
  targetShown: string;
  /** Send the cleaned body back (kept in memory for verifying near-duplicates). */
  keepBody: boolean;
  /**
   * Instead of writing the Markdown now, append the body to this thread's spool file in this folder: with
   * near-duplicate detection on, each file is written once, after its front matter is final.
   */
  spoolDir?: string;
  /** Hashes of the file's template lines (lines found in several articles of the run: ../inbox/templates.ts). */
  templates?: number[];
  /** Site names at the ends of several titles of the run that this file's title shows (../inbox/title-sites.ts). */
  titleSites?: string[];
  /** A document read out of a container (WARC, JSONL): cleaned from this payload, not read from `abs`. */
  payload?: ContainerDocument;
}

/** What cleaning found out about one file: shared by a worker's outcome and the run's document report. */
export interface CleanedFields {
  reason?: string;
  format: Format | null;
  metadata: Metadata;
  removed: Removal[];
  warnings: Warning[];
  error: FileError | null;
}

export interface FileOutcome extends CleanedFields {
  id: number;
  /** `cleaned`: Markdown made (and written unless dry run); `skipped`: a data file that holds no article. */
  status: 'cleaned' | 'failed' | 'skipped';
  /** The cleaned body, when asked for. */
  body?: string;
  /** The body's signature and fingerprints, when signing. */
  sketch?: DocSketch;
  /** Where the body was spooled, when asked to. */
  spooled?: Spooled;
  /** How long reading the input took, in µs (for the read-ahead, which runs only while reads are slow). */
  readUs?: number;
}

/**
 * Reads a regular file whole, or says why not. It is opened without following a link (O_NOFOLLOW), and, when the walk's
 * device and inode are given, it must be that file: one replaced since it was listed (by a link's target, another
 * file, a folder, a FIFO) is refused.
 */
export function readInputSync(abs: string | Uint8Array, maxFileSize: number, listed?: { dev?: number; ino?: number }): Uint8Array | FileError {
  let fd: number;
  try {
    fd = openForReading(abs);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (code === 'ELOOP') return { code: 'unreadable', message: 'cannot open: it was replaced by a symbolic link since the inputs were listed (never followed)' };
    if (code === 'ENOENT' && listed?.ino) return { code: 'unreadable', message: 'cannot open: ENOENT (it was removed since the inputs were listed)' };
    return { code: 'unreadable', message: `cannot open: ${code ?? String(e)}` };
  }
  try {
    const st = fstatSync(fd);
    if (listed?.ino && (st.dev !== listed.dev || st.ino !== listed.ino)) {
      return { code: 'unreadable', message: `not read: it was replaced${st.isDirectory() ? ' by a folder' : st.isFile() ? ' by another file' : ''} since the inputs were listed` };
    }
    if (!st.isFile()) return { code: 'not-a-file', message: 'not a regular file' };
    if (st.size > maxFileSize) return { code: 'too-large', message: `${st.size} bytes, over the limit of ${maxFileSize} (--max-file-size)` };
    // read to the end even if the file grew since the stat, but never past the limit
    let buf = Buffer.allocUnsafe(Math.max(1, st.size));
    let n = 0;
    for (;;) {
      if (n === buf.length) {
        if (buf.length > maxFileSize) return { code: 'too-large', message: `over the limit of ${maxFileSize} bytes (--max-file-size)` };
        const bigger = Buffer.allocUnsafe(Math.min(buf.length * 2, maxFileSize + 1));
        buf.copy(bigger, 0, 0, n);
        buf = bigger;
      }
      const got = readSync(fd, buf, n, buf.length - n, null);
      if (got === 0) break;
      n += got;
    }
    if (n > maxFileSize) return { code: 'too-large', message: `over the limit of ${maxFileSize} bytes (--max-file-size)` };
    return buf.subarray(0, n);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    return { code: code === 'EISDIR' ? 'not-a-file' : 'unreadable', message: `cannot read: ${code ?? String(e)}` };
  } finally {
    try {
      closeSync(fd);
    } catch {
      // nothing to do: the file was only read
    }
  }
}

function failedOutcome(id: number, error: FileError): FileOutcome {
  return { id, status: 'failed', format: null, metadata: {}, removed: [], warnings: [], error };
}

/** Reads, cleans, writes and signs one file. Never throws for a bad input: problems come back as `error`. */
export function processTask(task: FileTask, settings: Settings, sketcher: Sketcher | null): FileOutcome {
  const started = performance.now();
  let result;
  let readUs: number | undefined;
  if (task.payload) result = cleanContainerDocument(task.payload, { path: task.display, settings });
  else {
    const bytes = readInputSync(task.abs, settings.maxFileSize, task);
    readUs = Math.round((performance.now() - started) * 1000);
    if (!(bytes instanceof Uint8Array)) return failedOutcome(task.id, bytes);
    result = cleanBytes(bytes, { path: task.display, settings, ...inputHints(task) });
  }
  if (result.format === 'json' && result.error?.code === 'no-article') {
    // a manifest or data file beside the articles: not an input problem, but never silently passed over
    return { id: task.id, status: 'skipped', reason: `not an article: ${result.error.message}`, format: 'json', metadata: {}, removed: [], warnings: [], error: null };
  }
  const out: FileOutcome = {
    id: task.id,
    status: 'failed',
    format: result.format,
    metadata: result.metadata,
    removed: result.removed,
    warnings: result.warnings,
    error: result.error,
    ...(readUs !== undefined ? { readUs } : {}),
  };
  if (result.markdown === null) return out;
  // a spooled body is stored with its token hashes, which the verification of near-duplicates then reads instead of
  // tokenizing the body again
  const spooling = Boolean(task.target && task.spoolDir);
  let signed: { sketch: DocSketch; tokens: Uint32Array | null } | null = null;
  if (sketcher) signed = spooling ? sketcher.sketchWithTokens(result.body) : { sketch: sketcher.sketch(result.body), tokens: null };
  if (task.target) {
    try {
      if (task.spoolDir) out.spooled = spool(task.spoolDir, result.body, signed?.tokens ?? null);
      else writeAtomicSync(task.target, result.markdown);
    } catch (e) {
      out.error = { code: 'write-failed', message: `cannot write ${task.targetShown}: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}` };
      return out;
    }
  }
  out.status = 'cleaned';
  if (task.keepBody) out.body = result.body;
  if (signed) out.sketch = signed.sketch;
  return out;
}
