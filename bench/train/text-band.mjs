#!/usr/bin/env node
// The pages just below clean: each page of a fold whose kept lines (NC004's decision before the named rules, as
// text-errors.mjs reads them) score a word 4-gram F1 from --lo to --hi on one rendering, with its wrong words (per
// true word) by where they stand: kept above, below or inside the true article (its first and last line as the
// trainer labels lines), article lines dropped above the first kept line, below the last, between kept lines, or
// moved to metadata (the header, which a Dragnet truth often keeps in the body). Then the sums over the pages and on
// how many pages each is the largest. --dump ID prints one page's lines instead: index, score, K (kept) / M (moved
// to metadata) / . (dropped), A (an article line of the truth), block, text.
//
//   npm run build && node bench/train/text-band.mjs [--fold fit|heldout] [--only lynx|w3m] [--lo 0.8] [--hi 0.9]
//                                                   [--dump ID]
import path from 'node:path';
import { loadSplit, loadTruth, renderings, root, setDir } from './pages.mjs';
import { unitCoverage } from './common.mjs';

const args = process.argv.slice(2);
const opt = (n, d) => (args.includes(n) ? args[args.indexOf(n) + 1] : d);
const fold = opt('--fold', 'fit'), only = opt('--only', 'lynx'), lo = Number(opt('--lo', '0.8')), hi = Number(opt('--hi', '0.9'));
const dump = opt('--dump', null);
const { scoreText, THRESHOLD } = await import(path.join(root, 'dist/model/zones.js'));
const { articleLines, hasChrome } = await import(path.join(root, 'dist/model/decide.js'));
const { detectFormat } = await import(path.join(root, 'dist/pipeline/detect.js'));
const { modelInput } = await import(path.join(root, 'dist/model/paragraphs.js'));
const { tokenize, units: ngrams, matchUnits, pageScores } = await import(path.join(setDir, 'score.mjs'));
const split = loadSplit();
const pages = loadTruth().filter((t) => (dump ? t.id === dump : (split[t.id]?.fold ?? 'fit') === fold));
const agg = new Map();
for (const t of pages) {
  const r = renderings(t.id).find((x) => x.variant === only);
  if (!r) continue;
  const format = detectFormat(r.text.replace(/\r\n?/g, '\n'));
  if (format !== 'text' && format !== 'markdown') continue;
  const scored = scoreText(modelInput(r.text, format), { markdown: format === 'markdown' });
  if (!hasChrome(scored, THRESHOLD)) continue;
  const dec = articleLines(scored, THRESHOLD);
  const { doc, p } = scored;
  const keep = doc.units.map((u) => dec.keep[u.index]);
  const kept = doc.units.filter((_, j) => keep[j]).map((u) => u.text).join('\n');
  const sc = pageScores(matchUnits(ngrams(tokenize(t.body), 4), ngrams(tokenize(kept), 4)));
  const f = sc.f1 ?? 0;
  if (!dump && (f < lo || f >= hi)) continue;
  const { tokCount, covCount } = unitCoverage(doc, ngrams(tokenize(t.body), 4), tokenize);
  const y = Array.from(tokCount, (c, j) => (c > 0 && covCount[j] / c >= 0.5 ? 1 : 0));
  const trueWords = tokenize(t.body).length || 1;
  const first = y.indexOf(1), last = y.lastIndexOf(1);
  const moved = new Set();
  for (const h of [dec.header.title, dec.header.author, dec.header.date]) if (h) for (const j of h.units) moved.add(j);
  if (dump) {
    console.log(`${t.id} ${only} F1 ${f.toFixed(3)} P ${(sc.precision??0).toFixed(3)} R ${(sc.recall??0).toFixed(3)} first ${dec.first} title ${dec.header.title?.units} date ${dec.header.date?.units} author ${dec.header.author?.units}`);
    doc.units.forEach((u, j) => console.log(`${String(j).padStart(4)} ${p[j].toFixed(2)} ${keep[j] ? 'K' : moved.has(j) ? 'M' : '.'}${y[j] ? 'A' : ' '} b${String(u.block).padStart(3)} ${u.text.slice(0, 130)}`));
    continue;
  }
  // losses by where: kept before/after/inside, dropped before-first-kept/after-last-kept/between
  const loss = {};
  const firstK = keep.indexOf(true), lastK = keep.lastIndexOf(true);
  for (let j = 0; j < y.length; j++) {
    const w = tokCount[j] / trueWords;
    let k = null;
    if (keep[j] && !y[j]) k = j < first ? 'kept before' : j > last ? 'kept after' : 'kept inside';
    else if (!keep[j] && y[j]) k = moved.has(j) ? 'dropped: header' : j < firstK ? 'dropped above kept' : j > lastK ? 'dropped below kept' : 'dropped between';
    if (k) loss[k] = (loss[k] ?? 0) + w;
  }
  const top = Object.entries(loss).sort((a, b) => b[1] - a[1]);
  console.log(`${t.id} F1 ${f.toFixed(3)} P ${(sc.precision??0).toFixed(3)} R ${(sc.recall??0).toFixed(3)}  ${top.map(([k, v]) => `${k} ${v.toFixed(3)}`).join(', ')}`);
  for (const [k, v] of Object.entries(loss)) { const e = agg.get(k) ?? [0, 0]; e[0] += v; if (top[0][0] === k) e[1]++; agg.set(k, e); }
}
if (!dump) for (const [k, [v, n]] of [...agg].sort((a, b) => b[1][0] - a[1][0])) console.log(`${k.padEnd(22)} ${v.toFixed(2)}  top on ${n} pages`);
