#!/usr/bin/env node
// Mojibake repair: accuracy and speed.
// Usage: npm run build && npm run bench:mojibake [-- --mb 4] [-- --quick]
//
// 1. The public cases of ../shared/bench/mojibake, scored with the shared
//    score.mjs (--field expected_encoding); negatives left alone.
// 2. Repair rate on generated mojibake: the clean seed sentences of
//    fixtures/encoding/corpus (written for this project, 40+ languages),
//    broken through each code page with the Unicode consortium's reference
//    tables (fixtures/encoding/mappings, not the tables of src/): whole
//    sentence once, one sentence of three broken (partial), broken twice
//    with the same code page; and, through windows-1252, with byte 0xA0
//    turned into a space and with one byte lost (turned into `?`). A case
//    counts when the repair gives back exactly the sentence (with U+FFFD for
//    a character that lost a byte). Sentences are split into a tuning half
//    and a held-out half (every second sentence of each language); both are
//    reported.
// 3. The negative corpus (clean strings generated from the seed texts): how
//    many fixText changes.
// 4. Throughput per script: clean text and the same text broken through
//    windows-1252 (and the script's own code page), fixText beside
//    TextDecoder on the same text's UTF-8 bytes; the decision caches are
//    cleared before each timed call, so no text profits from an earlier one.
//    ftfy on the same texts in the same run, script by script, when a Python
//    with ftfy is at hand (FTFY_PYTHON, else python3; bench/ftfy-throughput.py):
//    fix_text with only its encoding fixes (line by line), and fix_encoding
//    on the whole text at once.
// 5. News-like English text with one paragraph in three broken (the memo's
//    best case), and the same text clean.
// Figures are CPU time (process.cpuUsage), best of a few runs, over the
// input's UTF-8 size. MOJIBAKE_DIST=/path/to/dist measures another build
// (bench/mojibake-sets.mjs holds the sets shared with mojibake-dump.mjs).
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { mojibake, negativeCorpus } from './mojibake-corpus.mjs';
import { CODEPAGES, SCRIPTS, cases as casesOf, loadRepair, newsParagraphs, publicCasesPath, saladTexts, seedSentences } from './mojibake-sets.mjs';

const { fixText, clearMojibakeCaches } = await loadRepair();
const argv = process.argv.slice(2);
const mbArg = argv.indexOf('--mb');
const targetMB = mbArg >= 0 ? Number(argv[mbArg + 1]) : 4;
const quick = argv.includes('--quick');

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
const pct = (a, b) => (b === 0 ? '   -  ' : `${((100 * a) / b).toFixed(1).padStart(5)}%`);

// ---- 1. public cases ------------------------------------------------------
{
  const { sharedDir, casesPath } = publicCasesPath();
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
}

// ---- 2. repair rate on generated mojibake ----------------------------------
const SHORT = {
  'windows-1252': '1252',
  'windows-1250': '1250',
  'iso-8859-2': '8859-2',
  'windows-1251': '1251',
  'windows-1253': '1253',
  'windows-1254': '1254',
  'windows-1257': '1257',
  macintosh: 'mac',
  cp437: '437',
};
const seed = seedSentences();
const cases = (codepage, mode) => casesOf(seed, codepage, mode);

function rate(codepage, mode) {
  const t = {};
  for (const sc of [...SCRIPTS, 'all']) t[sc] = { tune: [0, 0], held: [0, 0] };
  const failures = [];
  for (const c of cases(codepage, mode)) {
    const ok = fixText(c.input) === c.expected;
    for (const sc of [c.s.script, 'all']) {
      const cell = t[sc][c.s.heldOut ? 'held' : 'tune'];
      cell[1]++;
      if (ok) cell[0]++;
    }
    if (!ok) failures.push(c);
  }
  return { t, failures };
}

const MODES = quick ? ['whole', 'partial'] : ['whole', 'partial', 'double'];
console.log('\nrepair rate on generated mojibake (seed sentences with non-ASCII text; exact restoration)');
console.log('  cell = all sentences; totals also for the tuning half and the held-out half');
const totals = {};
for (const mode of MODES) {
  console.log(`\n  ${mode === 'whole' ? 'whole sentence broken once' : mode === 'partial' ? 'one sentence of three broken (partial)' : 'broken twice with the same code page (double)'}`);
  console.log('  ' + 'script'.padEnd(12) + CODEPAGES.map((c) => SHORT[c].padStart(8)).join(''));
  const results = CODEPAGES.map((cp) => rate(cp, mode));
  for (const sc of [...SCRIPTS, 'all']) {
    let line = '  ' + sc.padEnd(12);
    for (const r of results) {
      const a = r.t[sc].tune[0] + r.t[sc].held[0];
      const b = r.t[sc].tune[1] + r.t[sc].held[1];
      line += pct(a, b).padStart(8);
    }
    console.log(line);
  }
  let tune = [0, 0];
  let held = [0, 0];
  for (const r of results) {
    tune = [tune[0] + r.t.all.tune[0], tune[1] + r.t.all.tune[1]];
    held = [held[0] + r.t.all.held[0], held[1] + r.t.all.held[1]];
  }
  totals[mode] = { tune, held };
  console.log(`  total: tuning half ${pct(tune[0], tune[1])} (${tune[0]}/${tune[1]}), held-out half ${pct(held[0], held[1])} (${held[0]}/${held[1]})`);
  if (argv.includes('--failures')) for (const r of results) for (const f of r.failures.slice(0, 5)) console.log('    FAIL', JSON.stringify(f.input).slice(0, 120), '→', JSON.stringify(fixText(f.input)).slice(0, 120));
}
for (const mode of ['a0-space', 'lost-byte']) {
  const r = rate('windows-1252', mode);
  const { tune, held } = r.t.all;
  console.log(
    `\n  windows-1252, ${mode === 'a0-space' ? 'byte 0xA0 turned into a space' : 'one byte lost (turned into ?)'}: ` +
      `${pct(tune[0] + held[0], tune[1] + held[1])} (${tune[0] + held[0]}/${tune[1] + held[1]}); tuning ${pct(tune[0], tune[1])}, held-out ${pct(held[0], held[1])}`,
  );
  if (argv.includes('--failures')) for (const f of r.failures.slice(0, 8)) console.log('    FAIL', JSON.stringify(f.input).slice(0, 120), '→', JSON.stringify(fixText(f.input)).slice(0, 120));
}

// ---- 3. negative corpus ----------------------------------------------------
{
  const neg = negativeCorpus();
  const changed = neg.filter((s) => fixText(s) !== s);
  console.log(`\nnegative corpus: ${neg.length} clean strings, changed ${changed.length}`);
  for (const s of changed.slice(0, 10)) console.log('  CHANGED', JSON.stringify(s).slice(0, 100), '→', JSON.stringify(fixText(s)).slice(0, 100));
}

// ---- 4. throughput per script ----------------------------------------------
/** ftfy's throughput on texts ({ name: text } → { name: { fix_text, fix_encoding } } in MB/s), or null without ftfy. */
function ftfyRunner() {
  const py = process.env.FTFY_PYTHON ?? 'python3';
  const script = fileURLToPath(new URL('./ftfy-throughput.py', import.meta.url));
  let version;
  try {
    version = execFileSync(py, ['-c', 'import ftfy; print(ftfy.__version__)'], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim();
  } catch {
    return null;
  }
  const run = (texts) => JSON.parse(execFileSync(py, [script, quick ? '1' : '2'], { input: JSON.stringify(texts), encoding: 'utf8', maxBuffer: 1 << 28 }));
  return { version, run };
}

{
  const OWN = { 'latin-ce': 'windows-1250', 'latin-other': 'windows-1257', cyrillic: 'windows-1251', greek: 'windows-1253' };
  const ftfy = ftfyRunner();
  console.log('\nthroughput per script (MB/s of CPU over the input\'s UTF-8; caches cleared before each call)');
  console.log('  ' + 'script'.padEnd(12) + 'KB'.padStart(6) + 'clean'.padStart(9) + 'decode'.padStart(9) + '  broken (1252)'.padStart(15) + 'decode'.padStart(9) + 'restored'.padStart(10) + '  own code page');
  const targetKB = quick ? 40 : 120;
  const dec = new TextDecoder('utf-8');
  let brokenBytesAll = 0;
  let brokenSecondsAll = 0;
  const ftfyAll = { fix_text: 0, fix_encoding: 0 };
  const ftfyRows = [];
  // Sentences of words drawn from the script's seed sentences: varied text, few exact repeats.
  for (const { script: sc, paras } of saladTexts(targetKB)) {
    const clean = paras.join('\n\n');
    const time = (text) => {
      const bytes = Buffer.from(text, 'utf8');
      const tf = cpuTime(() => {
        clearMojibakeCaches();
        return fixText(text);
      }, quick ? 2 : 3);
      const td = cpuTime(() => dec.decode(bytes), 5);
      return { mbps: bytes.length / 1e6 / tf.seconds, dmbps: bytes.length / 1e6 / td.seconds, out: tf.result, bytes: bytes.length, seconds: tf.seconds };
    };
    const c = time(clean);
    if (c.out !== clean) console.log(`  WARNING: fixText changed the clean ${sc} text`);
    const brokenText = mojibake(clean, 'windows-1252');
    const b = time(brokenText);
    brokenBytesAll += b.bytes;
    brokenSecondsAll += b.seconds;
    const restored = b.out === clean ? 'yes' : `${b.out.split('\n\n').filter((p, i) => p === paras[i]).length}/${paras.length}`;
    let own = '';
    let o;
    const ownText = OWN[sc] ? mojibake(clean, OWN[sc]) : undefined;
    if (ownText !== undefined) {
      o = time(ownText);
      own = `${SHORT[OWN[sc]]}: ${o.mbps.toFixed(2)} MB/s, restored ${o.out.split('\n\n').filter((p, i) => p === paras[i]).length}/${paras.length}`;
    }
    console.log(
      '  ' +
        sc.padEnd(12) +
        String(Math.round(c.bytes / 1000)).padStart(6) +
        c.mbps.toFixed(1).padStart(9) +
        c.dmbps.toFixed(0).padStart(9) +
        b.mbps.toFixed(2).padStart(15) +
        b.dmbps.toFixed(0).padStart(9) +
        restored.padStart(10) +
        '  ' +
        own,
    );
    // ftfy on the same texts, right after fixText (script by script, so both see the same load).
    if (ftfy) {
      const f = ftfy.run(ownText === undefined ? { clean, broken: brokenText } : { clean, broken: brokenText, own: ownText });
      for (const k of ['fix_text', 'fix_encoding']) ftfyAll[k] += b.bytes / 1e6 / f.broken[k];
      ftfyRows.push({ sc, c, b, o, f, own: OWN[sc] });
    }
  }
  const allMbps = brokenBytesAll / 1e6 / brokenSecondsAll;
  if (!ftfy) {
    console.log(`  broken text, all scripts together: ${allMbps.toFixed(2)} MB/s (ftfy not found: FTFY_PYTHON=/path/to/python with ftfy 6.3.1 adds its figures)`);
  } else {
    const fAll = brokenBytesAll / 1e6 / ftfyAll.fix_text;
    const eAll = brokenBytesAll / 1e6 / ftfyAll.fix_encoding;
    console.log(`  broken text, all scripts together: ${allMbps.toFixed(2)} MB/s; ftfy in the same run ${fAll.toFixed(2)} MB/s (fixText ${(allMbps / fAll).toFixed(2)}x)`);
    console.log(`\nftfy ${ftfy.version} on the same texts in the same run (MB/s of CPU): fix_text with its encoding fixes only, line by line;`);
    console.log('  ratio = fixText / ftfy fix_text; fix_encoding = ftfy on the whole text at once');
    console.log('  ' + 'script'.padEnd(12) + 'clean'.padStart(8) + 'ratio'.padStart(7) + '  broken (1252)'.padStart(15) + 'ratio'.padStart(7) + '  own code page'.padStart(16) + 'ratio'.padStart(7) + '   fix_encoding 1252, own');
    for (const { sc, c, b, o, f, own } of ftfyRows) {
      const ownCell = o ? `${SHORT[own]}: ${f.own.fix_text.toFixed(2)}`.padStart(16) + (o.mbps / f.own.fix_text).toFixed(2).padStart(7) : ''.padStart(23);
      console.log(
        '  ' +
          sc.padEnd(12) +
          f.clean.fix_text.toFixed(2).padStart(8) +
          (c.mbps / f.clean.fix_text).toFixed(1).padStart(7) +
          f.broken.fix_text.toFixed(2).padStart(15) +
          (b.mbps / f.broken.fix_text).toFixed(2).padStart(7) +
          ownCell +
          `   ${f.broken.fix_encoding.toFixed(2)}${o ? ', ' + f.own.fix_encoding.toFixed(2) : ''}`,
      );
    }
    console.log(`  all scripts, broken (1252): ftfy fix_text ${fAll.toFixed(2)} MB/s, fix_encoding ${eAll.toFixed(2)} MB/s`);
  }
}

// ---- 5. news-like text -------------------------------------------------------
if (!quick) {
  const { clean, broken } = newsParagraphs(targetMB * 1e6);
  const cleanText = clean.join('\n\n');
  const brokenText = broken.join('\n\n');
  const brokenBytes = new TextEncoder().encode(brokenText);
  fixText(brokenText.slice(0, 20000));
  const dec = new TextDecoder('utf-8');
  const tDecode = cpuTime(() => dec.decode(brokenBytes), 5);
  const tFix = cpuTime(() => fixText(brokenText), 3);
  const fixedParas = tFix.result.split('\n\n');
  let restored = 0;
  for (let k = 0; k < clean.length; k++) if (fixedParas[k] === clean[k]) restored++;
  const mb = brokenBytes.length / 1e6;
  console.log(`\nnews text: ${mb.toFixed(2)} MB, ${clean.length} paragraphs, mojibake in ${Math.floor((clean.length + 1) / 3)}; restored ${restored}/${clean.length} paragraphs exactly`);
  console.log(`fixText (mojibake in 1/3 of paragraphs): ${(mb / tFix.seconds).toFixed(1)} MB/s CPU; TextDecoder on the same bytes ${(mb / tDecode.seconds).toFixed(1)} MB/s`);
  const tPara = cpuTime(() => {
    let n = 0;
    for (const p of broken) n += fixText(p).length;
    return n;
  }, 3);
  console.log(`fixText one call per paragraph: ${(mb / tPara.seconds).toFixed(1)} MB/s CPU`);
  const tClean = cpuTime(() => fixText(cleanText), 3);
  if (tClean.result !== cleanText) console.log('WARNING: fixText changed the clean text');
  const cleanMB = Buffer.byteLength(cleanText) / 1e6;
  console.log(`fixText on the clean text: ${(cleanMB / tClean.seconds).toFixed(1)} MB/s CPU (${cleanMB.toFixed(2)} MB)`);
  const ascii = cleanText.replace(/[^\x00-\x7f]/g, 'x');
  const tAscii = cpuTime(() => fixText(ascii), 5);
  console.log(`fixText on the same text made ASCII: ${(Buffer.byteLength(ascii) / 1e6 / tAscii.seconds).toFixed(0)} MB/s CPU`);
}
