/**
 * franc-min's language guess, computed from franc-min's own data and script expressions through an inverted
 * index. franc scores a text against every language of its script by walking the text's trigrams once per
 * language (44 times for Latin text); here each trigram is looked up once and updates only the languages whose
 * profile holds it. The answer is franc's, to the tie (test/metadata/trigrams.test.ts compares the two on
 * thousands of texts); it is about ten times faster, which matters because it runs on every article.
 *
 * Between two articles the cleaner moves everything else through the processor's cache, so the guess is paid mostly
 * in cache misses: the text is prepared in one pass over its units (no intermediate strings), trigrams of spaces
 * and a–z are counted and looked up by direct index in small tables, and the rest in tables whose slots hold
 * everything a probe needs side by side.
 */
import { data } from 'franc-min/data.js';
import { expressions } from 'franc-min/expressions.js';
import { foldSpaces } from '../text/spaces.js';

/** franc's constants: the longest text read, and the cost of a trigram a profile lacks. */
const MAX_LENGTH = 2048;
const MAX_DIFFERENCE = 300;

/**
 * Trigrams are three UTF-16 code units, kept as two integers (`hi` = the first unit, `lo` = the other two) in
 * open-addressing tables: no string slices and no boxed numbers per trigram.
 */
function slotOf(hi: number, lo: number, mask: number): number {
  return (Math.imul(hi, 0x9e3779b1) ^ Math.imul(lo, 0x85ebca77) ^ (lo >>> 15)) & mask;
}

interface ScriptModel {
  /** Languages in franc's order (ties go to the first). */
  languages: string[];
  mask: number;
  /**
   * Table of the trigrams not in `direct`, four integers per slot side by side (one cache line serves a probe: the
   * table is read on every article, between which the cleaner has moved everything else through the cache): `hi`
   * (-1: empty slot), `lo`, where the trigram's hits start in `hits`, and how many there are.
   */
  slots: Int32Array;
  /** Each hit is a language index and the trigram's rank in that language's profile: `language | rank << 8`. */
  hits: Int32Array;
  /**
   * Trigrams of spaces and the letters a–z (most of any Latin-script text), indexed by (k0 × 27 + k1) × 27 + k2 of
   * their LETTER_CODEs: where their hits start × 64 + how many there are; 0 when no profile holds the trigram.
   */
  direct: Int32Array;
}

/** Code of a space or a lower-case ASCII letter in a direct trigram index (0–26), -1 for any other unit. */
const LETTER_CODE = new Int8Array(65536).fill(-1);
LETTER_CODE[0x20] = 0;
for (let c = 0x61; c <= 0x7a; c++) LETTER_CODE[c] = c - 0x60;
const DIRECT_SIZE = 27 * 27 * 27;

const models = new Map<string, ScriptModel>();
const SCRIPTS = Object.keys(expressions);

function modelFor(script: string): ScriptModel {
  let m = models.get(script);
  if (m) return m;
  const languages = Object.keys(data[script]!);
  if (languages.length > 256) throw new Error(`${script}: more languages than a hit can name`);
  const lists = new Map<string, number[]>();
  languages.forEach((lang, li) => {
    const seen = new Set<string>();
    data[script]![lang]!.split('|').forEach((tri, rank) => {
      // franc keeps the first rank of a trigram listed twice
      if (tri.length !== 3 || seen.has(tri)) return;
      seen.add(tri);
      let list = lists.get(tri);
      if (!list) lists.set(tri, (list = []));
      list.push(li | (rank << 8));
    });
  });
  // trigrams of spaces and a–z go to the direct index, the others to the table
  const directIndex = (tri: string): number => {
    const k0 = LETTER_CODE[tri.charCodeAt(0)]!;
    const k1 = LETTER_CODE[tri.charCodeAt(1)]!;
    const k2 = LETTER_CODE[tri.charCodeAt(2)]!;
    return k0 >= 0 && k1 >= 0 && k2 >= 0 ? (k0 * 27 + k1) * 27 + k2 : -1;
  };
  const inTable = [...lists.keys()].filter((tri) => directIndex(tri) < 0).length;
  let size = 1024;
  while (size < inTable * 2) size *= 2;
  const model: ScriptModel = {
    languages,
    mask: size - 1,
    slots: new Int32Array(size * 4),
    hits: new Int32Array([...lists.values()].reduce((n, l) => n + l.length, 0)),
    direct: new Int32Array(DIRECT_SIZE),
  };
  for (let s = 0; s < size; s++) model.slots[s * 4] = -1;
  let offset = 0;
  for (const [tri, list] of lists) {
    model.hits.set(list, offset);
    const d = directIndex(tri);
    if (d >= 0) model.direct[d] = offset * 64 + list.length;
    else {
      const hi = tri.charCodeAt(0);
      const lo = (tri.charCodeAt(1) << 16) | tri.charCodeAt(2);
      let slot = slotOf(hi, lo, model.mask);
      while (model.slots[slot * 4] !== -1) slot = (slot + 1) & model.mask;
      model.slots[slot * 4] = hi;
      model.slots[slot * 4 + 1] = lo;
      model.slots[slot * 4 + 2] = offset;
      model.slots[slot * 4 + 3] = list.length;
    }
    offset += list.length;
  }
  models.set(script, model);
  return model;
}

/**
 * The text's own trigram counts, in a table reused from call to call (a text is at most 2,050 trigrams), three
 * integers per slot side by side: `hi` (-1: empty), `lo`, count. Only as much of it is used as the text needs.
 */
const DOC_SIZE = 8192;
const docSlots = new Int32Array(DOC_SIZE * 3).fill(-1);
const used = new Int32Array(DOC_SIZE);
/** Counts of the text's letter trigrams, by direct index, and which of them it has. */
const docDirect = new Uint16Array(DIRECT_SIZE);
const usedDirect = new Int32Array(DOC_SIZE);

/**
 * `prepare(value)`'s code units, written into `units` without the intermediate strings; their number, or -1 when
 * the text holds a unit whose lower case depends on its neighbours or has another length (Σ, İ, surrogates), which
 * only `toLowerCase` on the whole string gets right.
 */
const units = new Uint16Array(MAX_LENGTH * 2 + 2); // İ lower-cases to two units
/**
 * Per UTF-16 unit: 0 not yet known, 1 white space or ASCII punctuation and digits (a separator), 2 its lower case
 * is itself or one other unit (in `LOWER`), 3 neither (the text needs the string path).
 */
const UNIT_KIND = new Uint8Array(65536);
const LOWER = new Uint16Array(65536);
const SPACE = /^\s$/;

function kindOf(c: number): number {
  let k = UNIT_KIND[c]!;
  if (k === 0) {
    const ch = String.fromCharCode(c);
    const lower = ch.toLowerCase();
    if ((c >= 0x21 && c <= 0x40) || SPACE.test(ch)) k = 1;
    else if (c === 0x3a3 || (c >= 0xd800 && c <= 0xdfff) || lower.length !== 1) k = 3;
    else {
      k = 2;
      LOWER[c] = lower.charCodeAt(0);
    }
    UNIT_KIND[c] = k;
  }
  return k;
}

function prepareUnits(value: string): number {
  let n = 0;
  units[n++] = 0x20;
  let pendingSpace = false;
  for (let i = 0; i < value.length; i++) {
    const c = value.charCodeAt(i);
    const k = kindOf(c);
    if (k === 1) {
      // a run of separators is one space; none at the start (trimmed), and the end is padded below
      pendingSpace = n > 1;
      continue;
    }
    if (k === 3) return -1;
    if (pendingSpace) {
      units[n++] = 0x20;
      pendingSpace = false;
    }
    units[n++] = LOWER[c]!;
  }
  units[n++] = 0x20;
  return n;
}

/**
 * A script expression as a table: which single UTF-16 units it matches, and (at a high surrogate) whether it
 * matches the pair. franc's expressions are classes of single units and surrogate pairs, so counting through the
 * table gives `value.match(re).length` without making an array of one-character strings (a test compares them).
 */
interface ScriptTable {
  units: Uint8Array;
  anchored: RegExp;
}
const tables = new Map<RegExp, ScriptTable>();

function tableOf(re: RegExp): ScriptTable {
  let t = tables.get(re);
  if (!t) {
    const one = new RegExp(re.source);
    const units = new Uint8Array(65536);
    for (let c = 0; c < 65536; c++) units[c] = one.test(String.fromCharCode(c)) ? 1 : 0;
    t = { units, anchored: new RegExp(`^(?:${re.source})`) };
    tables.set(re, t);
  }
  return t;
}

/** Matches of a script expression in `value`, as `value.match(re).length` counts them. */
export function count(value: string, re: RegExp): number {
  const { units, anchored } = tableOf(re);
  let n = 0;
  for (let i = 0; i < value.length; i++) {
    const c = value.charCodeAt(i);
    if (c >= 0xd800 && c <= 0xdbff && i + 1 < value.length) {
      const m = anchored.exec(value.slice(i, i + 2));
      if (m) {
        n++;
        i += m[0].length - 1;
      }
      continue;
    }
    n += units[c]!;
  }
  return n;
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
  return ' ' + foldSpaces(value.replace(/[\u0021-\u0040]+/g, ' ')).trim().toLowerCase() + ' ';
}

/** franc's distance, for the profiles holding one trigram the text has `count` times: hits[from .. to). */
function score(dist: Float64Array, hits: Int32Array, from: number, to: number, count: number): void {
  for (let j = from; j < to; j++) {
    const hit = hits[j]!;
    const diff = count - (hit >> 8) - 1;
    dist[hit & 255]! += (diff < 0 ? -diff : diff) - MAX_DIFFERENCE;
  }
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
  let length = prepareUnits(value);
  if (length < 0) {
    const text = prepare(value);
    length = text.length;
    for (let i = 0; i < length; i++) units[i] = text.charCodeAt(i);
  }
  // the text's trigrams counted: those of spaces and a–z by direct index, others in a table at most half full
  let docSize = 64;
  while (docSize < length * 2 && docSize < DOC_SIZE) docSize *= 2;
  const docMask = docSize - 1;
  let unique = 0;
  let uniqueDirect = 0;
  let c0 = units[0]!;
  let c1 = units[1]!;
  for (let i = 2; i < length; i++) {
    const c2 = units[i]!;
    const k0 = LETTER_CODE[c0]!;
    const k1 = LETTER_CODE[c1]!;
    const k2 = LETTER_CODE[c2]!;
    if ((k0 | k1 | k2) >= 0) {
      const d = (k0 * 27 + k1) * 27 + k2;
      if (docDirect[d]!++ === 0) usedDirect[uniqueDirect++] = d;
    } else {
      const hi = c0;
      const lo = (c1 << 16) | c2;
      let slot = slotOf(hi, lo, docMask);
      for (;;) {
        const at = slot * 3;
        if (docSlots[at] === -1) {
          docSlots[at] = hi;
          docSlots[at + 1] = lo;
          docSlots[at + 2] = 1;
          used[unique++] = at;
          break;
        }
        if (docSlots[at] === hi && docSlots[at + 1] === lo) {
          docSlots[at + 2]!++;
          break;
        }
        slot = (slot + 1) & docMask;
      }
    }
    c0 = c1;
    c1 = c2;
  }
  const dist = new Float64Array(model.languages.length).fill((unique + uniqueDirect) * MAX_DIFFERENCE);
  const { slots, hits, mask, direct } = model;
  for (let u = 0; u < uniqueDirect; u++) {
    const d = usedDirect[u]!;
    const c = docDirect[d]!;
    docDirect[d] = 0;
    const packed = direct[d]!;
    if (packed !== 0) score(dist, hits, packed >> 6, (packed >> 6) + (packed & 63), c);
  }
  for (let u = 0; u < unique; u++) {
    const d = used[u]!;
    const hi = docSlots[d]!;
    const lo = docSlots[d + 1]!;
    const c = docSlots[d + 2]!;
    docSlots[d] = -1;
    let at = slotOf(hi, lo, mask) * 4;
    while (slots[at] !== -1 && (slots[at] !== hi || slots[at + 1] !== lo)) at = (at + 4) & (mask * 4 + 3);
    if (slots[at] !== -1) score(dist, hits, slots[at + 2]!, slots[at + 2]! + slots[at + 3]!, c);
  }
  let best = 0;
  for (let l = 1; l < dist.length; l++) if (dist[l]! < dist[best]!) best = l;
  return model.languages[best]!;
}
