#!/usr/bin/env node
// Fits the headline scorer of plain text (src/model/header.ts) and writes its weights to
// src/model/text-header.weights.ts. Run after the content-zone model (it reads where that model puts the article).
//
//   npm run build && node bench/train/text-header.mjs [--check] [--verbose]
//   [--anchors]                                 record the article's first line of each rendering as decided now
//   [--softmax] [--site-weight] [--lambda X]   other objectives (not the committed weights': docs/text-model.md)
//   --cv                                        both objectives and four penalties, two site halves of the fit pages
//
// Data: the "fit" pages of bench/data/pages-split.json that have a true title (the Readability pages: the Dragnet
// pages have none), each page's renderings in ../shared/bench/pages/text and by the other text browsers installed
// (bench/train/pages.mjs) only with --browsers, and one perturbed copy of each. Candidates: the lines around the article's first line as
// the content-zone model decided it when the anchors were recorded (headlineCandidates; bench/data/text-header-anchors.json,
// written by --anchors: a change of the zone decision alone leaves the candidates and the weights as they are). Label: the candidate equals the page's <title> under the
// set's own rule (score.mjs titleMatches: equal, or equal once a site suffix is cut from either side). Pages where
// no candidate matches (the <title> is not shown as a line) are left out. Model: logistic regression over the
// candidates, each page weighing the same; the threshold below which no title is given is the one with the most
// right titles minus wrong ones on the training pages.
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fitLogistic, fitSoftmax } from './logistic.mjs';
import { browserText, installedBrowsers, loadSplit, loadTruth, perturb, PERTURBATIONS, renderings, rng, root, setDir } from './pages.mjs';

const args = process.argv.slice(2);
const check = args.includes('--check');
const verbose = args.includes('--verbose');
const { scoreText, THRESHOLD } = await import(path.join(root, 'dist/model/zones.js'));
const { articleLines } = await import(path.join(root, 'dist/model/decide.js'));
const { headlineCandidates, HEADLINE_FEATURES, lineBlocks } = await import(path.join(root, 'dist/model/header.js'));
const { bylineNames, dateIn } = await import(path.join(root, 'dist/model/byline.js'));
const { functionWords } = await import(path.join(root, 'dist/model/lines.js'));
const { titleMatches } = await import(path.join(setDir, 'score.mjs'));

const split = loadSplit();
// --readability-only: the headlines of the Readability pages alone (the committed weights also learn from the Dragnet
// pages' headlines, see dragnetHeadline)
const readabilityOnly = args.includes('--readability-only');

/**
 * The headline of a Dragnet page as its annotators copied it: the Dragnet truth has no title, but its body often
 * starts with the headline (then a byline or a date line). The first of the body's first three lines that reads as
 * a headline: 3 to 30 words, no sentence end (a question or an exclamation may end it), not a date line, not a
 * byline, and not the whole body. Pages whose body starts with the lede give none.
 */
function dragnetHeadline(body) {
  const lines = body.split(/\r?\n/).map((l) => l.trim()).filter(Boolean);
  for (const l of lines.slice(0, 3)) {
    const words = l.match(/[\p{L}\p{N}]+/gu)?.length ?? 0;
    if (words < 3 || words > 30 || l.length > 250) continue;
    if (/[.,;:]$/.test(l) || dateIn(l) || bylineNames(l, true) || /^(?:by|posted|written)\b/i.test(l)) continue;
    if (lines.length < 2) return null;
    return l;
  }
  return null;
}
// the other text browsers only with --browsers: the committed weights come from the set's own renderings, so that
// the command reproduces them on any machine and the other browsers stay a held-out measurement
const browsers = args.includes('--browsers') ? installedBrowsers() : [];

/**
 * The article's first line each rendering's candidates are drawn around: recorded in ANCHORS_FILE (the unit index and
 * the rendering's count of units, per page and rendering), so that a change of the zone decision (the span, the
 * comment section) moves neither the candidates nor the weights; the headline model is refitted when its own inputs
 * change. `--anchors` writes the file from the decision as it stands (`articleLines(…).first`, span, comment section
 * and all); a rendering the file does not hold, or whose count of units differs (a rendering not in the set, a
 * changed reader), takes the decision as it stands and is counted on stderr.
 */
const ANCHORS_FILE = path.join(root, 'bench/data/text-header-anchors.json');
const writeAnchors = args.includes('--anchors');
const anchors = writeAnchors || !existsSync(ANCHORS_FILE) ? {} : JSON.parse(readFileSync(ANCHORS_FILE, 'utf8'));
const recorded = {};
let unanchored = 0;
function anchorOf(id, variant, scored) {
  const units = scored.doc.units.length;
  const a = anchors[id]?.[variant];
  let first;
  if (a && a[1] === units) first = a[0];
  else {
    first = articleLines(scored, THRESHOLD).first;
    if (!writeAnchors) unanchored++;
  }
  (recorded[id] ??= {})[variant] = [first, units];
  return first;
}

function docsFor(fold) {
  const docs = [];
  let k = 0;
  for (const t0 of loadTruth()) {
    if ((split[t0.id]?.fold ?? 'fit') !== fold) continue;
    let t = t0;
    if (!t.title) {
      const headline = t.dataset === 'dragnet' && !(readabilityOnly && fold === 'fit') ? dragnetHeadline(t.body) : null;
      if (!headline) continue;
      t = { ...t0, title: headline };
    }
    const rs = renderings(t.id);
    for (const b of browsers) rs.push({ variant: b.name, text: browserText(b, t.id) });
    const rand = rng(9000 + k++);
    const p = PERTURBATIONS[Math.floor(rand() * PERTURBATIONS.length)];
    const base = rs[Math.floor(rand() * rs.length)];
    if (fold === 'fit') rs.push({ variant: `${base.variant}+${p.name}`, text: perturb(base.text, p.kind, p) });
    for (const r of rs) {
      const scored = scoreText(r.text);
      const first = anchorOf(t.id, r.variant, scored);
      const cands = headlineCandidates(scored.doc.units, first, scored.p, functionWords(scored.doc.language), lineBlocks(scored.doc));
      const y = cands.map((c) => (titleMatches(c.text, t.title) ? 1 : 0));
      docs.push({ id: t.id, dataset: t.dataset, variant: r.variant, title: t.title, cands, y });
    }
  }
  return docs;
}

const round = (x) => Math.round(x * 1e4) / 1e4;
const logit = (model, x) => {
  let z = model.bias;
  HEADLINE_FEATURES.forEach((n, a) => (z += (model.weights[n] ?? 0) * x[a]));
  return z;
};

function evaluate(model, docs, threshold, listing = false) {
  const by = new Map();
  for (const d of docs) {
    let best = -Infinity;
    let at = -1;
    d.cands.forEach((c, i) => {
      const z = logit(model, c.x);
      if (z > best) {
        best = z;
        at = i;
      }
    });
    const given = at >= 0 && best >= threshold;
    const right = given && d.y[at] === 1;
    const v = `${d.dataset === 'dragnet' ? 'dragnet ' : ''}${d.variant.replace(/\+.*/, '+perturbed')}`;
    if (!by.has(v)) by.set(v, { pages: 0, right: 0, wrong: 0, reachable: 0 });
    const s = by.get(v);
    s.pages++;
    if (right) s.right++;
    else if (given) s.wrong++;
    if (d.y.includes(1)) s.reachable++;
    if (listing && verbose && !right && d.y.includes(1)) console.log(`${d.variant} ${d.id}: ${JSON.stringify(given ? d.cands[at].text : null)} ≠ ${JSON.stringify(d.title)}`);
  }
  return by;
}

function show(label, by) {
  for (const [v, s] of [...by].sort()) {
    console.log(`${label.padEnd(8)} ${v.padEnd(18)} pages ${String(s.pages).padStart(4)}  right ${String(s.right).padStart(3)} (${(s.right / s.pages).toFixed(3)})  wrong ${String(s.wrong).padStart(3)}  a line matches ${s.reachable}`);
  }
}

const fitDocs = docsFor('fit');
const used = fitDocs.filter((d) => d.y.includes(1));
const lambda = Number(args.includes('--lambda') ? args[args.indexOf('--lambda') + 1] : 0.1);
const softmax = args.includes('--softmax');
const siteWeight = args.includes('--site-weight');

/**
 * Weights fitted on the renderings `docs` (those with a matching candidate). Each dataset weighs the same (the Dragnet
 * headlines are ten times as many), within it each rendering the same, or with `sites` each site's renderings
 * 1/sqrt(its pages) each (a site with many pages does not teach its own layout as the rule). Pointwise: a logistic
 * regression over the candidates, within a rendering the matching ones as much as the others; `soft`: a softmax over
 * each rendering's candidates (./logistic.mjs fitSoftmax: no bias).
 */
function fitOn(docs, { soft = false, lam = lambda, sites = false } = {}) {
  const perSite = new Map();
  for (const d of docs) perSite.set(split[d.id]?.site, (perSite.get(split[d.id]?.site) ?? 0) + 1);
  const raw = (d) => (sites ? 1 / Math.sqrt(perSite.get(split[d.id]?.site)) : 1);
  const mass = new Map();
  for (const d of docs) mass.set(d.dataset, (mass.get(d.dataset) ?? 0) + raw(d));
  const weightOf = (d) => (docs.length / mass.size) * (raw(d) / mass.get(d.dataset));
  let beta;
  if (soft) beta = fitSoftmax(docs.map((d) => ({ rows: d.cands.map((c) => c.x), y: d.y, w: weightOf(d) })), HEADLINE_FEATURES.length, { lambda: lam, iterations: 25 });
  else {
    const rows = [];
    const y = [];
    const w = [];
    for (const d of docs) {
      const share = weightOf(d);
      const pos = d.y.filter((v) => v === 1).length;
      d.cands.forEach((c, i) => {
        rows.push(c.x);
        y.push(d.y[i]);
        w.push(share * (d.y[i] ? 0.5 / pos : 0.5 / Math.max(1, d.cands.length - pos)));
      });
    }
    beta = fitLogistic(rows, y, w, HEADLINE_FEATURES.length, { lambda: lam, iterations: 25 });
  }
  const model = { bias: soft ? 0 : beta[HEADLINE_FEATURES.length], weights: {} };
  HEADLINE_FEATURES.forEach((n, a) => (model.weights[n] = beta[a]));
  return model;
}

console.error(`headline: ${used.length} of ${fitDocs.length} fit renderings have a matching line; ${used.reduce((a, d) => a + d.cands.length, 0)} candidates`);
// --cv: the fit pages in two halves by site (a hash of the site's name); each half's right titles (the best candidate,
// the threshold aside) with weights fitted on the other half, for both objectives and several penalties: to choose
// them on the fit pages alone
if (args.includes('--cv')) {
  const half = (d) => [...String(split[d.id]?.site ?? d.id)].reduce((h, c) => (h * 31 + c.charCodeAt(0)) >>> 0, 7) % 2;
  for (const soft of [false, true]) {
    for (const lam of [0.01, 0.1, 1, 10]) {
      const right = { dragnet: 0, readability: 0 };
      for (const h of [0, 1]) {
        const m = fitOn(used.filter((d) => half(d) !== h), { soft, lam, sites: siteWeight });
        for (const [v, s] of evaluate(m, fitDocs.filter((d) => half(d) === h), -Infinity)) if (!v.includes('perturbed')) right[v.startsWith('dragnet') ? 'dragnet' : 'readability'] += s.right;
      }
      console.log(`cv ${soft ? 'softmax  ' : 'pointwise'} lambda ${lam}: right dragnet ${right.dragnet}, readability ${right.readability}`);
    }
  }
  process.exit(0);
}
const fitted = fitOn(used, { soft: softmax, sites: siteWeight });
const model = { bias: round(fitted.bias), weights: {} };
HEADLINE_FEATURES.forEach((n) => (model.weights[n] = round(fitted.weights[n])));
// the threshold: most right titles minus wrong ones on the fit renderings
let threshold = -Infinity;
let bestNet = -Infinity;
// (a softmax has no bias: its scores stand on no fixed scale, so the search is wider)
for (let t = softmax ? -20 : -8; t <= (softmax ? 20.001 : 2.001); t += 0.25) {
  let net = 0;
  for (const s of evaluate(model, fitDocs, t).values()) net += s.right - 0.25 * s.wrong;
  if (net > bestNet) {
    bestNet = net;
    threshold = round(t);
  }
}
show('fitted', evaluate(model, fitDocs, threshold, true));
show('heldout', evaluate(model, docsFor('heldout'), threshold, true));

if (unanchored) console.error(`${unanchored} renderings not in ${path.relative(root, ANCHORS_FILE)}: anchored on the decision as it stands`);
if (writeAnchors) {
  const ids = Object.keys(recorded).sort();
  const lines = ids.map((id) => `  ${JSON.stringify(id)}: ${JSON.stringify(Object.fromEntries(Object.keys(recorded[id]).sort().map((v) => [v, recorded[id][v]])))}`);
  writeFileSync(ANCHORS_FILE, `{\n${lines.join(',\n')}\n}\n`);
  console.error(`wrote ${path.relative(root, ANCHORS_FILE)} (${ids.length} pages)`);
}

const file = path.join(root, 'src/model/text-header.weights.ts');
const body = `/** Generated by \`npm run train:text\` (bench/train/text-header.mjs) from the fit pages; not edited by hand. */
export const TEXT_HEADER: { threshold: number; bias: number; weights: Readonly<Record<string, number>> } = {
  threshold: ${threshold},
  bias: ${model.bias},
  weights: {
${HEADLINE_FEATURES.map((n) => `    ${n}: ${model.weights[n]},`).join('\n')}
  },
};
`;
if (check) {
  const same = readFileSync(file, 'utf8') === body;
  console.error(same ? 'headline weights reproduced exactly' : 'headline weights differ from the committed file');
  process.exit(same ? 0 : 1);
}
writeFileSync(file, body);
console.error(`wrote ${path.relative(root, file)} (threshold ${threshold})`);
