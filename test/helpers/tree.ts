import { createHash } from 'node:crypto';
import { mkdtempSync, readdirSync, readFileSync, lstatSync, readlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

export function tempDir(prefix = 'newsclean-'): string {
  return mkdtempSync(path.join(tmpdir(), prefix));
}

/** A hash of a whole tree: names, types, modes, contents and link targets, without following links. */
export function hashTree(root: string): string {
  const h = createHash('sha256');
  const stack = [''];
  while (stack.length) {
    const rel = stack.pop()!;
    const abs = path.join(root, rel);
    const st = lstatSync(abs);
    h.update(`${rel}\0${st.mode}\0${st.isFile() ? st.size : 0}\0${Math.floor(st.mtimeMs)}\0`);
    if (st.isSymbolicLink()) h.update(readlinkSync(abs));
    else if (st.isFile()) h.update(readFileSync(abs));
    else if (st.isDirectory()) for (const n of readdirSync(abs).sort().reverse()) stack.push(path.join(rel, n));
  }
  return h.digest('hex');
}

export function listFiles(root: string): string[] {
  const out: string[] = [];
  const stack = [''];
  while (stack.length) {
    const rel = stack.pop()!;
    const abs = path.join(root, rel);
    const st = lstatSync(abs);
    if (st.isDirectory()) for (const n of readdirSync(abs)) stack.push(path.join(rel, n));
    else out.push(rel);
  }
  return out.sort();
}
