#!/usr/bin/env node
// Development-set benchmark: newsclean on ../shared/bench/pages in every variant (the saved HTML and the w3m and
// lynx text renderings), scored by the set's own scorer, on the fitted and the held-out sites apart; and
// Readability.js on the same HTML pages in the same run.
//
//   npm run build && npm run bench:pages -- [--sample N] [--no-readability] [--verbose] [--out DIR]
//
//   --sample N        every N-th page only (a quick look; the figures quoted in the README use every page)
//   --no-readability  skip Readability.js
//   --verbose         the scorer's per-page lines too
//   --out DIR         where the predictions go (default bench/.out/pages)
//   --variants=html   only these variants (comma-separated: html, lynx, w3m; default all), through a copy of the
//                     set's layout that links only their files
//
// newsclean's predictions come from ../shared/tools/pages-eval.sh, the set's own runner (cleanText on each page,
// the Markdown body turned into plain text). The split of pages into "fit" and "heldout" sites is
// bench/data/pages-split.json (made by `node bench/pages-split.mjs`): whatever is fitted on the pages is fitted on
// "fit" pages only.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, readdirSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { gunzipSync } from 'node:zlib';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));
const root = path.resolve(here, '..');
const args = process.argv.slice(2);
const opt = (name, dflt) => (args.includes(name) ? args[args.indexOf(name) + 1] : dflt);
const sample = Number(opt('--sample', '1'));
const outDir = path.resolve(opt('--out', path.join(here, '.out/pages')));
const setDir = path.resolve(root, '../shared/bench/pages');
const tool = path.resolve(root, '../shared/tools/pages-eval.sh');
const scorer = path.join(setDir, 'score.mjs');
const verbose = args.includes('--verbose');
const only = args.find((x) => x.startsWith('--variants='))?.slice('--variants='.length).split(',').filter(Boolean) ?? null;
const variants = only ?? ['html', 'lynx', 'w3m'];

for (const f of [path.join(root, 'dist/index.js'), path.join(setDir, 'truth.jsonl'), tool]) {
  if (!existsSync(f)) {
    console.error(`missing ${f}${f.endsWith('index.js') ? ' (run `npm run build` first)' : ''}`);
    process.exit(2);
  }
}
mkdirSync(outDir, { recursive: true });
const split = JSON.parse(readFileSync(path.join(here, 'data/pages-split.json'), 'utf8'));

// 1. newsclean, through the set's runner (its own table goes to a file; ours split by fold are printed below). The
// runner takes every variant it finds, so a subset runs on a folder that links the set's files of those variants.
let runSet = setDir;
if (only !== null) {
  runSet = path.join(outDir, 'set');
  rmSync(runSet, { recursive: true, force: true });
  mkdirSync(path.join(runSet, 'text'), { recursive: true });
  symlinkSync(path.join(setDir, 'truth.jsonl'), path.join(runSet, 'truth.jsonl'));
  if (only.includes('html')) symlinkSync(path.join(setDir, 'html'), path.join(runSet, 'html'));
  for (const f of readdirSync(path.join(setDir, 'text'))) {
    const v = f.split('.').at(-3);
    if (only.includes(v)) symlinkSync(path.join(setDir, 'text', f), path.join(runSet, 'text', f));
  }
}
const run = spawnSync('bash', [tool, root, runSet, outDir], {
  env: { ...process.env, PAGES_EVAL_SAMPLE: String(sample) },
  stdio: ['ignore', 'pipe', 'inherit'],
  encoding: 'utf8',
});
if (run.status !== 0) {
  console.error(run.stdout);
  process.exit(run.status ?? 1);
}
const truth = readFileSync(path.join(outDir, 'truth.jsonl'), 'utf8').split('\n').filter(Boolean);
const pred = readFileSync(path.join(outDir, 'pred.jsonl'), 'utf8').split('\n').filter(Boolean);
const foldOf = (line) => split[JSON.parse(line).id]?.fold ?? 'fit';

// 2. Readability.js on the same HTML pages
const rows = [];
if (!args.includes('--no-readability') && variants.includes('html')) {
  const { parseHTML } = await import('linkedom');
  const { Readability } = await import('@mozilla/readability');
  const { parseDocument } = await import('htmlparser2');
  const { pageText } = await import(path.join(root, 'dist/extract/index.js'));
  for (const line of truth) {
    const { id } = JSON.parse(line);
    const html = gunzipSync(readFileSync(path.join(setDir, 'html', `${id}.html.gz`))).toString('utf8');
    const row = { id, variant: 'readability', body: '' };
    try {
      const { document } = parseHTML(html);
      const a = new Readability(document).parse();
      if (a?.content) {
        const el = parseDocument(a.content).children.find((n) => n.type === 'tag');
        row.body = el ? pageText(el) : '';
      }
      if (a?.title) row.title = a.title;
      if (a?.byline) row.author = a.byline;
      if (a?.publishedTime) row.date = a.publishedTime;
    } catch {}
    rows.push(JSON.stringify(row));
  }
}

function score(label, fold, lines, variants) {
  const t = truth.filter((l) => fold === 'all' || foldOf(l) === fold);
  const p = lines.filter((l) => fold === 'all' || foldOf(l) === fold);
  const tf = path.join(outDir, `truth.${fold}.jsonl`);
  const pf = path.join(outDir, `pred.${label}.${fold}.jsonl`);
  writeFileSync(tf, t.join('\n') + '\n');
  writeFileSync(pf, p.join('\n') + '\n');
  const r = spawnSync(process.execPath, [scorer, tf, pf, '--by-dataset', '--variants', variants, ...(verbose ? ['--verbose'] : [])], {
    encoding: 'utf8',
  });
  console.log(`\n== ${label}, ${fold === 'fit' ? 'fitted sites' : fold === 'heldout' ? 'held-out sites' : 'all pages'} (${t.length} pages) ==`);
  process.stdout.write(r.stdout);
  if (r.status !== 0) process.stderr.write(r.stderr);
}
console.log(readFileSync(path.join(outDir, 'run.txt'), 'utf8').trimEnd());
for (const fold of ['fit', 'heldout']) score('newsclean', fold, pred, variants.join(','));
if (rows.length && variants.includes('html')) for (const fold of ['fit', 'heldout']) score('readability', fold, rows, 'readability');
