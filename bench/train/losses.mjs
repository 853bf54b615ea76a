#!/usr/bin/env node
// Where the extractor loses article text on the HTML pages, by cause: text blocks that belong to the true body
// (most of their word trigrams are in it) left outside the chosen container (by how far up the tree the container
// would have to grow to take them), or inside it but dropped; and pages where the container holds none of the
// article (a wrong block). Diagnostics for development; fit pages unless --only says otherwise.
//
//   npm run build && node bench/train/losses.mjs [--only fit|heldout|all] [--list CAUSE] [--kind]
// --kind splits the text outside the container by its place (before or after it) and kind (heading, short line
// under 120 characters, prose).
import { readFileSync } from 'node:fs';
import { gunzipSync } from 'node:zlib';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { args, blockTexts, grams, opt, root, readTruth, setDir } from './common.mjs';

const only = opt('--only', 'fit');
const list = opt('--list', null);
const split2 = args.includes('--kind');
const showText = opt('--show', null);
const imp = (p) => import(pathToFileURL(path.join(root, 'dist', p)).href);
const { parseHtml } = await imp('html/dom.js');
const { traceExtraction } = await imp('extract/extract.js');
const { pageText } = await imp('extract/text.js');
const { F_BLOCK } = await imp('extract/analyze.js');
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
  const tset = new Set(grams(t.body));
  const outSet = new Set(tr.result.root ? grams(pageText(tr.result.root)) : []);
  const n = a.els.length;
  const { blockOf, text } = blockTexts(a, F_BLOCK);
  const totalTruth = tset.size || 1;
  let inTruthOut = 0;
  const depth = new Int32Array(n);
  for (let i = 1; i < n; i++) depth[i] = a.parent[i] >= 0 ? depth[a.parent[i]] + 1 : 0;
  for (let i = 0; i < n; i++) {
    const g = grams(text[i]);
    if (g.length === 0) continue;
    const hit = g.filter((x) => tset.has(x)).length;
    if (hit < 0.5 * g.length) continue;
    const kept = g.filter((x) => outSet.has(x)).length;
    const lost = hit - Math.min(hit, kept);
    if (lost <= 0) continue;
    const w = lost / totalTruth;
    if (tr.result.status !== 'ok') add('refused: ' + (tr.result.reason ?? '').replace(/[:(].*$/, '').trim(), t.id, w);
    else if (ci < 0) add('json-ld body', t.id, w);
    else if (i >= ci && i < ci + a.size[ci]) {
      let why = '';
      for (let j = i; j >= ci && !why; j = a.parent[j]) {
        if (a.neg[j]) why = `hint ${a.neg[j]} ${a.negReason.get(j)}`;
        else if (a.card[j]) why = 'teaser';
        else if (a.flags[j] & 128) why = 'caption flag';
        else if (a.flags[j] & 512) why = 'author flag';
        else if (a.flags[j] & 256) why = 'time flag';
        else if (a.flags[j] & 4096) why = 'notice';
      }
      if (!why && a.flags[i] & 8) why = 'heading';
      if (!why && a.ownInLink[i] > 0.5 * a.ownChars[i]) why = 'link density';
      add('inside, dropped: ' + (why || 'other'), t.id, w);
      if (showText && ('inside, dropped: ' + (why || 'other')).includes(showText)) console.log(`  [${t.id} ${w.toFixed(3)}] ${text[i].trim().replace(/\s+/g, ' ').slice(0, 160)}`);
    }
    else {
      // how far up from the container the common ancestor is
      let up = 0;
      let c = ci;
      while (c >= 0 && !(i >= c && i < c + a.size[c])) {
        c = a.parent[c];
        up++;
      }
      const where = up <= 1 ? 'outside: sibling of container' : up <= 3 ? 'outside: 2-3 levels up' : 'outside: further';
      if (!split2) add(where, t.id, w);
      else {
        // what the block is: a heading, a short line (byline, date, kicker), or prose; before or after the container
        const kind = a.flags[i] & 8 ? 'heading' : text[i].trim().length < 120 ? 'short line' : 'prose';
        const key = `${where}, ${i < ci ? 'before' : 'after'}, ${kind}`;
        add(key, t.id, w);
        if (showText && key.includes(showText)) console.log(`  [${t.id} ${w.toFixed(3)}] ${text[i].trim().replace(/\s+/g, ' ').slice(0, 160)}`);
      }
    }
  }
}
const total = Object.values(causes).reduce((x, y) => x + y, 0);
for (const [c, v] of Object.entries(causes).sort((x, y) => y[1] - x[1])) {
  const top = [...pages[c]].sort((x, y) => y[1] - x[1]);
  console.log(`${c.padEnd(34)} ${v.toFixed(1).padStart(6)} page-equivalents on ${String(pages[c].size).padStart(4)} pages; worst: ${top.slice(0, 6).map(([id, x]) => `${id} ${x.toFixed(2)}`).join(', ')}`);
}
console.log(`total ${total.toFixed(1)}`);
if (list && pages[list]) console.log([...pages[list]].sort((x, y) => y[1] - x[1]).map(([id, x]) => `${id} ${x.toFixed(2)}`).join('\n'));
