/**
 * franc-min's language guess, computed from franc-min's own data and script expressions through an inverted
 * index. franc scores a text against every language of its script by walking the text's trigrams once per
 * language (44 times for Latin text); here each trigram is looked up once and updates only the languages whose
 * profile holds it. The answer is franc's, to the tie (test/metadata/trigrams.test.ts compares the two on
 * thousands of texts); it is about ten times faster, which matters because it runs on every article.
 */
import { data } from 'franc-min/data.js';
import { expressions } from 'franc-min/expressions.js';

/** franc's constants: the longest text read, and the cost of a trigram a profile lacks. */
const MAX_LENGTH = 2048;
const MAX_DIFFERENCE = 300;

interface ScriptModel {
  /** Languages in franc's order (ties go to the first). */
  languages: string[];
  /** Trigram key → pairs of (language index, rank in that language's profile). */
  index: Map<number, Int32Array>;
}

const models = new Map<string, ScriptModel>();
const SCRIPTS = Object.keys(expressions);

/** Three UTF-16 code units as one exact number (48 bits). */
function key3(s: string, i: number): number {
  return s.charCodeAt(i) * 4294967296 + s.charCodeAt(i + 1) * 65536 + s.charCodeAt(i + 2);
}

function modelFor(script: string): ScriptModel {
  let m = models.get(script);
  if (m) return m;
  const languages = Object.keys(data[script]!);
  const lists = new Map<number, number[]>();
  languages.forEach((lang, li) => {
    const seen = new Set<number>();
    data[script]![lang]!.split('|').forEach((tri, rank) => {
      // franc keeps the first rank of a trigram listed twice
      if (tri.length !== 3) return;
      const k = key3(tri, 0);
      if (seen.has(k)) return;
      seen.add(k);
      let list = lists.get(k);
      if (!list) lists.set(k, (list = []));
      list.push(li, rank);
    });
  });
  const index = new Map<number, Int32Array>();
  for (const [k, list] of lists) index.set(k, Int32Array.from(list));
  m = { languages, index };
  models.set(script, m);
  return m;
}

function count(value: string, re: RegExp): number {
  re.lastIndex = 0;
  const found = value.match(re);
  return found ? found.length : 0;
}

/** The script with the most characters in `value`, as franc picks it (first one on ties), and its count. */
function topScript(value: string): [string, number] {
  // Unicode scripts do not overlap (a test checks every code point), so a script holding more than half of the
  // text is the top one whatever the others count
  const latin = count(value, expressions.Latin!);
  if (latin * 2 > value.length) return ['Latin', latin];
  let top = '';
  let topCount = -1;
  for (const script of SCRIPTS) {
    const c = script === 'Latin' ? latin : count(value, expressions[script]!);
    if (c > topCount) {
      topCount = c;
      top = script;
    }
  }
  return [top, topCount];
}

/** franc's text cleaning: ASCII punctuation and digits to spaces, white space collapsed, lower case, padded. */
function prepare(value: string): string {
  return ' ' + value.replace(/[\u0021-\u0040]+/g, ' ').replace(/\s+/g, ' ').trim().toLowerCase() + ' ';
}

/**
 * The ISO 639-3 code franc-min's `franc(value, { minLength })` returns for `value`, or `und`.
 */
export function guessLanguage(value: string, minLength = 10): string {
  if (!value || value.length < minLength) return 'und';
  value = value.slice(0, MAX_LENGTH);
  const [script, n] = topScript(value);
  if (!(script in data)) return n === 0 ? 'und' : script;
  const model = modelFor(script);
  const text = prepare(value);
  const counts = new Map<number, number>();
  for (let i = 0; i + 3 <= text.length; i++) {
    const k = key3(text, i);
    counts.set(k, (counts.get(k) ?? 0) + 1);
  }
  const dist = new Float64Array(model.languages.length).fill(counts.size * MAX_DIFFERENCE);
  for (const [k, c] of counts) {
    const hits = model.index.get(k);
    if (!hits) continue;
    for (let j = 0; j < hits.length; j += 2) {
      const d = c - hits[j + 1]! - 1;
      dist[hits[j]!]! += (d < 0 ? -d : d) - MAX_DIFFERENCE;
    }
  }
  let best = 0;
  for (let l = 1; l < dist.length; l++) if (dist[l]! < dist[best]!) best = l;
  return model.languages[best]!;
}
