import { beforeAll, describe, expect, it } from 'vitest';
import {
  clusterDuplicates,
  CorpusGenerator,
  createSketcher,
  findNearDuplicates,
  SketchIndex,
  SketchPool,
  startVerifyWorkers,
  verifyCandidates,
  verifyCandidatesParallel,
} from '../../src/dedup/index.js';
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

describe('worker-thread verification', () => {
  it('gives the same pairs, duplicate edges and clusters as verifying in this thread', async () => {
    const gen = new CorpusGenerator({ docs: 700, seed: 99 });
    const index = new SketchIndex({ verifyCacheDocs: 16 });
    const sk = createSketcher(index.options);
    for (let i = 0; i < gen.docs; i++) index.add(gen.id(i), sk.sketch(gen.text(i)));
    const cands = index.candidates();
    const serial = await verifyCandidates(cands, (id) => gen.text(gen.indexOf(id)));
    const parallel = await verifyCandidatesParallel(cands, {
      threads: 2,
      loader: { module: new URL('../../dist/dedup/generate.js', import.meta.url).href, export: 'loadGeneratedText', data: { docs: 700, seed: 99 } },
    });
    expect(parallel.pairs).toEqual(serial.pairs);
    expect(parallel.stats).toEqual(serial.stats);
    const edges = (r: typeof serial) => Array.from(r.edges.a, (a, x) => `${a}-${r.edges.b[x]}`).sort();
    expect(edges(parallel)).toEqual(edges(serial));
    expect(clusterDuplicates(cands, parallel.edges).clusters).toEqual(clusterDuplicates(cands, serial.edges).clusters);
    expect(serial.stats.largestComponent).toBeGreaterThan(16); // one component went to the threads as block-row tasks
  });

  it('runs on workers started before the candidates were known, with the options of the candidates', async () => {
    const loader = { module: new URL('../../dist/dedup/generate.js', import.meta.url).href, export: 'loadGeneratedText', data: { docs: 700, seed: 99 } };
    const workers = startVerifyWorkers(loader, 2);
    expect(workers.threads).toBe(2);
    const gen = new CorpusGenerator({ docs: 700, seed: 99 });
    // not the defaults: the threads must verify with these
    const index = new SketchIndex({ jaccardThreshold: 0.7, minSharedTokens: 60 });
    const sk = createSketcher(index.options);
    for (let i = 0; i < gen.docs; i++) index.add(gen.id(i), sk.sketch(gen.text(i)));
    const cands = index.candidates();
    const serial = await verifyCandidates(cands, (id) => gen.text(gen.indexOf(id)));
    const parallel = await verifyCandidatesParallel(cands, { loader, workers });
    expect(parallel.pairs.length).toBeGreaterThan(100);
    expect(parallel.pairs).toEqual(serial.pairs);
    expect(parallel.stats).toEqual(serial.stats);
    // verifying closed them
    await expect(verifyCandidatesParallel(cands, { loader, workers })).rejects.toThrow(/closed/);
    await workers.close();
  });

  it('closes workers that were started and not used', async () => {
    const workers = startVerifyWorkers({ module: new URL('../../dist/dedup/generate.js', import.meta.url).href, export: 'loadGeneratedText' }, 1);
    await workers.close();
    await workers.close();
  });
});
