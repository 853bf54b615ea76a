/**
 * Atomic writes: a temporary file in the same folder, then renamed over the target, so a run killed at
 * any moment (even with SIGKILL) leaves only complete Markdown files. Temporary files are hidden
 * (`.<name>.<pid>.<random>.tmp`); the first write of a later run into a folder sweeps any left there by a
 * killed run.
 */
import { mkdir, open, readdir, rename, rm } from 'node:fs/promises';
import path from 'node:path';
import { randomBytes } from 'node:crypto';

const TEMP = /^\..+\.\d+\.[0-9a-f]{8}\.tmp$/;
const swept = new Set<string>();

async function sweep(dir: string): Promise<void> {
  if (swept.has(dir)) return;
  swept.add(dir);
  const names = await readdir(dir).catch(() => [] as string[]);
  await Promise.all(names.filter((n) => TEMP.test(n) && !n.includes(`.${process.pid}.`)).map((n) => rm(path.join(dir, n), { force: true })));
}

export async function writeAtomic(target: string, content: string): Promise<void> {
  const dir = path.dirname(target);
  await mkdir(dir, { recursive: true });
  await sweep(dir);
  const tmp = path.join(dir, `.${path.basename(target)}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`);
  const fh = await open(tmp, 'wx', 0o644);
  try {
    // no fsync: the rename is what makes a killed run leave only complete files; syncing every small file
    // would cost about a third of a run's time and guard only against power loss
    await fh.writeFile(content, 'utf8');
  } finally {
    await fh.close();
  }
  try {
    await rename(tmp, target);
  } catch (e) {
    await rm(tmp, { force: true });
    throw e;
  }
}
