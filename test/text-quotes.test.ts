/**
 * Quotations in plain text: a reply's quoted lines ("> …") and a converter's nested blockquotes (html-to-text writes
 * a `<blockquote>` as "> " before each of its lines, "> > " inside another) come out as one Markdown quotation whose
 * sentences hold no stray mark.
 */
import { describe, expect, it } from 'vitest';
import { convert as htmlToText } from 'html-to-text';
import { cleanText } from '../src/index.js';
import { ARTICLE, siteFooter } from './helpers/article.js';

const NAV = ['Home', 'News', 'Sport', 'Business', 'Culture', 'Weather', 'Opinion', 'Travel'];

describe('quotations in plain text', () => {
  it('a quotation nested in another comes out as one quotation, its wrapped lines joined without marks', () => {
    const text = ['Council backs bus lanes', '', ...ARTICLE.slice(0, 5).map((l) => (l ? `> > ${l}` : '> > ')), '', 'The mayor said he would sign the measure next week, and that the first lanes would open in the spring.'].join('\n');
    const r = cleanText(text);
    expect(r.body).toContain('> The city council approved the new transport budget on Tuesday after a long debate that lasted well into the evening, officials said');
    expect(r.body).toContain('\n>\n> Opponents argued');
    expect(r.body).not.toMatch(/\S > |> >/);
  });

  it("keeps an article that a page sets inside blockquotes, as html-to-text writes it", () => {
    const paragraphs = ARTICLE.join('\n').split('\n\n').map((p) => `<p>${p.replace(/\n/g, ' ')}</p>`);
    const html = [
      '<html><body><ul>',
      ...NAV.map((n) => `<li><a href="/${n.toLowerCase()}">${n}</a></li>`),
      '</ul><h1>Council backs Sunday bus lanes in budget vote</h1><p>By Jane Doe</p>',
      `<blockquote><blockquote>${paragraphs.join('')}</blockquote></blockquote>`,
      '<ul>',
      ...siteFooter('').map((n) => `<li>${n.trim()}</li>`),
      '</ul></body></html>',
    ].join('\n');
    const text = htmlToText(html, {});
    expect(text).toContain('> > The city council approved');
    const r = cleanText(text);
    expect(r.error).toBeNull();
    expect(r.body).toContain('well into the evening, officials said, and the vote was closer');
    expect(r.body).toContain('close to the end of their working lives');
    expect(r.body).not.toMatch(/Privacy policy|Terms of use|\S > /);
  });
});
