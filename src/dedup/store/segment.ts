/**
 * A segment: what one committed batch added to a local index (memory or directory), immutable once written.
 *
 * In memory a segment keeps its postings as sorted arrays (feature, key), its content hashes sorted, the boilerplate
 * fingerprints and cluster links the batch added, and where each record is. On disk it is one file:
 *
 *   "NCSEG001"                          8 bytes
 *   records                             the encoded records, one after another (written while the batch runs)
 *   sections, each 8-byte aligned       keys u32[n] · recordOffsets f64[n+1] · bandKeys u32[] · bandDocs u32[] ·
 *                                       fpKeys u32[] · fpDocs u32[] · hashes u8[16n] · hashDocs u32[n] ·
 *                                       boilerplate u32[] · links u32[2m] (child, parent)
 *   footer                              JSON: sections as [offset, length], counts, date ranges
 *   trailer                             u64 footer offset · u32 footer length · "NCSEGEND"
 *
 * All numbers are little-endian.
 */
import { closeSync, fstatSync, openSync, readSync } from 'node:fs';
import { lowerBound } from './postings.js';

export const SEGMENT_MAGIC = Buffer.from('NCSEG001', 'latin1');
export const SEGMENT_END = Buffer.from('NCSEGEND', 'latin1');
export const TRAILER_BYTES = 8 + 4 + 8;

export interface SegmentInfo {
  docs: number;
  firstKey: number;
  lastKey: number;
  /** Article dates (ms) of the documents that have one, and indexing times: [min, max] or null. */
  dates: [number, number] | null;
  indexed: [number, number] | null;
}

export interface Segment extends SegmentInfo {
  /** Keys of the documents, ascending. */
  keys: Uint32Array;
  bandKeys: Uint32Array;
  bandDocs: Uint32Array;
  fpKeys: Uint32Array;
  fpDocs: Uint32Array;
  /** 16 bytes per document, sorted bytewise, with the key of each in hashDocs. */
  hashes: Uint8Array;
  hashDocs: Uint32Array;
  boilerplate: Uint32Array;
  links: Uint32Array;
  /** The record of a key of this segment. */
  record(key: number): Buffer;
  /** The file, for a directory index. */
  file?: string;
  bytes: number;
  /** Closes the file the records are read from (directory). */
  close?(): void;
}

export const SECTION_NAMES = ['keys', 'recordOffsets', 'bandKeys', 'bandDocs', 'fpKeys', 'fpDocs', 'hashes', 'hashDocs', 'boilerplate', 'links'] as const;
export type SectionName = (typeof SECTION_NAMES)[number];

export interface SegmentFooter extends SegmentInfo {
  format: 1;
  sections: Record<SectionName, [number, number]>;
}

/** Index of `key` in the segment (−1 when it is not there). */
export function keyIndex(seg: Pick<Segment, 'keys'>, key: number): number {
  const i = lowerBound(seg.keys, key);
  return i < seg.keys.length && seg.keys[i] === key ? i : -1;
}

/** The key of the document with this content hash, or 0. */
export function findHash(seg: Pick<Segment, 'hashes' | 'hashDocs'>, hash: Uint8Array): number {
  let lo = 0;
  let hi = seg.hashDocs.length - 1;
  const h = Buffer.from(hash.buffer, hash.byteOffset, 16);
  const all = Buffer.from(seg.hashes.buffer, seg.hashes.byteOffset, seg.hashes.byteLength);
  while (lo <= hi) {
    const mid = (lo + hi) >>> 1;
    const c = all.compare(h, 0, 16, mid * 16, mid * 16 + 16);
    if (c === 0) return seg.hashDocs[mid]!;
    if (c < 0) lo = mid + 1;
    else hi = mid - 1;
  }
  return 0;
}

/** Sorts n 16-byte hashes (with their keys) bytewise. */
export function sortHashes(hashes: Uint8Array, keys: Uint32Array): { hashes: Uint8Array; hashDocs: Uint32Array } {
  const n = keys.length;
  const buf = Buffer.from(hashes.buffer, hashes.byteOffset, hashes.byteLength);
  const order = Array.from({ length: n }, (_, i) => i).sort((a, b) => buf.compare(buf, b * 16, b * 16 + 16, a * 16, a * 16 + 16));
  const out = new Uint8Array(n * 16);
  const docs = new Uint32Array(n);
  for (let x = 0; x < n; x++) {
    const i = order[x]!;
    out.set(hashes.subarray(i * 16, i * 16 + 16), x * 16);
    docs[x] = keys[i]!;
  }
  return { hashes: out, hashDocs: docs };
}

/** Reads `length` bytes at `offset` of an open file into a fresh (8-byte aligned) buffer. */
export function readAt(fd: number, offset: number, length: number): Buffer {
  const ab = new ArrayBuffer(Math.ceil(length / 8) * 8);
  const buf = Buffer.from(ab, 0, length);
  let got = 0;
  while (got < length) {
    const n = readSync(fd, buf, got, length - got, offset + got);
    if (n === 0) throw new Error(`unexpected end of file at ${offset + got}`);
    got += n;
  }
  return buf;
}

/** Opens a segment file: reads its footer and sections (not the records, which are read when loaded). */
export function readSegmentFile(file: string, expectBytes?: number): Segment {
  const fd = openSync(file, 'r');
  try {
    const size = fstatSync(fd).size;
    if (expectBytes !== undefined && size !== expectBytes) throw new Error(`${file} has ${size} bytes, the manifest says ${expectBytes}`);
    if (size < SEGMENT_MAGIC.length + TRAILER_BYTES) throw new Error(`${file} is too short to be a segment`);
    const head = readAt(fd, 0, SEGMENT_MAGIC.length);
    if (!head.equals(SEGMENT_MAGIC)) throw new Error(`${file} is not an index segment`);
    const trailer = readAt(fd, size - TRAILER_BYTES, TRAILER_BYTES);
    if (!trailer.subarray(12).equals(SEGMENT_END)) throw new Error(`${file} is incomplete (no trailer)`);
    const footerAt = Number(trailer.readBigUInt64LE(0));
    const footerLen = trailer.readUInt32LE(8);
    const footer = JSON.parse(readAt(fd, footerAt, footerLen).toString('utf8')) as SegmentFooter;
    const u32 = (name: SectionName): Uint32Array => {
      const [off, len] = footer.sections[name];
      const b = readAt(fd, off, len);
      return new Uint32Array(b.buffer, 0, len / 4);
    };
    const offsetsRaw = readAt(fd, ...footer.sections.recordOffsets);
    const offsets = new Float64Array(offsetsRaw.buffer, 0, footer.sections.recordOffsets[1] / 8);
    const [hOff, hLen] = footer.sections.hashes;
    const hashes = new Uint8Array(readAt(fd, hOff, hLen).buffer, 0, hLen);
    const keys = u32('keys');
    let rfd: number | null = null;
    const seg: Segment = {
      docs: footer.docs,
      firstKey: footer.firstKey,
      lastKey: footer.lastKey,
      dates: footer.dates,
      indexed: footer.indexed,
      keys,
      bandKeys: u32('bandKeys'),
      bandDocs: u32('bandDocs'),
      fpKeys: u32('fpKeys'),
      fpDocs: u32('fpDocs'),
      hashes,
      hashDocs: u32('hashDocs'),
      boilerplate: u32('boilerplate'),
      links: u32('links'),
      file,
      bytes: size,
      record(key: number): Buffer {
        const i = keyIndex(seg, key);
        if (i < 0) throw new Error(`key ${key} is not in ${file}`);
        rfd ??= openSync(file, 'r');
        return readAt(rfd, offsets[i]!, offsets[i + 1]! - offsets[i]!);
      },
      close(): void {
        if (rfd !== null) closeSync(rfd);
        rfd = null;
      },
    };
    return seg;
  } finally {
    closeSync(fd);
  }
}
