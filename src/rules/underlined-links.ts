/**
 * Link text underlined with underscores (NC006): some text browsers (html2text among them) draw a link by joining its
 * words with underscores — `asked_Newsweek_magazine`, `BBC_Future_columnist_Tom_Stafford` — so a plain-text copy made
 * with them holds every linked phrase as one long "word". In a plain text that shows the convention (at least
 * MIN_LINKS runs that read as linked phrases), every run's underscores become spaces again. A run is words of
 * letters (with hyphens and apostrophes) joined by single underscores, standing apart from URLs, file names, handles
 * and bracketed image names (a name with digits is no run); it reads as a linked phrase when one of its words is a
 * function word of the text's language or starts with a capital followed by a small letter — what a linked phrase
 * has and an identifier (`max_value`) rarely does. A text of identifiers alone does not show the convention and is
 * left as it is. In a text that shows it, a linked phrase with numbers is a run too: words and numbers joined by
 * single underscores, a date or a time among words (`November_7,_2012_1:56_PM`, `on_2012-10-16_at_8:03_am`) or a
 * phrase of two words or more with a capitalised one (`Nokia_Lumia_920`) — never a word with digits in it
 * (`max_value2`, `file_v2_3`), plain numbers in a row (`is_anomaly_0_5`) nor lower-case names (`is_anomaly_1`).
 */
import { defineRule } from './define-rule.js';
import { documentLanguage, functionWords } from '../model/lines.js';

/** A run of words joined by underscores, not part of a URL, a path, a file name, a handle or a bracketed name. */
const RUN = /(?<![\p{L}\p{N}_/.@=&[#-])\p{L}[\p{L}'’-]*(?:_\p{L}[\p{L}'’-]*)+(?![\p{L}\p{N}_/=&@\]#]|\.\p{L})/gu;
const CAPITALISED = /^\p{Lu}\p{Ll}/u;
/** A run of words and numbers joined by underscores (a linked date, time or count), under the same bounds as RUN. */
const MIXED = /(?<![\p{L}\p{N}_/.@=&[#-])[\p{L}\p{N}][\p{L}\p{N}'’,:-]*(?:_[\p{L}\p{N}][\p{L}\p{N}'’,:-]*)+(?![\p{L}\p{N}_/=&@\]#]|\.\p{L})/gu;
const WORD_PART = /^\p{L}[\p{L}'’-]*,?$/u;
const NUMBER_PART = /^\d(?:[\d,:-]*\d)?,?$/u;
/** A time (`1:56`), an ISO date (`2012-10-16`); a day before a comma (`7,`). */
const DATE_PART = /^(?:\d{1,2}:\d{2}|\d{4}-\d{2}-\d{2})$/;
const DAY_COMMA = /^\d{1,2},$/;

/**
 * A MIXED run that reads as a linked phrase: its parts are words and numbers, and either a date or a time stands
 * among words (`November_7,_2012_1:56_PM`), or two words or more with a capitalised one (`Nokia_Lumia_920`,
 * `Microsoft's_BUILD_2012_developer_conference`) and no two plain numbers in a row (`is_anomaly_0_5`,
 * `is_anomaly_1` are names).
 */
function linkedWithNumbers(run: string): boolean {
  const parts = run.split('_');
  const words: string[] = [];
  let dates = 0;
  let plainRun = false;
  let prevPlain = false;
  for (const [i, x] of parts.entries()) {
    if (NUMBER_PART.test(x)) {
      // a day before a comma inside the run ("November_7,_2012"), not a name's number before a list's comma ("yuki_27,")
      const date = DATE_PART.test(x) || (DAY_COMMA.test(x) && i < parts.length - 1);
      if (date) dates++;
      if (!date && prevPlain) plainRun = true;
      prevPlain = !date;
    } else if (WORD_PART.test(x)) {
      words.push(x.replace(/,$/, ''));
      prevPlain = false;
    } else return false;
  }
  if (words.length === 0) return false;
  if (dates > 0) return true;
  // a capitalised word, not a function word: `is_anomaly_1` is a name, and the text's language is not guessed for it
  return words.length >= 2 && !plainRun && words.some((w) => CAPITALISED.test(w));
}

/** Runs that read as linked phrases before a text is taken to underline its links. */
const MIN_LINKS = 5;

export const underlinedLinks = defineRule({
  id: 'NC006',
  name: 'underlined-links',
  stage: 'raw',
  tags: ['encoding', 'text-browser'],
  formats: ['text'],
  description:
    'Plain text from a text browser that underlines links with underscores (`asked_Newsweek_magazine`): when the text shows the convention, the underscores of each linked phrase become spaces again; identifiers, URLs and file names stay.',
  apply(text, ctx) {
    if (!text.includes('_')) return text;
    const runs = text.match(RUN);
    if (!runs || runs.length < MIN_LINKS) return text;
    let stops: ReadonlySet<string> | null = null;
    const phrase = (run: string): boolean => {
      const words = run.split('_');
      if (words.some((w) => CAPITALISED.test(w))) return true;
      stops ??= functionWords(documentLanguage(text.split('\n')));
      return words.some((w) => stops!.has(w.toLowerCase()));
    };
    let phrases = 0;
    for (const r of runs) if (phrase(r) && ++phrases >= MIN_LINKS) break;
    if (phrases < MIN_LINKS) return text;
    let count = 0;
    let first = '';
    const out = text
      .replace(RUN, (run) => {
        if (!count++) first = run;
        return run.replace(/_/g, ' ');
      })
      .replace(MIXED, (run) => {
        if (!linkedWithNumbers(run)) return run;
        if (!count++) first = run;
        return run.replace(/_/g, ' ');
      });
    ctx.removed(`${first} → ${first.replace(/_/g, ' ')}${count > 1 ? ` (and ${count - 1} more)` : ''}`, 'repaired (link underscores made spaces)');
    return out;
  },
});
