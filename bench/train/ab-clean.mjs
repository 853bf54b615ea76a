#!/usr/bin/env node
// In-process A/B of the cleaner: this checkout's dist/ against another built checkout's, alternated in one process
// on the same documents (the generated corpus by default), so that both see the same machine load.
//
//   node bench/train/ab-clean.mjs --base /path/to/other/checkout [--docs 2000] [--rounds 6] [--dir FOLDER] [--pages N]
//
// --dir FOLDER cleans the files of a folder (each with its own name as path); --pages N every N-th saved page of
// ../shared/bench/pages (the HTML, decoded, with "<id>.html" as path).
import { readdirSync, readFileSync } from 'node:fs';
import { gunzipSync } from 'node:zlib';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { root } from './pages.mjs';

const args = process.argv.slice(2);
const opt = (name, dflt) => (args.includes(name) ? args[args.indexOf(name) + 1] : dflt);
const base = path.resolve(opt('--base', ''));
const rounds = Number(opt('--rounds', '6'));
let texts;
let names = null;
if (opt('--pages', null)) {
  const setDir = path.resolve(root, '../shared/bench/pages');
  const every = Number(opt('--pages', '1'));
  const ids = readFileSync(path.join(setDir, 'truth.jsonl'), 'utf8').split('\n').filter(Boolean).map((l) => JSON.parse(l).id).filter((_, i) => i % every === 0);
  texts = ids.map((id) => gunzipSync(readFileSync(path.join(setDir, 'html', `${id}.html.gz`))).toString('utf8'));
  names = ids.map((id) => `${id}.html`);
} else if (opt('--dir', null)) {
  const dir = opt('--dir', null);
  names = readdirSync(dir).sort();
  texts = names.map((f) => readFileSync(path.join(dir, f), 'utf8'));
} else {
  const { CorpusGenerator } = await import(pathToFileURL(path.join(root, 'dist/dedup/index.js')).href);
  const gen = new CorpusGenerator({ docs: Number(opt('--docs', '2000')), seed: 1 });
  texts = Array.from({ length: gen.docs }, (_, i) => gen.text(i));
}
const mine = await import(pathToFileURL(path.join(root, 'dist/index.js')).href);
const theirs = await import(pathToFileURL(path.join(base, 'dist/index.js')).href);
const run = (lib) => {
  const t0 = process.cpuUsage();
  for (let i = 0; i < texts.length; i++) lib.cleanText(texts[i], { path: names?.[i] ?? 'x.md' });
  const d = process.cpuUsage(t0);
  return (d.user + d.system) / 1000;
};
run(mine);
run(theirs);
const ratios = [];
for (let r = 0; r < rounds; r++) {
  const a = r % 2 ? run(mine) : null;
  const b = run(theirs);
  const c = r % 2 ? null : run(mine);
  const m = a ?? c;
  ratios.push(m / b);
  console.log(`round ${r + 1}: new ${(m / texts.length * 1000).toFixed(0)} µs, old ${(b / texts.length * 1000).toFixed(0)} µs per document, new/old ${(m / b).toFixed(3)}`);
}
ratios.sort((a, b) => a - b);
console.log(`${texts.length} documents, median new/old ${ratios[Math.floor(ratios.length / 2)].toFixed(3)} (range ${ratios[0].toFixed(3)}–${ratios[ratios.length - 1].toFixed(3)})`);
