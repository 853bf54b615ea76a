/**
 * HTML is fed to htmlparser2 in chunks so that the time budget can be checked between them: whatever the chunk size,
 * and wherever a chunk boundary falls (inside a tag, an entity, a comment, a script, a surrogate pair), the tree is
 * the one the whole text makes in one piece.
 */
import { describe, expect } from 'vitest';
import { fc, test } from '@fast-check/vitest';
import { parseDocument } from 'htmlparser2';
import type { AnyNode } from 'domhandler';
import { parseHtml } from '../../src/html/dom.js';

/** The tree as a comparable value: types, names, attributes, text. */
function shape(nodes: AnyNode[]): unknown[] {
  return nodes.map((n) =>
    n.type === 'text' || n.type === 'comment' ? [n.type, n.data] : 'children' in n ? [n.type, 'name' in n ? n.name : '', 'attribs' in n ? n.attribs : {}, shape(n.children)] : [n.type],
  );
}

describe('HTML fed to the parser in chunks', () => {
  const OPTIONS = { decodeEntities: true, lowerCaseTags: true, lowerCaseAttributeNames: true, recognizeSelfClosing: true };
  const piece = fc.constantFrom('<p class=a>', '</p>', '<b>', '</b>', 'text ', '&amp;', '&amp;lt;', '&ouml;', '😀', '<!-- c -->', '<script>if (a<b) x()</script>', '<br/>', '<span id=x/>', '<pre>\n a</pre>', '&#x1F600;', '<a href="/x?a=1&b=2">', '</a>', '<', '&');
  test.prop([fc.array(piece, { maxLength: 40 }).map((p) => p.join('')), fc.integer({ min: 1, max: 17 })], { numRuns: 300 })('make the same tree as one piece', (html, chunk) => {
    expect(shape(parseHtml(html, chunk).children)).toEqual(shape(parseDocument(html, OPTIONS).children));
  });
});
