/**
 * One input file from path to written Markdown: read (never blocking on odd files), clean, write atomically, and
 * sign the body for near-duplicate detection. Runs inside a cleaning worker (or in the calling thread with
 * `threads: 0`), so that reading and writing happen in parallel with cleaning instead of queueing on one thread.
 */
import { closeSync, constants, fstatSync, mkdirSync, openSync, readSync, writeSync, writevSync } from 'node:fs';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import type { FileError, Format, Metadata, Removal, Warning } from '../types.js';
import type { Settings } from '../settings.js';
import { cleanBytes } from '../pipeline/clean.js';
import type { DocSketch, Sketcher } from '../dedup/index.js';
import { writeAtomicSync } from './write.js';

export interface FileTask {
  id: number;
  /** Absolute input path. */
  abs: string;
  /** The input as reported (also the hint given to the cleaner). */
  display: string;
  /** Absolute output path, or null to write nothing (--dry-run). */
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
}

/**
 * Where a spooled body is: its spool file and where in it. At `offset` come the body's `tokens` token hashes (4 bytes
 * each, in this machine's byte order: the spool is read back only by this run), then `length` bytes of UTF-8 text.
 */
export interface Spooled {
  file: string;
  offset: number;
  length: number;
  /** Token hashes stored before the text (none when the body was not signed). */
  tokens?: number;
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

/** `O_NOATIME` where the system has it (Linux), else 0. */
export const NOATIME: number = (constants as { O_NOATIME?: number }).O_NOATIME ?? 0;
/** How inputs are opened: read-only, and non-blocking, so that a FIFO put in a file's place cannot block the run. */
export const READ_FLAGS = constants.O_RDONLY | constants.O_NONBLOCK;

/**
 * Opens a file for reading without touching it, not even its access time where the system allows that (Linux,
 * for files the user owns; for other files `open` refuses the flag with EPERM, and the file is opened plainly).
 * O_NONBLOCK: a FIFO put in a file's place cannot block the run.
 */
export function openForReading(file: string): number {
  if (NOATIME !== 0) {
    try {
      return openSync(file, READ_FLAGS | NOATIME);
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'EPERM') throw e;
    }
  }
  return openSync(file, READ_FLAGS);
}

/** Reads a regular file whole, or says why not. */
export function readInputSync(abs: string, maxFileSize: number): Uint8Array | FileError {
  let fd: number;
  try {
    fd = openForReading(abs);
  } catch (e) {
    return { code: 'unreadable', message: `cannot open: ${(e as NodeJS.ErrnoException).code ?? String(e)}` };
  }
  try {
    const st = fstatSync(fd);
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

/**
 * This thread's spool: a hidden temporary file in the output folder, appended to. It stays open between bodies (an
 * open and a close per article cost more than the write); a body for another folder starts a new spool there. A
 * worker thread's spool is closed when the thread ends (Node closes the descriptors a worker opened); the calling
 * thread closes its own with `closeSpools`.
 */
let openSpool: { dir: string; file: string; fd: number; size: number } | null = null;

/** Closes this thread's spool file, if one is open (its contents stay, for reading back); the next body starts a new one. */
export function closeSpools(): void {
  if (!openSpool) return;
  const { fd } = openSpool;
  openSpool = null;
  try {
    closeSync(fd);
  } catch {
    // already closed: nothing is left unwritten, each write is complete when it returns
  }
}

/**
 * Appends a body (after its token hashes, when given) to this thread's spool in `dir`. Writes are positional: one that
 * fails part way is overwritten by the next.
 */
function spool(dir: string, body: string, tokens: Uint32Array | null): Spooled {
  if (openSpool?.dir !== dir) {
    closeSpools();
    mkdirSync(dir, { recursive: true });
    // named like the atomic writes' temporaries, so that a killed run's spool is swept by the next run
    const file = path.join(dir, `.newsclean-spool.${process.pid}.${randomBytes(4).toString('hex')}.tmp`);
    openSpool = { dir, file, fd: openSync(file, 'wx', 0o600), size: 0 };
  }
  const sp = openSpool;
  const bytes = Buffer.from(body, 'utf8');
  const parts = tokens ? [Buffer.from(tokens.buffer, tokens.byteOffset, tokens.byteLength), bytes] : [bytes];
  const total = (tokens ? tokens.byteLength : 0) + bytes.length;
  // one system call for both parts; a short write finishes from one buffer
  let n = total > 0 ? writevSync(sp.fd, parts, sp.size) : 0;
  if (n < total) {
    const all = Buffer.concat(parts);
    while (n < total) n += writeSync(sp.fd, all, n, total - n, sp.size + n);
  }
  const at: Spooled = { file: sp.file, offset: sp.size, length: bytes.length, ...(tokens ? { tokens: tokens.length } : {}) };
  sp.size += total;
  return at;
}

/** Reads `length` bytes at `position` of a spool file, through `open` (spool file → descriptor) when given. */
function readSpool(file: string, position: number, length: number, open: Map<string, number> | undefined): Uint8Array {
  let fd = open?.get(file);
  const own = fd === undefined && !open;
  if (fd === undefined) {
    fd = openForReading(file);
    open?.set(file, fd);
  }
  try {
    // a buffer of its own (not a slice of a shared pool), so that the token hashes can be viewed in place
    const buf = new Uint8Array(length);
    let n = 0;
    while (n < length) {
      const got = readSync(fd, buf, n, length - n, position + n);
      if (got === 0) throw new Error(`spool ${file} is shorter than expected`);
      n += got;
    }
    return buf;
  } finally {
    if (own) closeSync(fd);
  }
}

/**
 * A spooled body, read back. With `open` (spool file → descriptor), a caller reading many bodies opens each spool
 * once, and closes the descriptors itself when done.
 */
export function readSpooled(s: Spooled, open?: Map<string, number>): string {
  const buf = readSpool(s.file, s.offset + 4 * (s.tokens ?? 0), s.length, open);
  return Buffer.from(buf.buffer, buf.byteOffset, buf.byteLength).toString('utf8');
}

/** A spooled body with its token hashes (none when they were not spooled), read back in one read. */
export function readSpooledWithTokens(s: Spooled, open?: Map<string, number>): { text: string; tokens?: Uint32Array } {
  const head = 4 * (s.tokens ?? 0);
  const buf = readSpool(s.file, s.offset, head + s.length, open);
  const text = Buffer.from(buf.buffer, head, s.length).toString('utf8');
  return s.tokens === undefined ? { text } : { text, tokens: new Uint32Array(buf.buffer, 0, s.tokens) };
}

/** Closes the descriptors `readSpooled` opened into `open`. */
export function closeAll(open: Map<string, number>): void {
  for (const fd of open.values()) {
    try {
      closeSync(fd);
    } catch {
      // only read from: nothing to lose
    }
  }
  open.clear();
}

function failedOutcome(id: number, error: FileError): FileOutcome {
  return { id, status: 'failed', format: null, metadata: {}, removed: [], warnings: [], error };
}

/** Reads, cleans, writes and signs one file. Never throws for a bad input: problems come back as `error`. */
export function processTask(task: FileTask, settings: Settings, sketcher: Sketcher | null): FileOutcome {
  const started = performance.now();
  const bytes = readInputSync(task.abs, settings.maxFileSize);
  const readUs = Math.round((performance.now() - started) * 1000);
  if (!(bytes instanceof Uint8Array)) return failedOutcome(task.id, bytes);
  const result = cleanBytes(bytes, { path: task.display, settings });
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
    readUs,
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
