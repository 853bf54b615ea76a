/**
 * The directory backend: a folder of append-only segment files and one manifest.
 *
 *   <dir>/MANIFEST         JSON: format, parameters, next key, and the segment files with their sizes and SHA-256
 *   <dir>/seg-000001.ncs   one file per committed batch (segment.ts), never changed once written
 *   <dir>/LOCK             the process that has the index open for writing (its pid and host)
 *   <dir>/*.tmp            a segment or manifest being written
 *
 * A commit writes the batch's segment under a temporary name, flushes it (fsync), renames it into place, then
 * writes the new manifest the same way (temporary file, fsync, rename over MANIFEST, fsync of the folder). The
 * manifest names the segments that make up the index, so whatever moment a process is killed at, the index is the
 * one before the commit (the new segment is not listed yet: an orphan, removed at the next open) or the one after.
 * Compaction writes one new segment and a manifest that lists only it, then removes the old files.
 */
import { closeSync, existsSync, fsyncSync, mkdirSync, openSync, readFileSync, readdirSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { hostname } from 'node:os';
import path from 'node:path';
import { createHash } from 'node:crypto';
import { LocalIndex, type BatchSink, type LocalStorage } from './local.js';
import { checkCompatible, IndexConfigError, parseParams, type IndexParams } from './params.js';
import { keyIndex, readSegmentFile, type Segment } from './segment.js';
import { SegmentFileWriter } from './segment-writer.js';

export const MANIFEST = 'MANIFEST';
const LOCK = 'LOCK';

interface ManifestSegment {
  file: string;
  bytes: number;
  sha256: string;
  docs: number;
}

interface Manifest {
  format: 1;
  params: IndexParams;
  created: string;
  updated: string;
  generation: number;
  nextKey: number;
  segments: ManifestSegment[];
}

function fsyncDir(dir: string): void {
  const fd = openSync(dir, 'r');
  try {
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
}

/** Writes a file under a temporary name, flushes it, and renames it over `file`; then flushes the folder. */
export function writeFileAtomic(file: string, data: string | Uint8Array): void {
  const tmp = `${file}.${process.pid}.tmp`;
  const fd = openSync(tmp, 'w');
  try {
    writeFileSync(fd, data);
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
  renameSync(tmp, file);
  fsyncDir(path.dirname(file));
}

function readManifest(dir: string): Manifest | null {
  const file = path.join(dir, MANIFEST);
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw e;
  }
  let m: Manifest;
  try {
    m = JSON.parse(text) as Manifest;
  } catch {
    throw new IndexConfigError(`${file} is not a newsclean index manifest (not JSON)`);
  }
  if (m === null || typeof m !== 'object' || !Array.isArray(m.segments) || typeof m.nextKey !== 'number') {
    throw new IndexConfigError(`${file} is not a newsclean index manifest`);
  }
  m.params = parseParams(m.params, file);
  return m;
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** Takes the folder's lock, or throws when a live process on this host holds it. A dead holder's lock is taken over. */
function lock(dir: string): () => void {
  const file = path.join(dir, LOCK);
  const mine = `${process.pid} ${hostname()}\n`;
  for (let attempt = 0; attempt < 3; attempt++) {
    try {
      writeFileSync(file, mine, { flag: 'wx' });
      return () => {
        try {
          if (readFileSync(file, 'utf8') === mine) rmSync(file, { force: true });
        } catch {
          // already gone
        }
      };
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e;
    }
    let held = '';
    try {
      held = readFileSync(file, 'utf8');
    } catch {
      continue;
    }
    const [pidText, host] = held.trim().split(' ');
    const pid = Number(pidText);
    if (host === hostname() && Number.isInteger(pid) && pid > 0 && !alive(pid)) {
      rmSync(file, { force: true });
      continue;
    }
    throw new IndexConfigError(`the index ${dir} is in use by process ${pidText ?? '?'} on ${host ?? '?'} (${file}); wait for it, or remove the file if that process is gone`);
  }
  throw new IndexConfigError(`cannot lock the index ${dir}`);
}

class DirectoryStorage implements LocalStorage {
  readonly backend = 'directory' as const;
  private generation: number;
  private readonly created: string;
  private tmpCount = 0;
  /** SHA-256 of each segment file, as listed. */
  private readonly sums = new Map<string, string>();

  constructor(
    readonly location: string,
    private readonly params: IndexParams,
    manifest: Manifest,
    private readonly unlock: (() => void) | null,
  ) {
    this.generation = manifest.generation;
    this.created = manifest.created;
    for (const s of manifest.segments) this.sums.set(s.file, s.sha256);
  }

  newSink(): BatchSink {
    if (!this.unlock) throw new IndexConfigError(`the index ${this.location} was opened read-only`);
    const tmp = path.join(this.location, `seg.${process.pid}.${++this.tmpCount}.tmp`);
    const writer = new SegmentFileWriter(tmp);
    const offsets: number[] = [];
    return {
      append: (bytes) => {
        offsets.push(writer.appendRecord(bytes));
      },
      read: (i) => writer.readRecord(i),
      finish: (sections, info) => {
        const { bytes, sha256 } = writer.finish(sections, info);
        const name = `seg-${String(++this.generation).padStart(6, '0')}.ncs`;
        const file = path.join(this.location, name);
        renameSync(tmp, file);
        fsyncDir(this.location);
        this.sums.set(name, sha256);
        // the sections are in memory already: only the record offsets are read back
        const seg = readSegmentFile(file, bytes);
        return seg;
      },
      abort: () => writer.abort(),
    };
  }

  publish(segments: readonly Segment[], nextKey: number): void {
    const manifest: Manifest = {
      format: 1,
      params: this.params,
      created: this.created,
      updated: new Date().toISOString(),
      generation: this.generation,
      nextKey,
      segments: segments.map((s) => {
        const file = path.basename(s.file!);
        return { file, bytes: s.bytes, sha256: this.sums.get(file)!, docs: s.docs };
      }),
    };
    writeFileAtomic(path.join(this.location, MANIFEST), JSON.stringify(manifest, null, 1) + '\n');
  }

  drop(segments: readonly Segment[]): void {
    for (const s of segments) {
      s.close?.();
      if (s.file) rmSync(s.file, { force: true });
      if (s.file) this.sums.delete(path.basename(s.file));
    }
    fsyncDir(this.location);
  }

  bytes(segments: readonly Segment[]): number {
    let n = 0;
    for (const s of segments) n += s.bytes;
    try {
      n += statSync(path.join(this.location, MANIFEST)).size;
    } catch {
      // none yet
    }
    return n;
  }

  close(): void {
    this.unlock?.();
  }
}

export interface OpenDirectoryOptions {
  /** Open for reading only (no lock; commits are refused). */
  readOnly?: boolean;
  /** Create the folder and an empty index when there is none (default true unless readOnly). */
  create?: boolean;
}

/**
 * Opens (or creates) the index in folder `dir` for a run with parameters `params` (when given, they must match the
 * recorded ones). Files that no manifest lists (from a killed run) are removed.
 */
export function openDirectoryIndex(dir: string, params: IndexParams | null, options: OpenDirectoryOptions = {}): LocalIndex {
  const readOnly = options.readOnly ?? false;
  const create = options.create ?? !readOnly;
  const abs = path.resolve(dir);
  if (existsSync(abs) && !statSync(abs).isDirectory()) throw new IndexConfigError(`the index ${dir} is not a folder`);
  let manifest = existsSync(abs) ? readManifest(abs) : null;
  if (!manifest) {
    if (!create || params === null) throw new IndexConfigError(`no index at ${dir} (no ${MANIFEST})`);
    mkdirSync(abs, { recursive: true });
    const stray = readdirSync(abs).filter((n) => n !== LOCK && !n.endsWith('.tmp'));
    if (stray.length > 0) throw new IndexConfigError(`${dir} is not empty and holds no index (${stray.slice(0, 3).join(', ')}…): choose an empty or new folder`);
  }
  const unlock = readOnly ? null : lock(abs);
  try {
    manifest = readManifest(abs); // again, under the lock
    if (!manifest) {
      const now = new Date().toISOString();
      manifest = { format: 1, params: params!, created: now, updated: now, generation: 0, nextKey: 1, segments: [] };
      writeFileAtomic(path.join(abs, MANIFEST), JSON.stringify(manifest, null, 1) + '\n');
    }
    if (params) checkCompatible(manifest.params, params, `the index ${dir}`);
    if (!readOnly) {
      const listed = new Set(manifest.segments.map((s) => s.file));
      for (const n of readdirSync(abs)) {
        if ((n.endsWith('.tmp') || (n.startsWith('seg-') && n.endsWith('.ncs'))) && !listed.has(n)) rmSync(path.join(abs, n), { force: true });
      }
    }
    const segments = manifest.segments.map((s) => readSegmentFile(path.join(abs, s.file), s.bytes));
    const storage = new DirectoryStorage(abs, manifest.params, manifest, unlock);
    return new LocalIndex(manifest.params, storage, segments, manifest.nextKey);
  } catch (e) {
    unlock?.();
    throw e;
  }
}

/** Checks every segment file of the index against the SHA-256 its manifest records; returns the problems found. */
export function verifyDirectoryIndex(dir: string): string[] {
  const abs = path.resolve(dir);
  const m = readManifest(abs);
  if (!m) return [`no ${MANIFEST}`];
  const problems: string[] = [];
  let expectKey = 0;
  for (const s of m.segments) {
    const file = path.join(abs, s.file);
    try {
      const bytes = readFileSync(file);
      if (bytes.length !== s.bytes) problems.push(`${s.file}: ${bytes.length} bytes, listed as ${s.bytes}`);
      else if (createHash('sha256').update(bytes).digest('hex') !== s.sha256) problems.push(`${s.file}: checksum differs`);
      const seg = readSegmentFile(file, s.bytes);
      if (seg.docs !== s.docs) problems.push(`${s.file}: ${seg.docs} documents, listed as ${s.docs}`);
      if (seg.docs > 0 && seg.firstKey <= expectKey) problems.push(`${s.file}: keys overlap the segment before`);
      if (seg.docs > 0) expectKey = seg.lastKey;
      for (const k of seg.keys) if (keyIndex(seg, k) < 0) problems.push(`${s.file}: key ${k} not found`);
      seg.close?.();
    } catch (e) {
      problems.push(`${s.file}: ${(e as Error).message}`);
    }
  }
  if (expectKey >= m.nextKey) problems.push(`next key ${m.nextKey} is not past the last key ${expectKey}`);
  return problems;
}
