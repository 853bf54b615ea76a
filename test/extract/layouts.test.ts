// Page layouts that trip extractors, built from invented text.
import { describe, expect, it } from 'vitest';
import { parseDocument } from 'htmlparser2';
import { extractArticle, pageText } from '../../src/extract/index.js';

const prose = (lead: string, n = 1) =>
  Array.from({ length: n }, (_, i) => `${lead} Sentence ${i + 1} adds more words to the paragraph, so that it reads like prose, with commas and a full stop.`).join(' ');
const menu = '<ul>' + Array.from({ length: 20 }, (_, i) => `<li><a href="/s${i}">Section ${i}</a></li>`).join('') + '</ul>';

function run(html: string): { status: string; text: string; blocks: string[] } {
  const r = extractArticle(parseDocument(html));
  const text = r.root ? pageText(r.root) : '';
  return { status: r.status, text, blocks: text ? text.split('\n\n') : [] };
}

describe('layouts', () => {
  it('an article split around an advertisement and a related box', () => {
    const { status, text, blocks } = run(
      `<html><head><title>Split</title></head><body><nav>${menu}</nav><article><h1>Split</h1>` +
        `<div class="text"><p>${prose('First part.', 3)}</p><p>${prose('Second part.', 2)}</p></div>` +
        `<div class="ad">Advertisement</div><aside class="related"><h3>Related</h3><ul><li><a href="/r1">Other story one</a></li><li><a href="/r2">Other story two</a></li></ul></aside>` +
        `<div class="text"><p>${prose('Third part.', 3)}</p><p>${prose('Fourth part.', 2)}</p></div></article><footer>${menu}</footer></body></html>`,
    );
    expect(status).toBe('ok');
    expect(blocks.map((b) => b.split(' Sentence')[0])).toEqual(['First part.', 'Second part.', 'Third part.', 'Fourth part.']);
    expect(text).not.toContain('Other story');
  });

  it('reader responses below the story are left out', () => {
    const responses = Array.from({ length: 12 }, (_, i) => `<div class="response"><a href="/u/${i}">user${i}</a><p>${prose('I disagree with this.')}</p><a href="#reply">Reply</a></div>`).join('');
    const { text, blocks } = run(
      `<html><head><title>C</title></head><body><nav>${menu}</nav><div class="wrap"><div class="story">` +
        `<p>${prose('Story one.', 3)}</p><p>${prose('Story two.', 3)}</p><p>${prose('Story three.', 2)}</p></div>` +
        `<div class="responses">${responses}</div></div></body></html>`,
    );
    expect(blocks).toHaveLength(3);
    expect(text).not.toContain('I disagree');
  });

  it('of two stories on one page, the one titled like the page', () => {
    const { text } = run(
      `<html><head><title>First story title here</title></head><body><nav>${menu}</nav><main>` +
        `<article><h1>First story title here</h1><p>${prose('Alpha one.', 3)}</p><p>${prose('Alpha two.', 3)}</p></article>` +
        `<article><h1>Second story entirely different</h1><p>${prose('Beta one.', 3)}</p><p>${prose('Beta two.', 3)}</p><p>${prose('Beta three.', 3)}</p></article>` +
        `</main></body></html>`,
    );
    expect(text).toContain('Alpha two.');
    expect(text).not.toContain('Beta');
  });

  it('a live blog keeps every entry', () => {
    const posts = Array.from({ length: 15 }, (_, i) => `<div class="post"><time>10:${10 + i}</time><p>${prose(`Update ${i}.`)}</p></div>`).join('');
    const { blocks } = run(`<html><head><title>Live</title></head><body><nav>${menu}</nav><div class="live-blog">${posts}</div></body></html>`);
    expect(blocks).toHaveLength(15);
    expect(blocks[14]!.startsWith('Update 14.')).toBe(true);
  });

  it('an old page laid out with a table and <br> paragraphs', () => {
    const { status, text } = run(
      `<html><head><title>Old page</title></head><body><table><tr><td width="150">${menu}</td>` +
        `<td>Town hall repairs begin<br><br>${prose('Builders arrived on Monday.', 2)}<br><br>${prose('The roof comes first.', 2)}</td>` +
        `<td><a href="/ad">Buy now</a> <a href="/ad2">Cheap flights</a></td></tr></table></body></html>`,
    );
    expect(status).toBe('ok');
    expect(text).toContain('The roof comes first.');
    expect(text).not.toContain('Section 3');
    expect(text).not.toContain('Cheap flights');
  });

  it('a list article whose headings link to shops is not an index page', () => {
    const items = Array.from({ length: 8 }, (_, i) => `<h2><a href="https://shop${i}.example/item">Kettle model ${i}</a></h2><p>${prose(`Kettle ${i} boils fast.`)}</p>`).join('');
    const { status, blocks } = run(
      `<html><head><title>Eight kettles</title><link rel="canonical" href="https://www.reviews.example/kettles"></head><body><nav>${menu}</nav>` +
        `<div class="entry-content"><p>${prose('We tested eight kettles.', 2)}</p>${items}</div></body></html>`,
    );
    expect(status).toBe('ok');
    expect(blocks).toHaveLength(17);
  });

  const teasers = (n: number) =>
    '<ul class="list">' +
    Array.from({ length: n }, (_, i) => `<li><a class="story-title" href="/n/${i}">Another headline, number ${i}</a><p>${prose(`Teaser ${i}.`).slice(0, 140)}</p></li>`).join('') +
    '</ul>';

  it('a rail of teasers without headings beside the story is left out', () => {
    const { text, blocks } = run(
      `<html><head><title>Main story</title></head><body><nav>${menu}</nav><div class="page"><div class="col"><h1>Main story</h1>` +
        `<p>${prose('Main one.', 2)}</p><p>${prose('Main two.', 2)}</p><p>${prose('Main three.')}</p></div><div class="col2">${teasers(12)}</div></div></body></html>`,
    );
    expect(blocks).toHaveLength(3);
    expect(text).not.toContain('Teaser');
  });

  it('a page that is only teasers without headings is an index page', () => {
    const r = extractArticle(parseDocument(`<html><head><title>News</title></head><body><nav>${menu}</nav><div class="page">${teasers(15)}</div></body></html>`));
    expect(r.status).toBe('no-article');
    expect(r.reason).toMatch(/index page/);
  });

  it('a data table is the article when it is the content', () => {
    const rows = Array.from({ length: 30 }, (_, i) => `<tr><td>${i + 1}</td><td>Driver ${i}</td><td>${5000 - i * 37}</td></tr>`).join('');
    const { status, text } = run(
      `<html><head><title>Standings</title></head><body><nav>${menu}</nav><div class="content"><h1>Standings</h1>` +
        `<p>The table below shows the standings after the last race of the season.</p><table><tr><th>Pos</th><th>Driver</th><th>Points</th></tr>${rows}</table></div>` +
        `<footer>${menu}</footer></body></html>`,
    );
    expect(status).toBe('ok');
    expect(text).toContain('1 Driver 0 5000');
    expect(text).toContain('30 Driver 29 3927');
  });
});
