/**
 * The lines of a whole HTML page for the run's first pass over template text: the text of each block element (a
 * paragraph, a list item, a heading, a table cell, a `div` of its own text) on a line of its own, the rest of the
 * markup dropped. Not a parse: a single pass of regular expressions that costs a small part of the page's cleaning,
 * and gives for each block the same words that the cleaned body shows for it (../rules/text/templates.ts hashes
 * the body's blocks the same way), which is all that line hashes compare.
 */
import { decodeHTML } from 'entities';

/** Elements whose content is no text of the page. */
const HIDDEN = /<(script|style|noscript|template|svg|math|head|iframe|object|select|textarea)\b[^>]*>[\s\S]*?<\/\1\s*>/gi;
const COMMENT = /<!--[\s\S]*?(?:-->|$)|<!\[CDATA\[[\s\S]*?(?:\]\]>|$)|<![^>]*>|<\?[^>]*>/g;
/** Tags that begin or end a block: a line break in the rendering. */
const BLOCK_TAG =
  /<\/?(?:p|div|li|ul|ol|dl|dt|dd|h[1-6]|td|th|tr|table|thead|tbody|tfoot|caption|section|article|aside|header|footer|nav|main|figure|figcaption|blockquote|pre|form|fieldset|legend|address|hr|details|summary|center|body|html|option|label|button)\b[^>]*>/gi;
const TAG = /<\/?[a-zA-Z][^>]*>/g;

/** Pages longer than this are rendered from their first part only (a template is near the top and bottom of a page, but no page is this long). */
const MAX_CHARS = 4_000_000;

/** The block lines of an HTML page, one block's text a line (words only matter: spacing is not kept). */
export function htmlBlockLines(html: string): string {
  const src = html.length > MAX_CHARS ? html.slice(0, MAX_CHARS) : html;
  const text = src
    .replace(COMMENT, ' ')
    .replace(HIDDEN, ' ')
    .replace(/<br\s*\/?>/gi, ' ')
    .replace(BLOCK_TAG, '\n')
    .replace(TAG, '');
  return text.includes('&') ? decodeHTML(text) : text;
}
