import { createHash } from 'node:crypto';
import { chmodSync, mkdtempSync, readdirSync, readFileSync, lstatSync, readlinkSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll } from 'vitest';

/** Folders made by this test file, removed when it ends. */
const made: string[] = [];

/** Removes a folder, also one a test made read-only (its folders writable again first). */
function removeTree(dir: string): void {
  const open = (d: string): void => {
    try {
      chmodSync(d, 0o755);
      for (const e of readdirSync(d, { withFileTypes: true })) if (e.isDirectory()) open(path.join(d, e.name));
    } catch {
      // gone already, or not ours to change: rmSync reports nothing either way
    }
  };
  open(dir);
  rmSync(dir, { recursive: true, force: true });
}

afterAll(() => {
  for (const dir of made.splice(0)) removeTree(dir);
});

/** A new empty folder under the system's temporary folder, removed after the test file's tests. */
export function tempDir(prefix = 'newsclean-'): string {
  const dir = mkdtempSync(path.join(tmpdir(), prefix));
  made.push(dir);
  return dir;
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

/** The manifest newsclean keeps at the top of an output folder (what it wrote there). */
export const MANIFEST = '.newsclean-manifest.jsonl';

/** Every file under a folder (relative paths, sorted), except newsclean's manifest at its top. */
export function listFiles(root: string): string[] {
  const out: string[] = [];
  const stack = [''];
  while (stack.length) {
    const rel = stack.pop()!;
    const abs = path.join(root, rel);
    const st = lstatSync(abs);
    if (st.isDirectory()) for (const n of readdirSync(abs)) stack.push(path.join(rel, n));
    else if (rel !== MANIFEST) out.push(rel);
  }
  return out.sort();
}
