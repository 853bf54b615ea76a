/**
 * Writes corpus records as JSON lines: to a file (`.jsonl`, or compressed by the name: `.jsonl.gz`, `.jsonl.zst`),
 * in shards of at most N records (`name-00000.jsonl.gz`, …), or to a stream (stdout). Files are written under
 * temporary names (`.<name>.<pid>.<8 hex digits>.tmp`, the names every newsclean output uses) and renamed into
 * place only when the run closes the writer, so a reader never sees half a corpus and a killed run leaves only
 * temporaries, which the next run sweeps.
 */
import { once } from 'node:events';
import { createWriteStream, renameSync, rmSync, type WriteStream } from 'node:fs';
import { randomBytes } from 'node:crypto';
import path from 'node:path';
import type { Writable } from 'node:stream';
import { createGzip, type Gzip } from 'node:zlib';
import type { CorpusRecord } from './jsonl.js';

export type Compression = 'none' | 'gzip' | 'zstd';

export interface JsonlTarget {
  compression: Compression;
  /** The path without its `.jsonl[.gz|.zst]` ending. */
  stem: string;
  /** The ending: `.jsonl`, `.jsonl.gz` or `.jsonl.zst`. */
  ext: string;
}

/** The compression a JSONL output's name asks for, or null when the name does not end in `.jsonl[.gz|.zst]`. */
export function jsonlTarget(file: string): JsonlTarget | null {
  const m = file.match(/^(.*)(\.jsonl(?:\.(gz|zst))?)$/i);
  if (!m || !m[1] || m[1].endsWith('/')) return null;
  const c = m[3]?.toLowerCase();
  return { stem: m[1], ext: m[2]!, compression: c === 'gz' ? 'gzip' : c === 'zst' ? 'zstd' : 'none' };
}

/** zstd frames of about this much input each: a zstd file may hold many frames, read back as one stream. */
const ZSTD_FRAME = 1 << 20;
let zstd: { compress(b: Uint8Array, level: number): Uint8Array } | null = null;
async function zstdCompressor(): Promise<{ compress(b: Uint8Array, level: number): Uint8Array }> {
  if (!zstd) {
    const m = await import('@bokuweb/zstd-wasm');
    await m.init();
    zstd = m;
  }
  return zstd;
}

interface Shard {
  final: string;
  tmp: string;
  file: WriteStream;
  /** The stream records are written to: the file, or the gzip stream in front of it. */
  sink: Writable;
  gzip: Gzip | null;
  pending: Buffer[];
  pendingBytes: number;
  records: number;
}

export interface JsonlWriterOptions {
  /** Start a new shard after this many records (0 or absent: one file). */
  maxRecordsPerFile?: number;
}

export class JsonlWriter {
  private shard: Shard | null = null;
  private readonly done: Shard[] = [];
  private index = 0;
  private closed = false;
  records = 0;

  private constructor(
    private readonly target: JsonlTarget | null,
    private readonly stream: Writable | null,
    private readonly options: JsonlWriterOptions,
  ) {}

  /** A writer to a file whose name ends in `.jsonl`, `.jsonl.gz` or `.jsonl.zst`. */
  static toFile(file: string, options: JsonlWriterOptions = {}): JsonlWriter {
    const target = jsonlTarget(file);
    if (!target) throw new Error(`a JSONL output's name ends in .jsonl, .jsonl.gz or .jsonl.zst: ${file}`);
    return new JsonlWriter(target, null, options);
  }

  /** A writer to a stream (stdout): never compressed, never sharded, never closed by the writer. */
  static toStream(stream: Writable): JsonlWriter {
    return new JsonlWriter(null, stream, {});
  }

  /** The final names of the shards written so far (after `close`, every file). */
  get files(): string[] {
    return this.done.map((s) => s.final);
  }

  private shardName(): string {
    const t = this.target!;
    return this.options.maxRecordsPerFile ? `${t.stem}-${String(this.index).padStart(5, '0')}${t.ext}` : `${t.stem}${t.ext}`;
  }

  private openShard(): Shard {
    const final = this.shardName();
    this.index++;
    const tmp = path.join(path.dirname(final), `.${path.basename(final)}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`);
    const file = createWriteStream(tmp, { flags: 'wx', mode: 0o644 });
    let sink: Writable = file;
    let gzip: Gzip | null = null;
    if (this.target!.compression === 'gzip') {
      gzip = createGzip({ level: 6 });
      gzip.pipe(file);
      sink = gzip;
    }
    return { final, tmp, file, sink, gzip, pending: [], pendingBytes: 0, records: 0 };
  }

  private async put(sink: Writable, chunk: Buffer | Uint8Array): Promise<void> {
    if (sink.write(chunk)) return;
    // both listeners go once either fires (a long run waits for 'drain' many times)
    const ac = new AbortController();
    const drained = once(sink, 'drain', { signal: ac.signal });
    const failed = once(sink, 'error', { signal: ac.signal }).then(([e]) => Promise.reject(e));
    drained.catch(() => undefined);
    failed.catch(() => undefined);
    try {
      await Promise.race([drained, failed]);
    } finally {
      ac.abort();
    }
  }

  private async flushZstd(s: Shard): Promise<void> {
    if (!s.pendingBytes) return;
    const z = await zstdCompressor();
    const frame = z.compress(Buffer.concat(s.pending, s.pendingBytes), 3);
    s.pending = [];
    s.pendingBytes = 0;
    await this.put(s.sink, frame);
  }

  private async finishShard(s: Shard): Promise<void> {
    if (this.target!.compression === 'zstd') await this.flushZstd(s);
    const finished = once(s.file, 'close');
    s.sink.end();
    await finished;
    if (s.file.errored) throw s.file.errored;
    this.done.push(s);
  }

  /** Writes one record, waiting while the destination is full. */
  async write(record: CorpusRecord): Promise<void> {
    if (this.closed) throw new Error('the JSONL writer is closed');
    const line = Buffer.from(JSON.stringify(record) + '\n', 'utf8');
    this.records++;
    if (this.stream) return this.put(this.stream, line);
    if (this.shard && this.options.maxRecordsPerFile && this.shard.records >= this.options.maxRecordsPerFile) {
      const s = this.shard;
      this.shard = null;
      await this.finishShard(s);
    }
    const s = (this.shard ??= this.openShard());
    s.records++;
    if (this.target!.compression === 'zstd') {
      s.pending.push(line);
      s.pendingBytes += line.length;
      if (s.pendingBytes >= ZSTD_FRAME) await this.flushZstd(s);
      return;
    }
    await this.put(s.sink, line);
  }

  /**
   * Finishes every shard and renames each into place; returns the files written. With no record at all, one
   * empty (valid) file is still written, so that a pipeline finds its output.
   */
  async close(): Promise<string[]> {
    if (this.closed) return this.files;
    this.closed = true;
    if (this.stream) return [];
    if (!this.shard && this.done.length === 0) this.shard = this.openShard();
    if (this.shard) await this.finishShard(this.shard);
    this.shard = null;
    for (const s of this.done) renameSync(s.tmp, s.final);
    return this.files;
  }

  /** Removes every temporary file (a run that stops without a result). */
  async abort(): Promise<void> {
    this.closed = true;
    const all = [...this.done, ...(this.shard ? [this.shard] : [])];
    for (const s of all) {
      // the file may still be opening: wait for its stream to close before removing what it made
      const closed = s.file.closed ? Promise.resolve() : once(s.file, 'close').then(() => undefined, () => undefined);
      s.sink.destroy();
      s.file.destroy();
      await closed;
      rmSync(s.tmp, { force: true });
    }
  }
}
