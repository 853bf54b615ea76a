// The text model's cost of a span, split into the part that reads only the
// span and the part that reads its context (the repair scores the inside of a
// segment once and its boundaries in every context it is met in): the two
// parts add up to exactly the whole cost, for any buffer and span.
import { describe, expect, it } from 'vitest';
import { fc, test as fcTest } from '@fast-check/vitest';
import { spanBoundaryCost, spanCost, spanInnerCost } from '../../src/encoding/charmodel.js';

// Characters that every feature of the model looks at: letters of each
// script and case, accented capitals never words by themselves, marks,
// digits, hyphens, question marks, quotes that open and close short items,
// ellipses, signs, box drawing, no-break spaces, U+FFFD, C1 controls, astral
// characters and the stand-in for an unknown context character.
const POOL = [
  ...'aZ e E 1 - ? ! . , \' " ( ) \n',
  ...'éÉàÀÃÂÕÐÞÅøŒšŠřĂŁăŁơƠəɛ',
  ...'αβΔΩωάΐкКёЁяЯіїשאעربب中文字日本ー한국ไทยกआगმა',
  ...'„“”‘’‚«»‹›…–—•·¿¡€£©®™°±×÷√∑≤≠∞─│┌┐╔╗█',
  '\u00a0', '\u202f', '\u0301', '\u200d', '\ufffd', '\u0085', '\u0092', '\ue000', '\u{1f600}', '\u{20000}', '\u{1d400}',
].map((ch) => ch.codePointAt(0) as number);

const buffer = fc.array(fc.constantFrom(...POOL), { minLength: 1, maxLength: 60 });

describe('spanCost split into inner and boundary parts', () => {
  fcTest.prop([buffer, fc.nat(), fc.nat()], { numRuns: 3000, seed: 42 })('inner + boundary is exactly spanCost', (cps, a, b) => {
    const n = cps.length;
    const from = a % (n + 1);
    const to = from + (b % (n - from + 1));
    const whole = spanCost(cps, from, to, n);
    const inner = spanInnerCost(cps, from, to, n);
    const boundary = spanBoundaryCost(cps, from, to, n);
    expect(inner + boundary).toBe(whole);
  });

  fcTest.prop([buffer, buffer, buffer, buffer, buffer], { numRuns: 1500, seed: 7 })(
    'the inner part does not depend on the context (4 characters on each side)',
    (span, l1, r1, l2, r2) => {
      const ctx = (x: number[]) => [...x, 0x20, 0x20, 0x20, 0x20].slice(0, 4);
      const a = [...ctx(l1), ...span, ...ctx(r1)];
      const b = [...ctx(l2), ...span, ...ctx(r2)];
      expect(spanInnerCost(a, 4, 4 + span.length, a.length)).toBe(spanInnerCost(b, 4, 4 + span.length, b.length));
    },
  );

  it('leaves out of the inner part a quoted item closed in the context (the farthest reach, four characters on)', () => {
    // « opens a short item whose closing » is the first character after the span.
    const span = [...'word «abc'].map((ch) => ch.codePointAt(0) as number);
    const a = [0x20, 0x20, 0x20, 0x20, ...span, 0xbb, 0x20, 0x20, 0x20];
    const b = [0x20, 0x20, 0x20, 0x20, ...span, 0x20, 0x20, 0x20, 0x20];
    const to = 4 + span.length;
    expect(spanCost(a, 4, to)).not.toBe(spanCost(b, 4, to));
    expect(spanInnerCost(a, 4, to)).toBe(spanInnerCost(b, 4, to));
    expect(spanInnerCost(a, 4, to) + spanBoundaryCost(a, 4, to)).toBe(spanCost(a, 4, to));
  });

  fcTest.prop([buffer, fc.nat(), fc.nat()], { numRuns: 1000, seed: 3 })('the boundary part ignores stale classes between its two ends', (cps, a, b) => {
    // Score a long buffer first (filling the shared class buffer), then a
    // buffer of the same length: the boundary part computes only the classes
    // it reads.
    const n = cps.length;
    const from = a % (n + 1);
    const to = from + (b % (n - from + 1));
    spanCost([...cps].reverse(), 0, n, n);
    const boundary = spanBoundaryCost(cps, from, to, n);
    expect(spanInnerCost(cps, from, to, n) + boundary).toBe(spanCost(cps, from, to, n));
  });
});
