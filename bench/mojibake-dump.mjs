#!/usr/bin/env node
// Dump every output of the mojibake repair on the benchmark's generated sets,
// so that a change meant to keep the behaviour (speed, refactoring) can be
// checked byte for byte: run it before and after, then diff the two files.
//
// Usage: npm run build && node bench/mojibake-dump.mjs /tmp/before.txt
//        (change, build) && node bench/mojibake-dump.mjs /tmp/after.txt
//        cmp /tmp/before.txt /tmp/after.txt || diff /tmp/before.txt /tmp/after.txt | head
//
// Sets, in the benchmark's order and with its cache behaviour (the repair-rate
// cases run one after another without clearing the decision caches):
//   - the public cases of ../shared/bench/mojibake (fixText and fixTextDetailed);
//   - whole, partial and double mojibake of every seed sentence through each
//     code page, 0xA0 turned into a space, a byte lost as `?`;
//   - the negative corpus (2,400 strings);
//   - the throughput texts (word salad per script), clean and broken through
//     every code page, and twice through windows-1252, with caches cleared
//     before each call (fixText, and fixTextDetailed's repairs for two of them);
//   - a text mixing paragraphs of all scripts broken through different code pages;
//   - 1 MB of the news-like text.
import { createWriteStream, existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { fixText, fixTextDetailed } from '../dist/encoding/index.js';
import { clearMojibakeCaches } from '../dist/encoding/mojibake.js';
import { expectedRepair, mojibake, negativeCorpus, prng, sentences, survives } from './mojibake-corpus.mjs';

const outPath = process.argv[2] ?? '/dev/stdout';
const out = createWriteStream(outPath);
const emit = (kind, id, value) => out.write(`${kind}\t${id}\t${JSON.stringify(value)}\n`);

const CODEPAGES = ['windows-1252', 'windows-1250', 'iso-8859-2', 'windows-1251', 'windows-1253', 'windows-1254', 'windows-1257', 'macintosh', 'cp437'];
const SCRIPTS = ['latin-west', 'latin-ce', 'latin-other', 'cyrillic', 'greek', 'hebrew', 'arabic', 'cjk', 'other'];

// ---- public cases ------------------------------------------------------------
{
  const sharedDir = fileURLToPath(new URL('../../shared/bench/mojibake/', import.meta.url));
  const casesPath = existsSync(sharedDir + 'cases.json') ? sharedDir + 'cases.json' : fileURLToPath(new URL('../fixtures/encoding/mojibake-cases.json', import.meta.url));
  for (const c of JSON.parse(readFileSync(casesPath, 'utf8'))) {
    emit('public', c.id, fixText(c.original));
    emit('public-detailed', c.id, fixTextDetailed(c.original));
  }
}

// ---- generated mojibake (as in bench/mojibake.mjs) ----------------------------
const all = sentences().filter((s) => /[^\x00-\x7f]/.test(s.text));
const byLang = new Map();
for (const s of all) byLang.set(s.lang, [...(byLang.get(s.lang) ?? []), s]);

function* cases(codepage, mode) {
  for (const s of all) {
    const same = byLang.get(s.lang) ?? [s];
    const k = same.indexOf(s);
    const prev = same[(k + same.length - 1) % same.length].text;
    const next = same[(k + 1) % same.length].text;
    if (mode === 'whole') yield { s, input: mojibake(s.text, codepage), expected: expectedRepair(s.text, codepage) };
    else if (mode === 'partial') yield { s, input: `${prev} ${mojibake(s.text, codepage)} ${next}` };
    else if (mode === 'double') {
      const once = mojibake(s.text, codepage);
      if (!survives(s.text, codepage) || !survives(once, codepage)) continue;
      yield { s, input: mojibake(once, codepage) };
    } else if (mode === 'a0-space') {
      const once = mojibake(s.text, codepage);
      if (!once.includes('\u00a0')) continue;
      yield { s, input: once.replace(/\u00a0/g, ' ') };
    } else if (mode === 'lost-byte') {
      const chars = [...s.text];
      const multi = chars.map((c, i) => (Buffer.byteLength(c) > 1 ? i : -1)).filter((i) => i >= 0);
      if (multi.length === 0) continue;
      const at = multi[Math.floor(multi.length / 2)];
      const bytes = Buffer.from(chars[at], 'utf8');
      yield { s, input: chars.map((c, i) => (i === at ? mojibake(c, codepage).slice(0, bytes.length - 1) + '?' : mojibake(c, codepage))).join('') };
    }
  }
}

for (const mode of ['whole', 'partial', 'double']) {
  for (const cp of CODEPAGES) {
    let i = 0;
    for (const c of cases(cp, mode)) emit(`${mode}:${cp}`, i++, fixText(c.input));
  }
}
for (const mode of ['a0-space', 'lost-byte']) {
  let i = 0;
  for (const c of cases('windows-1252', mode)) emit(`${mode}`, i++, fixText(c.input));
}
{
  // The same cases once more with fixTextDetailed (repairs mapped back to the input).
  let i = 0;
  for (const cp of CODEPAGES) for (const c of cases(cp, 'partial')) emit(`detailed:partial:${cp}`, i++, fixTextDetailed(c.input).repairs);
}

// ---- negative corpus ----------------------------------------------------------
{
  let i = 0;
  for (const s of negativeCorpus()) {
    const r = fixText(s);
    emit('negative', i++, r === s ? '=' : r);
  }
}

// ---- throughput texts ---------------------------------------------------------
{
  const rand = prng(7);
  const allParas = [];
  for (const sc of SCRIPTS) {
    const words = sentences()
      .filter((s) => s.script === sc)
      .flatMap((s) => s.text.split(' '));
    const paras = [];
    let size = 0;
    while (size < 120 * 1000) {
      const n = 8 + Math.floor(rand() * 10);
      const w = [];
      for (let i = 0; i < n; i++) w.push(words[Math.floor(rand() * words.length)]);
      const p = w.join(' ');
      paras.push(p);
      size += Buffer.byteLength(p) + 2;
    }
    allParas.push(...paras.slice(0, 40));
    const clean = paras.join('\n\n');
    const run = (name, text) => {
      clearMojibakeCaches();
      emit(`salad:${sc}`, name, fixText(text));
    };
    run('clean', clean);
    for (const cp of CODEPAGES) run(cp, mojibake(clean, cp));
    run('double-1252', mojibake(mojibake(clean, 'windows-1252'), 'windows-1252'));
    clearMojibakeCaches();
    emit(`salad-detailed:${sc}`, '1252', fixTextDetailed(mojibake(clean, 'windows-1252')).repairs);
  }
  // All scripts in one text, paragraphs broken through different code pages (or not at all).
  const r = prng(11);
  const mixed = allParas
    .map((p) => {
      const x = Math.floor(r() * (CODEPAGES.length + 3));
      return x < CODEPAGES.length ? mojibake(p, CODEPAGES[x]) : p;
    })
    .join('\n\n');
  clearMojibakeCaches();
  emit('mixed', 'fixText', fixText(mixed));
  clearMojibakeCaches();
  emit('mixed', 'detailed', fixTextDetailed(mixed).repairs);
}

// ---- news-like text (as in bench/mojibake.mjs, 1 MB) ----------------------------
{
  const rand = prng(0x9e3779b9);
  const pick = (a) => a[Math.floor(rand() * a.length)];
  const people = ['Elena Ruiz', 'José Álvarez', 'Zoë Brontë', 'François Hollande', 'Jürgen Müller', 'Søren Kierkegaard', 'Ana Conceição', 'Lech Wałęsa', 'Mehmet Öztürk', 'John Kerry', 'Sergei Lavrov', 'Mary O’Brien'];
  const places = ['Montréal', 'São Paulo', 'Zürich', 'Kraków', 'Málaga', 'Reykjavík', 'Moscow', 'Washington', 'Düsseldorf', 'Besançon', 'Gdańsk', 'New York'];
  const subjects = ['The city council', 'The ministry', 'A spokesperson', 'The central bank', 'Officials', 'The company’s board', 'Local residents', 'The committee'];
  const verbs = ['said', 'announced', 'confirmed', 'warned', 'reported', 'argued', 'denied', 'insisted'];
  const objects = ['a €45 million transit budget', 'new rules for café terraces', 'a 2.5% rise in rents', 'the plan’s second phase', 'talks on a ceasefire', 'a £120,000 consultancy fee', 'the naïve forecasts', 'cuts of 7–10%'];
  const sentence = () => {
    const s = rand();
    if (s < 0.25) return `“We can’t keep waiting,” ${pick(people)} told reporters in ${pick(places)} on Tuesday.`;
    if (s < 0.45) return `${pick(subjects)} ${pick(verbs)} ${pick(objects)} — a move critics called “premature”.`;
    if (s < 0.6) return `${pick(subjects)} in ${pick(places)} ${pick(verbs)} that ${pick(objects)} would be reviewed… again.`;
    if (s < 0.75) return `According to ${pick(people)}, the vote was 7–2 and the résumé of the talks runs to 40 pages.`;
    return `${pick(subjects)} ${pick(verbs)} on Friday that ${pick(objects)} had been approved after a long debate with the opposition.`;
  };
  const broken = [];
  let size = 0;
  for (let i = 0; size < 1e6; i++) {
    const n = 3 + Math.floor(rand() * 4);
    const s = [];
    for (let k = 0; k < n; k++) s.push(sentence());
    const p = s.join(' ');
    broken.push(i % 3 === 1 ? mojibake(p, 'windows-1252') : p);
    size += Buffer.byteLength(p) + 2;
  }
  clearMojibakeCaches();
  emit('news', 'fixText', fixText(broken.join('\n\n')));
}
out.end();
