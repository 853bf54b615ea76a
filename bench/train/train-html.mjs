#!/usr/bin/env node
// Fits the block model (src/extract/model.ts) on the "fit" pages of ../shared/bench/pages and writes its weights to
// src/extract/block-weights.ts. Reproducible: the pages, the features and the fitting (Newton's method on an
// L2-regularised logistic loss, from zero, a fixed number of steps) are all deterministic, so the command rewrites
// the same file.
//
//   npm run train:html            (builds first; --check only prints the fit, writes nothing)
//
// A block's label is 1 when at least half of its word trigrams are in the page's true body (blocks of one or two
// words: when their words occur in the body in that order), and each block counts by its length in characters
// (capped), as the body score counts words, as a share of its page's blocks: every page weighs the same, as the
// score is a mean over pages (a forum thread of fifty thousand words no longer outweighs a hundred news pages).
// Held-out pages are scored with the fitted weights, never fitted on.
import { readFileSync, writeFileSync } from 'node:fs';
import { gunzipSync } from 'node:zlib';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));
const root = path.resolve(here, '../..');
const setDir = path.resolve(root, '../shared/bench/pages');
const check = process.argv.includes('--check');
const imp = (p) => import(pathToFileURL(path.join(root, 'dist', p)).href);
const { parseHtml } = await imp('html/dom.js');
const { closeRunawayTitle, liftHeadContent } = await imp('html/repair.js');
const { analyze, F_BLOCK } = await imp('extract/analyze.js');
const { titleKeys } = await imp('extract/signals.js');
const { blockFeatures, findHeadline, FEATURES, N_FEATURES } = await imp('extract/model.js');
const split = JSON.parse(readFileSync(path.join(root, 'bench/data/pages-split.json'), 'utf8'));
const truth = readFileSync(path.join(setDir, 'truth.jsonl'), 'utf8').split('\n').filter(Boolean).map((l) => JSON.parse(l));

const WORD = /[\p{L}\p{N}_]+/gu;
// --strip-hints SHARE: each fit page also as a copy without its class and id attributes (a site whose markup names
// nothing), weighing SHARE of the page (tried: docs/html-extraction.md)
const stripShare = process.argv.includes('--strip-hints') ? Number(process.argv[process.argv.indexOf('--strip-hints') + 1]) : 0;
const stripHints = (h) => h.replace(/\s(?:class|id)\s*=\s*(?:"[^"]*"|'[^']*'|[^\s>]+)/gi, '');
const MAX_WEIGHT = 2000;
const LAMBDA = 1;

/** Features, labels and sample weights of every text block of the pages of one fold. */
function collect(fold) {
  const X = [];
  const y = [];
  const w = [];
  const pages = [];
  for (const t of truth) {
    if ((split[t.id]?.fold ?? 'fit') !== fold) continue;
    const html = gunzipSync(readFileSync(path.join(setDir, 'html', `${t.id}.html.gz`))).toString('utf8');
    pages.push({ t, html, share: 1 });
    if (stripShare > 0 && fold === 'fit') pages.push({ t, html: stripHints(html), share: stripShare });
  }
  for (const { t, html, share } of pages) {
    const doc = parseHtml(closeRunawayTitle(html));
    liftHeadContent(doc);
    const a = analyze(doc);
    const { blocks, x } = blockFeatures(a, findHeadline(a, titleKeys(a.head.titles)));
    const tw = t.body.match(WORD) ?? [];
    const tri = new Set();
    for (let i = 0; i + 2 < tw.length; i++) tri.add(tw[i] + ' ' + tw[i + 1] + ' ' + tw[i + 2]);
    const joined = ' ' + tw.join(' ') + ' ';
    // own text of each block, as the analysis assigns it
    const n = a.els.length;
    const blockOf = new Int32Array(n);
    const text = new Map();
    for (let i = 0; i < n; i++) {
      const p = a.parent[i];
      blockOf[i] = a.flags[i] & F_BLOCK ? i : p >= 0 ? blockOf[p] : -1;
      const b = blockOf[i];
      if (b < 0) continue;
      for (const c of a.els[i].children) if (c.type === 'text') text.set(b, (text.get(b) ?? '') + ' ' + c.data);
    }
    const first = w.length;
    for (let k = 0; k < blocks.length; k++) {
      const i = blocks[k];
      const words = (text.get(i) ?? '').match(WORD) ?? [];
      if (words.length === 0) continue;
      let label;
      if (words.length < 3) label = joined.includes(' ' + words.join(' ') + ' ') ? 1 : 0;
      else {
        let hit = 0;
        for (let j = 0; j + 2 < words.length; j++) if (tri.has(words[j] + ' ' + words[j + 1] + ' ' + words[j + 2])) hit++;
        label = hit >= 0.5 * (words.length - 2) ? 1 : 0;
      }
      X.push(x.slice(k * N_FEATURES, (k + 1) * N_FEATURES));
      y.push(label);
      w.push(Math.min(MAX_WEIGHT, a.ownChars[i]));
    }
    // every page weighs the same in the fit, as every page counts the same in the score
    let pageWeight = 0;
    for (let j = first; j < w.length; j++) pageWeight += w[j];
    for (let j = first; j < w.length; j++) w[j] *= share / pageWeight;
  }
  return { X, y, w };
}

function solve(A, b) {
  const n = b.length;
  const M = A.map((row, i) => [...row, b[i]]);
  for (let c = 0; c < n; c++) {
    let piv = c;
    for (let r = c + 1; r < n; r++) if (Math.abs(M[r][c]) > Math.abs(M[piv][c])) piv = r;
    [M[c], M[piv]] = [M[piv], M[c]];
    for (let r = 0; r < n; r++) {
      if (r === c || M[c][c] === 0) continue;
      const f = M[r][c] / M[c][c];
      for (let k = c; k <= n; k++) M[r][k] -= f * M[c][k];
    }
  }
  return M.map((row, i) => (row[i] === 0 ? 0 : row[n] / row[i]));
}

function fit({ X, y, w }) {
  const d = N_FEATURES;
  let beta = new Array(d).fill(0);
  const total = w.reduce((s, v) => s + v, 0);
  for (let step = 0; step < 25; step++) {
    const H = Array.from({ length: d }, () => new Array(d).fill(0));
    const g = new Array(d).fill(0);
    for (let i = 0; i < X.length; i++) {
      const x = X[i];
      let z = 0;
      for (let j = 0; j < d; j++) z += beta[j] * x[j];
      const p = 1 / (1 + Math.exp(-z));
      const wi = w[i] / total;
      const r = wi * (p - y[i]);
      const s = wi * p * (1 - p);
      for (let j = 0; j < d; j++) {
        if (x[j] === 0) continue;
        g[j] += r * x[j];
        for (let k = 0; k < d; k++) H[j][k] += s * x[j] * x[k];
      }
    }
    const lam = LAMBDA / X.length;
    for (let j = 1; j < d; j++) {
      g[j] += lam * beta[j];
      H[j][j] += lam;
    }
    H[0][0] += 1e-9;
    const delta = solve(H, g);
    beta = beta.map((b, j) => b - delta[j]);
    if (Math.max(...delta.map(Math.abs)) < 1e-7) break;
  }
  return beta;
}

function report(name, { X, y, w }, beta) {
  let loss = 0, right = 0, tot = 0;
  for (let i = 0; i < X.length; i++) {
    let z = 0;
    for (let j = 0; j < N_FEATURES; j++) z += beta[j] * X[i][j];
    const p = 1 / (1 + Math.exp(-z));
    loss += -w[i] * (y[i] ? Math.log(Math.max(p, 1e-12)) : Math.log(Math.max(1 - p, 1e-12)));
    right += w[i] * ((p >= 0.5 ? 1 : 0) === y[i] ? 1 : 0);
    tot += w[i];
  }
  console.log(`${name}: ${X.length} blocks, weighted accuracy ${(right / tot).toFixed(4)}, log loss ${(loss / tot).toFixed(4)}`);
}

const train = collect('fit');
const beta = fit(train).map((b) => Math.round(b * 1e4) / 1e4);
report('fit', train, beta);
report('held-out', collect('heldout'), beta);
const lines = FEATURES.map((f, j) => `    ${String(beta[j]).padStart(8)}, // ${f}`);
const file = `// Generated by \`npm run train:html\` (bench/train/train-html.mjs) from the "fit" pages of ../shared/bench/pages:
// do not edit by hand. One weight per feature of src/extract/model.ts, in its order.
export const BLOCK_WEIGHTS = {
  features: ${JSON.stringify(FEATURES)},
  weights: [
${lines.join('\n')}
  ],
} as const;
`;
if (check) console.log(file);
else {
  writeFileSync(path.join(root, 'src/extract/block-weights.ts'), file);
  console.log('wrote src/extract/block-weights.ts');
}
