// Single-byte character sets used to undo mojibake and to decode legacy bytes.
//
// Each table maps the 128 high bytes (0x80–0xFF) to code points. They are
// built once, lazily, from iconv-lite. Bytes a code page leaves undefined in
// 0x80–0x9F map to the C1 control with the same number, the way a Latin-1
// decoder treats them ("sloppy" tables): text that went through such a decoder
// keeps those bytes recoverable.
import iconv from 'iconv-lite';

export interface SingleByteCharset {
  /** Index into the list of charsets; also its bit in the masks. */
  readonly id: number;
  /** iconv-lite label. */
  readonly name: string;
  /**
   * How unlikely this confusion is a priori, in the same cost units as the
   * text model: paid once per repaired segment.
   */
  readonly prior: number;
  /** byte 0x80+i → code point. */
  readonly high: Uint16Array;
  /** code point → byte for the high half (0 = not encodable). BMP only. */
  readonly encode: Uint8Array;
}

interface CharsetSpec {
  name: string;
  prior: number;
}

// Order matters only for ties: the most common confusion comes first.
const SPECS: CharsetSpec[] = [
  { name: 'windows-1252', prior: 0.5 },
  { name: 'windows-1251', prior: 1.5 },
  { name: 'windows-1250', prior: 1.5 },
  { name: 'iso-8859-2', prior: 2 },
  { name: 'windows-1254', prior: 1.5 },
  { name: 'windows-1257', prior: 3 },
  { name: 'windows-1253', prior: 3 },
  { name: 'macintosh', prior: 3.5 },
  { name: 'cp437', prior: 3.5 },
];

// Where iconv-lite's table differs from the reference mapping file of the
// code page (fixtures/encoding/mappings, checked byte by byte by
// test/encoding/charsets.test.ts). iconv-lite's "macintosh" is Mac OS Roman
// before Mac OS 8.5; Apple's ROMAN.TXT (and Python, Java, macOS) read 0xBD as
// the Greek capital omega, 0xDB as the euro sign and 0xF0 as the Apple logo
// (a private-use character).
const CORRECTIONS: Record<string, Record<number, number>> = {
  macintosh: { 0xbd: 0x03a9, 0xdb: 0x20ac, 0xf0: 0xf8ff },
};
// Characters an older table gave for a byte, still read back as that byte:
// text decoded with Mac OS Roman before 8.5 holds U+2126 and U+00A4.
const ALIASES: Record<string, Record<number, number>> = {
  macintosh: { 0x2126: 0xbd },
};

let built: SingleByteCharset[] | undefined;

function buildHighTable(name: string): Uint16Array {
  const bytes = new Uint8Array(128);
  for (let i = 0; i < 128; i++) bytes[i] = 0x80 + i;
  const decoded = iconv.decode(Buffer.from(bytes), name);
  const high = new Uint16Array(128);
  let i = 0;
  for (const ch of decoded) {
    if (i >= 128) break;
    const cp = ch.codePointAt(0) ?? 0xfffd;
    // Undefined bytes: keep the Latin-1 reading for 0x80–0x9F, drop the rest.
    high[i] = cp === 0xfffd || cp > 0xffff ? (i < 0x20 ? 0x80 + i : 0) : cp;
    i++;
  }
  for (const [b, cp] of Object.entries(CORRECTIONS[name] ?? {})) high[Number(b) - 0x80] = cp;
  return high;
}

/** The high half of a code page as the repair reads it (byte 0x80+i → code point; 0 = undefined). */
export function highTable(name: string): Uint16Array {
  return buildHighTable(name);
}

/** All charsets considered by the mojibake repair, built on first use. */
export function singleByteCharsets(): SingleByteCharset[] {
  if (built) return built;
  built = SPECS.map((spec, id) => {
    const high = buildHighTable(spec.name);
    const encode = new Uint8Array(0x10000);
    for (let i = 0; i < 128; i++) {
      const cp = high[i] ?? 0;
      if (cp >= 0x80 && encode[cp] === 0) encode[cp] = 0x80 + i;
    }
    // C1 controls always encode to themselves: text decoded as Latin-1 keeps
    // them, whatever the code page it was meant to be read with.
    for (let b = 0x80; b < 0xa0; b++) if (encode[b] === 0) encode[b] = b;
    for (const [cp, b] of Object.entries(ALIASES[spec.name] ?? {})) if (encode[Number(cp)] === 0) encode[Number(cp)] = b;
    return { id, name: spec.name, prior: spec.prior, high, encode };
  });
  return built;
}

let cp1252Table: Uint16Array | undefined;

/** windows-1252 high half, with the five undefined bytes read as Latin-1. */
export function windows1252High(): Uint16Array {
  if (!cp1252Table) cp1252Table = buildHighTable('windows-1252');
  return cp1252Table;
}

/** Decode bytes as windows-1252 (undefined bytes 0x81, 0x8D, 0x8F, 0x90, 0x9D → U+0081…). */
export function decodeWindows1252(bytes: Uint8Array): string {
  return decodeSingleByte(bytes, windows1252High());
}

/** Bytes through a single-byte code page's high half (`high[b - 0x80]`; 0 = undefined, read as U+FFFD). */
export function decodeSingleByte(bytes: Uint8Array, high: Uint16Array): string {
  const parts: string[] = [];
  const CHUNK = 8192;
  for (let start = 0; start < bytes.length; start += CHUNK) {
    const end = Math.min(bytes.length, start + CHUNK);
    const codes = new Array<number>(end - start);
    for (let i = start; i < end; i++) {
      const b = bytes[i] ?? 0;
      codes[i - start] = b < 0x80 ? b : high[b - 0x80] || 0xfffd;
    }
    parts.push(String.fromCharCode(...codes));
  }
  return parts.join('');
}
