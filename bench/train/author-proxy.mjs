#!/usr/bin/env node
// Authors of the whole pages against a proxy of the truth: a Dragnet truth that begins (in its first five lines) with
// a byline "By First Last …" names the writer, so the page's author counts as right when it is that name
// (../shared/bench/pages/score.mjs authorMatches). The name is read up to a comma, a dash, a full stop, "on", "and",
// "Writer", "Posted", "Email", a weekday or an agency; a proxy, not a truth (a few bylines name a second writer after "and", or a staff desk).
//
//   npm run build && node bench/train/author-proxy.mjs [--show] [--dist DIR]
import { readFileSync } from 'node:fs';
import { gunzipSync } from 'node:zlib';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { loadSplit, loadTruth, root, setDir } from './pages.mjs';

const args = process.argv.slice(2);
const dist = args.includes('--dist') ? path.resolve(args[args.indexOf('--dist') + 1]) : path.join(root, 'dist');
const { cleanText } = await import(pathToFileURL(path.join(dist, 'index.js')).href);
const sc = await import(pathToFileURL(path.join(setDir, 'score.mjs')).href);
const split = loadSplit();
const BYLINE = /^by\s+([A-Z][\w.'’-]+(?:\s+[A-Z][\w.'’-]+){1,3}?)\s*(?:$|[,.|–—·]|\s+(?:on|and|writer|editor|posted|published|rss|info|email|mon|tue|wed|thu|fri|sat|sun|bbc|associated)\b)/i;
const res = { fit: [0, 0], heldout: [0, 0] };
for (const t of loadTruth()) {
  if (t.dataset !== 'dragnet') continue;
  const lines = t.body.split(/\r?\n/).map((l) => l.trim()).filter(Boolean).slice(0, 5);
  const by = lines.map((l) => BYLINE.exec(l)).find(Boolean);
  if (!by) continue;
  const html = gunzipSync(readFileSync(path.join(setDir, 'html', `${t.id}.html.gz`))).toString('utf8');
  const r = cleanText(html, { path: `${t.id}.html` });
  const fold = split[t.id]?.fold ?? 'fit';
  const got = r.metadata?.authors ?? r.metadata?.author;
  const ok = got ? sc.authorMatches(got, by[1]) : false;
  res[fold][0] += ok ? 1 : 0;
  res[fold][1]++;
  if (args.includes('--show') && !ok) console.log(fold, t.id, JSON.stringify(got ?? null), 'want', JSON.stringify(by[1]));
}
for (const f of ['fit', 'heldout']) console.log(`${f} dragnet byline proxy ${res[f][0]}/${res[f][1]} = ${(res[f][0] / Math.max(1, res[f][1])).toFixed(3)}`);
