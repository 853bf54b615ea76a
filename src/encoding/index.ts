// Interim decoder and mojibake repair; replaced by the full implementation of the encoding module.
import iconv from 'iconv-lite';

export interface DecodeResult {
  text: string;
  encoding: string;
  bom: boolean;
  how: 'bom' | 'declared' | 'utf-8' | 'fallback';
}

const utf8 = new TextDecoder('utf-8', { fatal: true });

function lf(s: string): string {
  return s.replace(/\r\n?/g, '\n');
}

export function decodeBytes(bytes: Uint8Array, _options: { declared?: string } = {}): DecodeResult {
  const b = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (b[0] === 0xef && b[1] === 0xbb && b[2] === 0xbf) return { text: lf(b.subarray(3).toString('utf8')), encoding: 'utf-8', bom: true, how: 'bom' };
  if (b[0] === 0xff && b[1] === 0xfe) return { text: lf(iconv.decode(b.subarray(2), 'utf-16le')), encoding: 'utf-16le', bom: true, how: 'bom' };
  if (b[0] === 0xfe && b[1] === 0xff) return { text: lf(iconv.decode(b.subarray(2), 'utf-16be')), encoding: 'utf-16be', bom: true, how: 'bom' };
  try {
    return { text: lf(utf8.decode(b)), encoding: 'utf-8', bom: false, how: 'utf-8' };
  } catch {
    return { text: lf(iconv.decode(b, 'windows-1252')), encoding: 'windows-1252', bom: false, how: 'fallback' };
  }
}

export function sniffDeclaredCharset(_bytes: Uint8Array): string | undefined {
  return undefined;
}

const MAGIC: Array<[number[], string]> = [[[0x89, 0x50, 0x4e, 0x47], 'PNG image'], [[0x25, 0x50, 0x44, 0x46], 'PDF document'], [[0xff, 0xd8, 0xff], 'JPEG image'], [[0x47, 0x49, 0x46, 0x38], 'GIF image'], [[0x50, 0x4b, 0x03, 0x04], 'ZIP archive'], [[0x1f, 0x8b], 'gzip data']];

export function looksBinary(bytes: Uint8Array): { binary: boolean; reason?: string } {
  for (const [sig, name] of MAGIC) if (sig.every((b, i) => bytes[i] === b)) return { binary: true, reason: name };
  const n = Math.min(bytes.length, 8192);
  for (let i = 0; i < n; i++) if (bytes[i] === 0) return { binary: true, reason: 'NUL bytes' };
  return { binary: false };
}

const RUN = /[ÂÃâ][\u0080-\u00BF€‚ƒ„…†‡ˆ‰Š‹ŒŽ‘’“”•–—˜™š›œžŸ]{1,2}/g;

export function fixTextDetailed(text: string): { text: string; repairs: Array<{ index: number; from: string; to: string }> } {
  const repairs: Array<{ index: number; from: string; to: string }> = [];
  const out = text.replace(RUN, (m, index: number) => {
    try {
      const to = utf8.decode(iconv.encode(m, 'windows-1252'));
      repairs.push({ index, from: m, to });
      return to;
    } catch {
      return m;
    }
  });
  return { text: out, repairs };
}

export function fixText(text: string): string {
  return fixTextDetailed(text).text;
}
