/**
 * Atomic writes: a temporary file in the same folder, then renamed over the target, so a run killed at
 * any moment (even with SIGKILL) leaves only complete Markdown files. Temporary files are hidden and named
 * `.newsclean.<pid>.<8 hex digits>.tmp` — a fixed length, so that a target name of 255 bytes still has a temporary
 * name — and a later run sweeps those of runs that are gone (outdir.ts).
 *
 * Folders are never made here: the run makes every output folder before writing (without following links, see
 * outdir.ts), so a folder that is gone or was replaced meanwhile makes the write fail instead of being made again.
 * The temporary file is made with O_EXCL (a link in its place is never followed) and the rename replaces the name
 * itself, never what a link there points to.
 *
 * Synchronous on purpose: writes happen in worker threads (the cleaning workers, or the writer threads that
 * write spooled files with their final front matter), where a blocking call costs its system calls and nothing
 * else waits, while each asynchronous call would be a round trip through the I/O thread pool.
 */
import { closeSync, openSync, renameSync, rmSync, writeFileSync, writeSync } from 'node:fs';
import path from 'node:path';
import { randomBytes } from 'node:crypto';

/**
 * The 8 hex digits of a temporary name: a random start per thread, then counted up (one random draw per thread
 * instead of one per file; threads of one process start at different random points).
 */
let tempSerial = randomBytes(4).readUInt32BE(0);
function tempSuffix(): string {
  tempSerial = (tempSerial + 1) >>> 0;
  return tempSerial.toString(16).padStart(8, '0');
}

/** A new temporary name in `dir` for this process. */
export function tempName(dir: string): string {
  return path.join(dir, `.newsclean.${process.pid}.${tempSuffix()}.tmp`);
}

/** Writes the pieces to a new file (O_EXCL), one after the other: a long text never has to be one string. */
function writePieces(file: string, pieces: Iterable<string>): void {
  const fd = openSync(file, 'wx', 0o644);
  try {
    for (const piece of pieces) {
      const bytes = Buffer.from(piece, 'utf8');
      let n = 0;
      while (n < bytes.length) n += writeSync(fd, bytes, n, bytes.length - n);
    }
  } finally {
    closeSync(fd);
  }
}

/** Writes `content` (a text, or the pieces of one, each used once) to `target` atomically. */
export function writeAtomicSync(target: string, content: string | Iterable<string>): void {
  const dir = path.dirname(target);
  for (let attempt = 0; ; attempt++) {
    const tmp = tempName(dir);
    try {
      // no fsync: the rename is what makes a killed run leave only complete files; syncing every small file
      // would cost about a third of a run's time and guard only against power loss
      if (typeof content === 'string') writeFileSync(tmp, content, { encoding: 'utf8', flag: 'wx', mode: 0o644 });
      else writePieces(tmp, content);
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code === 'EEXIST') {
        // a name taken by another temporary file (not ours to remove): take the next one
        if (attempt < 8) continue;
        throw e;
      }
      // a write that failed part way (a full disk) leaves nothing behind
      rmSync(tmp, { force: true });
      throw e;
    }
    try {
      renameSync(tmp, target);
    } catch (e) {
      rmSync(tmp, { force: true });
      throw e;
    }
    return;
  }
}
