/**
 * Writes one segment file (layout in segment.ts): records first, appended while a batch runs, then the sections, the
 * footer and the trailer. The file is written under a temporary name and flushed to disk (fsync) before the caller
 * renames it into place; a SHA-256 of every byte is kept for the manifest.
 */
import { createHash, type Hash } from 'node:crypto';
import { closeSync, fsyncSync, openSync, rmSync, writeSync } from 'node:fs';
import { readAt, SEGMENT_END, SEGMENT_MAGIC, SECTION_NAMES, type SectionName, type SegmentFooter, type SegmentInfo } from './segment.js';

export type SegmentSections = Record<Exclude<SectionName, 'recordOffsets'>, ArrayBufferView>;

export class SegmentFileWriter {
  private fd: number | null;
  private pos = 0;
  private readonly hash: Hash = createHash('sha256');
  /** Offset of each record, and the end of the last. */
  private offsets: number[] = [];

  constructor(readonly path: string) {
    this.fd = openSync(path, 'wx+');
    this.write(SEGMENT_MAGIC);
  }

  private write(bytes: Uint8Array): void {
    let done = 0;
    while (done < bytes.length) done += writeSync(this.fd!, bytes, done, bytes.length - done, this.pos + done);
    this.hash.update(bytes);
    this.pos += bytes.length;
  }

  get records(): number {
    return this.offsets.length;
  }

  /** Appends a record; returns its number in this segment. */
  appendRecord(bytes: Uint8Array): number {
    this.offsets.push(this.pos);
    this.write(bytes);
    return this.offsets.length - 1;
  }

  /** A record appended before (read back from the file). */
  readRecord(i: number): Buffer {
    const start = this.offsets[i]!;
    const end = i + 1 < this.offsets.length ? this.offsets[i + 1]! : this.pos;
    return readAt(this.fd!, start, end - start);
  }

  /** Writes the sections, footer and trailer, and flushes the file; returns its size and SHA-256. */
  finish(sections: SegmentSections, info: SegmentInfo): { bytes: number; sha256: string } {
    const offsets = new Float64Array(this.offsets.length + 1);
    offsets.set(this.offsets);
    offsets[this.offsets.length] = this.pos;
    const all: Record<SectionName, ArrayBufferView> = { ...sections, recordOffsets: offsets };
    const placed = {} as Record<SectionName, [number, number]>;
    for (const name of SECTION_NAMES) {
      const pad = (8 - (this.pos % 8)) % 8;
      if (pad) this.write(new Uint8Array(pad));
      const v = all[name];
      placed[name] = [this.pos, v.byteLength];
      this.write(new Uint8Array(v.buffer, v.byteOffset, v.byteLength));
    }
    const footer: SegmentFooter = { format: 1, ...info, sections: placed };
    const json = Buffer.from(JSON.stringify(footer), 'utf8');
    const footerAt = this.pos;
    this.write(json);
    const trailer = Buffer.alloc(12);
    trailer.writeBigUInt64LE(BigInt(footerAt), 0);
    trailer.writeUInt32LE(json.length, 8);
    this.write(trailer);
    this.write(SEGMENT_END);
    fsyncSync(this.fd!);
    closeSync(this.fd!);
    this.fd = null;
    return { bytes: this.pos, sha256: this.hash.digest('hex') };
  }

  /** Closes and removes the unfinished file. */
  abort(): void {
    if (this.fd !== null) {
      closeSync(this.fd);
      this.fd = null;
    }
    rmSync(this.path, { force: true });
  }
}
