#!/usr/bin/env node
// Fits the content-zone model of plain text (src/model/zones.ts) and writes its weights to
// src/model/text-zones.weights.ts.
//
//   npm run build && npm run train:text [-- --dev] [--check]
//
// Data: the "fit" pages of bench/data/pages-split.json (never the held-out ones), each page's plain-text renderings
// in ../shared/bench/pages/text, plus perturbed copies of them (no indentation, other list glyphs, other wrap
// widths: bench/train/pages.mjs), so that the weights do not learn one text browser's habits.
// Labels: a line is article when at least half of its words lie in a word 4-gram of the true body.
// Model: logistic regression (Newton's method, L2), one local stage and two context stages; each line weighs its
// share of its page's words, so that every page counts the same (as in the page-averaged score).
// The command is deterministic (sorted pages, seeded perturbations, fixed iterations): run again, it writes the
// same file. --dev fits on 80 % of the fit sites and reports the other 20 % (for choosing features);
// --check fails when the written file would differ from the committed one.
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { createHash } from 'node:crypto';
import { loadSplit, loadTruth, perturb, PERTURBATIONS, renderings, rng, root, setDir } from './pages.mjs';

const args = process.argv.slice(2);
const dev = args.includes('--dev');
const check = args.includes('--check');
const { readLines } = await import(path.join(root, 'dist/model/lines.js'));
const { LOCAL_FEATURES, CONTEXT_FEATURES, localFeatures, contextFeatures } = await import(path.join(root, 'dist/model/features.js'));
const { tokenize, units: ngrams, matchUnits, pageScores } = await import(path.join(setDir, 'score.mjs'));

const LAMBDA = 1e-2;
const ITERATIONS = 10;
const CONTEXT_STAGES = 2;
const HESSIAN_STRIDE = 7;

const split = loadSplit();
const truth = loadTruth();
const siteHash = (site) => createHash('sha1').update(String(site)).digest()[0];
const inFold = (id, fold) => {
  const s = split[id] ?? { fold: 'fit', site: id };
  if (fold === 'heldout') return s.fold === 'heldout';
  if (s.fold !== 'fit') return false;
  if (!dev) return fold === 'train';
  const isDev = siteHash(s.site) % 5 === 0;
  return fold === 'dev' ? isDev : !isDev;
};

// ---- documents and labels ----
function docOf(text, body) {
  const doc = readLines(text);
  const tt = tokenize(body);
  // the true 4-grams with their counts: a passage the page shows twice is article once
  const tcount = ngrams(tt, 4);
  // the units' tokens in order, each marked when a true 4-gram covers it
  const toks = [];
  const owner = [];
  doc.units.forEach((u, j) => {
    for (const t of tokenize(u.text)) {
      toks.push(t);
      owner.push(j);
    }
  });
  const covered = new Uint8Array(toks.length);
  const left = new Map(tcount);
  for (let i = 0; i + 4 <= toks.length; i++) {
    const key = `${toks[i]} ${toks[i + 1]} ${toks[i + 2]} ${toks[i + 3]}`;
    const c = left.get(key);
    if (c) {
      left.set(key, c - 1);
      covered.fill(1, i, i + 4);
    }
  }
  const n = doc.units.length;
  const tokCount = new Float64Array(n);
  const covCount = new Float64Array(n);
  for (let i = 0; i < toks.length; i++) {
    tokCount[owner[i]]++;
    covCount[owner[i]] += covered[i];
  }
  const y = new Float64Array(n);
  for (let j = 0; j < n; j++) y[j] = tokCount[j] > 0 && covCount[j] / tokCount[j] >= 0.5 ? 1 : 0;
  const total = tokCount.reduce((a, b) => a + b, 0) || 1;
  const w = new Float64Array(n);
  for (let j = 0; j < n; j++) w[j] = Math.max(tokCount[j], 1) / total;
  return { doc, y, w, body, truthUnits: tcount };
}

function docsFor(fold, augment) {
  const docs = [];
  let k = 0;
  for (const t of truth) {
    if (!inFold(t.id, fold)) continue;
    const rs = renderings(t.id);
    for (const r of rs) docs.push({ id: t.id, variant: r.variant, ...docOf(r.text, t.body) });
    if (augment) {
      // the article alone, wrapped at a drawn width: a clean text is article from its first line to its last
      const rand = rng(5000 + k);
      const width = [0, 70, 80, 100][Math.floor(rand() * 4)];
      const clean = t.body.replace(/\r\n?/g, '\n').split(/\n/).map((l) => l.trim()).join('\n');
      docs.push({ id: t.id, variant: 'truth+wrap', ...docOf(perturb(clean, 'wrap', { width }), t.body) });
      // a rendering cut down to the article and a few lines around it: chrome is not always at both ends
      if (rs.length) {
        const base = rs[Math.floor(rand() * rs.length)];
        const full = docOf(base.text, t.body);
        const first = full.y.indexOf(1);
        const last = full.y.lastIndexOf(1);
        if (first >= 0) {
          const from = full.doc.units[Math.max(0, first - Math.floor(rand() * 6))].index;
          const to = full.doc.units[Math.min(full.doc.units.length - 1, last + Math.floor(rand() * 6))].index;
          const cut = base.text.split('\n').slice(from, to + 1).join('\n');
          docs.push({ id: t.id, variant: `${base.variant}+cropped`, ...docOf(cut, t.body) });
        }
      }
    }
    if (augment && rs.length) {
      // one perturbed copy per page, perturbation and base rendering chosen by a seeded draw
      const rand = rng(1000 + k++);
      const p = PERTURBATIONS[Math.floor(rand() * PERTURBATIONS.length)];
      const base = rs[Math.floor(rand() * rs.length)];
      docs.push({ id: t.id, variant: `${base.variant}+${p.name}`, ...docOf(perturb(base.text, p.kind, p), t.body) });
    }
  }
  return docs;
}

// ---- logistic regression by Newton's method ----
function fit(rows, y, w, dims) {
  const d = dims + 1;
  const beta = new Float64Array(d);
  for (let it = 0; it < ITERATIONS; it++) {
    const H = new Float64Array(d * d);
    const g = new Float64Array(d);
    for (let i = 0; i < rows.length; i++) {
      const x = rows[i];
      let z = beta[dims];
      for (let a = 0; a < dims; a++) z += beta[a] * x[a];
      const p = 1 / (1 + Math.exp(-z));
      const r = w[i] * (p - y[i]);
      for (let a = 0; a < dims; a++) g[a] += r * x[a];
      g[dims] += r;
      // the curvature from every HESSIAN_STRIDE-th row (scaled up): the gradient is exact, the steps nearly Newton's
      if (i % HESSIAN_STRIDE !== 0) continue;
      const s = HESSIAN_STRIDE * w[i] * Math.max(p * (1 - p), 1e-6);
      for (let a = 0; a < dims; a++) {
        const xa = x[a];
        if (xa === 0) continue;
        const sa = s * xa;
        for (let b = 0; b <= a; b++) H[a * d + b] += sa * x[b];
        H[dims * d + a] += sa;
      }
      H[dims * d + dims] += s;
    }
    for (let a = 0; a < d; a++) for (let b = 0; b < a; b++) H[b * d + a] = H[a * d + b];
    // H[dims][a] was filled as the bias row; mirror it
    for (let a = 0; a < dims; a++) H[a * d + dims] = H[dims * d + a];
    for (let a = 0; a < dims; a++) {
      H[a * d + a] += LAMBDA;
      g[a] += LAMBDA * beta[a];
    }
    const step = solve(H, g, d);
    let change = 0;
    for (let a = 0; a < d; a++) {
      beta[a] -= step[a];
      change = Math.max(change, Math.abs(step[a]));
    }
    if (change < 1e-7) break;
  }
  return beta;
}

/** Solves H x = g (H symmetric positive definite) by Cholesky decomposition. */
function solve(H, g, d) {
  const L = new Float64Array(d * d);
  for (let i = 0; i < d; i++) {
    for (let j = 0; j <= i; j++) {
      let s = H[i * d + j];
      for (let k = 0; k < j; k++) s -= L[i * d + k] * L[j * d + k];
      L[i * d + j] = i === j ? Math.sqrt(Math.max(s, 1e-12)) : s / L[j * d + j];
    }
  }
  const z = new Float64Array(d);
  for (let i = 0; i < d; i++) {
    let s = g[i];
    for (let k = 0; k < i; k++) s -= L[i * d + k] * z[k];
    z[i] = s / L[i * d + i];
  }
  const x = new Float64Array(d);
  for (let i = d - 1; i >= 0; i--) {
    let s = z[i];
    for (let k = i + 1; k < d; k++) s -= L[k * d + i] * x[k];
    x[i] = s / L[i * d + i];
  }
  return x;
}

// ---- stages ----
function stageRows(doc, kind, logits) {
  return kind === 'local' ? (doc.local ??= localFeatures(doc.doc)) : contextFeatures(doc.doc, logits);
}

function train(docs) {
  const stages = [];
  let logits = docs.map((d) => new Float64Array(d.doc.units.length));
  const kinds = ['local', ...Array(CONTEXT_STAGES).fill('context')];
  for (const kind of kinds) {
    const names = kind === 'local' ? LOCAL_FEATURES : CONTEXT_FEATURES;
    const rows = [];
    const y = [];
    const w = [];
    const perDoc = docs.map((d, i) => stageRows(d, kind, logits[i]));
    docs.forEach((d, i) => {
      perDoc[i].forEach((r, j) => {
        rows.push(r);
        y.push(d.y[j]);
        w.push(d.w[j]);
      });
    });
    const beta = fit(rows, y, w, names.length);
    const weights = {};
    names.forEach((n, a) => (weights[n] = round(beta[a])));
    const stage = { kind, bias: round(beta[names.length]), weights };
    stages.push(stage);
    logits = docs.map((d, i) => apply(stage, perDoc[i], names));
  }
  return stages;
}

function apply(stage, rows, names) {
  const ws = names.map((n) => stage.weights[n] ?? 0);
  const out = new Float64Array(rows.length);
  rows.forEach((r, j) => {
    let z = stage.bias;
    for (let a = 0; a < ws.length; a++) z += ws[a] * r[a];
    out[j] = z;
  });
  return out;
}

function predict(stages, d) {
  let logits = new Float64Array(d.doc.units.length);
  for (const s of stages) logits = apply(s, stageRows(d, s.kind, logits), s.kind === 'local' ? LOCAL_FEATURES : CONTEXT_FEATURES);
  return logits;
}

const round = (x) => Math.round(x * 1e4) / 1e4;

// ---- evaluation: the page-averaged word 4-gram scores of the kept lines ----
function evaluate(stages, docs, threshold) {
  const byVariant = new Map();
  for (const d of docs) {
    const logits = predict(stages, d);
    const t = Math.log(threshold / (1 - threshold));
    const kept = d.doc.units.filter((_, j) => logits[j] >= t).map((u) => u.text);
    const s = pageScores(matchUnits(d.truthUnits, ngrams(tokenize(kept.join('\n')), 4)));
    const v = d.variant.replace(/\+.*/, '+perturbed');
    if (!byVariant.has(v)) byVariant.set(v, []);
    byVariant.get(v).push(s);
  }
  const out = {};
  for (const [v, ss] of [...byVariant].sort()) {
    const P = mean(ss.map((s) => s.precision).filter((x) => x !== null));
    const R = mean(ss.map((s) => s.recall).filter((x) => x !== null));
    out[v] = { pages: ss.length, P, R, F1: (2 * P * R) / (P + R), clean: mean(ss.map((s) => (s.f1 >= 0.9 ? 1 : 0))) };
  }
  return out;
}
const mean = (xs) => (xs.length ? xs.reduce((a, b) => a + b, 0) / xs.length : 0);

function show(label, res) {
  for (const [v, r] of Object.entries(res)) {
    console.log(`${label.padEnd(8)} ${v.padEnd(16)} pages ${String(r.pages).padStart(5)}  P ${r.P.toFixed(3)}  R ${r.R.toFixed(3)}  F1 ${r.F1.toFixed(3)}  clean ${r.clean.toFixed(3)}`);
  }
}

// ---- per-page listings for reading the errors: label, decision, probability, line ----
function dump(stages, docs, threshold, dir) {
  mkdirSync(dir, { recursive: true });
  const summary = [];
  for (const d of docs) {
    const logits = predict(stages, d);
    const t = Math.log(threshold / (1 - threshold));
    const kept = d.doc.units.filter((_, j) => logits[j] >= t).map((u) => u.text);
    const s = pageScores(matchUnits(d.truthUnits, ngrams(tokenize(kept.join('\n')), 4)));
    const byIndex = new Map(d.doc.units.map((u, j) => [u.index, j]));
    const out = d.doc.lines.map((l) => {
      const j = byIndex.get(l.index);
      if (j === undefined) return `         |${l.raw}`;
      const p = 1 / (1 + Math.exp(-logits[j]));
      const mark = d.y[j] ? (logits[j] >= t ? 'ok+' : 'FN ') : logits[j] >= t ? 'FP ' : 'ok-';
      return `${mark} ${p.toFixed(2)} |${l.raw}`;
    });
    const name = `${d.id}.${d.variant}.txt`;
    writeFileSync(path.join(dir, name), `F1 ${s.f1.toFixed(3)} P ${s.precision?.toFixed(3)} R ${s.recall?.toFixed(3)}\n` + out.join('\n'));
    summary.push(`${s.f1.toFixed(3)} ${(s.precision ?? 0).toFixed(3)} ${(s.recall ?? 0).toFixed(3)} ${name}`);
  }
  writeFileSync(path.join(dir, '_summary.txt'), summary.sort().join('\n') + '\n');
}

// ---- main ----
const trainDocs = docsFor('train', true);
console.error(`training on ${trainDocs.length} renderings (${trainDocs.reduce((n, d) => n + d.doc.units.length, 0)} lines)`);
const stages = train(trainDocs);
// the threshold that gives the best page-averaged F1 on the training renderings
let threshold = 0.5;
let bestF1 = -1;
for (let t = 0.2; t <= 0.801; t += 0.05) {
  const r = evaluate(stages, trainDocs, t);
  const f = mean(Object.values(r).map((x) => x.F1));
  if (f > bestF1 + 1e-9) {
    bestF1 = f;
    threshold = Math.round(t * 100) / 100;
  }
}
show('fitted', evaluate(stages, trainDocs, threshold));
if (dev) {
  const devDocs = docsFor('dev', true);
  show('dev', evaluate(stages, devDocs, threshold));
  const dumpDir = args.includes('--dump') ? args[args.indexOf('--dump') + 1] : null;
  if (dumpDir) dump(stages, devDocs, threshold, dumpDir);
}
else show('heldout', evaluate(stages, docsFor('heldout', true), threshold));

const file = path.join(root, 'src/model/text-zones.weights.ts');
const body = `/** Generated by \`npm run train:text\` (bench/train/text-zones.mjs) from the fit pages; not edited by hand. */
export const TEXT_ZONES: {
  threshold: number;
  stages: ReadonlyArray<{ kind: 'local' | 'context'; bias: number; weights: Readonly<Record<string, number>> }>;
} = {
  threshold: ${threshold},
  stages: [
${stages
  .map(
    (s) => `    {
      kind: '${s.kind}',
      bias: ${s.bias},
      weights: {
${Object.entries(s.weights)
  .map(([k, v]) => `        ${k}: ${v},`)
  .join('\n')}
      },
    },`,
  )
  .join('\n')}
  ],
};
`;
if (dev) console.error('(--dev: weights not written)');
else if (check) {
  const same = readFileSync(file, 'utf8') === body;
  console.error(same ? 'weights reproduced exactly' : 'weights differ from the committed file');
  process.exit(same ? 0 : 1);
} else {
  writeFileSync(file, body);
  console.error(`wrote ${path.relative(root, file)} (threshold ${threshold})`);
}
