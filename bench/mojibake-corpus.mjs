// Test and benchmark data for the mojibake repair, built only from committed
// files and independent of src/: the reference code-page tables in
// fixtures/encoding/mappings/ (the Unicode consortium's mapping files) and the
// clean seed texts in fixtures/encoding/corpus/.
//
// - readMapping / mojibake: UTF-8 bytes read back with a code page, as the
//   reference table says. Bytes the code page leaves undefined become the C1
//   control of the same number in 0x80-0x9F (what a Latin-1 or WHATWG decoder
//   gives) and U+FFFD above (a byte that is lost).
// - expectedRepair: what a repair of such text can restore: each character
//   that lost a byte becomes one U+FFFD.
// - sentences / symbolTexts: the seed texts; split(): tuning and held-out halves.
// - negativeCorpus: a reproducible set of clean strings (a seeded generator
//   over the seed texts) that a repair must leave unchanged.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const fixtures = fileURLToPath(new URL('../fixtures/encoding/', import.meta.url));

/** Code page label → reference mapping file. */
export const MAPPING_FILES = {
  'windows-1252': 'CP1252.TXT',
  'windows-1250': 'CP1250.TXT',
  'windows-1251': 'CP1251.TXT',
  'windows-1253': 'CP1253.TXT',
  'windows-1254': 'CP1254.TXT',
  'windows-1257': 'CP1257.TXT',
  'iso-8859-2': '8859-2.TXT',
  macintosh: 'ROMAN.TXT',
  cp437: 'CP437.TXT',
};

const mappingCache = new Map();

/** The reference table of a code page: 256 entries, a code point or null (undefined byte). */
export function readMapping(codepage) {
  const known = mappingCache.get(codepage);
  if (known) return known;
  const file = MAPPING_FILES[codepage];
  if (!file) throw new Error(`no reference mapping for ${codepage}`);
  const table = new Array(256).fill(null);
  for (let b = 0; b < 0x80; b++) table[b] = b;
  let seen = 0;
  for (const line of readFileSync(fixtures + 'mappings/' + file, 'utf8').split('\n')) {
    const m = /^0x([0-9A-Fa-f]{2})\t(?:0x([0-9A-Fa-f]{4,5}))?\s*$/.exec(line);
    if (!m) continue;
    const b = parseInt(m[1], 16);
    table[b] = m[2] ? parseInt(m[2], 16) : null;
    seen++;
  }
  if (seen !== 128) throw new Error(`${file}: ${seen} entries, expected 128`);
  mappingCache.set(codepage, table);
  return table;
}

/** UTF-8 bytes of text read back with a code page (undefined bytes: C1 control below 0xA0, U+FFFD above). */
export function mojibake(text, codepage) {
  const table = readMapping(codepage);
  let out = '';
  for (const b of Buffer.from(text, 'utf8')) {
    const cp = table[b];
    out += cp === null ? (b < 0xa0 ? String.fromCharCode(b) : '\ufffd') : String.fromCodePoint(cp);
  }
  return out;
}

/** Whether every byte of text's UTF-8 is defined in the code page (or a C1 byte, kept as such). */
export function survives(text, codepage) {
  const table = readMapping(codepage);
  for (const b of Buffer.from(text, 'utf8')) if (table[b] === null && b >= 0xa0) return false;
  return true;
}

/** What repairing mojibake(text, codepage) can give back: characters that lost a byte become U+FFFD. */
export function expectedRepair(text, codepage) {
  const table = readMapping(codepage);
  let out = '';
  for (const ch of text) {
    let lost = false;
    for (const b of Buffer.from(ch, 'utf8')) if (table[b] === null && b >= 0xa0) lost = true;
    out += lost ? '\ufffd' : ch;
  }
  return out;
}

/** Script of each language code of the seed sentences. */
export const SCRIPT_OF = {
  cyrillic: ['ru', 'uk', 'bg', 'sr', 'mk', 'kk'],
  greek: ['el'],
  hebrew: ['he'],
  arabic: ['ar', 'fa'],
  cjk: ['zh', 'ja', 'ko'],
  other: ['hi', 'th', 'ka', 'hy', 'am', 'ta', 'bn'],
};

export function scriptOf(lang) {
  for (const [script, langs] of Object.entries(SCRIPT_OF)) if (langs.includes(lang)) return script;
  if (['pl', 'cs', 'sk', 'hu', 'ro', 'hr', 'sl', 'sq'].includes(lang)) return 'latin-ce';
  if (['tr', 'az', 'lt', 'lv', 'et', 'vi', 'yo', 'mt'].includes(lang)) return 'latin-other';
  return 'latin-west';
}

function readTsv(name) {
  const rows = [];
  for (const line of readFileSync(fixtures + 'corpus/' + name, 'utf8').split('\n')) {
    if (line === '' || line.startsWith('#')) continue;
    const tab = line.indexOf('\t');
    const text = line
      .slice(tab + 1)
      .replace(/\\n/g, '\n')
      .replace(/\\u([0-9a-fA-F]{4})/g, (_, h) => String.fromCharCode(parseInt(h, 16)));
    rows.push({ kind: line.slice(0, tab), text });
  }
  return rows;
}

/** The clean seed sentences: { lang, script, text, heldOut }. Within each language, every second sentence is held out. */
export function sentences() {
  const perLang = new Map();
  return readTsv('sentences.tsv').map(({ kind, text }) => {
    const k = perLang.get(kind) ?? 0;
    perLang.set(kind, k + 1);
    return { lang: kind, script: scriptOf(kind), text, heldOut: k % 2 === 1 };
  });
}

/** The clean symbol-heavy seed texts: { kind, text } (math, box, sym, caps, name, mixed). */
export function symbolTexts() {
  return readTsv('symbols.tsv');
}

/** A small deterministic PRNG (xorshift32). */
export function prng(seed) {
  let s = seed >>> 0 || 0x9e3779b9;
  return () => {
    s ^= s << 13;
    s >>>= 0;
    s ^= s >>> 17;
    s ^= s << 5;
    s >>>= 0;
    return s / 0x100000000;
  };
}

/**
 * Clean strings a repair must leave unchanged, generated from the seed texts
 * with a seeded PRNG: every seed text as it is, in capitals, and in lower
 * case; word windows of each; two texts of the same or different languages
 * joined; texts with signs, numbers, quotes and no-break spaces around them.
 */
export function negativeCorpus(seed = 18, count = 2400) {
  const rand = prng(seed);
  const pick = (a) => a[Math.floor(rand() * a.length)];
  const seeds = [...sentences().map((s) => s.text), ...symbolTexts().map((s) => s.text)];
  const out = [];
  const seen = new Set();
  const add = (s) => {
    if (s.length > 0 && !seen.has(s)) {
      seen.add(s);
      out.push(s);
    }
  };
  for (const s of seeds) add(s);
  for (const s of seeds) add(s.toUpperCase());
  for (const s of seeds) add(s.toLowerCase());
  const wraps = [
    (s) => `«${s}»`,
    (s) => `„${s}“`,
    (s) => `“${s}”`,
    (s) => `${s} (${Math.floor(rand() * 1000)} €)`,
    (s) => `${s}\u00a0!`,
    (s) => `— ${s} —`,
    (s) => `• ${s}`,
    (s) => `${s} → ${Math.floor(rand() * 100)} %`,
    (s) => `${s}\n\n${s.toUpperCase()}`,
    (s) => `${Math.floor(rand() * 31) + 1}.${Math.floor(rand() * 12) + 1}.2024 · ${s}`,
  ];
  let guard = 0;
  while (out.length < count && guard++ < count * 20) {
    const r = rand();
    const a = pick(seeds);
    if (r < 0.35) {
      const words = a.split(' ');
      const from = Math.floor(rand() * words.length);
      const len = 1 + Math.floor(rand() * 6);
      add(words.slice(from, from + len).join(' '));
    } else if (r < 0.6) {
      add(`${a} ${pick(seeds)}`);
    } else {
      add(pick(wraps)(a));
    }
  }
  return out;
}
