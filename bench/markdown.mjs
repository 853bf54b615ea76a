#!/usr/bin/env node
// HTML → Markdown: newsclean's iterative converter (htmlparser2 DOM → blocks → Markdown) against turndown 7.2.5,
// on the same pages in the same run, plus the nesting depth each survives.
//   npm run bench -- markdown
import { readFileSync, readdirSync, existsSync } from 'node:fs';
import { gunzipSync } from 'node:zlib';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import TurndownService from 'turndown';
import { parseHtml } from '../dist/html/dom.js';
import { htmlToBlocks } from '../dist/html/to-blocks.js';
import { renderBlocks } from '../dist/markdown/render.js';

const here = path.dirname(fileURLToPath(import.meta.url));
const dir = path.resolve(here, '../../shared/bench/extraction/html');
if (!existsSync(dir)) {
  console.error(`missing ${dir}: this benchmark reads the public pages from ../shared`);
  process.exit(2);
}
const pages = readdirSync(dir).filter((f) => f.endsWith('.html.gz')).sort().map((f) => gunzipSync(readFileSync(path.join(dir, f))).toString('utf8'));
const bytes = pages.reduce((n, p) => n + Buffer.byteLength(p), 0);

const td = new TurndownService({ headingStyle: 'atx', codeBlockStyle: 'fenced' });
td.remove(['script', 'style', 'noscript', 'iframe', 'title', 'head']);
const ours = (html) => renderBlocks(htmlToBlocks(parseHtml(html)));
const theirs = (html) => td.turndown(html);

function time(fn, rounds) {
  for (const p of pages.slice(0, 10)) fn(p); // warm-up
  const t0 = process.hrtime.bigint();
  for (let r = 0; r < rounds; r++) for (const p of pages) fn(p);
  return Number(process.hrtime.bigint() - t0) / 1e9;
}
const rounds = Number(process.env.ROUNDS ?? 3);
// interleave to share the machine's noise
const tTd = time(theirs, rounds);
const tOurs = time(ours, rounds);
const n = pages.length * rounds;
console.log(`pages: ${pages.length} (${(bytes / 1e6).toFixed(1)} MB), rounds: ${rounds}`);
console.log(`turndown 7.2.5:      ${(n / tTd).toFixed(1)} pages/s  ${((bytes * rounds) / 1e6 / tTd).toFixed(1)} MB/s`);
console.log(`newsclean converter: ${(n / tOurs).toFixed(1)} pages/s  ${((bytes * rounds) / 1e6 / tOurs).toFixed(1)} MB/s`);
console.log(`speed ratio (newsclean / turndown): ${(tTd / tOurs).toFixed(2)}x`);

function survives(fn, depth) {
  try {
    fn(`<p>${'<b>x'.repeat(depth)}</p>`);
    return true;
  } catch {
    return false;
  }
}
for (const depth of [1000, 2000, 10000, 100000]) {
  console.log(`nesting ${String(depth).padStart(6)}: turndown ${survives(theirs, depth) ? 'ok' : 'stack overflow'}, newsclean ${survives(ours, depth) ? 'ok' : 'stack overflow'}`);
}
