/**
 * Feature values (LSH band keys, winnowing fingerprints) spilled to a temporary file as they come in, partitioned by
 * value range: each (value, document) entry goes to the bucket named by the value's top `bucketBits` bits, through a
 * small write buffer per bucket. The candidates are then grouped one bucket at a time (see bucket-groups.ts): a
 * bucket holds every entry of its values, in the order pushed, so grouping it alone gives exactly the groups that
 * sorting every entry would, and in ascending value order across buckets. What the grouping holds at once is a
 * bucket (8 bytes an entry), not the run.
 *
 * One file per feature kind (nameless, see run/unlinked-file.ts): a bucket's buffer, when full, is appended to it as a
 * block, and the bucket remembers where its blocks are.
 */
import { closeSync } from 'node:fs';
import { openUnlinkedFile, readBlocks, writeAll } from '../run/unlinked-file.js';
import { RANGE_ENTRIES } from './doc-groups.js';

export interface FeatureBucketOptions {
  /** Buckets are the values' top `bucketBits` bits (0–16): 2^bucketBits buckets. Default 8 (256 buckets). */
  bucketBits?: number;
  /** Entries a bucket gathers before it writes them as one block (≥ 1). Default 512 (4 KiB: 2 MiB of buffers for 256 buckets). */
  bufferEntries?: number;
  /**
   * Entries of the documents' groups in a document range, whose groups the scans read at a time (≥ 1;
   * group-partitions.ts). Default 2^18 (1 MiB).
   */
  rangeEntries?: number;
  /** Values a document range's partition of the groups' file gathers before it writes them (≥ 1). Default: 2 MiB of buffers shared by the ranges. */
  partitionValues?: number;
}

export const DEFAULT_BUCKET_BITS = 8;
export const DEFAULT_BUCKET_BUFFER = 512;

/** A bucket's entries, in the order pushed: `values[x]` in document `docs[x]`, for x < `count`. */
export interface BucketEntries {
  bucket: number;
  count: number;
  values: Uint32Array;
  docs: Uint32Array;
}

export class BucketedFeatures {
  /** Entries pushed. */
  length = 0;
  readonly bucketBits: number;
  readonly buckets: number;
  readonly rangeEntries: number;
  readonly partitionValues: number | undefined;
  private readonly bufferEntries: number;
  private fd: number;
  private written = 0;
  /** Read once: nothing more can be pushed. */
  private sealed = false;
  /** Per bucket: its write buffer (value, document interleaved; allocated on first use) and how many it holds. */
  private readonly buffers: Array<Uint32Array | undefined>;
  private readonly used: Uint32Array;
  /** Per bucket: entries in all, and its blocks (file offset in bytes, entries). */
  private readonly counts: Float64Array;
  private readonly blockAt: number[][];
  private readonly blockLen: number[][];

  constructor(options: FeatureBucketOptions = {}) {
    const bits = options.bucketBits ?? DEFAULT_BUCKET_BITS;
    const buffer = options.bufferEntries ?? DEFAULT_BUCKET_BUFFER;
    if (!Number.isInteger(bits) || bits < 0 || bits > 16) throw new RangeError(`bucketBits must be an integer 0–16, got ${bits}`);
    if (!Number.isInteger(buffer) || buffer < 1) throw new RangeError(`bufferEntries must be a positive integer, got ${buffer}`);
    const range = options.rangeEntries ?? RANGE_ENTRIES;
    if (!Number.isInteger(range) || range < 1) throw new RangeError(`rangeEntries must be a positive integer, got ${range}`);
    this.rangeEntries = range;
    const part = options.partitionValues;
    if (part !== undefined && (!Number.isInteger(part) || part < 1)) throw new RangeError(`partitionValues must be a positive integer, got ${part}`);
    this.partitionValues = part;
    this.bucketBits = bits;
    this.buckets = 1 << bits;
    this.bufferEntries = buffer;
    this.buffers = new Array(this.buckets);
    this.used = new Uint32Array(this.buckets);
    this.counts = new Float64Array(this.buckets);
    this.blockAt = Array.from({ length: this.buckets }, () => []);
    this.blockLen = Array.from({ length: this.buckets }, () => []);
    this.fd = openUnlinkedFile('features');
  }

  /** The bucket of a value: its top `bucketBits` bits. */
  bucketOf(value: number): number {
    return this.bucketBits === 0 ? 0 : value >>> (32 - this.bucketBits);
  }

  /** Appends document `doc`'s values. */
  pushAll(doc: number, values: Uint32Array): void {
    if (this.fd < 0 || this.sealed) throw new Error('a feature file was used after it was closed');
    for (let x = 0; x < values.length; x++) {
      const v = values[x]!;
      const b = this.bucketOf(v);
      let buf = this.buffers[b];
      if (buf === undefined) buf = this.buffers[b] = new Uint32Array(2 * this.bufferEntries);
      const u = this.used[b]!;
      buf[2 * u] = v;
      buf[2 * u + 1] = doc;
      this.counts[b]!++;
      if ((this.used[b] = u + 1) === this.bufferEntries) this.flush(b);
    }
    this.length += values.length;
  }

  private flush(b: number): void {
    const u = this.used[b]!;
    if (u === 0) return;
    const bytes = new Uint8Array(this.buffers[b]!.buffer, 0, u * 8);
    writeAll(this.fd, bytes, this.written);
    this.blockAt[b]!.push(this.written);
    this.blockLen[b]!.push(u);
    this.written += bytes.length;
    this.used[b] = 0;
  }

  /** Entries in the largest bucket. */
  get largestBucket(): number {
    let m = 0;
    for (let b = 0; b < this.buckets; b++) if (this.counts[b]! > m) m = this.counts[b]!;
    return m;
  }

  /**
   * Calls `visit` with each non-empty bucket's entries, buckets in ascending order (so values ascend from one bucket
   * to the next), reading each from the file into arrays reused from bucket to bucket (valid only during the call).
   * Nothing can be pushed after the first call (the write buffers are let go); the buckets can be read again until
   * `close()`.
   */
  forEachBucket(visit: (entries: BucketEntries) => void): void {
    if (this.fd < 0) throw new Error('a feature file was used after it was closed');
    if (!this.sealed) for (let b = 0; b < this.buckets; b++) this.flush(b);
    this.sealed = true;
    this.buffers.fill(undefined);
    const largest = this.largestBucket;
    const pairs = new Uint32Array(2 * largest);
    const values = new Uint32Array(largest);
    const docs = new Uint32Array(largest);
    for (let b = 0; b < this.buckets; b++) {
        const count = this.counts[b]!;
        if (count === 0) continue;
        const bytes = new Uint8Array(pairs.buffer, 0, count * 8);
        readBlocks(this.fd, bytes, this.blockAt[b]!, this.blockLen[b]!, 8, 'a feature file');
        for (let x = 0; x < count; x++) {
          values[x] = pairs[2 * x]!;
          docs[x] = pairs[2 * x + 1]!;
        }
        visit({ bucket: b, count, values, docs });
      }
  }

  /** Lets the file go (idempotent). */
  close(): void {
    if (this.fd >= 0) closeSync(this.fd);
    this.fd = -1;
    this.buffers.fill(undefined);
    for (let b = 0; b < this.buckets; b++) {
      this.blockAt[b] = [];
      this.blockLen[b] = [];
    }
  }
}
