// Bytes → text: BOM, declared charset, strict UTF-8, windows-1252 fallback.
import { isAscii } from 'node:buffer';
import iconv from 'iconv-lite';
import { decodeSingleByte, decodeWindows1252, highTable } from './charsets.js';

export interface DecodeResult {
  /** Decoded text, BOM removed, CRLF and lone CR turned into LF. */
  text: string;
  /** 'utf-8' | 'utf-16le' | 'utf-16be' | 'windows-1252' | 'iso-8859-1' | another iconv-lite label. */
  encoding: string;
  bom: boolean;
  /** How the encoding was chosen. */
  how: 'bom' | 'declared' | 'utf-8' | 'fallback';
}

const SNIFF_LIMIT = 4096;
const BINARY_SAMPLE = 8192;

function toLatin1(bytes: Uint8Array, limit: number): string {
  const n = Math.min(bytes.length, limit);
  return Buffer.from(bytes.buffer, bytes.byteOffset, n).toString('latin1');
}

function normalizeNewlines(text: string): string {
  return text.indexOf('\r') === -1 ? text : text.replace(/\r\n?/g, '\n');
}

// Bounded quantifiers only: every pattern runs in linear time on any input.
const META_RE = /<meta\b[^>]{0,1024}?\bcharset\s*=\s*(?:["']\s*)?([A-Za-z0-9][A-Za-z0-9_.:+-]{0,39})/i;
const XML_RE = /^\s{0,64}<\?xml\b[^>]{0,256}?\bencoding\s*=\s*["']\s*([A-Za-z0-9][A-Za-z0-9_.:+-]{0,39})/i;
const FRONT_KEY_RE = /^(?:charset|encoding)[ \t]*:[ \t]*["']?([A-Za-z0-9][A-Za-z0-9_.:+-]{0,39})/im;

/**
 * The charset a document declares about itself, looked for in its first ~4 KB:
 * `<meta charset=…>`, `<meta http-equiv="Content-Type" content="…; charset=…">`,
 * `<?xml … encoding="…"?>`, or a `charset:` / `encoding:` key in front matter.
 * Returns the label in lower case, or undefined.
 */
export function sniffDeclaredCharset(bytes: Uint8Array): string | undefined {
  try {
    let head = toLatin1(asBytes(bytes), SNIFF_LIMIT);
    if (head.startsWith('\xef\xbb\xbf')) head = head.slice(3);
    const xml = XML_RE.exec(head);
    if (xml?.[1]) return xml[1].toLowerCase();
    const meta = head.includes('<') ? META_RE.exec(head) : null;
    if (meta?.[1]) return meta[1].toLowerCase();
    // Front matter: a first line of three dashes, up to the closing fence.
    const fm = /^---[ \t]*\r?\n/.exec(head);
    if (fm) {
      const rest = head.slice(fm[0].length);
      const close = /^(?:---|\.\.\.)[ \t]*$/m.exec(rest);
      const block = close ? rest.slice(0, close.index) : rest;
      const key = FRONT_KEY_RE.exec(block);
      if (key?.[1]) return key[1].toLowerCase();
    }
    return undefined;
  } catch {
    return undefined;
  }
}

type Family = 'utf-8' | 'utf-16le' | 'utf-16be' | 'western' | 'other' | 'unknown';

const WESTERN = new Set([
  'windows-1252', 'cp1252', 'x-cp1252', 'win1252', 'latin1', 'latin-1', 'l1', 'iso-8859-1', 'iso8859-1',
  'iso_8859-1', 'iso-ir-100', 'ibm819', 'cp819', 'csisolatin1', 'us-ascii', 'ascii', 'ansi_x3.4-1968',
  'iso646-us', 'cp367', 'csascii',
]);
const MAC_ROMAN = new Set(['macintosh', 'mac', 'macroman', 'x-mac-roman', 'csmacintosh']);
const UTF8 = new Set(['utf-8', 'utf8', 'unicode-1-1-utf-8', 'x-unicode20utf8', 'unicode11utf8']);

function classify(label: string): Family {
  if (UTF8.has(label)) return 'utf-8';
  if (WESTERN.has(label)) return 'western';
  if (MAC_ROMAN.has(label)) return 'other';
  if (label === 'utf-16le' || label === 'utf-16' || label === 'ucs-2' || label === 'unicode') return 'utf-16le';
  if (label === 'utf-16be' || label === 'unicodefffe') return 'utf-16be';
  try {
    return iconv.encodingExists(label) ? 'other' : 'unknown';
  } catch {
    return 'unknown';
  }
}

const strictUtf8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });
const lenientUtf8 = new TextDecoder('utf-8', { fatal: false, ignoreBOM: true });

function tryUtf8(bytes: Uint8Array): string | undefined {
  try {
    return strictUtf8.decode(bytes);
  } catch {
    return undefined;
  }
}

/** Bytes of the first `n` as a Buffer view (no copy), for its native searches. */
function viewOf(bytes: Uint8Array, n: number): Buffer {
  return Buffer.from(bytes.buffer, bytes.byteOffset, Math.min(n, bytes.length));
}

/** How often `value` occurs in `buf`, counted with the native search (fast where it is rare). */
function occurrences(buf: Buffer, value: number): number {
  let count = 0;
  for (let at = buf.indexOf(value); at !== -1; at = buf.indexOf(value, at + 1)) count++;
  return count;
}

function hasHighByte(bytes: Uint8Array): boolean {
  // native (SIMD) check, many times faster than a loop over the bytes
  return !isAscii(bytes);
}

function hasC1Byte(bytes: Uint8Array): boolean {
  for (let i = 0; i < bytes.length; i++) {
    const b = bytes[i] ?? 0;
    if (b >= 0x80 && b < 0xa0) return true;
  }
  return false;
}

function decodeUtf16(bytes: Uint8Array, le: boolean): string {
  return new TextDecoder(le ? 'utf-16le' : 'utf-16be', { fatal: false, ignoreBOM: true }).decode(bytes);
}

function western(bytes: Uint8Array, how: DecodeResult['how']): DecodeResult {
  return {
    text: normalizeNewlines(decodeWindows1252(bytes)),
    encoding: hasC1Byte(bytes) ? 'windows-1252' : 'iso-8859-1',
    bom: false,
    how,
  };
}

/** Share of NUL bytes at even and odd offsets of a sample. */
function nulParity(bytes: Uint8Array, limit: number): { even: number; odd: number; n: number } {
  const n = Math.min(bytes.length, limit);
  if (viewOf(bytes, n).indexOf(0) === -1) return { even: 0, odd: 0, n };
  let even = 0;
  let odd = 0;
  for (let i = 0; i < n; i++) {
    if (bytes[i] === 0) {
      if (i & 1) odd++;
      else even++;
    }
  }
  return { even, odd, n };
}

/** Text that is UTF-16 without a BOM: NULs nearly all on one side of each pair. */
function utf16WithoutBom(bytes: Uint8Array): 'utf-16le' | 'utf-16be' | undefined {
  const { even, odd, n } = nulParity(bytes, BINARY_SAMPLE);
  if (n < 8) return undefined;
  const need = Math.max(2, Math.floor(n / 2) * 0.3);
  if (odd >= need && even <= odd * 0.05) return 'utf-16le';
  if (even >= need && odd <= even * 0.05) return 'utf-16be';
  return undefined;
}

/**
 * Decode a file's bytes. Order: a BOM (UTF-8, UTF-16LE/BE); then a declared
 * charset (options.declared, else one found by sniffDeclaredCharset) when it is
 * not UTF-8; then strict UTF-8; else windows-1252 (undefined bytes read as
 * Latin-1). A declared UTF-8 that is not valid UTF-8 falls back too. A declared
 * single-byte or legacy charset gives way to UTF-8 when the bytes are valid
 * UTF-8 with non-ASCII sequences: such a declaration is a template's leftover,
 * as real legacy text is practically never valid multi-byte UTF-8.
 * Never throws.
 */
export function decodeBytes(bytes: Uint8Array, options?: { declared?: string }): DecodeResult {
  const input = asBytes(bytes);
  try {
    return decodeUnsafe(input, options);
  } catch {
    // Last resort for anything unexpected: a lossless single-byte reading.
    return western(input, 'fallback');
  }
}

/** Callers from plain JavaScript may pass an ArrayBuffer, an array of numbers or nothing. */
function asBytes(bytes: unknown): Uint8Array {
  if (bytes instanceof Uint8Array) return bytes;
  try {
    if (bytes instanceof ArrayBuffer) return new Uint8Array(bytes);
    if (ArrayBuffer.isView(bytes)) return new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.byteLength);
    if (Array.isArray(bytes)) return Uint8Array.from(bytes as number[]);
  } catch {
    // fall through
  }
  return new Uint8Array(0);
}

function decodeUnsafe(bytes: Uint8Array, options?: { declared?: string }): DecodeResult {
  const b0 = bytes[0];
  const b1 = bytes[1];
  const b2 = bytes[2];
  if (b0 === 0xef && b1 === 0xbb && b2 === 0xbf) {
    return {
      text: normalizeNewlines(lenientUtf8.decode(bytes.subarray(3))),
      encoding: 'utf-8',
      bom: true,
      how: 'bom',
    };
  }
  if ((b0 === 0xff && b1 === 0xfe) || (b0 === 0xfe && b1 === 0xff)) {
    const le = b0 === 0xff;
    return {
      text: normalizeNewlines(decodeUtf16(bytes.subarray(2), le)),
      encoding: le ? 'utf-16le' : 'utf-16be',
      bom: true,
      how: 'bom',
    };
  }

  const declaredRaw = options?.declared ?? sniffDeclaredCharset(bytes);
  const declared = typeof declaredRaw === 'string' ? declaredRaw.trim().toLowerCase() : undefined;
  const family = declared ? classify(declared) : 'unknown';

  if (family === 'utf-16le' || family === 'utf-16be') {
    // A UTF-16 declaration readable as ASCII is wrong, unless the bytes agree.
    const seen = utf16WithoutBom(bytes);
    if (seen) {
      return { text: normalizeNewlines(decodeUtf16(bytes, seen === 'utf-16le')), encoding: seen, bom: false, how: 'declared' };
    }
  }

  const utf8 = tryUtf8(bytes);
  const multiByteUtf8 = utf8 !== undefined && hasHighByte(bytes);

  if (declared && (family === 'western' || family === 'other') && !multiByteUtf8) {
    if (family === 'western') return western(bytes, 'declared');
    if (MAC_ROMAN.has(declared)) {
      // iconv-lite's table is Mac OS Roman before 8.5: read with Apple's (see charsets.ts).
      const text = decodeSingleByte(bytes, highTable('macintosh'));
      return { text: normalizeNewlines(text.charCodeAt(0) === 0xfeff ? text.slice(1) : text), encoding: declared, bom: false, how: 'declared' };
    }
    try {
      const text = iconv.decode(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.length), declared);
      return { text: normalizeNewlines(text.charCodeAt(0) === 0xfeff ? text.slice(1) : text), encoding: declared, bom: false, how: 'declared' };
    } catch {
      // fall through to detection
    }
  }

  if (utf8 !== undefined) {
    return { text: normalizeNewlines(utf8), encoding: 'utf-8', bom: false, how: 'utf-8' };
  }
  const seen = utf16WithoutBom(bytes);
  if (seen) {
    return { text: normalizeNewlines(decodeUtf16(bytes, seen === 'utf-16le')), encoding: seen, bom: false, how: 'fallback' };
  }
  return western(bytes, 'fallback');
}

// Magic numbers of common binary formats, checked at offset 0 unless given.
const MAGIC: Array<{ name: string; bytes: number[]; offset?: number }> = [
  { name: 'PNG image', bytes: [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a] },
  { name: 'JPEG image', bytes: [0xff, 0xd8, 0xff] },
  { name: 'GIF image', bytes: [0x47, 0x49, 0x46, 0x38] },
  { name: 'PDF document', bytes: [0x25, 0x50, 0x44, 0x46, 0x2d] },
  { name: 'ZIP archive', bytes: [0x50, 0x4b, 0x03, 0x04] },
  { name: 'ZIP archive', bytes: [0x50, 0x4b, 0x05, 0x06] },
  { name: 'ZIP archive', bytes: [0x50, 0x4b, 0x07, 0x08] },
  { name: 'gzip data', bytes: [0x1f, 0x8b] },
  { name: 'xz data', bytes: [0xfd, 0x37, 0x7a, 0x58, 0x5a, 0x00] },
  { name: 'zstd data', bytes: [0x28, 0xb5, 0x2f, 0xfd] },
  { name: '7z archive', bytes: [0x37, 0x7a, 0xbc, 0xaf, 0x27, 0x1c] },
  { name: 'RAR archive', bytes: [0x52, 0x61, 0x72, 0x21, 0x1a, 0x07] },
  { name: 'WebP image', bytes: [0x57, 0x45, 0x42, 0x50], offset: 8 },
  { name: 'WAVE audio', bytes: [0x57, 0x41, 0x56, 0x45], offset: 8 },
  { name: 'AVI video', bytes: [0x41, 0x56, 0x49, 0x20], offset: 8 },
  { name: 'ISO media (MP4/HEIC/AVIF)', bytes: [0x66, 0x74, 0x79, 0x70], offset: 4 },
  { name: 'TIFF image', bytes: [0x49, 0x49, 0x2a, 0x00] },
  { name: 'TIFF image', bytes: [0x4d, 0x4d, 0x00, 0x2a] },
  { name: 'ICO image', bytes: [0x00, 0x00, 0x01, 0x00] },
  { name: 'Ogg media', bytes: [0x4f, 0x67, 0x67, 0x53, 0x00] },
  { name: 'FLAC audio', bytes: [0x66, 0x4c, 0x61, 0x43, 0x00] },
  { name: 'MP3 audio', bytes: [0x49, 0x44, 0x33, 0x03] },
  { name: 'MP3 audio', bytes: [0x49, 0x44, 0x33, 0x04] },
  { name: 'WOFF font', bytes: [0x77, 0x4f, 0x46, 0x46] },
  { name: 'WOFF2 font', bytes: [0x77, 0x4f, 0x46, 0x32] },
  { name: 'ELF executable', bytes: [0x7f, 0x45, 0x4c, 0x46] },
  { name: 'WebAssembly module', bytes: [0x00, 0x61, 0x73, 0x6d] },
  { name: 'Java class or Mach-O', bytes: [0xca, 0xfe, 0xba, 0xbe] },
  { name: 'SQLite database', bytes: [0x53, 0x51, 0x4c, 0x69, 0x74, 0x65, 0x20, 0x66, 0x6f, 0x72, 0x6d, 0x61, 0x74, 0x20, 0x33, 0x00] },
];

/** Control bytes that do not occur in text: below 0x20 except tab, line feed, vertical tab, form feed, carriage return and escape; and DEL. */
const CONTROL_BYTES: readonly number[] = [
  0x01, 0x02, 0x03, 0x04, 0x05, 0x06, 0x07, 0x08, 0x0e, 0x0f, 0x10, 0x11, 0x12, 0x13, 0x14, 0x15, 0x16, 0x17, 0x18, 0x19, 0x1a, 0x1c, 0x1d, 0x1e,
  0x1f, 0x7f,
];

function magicAt(bytes: Uint8Array, sig: number[], offset: number): boolean {
  if (bytes.length < offset + sig.length) return false;
  for (let i = 0; i < sig.length; i++) if (bytes[offset + i] !== sig[i]) return false;
  return true;
}

/**
 * Whether bytes look like a binary file rather than text: a known magic
 * number, NUL bytes in something that is not UTF-16, or a high share of
 * control bytes. Looks at the first 8 KB only. Never throws.
 */
export function looksBinary(input: Uint8Array): { binary: boolean; reason?: string } {
  try {
    const bytes = asBytes(input);
    if (bytes.length === 0) return { binary: false };
    for (const m of MAGIC) {
      if (magicAt(bytes, m.bytes, m.offset ?? 0)) {
        // RIFF containers need the RIFF tag too.
        if ((m.offset === 8) && !magicAt(bytes, [0x52, 0x49, 0x46, 0x46], 0)) continue;
        return { binary: true, reason: `magic number: ${m.name}` };
      }
    }
    // bzip2: "BZh", a block-size digit, then the block magic.
    if (magicAt(bytes, [0x42, 0x5a, 0x68], 0) && magicAt(bytes, [0x31, 0x41, 0x59, 0x26, 0x53, 0x59], 4)) {
      return { binary: true, reason: 'magic number: bzip2 data' };
    }
    const b0 = bytes[0];
    const b1 = bytes[1];
    const utf16Bom = (b0 === 0xff && b1 === 0xfe) || (b0 === 0xfe && b1 === 0xff);
    if (utf16Bom || utf16WithoutBom(bytes)) return { binary: false };
    const n = Math.min(bytes.length, BINARY_SAMPLE);
    // counted one byte value at a time with the native search: text holds none or few of them
    const sample = viewOf(bytes, n);
    const nul = occurrences(sample, 0);
    let control = 0;
    for (const b of CONTROL_BYTES) control += occurrences(sample, b);
    if (nul > 0) return { binary: true, reason: `NUL bytes (${nul} in the first ${n} bytes)` };
    const share = control / n;
    if (control >= 2 && share > (n < 64 ? 0.25 : 0.1)) {
      return { binary: true, reason: `control bytes: ${(share * 100).toFixed(1)}% of the first ${n} bytes` };
    }
    return { binary: false };
  } catch {
    return { binary: false };
  }
}
