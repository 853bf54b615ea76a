import { beforeAll, describe, expect, it } from 'vitest';
import { createSketcher, findNearDuplicates, SketchPool } from '../../src/dedup/index.js';
import { corpus, ensureWorkerBuilt } from './helpers.js';

beforeAll(() => ensureWorkerBuilt(), 120_000);

const { docs } = corpus(700, 99);

describe('worker-thread signing', () => {
  it('returns the same sketches as signing in this thread, as transferred typed arrays', async () => {
    const texts = docs.slice(0, 120).map((d) => d.text);
    const local = createSketcher().sketchBatch(texts);
    const pool = new SketchPool({}, 2);
    try {
      const [first, second] = await Promise.all([pool.sketchBatch(texts.slice(0, 60)), pool.sketchBatch(texts.slice(60))]);
      expect(first.signatures).toBeInstanceOf(Uint32Array);
      expect([...first.signatures, ...second.signatures]).toEqual([...local.signatures]);
      expect([...first.fingerprints, ...second.fingerprints]).toEqual([...local.fingerprints]);
      expect([...first.tokens, ...second.tokens]).toEqual([...local.tokens]);
      const generated = await pool.sketchGenerated({ docs: 700, seed: 99 }, 0, 120);
      expect([...generated.signatures]).toEqual([...local.signatures]);
    } finally {
      await pool.close();
    }
  });

  it('gives an identical report with 1 and 2 threads', async () => {
    const one = await findNearDuplicates(docs, { threads: 1 });
    const two = await findNearDuplicates(docs, { threads: 2 });
    expect(one.pairs.length).toBeGreaterThan(100);
    expect(two).toEqual(one);
  });
});
