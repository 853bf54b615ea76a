#!/usr/bin/env node
// Where the extractor's output holds text that is not in the true body (the precision side of losses.mjs): every
// text block inside the chosen container that reaches the output while most of its word trigrams are not in the
// truth, by where it sits relative to the article's own text run in the container (before its first true block,
// between, after its last), by the block model's probability, and by kind (list item, heading, link-dense).
// Counted in page equivalents: each block's share of the page's output trigrams. Fit pages unless --only says
// otherwise.
//
//   npm run build && node bench/train/extra.mjs [--only fit|heldout|all] [--list CAUSE]
import { readFileSync } from 'node:fs';
import { gunzipSync } from 'node:zlib';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { args, blockTexts, grams, opt, root, readTruth, setDir } from './common.mjs';

const only = opt('--only', 'fit');
const list = opt('--list', null);
const imp = (p) => import(pathToFileURL(path.join(root, 'dist', p)).href);
const { parseHtml } = await imp('html/dom.js');
const { traceExtraction } = await imp('extract/extract.js');
const { pageText } = await imp('extract/text.js');
const { F_BLOCK, F_HEADING } = await imp('extract/analyze.js');
const { blockFeatures, blockProbabilities, findHeadline } = await imp('extract/model.js');
const { titleKeys } = await imp('extract/signals.js');
const split = JSON.parse(readFileSync(path.join(root, 'bench/data/pages-split.json'), 'utf8'));
const truth = readTruth();
const causes = {};
const pages = {};
const add = (c, id, n) => {
  causes[c] = (causes[c] ?? 0) + n;
  (pages[c] ??= new Map()).set(id, (pages[c].get(id) ?? 0) + n);
};
for (const t of truth) {
  if (only !== 'all' && (split[t.id]?.fold ?? 'fit') !== only) continue;
  const html = gunzipSync(readFileSync(path.join(setDir, 'html', `${t.id}.html.gz`))).toString('utf8');
  const tr = traceExtraction(parseHtml(html));
  const a = tr.analysis;
  const ci = tr.container;
  if (tr.result.status !== 'ok' || ci < 0) continue;
  const { blocks, x } = blockFeatures(a, findHeadline(a, titleKeys(a.head.titles)));
  const pr = blockProbabilities(x, blocks.length);
  const prob = new Float64Array(a.els.length);
  for (let k = 0; k < blocks.length; k++) prob[blocks[k]] = pr[k];
  const tset = new Set(grams(t.body));
  const outG = tr.result.root ? grams(pageText(tr.result.root)) : [];
  const outSet = new Set(outG);
  const total = outG.length || 1;
  const n = a.els.length;
  const { blockOf, text } = blockTexts(a, F_BLOCK);
  const end = ci + a.size[ci];
  const info = [];
  let first = -1;
  let last = -1;
  for (let i = ci; i < end; i++) {
    const g = grams(text[i]);
    if (g.length === 0) continue;
    const kept = g.filter((x) => outSet.has(x)).length;
    if (kept < 0.5 * g.length) continue;
    const hit = g.filter((x) => tset.has(x)).length;
    const good = hit >= 0.5 * g.length;
    if (good) {
      if (first < 0) first = i;
      last = i;
    }
    info.push({ i, g: g.length, hit, good });
  }
  for (const b of info) {
    if (b.good) continue;
    const w = (b.g - b.hit) / total;
    const pos = first < 0 ? 'no true text' : b.i < first ? 'before' : b.i > last ? 'after' : 'between';
    const p = prob[b.i];
    const pb = p < 0.1 ? 'p<0.1' : p < 0.3 ? 'p<0.3' : p < 0.5 ? 'p<0.5' : 'p>=0.5';
    const e = a.els[b.i];
    const kind = a.flags[b.i] & F_HEADING ? 'heading' : e.name === 'li' ? 'li' : a.ownLink[b.i] > 0.5 * a.ownChars[b.i] ? 'linky' : 'text';
    add(`pos ${pos}`, t.id, w);
    add(`${pos} ${pb}`, t.id, w);
    add(`kind ${kind}`, t.id, w);
  }
}
for (const [c, v] of Object.entries(causes).sort((x, y) => x[0].localeCompare(y[0]))) {
  const top = [...pages[c]].sort((x, y) => y[1] - x[1]);
  console.log(`${c.padEnd(24)} ${v.toFixed(1).padStart(6)} page-equivalents on ${String(pages[c].size).padStart(4)} pages; worst: ${top.slice(0, 6).map(([id, x]) => `${id} ${x.toFixed(2)}`).join(', ')}`);
}
if (list && pages[list]) console.log([...pages[list]].sort((x, y) => y[1] - x[1]).map(([id, x]) => `${id} ${x.toFixed(2)}`).join('\n'));
