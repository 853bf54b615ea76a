/**
 * No output holds an HTML element or an unsafe link, whatever the input: every body is rendered by a real
 * CommonMark renderer (micromark, with raw HTML and every protocol let through, plus GitHub's table and bare-link
 * extensions) and the result is checked element by element and link by link. Generated hostile documents in every
 * input format, the defects reported, the render stage on arbitrary blocks, and the front matter.
 */
import { describe, expect, it } from 'vitest';
import { fc, test } from '@fast-check/vitest';
import matter from 'gray-matter';
import YAML from 'yaml';
import { cleanText } from '../../src/index.js';
import { renderBlocks } from '../../src/markdown/render.js';
import type { Block } from '../../src/types.js';
import { FORMATS, FRONT_MATTER_VALUES, SCHEMES, escapeHtml, frontMatterValue } from '../helpers/hostile-docs.js';
import { renderCommonMark, unsafeParts } from '../helpers/commonmark.js';

// CI runs a fixed seed; NEWSCLEAN_PROPERTY_RUNS scales the number of cases, NEWSCLEAN_PROPERTY_SEED replays one.
const seed = process.env.NEWSCLEAN_PROPERTY_SEED ? Number(process.env.NEWSCLEAN_PROPERTY_SEED) : process.env.CI ? 20261121 : undefined;
const scale = Number(process.env.NEWSCLEAN_PROPERTY_RUNS ?? 1);
const opts = (numRuns: number) => ({ numRuns: Math.max(1, Math.round(numRuns * scale)), ...(seed !== undefined ? { seed } : {}) });

const P = 'The council approved the new transport budget on Tuesday after a long debate that lasted well into the evening.';

function safeBody(input: string): string {
  const r = cleanText(input);
  expect(r.error, JSON.stringify(r.error)).toBeNull();
  expect(unsafeParts(r.body), r.body).toEqual([]);
  return r.body;
}

describe('the reported defects', () => {
  it('a tag beside an entity in plain text stays text (it was written as \\\\<img, which renders a real tag)', () => {
    const body = safeBody(`Council report\n\n${P} The project <img src=x onerror=alert(1)> &amp; residents were consulted for weeks.\n`);
    expect(renderCommonMark(body)).toContain('project &lt;img src=x onerror=alert(1)&gt; &amp; residents');
  });

  it('a <pre> holding &lt;script&gt; inside <li> or <blockquote> is shown as text, not as a raw <script>', () => {
    const pre = '<pre>&lt;script&gt;alert(1)&lt;/script&gt;</pre>';
    for (const html of [`<ul><li>First item ${pre}</li><li>Second</li></ul>`, `<blockquote>${pre}</blockquote>`, `<blockquote><ul><li>a ${pre}</li></ul></blockquote>`]) {
      const body = safeBody(`<p>${P}</p>${html}<p>${P}</p>`);
      expect(renderCommonMark(body)).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    }
    for (const html of [`<table><tr><td>${pre} ${P}</td></tr></table>`, `<h2>Head ${pre}</h2>`, `<table><tr><td><blockquote>${pre}<p>${P}</p></blockquote></td><td>x</td></tr><tr><td>y</td><td>z</td></tr></table>`]) {
      safeBody(`<p>${P}</p>${html}<p>${P}</p>`);
    }
  });

  it('links with javascript:, data:, vbscript:, file: and obfuscated schemes never become links; http(s), mailto and relative ones do', () => {
    const html = SCHEMES.map((s, i) => `<p>${P} Link <a href="${escapeHtml(s)}">number ${i}</a> here.</p>`).join('\n');
    const rendered = renderCommonMark(safeBody(html));
    const hrefs = [...rendered.matchAll(/href="([^"]*)"/g)].map((m) => m[1]);
    expect(hrefs).toEqual(['https://example.org/ok', 'HTTP://example.org/A?b=1&amp;c=2', 'mailto:desk@example.org', '/relative/path', '../up', '//example.org/protocol-relative', 'page.html?x=javascript:1']);
    for (let i = 0; i < SCHEMES.length; i++) expect(rendered).toContain(`number ${i}`); // the link text stays
  });

  it('Markdown input: inline links, images, reference definitions and autolinks with unsafe targets are disarmed', () => {
    const targets = SCHEMES.filter((s) => !/\n/.test(s));
    const md = ['---', 'title: "x"', '---', '', P, '', ...targets.flatMap((s, i) => [`${P} [link ${i}](${s}) and ![img ${i}](${s}) and <${s}>.`, '', `[ref${i}]: ${s}`, '', `See [ref${i}] and [text][ref${i}].`, ''])].join('\n');
    safeBody(md);
  });

  it('a bare URL in front of a tag does not swallow its escape (GitHub-style bare links run up to the next "<")', () => {
    const body = safeBody(`Title line here\n\n${P} See HTTP://example.org/a<b>bold and www.example.org/x<x-img src=x onerror=alert(1)> for more.\n`);
    expect(body).toContain('a&lt;b>bold');
    expect(body).toContain('&lt;x-img');
  });
});

describe('generated hostile documents, rendered', () => {
  for (const [format, arb] of Object.entries(FORMATS)) {
    test.prop([arb], opts(300))(`${format}: no HTML element and no link outside http(s), mailto and relative`, (doc) => {
      const r = cleanText(doc);
      if (r.markdown === null) return;
      expect(unsafeParts(r.body), r.body).toEqual([]);
    });
  }
});

describe('the last render pass holds on blocks any rule could make', () => {
  const piece = fc.constantFrom(
    '<', '>', '<b>', '</p>', '<!--', '<?', '<!X', '`', '``', '\\', '[', ']', '](', '(', ')', '!', '![', ']:', '&lt;', '&#58;', ':',
    'javascript:', 'JaVaScRiPt:', 'data:', 'http://x.org/', 'www.x.org', 'mailto:', 'a@b.co', ' ', '\n', '\n\n', '\t', 'x', 'word', '*', '_', '#', '-', '1.', '|', '"', "'",
  );
  const text = fc.array(piece, { maxLength: 40 }).map((p) => p.join(''));
  const block: fc.Arbitrary<Block> = fc.oneof(
    text.map((t) => ({ type: 'paragraph', text: t }) as Block),
    text.map((t) => ({ type: 'heading', level: 2, text: t }) as Block),
    text.map((t) => ({ type: 'quote', text: t }) as Block),
    fc.array(text, { minLength: 1, maxLength: 3 }).map((ts) => ({ type: 'list', ordered: false, items: ts.map((t) => ({ text: t, depth: 0 })) }) as Block),
    fc.array(fc.array(text, { minLength: 2, maxLength: 2 }), { minLength: 2, maxLength: 3 }).map((rows) => ({ type: 'table', header: true, rows }) as Block),
  );

  test.prop([fc.array(block, { minLength: 1, maxLength: 4 })], opts(400))('renderBlocks makes no HTML and no unsafe link from any block text', (blocks) => {
    expect(unsafeParts(renderBlocks(blocks))).toEqual([]);
  });

});

describe('front matter', () => {
  it('no metadata value breaks out of the front matter: the block parses to the metadata and the body is what follows', () => {
    for (const v of FRONT_MATTER_VALUES) {
      const input = `---\ntitle: ${JSON.stringify(v)}\nauthor: ${JSON.stringify(v)}\ntags:\n  - ${JSON.stringify(v)}\n  - "second"\ndescription: ${JSON.stringify(`${v}\n---\n<script>alert(1)</script>`)}\n---\n\n${P}\n`;
      const r = cleanText(input);
      expect(r.error).toBeNull();
      const g = matter(r.markdown!, {});
      expect(g.content, JSON.stringify(v)).toBe(`\n${r.body}\n`);
      expect(JSON.parse(JSON.stringify(g.data))).toEqual(r.metadata);
      expect(YAML.parse(r.markdown!.split('\n---\n')[0]!.slice(4))).toEqual(r.metadata);
    }
  });

  test.prop([fc.constantFrom(...Object.values(FORMATS)).chain((arb) => arb), frontMatterValue], opts(300))('holds for generated documents of every format', (doc) => {
    const r = cleanText(doc);
    if (r.markdown === null) return;
    const g = matter(r.markdown, {});
    expect(g.content).toBe(`\n${r.body}\n`);
    expect(JSON.parse(JSON.stringify(g.data))).toEqual(r.metadata);
  });
});
