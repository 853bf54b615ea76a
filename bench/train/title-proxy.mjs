// Titles of the whole pages against a proxy of the truth: Dragnet truths begin with the article's headline, so a
// Dragnet page's title counts as right when it equals one of its truth's first three lines (pages whose <title>
// contains such a line); Readability pages are scored on their true titles (score.mjs titleMatches).
//
//   npm run build && node bench/train/title-proxy.mjs [--inbox] [--show]
//
// --inbox: each fold's pages are one run (their titles counted together for site names, src/inbox/title-sites.ts).
import { readFileSync } from 'node:fs';
import { gunzipSync } from 'node:zlib';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const setDir = path.resolve(root, '../shared/bench/pages');
const lib = await import(pathToFileURL(path.join(root, 'dist/index.js')).href);
const split = JSON.parse(readFileSync(path.join(root, 'bench/data/pages-split.json'), 'utf8'));
const truth = readFileSync(path.join(setDir, 'truth.jsonl'), 'utf8').split('\n').filter(Boolean).map((l) => JSON.parse(l));
const sitesOf = new Map();
if (process.argv.includes('--inbox')) {
  const { TitleSiteIndex, pageTitle } = await import(pathToFileURL(path.join(root, 'dist/inbox/title-sites.js')).href);
  for (const fold of ['fit', 'heldout']) {
    const idx = new TitleSiteIndex(); const ids = [];
    for (const t of truth) { if ((split[t.id]?.fold ?? 'fit') !== fold) continue; const html = gunzipSync(readFileSync(path.join(setDir, 'html', `${t.id}.html.gz`))).toString('utf8'); ids[idx.add(pageTitle(html))] = t.id; }
    for (const [p, names] of idx.sites()) sitesOf.set(ids[p], names);
  }
}
const out = [];
for (const t of truth) {
  const html = gunzipSync(readFileSync(path.join(setDir, 'html', `${t.id}.html.gz`))).toString('utf8');
  let r; try { r = lib.cleanText(html, { path: `${t.id}.html`, ...(sitesOf.has(t.id) ? { titleSites: sitesOf.get(t.id) } : {}) }); } catch { continue; }
  const md = r.metadata ?? {};
  const tt = /<title[^>]*>([\s\S]{0,300}?)<\/title>/i.exec(html)?.[1]?.replace(/\s+/g, ' ').trim();
  out.push({ id: t.id, fold: split[t.id]?.fold, title: md.title, author: md.author, publisher: md.publisher, url: md.url, tag: tt, want: t.title });
}
const sc = await import(pathToFileURL(path.join(setDir, 'score.mjs')).href);
const norm = (s) => (s ?? '').normalize('NFKC').toLowerCase().replace(/[^\p{L}\p{N}]+/gu, ' ').trim();
const truthOf = new Map(truth.map((t) => [t.id, t]));
const rows = out;
const res = { fit: [0, 0, 0], heldout: [0, 0, 0] };
const bad = [];
for (const r of rows) {
  const t = truthOf.get(r.id);
  const f = r.fold ?? 'fit';
  if (t.title) { res[f][2] += sc.titleMatches(r.title, t.title) ? 1 : 0; continue; }
  const lines = t.body.split('\n').map(norm).filter(Boolean).slice(0, 3);
  // only pages whose truth starts with a line that the page's <title> contains (the headline is there)
  const tag = norm(r.tag);
  const head = lines.find((l) => l.split(' ').length >= 2 && tag.includes(l));
  if (!head) continue;
  res[f][0]++;
  if (norm(r.title) === head) res[f][1]++;
  else bad.push(`${r.id} ${JSON.stringify(r.title)} want ${JSON.stringify(head)}`);
}
for (const f of ['fit', 'heldout']) console.log(f, `dragnet headline proxy ${res[f][1]}/${res[f][0]} = ${(res[f][1] / res[f][0]).toFixed(3)}`, `readability titles right ${res[f][2]}`);
if (process.argv.includes('--show')) console.log(bad.join('\n'));
