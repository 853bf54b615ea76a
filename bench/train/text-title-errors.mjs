#!/usr/bin/env node
// Title errors of the plain-text cleaner on the development pages, by class: for every page with a true title and
// each rendering, what the cleaner gave against the truth, and whether (and where) a line of the rendering shows the
// title at all.
//
//   npm run build && node bench/train/text-title-errors.mjs [--fold fit|heldout|all] [--browser NAME] [--verbose]
//
// Classes: bench/train/title-classes.mjs.
import path from 'node:path';
import { browserText, installedBrowsers, loadSplit, loadTruth, renderings, root } from './pages.mjs';

const args = process.argv.slice(2);
const opt = (name, dflt) => (args.includes(name) ? args[args.indexOf(name) + 1] : dflt);
const fold = opt('--fold', 'fit');
const verbose = args.includes('--verbose');
// --browser NAME: the renderings of another text browser (bench/train/pages.mjs BROWSERS) instead of the set's
const browser = opt('--browser', null);
const other = browser ? installedBrowsers().find((b) => b.name === browser) : null;
if (browser && !other) throw new Error(`--browser ${browser}: not one of ${installedBrowsers().map((b) => b.name).join(', ')}`);
const textsOf = (id) => (other ? [{ variant: other.name, text: browserText(other, id) }] : renderings(id));
const { cleanText } = await import(path.join(root, 'dist/index.js'));
const { titleClass } = await import('./title-classes.mjs');

const split = loadSplit();
const pages = loadTruth().filter((t) => t.title && (fold === 'all' || (split[t.id]?.fold ?? 'fit') === fold));
const counts = new Map();
const list = [];
for (const t of pages) {
  for (const r of textsOf(t.id)) {
    const res = cleanText(r.text, { path: `${t.id}.txt` });
    const got = res.metadata?.title;
    const { cls, where } = titleClass(r.text, got, t.title);
    const k = `${r.variant} ${cls}`;
    counts.set(k, (counts.get(k) ?? 0) + 1);
    list.push(`${r.variant} ${cls.padEnd(15)} ${t.id}: got ${JSON.stringify(got ?? null)} want ${JSON.stringify(t.title)} ${where}`);
  }
}
console.log(`fold ${fold}: ${pages.length} pages with a title`);
for (const [k, n] of [...counts].sort()) console.log(`${k.padEnd(28)} ${n}`);
if (verbose) for (const l of list.sort()) console.log(l);
