/**
 * The index on a real Redis server (redis-server on 127.0.0.1, a free port), through the command line: three worker
 * processes with --shard k/3 give the pairs (with their verdicts) and the duplicate clusters of one process over the
 * whole inbox; a worker killed (SIGKILL) after it reported pairs loses none of them: run again, it reports the rest,
 * and the two runs together report what an uninterrupted run reports.
 */
import { spawn } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CorpusGenerator } from '../src/dedup/index.js';
import { BIN } from './helpers/paths.js';
import { runCli } from './helpers/cli.js';
import { startRedis, type RedisServer } from './helpers/redis-server.js';
import { tempDir } from './helpers/tree.js';

const DOCS = 450;
const gen = new CorpusGenerator({ docs: DOCS, seed: 13 });
let work: string;
let server: RedisServer;
/** A database of its own per scenario. */
const db = (n: number): string => server.url.replace(/\/0$/, `/${n}`);

interface Rec {
  type: string;
  a?: string;
  b?: string;
  kind?: string;
  jaccard?: number;
  containment?: number;
  input?: string;
  metadata?: Record<string, unknown>;
}

const key = (r: Rec): string => (r.a! < r.b! ? `${r.a}|${r.b}` : `${r.b}|${r.a}`);
const verdicts = (recs: Rec[]): Map<string, string> => new Map(recs.filter((r) => r.type === 'pair').map((r) => [key(r), JSON.stringify([r.kind, r.jaccard, r.containment])]));
const lines = (stdout: string): Rec[] => stdout.split('\n').filter(Boolean).map((l) => JSON.parse(l) as Rec);

/** Connected components of the duplicate pairs, as sorted lists of ids. */
function partition(pairs: Rec[]): string[][] {
  const parent = new Map<string, string>();
  const find = (x: string): string => {
    let r = x;
    while (parent.get(r) !== undefined && parent.get(r) !== r) r = parent.get(r)!;
    parent.set(x, r);
    return r;
  };
  for (const p of pairs) {
    if (p.type !== 'pair' || p.kind !== 'duplicate') continue;
    for (const x of [p.a!, p.b!]) if (!parent.has(x)) parent.set(x, x);
    const [ra, rb] = [find(p.a!), find(p.b!)];
    if (ra !== rb) parent.set(ra < rb ? rb : ra, ra < rb ? ra : rb);
  }
  const groups = new Map<string, string[]>();
  for (const x of parent.keys()) groups.set(find(x), [...(groups.get(find(x)) ?? []), x]);
  return [...groups.values()].map((g) => g.sort()).sort((x, y) => (x[0]! < y[0]! ? -1 : 1));
}

beforeAll(async () => {
  server = await startRedis();
  work = tempDir('newsclean-cli-redis-');
  mkdirSync(path.join(work, 'in'), { recursive: true });
  for (let i = 0; i < DOCS; i++) writeFileSync(path.join(work, 'in', `${gen.id(i)}.md`), gen.text(i));
}, 120_000);
afterAll(async () => {
  await server?.stop();
});

describe('--index redis://', () => {
  it('three workers with --shard k/3 give the pairs and clusters of one process', async () => {
    const one = await runCli(['in', '-o', 'out-one', '--index', db(1), '--jsonl'], { cwd: work, timeoutMs: 300_000 });
    expect(one.stderr).toBe('');
    expect(one.code).toBe(0);
    const shards = await Promise.all(
      [0, 1, 2].map((k) => runCli(['in', '-o', `out-${k}`, '--index', db(2), '--shard', `${k}/3`, '--jsonl'], { cwd: work, timeoutMs: 300_000 })),
    );
    const merged: Rec[] = [];
    const docs = new Set<string>();
    for (const s of shards) {
      expect(s.code).toBe(0);
      for (const r of lines(s.stdout)) {
        merged.push(r);
        if (r.type === 'document') {
          expect(docs.has(r.input!), `${r.input} in two shards`).toBe(false);
          docs.add(r.input!);
        }
      }
    }
    // every input in exactly one shard
    expect(docs.size).toBe(DOCS);
    const want = verdicts(lines(one.stdout));
    expect(want.size).toBeGreaterThan(30);
    expect(verdicts(merged)).toEqual(want);
    expect(partition(merged)).toEqual(partition(lines(one.stdout)));
    // each written member of a cluster names a member of its own cluster as the canonical one
    const comp = new Map<string, number>();
    partition(merged).forEach((g, i) => g.forEach((x) => comp.set(x, i)));
    for (const r of merged) if (r.type === 'document' && r.metadata?.duplicate_of) expect(comp.get(String(r.metadata.duplicate_of))).toBe(comp.get(r.input!));
  }, 600_000);

  it('a worker killed after reporting pairs loses none: run again, the two runs report what one uninterrupted run does', async () => {
    const full = await runCli(['in', '-o', 'out-full', '--index', db(3), '--jsonl'], { cwd: work, timeoutMs: 300_000 });
    expect(full.code).toBe(0);
    const want = verdicts(lines(full.stdout));
    // killed once it has written some of its pairs (they are written as each is recorded in the index)
    const killed = await new Promise<Rec[]>((resolve, reject) => {
      const child = spawn(process.execPath, [BIN, 'in', '-o', 'out-killed', '--index', db(4), '--jsonl'], { cwd: work, stdio: ['ignore', 'pipe', 'pipe'] });
      let buf = '';
      const got: Rec[] = [];
      let pairs = 0;
      child.stdout.setEncoding('utf8').on('data', (d: string) => {
        buf += d;
        let nl: number;
        while ((nl = buf.indexOf('\n')) >= 0) {
          const r = JSON.parse(buf.slice(0, nl)) as Rec;
          buf = buf.slice(nl + 1);
          got.push(r);
          if (r.type === 'pair' && ++pairs === Math.floor(want.size / 3)) child.kill('SIGKILL');
        }
      });
      child.on('error', reject);
      child.on('exit', (_code, signal) => (signal === 'SIGKILL' ? resolve(got) : reject(new Error('the worker ended before it was killed'))));
    });
    const reported = verdicts(killed);
    expect(reported.size).toBeGreaterThanOrEqual(Math.floor(want.size / 3));
    // what it reported before it was killed is right
    for (const [k, v] of reported) expect(want.get(k), k).toBe(v);
    // the folder is still usable by the next run (the killed run's lock is taken over)
    const again = await runCli(['in', '-o', 'out-killed', '--index', db(4), '--jsonl'], { cwd: work, timeoutMs: 300_000 });
    expect(again.code).toBe(0);
    const union = new Map([...reported, ...verdicts(lines(again.stdout))]);
    expect(union).toEqual(want);
  }, 600_000);
});
