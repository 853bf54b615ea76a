/**
 * Uint32 values appended to partitions of one temporary file (nameless, see run/unlinked-file.ts), and read back a
 * partition at a time: each partition gathers `bufferValues` values in a write buffer and appends them to the file as
 * a block when it is full; the partition remembers where its blocks are. What is in memory is the partitions' write
 * buffers (allocated on first use) and the one partition being read.
 */
import { closeSync } from 'node:fs';
import { openUnlinkedFile, readBlocks, writeAll } from '../run/unlinked-file.js';

/** Values a partition gathers before it writes them (64 KiB). */
export const PARTITION_BUFFER = 1 << 14;

export class PartitionFile {
  private fd: number;
  private written = 0;
  private readonly buffers: Array<Uint32Array | undefined>;
  private readonly used: Uint32Array;
  private readonly counts: Float64Array;
  private readonly blockAt: number[][];
  private readonly blockLen: number[][];

  constructor(
    readonly partitions: number,
    private readonly bufferValues = PARTITION_BUFFER,
    prefix = 'groups',
  ) {
    if (!Number.isInteger(bufferValues) || bufferValues < 1) throw new RangeError(`bufferValues must be a positive integer, got ${bufferValues}`);
    this.buffers = new Array(partitions);
    this.used = new Uint32Array(partitions);
    this.counts = new Float64Array(partitions);
    this.blockAt = Array.from({ length: partitions }, () => []);
    this.blockLen = Array.from({ length: partitions }, () => []);
    this.fd = openUnlinkedFile(prefix);
  }

  /** Values in partition `p`. */
  size(p: number): number {
    return this.counts[p]!;
  }

  /** Appends one value to partition `p`. */
  push(p: number, v: number): void {
    let buf = this.buffers[p];
    if (buf === undefined) {
      if (this.fd < 0) throw new Error('a partition file was used after it was closed');
      buf = this.buffers[p] = new Uint32Array(this.bufferValues);
    }
    const u = this.used[p]!;
    buf[u] = v;
    this.counts[p]!++;
    if ((this.used[p] = u + 1) === this.bufferValues) this.flush(p);
  }

  /** Appends values[from..to) to partition `p`. */
  pushRange(p: number, values: Uint32Array, from: number, to: number): void {
    for (let x = from; x < to; x++) this.push(p, values[x]!);
  }

  private flush(p: number): void {
    const u = this.used[p]!;
    if (u === 0) return;
    const bytes = new Uint8Array(this.buffers[p]!.buffer, 0, u * 4);
    writeAll(this.fd, bytes, this.written);
    this.blockAt[p]!.push(this.written);
    this.blockLen[p]!.push(u);
    this.written += bytes.length;
    this.used[p] = 0;
  }

  /** Nothing more is pushed: the write buffers are written and let go. */
  seal(): void {
    if (this.fd < 0) throw new Error('a partition file was used after it was closed');
    for (let p = 0; p < this.partitions; p++) if (this.buffers[p] !== undefined) this.flush(p);
    this.buffers.fill(undefined);
  }

  /** Partition `p`'s values, in the order pushed, into `into` when it is large enough (or a new array). */
  read(p: number, into?: Uint32Array): Uint32Array {
    if (this.fd < 0) throw new Error('a partition file was used after it was closed');
    if (this.buffers[p] !== undefined) this.flush(p);
    const count = this.counts[p]!;
    const out = into && into.length >= count ? into.subarray(0, count) : new Uint32Array(count);
    const bytes = new Uint8Array(out.buffer, out.byteOffset, count * 4);
    readBlocks(this.fd, bytes, this.blockAt[p]!, this.blockLen[p]!, 4, 'a partition file');
    return out;
  }

  /** Lets the file go (idempotent). */
  close(): void {
    if (this.fd >= 0) closeSync(this.fd);
    this.fd = -1;
    this.buffers.fill(undefined);
  }
}
