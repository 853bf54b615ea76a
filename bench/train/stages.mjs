#!/usr/bin/env node
// Where the article's words are lost on the HTML pages: recall and precision of the whole page's text, of the
// extractor's output (before the block rules) and of the final Markdown, per page. Diagnostics for development.
//
//   npm run build && node bench/train/stages.mjs [--only fit|heldout] [--sample N]
import { readFileSync, writeFileSync } from 'node:fs';
import { gunzipSync } from 'node:zlib';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { args, opt, root, setDir } from './common.mjs';

const only = opt('--only', 'fit');
const sample = Number(opt('--sample', '1'));
const imp = (p) => import(pathToFileURL(path.join(root, 'dist', p)).href);
const { parseHtml } = await imp('html/dom.js');
const { extractArticle } = await imp('extract/extract.js');
const { pageText } = await imp('extract/text.js');
const lib = await imp('index.js');
const { markdownToText } = await import('./md-text.mjs');
const sc = await import(pathToFileURL(path.join(setDir, 'score.mjs')).href);
const split = JSON.parse(readFileSync(path.join(root, 'bench/data/pages-split.json'), 'utf8'));
const truth = readFileSync(path.join(setDir, 'truth.jsonl'), 'utf8').split('\n').filter(Boolean).map((l) => JSON.parse(l));
const score = (t, p) => sc.pageScores(sc.matchUnits(sc.units(sc.tokenize(t), 4), sc.units(sc.tokenize(p), 4)));
const out = [];
for (let i = 0; i < truth.length; i += sample) {
  const t = truth[i];
  if (only !== 'all' && (split[t.id]?.fold ?? 'fit') !== only) continue;
  const html = gunzipSync(readFileSync(path.join(setDir, 'html', `${t.id}.html.gz`))).toString('utf8');
  const dom = parseHtml(html);
  const whole = pageText(dom.children.find((c) => c.type === 'tag') ?? dom);
  const ex = extractArticle(parseHtml(html));
  const exText = ex.root ? pageText(ex.root) : '';
  const r = lib.cleanText(html, { path: t.id + '.html' });
  const fin = r.error ? '' : markdownToText(r.body);
  const sw = score(t.body, whole), se = score(t.body, exText), sf = score(t.body, fin);
  out.push({ id: t.id, format: r.format, whole: +(sw.recall ?? 0).toFixed(3), exR: +(se.recall ?? 0).toFixed(3), exP: +(se.precision ?? 0).toFixed(3), finR: +(sf.recall ?? 0).toFixed(3), finP: +(sf.precision ?? 0).toFixed(3), f1: +sf.f1.toFixed(3), err: r.error?.message?.slice(0, 80) });
}
writeFileSync(path.join(root, 'bench/.out/stages.jsonl'), out.map((o) => JSON.stringify(o)).join('\n') + '\n');
const mean = (k) => (out.reduce((a, o) => a + o[k], 0) / out.length).toFixed(3);
console.log(`pages ${out.length}: whole-page recall ${mean('whole')}; extractor R ${mean('exR')} P ${mean('exP')}; final R ${mean('finR')} P ${mean('finP')}`);
const fmt = {};
for (const o of out) fmt[o.format] = (fmt[o.format] ?? 0) + 1;
console.log('formats', JSON.stringify(fmt));
