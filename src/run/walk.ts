/**
 * Finding the input files: directories walked in sorted order with fs.readdir (no recursion, symlinks not
 * followed unless asked, loops impossible), globs through fast-glob on safe options. Everything passed over is
 * reported with a reason; nothing is silently dropped.
 */
import { lstat, readdir, realpath, stat } from 'node:fs/promises';
import path from 'node:path';
import fg from 'fast-glob';
import type { ErrorCode } from '../types.js';

export interface InputFile {
  /** Absolute path. */
  abs: string;
  /** The path as the user would write it: the input argument joined with the relative path. */
  display: string;
  /** Which input argument (root) it came from. */
  root: number;
  /** Path relative to its root, with forward slashes. */
  rel: string;
  /** Set when the entry is known to be unusable before reading it. */
  error?: { code: ErrorCode; message: string };
}

export interface Skipped {
  path: string;
  reason: string;
}

export interface WalkOptions {
  cwd: string;
  /** Absolute paths never read as input (the output folder). */
  exclude: string[];
  followSymlinks: boolean;
  includeHidden: boolean;
}

export interface WalkResult {
  files: InputFile[];
  skipped: Skipped[];
  /** Input arguments that do not exist (a usage error). */
  missing: string[];
  /** The root folder of each input argument. */
  roots: string[];
}

const GLOB_CHARS = /[*?[\]{}!]/;

function kindOf(s: { isFIFO(): boolean; isSocket(): boolean; isCharacterDevice(): boolean; isBlockDevice(): boolean }): string {
  if (s.isFIFO()) return 'a FIFO (named pipe)';
  if (s.isSocket()) return 'a socket';
  if (s.isCharacterDevice() || s.isBlockDevice()) return 'a device';
  return 'not a regular file';
}

function joinDisplay(arg: string, rel: string): string {
  if (!rel) return arg;
  return arg.endsWith('/') ? `${arg}${rel}` : `${arg}/${rel}`;
}

const byName = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

export async function collectInputs(inputs: string[], options: WalkOptions): Promise<WalkResult> {
  const files: InputFile[] = [];
  const skipped: Skipped[] = [];
  const missing: string[] = [];
  const roots: string[] = [];
  const exclude = await Promise.all(options.exclude.map(async (p) => realpath(p).catch(() => path.resolve(p))));
  const isExcludedReal = (real: string): boolean => exclude.some((e) => real === e || real.startsWith(e + path.sep));
  const isExcluded = async (abs: string): Promise<boolean> => isExcludedReal(await realpath(abs).catch(() => abs));
  // the real path of an entry that is not a link is its folder's real path and its name: one realpath per folder
  const folderReal = new Map<string, Promise<string>>();
  const realOf = (abs: string, isLink: boolean): Promise<string> => {
    if (isLink) return realpath(abs).catch(() => abs);
    const dir = path.dirname(abs);
    let r = folderReal.get(dir);
    if (!r) {
      r = realpath(dir).catch(() => dir);
      folderReal.set(dir, r);
    }
    return r.then((d) => path.join(d, path.basename(abs)));
  };

  for (const arg of inputs) {
    const abs = path.resolve(options.cwd, arg);
    const root = roots.length;
    let st;
    try {
      st = await stat(abs);
    } catch {
      st = undefined;
    }
    if (!st) {
      const lst = await lstat(abs).catch(() => undefined);
      if (lst?.isSymbolicLink()) {
        roots.push(path.dirname(abs));
        skipped.push({ path: arg, reason: 'dangling symbolic link' });
        continue;
      }
      if (GLOB_CHARS.test(arg)) {
        const base = globBase(arg);
        roots.push(path.resolve(options.cwd, base));
        const entries = (await fg(arg, { cwd: options.cwd, followSymbolicLinks: false, suppressErrors: true, onlyFiles: true, dot: options.includeHidden, absolute: true, unique: true, objectMode: true })).sort((a, b) => byName(a.path, b.path));
        if (entries.length === 0) missing.push(arg);
        const reals = await Promise.all(entries.map((e) => realOf(e.path, e.dirent.isSymbolicLink())));
        for (const [k, { path: m }] of entries.entries()) {
          if (isExcludedReal(reals[k]!)) continue;
          const rel = path.relative(roots[root]!, m).split(path.sep).join('/');
          files.push({ abs: m, display: joinDisplay(base === '.' ? '' : base.replace(/\/$/, ''), rel).replace(/^\//, ''), root, rel });
        }
        continue;
      }
      missing.push(arg);
      continue;
    }
    if (st.isDirectory()) {
      roots.push(abs);
      await walkDir(abs, arg, root, options, files, skipped, isExcluded, isExcludedReal);
    } else {
      roots.push(path.dirname(abs));
      const rel = path.basename(abs);
      const file: InputFile = { abs, display: arg, root, rel };
      if (!st.isFile()) file.error = { code: 'not-a-file', message: `${kindOf(st)}, not a regular file` };
      files.push(file);
    }
  }
  return { files, skipped, missing, roots };
}

async function walkDir(
  rootAbs: string,
  arg: string,
  root: number,
  options: WalkOptions,
  files: InputFile[],
  skipped: Skipped[],
  isExcluded: (abs: string) => Promise<boolean>,
  isExcludedReal: (real: string) => boolean,
): Promise<void> {
  const rootReal = await realpath(rootAbs).catch(() => rootAbs);
  const visited = new Map<string, string>([[rootReal, arg]]);
  // folders to read: their path relative to the root, and their real path
  const queue: Array<{ rel: string; real: string }> = [{ rel: '', real: rootReal }];
  // Linked folders are read after every real one, so a folder reached both ways is read once, by its own path.
  const linked: Array<{ rel: string; real: string; display: string }> = [];
  while (queue.length > 0 || linked.length > 0) {
    if (queue.length === 0) {
      const l = linked.shift()!;
      const seen = visited.get(l.real);
      if (seen !== undefined) {
        skipped.push({ path: l.display, reason: `symbolic link to a folder already read (${seen})` });
        continue;
      }
      visited.set(l.real, l.display);
      queue.push({ rel: l.rel, real: l.real });
    }
    const { rel: relDir, real: realDir } = queue.shift()!;
    const absDir = relDir ? path.join(rootAbs, relDir) : rootAbs;
    let names: Array<{ name: string; dirent: import('node:fs').Dirent }>;
    try {
      names = (await readdir(absDir, { withFileTypes: true })).map((d) => ({ name: d.name, dirent: d }));
    } catch (e) {
      const rel = relDir || '.';
      files.push({ abs: absDir, display: joinDisplay(arg, relDir), root, rel, error: { code: 'unreadable', message: `folder cannot be read (${(e as NodeJS.ErrnoException).code ?? 'error'})` } });
      continue;
    }
    names.sort((a, b) => byName(a.name, b.name));
    const subdirs: Array<{ rel: string; real: string }> = [];
    for (const { name, dirent } of names) {
      const rel = relDir ? `${relDir}/${name}` : name;
      const abs = path.join(absDir, name);
      const display = joinDisplay(arg, rel);
      if (name.startsWith('.') && !options.includeHidden) {
        skipped.push({ path: display, reason: 'hidden (use --hidden to read it)' });
        continue;
      }
      // an entry that is not a link is where its folder really is
      const link = dirent.isSymbolicLink();
      if (link ? await isExcluded(abs) : isExcludedReal(path.join(realDir, name))) {
        skipped.push({ path: display, reason: 'the output folder is never read as input' });
        continue;
      }
      if (dirent.isSymbolicLink()) {
        const target = await stat(abs).catch(() => undefined);
        if (!target) {
          skipped.push({ path: display, reason: 'dangling symbolic link' });
          continue;
        }
        if (!options.followSymlinks) {
          skipped.push({ path: display, reason: 'symbolic link, not followed (use --follow-symlinks)' });
          continue;
        }
        const real = await realpath(abs).catch(() => abs);
        if (real !== rootReal && !real.startsWith(rootReal + path.sep)) {
          skipped.push({ path: display, reason: 'symbolic link pointing outside the input folder' });
          continue;
        }
        if (target.isDirectory()) linked.push({ rel, real, display });
        else if (target.isFile()) files.push({ abs, display, root, rel });
        else files.push({ abs, display, root, rel, error: { code: 'not-a-file', message: `${kindOf(target)}, not a regular file` } });
        continue;
      }
      if (dirent.isDirectory()) {
        const real = path.join(realDir, name);
        if (visited.has(real)) continue;
        visited.set(real, display);
        subdirs.push({ rel, real });
      } else if (dirent.isFile()) files.push({ abs, display, root, rel });
      else files.push({ abs, display, root, rel, error: { code: 'not-a-file', message: `${kindOf(dirent)}, not a regular file` } });
    }
    queue.unshift(...subdirs); // depth-first, in name order
  }
}

/** The static folder part of a glob ("inbox/**\/*.html" → "inbox"). */
export function globBase(pattern: string): string {
  const parts = pattern.split('/');
  const out: string[] = [];
  for (const p of parts) {
    if (GLOB_CHARS.test(p)) break;
    out.push(p);
  }
  if (out.length === parts.length) out.pop();
  const base = out.join('/');
  return base || (pattern.startsWith('/') ? '/' : '.');
}
