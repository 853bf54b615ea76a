#!/usr/bin/env node
// Dates of the whole pages against a proxy of the truth: a Dragnet truth whose first five lines hold a short line
// with a date written "Month D, YYYY" (its date line, as the annotators copied it) dates the article, so the page's
// date counts as right when its day is that one. A proxy, not a truth (a line may date an event the article is
// about); "none" counts the pages given no date.
//
//   npm run build && node bench/train/date-proxy.mjs [--show] [--dist DIR] [--text lynx,w3m,elinks,…]
//
// --text: the plain-text renderings instead of the HTML (as bench/train/author-proxy.mjs reads them).
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { loadSplit, loadTruth, pageInputs, root, setDir } from './pages.mjs';

const args = process.argv.slice(2);
const dist = args.includes('--dist') ? path.resolve(args[args.indexOf('--dist') + 1]) : path.join(root, 'dist');
const { cleanText } = await import(pathToFileURL(path.join(dist, 'index.js')).href);
const split = loadSplit();
const MONTHS = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'];
const DATE = new RegExp(`\\b(${MONTHS.join('|')})[a-z]*\\.?\\s+(\\d{1,2})(?:st|nd|rd|th)?,?\\s+(\\d{4})\\b`, 'i');
const textVariants = args.includes('--text') ? args[args.indexOf('--text') + 1].split(',') : null;
const res = new Map();
for (const t of loadTruth()) {
  if (t.dataset !== 'dragnet') continue;
  const lines = t.body.split(/\r?\n/).map((l) => l.trim()).filter(Boolean).slice(0, 5);
  const m = lines.map((l) => (l.length < 120 ? DATE.exec(l) : null)).find(Boolean);
  if (!m) continue;
  const month = MONTHS.indexOf(m[1].toLowerCase().slice(0, 3)) + 1;
  const want = `${m[3]}-${String(month).padStart(2, '0')}-${m[2].padStart(2, '0')}`;
  const fold = split[t.id]?.fold ?? 'fit';
  for (const { variant, text, file } of pageInputs(t.id, textVariants)) {
    const got = cleanText(text, { path: file }).metadata?.date ?? null;
    const kind = got === null ? 'none' : got.slice(0, 10) === want ? 'right' : 'wrong';
    const key = `${fold} ${variant}`;
    const r = res.get(key) ?? { right: 0, wrong: 0, none: 0 };
    r[kind]++;
    res.set(key, r);
    if (args.includes('--show') && kind !== 'right') console.log(fold, variant, t.id, got, 'want', want);
  }
}
for (const [key, r] of [...res].sort()) {
  const n = r.right + r.wrong + r.none;
  console.log(`${key.padEnd(18)} dragnet date-line proxy ${r.right}/${n} = ${(r.right / Math.max(1, n)).toFixed(3)} right, ${r.wrong} wrong, ${r.none} none`);
}
