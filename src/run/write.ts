/**
 * Atomic writes: a temporary file in the same folder, then renamed over the target, so a run killed at
 * any moment (even with SIGKILL) leaves only complete Markdown files. Temporary files are hidden
 * (`.<name>.<pid>.<8 hex digits>.tmp`); the first write of a later run into a folder sweeps any left there by a
 * killed run.
 *
 * Synchronous on purpose: writes happen in worker threads (the cleaning workers, or the writer threads that
 * write spooled files with their final front matter), where a blocking call costs its system calls and nothing
 * else waits, while each asynchronous call would be a round trip through the I/O thread pool.
 */
import { mkdirSync, readdirSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { randomBytes } from 'node:crypto';

const TEMP = /^\..+\.\d+\.[0-9a-f]{8}\.tmp$/;

/** Folders this thread has already created and swept. */
const ready = new Set<string>();

function prepareFolder(dir: string): void {
  if (ready.has(dir)) return;
  mkdirSync(dir, { recursive: true });
  let names: string[] = [];
  try {
    names = readdirSync(dir);
  } catch {
    // nothing to sweep
  }
  // temporary files of this process (other threads writing now) share its pid and are left alone
  for (const n of names) if (TEMP.test(n) && !n.includes(`.${process.pid}.`)) rmSync(path.join(dir, n), { force: true });
  ready.add(dir);
}

/**
 * The 8 hex digits of a temporary name: a random start per thread, then counted up (one random draw per thread
 * instead of one per file; threads of one process start at different random points).
 */
let tempSerial = randomBytes(4).readUInt32BE(0);
function tempSuffix(): string {
  tempSerial = (tempSerial + 1) >>> 0;
  return tempSerial.toString(16).padStart(8, '0');
}

export function writeAtomicSync(target: string, content: string): void {
  const dir = path.dirname(target);
  prepareFolder(dir);
  const prefix = `.${path.basename(target)}.${process.pid}.`;
  for (let attempt = 0; ; attempt++) {
    const tmp = path.join(dir, `${prefix}${tempSuffix()}.tmp`);
    try {
      // no fsync: the rename is what makes a killed run leave only complete files; syncing every small file
      // would cost about a third of a run's time and guard only against power loss
      writeFileSync(tmp, content, { encoding: 'utf8', flag: 'wx', mode: 0o644 });
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
