/**
 * Block kinds that Markdown readers and linters take for something else, changed before rendering. Only a block's
 * kind changes (heading ↔ paragraph, a paragraph's wrapping emphasis), never its words, so nothing is removed:
 * - a paragraph that is one emphasis span with no sentence end (a subhead drawn in bold, `<p><strong>Ingredients
 *   </strong></p>`; a caption in italics) loses the wrapping emphasis (markdownlint MD036, "emphasis used instead
 *   of a heading"). It does not become a heading: a heading at the top of a body is read as the title when the
 *   output is cleaned again, so the output would not be a fixed point;
 * - a heading that ends in sentence punctuation (`Conclusion:`, `Step one.`) is a lead-in line: it becomes a
 *   paragraph (MD026);
 * - a heading with the same text as an earlier heading under the same parent (a repeated "Advertise" strip, a
 *   headline shown twice) becomes a paragraph (MD024 with `siblings_only`); `headingPlan` decides it with the levels.
 */
import type { Block } from '../types.js';
import { foldSpaces } from '../text/spaces.js';

/** markdownlint's sentence punctuation for MD036 (all) and MD026 (all but the question marks). */
const EMPHASIS_END = /[.,;:!?。，；：！？]$/u;
const HEADING_END = /[.,;:!。，；：！]\s*$/u;
/** An inline run with nothing Markdown would read as markup (an emphasis span of plain data). */
const PLAIN = /^[^\\*_[\]`<\n]+$/;
const ENTITY = /&(?:#\d+|#x[\da-f]+|[a-z][a-z\d]*);/i;

/** The text inside a paragraph that is one emphasis span of plain text, with its kind; null otherwise. */
export function wholeEmphasis(text: string): { inner: string; strong: boolean } | null {
  const t = text.trim();
  if (t.length < 3) return null;
  const strong = t.length > 4 && ((t.startsWith('**') && t.endsWith('**')) || (t.startsWith('__') && t.endsWith('__')));
  const inner = strong ? t.slice(2, -2) : t[0] === t[t.length - 1] && (t[0] === '*' || t[0] === '_') ? t.slice(1, -1) : null;
  if (inner === null || !PLAIN.test(inner) || ENTITY.test(inner) || inner.trim() !== inner || inner === '') return null;
  return { inner, strong };
}

/**
 * A heading's text as a paragraph that no linter reads as a heading: white space folded as in the heading (a tab
 * stays a tab in a paragraph), and a wrapping emphasis without a sentence end goes.
 */
export function plainParagraph(headingText: string): string {
  const text = foldSpaces(headingText).trim();
  const e = wholeEmphasis(text);
  return e && !EMPHASIS_END.test(e.inner) ? e.inner : text;
}

/** A heading's rendered text would end in sentence punctuation. */
export function endsLikeSentence(headingText: string): boolean {
  return HEADING_END.test(headingText) && !/&(?:#\d+|#x[\da-f]+|[a-z\d]+);$/i.test(headingText.trim());
}

/** Paragraphs and headings in the kind they read as: see the module comment. Other blocks are returned as they are. */
export function shapeBlocks(blocks: Block[], headingText: (text: string) => string): Block[] {
  let changed = false;
  const out = blocks.map((b): Block => {
    if (b.type === 'paragraph') {
      const e = wholeEmphasis(b.text);
      if (!e || EMPHASIS_END.test(e.inner)) return b;
      changed = true;
      return { type: 'paragraph', text: e.inner };
    }
    if (b.type === 'heading' && endsLikeSentence(headingText(b.text))) {
      changed = true;
      return { type: 'paragraph', text: plainParagraph(b.text) };
    }
    return b;
  });
  return changed ? out : blocks;
}

/** `(text)[label]` with no link after it: markdownlint's reading of a reversed link (MD011). */
const REVERSED = /(^|[^\\])(\([^()]{1,2000}\))\[(?=[^\]^][^\]]{0,500}\](?!\())/g;

/**
 * Inline Markdown with a `(…)` followed by a bracketed note (`([NZST](/wiki/x)[n 5])`, "(see above)[3]") written so
 * that it does not read as a link typed the wrong way round: the note's `[` is escaped. Text with code spans is left
 * as it is (the escape would show inside them).
 */
export function noReversedLinks(text: string): string {
  if (!text.includes(')[') || text.includes('`')) return text;
  return text.replace(REVERSED, '$1$2\\[');
}
