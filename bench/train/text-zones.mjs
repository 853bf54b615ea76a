#!/usr/bin/env node
// Fits the content-zone model of plain text (src/model/zones.ts) and writes its weights to
// src/model/text-zones.weights.ts.
//
//   npm run build && npm run train:text [-- --dev] [--check] [--drop FEATURE,FEATURE]   (--drop: those features left out of the fit)
//
// Data: the "fit" pages of bench/data/pages-split.json (never the held-out ones), each page's plain-text renderings
// in ../shared/bench/pages/text, plus perturbed copies of them (no indentation, other list glyphs, other wrap
// widths: bench/train/pages.mjs), so that the weights do not learn one text browser's habits.
// Labels: a line is article when at least half of its words lie in a word 4-gram of the true body.
// Model: logistic regression (Newton's method, L2), one local stage and two context stages (--local trees: the local
// stage as 80 gradient-boosted trees of depth 3 over the line features cut into 32 quantile bins, half the lines
// drawn for each tree by a seeded generator); each line weighs its share of its page's words, so that every page counts the same (as in the page-averaged score).
// The command is deterministic (sorted pages, seeded perturbations, fixed iterations): run again, it writes the
// same file. --dev fits on 80 % of the fit sites and reports the other 20 % (for choosing features);
// --check fails when the written file would differ from the committed one.
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { createHash } from 'node:crypto';
import { fitLogistic } from './logistic.mjs';
import { chooseThreshold } from './threshold.mjs';
import { unitCoverage } from './common.mjs';
import { browserText, installedBrowsers, loadSplit, loadTruth, perturb, PERTURBATIONS, renderings, rng, root, setDir } from './pages.mjs';

const args = process.argv.slice(2);
const dev = args.includes('--dev');
const check = args.includes('--check');
const opt = (name, dflt) => (args.includes(name) ? args[args.indexOf(name) + 1] : dflt);
const { readLines } = await import(path.join(root, 'dist/model/lines.js'));
const { LOCAL_FEATURES, CONTEXT_FEATURES, localFeatures, contextFeatures } = await import(path.join(root, 'dist/model/features.js'));
const { tokenize, units: ngrams, matchUnits, pageScores } = await import(path.join(setDir, 'score.mjs'));

const LAMBDA = 1e-2;
const ITERATIONS = 10;
const CONTEXT_STAGES = 2;
const HESSIAN_STRIDE = 7;
// the local stage: logistic regression (the committed weights), or gradient-boosted trees with --local trees (better
// on the dev split, not on the held-out sites: docs/text-model.md)
const LOCAL_KIND = args.includes('--local') ? args[args.indexOf('--local') + 1] : 'logistic';
const TREES = { count: Number(opt('--trees', '80')), depth: Number(opt('--depth', '3')), rate: 0.2, bins: 32, lambda: 1, minHessian: 0.05, sample: 0.5 };

const split = loadSplit();
const WITH_BROWSERS = args.includes('--browsers');
const DROP = (opt('--drop', '') || '').split(',').filter(Boolean);
const browsers = installedBrowsers();
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
  const { tokCount, covCount } = unitCoverage(doc, tcount, tokenize);
  const n = doc.units.length;
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
    // the other text browsers' renderings: fitted on with --browsers, always measured on the pages not fitted
    const others = fold === 'train' && !WITH_BROWSERS ? [] : browsers.map((b) => ({ variant: b.name, text: browserText(b, t.id) }));
    if (fold === 'train') rs.push(...others);
    else for (const r of others) docs.push({ id: t.id, variant: r.variant, ...docOf(r.text, t.body) });
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

// ---- gradient-boosted trees (logistic loss), grown level by level on binned features ----
/**
 * Fits TREES.count trees of depth TREES.depth. Features are cut into at most TREES.bins quantile bins; a split sends
 * x <= threshold left. Thresholds and leaf values are rounded as they are written, and the margins that later trees
 * (and later stages) see are computed from the rounded values, so that inference reproduces training exactly.
 */
function fitTrees(rows, y, w, dims) {
  const n = rows.length;
  // quantile cut points per feature, from every 11th row
  const cuts = [];
  for (let a = 0; a < dims; a++) {
    const vals = [];
    for (let i = 0; i < n; i += 11) vals.push(rows[i][a]);
    vals.sort((p, q) => p - q);
    const cs = [];
    for (let b = 1; b < TREES.bins; b++) {
      const v = round(vals[Math.floor((b * vals.length) / TREES.bins)]);
      if (!cs.length || v > cs[cs.length - 1]) cs.push(v);
    }
    // the largest value never splits anything off
    if (cs.length && cs[cs.length - 1] >= round(vals[vals.length - 1])) cs.pop();
    cuts.push(Float64Array.from(cs));
  }
  const binned = new Uint8Array(n * dims);
  for (let i = 0; i < n; i++) {
    const x = rows[i];
    for (let a = 0; a < dims; a++) {
      const cs = cuts[a];
      let lo = 0;
      let hi = cs.length;
      while (lo < hi) {
        const mid = (lo + hi) >> 1;
        if (x[a] <= cs[mid]) hi = mid;
        else lo = mid + 1;
      }
      binned[i * dims + a] = lo;
    }
  }
  // the base margin: the weighted log-odds of the labels
  let sw = 0;
  let sy = 0;
  for (let i = 0; i < n; i++) {
    sw += w[i];
    sy += w[i] * y[i];
  }
  const base = round(Math.log(sy / (sw - sy)));
  const margin = new Float64Array(n).fill(base);
  const trees = [];
  const rand = rng(77);
  const nodeOf = new Int32Array(n);
  const g = new Float64Array(n);
  const h = new Float64Array(n);
  const B = TREES.bins;
  for (let t = 0; t < TREES.count; t++) {
    for (let i = 0; i < n; i++) {
      const p = 1 / (1 + Math.exp(-margin[i]));
      g[i] = w[i] * (p - y[i]);
      h[i] = w[i] * Math.max(p * (1 - p), 1e-6);
    }
    // rows of this tree: a seeded half of the documents' lines (-1: left out)
    for (let i = 0; i < n; i++) nodeOf[i] = rand() < TREES.sample ? 0 : -1;
    // nodes in heap order: 0 is the root, 2k+1 and 2k+2 the children of k
    const nodes = [];
    let level = [0];
    const stats = new Map([[0, null]]);
    for (let depth = 0; depth <= TREES.depth; depth++) {
      const width = level.length;
      const slot = new Map(level.map((k, idx) => [k, idx]));
      const G = new Float64Array(width * dims * B);
      const H = new Float64Array(width * dims * B);
      const GT = new Float64Array(width);
      const HT = new Float64Array(width);
      for (let i = 0; i < n; i++) {
        const k = nodeOf[i];
        if (k < 0) continue;
        const s = slot.get(k);
        if (s === undefined) continue;
        GT[s] += g[i];
        HT[s] += h[i];
        if (depth === TREES.depth) continue;
        const off = s * dims * B;
        const row = i * dims;
        for (let a = 0; a < dims; a++) {
          const c = off + a * B + binned[row + a];
          G[c] += g[i];
          H[c] += h[i];
        }
      }
      const next = [];
      for (let s = 0; s < width; s++) {
        const k = level[s];
        const leaf = () => (nodes[k] = { value: round((-TREES.rate * GT[s]) / (HT[s] + TREES.lambda)) });
        if (depth === TREES.depth || HT[s] < 2 * TREES.minHessian) {
          leaf();
          continue;
        }
        const parent = (GT[s] * GT[s]) / (HT[s] + TREES.lambda);
        let bestGain = 1e-9;
        let bestA = -1;
        let bestB = -1;
        for (let a = 0; a < dims; a++) {
          const nc = cuts[a].length;
          let gl = 0;
          let hl = 0;
          const off = s * dims * B + a * B;
          for (let b = 0; b < nc; b++) {
            gl += G[off + b];
            hl += H[off + b];
            const hr = HT[s] - hl;
            if (hl < TREES.minHessian || hr < TREES.minHessian) continue;
            const gr = GT[s] - gl;
            const gain = (gl * gl) / (hl + TREES.lambda) + (gr * gr) / (hr + TREES.lambda) - parent;
            if (gain > bestGain) {
              bestGain = gain;
              bestA = a;
              bestB = b;
            }
          }
        }
        if (bestA < 0) {
          leaf();
          continue;
        }
        nodes[k] = { feature: bestA, threshold: cuts[bestA][bestB], bin: bestB };
        next.push(2 * k + 1, 2 * k + 2);
      }
      if (depth === TREES.depth) break;
      // route the rows to the children
      for (let i = 0; i < n; i++) {
        const k = nodeOf[i];
        if (k < 0) continue;
        const node = nodes[k];
        if (!node || node.value !== undefined) continue;
        nodeOf[i] = binned[i * dims + node.feature] <= node.bin ? 2 * k + 1 : 2 * k + 2;
      }
      level = next;
      if (!level.length) break;
    }
    const tree = compactTree(nodes);
    trees.push(tree);
    // every row's margin moves by the (rounded) leaf it falls in
    for (let i = 0; i < n; i++) margin[i] += evalTree(tree, rows[i]);
  }
  return { base, trees };
}

/** A tree as a flat list: [feature, threshold, left, right] for a split, [-1, value] for a leaf (indices into the list). */
function compactTree(nodes) {
  const out = [];
  const walk = (k) => {
    const node = nodes[k];
    const at = out.length;
    if (node.value !== undefined) {
      out.push([-1, node.value]);
      return at;
    }
    out.push(null);
    const left = walk(2 * k + 1);
    const right = walk(2 * k + 2);
    out[at] = [node.feature, node.threshold, left, right];
    return at;
  };
  walk(0);
  return out;
}

function evalTree(tree, x) {
  let k = 0;
  for (;;) {
    const node = tree[k];
    if (node[0] < 0) return node[1];
    k = x[node[0]] <= node[1] ? node[2] : node[3];
  }
}

// ---- stages ----
function stageRows(doc, kind, logits) {
  return kind !== 'context' ? (doc.local ??= localFeatures(doc.doc)) : contextFeatures(doc.doc, logits);
}

function train(docs) {
  const stages = [];
  let logits = docs.map((d) => new Float64Array(d.doc.units.length));
  const kinds = [LOCAL_KIND === 'trees' ? 'trees' : 'local', ...Array(CONTEXT_STAGES).fill('context')];
  for (const kind of kinds) {
    const names = kind === 'context' ? CONTEXT_FEATURES : LOCAL_FEATURES;
    const rows = [];
    const y = [];
    const w = [];
    const perDoc = docs.map((d, i) => stageRows(d, kind, logits[i]));
    // --drop a,b: features left out of the fit (their columns read as 0, so their weights are 0)
    const dropped = DROP.map((n) => names.indexOf(n)).filter((k) => k >= 0);
    if (dropped.length) for (const rs of perDoc) for (const r of rs) for (const k of dropped) r[k] = 0;
    docs.forEach((d, i) => {
      perDoc[i].forEach((r, j) => {
        rows.push(r);
        y.push(d.y[j]);
        w.push(d.w[j]);
      });
    });
    if (kind === 'trees') {
      const { base, trees } = fitTrees(rows, y, w, names.length);
      // feature indices as names in the file, so that a change in the feature list cannot shift them
      const stage = { kind, bias: base, trees: trees.map((t) => t.map((nd) => (nd[0] < 0 ? nd : [names[nd[0]], ...nd.slice(1)]))) };
      stages.push(stage);
      logits = docs.map((d, i) => apply(stage, perDoc[i], names));
      console.error(`trees: ${trees.length}, ${trees.reduce((a, t) => a + t.length, 0)} nodes`);
      continue;
    }
    const beta = fitLogistic(rows, y, w, names.length, { lambda: LAMBDA, iterations: ITERATIONS, stride: HESSIAN_STRIDE });
    const weights = {};
    names.forEach((n, a) => (weights[n] = round(beta[a])));
    const stage = { kind, bias: round(beta[names.length]), weights };
    stages.push(stage);
    logits = docs.map((d, i) => apply(stage, perDoc[i], names));
  }
  return stages;
}

function apply(stage, rows, names) {
  if (stage.kind === 'trees') {
    const trees = stage.trees.map((t) => t.map((nd) => (typeof nd[0] === 'string' ? [names.indexOf(nd[0]), ...nd.slice(1)] : nd)));
    const out = new Float64Array(rows.length);
    rows.forEach((r, j) => {
      let z = stage.bias;
      for (const t of trees) z += evalTree(t, r);
      out[j] = z;
    });
    return out;
  }
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
  for (const s of stages) logits = apply(s, stageRows(d, s.kind, logits), s.kind === 'context' ? CONTEXT_FEATURES : LOCAL_FEATURES);
  return logits;
}

const round = (x) => Math.round(x * 1e4) / 1e4;

// ---- evaluation: the page-averaged word 4-gram scores of the kept lines ----
function evaluate(stages, docs, threshold, cached = null) {
  const byVariant = new Map();
  for (const [i, d] of docs.entries()) {
    const logits = cached ? cached[i] : predict(stages, d);
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
// the threshold: the best page-averaged F1 on the training renderings, each grid point read with two neighbours a side
// (chooseThreshold, bench/train/threshold.mjs: the curve is flat near its top and the plain arg-max flips on near-ties)
const trainLogits = trainDocs.map((d) => predict(stages, d));
const curve = [];
for (let k = 20; k <= 80; k += 5) {
  const t = k / 100;
  const r = evaluate(stages, trainDocs, t, trainLogits);
  curve.push([t, mean(Object.values(r).map((x) => x.F1))]);
}
const { threshold, smoothed } = chooseThreshold(curve);
for (const [i, [t, f]] of curve.entries()) {
  console.error(`threshold ${t.toFixed(2)}  training page-F1 ${f.toFixed(5)}  with its neighbours ${smoothed[i].toFixed(5)}${t === threshold ? '  <- chosen' : ''}`);
}
show('fitted', evaluate(stages, trainDocs, threshold, trainLogits));
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
  stages: ReadonlyArray<
    | { kind: 'local' | 'context'; bias: number; weights: Readonly<Record<string, number>> }
    | { kind: 'trees'; bias: number; trees: ReadonlyArray<ReadonlyArray<readonly [string, number, number, number] | readonly [-1, number]>> }
  >;
} = {
  threshold: ${threshold},
  stages: [
${stages
  .map((s) =>
    s.kind === 'trees'
      ? `    {
      kind: 'trees',
      bias: ${s.bias},
      // [feature, threshold, left, right] (x <= threshold goes left) or [-1, leaf value]
      trees: [
${s.trees.map((t) => `        [${t.map((nd) => (nd[0] === -1 ? `[-1, ${nd[1]}]` : `['${nd[0]}', ${nd[1]}, ${nd[2]}, ${nd[3]}]`)).join(', ')}],`).join('\n')}
      ],
    },`
      : `    {
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
