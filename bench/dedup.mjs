#!/usr/bin/env node
// Dedup benchmark on a labelled generated corpus (src/dedup/generate.ts).
//
//   npm run bench:dedup -- --docs 100000 [--threads 2] [--seed 1] [--sample 10000]
//                          [--batch 1000] [--brute 1000] [--json] [--hash-bench]
//
// Runs the two-phase pipeline as a large corpus would: workers generate each text from
// its index and sign it (phase 1), the main thread builds the index and the candidates,
// then phase 2 regenerates only the candidates' texts by id and verifies them.
// Prints docs/s per stage, peak memory, retained bytes per document, candidates per
// document, and precision/recall per variant type against (a) the planted labels and
// (b) the exact answer over all pairs of the first --sample documents.
import os, { availableParallelism } from 'node:os';
import { parseArgs } from 'node:util';
import {
  CorpusGenerator,
  SketchIndex,
  SketchPool,
  clusterDuplicates,
  prepareDoc,
  resolveDedupOptions,
  verifyCandidates,
  verifyPair,
  tokenize,
  createSketcher,
} from '../dist/dedup/index.js';
import { ChunkedU32, buildGroupIndex } from '../dist/dedup/groups.js';

const { values: args } = parseArgs({
  options: {
    docs: { type: 'string', default: '10000' },
    threads: { type: 'string', default: String(availableParallelism()) },
    seed: { type: 'string', default: '1' },
    sample: { type: 'string', default: '10000' },
    brute: { type: 'string', default: '1000' },
    batch: { type: 'string', default: '1000' },
    json: { type: 'boolean', default: false },
    'hash-bench': { type: 'boolean', default: false },
  },
});

const N = Number(args.docs);
const THREADS = Number(args.threads);
const SEED = Number(args.seed);
const SAMPLE = Math.min(N, Number(args.sample));
const BRUTE = Math.min(SAMPLE, Number(args.brute));
const BATCH = Number(args.batch);

const fmt = (x, d = 0) => x.toLocaleString('en-US', { maximumFractionDigits: d, minimumFractionDigits: d });
const mb = (b) => `${fmt(b / 1048576, 0)} MiB`;
const out = (s = '') => process.stdout.write(s + '\n');

// ---------------------------------------------------------------------------
// Memory: the kernel's peak RSS, and the largest heap / array-buffer use seen at samples.
const peak = { heapUsed: 0, arrayBuffers: 0, heapPlusBuffers: 0 };
function sample() {
  const m = process.memoryUsage();
  peak.heapUsed = Math.max(peak.heapUsed, m.heapUsed);
  peak.arrayBuffers = Math.max(peak.arrayBuffers, m.arrayBuffers);
  peak.heapPlusBuffers = Math.max(peak.heapPlusBuffers, m.heapUsed + m.arrayBuffers);
}
const sampler = setInterval(sample, 50);
sampler.unref();

if (args['hash-bench']) {
  await hashBench();
  process.exit(0);
}

const options = resolveDedupOptions({});
const gen = new CorpusGenerator({ docs: N, seed: SEED });
out(`dedup benchmark: ${fmt(N)} documents, ${THREADS} worker thread(s), seed ${SEED}, ` +
  `k=${options.shingleSize}, ${options.numPerm} MinHash values, LSH ${options.lshBands}×${options.lshRows}, ` +
  `winnow w=${options.winnowWindow}, df cap ${options.maxFingerprintDf}`);

const stage = {};
const cpu = {};
const cpuNow = () => {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1000;
};

// Single-core signing rate, measured on CPU time so that other load on the machine does
// not count: sign the first CALIB texts in this thread (workers not started yet).
const calib = (() => {
  const n = Math.min(N, 5000);
  const g0 = process.cpuUsage();
  const texts = Array.from({ length: n }, (_, i) => gen.text(i));
  const gcpu = process.cpuUsage(g0);
  const sk = createSketcher(options);
  for (let i = 0; i < Math.min(n, 500); i++) sk.sketch(texts[i]); // warm-up
  const c0 = process.cpuUsage();
  const w0 = performance.now();
  for (let i = 0; i < n; i++) sk.sketch(texts[i]);
  const cpu = process.cpuUsage(c0);
  return { n, cpuMs: (cpu.user + cpu.system) / 1000, wallMs: performance.now() - w0, genCpuMs: (gcpu.user + gcpu.system) / 1000 };
})();

const wall0 = performance.now();

// ---------------------------------------------------------------------------
// Phase 1: generate + sign in workers; ingest in the main thread.
const pool = new SketchPool(options, THREADS);
const index = new SketchIndex(options);
let generateMs = 0;
let sketchMs = 0;
let ingestMs = 0;
{
  const t0 = performance.now();
  const c0 = cpuNow();
  const inflight = [];
  let next = 0;
  const submit = () => {
    const from = next;
    const to = Math.min(N, from + BATCH);
    next = to;
    inflight.push({ from, to, p: pool.sketchGenerated({ docs: N, seed: SEED }, from, to) });
  };
  while (next < N && inflight.length < THREADS * 3) submit();
  while (inflight.length > 0) {
    const { from, to, p } = inflight.shift();
    const batch = await p;
    if (next < N) submit();
    generateMs += batch.generateMs;
    sketchMs += batch.sketchMs;
    const ti = performance.now();
    const ids = [];
    for (let i = from; i < to; i++) ids.push(gen.id(i));
    index.addBatch(ids, batch);
    ingestMs += performance.now() - ti;
    sample();
  }
  stage.phase1WallMs = performance.now() - t0;
  cpu.phase1 = cpuNow() - c0;
}
await pool.close();
const bytesPerDoc = index.bytesPerDocument();
sample();

const tc = performance.now();
const cc = cpuNow();
const cands = index.candidates();
stage.candidatesMs = performance.now() - tc;
cpu.candidates = cpuNow() - cc;
sample();

// ---------------------------------------------------------------------------
// Phase 2: verify, regenerating each candidate's text by id.
const dupKeys = new GrowF64();
const ovKeys = new GrowF64();
const quoteFound = new Map(); // quote family → longest passage tokens
let regenMs = 0;
let crossFamily = 0;
let crossFamilyDup = 0;
let quoteAsDuplicate = 0;
const tv = performance.now();
const cv = cpuNow();
const verified = await verifyCandidates(
  cands,
  (id) => {
    const t = performance.now();
    const text = gen.text(gen.indexOf(id));
    regenMs += performance.now() - t;
    return text;
  },
  {
    keepPairs: false,
    onPair(pair) {
      const a = gen.indexOf(pair.a);
      const b = gen.indexOf(pair.b);
      const lo = Math.min(a, b);
      const hi = Math.max(a, b);
      (pair.kind === 'duplicate' ? dupKeys : ovKeys).push(lo * N + hi);
      if (!gen.sameFamily(a, b)) {
        crossFamily++;
        if (pair.kind === 'duplicate') crossFamilyDup++;
      } else if (gen.isQuoteControl(a)) {
        if (pair.kind === 'duplicate') quoteAsDuplicate++;
        const longest = Math.max(0, ...pair.passages.map((p) => p.tokens));
        quoteFound.set(gen.familyOf[a], { longest, text: pair.passages.find((p) => p.tokens === longest)?.text ?? '' });
      }
      if ((dupKeys.length + ovKeys.length) % 50000 === 0) sample();
    },
  },
);
stage.verifyMs = performance.now() - tv;
cpu.verify = cpuNow() - cv;
sample();

const tk = performance.now();
const ck = cpuNow();
const clustered = clusterDuplicates(cands, verified.edges, undefined, { materialize: false });
stage.clusterMs = performance.now() - tk;
cpu.cluster = cpuNow() - ck;
let clusters = 0;
for (let i = 0; i < N; i++) if (clustered.canonicalOf[i] === i) clusters++;
const clustered_ = N - clusters;
stage.totalMs = performance.now() - wall0;
sample();
const rusage = process.resourceUsage();

// ---------------------------------------------------------------------------
// Report: speed and memory.
const cs = cands.stats;
const vs = verified.stats;
out('');
out('stage                         wall s     docs/s        notes');
const row = (name, ms, docs, note = '') =>
  out(`${name.padEnd(28)} ${fmt(ms / 1000, 2).padStart(7)}  ${fmt(docs / (ms / 1000)).padStart(10)}   ${note}`);
row('generate (per core)', generateMs, N, `summed over workers: ${fmt(generateMs / 1000, 1)} s`);
row('shingle+sign (per core)', sketchMs, N, `summed over workers; tokenize+shingle+MinHash+winnow`);
row('generate+sign, wall', stage.phase1WallMs, N, `${THREADS} thread(s)`);
row('ingest (band keys)', ingestMs, N, 'main thread');
row('LSH candidates (bands)', cands.timings.lshIndexMs, N, `${cs.lshBands} bands × ${cs.lshRows} rows`);
row('winnow index', cands.timings.fingerprintIndexMs, N, `${fmt(cs.fingerprints)} fingerprints, ${fmt(cs.commonFingerprints)} over df cap`);
row('candidate scan', cands.timings.scanMs, N, `${fmt(cs.candidates)} candidates`);
row('verify (incl. regenerate)', stage.verifyMs, vs.textsLoaded, `${fmt(vs.textsLoaded)} texts, regenerate ${fmt(regenMs / 1000, 1)} s, ${fmt(vs.candidates / (stage.verifyMs / 1000))} pairs/s`);
row('cluster', stage.clusterMs, N, `${fmt(clustered_)} docs marked duplicate_of, ${fmt(N - clustered_)} canonical or single`);
row('total', stage.totalMs, N, '');
out(`CPU seconds (all threads): generate+sign ${fmt(cpu.phase1 / 1000, 1)}, candidates ${fmt(cpu.candidates / 1000, 1)}, ` +
  `verify ${fmt(cpu.verify / 1000, 1)}, cluster ${fmt(cpu.cluster / 1000, 2)}; total ${fmt((cpu.phase1 + cpu.candidates + cpu.verify + cpu.cluster) / 1000, 1)}`);
out('');
out(`signatures per core: ${fmt(calib.n / (calib.cpuMs / 1000))} docs per CPU-second, ${fmt(calib.n / (calib.wallMs / 1000))} docs per wall-second ` +
  `(${fmt(calib.n)} texts of ~570 words signed in one thread: tokenize+shingle+MinHash+winnow); in the workers: ${fmt(N / (sketchMs / 1000))} docs/s per thread (wall)`);
out(`generator: ${fmt(calib.n / (calib.genCpuMs / 1000))} docs per CPU-second (one thread)`);
out(`load average during the run: ${os.loadavg().map((x) => x.toFixed(2)).join(' ')} (${availableParallelism()} cores)`);
out(`peak RSS ${mb(rusage.maxRSS * 1024)} (whole process, workers included); peak heap ${mb(peak.heapUsed)}, ` +
  `peak array buffers ${mb(peak.arrayBuffers)}`);
out(`retained state per document while ingesting: ${fmt(bytesPerDoc, 1)} bytes ` +
  `(band keys ${cs.lshBands * 4} B + fingerprints ${fmt((cs.fingerprints / N) * 4, 1)} B + lengths/ranks 32 B; id string extra)`);
out(`candidates per document: ${fmt(cs.candidates / N, 3)} (LSH ${fmt(cs.candidatesLsh / N, 3)}, fingerprints ${fmt(cs.candidatesFingerprints / N, 3)})`);
out(`verified: ${fmt(vs.duplicates)} duplicate, ${fmt(vs.overlaps)} overlap, ${fmt(vs.rejected)} rejected; ` +
  `texts loaded ${fmt(vs.textsLoaded)} (max ${vs.maxLoadsPerText} per text), largest component ${fmt(vs.largestComponent)}`);

// ---------------------------------------------------------------------------
// (a) Against the planted labels.
const dupSorted = dupKeys.sorted();
const ovSorted = ovKeys.sorted();
const has = (arr, key) => {
  let lo = 0;
  let hi = arr.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >>> 1;
    if (arr[mid] === key) return true;
    if (arr[mid] < key) lo = mid + 1;
    else hi = mid - 1;
  }
  return false;
};
const perKind = new Map();
gen.forEachPlantedPair((a, b, kind, expect) => {
  const key = a * N + b;
  let r = perKind.get(kind);
  if (!r) perKind.set(kind, (r = { planted: 0, found: 0, wrongKind: 0 }));
  r.planted++;
  const isDup = has(dupSorted, key);
  const isOv = has(ovSorted, key);
  if ((expect === 'duplicate' && isDup) || (expect === 'overlap' && isOv)) r.found++;
  else if (isDup || isOv) r.wrongKind++;
});
out('');
out('(a) recall against planted labels (pair = variant with its original; sibling = two full variants; quote = control, expected overlap)');
out('kind                          planted      found    recall   other kind');
const groups = new Map();
for (const [kind, r] of [...perKind].sort((x, y) => x[0].localeCompare(y[0]))) {
  out(`${kind.padEnd(28)} ${fmt(r.planted).padStart(8)} ${fmt(r.found).padStart(10)}   ${(r.found / r.planted).toFixed(4)}   ${r.wrongKind}`);
  const g = kind.includes('+') ? 'compositions' : kind;
  const G = groups.get(g) ?? { planted: 0, found: 0 };
  G.planted += r.planted;
  G.found += r.found;
  groups.set(g, G);
}
out(`summary: ${[...groups].map(([g, r]) => `${g} ${(r.found / r.planted).toFixed(4)}`).join(', ')}`);
const dupTotal = dupSorted.length;
const ovTotal = ovSorted.length;
out(`precision against labels: duplicate ${((dupTotal - crossFamilyDup) / Math.max(1, dupTotal)).toFixed(4)} ` +
  `(${crossFamilyDup} of ${fmt(dupTotal)} across families), overlap ${((ovTotal - (crossFamily - crossFamilyDup)) / Math.max(1, ovTotal)).toFixed(4)} ` +
  `(${crossFamily - crossFamilyDup} of ${fmt(ovTotal)} across families)`);
const quoteFamilies = perKind.get('quote')?.planted ?? 0;
const quoteOk = [...quoteFound.values()].filter((q) => q.longest >= 40).length;
out(`quote controls: ${quoteOk} of ${quoteFamilies} reported as overlap with the quote as a passage (≥ 40 tokens), ` +
  `${quoteAsDuplicate} reported as duplicate`);
out(`pairs between unrelated articles (boilerplate or chance): ${crossFamily}`);

// ---------------------------------------------------------------------------
// (b) Against the exact answer over all pairs of the first SAMPLE documents.
const exact = exactAnswer(SAMPLE);
let inBoth = 0;
let kindAgree = 0;
let reportedInSample = 0;
const missing = new Map();
for (const [key, kind] of exact.pairs) {
  const isDup = has(dupSorted, key);
  const isOv = has(ovSorted, key);
  if (isDup || isOv) {
    inBoth++;
    if ((kind === 'duplicate') === isDup) kindAgree++;
  } else {
    const a = Math.floor(key / N);
    const b = key - a * N;
    const k = gen.sameFamily(a, b) ? `${gen.kind(a)}~${gen.kind(b)}` : 'unrelated';
    missing.set(k, (missing.get(k) ?? 0) + 1);
  }
}
for (const arr of [dupSorted, ovSorted]) for (const key of arr) if (Math.floor(key / N) < SAMPLE && key % N < SAMPLE) reportedInSample++;
out('');
out(`(b) exact answer over all ${fmt((SAMPLE * (SAMPLE - 1)) / 2)} pairs of the first ${fmt(SAMPLE)} documents ` +
  `(exact shingle-set intersections through an inverted index, then the same verification): ` +
  `${fmt(exact.dup)} duplicate + ${fmt(exact.ov)} overlap pairs, ${fmt(exact.ms / 1000, 1)} s`);
out(`recall vs exact ${(inBoth / Math.max(1, exact.pairs.size)).toFixed(4)} (${fmt(inBoth)} of ${fmt(exact.pairs.size)}), ` +
  `same kind ${(kindAgree / Math.max(1, inBoth)).toFixed(4)}, precision vs exact ${(inBoth / Math.max(1, reportedInSample)).toFixed(4)} ` +
  `(${fmt(reportedInSample)} reported in the sample)`);
const recallByKind = new Map();
for (const [key, kind] of exact.pairs) {
  const a = Math.floor(key / N);
  const b = key - a * N;
  const label = gen.sameFamily(a, b) ? (gen.kind(a) === 'original' ? gen.kind(b) : gen.kind(a) === 'quote' ? 'quote' : 'variant~variant') : 'unrelated';
  const g = label.includes('+') ? 'compositions' : label;
  const r = recallByKind.get(g) ?? { n: 0, found: 0 };
  r.n++;
  if (has(dupSorted, key) || has(ovSorted, key)) r.found++;
  recallByKind.set(g, r);
}
out(`recall vs exact by type: ${[...recallByKind].sort().map(([g, r]) => `${g} ${(r.found / r.n).toFixed(4)} (${r.n})`).join(', ')}`);
if (missing.size > 0) out(`missed exact pairs by type: ${[...missing].map(([k, v]) => `${k}: ${v}`).join(', ')}`);
if (BRUTE > 1) {
  const b = bruteCheck(BRUTE, exact.pairs);
  out(`cross-check: literal brute force over all ${fmt((BRUTE * (BRUTE - 1)) / 2)} pairs of the first ${fmt(BRUTE)} documents ` +
    `${b.same ? 'agrees' : 'DISAGREES'} with the exact answer (${b.count} pairs, ${fmt(b.ms / 1000, 1)} s)`);
}

if (args.json) {
  out(JSON.stringify({
    docs: N, threads: THREADS, seed: SEED, stage, cpu, calib, generateMs, sketchMs, ingestMs, regenMs,
    peakRssBytes: rusage.maxRSS * 1024, peakHeapBytes: peak.heapUsed, peakArrayBufferBytes: peak.arrayBuffers,
    bytesPerDoc, candidates: cs, verify: vs,
    planted: Object.fromEntries(perKind), exact: { pairs: exact.pairs.size, recall: inBoth / Math.max(1, exact.pairs.size) },
  }));
}

// ---------------------------------------------------------------------------

function exactAnswer(S) {
  const t0 = performance.now();
  const prepared = [];
  const features = new ChunkedU32();
  const offsets = new Uint32Array(S + 1);
  for (let i = 0; i < S; i++) {
    const d = prepareDoc(gen.id(i), gen.text(i), options);
    prepared.push(d);
    features.pushAll(d.set);
    offsets[i + 1] = features.length;
  }
  // Every shingle shared by ≥ 2 documents, no cap: per pair, the exact |A ∩ B|.
  const g = buildGroupIndex(features, offsets, S, Number.MAX_SAFE_INTEGER);
  const count = new Uint32Array(S);
  const stamp = new Int32Array(S).fill(-1);
  const touched = new Uint32Array(S);
  const pairs = new Map();
  let dup = 0;
  let ov = 0;
  const minShingles = options.minPassageTokens - options.shingleSize + 1;
  const overlapBound = Math.ceil((options.minSharedTokens * minShingles) / options.minPassageTokens);
  for (let i = 0; i < S; i++) {
    let nt = 0;
    for (let x = g.docOffsets[i]; x < g.docOffsets[i + 1]; x++) {
      const grp = g.docGroups[x];
      for (let y = g.groupOffsets[grp]; y < g.groupOffsets[grp + 1]; y++) {
        const j = g.postings[y];
        if (j <= i) continue;
        if (stamp[j] !== i) {
          stamp[j] = i;
          count[j] = 0;
          touched[nt++] = j;
        }
        count[j]++;
      }
    }
    const A = prepared[i];
    for (let t = 0; t < nt; t++) {
      const j = touched[t];
      const B = prepared[j];
      const inter = count[j];
      const jac = inter / (A.set.length + B.set.length - inter);
      const con = inter / Math.min(A.set.length, B.set.length);
      if (jac < options.jaccardThreshold && con < options.containmentThreshold && inter < overlapBound) continue;
      const p = A.id < B.id ? verifyPair(A, B, options, cands.commonFingerprints) : verifyPair(B, A, options, cands.commonFingerprints);
      if (!p) continue;
      pairs.set(i * N + j, p.kind);
      if (p.kind === 'duplicate') dup++;
      else ov++;
    }
    if (i % 1000 === 0) sample();
  }
  return { pairs, dup, ov, ms: performance.now() - t0 };
}

function bruteCheck(S, exactPairs) {
  const t0 = performance.now();
  const prepared = [];
  for (let i = 0; i < S; i++) prepared.push(prepareDoc(gen.id(i), gen.text(i), options));
  let same = true;
  let count = 0;
  for (let i = 0; i < S; i++) {
    for (let j = i + 1; j < S; j++) {
      const p = verifyPair(prepared[i], prepared[j], options, cands.commonFingerprints);
      const e = exactPairs.get(i * N + j);
      if (p) count++;
      if ((p ? p.kind : undefined) !== e) same = false;
    }
  }
  return { same, count, ms: performance.now() - t0 };
}

async function hashBench() {
  // Token hashing: the inline FNV-1a of tokenize() against xxhash-wasm's h32 per token.
  // CPU time per pass, so other load on the machine does not count.
  const g = new CorpusGenerator({ docs: 3000, seed: 3 });
  const texts = Array.from({ length: g.docs }, (_, i) => g.text(i));
  const words = texts.map((t) => t.toLowerCase().split(/[^a-z0-9]+/).filter(Boolean));
  const nTok = words.reduce((s, w) => s + w.length, 0);
  const cpuMs = () => {
    const u = process.cpuUsage();
    return (u.user + u.system) / 1000;
  };
  const time = (fn) => {
    fn();
    const t = cpuMs();
    for (let r = 0; r < 5; r++) fn();
    return (cpuMs() - t) / 5;
  };
  const fnv = (s) => {
    let h = 0x811c9dc5;
    for (let i = 0; i < s.length; i++) h = Math.imul(h ^ s.charCodeAt(i), 0x01000193);
    return h >>> 0;
  };
  const rows = [
    ['tokenize() (scan + fold + inline FNV-1a into a Uint32Array)', time(() => { for (const t of texts) tokenize(t); })],
    ['FNV-1a over pre-split token strings', time(() => { let x = 0; for (const ws of words) for (const w of ws) x ^= fnv(w); return x; })],
  ];
  try {
    const { default: xxhash } = await import('xxhash-wasm');
    const { h32, h32Raw } = await xxhash();
    const enc = new TextEncoder();
    const bytes = words.map((ws) => ws.map((w) => enc.encode(w)));
    rows.push(['xxhash-wasm h32 over pre-split token strings', time(() => { let x = 0; for (const ws of words) for (const w of ws) x ^= h32(w); return x; })]);
    rows.push(['xxhash-wasm h32Raw over pre-encoded token bytes', time(() => { let x = 0; for (const bs of bytes) for (const b of bs) x ^= h32Raw(b); return x; })]);
  } catch {
    rows.push(['xxhash-wasm not installed (npm install --no-save xxhash-wasm@1.1.0 to compare)', NaN]);
  }
  out(`${fmt(nTok)} tokens in ${fmt(texts.length)} texts; CPU time per pass`);
  for (const [name, ms] of rows) {
    out(`${name.padEnd(64)} ${fmt((ms / texts.length) * 1000, 1).padStart(6)} µs/doc ${fmt(nTok / ms / 1000, 1).padStart(6)} M tokens/s`);
  }
}

function GrowF64() {
  let data = new Float64Array(1024);
  let length = 0;
  return {
    get length() { return length; },
    push(v) {
      if (length === data.length) {
        const next = new Float64Array(data.length * 2);
        next.set(data);
        data = next;
      }
      data[length++] = v;
    },
    sorted() { return data.slice(0, length).sort(); },
  };
}
