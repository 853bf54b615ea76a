/**
 * Shared runs and their alignment, against plain reference implementations: the position table's scan (which jumps
 * over runs of shingles that occur once) and the alignment (which reuses marks between calls) give exactly what the
 * straightforward forms give, on shingle sequences with many repeats and on many calls in a row.
 */
import { fc, test } from '@fast-check/vitest';
import { describe, expect, it } from 'vitest';
import { alignRuns, buildPositionTable, commonRuns } from '../../src/dedup/passages.js';

/** Every maximal run, found by trying each pair of positions (in the order i, then j, ascending). */
function referenceRuns(sa: Uint32Array, sb: Uint32Array): number[] {
  const runs: number[] = [];
  for (let i = 0; i < sa.length; i++) {
    for (let j = 0; j < sb.length; j++) {
      if (sa[i] !== sb[j]) continue;
      if (i > 0 && j > 0 && sa[i - 1] === sb[j - 1]) continue;
      let t = 1;
      while (i + t < sa.length && j + t < sb.length && sa[i + t] === sb[j + t]) t++;
      runs.push(i, j, t);
    }
  }
  return runs;
}

/** The alignment with fresh arrays and a comparison sort. */
function referenceAlign(runs: number[], k: number, tokensA: number, tokensB: number, minShingles: number): number[] {
  const order: number[] = [];
  for (let r = 0; r < runs.length / 3; r++) if (runs[r * 3 + 2]! >= minShingles) order.push(r);
  order.sort((x, y) => runs[y * 3 + 2]! - runs[x * 3 + 2]! || x - y);
  const usedA = new Uint8Array(tokensA);
  const usedB = new Uint8Array(tokensB);
  const kept: number[] = [];
  for (const r of order) {
    const i = runs[r * 3]!;
    const j = runs[r * 3 + 1]!;
    const tok = runs[r * 3 + 2]! + k - 1;
    let free = true;
    for (let p = 0; p < tok; p++) if (usedA[i + p] || usedB[j + p]) free = false;
    if (!free) continue;
    usedA.fill(1, i, i + tok);
    usedB.fill(1, j, j + tok);
    kept.push(r);
  }
  kept.sort((x, y) => runs[x * 3]! - runs[y * 3]! || x - y);
  return kept.flatMap((r) => [runs[r * 3]!, runs[r * 3 + 1]!, runs[r * 3 + 2]!]);
}

// Few distinct values, so that sequences share runs and repeat shingles within themselves.
const shingles = (alphabet: number) => fc.array(fc.integer({ min: 1, max: alphabet }), { maxLength: 90 }).map((a) => Uint32Array.from(a));
/** A and B sharing long stretches: B is A with edits. */
const related = fc
  .tuple(shingles(400), fc.array(fc.tuple(fc.nat(90), fc.integer({ min: 1, max: 400 })), { maxLength: 8 }))
  .map(([a, edits]) => {
    const b = Array.from(a);
    for (const [at, v] of edits) if (b.length > 0) b[at % b.length] = v;
    return [a, Uint32Array.from(b)] as const;
  });

describe('shared runs', () => {
  test.prop([shingles(6), shingles(6)], { numRuns: 400 })('are those of the plain scan on sequences with many repeats', (sa, sb) => {
    expect(commonRuns(sa, sb, buildPositionTable(sb))).toEqual(referenceRuns(sa, sb));
  });

  test.prop([related], { numRuns: 400 })('are those of the plain scan on copies with edits (mostly shingles that occur once)', ([sa, sb]) => {
    expect(commonRuns(sa, sb, buildPositionTable(sb))).toEqual(referenceRuns(sa, sb));
    expect(commonRuns(sb, sa, buildPositionTable(sa))).toEqual(referenceRuns(sb, sa));
  });

  test.prop([fc.array(fc.tuple(shingles(5), shingles(5), fc.integer({ min: 1, max: 6 }), fc.integer({ min: 1, max: 4 })), { minLength: 1, maxLength: 12 })], { numRuns: 200 })(
    'are aligned as the plain alignment aligns them, call after call',
    (cases) => {
      for (const [sa, sb, k, minShingles] of cases) {
        const runs = referenceRuns(sa, sb);
        const tokensA = sa.length + k - 1;
        const tokensB = sb.length + k - 1;
        expect(alignRuns(runs, k, tokensA, tokensB, minShingles)).toEqual(referenceAlign(runs, k, tokensA, tokensB, minShingles));
      }
    },
  );

  it('are aligned the same way when there are more runs than the insertion sort takes', () => {
    const sa = Uint32Array.from({ length: 400 }, (_, i) => (i % 7 === 6 ? 1000 + i : (i * 31) % 50));
    const sb = Uint32Array.from({ length: 380 }, (_, i) => (i % 5 === 4 ? 2000 + i : (i * 31) % 50));
    const runs = referenceRuns(sa, sb);
    expect(runs.length / 3).toBeGreaterThan(100);
    for (const minShingles of [1, 2, 3]) expect(alignRuns(runs, 5, 404, 384, minShingles)).toEqual(referenceAlign(runs, 5, 404, 384, minShingles));
  });
});
