/**
 * Fast paths give what the plain expressions give: the word-count scanner, unmark on lines without syntax, the
 * folded form of lines, the language detector's letter counts, the credit trailer's opening check, white-space
 * folding, and the radix sort of shingle sets.
 */
import { describe, expect, it } from 'vitest';
import { fc, test } from '@fast-check/vitest';
import { fold, hasWords, wordCount } from '../src/rules/zones.js';
import { isUnspaced, unspacedWordCount } from '../src/text/unspaced.js';
import { letterCounts } from '../src/metadata/language.js';
import { opensWithParen } from '../src/rules/text/credits.js';
import { foldInlineSpaces, foldSpaces } from '../src/text/spaces.js';
import { nfc } from '../src/text/nfc.js';
import { KEY_ORDER, orderedMetadata } from '../src/markdown/front-matter.js';
import type { Metadata } from '../src/types.js';
import { intersectionSize, sortedCopy, sortedUnique } from '../src/dedup/hash.js';
import { unescapeMd, unmark } from '../src/rules/text/util.js';
import { SHARE_LINE } from '../src/rules/text/widgets.js';
import { BUSINESS_WIRE, namesWire, WIRE_LEAD } from '../src/rules/text/syndication.js';
import { CAPTION_STRONG, CAPTION_WEAK, isStrongCaption, isWeakCaption } from '../src/rules/patterns.js';
import { readFileSync, readdirSync, existsSync } from 'node:fs';
import { gunzipSync } from 'node:zlib';
import path from 'node:path';
import { allCases } from './helpers/cases.js';
import { cleanBytes, cleanText } from '../src/index.js';
import { CorpusGenerator } from '../src/dedup/index.js';
import { FIXTURES, HAS_SHARED, SHARED } from './helpers/paths.js';

const WORD = /[\p{L}\p{N}][\p{L}\p{N}\p{M}]*(?:['’.-][\p{L}\p{N}][\p{L}\p{N}\p{M}]*)*/gu;
/** The expression's words; one holding letters of a script written without spaces counts the segmenter's words in it. */
const byExpression = (s: string): number =>
  (s.match(WORD) ?? []).reduce((n, w) => n + ([...w].some((ch) => isUnspaced(ch.codePointAt(0)!)) ? unspacedWordCount(w) : 1), 0);

describe('wordCount = the word expression', () => {
  const pieces = fc.constantFrom('a', 'Z', '9', 'é', 'e\u0301', '\u0301', 'क्ष', 'ि', '’', "'", '.', '-', ' ', '\n', '—', '😀', '𝐀', '\ud800', '\udc00', 'ß', '١٢', '中文', '人工智能技术', 'です', 'รัฐบาล', '𠀀', 'x.y', "don't", 'U.S.', '-5', 'a--b');
  test.prop([fc.array(pieces, { maxLength: 40 })], { numRuns: 3000 })('on joined pieces of words, marks, joiners and surrogates', (ps) => {
    const s = ps.join('');
    expect(wordCount(s)).toBe(byExpression(s));
  });
  test.prop([fc.string({ unit: 'binary', maxLength: 200 })], { numRuns: 1000 })('on arbitrary strings', (s) => {
    expect(wordCount(s)).toBe(byExpression(s));
  });
  test.prop([fc.string({ maxLength: 200 }), fc.nat({ max: 30 })], { numRuns: 500 })('a limit stops the count there', (s, limit) => {
    expect(wordCount(s, limit)).toBe(Math.min(limit, byExpression(s)));
    expect(hasWords(s, limit)).toBe(byExpression(s) >= limit);
  });
  it('on every fixture input', () => {
    for (const c of allCases()) {
      const text = readFileSync(c.file, 'latin1') + readFileSync(c.file, 'utf8');
      expect(wordCount(text), c.name).toBe(byExpression(text));
    }
  });
});

describe('the words in metadata (summed per block) = wordCount of the body', () => {
  const check = (r: { body: string; metadata: { words?: number } }, name: string): void => {
    if (r.body) expect(r.metadata.words, name).toBe(wordCount(r.body));
  };
  it('on every fixture, sample page and generated article', () => {
    for (const c of allCases()) check(cleanBytes(readFileSync(c.file), { path: path.basename(c.file) }), c.name);
    for (const f of readdirSync(path.join(FIXTURES, 'pages'))) check(cleanBytes(readFileSync(path.join(FIXTURES, 'pages', f)), { path: f }), f);
    const gen = new CorpusGenerator({ docs: 200, seed: 11 });
    for (let i = 0; i < gen.docs; i++) check(cleanText(gen.text(i)), `generated ${i}`);
  });
  it.runIf(HAS_SHARED && existsSync(path.join(SHARED, 'bench/extraction/html')))('on the public benchmark pages', () => {
    const dir = path.join(SHARED, 'bench/extraction/html');
    for (const f of readdirSync(dir).sort()) check(cleanBytes(gunzipSync(readFileSync(path.join(dir, f))), { path: f }), f);
  });
  const pieces = fc.constantFrom('word', 'the council said.', ' ', '\n', '\n\n', '- item', '1. first', '> quote', '## Head', '# Title', 'e\u0301', '\u0301', 'https://example.com/a', 'www.example.org', 'a@b.co', '[link](https://x.y)', '|', '| a | b |', '```', 'x.', '-', '’', "'", 'U.S.', '***', '\\*', '#tag', '<b>bold</b>', '&amp;');
  test.prop([fc.array(pieces, { maxLength: 60 })], { numRuns: 1500 })('on arbitrary Markdown-ish text', (ps) => {
    check(cleanText(ps.join(' ')), 'arbitrary');
  });
});

describe('orderedMetadata = asking for every key in contract order', () => {
  const byKeys = (meta: Metadata): Metadata => {
    const out: Record<string, unknown> = {};
    for (const k of KEY_ORDER) {
      const v = meta[k];
      if (v === undefined || v === null || v === '' || (Array.isArray(v) && v.length === 0)) continue;
      out[k] = v;
    }
    return out as Metadata;
  };
  const key = fc.constantFrom(...KEY_ORDER, 'extra', 'toString', 'constructor');
  const value = fc.oneof(fc.constant(undefined), fc.constant(null), fc.constant(''), fc.constant([]), fc.string(), fc.integer(), fc.boolean(), fc.array(fc.string(), { maxLength: 3 }));
  test.prop([fc.array(fc.tuple(key, value), { maxLength: 40 })], { numRuns: 2000 })('on objects with keys in any order, empty values and unknown keys', (entries) => {
    const meta = Object.fromEntries(entries) as Metadata;
    const got = orderedMetadata(meta);
    expect(Object.keys(got)).toEqual(Object.keys(byKeys(meta)));
    expect(got).toEqual(byKeys(meta));
  });
});

describe('nfc = normalize(\'NFC\')', () => {
  it('leaves every character below U+0300, and every pair of them, as it is', () => {
    for (let a = 0; a < 0x300; a++) {
      const one = String.fromCharCode(a);
      expect(one.normalize('NFC'), a.toString(16)).toBe(one);
      for (let b = 0; b < 0x300; b++) {
        const two = one + String.fromCharCode(b);
        if (two.normalize('NFC') !== two) expect.fail(`${a.toString(16)} ${b.toString(16)}`);
      }
    }
  });
  const pieces = fc.constantFrom('e', '\u0301', 'é', 'e\u0301', 'A\u030a', 'Å', '\u212b', '\u1100\u1161', '가', 'ﬁ', 'İ', 'ö', 'o\u0308', '\u0308', 'x', ' ', '\u02ff', '\u0300', '\ud83d\ude00', '\ud800', 'Ω', '\u2126');
  test.prop([fc.array(pieces, { maxLength: 30 })], { numRuns: 2000 })('on mixes of composed, decomposed and stable characters', (ps) => {
    const s = ps.join('');
    expect(nfc(s)).toBe(s.normalize('NFC'));
  });
  test.prop([fc.string({ unit: 'binary', maxLength: 200 })], { numRuns: 1000 })('on arbitrary strings', (s) => {
    expect(nfc(s)).toBe(s.normalize('NFC'));
  });
});

describe('the caption tests = the caption patterns', () => {
  const pieces = fc.constantFrom('ATTENTION EDITORS', ' - RTX1A2B3C', ' – RT12345', 'RT', '(AP Photo/Jane Doe)', '(Reuters Photo ', 'AFP PHOTO /', 'AFP PHOTO/', 'Image copyright', 'Image caption', 'REUTERS/Ann', '/Getty Images)', '(Photo by Ann Lee)', '(Photo: x y)', 'in this file photo', 'in this image', 'Photo:', 'Photos credit:', 'Image :', 'File photo:', 'File Photo', 'FILE PHOTO', 'Handout photo', 'Picture:', 'Caption:', 'Photograph:', 'the council said', ' ', '\n', '(', ')', 'Photo', 'photo', 'x');
  test.prop([fc.array(pieces, { maxLength: 12 })], { numRuns: 3000 })('on joined pieces of every alternative', (ps) => {
    const t = ps.join('');
    expect(isStrongCaption(t)).toBe(CAPTION_STRONG.test(t));
    expect(isWeakCaption(t)).toBe(CAPTION_WEAK.test(t));
  });
  it('on every line of every fixture', () => {
    for (const c of allCases()) {
      for (const line of readFileSync(c.file, 'utf8').split('\n')) {
        expect(isStrongCaption(line), line).toBe(CAPTION_STRONG.test(line));
        expect(isWeakCaption(line), line).toBe(CAPTION_WEAK.test(line));
      }
    }
  });
});

describe('unmark skips only what it would not change', () => {
  const slow = (s: string): string =>
    s
      .replace(/\[([^[\]]{0,500})\]\([^()[\]\s]{0,2000}\)/g, '$1')
      .replace(/\\([\\`*_{}[\]()#+\-.!<>|~])/g, '$1')
      .replace(/(\*\*|__)(?=\S)([^*_]{0,500}?\S)\1/g, '$2')
      .replace(/\s+/g, ' ')
      .trim();
  const pieces = fc.constantFrom('word', ' ', '  ', '\t', '\n', '\u00a0', '\v', '\f', '\r', '\u1680', '\u2000', '\u200a', '\u200b', '\u202f', '\u205f', '\u3000', '\ufeff', '\u0085', '[', ']', '(', ')', '[a](b)', '\\*', '**', '__', '_', '*', 'x', '\u2028');
  test.prop([fc.array(pieces, { maxLength: 30 })], { numRuns: 3000 })('on joined pieces of inline syntax and spaces', (ps) => {
    const s = ps.join('');
    expect(unmark(s)).toBe(slow(s));
  });
});

it('every BMP character is white space to unmark exactly when \\s says so', () => {
  for (let c = 0; c < 0x10000; c++) {
    const ch = String.fromCharCode(c);
    expect(unmark(`a${ch}b`) === 'a b', c.toString(16)).toBe(/\s/.test(ch));
  }
});

describe('fold = the full chain of replacements', () => {
  // the original definition: each step spelled out, the quote and dash steps included
  const slow = (s: string): string =>
    s
      .normalize('NFKC')
      .toLowerCase()
      .replace(/\\([\\`*_{}[\]()#+\-.!<>|])/g, '$1')
      .replace(/[‘’‛`´]/g, "'")
      .replace(/[“”„‟]/g, '"')
      .replace(/[‐-―]/g, '-')
      .replace(/[^\p{L}\p{N}]+/gu, ' ')
      .trim();
  const pieces = fc.constantFrom('Word', 'ÉTÉ', 'ﬁ', '①', 'İ', 'ß', '\\*', '\\', '‘', '’', '“', '”', '‐', '―', '-', "'", '"', ' ', '\t', '中文', '𝐀', '\ud800', '١٢', 'e\u0301', '|', '»');
  test.prop([fc.array(pieces, { maxLength: 30 })], { numRuns: 3000 })('on joined pieces of letters, marks and punctuation', (ps) => {
    const s = ps.join('');
    expect(fold(s)).toBe(slow(s));
    expect(fold(s)).toBe(slow(s)); // remembered: the same answer the second time
  });
  test.prop([fc.string({ unit: 'binary', maxLength: 120 })], { numRuns: 1000 })('on arbitrary strings', (s) => {
    expect(fold(s)).toBe(slow(s));
  });
});

describe('letterCounts = the detector\'s expressions', () => {
  const count = (s: string, re: RegExp): number => (s.match(re) ?? []).length;
  const slow = (s: string) => ({
    letters: count(s, /\p{L}/gu),
    words: count(s, /[\p{L}\p{N}]+/gu),
    unspaced: [...s].filter((ch) => /\p{L}/u.test(ch) && isUnspaced(ch.codePointAt(0)!)).length,
  });
  const pieces = fc.constantFrom('a', 'Z', '9', ' ', '.', 'é', 'e\u0301', '中文', 'ひら', 'カタ', 'ภาษา', 'ລາວ', 'ខ្មែរ', 'ー', '𝐀', '😀', '𠀀', '\ud800', '\udc00', '١٢', 'क्ष', '’', 'Ω', '²');
  test.prop([fc.array(pieces, { maxLength: 40 })], { numRuns: 3000 })('on joined pieces of scripts, digits, marks and surrogates', (ps) => {
    const s = ps.join('');
    expect(letterCounts(s)).toEqual(slow(s));
  });
  test.prop([fc.string({ unit: 'binary', maxLength: 200 })], { numRuns: 1000 })('on arbitrary strings', (s) => {
    expect(letterCounts(s)).toEqual(slow(s));
  });
});

describe('opensWithParen = what the credit trailer pattern can start with', () => {
  const slow = (s: string): boolean => s.replace(/\\/g, '').replace(/\s+/g, ' ').trim().startsWith('(');
  const pieces = fc.constantFrom('(', ')', '\\', ' ', '\u00a0', '\n', '\u2028', '\ufeff', 'R', 'Reporting by X', '');
  test.prop([fc.array(pieces, { maxLength: 12 })], { numRuns: 2000 })('on joined pieces of spaces, escapes and parentheses', (ps) => {
    const s = ps.join('');
    expect(opensWithParen(s)).toBe(slow(s));
  });
});

describe('white-space folding = the plain replacements', () => {
  const all = (s: string): string => s.replace(/\s+/g, ' ');
  const inline = (s: string): string => s.replace(/[ \t\u00a0]+/g, ' ');
  const pieces = fc.constantFrom('word', ' ', '  ', '\t', '\n', '\r', '\u00a0', '\v', '\f', '\u1680', '\u2000', '\u2028', '\u202f', '\u3000', '\ufeff', '\u200b', '\u0085', 'x', '');
  test.prop([fc.array(pieces, { maxLength: 30 })], { numRuns: 3000 })('on joined pieces of words and every kind of white space', (ps) => {
    const s = ps.join('');
    expect(foldSpaces(s)).toBe(all(s));
    expect(foldInlineSpaces(s)).toBe(inline(s));
  });
  it('on every BMP character between two letters, alone and doubled', () => {
    for (let c = 0; c < 0x10000; c++) {
      const ch = String.fromCharCode(c);
      for (const s of [`a${ch}b`, `a${ch}${ch}b`, `a ${ch}b`, ch]) {
        expect(foldSpaces(s), c.toString(16)).toBe(all(s));
        expect(foldInlineSpaces(s), c.toString(16)).toBe(inline(s));
      }
    }
  });
});

describe('the radix sort = the typed-array sort', () => {
  const values = fc.oneof(fc.integer({ min: 0, max: 0xffffffff }), fc.constantFrom(0, 1, 255, 256, 65535, 65536, 0x7fffffff, 0x80000000, 0xffffffff), fc.integer({ min: 0, max: 300 }));
  test.prop([fc.array(values, { maxLength: 3000 })], { numRuns: 400 })('on arrays of every size, with repeats and extreme values', (xs) => {
    const a = Uint32Array.from(xs);
    const before = a.slice();
    expect(sortedCopy(a)).toEqual(a.slice().sort());
    expect(a).toEqual(before); // the input is left as it was
    const u = [...new Set(xs)].sort((x, y) => x - y);
    expect([...sortedUnique(a)]).toEqual(u);
  });
});

test.prop([fc.array(fc.integer({ min: 0, max: 400 }), { maxLength: 300 }), fc.array(fc.integer({ min: 0, max: 400 }), { maxLength: 300 })], { numRuns: 1000 })(
  'the branch-free intersection counts what a set counts',
  (xs, ys) => {
    const a = sortedUnique(Uint32Array.from(xs));
    const b = sortedUnique(Uint32Array.from(ys));
    const inB = new Set(ys);
    expect(intersectionSize(a, b)).toBe([...new Set(xs)].filter((x) => inB.has(x)).length);
  },
);

describe('first tests before patterns: whatever a pattern matches passes its first test', () => {
  // case variants, letters whose case mapping reaches ASCII only one way (Kelvin sign, long s, dotted I), wire names
  const pieces = fc.constantFrom(
    'cookie', 'COOKIES', 'CooKie', 'consent', 'CONSENT', 'privacy policy', 'PRIVACY SETTINGS', 'Privacy Dashboard', 'privacy', 'javascript',
    'JavaScript', 'spambots', 'tracking technologies', 'Tracking Technologies', '\u212a', '\u017f', '\u0130', 'k', ' ', '.', '(', ')',
    'provides the information', 'PROVIDES THE INFORMATION', ' "as is" ', ' without warranty', 'Click to share on X', 'CLICK TO EMAIL',
    ' (Opens in new window)', '(OPENS IN NEW WINDOW)', 'NEW YORK', ', March 5, 2024 ', '/PRNewswire/', '(GLOBE NEWSWIRE)', '(BUSINESS WIRE)',
    '(Business Wire)', ' -- ', '--', 'PRWeb', 'Newsfile Corp.', 'ACCESSWIRE', 'EIN Presswire', 'a', 'Z', '\\', '\\*', '\u00e9',
  );
  const texts = fc.oneof(fc.array(pieces, { maxLength: 14 }).map((p) => p.join('')), fc.string({ unit: 'binary', maxLength: 120 }));
  test.prop([texts], { numRuns: 4000 })('the share-line and wire patterns', (s) => {
    if (SHARE_LINE.test(s)) expect(s.includes('(')).toBe(true);
    if (WIRE_LEAD.test(s) || BUSINESS_WIRE.test(s)) expect(namesWire(s)).toBe(true);
  });
  it('the pieces do reach every pattern', () => {
    expect(SHARE_LINE.test('Click to share on X (Opens in new window)')).toBe(true);
    expect(WIRE_LEAD.test('NEW YORK, March 5, 2024 /PRNewswire/ -- ') && BUSINESS_WIRE.test('NEW YORK--(BUSINESS WIRE)-- ')).toBe(true);
  });
  it('every wire service the header patterns know passes the wire test', () => {
    const names = ['PRNewswire', 'PRNewswire-HISPANIC', 'PRNewswire-AP-DJ', 'EINPresswire', 'EINPresswire.com', 'EIN Presswire', 'GLOBE NEWSWIRE',
      'Globe Newswire', 'GlobeNewswire', 'ACCESSWIRE', 'ACCESS Newswire', 'PRWeb', 'Newsfile', 'Newsfile Corp.'];
    let matched = 0;
    for (const name of names) {
      for (const lead of [`TORONTO, Jan. 10, 2024 /${name}/ -- Text`, `TORONTO, 10 Jan 2024 (${name}) — Text`]) {
        if (WIRE_LEAD.test(lead)) matched++;
        expect(namesWire(lead), lead).toBe(true);
      }
    }
    expect(matched).toBe(names.length * 2);
    for (const lead of ['NEW YORK--(BUSINESS WIRE)--Text', 'NEW YORK, March 5, 2024 -- (Business Wire) -- Text']) {
      expect(BUSINESS_WIRE.test(lead), lead).toBe(true);
      expect(namesWire(lead)).toBe(true);
    }
  });
  test.prop([fc.string({ unit: 'binary', maxLength: 200 })], { numRuns: 2000 })('unescapeMd and the all-ASCII test', (s) => {
    expect(unescapeMd(s)).toBe(s.replace(/\\([\\`*_{}[\]()#+\-.!<>|~])/g, '$1'));
    expect(Buffer.byteLength(s, 'utf8') === s.length).toBe(!/[^\x00-\x7f]/.test(s));
  });
});
