import { describe, expect, it } from 'vitest';
import { fnv1a, shingleHashes, sortedUnique, tokenHash, tokenize } from '../../src/dedup/index.js';

const shingles = (text: string, k = 5): number[] => Array.from(sortedUnique(shingleHashes(tokenize(text).hashes, k)));

describe('tokenize', () => {
  it('folds case, white space, punctuation, quote styles and dashes', () => {
    const plain = 'Kerry said the steps were not based on trust and that Russia must act now';
    const variants = [
      'KERRY said   the steps were\nnot based on trust,\tand that Russia must act now.',
      'Kerry said: "the steps were not based on trust" — and that Russia must act now!',
      'Kerry said “the steps were not based on trust” – and that Russia must act... now',
      '  kerry SAID the steps were not based on trust (and that Russia must act now)  ',
    ];
    for (const v of variants) expect(shingles(v)).toEqual(shingles(plain));
  });

  it('drops Markdown marks, link targets, tags, list markers and entities', () => {
    const plain = 'The minister said the talks in Geneva would resume next month after a pause';
    const md = [
      '## The minister said the **talks** in [Geneva](https://example.com/geneva?utm=1 "Geneva") would',
      '',
      '- resume next month <span class="x">after</span> a&nbsp;pause',
    ].join('\n');
    expect(shingles(md)).toEqual(shingles(plain));
  });

  it('keeps apostrophes inside words and joins hyphenated parts the same way everywhere', () => {
    expect(tokenize("Russia's").hashes).toEqual(tokenize('Russia’s').hashes);
    expect(tokenize("Russia's").hashes).toEqual(tokenize('Russias').hashes);
    expect(tokenize('al-Assad').hashes).toEqual(tokenize('al Assad').hashes);
    expect(tokenize("'quoted'").hashes).toEqual(tokenize('quoted').hashes);
  });

  it('normalises Unicode (NFKC, full case folding)', () => {
    expect(tokenize('ＭＯＳＣＯＷ ﬁnal Straße').hashes).toEqual(tokenize('moscow final strasse').hashes);
    expect(tokenize('café').hashes).toEqual(tokenize('cafe\u0301').hashes);
    expect(tokenHash('Ärzte')).toBe(fnv1a('ärzte'));
  });

  it('reports token offsets into the original text', () => {
    const text = 'Hello, **world** — it’s [fine](http://x.y).';
    const t = tokenize(text, true);
    const words = Array.from(t.starts!, (s, i) => text.slice(s, t.ends![i]));
    expect(words).toEqual(['Hello', 'world', 'it’s', 'fine']);
  });

  it('gives one shingle for a short text and none for an empty one', () => {
    expect(shingleHashes(tokenize('two words').hashes, 5)).toHaveLength(1);
    expect(shingleHashes(tokenize('  ... ').hashes, 5)).toHaveLength(0);
  });

  it('makes shingles that depend on word order', () => {
    expect(shingles('a b c d e')).not.toEqual(shingles('e d c b a'));
    expect(shingles('one two three four five six')).toHaveLength(2);
  });
});
