/**
 * The run's spool files and how files are opened for reading. A cleaning thread appends each cleaned body (after
 * its token hashes) to its spool, and the bodies are read back to verify near-duplicates and to write each file
 * once its front matter is final. Kept apart from the cleaner, so that the threads that only read and write load
 * no cleaning code.
 */
import { closeSync, constants, openSync, readSync, writeSync, writevSync } from 'node:fs';
import path from 'node:path';
import { randomBytes } from 'node:crypto';

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

/** `O_NOATIME` where the system has it (Linux), else 0. */
export const NOATIME: number = (constants as { O_NOATIME?: number }).O_NOATIME ?? 0;
/**
 * How inputs are opened: read-only; non-blocking, so that a FIFO put in a file's place cannot block the run; and never
 * through a symbolic link (a link put in a file's place after the walk fails with ELOOP).
 */
export const READ_FLAGS = constants.O_RDONLY | constants.O_NONBLOCK | constants.O_NOFOLLOW;

/**
 * Opens a file for reading without touching it, not even its access time where the system allows that (Linux,
 * for files the user owns; for other files `open` refuses the flag with EPERM, and the file is opened plainly).
 * O_NONBLOCK: a FIFO put in a file's place cannot block the run; O_NOFOLLOW: a link in its place is not followed.
 */
export function openForReading(p: string | Uint8Array): number {
  // a worker receives a Buffer path as a Uint8Array
  const file = typeof p === 'string' || Buffer.isBuffer(p) ? p : Buffer.from(p.buffer, p.byteOffset, p.byteLength);
  if (NOATIME !== 0) {
    try {
      return openSync(file, READ_FLAGS | NOATIME);
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'EPERM') throw e;
    }
  }
  return openSync(file, READ_FLAGS);
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
export function spool(dir: string, body: string, tokens: Uint32Array | null): Spooled {
  if (openSpool?.dir !== dir) {
    closeSpools();
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
