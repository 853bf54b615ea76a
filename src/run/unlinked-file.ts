/**
 * A temporary file without a name: opened for reading and writing in a fresh folder of the system's temporary
 * folder, then the folder removed, so that the open file lives on only through its descriptor and nothing is left
 * behind however the process ends. The spill files of a run (report entries, verified pairs, report details, index
 * features) are such files.
 */
import { mkdtempSync, openSync, readSync, rmSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

/** Opens a nameless temporary file (`prefix` names its short-lived folder); returns its descriptor. */
export function openUnlinkedFile(prefix: string): number {
  const dir = mkdtempSync(path.join(tmpdir(), `newsclean-${prefix}-`));
  try {
    return openSync(path.join(dir, 'data'), 'w+', 0o600);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/**
 * Reads the blocks a file holds for one partition (at `at[k]`, `len[k]` units of `unit` bytes each), in order, into
 * `bytes`; `what` names the file in the error a file cut short gives.
 */
export function readBlocks(fd: number, bytes: Uint8Array, at: readonly number[], len: readonly number[], unit: number, what: string): void {
  let to = 0;
  for (let k = 0; k < at.length; k++) {
    const want = len[k]! * unit;
    let n = 0;
    while (n < want) {
      const got = readSync(fd, bytes, to + n, want - n, at[k]! + n);
      if (got === 0) throw new Error(`${what} was cut short`);
      n += got;
    }
    to += want;
  }
}

/** Writes all of `bytes` at offset `at` of the file (a short write is continued). */
export function writeAll(fd: number, bytes: Uint8Array, at: number): void {
  let n = 0;
  while (n < bytes.length) n += writeSync(fd, bytes, n, bytes.length - n, at + n);
}
