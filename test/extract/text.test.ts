import { describe, expect, it } from 'vitest';
import { fc, test } from '@fast-check/vitest';
import { parseDocument } from 'htmlparser2';
import type { Element } from 'domhandler';
import { extractArticle, isWholePage, pageText } from '../../src/extract/index.js';
import { readPageMetadata } from '../../src/metadata/html-meta.js';

function root(html: string): Element {
  const doc = parseDocument(`<div>${html}</div>`);
  return doc.children[0] as Element;
}

describe('pageText', () => {
  it('puts a blank line between blocks and a newline for <br>', () => {
    expect(pageText(root('<h2>Title</h2><p>One <b>bold</b> word.</p><p>Line one<br>line two</p>'))).toBe(
      'Title\n\nOne bold word.\n\nLine one\nline two',
    );
  });

  it('collapses whitespace but keeps <pre> as it is', () => {
    expect(pageText(root('<p>  many   spaces\n\there </p><pre>  x = 1\n  y = 2</pre>'))).toBe('many spaces here\n\n  x = 1\n  y = 2');
  });

  it('leaves out script, style and template text', () => {
    expect(pageText(root('<p>Kept</p><script>var x = 1</script><style>p{}</style><template><p>t</p></template>'))).toBe('Kept');
  });

  it('separates list items and table cells', () => {
    expect(pageText(root('<ul><li>a</li><li>b</li></ul><table><tr><td>1</td><td>2</td></tr><tr><td>3</td><td>4</td></tr></table>'))).toBe(
      'a\n\nb\n\n1 2\n3 4',
    );
  });

  it('does not glue words across inline tags', () => {
    expect(pageText(root('<p><a href="#">Read</a> <em>this</em>, then<span> that</span></p>'))).toBe('Read this, then that');
  });
});

describe('property: no function throws on arbitrary markup', () => {
  const tag = fc.constantFrom('div', 'p', 'a', 'b', 'span', 'ul', 'li', 'table', 'td', 'h1', 'h2', 'nav', 'article', 'script', 'footer', 'time', 'pre');
  const attr = fc.constantFrom('', ' class="share"', ' class="article-body"', ' id="comments"', ' hidden', ' href="/x"', ' style="display:none"', ' itemprop="articleBody"', ' role="navigation"');
  const piece = fc.oneof(
    fc.tuple(tag, attr).map(([t, a]) => `<${t}${a}>`),
    tag.map((t) => `</${t}>`),
    fc.string({ maxLength: 40 }),
    fc.constantFrom('We use cookies on our site.', 'The council said on Monday that the plan would go ahead.', '&amp;', '<!-- c -->', '<script type="application/ld+json">{"@type":"NewsArticle","headline":"x"', '<title>T | S</title>'),
  );
  test.prop([fc.array(piece, { maxLength: 120 })], { numRuns: 200 })('extractArticle, isWholePage, pageText, readPageMetadata', (parts) => {
    const doc = parseDocument(parts.join(''));
    isWholePage(doc);
    readPageMetadata(doc);
    const r = extractArticle(doc, { minChars: 10 });
    expect(['ok', 'no-article']).toContain(r.status);
    expect(r.status === 'ok').toBe(r.root !== null);
    if (r.root) expect(typeof pageText(r.root)).toBe('string');
  });
});

describe('long and repetitive input stays linear', () => {
  // Each case would take minutes with a backtracking regular expression or a
  // quadratic walk; the test timeout catches that without timing anything.
  const big = 200_000;
  const cases: Array<[string, string]> = [
    ['spaces in the title', `<html><head><title>a${' '.repeat(big)}b</title><meta property="og:title" content="x${' '.repeat(big)}|"></head><body><p>t</p></body></html>`],
    ['spaces in a style attribute', `<div style="${' '.repeat(big)};display :${' '.repeat(big)}x"><p>text</p></div>`],
    ['dashes in a byline', `<html><head><meta name="author" content="${'-, '.repeat(big / 3)}x"></head><body></body></html>`],
    ['a long href', `<a href="${'/'.repeat(big)}">x</a><a href="http://${'a'.repeat(big)}">y</a>`],
    ['many < in JSON-LD', `<script type="application/ld+json">{"@type":"NewsArticle","articleBody":"${'<a '.repeat(big / 3)}"}</script><p>x</p>`],
    ['one long word', `<html><head><title>t</title></head><body><p>${'x'.repeat(big)}</p></body></html>`],
    ['a long class list', `<div class="${'a-b '.repeat(big / 4)}"><p>text</p></div>`],
    ['many dates', `<html><head><meta name="date" content="${'1'.repeat(big)}"></head><body><time datetime="${'2019-'.repeat(big / 5)}">x</time></body></html>`],
  ];
  for (const [name, html] of cases) {
    it(name, () => {
      const doc = parseDocument(html);
      expect(() => readPageMetadata(doc)).not.toThrow();
      const r = extractArticle(doc, { minChars: 1 });
      if (r.root) pageText(r.root);
      isWholePage(doc);
    });
  }
});
