#!/usr/bin/env node
// Mojibake repair: accuracy on the public cases, and speed on news-like text.
// Usage: npm run build && npm run bench:mojibake [-- --mb 4]
//
// 1. Runs fixText over ../shared/bench/mojibake/cases.json and scores it with
//    the shared score.mjs (--field expected_encoding); counts negatives left alone.
// 2. Builds a deterministic news-like text (English paragraphs with typographic
//    punctuation and some accented names), injects windows-1252 mojibake into
//    one paragraph in three, and times fixText on it against plain TextDecoder
//    UTF-8 decoding of the same text's bytes, in the same run.
// 3. Times fixText on the clean text.
// Figures are CPU time (process.cpuUsage) over the input's UTF-8 size.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import iconv from 'iconv-lite';
import { fixText } from '../dist/encoding/index.js';

const argv = process.argv.slice(2);
const mbArg = argv.indexOf('--mb');
const targetMB = mbArg >= 0 ? Number(argv[mbArg + 1]) : 4;

// ---- 1. public cases ------------------------------------------------------
const sharedDir = fileURLToPath(new URL('../../shared/bench/mojibake/', import.meta.url));
const casesPath = existsSync(sharedDir + 'cases.json')
  ? sharedDir + 'cases.json'
  : fileURLToPath(new URL('../fixtures/encoding/mojibake-cases.json', import.meta.url));
const cases = JSON.parse(readFileSync(casesPath, 'utf8'));
const preds = {};
for (const c of cases) preds[c.id] = fixText(c.original);
const negatives = cases.filter((c) => c.category === 'negative');
const negOk = negatives.filter((c) => preds[c.id] === c.expected_encoding).length;
if (existsSync(sharedDir + 'score.mjs')) {
  const tmp = mkdtempSync(join(tmpdir(), 'mojibake-'));
  try {
    writeFileSync(join(tmp, 'pred.json'), JSON.stringify(preds));
    const out = execFileSync(process.execPath, [sharedDir + 'score.mjs', casesPath, join(tmp, 'pred.json'), '--field', 'expected_encoding'], {
      encoding: 'utf8',
    });
    console.log(`public cases (${casesPath.includes('shared') ? '../shared' : 'fixtures'}): ${out.trim().split('\n').pop()}`);
  } finally {
    rmSync(tmp, { recursive: true, force: true });
  }
} else {
  const pass = cases.filter((c) => preds[c.id] === c.expected_encoding).length;
  console.log(`public cases (fixtures, no score.mjs): mojibake-pass ${(pass / cases.length).toFixed(3)} (${pass}/${cases.length})`);
}
console.log(`negatives untouched: ${negOk}/${negatives.length}`);

// ---- 2. news-like text ----------------------------------------------------
let seed = 0x9e3779b9;
function rand() {
  seed ^= seed << 13;
  seed >>>= 0;
  seed ^= seed >>> 17;
  seed ^= seed << 5;
  seed >>>= 0;
  return seed / 0x100000000;
}
const pick = (a) => a[Math.floor(rand() * a.length)];
const people = ['Elena Ruiz', 'José Álvarez', 'Zoë Brontë', 'François Hollande', 'Jürgen Müller', 'Søren Kierkegaard', 'Ana Conceição', 'Lech Wałęsa', 'Mehmet Öztürk', 'John Kerry', 'Sergei Lavrov', 'Mary O’Brien'];
const places = ['Montréal', 'São Paulo', 'Zürich', 'Kraków', 'Málaga', 'Reykjavík', 'Moscow', 'Washington', 'Düsseldorf', 'Besançon', 'Gdańsk', 'New York'];
const subjects = ['The city council', 'The ministry', 'A spokesperson', 'The central bank', 'Officials', 'The company’s board', 'Local residents', 'The committee'];
const verbs = ['said', 'announced', 'confirmed', 'warned', 'reported', 'argued', 'denied', 'insisted'];
const objects = ['a €45 million transit budget', 'new rules for café terraces', 'a 2.5% rise in rents', 'the plan’s second phase', 'talks on a ceasefire', 'a £120,000 consultancy fee', 'the naïve forecasts', 'cuts of 7–10%'];
function sentence() {
  const s = rand();
  if (s < 0.25) return `“We can’t keep waiting,” ${pick(people)} told reporters in ${pick(places)} on Tuesday.`;
  if (s < 0.45) return `${pick(subjects)} ${pick(verbs)} ${pick(objects)} — a move critics called “premature”.`;
  if (s < 0.6) return `${pick(subjects)} in ${pick(places)} ${pick(verbs)} that ${pick(objects)} would be reviewed… again.`;
  if (s < 0.75) return `According to ${pick(people)}, the vote was 7–2 and the résumé of the talks runs to 40 pages.`;
  return `${pick(subjects)} ${pick(verbs)} on Friday that ${pick(objects)} had been approved after a long debate with the opposition.`;
}
function paragraph() {
  const n = 3 + Math.floor(rand() * 4);
  const out = [];
  for (let i = 0; i < n; i++) out.push(sentence());
  return out.join(' ');
}
// UTF-8 bytes read as windows-1252; the five bytes it leaves undefined (0x81,
// 0x8D, 0x8F, 0x90, 0x9D) become the C1 controls a Latin-1 reader would give,
// so that every injected paragraph can be restored exactly.
const cp1252 = [];
for (let b = 0; b < 256; b++) {
  const ch = iconv.decode(Buffer.from([b]), 'windows-1252');
  cp1252.push(ch === '\ufffd' ? String.fromCharCode(b) : ch);
}
const mojibake = (s) => {
  let out = '';
  for (const b of Buffer.from(s, 'utf8')) out += cp1252[b];
  return out;
};
const clean = [];
const broken = [];
let size = 0;
let i = 0;
while (size < targetMB * 1e6) {
  const p = paragraph();
  clean.push(p);
  broken.push(i % 3 === 1 ? mojibake(p) : p);
  size += Buffer.byteLength(p) + 2;
  i++;
}
const cleanText = clean.join('\n\n');
const brokenText = broken.join('\n\n');
const brokenBytes = new TextEncoder().encode(brokenText);
const cleanBytes = Buffer.byteLength(cleanText);

function cpuTime(fn, repeat) {
  let best = Infinity;
  let result;
  for (let r = 0; r < repeat; r++) {
    const t0 = process.cpuUsage();
    result = fn();
    const d = process.cpuUsage(t0);
    best = Math.min(best, (d.user + d.system) / 1e6);
  }
  return { seconds: best, result };
}
fixText(brokenText.slice(0, 20000)); // warm up tables and JIT
const dec = new TextDecoder('utf-8');
const tDecode = cpuTime(() => dec.decode(brokenBytes), 5);
const tFix = cpuTime(() => fixText(brokenText), 3);
const fixedParas = tFix.result.split('\n\n');
let restored = 0;
for (let k = 0; k < clean.length; k++) if (fixedParas[k] === clean[k]) restored++;
const mb = brokenBytes.length / 1e6;
const fixRate = mb / tFix.seconds;
const decRate = mb / tDecode.seconds;
console.log(`news text: ${mb.toFixed(2)} MB, ${clean.length} paragraphs, mojibake in ${Math.floor((clean.length + 1) / 3)}; restored ${restored}/${clean.length} paragraphs exactly`);
console.log(`fixText (mojibake in 1/3 of paragraphs): ${fixRate.toFixed(1)} MB/s CPU`);
console.log(`TextDecoder utf-8 on the same bytes:    ${decRate.toFixed(1)} MB/s CPU`);
console.log(`ratio fixText / TextDecoder: ${(fixRate / decRate).toFixed(4)} (TextDecoder is ${(decRate / fixRate).toFixed(1)}x faster)`);
console.log(`vs ftfy's ~1.3 MB/s on such text: ${(fixRate / 1.3).toFixed(1)}x`);

// The same text one paragraph per call, as a pipeline cleaning documents does.
const tPara = cpuTime(() => {
  let n = 0;
  for (const p of broken) n += fixText(p).length;
  return n;
}, 3);
console.log(`fixText one call per paragraph: ${(mb / tPara.seconds).toFixed(1)} MB/s CPU`);

// Less repetitive text: every language, region and currency name ICU knows,
// in ~60 languages, one line in three broken. Decisions are memoised by
// segment, so repeated sequences are cheap; this shows the cost when few repeat.
{
  const locales = Intl.DateTimeFormat.supportedLocalesOf(['ar', 'bg', 'cs', 'da', 'de', 'el', 'es', 'et', 'fi', 'fr', 'he', 'hi', 'hr', 'hu', 'is', 'it', 'ja', 'kk', 'ko', 'lt', 'lv', 'nl', 'pl', 'pt', 'ro', 'ru', 'sk', 'sl', 'sr', 'sv', 'tr', 'uk', 'vi', 'zh', 'yo', 'ha', 'ee', 'ak', 'ln', 'ga', 'cy', 'mt', 'fo', 'az', 'sq', 'ca', 'eu', 'gl', 'ka', 'hy', 'am', 'th', 'ta', 'bn', 'fa', 'ur', 'mn', 'ms', 'id', 'sw']);
  const codes = ['en', 'fr', 'de', 'es', 'pt', 'ru', 'uk', 'pl', 'cs', 'tr', 'vi', 'el', 'he', 'ar', 'ja', 'zh', 'ko', 'is', 'hu', 'ro', 'lv', 'lt', 'yo', 'ha'];
  const regions = ['FR', 'DE', 'ES', 'BR', 'IS', 'TR', 'VN', 'RU', 'CI', 'ST', 'CW', 'RE', 'AX', 'CZ', 'PL', 'GR', 'IL', 'EG', 'JP', 'CN', 'KR', 'HU', 'RO', 'LV'];
  const lines = [];
  for (const loc of locales) {
    const dn = new Intl.DisplayNames([loc], { type: 'language' });
    const rn = new Intl.DisplayNames([loc], { type: 'region' });
    lines.push(`${codes.map((c) => dn.of(c)).join(', ')}; ${regions.map((r) => rn.of(r)).join(', ')}.`);
  }
  const variedClean = lines.map((l, k) => `Line ${k}: ${l}`);
  const varied = variedClean.map((l, k) => (k % 3 === 1 ? mojibake(l) : l));
  const variedText = varied.join('\n\n');
  const vBytes = Buffer.byteLength(variedText);
  const tV = cpuTime(() => fixText(variedText + ' '), 1); // a fresh string: no memo from a previous call's exact text
  const vOut = tV.result.trimEnd().split('\n\n');
  let vRestored = 0;
  for (let k = 0; k < variedClean.length; k++) if (vOut[k] === variedClean[k]) vRestored++;
  console.log(`varied multilingual text: ${(vBytes / 1e6).toFixed(2)} MB, ${lines.length} lines, restored ${vRestored}/${lines.length}; fixText ${(vBytes / 1e6 / tV.seconds).toFixed(2)} MB/s CPU`);
}

// ---- 3. clean text ---------------------------------------------------------
const tClean = cpuTime(() => fixText(cleanText), 3);
if (tClean.result !== cleanText) console.log('WARNING: fixText changed the clean text');
console.log(`fixText on clean text: ${(cleanBytes / 1e6 / tClean.seconds).toFixed(1)} MB/s CPU (${(cleanBytes / 1e6).toFixed(2)} MB)`);
