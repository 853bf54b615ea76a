import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { spawn } from 'node:child_process';
import path from 'node:path';
import { Redis } from 'ioredis';
import { CorpusGenerator } from '../src/dedup/index.js';
import { findNearDuplicates, indexedNearDuplicates, IndexConfigError, openIndex, type DupPair } from '../src/index.js';
import { ROOT } from './helpers/paths.js';
import { startRedis, type RedisServer } from './helpers/redis-server.js';

const WORKER = path.join(ROOT, 'test/helpers/index-worker.mjs');
const DOCS = 900;
const SEED = 5;
const gen = new CorpusGenerator({ docs: DOCS, seed: SEED });
const all = Array.from({ length: DOCS }, (_, i) => ({ id: gen.id(i), text: gen.text(i) }));

let server: RedisServer;
beforeAll(async () => {
  server = await startRedis();
}, 120_000);
afterAll(async () => {
  await server?.stop();
});

interface Line {
  pair?: [string, string];
  kind?: string;
  jaccard?: number;
  containment?: number;
  committed?: number;
  done?: number;
}

/** Runs a worker; `killAfterPairs` kills it (SIGKILL) once it has reported that many pairs. */
function worker(prefix: string, args: string[], killAfterPairs?: number): Promise<{ lines: Line[]; killed: boolean }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [WORKER, server.url, String(DOCS), String(SEED), String(DOCS), '--prefix', prefix, ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
    const lines: Line[] = [];
    let buf = '';
    let err = '';
    let pairs = 0;
    child.stdout.on('data', (d: Buffer) => {
      buf += d.toString();
      let nl: number;
      while ((nl = buf.indexOf('\n')) >= 0) {
        const line = JSON.parse(buf.slice(0, nl)) as Line;
        buf = buf.slice(nl + 1);
        lines.push(line);
        if (line.pair && ++pairs === killAfterPairs) child.kill('SIGKILL');
      }
    });
    child.stderr.on('data', (d: Buffer) => (err += d.toString()));
    child.on('error', reject);
    child.on('exit', (code, signal) => {
      if (signal === 'SIGKILL') resolve({ lines, killed: true });
      else if (code !== 0) reject(new Error(`worker failed (${code}): ${err}`));
      else resolve({ lines, killed: false });
    });
  });
}

const pairKey = (a: string, b: string): string => (a < b ? `${a}|${b}` : `${b}|${a}`);
const pairsOf = (lines: Line[]): Map<string, string> => {
  const m = new Map<string, string>();
  for (const l of lines) if (l.pair) m.set(pairKey(...l.pair), JSON.stringify([l.kind, l.jaccard, l.containment]));
  return m;
};

/** What the index under `prefix` holds: id → key, and its clusters as sorted lists of ids. */
async function contents(prefix: string): Promise<{ keyOf: Map<string, number>; clusters: string[][]; canonicalIsEarliest: boolean }> {
  const client = new Redis(server.url);
  const seq = Number(await client.get(`${prefix}seq`));
  await client.quit();
  const index = await openIndex(server.url, { recorded: true, redis: { prefix } });
  const keys = Array.from({ length: seq }, (_, i) => i + 1);
  const docs = await index.load(keys);
  const roots = await index.roots(keys);
  await index.close();
  const keyOf = new Map<string, number>();
  const byRoot = new Map<number, string[]>();
  let canonicalIsEarliest = true;
  docs.forEach((d, i) => {
    if (!d) return;
    keyOf.set(d.id, d.key);
    const r = roots[i]!;
    if (r > d.key) canonicalIsEarliest = false;
    byRoot.set(r, [...(byRoot.get(r) ?? []), d.id]);
  });
  const clusters = [...byRoot.values()].filter((m) => m.length > 1).map((m) => m.sort()).sort((x, y) => (x[0]! < y[0]! ? -1 : 1));
  return { keyOf, clusters, canonicalIsEarliest };
}

/** The pairs of one worker over the whole inbox (also what a killed and restarted worker must end up with). */
let wholeInbox: Map<string, string> | null = null;
const whole = async (): Promise<Map<string, string>> => (wholeInbox ??= pairsOf((await worker('one:', [])).lines));

describe('the index on a Redis server', () => {
  it('three batches find the pairs of one run over the union, with the same verdicts', async () => {
    const index = await openIndex(server.url, { redis: { prefix: 'u:', expectedDocuments: 5000 } });
    const got = new Map<string, string>();
    const verdict = (p: DupPair) => JSON.stringify([p.kind, p.jaccard, p.containment, p.kind === 'overlap' ? p.sharedTokens : 0]);
    for (let b = 0; b < 3; b++) {
      const r = await indexedNearDuplicates(all.filter((_, i) => i % 3 === b), index, { chunkSize: 128 });
      for (const p of r.pairs) got.set(pairKey(p.a, p.b), verdict(p));
    }
    const st = await index.stats();
    expect(st).toMatchObject({ backend: 'redis', documents: DOCS });
    expect(st.bytes).toBeGreaterThan(0);
    await index.close();
    const u = await findNearDuplicates(all);
    expect(got).toEqual(new Map(u.pairs.map((p) => [pairKey(p.a, p.b), verdict(p)])));
  });

  it('N workers over N shards give the pairs and clusters of one process over the whole inbox', async () => {
    const single = await whole();
    const shards = await Promise.all([0, 1, 2].map((k) => worker('many:', ['--shard', `${k}/3`])));
    const done = shards.map((s) => s.lines.find((l) => l.done !== undefined)!.done!);
    expect(done.reduce((a, b) => a + b, 0)).toBe(DOCS);
    expect(Math.min(...done)).toBeGreaterThan(DOCS / 6);
    const many = pairsOf(shards.flatMap((s) => s.lines));
    expect(single.size).toBeGreaterThan(300);
    expect(many).toEqual(single);
    const a = await contents('one:');
    const b = await contents('many:');
    expect(b.keyOf.size).toBe(DOCS);
    expect(b.clusters).toEqual(a.clusters);
    expect(a.canonicalIsEarliest && b.canonicalIsEarliest).toBe(true);
  });

  it('a worker killed mid-run loses nothing it reported; run again, it reports the rest', async () => {
    const killed = await worker('kill:', ['--chunk', '16'], 150);
    expect(killed.killed).toBe(true);
    const reported = pairsOf(killed.lines);
    expect(reported.size).toBeGreaterThanOrEqual(150); // lines already in the pipe when the signal came are reported too
    const c = await contents('kill:');
    const index = await openIndex(server.url, { recorded: true, redis: { prefix: 'kill:' } });
    for (const l of killed.lines.filter((x) => x.pair)) {
      const [x, y] = l.pair!.map((id) => c.keyOf.get(id));
      expect(x, `${l.pair![0]} is in the index`).toBeDefined();
      expect(y, `${l.pair![1]} is in the index`).toBeDefined();
      if (l.kind === 'duplicate') {
        const [rx, ry] = await index.roots([x!, y!]);
        expect(rx).toBe(ry);
      }
    }
    await index.close();
    const again = await worker('kill:', ['--chunk', '16']);
    expect(again.killed).toBe(false);
    const union = new Map([...reported, ...pairsOf(again.lines)]);
    expect(union).toEqual(await whole());
    expect((await contents('kill:')).keyOf.size).toBe(DOCS);
  });

  it('an index built with other settings is refused; a server that is not there is a clear error', async () => {
    const index = await openIndex(server.url, { redis: { prefix: 'p:' } });
    await indexedNearDuplicates(all.slice(0, 3), index);
    await index.close();
    await expect(openIndex(server.url, { dedup: { seed: 9 }, redis: { prefix: 'p:' } })).rejects.toThrow(/seed 1 \(this run: 9\)/);
    await expect(openIndex(server.url, { dedup: { seed: 9 }, redis: { prefix: 'p:' } })).rejects.toBeInstanceOf(IndexConfigError);
    await expect(openIndex('redis://127.0.0.1:1/0')).rejects.toThrow(/cannot reach the index server redis:\/\/127\.0\.0\.1:1\/0/);
  });
});
