/**
 * Output paths: the input tree mirrored under --out, each file ending in `.md`. Paths come only from the input's
 * place in the tree — never from titles, permalinks or front matter — and are checked to stay inside --out.
 *
 * Naming is decided for the whole input set before anything is written, and is injective: no two inputs share an
 * output, and no output file stands where another output needs a folder. Names are compared without case (and in
 * NFC), so that the tree is the same on a case-insensitive file system. An input whose plain name (`a.txt` → `a.md`)
 * is taken keeps its whole name (`a.txt.md`); if that is taken too, a stable hash of its path is added
 * (`a~1b2c3d4e.md`). A name over 255 bytes is shortened, with the same hash. Both are said in the report.
 */
import { createHash } from 'node:crypto';
import path from 'node:path';
import type { InputFile } from './walk.js';
import { byteLength, truncateUtf8 } from './names.js';

/** Bytes a file name may have (NAME_MAX on Linux and most systems). */
export const NAME_MAX = 255;

export interface OutputPlan {
  /** Output path (relative to the output folder, forward slashes) of each input, by its index. */
  paths: string[];
  /** For inputs whose output is not named the plain way: why (said in the report). */
  notes: Map<number, string>;
}

/** The comparison key of a path: case and Unicode normalization folded. */
function keyOf(p: string): string {
  // eslint-disable-next-line no-control-regex
  return (/[^\x00-\x7f]/.test(p) ? p.normalize('NFC') : p).toLowerCase();
}

/** A stable 8-hex-digit hash of a path. */
function hash8(s: string): string {
  return createHash('sha256').update(s).digest('hex').slice(0, 8);
}

function split(rel: string): { dir: string; base: string } {
  const i = rel.lastIndexOf('/');
  return i < 0 ? { dir: '', base: rel } : { dir: rel.slice(0, i + 1), base: rel.slice(i + 1) };
}

function stemOf(base: string): string {
  const dot = base.lastIndexOf('.');
  return dot > 0 ? base.slice(0, dot) : base;
}

/** `stem~hash.md`, the stem cut so that the whole name fits in NAME_MAX bytes. */
function hashed(stem: string, h: string): string {
  const tail = `~${h}.md`;
  return `${truncateUtf8(stem, NAME_MAX - byteLength(tail))}${tail}`;
}

/** Maps each input to a path relative to the output folder. Two inputs never share an output. */
export function planOutputs(files: InputFile[], roots: string[]): OutputPlan {
  const live = [...new Set(files.map((f) => f.root))];
  const multi = live.length > 1;
  const labels = multi ? rootLabels(roots, live) : new Map<number, string>();
  const notes = new Map<number, string>();
  const prefixOf = (f: InputFile): string => (multi ? `${labels.get(f.root)}/` : '');
  // the plain name of each: the extension swapped for .md (a name too long for that shortened, with a hash)
  const paths = files.map((f, i) => {
    const { dir, base } = split(f.rel);
    let name = `${stemOf(base)}.md`;
    if (byteLength(name) > NAME_MAX) {
      name = hashed(stemOf(base), hash8(f.rel));
      notes.set(i, `output name shortened to ${byteLength(name)} bytes (the input's name is too long for one with .md)`);
    }
    return prefixOf(f) + dir + name;
  });
  // folders every output needs, and how many outputs want each name
  const dirs = new Set<string>();
  for (const p of paths) for (let d = path.posix.dirname(p); d !== '.'; d = path.posix.dirname(d)) {
    const k = keyOf(d);
    if (dirs.has(k)) break;
    dirs.add(k);
  }
  const wanted = new Map<string, number>();
  for (const p of paths) {
    const k = keyOf(p);
    wanted.set(k, (wanted.get(k) ?? 0) + 1);
  }
  const clash = (p: string): boolean => wanted.get(keyOf(p))! > 1 || dirs.has(keyOf(p));
  // names no other output can take: the clear plain names and the folders
  const taken = new Set<string>(dirs);
  for (const p of paths) if (!clash(p)) taken.add(keyOf(p));
  for (let i = 0; i < files.length; i++) {
    const plain = paths[i]!;
    if (!clash(plain)) continue;
    const f = files[i]!;
    const { dir, base } = split(f.rel);
    const prefix = prefixOf(f) + dir;
    const h = hash8(f.rel);
    const candidates = [`${base}.md`, hashed(stemOf(base), h)];
    for (let n = 2; n < 1000; n++) candidates.push(hashed(stemOf(base), `${h}-${n}`));
    const name = candidates.find((c) => byteLength(c) <= NAME_MAX && !taken.has(keyOf(prefix + c)))!;
    paths[i] = prefix + name;
    taken.add(keyOf(paths[i]!));
    const other = dirs.has(keyOf(plain)) ? 'a folder of other outputs' : 'the output of another input';
    notes.set(i, `output named ${name}: ${path.posix.basename(plain)} is ${other}${notes.has(i) ? '; the name is shortened' : ''}`);
  }
  return { paths, notes };
}

/** Distinct folder names (without case) for the roots whose files are written: the folder's name, else name-2, name-3 … */
function rootLabels(roots: string[], live: number[]): Map<number, string> {
  const names = new Map(live.map((r) => [r, truncateUtf8(path.basename(roots[r]!) || 'root', NAME_MAX - 8)]));
  const own = new Set([...names.values()].map(keyOf));
  const taken = new Set<string>();
  const labels = new Map<number, string>();
  for (const r of [...live].sort((a, b) => a - b)) {
    const name = names.get(r)!;
    let label = name;
    if (taken.has(keyOf(label))) {
      for (let n = 2; ; n++) {
        label = `${name}-${n}`;
        if (!taken.has(keyOf(label)) && !own.has(keyOf(label))) break;
      }
    }
    taken.add(keyOf(label));
    labels.set(r, label);
  }
  return labels;
}

/** The absolute output path for a relative one, refusing anything that would leave the output folder. */
export function safeJoin(outAbs: string, rel: string): string {
  const target = path.resolve(outAbs, rel);
  const back = path.relative(outAbs, target);
  if (!back || back.startsWith('..') || path.isAbsolute(back)) throw new Error(`output path escapes the output folder: ${rel}`);
  return target;
}
