/**
 * Language detection for bodies that do not declare one, with franc-min's trigram profiles of the 82 languages
 * with 8M+ speakers, scored through an index (./trigrams.ts: franc's answers, faster). Its ISO 639-3 answer is
 * mapped to the shortest BCP 47 tag. Short texts are not guessed: under about 20 words the detector confuses close languages (Portuguese/Spanish, Indonesian/Malay).
 */
import { guessLanguage } from './trigrams.js';

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
  return markdown
    .slice(0, SAMPLE_CHARS * 2)
    .replace(/!?\[([^[\]]{0,500})\]\([^()\s]{0,2000}\)/g, '$1')
    .replace(/\b(?:https?:\/\/|www\.)\S{1,500}|\S{1,64}@\S{1,200}/g, ' ')
    .replace(/^#{1,6}\s|^\s{0,3}(?:[-*+]|\d{1,9}[.)])\s|^>\s?/gm, '')
    .replace(/[\\*_`|#]+/g, ' ')
    .replace(/\s+/g, ' ')
    .trim()
    .slice(0, SAMPLE_CHARS);
}

/** Detects the language of a Markdown body; undefined when the text is too short or the detector is unsure. */
export function detectLanguage(markdown: string): string | undefined {
  const text = sample(markdown);
  const letters = (text.match(/\p{L}/gu) ?? []).length;
  if (letters < MIN_LETTERS) return undefined;
  const words = (text.match(/[\p{L}\p{N}]+/gu) ?? []).length;
  const unspaced = (text.match(/[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Thai}]/gu) ?? []).length;
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
