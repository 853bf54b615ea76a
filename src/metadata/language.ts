/**
 * Language detection for bodies that do not declare one, with franc-min's trigram profiles of the 82 languages
 * with 8M+ speakers, scored through an index (./trigrams.ts: franc's answers, faster). Its ISO 639-3 answer is
 * mapped to the shortest BCP 47 tag. Short texts are not guessed: under about 20 words the detector confuses close languages (Portuguese/Spanish, Indonesian/Malay).
 */
import { guessLanguage } from './trigrams.js';
import { foldSpaces } from '../text/spaces.js';
import { isUnspaced } from '../text/unspaced.js';

/** ISO 639-3 (as franc-min returns it) → BCP 47. Codes without a two-letter form stay three letters. */
const BCP47: Readonly<Record<string, string>> = {
  arb: 'ar', azj: 'az', bel: 'be', ben: 'bn', bos: 'bs', bul: 'bg', ces: 'cs', cmn: 'zh', deu: 'de', ell: 'el',
  eng: 'en', fra: 'fr', guj: 'gu', hau: 'ha', hin: 'hi', hrv: 'hr', hun: 'hu', ibo: 'ig', ind: 'id', ita: 'it',
  jav: 'jv', jpn: 'ja', kan: 'kn', kaz: 'kk', kin: 'rw', kor: 'ko', lin: 'ln', mal: 'ml', mar: 'mr', mya: 'my',
  nld: 'nl', npi: 'ne', nya: 'ny', pan: 'pa', pbu: 'ps', pes: 'fa', plt: 'mg', pol: 'pl', por: 'pt', ron: 'ro',
  run: 'rn', rus: 'ru', sin: 'si', som: 'so', spa: 'es', srp: 'sr', sun: 'su', swe: 'sv', swh: 'sw', tam: 'ta',
  tel: 'te', tgl: 'tl', tha: 'th', tur: 'tr', ukr: 'uk', urd: 'ur', uzn: 'uz', vie: 'vi', yor: 'yo', zlm: 'ms',
  zul: 'zu', zyb: 'za', amh: 'am', ckb: 'ckb', ceb: 'ceb', bho: 'bho', mag: 'mag', mai: 'mai', mad: 'mad',
  ilo: 'ilo', hms: 'hms', hnj: 'hnj', koi: 'koi', skr: 'skr', qug: 'qug', fuv: 'fuv',
};

/** The fewest words (or, for scripts written without spaces, letters) a text needs before its language is guessed. */
export const MIN_WORDS = 20;
const MIN_LETTERS = 100;
/** Only this much text is read: the opening paragraphs decide, and the detector's time grows with the length. */
// about 80 words: franc-min was right on every 20-word window of the measured languages, and its cost grows with the sample
const SAMPLE_CHARS = 480;

/** Markdown syntax, URLs and e-mail addresses out; letters, spaces and punctuation in. */
function sample(markdown: string): string {
  let s = markdown.slice(0, SAMPLE_CHARS * 2);
  if (s.includes('](')) s = s.replace(/!?\[([^[\]]{0,500})\]\([^()\s]{0,2000}\)/g, '$1');
  // the address pattern tries every position: run it only where an address can be
  if (s.includes('@') || s.includes('://') || s.includes('www.')) s = s.replace(/\b(?:https?:\/\/|www\.)\S{1,500}|\S{1,64}@\S{1,200}/g, ' ');
  return foldSpaces(s.replace(/^#{1,6}\s|^\s{0,3}(?:[-*+]|\d{1,9}[.)])\s|^>\s?/gm, '').replace(/[\\*_`|#]+/g, ' '))
    .trim()
    .slice(0, SAMPLE_CHARS);
}

const LETTER = /\p{L}/u;
const LETTER_OR_DIGIT = /[\p{L}\p{N}]/u;
/** Classes of the code points met so far beyond ASCII: bit 1 letter, 2 letter or digit, 4 letter of a script without spaces (../text/unspaced.ts). */
const CLASS = new Map<number, number>();

function classOf(cp: number): number {
  let k = CLASS.get(cp);
  if (k === undefined) {
    const ch = String.fromCodePoint(cp);
    const letter = LETTER.test(ch);
    k = (letter ? 1 : 0) | (LETTER_OR_DIGIT.test(ch) ? 2 : 0) | (letter && isUnspaced(cp) ? 4 : 0);
    if (CLASS.size < 65536) CLASS.set(cp, k);
  }
  return k;
}

/**
 * Letters (`\p{L}`), words (runs of `[\p{L}\p{N}]`) and letters of scripts written without spaces, counted by
 * code point in one pass (ASCII inline, other code points classified once).
 */
export function letterCounts(text: string): { letters: number; words: number; unspaced: number } {
  let letters = 0;
  let words = 0;
  let unspaced = 0;
  let inWord = false;
  for (let i = 0; i < text.length; i++) {
    let cp = text.charCodeAt(i);
    let k: number;
    if (cp < 128) k = (cp >= 97 && cp <= 122) || (cp >= 65 && cp <= 90) ? 3 : cp >= 48 && cp <= 57 ? 2 : 0;
    else {
      if (cp >= 0xd800 && cp <= 0xdbff && i + 1 < text.length) {
        const lo = text.charCodeAt(i + 1);
        if (lo >= 0xdc00 && lo <= 0xdfff) {
          cp = (cp - 0xd800) * 0x400 + (lo - 0xdc00) + 0x10000;
          i++;
        }
      }
      k = classOf(cp);
    }
    if (k & 1) letters++;
    if (k & 4) unspaced++;
    if (k & 2) {
      if (!inWord) words++;
      inWord = true;
    } else inWord = false;
  }
  return { letters, words, unspaced };
}

/** Detects the language of a Markdown body; undefined when the text is too short or the detector is unsure. */
export function detectLanguage(markdown: string): string | undefined {
  const text = sample(markdown);
  const { letters, words, unspaced } = letterCounts(text);
  if (letters < MIN_LETTERS) return undefined;
  if (words < MIN_WORDS && unspaced < letters / 2) return undefined;
  const code = guessLanguage(text, 20);
  return code === 'und' ? undefined : (BCP47[code] ?? code);
}

/** A declared language tag ("en_US", "EN-gb", "eng") as a BCP 47 primary tag with an optional region. */
export function normalizeLanguageTag(tag: string): string | undefined {
  const m = /^([A-Za-z]{2,3})(?:[-_]([A-Za-z]{2}|\d{3}))?$/.exec(tag.trim());
  if (!m) return undefined;
  const primary = m[1]!.toLowerCase();
  const base = primary.length === 3 ? (BCP47[primary] ?? (primary === 'fre' || primary === 'fra' ? 'fr' : primary === 'ger' ? 'de' : primary)) : primary;
  return m[2] ? `${base}-${m[2].toUpperCase()}` : base;
}
