// Titles of the whole pages against a proxy of the truth: Dragnet truths begin with the article's headline, so a
// Dragnet page's title counts as right when it equals one of its truth's first three lines (pages whose <title>
// contains such a line); Readability pages are scored on their true titles (score.mjs titleMatches).
//
//   npm run build && node bench/train/title-proxy.mjs [--inbox] [--show]
//   npm run build && node bench/train/title-proxy.mjs --text lynx,w3m[,elinks,links,...] [--inbox] [--classes] [--show]
//
// --inbox: each fold's pages are one run (their titles counted together for site names, src/inbox/title-sites.ts);
// with --text, each fold's renderings of one renderer are one run, their template lines found across them as
// text-eval.mjs --inbox finds them (src/inbox/templates.ts) and passed as CleanOptions.templates.
// --text: the plain-text renderings instead of the HTML (the set's lynx and w3m, and the text browsers of
// bench/train/pages.mjs BROWSERS, never fitted on, when installed), scored on the same pages: a Dragnet page's title
// is right when it equals the headline line of its truth, a Readability page's under score.mjs titleMatches. With
// --classes each error gets its class (bench/train/title-classes.mjs: window-wrong, outside-window, partial-line,
// absent, ...), counted per fold and renderer; --show lists them.
import { readFileSync } from 'node:fs';
import { gunzipSync } from 'node:zlib';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const setDir = path.resolve(root, '../shared/bench/pages');
const lib = await import(pathToFileURL(path.join(root, 'dist/index.js')).href);
const sc = await import(pathToFileURL(path.join(setDir, 'score.mjs')).href);
const split = JSON.parse(readFileSync(path.join(root, 'bench/data/pages-split.json'), 'utf8'));
const truth = readFileSync(path.join(setDir, 'truth.jsonl'), 'utf8').split('\n').filter(Boolean).map((l) => JSON.parse(l));
const sitesOf = new Map();
const inbox = process.argv.includes('--inbox');
if (inbox && !process.argv.includes('--text')) {
  const { TitleSiteIndex, pageTitle } = await import(pathToFileURL(path.join(root, 'dist/inbox/title-sites.js')).href);
  for (const fold of ['fit', 'heldout']) {
    const idx = new TitleSiteIndex(); const ids = [];
    for (const t of truth) { if ((split[t.id]?.fold ?? 'fit') !== fold) continue; const html = gunzipSync(readFileSync(path.join(setDir, 'html', `${t.id}.html.gz`))).toString('utf8'); ids[idx.add(pageTitle(html))] = t.id; }
    for (const [p, names] of idx.sites()) sitesOf.set(ids[p], names);
  }
}
const norm = (s) => (s ?? '').normalize('NFKC').toLowerCase().replace(/[^\p{L}\p{N}]+/gu, ' ').trim();
/** The page's headline line in its Dragnet truth: one of the truth's first three lines (2+ words) that its <title> holds. */
function proxyHeadline(t, tag) {
  const lines = t.body.split('\n').map(norm).filter(Boolean).slice(0, 3);
  const n = norm(tag);
  return lines.find((l) => l.split(' ').length >= 2 && n.includes(l)) ?? null;
}
const textArg = process.argv.includes('--text') ? process.argv[process.argv.indexOf('--text') + 1] : null;
if (textArg) {
  await textProxy(textArg.split(','));
  process.exit(0);
}
const out = [];
for (const t of truth) {
  const html = gunzipSync(readFileSync(path.join(setDir, 'html', `${t.id}.html.gz`))).toString('utf8');
  let r; try { r = lib.cleanText(html, { path: `${t.id}.html`, ...(sitesOf.has(t.id) ? { titleSites: sitesOf.get(t.id) } : {}) }); } catch { continue; }
  const md = r.metadata ?? {};
  const tt = /<title[^>]*>([\s\S]{0,300}?)<\/title>/i.exec(html)?.[1]?.replace(/\s+/g, ' ').trim();
  out.push({ id: t.id, fold: split[t.id]?.fold, title: md.title, author: md.author, publisher: md.publisher, url: md.url, tag: tt, want: t.title });
}
const truthOf = new Map(truth.map((t) => [t.id, t]));
const rows = out;
const res = { fit: [0, 0, 0], heldout: [0, 0, 0] };
const bad = [];
for (const r of rows) {
  const t = truthOf.get(r.id);
  const f = r.fold ?? 'fit';
  if (t.title) { res[f][2] += sc.titleMatches(r.title, t.title) ? 1 : 0; continue; }
  // only pages whose truth starts with a line that the page's <title> contains (the headline is there)
  const head = proxyHeadline(t, r.tag);
  if (!head) continue;
  res[f][0]++;
  if (norm(r.title) === head) res[f][1]++;
  else bad.push(`${r.id} ${JSON.stringify(r.title)} want ${JSON.stringify(head)}`);
}
for (const f of ['fit', 'heldout']) console.log(f, `dragnet headline proxy ${res[f][1]}/${res[f][0]} = ${(res[f][1] / res[f][0]).toFixed(3)}`, `readability titles right ${res[f][2]}`);
if (process.argv.includes('--show')) console.log(bad.join('\n'));

/** The titles of the text renderings `names` against the proxy (Dragnet) and the true titles (Readability). */
async function textProxy(names) {
  const { browserText, installedBrowsers, renderings } = await import('./pages.mjs');
  const classes = process.argv.includes('--classes');
  const { titleClass } = classes ? await import('./title-classes.mjs') : {};
  const others = installedBrowsers().filter((b) => names.includes(b.name));
  const missing = names.filter((n) => n !== 'lynx' && n !== 'w3m' && !others.some((b) => b.name === n));
  if (missing.length) throw new Error(`--text: ${missing.join(', ')} not installed (bench/train/pages.mjs BROWSERS)`);
  const res = new Map();
  const cls = new Map();
  const bad = [];
  const row = (k) => (res.has(k) || res.set(k, { n: 0, right: 0, tn: 0, tright: 0 }), res.get(k));
  const textsOf = (t) => {
    const texts = renderings(t.id).filter((r) => names.includes(r.variant));
    for (const b of others) texts.push({ variant: b.name, text: browserText(b, t.id) });
    return texts;
  };
  // --inbox: the template lines of each fold's renderings of one renderer, found across them (text-eval.mjs --inbox)
  const templatesOf = new Map();
  if (inbox) {
    const { TemplateIndex } = await import(pathToFileURL(path.join(root, 'dist/inbox/templates.js')).href);
    const { nfc } = await import(pathToFileURL(path.join(root, 'dist/text/nfc.js')).href);
    const runs = new Map();
    for (const t of truth) {
      const fold = split[t.id]?.fold ?? 'fit';
      for (const r of textsOf(t)) {
        if (r.text === null || r.text === undefined) continue;
        const k = `${fold} ${r.variant}`;
        if (!runs.has(k)) runs.set(k, { index: new TemplateIndex(), ids: [] });
        const run = runs.get(k);
        run.ids[run.index.add(nfc(r.text.replace(/\r\n?/g, '\n')), true)] = t.id;
      }
    }
    for (const [k, run] of runs) for (const [d, hs] of run.index.templates()) templatesOf.set(`${k} ${run.ids[d]}`, hs);
  }
  for (const t of truth) {
    const fold = split[t.id]?.fold ?? 'fit';
    let want = t.title;
    if (!want) {
      const html = gunzipSync(readFileSync(path.join(setDir, 'html', `${t.id}.html.gz`))).toString('utf8');
      want = proxyHeadline(t, /<title[^>]*>([\s\S]{0,300}?)<\/title>/i.exec(html)?.[1]?.replace(/\s+/g, ' ').trim());
      if (!want) continue;
    }
    for (const r of textsOf(t)) {
      let got;
      const templates = templatesOf.get(`${fold} ${r.variant} ${t.id}`);
      try { got = lib.cleanText(r.text, { path: `${t.id}.txt`, ...(templates ? { templates } : {}) }).metadata?.title; } catch { got = undefined; }
      const s = row(`${fold} ${r.variant}`);
      const right = t.title ? sc.titleMatches(got, want) : norm(got) === want;
      if (t.title) { s.tn++; s.tright += right ? 1 : 0; } else { s.n++; s.right += right ? 1 : 0; }
      if (!classes) { if (!right) bad.push(`${fold} ${r.variant} ${t.id} ${JSON.stringify(got ?? null)} want ${JSON.stringify(want)}`); continue; }
      const c = titleClass(r.text, got, want, { exact: !t.title });
      const k = `${fold} ${r.variant} ${t.title ? 'readability' : 'dragnet'} ${c.cls}`;
      cls.set(k, (cls.get(k) ?? 0) + 1);
      if (c.cls !== 'right') bad.push(`${fold} ${r.variant} ${c.cls.padEnd(15)} ${t.id}: got ${JSON.stringify(got ?? null)} want ${JSON.stringify(want)} ${c.where}`);
    }
  }
  for (const [k, s] of [...res].sort()) console.log(`${k.padEnd(22)} dragnet headline proxy ${s.right}/${s.n} = ${(s.right / s.n).toFixed(3)}  readability titles ${s.tright}/${s.tn} = ${(s.tright / s.tn).toFixed(3)}`);
  if (classes) for (const [k, n] of [...cls].sort()) console.log(`${k.padEnd(48)} ${n}`);
  if (process.argv.includes('--show')) console.log(bad.sort().join('\n'));
}
