/**
 * The output folder: checked and locked before any work, the manifest of what newsclean wrote there, the sweep of
 * what killed runs left, folders made without following links, and what a rerun removes. See docs/output-folder.md.
 *
 * - **Checked first.** A --out that is a file, lies under a file, cannot be created or is not writable is a usage
 *   error before any input is read.
 * - **Locked.** `.newsclean-lock` (made with O_EXCL) holds the pid, host and start time of the run that writes into
 *   the folder; a second run into it stops at once with a usage error. A lock whose run is gone (killed) is taken over.
 * - **Manifest.** `.newsclean-manifest.jsonl` lists every file newsclean wrote there. Before writing, the run records
 *   what it may write (the old list and the new plan); at the end, the files of the old list it did not write again
 *   (inputs deleted or renamed since, dropped duplicates, files that failed this time) are removed and reported, and
 *   the manifest lists exactly what is there. Files that are not in the manifest are never replaced or removed: an
 *   output path taken by one is a per-file `write-failed`. An interrupted run removes nothing and keeps both lists.
 * - **No links below --out.** Every folder under --out is made by newsclean with mkdir (never through a link), or
 *   checked to be a real folder: a file whose output folder is a link, or a file, fails with `write-failed`.
 * - **Sweep.** Temporary files and spools of runs whose process is gone are removed from every folder the run looks
 *   at (the folders of the plan and of the manifest), matched by the names newsclean gives them.
 */
import { closeSync, fstatSync, linkSync, lstatSync, mkdirSync, openSync, readdirSync, readFileSync, realpathSync, renameSync, rmdirSync, statSync, unlinkSync, writeSync, accessSync, constants } from 'node:fs';
import { hostname } from 'node:os';
import path from 'node:path';
import { UsageError } from './usage.js';
import { writeAtomicSync } from './write.js';

/** The manifest: what newsclean wrote into this folder. */
export const MANIFEST = '.newsclean-manifest.jsonl';
/** The lock of the run writing into this folder. */
export const LOCK = '.newsclean-lock';
/** Temporary files newsclean makes (atomic writes, spools), with the pid of the run that made them. */
export const TEMP_NAME = /^\.newsclean(?:-spool)?\.(\d+)\.[0-9a-f]{8}\.tmp$/;
const MANIFEST_HEADER = { newsclean: 'manifest', version: 1 };

type Kind = 'file' | 'dir' | 'link' | 'other';

const kindOf = (d: { isSymbolicLink(): boolean; isDirectory(): boolean; isFile(): boolean }): Kind => (d.isSymbolicLink() ? 'link' : d.isDirectory() ? 'dir' : d.isFile() ? 'file' : 'other');
const codeOf = (e: unknown): string => (e as NodeJS.ErrnoException).code ?? String(e);

/** This process's start time (clock ticks since boot, from /proc), to tell a live run from a reused pid. */
function startTime(pid: number): string | null {
  try {
    const s = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return s.slice(s.lastIndexOf(')') + 2).split(' ')[19] ?? null;
  } catch {
    return null;
  }
}

/** Whether process `pid` is running (and, when its start time is known, is the same process). */
export function processAlive(pid: number, started: string | null = null): boolean {
  if (!Number.isInteger(pid) || pid <= 0) return false;
  try {
    process.kill(pid, 0);
  } catch (e) {
    if (codeOf(e) === 'ESRCH') return false;
  }
  if (started !== null) {
    const now = startTime(pid);
    if (now !== null && now !== started) return false;
  }
  return true;
}

/** Whether a name is one of newsclean's temporary files whose run is gone. */
export function deadTemporary(name: string): boolean {
  const m = TEMP_NAME.exec(name);
  if (!m) return false;
  const pid = Number(m[1]);
  return pid !== process.pid && !processAlive(pid);
}

/** A manifest entry is a plain relative path inside the folder: anything else is refused. */
function validEntry(p: unknown): p is string {
  if (typeof p !== 'string' || p === '' || p.includes('\0') || p.startsWith('/')) return false;
  return p.split('/').every((s) => s !== '' && s !== '.' && s !== '..');
}

/**
 * Checks --out before any work, without making anything: a usage error when it is a file, lies under a file, cannot
 * be made or is not writable.
 */
function check(outAbs: string, shown: string): void {
  const fail = (why: string): never => {
    throw new UsageError(`cannot write to --out ${shown}: ${why}`);
  };
  let st;
  try {
    st = statSync(outAbs);
  } catch (e) {
    const code = codeOf(e);
    if (code === 'ENOTDIR') fail('a part of that path is a file, not a folder');
    if (code !== 'ENOENT') fail(`it cannot be read (${code})`);
  }
  if (st) {
    if (!st.isDirectory()) fail('it is a file, not a folder');
    try {
      accessSync(outAbs, constants.W_OK | constants.X_OK);
    } catch (e) {
      fail(`the folder is not writable (${codeOf(e)})`);
    }
    return;
  }
  // missing: its nearest existing folder must be a writable folder
  let up = path.dirname(outAbs);
  for (;;) {
    const s = (() => {
      try {
        return statSync(up);
      } catch {
        return undefined;
      }
    })();
    if (s) {
      if (!s.isDirectory()) fail(`${up} is a file, not a folder`);
      try {
        accessSync(up, constants.W_OK | constants.X_OK);
      } catch (e) {
        fail(`it cannot be made in ${up} (${codeOf(e)})`);
      }
      return;
    }
    const next = path.dirname(up);
    if (next === up) return;
    up = next;
  }
}

/** mkdir -p without `recursive` (which loops for ever where a folder cannot be made, as in /proc). Returns the first folder made. */
function makeFolders(dir: string): string | null {
  const missing: string[] = [];
  let at = dir;
  for (;;) {
    try {
      statSync(at);
      break;
    } catch (e) {
      if (codeOf(e) !== 'ENOENT') throw e;
    }
    missing.push(at);
    const up = path.dirname(at);
    if (up === at) break;
    at = up;
  }
  missing.reverse();
  for (const d of missing) {
    try {
      mkdirSync(d);
    } catch (e) {
      if (codeOf(e) !== 'EEXIST') throw e;
    }
  }
  return missing[0] ?? null;
}

interface LockInfo {
  pid: number;
  host: string;
  started: string | null;
}

/** A planned output that cannot be written, and why (a per-file write-failed). */
export interface Blocked {
  code: string;
  why: string;
}

export class OutputFolder {
  /** The real path of the folder: every output path is below it. */
  readonly real: string;
  /** What the manifest listed (paths relative to the folder), empty for a folder without one. */
  readonly previous: Set<string>;
  /** The folder had a manifest. */
  readonly hadManifest: boolean;
  /** Device and inode of the folder (the walk never reads it). */
  readonly dev: number;
  readonly ino: number;
  private readonly lockContent: string;
  private released = false;
  private readonly onExit: () => void;
  /** Listings of the folders looked at: name → kind (null: not a folder that can be listed). */
  private readonly listings = new Map<string, Map<string, Kind> | null>();
  /** Folders this run made, in the order made. */
  private readonly made: string[] = [];
  /** Outputs of earlier runs removed by this one (relative paths). */
  readonly removed: string[] = [];

  private constructor(
    readonly abs: string,
    /** --out as the user gave it (output paths are shown under it). */
    readonly shownPath: string,
    private readonly createdTop: string | null,
  ) {
    this.real = realpathSync(abs);
    const st = statSync(this.real);
    this.dev = st.dev;
    this.ino = st.ino;
    this.lockContent = `${JSON.stringify({ pid: process.pid, host: hostname(), started: startTime(process.pid) })}\n`;
    this.takeLock();
    this.onExit = () => this.dropLock();
    process.once('exit', this.onExit);
    try {
      const m = this.readManifest();
      this.previous = m ?? new Set();
      this.hadManifest = m !== null;
    } catch (e) {
      this.release();
      throw e;
    }
  }

  /** Checks, makes and locks --out; a usage error when it cannot be used or another run holds it. */
  static open(outAbs: string, shown: string): OutputFolder {
    check(outAbs, shown);
    let top: string | null;
    try {
      top = makeFolders(outAbs);
    } catch (e) {
      throw new UsageError(`cannot write to --out ${shown}: it cannot be made (${codeOf(e)})`);
    }
    return new OutputFolder(outAbs, shown, top);
  }

  private path(rel: string): string {
    return rel ? path.join(this.real, rel) : this.real;
  }

  private takeLock(): void {
    const lock = path.join(this.real, LOCK);
    const inUse = (held: LockInfo): UsageError =>
      new UsageError(`--out ${this.shownPath} is in use by another newsclean run (pid ${held.pid}${held.host !== hostname() ? ` on ${held.host}` : ''}); wait for it to end, or remove ${path.join(this.shownPath, LOCK)} if no run is going`);
    for (let attempt = 0; ; attempt++) {
      // the lock is written whole under another name, then linked to its name: it never exists half-written
      const tmp = path.join(this.real, `.newsclean.${process.pid}.${(0x10000000 + attempt).toString(16).slice(-8)}.tmp`);
      try {
        const fd = openSync(tmp, 'wx', 0o644);
        try {
          writeSync(fd, this.lockContent);
        } finally {
          closeSync(fd);
        }
      } catch (e) {
        throw new UsageError(`cannot write to --out ${this.shownPath}: the folder is not writable (${codeOf(e)})`);
      }
      let linked = false;
      try {
        linkSync(tmp, lock);
        linked = true;
      } catch (e) {
        if (codeOf(e) !== 'EEXIST') {
          // a file system without hard links: made in place instead
          try {
            const fd = openSync(lock, 'wx', 0o644);
            writeSync(fd, this.lockContent);
            closeSync(fd);
            linked = true;
          } catch (e2) {
            if (codeOf(e2) !== 'EEXIST') {
              unlinkSync(tmp);
              throw new UsageError(`cannot write to --out ${this.shownPath}: the folder is not writable (${codeOf(e2)})`);
            }
          }
        }
      } finally {
        try {
          unlinkSync(tmp);
        } catch {
          // already gone
        }
      }
      if (linked) return;
      let seen: string;
      try {
        seen = readFileSync(lock, 'utf8');
      } catch {
        continue; // removed meanwhile: try again
      }
      let held: LockInfo | null = null;
      try {
        const j = JSON.parse(seen) as LockInfo;
        if (Number.isInteger(j.pid) && typeof j.host === 'string') held = j;
      } catch {
        held = null;
      }
      if (held && (held.host !== hostname() || processAlive(held.pid, held.started))) throw inUse(held);
      if (attempt >= 4) throw new UsageError(`--out ${this.shownPath}: its lock ${LOCK} cannot be taken over`);
      // the run that left it is gone: the lock is taken over (moved aside first, and put back if it changed meanwhile)
      const aside = path.join(this.real, `.newsclean.${process.pid}.${(0x20000000 + attempt).toString(16).slice(-8)}.tmp`);
      try {
        renameSync(lock, aside);
      } catch {
        continue;
      }
      const moved = readFileSync(aside, 'utf8');
      if (moved !== seen) {
        try {
          linkSync(aside, lock);
        } catch {
          // a third run took the name meanwhile
        }
        unlinkSync(aside);
        const j = JSON.parse(moved) as LockInfo;
        throw inUse(j);
      }
      unlinkSync(aside);
    }
  }

  private dropLock(): void {
    if (this.released) return;
    this.released = true;
    const lock = path.join(this.real, LOCK);
    try {
      if (readFileSync(lock, 'utf8') === this.lockContent) unlinkSync(lock);
    } catch {
      // gone already
    }
  }

  /** Unlocks the folder; a folder this run made and left empty is removed. */
  release(): void {
    this.dropLock();
    process.removeListener('exit', this.onExit);
    for (const d of [...this.made].reverse()) {
      try {
        rmdirSync(d);
      } catch {
        // not empty: kept
      }
    }
    if (this.createdTop) {
      for (let d = this.abs; ; d = path.dirname(d)) {
        try {
          rmdirSync(d);
        } catch {
          break;
        }
        if (d === this.createdTop) break;
      }
    }
  }

  private readManifest(): Set<string> | null {
    let text: string;
    try {
      const fd = openSync(path.join(this.real, MANIFEST), constants.O_RDONLY | constants.O_NOFOLLOW | constants.O_NONBLOCK);
      try {
        if (!fstatSync(fd).isFile()) throw Object.assign(new Error('not a file'), { code: 'not a regular file' });
        text = readFileSync(fd, 'utf8');
      } finally {
        closeSync(fd);
      }
    } catch (e) {
      if (codeOf(e) === 'ENOENT') return null;
      throw new UsageError(`--out ${this.shownPath}: its manifest ${MANIFEST} cannot be read (${codeOf(e)}); remove it, and newsclean will treat the files there as not its own`);
    }
    const lines = text.split('\n').filter((l) => l !== '');
    const bad = (): never => {
      throw new UsageError(`--out ${this.shownPath}: its manifest ${MANIFEST} is damaged; remove it, and newsclean will treat the files there as not its own`);
    };
    let header: unknown;
    try {
      header = JSON.parse(lines[0] ?? '');
    } catch {
      bad();
    }
    if (!header || (header as { newsclean?: string }).newsclean !== 'manifest') bad();
    const set = new Set<string>();
    for (const l of lines.slice(1)) {
      let p: unknown;
      try {
        p = JSON.parse(l);
      } catch {
        bad();
      }
      if (!validEntry(p)) bad();
      set.add(p as string);
    }
    return set;
  }

  /** Writes the manifest: these paths (relative to the folder), sorted. */
  writeManifest(paths: Iterable<string>): void {
    this.writeSortedManifest([...new Set(paths)].sort());
  }

  /** Writes the manifest from paths given in sorted order (a path given twice in a row is written once). */
  writeSortedManifest(sorted: Iterable<string>): void {
    const header = `${JSON.stringify(MANIFEST_HEADER)}\n`;
    function* lines(): Generator<string> {
      let chunk = header;
      let last: string | null = null;
      for (const p of sorted) {
        if (p === last) continue;
        last = p;
        chunk += `${JSON.stringify(p)}\n`;
        if (chunk.length >= 1 << 16) {
          yield chunk;
          chunk = '';
        }
      }
      yield chunk;
    }
    writeAtomicSync(path.join(this.real, MANIFEST), lines());
  }

  /**
   * A folder's entries (name → kind), sweeping the temporary files of runs that are gone; null when it is not a
   * folder reached through real folders only (missing, a link, a file on the way).
   */
  listing(rel: string): Map<string, Kind> | null {
    if (this.listings.has(rel)) return this.listings.get(rel)!;
    let result: Map<string, Kind> | null = null;
    const parentOk = rel === '' || this.state(rel).kind === 'dir';
    if (parentOk) {
      try {
        result = new Map();
        for (const d of readdirSync(this.path(rel), { withFileTypes: true })) {
          if (d.name.startsWith('.newsclean') && deadTemporary(d.name)) {
            try {
              unlinkSync(path.join(this.path(rel), d.name));
              continue;
            } catch {
              // not ours to remove after all: listed
            }
          }
          result.set(d.name, kindOf(d));
        }
      } catch {
        result = null;
      }
    }
    this.listings.set(rel, result);
    return result;
  }

  /** What stands at `rel` (seen through real folders only), and where the way there is blocked, if it is. */
  state(rel: string): { kind: Kind | 'missing'; at: string } {
    if (rel === '') return { kind: 'dir', at: '' };
    const parent = path.posix.dirname(rel);
    const up = parent === '.' ? '' : parent;
    if (up !== '') {
      const s = this.state(up);
      if (s.kind !== 'dir') return s.kind === 'missing' ? { kind: 'missing', at: rel } : s;
    }
    const kind = this.listing(up)?.get(path.posix.basename(rel));
    return { kind: kind ?? 'missing', at: rel };
  }

  /** Forgets what was listed under `rel` (after it changed). */
  private forget(rel: string): void {
    for (const k of [...this.listings.keys()]) if (k === rel || k.startsWith(`${rel}/`) || rel === '') this.listings.delete(k);
    const up = path.posix.dirname(rel);
    this.listings.delete(up === '.' ? '' : up);
  }

  /** Removes an earlier output of newsclean (a regular file listed in the manifest, reached through real folders). */
  removeOwn(rel: string): boolean {
    if (!this.previous.has(rel)) return false;
    const s = this.state(rel);
    if (s.kind !== 'file' || s.at !== rel) return false;
    try {
      unlinkSync(this.path(rel));
    } catch {
      return false;
    }
    this.removed.push(rel);
    this.forget(rel);
    return true;
  }

  /**
   * Makes the folders `dirs` (relative, each after its parents) without following links. Returns, for each one that
   * cannot be made, why.
   */
  makeFolders(dirs: string[]): Map<string, Blocked> {
    const blocked = new Map<string, Blocked>();
    for (const d of [...dirs].sort()) {
      const s = this.state(d);
      if (s.kind === 'dir') continue;
      if (s.kind === 'missing' && s.at === d) {
        try {
          mkdirSync(this.path(d));
          this.made.push(this.path(d));
          this.forget(d);
          if (this.state(d).kind === 'dir') continue;
        } catch (e) {
          blocked.set(d, { code: codeOf(e), why: `its folder ${path.join(this.shownPath, d)} cannot be made (${codeOf(e)})` });
          continue;
        }
      }
      const at = path.join(this.shownPath, s.at);
      const why = s.kind === 'link' ? `${at} is a symbolic link (never followed below --out)` : s.kind === 'missing' ? `its folder ${at} cannot be made` : `${at} is a file, not a folder`;
      blocked.set(d, { code: s.kind === 'link' ? 'ELOOP' : 'ENOTDIR', why });
    }
    return blocked;
  }

  /** Removes the folders that removing earlier outputs left empty (never --out itself). */
  pruneEmpty(): void {
    const dirs = new Set<string>();
    for (const rel of this.removed) for (let d = path.posix.dirname(rel); d !== '.'; d = path.posix.dirname(d)) dirs.add(d);
    for (const d of [...dirs].sort().reverse()) {
      try {
        if (lstatSync(this.path(d)).isDirectory()) rmdirSync(this.path(d));
      } catch {
        // not empty, or not there
      }
    }
  }
}

/** The folders an output path needs, from the top. */
function foldersOf(rel: string): string[] {
  const out: string[] = [];
  for (let d = path.posix.dirname(rel); d !== '.'; d = path.posix.dirname(d)) out.push(d);
  return out.reverse();
}

/** The planned outputs, by position, and the files they come from (the run's sources, packed: see SourceList). */
export interface PlannedOutputs {
  readonly length: number;
  /** Output path of input `i`, relative to the folder. */
  output(i: number): string;
  /** The input `i` as shown, and its device and inode when listed (inode 0: none). */
  display(i: number): string;
  dev(i: number): number;
  ino(i: number): number;
  /** The input whose output is `rel` (-1: none). */
  indexOfOutput(rel: string): number;
}

/**
 * The inputs' devices and inodes, sorted (positions in a typed array, 4 bytes per input), to find the input that is a
 * given file without a map of strings per input.
 */
function inputIds(plan: PlannedOutputs): (dev: number, ino: number) => string | null {
  const n = plan.length;
  let m = 0;
  for (let i = 0; i < n; i++) if (plan.ino(i) !== 0) m++;
  const order = new Uint32Array(m);
  m = 0;
  for (let i = 0; i < n; i++) if (plan.ino(i) !== 0) order[m++] = i;
  const cmp = (a: number, devB: number, inoB: number): number => plan.dev(a) - devB || plan.ino(a) - inoB;
  order.sort((a, b) => cmp(a, plan.dev(b), plan.ino(b)) || a - b);
  return (dev, ino) => {
    // the last input with that identity (a container's documents share their file's)
    let lo = 0;
    let hi = order.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (cmp(order[mid]!, dev, ino) <= 0) lo = mid + 1;
      else hi = mid;
    }
    return lo > 0 && cmp(order[lo - 1]!, dev, ino) === 0 ? plan.display(order[lo - 1]!) : null;
  };
}

/**
 * Checks the plan against what is in the output folder, before anything is written, and makes its folders:
 * - an output path that is an input (the same file, or a hard link to one), or an earlier output this run would remove
 *   that is an input, is a usage error;
 * - an output path taken by something newsclean did not write (a file not in the manifest, a folder, a link), or whose
 *   folder cannot be made without following a link, is returned as blocked (the file is cleaned, not written).
 * Earlier outputs standing where this plan needs a folder are removed first (and reported).
 *
 * @param shared devices and inodes of the inputs that can also have a name in the output folder (hard links, files
 *   named as arguments): when there are none and no input folder is inside --out, existing outputs are not compared
 *   with the inputs one by one.
 */
export function preparePlan(folder: OutputFolder, plan: PlannedOutputs, shared: Set<string>, roots: string[]): Map<number, Blocked> {
  const inside = roots.some((r) => {
    try {
      const real = realpathSync(r);
      return real === folder.real || real.startsWith(folder.real + path.sep);
    } catch {
      return false;
    }
  });
  let ids: ((dev: number, ino: number) => string | null) | null = null;
  const inputAt = (rel: string): string | null => {
    if (!inside && shared.size === 0) return null;
    let st;
    try {
      st = lstatSync(path.join(folder.real, rel));
    } catch {
      return null;
    }
    if (!inside && !shared.has(`${st.dev}:${st.ino}`)) return null;
    ids ??= inputIds(plan);
    return ids(st.dev, st.ino);
  };
  const planned = (rel: string): boolean => plan.indexOfOutput(rel) >= 0;
  const conflicts: string[] = [];
  const check = (rel: string): void => {
    const s = folder.state(rel);
    if (s.kind !== 'file' || s.at !== rel) return;
    const input = inputAt(rel);
    if (input !== null) conflicts.push(`${path.join(folder.shownPath, rel)} is the input ${input}`);
  };
  for (let i = 0; i < plan.length; i++) check(plan.output(i));
  for (const p of folder.previous) if (!planned(p)) check(p);
  if (conflicts.length > 0) {
    const more = conflicts.length > 3 ? ` (and ${conflicts.length - 3} more)` : '';
    throw new UsageError(`an output would replace an input, which newsclean never writes: ${conflicts.slice(0, 3).join('; ')}${more}; choose another --out`);
  }
  // folders: earlier outputs of newsclean where a folder is now needed are removed; the others are made, or blocked
  const dirs = new Set<string>();
  let lastUp: string | null = null;
  for (let i = 0; i < plan.length; i++) {
    const p = plan.output(i);
    const up = path.posix.dirname(p);
    if (up === lastUp) continue; // the folders of the one before (outputs come folder by folder)
    lastUp = up;
    for (const d of foldersOf(p)) dirs.add(d);
  }
  const sorted = [...dirs].sort();
  for (const d of sorted) {
    const s = folder.state(d);
    if (s.kind === 'file' && s.at === d && !planned(d)) folder.removeOwn(d);
  }
  const dirBlocked = folder.makeFolders(sorted);
  const blocked = new Map<number, Blocked>();
  for (let i = 0; i < plan.length; i++) {
    const p = plan.output(i);
    const up = path.posix.dirname(p);
    const b = up === '.' ? undefined : dirBlocked.get(up);
    if (b) {
      blocked.set(i, b);
      continue;
    }
    const s = folder.state(p);
    if (s.kind === 'missing' || (s.kind === 'file' && folder.previous.has(p))) continue;
    if (s.kind === 'dir') blocked.set(i, { code: 'EISDIR', why: 'a folder newsclean did not make stands there' });
    else if (s.kind === 'link') blocked.set(i, { code: 'EEXIST', why: 'a symbolic link stands there; newsclean never writes through one' });
    else blocked.set(i, { code: 'EEXIST', why: 'a file newsclean did not write is there (it is not in the folder\'s manifest), and is left as it is' });
  }
  return blocked;
}
