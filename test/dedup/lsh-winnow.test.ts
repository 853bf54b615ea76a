import { describe, expect, it } from 'vitest';
import {
  candidateProbability,
  chooseBandsRows,
  seededRandom,
  shingleHashes,
  winnowHashes,
  winnowPositions,
} from '../../src/dedup/index.js';

describe('LSH bands × rows', () => {
  it('minimises the weighted error areas within numPerm', () => {
    const br = chooseBandsRows(0.5, 128);
    expect(br).toEqual({ bands: 25, rows: 5 });
    for (const t of [0.2, 0.4, 0.6, 0.8]) {
      const { bands, rows } = chooseBandsRows(t, 128);
      expect(bands * rows).toBeLessThanOrEqual(128);
      // The S-curve crosses one half near the threshold.
      expect(candidateProbability(t - 0.2, bands, rows)).toBeLessThan(0.5);
      expect(candidateProbability(Math.min(0.99, t + 0.2), bands, rows)).toBeGreaterThan(0.5);
    }
    // Weighting false negatives more never raises the rows per band.
    expect(chooseBandsRows(0.6, 128, [0.1, 0.9]).rows).toBeLessThanOrEqual(chooseBandsRows(0.6, 128).rows);
  });
});

describe('winnowing', () => {
  it('always shares a fingerprint for a shared run of w + k − 1 tokens', () => {
    const rand = seededRandom(9);
    const k = 5;
    for (const w of [4, 12, 20]) {
      for (let trial = 0; trial < 200; trial++) {
        const tok = () => Math.floor(rand() * 2 ** 32);
        const run = Array.from({ length: w + k - 1 }, tok);
        const a = Uint32Array.from([...Array.from({ length: Math.floor(rand() * 50) }, tok), ...run, ...Array.from({ length: 30 }, tok)]);
        const b = Uint32Array.from([...Array.from({ length: Math.floor(rand() * 50) }, tok), ...run, ...Array.from({ length: 30 }, tok)]);
        const fa = new Set(winnowHashes(shingleHashes(a, k), w));
        const fb = winnowHashes(shingleHashes(b, k), w);
        expect(fb.some((h) => fa.has(h))).toBe(true);
      }
    }
  });

  it('selects about 2/(w+1) of the positions, ascending, one per window at least', () => {
    const rand = seededRandom(4);
    const sh = Uint32Array.from({ length: 5000 }, () => Math.floor(rand() * 2 ** 32));
    const w = 12;
    const pos = winnowPositions(sh, w);
    expect(pos.length / sh.length).toBeGreaterThan(0.12);
    expect(pos.length / sh.length).toBeLessThan(0.19);
    for (let i = 1; i < pos.length; i++) {
      expect(pos[i]!).toBeGreaterThan(pos[i - 1]!);
      expect(pos[i]! - pos[i - 1]!).toBeLessThanOrEqual(w);
    }
  });
});
