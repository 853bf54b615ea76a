/**
 * File names as the system has them: bytes. A name that is valid UTF-8 is handled as a string; one that is not is
 * kept as bytes (a Buffer path) for every open, and shown with each byte of an invalid sequence as `\xHH` (the
 * escaping Python's `backslashreplace` uses). Two names that decode to the same text (`bad\xff.txt`, `bad\xfe.txt`)
 * thus stay two files with two names.
 */

/** A path for the file system: a string, or the bytes of a path that is not valid UTF-8. */
export type FsPath = string | Buffer;

const HEX = '0123456789abcdef';

/** Length of the valid UTF-8 sequence at `i`, or 0 when the byte there does not start one. */
function sequenceAt(b: Uint8Array, i: number): number {
  const c = b[i]!;
  if (c < 0x80) return 1;
  const cont = (k: number, lo = 0x80, hi = 0xbf): boolean => {
    const x = b[i + k];
    return x !== undefined && x >= lo && x <= hi;
  };
  if (c >= 0xc2 && c <= 0xdf) return cont(1) ? 2 : 0;
  if (c >= 0xe0 && c <= 0xef) {
    const ok2 = c === 0xe0 ? cont(1, 0xa0) : c === 0xed ? cont(1, 0x80, 0x9f) : cont(1);
    return ok2 && cont(2) ? 3 : 0;
  }
  if (c >= 0xf0 && c <= 0xf4) {
    const ok2 = c === 0xf0 ? cont(1, 0x90) : c === 0xf4 ? cont(1, 0x80, 0x8f) : cont(1);
    return ok2 && cont(2) && cont(3) ? 4 : 0;
  }
  return 0;
}

/** A name's bytes as text: valid UTF-8 decoded, each byte that is not part of a valid sequence as `\xHH`. */
export function showBytes(b: Uint8Array): string {
  let out = '';
  let start = 0;
  let i = 0;
  while (i < b.length) {
    const n = sequenceAt(b, i);
    if (n > 0) {
      i += n;
      continue;
    }
    if (i > start) out += Buffer.from(b.buffer, b.byteOffset + start, i - start).toString('utf8');
    out += `\\x${HEX[b[i]! >> 4]}${HEX[b[i]! & 15]}`;
    start = ++i;
  }
  if (start === 0) return Buffer.from(b.buffer, b.byteOffset, b.byteLength).toString('utf8');
  if (i > start) out += Buffer.from(b.buffer, b.byteOffset + start, i - start).toString('utf8');
  return out;
}

/** Whether a path as text is all there is to it (valid UTF-8: no bytes kept aside). */
export function isText(p: FsPath): p is string {
  return typeof p === 'string';
}

/** `dir/name`, as a string when both are strings, else as bytes. */
export function joinPath(dir: FsPath, name: FsPath): FsPath {
  if (typeof dir === 'string' && typeof name === 'string') return dir.endsWith('/') ? `${dir}${name}` : `${dir}/${name}`;
  const d = typeof dir === 'string' ? Buffer.from(dir) : dir;
  const n = typeof name === 'string' ? Buffer.from(name) : name;
  return d[d.length - 1] === 0x2f ? Buffer.concat([d, n]) : Buffer.concat([d, Buffer.from('/'), n]);
}

/** A path shown as text (invalid bytes escaped). */
export function showPath(p: FsPath): string {
  return typeof p === 'string' ? p : showBytes(p);
}

/** Bytes a name takes on disk. */
export function byteLength(s: string): number {
  return Buffer.byteLength(s, 'utf8');
}

/** The longest start of `s` that fits in `max` bytes of UTF-8, never cutting a character (or a surrogate pair) in two. */
export function truncateUtf8(s: string, max: number): string {
  if (byteLength(s) <= max) return s;
  let bytes = 0;
  let i = 0;
  for (const ch of s) {
    const n = byteLength(ch);
    if (bytes + n > max) break;
    bytes += n;
    i += ch.length;
  }
  return s.slice(0, i);
}
