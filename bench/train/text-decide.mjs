#!/usr/bin/env node
// The decision over the line model's scores (src/model/decide.ts), tried with other settings on the development
// pages: every rendering is scored once, then each variant's kept lines (before the named rules) are scored against
// the truth. The first variant is the reference: pages better / worse count F1 changes of more than 0.01.
//
//   npm run build && node bench/train/text-decide.mjs [--fold fit|heldout|all] [--only lynx|w3m] [--list N]
//        [--variants '[{"name": "a", "extend": 0.1}, ...]']   (fields of DecideOptions; the first is the reference)
//        [--browsers elinks,chromium]   (renderings by other browsers of bench/train/pages.mjs BROWSERS, read as NC004
//                                        reads them: the format as detected, the model's input; --only picks one)
import path from 'node:path';
import { browserText, installedBrowsers, loadSplit, loadTruth, renderings, root, setDir } from './pages.mjs';

const args = process.argv.slice(2);
const opt = (name, dflt) => (args.includes(name) ? args[args.indexOf(name) + 1] : dflt);
const fold = opt('--fold', 'fit');
const only = opt('--only', null);
const list = Number(opt('--list', '0'));
const COMMENTS = { minArticle: 50, minFrames: 2, firstFrame: 12 };
const variants = JSON.parse(
  opt(
    '--variants',
    JSON.stringify([
      { name: 'committed' },
      { name: 'no comments, no extension', comments: null, extend: 0 },
    ]),
  ),
).map((v) => (v.comments === true ? { ...v, comments: COMMENTS } : v));
const { scoreText, THRESHOLD } = await import(path.join(root, 'dist/model/zones.js'));
const { articleLines, hasChrome } = await import(path.join(root, 'dist/model/decide.js'));
const { tokenize, units: ngrams, matchUnits, pageScores } = await import(path.join(setDir, 'score.mjs'));
const { modelInput } = await import(path.join(root, 'dist/model/paragraphs.js'));
const { detectFormat } = await import(path.join(root, 'dist/pipeline/detect.js'));
const wanted = (opt('--browsers', '') || '').split(',').filter(Boolean);
const browsers = installedBrowsers().filter((b) => wanted.includes(b.name));
/** The page's renderings: the set's own, then the other browsers' asked for, each as the model reads it. */
function allRenderings(id) {
  const own = renderings(id).map((r) => ({ ...r, format: 'text', input: r.text }));
  const other = [];
  for (const b of browsers) {
    const text = browserText(b, id);
    if (!text) continue;
    const format = detectFormat(text.replace(/\r\n?/g, '\n'));
    if (format !== 'text' && format !== 'markdown') continue;
    other.push({ variant: b.name, format, input: modelInput(text, format) });
  }
  return [...own, ...other];
}

const split = loadSplit();
const pages = loadTruth().filter((t) => fold === 'all' || (split[t.id]?.fold ?? 'fit') === fold);
const res = new Map(); // variant name + rendering -> [{id, P, R, F}]
for (const t of pages) {
  const truth = ngrams(tokenize(t.body), 4);
  for (const r of allRenderings(t.id)) {
    if (only && r.variant !== only) continue;
    const scored = scoreText(r.input, { markdown: r.format === 'markdown' });
    const acted = hasChrome(scored, THRESHOLD);
    for (const v of variants) {
      const { name, ...o } = v;
      const keepLine = acted ? articleLines(scored, THRESHOLD, o).keep : null;
      const kept = scored.doc.units.filter((u) => (keepLine ? keepLine[u.index] : true)).map((u) => u.text).join('\n');
      const s = pageScores(matchUnits(truth, ngrams(tokenize(kept), 4)));
      const key = `${r.variant}\t${name}`;
      if (!res.has(key)) res.set(key, []);
      res.get(key).push({ id: t.id, P: s.precision ?? 0, R: s.recall ?? 0, F: s.f1 ?? 0 });
    }
  }
}
const mean = (xs) => xs.reduce((a, b) => a + b, 0) / xs.length;
console.log(`fold ${fold}, ${pages.length} pages; kept lines of the line model (threshold ${THRESHOLD})`);
console.log('rendering  variant                          P      R      F1     clean  better worse');
const renders = [...new Set([...res.keys()].map((k) => k.split('\t')[0]))].sort();
for (const rv of renders) {
  const ref = res.get(`${rv}\t${variants[0].name}`);
  for (const v of variants) {
    const rows = res.get(`${rv}\t${v.name}`);
    const P = mean(rows.map((x) => x.P));
    const R = mean(rows.map((x) => x.R));
    const better = rows.filter((x, i) => x.F > ref[i].F + 0.01);
    const worse = rows.filter((x, i) => x.F < ref[i].F - 0.01);
    console.log(
      `${rv.padEnd(10)} ${v.name.padEnd(32)} ${P.toFixed(3)}  ${R.toFixed(3)}  ${((2 * P * R) / (P + R)).toFixed(3)}  ${mean(rows.map((x) => (x.F >= 0.9 ? 1 : 0))).toFixed(3)}  ${String(better.length).padStart(6)} ${String(worse.length).padStart(5)}`,
    );
    if (list && v !== variants[0]) {
      const d = rows.map((x, i) => ({ id: x.id, from: ref[i].F, to: x.F })).filter((x) => Math.abs(x.to - x.from) > 0.01);
      d.sort((a, b) => a.to - a.from - (b.to - b.from));
      for (const x of [...d.slice(0, list), ...d.slice(-list)]) console.log(`    ${x.id} ${x.from.toFixed(3)} -> ${x.to.toFixed(3)}`);
    }
  }
}
