#!/usr/bin/env node
// Which rule removes article words from the plain-text renderings: each page is cleaned whole (every rule, removed
// texts recorded whole), and each removal record is charged with its word 4-grams that the true body holds and the
// output lacks (consumed with their counts, so that a passage the output keeps elsewhere is not charged). Sums are
// page-equivalents (4-grams per true 4-gram, summed over pages), all pages and the pages not clean (F1 < 0.9),
// grouped by rule id and action (scores folded).
//
// --decision instead reads NC004's decision alone (the line model's kept lines, as text-errors.mjs does) and sorts
// the article lines it drops by why (below the threshold, outside the span, in the comment section, above the
// headline, moved to metadata) and where (before the first kept line, between kept lines, after the last), on the
// pages not clean whose recall is 0.3 or more (text-errors.mjs's "wrong block" pages left out).
//
//   npm run build && node bench/train/text-removals.mjs [--fold fit|heldout] [--only lynx|w3m|elinks|…] [--decision]
//                                                       [--show PREFIX]   (the removals whose group starts so)
import path from 'node:path';
import { browserText, installedBrowsers, loadSplit, loadTruth, renderings, root, setDir } from './pages.mjs';
import { unitCoverage } from './common.mjs';

const args = process.argv.slice(2);
const opt = (name, dflt) => (args.includes(name) ? args[args.indexOf(name) + 1] : dflt);
const fold = opt('--fold', 'fit');
const only = opt('--only', 'lynx');
const show = opt('--show', null);
const sc = await import(path.join(setDir, 'score.mjs'));
const split = loadSplit();
const pages = loadTruth().filter((t) => (split[t.id]?.fold ?? 'fit') === fold);
const browser = installedBrowsers().find((b) => b.name === only);
const textOf = (id) => (browser ? browserText(browser, id) : renderings(id).find((r) => r.variant === only)?.text ?? null);
const agg = new Map();
const add = (key, w, notClean, line) => {
  const e = agg.get(key) ?? { w: 0, notClean: 0, pages: new Set(), n: 0 };
  e.w += w;
  if (notClean) e.notClean += w;
  e.n++;
  agg.set(key, e);
  if (show && key.startsWith(show)) console.log(`  ${line}`);
};

if (!args.includes('--decision')) {
  const { cleanText } = await import(path.join(root, 'dist/index.js'));
  for (const t of pages) {
    const text = textOf(t.id);
    if (!text) continue;
    const r = cleanText(text, { path: `${t.id}.txt`, fullRemovals: true });
    if (r.error) continue;
    const body = r.body.replace(/\\([!-/:-@[-`{-~])/g, '$1').replace(/\[([^\]]*)\]\([^)]*\)/g, '$1');
    const truth = sc.units(sc.tokenize(t.body), 4);
    let nTrue = 0;
    const missing = new Map(truth);
    for (const c of truth.values()) nTrue += c;
    for (const [g, c] of sc.units(sc.tokenize(body), 4)) if (missing.has(g)) missing.set(g, Math.max(0, missing.get(g) - c));
    const f1 = sc.pageScores(sc.matchUnits(truth, sc.units(sc.tokenize(body), 4))).f1 ?? 0;
    for (const x of r.removed) {
      let hit = 0;
      for (const [g, c] of sc.units(sc.tokenize(x.text), 4)) {
        const m = Math.min(c, missing.get(g) ?? 0);
        if (m > 0) { missing.set(g, missing.get(g) - m); hit += m; }
      }
      if (!hit) continue;
      const key = `${x.id} ${x.action.replace(/\d+(?:\.\d+)?/g, 'N').replace(/"[^"]*"/g, '"…"')}`;
      add(key, hit / (nTrue || 1), f1 < 0.9, `${t.id} F1 ${f1.toFixed(3)} ${x.text.slice(0, 160)}`);
      agg.get(key).pages.add(t.id);
    }
  }
} else {
  const { scoreText, THRESHOLD } = await import(path.join(root, 'dist/model/zones.js'));
  const { modelInput } = await import(path.join(root, 'dist/model/paragraphs.js'));
  const { articleLines, hasChrome } = await import(path.join(root, 'dist/model/decide.js'));
  const { detectFormat } = await import(path.join(root, 'dist/pipeline/detect.js'));
  for (const t of pages) {
    const text = textOf(t.id);
    if (!text) continue;
    const format = detectFormat(text.replace(/\r\n?/g, '\n'));
    if (format !== 'text' && format !== 'markdown') continue;
    const scored = scoreText(modelInput(text, format), { markdown: format === 'markdown' });
    if (!hasChrome(scored, THRESHOLD)) continue;
    const d = articleLines(scored, THRESHOLD);
    const { doc, p } = scored;
    const why = new Map();
    for (const x of d.removed) {
      const w = x.moved ? 'moved to metadata' : x.outside ? 'outside the span' : x.comments ? 'comment section' : x.aboveHeadline ? 'above the headline' : 'below the threshold';
      for (const l of x.text.split('\n')) why.set(l.trim(), w);
    }
    const truthTokens = sc.tokenize(t.body).length || 1;
    const { tokCount, covCount } = unitCoverage(doc, sc.units(sc.tokenize(t.body), 4), sc.tokenize);
    const y = Array.from(tokCount, (c, j) => (c > 0 && covCount[j] / c >= 0.5 ? 1 : 0));
    const keep = doc.units.map((u) => d.keep[u.index]);
    const kept = doc.units.filter((_, j) => keep[j]).map((u) => u.text).join('\n');
    const s = sc.pageScores(sc.matchUnits(sc.units(sc.tokenize(t.body), 4), sc.units(sc.tokenize(kept), 4)));
    if ((s.f1 ?? 0) >= 0.9 || (s.recall ?? 0) < 0.3) continue;
    const first = keep.indexOf(true);
    const last = keep.lastIndexOf(true);
    for (let j = 0; j < y.length; j++) {
      if (keep[j] || !y[j]) continue;
      const u = doc.units[j];
      const w = p[j] < THRESHOLD ? 'below the threshold' : why.get(u.raw.trim()) ?? why.get(u.text) ?? 'below the threshold';
      const where = j < first ? 'before the first kept line' : j > last ? 'after the last kept line' : 'between kept lines';
      add(`${w}, ${where}`, tokCount[j] / truthTokens, true, `${t.id} ${p[j].toFixed(2)} ${u.text.slice(0, 120)}`);
    }
  }
}
console.log(`fold ${fold}, ${only}${args.includes('--decision') ? ": NC004's decision, article lines dropped on the pages not clean (recall 0.3 or more)" : ': whole cleaner, article 4-grams charged to each removal'}`);
console.log('page-equivalents  (not clean)  records  group');
for (const [k, e] of [...agg].sort((a, b) => b[1].w - a[1].w).slice(0, 30)) console.log(`${e.w.toFixed(1).padStart(8)}  ${e.notClean.toFixed(1).padStart(11)}  ${String(e.n).padStart(7)}  ${k}`);
