/** Near-duplicates through the real CLI: planted copies clustered, duplicate_of written, --drop-duplicates, 1 vs N threads. */
import { mkdirSync, readFileSync, writeFileSync, existsSync } from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import matter from 'gray-matter';
import { runCli } from './helpers/cli.js';
import { tempDir } from './helpers/tree.js';

const VOCAB = 'council harbour budget river school museum election festival bridge railway hospital library tram market port strike union mayor minister court police station airport factory farm forest mountain island village city region storm flood drought fire energy wind solar coal gas oil price wage tax rent loan bank fund'.split(' ');

function rng(seed: number): () => number {
  let s = seed >>> 0;
  return () => ((s = (Math.imul(s ^ (s >>> 15), 2246822507) + 0x9e3779b9) >>> 0) / 2 ** 32);
}
function story(seed: number, paragraphs = 8): string[] {
  const r = rng(seed);
  const w = () => VOCAB[Math.floor(r() * VOCAB.length)]!;
  return Array.from({ length: paragraphs }, (_, p) =>
    `The ${w()} ${w()} said on day ${seed * 10 + p} that the ${w()} and the ${w()} would ${['rise', 'fall', 'change', 'stay'][p % 4]} near the ${w()} ${w()}, while officials from the ${w()} ${w()} warned of the ${w()} ${w()} and the ${w()} before the ${w()} ${w()} of the ${w()}.`,
  );
}

let work: string;
beforeAll(() => {
  work = tempDir('newsclean-dedup-');
  const inbox = path.join(work, 'inbox');
  mkdirSync(inbox);
  const wire = story(1);
  writeFileSync(path.join(inbox, 'a-wire.txt'), ['Harbour plan approved after long debate', '', ...wire.flatMap((p) => [p, '']), 'AFP'].join('\n'));
  // the same wire story in another outlet's wrapper, under another headline
  writeFileSync(path.join(inbox, 'b-outlet.txt'), ['Expatica news', '', 'Council backs harbour scheme', '', ...wire.flatMap((p) => [p, '']), 'Legal Disclaimer:', 'MENAFN provides the information “as is” without warranty of any kind.'].join('\n'));
  // an excerpt: the first half
  writeFileSync(path.join(inbox, 'c-excerpt.txt'), ['Harbour plan: what we know', '', ...wire.slice(0, 4).flatMap((p) => [p, ''])].join('\n'));
  // unrelated stories, one sharing a long quote with the wire
  writeFileSync(path.join(inbox, 'd-other.txt'), ['Festival opens in the old town', '', ...story(2).flatMap((p) => [p, ''])].join('\n'));
  writeFileSync(path.join(inbox, 'e-quote.txt'), ['Union leaders react', '', ...story(3).slice(0, 5).flatMap((p) => [p, '']), `“${wire[2]} ${wire[3]}”`, '', ...story(3).slice(5).flatMap((p) => [p, ''])].join('\n'));
});

describe('near-duplicates in a run', () => {
  it('finds the copies and the excerpt as duplicates, the shared quote as an overlap, and clusters them', async () => {
    const r = await runCli(['inbox', '-o', 'out', '--json', '--threads', '2'], { cwd: work });
    expect(r.code).toBe(0);
    const rep = JSON.parse(r.stdout);
    const pairs = rep.pairs.map((p: { a: string; b: string; kind: string }) => `${path.basename(p.a)}~${path.basename(p.b)}:${p.kind}`);
    expect(pairs).toContain('a-wire.txt~b-outlet.txt:duplicate');
    expect(pairs).toContain('a-wire.txt~c-excerpt.txt:duplicate');
    expect(pairs).toContain('b-outlet.txt~c-excerpt.txt:duplicate');
    expect(pairs.some((p: string) => p.startsWith('a-wire.txt~e-quote.txt:overlap'))).toBe(true);
    expect(pairs.some((p: string) => p.includes('d-other'))).toBe(false);
    const quote = rep.pairs.find((p: { a: string; b: string }) => p.b.endsWith('e-quote.txt'));
    expect(quote.passages[0].text).toContain(wireWords());
    expect(rep.clusters).toHaveLength(1);
    const cluster = rep.clusters[0];
    expect(cluster.members.map((m: string) => path.basename(m)).sort()).toEqual(['a-wire.txt', 'b-outlet.txt', 'c-excerpt.txt']);
    // canonical: the most complete metadata (the wire copy has its agency), and the others point to it in their front matter
    expect(path.basename(cluster.canonical)).toBe('a-wire.txt');
    const fm = matter(readFileSync(path.join(work, 'out', 'b-outlet.md'), 'utf8'), {}).data;
    expect(fm.duplicate_of).toBe(cluster.canonical);
    expect(fm.cluster).toBe(cluster.id);
  });

  it('gives byte-identical reports and files with 1 and with 2 threads, and with threads off', async () => {
    const runs = await Promise.all(['0', '1', '2'].map((t) => runCli(['inbox', '-o', `t${t}`, '--json', '--threads', t], { cwd: work })));
    const norm = (s: string, t: string) => s.replaceAll(`t${t}/`, 'OUT/');
    expect(norm(runs[1]!.stdout, '1')).toBe(norm(runs[0]!.stdout, '0'));
    expect(norm(runs[2]!.stdout, '2')).toBe(norm(runs[0]!.stdout, '0'));
    for (const f of ['a-wire.md', 'b-outlet.md', 'c-excerpt.md', 'd-other.md', 'e-quote.md']) {
      expect(readFileSync(path.join(work, 't2', f), 'utf8')).toBe(readFileSync(path.join(work, 't0', f), 'utf8'));
    }
  });

  it('--drop-duplicates writes only the canonical member of each cluster', async () => {
    const r = await runCli(['inbox', '-o', 'dedup', '--json', '--drop-duplicates'], { cwd: work });
    const rep = JSON.parse(r.stdout);
    expect(existsSync(path.join(work, 'dedup', 'a-wire.md'))).toBe(true);
    expect(existsSync(path.join(work, 'dedup', 'b-outlet.md'))).toBe(false);
    expect(existsSync(path.join(work, 'dedup', 'c-excerpt.md'))).toBe(false);
    expect(existsSync(path.join(work, 'dedup', 'd-other.md'))).toBe(true);
    expect(rep.summary.dropped).toBe(2);
    expect(rep.documents.filter((d: { status: string }) => d.status === 'dropped-duplicate')).toHaveLength(2);
  });

  it('--no-dedup skips the stage; bad thresholds are usage errors', async () => {
    const r = await runCli(['inbox', '-o', 'nodedup', '--json', '--no-dedup'], { cwd: work });
    expect(JSON.parse(r.stdout).pairs).toEqual([]);
    const bad = await runCli(['inbox', '-o', 'x', '--shingle-size', '99'], { cwd: work });
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/^newsclean: .*shingleSize/);
  });
});

function wireWords(): string {
  return story(1)[2]!.split(' ').slice(3, 9).join(' ');
}
