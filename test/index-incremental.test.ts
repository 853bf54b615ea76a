import { describe, expect, it } from 'vitest';
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import fc from 'fast-check';
import { CorpusGenerator } from '../src/dedup/index.js';
import {
  ConfigError,
  findNearDuplicates,
  indexedNearDuplicates,
  IndexConfigError,
  inShard,
  openDirectoryIndex,
  openIndex,
  parseShard,
  parseWindow,
  shardOf,
  verifyDirectoryIndex,
  type DupPair,
  type IndexedReport,
} from '../src/index.js';
import { decodeRecord, encodeRecord } from '../src/dedup/store/record.js';
import { tokenize } from '../src/dedup/tokens.js';
import { tempDir } from './helpers/tree.js';

const gen = new CorpusGenerator({ docs: 1500, seed: 7 });
const all = Array.from({ length: gen.docs }, (_, i) => ({ id: gen.id(i), text: gen.text(i) }));
/** Round-robin batches: a story's copies land in different batches. */
const batches = (n: number) => Array.from({ length: n }, (_, b) => all.filter((_, i) => i % n === b));

const pairKey = (p: Pick<DupPair, 'a' | 'b'>): string => (p.a < p.b ? `${p.a}|${p.b}` : `${p.b}|${p.a}`);
const verdict = (p: DupPair): string => JSON.stringify([p.kind, p.jaccard, p.containment, p.kind === 'overlap' ? p.sharedTokens : 0]);

let unionPromise: ReturnType<typeof findNearDuplicates> | null = null;
const union = () => (unionPromise ??= findNearDuplicates(all));

async function incremental(spec: string, n: number): Promise<IndexedReport[]> {
  const index = await openIndex(spec);
  const out: IndexedReport[] = [];
  try {
    for (const batch of batches(n)) out.push(await indexedNearDuplicates(batch, index, { chunkSize: 128 }));
  } finally {
    await index.close();
  }
  return out;
}

describe('incremental runs against an index', () => {
  for (const backend of ['memory', 'directory'] as const) {
    it(`${backend}: three batches find the pairs of one run over the union, with the same verdicts`, async () => {
      const spec = backend === 'memory' ? 'memory' : path.join(tempDir('newsclean-index-'), 'ix');
      const reports = await incremental(spec, 3);
      const u = await union();
      const want = new Map(u.pairs.map((p) => [pairKey(p), verdict(p)]));
      const got = new Map<string, string>();
      for (const r of reports) for (const p of r.pairs) {
        expect(got.has(pairKey(p)), `pair ${pairKey(p)} reported twice`).toBe(false);
        got.set(pairKey(p), verdict(p));
      }
      expect([...got.keys()].sort()).toEqual([...want.keys()].sort());
      expect(got).toEqual(want);
      // cross-batch pairs are there, and name the earlier document as it was recorded
      const cross = reports[2]!.pairs.filter((p) => p.earlier);
      expect(cross.length).toBeGreaterThan(100);
      for (const p of cross) {
        expect(p.earlier!.id).toBe(p.b);
        expect(p.earlier!.input).toBe(p.b);
        expect(Number(p.b.slice(1)) % 3).not.toBe(2);
      }
    });
  }

  it('passages of a pair with an earlier document are quoted from this batch’s text, with the ranges of a run over both', async () => {
    const index = await openIndex('memory');
    // a quote control: two different articles sharing one long quote
    let q = 0;
    while (!gen.isQuoteControl(q)) q++;
    const [x, y] = [all[q]!, all[q + 1]!];
    await indexedNearDuplicates([y], index);
    const r = await indexedNearDuplicates([x], index);
    const one = (await findNearDuplicates([x, y])).pairs[0]!;
    const p = r.pairs[0]!;
    expect(p.kind).toBe('overlap');
    expect([p.a, p.b]).toEqual([x.id, y.id]);
    expect(p.passages.map((s) => [s.text, s.tokens, s.a, s.b])).toEqual(one.passages.map((s) => [s.text, s.tokens, s.a, s.b]));
    expect(p.passages[0]!.text).toContain(gen.quoteOf(q)!.split(' ').slice(2, 8).join(' '));
    await index.close();
  });

  it('a document indexed again (same id and text) is not added twice; its pairs are reported again', async () => {
    const index = await openIndex('memory');
    const first = await indexedNearDuplicates(all.slice(0, 300), index);
    const again = await indexedNearDuplicates(all.slice(0, 300), index);
    expect((await index.stats()).documents).toBe(300);
    expect(again.stats.known).toBe(300);
    expect(again.stats.inserted).toBe(0);
    expect(again.documents.map((d) => d.key)).toEqual(first.documents.map((d) => d.key));
    expect(again.pairs.map(pairKey).sort()).toEqual(first.pairs.map(pairKey).sort());
    // the same text under another id is a document of its own: a duplicate of the first
    const copy = await indexedNearDuplicates([{ id: 'copy-of-d0000000', text: all[0]!.text }], index);
    expect(copy.stats.inserted).toBe(1);
    expect(copy.pairs.find((p) => p.b === 'd0000000')).toMatchObject({ kind: 'duplicate', jaccard: 1, containment: 1 });
    await index.close();
  });

  it('the canonical member is the earliest indexed one and stays so; a batch is indexed best-first', async () => {
    const index = await openIndex('memory');
    // a family with several full variants
    let f = 0;
    while (gen.familyStart[f + 1]! - gen.familyStart[f]! < 4 || gen.isQuoteControl(gen.familyStart[f]!)) f++;
    const members = Array.from({ length: gen.familyStart[f + 1]! - gen.familyStart[f]! }, (_, k) => all[gen.familyStart[f]! + k]!);
    const [m0, m1, ...later] = members;
    // in one batch the canonical member is the one the rule picks without an index: here the more complete one
    const r1 = await indexedNearDuplicates(
      [
        { ...m0!, rank: { completeness: 1 } },
        { ...m1!, rank: { completeness: 5 } },
      ],
      index,
    );
    const byId = new Map(r1.documents.map((d) => [d.id, d]));
    expect(byId.get(m1!.id)!.key).toBeLessThan(byId.get(m0!.id)!.key);
    expect(byId.get(m0!.id)!.duplicateOf?.id).toBe(m1!.id);
    expect(byId.get(m1!.id)!.canonical?.id).toBe(m1!.id);
    expect(byId.get(m1!.id)!.duplicateOf).toBeUndefined();
    // a later batch with a better ranked member: the canonical member does not change
    const r2 = await indexedNearDuplicates(later.map((d) => ({ ...d, rank: { completeness: 10, date: '2001-01-01' } })), index);
    for (const d of r2.documents) {
      if (!d.canonical) continue;
      expect(d.canonical.id).toBe(m1!.id);
      expect(d.duplicateOf?.id).toBe(m1!.id);
    }
    expect(r2.documents.some((d) => d.duplicateOf?.id === m1!.id)).toBe(true);
    expect(r2.clusters.every((c) => c.canonical.id === m1!.id)).toBe(true);
    await index.close();
  });

  it('the window leaves out earlier documents older than it, and compact drops them', async () => {
    const dir = path.join(tempDir('newsclean-index-'), 'ix');
    const day = 86_400_000;
    const now = Date.parse('2025-06-01T00:00:00Z');
    const third = (k: number) => all.slice(0, 600).filter((_, i) => i % 3 === k);
    const old = new Set(third(0).map((d) => d.id));
    let index = await openIndex(dir);
    await indexedNearDuplicates(third(0).map((d) => ({ ...d, rank: { date: new Date(now - 200 * day).toISOString() } })), index, { now: now - 200 * day });
    await indexedNearDuplicates(third(1), index, { now: now - 10 * day });
    const probe = third(2);
    const withWindow = await indexedNearDuplicates(probe, index, { now, window: '90d', commit: false });
    await index.close();
    index = await openIndex(dir);
    const plain = await indexedNearDuplicates(probe, index, { now, commit: false });
    expect(withWindow.stats.outsideWindow).toBeGreaterThan(0);
    expect(withWindow.pairs.some((p) => p.earlier)).toBe(true);
    expect(withWindow.pairs.every((p) => !old.has(p.b))).toBe(true);
    expect(plain.pairs.some((p) => old.has(p.b))).toBe(true);
    await index.close();
    index = await openIndex(dir);
    const c = await index.compact({ windowMs: parseWindow('90d'), now });
    expect(c).toMatchObject({ before: 400, after: 200, removed: 200 });
    expect(c.bytesAfter).toBeLessThan(c.bytesBefore);
    await index.close();
    expect(verifyDirectoryIndex(dir)).toEqual([]);
    expect(readdirSync(dir).filter((n) => n.endsWith('.ncs'))).toHaveLength(1);
    index = await openIndex(dir);
    expect(await index.stats()).toMatchObject({ documents: 200, segments: 1, backend: 'directory' });
    const after = await indexedNearDuplicates(probe, index, { now, commit: false });
    expect(after.pairs.map(pairKey).sort()).toEqual(withWindow.pairs.map(pairKey).sort());
    await index.close();
  });

  it('compaction keeps what lookups find', async () => {
    const dir = path.join(tempDir('newsclean-index-'), 'ix');
    let index = await openIndex(dir);
    for (const b of batches(4).slice(0, 3)) await indexedNearDuplicates(b, index);
    const before = await indexedNearDuplicates(batches(4)[3]!, index, { commit: false });
    await index.close(); // not committed: discarded
    index = await openIndex(dir);
    expect((await index.stats()).segments).toBe(3);
    await index.compact();
    await index.close();
    index = await openIndex(dir);
    expect(await index.stats()).toMatchObject({ segments: 1, documents: 1125 });
    const after = await indexedNearDuplicates(batches(4)[3]!, index, { commit: false });
    expect(after.pairs).toEqual(before.pairs);
    expect(after.documents.map((d) => d.duplicateOf?.key)).toEqual(before.documents.map((d) => d.duplicateOf?.key));
    await index.close();
  });

  it('stats: documents, bytes, per-document bytes and date ranges', async () => {
    const dir = path.join(tempDir('newsclean-index-'), 'ix');
    const index = await openIndex(dir);
    await indexedNearDuplicates(
      all.slice(0, 50).map((d, i) => ({ ...d, rank: { date: `2024-03-${String(1 + (i % 28)).padStart(2, '0')}` } })),
      index,
      { now: Date.parse('2025-01-02T03:04:05Z') },
    );
    const s = await index.stats();
    const files = readdirSync(dir).reduce((n, f) => n + readFileSync(path.join(dir, f)).length, 0);
    expect(s.documents).toBe(50);
    expect(s.bytes).toBe(files - readFileSync(path.join(dir, 'LOCK')).length);
    expect(s.bytesPerDocument).toBeCloseTo(s.bytes / 50);
    expect(s.dates).toEqual({ first: '2024-03-01T00:00:00.000Z', last: '2024-03-28T00:00:00.000Z' });
    expect(s.indexed).toEqual({ first: '2025-01-02T03:04:05.000Z', last: '2025-01-02T03:04:05.000Z' });
    await index.close();
  });
});

describe('index parameters and folders', () => {
  it('an index built with other settings is refused with a usage error naming them', async () => {
    const dir = path.join(tempDir('newsclean-index-'), 'ix');
    const index = await openIndex(dir);
    await indexedNearDuplicates(all.slice(0, 5), index);
    await index.close();
    const err = await openIndex(dir, { dedup: { shingleSize: 4, numPerm: 64 } }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(IndexConfigError);
    expect(err).toBeInstanceOf(ConfigError);
    expect(String((err as Error).message)).toMatch(/shingleSize 5 \(this run: 4\).*numPerm 128 \(this run: 64\)/);
    // and an index opened with one set of settings is not used with another
    const mem = await openIndex('memory');
    await expect(indexedNearDuplicates(all.slice(0, 2), mem, { jaccardThreshold: 0.8 })).rejects.toThrow(/jaccardThreshold 0.5 \(this run: 0.8\)/);
    // the recorded settings open it for stats
    const ro = await openIndex(dir, { recorded: true, readOnly: true });
    expect((await ro.stats()).documents).toBe(5);
    await ro.close();
  });

  it('a folder that holds something else is not taken for an index; a second writer is refused', async () => {
    const dir = tempDir('newsclean-index-');
    writeFileSync(path.join(dir, 'notes.txt'), 'mine');
    await expect(openIndex(dir)).rejects.toThrow(IndexConfigError);
    const ix = path.join(dir, 'ix');
    const a = await openIndex(ix);
    await expect(openIndex(ix)).rejects.toThrow(/in use by process/);
    await a.close();
    const b = openDirectoryIndex(ix, null, { readOnly: true });
    await b.close();
    expect(existsSync(path.join(ix, 'LOCK'))).toBe(false);
  });

  it('windows and shards are parsed strictly', () => {
    expect(parseWindow('90d')).toBe(90 * 86_400_000);
    expect(parseWindow('12w')).toBe(84 * 86_400_000);
    expect(parseWindow('36h')).toBe(36 * 3_600_000);
    for (const bad of ['', '90', '-3d', '0d', 'ninety days', '5m']) expect(() => parseWindow(bad)).toThrow(IndexConfigError);
    expect(parseShard('2/4')).toEqual({ index: 2, count: 4 });
    for (const bad of ['4/4', '1/0', 'a/b', '1', '-1/3']) expect(() => parseShard(bad)).toThrow(IndexConfigError);
  });

  it('shards partition the inputs: every path in exactly one, the same on every call', () => {
    fc.assert(
      fc.property(fc.array(fc.string({ minLength: 1, maxLength: 40 }), { minLength: 1, maxLength: 50 }), fc.integer({ min: 1, max: 9 }), (paths, n) => {
        for (const p of paths) {
          const owners = Array.from({ length: n }, (_, k) => inShard(p, { index: k, count: n })).filter(Boolean);
          expect(owners).toHaveLength(1);
          expect(shardOf(p, n)).toBe(shardOf(p.replace(/\//g, '\\'), n));
        }
      }),
    );
    // and spread them evenly
    const counts = new Array(4).fill(0);
    for (let i = 0; i < 4000; i++) counts[shardOf(`inbox/2025-05-0${i % 9}/article-${i}.html`, 4)]++;
    for (const c of counts) expect(Math.abs(c - 1000)).toBeLessThan(120);
  });

  it('a record keeps what verification and reports need, token hashes exactly', () => {
    fc.assert(
      fc.property(fc.string(), fc.string(), fc.option(fc.string()), fc.string({ maxLength: 400 }), fc.option(fc.integer({ min: 0, max: 4e12 })), (id, input, output, text, date) => {
        const tokens = tokenize(text).hashes;
        const identity = new Uint8Array(16).map((_, i) => i * 7);
        const r = { id, input, output, indexedAt: 1.7e12, date: date ?? Number.NaN, completeness: 3, length: tokens.length, identity, tokens };
        const back = decodeRecord(9, encodeRecord(r));
        expect(back).toEqual({ ...r, key: 9, output: output ?? null });
      }),
    );
  });
});
