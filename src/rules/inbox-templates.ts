/**
 * Template text across an inbox as a rule (NC005): on plain text and Markdown, the lines that the run's first pass
 * found verbatim in several different articles (../inbox/templates.ts) are removed whole, each run of them recorded
 * once. A passage shared inside prose is kept: the prose lines of a run of template lines stay when the run is
 * followed by a line of the document's own prose (a quotation several articles print, or the article's lede that
 * the site's other pages show as a teaser), or when they add up to more than a box's worth of text (a shared passage,
 * not a site's footer). A text that would keep fewer than 25 words is left alone. A run over a single file has no template lines.
 */
import { defineRule } from './define-rule.js';
import { frontMatterLines, lineHash, lineHashWords, lineKey, TEMPLATE_MIN_WORDS } from '../inbox/templates.js';
import { documentLanguage, functionWords } from '../model/lines.js';

/** Prose lines of a template run beyond this many words are a shared passage, not a box of the site. */
const SHARED_PASSAGE_WORDS = 150;
/** Fewer words than this left over: the rule leaves the text alone. */
const MIN_LEFT_WORDS = 25;
const WORD = /[\p{L}\p{N}]+/gu;

/** A line (or a body block) of a document, as the template decision sees it. */
export interface TemplateUnit {
  template: boolean;
  /** a line of at least TEMPLATE_MIN_WORDS words (one that has a key) */
  keyed: boolean;
  words: number;
  blank: boolean;
}

export const inboxTemplates = defineRule({
  id: 'NC005',
  name: 'inbox-templates',
  stage: 'raw',
  tags: ['chrome', 'inbox'],
  formats: ['text', 'markdown'],
  description:
    'Lines that appear verbatim in several different articles of the same run (a footer, a newsletter box, a "Most Read" list) are removed as the site\'s template; a passage shared inside prose stays.',
  apply(text, ctx) {
    const set = ctx.templates;
    if (!set || set.size === 0) return text;
    const lines = text.split('\n');
    let stops: ReadonlySet<string> | null = null;
    // front matter is metadata, never template text, and its words do not count as text left
    const fm = frontMatterLines(lines);
    // most texts hold no template line: one hash per line decides it before anything else is computed
    let any = false;
    for (let at = fm; at < lines.length && !any; at++) {
      const h = lineHash(lines[at]!);
      any = h >= 0 && set.has(h);
    }
    if (!any) return text;
    const info: TemplateUnit[] = lines.map((l, at) => {
      if (at < fm) return { template: false, keyed: false, words: 0, blank: true };
      const h = lineHash(l);
      if (h < 0) return { template: false, keyed: false, words: l.match(WORD)?.length ?? 0, blank: l.trim() === '' };
      return { template: set.has(h), keyed: true, words: lineHashWords(), blank: false };
    });
    // prose: a line of eight words or more with a quarter of them function words (decided only for the lines the
    // runs below ask about: template lines and the line after a run)
    const proseMemo = new Int8Array(lines.length);
    const isProse = (k: number): boolean => {
      const i = info[k]!;
      if (!i.keyed || i.words < 8) return false;
      if (proseMemo[k] === 0) {
        stops ??= functionWords(documentLanguage(lines));
        let n = 0;
        for (const w of lineKey(lines[k]!)!.key.split(' ')) if (stops.has(w)) n++;
        proseMemo[k] = n / i.words >= 0.25 ? 1 : 2;
      }
      return proseMemo[k] === 1;
    };
    const keep = keepTemplateRuns(info, isProse);
    if (keep === null) return text;
    const out: string[] = [];
    let run: string[] = [];
    const flush = (): void => {
      if (run.length) ctx.removed(run.join('\n'), 'removed (template: in several articles of this run)');
      run = [];
    };
    for (let k = 0; k < lines.length; k++) {
      if (keep[k]) {
        if (lines[k]!.trim()) flush();
        out.push(lines[k]!);
        continue;
      }
      // a removed line leaves a blank line, so that the lines around it do not join into one paragraph
      if (out.length && out[out.length - 1]!.trim() !== '') out.push('');
      run.push(lines[k]!.trim());
    }
    flush();
    return out.join('\n');
  },
});

/**
 * Which units of a document stay, given which are template text: template units go, in runs (blank units inside a
 * run belong to it), except the prose units of a run that is followed by the document's own prose or that holds
 * SHARED_PASSAGE_WORDS words of prose. Null when nothing goes, or when the document would keep fewer than
 * MIN_LEFT_WORDS words and lose more than it keeps (its article, if any, is elsewhere than thought).
 */
export function keepTemplateRuns(info: readonly TemplateUnit[], isProse: (k: number) => boolean): boolean[] | null {
  if (!info.some((i) => i.template)) return null;
  const keep = info.map((i) => !i.template);
  for (let a = 0; a < info.length; ) {
    if (!info[a]!.template) {
      a++;
      continue;
    }
    let b = a;
    for (let k = a + 1; k < info.length; k++) {
      if (info[k]!.template) b = k;
      else if (!info[k]!.blank) break;
    }
    let proseWords = 0;
    for (let k = a; k <= b; k++) if (info[k]!.template && isProse(k)) proseWords += info[k]!.words;
    const proseAt = (from: number, step: number): boolean => {
      for (let k = from; k >= 0 && k < info.length; k += step) {
        if (info[k]!.blank || info[k]!.words < TEMPLATE_MIN_WORDS) continue;
        return !info[k]!.template && isProse(k);
      }
      return false;
    };
    // prose followed by the document's own prose: a passage the article shares with others (a quotation, or its
    // lede that the site's other pages show as a teaser); a box after the article has none of its prose after it
    const shared = proseWords > 0 && (proseAt(b + 1, 1) || proseWords >= SHARED_PASSAGE_WORDS);
    if (shared) for (let k = a; k <= b; k++) if (isProse(k)) keep[k] = true;
    a = b + 1;
  }
  let left = 0;
  let gone = 0;
  info.forEach((i, k) => (keep[k] ? (left += i.words) : (gone += i.words)));
  if (gone === 0 || (left < MIN_LEFT_WORDS && gone > left)) return null;
  return keep;
}
