#!/usr/bin/env node
// Authors of the whole pages against a proxy of the truth: a Dragnet truth that begins (in its first five lines) with
// a byline "By First Last …" names the writer, so the page's author counts as right when it is that name
// (../shared/bench/pages/score.mjs authorMatches). The name is read up to a comma, a dash, a full stop, "on", "and",
// "Writer", "Posted", "Email", a weekday or an agency; a proxy, not a truth (a few bylines name a second writer after "and", or a staff desk).
//
//   npm run build && node bench/train/author-proxy.mjs [--show] [--dist DIR] [--text lynx,w3m,elinks,…]
//
// --text: the plain-text renderings instead of the HTML (the set's lynx and w3m, and the text browsers of
// bench/train/pages.mjs BROWSERS, never fitted on), each cleaned as a file of its own.
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { loadSplit, loadTruth, pageInputs, root, setDir } from './pages.mjs';

const args = process.argv.slice(2);
const dist = args.includes('--dist') ? path.resolve(args[args.indexOf('--dist') + 1]) : path.join(root, 'dist');
const { cleanText } = await import(pathToFileURL(path.join(dist, 'index.js')).href);
const sc = await import(pathToFileURL(path.join(setDir, 'score.mjs')).href);
const split = loadSplit();
const BYLINE = /^by\s+([A-Z][\w.'’-]+(?:\s+[A-Z][\w.'’-]+){1,3}?)\s*(?:$|[,.|–—·]|\s+(?:on|and|writer|editor|posted|published|rss|info|email|mon|tue|wed|thu|fri|sat|sun|bbc|associated)\b)/i;
const textVariants = args.includes('--text') ? args[args.indexOf('--text') + 1].split(',') : null;
const res = new Map();
for (const t of loadTruth()) {
  if (t.dataset !== 'dragnet') continue;
  const lines = t.body.split(/\r?\n/).map((l) => l.trim()).filter(Boolean).slice(0, 5);
  const by = lines.map((l) => BYLINE.exec(l)).find(Boolean);
  if (!by) continue;
  const fold = split[t.id]?.fold ?? 'fit';
  for (const { variant, text, file } of pageInputs(t.id, textVariants)) {
    const r = cleanText(text, { path: file });
    const got = r.metadata?.authors ?? r.metadata?.author;
    const ok = got ? sc.authorMatches(got, by[1]) : false;
    const key = `${fold} ${variant}`;
    const c = res.get(key) ?? [0, 0];
    c[0] += ok ? 1 : 0;
    c[1]++;
    res.set(key, c);
    if (args.includes('--show') && !ok) console.log(fold, variant, t.id, JSON.stringify(got ?? null), 'want', JSON.stringify(by[1]));
  }
}
for (const [key, [right, n]] of [...res].sort()) console.log(`${key.padEnd(22)} dragnet byline proxy ${right}/${n} = ${(right / Math.max(1, n)).toFixed(3)}`);
