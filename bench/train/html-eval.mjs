#!/usr/bin/env node
// Quick in-process measurement of the HTML variant of ../shared/bench/pages: cleanText on every saved page,
// scored with the set's own scorer functions, fitted and held-out sites apart. Writes one line per page to
// bench/.out/html-eval.jsonl (F1, P, R, error, metadata and truth) for error analysis.
//
//   npm run build && node bench/train/html-eval.mjs [--sample N] [--only fit|heldout] [--ids a,b] [--out FILE] [--inbox] [--with-front-matter] [--strip-hints]
//
// --with-front-matter: the output's title, author and date are put before its body before scoring (Dragnet truths
// often begin with the headline, a byline and a date line, which the output contract keeps in the front matter):
// the gap left when the contract is taken out of the measurement. Not the reference figure.
//
// --inbox: each fold's pages are one run's inbox, with template text found across them (NC223, as the command finds
// it over a folder of pages: the run's first pass over the pages' block lines).
//
// `npm run bench:pages` remains the reference (the set's runner, every variant, Readability.js beside it).
import { readFileSync, writeFileSync, mkdirSync } from 'node:fs';
import { gunzipSync } from 'node:zlib';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { args, opt, root, readTruth, setDir } from './common.mjs';

const sample = Number(opt('--sample', '1'));
const only = opt('--only', null);
const ids = opt('--ids', null)?.split(',');
// --strip-hints: every page without its class and id attributes (markup that names nothing: how much rests on the hints)
const stripHints = args.includes('--strip-hints');
const contract = args.includes('--with-title') ? 'title' : args.includes('--with-front-matter') ? 'all' : null;
const outFile = path.resolve(opt('--out', path.join(root, 'bench/.out/html-eval.jsonl')));
const { markdownToText } = await import('./md-text.mjs');
const lib = await import(pathToFileURL(path.join(root, 'dist/index.js')).href);
const sc = await import(pathToFileURL(path.join(setDir, 'score.mjs')).href);
const split = JSON.parse(readFileSync(path.join(root, 'bench/data/pages-split.json'), 'utf8'));


const truth = readTruth();
const pageHtml = (id) => gunzipSync(readFileSync(path.join(setDir, 'html', `${id}.html.gz`))).toString('utf8');
const templates = new Map();
if (args.includes('--inbox')) {
  const { TemplateIndex } = await import(pathToFileURL(path.join(root, 'dist/inbox/templates.js')).href);
  const { htmlBlockLines } = await import(pathToFileURL(path.join(root, 'dist/inbox/html-lines.js')).href);
  const { nfc } = await import(pathToFileURL(path.join(root, 'dist/text/nfc.js')).href);
  for (const fold of ['fit', 'heldout']) {
    const index = new TemplateIndex();
    const docs = [];
    truth.forEach((t, i) => {
      if (i % sample !== 0 || (split[t.id]?.fold ?? 'fit') !== fold) return;
      docs.push(t.id);
      index.add(htmlBlockLines(nfc(pageHtml(t.id).replace(/\r\n?/g, '\n'))));
    });
    for (const [d, hs] of index.templates()) templates.set(docs[d], hs);
  }
}
const rows = [];
const t0 = performance.now();
for (let i = 0; i < truth.length; i++) {
  const t = truth[i];
  if (i % sample !== 0) continue;
  const fold = split[t.id]?.fold ?? 'fit';
  if (only && fold !== only) continue;
  if (ids && !ids.includes(t.id)) continue;
  const html = stripHints ? pageHtml(t.id).replace(/\s(?:class|id)\s*=\s*(?:"[^"]*"|'[^']*'|[^\s>]+)/gi, '') : pageHtml(t.id);
  let r;
  try {
    r = lib.cleanText(html, { path: `${t.id}.html`, ...(templates.has(t.id) ? { templates: templates.get(t.id) } : {}) });
  } catch (e) {
    r = { error: { code: 'threw', message: String(e) }, metadata: {} };
  }
  let body = r.error ? '' : markdownToText(r.body ?? '');
  if (contract && !r.error) {
    // the front matter's headline, byline and date as the body's first lines, the way most Dragnet truths begin
    const md0 = r.metadata ?? {};
    const lead = contract === "title" ? [md0.title] : [md0.title, Array.isArray(md0.author) ? md0.author.join(", ") : md0.author, md0.date];
    body = [...lead, body].join('\n\n');
  }
  const s = sc.pageScores(sc.matchUnits(sc.units(sc.tokenize(t.body), 4), sc.units(sc.tokenize(body), 4)));
  const md = r.metadata ?? {};
  const row = { id: t.id, fold, f1: +s.f1.toFixed(4), p: s.precision, r: s.recall, error: r.error ? `${r.error.code}: ${r.error.message}` : undefined, words: sc.tokenize(body).length, twords: sc.tokenize(t.body).length };
  for (const [f, fn] of [['title', sc.titleMatches], ['author', sc.authorMatches], ['date', sc.dateMatches]]) {
    if (t[f] === undefined) continue;
    const v = Array.isArray(md[f]) ? md[f].join(', ') : md[f];
    row[f] = { ok: fn(v, t[f]), got: v ?? null, want: t[f] };
  }
  rows.push(row);
}
const ms = performance.now() - t0;
mkdirSync(path.dirname(outFile), { recursive: true });
writeFileSync(outFile, rows.map((r) => JSON.stringify(r)).join('\n') + '\n');
const mean = (xs) => (xs.length ? xs.reduce((a, b) => a + b, 0) / xs.length : NaN);
for (const fold of ['fit', 'heldout']) {
  for (const ds of ['dragnet', 'readability', 'all']) {
    const g = rows.filter((r) => r.fold === fold && (ds === 'all' || r.id.startsWith(ds)));
    if (!g.length) continue;
    const P = mean(g.filter((r) => r.p !== null).map((r) => r.p));
    const R = mean(g.map((r) => r.r ?? 0));
    const f1 = (2 * P * R) / (P + R);
    const meta = ['title', 'author', 'date'].map((f) => {
      const h = g.filter((r) => r[f]);
      return h.length ? `${f} ${(h.filter((r) => r[f].ok).length / h.length).toFixed(3)} (${h.length})` : '';
    });
    console.log(`${fold.padEnd(8)} ${ds.padEnd(12)} n=${String(g.length).padStart(4)} F1 ${f1.toFixed(3)} P ${P.toFixed(3)} R ${R.toFixed(3)} page-F1 ${mean(g.map((r) => r.f1)).toFixed(3)} clean ${(g.filter((r) => r.f1 >= 0.9).length / g.length).toFixed(3)} empty ${g.filter((r) => r.words === 0).length} ${meta.join(' ')}`);
  }
}
console.log(`${rows.length} pages, ${(ms / 1000).toFixed(1)} s`);
