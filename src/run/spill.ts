/**
 * A spill file: records (JSON values) appended to an unlinked temporary file and read back by position. The run
 * keeps its report entries here instead of in memory, so that its memory grows by a few bytes per document, not by
 * the entry (metadata, what was removed, warnings). The file has no name: nothing is left behind, however the run
 * ends.
 */
import { closeSync, mkdtempSync, openSync, readSync, rmSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

/** Bytes gathered before one write. */
const WRITE_BUFFER = 1 << 16;

export class Spill<T> {
  private fd: number;
  /** Bytes in the file, and after it those still in `pending`. */
  private written = 0;
  private pending: Buffer[] = [];
  private pendingBytes = 0;

  constructor() {
    const dir = mkdtempSync(path.join(tmpdir(), 'newsclean-spill-'));
    try {
      this.fd = openSync(path.join(dir, 'records'), 'w+', 0o600);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }

  /** Appends a record; returns where it is (offset, length). */
  put(value: T): [number, number] {
    const bytes = Buffer.from(JSON.stringify(value), 'utf8');
    const at = this.written + this.pendingBytes;
    this.pending.push(bytes);
    this.pendingBytes += bytes.length;
    if (this.pendingBytes >= WRITE_BUFFER) this.flush();
    return [at, bytes.length];
  }

  private flush(): void {
    if (this.pendingBytes === 0) return;
    const all = this.pending.length === 1 ? this.pending[0]! : Buffer.concat(this.pending, this.pendingBytes);
    let n = 0;
    while (n < all.length) n += writeSync(this.fd, all, n, all.length - n, this.written + n);
    this.written += all.length;
    this.pending = [];
    this.pendingBytes = 0;
  }

  get(offset: number, length: number): T {
    if (offset + length > this.written) this.flush();
    const buf = Buffer.allocUnsafe(length);
    let n = 0;
    while (n < length) {
      const got = readSync(this.fd, buf, n, length - n, offset + n);
      if (got === 0) throw new Error('a spill file was cut short');
      n += got;
    }
    return JSON.parse(buf.toString('utf8')) as T;
  }

  close(): void {
    if (this.fd < 0) return;
    closeSync(this.fd);
    this.fd = -1;
  }
}
