import { describe, expect, it } from 'vitest';
import { DEFAULT_DEDUP_OPTIONS, DedupOptionsError, findNearDuplicates, resolveDedupOptions, SketchIndex } from '../../src/dedup/index.js';

describe('dedup options', () => {
  it('has validated defaults with LSH bands derived from the threshold', () => {
    const o = resolveDedupOptions();
    expect(o.shingleSize).toBe(DEFAULT_DEDUP_OPTIONS.shingleSize);
    expect(o.numPerm).toBeGreaterThanOrEqual(128);
    expect(o.lshThreshold).toBe(o.jaccardThreshold);
    expect(o.lshBands * o.lshRows).toBeLessThanOrEqual(o.numPerm);
  });

  it.each([
    [{ shingleSize: 0 }, /shingleSize/],
    [{ numPerm: 100.5 }, /numPerm/],
    [{ seed: -3 }, /seed/],
    [{ jaccardThreshold: 1.5 }, /jaccardThreshold/],
    [{ containmentThreshold: 0 }, /containmentThreshold/],
    [{ lshBands: 10 }, /lshBands and lshRows/],
    [{ lshBands: 30, lshRows: 5 }, /must not exceed numPerm/],
    [{ minPassageTokens: 3 }, /minPassageTokens/],
    [{ minPassageTokens: 20, minSharedTokens: 10 }, /minSharedTokens/],
    [{ maxFingerprintDf: 1 }, /maxFingerprintDf/],
    [{ boilerplateMinDf: 2 }, /boilerplateMinDf/],
    [{ boilerplateShare: 2 }, /boilerplateShare/],
    [{ passagesFor: 'some' }, /passagesFor/],
    [{ lshWeights: [1] }, /lshWeights/],
    [{ jacardThreshold: 0.5 }, /unknown dedup option "jacardThreshold"/],
  ])('rejects %o at construction', (bad, message) => {
    expect(() => resolveDedupOptions(bad as never)).toThrow(DedupOptionsError);
    expect(() => resolveDedupOptions(bad as never)).toThrow(message);
    expect(() => new SketchIndex(bad as never)).toThrow(message);
  });

  it('rejects bad options before any work', async () => {
    await expect(findNearDuplicates([], { threads: 0 })).rejects.toThrow(/threads/);
    await expect(findNearDuplicates([], { numPerm: 3 })).rejects.toThrow(DedupOptionsError);
  });
});
