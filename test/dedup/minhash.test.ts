import { describe, expect, it } from 'vitest';
import { createMinHasher, estimateJaccard, seededRandom, sketch } from '../../src/dedup/index.js';

function randomSet(rand: () => number, size: number): number[] {
  const s = new Set<number>();
  while (s.size < size) s.add(Math.floor(rand() * 2 ** 32));
  return [...s];
}

describe('MinHash (one-permutation hashing with densification)', () => {
  it('is deterministic for a seed and changes with the seed', () => {
    const values = Uint32Array.from(randomSet(seededRandom(1), 500));
    const a = createMinHasher({ numPerm: 128, seed: 7 }).signature(values);
    const b = createMinHasher({ numPerm: 128, seed: 7 }).signature(values);
    const c = createMinHasher({ numPerm: 128, seed: 8 }).signature(values);
    expect(a).toHaveLength(128);
    expect(Array.from(a)).toEqual(Array.from(b));
    expect(Array.from(a)).not.toEqual(Array.from(c));
  });

  it('refuses to compare signatures made with different seeds or sizes', () => {
    const text = 'the same words in the same order make the same sketch every time';
    const s1 = sketch(text, { seed: 1 });
    const s2 = sketch(text, { seed: 2 });
    expect(estimateJaccard(s1, sketch(text, { seed: 1 }))).toBe(1);
    expect(() => estimateJaccard(s1, s2)).toThrow(/different seeds/);
    expect(() => estimateJaccard(s1, sketch(text, { seed: 1, numPerm: 256 }))).toThrow(/different sizes/);
  });

  it('estimates Jaccard similarity without bias', () => {
    const rand = seededRandom(42);
    const hasher = createMinHasher({ numPerm: 256, seed: 3 });
    for (const target of [0.2, 0.5, 0.8]) {
      let errSum = 0;
      const trials = 20;
      for (let t = 0; t < trials; t++) {
        const shared = randomSet(rand, Math.round(600 * target));
        const onlyA = randomSet(rand, Math.round((600 * (1 - target)) / 2));
        const onlyB = randomSet(rand, Math.round((600 * (1 - target)) / 2));
        const A = Uint32Array.from([...shared, ...onlyA]);
        const B = Uint32Array.from([...shared, ...onlyB]);
        const truth = shared.length / (shared.length + onlyA.length + onlyB.length);
        const est = estimateJaccard(
          { signature: hasher.signature(A), seed: 3, numPerm: 256 },
          { signature: hasher.signature(B), seed: 3, numPerm: 256 },
        );
        errSum += est - truth;
      }
      expect(Math.abs(errSum / trials)).toBeLessThan(0.03);
    }
  });

  it('fills every value of a short document (densification)', () => {
    const sig = createMinHasher({ numPerm: 128, seed: 1 }).signature(Uint32Array.of(1, 2, 3));
    expect(sig.every((v) => v !== 0xffffffff)).toBe(true);
    expect(new Set(sig).size).toBeLessThanOrEqual(3);
  });

  it('rejects bad parameters', () => {
    expect(() => createMinHasher({ numPerm: 8, seed: 1 })).toThrow(/numPerm/);
    expect(() => createMinHasher({ numPerm: 128, seed: -1 })).toThrow(/seed/);
  });
});
