// Correct text never changes: a negative corpus of clean strings generated
// reproducibly from the committed seed texts (fixtures/encoding/corpus:
// sentences in 40+ languages, math, box drawing, signs, all-caps words,
// legitimate Â/Ã/Å in names), and a property test over random mixtures of
// those texts, also beside broken ones.
import { describe, expect, it } from 'vitest';
import { fc, test as fcTest } from '@fast-check/vitest';
import { fixText } from '../../src/encoding/index.js';
// @ts-expect-error plain JS module shared with the benchmark
import * as corpus from '../../bench/mojibake-corpus.mjs';

interface Sentence {
  lang: string;
  script: string;
  text: string;
}
const sentences = corpus.sentences() as Sentence[];
const symbols = corpus.symbolTexts() as Array<{ kind: string; text: string }>;
const negative = corpus.negativeCorpus(18, 2400) as string[];
const mojibake = corpus.mojibake as (text: string, codepage: string) => string;
const seeds = [...sentences.map((s) => s.text), ...symbols.map((s) => s.text)];

describe('negative corpus', () => {
  it('has at least 2,000 strings from seed texts in at least 20 languages, with symbol-heavy texts', () => {
    expect(negative.length).toBeGreaterThanOrEqual(2000);
    expect(new Set(sentences.map((s) => s.lang)).size).toBeGreaterThanOrEqual(20);
    expect(new Set(sentences.map((s) => s.script)).size).toBeGreaterThanOrEqual(6);
    for (const kind of ['math', 'box', 'sym', 'caps', 'name']) expect(symbols.some((s) => s.kind === kind), kind).toBe(true);
  });
  it('is generated the same way every time', () => {
    expect(corpus.negativeCorpus(18, 2400)).toEqual(negative);
  });
  it('every string passes fixText unchanged', () => {
    const changed = negative.filter((s) => fixText(s) !== s);
    expect(changed.map((s) => `${JSON.stringify(s)} → ${JSON.stringify(fixText(s))}`)).toEqual([]);
  });
});

const seed = fc.constantFrom(...seeds);
const glue = fc.constantFrom(' ', '\n', '\n\n', ' — ', ', ', '. ', ' (', ') ', ' «', '» ', '\u00a0', ' · ');

describe('properties of clean text', () => {
  fcTest.prop([fc.array(fc.tuple(seed, glue), { minLength: 1, maxLength: 5 })], { numRuns: 400, seed: 18 })(
    'mixtures of clean seed texts pass unchanged',
    (parts) => {
      const text = parts.map(([s, g]) => s + g).join('');
      expect(fixText(text)).toBe(text);
    },
  );
  fcTest.prop([seed, fc.constantFrom('windows-1252', 'windows-1251', 'iso-8859-2', 'macintosh'), fc.constantFrom(0, 1)], { numRuns: 300, seed: 18 })(
    'a clean paragraph beside broken ones passes unchanged',
    (clean, codepage, where) => {
      const broken = mojibake('Les élèves sont allés à la gare à pied, déjà fatigués après la fête de l’école.', codepage);
      const parts = where === 0 ? [clean, broken] : [broken, clean, broken];
      const out = fixText(parts.join('\n\n')).split('\n\n');
      expect(out.length).toBe(parts.length);
      expect(out[where === 0 ? 0 : 1]).toBe(clean.split('\n\n')[0]);
    },
  );
});
