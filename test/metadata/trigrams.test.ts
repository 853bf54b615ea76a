/** The indexed language guess gives franc-min's answer on every text, to the tie. */
import { readFileSync, existsSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { fc, test } from '@fast-check/vitest';
import { franc } from 'franc-min';
import { data } from 'franc-min/data.js';
import { expressions } from 'franc-min/expressions.js';
import { count, guessLanguage } from '../../src/metadata/trigrams.js';
import { CorpusGenerator } from '../../src/dedup/index.js';
import { FIXTURES, HAS_SHARED, SHARED } from '../helpers/paths.js';

/** A deterministic generator (mulberry32). */
function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function same(text: string, minLength = 20): void {
  expect(guessLanguage(text, minLength), JSON.stringify(text.slice(0, 120))).toBe(franc(text, { minLength }));
}

describe('guessLanguage = franc-min', () => {
  it('on texts written from every language profile (close calls between related languages)', () => {
    const random = rng(7);
    let n = 0;
    for (const script of Object.keys(data)) {
      const langs = Object.keys(data[script]!);
      for (const lang of langs) {
        const tris = data[script]![lang]!.split('|');
        for (let k = 0; k < 12; k++) {
          // mostly one language, with trigrams of a neighbour mixed in so that the distances come close
          const other = data[script]![langs[Math.floor(random() * langs.length)]!]!.split('|');
          const len = 10 + Math.floor(random() * 120);
          const parts: string[] = [];
          for (let i = 0; i < len; i++) {
            const from = random() < 0.7 ? tris : other;
            parts.push(from[Math.floor(random() * from.length)]!);
          }
          same(parts.join(random() < 0.5 ? '' : ' '));
          n++;
        }
      }
    }
    expect(n).toBe(12 * Object.values(data).reduce((a, langs) => a + Object.keys(langs).length, 0));
  });

  it('on every window of the multilingual clean samples and of the generated news', () => {
    const lines = readFileSync(path.join(FIXTURES, 'encoding/clean-samples.txt'), 'utf8').split('\n');
    const all = lines.join(' ');
    for (let i = 0; i < all.length; i += 37) {
      same(all.slice(i, i + 480));
      same(all.slice(i, i + 60), 10);
    }
    for (const line of lines) same(line, 10);
    const gen = new CorpusGenerator({ docs: 40, seed: 3 });
    for (let i = 0; i < gen.docs; i++) same(gen.text(i).slice(0, 480));
  });

  it.runIf(HAS_SHARED && existsSync(path.join(SHARED, 'bench/extraction/ground-truth.json')))('on the openings of the public benchmark articles', () => {
    const truth = JSON.parse(readFileSync(path.join(SHARED, 'bench/extraction/ground-truth.json'), 'utf8')) as Record<string, { articleBody?: string }>;
    let n = 0;
    for (const entry of Object.values(truth)) {
      const body = entry.articleBody ?? '';
      for (let i = 0; i < Math.min(body.length, 4000); i += 400) {
        same(body.slice(i, i + 480));
        n++;
      }
    }
    expect(n).toBeGreaterThan(100);
  });

  const scripts = fc.constantFrom('a-z', 'Ѐ-ӿ', '؀-ۿ', 'ऀ-ॿ', 'ぁ-ゟ', '一-鿿', 'Ͱ-Ͽ', 'ก-๛', '가-힣', '0-9', '!-@', 'À-ɏ');
  const piece = fc.tuple(scripts, fc.integer({ min: 0, max: 60 }), fc.integer({ min: 0, max: 2 ** 31 - 1 })).map(([range, len, seed]) => {
    const [lo, hi] = [range.codePointAt(0)!, range.codePointAt(2)!];
    const random = rng(seed);
    let s = '';
    for (let i = 0; i < len; i++) s += random() < 0.15 ? ' ' : String.fromCodePoint(lo + Math.floor(random() * (hi - lo + 1)));
    return s;
  });
  test.prop([fc.array(piece, { maxLength: 8 }), fc.integer({ min: 0, max: 40 })], { numRuns: 400 })('on random mixes of scripts, digits and punctuation', (pieces, min) => {
    same(pieces.join(''), min);
  });
  it('where lower case is not one unit for one: final sigma, dotted capital I, astral letters, white space of every kind', () => {
    same('ΟΔΥΣΣΕΑΣ ΚΑΙ Ο ΚΥΚΛΩΠΑΣ ΣΤΗΝ ΟΔΥΣΣΕΙΑ ΤΟΥ ΟΜΗΡΟΥ ΕΙΝΑΙ ΓΝΩΣΤΟΣ ΣΕ ΟΛΟΥΣ ΜΑΣ ΑΠΟ ΤΟ ΣΧΟΛΕΙΟ');
    same('İSTANBUL İZMİR İSTİKLAL CADDESİ ÜZERİNDE BULUNAN BİNALARIN ÇOĞU ESKİ DÖNEMLERDEN KALMA');
    // İ takes two units in lower case: a text of the longest length read, all of it İ, is twice as long prepared
    same('İ'.repeat(3000));
    same('İa '.repeat(900));
    same('𐐀𐐁𐐂 Deseret 𐐃𐐄 letters and plain English words here to read as a sentence of prose');
    same('\u00a0\u2003 The\u3000council\u2028said\ufeff on\tTuesday that\u205fit would\u1680vote again next week. \u00a0');
    same('!!!123 leading digits and punctuation, then words; trailing ones too ... 456 ???');
    same('only spaces and digits 1 2 3'.replace(/[a-z]/g, ' '));
  });
  test.prop([fc.string({ unit: 'binary', maxLength: 300 })], { numRuns: 300 })('on arbitrary strings', (s) => {
    same(s, 0);
  });
});

describe('the script shortcut', () => {
  it('no code point is both Latin and of another of franc-min\'s scripts (only Han is shared, by cmn and jpn)', () => {
    const names = Object.keys(expressions);
    const res = names.map((n) => new RegExp(expressions[n]!.source, expressions[n]!.flags.replace('g', '')));
    const shared = new Map<string, number>();
    for (let cp = 0; cp <= 0x10ffff; cp += 1) {
      if (cp >= 0xd800 && cp <= 0xdfff) continue;
      const ch = String.fromCodePoint(cp);
      const hits = names.filter((_, i) => res[i]!.test(ch));
      if (hits.length > 1) shared.set(hits.join('+'), (shared.get(hits.join('+')) ?? 0) + 1);
    }
    expect([...shared.keys()]).toEqual(['cmn+jpn']);
  });
});

describe('script counts through tables = the expressions\' match counts', () => {
  const byMatch = (s: string, re: RegExp): number => {
    re.lastIndex = 0;
    return (s.match(re) ?? []).length;
  };
  // every code point each expression matches outside the BMP, and lone or mismatched surrogates
  const astral: string[] = [];
  for (const re of Object.values(expressions)) {
    const one = new RegExp(re.source);
    for (let cp = 0x10000; cp <= 0x10ffff; cp += 1) if (one.test(String.fromCodePoint(cp))) astral.push(String.fromCodePoint(cp));
  }
  const piece = fc.oneof(
    fc.constantFrom(...astral.filter((_, i) => i % 97 === 0), '\ud801', '\udf80', '\ud801a', '\ud837\ud837', 'a', 'é', 'ж', '中', 'ア', 'ก', 'ক', ' ', '1'),
    fc.string({ unit: 'binary', maxLength: 6 }),
  );
  test.prop([fc.array(piece, { maxLength: 30 })], { numRuns: 1500 })('for every script, on mixes of scripts, astral letters and surrogates', (ps) => {
    const s = ps.join('');
    for (const [name, re] of Object.entries(expressions)) expect(count(s, re), name).toBe(byMatch(s, re));
  });
  it('on every BMP code unit and every astral code point an expression matches', () => {
    const all = Array.from({ length: 65536 }, (_, c) => String.fromCharCode(c)).join('') + astral.join('');
    for (const [name, re] of Object.entries(expressions)) expect(count(all, re), name).toBe(byMatch(all, re));
  });
});
