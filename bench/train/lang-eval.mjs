#!/usr/bin/env node
// The document language the line model reads function words in (`documentLanguage`, src/model/lines.ts) on every
// rendering of the development pages, against the page's own language: the truth body's language by the same
// detector (franc-min's trigrams on up to 2,000 characters of it), and the page's `<html lang>` where it declares one.
//
//   npm run build && node bench/train/lang-eval.mjs [--fold heldout|fit|all] [--dist DIR] [--verbose] [--only VARIANT]
//
// Figures per renderer and fold: renderings read, renderings whose guess differs from the truth body's language
// (and, of them, how many the page's `<html lang>` also contradicts), and the confusions (truth → guess).
import path from 'node:path';
import { readFileSync } from 'node:fs';
import { gunzipSync } from 'node:zlib';
import { browserText, BROWSERS, loadSplit, loadTruth, renderings, root, setDir } from './pages.mjs';

const args = process.argv.slice(2);
const opt = (name, dflt) => (args.includes(name) ? args[args.indexOf(name) + 1] : dflt);
const fold = opt('--fold', 'all');
const only = opt('--only', null);
const verbose = args.includes('--verbose');
const dist = path.resolve(opt('--dist', path.join(root, 'dist')));
const { documentLanguage } = await import(path.join(dist, 'model/lines.js'));
const { guessLanguage } = await import(path.join(dist, 'metadata/trigrams.js'));

const split = loadSplit();
const pages = loadTruth().filter((t) => fold === 'all' || (split[t.id]?.fold ?? 'fit') === fold);
const NEVER_FITTED = ['elinks', 'links', 'html2text', 'chromium', 'turndown'];
const variants = ['lynx', 'w3m', ...NEVER_FITTED].filter((v) => !only || v === only);

/** ISO 639-1 tags of `<html lang>` → franc's ISO 639-3, for the languages met in the set. */
const ISO3 = { en: 'eng', fr: 'fra', de: 'deu', es: 'spa', it: 'ita', pt: 'por', nl: 'nld', ru: 'rus', ja: 'jpn', zh: 'cmn', ar: 'arb', sv: 'swe', pl: 'pol', tr: 'tur' };
function declared(id) {
  const html = gunzipSync(readFileSync(path.join(setDir, 'html', `${id}.html.gz`))).toString('utf8').slice(0, 20000);
  const m = /<html\b[^>]*?\blang\s*=\s*["']?([A-Za-z]{2,3})/i.exec(html);
  return m ? (ISO3[m[1].toLowerCase()] ?? m[1].toLowerCase()) : null;
}

const rows = [];
for (const t of pages) {
  const body = (t.body ?? '').replace(/\s+/g, ' ').trim();
  if (body.length < 200) continue;
  const truthLang = guessLanguage(body.slice(0, 2000), 20);
  const lang = declared(t.id);
  const f = split[t.id]?.fold ?? 'fit';
  for (const v of variants) {
    const b = BROWSERS.find((x) => x.name === v);
    const text = b ? browserText(b, t.id) : renderings(t.id).find((r) => r.variant === v)?.text;
    if (!text) continue;
    const t0 = performance.now();
    const guess = documentLanguage(text.replace(/\r\n?/g, '\n').split('\n'));
    const ms = performance.now() - t0;
    rows.push({ id: t.id, fold: f, variant: v, truth: truthLang, declared: lang, guess, ms });
  }
}

const folds = fold === 'all' ? ['fit', 'heldout'] : [fold];
let totalMs = 0;
for (const r of rows) totalMs += r.ms;
console.log(`pages with a body of 200+ characters: ${new Set(rows.map((r) => r.id)).size}; documentLanguage ${(totalMs / rows.length).toFixed(3)} ms per rendering`);
console.log('variant    fold      renderings  wrong  (html lang agrees with truth)  confusions');
let all = 0;
for (const v of variants)
  for (const f of folds) {
    const rs = rows.filter((r) => r.variant === v && r.fold === f);
    const wrong = rs.filter((r) => r.guess !== r.truth);
    all += wrong.length;
    const conf = new Map();
    for (const r of wrong) conf.set(`${r.truth}→${r.guess}`, (conf.get(`${r.truth}→${r.guess}`) ?? 0) + 1);
    const agree = wrong.filter((r) => r.declared === r.truth).length;
    console.log(
      `${v.padEnd(10)} ${f.padEnd(9)} ${String(rs.length).padStart(10)} ${String(wrong.length).padStart(6)}  ${String(agree).padStart(28)}  ${[...conf].sort((a, b) => b[1] - a[1]).map(([k, n]) => `${k} ${n}`).join(', ')}`,
    );
    // pages are read one by one on the fitted fold only
    if (verbose && f === 'fit') for (const r of wrong) console.log(`   ${r.id} truth ${r.truth} html ${r.declared ?? '-'} guess ${r.guess}`);
  }
console.log(`renderings whose language differs from the truth body's: ${all} of ${rows.length}`);
const disagree = new Set(rows.filter((r) => r.declared && r.declared !== r.truth).map((r) => r.id));
console.log(`pages whose <html lang> differs from the truth body's language: ${disagree.size}`);
