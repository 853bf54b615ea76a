/**
 * Finding the input files: directories walked in sorted order with fs.readdir (no recursion, symlinks not
 * followed unless asked, loops impossible), globs through fast-glob on safe options. Everything passed over is
 * reported with a reason; nothing is silently dropped.
 *
 * Inputs are a set. Every file is known by its device and inode (taken with lstat as it is listed), so a file reached
 * twice — `inbox inbox`, a folder and a file in it, a glob over it, its subfolder — is read once and reported once, and
 * a second name for one file (a hard link, a followed link) is reported as skipped. An input argument inside another
 * one's folder is read as part of that folder, so its files get the same names and outputs as through the outer one.
 * The identity is checked again when the file is opened (see task.ts): a file swapped for another after the walk is
 * refused.
 *
 * Names that are not valid UTF-8 are kept as bytes (Buffer paths) and shown with `\xHH` escapes (see names.ts).
 * The output folder, and any folder that holds a newsclean manifest (an earlier run's output), is never read as input.
 */
import { lstatSync, readdirSync, realpathSync, statSync, type Dirent, type Stats } from 'node:fs';
import path from 'node:path';
import fg from 'fast-glob';
import type { ErrorCode } from '../types.js';
import { joinPath, showBytes, type FsPath } from './names.js';
import { MANIFEST } from './outdir.js';

export interface InputFile {
  /** The path to open: absolute, as bytes when a name in it is not valid UTF-8; for a followed link, its target. */
  abs: FsPath;
  /** The path as the user would write it: the input argument joined with the relative path. */
  display: string;
  /** Which input argument (root) it came from. */
  root: number;
  /** Path relative to its root, with forward slashes (names that are not UTF-8 escaped). */
  rel: string;
  /** Device and inode when it was listed (0 for an entry with an error). */
  dev: number;
  ino: number;
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
  /**
   * Devices and inodes (`dev:ino`) of the inputs that may have another name, possibly in the output folder: files with
   * more than one hard link, files named as arguments and files reached through links.
   */
  shared: Set<string>;
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
  if (!arg) return rel;
  return arg.endsWith('/') ? `${arg}${rel}` : `${arg}/${rel}`;
}

const byName = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

const lstatOf = (p: FsPath): Stats | undefined => {
  try {
    return lstatSync(p);
  } catch {
    return undefined;
  }
};
const statOf = (p: FsPath): Stats | undefined => {
  try {
    return statSync(p);
  } catch {
    return undefined;
  }
};
const realOf = (p: FsPath): FsPath | undefined => {
  try {
    return typeof p === 'string' ? realpathSync(p) : realpathSync(p, { encoding: 'buffer' });
  } catch {
    return undefined;
  }
};
/** A real path as text, for comparing folders (a path that is not UTF-8 shown escaped, never equal to a real one). */
const realText = (p: FsPath): string => (typeof p === 'string' ? p : showBytes(p));

/** What the walk records for every root, to place the files of a root found inside another one. */
interface Root {
  /** Absolute folder. */
  abs: string;
  /** What relative paths are joined to in `display` ('' for the current folder). */
  displayBase: string;
}

/** A skipped entry, with its place (so that a root read inside another is shown through the outer one). */
interface SkipRecord extends Skipped {
  root: number;
  rel: string;
}

class Walker {
  readonly files: InputFile[] = [];
  readonly skipped: SkipRecord[] = [];
  readonly missing: string[] = [];
  readonly roots: Root[] = [];
  readonly shared = new Set<string>();
  /** Devices and inodes of the folders never read (the output folder). */
  private readonly excludedIds = new Set<string>();
  /** Real paths of those folders (for globs and links, which are checked by path). */
  private readonly excludedReal: string[];
  /** Folders (by real path) known to be, or not to be, inside a newsclean output folder. */
  private readonly outputFolders = new Map<string, boolean>();

  constructor(private readonly options: WalkOptions) {
    this.excludedReal = [];
    for (const e of options.exclude) {
      const st = statOf(e);
      if (st) this.excludedIds.add(`${st.dev}:${st.ino}`);
      this.excludedReal.push(realText(realOf(e) ?? path.resolve(e)));
    }
  }

  private isExcludedId(st: Stats): boolean {
    return this.excludedIds.size > 0 && this.excludedIds.has(`${st.dev}:${st.ino}`);
  }

  private isExcludedReal(real: string): boolean {
    return this.excludedReal.some((e) => real === e || real.startsWith(e + path.sep));
  }

  /** Whether a folder (real path) below `stop` is, or is inside, a folder holding a newsclean manifest. */
  private inOutputFolder(dir: string, stop: string): boolean {
    if (dir === stop || !dir.startsWith(stop === '/' ? '/' : stop + path.sep)) return false;
    const key = `${stop}\0${dir}`;
    const known = this.outputFolders.get(key);
    if (known !== undefined) return known;
    const found = (lstatOf(path.join(dir, MANIFEST))?.isFile() ?? false) || this.inOutputFolder(path.dirname(dir), stop);
    this.outputFolders.set(key, found);
    return found;
  }

  private skip(root: number, rel: string, display: string, reason: string): void {
    this.skipped.push({ path: display, reason, root, rel });
  }

  async add(arg: string): Promise<void> {
    const { cwd } = this.options;
    const abs = path.resolve(cwd, arg);
    const root = this.roots.length;
    const lst = lstatOf(abs);
    const st = lst?.isSymbolicLink() ? statOf(abs) : lst;
    if (!st) {
      if (lst?.isSymbolicLink()) {
        this.roots.push({ abs: path.dirname(abs), displayBase: parentDisplay(arg) });
        this.skip(root, path.basename(abs), arg, 'dangling symbolic link');
        return;
      }
      if (GLOB_CHARS.test(arg)) {
        await this.addGlob(arg, root);
        return;
      }
      this.missing.push(arg);
      return;
    }
    if (st.isDirectory()) {
      this.roots.push({ abs, displayBase: arg });
      this.walkDir(abs, arg, root);
      return;
    }
    this.roots.push({ abs: path.dirname(abs), displayBase: parentDisplay(arg) });
    const rel = path.basename(abs);
    // a file named as an argument is read even through a link; it is then opened at its real path
    const io = lst!.isSymbolicLink() ? (realOf(abs) ?? abs) : abs;
    const file: InputFile = { abs: io, display: arg, root, rel, dev: st.dev, ino: st.ino };
    if (!st.isFile()) file.error = { code: 'not-a-file', message: `${kindOf(st)}, not a regular file` };
    this.files.push(file);
    this.shared.add(`${st.dev}:${st.ino}`);
  }

  private async addGlob(arg: string, root: number): Promise<void> {
    const { cwd, includeHidden } = this.options;
    const base = globBase(arg);
    const baseAbs = path.resolve(cwd, base);
    this.roots.push({ abs: baseAbs, displayBase: base === '.' ? '' : base.replace(/\/$/, '') });
    const entries = (await fg(arg, { cwd, followSymbolicLinks: false, suppressErrors: true, onlyFiles: true, dot: includeHidden, absolute: true, unique: true, objectMode: true })).sort((a, b) => byName(a.path, b.path));
    if (entries.length === 0) this.missing.push(arg);
    const baseReal = realText(realOf(baseAbs) ?? baseAbs);
    // the real path of an entry that is not a link is its folder's real path and its name: one realpath per folder
    const folderReal = new Map<string, string>();
    const realDirOf = (dir: string): string => {
      let r = folderReal.get(dir);
      if (r === undefined) {
        r = realText(realOf(dir) ?? dir);
        folderReal.set(dir, r);
      }
      return r;
    };
    for (const e of entries) {
      // a name that is not UTF-8 comes back from the glob decoded (with U+FFFD): it is found again as bytes
      const paths: FsPath[] = e.path.includes('\uFFFD') ? bytePathsFor(e.path) : [e.path];
      for (const m of paths) {
        const shown = realText(m);
        const link = e.dirent.isSymbolicLink();
        const real = link ? realText(realOf(m) ?? m) : path.join(realDirOf(path.dirname(shown)), path.basename(shown));
        if (this.isExcludedReal(real)) continue;
        const rel = path.relative(baseAbs, shown).split(path.sep).join('/');
        const display = joinDisplay(base === '.' ? '' : base.replace(/\/$/, ''), rel).replace(/^\//, '');
        if (this.inOutputFolder(path.dirname(real), baseReal)) {
          this.skip(root, rel, display, 'inside a newsclean output folder (it holds a manifest), never read as input');
          continue;
        }
        this.addEntry(m, display, root, rel, link, baseReal);
      }
    }
  }

  /** A listed entry that is a file or a link (folders are walked by walkDir). */
  private addEntry(abs: FsPath, display: string, root: number, rel: string, link: boolean, rootReal: string): void {
    if (link) {
      this.addLink(abs, display, root, rel, rootReal, null);
      return;
    }
    const st = lstatOf(abs);
    if (!st) {
      this.files.push({ abs, display, root, rel, dev: 0, ino: 0, error: { code: 'unreadable', message: 'the file disappeared while the inputs were listed' } });
      return;
    }
    const file: InputFile = { abs, display, root, rel, dev: st.dev, ino: st.ino };
    if (!st.isFile()) file.error = { code: 'not-a-file', message: `${kindOf(st)}, not a regular file` };
    else if (st.nlink > 1) this.shared.add(`${st.dev}:${st.ino}`);
    this.files.push(file);
  }

  /** A symbolic link met in a folder: followed only on request, and only to a place inside its root. */
  private addLink(abs: FsPath, display: string, root: number, rel: string, rootReal: string, linked: Array<{ rel: string; real: string; io: FsPath; display: string }> | null): void {
    const target = statOf(abs);
    if (!target) {
      this.skip(root, rel, display, 'dangling symbolic link');
      return;
    }
    const realPath = realOf(abs) ?? abs;
    const real = realText(realPath);
    if ((target.isDirectory() && this.isExcludedId(target)) || this.isExcludedReal(real)) {
      this.skip(root, rel, display, 'the output folder is never read as input');
      return;
    }
    if (!this.options.followSymlinks) {
      this.skip(root, rel, display, 'symbolic link, not followed (use --follow-symlinks)');
      return;
    }
    if (real !== rootReal && !real.startsWith(rootReal + path.sep)) {
      this.skip(root, rel, display, 'symbolic link pointing outside the input folder');
      return;
    }
    if (target.isDirectory()) {
      if (linked) linked.push({ rel, real, io: realPath, display });
      else this.skip(root, rel, display, 'symbolic link to a folder (globs do not follow them)');
    } else if (target.isFile()) {
      this.files.push({ abs: realPath, display, root, rel, dev: target.dev, ino: target.ino });
      this.shared.add(`${target.dev}:${target.ino}`);
    }
    else this.files.push({ abs: realPath, display, root, rel, dev: 0, ino: 0, error: { code: 'not-a-file', message: `${kindOf(target)}, not a regular file` } });
  }

  private walkDir(rootAbs: string, arg: string, root: number): void {
    const rootReal = realText(realOf(rootAbs) ?? rootAbs);
    const visited = new Map<string, string>([[rootReal, arg]]);
    // folders to read: their path relative to the root, the path to read them by, and their real path
    const queue: Array<{ rel: string; io: FsPath; real: string }> = [{ rel: '', io: rootAbs, real: rootReal }];
    // Linked folders are read after every real one, so a folder reached both ways is read once, by its own path.
    const linked: Array<{ rel: string; real: string; io: FsPath; display: string }> = [];
    while (queue.length > 0 || linked.length > 0) {
      if (queue.length === 0) {
        const l = linked.shift()!;
        const seen = visited.get(l.real);
        if (seen !== undefined) {
          this.skip(root, l.rel, l.display, `symbolic link to a folder already read (${seen})`);
          continue;
        }
        visited.set(l.real, l.display);
        queue.push({ rel: l.rel, io: l.io, real: l.real });
      }
      const { rel: relDir, io: absDir, real: realDir } = queue.shift()!;
      let entries: Array<{ name: string; raw: Buffer | null; dirent: Dirent }>;
      try {
        entries = readNames(absDir);
      } catch (e) {
        this.files.push({ abs: absDir, display: joinDisplay(arg, relDir), root, rel: relDir || '.', dev: 0, ino: 0, error: { code: 'unreadable', message: `folder cannot be read (${(e as NodeJS.ErrnoException).code ?? 'error'})` } });
        continue;
      }
      if (relDir && entries.some((e) => e.name === MANIFEST)) {
        this.skip(root, relDir, joinDisplay(arg, relDir), 'a newsclean output folder (it holds a manifest), never read as input');
        continue;
      }
      entries.sort((a, b) => byName(a.name, b.name));
      const subdirs: Array<{ rel: string; io: FsPath; real: string }> = [];
      for (const { name, raw, dirent } of entries) {
        const rel = relDir ? `${relDir}/${name}` : name;
        const abs = joinPath(absDir, raw ?? name);
        const display = joinDisplay(arg, rel);
        if (name.startsWith('.') && !this.options.includeHidden) {
          this.skip(root, rel, display, 'hidden (use --hidden to read it)');
          continue;
        }
        if (dirent.isSymbolicLink()) {
          this.addLink(abs, display, root, rel, rootReal, linked);
          continue;
        }
        if (dirent.isDirectory()) {
          const st = lstatOf(abs);
          if (st && this.isExcludedId(st)) {
            this.skip(root, rel, display, 'the output folder is never read as input');
            continue;
          }
          const real = path.join(realDir, name);
          if (visited.has(real)) continue;
          visited.set(real, display);
          subdirs.push({ rel, io: abs, real });
        } else if (dirent.isFile()) this.addEntry(abs, display, root, rel, false, rootReal);
        else this.files.push({ abs, display, root, rel, dev: 0, ino: 0, error: { code: 'not-a-file', message: `${kindOf(dirent)}, not a regular file` } });
      }
      queue.unshift(...subdirs); // depth-first, in name order
    }
  }
}

/** The display of an argument's folder ('' for the current folder). */
function parentDisplay(arg: string): string {
  const d = path.dirname(arg);
  return d === '.' && !arg.startsWith('./') ? '' : d;
}

/**
 * A folder's entries with their names as text. Read as UTF-8 first; a folder with a name that is not (it decodes with
 * U+FFFD) is read again as bytes, and such a name keeps its bytes for opening.
 */
function readNames(dir: FsPath): Array<{ name: string; raw: Buffer | null; dirent: Dirent }> {
  if (typeof dir === 'string') {
    const ds = readdirSync(dir, { withFileTypes: true });
    if (!ds.some((d) => d.name.includes('\uFFFD'))) return ds.map((d) => ({ name: d.name, raw: null, dirent: d }));
  }
  const ds = readdirSync(dir as Buffer, { withFileTypes: true, encoding: 'buffer' }) as unknown as Array<Dirent & { name: Buffer }>;
  return ds.map((d) => {
    const name = showBytes(d.name);
    const plain = d.name.toString('utf8') === name;
    return { name, raw: plain ? null : d.name, dirent: d };
  });
}

/** Every path on disk whose decoding (with U+FFFD for what is not UTF-8) is `decoded`. */
function bytePathsFor(decoded: string): FsPath[] {
  const parts = decoded.split('/');
  let found: FsPath[] = [parts[0] === '' ? '/' : parts[0]!];
  for (const part of parts.slice(1)) {
    if (!part) continue;
    const next: FsPath[] = [];
    for (const dir of found) {
      if (!part.includes('\uFFFD')) {
        next.push(joinPath(dir, part));
        continue;
      }
      try {
        for (const n of readdirSync(dir as Buffer, { encoding: 'buffer' }) as Buffer[]) if (n.toString('utf8') === part) next.push(joinPath(dir, n));
      } catch {
        // gone since the glob listed it: nothing to add
      }
    }
    found = next;
  }
  return found;
}

export async function collectInputs(inputs: string[], options: WalkOptions): Promise<WalkResult> {
  const w = new Walker(options);
  for (const arg of inputs) await w.add(arg);
  const { files, skipped } = mergeRoots(w.files, w.skipped, w.roots);
  return { files, skipped, missing: w.missing, roots: w.roots.map((r) => r.abs), shared: w.shared };
}

/**
 * Makes the inputs a set: a root inside another root's folder is read as part of the outer one (its files take their
 * path from there), then a file reached twice is kept once, in (root, path) order. The same file under another name
 * (a hard link, a followed link) is reported as skipped.
 */
function mergeRoots(files: InputFile[], skipped: SkipRecord[], roots: Root[]): { files: InputFile[]; skipped: Skipped[] } {
  const real = roots.map((r) => realText(realOf(r.abs) ?? r.abs));
  // each root's outermost container (itself when none), and the path from there
  const outer = roots.map((_, j) => {
    let best = j;
    for (let i = 0; i < roots.length; i++) {
      if (i === j) continue;
      const inside = real[j] === real[i] || real[j]!.startsWith(real[i] === '/' ? '/' : real[i] + path.sep);
      if (inside && (real[i]!.length < real[best]!.length || (real[i]!.length === real[best]!.length && i < best))) best = i;
    }
    return best;
  });
  const moved = outer.some((o, j) => o !== j);
  if (moved) {
    const prefix = (j: number): string => path.relative(real[outer[j]!]!, real[j]!).split(path.sep).join('/');
    const place = (x: { root: number; rel: string; display: string }): void => {
      const o = outer[x.root]!;
      if (o === x.root) return;
      const p = prefix(x.root);
      x.rel = p ? `${p}/${x.rel}` : x.rel;
      x.display = joinDisplay(roots[o]!.displayBase, x.rel);
      x.root = o;
    };
    for (const f of files) place(f);
    for (const s of skipped) placeSkip(s, place);
  }
  const order = (a: { root: number; rel: string }, b: { root: number; rel: string }): number => a.root - b.root || byName(a.rel, b.rel);
  files.sort(order);
  const kept: InputFile[] = [];
  const byId = new Map<string, InputFile>();
  const samePlace = new Set<string>();
  const extra: Skipped[] = [];
  for (const f of files) {
    const where = `${f.root}\0${f.rel}`;
    if (samePlace.has(where)) continue;
    samePlace.add(where);
    if (f.ino !== 0) {
      const id = `${f.dev}:${f.ino}`;
      const first = byId.get(id);
      if (first) {
        extra.push({ path: f.display, reason: `the same file as ${first.display} (read once)` });
        continue;
      }
      byId.set(id, f);
    }
    kept.push(f);
  }
  // two files shown alike (a name that is not UTF-8, escaped, and one spelt with that escape) stay told apart
  const shown = new Set<string>();
  for (const f of kept) {
    let d = f.display;
    for (let n = 2; shown.has(d); n++) d = `${f.display} (${n})`;
    shown.add(d);
    f.display = d;
  }
  const seenSkip = new Set<string>();
  const out: Skipped[] = [];
  for (const s of [...skipped].sort(order)) {
    const key = `${s.root}\0${s.rel}\0${s.reason}`;
    if (seenSkip.has(key)) continue;
    seenSkip.add(key);
    out.push({ path: s.path, reason: s.reason });
  }
  return { files: kept, skipped: [...out, ...extra] };
}

function placeSkip(s: SkipRecord, place: (x: { root: number; rel: string; display: string }) => void): void {
  const x = { root: s.root, rel: s.rel, display: s.path };
  place(x);
  s.root = x.root;
  s.rel = x.rel;
  s.path = x.display;
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
