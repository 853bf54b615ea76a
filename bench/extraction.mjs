#!/usr/bin/env node
// Main-content extraction benchmark: newsclean's extractor against Mozilla
// Readability (on linkedom), on the same pages, in the same run.
//
//   npm run build && npm run bench:extraction -- [options]
//
// Options:
//   --rounds N     timed rounds over all pages, after one warm-up round (default 5)
//   --trials N     child processes per engine, run alternately A B A B …;
//                  the best throughput of each engine is reported (default 2)
//   --only NAME    run one engine only (newsclean | pipeline | readability); `pipeline` is the whole
//                  cleanText run (extraction, rules, Markdown rendering) on each page
//   --verbose      per-page precision/recall/F1 from the scorer
//   --pages DIR    folder of *.html.gz pages (default ../shared/bench/extraction/html)
//   --truth FILE   ground truth (default ../shared/bench/extraction/ground-truth.json)
//   --strip-class-id  remove every class and id attribute from the pages first
//                  (both engines), to see how much each leans on class names
//
// Each engine runs in its own child process, so the memory figures are its own:
// peak RSS is the process high-water mark (getrusage), heap is the highest
// heapUsed sampled after each page. Throughput counts parse + extraction (+ plain
// text for newsclean; Readability builds its text and HTML inside parse()),
// pages per second over the timed rounds. Predictions go to
// bench/.out/<engine>.json and are scored with the bench's score.mjs; the text
// of Readability's HTML output is taken with newsclean's pageText, untimed.

import { spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, readdirSync, writeFileSync, existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gunzipSync } from 'node:zlib';

const here = dirname(fileURLToPath(import.meta.url));
const root = resolve(here, '..');
const outDir = join(here, '.out');
const benchDir = resolve(root, '../shared/bench/extraction');

function parseArgs(argv) {
  const o = {
    rounds: 5,
    trials: 2,
    only: null,
    verbose: false,
    child: null,
    strip: false,
    pages: join(benchDir, 'html'),
    truth: join(benchDir, 'ground-truth.json'),
  };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === '--rounds') o.rounds = Math.max(1, Number(argv[++i]) || 5);
    else if (a === '--trials') o.trials = Math.max(1, Number(argv[++i]) || 2);
    else if (a === '--only') o.only = argv[++i];
    else if (a === '--verbose') o.verbose = true;
    else if (a === '--child') o.child = argv[++i];
    else if (a === '--pages') o.pages = resolve(argv[++i]);
    else if (a === '--truth') o.truth = resolve(argv[++i]);
    else if (a === '--strip-class-id') o.strip = true;
    else {
      process.stderr.write(`unknown option ${a}\n`);
      process.exit(2);
    }
  }
  return o;
}

const CLASS_ID = /\s(?:class|id)\s*=\s*(?:"[^"]*"|'[^']*'|[^\s>]+)/gi;

function loadPages(dir, strip) {
  return readdirSync(dir)
    .filter((f) => f.endsWith('.html.gz'))
    .sort()
    .map((f) => {
      const html = gunzipSync(readFileSync(join(dir, f))).toString('utf8');
      return { id: f.slice(0, -'.html.gz'.length), html: strip ? html.replace(CLASS_ID, '') : html };
    });
}

async function loadEngine(name) {
  const { parseDocument } = await import('htmlparser2');
  const { extractArticle, pageText } = await import(join(root, 'dist/extract/index.js'));
  if (name === 'newsclean') {
    return {
      run(html) {
        const doc = parseDocument(html);
        const r = extractArticle(doc);
        return r.root ? pageText(r.root) : '';
      },
      text: (out) => out,
    };
  }
  if (name === 'pipeline') {
    // the whole cleaning pipeline (cleanText: detection, extraction, rules, Markdown), scored on the Markdown
    // body with link targets and escapes removed (the scorer counts every word, URLs included)
    const { cleanText } = await import(join(root, 'dist/index.js'));
    return {
      run(html) {
        return cleanText(html).body;
      },
      text: (md) =>
        md
          .replace(/\]\([^)\s]*\)/g, ']')
          .replace(/\\([\\`*_{}[\]()#+\-.!<>|~])/g, '$1')
          .replace(/^#{1,6} /gm, ''),
    };
  }
  if (name === 'readability') {
    const { parseHTML } = await import('linkedom');
    const { Readability } = await import('@mozilla/readability');
    return {
      run(html) {
        const { document } = parseHTML(html);
        return new Readability(document).parse();
      },
      // Block-aware text of Readability's HTML output, for scoring only (not timed).
      text(article) {
        if (!article || !article.content) return '';
        const doc = parseDocument(article.content);
        const el = doc.children.find((n) => n.type === 'tag');
        return el ? pageText(el) : '';
      },
    };
  }
  throw new Error(`unknown engine ${name}`);
}

async function child(o) {
  const pages = loadPages(o.pages, o.strip);
  const engine = await loadEngine(o.child);
  let heapPeak = 0;
  const sample = () => {
    const h = process.memoryUsage().heapUsed;
    if (h > heapPeak) heapPeak = h;
  };
  // Warm-up round, which also gives the predictions.
  const predictions = {};
  for (const p of pages) {
    const out = engine.run(p.html);
    sample();
    predictions[p.id] = { articleBody: engine.text(out) };
  }
  mkdirSync(outDir, { recursive: true });
  const predFile = join(outDir, `${o.child}.json`);
  writeFileSync(predFile, JSON.stringify(predictions));
  // Each page is timed on its own, so the memory sampling between pages is not counted.
  const roundMs = [];
  for (let r = 0; r < o.rounds; r++) {
    let ns = 0n;
    for (const p of pages) {
      const t0 = process.hrtime.bigint();
      engine.run(p.html);
      ns += process.hrtime.bigint() - t0;
      sample();
    }
    roundMs.push(Number(ns) / 1e6);
  }
  const total = roundMs.reduce((a, b) => a + b, 0);
  const result = {
    engine: o.child,
    pages: pages.length,
    rounds: o.rounds,
    pagesPerSec: (pages.length * o.rounds * 1000) / total,
    bestRoundPagesPerSec: (pages.length * 1000) / Math.min(...roundMs),
    maxRssMB: process.resourceUsage().maxRSS / 1024,
    heapPeakMB: heapPeak / (1024 * 1024),
    predFile,
  };
  process.stdout.write(JSON.stringify(result) + '\n');
}

function runChild(o, name) {
  const args = [fileURLToPath(import.meta.url), '--child', name, '--rounds', String(o.rounds), '--pages', o.pages];
  if (o.strip) args.push('--strip-class-id');
  const r = spawnSync(process.execPath, args, { encoding: 'utf8', maxBuffer: 1 << 26 });
  if (r.status !== 0) throw new Error(`${name} child failed (${r.status}): ${r.stderr}`);
  const line = r.stdout.trim().split('\n').pop();
  return JSON.parse(line);
}

function score(o, predFile) {
  const scorer = join(benchDir, 'score.mjs');
  const args = [scorer, o.truth, predFile, '--json'];
  if (o.verbose) args.push('--verbose');
  const r = spawnSync(process.execPath, args, { encoding: 'utf8', maxBuffer: 1 << 26 });
  if (r.status !== 0) throw new Error(`scorer failed: ${r.stderr}`);
  const text = r.stdout;
  const json = JSON.parse(text.slice(0, text.lastIndexOf('extraction-f1')));
  return json;
}

async function main() {
  const o = parseArgs(process.argv.slice(2));
  if (o.child) return child(o);
  if (!existsSync(join(root, 'dist/extract/index.js'))) {
    process.stderr.write('dist/ is missing: run `npm run build` first\n');
    process.exit(2);
  }
  if (!existsSync(o.pages)) {
    process.stderr.write(`no pages at ${o.pages}\n`);
    process.exit(2);
  }
  const engines = o.only ? [o.only] : ['newsclean', 'pipeline', 'readability'];
  const best = {};
  for (let t = 0; t < o.trials; t++) {
    for (const name of t % 2 === 0 ? engines : [...engines].reverse()) {
      const r = runChild(o, name);
      const prev = best[name];
      if (!prev || r.pagesPerSec > prev.pagesPerSec) best[name] = { ...r, maxRssMB: Math.max(r.maxRssMB, prev?.maxRssMB ?? 0), heapPeakMB: Math.max(r.heapPeakMB, prev?.heapPeakMB ?? 0) };
      else best[name] = { ...prev, maxRssMB: Math.max(r.maxRssMB, prev.maxRssMB), heapPeakMB: Math.max(r.heapPeakMB, prev.heapPeakMB) };
    }
  }
  const rows = [];
  for (const name of engines) {
    const b = best[name];
    const s = score(o, b.predFile);
    if (o.verbose && s.perPage) {
      process.stdout.write(`\n${name}: per page (P R F1 true pred)\n`);
      for (const p of s.perPage) {
        const f = (x) => (x === null ? '  -  ' : x.toFixed(3));
        process.stdout.write(`  ${p.id.slice(0, 16)} ${f(p.precision)} ${f(p.recall)} ${f(p.f1)} ${String(p.trueTokens).padStart(6)} ${String(p.predTokens).padStart(6)}\n`);
      }
    }
    rows.push({ name, ...b, f1: s.f1, precision: s.precision, recall: s.recall, meanPageF1: s.meanPageF1, f1Std: s.std?.f1 ?? 0 });
  }
  process.stdout.write(
    `\nextraction bench: ${rows[0].pages} pages${o.strip ? ' without class/id attributes' : ''}, ${o.rounds} timed rounds after 1 warm-up, best of ${o.trials} trial(s) per engine\n`,
  );
  process.stdout.write('engine        F1              P      R      page-F1  pages/s  peak RSS MB  peak heap MB\n');
  for (const r of rows) {
    process.stdout.write(
      `${r.name.padEnd(13)} ${r.f1.toFixed(3)} ± ${r.f1Std.toFixed(3)}   ${r.precision.toFixed(3)}  ${r.recall.toFixed(3)}  ${r.meanPageF1.toFixed(3)}    ${r.pagesPerSec.toFixed(1).padStart(6)}  ${r.maxRssMB.toFixed(1).padStart(11)}  ${r.heapPeakMB.toFixed(1).padStart(12)}\n`,
    );
  }
  const a = best.newsclean;
  const b = best.readability;
  if (a && b) {
    process.stdout.write(
      `speed ratio newsclean/readability ${(a.pagesPerSec / b.pagesPerSec).toFixed(2)}x; ` +
        `peak RSS ratio ${(a.maxRssMB / b.maxRssMB).toFixed(2)}; peak heap ratio ${(a.heapPeakMB / b.heapPeakMB).toFixed(2)}\n`,
    );
  }
  for (const r of rows) process.stdout.write(`extraction-f1 ${r.name} ${r.f1.toFixed(3)}\n`);
}

main().catch((e) => {
  process.stderr.write(`${e.stack ?? e}\n`);
  process.exit(1);
});
