import { describe, expect, it } from 'vitest';
import { Document, Element, Text, type AnyNode } from 'domhandler';
import { parseDocument } from 'htmlparser2';
import { extractArticle, isWholePage, pageText } from '../../src/extract/index.js';
import { readPageMetadata } from '../../src/metadata/html-meta.js';

const PARA =
  'The river rose by two metres overnight, and the council opened the emergency shelter at the school for families from the lower town.';

function el(name: string, children: AnyNode[] = [], attribs: Record<string, string> = {}): Element {
  const e = new Element(name, attribs, children as Element[]);
  for (let i = 0; i < children.length; i++) {
    const c = children[i]!;
    c.parent = e;
    c.prev = children[i - 1] ?? null;
    c.next = children[i + 1] ?? null;
  }
  return e;
}

/** html > body > nav + `depth` nested `tag`s around two paragraphs (built without the parser). */
function deepPage(depth: number, tag: string, inner: () => AnyNode[]): Document {
  let node = el(tag, inner());
  for (let i = 1; i < depth; i++) node = el(tag, [node]);
  const nav = el('nav', [el('a', [new Text('Home')], { href: '/' }), el('a', [new Text('News')], { href: '/news' })]);
  const head = el('head', [el('title', [new Text('Flood shelter opens | Valley News')])]);
  const body = el('body', [nav, node]);
  const html = el('html', [head, body], { lang: 'en' });
  const doc = new Document([html]);
  html.parent = doc;
  return doc;
}

function maxDepth(root: AnyNode): number {
  let max = 0;
  const stack: Array<[AnyNode, number]> = [[root, 0]];
  while (stack.length > 0) {
    const [n, d] = stack.pop()!;
    if (d > max) max = d;
    if ('children' in n) for (const c of (n as Element).children) stack.push([c, d + 1]);
  }
  return max;
}

describe('pages nested 100,000 levels deep', () => {
  it('nested <div>s around the article', () => {
    const doc = deepPage(100_000, 'div', () => [el('p', [new Text(PARA)]), el('p', [new Text(PARA)])]);
    expect(() => isWholePage(doc)).not.toThrow();
    const r = extractArticle(doc);
    expect(r.status).toBe('ok');
    const text = pageText(r.root!);
    expect(text).toBe(`${PARA}\n\n${PARA}`);
    expect(maxDepth(r.root!)).toBeLessThan(300);
    expect(readPageMetadata(doc).title).toBe('Flood shelter opens | Valley News');
    expect(pageText(doc.children[0] as Element)).toContain(PARA);
  });

  it('unclosed inline tags inside a paragraph', () => {
    const doc = deepPage(3, 'div', () => {
      let b = el('b', [new Text('deep ')]);
      for (let i = 1; i < 100_000; i++) b = el('b', [new Text('x '), b]);
      return [el('p', [new Text(PARA)]), el('p', [b]), el('p', [new Text(PARA)])];
    });
    const r = extractArticle(doc);
    expect(r.status).toBe('ok');
    const text = pageText(r.root!);
    expect(text.startsWith(PARA)).toBe(true);
    expect(text.endsWith(PARA)).toBe(true);
    expect(text).toContain('deep');
    expect(maxDepth(r.root!)).toBeLessThan(300);
    expect(() => readPageMetadata(doc)).not.toThrow();
  });

  it('alternating tags, with text at every level', () => {
    const doc = deepPage(1, 'div', () => {
      let n: Element = el('p', [new Text(PARA)]);
      const tags = ['div', 'span', 'section', 'blockquote', 'li', 'td'];
      for (let i = 1; i < 100_000; i++) n = el(tags[i % tags.length]!, [new Text(`w${i % 10} `), n]);
      return [n];
    });
    const r = extractArticle(doc);
    expect(['ok', 'no-article']).toContain(r.status);
    if (r.root) {
      expect(pageText(r.root)).toContain(PARA);
      expect(maxDepth(r.root)).toBeLessThan(300);
    }
  });

  it('a deep page through the parser', () => {
    const n = 20_000;
    const html = `<html><head><title>Deep</title></head><body>${'<div>'.repeat(n)}<p>${PARA}</p><p>${PARA}</p>${'</div>'.repeat(n)}</body></html>`;
    const doc = parseDocument(html);
    expect(isWholePage(doc)).toBe(true);
    const r = extractArticle(doc);
    expect(r.status).toBe('ok');
    expect(pageText(r.root!)).toBe(`${PARA}\n\n${PARA}`);
  });
});
