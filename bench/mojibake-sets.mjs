// The generated sets of the mojibake benchmark, shared by bench/mojibake.mjs
// (figures) and bench/mojibake-dump.mjs (every output, to compare two builds):
// the code pages and script groups, the cases of each kind of mojibake, the
// word-salad texts per script and the news-like text. Independent of src/.
//
// MOJIBAKE_DIST=/path/to/dist runs either script against another build (an
// A/B comparison in one sitting); by default the project's own dist/.
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { expectedRepair, mojibake, prng, sentences, survives } from './mojibake-corpus.mjs';

const distUrl = process.env.MOJIBAKE_DIST ? pathToFileURL(resolve(process.env.MOJIBAKE_DIST) + '/') : new URL('../dist/', import.meta.url);
/** The repair under test: { fixText, fixTextDetailed, clearMojibakeCaches }. */
export async function loadRepair() {
  const { fixText, fixTextDetailed } = await import(new URL('encoding/index.js', distUrl).href);
  const { clearMojibakeCaches } = await import(new URL('encoding/mojibake.js', distUrl).href);
  return { fixText, fixTextDetailed, clearMojibakeCaches };
}

/** The public cases: ../shared/bench/mojibake when present, else the project's copy. */
export function publicCasesPath() {
  const sharedDir = fileURLToPath(new URL('../../shared/bench/mojibake/', import.meta.url));
  return {
    sharedDir,
    casesPath: existsSync(sharedDir + 'cases.json') ? sharedDir + 'cases.json' : fileURLToPath(new URL('../fixtures/encoding/mojibake-cases.json', import.meta.url)),
  };
}

export const CODEPAGES = ['windows-1252', 'windows-1250', 'iso-8859-2', 'windows-1251', 'windows-1253', 'windows-1254', 'windows-1257', 'macintosh', 'cp437'];
export const SCRIPTS = ['latin-west', 'latin-ce', 'latin-other', 'cyrillic', 'greek', 'hebrew', 'arabic', 'cjk', 'other'];

/** Seed sentences with non-ASCII text, and the same grouped by language. */
export function seedSentences() {
  const all = sentences().filter((s) => /[^\x00-\x7f]/.test(s.text));
  const byLang = new Map();
  for (const s of all) byLang.set(s.lang, [...(byLang.get(s.lang) ?? []), s]);
  return { all, byLang };
}

/**
 * Cases of one kind: { s, input, expected }. Modes: whole (the sentence broken
 * once), partial (one sentence of three broken), double (broken twice with
 * the same code page, where both survive), a0-space (byte 0xA0 turned into a
 * space), lost-byte (one continuation byte of one character lost: `?`).
 */
export function* cases(seed, codepage, mode) {
  const { all, byLang } = seed;
  for (const s of all) {
    const same = byLang.get(s.lang) ?? [s];
    const k = same.indexOf(s);
    const prev = same[(k + same.length - 1) % same.length].text;
    const next = same[(k + 1) % same.length].text;
    if (mode === 'whole') yield { s, input: mojibake(s.text, codepage), expected: expectedRepair(s.text, codepage) };
    else if (mode === 'partial') {
      yield { s, input: `${prev} ${mojibake(s.text, codepage)} ${next}`, expected: `${prev} ${expectedRepair(s.text, codepage)} ${next}` };
    } else if (mode === 'double') {
      const once = mojibake(s.text, codepage);
      if (!survives(s.text, codepage) || !survives(once, codepage)) continue;
      yield { s, input: mojibake(once, codepage), expected: s.text };
    } else if (mode === 'a0-space') {
      const once = mojibake(s.text, codepage);
      if (!once.includes('\u00a0')) continue;
      yield { s, input: once.replace(/\u00a0/g, ' '), expected: expectedRepair(s.text, codepage) };
    } else if (mode === 'lost-byte') {
      // One continuation byte of one character lost: turned into `?`.
      const chars = [...s.text];
      const multi = chars.map((c, i) => (Buffer.byteLength(c) > 1 ? i : -1)).filter((i) => i >= 0);
      if (multi.length === 0) continue;
      const at = multi[Math.floor(multi.length / 2)];
      const bytes = Buffer.from(chars[at], 'utf8');
      const broken = chars.map((c, i) => (i === at ? mojibake(c, codepage).slice(0, bytes.length - 1) + '?' : mojibake(c, codepage))).join('');
      const expected = chars.map((c, i) => (i === at ? '\ufffd' : c)).join('');
      yield { s, input: broken, expected: expectedRepair(expected, codepage) };
    }
  }
}

/**
 * Word salad per script, in SCRIPTS order: { script, paras } with paragraphs
 * of 8-17 words drawn from the script's seed sentences (varied text, few
 * exact repeats) until targetKB of UTF-8. One generator for all scripts, so
 * each script's text depends on the sizes of those before it.
 */
export function* saladTexts(targetKB) {
  const rand = prng(7);
  for (const script of SCRIPTS) {
    const words = sentences()
      .filter((s) => s.script === script)
      .flatMap((s) => s.text.split(' '));
    const paras = [];
    let size = 0;
    while (size < targetKB * 1000) {
      const n = 8 + Math.floor(rand() * 10);
      const w = [];
      for (let i = 0; i < n; i++) w.push(words[Math.floor(rand() * words.length)]);
      const p = w.join(' ');
      paras.push(p);
      size += Buffer.byteLength(p) + 2;
    }
    yield { script, paras };
  }
}

/**
 * News-like English paragraphs until `bytes` of UTF-8, every third one (the
 * second of each three) broken through windows-1252: { clean, broken }.
 */
export function newsParagraphs(bytes) {
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
  const paragraph = () => {
    const n = 3 + Math.floor(rand() * 4);
    const out = [];
    for (let i = 0; i < n; i++) out.push(sentence());
    return out.join(' ');
  };
  const clean = [];
  const broken = [];
  let size = 0;
  let i = 0;
  while (size < bytes) {
    const p = paragraph();
    clean.push(p);
    broken.push(i % 3 === 1 ? mojibake(p, 'windows-1252') : p);
    size += Buffer.byteLength(p) + 2;
    i++;
  }
  return { clean, broken };
}
