import { beforeAll, describe, expect, it } from 'vitest';
import {
  CorpusGenerator,
  findNearDuplicates,
  prepareDoc,
  seededRandom,
  SketchIndex,
  createSketcher,
  verifyCandidates,
  verifyPair,
  type DedupReport,
} from '../../src/dedup/index.js';
import { corpus, shuffled } from './helpers.js';

// 2,500 generated documents: about 900 stories with their variants, quote controls,
// and outlet boilerplate shared by ~125 unrelated articles per outlet.
const N = 2500;
const { gen, docs } = corpus(N, 20240601);
let report: DedupReport;

beforeAll(async () => {
  report = await findNearDuplicates(docs);
});

const key = (a: string, b: string): string => (a < b ? `${a}~${b}` : `${b}~${a}`);

describe('a generated corpus with planted variants', () => {
  it('finds every planted variant with its original, per type', () => {
    const kinds = new Map(report.pairs.map((p) => [key(p.a, p.b), p.kind]));
    const byType = new Map<string, { planted: number; found: number }>();
    gen.forEachPlantedPair((a, b, kind, expect) => {
      if (kind === 'sibling') return;
      const type = kind
        .split('+')
        .sort((x, y) => ['reword', 'excerpt', 'reorder', 'headline', 'wire'].indexOf(x) - ['reword', 'excerpt', 'reorder', 'headline', 'wire'].indexOf(y))[0]!;
      const r = byType.get(type) ?? { planted: 0, found: 0 };
      r.planted++;
      if (kinds.get(key(gen.id(a), gen.id(b))) === expect) r.found++;
      byType.set(type, r);
    });
    const recall = (t: string): number => byType.get(t)!.found / byType.get(t)!.planted;
    // Types are named by their hardest operation: `excerpt` includes excerpt+wire, etc.
    for (const t of ['wire', 'headline', 'reorder', 'excerpt', 'reword', 'quote']) expect(byType.get(t)?.planted).toBeGreaterThan(10);
    expect(recall('wire')).toBe(1);
    expect(recall('headline')).toBe(1);
    expect(recall('reorder')).toBe(1);
    expect(recall('excerpt')).toBeGreaterThanOrEqual(0.95);
    expect(recall('reword')).toBeGreaterThanOrEqual(0.9);
    expect(recall('quote')).toBe(1);
  });

  it('reports no pair between different stories (boilerplate and chance do not pair)', () => {
    const cross = report.pairs.filter((p) => !gen.sameFamily(gen.indexOf(p.a), gen.indexOf(p.b)));
    expect(cross).toEqual([]);
    expect(report.stats.candidates.commonFingerprints).toBeGreaterThan(0);
  });

  it('reports each shared-quote control as an overlap whose passage is the quote', () => {
    let controls = 0;
    for (let i = 0; i < N - 1; i++) {
      if (!gen.isQuoteControl(i) || !gen.isQuoteControl(i + 1) || !gen.sameFamily(i, i + 1)) continue;
      controls++;
      const pair = report.pairs.find((p) => p.a === gen.id(i) && p.b === gen.id(i + 1));
      expect(pair?.kind).toBe('overlap');
      const quote = gen.quoteOf(i)!;
      const longest = pair!.passages.reduce((x, y) => (y.tokens > x.tokens ? y : x));
      expect(longest.text).toContain(quote.split(' ').slice(1, 30).join(' '));
      expect(longest.tokens).toBeGreaterThanOrEqual(quote.split(' ').length - 1);
      i++;
    }
    expect(controls).toBeGreaterThan(5);
  });

  it('builds clusters from verified duplicate edges only, with the canonical member first by rank', () => {
    const dupEdges = report.pairs.filter((p) => p.kind === 'duplicate');
    const adjacency = new Map<string, string[]>();
    for (const p of dupEdges) {
      adjacency.set(p.a, [...(adjacency.get(p.a) ?? []), p.b]);
      adjacency.set(p.b, [...(adjacency.get(p.b) ?? []), p.a]);
    }
    const seen = new Set<string>();
    for (const c of report.clusters) {
      expect(c.members).toContain(c.canonical);
      expect(c.id).toBe(c.members[0]);
      // Connected through duplicate edges alone.
      const reach = new Set([c.canonical]);
      const stack = [c.canonical];
      while (stack.length) for (const x of adjacency.get(stack.pop()!) ?? []) if (!reach.has(x)) (reach.add(x), stack.push(x));
      expect([...reach].sort()).toEqual(c.members);
      for (const m of c.members) {
        expect(seen.has(m)).toBe(false);
        seen.add(m);
        if (m !== c.canonical) expect(report.duplicateOf[m]).toBe(c.canonical);
      }
      // Default rule without ranks: the longest body wins.
      const tokens = (id: string) => docs[gen.indexOf(id)]!.text.split(/\s+/).length;
      expect(Math.max(...c.members.map(tokens)) - tokens(c.canonical)).toBeLessThanOrEqual(3);
    }
    expect(Object.keys(report.duplicateOf)).toHaveLength(seen.size - report.clusters.length);
    // Quote controls are overlaps, so they never join a cluster.
    for (let i = 0; i < N; i++) if (gen.isQuoteControl(i)) expect(seen.has(gen.id(i))).toBe(false);
  });

  it('gives the same report whatever the ingestion order', async () => {
    const again = await findNearDuplicates(shuffled(docs, seededRandom(5)));
    expect(again.pairs).toEqual(report.pairs);
    expect(again.clusters).toEqual(report.clusters);
    expect(again.duplicateOf).toEqual(report.duplicateOf);
  });

  it('sorts pairs (a < b, then b) and rounds measures to 4 decimals', () => {
    for (let i = 0; i < report.pairs.length; i++) {
      const p = report.pairs[i]!;
      expect(p.a < p.b).toBe(true);
      if (i > 0) {
        const q = report.pairs[i - 1]!;
        expect(q.a < p.a || (q.a === p.a && q.b < p.b)).toBe(true);
      }
      expect(Math.round(p.jaccard * 1e4) / 1e4).toBe(p.jaccard);
      expect(Math.round(p.containment * 1e4) / 1e4).toBe(p.containment);
    }
  });
});

describe('two phases with loadText', () => {
  it('agrees with brute force over all pairs of a sample', async () => {
    const S = 350;
    const index = new SketchIndex();
    const sketcher = createSketcher();
    for (let i = 0; i < S; i++) index.add(docs[i]!.id, sketcher.sketch(docs[i]!.text));
    const cands = index.candidates();
    const found = await verifyCandidates(cands, (id) => docs[gen.indexOf(id)]!.text);
    const prepared = docs.slice(0, S).map((d) => prepareDoc(d.id, d.text, cands.options));
    const brute: string[] = [];
    for (let i = 0; i < S; i++) {
      for (let j = i + 1; j < S; j++) {
        const p = verifyPair(prepared[i]!, prepared[j]!, cands.options, cands.commonFingerprints);
        if (p) brute.push(`${p.a}~${p.b}~${p.kind}`);
      }
    }
    const reported = found.pairs.map((p) => `${p.a}~${p.b}~${p.kind}`);
    expect(brute.length).toBeGreaterThan(50);
    const reportedSet = new Set(reported);
    const hit = brute.filter((x) => reportedSet.has(x)).length;
    expect(hit / brute.length).toBeGreaterThanOrEqual(0.99);
    expect(reported.every((x) => brute.includes(x))).toBe(true);
  });

  it('loads each text a bounded number of times, even with a tiny cache, with the same result', async () => {
    const S = 600;
    const build = () => {
      const index = new SketchIndex({ verifyCacheDocs: 8 });
      const sketcher = createSketcher(index.options);
      for (let i = 0; i < S; i++) index.add(docs[i]!.id, sketcher.sketch(docs[i]!.text));
      return index.candidates();
    };
    const loads = new Map<string, number>();
    const cands = build();
    const small = await verifyCandidates(cands, async (id) => {
      loads.set(id, (loads.get(id) ?? 0) + 1);
      return docs[gen.indexOf(id)]!.text;
    });
    expect(small.stats.largestComponent).toBeGreaterThan(8);
    const maxLoads = Math.max(...loads.values());
    expect(maxLoads).toBe(small.stats.maxLoadsPerText);
    expect(maxLoads).toBeGreaterThan(1);
    expect(maxLoads).toBeLessThanOrEqual(Math.ceil(small.stats.largestComponent / 4));

    const big = new SketchIndex();
    const sk = createSketcher();
    for (let i = 0; i < S; i++) big.add(docs[i]!.id, sk.sketch(docs[i]!.text));
    const bigCands = big.candidates();
    const once = await verifyCandidates(bigCands, (id) => docs[gen.indexOf(id)]!.text);
    expect(once.stats.maxLoadsPerText).toBe(1);
    expect(small.pairs).toEqual(once.pairs);
  });

  it('gives the same pairs and passages when the loader gives each text with its token hashes', async () => {
    const S = 600;
    const index = new SketchIndex({ passagesFor: 'all' });
    const sketcher = createSketcher(index.options);
    const tokens = new Map<string, Uint32Array>();
    for (let i = 0; i < S; i++) {
      const { sketch, tokens: t } = sketcher.sketchWithTokens(docs[i]!.text);
      expect(sketch).toEqual(sketcher.sketch(docs[i]!.text));
      tokens.set(docs[i]!.id, t);
      index.add(docs[i]!.id, sketch);
    }
    const cands = index.candidates();
    const plain = await verifyCandidates(cands, (id) => docs[gen.indexOf(id)]!.text);
    const given = await verifyCandidates(cands, (id) => ({ text: docs[gen.indexOf(id)]!.text, tokens: tokens.get(id)! }));
    expect(plain.pairs.filter((p) => p.passages.length > 0).length).toBeGreaterThan(50);
    expect(given.pairs).toEqual(plain.pairs);
    // hashes that are not the text's are caught once a passage's text needs the offsets
    const wrong = await verifyCandidates(cands, (id) => ({ text: docs[gen.indexOf(id)]!.text, tokens: tokens.get(id)!.subarray(1) })).catch((e: Error) => e);
    expect(wrong).toBeInstanceOf(Error);
    expect((wrong as Error).message).toMatch(/token hashes given for .* are not those of its text/);
    const bad = await verifyCandidates(cands, () => ({ text: 'x', tokens: [1, 2] }) as never).catch((e: Error) => e);
    expect((bad as Error).message).toMatch(/neither a string nor \{ text, tokens\? \}/);
  });

  it('pairs nothing among unrelated articles (chance sharing of phrases does not pair)', async () => {
    // Without outlet lines: in a corpus this small, boilerplate in ~20 articles is below
    // the document-frequency cap and would count as shared text (see maxFingerprintDf).
    const g = new CorpusGenerator({ docs: 3000, seed: 77 });
    const originals: { id: string; text: string }[] = [];
    for (let i = 0; i < g.docs && originals.length < 400; i++) {
      if (g.kind(i) !== 'original') continue;
      const art = g.article(i);
      originals.push({ id: g.id(i), text: `${art.headline}\n\n${art.paragraphs.join('\n\n')}` });
    }
    const r = await findNearDuplicates(originals);
    expect(r.pairs).toEqual([]);
    expect(r.clusters).toEqual([]);
  });

  it('does not pair unrelated articles that share only outlet header and footer lines', async () => {
    // ~20 articles per outlet: under the df cap, so boilerplate is recognised by coherence.
    const g = new CorpusGenerator({ docs: 3000, seed: 78 });
    const originals: { id: string; text: string }[] = [];
    for (let i = 0; i < g.docs && originals.length < 400; i++) if (g.kind(i) === 'original') originals.push({ id: g.id(i), text: g.text(i) });
    const withOutlet = originals.filter((d) => g.article(g.indexOf(d.id)).outlet >= 0).length;
    expect(withOutlet).toBeGreaterThan(200);
    const r = await findNearDuplicates(originals);
    expect(r.pairs).toEqual([]);
    expect(r.stats.candidates.commonFingerprints).toBeGreaterThan(0);
  });

  it('rejects a sketch made with other parameters, and duplicate ids', () => {
    const index = new SketchIndex({ seed: 1 });
    expect(() => index.add('x', createSketcher({ seed: 2 }).sketch('some words here and there'))).toThrow(/seed 2/);
    index.add('y', createSketcher({ seed: 1 }).sketch('some words here and there'));
    expect(() => index.add('y', createSketcher({ seed: 1 }).sketch('other words'))).toThrow(/duplicate document id/);
  });
});
