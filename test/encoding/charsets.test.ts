// The code-page tables of the mojibake repair, checked byte by byte against
// the reference mapping files in fixtures/encoding/mappings (the Unicode
// consortium's tables; see docs/mojibake.md).
import { describe, expect, it } from 'vitest';
import iconv from 'iconv-lite';
import { highTable, singleByteCharsets } from '../../src/encoding/charsets.js';
import { decodeBytes } from '../../src/encoding/index.js';
// @ts-expect-error plain JS module shared with the benchmark
import { MAPPING_FILES, readMapping } from '../../bench/mojibake-corpus.mjs';

const names = Object.keys(MAPPING_FILES as Record<string, string>);

describe('code-page tables against the reference mapping files', () => {
  it('covers every code page the repair uses', () => {
    expect(new Set(singleByteCharsets().map((c) => c.name))).toEqual(new Set(names));
  });
  for (const name of names) {
    it(`${name}: every byte 0x80-0xFF as in ${(MAPPING_FILES as Record<string, string>)[name]}`, () => {
      const ref = readMapping(name) as Array<number | null>;
      const high = highTable(name);
      const diffs: string[] = [];
      for (let b = 0x80; b <= 0xff; b++) {
        const want = ref[b] ?? null;
        // Undefined bytes: the C1 control of the same number below 0xA0 (what
        // a Latin-1 reader keeps), nothing above.
        const expected = want === null ? (b < 0xa0 ? b : 0) : want;
        const got = high[b - 0x80] ?? -1;
        if (got !== expected) diffs.push(`0x${b.toString(16)}: U+${got.toString(16)} instead of U+${expected.toString(16)}`);
      }
      expect(diffs).toEqual([]);
    });
    it(`${name}: the encoder reads every defined character back to its byte`, () => {
      const cs = singleByteCharsets().find((c) => c.name === name);
      const ref = readMapping(name) as Array<number | null>;
      for (let b = 0x80; b <= 0xff; b++) {
        const cp = ref[b];
        if (cp === null || cp === undefined) continue;
        expect(cs?.encode[cp], `U+${cp.toString(16)}`).toBe(b);
      }
    });
  }
  it('Mac OS Roman is Apple’s: 0xBD Ω (U+03A9), 0xDB € and 0xF0 the Apple logo (U+F8FF), where iconv-lite differs', () => {
    const ref = readMapping('macintosh') as Array<number | null>;
    const iconvTable = [...iconv.decode(Buffer.from([0xbd, 0xdb, 0xf0]), 'macintosh')].map((c) => c.codePointAt(0));
    expect(iconvTable).toEqual([0x2126, 0xa4, 0xfffd]);
    expect([ref[0xbd], ref[0xdb], ref[0xf0]]).toEqual([0x3a9, 0x20ac, 0xf8ff]);
    const high = highTable('macintosh');
    expect([high[0x3d], high[0x5b], high[0x70]]).toEqual([0x3a9, 0x20ac, 0xf8ff]);
  });
  it('a file declared as Mac OS Roman is decoded with Apple’s table', () => {
    const bytes = Buffer.concat([Buffer.from('<meta charset="macintosh"> Price: 5'), Buffer.from([0xdb, 0x20, 0xbd, 0x20, 0xf0])]);
    expect(decodeBytes(bytes).text).toBe('<meta charset="macintosh"> Price: 5€ Ω \uf8ff');
  });
});
