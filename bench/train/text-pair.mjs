#!/usr/bin/env node
// The pages one renderer's text loses article on against another's rendering of the same pages (lynx against w3m):
// each page whose recall on A falls short of B's by --gap or more (whole cleaner, from text-eval.mjs --json files),
// and why, read on the line model's decision over A's rendering (NC004's kept lines, before the named rules):
//   - "after the model": A's kept lines hold about as much of the article as B's (within 0.05): the loss is a named
//     rule's or the header's;
//   - "paragraphs run together": A's article lines stand in at most half as many blank-line blocks as B's, twice as
//     many lines to a block (a renderer that draws <br><br> paragraphs without a blank line between them);
//   - "scored above, dropped by the span": most of A's dropped article words are on lines scored at or above the
//     threshold (the span or a cut took them);
//   - "scored under the threshold": the rest.
// --closed FILE (text-eval.mjs --json of A by another build): the part of each page's gap that build closes is
// counted as a class of its own ("closed"), the classes above count what is left.
//
//   npm run build && node bench/train/text-pair.mjs --a A.jsonl --b B.jsonl [--va lynx] [--vb w3m] [--gap 0.1]
//                                                   [--closed C.jsonl] [--dist DIR]
import path from 'node:path';
import { readFileSync } from 'node:fs';
import { loadTruth, renderings, root, setDir } from './pages.mjs';
import { unitCoverage } from './common.mjs';

const args = process.argv.slice(2);
const opt = (n, d) => (args.includes(n) ? args[args.indexOf(n) + 1] : d);
const va = opt('--va', 'lynx'), vb = opt('--vb', 'w3m'), minGap = Number(opt('--gap', '0.1'));
const dist = path.resolve(opt('--dist', path.join(root, 'dist')));
const { scoreText, THRESHOLD } = await import(path.join(dist, 'model/zones.js'));
const { articleLines, hasChrome } = await import(path.join(dist, 'model/decide.js'));
const { detectFormat } = await import(path.join(dist, 'pipeline/detect.js'));
const { modelInput } = await import(path.join(dist, 'model/paragraphs.js'));
const { tokenize, units: ngrams, matchUnits, pageScores } = await import(path.join(setDir, 'score.mjs'));
const read = (f, v) => new Map(readFileSync(f, 'utf8').trim().split('\n').map((l) => JSON.parse(l)).filter((o) => o.variant === v).map((o) => [o.id, o]));
const A = read(opt('--a'), va), B = read(opt('--b'), vb);
const C = opt('--closed', null) ? read(opt('--closed'), va) : null;
const truth = new Map(loadTruth().map((t) => [t.id, t]));

/** The line model's decision over one rendering: recall of its kept lines, article lines and their blocks, dropped article words by score. */
function modelRead(t, variant) {
  const r = renderings(t.id).find((x) => x.variant === variant);
  const format = detectFormat(r.text.replace(/\r\n?/g, '\n'));
  const scored = scoreText(modelInput(r.text, format), { markdown: format === 'markdown' });
  const dec = hasChrome(scored, THRESHOLD) ? articleLines(scored, THRESHOLD) : null;
  const { doc, p } = scored;
  const keep = doc.units.map((u) => (dec ? dec.keep[u.index] : true));
  const trueGrams = ngrams(tokenize(t.body), 4);
  const kept = doc.units.filter((_, j) => keep[j]).map((u) => u.text).join('\n');
  const recall = pageScores(matchUnits(trueGrams, ngrams(tokenize(kept), 4))).recall ?? 0;
  const { tokCount, covCount } = unitCoverage(doc, trueGrams, tokenize);
  const y = Array.from(tokCount, (c, j) => (c > 0 && covCount[j] / c >= 0.5 ? 1 : 0));
  const lines = y.reduce((a, b) => a + b, 0);
  const blocks = new Set(doc.units.filter((_, j) => y[j]).map((u) => u.block)).size;
  let above = 0, under = 0;
  doc.units.forEach((_, j) => {
    if (y[j] && !keep[j]) p[j] >= THRESHOLD ? (above += tokCount[j]) : (under += tokCount[j]);
  });
  return { recall, lines, blocks, above, under };
}

const sums = new Map();
let pages = 0;
for (const [id, a] of [...A].sort()) {
  const b = B.get(id);
  if (!b || a.r === null || b.r === null || b.r - a.r < minGap) continue;
  pages++;
  const gap = b.r - a.r;
  const closed = C ? Math.min(gap, Math.max(0, (C.get(id)?.r ?? a.r) - a.r)) : 0;
  const t = truth.get(id);
  const x = modelRead(t, va), y = modelRead(t, vb);
  let cls;
  if (x.recall >= y.recall - 0.05) cls = 'after the model';
  else if (x.blocks * 2 <= y.blocks && x.lines / Math.max(1, x.blocks) >= (2 * y.lines) / Math.max(1, y.blocks)) cls = 'paragraphs run together';
  else if (x.above > x.under) cls = 'scored above, dropped by the span';
  else cls = 'scored under the threshold';
  if (C) sums.set('closed', (sums.get('closed') ?? 0) + closed);
  sums.set(cls, (sums.get(cls) ?? 0) + gap - closed);
  console.log(`${id.padEnd(34)} R ${a.r.toFixed(3)} / ${b.r.toFixed(3)}  gap ${gap.toFixed(3)}${C ? `  closed ${closed.toFixed(3)}` : ''}  ${cls}  (kept lines R ${x.recall.toFixed(2)} / ${y.recall.toFixed(2)}, article blocks ${x.blocks} / ${y.blocks})`);
}
console.log(`${pages} pages where ${va}'s recall is ${minGap} or more below ${vb}'s; their gaps in page-equivalents of recall:`);
for (const [k, v] of [...sums].sort((p, q) => q[1] - p[1])) console.log(`  ${k.padEnd(36)} ${v.toFixed(2)}`);
