import { describe, it, expect } from 'vitest';
import { fc, test as fcTest } from '@fast-check/vitest';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import iconv from 'iconv-lite';
import { decodeBytes, looksBinary, sniffDeclaredCharset } from '../../src/encoding/index.js';

const fixtures = fileURLToPath(new URL('../../fixtures/encoding/', import.meta.url));

interface ManifestEntry {
  file: string;
  encoding: string;
  bom: boolean;
  text: string;
  accept: string[];
}
const manifest = JSON.parse(readFileSync(fixtures + 'manifest.json', 'utf8')) as ManifestEntry[];
const enc = new TextEncoder();

describe('decodeBytes on the seven encoding fixtures', () => {
  for (const entry of manifest) {
    it(`${entry.file} decodes to the manifest text`, () => {
      const bytes = new Uint8Array(readFileSync(fixtures + entry.file));
      const r = decodeBytes(bytes);
      expect(r.text).toBe(entry.text);
      expect(entry.accept).toContain(r.encoding);
      expect(r.bom).toBe(entry.bom);
      expect(r.how).toBe(entry.bom ? 'bom' : entry.encoding === 'utf-8' ? 'utf-8' : 'fallback');
    });
  }
});

describe('decodeBytes', () => {
  it('turns CRLF and lone CR into LF', () => {
    expect(decodeBytes(enc.encode('a\r\nb\rc\n')).text).toBe('a\nb\nc\n');
    expect(decodeBytes(new Uint8Array([0x41, 0x0d, 0x0a, 0xe9, 0x0d])).text).toBe('A\né\n');
  });

  it('maps the undefined windows-1252 bytes to the Latin-1 code points', () => {
    const r = decodeBytes(new Uint8Array([0x81, 0x8d, 0x8f, 0x90, 0x9d, 0x80, 0x99]));
    expect(r.text).toBe('\u0081\u008d\u008f\u0090\u009d€™');
    expect(r.encoding).toBe('windows-1252');
    expect(r.how).toBe('fallback');
  });

  it('reports iso-8859-1 for a fallback without bytes 0x80-0x9F', () => {
    const r = decodeBytes(new Uint8Array([0x63, 0x61, 0x66, 0xe9]));
    expect(r).toEqual({ text: 'café', encoding: 'iso-8859-1', bom: false, how: 'fallback' });
  });

  it('uses a declared legacy charset', () => {
    const bytes = iconv.encode('<meta charset="windows-1251"><p>Привет, мир</p>', 'windows-1251');
    const r = decodeBytes(new Uint8Array(bytes));
    expect(r.text).toBe('<meta charset="windows-1251"><p>Привет, мир</p>');
    expect(r.encoding).toBe('windows-1251');
    expect(r.how).toBe('declared');
    const opt = decodeBytes(new Uint8Array(iconv.encode('Żółć', 'iso-8859-2')), { declared: 'ISO-8859-2' });
    expect(opt.text).toBe('Żółć');
    expect(opt.how).toBe('declared');
  });

  it('ignores a declared UTF-8 that is not valid UTF-8', () => {
    const bytes = new Uint8Array([...enc.encode('<meta charset="utf-8">caf'), 0xe9, 0x92]);
    const r = decodeBytes(bytes);
    expect(r.text).toBe('<meta charset="utf-8">café’');
    expect(r.how).toBe('fallback');
  });

  it('prefers valid multi-byte UTF-8 over a stale single-byte declaration', () => {
    const r = decodeBytes(enc.encode('<meta charset="iso-8859-1"><p>Café “ok”</p>'));
    expect(r.text).toBe('<meta charset="iso-8859-1"><p>Café “ok”</p>');
    expect(r.encoding).toBe('utf-8');
  });

  it('reads UTF-16 without a BOM when the NUL pattern shows it', () => {
    const le = new Uint8Array(Buffer.from('Hello, world. Grüße!', 'utf16le'));
    expect(decodeBytes(le)).toMatchObject({ text: 'Hello, world. Grüße!', encoding: 'utf-16le', bom: false });
  });

  it('strips a UTF-8 BOM even when the rest is not valid UTF-8', () => {
    const r = decodeBytes(new Uint8Array([0xef, 0xbb, 0xbf, 0x61, 0xff]));
    expect(r.text).toBe('a\ufffd');
    expect(r.bom).toBe(true);
  });

  it('handles empty input', () => {
    expect(decodeBytes(new Uint8Array(0))).toEqual({ text: '', encoding: 'utf-8', bom: false, how: 'utf-8' });
  });

  fcTest.prop([fc.uint8Array({ maxLength: 300 })])('never throws and returns a string without CR', (bytes) => {
    const r = decodeBytes(bytes);
    expect(typeof r.text).toBe('string');
    expect(r.text.includes('\r')).toBe(false);
  });

  fcTest.prop([fc.string({ unit: 'grapheme', maxLength: 200 })])('round-trips any UTF-8 text (CR aside)', (s) => {
    expect(decodeBytes(enc.encode(s)).text).toBe(s.replace(/\r\n?/g, '\n'));
  });
});

describe('sniffDeclaredCharset', () => {
  const sniff = (s: string) => sniffDeclaredCharset(enc.encode(s));
  it('finds meta charset, http-equiv, xml declarations and front matter keys', () => {
    expect(sniff('<html><head><meta charset="Shift_JIS">')).toBe('shift_jis');
    expect(sniff("<META http-equiv='Content-Type' content='text/html; charset=windows-1252'>")).toBe('windows-1252');
    expect(sniff('<?xml version="1.0" encoding="ISO-8859-1"?><rss/>')).toBe('iso-8859-1');
    expect(sniff('---\ntitle: x\ncharset: koi8-r\n---\nbody')).toBe('koi8-r');
    expect(sniff('---\nencoding: "latin1"\n---\n')).toBe('latin1');
  });
  it('returns undefined when nothing is declared, or only after the first 4 KB', () => {
    expect(sniff('<p>charset=utf-8 in prose is not a declaration</p>')).toBeUndefined();
    expect(sniff('x'.repeat(5000) + '<meta charset="koi8-r">')).toBeUndefined();
    expect(sniff('body\n---\ncharset: koi8-r\n---')).toBeUndefined();
  });
  it('is fast on hostile input', () => {
    const s = '<meta ' + 'a'.repeat(100000);
    expect(sniff(s)).toBeUndefined();
  });
});

describe('looksBinary', () => {
  const b = (...xs: number[]) => new Uint8Array(xs);
  it('recognises magic numbers', () => {
    expect(looksBinary(b(0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 1, 2))).toMatchObject({ binary: true });
    expect(looksBinary(b(0xff, 0xd8, 0xff, 0xe0)).reason).toMatch(/JPEG/);
    expect(looksBinary(enc.encode('GIF89a....')).reason).toMatch(/GIF/);
    expect(looksBinary(enc.encode('%PDF-1.7\n')).reason).toMatch(/PDF/);
    expect(looksBinary(b(0x50, 0x4b, 0x03, 0x04, 0x14)).reason).toMatch(/ZIP/);
    expect(looksBinary(b(0x1f, 0x8b, 0x08, 0x00)).reason).toMatch(/gzip/);
    expect(looksBinary(enc.encode('RIFF\x10\x00\x00\x00WEBPVP8 ')).reason).toMatch(/WebP/);
  });
  it('flags NUL bytes and control bytes, but not UTF-16 text', () => {
    expect(looksBinary(enc.encode('abc\x00def')).binary).toBe(true);
    expect(looksBinary(enc.encode('\x01\x02\x03\x04\x05\x06 some text \x07\x08\x0e\x0f')).binary).toBe(true);
    expect(looksBinary(new Uint8Array(Buffer.from('\ufeffplain text', 'utf16le'))).binary).toBe(false);
    expect(looksBinary(new Uint8Array(Buffer.from('plain text without BOM', 'utf16le'))).binary).toBe(false);
  });
  it('accepts ordinary text in any encoding', () => {
    expect(looksBinary(enc.encode('Hello\tworld\r\nCafé ☕\f\x1b[1m'))).toEqual({ binary: false });
    expect(looksBinary(new Uint8Array(readFileSync(fixtures + 'windows-1252.txt'))).binary).toBe(false);
    expect(looksBinary(new Uint8Array(0)).binary).toBe(false);
  });
  fcTest.prop([fc.uint8Array({ maxLength: 200 })])('never throws', (bytes) => {
    expect(typeof looksBinary(bytes).binary).toBe('boolean');
  });
});

describe('looksBinary counts with native searches what a loop over the bytes counts', () => {
  // the byte loop the native searches replaced (for inputs without a known magic number)
  const reference = (bytes: Uint8Array): { binary: boolean; reason?: string } => {
    const b0 = bytes[0];
    const b1 = bytes[1];
    if ((b0 === 0xff && b1 === 0xfe) || (b0 === 0xfe && b1 === 0xff)) return { binary: false };
    const n = Math.min(bytes.length, 8192);
    let even = 0;
    let odd = 0;
    let nul = 0;
    let control = 0;
    for (let i = 0; i < n; i++) {
      const b = bytes[i]!;
      if (b === 0) {
        nul++;
        if (i & 1) odd++;
        else even++;
      } else if (b < 0x20 && b !== 0x09 && b !== 0x0a && b !== 0x0d && b !== 0x0c && b !== 0x0b && b !== 0x1b) control++;
      else if (b === 0x7f) control++;
    }
    if (n >= 8) {
      const need = Math.max(2, Math.floor(n / 2) * 0.3);
      if ((odd >= need && even <= odd * 0.05) || (even >= need && odd <= even * 0.05)) return { binary: false };
    }
    if (nul > 0) return { binary: true, reason: `NUL bytes (${nul} in the first ${n} bytes)` };
    const share = control / n;
    if (control >= 2 && share > (n < 64 ? 0.25 : 0.1)) return { binary: true, reason: `control bytes: ${(share * 100).toFixed(1)}% of the first ${n} bytes` };
    return { binary: false };
  };
  // text with a few odd bytes, mostly odd bytes, UTF-16-like NUL patterns; lengths around the 8 KB sample
  const odd = fc.constantFrom(0x00, 0x01, 0x07, 0x08, 0x09, 0x0a, 0x0b, 0x0c, 0x0d, 0x0e, 0x1a, 0x1b, 0x1c, 0x1f, 0x20, 0x41, 0x7e, 0x7f, 0x80, 0xc3, 0xff);
  const bytes = fc.oneof(
    fc.uint8Array({ maxLength: 300 }),
    fc.array(fc.oneof({ weight: 8, arbitrary: fc.integer({ min: 0x20, max: 0x7e }) }, { weight: 1, arbitrary: odd }), { maxLength: 400 }).map((a) => Uint8Array.from(a)),
    fc.tuple(fc.integer({ min: 8000, max: 8400 }), fc.array(fc.tuple(fc.nat({ max: 8399 }), odd), { maxLength: 40 })).map(([len, marks]) => {
      const a = new Uint8Array(len).fill(0x61);
      for (const [at, b] of marks) if (at < len) a[at] = b;
      return a;
    }),
    fc.array(fc.integer({ min: 0x20, max: 0x7e }), { minLength: 8, maxLength: 200 }).map((a) => Uint8Array.from(a.flatMap((c) => [c, 0]))),
  );
  fcTest.prop([bytes], { numRuns: 3000 })('on arbitrary bytes', (b) => {
    const got = looksBinary(b);
    if (got.reason?.startsWith('magic number')) return;
    expect(got).toEqual(reference(b));
  });
  it('also on a view into a larger buffer', () => {
    const whole = new Uint8Array(9000).fill(0x61);
    whole[100] = 0;
    whole[8500] = 0x01;
    expect(looksBinary(whole.subarray(200))).toEqual(reference(whole.subarray(200)));
    expect(looksBinary(whole.subarray(50, 150))).toEqual({ binary: true, reason: 'NUL bytes (1 in the first 100 bytes)' });
  });
});
