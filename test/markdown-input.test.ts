/**
 * Markdown inputs written by scrapers: links with titles and linked images, as turndown and other HTML-to-Markdown
 * converters write them, come out intact (links) or removed whole and recorded (images).
 */
import { describe, expect, it } from 'vitest';
import { cleanText, detectFormat } from '../src/index.js';
import { linkBareUrls } from '../src/markdown/render.js';

const PROSE = [
  'A great offshoot from commercial space companies getting a foothold in real missions to orbit is that the old entrepreneurial spirit has been revived, engineers say.',
  '',
  'A group of plasma physics researchers started a company about eight years ago and they have come up with a new design for basic pulsed plasma jet technology.',
  '',
  'They say that using this kind of electric propulsion would significantly reduce the mass and weight of spacecraft, resulting in more affordable missions.',
];

describe('links in Markdown inputs', () => {
  const links = [
    '[income protection in the UK](http://www.example.co.uk/insurance/the-time-bomb/ "Income protection in the UK - article")',
    "[single](https://example.com/a 'A title')",
    '[parenthesised](https://example.com/b (A title))',
    '[Mercury](https://en.wikipedia.org/wiki/Mercury_(planet))',
    '[spaced](<https://example.com/a b>)',
    '[![a chart](https://example.com/chart.png "Chart")](https://example.com/chart)',
  ];

  it('are never linked again inside (a URL in a destination or a title is not a bare URL)', () => {
    for (const l of links) expect(linkBareUrls(`See ${l} for more.`)).toBe(`See ${l} for more.`);
    // a bare URL beside them still is
    expect(linkBareUrls(`${links[0]} and https://example.org/x`)).toBe(`${links[0]} and [https://example.org/x](https://example.org/x)`);
  });

  it('come out as written, a title included', () => {
    const md = ['# Engineers revive plasma thrusters', '', ...PROSE, '', `Read about ${links[0]} and ${links[1]} in the archive of stories.`].join('\n');
    expect(detectFormat(md)).toBe('markdown');
    const r = cleanText(md);
    expect(r.body).toContain(links[0]);
    expect(r.body).toContain(links[1]);
    expect(r.body).not.toContain('\\]');
  });
});

describe('images in Markdown inputs', () => {
  it('an image alone in its paragraph, linked or not, goes whole and is recorded', () => {
    const md = [
      '# Engineers revive plasma thrusters',
      '',
      '![](http://img.example.com/engines-580x385.jpg)',
      '',
      PROSE[0],
      '',
      '[![plasma engines](http://img.example.com/engines-580x385.jpg "plasma engines")](http://img.example.com/engines.jpg)',
      '',
      ...PROSE.slice(2),
    ].join('\n');
    // an empty alternative text and a linked image are Markdown marks too
    expect(detectFormat(md)).toBe('markdown');
    const r = cleanText(md);
    expect(r.format).toBe('markdown');
    expect(r.body).not.toContain('img.example.com');
    expect(r.body).not.toMatch(/\[\s*\]\(/);
    expect(r.removed.filter((x) => x.id === 'NC216').map((x) => x.text)).toEqual([
      '![](http://img.example.com/engines-580x385.jpg)',
      '[![plasma engines](http://img.example.com/engines-580x385.jpg "plasma engines")](http://img.example.com/engines.jpg)',
    ]);
    for (const p of PROSE.filter(Boolean)) expect(r.body).toContain(p);
  });

  it('a linked image inside a sentence goes whole: no empty link is left', () => {
    const md = ['# Engineers revive plasma thrusters', '', ...PROSE, '', 'Follow the project [![](http://img.example.com/k.png)](https://example.com/kick) on its page, where updates appear weekly.'].join('\n');
    const r = cleanText(md);
    expect(r.body).toContain('Follow the project on its page, where updates appear weekly.');
    expect(r.body).not.toContain('](');
    expect(r.removed.some((x) => x.id === 'NC216' && x.text === '[![](http://img.example.com/k.png)](https://example.com/kick)')).toBe(true);
  });
});

describe('a Markdown copy under a doctype passed through as text', () => {
  // node-html-markdown and other converters keep a page's "<!DOCTYPE html>" as a line of text above the Markdown
  const md = [' <!DOCTYPE html> ', '', '[Skip to content](#main)', '', '# Engineers revive plasma thrusters', '', ...PROSE].join('\n');

  it('is read as Markdown, its doctype line not kept in the body', () => {
    expect(detectFormat(md)).toBe('markdown');
    const r = cleanText(md);
    expect(r.format).toBe('markdown');
    expect(r.body).toContain('pulsed plasma jet technology');
    expect(r.body).not.toMatch(/doctype/i);
  });

  it('the same declaration over plain text is text; over markup it still opens a page', () => {
    expect(detectFormat(['<!DOCTYPE html>', '', ...PROSE].join('\n'))).toBe('text');
    expect(detectFormat(`<!DOCTYPE html>\n<html><head><title>T</title></head><body>${PROSE[0]}</body></html>`)).toBe('html-page');
    expect(detectFormat(`<!doctype html>\n<title>T</title>\n${PROSE[0]}`)).toBe('html-page');
    expect(detectFormat(`<!DOCTYPE html>\n<p>${PROSE[0]}</p>`)).toBe('html-page');
  });
});
