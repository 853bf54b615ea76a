/**
 * The JSONL corpus as a sink of the write stage (`--format jsonl`): one record per written document
 * (src/output/jsonl.ts), in input order, to a file (`.jsonl`, `.jsonl.gz`, `.jsonl.zst`; shards with
 * `maxRecordsPerFile`) or to a stream (stdout). Every document is spooled by the cleaning workers into a temporary
 * folder and written here once its front matter is final, all in one pass after near-duplicates (so records keep
 * input order). The file appears only at the end (JsonlWriter: temporary names renamed on close).
 */
import { mkdirSync, mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Writable } from 'node:stream';
import { JsonlWriter, jsonlTarget } from '../../output/jsonl-writer.js';
import { corpusRecord } from '../../output/jsonl.js';
import { closeAll, readSpooled } from '../spool.js';
import { UsageError } from '../usage.js';
import type { Collected } from '../stages/collect.js';
import type { FinalDocuments, Placements, Sink } from '../stages/write.js';

export interface JsonlSinkOptions {
  maxRecordsPerFile?: number;
}

export class JsonlSink implements Sink {
  readonly spoolDir: string;
  /** Records are written in input order, all at the end: no document is written early. */
  readonly ordered = true;
  private readonly writer: JsonlWriter;
  private finished = false;

  /**
   * `target`: a file whose name ends in `.jsonl`, `.jsonl.gz` or `.jsonl.zst` (its folder is made), or a stream.
   * `shown` is what documents report as their output. A bad name is a usage error, before any work.
   */
  constructor(
    target: string | Writable,
    private readonly shown: string,
    options: JsonlSinkOptions = {},
  ) {
    if (typeof target === 'string') {
      if (!jsonlTarget(target)) throw new UsageError(`--format jsonl writes to a file named *.jsonl, *.jsonl.gz or *.jsonl.zst, or to - (stdout): not ${shown}`);
      let isDir = false;
      try {
        isDir = statSync(target).isDirectory();
      } catch {
        // absent: it is made at the end
      }
      if (isDir) throw new UsageError(`--out ${shown} is a folder; --format jsonl writes one file`);
      try {
        mkdirSync(path.dirname(target), { recursive: true });
      } catch (e) {
        throw new UsageError(`cannot make the folder of ${shown}: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`);
      }
      this.writer = JsonlWriter.toFile(target, options.maxRecordsPerFile ? { maxRecordsPerFile: options.maxRecordsPerFile } : {});
    } else {
      if (options.maxRecordsPerFile) throw new UsageError('--max-records-per-file needs --out FILE.jsonl (shards are files)');
      this.writer = JsonlWriter.toStream(target);
    }
    this.spoolDir = mkdtempSync(path.join(tmpdir(), 'newsclean-jsonl-'));
  }

  prepare(_collected: Collected): Placements {
    // every document is spooled (its target is only a mark that it is written)
    const place = { shown: this.shown, target: this.spoolDir };
    return { at: () => place };
  }

  async write(docs: FinalDocuments, _threads: number, onWritten?: (n: number) => void): Promise<Array<[number, string]>> {
    const failures: Array<[number, string]> = [];
    const open = new Map<string, number>();
    try {
      for (let i = 0; i < docs.length; i++) {
        const d = docs.at(i);
        try {
          await this.writer.write(corpusRecord(d.doc.input, readSpooled(d.spooled, open), d.doc.metadata));
        } catch (e) {
          // the corpus cannot be written on (a full disk, a closed pipe): every document left fails with that error
          const code = (e as NodeJS.ErrnoException).code ?? (e as Error).message;
          for (let j = i; j < docs.length; j++) failures.push([docs.k(j), code]);
          break;
        }
        if ((i & 255) === 255) onWritten?.(256);
      }
      onWritten?.(docs.length & 255);
    } finally {
      closeAll(open);
    }
    return failures;
  }

  async finish(): Promise<string[]> {
    this.finished = true;
    rmSync(this.spoolDir, { recursive: true, force: true });
    await this.writer.close();
    return [];
  }

  /** The files written (after `finish`). */
  get files(): string[] {
    return this.writer.files;
  }

  close(): void {
    rmSync(this.spoolDir, { recursive: true, force: true });
    if (!this.finished) void this.writer.abort();
  }
}
