/**
 * Paragraphs as blocks. The line model (./zones.ts) reads a blank-line-separated run of lines as a block, the way the
 * text browsers it was fitted on draw a page: a blank line around every paragraph, heading and list. Other renderers
 * (html2text, many plain-text copies) put no blank line between paragraphs, so a page's whole article, with the date
 * and headline above it, is one block, and the block features (its words, lines, first and last line) say nothing.
 *
 * A text that shows that habit — many paragraph ends (a logical line ending a sentence) followed at once by another
 * line, few followed by a blank line — is read with a blank line put between two logical lines (./unwrap.ts) when
 * either is a paragraph: a wrapped line, or one of eight words or more ending a sentence. Runs of short lines
 * (menus, dates, bylines, lists of links) stay together, as those browsers draw them. Any other text is left
 * exactly as it is; words, their order and their lines are kept.
 */
import { fitWidth, joinGroup, unwrapGroups } from './unwrap.js';
import { joinInlineSplits, words } from './inline-splits.js';

const TERMINAL = /[.!?…。！？]["”’»)\]]*$/;
const SENTENCE_START = /^["“‘«„(]?[\p{Lu}\p{Lo}\p{N}]/u;
/** Paragraph ends followed at once by another line needed before a text is read as one without paragraph breaks. */
const MIN_RUN_ON = 5;
/** … and at most this share of its paragraph ends followed by a blank line. */
const MAX_BLANK_SHARE = 0.2;

/**
 * A heading as renderers without heading levels draw it, its text between runs of one mark (html2text:
 * `****** Headline ******`, `***** Section *****`): set apart like a paragraph.
 */
const DECORATED = /^([*=#~])\1+\s+\S.*\s+\1\1+$/;

/**
 * A logical line that is a paragraph: wrapped over lines, or eight words or more ending like a sentence — or a
 * decorated heading, which a blank line sets apart as well.
 */
function isParagraph(group: readonly string[], line: string): boolean {
  return group.length > 1 || (TERMINAL.test(line) && words(line) >= 8) || DECORATED.test(line);
}

/**
 * A first look over the physical lines, without unwrapping (most texts are answered here): every paragraph end that
 * runs on is a line ending a sentence right before one that starts like a sentence, and every line of three words or
 * more ending a sentence before a blank line ends a logical line that does too; so when even these counts rule the
 * habit out, the logical lines' counts do as well.
 */
function mayRunOn(text: string): boolean {
  let runOn = 0;
  let blank = 0;
  let prev = '';
  let start = 0;
  while (start <= text.length) {
    let end = text.indexOf('\n', start);
    if (end < 0) end = text.length;
    const line = text.slice(start, end).trim();
    start = end + 1;
    if (prev && TERMINAL.test(prev)) {
      if (!line) {
        if (words(prev) >= 3) blank++;
      } else if (SENTENCE_START.test(line)) runOn++;
    }
    prev = line;
  }
  return runOn >= MIN_RUN_ON && blank <= MAX_BLANK_SHARE * (blank + runOn);
}

/** The text with a blank line between its paragraphs, when it puts none there (null when it does, or is too short). */
export function separateParagraphs(text: string): string | null {
  if (text.length < 400 || !mayRunOn(text)) return null;
  const groups = unwrapGroups(text.split('\n'));
  const lines = groups.map((g) => joinGroup(g).trim());
  const para = groups.map((g, i) => isParagraph(g, lines[i]!));
  let runOn = 0;
  let blank = 0;
  for (let i = 0; i + 1 < groups.length; i++) {
    // a sentence's end (a narrow column's too), then a blank line or a line that starts like a sentence
    if (!TERMINAL.test(lines[i]!) || words(lines[i]!) < 3) continue;
    if (!lines[i + 1]) blank++;
    else if (para[i] && SENTENCE_START.test(lines[i + 1]!)) runOn++;
  }
  if (runOn < MIN_RUN_ON || blank > MAX_BLANK_SHARE * (blank + runOn)) return null;
  const out: string[] = [];
  for (let i = 0; i < groups.length; i++) {
    out.push(...groups[i]!);
    if (i + 1 < groups.length && lines[i] && lines[i + 1] && (para[i] || para[i + 1])) out.push('');
  }
  return out.join('\n');
}

/**
 * The text the line model reads (and whose kept lines go on): plain text whose sentences are broken at their inline
 * elements joined again (./inline-splits.ts), wrapped far from the fitted width wrapped again at it, then given blank
 * lines between its paragraphs when it has none; Markdown as it is. `joined`: the text's broken sentences are joined
 * already (a second pass could join lines the first left apart).
 */
export function modelInput(text: string, format: string, joined = false): string {
  if (format !== 'text') return text;
  const whole = joined ? text : joinInlineSplits(text) || text;
  const fitted = fitWidth(whole) || whole;
  return separateParagraphs(fitted) || fitted;
}
