/**
 * Feature values (LSH band keys, winnowing fingerprints) kept in a temporary file while documents come in, and read
 * back whole when the candidates are found: a long run (a 1 GB crawl: ~46,000 pages, ~480 bytes of fingerprints and
 * band keys each) then holds 1 MiB of them in memory while it cleans, rather than all of them. The file has no name
 * (opened, then its folder removed), so nothing is left behind however the process ends.
 *
 * `SketchIndex` no longer uses it: its spilled features go to value buckets (feature-buckets.ts), grouped one bucket
 * at a time, so that finding the candidates does not read every value back at once. Kept as the plain append-and-load
 * file of uint32 values.
 */
import { closeSync, readSync, writeSync } from 'node:fs';
import { CHUNK, ChunkedU32 } from './groups.js';
import { openUnlinkedFile } from '../run/unlinked-file.js';

/** Values gathered before one write (1 MiB). */
const BUFFER_VALUES = 1 << 18;

/** Append-only uint32 values in a temporary file; `load` gives them back as a `ChunkedU32` and closes the file. */
export class SpilledU32 {
  length = 0;
  private fd: number;
  private buffer = new Uint32Array(BUFFER_VALUES);
  private used = 0;
  private writtenBytes = 0;

  constructor() {
    this.fd = openUnlinkedFile('features');
  }

  push(v: number): void {
    if (this.fd < 0) throw new Error('a feature file was used after it was closed');
    if (this.used === BUFFER_VALUES) this.flush();
    this.buffer[this.used++] = v;
    this.length++;
  }

  pushAll(values: Uint32Array): void {
    if (this.fd < 0) throw new Error('a feature file was used after it was closed');
    let from = 0;
    while (from < values.length) {
      if (this.used === BUFFER_VALUES) this.flush();
      const n = Math.min(BUFFER_VALUES - this.used, values.length - from);
      this.buffer.set(values.subarray(from, from + n), this.used);
      this.used += n;
      from += n;
    }
    this.length += values.length;
  }

  private flush(): void {
    if (this.fd < 0) throw new Error('a feature file was used after it was closed');
    const bytes = new Uint8Array(this.buffer.buffer, 0, this.used * 4);
    let n = 0;
    while (n < bytes.length) n += writeSync(this.fd, bytes, n, bytes.length - n, this.writtenBytes + n);
    this.writtenBytes += bytes.length;
    this.used = 0;
  }

  /** Every value, in the order pushed, in memory again; the file is closed. */
  load(): ChunkedU32 {
    this.flush();
    const out = new ChunkedU32();
    for (let at = 0; at < this.length; at += CHUNK) {
      const chunk = new Uint32Array(CHUNK);
      const want = Math.min(CHUNK, this.length - at) * 4;
      const bytes = new Uint8Array(chunk.buffer, 0, want);
      let n = 0;
      while (n < want) {
        const got = readSync(this.fd, bytes, n, want - n, at * 4 + n);
        if (got === 0) throw new Error('a feature file was cut short');
        n += got;
      }
      out.chunks.push(chunk);
    }
    out.length = this.length;
    this.close();
    return out;
  }

  /** Lets the file go (idempotent). */
  close(): void {
    if (this.fd >= 0) closeSync(this.fd);
    this.fd = -1;
    this.buffer = new Uint32Array(0);
  }
}
