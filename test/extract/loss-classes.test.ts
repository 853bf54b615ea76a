/**
 * One minimal synthetic page for each class of whole-page loss measured against other extractors (docs/html-extraction.md):
 * each page is built here from invented text, not copied from a site, and goes through cleanText as a saved page does.
 */
import { describe, expect, it } from 'vitest';
import { cleanText } from '../../src/index.js';
import { closeRunawayTitle, liftHeadContent } from '../../src/html/repair.js';
import { parseDocument } from 'htmlparser2';

const P1 = 'The ferry between Port Alden and the outer islands will run twice a day from next month, the operator said on Tuesday, after a winter of cancellations.';
const P2 = 'Residents of the islands had asked for a second daily crossing for years, saying a single boat left them stranded whenever the weather turned.';
const P3 = 'The new timetable adds an early sailing at seven in the morning and keeps the evening return, with a smaller vessel on quiet days.';
const MENU = '<ul><li><a href="/">Home</a></li><li><a href="/news">News</a></li><li><a href="/sport">Sport</a></li><li><a href="/weather">Weather</a></li><li><a href="/contact">Contact</a></li></ul>';

function clean(html: string) {
  const r = cleanText(html, { path: 'page.html' });
  return { ...r, text: r.body };
}

describe('text inside <head>: no <body> tag, or content before it', () => {
  it('a page without a <body> tag gives its article', () => {
    const html = `<!DOCTYPE html><html><head><title>Ferry to run twice a day</title><meta charset="utf-8">
      <div class="menu">${MENU}</div><div class="story"><p>${P1}</p><p>${P2}</p><p>${P3}</p></div></html>`;
    const r = clean(html);
    expect(r.error).toBeNull();
    for (const p of [P1, P2, P3]) expect(r.text).toContain(p);
    expect(r.text).not.toContain('Weather');
  });

  it('content before a late <body> is moved into it, in order', () => {
    const doc = parseDocument(`<html><head><title>T</title><div id="a"><p>${P1}</p></div><body><p>${P2}</p></body></html>`);
    expect(liftHeadContent(doc)).toBe(true);
    const html = doc.children.find((c) => c.type === 'tag')! as unknown as { children: Array<{ name?: string; children?: unknown[] }> };
    const names = html.children.filter((c) => c.name).map((c) => c.name);
    expect(names).toEqual(['head', 'body']);
    expect(liftHeadContent(doc)).toBe(false);
  });
});

describe('an unclosed <title> swallowing the page', () => {
  it('ends the title where the page markup starts', () => {
    expect(closeRunawayTitle('<html><head><title>Ferry news</head><body><p>x</p></body></html>')).toBe(
      '<html><head><title>Ferry news</title></head><body><p>x</p></body></html>',
    );
    // a closed title, and a title holding a "<" that is no markup, stay as they are
    const ok = '<html><head><title>a < b: Ferry</title></head><body><p>x</p></body></html>';
    expect(closeRunawayTitle(ok)).toBe(ok);
  });

  it('the page is cleaned with its article and its title', () => {
    const html = `<html><head><title>Ferry to run twice a day
      <meta charset="utf-8"></head><body><nav>${MENU}</nav><article><p>${P1}</p><p>${P2}</p><p>${P3}</p></article></body></html>`;
    const r = clean(html);
    expect(r.error).toBeNull();
    expect(r.text).toContain(P1);
    expect(r.metadata.title).toBe('Ferry to run twice a day');
  });
});
