/**
 * A stored document's record, as bytes: the same in every backend (a directory segment, a Redis string).
 *
 *   u8  format (1)       u8 flags (1: has an article date, 2: has an output path)
 *   f64 indexedAt        f64 date (NaN when unknown)
 *   f32 completeness     u32 length            u32 token count
 *   16  identity (hash of the id and the text)
 *   u32 + UTF-8 id       u32 + UTF-8 input     u32 + UTF-8 output (empty without one)
 *   …   the token hashes, each a varint: 0 and then the hash (4 bytes little-endian) for a token not seen before in
 *       the document, or 1 + its number among the document's distinct tokens for a repeat
 *
 * Token hashes are what verification needs (Jaccard, containment and passages are computed from them); a text is
 * never stored. Random 32-bit hashes compress only by their repeats: on the generated corpus ~571 tokens take
 * 2,286 bytes raw, ~1,650 raw-deflated and ~1,790 in this code, which costs a tenth of deflate's time (a zlib
 * context per record was 15 % of a batch's CPU time; see docs/index.md).
 */
import type { StoredDoc } from './types.js';

const FORMAT = 1;
const HEAD = 1 + 1 + 8 + 8 + 4 + 4 + 4 + 16;

export type RecordFields = Omit<StoredDoc, 'key'>;

let scratch = Buffer.allocUnsafe(1 << 16);

/** The token code (see the module comment) of `tokens`, as a view of a scratch buffer. */
export function packTokens(tokens: Uint32Array): Buffer {
  if (scratch.length < tokens.length * 5) scratch = Buffer.allocUnsafe(tokens.length * 5);
  const out = scratch;
  const seen = new Map<number, number>();
  let p = 0;
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i]!;
    const k = seen.get(t);
    if (k === undefined) {
      seen.set(t, seen.size);
      out[p++] = 0;
      out.writeUInt32LE(t, p);
      p += 4;
    } else {
      let v = k + 1;
      while (v >= 0x80) {
        out[p++] = (v & 0x7f) | 0x80;
        v >>>= 7;
      }
      out[p++] = v;
    }
  }
  return out.subarray(0, p);
}

/** Decodes `count` token hashes from `buf`; null when the bytes do not hold exactly that. */
export function unpackTokens(buf: Buffer, count: number): Uint32Array | null {
  const tokens = new Uint32Array(count);
  const distinct: number[] = [];
  let p = 0;
  for (let i = 0; i < count; i++) {
    if (p >= buf.length) return null;
    let v = 0;
    let shift = 0;
    let b: number;
    do {
      if (p >= buf.length || shift > 28) return null;
      b = buf[p++]!;
      v |= (b & 0x7f) << shift;
      shift += 7;
    } while (b & 0x80);
    if (v === 0) {
      if (p + 4 > buf.length) return null;
      const t = buf.readUInt32LE(p);
      p += 4;
      distinct.push(t);
      tokens[i] = t;
    } else {
      if (v > distinct.length) return null;
      tokens[i] = distinct[v - 1]!;
    }
  }
  return p === buf.length ? tokens : null;
}

export function encodeRecord(r: RecordFields): Buffer {
  if (r.identity.length !== 16) throw new RangeError('an identity has 16 bytes');
  const id = Buffer.from(r.id, 'utf8');
  const input = Buffer.from(r.input, 'utf8');
  const output = Buffer.from(r.output ?? '', 'utf8');
  const packed = packTokens(r.tokens);
  const buf = Buffer.allocUnsafe(HEAD + 12 + id.length + input.length + output.length + packed.length);
  let p = 0;
  buf[p++] = FORMAT;
  buf[p++] = (Number.isNaN(r.date) ? 0 : 1) | (r.output !== null ? 2 : 0);
  p = buf.writeDoubleLE(r.indexedAt, p);
  p = buf.writeDoubleLE(r.date, p);
  p = buf.writeFloatLE(r.completeness, p);
  p = buf.writeUInt32LE(Math.max(0, Math.min(0xffffffff, Math.round(r.length))), p);
  p = buf.writeUInt32LE(r.tokens.length, p);
  buf.set(r.identity, p);
  p += 16;
  for (const s of [id, input, output]) {
    p = buf.writeUInt32LE(s.length, p);
    s.copy(buf, p);
    p += s.length;
  }
  packed.copy(buf, p);
  return buf;
}

/** Decodes a record; `tokens: false` leaves the token hashes packed (an empty array), for listings. */
export function decodeRecord(key: number, bytes: Uint8Array, tokens = true): StoredDoc {
  const buf = Buffer.isBuffer(bytes) ? bytes : Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (buf.length < HEAD + 12 || buf[0] !== FORMAT) throw new Error(`index record ${key} is damaged (format ${buf[0]})`);
  const flags = buf[1]!;
  let p = 2;
  const indexedAt = buf.readDoubleLE(p);
  p += 8;
  const date = flags & 1 ? buf.readDoubleLE(p) : Number.NaN;
  p += 8;
  const completeness = buf.readFloatLE(p);
  p += 4;
  const length = buf.readUInt32LE(p);
  p += 4;
  const count = buf.readUInt32LE(p);
  p += 4;
  const identity = new Uint8Array(buf.subarray(p, p + 16));
  p += 16;
  const str = (): string => {
    const n = buf.readUInt32LE(p);
    p += 4;
    const s = buf.toString('utf8', p, p + n);
    p += n;
    return s;
  };
  const id = str();
  const input = str();
  const out = str();
  let hashes: Uint32Array = new Uint32Array(0);
  if (tokens) {
    const t = unpackTokens(buf.subarray(p), count);
    if (t === null) throw new Error(`index record ${key} is damaged (token data)`);
    hashes = t;
  }
  return { key, id, input, output: flags & 2 ? out : null, indexedAt, date, completeness, length, identity, tokens: hashes };
}

/** Epoch milliseconds a window counts a record from: its article date when known, else when it was indexed. */
export function recordWhen(r: Pick<StoredDoc, 'date' | 'indexedAt'>): number {
  return Number.isNaN(r.date) ? r.indexedAt : r.date;
}
