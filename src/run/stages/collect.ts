/**
 * Stage 1, collect: the inputs as a list of sources, each with the output path it will have. Input arguments are
 * walked (walk.ts: a set of files, in (root, path) order), every output path is decided for the whole set before
 * anything is written (outputs.ts: injective naming), and with `--shard k/N` only this worker's share is kept.
 *
 * A source is what the clean stage reads one document from. Today it is a file on disk (`kind: 'file'`). A
 * document inside a container file (WARC, JSONL) is the next kind: its id is `<container>#<key>`, its output
 * `<container>/<key>.md`, and it is cleaned from the bytes or text the container reader gives, not from a path.
 * Adding it is adding a member to `Source` (collect expands a container file into its documents, clean.ts turns the
 * member into a task), not changing the stages after it: they know a document by its position and its `id`.
 */
import type { Shard } from '../../dedup/index.js';
import { inShard } from '../../dedup/index.js';
import { collectInputs, type InputFile, type Skipped } from '../walk.js';
import type { FsPath } from '../names.js';
import { planOutputs } from '../outputs.js';
import { UsageError } from '../usage.js';
import type { FileError } from '../../types.js';
import { containerOutputDir, listContainer, sniffInput, type ContainerFile, type ContainerSettings, type ListedRecord } from './containers.js';

/** A file on disk, cleaned from its path. */
export interface FileSource {
  kind: 'file';
  /** The document's name in the report (`input`), and its id for near-duplicates and in an index. */
  id: string;
  /** The output path, relative to the output folder with `/` separators. */
  output: string;
  /** Why the output is not named the plain way (said in the report as an `output-name` warning). */
  note?: string;
  /** Its path relative to its input folder (what `--shard` divides by). */
  rel: string;
  /** The file as the walk listed it: where to open it, the identity it must still have, or an error found already. */
  file: InputFile;
}

/** A document inside a container file (WARC, JSONL): cleaned from the payload the container gives in its turn. */
export interface RecordSource extends Omit<FileSource, 'kind'> {
  kind: 'record';
  /** `file` is the container's. */
  container: ContainerFile;
  /** The record's key (as the reader gives it) and its place among the container's documents; or its error. */
  record: { itemKey: string; ordinal?: number; error?: FileError };
}

/** Something the clean stage makes one document of. */
export type Source = FileSource | RecordSource;

export interface Collected {
  /** In (root, path) order: the order documents are reported in. */
  sources: SourceList;
  /** What the walk passed over, with the reason. */
  skipped: Skipped[];
  /** The root folder of each input argument. */
  roots: string[];
  /** Inputs that may have another name (hard links, arguments, followed links): see walk.ts. */
  shared: Set<string>;
  /**
   * With `--shard`: every file of the whole run (null where the walk found an error), and the source each of this
   * shard's files became, so that what depends on the whole inbox (template text) is decided as one run over all
   * of it would decide it.
   */
  wholeRun?: { paths: Array<FsPath | null>; source: Map<number, number> };
}

export interface CollectOptions {
  inputs: string[];
  cwd: string;
  /** Absolute paths never read as input (the output folder). */
  exclude: string[];
  followSymlinks: boolean;
  includeHidden: boolean;
  shard: Shard | null;
  /** How containers are read (absent: every input is one document). */
  containers?: ContainerSettings;
}

export async function collect(o: CollectOptions): Promise<Collected> {
  const walk = await collectInputs(o.inputs, { cwd: o.cwd, exclude: o.exclude, followSymlinks: o.followSymlinks, includeHidden: o.includeHidden });
  if (walk.missing.length > 0) throw new UsageError(`input not found: ${walk.missing.join(', ')}`);
  // outputs are planned over every input, so that each shard names its files as one run over all of them would
  const plan = planOutputs(walk.files, walk.roots);
  const sources = new SourceList();
  const skipped = [...walk.skipped];
  const wholeRun = o.shard ? { paths: walk.files.map((f) => (f.error ? null : f.abs)), source: new Map<number, number>() } : undefined;
  for (const [i, file] of walk.files.entries()) {
    if (o.shard && !inShard(file.rel, o.shard)) continue;
    // a container (by content) is as many documents as it holds: see containers.ts
    const container = o.containers && !file.error ? await sniffInput(file, o.containers) : null;
    if (container) {
      // each record goes into the packed list as it is listed (a crawl's listing is never held as objects)
      const dir = containerOutputDir(plan.paths[i]!, file.rel);
      sources.startContainer(file, container, dir);
      const listed = await listContainer(container, (r) => sources.pushRecord(r));
      skipped.push(...listed.skipped);
      continue;
    }
    wholeRun?.source.set(i, sources.length);
    sources.push(file, plan.paths[i]!, plan.notes.get(i));
  }
  return { sources, skipped, roots: walk.roots, shared: walk.shared, ...(wholeRun ? { wholeRun } : {}) };
}

/** Bytes per chunk of the packed names. */
const CHUNK = 1 << 20;
/** Names kept per source, packed as UTF-8: the path to open, the name shown, the path relative to its root, the output path. */
const FIELDS = 4;

/**
 * The sources, packed: their names as UTF-8 bytes in large chunks, their numbers in typed arrays, so that a run over a
 * million files holds about 200 bytes per file for them rather than a few objects and strings each. `at(i)` gives
 * source `i` as an object, made when it is asked for. A name that UTF-8 cannot carry as it is (a lone surrogate) is
 * kept as it is, aside; a path that is bytes (a name that is not UTF-8) is given back as bytes.
 */
export class SourceList {
  private count = 0;
  private chunks: Buffer[] = [];
  private used = CHUNK;
  /** Per source: its chunk, offset in it, and the byte length of each name. */
  private chunk = new Uint32Array(1024);
  private offset = new Uint32Array(1024);
  private lengths = new Uint32Array(1024 * FIELDS);
  private dev_ = new Float64Array(1024);
  private ino_ = new Float64Array(1024);
  /** See `indexOfOutput`. */
  private outputTable: Int32Array | null = null;
  private root = new Uint32Array(1024);
  /** Sources whose path to open is bytes. */
  private readonly bytePaths = new Set<number>();
  /** Rare values kept aside: errors found by the walk, naming notes, names UTF-8 cannot carry. */
  private readonly errors = new Map<number, NonNullable<InputFile['error']>>();
  private readonly notes = new Map<number, string>();
  private readonly odd = new Map<number, string[]>();
  /**
   * Documents inside container files: each container's documents are a run of positions, kept with the container's
   * file and the folder of their outputs. Per document only its output path is packed (with empty names for the
   * container's, which are its run's); its key is read back from the output path (`<dir>/<key>.md`), its place among
   * the container's documents is a typed array, and the rare ones that differ (a reader's key made unique, a broken
   * record's error) are kept aside.
   */
  private readonly runs: ContainerRun[] = [];
  private ordinals = new Int32Array(1024);
  private recordCount = 0;
  private readonly itemKeys = new Map<number, string>();
  private readonly recordErrors = new Map<number, FileError>();

  get length(): number {
    return this.count;
  }

  push(file: InputFile, output: string, note?: string): void {
    const i = this.count++;
    if (i === this.chunk.length) this.grow();
    const names = [typeof file.abs === 'string' ? Buffer.from(file.abs, 'utf8') : Buffer.from(file.abs), ...[file.display, file.rel, output].map((x) => Buffer.from(x, 'utf8'))];
    if (typeof file.abs !== 'string') this.bytePaths.add(i);
    const strings = [typeof file.abs === 'string' ? file.abs : null, file.display, file.rel, output];
    if (strings.some((x, f) => x !== null && names[f]!.toString('utf8') !== x)) this.odd.set(i, strings.map((x) => x ?? ''));
    const size = names.reduce((n, b) => n + b.length, 0);
    if (this.used + size > CHUNK) {
      this.chunks.push(Buffer.allocUnsafe(Math.max(CHUNK, size)));
      this.used = 0;
    }
    const buf = this.chunks[this.chunks.length - 1]!;
    this.chunk[i] = this.chunks.length - 1;
    this.offset[i] = this.used;
    names.forEach((b, f) => {
      b.copy(buf, this.used);
      this.used += b.length;
      this.lengths[i * FIELDS + f] = b.length;
    });
    this.dev_[i] = file.dev;
    this.ino_[i] = file.ino;
    this.outputTable = null;
    this.root[i] = file.root;
    if (file.error) this.errors.set(i, file.error);
    if (note !== undefined) this.notes.set(i, note);
  }

  /** Source `i`'s name as shown in the report, and the device and inode its file had when it was listed. */
  display(i: number): string {
    return this.text(i, 1);
  }

  dev(i: number): number {
    return this.dev_[i]!;
  }

  ino(i: number): number {
    return this.ino_[i]!;
  }

  /**
   * The source whose output path is `output` (-1: none). A hash table of positions over the packed names (8 bytes per
   * source), made when first asked for.
   */
  indexOfOutput(output: string): number {
    const table = this.outputTable ?? (this.outputTable = this.makeOutputTable());
    const mask = table.length - 1;
    const bytes = Buffer.from(output, 'utf8');
    for (let h = fnv(bytes, 0, bytes.length) & mask; ; h = (h + 1) & mask) {
      const i = table[h]!;
      if (i < 0) return -1;
      if (this.output(i) === output) return i;
    }
  }

  private makeOutputTable(): Int32Array {
    let size = 1024;
    while (size < this.count * 2) size *= 2;
    const table = new Int32Array(size).fill(-1);
    const mask = size - 1;
    for (let i = 0; i < this.count; i++) {
      const b = this.bytes(i, 3);
      let h = fnv(b, 0, b.length) & mask;
      while (table[h]! >= 0) h = (h + 1) & mask;
      table[h] = i;
    }
    return table;
  }

  /**
   * The positions of the sources in the order of their output paths (as JavaScript sorts strings), made without
   * making the strings: UTF-8 bytes sort as UTF-16 code units do, except where a character above U+FFFF meets one
   * from U+E000 to U+FFFF, so names with such characters are compared as strings.
   */
  byOutput(): Uint32Array {
    const n = this.count;
    const plain = new Uint8Array(n);
    for (let i = 0; i < n; i++) {
      if (this.odd.has(i)) continue;
      const b = this.bytes(i, 3);
      let ok = 1;
      for (let x = 0; x < b.length && ok; x++) if (b[x]! >= 0xee) ok = 0;
      plain[i] = ok;
    }
    const order = new Uint32Array(n);
    for (let i = 0; i < n; i++) order[i] = i;
    return order.sort((a, b) => {
      if (plain[a] && plain[b]) {
        const [ca, sa, ea] = this.span(a, 3);
        const [cb, sb, eb] = this.span(b, 3);
        return ca.compare(cb, sb, eb, sa, ea) || a - b;
      }
      const x = this.output(a);
      const y = this.output(b);
      return x < y ? -1 : x > y ? 1 : a - b;
    });
  }

  /** The documents pushed next (`pushRecord`) are inside this container; their outputs go to `dir`. */
  startContainer(file: InputFile, container: ContainerFile, dir: string): void {
    this.runs.push({ start: this.count, end: this.count, file, container, dir, firstRecord: this.recordCount });
  }

  /** A document of the container started last (in the container's order). */
  pushRecord(r: ListedRecord): void {
    const run = this.runs[this.runs.length - 1]!;
    const i = this.count;
    if (run.end !== i) throw new Error('pushRecord: records of a container must follow it');
    const x = this.recordCount++;
    if (x === this.ordinals.length) {
      const bigger = new Int32Array(x * 2);
      bigger.set(this.ordinals);
      this.ordinals = bigger;
    }
    this.ordinals[x] = r.ordinal ?? -1;
    if (r.itemKey !== r.key) this.itemKeys.set(i, r.itemKey);
    if (r.error) this.recordErrors.set(i, r.error);
    // the container's names are its run's: empty here
    this.push({ abs: '', display: '', rel: '', root: run.file.root, dev: run.file.dev, ino: run.file.ino }, `${run.dir}/${r.key}.md`);
    run.end = this.count;
  }

  /** The container files the sources come from (each once). */
  containers(): ContainerFile[] {
    return [...new Set(this.runs.map((r) => r.container))];
  }

  /** The run of container documents source `i` is in, or null for a file. */
  private runOf(i: number): ContainerRun | null {
    const runs = this.runs;
    if (runs.length === 0) return null;
    let lo = 0;
    let hi = runs.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (runs[mid]!.start <= i) lo = mid + 1;
      else hi = mid;
    }
    const run = lo > 0 ? runs[lo - 1]! : null;
    return run && i < run.end ? run : null;
  }

  /** Whether source `i` is a document inside a container (its payload comes from the container, not from a path). */
  isRecord(i: number): boolean {
    return this.runOf(i) !== null;
  }

  private grow(): void {
    const n = this.chunk.length * 2;
    const bigger = <A extends Uint32Array | Float64Array>(a: A, size: number): A => {
      const b = new (a.constructor as new (n: number) => A)(size);
      b.set(a);
      return b;
    };
    this.chunk = bigger(this.chunk, n);
    this.offset = bigger(this.offset, n);
    this.lengths = bigger(this.lengths, n * FIELDS);
    this.dev_ = bigger(this.dev_, n);
    this.ino_ = bigger(this.ino_, n);
    this.root = bigger(this.root, n);
  }

  /** Name `f` of source `i`, as bytes. */
  private bytes(i: number, f: number): Buffer {
    const [chunk, start, end] = this.span(i, f);
    return chunk.subarray(start, end);
  }

  /** Where name `f` of source `i` is: its chunk, start and end. */
  private span(i: number, f: number): [Buffer, number, number] {
    let at = this.offset[i]!;
    for (let g = 0; g < f; g++) at += this.lengths[i * FIELDS + g]!;
    return [this.chunks[this.chunk[i]!]!, at, at + this.lengths[i * FIELDS + f]!];
  }

  private text(i: number, f: number): string {
    if (f < 3 && this.runs.length > 0) {
      // a container's document: the container's names
      const run = this.runOf(i);
      if (run) return f === 0 ? (run.file.abs as string) : f === 1 ? run.file.display : run.file.rel;
    }
    const odd = this.odd.get(i);
    return odd ? odd[f]! : this.bytes(i, f).toString('utf8');
  }

  /** The path to open source `i` by. */
  abs(i: number): FsPath {
    return this.bytePaths.has(i) ? Buffer.from(this.bytes(i, 0)) : this.text(i, 0);
  }

  /** Source `i`'s output path, relative to the output folder. */
  output(i: number): string {
    return this.text(i, 3);
  }

  /** Whether the walk found source `i` unusable already. */
  failed(i: number): boolean {
    return this.errors.has(i);
  }

  /** Source `i`'s id (what `at(i).id` is), without making the rest of the source. */
  id(i: number): string {
    const run = this.runOf(i);
    if (!run) return this.text(i, 1);
    const output = this.output(i);
    return `${run.file.display}#${output.slice(run.dir.length + 1, -3)}`;
  }

  at(i: number): Source {
    const run = this.runOf(i);
    if (run) {
      const output = this.output(i);
      const key = output.slice(run.dir.length + 1, -3);
      const ordinal = this.ordinals[run.firstRecord + i - run.start]!;
      const error = this.recordErrors.get(i);
      const record: RecordSource['record'] = { itemKey: this.itemKeys.get(i) ?? key, ...(ordinal >= 0 ? { ordinal } : {}), ...(error ? { error } : {}) };
      return { kind: 'record', id: `${run.file.display}#${key}`, output, rel: `${run.file.rel}#${key}`, file: run.file, container: run.container, record };
    }
    const error = this.errors.get(i);
    const file: InputFile = { abs: this.abs(i), display: this.text(i, 1), root: this.root[i]!, rel: this.text(i, 2), dev: this.dev_[i]!, ino: this.ino_[i]!, ...(error ? { error } : {}) };
    const note = this.notes.get(i);
    return { kind: 'file', id: file.display, output: this.output(i), rel: file.rel, file, ...(note !== undefined ? { note } : {}) };
  }
}

/** A container's documents in the list: positions [start, end), and their records from `firstRecord` on. */
interface ContainerRun {
  start: number;
  end: number;
  /** The container file as the walk listed it (the documents' `file`). */
  file: InputFile;
  container: ContainerFile;
  /** The folder of their outputs (relative to the output folder). */
  dir: string;
  firstRecord: number;
}

/** FNV-1a of `b[start, end)`. */
function fnv(b: Uint8Array, start: number, end: number): number {
  let h = 0x811c9dc5;
  for (let x = start; x < end; x++) {
    h ^= b[x]!;
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}
