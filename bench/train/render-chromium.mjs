#!/usr/bin/env node
// The development pages as a browser's "select all, copy" gives them: each saved page opened in headless Chromium
// (Debian's, driven by playwright-core; scripts off, no network, so only the page's own inline styles apply) and
// `document.body.innerText` written to bench/.out/renderings/<id>.chromium.txt, where bench/train/pages.mjs reads
// renderings. A renderer the text model was never fitted on: text-eval.mjs measures it as `chromium`.
//
//   node bench/train/render-chromium.mjs [--ids a,b] [--force]
//
// CHROMIUM_PATH names another Chromium (default /usr/bin/chromium). Pages already rendered are kept unless --force.
import { existsSync, mkdirSync, readFileSync, writeFileSync, mkdtempSync, rmSync } from 'node:fs';
import { gunzipSync } from 'node:zlib';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { root, setDir } from './pages.mjs';

const args = process.argv.slice(2);
const opt = (name, dflt) => (args.includes(name) ? args[args.indexOf(name) + 1] : dflt);
const force = args.includes('--force');
const only = opt('--ids', null)?.split(',');
const executablePath = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
if (!existsSync(executablePath)) {
  console.error(`Chromium is missing at ${executablePath} (apt-get install -y chromium, or set CHROMIUM_PATH)`);
  process.exit(2);
}
const cacheDir = path.join(root, 'bench/.out/renderings');
mkdirSync(cacheDir, { recursive: true });
const ids = only ?? readFileSync(path.join(setDir, 'truth.jsonl'), 'utf8').trim().split('\n').map((l) => JSON.parse(l).id);
const todo = ids.filter((id) => force || !existsSync(path.join(cacheDir, `${id}.chromium.txt`)));
if (!todo.length) {
  console.log(`${ids.length} pages already rendered in ${path.relative(root, cacheDir)}`);
  process.exit(0);
}

const { chromium } = await import('playwright-core');
const profile = mkdtempSync(path.join(tmpdir(), 'newsclean-render-'));
const context = await chromium.launchPersistentContext(profile, {
  executablePath,
  headless: true,
  javaScriptEnabled: false,
  viewport: { width: 1280, height: 900 },
  args: ['--headless', '--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
});
// nothing leaves the machine: every request but the page itself is refused
await context.route('**/*', (route) => route.abort());
const page = context.pages()[0] ?? (await context.newPage());
const t0 = performance.now();
let done = 0;
let failed = 0;
for (const id of todo) {
  const html = gunzipSync(readFileSync(path.join(setDir, 'html', `${id}.html.gz`))).toString('utf8');
  let text = '';
  try {
    await page.setContent(html, { waitUntil: 'domcontentloaded', timeout: 30000 });
    text = await page.evaluate(() => (document.body ? document.body.innerText : document.documentElement.innerText) ?? '');
  } catch (e) {
    failed++;
    console.error(`${id}: ${String(e).split('\n')[0]}`);
  }
  writeFileSync(path.join(cacheDir, `${id}.chromium.txt`), text.endsWith('\n') || !text ? text : `${text}\n`);
  if (++done % 100 === 0) console.error(`${done}/${todo.length} pages, ${((performance.now() - t0) / 1000).toFixed(0)} s`);
}
await context.close();
rmSync(profile, { recursive: true, force: true });
console.log(`${done} pages rendered (${failed} failed, written empty) in ${((performance.now() - t0) / 1000).toFixed(1)} s`);
