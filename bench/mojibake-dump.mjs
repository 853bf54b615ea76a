#!/usr/bin/env node
// Dump every output of the mojibake repair on the benchmark's generated sets,
// so that a change meant to keep the behaviour (speed, refactoring) can be
// checked byte for byte: run it before and after, then diff the two files.
//
// Usage: npm run build && node bench/mojibake-dump.mjs /tmp/before.txt
//        (change, build) && node bench/mojibake-dump.mjs /tmp/after.txt
//        cmp /tmp/before.txt /tmp/after.txt || diff /tmp/before.txt /tmp/after.txt | head
//        (MOJIBAKE_DIST=/path/to/other/dist dumps another build; see mojibake-sets.mjs)
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
import { createWriteStream, readFileSync } from 'node:fs';
import { mojibake, negativeCorpus, prng } from './mojibake-corpus.mjs';
import { CODEPAGES, cases, loadRepair, newsParagraphs, publicCasesPath, saladTexts, seedSentences } from './mojibake-sets.mjs';

const { fixText, fixTextDetailed, clearMojibakeCaches } = await loadRepair();
const outPath = process.argv[2] ?? '/dev/stdout';
const out = createWriteStream(outPath);
const emit = (kind, id, value) => out.write(`${kind}\t${id}\t${JSON.stringify(value)}\n`);

// ---- public cases ------------------------------------------------------------
{
  const { casesPath } = publicCasesPath();
  for (const c of JSON.parse(readFileSync(casesPath, 'utf8'))) {
    emit('public', c.id, fixText(c.original));
    emit('public-detailed', c.id, fixTextDetailed(c.original));
  }
}

// ---- generated mojibake (as in bench/mojibake.mjs) ----------------------------
const seed = seedSentences();

for (const mode of ['whole', 'partial', 'double']) {
  for (const cp of CODEPAGES) {
    let i = 0;
    for (const c of cases(seed, cp, mode)) emit(`${mode}:${cp}`, i++, fixText(c.input));
  }
}
for (const mode of ['a0-space', 'lost-byte']) {
  let i = 0;
  for (const c of cases(seed, 'windows-1252', mode)) emit(`${mode}`, i++, fixText(c.input));
}
{
  // The same cases once more with fixTextDetailed (repairs mapped back to the input).
  let i = 0;
  for (const cp of CODEPAGES) for (const c of cases(seed, cp, 'partial')) emit(`detailed:partial:${cp}`, i++, fixTextDetailed(c.input).repairs);
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
  const allParas = [];
  for (const { script: sc, paras } of saladTexts(120)) {
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
  const { broken } = newsParagraphs(1e6);
  clearMojibakeCaches();
  emit('news', 'fixText', fixText(broken.join('\n\n')));
}
out.end();
