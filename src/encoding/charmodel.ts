// A small model of how plausible a run of characters is as ordinary text.
//
// Every code point falls into one class (ASCII letter, common accented Latin
// letter, rare Latin letter, Cyrillic letter, opening quote, rare sign, C1
// control, …). The cost of a string is the sum of
//   - a cost per character (roughly: how rare it is in running text),
//   - a cost per adjacent pair of classes (how odd the transition is: a
//     small letter followed by an accented capital, a letter followed by a
//     currency sign, a Latin letter glued to a Hebrew one, …),
//   - a cost for a letter whose nearest letters on both sides belong to
//     another script and none to its own,
//   - letter-case features: a small accented letter inside capitals, a lone
//     accented capital standing as a word, a capital after a small letter in
//     Greek or Cyrillic,
//   - a bonus for a short quoted item ("„Ä“", "«Ö»").
// Mojibake is expensive under this model (`Ã©`, `â€™`, `Ð¿Ñ€`), and the
// text it came from is cheap; ordinary text in any script is cheap as it is.
// Costs are in arbitrary units, comparable across alternatives.

export const K = {
  SPACE: 0,
  NBSP: 1,
  ALOW: 2,
  AUP: 3,
  DIGIT: 4,
  APUNCT: 5,
  CTRL: 6,
  C1: 7,
  LLOW: 8,
  LUP: 9,
  LRARE: 10,
  MODL: 11,
  MARK: 12,
  GREEK: 13,
  CYR: 14,
  HEB: 15,
  ARAB: 16,
  INDIC: 17,
  SEA: 18,
  CJK: 19,
  OTHERS: 20,
  RARES: 21,
  OPEN: 22,
  CLOSE: 23,
  APOS: 24,
  DASH: 25,
  ELLIP: 26,
  MIDDOT: 27,
  BULLET: 28,
  PUNCT: 29,
  SYMT: 30,
  SYM: 31,
  SYMR: 32,
  MATH: 33,
  BOX: 34,
  EMOJI: 35,
  FFFD: 36,
  BAD: 37,
  FORMAT: 38,
  CJKP: 39,
  ODIGIT: 40,
  PUNCTR: 41,
  UNKNOWN: 42,
  QUOTE: 43,
} as const;
const NCLASS = 44;

/**
 * Stands, in the context of a segment, for a character that may itself be
 * mojibake (an accented capital of windows-1252's lead range): it neither
 * supports nor contradicts the script of its neighbours, and costs nothing.
 */
export const UNKNOWN_CONTEXT = 0xe000;

const BASE_COST: number[] = [];
BASE_COST[K.SPACE] = 0;
BASE_COST[K.NBSP] = 0.5;
BASE_COST[K.ALOW] = 0;
BASE_COST[K.AUP] = 0;
BASE_COST[K.DIGIT] = 0;
BASE_COST[K.APUNCT] = 0.2;
BASE_COST[K.CTRL] = 5;
BASE_COST[K.C1] = 9;
BASE_COST[K.LLOW] = 1.2;
BASE_COST[K.LUP] = 1.8;
BASE_COST[K.LRARE] = 8;
BASE_COST[K.MODL] = 4;
BASE_COST[K.MARK] = 3;
BASE_COST[K.GREEK] = 1.5;
BASE_COST[K.CYR] = 1.2;
BASE_COST[K.HEB] = 1.5;
BASE_COST[K.ARAB] = 1.5;
BASE_COST[K.INDIC] = 1.5;
BASE_COST[K.SEA] = 1.5;
BASE_COST[K.CJK] = 1.5;
BASE_COST[K.OTHERS] = 2;
BASE_COST[K.RARES] = 6;
BASE_COST[K.OPEN] = 0.6;
BASE_COST[K.CLOSE] = 0.6;
BASE_COST[K.APOS] = 0.3;
BASE_COST[K.DASH] = 0.5;
BASE_COST[K.ELLIP] = 0.8;
BASE_COST[K.MIDDOT] = 2;
BASE_COST[K.BULLET] = 1.5;
BASE_COST[K.PUNCT] = 2.5;
BASE_COST[K.SYMT] = 1.5;
BASE_COST[K.SYM] = 2;
BASE_COST[K.SYMR] = 4;
BASE_COST[K.MATH] = 3;
BASE_COST[K.BOX] = 4;
BASE_COST[K.EMOJI] = 1.5;
BASE_COST[K.FFFD] = 2.5;
BASE_COST[K.BAD] = 10;
BASE_COST[K.FORMAT] = 3;
BASE_COST[K.CJKP] = 1.5;
BASE_COST[K.ODIGIT] = 2;
BASE_COST[K.PUNCTR] = 4;
BASE_COST[K.UNKNOWN] = 0;
BASE_COST[K.QUOTE] = 0.6;

// Per-character costs that differ from their class's.
const CHAR_COST = new Map<number, number>();
function setCost(chars: string, cost: number): void {
  for (const ch of chars) CHAR_COST.set(ch.codePointAt(0) ?? 0, cost);
}
// Accented small letters by how common they are across the languages that use
// them (a unigram prior: it decides between readings of two code pages that
// give different letters, "atrás" or "atrås", "niños" or "niùos").
setCost('àáâäçèéêíóôöúüãõñ', 1);
setCost('åæøßëîïû', 1.2);
setCost('ìòùýœ', 1.4);
setCost('ðþÿ', 2.5);
setCost('ÉÀÇÄÖÜÅØÆÑÓÍÁÚÊÔÈŒŠČŽ', 1.8);
setCost('ÂÃÕËÎÏÌÒÙÛÝÐÞŸ', 2.6);
setCost('ĸŉſĳĲŀĿ', 4);
setCost('əƏ', 1.5);
setCost('șțȘȚơưƠƯǎǐǒǔǚǜ', 2.5);
// Letters of African orthographies (Ewe, Bambara, Hausa, Akan, Lingala, …).
setCost('ɛɔƐƆŋŊɓɗɖɣɲƙƴʋɨʉɑɩʊɦƁƊƉƔƝƘƳƲƎǝ', 3.2);
setCost('°', 1);
setCost('™®', 1.3);
setCost('¹²³ªº', 1.8);
setCost('©€£', 1.2);
setCost('¥×', 1.6);
setCost('¢±½¼¾µ§', 2.2);
setCost('÷', 2.6);
setCost('¶', 3);
setCost('¤¦¯¸', 4.2);
setCost('¨¬ƒˆ˜', 3.6);
setCost('´', 3);
setCost('†', 2.5);
setCost('‡', 3.5);
setCost('‰', 3);
setCost('“”', 0.5);
setCost('‘', 0.7);
setCost('„', 1.4);
setCost('«»', 1);
setCost('‚‹›', 3);
setCost('¿¡', 1.5);
setCost('ёЁ', 1.8);

const TABLE_CLASS = new Uint8Array(0x10000);
const TABLE_DONE = new Uint8Array(0x10000);
const TABLE_COST = new Float32Array(0x10000);
/** Letter case: 1 upper, 2 lower, 0 neither. */
const TABLE_CASE = new Uint8Array(0x10000);

const RE = {
  letter: /^\p{L}$/u,
  upper: /^\p{Lu}$/u,
  lower: /^\p{Ll}$/u,
  mark: /^\p{M}$/u,
  digit: /^\p{Nd}$/u,
  number: /^\p{N}$/u,
  format: /^\p{Cf}$/u,
  unassigned: /^[\p{Cn}\p{Co}\p{Cs}]$/u,
  open: /^[\p{Ps}\p{Pi}]$/u,
  close: /^[\p{Pe}\p{Pf}]$/u,
  dash: /^\p{Pd}$/u,
  punct: /^\p{P}$/u,
  math: /^\p{Sm}$/u,
  symbol: /^\p{S}$/u,
  space: /^\p{Z}$/u,
  latin: /^\p{Script=Latin}$/u,
  greek: /^\p{Script=Greek}$/u,
  cyrillic: /^\p{Script=Cyrillic}$/u,
  hebrew: /^\p{Script=Hebrew}$/u,
  arabic: /^\p{Script=Arabic}$/u,
  indic:
    /^[\p{Script=Devanagari}\p{Script=Bengali}\p{Script=Gurmukhi}\p{Script=Gujarati}\p{Script=Oriya}\p{Script=Tamil}\p{Script=Telugu}\p{Script=Kannada}\p{Script=Malayalam}\p{Script=Sinhala}]$/u,
  sea: /^[\p{Script=Thai}\p{Script=Lao}\p{Script=Khmer}\p{Script=Myanmar}\p{Script=Tibetan}]$/u,
  cjk: /^[\p{Script_Extensions=Han}\p{Script_Extensions=Hiragana}\p{Script_Extensions=Katakana}\p{Script_Extensions=Hangul}\p{Script_Extensions=Bopomofo}]$/u,
  xArabic: /^[\p{Script_Extensions=Arabic}\p{Script_Extensions=Syriac}]$/u,
  xHebrew: /^\p{Script_Extensions=Hebrew}$/u,
  xIndic: /^[\p{Script_Extensions=Devanagari}\p{Script_Extensions=Bengali}\p{Script_Extensions=Tamil}\p{Script_Extensions=Sinhala}]$/u,
  xCjk: /^[\p{Script_Extensions=Han}\p{Script_Extensions=Hiragana}\p{Script_Extensions=Katakana}\p{Script_Extensions=Hangul}]$/u,
  xGreek: /^\p{Script_Extensions=Greek}$/u,
  xCyrillic: /^\p{Script_Extensions=Cyrillic}$/u,
  xOthers: /^[\p{Script_Extensions=Armenian}\p{Script_Extensions=Georgian}\p{Script_Extensions=Ethiopic}\p{Script_Extensions=Thai}\p{Script_Extensions=Tibetan}\p{Script_Extensions=Myanmar}\p{Script_Extensions=Khmer}\p{Script_Extensions=Mongolian}]$/u,
  others:
    /^[\p{Script=Armenian}\p{Script=Georgian}\p{Script=Ethiopic}\p{Script=Cherokee}\p{Script=Canadian_Aboriginal}\p{Script=Mongolian}\p{Script=Yi}\p{Script=Javanese}\p{Script=Balinese}\p{Script=Sundanese}\p{Script=Tifinagh}\p{Script=Ol_Chiki}\p{Script=Vai}]$/u,
};

function computeClass(cp: number): number {
  if (cp < 0x80) {
    if (cp >= 0x61 && cp <= 0x7a) return K.ALOW;
    if (cp >= 0x41 && cp <= 0x5a) return K.AUP;
    if (cp >= 0x30 && cp <= 0x39) return K.DIGIT;
    if (cp === 0x20 || cp === 0x09 || cp === 0x0a || cp === 0x0d || cp === 0x0c || cp === 0x0b) return K.SPACE;
    if (cp < 0x20 || cp === 0x7f) return K.CTRL;
    return K.APUNCT;
  }
  if (cp < 0xa0) return K.C1;
  if (cp === UNKNOWN_CONTEXT) return K.UNKNOWN;
  if (cp === 0xa0 || cp === 0x202f || cp === 0x2007) return K.NBSP;
  if (cp === 0xfffd) return K.FFFD;
  if (cp === 0x2019 || cp === 0x02bc) return K.APOS;
  if (cp === 0x2026) return K.ELLIP;
  if (cp === 0xb7 || cp === 0x2027 || cp === 0x30fb) return K.MIDDOT;
  if (cp === 0x2022 || cp === 0x25e6 || cp === 0x2043) return K.BULLET;
  if (cp === 0xbf || cp === 0xa1) return K.OPEN;
  if (cp === 0xb0 || cp === 0x2122 || cp === 0xae || cp === 0xb9 || cp === 0xb2 || cp === 0xb3 || cp === 0xaa || cp === 0xba || cp === 0x2032 || cp === 0x2033) {
    return K.SYMT;
  }
  if (cp === 0xb5) return K.SYM;
  // “ and ‘ open quotes in English and close them in German.
  if (cp === 0x201c || cp === 0x2018) return K.QUOTE;
  if (cp === 0xab) return K.OPEN;
  if (cp === 0xbb) return K.CLOSE;
  if (cp < 0x100 && !RE.letter.test(String.fromCharCode(cp))) {
    // Latin-1 signs: a few are rare in running text, the rest are common.
    return '¤¦¨¯´¸¬'.includes(String.fromCharCode(cp)) ? K.SYMR : K.SYM;
  }
  if (cp === 0x192 || cp === 0x2c6 || cp === 0x2dc) return K.SYMR; // ƒ ˆ ˜: letters only in name
  if ((cp >= 0xfdd0 && cp <= 0xfdef) || (cp & 0xfffe) === 0xfffe) return K.BAD;
  const ch = String.fromCodePoint(cp);
  if (RE.unassigned.test(ch)) return K.BAD;
  if (RE.mark.test(ch)) return K.MARK;
  if (RE.format.test(ch)) return K.FORMAT;
  if (RE.space.test(ch)) return K.SPACE;
  if (cp >= 0x3000 && cp <= 0x303f) return K.CJKP;
  if (cp >= 0xff00 && cp <= 0xffef) return RE.letter.test(ch) ? (RE.cjk.test(ch) ? K.CJK : K.LRARE) : K.CJKP;
  if (RE.letter.test(ch) || RE.digit.test(ch)) {
    if (RE.latin.test(ch)) {
      if (cp >= 0x2b0 && cp <= 0x2ff) return K.MODL;
      const common = cp < 0x180 || (cp >= 0x1e00 && cp <= 0x1eff) || CHAR_COST.has(cp);
      if (!common) return K.LRARE;
      if (RE.upper.test(ch)) return K.LUP;
      return K.LLOW;
    }
    if (RE.digit.test(ch)) return K.ODIGIT;
    if (cp >= 0x2b0 && cp <= 0x2ff) return K.MODL;
    if (RE.greek.test(ch)) return cp >= 0x370 && cp < 0x400 && !(cp >= 0x3e2 && cp <= 0x3ef) ? K.GREEK : K.RARES;
    if (RE.cyrillic.test(ch)) return (cp >= 0x400 && cp < 0x460) || (cp >= 0x490 && cp < 0x500) ? K.CYR : K.RARES;
    if (RE.hebrew.test(ch)) return K.HEB;
    if (RE.arabic.test(ch)) return K.ARAB;
    if (RE.indic.test(ch)) return K.INDIC;
    if (RE.sea.test(ch)) return K.SEA;
    if (RE.cjk.test(ch)) return K.CJK;
    if (RE.others.test(ch)) return K.OTHERS;
    return K.RARES;
  }
  if (RE.number.test(ch)) return K.SYM;
  if (RE.punct.test(ch)) {
    // Punctuation of one script (Arabic comma, Hebrew maqaf, danda, ideographic
    // full stop, …) counts as part of that script.
    const scriptClass = scriptOfPunctuation(ch);
    if (scriptClass !== undefined) return scriptClass;
    if (cp >= 0x2010 && cp <= 0x2015) return K.DASH;
    if (cp >= 0x2000 && cp < 0x2070) {
      if (RE.open.test(ch)) return K.OPEN;
      if (RE.close.test(ch)) return K.CLOSE;
      return K.PUNCT;
    }
    return K.PUNCTR;
  }
  if (cp >= 0x2500 && cp <= 0x25ff) return K.BOX;
  if (cp >= 0x2600 && cp <= 0x27bf) return K.EMOJI;
  if (cp >= 0x1f000) return K.EMOJI;
  if (cp >= 0x20a0 && cp <= 0x20cf) return K.SYM;
  if (RE.math.test(ch)) return cp < 0x100 ? K.SYM : K.MATH;
  if (RE.symbol.test(ch)) return K.SYMR;
  return K.BAD;
}

function scriptOfPunctuation(ch: string): number | undefined {
  if (RE.xArabic.test(ch)) return K.ARAB;
  if (RE.xHebrew.test(ch)) return K.HEB;
  if (RE.xIndic.test(ch)) return K.INDIC;
  if (RE.xCjk.test(ch)) return K.CJKP;
  if (RE.xGreek.test(ch)) return K.GREEK;
  if (RE.xCyrillic.test(ch)) return K.CYR;
  if (RE.xOthers.test(ch)) return K.OTHERS;
  return undefined;
}

function computeCost(cp: number, cls: number): number {
  const c = CHAR_COST.get(cp);
  if (c !== undefined) return c;
  if (cls === K.LLOW && cp >= 0x100) return 1.5;
  if (cls === K.LUP && cp >= 0x100) return 2;
  return BASE_COST[cls] ?? 5;
}

function fill(cp: number): void {
  const cls = computeClass(cp);
  TABLE_CLASS[cp] = cls;
  TABLE_COST[cp] = computeCost(cp, cls);
  const ch = String.fromCharCode(cp);
  TABLE_CASE[cp] = cp >= 0xd800 && cp < 0xe000 ? 0 : RE.upper.test(ch) ? 1 : RE.lower.test(ch) ? 2 : 0;
  TABLE_DONE[cp] = 1;
}

/** Class of a code point (see K). */
export function classOf(cp: number): number {
  if (cp < 0x10000) {
    if (TABLE_DONE[cp] === 0) fill(cp);
    return TABLE_CLASS[cp] ?? K.BAD;
  }
  if (cp >= 0x1f000 && cp < 0x1fb00) return K.EMOJI;
  if (cp >= 0x20000 && cp < 0x32000) return K.CJK;
  return computeClass(cp);
}

function caseOf(cp: number): number {
  if (cp >= 0x10000) return 0;
  if (TABLE_DONE[cp] === 0) fill(cp);
  return TABLE_CASE[cp] ?? 0;
}

/** Cost of a code point on its own. */
export function charCost(cp: number): number {
  if (cp < 0x10000) {
    if (TABLE_DONE[cp] === 0) fill(cp);
    return TABLE_COST[cp] ?? 5;
  }
  return computeCost(cp, classOf(cp));
}

// ---- pair costs ----------------------------------------------------------

const LATIN_LETTERS: number[] = [K.ALOW, K.AUP, K.LLOW, K.LUP, K.LRARE, K.MODL];
const SCRIPT_LETTERS: number[] = [K.GREEK, K.CYR, K.HEB, K.ARAB, K.INDIC, K.SEA, K.CJK, K.OTHERS, K.RARES];
const SYMBOLISH: number[] = [K.SYMT, K.SYM, K.SYMR, K.MATH, K.BOX, K.PUNCT, K.PUNCTR, K.BULLET, K.MIDDOT];
const PUNCTISH: number[] = [K.OPEN, K.QUOTE, K.CLOSE, K.APOS, K.DASH, K.ELLIP];

const PAIR = new Float32Array(NCLASS * NCLASS);
function setPair(a: number[] | number, b: number[] | number, cost: number): void {
  for (const x of Array.isArray(a) ? a : [a]) for (const y of Array.isArray(b) ? b : [b]) PAIR[x * NCLASS + y] = cost;
}

const LETTERS = [...LATIN_LETTERS, ...SCRIPT_LETTERS];
// Symbols and punctuation next to each other.
setPair([...SYMBOLISH, ...PUNCTISH], [...SYMBOLISH, ...PUNCTISH], 1.5);
setPair(PUNCTISH, PUNCTISH, 0.5);
setPair(K.BOX, K.BOX, 0);
setPair(K.MATH, K.MATH, 1);
// A letter, then a symbol or punctuation mark.
setPair(LETTERS, K.SYMT, 0.5);
setPair(LETTERS, K.SYM, 2.5);
setPair(LETTERS, K.SYMR, 3);
setPair(LETTERS, K.MATH, 3);
setPair(LETTERS, K.BOX, 4);
setPair(LETTERS, K.PUNCT, 2);
setPair(LETTERS, K.PUNCTR, 3);
setPair(K.PUNCTR, LETTERS, 3);
setPair(LETTERS, K.BULLET, 3);
setPair(LETTERS, K.MIDDOT, 1.5);
setPair(LETTERS, K.OPEN, 3);
setPair(LETTERS, K.QUOTE, 1);
// An apostrophe after a letter of another script than Latin ("Р’", windows-1251
// mojibake of "В"); Ukrainian puts it inside words, where it is paid once.
setPair(SCRIPT_LETTERS, K.APOS, 1.5);
setPair(LETTERS, K.DASH, 0.5);
setPair(LETTERS, K.NBSP, 0.5);
setPair([K.LLOW, K.LUP], K.NBSP, 1.5);
setPair(LETTERS, K.FORMAT, 1);
setPair(LETTERS, K.FFFD, 0.5);
setPair(LETTERS, K.EMOJI, 1);
// A symbol or punctuation mark, then a letter.
setPair(K.SYMT, LETTERS, 2);
setPair(K.SYM, LETTERS, 2.5);
setPair(K.SYMR, LETTERS, 3);
setPair(K.MATH, LETTERS, 2.5);
setPair(K.BOX, LETTERS, 4);
setPair(K.PUNCT, LETTERS, 2);
setPair(K.BULLET, LETTERS, 1);
setPair(K.MIDDOT, LETTERS, 1.5);
setPair(K.CLOSE, LETTERS, 2.5);
setPair(K.DASH, LETTERS, 0.5);
setPair(K.ELLIP, LETTERS, 1.5);
setPair(K.FORMAT, LETTERS, 1);
setPair(K.FFFD, LETTERS, 0.5);
// Letters of different scripts glued together.
setPair(LATIN_LETTERS, SCRIPT_LETTERS, 5);
setPair(SCRIPT_LETTERS, LATIN_LETTERS, 5);
setPair(SCRIPT_LETTERS, SCRIPT_LETTERS, 5);
for (const s of SCRIPT_LETTERS) setPair(s, s, 0);
setPair(LATIN_LETTERS, K.CJK, 2.5);
setPair(K.CJK, LATIN_LETTERS, 2.5);
setPair(K.CJK, K.CJKP, 0);
setPair(K.CJKP, K.CJK, 0);
setPair(LATIN_LETTERS, LATIN_LETTERS, 0);
// Two accented letters in a row are uncommon outside a few orthographies.
setPair([K.LLOW, K.LUP], [K.LLOW, K.LUP], 1);
// Case: a capital right after a small letter.
setPair(K.ALOW, K.AUP, 1);
setPair(K.ALOW, K.LUP, 4);
setPair(K.LLOW, K.LUP, 4);
setPair(K.LLOW, K.AUP, 2.5);
setPair(K.LRARE, LATIN_LETTERS, 1);
setPair(LATIN_LETTERS, K.LRARE, 1);
// Digits.
setPair(K.DIGIT, LATIN_LETTERS, 0.3);
setPair(LATIN_LETTERS, K.DIGIT, 0.3);
setPair(K.DIGIT, SCRIPT_LETTERS, 1);
setPair(SCRIPT_LETTERS, K.DIGIT, 1);
setPair(K.DIGIT, K.CJK, 0.5);
setPair(K.CJK, K.DIGIT, 0.5);
// Spaces and quotes.
setPair(K.SPACE, K.CLOSE, 1);
setPair(K.OPEN, K.SPACE, 1.5);
// Combining marks belong after letters.
for (let a = 0; a < NCLASS; a++) PAIR[a * NCLASS + K.MARK] = 4;
for (const l of LETTERS) PAIR[l * NCLASS + K.MARK] = 0;
PAIR[K.MARK * NCLASS + K.MARK] = 1;

/** Cost of class `a` directly followed by class `b`. */
export function pairCost(a: number, b: number): number {
  return PAIR[a * NCLASS + b] ?? 0;
}

/** Extra cost of a letter with no letter of its own script on either side. */
export function isolationCost(cls: number): number {
  switch (cls) {
    case K.GREEK:
    case K.CYR:
    case K.HEB:
    case K.ARAB:
    case K.INDIC:
    case K.SEA:
    case K.OTHERS:
      return 4;
    case K.CJK:
      return 3;
    case K.RARES:
      return 6;
    case K.LRARE:
      return 2;
    case K.LUP:
      return 1;
    case K.LLOW:
      return 0.5;
    default:
      return 0;
  }
}

const ISOLATION_COST = new Float64Array(64);
for (let c = 0; c < NCLASS; c++) ISOLATION_COST[c] = isolationCost(c);

function isLatinClass(c: number): boolean {
  return c === K.ALOW || c === K.AUP || c === K.LLOW || c === K.LUP || c === K.LRARE || c === K.MODL;
}

const LETTER_CLASS = new Uint8Array(64);
for (let c = 0; c < NCLASS; c++) LETTER_CLASS[c] = isLatinClass(c) || (c >= K.GREEK && c <= K.RARES) ? 1 : 0;

function isLetterClass(c: number): boolean {
  return LETTER_CLASS[c] === 1;
}

/** Whether letter classes a and b belong to the same script, for isolation. */
function sameScript(a: number, b: number): boolean {
  if (a === b) return true;
  return isLatinClass(a) && isLatinClass(b);
}

const ISOLATION_REACH = 3;
const LONE_LETTER_COST = 2.5;

/** A hyphen or a digit right before or after position i. */
function joinedToWord(cps: ArrayLike<number>, cls: Uint8Array, i: number): boolean {
  const l = i > 0 ? (cps[i - 1] ?? 0x20) : 0x20;
  const r = i + 1 < cls.length ? (cps[i + 1] ?? 0x20) : 0x20;
  return l === 0x2d || r === 0x2d || cls[i - 1] === K.DIGIT || cls[i + 1] === K.DIGIT;
}

/** No letter (or mark) within ISOLATION_REACH on either side of position i. */
function alone(cls: Uint8Array, i: number): boolean {
  for (let k = Math.max(0, i - ISOLATION_REACH); k <= Math.min(cls.length - 1, i + ISOLATION_REACH); k++) {
    if (k === i) continue;
    const c = cls[k] ?? K.SPACE;
    if (c === K.MARK || isLetterClass(c)) return false;
  }
  return true;
}

/**
 * Isolation of the letter at i: the nearest letters on either side (within a
 * few characters, marks skipped) include one of another script and none of
 * its own. A lone letter among spaces, digits and punctuation is not isolated.
 */
function isolated(cls: Uint8Array, i: number, c0: number): boolean {
  let foreign = false;
  for (let dir = -1; dir <= 1; dir += 2) {
    for (let k = 1; k <= ISOLATION_REACH; k++) {
      const j = i + dir * k;
      if (j < 0 || j >= cls.length) break;
      const c = cls[j] ?? K.SPACE;
      if (c === K.MARK) continue;
      if (!isLetterClass(c)) continue;
      if (sameScript(c0, c)) return false;
      foreign = true;
      break;
    }
  }
  return foreign;
}

/** Context characters needed on each side of a span for spanCost. */
export const CONTEXT = ISOLATION_REACH + 1;

/**
 * Cost of `cps[from..to)` read with the characters around it: the characters'
 * own costs, every pair that touches the span, and isolation of any letter in
 * the span or right next to it. `cps` holds code points.
 */
let classBuf = new Uint8Array(256);
const F_CASE = 1; // a Latin letter that the case features look at
const F_QUOTE = 2; // a quotation mark or an ellipsis
const F_QMARK = 4; // a question mark
const F_OPENER = 8; // « » or a quotation mark U+2018-U+2039
const FEATURE = new Uint8Array(64);
FEATURE[K.ALOW] = F_CASE;
FEATURE[K.LLOW] = F_CASE;
FEATURE[K.LUP] = F_CASE;
FEATURE[K.QUOTE] = F_QUOTE;
FEATURE[K.OPEN] = F_QUOTE;
FEATURE[K.CLOSE] = F_QUOTE;
FEATURE[K.ELLIP] = F_QUOTE;
// Views of classBuf by length, made once (a view per call is garbage).
let classViews: Uint8Array[] = [];

/**
 * The same as spanCost(cps.subarray(0, n), from, to) for the first n code
 * points of a reused buffer.
 */
export function spanCost(cps: ArrayLike<number>, from: number, to: number, n: number = cps.length): number {
  if (classBuf.length < n) {
    classBuf = new Uint8Array(n * 2);
    classViews = [];
  }
  const cls = classViews[n] ?? (classViews[n] = classBuf.subarray(0, n));
  // Which of the rarer features below can occur anywhere in the buffer: the
  // loops of those that cannot are skipped (they would add nothing).
  // Classes and features in one pass, with the characters' own costs inside the span (in order).
  let features = 0;
  let cost = 0;
  for (let i = 0; i < n; i++) {
    const cp = cps[i] ?? 0x20;
    const done = cp < 0x10000 && TABLE_DONE[cp] === 1;
    const c = done ? (TABLE_CLASS[cp] as number) : classOf(cp);
    cls[i] = c;
    features |= FEATURE[c] as number;
    if (cp === 0x3f) features |= F_QMARK;
    else if (cp === 0xab || cp === 0xbb || (cp >= 0x2018 && cp <= 0x2039)) features |= F_OPENER;
    if (i >= from && i < to) cost += done ? (TABLE_COST[cp] as number) : charCost(cp);
  }
  const pStart = Math.max(0, from - 1);
  const pEnd = Math.min(n - 1, to);
  for (let i = pStart; i < pEnd; i++) {
    const ca = cls[i] ?? K.SPACE;
    const cb = cls[i + 1] ?? K.SPACE;
    cost += PAIR[ca * NCLASS + cb] ?? 0;
    // A capital right after a small letter, in scripts with case other than Latin.
    if (ca === cb && ca >= K.GREEK && ca <= K.RARES && caseOf(cps[i] ?? 0) === 2 && caseOf(cps[i + 1] ?? 0) === 1) {
      cost += SCRIPT_CASE_COST;
    }
  }
  const iStart = Math.max(0, from - ISOLATION_REACH);
  const iEnd = Math.min(n, to + ISOLATION_REACH);
  for (let i = iStart; i < iEnd; i++) {
    const c = cls[i] ?? K.SPACE;
    const iso = ISOLATION_COST[c] as number;
    if (iso !== 0 && c === K.GREEK && joinedToWord(cps, cls, i)) {
      // A Greek letter joined to a Latin word or a number by a hyphen or
      // directly (TNF-α, β-catenin, Δ9-THC, 5α): the way sciences name things.
    } else if (iso !== 0 && isolated(cls, i, c)) {
      // A Cyrillic or Greek one-letter word ("в", "и", "ο") among words of
      // another script is less odd than a letter glued to them.
      const l = i > 0 ? (cls[i - 1] ?? K.SPACE) : K.SPACE;
      const r = i + 1 < n ? (cls[i + 1] ?? K.SPACE) : K.SPACE;
      const word = (c === K.CYR || c === K.GREEK) && !isLetterClass(l) && !isLetterClass(r) && l !== K.MARK && r !== K.MARK;
      cost += word ? iso / 2 : iso;
    } else if (iso >= 4 && c !== K.GREEK && !isLetterClass(cls[i - 1] ?? K.SPACE) && !isLetterClass(cls[i + 1] ?? K.SPACE) && alone(cls, i)) {
      // A letter of an alphabet of another script than Latin with no letter
      // near it at all ("5ף35"): Greek letters stand alone in formulas.
      cost += LONE_LETTER_COST;
    }
  }
  // Letter case around non-ASCII letters: a small letter inside capitals
  // ("AHř", "MģÄ"), and a lone accented capital standing as a word.
  const cStart = Math.max(0, from - 1);
  const cEnd = features & F_CASE ? Math.min(n, to + 2) : cStart;
  for (let i = cStart; i < cEnd; i++) {
    const c = cls[i] ?? K.SPACE;
    if (c === K.ALOW && i > 1 && cls[i - 1] === K.LUP && isUpperClass(cls[i - 2] ?? K.SPACE)) {
      // Two capitals, an accented one last, then a small letter ("SĂŁo", "ÃƒÂo").
      cost += CASE_COST;
      continue;
    }
    if (c !== K.LLOW && c !== K.LUP) continue;
    const l1 = i > 0 ? (cls[i - 1] ?? K.SPACE) : K.SPACE;
    const r1 = i + 1 < n ? (cls[i + 1] ?? K.SPACE) : K.SPACE;
    if (c === K.LLOW) {
      const l2 = i > 1 ? (cls[i - 2] ?? K.SPACE) : K.SPACE;
      if (isUpperClass(l1) && (isUpperClass(l2) || isUpperClass(r1))) cost += CASE_COST;
    } else if (!isLetterClass(l1) && !isLetterClass(r1) && l1 !== K.MARK && r1 !== K.MARK) {
      // Ã, Â, Õ, Ð, Þ are never words by themselves (À, É, Å, Ø are).
      cost += neverAWord(cps[i] ?? 0) ? LONE_CAPITAL_COST + NEVER_A_WORD_COST : LONE_CAPITAL_COST;
    }
  }
  // A quotation mark or an ellipsis glued to letters on both sides ("AÃ‘O",
  // "Ã“N", "SKÃ…NE"): quotes open before a word or close after one, an
  // apostrophe is another mark.
  if (features & F_QUOTE) for (let i = Math.max(1, from - 1); i < Math.min(n - 1, to + 1); i++) {
    const c = cls[i] ?? K.SPACE;
    if ((c === K.QUOTE || c === K.OPEN || c === K.CLOSE || c === K.ELLIP) && isWordClass(cls[i - 1] ?? K.SPACE) && isWordClass(cls[i + 1] ?? K.SPACE)) cost += QUOTE_INSIDE_WORD_COST;
  }
  // A question mark glued to a letter after it ("MontrÃ?al", "â€?t"): a
  // question ends a sentence or a clause.
  if (features & F_QMARK) for (let i = Math.max(1, from - 1); i < Math.min(n - 1, to + 1); i++) {
    if (cps[i] === 0x3f && isLetterClass(cls[i + 1] ?? K.SPACE) && (cls[i - 1] ?? K.SPACE) !== K.SPACE) cost += QMARK_IN_WORD_COST;
  }
  // A short quoted item ("„Ä“", "“×”", "«Ö»") is a pair worth keeping.
  if (features & F_OPENER) for (let i = Math.max(0, from - 4); i < Math.min(n, to); i++) {
    const op = cps[i] ?? 0;
    // OPENERS: « » and quotes between U+2018 and U+2039.
    if (op !== 0xab && op !== 0xbb && (op < 0x2018 || op > 0x2039 || !OPENERS.has(op))) continue;
    if (i > 0 && isLetterClass(cls[i - 1] ?? K.SPACE)) continue; // an opening quote follows no letter
    for (let d = 2; d <= 4 && i + d < n; d++) {
      const c = cls[i + d - 1] ?? K.SPACE;
      if (c === K.SPACE || c === K.NBSP) break;
      if (CLOSERS.has(cps[i + d] ?? 0)) {
        if (i + d >= from) cost -= QUOTED_ITEM_BONUS;
        break;
      }
    }
  }
  return cost;
}

const OPENERS = new Set([0x201e, 0x201c, 0x2018, 0x201a, 0xab, 0x2039, 0xbb]);
const CLOSERS = new Set([0x201c, 0x201d, 0x2018, 0x2019, 0xbb, 0x203a, 0xab]);
const QUOTED_ITEM_BONUS = 2.5;
const QUOTE_INSIDE_WORD_COST = 2;
const QMARK_IN_WORD_COST = 3;
const CASE_COST = 2;
const SCRIPT_CASE_COST = 3;
const LONE_CAPITAL_COST = 1;
/** Ã, Â, Õ, Ð, Þ: never words by themselves. */
function neverAWord(cp: number): boolean {
  return cp === 0xc3 || cp === 0xc2 || cp === 0xd5 || cp === 0xd0 || cp === 0xde;
}
const NEVER_A_WORD_COST = 2;

function isUpperClass(c: number): boolean {
  return c === K.AUP || c === K.LUP;
}

function isWordClass(c: number): boolean {
  return c === K.DIGIT || isLetterClass(c);
}

/** Whether a class is a letter of any script. */
export function isLetter(c: number): boolean {
  return isLetterClass(c);
}

// ---- the cost of a span split into an inner part and a boundary part ----------
//
// Every term of spanCost at a position far enough from both ends of the span
// reads only characters of the span: for the span [from, to) of a buffer,
// the characters' own costs, and every other term at a position in
// [from + ZONE_LEFT, to - ZONE_RIGHT) (pairs read i..i+1, isolation i-3..i+3,
// case i-2..i+1, quotes and question marks i-1..i+1, short quoted items
// i-1..i+4). spanInnerCost sums those terms, which do not depend on the
// context, and spanBoundaryCost all the others, so that a span scored in many
// contexts (a segment met in many places) pays for its inside once. Every
// cost of the model is a single-precision value of at least 0.2 or a small
// sum of halves, so these sums in double precision are exact whatever their
// order: inner + boundary is exactly spanCost.
const ZONE_LEFT = ISOLATION_REACH;
const ZONE_RIGHT = 4;

/** The zone of positions whose terms read only the span [from, to): [zl, zr), empty when zr <= zl. */
function zoneOf(from: number, to: number): [number, number] {
  const zl = from + ZONE_LEFT;
  return [zl, Math.max(zl, to - ZONE_RIGHT)];
}

function pairTerm(cps: ArrayLike<number>, cls: Uint8Array, i: number): number {
  const ca = cls[i] ?? K.SPACE;
  const cb = cls[i + 1] ?? K.SPACE;
  let cost = PAIR[ca * NCLASS + cb] ?? 0;
  if (ca === cb && ca >= K.GREEK && ca <= K.RARES && caseOf(cps[i] ?? 0) === 2 && caseOf(cps[i + 1] ?? 0) === 1) cost += SCRIPT_CASE_COST;
  return cost;
}

function isolationTerm(cps: ArrayLike<number>, cls: Uint8Array, i: number, n: number): number {
  const c = cls[i] ?? K.SPACE;
  const iso = ISOLATION_COST[c] as number;
  if (iso === 0) return 0;
  if (c === K.GREEK && joinedToWord(cps, cls, i)) return 0;
  if (isolated(cls, i, c)) {
    const l = i > 0 ? (cls[i - 1] ?? K.SPACE) : K.SPACE;
    const r = i + 1 < n ? (cls[i + 1] ?? K.SPACE) : K.SPACE;
    const word = (c === K.CYR || c === K.GREEK) && !isLetterClass(l) && !isLetterClass(r) && l !== K.MARK && r !== K.MARK;
    return word ? iso / 2 : iso;
  }
  if (iso >= 4 && c !== K.GREEK && !isLetterClass(cls[i - 1] ?? K.SPACE) && !isLetterClass(cls[i + 1] ?? K.SPACE) && alone(cls, i)) return LONE_LETTER_COST;
  return 0;
}

function caseTerm(cps: ArrayLike<number>, cls: Uint8Array, i: number, n: number): number {
  const c = cls[i] ?? K.SPACE;
  if (c === K.ALOW && i > 1 && cls[i - 1] === K.LUP && isUpperClass(cls[i - 2] ?? K.SPACE)) return CASE_COST;
  if (c !== K.LLOW && c !== K.LUP) return 0;
  const l1 = i > 0 ? (cls[i - 1] ?? K.SPACE) : K.SPACE;
  const r1 = i + 1 < n ? (cls[i + 1] ?? K.SPACE) : K.SPACE;
  if (c === K.LLOW) {
    const l2 = i > 1 ? (cls[i - 2] ?? K.SPACE) : K.SPACE;
    return isUpperClass(l1) && (isUpperClass(l2) || isUpperClass(r1)) ? CASE_COST : 0;
  }
  if (!isLetterClass(l1) && !isLetterClass(r1) && l1 !== K.MARK && r1 !== K.MARK) {
    return neverAWord(cps[i] ?? 0) ? LONE_CAPITAL_COST + NEVER_A_WORD_COST : LONE_CAPITAL_COST;
  }
  return 0;
}

function quoteTerm(cps: ArrayLike<number>, cls: Uint8Array, i: number): number {
  const c = cls[i] ?? K.SPACE;
  let cost = 0;
  if ((c === K.QUOTE || c === K.OPEN || c === K.CLOSE || c === K.ELLIP) && isWordClass(cls[i - 1] ?? K.SPACE) && isWordClass(cls[i + 1] ?? K.SPACE)) cost += QUOTE_INSIDE_WORD_COST;
  if (cps[i] === 0x3f && isLetterClass(cls[i + 1] ?? K.SPACE) && (cls[i - 1] ?? K.SPACE) !== K.SPACE) cost += QMARK_IN_WORD_COST;
  return cost;
}

function openerTerm(cps: ArrayLike<number>, cls: Uint8Array, i: number, n: number, from: number): number {
  const op = cps[i] ?? 0;
  if (op !== 0xab && op !== 0xbb && (op < 0x2018 || op > 0x2039 || !OPENERS.has(op))) return 0;
  if (i > 0 && isLetterClass(cls[i - 1] ?? K.SPACE)) return 0;
  for (let d = 2; d <= 4 && i + d < n; d++) {
    const c = cls[i + d - 1] ?? K.SPACE;
    if (c === K.SPACE || c === K.NBSP) break;
    if (CLOSERS.has(cps[i + d] ?? 0)) return i + d >= from ? -QUOTED_ITEM_BONUS : 0;
  }
  return 0;
}

/** Terms of the families at positions [a, b) (pairs, isolation, case, quotes and question marks, quoted items), each family clipped to its own range. */
function termsIn(cps: ArrayLike<number>, cls: Uint8Array, from: number, to: number, n: number, a: number, b: number): number {
  let cost = 0;
  for (let i = Math.max(a, Math.max(0, from - 1)), e = Math.min(b, Math.min(n - 1, to)); i < e; i++) cost += pairTerm(cps, cls, i);
  for (let i = Math.max(a, Math.max(0, from - ISOLATION_REACH)), e = Math.min(b, Math.min(n, to + ISOLATION_REACH)); i < e; i++) cost += isolationTerm(cps, cls, i, n);
  for (let i = Math.max(a, Math.max(0, from - 1)), e = Math.min(b, Math.min(n, to + 2)); i < e; i++) cost += caseTerm(cps, cls, i, n);
  for (let i = Math.max(a, Math.max(1, from - 1)), e = Math.min(b, Math.min(n - 1, to + 1)); i < e; i++) cost += quoteTerm(cps, cls, i);
  for (let i = Math.max(a, Math.max(0, from - 4)), e = Math.min(b, Math.min(n, to)); i < e; i++) cost += openerTerm(cps, cls, i, n, from);
  return cost;
}

function classesOf(cps: ArrayLike<number>, n: number, a: number, b: number): Uint8Array {
  if (classBuf.length < n) {
    classBuf = new Uint8Array(n * 2);
    classViews = [];
  }
  const cls = classViews[n] ?? (classViews[n] = classBuf.subarray(0, n));
  for (let i = a; i < b; i++) {
    const cp = cps[i] ?? 0x20;
    cls[i] = cp < 0x10000 && TABLE_DONE[cp] === 1 ? (TABLE_CLASS[cp] as number) : classOf(cp);
  }
  return cls;
}

/** The part of spanCost(cps, from, to, n) that reads only cps[from..to): the same in every context of the span. */
export function spanInnerCost(cps: ArrayLike<number>, from: number, to: number, n: number = cps.length): number {
  const cls = classesOf(cps, n, 0, n);
  let cost = 0;
  for (let i = from; i < to; i++) {
    const cp = cps[i] ?? 0x20;
    cost += cp < 0x10000 && TABLE_DONE[cp] === 1 ? (TABLE_COST[cp] as number) : charCost(cp);
  }
  const [zl, zr] = zoneOf(from, to);
  return cost + termsIn(cps, cls, from, to, n, zl, zr);
}

/** spanCost(cps, from, to, n) less spanInnerCost(cps, from, to, n): the terms that read the context. */
export function spanBoundaryCost(cps: ArrayLike<number>, from: number, to: number, n: number = cps.length): number {
  const [zl, zr] = zoneOf(from, to);
  // Terms left of the zone read up to zl + 3, terms right of it down to zr - 3.
  const leftEnd = Math.min(n, zl + 4);
  const rightStart = Math.max(leftEnd, zr - 3);
  const cls = classesOf(cps, n, 0, leftEnd);
  classesOf(cps, n, rightStart, n);
  return termsIn(cps, cls, from, to, n, 0, zl) + termsIn(cps, cls, from, to, n, zr, n);
}

/** Spans at least this long are scored as inner part plus boundary (shorter ones have little inside). */
export const SPLIT_MIN = 16;
