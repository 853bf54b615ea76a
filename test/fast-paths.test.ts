/** Fast paths give what the plain expressions give: the word-count scanner, and unmark on lines without syntax. */
import { describe, expect, it } from 'vitest';
import { fc, test } from '@fast-check/vitest';
import { hasWords, wordCount } from '../src/rules/zones.js';
import { unmark } from '../src/rules/text/util.js';
import { readFileSync } from 'node:fs';
import { allCases } from './helpers/cases.js';

const WORD = /[\p{L}\p{N}][\p{L}\p{N}\p{M}]*(?:['’.-][\p{L}\p{N}][\p{L}\p{N}\p{M}]*)*/gu;
const byExpression = (s: string): number => (s.match(WORD) ?? []).length;

describe('wordCount = the word expression', () => {
  const pieces = fc.constantFrom('a', 'Z', '9', 'é', 'e\u0301', '\u0301', 'क्ष', 'ि', '’', "'", '.', '-', ' ', '\n', '—', '😀', '𝐀', '\ud800', '\udc00', 'ß', '١٢', '中文', 'x.y', "don't", 'U.S.', '-5', 'a--b');
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
