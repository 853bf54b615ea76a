/**
 * The near-duplicate index through the command line (real processes of bin/newsclean.js): two daily batches run one
 * after the other against a folder index give the pairs and verdicts of one run over both; --drop-duplicates leaves
 * out new copies of stories an earlier run saw; pairs with earlier documents name them (their input and output);
 * settings that do not match the index, and an index that cannot be reached, are usage errors (exit 2, one line);
 * `newsclean index stats|compact`.
 */
import { mkdirSync, readFileSync, writeFileSync, existsSync } from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { CorpusGenerator } from '../src/dedup/index.js';
import { runCli } from './helpers/cli.js';
import { tempDir } from './helpers/tree.js';

const DOCS = 600;
const gen = new CorpusGenerator({ docs: DOCS, seed: 11 });
let work: string;

interface Pair {
  a: string;
  b: string;
  kind: string;
  jaccard: number;
  containment: number;
  sharedTokens: number;
  earlier?: { id: string; input: string; output: string | null };
}
interface Report {
  documents: Array<{ input: string; output: string | null; status: string; metadata: Record<string, unknown> }>;
  pairs: Pair[];
  clusters: Array<{ id: string; canonical: string; members: string[] }>;
  summary: Record<string, number>;
}

/** Writes documents `which` of the corpus into `<dir>/in/`, each batch in a folder of its own with the same relative names. */
function batch(dir: string, which: (i: number) => boolean): void {
  mkdirSync(path.join(dir, 'in'), { recursive: true });
  for (let i = 0; i < DOCS; i++) if (which(i)) writeFileSync(path.join(dir, 'in', `${gen.id(i)}.md`), gen.text(i));
}

const key = (p: Pick<Pair, 'a' | 'b'>): string => (p.a < p.b ? `${p.a}|${p.b}` : `${p.b}|${p.a}`);
const verdict = (p: Pair): string => JSON.stringify([p.kind, p.jaccard, p.containment, p.kind === 'overlap' ? p.sharedTokens : 0]);

async function json(args: string[], cwd: string): Promise<Report> {
  const r = await runCli([...args, '--json'], { cwd, timeoutMs: 300_000 });
  expect(r.stderr).toBe('');
  expect(r.code).toBe(0);
  return JSON.parse(r.stdout) as Report;
}

beforeAll(() => {
  work = tempDir('newsclean-cli-index-');
  batch(path.join(work, 'day1'), (i) => i % 2 === 0);
  batch(path.join(work, 'day2'), (i) => i % 2 === 1);
  batch(path.join(work, 'union'), () => true);
});

describe('--index <dir>', () => {
  let day1: Report;
  let day2: Report;
  let union: Report;
  const idx = (): string => path.join(work, 'idx');

  beforeAll(async () => {
    day1 = await json(['in', '-o', 'out', '--index', idx()], path.join(work, 'day1'));
    day2 = await json(['in', '-o', 'out', '--index', idx()], path.join(work, 'day2'));
    union = await json(['in', '-o', 'out'], path.join(work, 'union'));
  }, 900_000);

  it('two runs give the pairs and verdicts of one run over both batches', () => {
    const want = new Map(union.pairs.map((p) => [key(p), verdict(p)]));
    const got = new Map<string, string>();
    for (const p of [...day1.pairs, ...day2.pairs]) {
      expect(got.has(key(p)), `pair ${key(p)} reported twice`).toBe(false);
      got.set(key(p), verdict(p));
    }
    expect(want.size).toBeGreaterThan(50);
    expect([...got.keys()].sort()).toEqual([...want.keys()].sort());
    expect(got).toEqual(want);
    // the second day found pairs with the first day's documents, and says what they were recorded as
    const across = day2.pairs.filter((p) => p.earlier);
    expect(across.length).toBeGreaterThan(20);
    for (const p of across) {
      expect(p.earlier!.input).toBe(p.b);
      expect(p.earlier!.output).toBe(path.join('out', p.b.replace(/^in\//, '').replace(/\.md$/, '.md')));
      expect(day1.documents.some((d) => d.input === p.b)).toBe(true);
    }
  });

  it('members of old clusters point at the canonical member in their front matter', () => {
    const members = day2.documents.filter((d) => typeof d.metadata.duplicate_of === 'string' && day1.documents.some((e) => e.input === d.metadata.duplicate_of));
    expect(members.length).toBeGreaterThan(5);
    for (const d of members) {
      const md = readFileSync(path.join(work, 'day2', d.output!), 'utf8');
      expect(md).toContain(`duplicate_of: ${JSON.stringify(d.metadata.duplicate_of)}`);
      expect(md).toContain(`cluster: ${JSON.stringify(d.metadata.cluster)}`);
    }
  });

  it('--drop-duplicates leaves out new copies of stories an earlier run saw', async () => {
    const dir = path.join(work, 'drop');
    batch(path.join(dir, 'day1'), (i) => i % 2 === 0);
    batch(path.join(dir, 'day2'), (i) => i % 2 === 1);
    const ix = path.join(dir, 'idx');
    await json(['in', '-o', 'out', '--index', ix], path.join(dir, 'day1'));
    const r = await json(['in', '-o', 'out', '--index', ix, '--drop-duplicates'], path.join(dir, 'day2'));
    const dropped = r.documents.filter((d) => d.status === 'dropped-duplicate');
    const ofEarlier = dropped.filter((d) => String(d.metadata.duplicate_of).startsWith('in/') && !r.documents.some((e) => e.input === d.metadata.duplicate_of));
    expect(ofEarlier.length).toBeGreaterThan(5);
    expect(r.summary.dropped).toBe(dropped.length);
    for (const d of dropped) {
      expect(d.output).toBeNull();
      expect(existsSync(path.join(dir, 'day2', 'out', d.input.replace(/^in\//, '')))).toBe(false);
    }
    // every document of the day that has a duplicate_of was dropped; the others were written
    for (const d of r.documents) expect(d.status === 'dropped-duplicate').toBe(d.metadata.duplicate_of !== undefined);
  }, 600_000);

  it('two shards (--shard 0/2, then 1/2) against one folder index find the pairs of one run, each input in one shard', async () => {
    const cwd = path.join(work, 'union');
    const ix = path.join(work, 'idx-shards');
    const s0 = await json(['in', '-o', 'out-s0', '--index', ix, '--shard', '0/2'], cwd);
    const s1 = await json(['in', '-o', 'out-s1', '--index', ix, '--shard', '1/2'], cwd);
    const inputs = [...s0.documents, ...s1.documents].map((d) => d.input);
    expect(new Set(inputs).size).toBe(DOCS);
    expect(inputs).toHaveLength(DOCS);
    expect(Math.min(s0.documents.length, s1.documents.length)).toBeGreaterThan(DOCS / 4);
    const want = new Map(union.pairs.map((p) => [key(p), verdict(p)]));
    const got = new Map([...s0.pairs, ...s1.pairs].map((p) => [key(p), verdict(p)]));
    expect(got).toEqual(want);
    // a shard's output names are those of one run over every input
    for (const d of s1.documents) expect(d.output).toBe(union.documents.find((u) => u.input === d.input)!.output!.replace(/^out\//, 'out-s1/'));
  }, 600_000);

  it('refuses settings the index was not made with, and an index it cannot use, with one line and exit 2', async () => {
    const cwd = path.join(work, 'day2');
    const r = await runCli(['in', '-o', 'out-x', '--index', idx(), '--shingle-size', '7'], { cwd });
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/^newsclean: .*shingle/);
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
    expect(existsSync(path.join(cwd, 'out-x'))).toBe(false);
    const down = await runCli(['in', '-o', 'out-y', '--index', 'redis://127.0.0.1:1/0'], { cwd });
    expect(down.code).toBe(2);
    expect(down.stderr).toMatch(/^newsclean: cannot reach the index server redis:\/\/127\.0\.0\.1:1\/0/);
    expect(down.stderr.trim().split('\n')).toHaveLength(1);
    const notDir = path.join(work, 'not-an-index.txt');
    writeFileSync(notDir, 'x');
    const bad = await runCli(['in', '-o', 'out-z', '--index', notDir], { cwd });
    expect(bad.code).toBe(2);
    expect(bad.stderr.trim().split('\n')).toHaveLength(1);
    for (const args of [['--shard', '3/3'], ['--index-window', 'soon', '--index', idx()], ['--index-window', '90d'], ['--no-dedup', '--index', idx()]]) {
      const u = await runCli(['in', '-o', 'out-w', ...args], { cwd });
      expect(u.code, args.join(' ')).toBe(2);
      expect(u.stderr.trim().split('\n'), args.join(' ')).toHaveLength(1);
    }
  }, 120_000);

  it('index stats and index compact', async () => {
    const s = await runCli(['index', 'stats', idx(), '--json'], { cwd: work });
    expect(s.code).toBe(0);
    const stats = JSON.parse(s.stdout) as { documents: number; backend: string; segments: number };
    expect(stats.documents).toBe(day1.summary.cleaned + day2.summary.cleaned);
    expect(stats.backend).toBe('directory');
    expect(stats.segments).toBe(2);
    const text = await runCli(['index', 'stats', idx()], { cwd: work });
    expect(text.stdout).toMatch(/documents\s+600\b/);
    const c = await runCli(['index', 'compact', idx()], { cwd: work });
    expect(c.code).toBe(0);
    expect(c.stdout).toMatch(/600 → 600 documents \(0 removed\)/);
    const after = JSON.parse((await runCli(['index', 'stats', idx(), '--json'], { cwd: work })).stdout) as { documents: number; segments: number };
    expect(after).toMatchObject({ documents: 600, segments: 1 });
    // these articles have no date: a window counts from when they were indexed (just now), so all are kept
    const w = await runCli(['index', 'compact', idx(), '--index-window', '1h'], { cwd: work });
    expect(w.code).toBe(0);
    expect(w.stdout).toMatch(/600 → 600 documents \(0 removed\)/);
    const badWindow = await runCli(['index', 'compact', idx(), '--index-window', 'soon'], { cwd: work });
    expect(badWindow.code).toBe(2);
    const missing = await runCli(['index', 'stats', path.join(work, 'nowhere')], { cwd: work });
    expect(missing.code).toBe(2);
  }, 120_000);
});
