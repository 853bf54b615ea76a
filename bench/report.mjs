#!/usr/bin/env node
// The HTML report at corpus scale: a dry run over a generated corpus, the report built from it, then opened in
// Debian's headless Chromium to time how long it takes to become usable.
//
//   npm run build && npm run bench -- report [--docs=100000] [--threads=2] [--opens=3] [--keep] [--reuse-run]
//   (or node bench/report.mjs --docs 100000 …; --html FILE times an existing report only)
//
// Prints the report's size (bytes per document and per pair, per kind of data block), the time to build it, and per
// opening: the time from navigation to the page's ready mark (index decoded, first section drawn), then the time a
// filter of the file list, a file's side-by-side view and a pair's view each take to show. The corpus is written once
// to bench/.out/report-corpus-N (bench/gen's generator; reused by later runs).
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { run } from '../dist/index.js';
import { CorpusGenerator } from '../dist/dedup/index.js';
import { htmlReport } from '../dist/report/html/index.js';
import { VERSION } from '../dist/version.js';
import { resolveDedupOptions, resolveSettings } from '../dist/index.js';

const here = path.dirname(fileURLToPath(import.meta.url));
const { values } = parseArgs({
  options: {
    docs: { type: 'string', default: '100000' },
    threads: { type: 'string', default: '2' },
    opens: { type: 'string', default: '3' },
    keep: { type: 'boolean', default: false },
    'reuse-run': { type: 'boolean', default: false },
    html: { type: 'string' },
    chromium: { type: 'string', default: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium' },
  },
  strict: false,
});
const docs = Number(values.docs);
const corpus = path.join(here, '.out', `report-corpus-${docs}`);
if (!existsSync(path.join(corpus, 'labels.json'))) {
  const gen = new CorpusGenerator({ docs, seed: 1 });
  mkdirSync(corpus, { recursive: true });
  for (let i = 0; i < gen.docs; i++) writeFileSync(path.join(corpus, `${gen.id(i)}.md`), gen.text(i));
  writeFileSync(path.join(corpus, 'labels.json'), '{}\n');
  console.log(`wrote ${docs} generated documents to ${corpus}`);
}
if (!existsSync(values.chromium)) {
  console.error(`no Chromium at ${values.chromium} (apt-get install -y chromium, or --chromium PATH)`);
  process.exit(2);
}

const work = mkdtempSync(path.join(tmpdir(), 'newsclean-bench-report-'));

/**
 * Opens the report in a fresh Chromium and times: navigation to the ready mark (index and columns decoded, the first
 * section drawn); typing a name into the file filter to the filtered count shown; a file's view; a pair's view.
 */
async function openAndTime(file, k, dir) {
  const { chromium } = await import('playwright-core');
  const profile = mkdtempSync(path.join(dir, 'profile-'));
  const ctx = await chromium.launchPersistentContext(profile, {
    executablePath: values.chromium,
    headless: true,
    viewport: { width: 1400, height: 1000 },
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
  try {
    const page = await ctx.newPage();
    const errors = [];
    page.on('console', (m) => m.type() === 'error' && errors.push(m.text()));
    page.on('pageerror', (e) => errors.push(e.message));
    page.on('crash', () => errors.push('the page crashed'));
    const t0 = Date.now();
    await page.goto(`file://${file}`, { waitUntil: 'commit' });
    await page.waitForSelector('html[data-ready]', { timeout: 60_000 });
    const wall = Date.now() - t0;
    const ready = await page.evaluate(() => performance.now());
    const heap = await page.evaluate(() => performance.memory?.usedJSHeapSize ?? 0);
    const timed = async (action, done, arg) => {
      const t = Date.now();
      await action();
      await page.waitForFunction(done, arg, { timeout: 60_000, polling: 10 });
      return Date.now() - t;
    };
    await page.evaluate(() => (location.hash = '#files'));
    await page.waitForSelector('#file-list .vrow');
    const before = await page.textContent('#f-count');
    const filter = await timed(() => page.fill('#f-q', 'd00012'), (b) => document.querySelector('#f-count').textContent !== b, before);
    const fileView = await timed(() => page.evaluate(() => (location.hash = '#file/1')), () => document.querySelector('#file-title'));
    await page.evaluate(() => (location.hash = '#dups'));
    await page.waitForSelector('#pair-list .vrow');
    await page.check('#p-tx');
    // the pairs with texts listed (the passages block is decoded when the section is first drawn)
    await page.waitForFunction(() => {
      const m = /^([\d,]+) of ([\d,]+) pairs/.exec(document.querySelector('#p-count').textContent);
      return m && m[1] !== m[2] && m[1] !== '0';
    });
    const first = await page.getAttribute('#pair-list .vrow', 'data-i');
    const pairView = await timed(() => page.evaluate((i) => (location.hash = `#pair/${i}`), first), () => document.querySelector('#pair-rows'));
    console.log(
      `open ${k + 1}: ready ${(ready / 1000).toFixed(2)} s after navigation (${(wall / 1000).toFixed(2)} s as the driver saw it), JS heap ${(heap / 1e6).toFixed(0)} MB; ` +
        `file filter ${filter} ms (with its 120 ms typing pause), file view ${fileView} ms, pair view ${pairView} ms (as the driver saw them)` +
        (errors.length ? `; ERRORS: ${errors.join(' | ')}` : ''),
    );
  } finally {
    await ctx.close();
  }
}

if (values.html) {
  const bytes = statSync(values.html).size;
  console.log(`${values.html}: ${(bytes / 1e6).toFixed(2)} MB`);
  for (let k = 0; k < Number(values.opens); k++) await openAndTime(path.resolve(values.html), k, work);
  rmSync(work, { recursive: true, force: true });
  process.exit(0);
}
const mb = (n) => `${(n / 1e6).toFixed(2)} MB`;
try {
  const threads = Number(values.threads);
  const options = { inputs: [corpus], out: path.join(work, 'out'), dryRun: true, threads, cwd: here };
  const started = Date.now();
  let t = performance.now();
  // --reuse-run: the run report saved by an earlier run of this benchmark on the same corpus (the run itself takes a
  // minute or more at 100k documents, and is not what this benchmark measures)
  const saved = path.join(here, '.out', `report-run-${docs}.json`);
  let report;
  let runMs;
  if (values['reuse-run'] && existsSync(saved)) {
    ({ report, runMs } = JSON.parse(readFileSync(saved, 'utf8')));
    console.log(`run report read from ${saved}`);
  } else {
    report = await run(options);
    runMs = performance.now() - t;
    writeFileSync(saved, JSON.stringify({ report, runMs }));
  }
  console.log(`run: ${report.summary.files} files, ${report.summary.cleaned} cleaned, ${report.pairs.length} pairs, ${report.clusters.length} clusters in ${(runMs / 1000).toFixed(1)} s (dry run, ${threads} threads)`);
  const info = {
    version: VERSION,
    startedAt: new Date(started).toISOString(),
    elapsedMs: runMs,
    argv: [corpus, '--dry-run', '--report', 'report.html'],
    inputs: options.inputs,
    out: options.out,
    dryRun: true,
    dropDuplicates: false,
    threads,
    settings: resolveSettings({}),
    dedup: resolveDedupOptions({}),
  };
  const mem0 = process.memoryUsage().rss;
  t = performance.now();
  const built = htmlReport(report, info, { cwd: here });
  const buildMs = performance.now() - t;
  const file = path.join(work, 'report.html');
  writeFileSync(file, built.html);
  const bytes = statSync(file).size;
  const n = report.documents.length;
  console.log(`report built in ${(buildMs / 1000).toFixed(2)} s (rss ${mb(mem0)} → ${mb(process.memoryUsage().rss)}): ${mb(bytes)}, ${(bytes / n).toFixed(0)} bytes per document, ${(bytes / Math.max(1, report.pairs.length)).toFixed(0)} bytes per pair`);
  for (const [kind, s] of Object.entries(built.sizes)) console.log(`  ${kind.padEnd(9)} ${mb(s.packed).padStart(9)} in the file (${mb(s.json)} before compression), ${(s.packed / n).toFixed(1)} bytes per document`);
  const em = built.model.index.embed;
  console.log(`  texts of ${em.textDocs} documents (${em.textChars} characters), passages of ${em.pairTexts} pairs, removal lists of ${em.explainDocs} documents`);

  for (let k = 0; k < Number(values.opens); k++) await openAndTime(file, k, work);
  if (values.keep) console.log(`kept ${file}`);
} finally {
  if (!values.keep) rmSync(work, { recursive: true, force: true });
}
