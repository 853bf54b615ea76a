#!/usr/bin/env node
// Every page that is not clean (F1 < 0.9 in an html-eval.mjs run), with its loss split into classes, recall and
// precision side together: article text outside the chosen container (beside it, or far from it: a wrong
// container), article text dropped inside it (the headline and byline lines, boilerplate hints, link density,
// comment hints), text of the truth that no block of the page holds, a refusal; and text kept that is not the
// article, by its place (before, between or after the article's own blocks, or a container without any). Sized
// in word trigrams (about words) and in page equivalents (the share of the page's truth or output), with each page
// counted once more under the class that costs it most. Fit pages unless --only says otherwise.
//
//   npm run build && node bench/train/html-eval.mjs && node bench/train/nonclean.mjs [--only fit|heldout|all]
//     [--eval bench/.out/html-eval.jsonl] [--list CLASS] [--json FILE]
import { readFileSync, writeFileSync } from 'node:fs';
import { gunzipSync } from 'node:zlib';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { args, blockTexts, grams, opt, root, readTruth, setDir } from './common.mjs';

const only = opt('--only', 'fit');
const list = opt('--list', null);
const jsonOut = opt('--json', null);
const evalFile = path.resolve(opt('--eval', path.join(root, 'bench/.out/html-eval.jsonl')));
const imp = (p) => import(pathToFileURL(path.join(root, 'dist', p)).href);
const { parseHtml } = await imp('html/dom.js');
const { traceExtraction } = await imp('extract/extract.js');
const { pageText } = await imp('extract/text.js');
const { F_BLOCK, F_HEADING } = await imp('extract/analyze.js');
const evalRows = new Map(
  readFileSync(evalFile, 'utf8').split('\n').filter(Boolean).map((l) => JSON.parse(l)).map((r) => [r.id, r]),
);
const truth = readTruth();

const CLASSES = [
  'R outside, beside the container (sibling, up to 3 levels)',
  'R outside, wrong container (short post lost)',
  'R inside, headline/byline/date line',
  'R inside, comment hint',
  'R inside, other hint/link density/caption',
  'R refused',
  'R truth text in no block of the page',
  'P after the article (comments, footers, related)',
  'P before the article',
  'P between article blocks',
  'P wrong container (no article text)',
];
const sum = Object.fromEntries(CLASSES.map((c) => [c, { tri: 0, pe: 0, pages: new Map(), dominant: 0 }]));
const perPage = [];
for (const t of truth) {
  const ev = evalRows.get(t.id);
  if (!ev) continue;
  if (only !== 'all' && ev.fold !== only) continue;
  if (ev.f1 >= 0.9) continue;
  const html = gunzipSync(readFileSync(path.join(setDir, 'html', `${t.id}.html.gz`))).toString('utf8');
  const tr = traceExtraction(parseHtml(html));
  const a = tr.analysis;
  const ci = tr.container;
  const tG = grams(t.body);
  const tset = new Set(tG);
  const outG = tr.result.root ? grams(pageText(tr.result.root)) : [];
  const outSet = new Set(outG);
  const n = a.els.length;
  const { blockOf, text } = blockTexts(a, F_BLOCK);
  const loss = Object.fromEntries(CLASSES.map((c) => [c, 0]));
  const truthTotal = tset.size || 1;
  const outTotal = outG.length || 1;
  // Recall side: truth trigrams by the block that holds them.
  const seenTruth = new Set();
  const keptTrue = [...tset].filter((g) => outSet.has(g)).length;
  const containerRecall = keptTrue / truthTotal;
  const inC = (i) => ci >= 0 && i >= ci && i < ci + a.size[ci];
  let first = -1;
  let last = -1;
  const infos = [];
  for (let i = 0; i < n; i++) {
    const g = grams(text[i]);
    if (g.length === 0) continue;
    for (const x of g) if (tset.has(x)) seenTruth.add(x);
    const hit = g.filter((x) => tset.has(x)).length;
    const kept = g.filter((x) => outSet.has(x)).length;
    if (inC(i) && kept >= 0.5 * g.length) {
      const good = hit >= 0.5 * g.length;
      if (good) {
        if (first < 0) first = i;
        last = i;
      }
      infos.push({ i, g: g.length, hit, good });
    }
    if (hit < 0.5 * g.length) continue;
    const lost = hit - Math.min(hit, kept);
    if (lost <= 0) continue;
    let cls;
    if (tr.result.status !== 'ok') cls = 'R refused';
    else if (ci >= 0 && inC(i)) {
      let why = '';
      for (let j = i; j >= ci && !why; j = a.parent[j]) {
        if (a.neg[j]) why = /comment|respons|discuss/i.test(a.negReason.get(j) ?? '') ? 'comment' : 'hint';
        else if (a.flags[j] & (512 | 256)) why = 'meta';
        else if (a.card[j] || a.flags[j] & (128 | 4096)) why = 'hint';
      }
      if (!why && a.flags[i] & F_HEADING) why = 'meta';
      cls = why === 'meta' ? 'R inside, headline/byline/date line' : why === 'comment' ? 'R inside, comment hint' : 'R inside, other hint/link density/caption';
    } else if (ci >= 0) {
      let up = 0;
      let c = ci;
      while (c >= 0 && !(i >= c && i < c + a.size[c])) {
        c = a.parent[c];
        up++;
      }
      cls = containerRecall < 0.3 || up > 3 ? 'R outside, wrong container (short post lost)' : 'R outside, beside the container (sibling, up to 3 levels)';
    } else cls = 'R outside, beside the container (sibling, up to 3 levels)';
    loss[cls] += lost;
  }
  const attributed = CLASSES.filter((c) => c.startsWith('R ')).reduce((s, c) => s + loss[c], 0);
  const lostAll = truthTotal - keptTrue;
  loss['R truth text in no block of the page'] += Math.max(0, Math.min(lostAll - attributed, truthTotal - seenTruth.size));
  // Precision side: output trigrams of blocks that are not article text, by place.
  for (const b of infos) {
    if (b.good) continue;
    const cls = first < 0 ? 'P wrong container (no article text)' : b.i < first ? 'P before the article' : b.i > last ? 'P after the article (comments, footers, related)' : 'P between article blocks';
    loss[cls] += b.g - b.hit;
  }
  const share = {};
  for (const c of CLASSES) share[c] = c.startsWith('R ') ? loss[c] / truthTotal : loss[c] / outTotal;
  let dom = null;
  for (const c of CLASSES) if (loss[c] > 0 && (!dom || share[c] > share[dom])) dom = c;
  for (const c of CLASSES) {
    if (!loss[c]) continue;
    sum[c].tri += loss[c];
    sum[c].pe += share[c];
    sum[c].pages.set(t.id, share[c]);
  }
  if (dom) sum[dom].dominant++;
  perPage.push({ id: t.id, f1: ev.f1, p: ev.p, r: ev.r, dominant: dom, share: Object.fromEntries(CLASSES.filter((c) => loss[c]).map((c) => [c, +share[c].toFixed(3)])) });
}
console.log(`${perPage.length} pages not clean (${only})`);
console.log(`${'class'.padEnd(58)} ${'trigrams'.padStart(8)} ${'page eq.'.padStart(8)} ${'pages'.padStart(5)} ${'main'.padStart(5)}  worst`);
for (const c of CLASSES) {
  const s = sum[c];
  const top = [...s.pages].sort((x, y) => y[1] - x[1]).slice(0, 5);
  console.log(`${c.padEnd(58)} ${String(s.tri).padStart(8)} ${s.pe.toFixed(1).padStart(8)} ${String(s.pages.size).padStart(5)} ${String(s.dominant).padStart(5)}  ${top.map(([id, x]) => `${id} ${x.toFixed(2)}`).join(', ')}`);
}
if (list) for (const r of perPage.filter((r) => r.dominant === list || r.dominant?.startsWith(list))) console.log(r.id, r.f1, JSON.stringify(r.share));
if (jsonOut) writeFileSync(jsonOut, perPage.map((r) => JSON.stringify(r)).join('\n') + '\n');
