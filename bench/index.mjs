#!/usr/bin/env node
// Benchmark of the persistent near-duplicate index (src/dedup/store, src/dedup/indexed) on the labelled generated
// corpus of bench/dedup.mjs (src/dedup/generate.ts).
//
//   npm run bench:index -- [--docs=1000000] [--batches=10] [--seed=1] [--chunk=512] [--dir=PATH] [--keep]
//   npm run bench:index -- --redis [--redis-docs=20000] [--workers=1,2,4] [--redis-url=redis://127.0.0.1:6379/0]
//
// Directory mode: the corpus, shuffled (so that a story's copies fall on different days), is indexed in --batches
// daily batches into a directory index, each batch in a process of its own, as a daily job would run; per batch: wall
// and CPU time, peak memory (the process's maximum RSS), the index's size; at the end, recall and precision of the
// pairs across batches against the generator's labels.
// Redis mode: a redis-server of its own on 127.0.0.1 (or --redis-url), emptied before each row; 1, 2 and 4 worker
// processes index --redis-docs documents, each its shard (--shard k/N); documents per second (wall) and the server's
// memory per document (INFO memory used_memory, after − before).
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, existsSync, createWriteStream, readFileSync, statSync, readdirSync } from 'node:fs';
import { createServer } from 'node:net';
import os, { tmpdir } from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { fileURLToPath } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));
const dist = path.join(here, '../dist/dedup/index.js');
if (!existsSync(dist)) {
  console.error('dist/ is missing: run `npm run build` first');
  process.exit(2);
}
const { CorpusGenerator, seededRandom, openIndex, indexedNearDuplicates, parseShard, inShard } = await import(dist);

const { values: args } = parseArgs({
  options: {
    docs: { type: 'string', default: '1000000' },
    batches: { type: 'string', default: '10' },
    seed: { type: 'string', default: '1' },
    chunk: { type: 'string', default: '512' },
    dir: { type: 'string' },
    keep: { type: 'boolean', default: false },
    redis: { type: 'boolean', default: false },
    'redis-docs': { type: 'string', default: '20000' },
    'redis-url': { type: 'string' },
    workers: { type: 'string', default: '1,2,4' },
    // internal: one batch in a child process
    'batch-worker': { type: 'string' },
    'redis-worker': { type: 'string' },
    index: { type: 'string' },
    pairs: { type: 'string' },
  },
});

const N = Number(args.docs);
const B = Number(args.batches);
const SEED = Number(args.seed);
const CHUNK = Number(args.chunk);
const fmt = (x, d = 0) => x.toLocaleString('en-US', { maximumFractionDigits: d, minimumFractionDigits: d });
const out = (s = '') => process.stdout.write(s + '\n');
const cpuMs = () => {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1000;
};

/** The day (batch) of each document: a seeded shuffle cut into B equal parts. */
function batchPlan(n, b, seed) {
  const perm = new Uint32Array(n);
  for (let i = 0; i < n; i++) perm[i] = i;
  const rand = seededRandom(seed ^ 0x62617463);
  for (let i = n - 1; i > 0; i--) {
    const j = Math.floor(rand() * (i + 1));
    const t = perm[i];
    perm[i] = perm[j];
    perm[j] = t;
  }
  const batchOf = new Uint8Array(n);
  const size = Math.ceil(n / b);
  for (let x = 0; x < n; x++) batchOf[perm[x]] = Math.floor(x / size);
  return { perm, batchOf, size };
}

// ---------------------------------------------------------------------------------------------------------------
// child: one daily batch into the directory index
if (args['batch-worker'] !== undefined) {
  const b = Number(args['batch-worker']);
  const gen = new CorpusGenerator({ docs: N, seed: SEED });
  const { perm, size } = batchPlan(N, B, SEED);
  const members = Array.from(perm.subarray(b * size, Math.min(N, (b + 1) * size))).sort((x, y) => x - y);
  const docs = members.map((i) => ({ id: gen.id(i), input: `inbox/day${b}/${gen.id(i)}.txt`, output: `clean/day${b}/${gen.id(i)}.md` }));
  const pairsOut = createWriteStream(args.pairs);
  let pending = [];
  const flush = () => {
    if (pending.length === 0) return;
    pairsOut.write(Buffer.from(Uint32Array.from(pending).buffer));
    pending = [];
  };
  const w0 = performance.now();
  const c0 = cpuMs();
  const index = await openIndex(args.index);
  const open = performance.now() - w0;
  const r = await indexedNearDuplicates(docs, index, {
    chunkSize: CHUNK,
    keepPairs: false,
    // the batch's day: documents of day b are indexed on day b (no article dates in the generated corpus)
    now: Date.parse('2025-01-01T00:00:00Z') + b * 86_400_000,
    loadText: (d) => gen.text(gen.indexOf(d.id)),
    onPair: (p) => {
      pending.push(gen.indexOf(p.a), gen.indexOf(p.b), p.kind === 'duplicate' ? 1 : 2);
      if (pending.length > 30000) flush();
    },
  });
  flush();
  await new Promise((resolve) => pairsOut.end(resolve));
  const stats = await index.stats();
  await index.close();
  const usage = process.resourceUsage();
  process.stdout.write(
    JSON.stringify({ wallMs: performance.now() - w0, cpuMs: cpuMs() - c0, openMs: open, maxRss: usage.maxRSS * 1024, stats: r.stats, index: stats }) + '\n',
  );
  process.exit(0);
}

// child: one Redis worker over its shard
if (args['redis-worker'] !== undefined) {
  const shard = parseShard(args['redis-worker']);
  const gen = new CorpusGenerator({ docs: N, seed: SEED });
  const docs = [];
  for (let i = 0; i < N; i++) if (inShard(gen.id(i), shard)) docs.push({ id: gen.id(i) });
  const index = await openIndex(args.index, { redis: { expectedDocuments: N } });
  const w0 = performance.now();
  const c0 = cpuMs();
  const r = await indexedNearDuplicates(docs, index, { chunkSize: CHUNK, keepPairs: false, loadText: (d) => gen.text(gen.indexOf(d.id)) });
  await index.close();
  process.stdout.write(JSON.stringify({ docs: docs.length, wallMs: performance.now() - w0, cpuMs: cpuMs() - c0, stats: r.stats }) + '\n');
  process.exit(0);
}

function child(argv) {
  return new Promise((resolve, reject) => {
    const c = spawn(process.execPath, [fileURLToPath(import.meta.url), ...argv], { stdio: ['ignore', 'pipe', 'inherit'] });
    let text = '';
    c.stdout.on('data', (d) => (text += d));
    c.on('error', reject);
    c.on('exit', (code) => (code === 0 ? resolve(JSON.parse(text.trim().split('\n').pop())) : reject(new Error(`child exited with ${code}`))));
  });
}

// ---------------------------------------------------------------------------------------------------------------
if (args.redis) await redisBench();
else await directoryBench();

async function directoryBench() {
  const root = args.dir ?? mkdtempSync(path.join(tmpdir(), 'newsclean-index-bench-'));
  const dir = path.join(root, 'index');
  const pairsDir = path.join(root, 'pairs');
  rmSync(dir, { recursive: true, force: true });
  rmSync(pairsDir, { recursive: true, force: true });
  (await import('node:fs')).mkdirSync(pairsDir, { recursive: true });
  out(`index benchmark: ${fmt(N)} generated documents in ${B} daily batches of ${fmt(Math.ceil(N / B))}, seed ${SEED}, ` +
    `chunks of ${CHUNK}, directory index ${dir}; ${os.availableParallelism()} cores, load ${os.loadavg().map((x) => x.toFixed(1)).join(' ')}`);
  out('');
  out('batch   docs      wall s   CPU s   peak RSS   lookup s  verify s  earlier cand.  pairs (earlier)   index MB   bytes/doc');
  const rows = [];
  for (let b = 0; b < B; b++) {
    const r = await child(['--batch-worker', String(b), `--docs=${N}`, `--batches=${B}`, `--seed=${SEED}`, `--chunk=${CHUNK}`, `--index=${dir}`, `--pairs=${path.join(pairsDir, `${b}.bin`)}`]);
    rows.push(r);
    const s = r.stats;
    out(`${String(b + 1).padStart(5)} ${fmt(s.documents).padStart(8)} ${fmt(r.wallMs / 1000, 1).padStart(9)} ${fmt(r.cpuMs / 1000, 1).padStart(7)} ` +
      `${(fmt(r.maxRss / 1048576) + ' MB').padStart(10)} ${fmt(s.timings.lookupMs / 1000, 1).padStart(9)} ${fmt(s.timings.verifyMs / 1000, 1).padStart(9)} ` +
      `${fmt(s.earlierCandidates).padStart(14)} ${(fmt(s.duplicates + s.overlaps) + ' (' + fmt(earlierPairs(path.join(pairsDir, `${b}.bin`), b)) + ')').padStart(17)} ` +
      `${fmt(r.index.bytes / 1048576, 1).padStart(10)} ${fmt(r.index.bytesPerDocument).padStart(11)}`);
  }
  const last = rows[rows.length - 1];
  out('');
  out(`index: ${fmt(last.index.documents)} documents, ${fmt(last.index.bytes / 1048576, 1)} MB on disk in ${last.index.segments} segments, ` +
    `${fmt(last.index.bytesPerDocument)} bytes per document; opening it took ${fmt(last.openMs / 1000, 2)} s in the last batch`);

  // recall and precision of the pairs across batches, against the labels
  const gen = new CorpusGenerator({ docs: N, seed: SEED });
  const { batchOf } = batchPlan(N, B, SEED);
  const found = new Map(); // key → kind (1 duplicate, 2 overlap)
  let reported = 0;
  let crossReported = 0;
  let crossUnrelated = 0;
  for (let b = 0; b < B; b++) {
    const buf = readFileSync(path.join(pairsDir, `${b}.bin`));
    const a = new Uint32Array(buf.buffer, buf.byteOffset, buf.length / 4);
    for (let x = 0; x < a.length; x += 3) {
      const i = a[x];
      const j = a[x + 1];
      reported++;
      if (batchOf[i] === batchOf[j]) continue;
      crossReported++;
      if (!gen.sameFamily(i, j)) crossUnrelated++;
      found.set(Math.min(i, j) * N + Math.max(i, j), a[x + 2]);
    }
  }
  const perKind = new Map();
  gen.forEachPlantedPair((a, b, kind, expect) => {
    if (batchOf[a] === batchOf[b]) return;
    const g = kind.includes('+') ? 'compositions' : kind;
    const r = perKind.get(g) ?? { planted: 0, found: 0 };
    r.planted++;
    const k = found.get(a * N + b);
    if ((expect === 'duplicate' && k === 1) || (expect === 'overlap' && k === 2)) r.found++;
    perKind.set(g, r);
  });
  let planted = 0;
  let hit = 0;
  for (const r of perKind.values()) {
    planted += r.planted;
    hit += r.found;
  }
  out(`pairs reported: ${fmt(reported)}, of which ${fmt(crossReported)} across batches`);
  out(`recall of planted pairs across batches: ${(hit / Math.max(1, planted)).toFixed(4)} (${fmt(hit)} of ${fmt(planted)}); by kind: ` +
    [...perKind].sort().map(([k, r]) => `${k} ${(r.found / r.planted).toFixed(4)}`).join(', '));
  out(`precision across batches (pairs within one story family): ${((crossReported - crossUnrelated) / Math.max(1, crossReported)).toFixed(4)} ` +
    `(${fmt(crossUnrelated)} of ${fmt(crossReported)} between unrelated articles)`);
  if (!args.keep && !args.dir) rmSync(root, { recursive: true, force: true });
}

function earlierPairs(file, b) {
  // pairs whose second document is from an earlier batch (the file holds this batch's pairs)
  const buf = readFileSync(file);
  const a = new Uint32Array(buf.buffer, buf.byteOffset, buf.length / 4);
  const { batchOf } = (earlierPairs.plan ??= batchPlan(N, B, SEED));
  let n = 0;
  for (let x = 0; x < a.length; x += 3) if (batchOf[a[x + 1]] !== b) n++;
  return n;
}

async function freePort() {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const port = s.address().port;
      s.close(() => resolve(port));
    });
  });
}

async function redisBench() {
  const { Redis } = await import('ioredis');
  const R = Number(args['redis-docs']);
  let url = args['redis-url'];
  let server = null;
  let tmp = null;
  if (!url) {
    const port = await freePort();
    tmp = mkdtempSync(path.join(tmpdir(), 'newsclean-redis-bench-'));
    server = spawn('redis-server', ['--port', String(port), '--bind', '127.0.0.1', '--dir', tmp, '--save', '', '--appendonly', 'no'], { stdio: 'ignore' });
    url = `redis://127.0.0.1:${port}/0`;
    // the server is this process's: stopped with it
    for (const sig of ['SIGINT', 'SIGTERM']) {
      process.once(sig, () => {
        server.kill('SIGTERM');
        process.exit(130);
      });
    }
    for (let t = 0; t < 100; t++) {
      if (spawnSync('redis-cli', ['-p', String(port), 'ping'], { encoding: 'utf8' }).stdout.trim() === 'PONG') break;
      await new Promise((r) => setTimeout(r, 50));
    }
  }
  const client = new Redis(url);
  const version = /redis_version:(\S+)/.exec(await client.info('server'))?.[1];
  out(`Redis index benchmark: ${fmt(R)} generated documents (seed ${SEED}), chunks of ${CHUNK}, server ${version} at ${url}; ` +
    `${os.availableParallelism()} cores, load ${os.loadavg().map((x) => x.toFixed(1)).join(' ')}`);
  out('');
  out('workers   wall s    docs/s   client CPU s   server CPU s   docs per CPU-s   server MB   bytes/doc   keys');
  const serverCpu = async () => {
    const info = await client.info('cpu');
    return Number(/used_cpu_user:([\d.]+)/.exec(info)[1]) + Number(/used_cpu_sys:([\d.]+)/.exec(info)[1]);
  };
  try {
    for (const w of args.workers.split(',').map(Number)) {
      await client.flushall();
      const used0 = Number(/used_memory:(\d+)/.exec(await client.info('memory'))[1]);
      const s0 = await serverCpu();
      const t0 = performance.now();
      const rs = await Promise.all(
        Array.from({ length: w }, (_, k) => child(['--redis-worker', `${k}/${w}`, `--docs=${R}`, `--seed=${SEED}`, `--chunk=${CHUNK}`, `--index=${url}`])),
      );
      const wall = performance.now() - t0;
      const sCpu = (await serverCpu()) - s0;
      const cCpu = rs.reduce((n, r) => n + r.cpuMs, 0) / 1000;
      const used = Number(/used_memory:(\d+)/.exec(await client.info('memory'))[1]) - used0;
      const keys = await client.dbsize();
      const docs = rs.reduce((n, r) => n + r.docs, 0);
      out(`${String(w).padStart(7)} ${fmt(wall / 1000, 1).padStart(8)} ${fmt(docs / (wall / 1000)).padStart(9)} ${fmt(cCpu, 1).padStart(14)} ${fmt(sCpu, 1).padStart(14)} ` +
        `${fmt(docs / (cCpu + sCpu)).padStart(16)} ${fmt(used / 1048576, 1).padStart(11)} ` +
        `${fmt(used / docs).padStart(11)} ${fmt(keys).padStart(7)}`);
    }
  } finally {
    await client.quit();
    if (server) {
      server.kill('SIGTERM');
      await new Promise((r) => server.once('exit', r));
      rmSync(tmp, { recursive: true, force: true });
    }
  }
}
