/**
 * Link text underlined with underscores (NC006): some text browsers (html2text among them) draw a link by joining its
 * words with underscores — `asked_Newsweek_magazine`, `BBC_Future_columnist_Tom_Stafford` — so a plain-text copy made
 * with them holds every linked phrase as one long "word". In a plain text that shows the convention (at least
 * MIN_LINKS runs that read as linked phrases), every run's underscores become spaces again. A run is words of
 * letters (with hyphens and apostrophes) joined by single underscores, standing apart from URLs, file names, handles
 * and bracketed image names (a name with digits is no run); it reads as a linked phrase when one of its words is a
 * function word of the text's language or starts with a capital followed by a small letter — what a linked phrase
 * has and an identifier (`max_value`) rarely does. A text of identifiers alone does not show the convention and is
 * left as it is.
 */
import { defineRule } from './define-rule.js';
import { documentLanguage, functionWords } from '../model/lines.js';

/** A run of words joined by underscores, not part of a URL, a path, a file name, a handle or a bracketed name. */
const RUN = /(?<![\p{L}\p{N}_/.@=&[#-])\p{L}[\p{L}'’-]*(?:_\p{L}[\p{L}'’-]*)+(?![\p{L}\p{N}_/=&@\]#]|\.\p{L})/gu;
const CAPITALISED = /^\p{Lu}\p{Ll}/u;
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
    const out = text.replace(RUN, (run) => {
      if (!count++) first = run;
      return run.replace(/_/g, ' ');
    });
    ctx.removed(`${first} → ${first.replace(/_/g, ' ')}${count > 1 ? ` (and ${count - 1} more)` : ''}`, 'repaired (link underscores made spaces)');
    return out;
  },
});
