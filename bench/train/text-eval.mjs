#!/usr/bin/env node
// Plain-text cleaning on the development pages, in process: every rendering of the set, perturbed copies of them
// (no indentation, other list glyphs, other wrap widths) and, where installed, renderings by other text browsers
// made here from the saved HTML (elinks, links, html2text: never used for fitting), scored with the set's scorer.
//
//   npm run build && node bench/train/text-eval.mjs [--fold heldout|fit|all] [--sample N] [--no-perturb] [--no-browsers]
//                                                   [--only VARIANT] [--dataset NAME] [--verbose] [--inbox] [--with-header]
//                                                   [--json FILE]   (each page's P, R, F1 per variant, to compare two builds)
//                                                   [--dist DIR]    (another build's dist/, e.g. main's, in the same sitting)
//
// Figures: page-averaged word 4-gram P, R, F1, the share of clean pages (F1 >= 0.9), empty outputs, and title /
// author / date accuracy, as ../shared/bench/pages/score.mjs counts them.
import path from 'node:path';
import { browserText, installedBrowsers, loadSplit, loadTruth, perturb, PERTURBATIONS, renderings, root, setDir } from './pages.mjs';

const args = process.argv.slice(2);
const opt = (name, dflt) => (args.includes(name) ? args[args.indexOf(name) + 1] : dflt);
const fold = opt('--fold', 'heldout');
const sample = Number(opt('--sample', '1'));
const only = opt('--only', null);
const dataset = opt('--dataset', null);
const verbose = args.includes('--verbose');
const withHeader = args.includes('--with-header');
const dist = path.resolve(opt('--dist', path.join(root, 'dist')));
const { cleanText } = await import(path.join(dist, 'index.js'));
const score = await import(path.join(setDir, 'score.mjs'));

const split = loadSplit();
const pages = loadTruth().filter((t, i) => i % sample === 0 && (!dataset || t.dataset === dataset) && (fold === 'all' || (split[t.id]?.fold ?? 'fit') === fold));

const BROWSERS = args.includes('--no-browsers') ? [] : installedBrowsers();

// --inbox: each variant's pages of the fold are one run's inbox, with template lines found across them
const inbox = args.includes('--inbox');
const { TemplateIndex } = await import(path.join(dist, 'inbox/templates.js'));
const { nfc } = await import(path.join(dist, 'text/nfc.js'));
const templatesByVariant = new Map();
function templatesFor(variant, id) {
  if (!inbox) return undefined;
  if (!templatesByVariant.has(variant)) {
    const index = new TemplateIndex();
    const ids = [];
    for (const t of pages) {
      const text = textOf(variant, t.id);
      if (text === null) continue;
      ids.push(t.id);
      index.add(nfc(text.replace(/\r\n?/g, '\n')), true);
    }
    const m = new Map();
    for (const [d, hs] of index.templates()) m.set(ids[d], hs);
    templatesByVariant.set(variant, m);
  }
  return templatesByVariant.get(variant).get(id);
}
function textOf(variant, id) {
  const [base, pert] = variant.split('+');
  const b = BROWSERS.find((x) => x.name === base);
  let text = b ? browserText(b, id) : renderings(id).find((r) => r.variant === base)?.text ?? null;
  if (text !== null && pert) {
    const p = PERTURBATIONS.find((x) => x.name === pert);
    text = perturb(text, p.kind, p);
  }
  return text;
}

const rows = new Map();
function add(variant, t, text) {
  if (only && variant !== only) return;
  let r;
  try {
    const templates = templatesFor(variant, t.id);
    r = cleanText(text, { path: `${t.id}.txt`, ...(templates ? { templates } : {}) });
  } catch (e) {
    r = { error: { code: 'threw', message: e.message } };
  }
  // --with-header (a diagnostic, not the set's figure): the lines moved to metadata.title/author/date are scored as
  // the body's first lines, as the Dragnet annotators often copied the headline, byline and date into the body
  const header = withHeader && !r.error ? r.removed.filter((x) => /^moved to metadata\.(title|author|date)$/.test(x.action)).map((x) => x.text).join('\n') : '';
  const body = r.error ? '' : (header ? `${header}\n\n` : '') + r.body.replace(/\\([!-/:-@[-`{-~])/g, '$1').replace(/\[([^\]]*)\]\([^)]*\)/g, '$1');
  const md = r.metadata ?? {};
  const s = score.pageScores(score.matchUnits(score.units(score.tokenize(t.body), 4), score.units(score.tokenize(body), 4)));
  const row = {
    id: t.id,
    s,
    empty: score.tokenize(body).length === 0,
    title: t.title ? score.titleMatches(md.title ?? '', t.title) : null,
    author: t.author ? score.authorMatches(md.author ?? '', t.author) : null,
    date: t.date ? score.dateMatches(md.date ?? '', t.date) : null,
    got: { title: md.title, author: md.author, date: md.date },
    want: { title: t.title, author: t.author, date: t.date },
  };
  if (!rows.has(variant)) rows.set(variant, []);
  rows.get(variant).push(row);
}

for (const t of pages) {
  const rs = renderings(t.id);
  for (const r of rs) {
    add(r.variant, t, r.text);
    if (!args.includes('--no-perturb')) {
      for (const p of PERTURBATIONS) add(`${r.variant}+${p.name}`, t, perturb(r.text, p.kind, p));
    }
  }
  for (const b of BROWSERS) add(b.name, t, browserText(b, t.id));
}

const mean = (xs) => (xs.length ? xs.reduce((a, b) => a + b, 0) / xs.length : NaN);
const acc = (xs) => {
  const v = xs.filter((x) => x !== null);
  return v.length ? `${mean(v.map((x) => (x ? 1 : 0))).toFixed(3)} (${v.length})` : '-';
};
console.log(`fold ${fold}, ${pages.length} pages`);
console.log('variant              pages  P      R      F1     clean  empty  title         author        date');
for (const [v, rs] of [...rows].sort()) {
  const P = mean(rs.map((r) => r.s.precision).filter((x) => x !== null));
  const R = mean(rs.map((r) => r.s.recall).filter((x) => x !== null));
  const F = (2 * P * R) / (P + R);
  console.log(
    `${v.padEnd(20)} ${String(rs.length).padStart(5)}  ${P.toFixed(3)}  ${R.toFixed(3)}  ${F.toFixed(3)}  ${mean(rs.map((r) => (r.s.f1 >= 0.9 ? 1 : 0))).toFixed(3)}  ${String(rs.filter((r) => r.empty).length).padStart(5)}  ${acc(rs.map((r) => r.title)).padEnd(12)}  ${acc(rs.map((r) => r.author)).padEnd(12)}  ${acc(rs.map((r) => r.date))}`,
  );
}
const jsonOut = opt('--json', null);
if (jsonOut) {
  const { writeFileSync } = await import('node:fs');
  const out = [];
  for (const [v, rs] of [...rows].sort()) for (const r of rs) out.push(JSON.stringify({ variant: v, id: r.id, p: r.s.precision, r: r.s.recall, f1: r.s.f1 }));
  writeFileSync(jsonOut, `${out.join('\n')}\n`);
}
if (verbose) {
  for (const [v, rs] of [...rows].sort()) {
    if (v.includes('+')) continue;
    for (const r of rs) {
      const bad = [];
      if (r.title === false) bad.push(`title ${JSON.stringify(r.got.title)} ≠ ${JSON.stringify(r.want.title)}`);
      if (r.author === false) bad.push(`author ${JSON.stringify(r.got.author)} ≠ ${JSON.stringify(r.want.author)}`);
      if (r.date === false) bad.push(`date ${JSON.stringify(r.got.date)} ≠ ${JSON.stringify(r.want.date)}`);
      console.log(`${v} ${r.id} F1 ${r.s.f1.toFixed(3)} P ${(r.s.precision ?? 0).toFixed(3)} R ${(r.s.recall ?? 0).toFixed(3)} ${bad.join('; ')}`);
    }
  }
}
