import { beforeAll, describe, expect, it } from 'vitest';
import {
  clusterDocuments,
  clusterDuplicates,
  CorpusGenerator,
  createSketcher,
  findNearDuplicates,
  SketchIndex,
  SketchPool,
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
    expect(serial.stats.largestComponent).toBeGreaterThan(16); // one component took the in-thread path
  });

  it('settles whole components as they are verified: each in-pair document once, with all its edges, and the clusters of each settled set are those of the whole corpus', async () => {
    const gen = new CorpusGenerator({ docs: 700, seed: 99 });
    const index = new SketchIndex({ verifyCacheDocs: 16 });
    const sk = createSketcher(index.options);
    for (let i = 0; i < gen.docs; i++) index.add(gen.id(i), sk.sketch(gen.text(i)));
    const cands = index.candidates();
    for (const threads of [0, 2]) {
      const settled: Array<{ docs: number[]; a: number[]; b: number[] }> = [];
      const onSettled = (docs: readonly number[], a: readonly number[], b: readonly number[]): void => {
        settled.push({ docs: [...docs], a: [...a], b: [...b] });
      };
      const result =
        threads === 0
          ? await verifyCandidates(cands, (id) => gen.text(gen.indexOf(id)), { onSettled })
          : await verifyCandidatesParallel(cands, {
              threads,
              onSettled,
              loader: { module: new URL('../../dist/dedup/generate.js', import.meta.url).href, export: 'loadGeneratedText', data: { docs: 700, seed: 99 } },
            });
      // every document of a candidate pair is settled exactly once
      const inPair = new Set([...cands.a, ...cands.b]);
      const seen = settled.flatMap((s) => s.docs);
      expect(new Set(seen).size).toBe(seen.length);
      expect(new Set(seen)).toEqual(inPair);
      // a settled set holds whole components: no candidate pair crosses it
      const setOf = new Map<number, number>();
      settled.forEach((s, k) => s.docs.forEach((d) => setOf.set(d, k)));
      for (let p = 0; p < cands.a.length; p++) expect(setOf.get(cands.a[p]!)).toBe(setOf.get(cands.b[p]!));
      // its edges are all the duplicate edges among its documents
      const key = (a: number, b: number): string => (a < b ? `${a}-${b}` : `${b}-${a}`);
      const all = Array.from(result.edges.a, (a, x) => key(a, result.edges.b[x]!)).sort();
      expect(settled.flatMap((s) => s.a.map((a, x) => key(a, s.b[x]!))).sort()).toEqual(all);
      // the clusters of the settled sets together are the clusters of the whole corpus
      const local = settled.flatMap((s) => clusterDocuments(cands, s.docs, s.a, s.b));
      local.sort((x, y) => (x.id < y.id ? -1 : x.id > y.id ? 1 : 0));
      expect(local).toEqual(clusterDuplicates(cands, result.edges).clusters);
      expect(local.length).toBeGreaterThan(10);
      // sets are settled while verification goes on, not all at the end
      expect(settled.length).toBeGreaterThan(1);
    }
  });
});
