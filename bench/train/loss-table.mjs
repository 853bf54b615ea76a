#!/usr/bin/env node
// Recall and precision losses of the extractor on every page of a fold, clean or not, by class: blocks (count),
// page equivalents (the lost share of each page's true trigrams, or the extra share of its output, summed over
// pages) and pages. Two kinds of loss are counted apart and left out of the classes:
// - the headline convention: a heading or a short line (under 120 characters) of the truth's first 300 characters
//   that the output leaves out (the headline, the byline and date lines are front matter here, see
//   ../shared/design/output-contract.md);
// - pages whose truth keeps the reader comments: at least a tenth of the truth's trigrams lie in blocks under an
//   element whose class or id names comments, replies or responses.
//
//   npm run build && node bench/train/loss-table.mjs [--only fit|heldout|all] [--show CLASS] [--list CLASS]
// --show prints the blocks of every class whose name contains CLASS; --list the pages of that class, worst first.
import { readFileSync } from 'node:fs';
import { gunzipSync } from 'node:zlib';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { blockTexts, grams, opt, root, readTruth, setDir } from './common.mjs';

const only = opt('--only', 'fit');
const show = opt('--show', null);
const list = opt('--list', null);
const imp = (p) => import(pathToFileURL(path.join(root, 'dist', p)).href);
const { parseHtml } = await imp('html/dom.js');
const { traceExtraction } = await imp('extract/extract.js');
const { pageText } = await imp('extract/text.js');
const { F_BLOCK, F_HEADING, F_CAPTION, F_TIME, F_AUTHOR, F_NOTICE } = await imp('extract/analyze.js');
const split = JSON.parse(readFileSync(path.join(root, 'bench/data/pages-split.json'), 'utf8'));
const COMMENTS = /comment|repl(y|ies)|respons|discuss|disqus/i;

const sums = new Map();
const add = (cls, id, w, text) => {
  let s = sums.get(cls);
  if (!s) sums.set(cls, (s = { blocks: 0, pe: 0, pages: new Map() }));
  s.blocks++;
  s.pe += w;
  s.pages.set(id, (s.pages.get(id) ?? 0) + w);
  if (show && cls.includes(show)) console.log(`  ${cls} [${id} ${w.toFixed(3)}] ${text.trim().replace(/\s+/g, ' ').slice(0, 170)}`);
};
let nPages = 0;
const commentPages = [];
for (const t of readTruth()) {
  if (only !== 'all' && (split[t.id]?.fold ?? 'fit') !== only) continue;
  nPages++;
  const html = gunzipSync(readFileSync(path.join(setDir, 'html', `${t.id}.html.gz`))).toString('utf8');
  const tr = traceExtraction(parseHtml(html));
  const a = tr.analysis;
  const ci = tr.container;
  const tset = new Set(grams(t.body));
  const head = new Set(grams(t.body.slice(0, 300)));
  const outG = tr.result.root ? grams(pageText(tr.result.root)) : [];
  const outSet = new Set(outG);
  const n = a.els.length;
  const { text } = blockTexts(a, F_BLOCK);
  const truthTotal = tset.size || 1;
  const outTotal = outG.length || 1;
  const inC = (i) => ci >= 0 && i >= ci && i < ci + a.size[ci];
  const named = (i) => {
    for (let j = i; j >= 0; j = a.parent[j]) {
      const at = a.els[j].attribs ?? {};
      if (COMMENTS.test(`${at.class ?? ''} ${at.id ?? ''}`)) return true;
    }
    return false;
  };
  const blocks = [];
  let commentTruth = 0;
  for (let i = 0; i < n; i++) {
    const g = grams(text[i]);
    if (g.length === 0) continue;
    const hit = g.filter((x) => tset.has(x)).length;
    const kept = g.filter((x) => outSet.has(x)).length;
    const b = { i, g, hit, kept, good: hit >= 0.5 * g.length };
    blocks.push(b);
    if (b.good && named(i)) commentTruth += hit;
  }
  if (commentTruth >= 0.1 * truthTotal) {
    commentPages.push(t.id);
    continue;
  }
  const keptTrue = [...tset].filter((x) => outSet.has(x)).length;
  const containerRecall = keptTrue / truthTotal;
  let first = -1;
  let last = -1;
  for (const b of blocks) if (b.good && inC(b.i) && b.kept >= 0.5 * b.g.length) {
    if (first < 0) first = b.i;
    last = b.i;
  }
  let attributed = 0;
  const seen = new Set();
  for (const b of blocks) {
    const { i, g } = b;
    for (const x of g) if (tset.has(x)) seen.add(x);
    const short = text[i].trim().length < 120;
    const heading = a.flags[i] & F_HEADING;
    if (b.good) {
      const lost = b.hit - Math.min(b.hit, b.kept);
      if (lost <= 0) continue;
      attributed += lost;
      const w = lost / truthTotal;
      const inHead = g.filter((x) => head.has(x)).length >= 0.5 * g.length;
      let cls;
      if ((heading || short) && inHead) cls = 'convention: headline, byline or date at the truth\'s start';
      else if (tr.result.status !== 'ok') cls = 'R refused';
      else if (inC(i)) {
        let why = '';
        for (let j = i; j >= ci && !why; j = a.parent[j]) {
          if (a.neg[j]) why = `hint (${(a.negReason.get(j) ?? '').replace(/[:(].*$/, '').trim()})`;
          else if (a.card[j]) why = 'teaser card';
          else if (a.flags[j] & F_CAPTION) why = 'caption';
          else if (a.flags[j] & (F_TIME | F_AUTHOR)) why = 'byline or date flag';
          else if (a.flags[j] & F_NOTICE) why = 'notice';
        }
        if (!why && heading) why = 'heading';
        if (!why && a.ownInLink[i] > 0.5 * a.ownChars[i]) why = 'link density';
        cls = `R inside, dropped: ${why || 'other (a rule after the choice)'}`;
      } else if (ci >= 0) {
        let up = 0;
        for (let c = ci; c >= 0 && !(i >= c && i < c + a.size[c]); c = a.parent[c]) up++;
        const kind = heading ? 'heading' : short ? 'short line' : 'prose';
        if (containerRecall < 0.3) cls = 'R outside: a wrong container';
        else cls = `R outside: ${up <= 1 ? 'sibling' : up <= 3 ? '2-3 levels up' : 'further'}, ${i < ci ? 'before' : 'after'}, ${kind}`;
      } else cls = 'R outside: JSON-LD body';
      add(cls, t.id, w, text[i]);
    } else if (inC(i) && b.kept >= 0.5 * g.length) {
      const w = (g.length - b.hit) / outTotal;
      const kind = heading ? 'heading' : a.ownInLink[i] > 0.5 * a.ownChars[i] ? 'link-dense' : short ? 'short line' : 'prose';
      const place = first < 0 ? 'a container without article text' : i < first ? 'before the article' : i > last ? 'after the article' : 'between article blocks';
      add(`P ${place}${first < 0 ? '' : `, ${kind}`}`, t.id, w, text[i]);
    }
  }
  const lostAll = truthTotal - keptTrue;
  const rest = Math.max(0, Math.min(lostAll - attributed, truthTotal - seen.size));
  if (rest > 0) {
    const s = sums.get('R truth text in no block') ?? { blocks: 0, pe: 0, pages: new Map() };
    sums.set('R truth text in no block', s);
    s.pe += rest / truthTotal;
    s.pages.set(t.id, rest / truthTotal);
  }
}
console.log(`${nPages} pages (${only}); ${commentPages.length} left out, their truth keeps reader comments: ${commentPages.join(' ')}`);
console.log(`${'class'.padEnd(62)} ${'blocks'.padStart(6)} ${'page eq.'.padStart(8)} ${'pages'.padStart(5)}  worst`);
for (const [c, s] of [...sums].sort((x, y) => (x[0][0] === y[0][0] ? y[1].pe - x[1].pe : x[0] < y[0] ? -1 : 1))) {
  const top = [...s.pages].sort((x, y) => y[1] - x[1]).slice(0, 4);
  console.log(`${c.padEnd(62)} ${String(s.blocks).padStart(6)} ${s.pe.toFixed(1).padStart(8)} ${String(s.pages.size).padStart(5)}  ${top.map(([id, x]) => `${id} ${x.toFixed(2)}`).join(', ')}`);
}
// The same, in the coarser classes of docs/html-extraction.md (pages counted once per class).
const GROUPS = [
  ['R outside, beside the container (sibling, 2-3 levels up)', /^R outside: (sibling|2-3)/],
  ['R outside, further away or a wrong container', /^R outside: (further|a wrong|JSON)/],
  ['R inside, link density', /^R inside, dropped: link density/],
  ['R inside, caption hint or flag', /^R inside, dropped: (hint \(caption\)|caption)/],
  ['R inside, teaser card', /^R inside, dropped: teaser/],
  ['R inside, another class hint', /^R inside, dropped: hint/],
  ['R inside, heading, byline or date flag, a rule after the choice', /^R inside/],
  ['R refused', /^R refused/],
  ['R truth text in no block (block boundaries)', /^R truth/],
  ['P after the article', /^P after/],
  ['P a container without article text', /^P a container/],
  ['P between article blocks', /^P between/],
  ['P before the article', /^P before/],
  ['convention: headline, byline or date at the truth\'s start', /^convention/],
];
console.log(`\nby class: ${'class'.padEnd(62)} ${'blocks'.padStart(6)} ${'page eq.'.padStart(8)} ${'pages'.padStart(5)}`);
for (const [g, re] of GROUPS) {
  let blocks = 0;
  let pe = 0;
  const pg = new Set();
  for (const [c, s] of sums) {
    if (GROUPS.find(([, r]) => r.test(c))?.[0] !== g) continue;
    blocks += s.blocks;
    pe += s.pe;
    for (const id of s.pages.keys()) pg.add(id);
  }
  console.log(`by class: ${g.padEnd(62)} ${String(blocks).padStart(6)} ${pe.toFixed(1).padStart(8)} ${String(pg.size).padStart(5)}`);
}
if (list) for (const [c, s] of sums) if (c.includes(list)) console.log(c + '\n' + [...s.pages].sort((x, y) => y[1] - x[1]).map(([id, x]) => `  ${id} ${x.toFixed(3)}`).join('\n'));
