/** Titles, bylines and URLs of whole pages in the layouts that the development pages showed failing; every page is synthetic. */
import { describe, expect, it } from 'vitest';
import { parseDocument } from 'htmlparser2';
import { cleanText } from '../../src/index.js';
import { chooseTitle, looksLikePerson, readPageMetadata } from '../../src/metadata/html-meta.js';
import { unwrapRedirect } from '../../src/metadata/urls.js';

const P = 'The ferry between Port Alden and the outer islands will run twice a day from next month, the operator said on Tuesday, after a winter of cancellations.';
const page = (head: string, body: string) => `<!DOCTYPE html><html><head>${head}</head><body><nav><a href="/">Home</a> <a href="/n">News</a></nav>${body}</body></html>`;
const meta = (head: string, body = '') => readPageMetadata(parseDocument(page(head, body)));

describe('the title is a headline the page confirms', () => {
  it('a JSON-LD headline that no other source repeats (a description) is passed over', () => {
    const ld = '<script type="application/ld+json">{"@type":"Article","headline":"island group in the north Atlantic"}</script>';
    const m = meta(`<title>Port Alden Ferry - Island Notes</title><meta property="og:site_name" content="Island Notes">${ld}`, '<h1>Port Alden Ferry</h1>');
    expect(m.title).toBe('Port Alden Ferry');
  });

  it('the most trusted title wins when nothing disagrees; properties listed together count for each', () => {
    expect(meta('<title>Title Element</title><meta property="x:title dc:title" content="Preferred title">').title).toBe('Preferred title');
    expect(chooseTitle([undefined, 'Ferry to run twice a day', 'Ferry to run twice a day | Island Notes'], [])).toBe('Ferry to run twice a day');
  });

  it("an og:title that names the blog on every page gives way to the title an <h2> of the page shows", () => {
    const head = '<title>Ferry to run twice a day - Island Notes</title><meta property="og:title" content="The Official Blog of Island Notes">';
    const post = `<div class="post"><h2><a href="/2031/ferry">Ferry to run twice a day</a></h2><p>${P}</p></div>`;
    expect(meta(head, `<h2>Island Notes blogs</h2>${post}`).title).toBe('Ferry to run twice a day');
    // an <h1> still confirms first; with no heading that shows any of them, the most trusted stays
    expect(meta(head, `<h1>The Official Blog of Island Notes</h1>${post}`).title).toBe('The Official Blog of Island Notes');
    expect(meta(head, `<p>${P}</p>`).title).toBe('The Official Blog of Island Notes');
  });

  it("a metadata title that is the banner's name, one side of the <title> whose other side is the post's heading, gives way", () => {
    const head = '<meta name="DC.title" content="Island Notes"><title>Island Notes - Ferry to run twice a day</title>';
    const body = `<h1><a href="/">Island Notes</a></h1><div class="post"><h2>Ferry to run twice a day</h2><p>${P}</p></div>`;
    expect(meta(head, body).title).toBe('Ferry to run twice a day');
    // without the post's heading, the banner's name confirmed by the <h1> stays
    expect(meta(head, `<h1><a href="/">Island Notes</a></h1><p>${P}</p>`).title).toBe('Island Notes');
  });

  it("the site's name glued to the post's heading in the <title> (no separator) is cut at the heading", () => {
    const body = `<h1 class="site-title"><a href="/">Island Notes</a></h1><article><h1>Ferry to run twice a day</h1><p>${P}</p></article>`;
    expect(meta('<title>Ferry to run twice a dayIsland Notes</title><link rel="canonical" href="https://islandnotes.example/ferry">', body).title).toBe('Ferry to run twice a day');
    // a run-on word that is not the site's name stays
    expect(meta('<title>Ferry to run twice a dayTimetables</title><link rel="canonical" href="https://islandnotes.example/ferry">', body).title).toBe('Ferry to run twice a dayTimetables');
  });

  it('a site suffix is removed for the outlet named anywhere on the page, never from a list', () => {
    const foot = '<footer><p>© 2031 Harbour Gazette. All rights reserved.</p></footer>';
    expect(meta('<title>Ferry to run twice a day - Harbour Gazette</title>', `<p>${P}</p>${foot}`).title).toBe('Ferry to run twice a day');
    const logo = '<header><img class="site-logo" src="/logo.png" alt="Quay Weekly"></header>';
    expect(meta('<title>Ferry to run twice a day | Quay Weekly</title>', `${logo}<p>${P}</p>`).title).toBe('Ferry to run twice a day');
    // a dash inside a headline that names no site stays
    expect(meta('<title>Ferry to run twice a day - and more in winter</title>', `<p>${P}</p>`).title).toBe('Ferry to run twice a day - and more in winter');
  });
});

describe('bylines in any layout', () => {
  it('a byline element by any class holding "byline"', () => {
    expect(meta('<title>T</title>', `<div class="FeatureByline">By <b>Mara Quill</b></div><p>${P}</p>`).author).toBe('Mara Quill');
    expect(meta('<title>T</title>', `<div class="x-sig"><span class="pb-byline">By <a href="/people/ines">Ines Calder</a></span></div><p>${P}</p>`).author).toBe('Ines Calder');
  });

  it('a URL, an editor and a degree are not part of the name; "(with …)" adds names', () => {
    expect(meta('<title>T</title><meta name="author" content="Ola Brand (http://brand.example/ola/)">').author).toBe('Ola Brand');
    expect(meta('<title>T</title><meta name="author" content="Rob Lenz Edited by Kay Moor">').author).toBe('Rob Lenz');
    expect(meta('<title>T</title><meta name="author" content="Dana Frost, MA">').author).toBe('Dana Frost');
    expect(meta('<title>T</title><meta name="author" content="Léa Marin (avec Paul Roux et Anne Vidal)">').authors).toEqual(['Léa Marin', 'Paul Roux', 'Anne Vidal']);
  });

  it("a share button, the publisher, a degree after a semicolon and the links beside a name are no names", () => {
    const share = '<div class="byline byline2"><a href="https://twitter.com/share">Tweet</a></div>';
    expect(meta('<title>T</title>', `<p class="byline">by <a href="/users/ines">Ines Calder</a></p>${share}<p>${P}</p>`).author).toBe('Ines Calder');
    const cnn = meta('<title>T</title><meta property="og:site_name" content="Harbour Gazette"><meta name="author" content="Ola Brand, Harbour Gazette">');
    expect(cnn.authors).toEqual(['Ola Brand']);
    expect(meta('<title>T</title><meta name="author" content="DANA FROST;M.D">').author).toBe('DANA FROST');
    expect(meta('<title>T</title>', `<div class="author">Mara Quill View Profile Email Twitter</div><p>${P}</p>`).author).toBe('Mara Quill');
    expect(meta('<title>T</title>', `<div class="author">Rob Lenz RSS feed</div><p>${P}</p>`).author).toBe('Rob Lenz');
    expect(meta('<title>T</title><meta name="author" content="No Primary Author">', `<p class="byline">By Kay Moor</p><p>${P}</p>`).author).toBe('Kay Moor');
  });

  it("the byline line the extractor takes out of the article names the writer when the metadata names none", () => {
    const article = (line: string) =>
      cleanText(page('<title>Ferry to run twice a day</title>', `<article><h1>Ferry to run twice a day</h1>${line}<p>${P}</p><p>${P}</p></article>`), { path: 'p.html' });
    const r = article('<div class="date"><span>By Mara Quill, 18 August 2031</span></div>');
    expect(r.metadata.author).toBe('Mara Quill');
    expect(r.removed.some((x) => x.text.startsWith('By Mara Quill') && x.rule === 'main-content')).toBe(true);
    expect(article('<div class="meta">Monday, November 12, 2031, by Ines Calder</div>').metadata.author).toBe('Ines Calder');
    // a line that names no person: a date label, an outlet, a team
    expect(article('<div class="author">Last Updated:</div>').metadata.author).toBeUndefined();
    expect(article('<p>By Island News</p>').metadata.author).toBeUndefined();
    expect(article('<div class="byline">Posted by the Island Notes Team</div>').metadata.author).toBeUndefined();
  });

  it("the date line the extractor takes out of the article dates it when the metadata does not; its header names the writer", () => {
    const article = (line: string, before = '') =>
      cleanText(page('<title>Ferry to run twice a day</title>', `${before}<article><h1>Ferry to run twice a day</h1>${line}<p>${P}</p><p>${P}</p></article>`), { path: 'p.html' });
    expect(article('<div class="meta">August 3, 2031 · 0 comments</div>').metadata.date).toBe('2031-08-03');
    expect(article('<div class="byline">Posted by Mara Quill on August 8, 2031 in Harbour news</div>').metadata.date).toBe('2031-08-08');
    // an update is not the date it was published
    expect(article('<div class="meta">Updated August 9, 2031</div>').metadata.date).toBeUndefined();
    // a post's header: "headline by NAME on DATE" names its writer; a headline that ends "by NAME" does not
    const header = (t: string) =>
      cleanText(page('<title>T</title>', `<div class="post"><div class="header">${t}</div><p>${P}</p><p>${P}</p></div>`), { path: 'p.html' }).metadata;
    expect(header('<h2>The ferry timetable</h2> by inesc on January 31, 2031')).toMatchObject({ author: 'inesc', date: '2031-01-31' });
    expect(header('<h2>Tips on how to sail by Kay Moor</h2>').author).toBeUndefined();
  });

  it("a short date line by the headline dates the page when nothing else does; a caption or a sentence that names a day does not", () => {
    const article = (lines: string) =>
      cleanText(page('<title>Ferry to run twice a day</title>', `<article><h1>Ferry to run twice a day</h1>${lines}<p>${P}</p><p>${P}</p></article>`), { path: 'p.html' }).metadata;
    expect(article('<p>July 24, 2031 6:00 AM</p>').date).toBe('2031-07-24T06:00');
    expect(article('<p>Published on March 17, 2031 in Harbour news and Tide tables. Tags: ferries, islands, winter timetable.</p>').date).toBe('2031-03-17');
    const caption = '<p>The first ferry of the season leaves Port Alden for the outer islands, May 18, 2030. (Photo: Island Notes)</p>';
    expect(article(caption).date).toBeUndefined();
    expect(article('<p>On October 29, 1863, the first harbour light was lit on the point, and it has burned every night since.</p>').date).toBeUndefined();
  });

  it('a short line by the headline that opens with "By" names the writer when nothing else does; not an outlet cut short or a button', () => {
    const article = (line: string) =>
      cleanText(page('<title>Ferry to run twice a day</title>', `<article><h1>Ferry to run twice a day</h1><p>${line}</p><p>${P}</p><p>${P}</p></article>`), { path: 'p.html' }).metadata;
    expect(article('By Ola Brand on Nov 12th, 2031 Harbour news, Tide tables')).toMatchObject({ author: 'Ola Brand', date: '2031-11-12' });
    expect(article('By Harbour52 | November 8, 2031').author).toBeUndefined();
    expect(article('posted by Joe Comments').author).toBeUndefined();
  });

  it("a byline region outside the article is its own when the page has one alone; a button's label is no name", () => {
    const outside = (regions: string) =>
      cleanText(page('<title>T</title>', `${regions}<article><p>${P}</p><p>${P}</p><p>${P}</p></article>`), { path: 'p.html' }).metadata;
    expect(outside('<div class="byline">by Ola Brand July 24, 2031 4:00 AM PDT</div>')).toMatchObject({ author: 'Ola Brand', date: '2031-07-24T04:00-07:00' });
    expect(outside('<div class="timestamp">July 24, 2031, 9:39 am</div>').date).toBe('2031-07-24T09:39');
    // two such regions: other stories' too, none is taken
    expect(outside('<div class="timestamp">July 24, 2031, 9:39 am</div><div class="timestamp">June 2, 2031</div>').date).toBeUndefined();
    expect(outside('<div class="byline">View Comments</div>').author).toBeUndefined();
  });

  it('the bylines of other stories on the page are not the article\'s authors', () => {
    const other = (n: string) => `<li><a href="/x">Other story</a> <span class="byline">By ${n}</span></li>`;
    const m = meta('<title>T</title>', `<article><p class="byline">By Ines Calder</p><p>${P}</p></article><ul>${other('Tom Reyes')}${other('Ann Lowe')}</ul>`);
    expect(m.authors).toEqual(['Ines Calder']);
  });

  it("the writers listed in the site's menu are not the article's authors", () => {
    const staff = ['Al Yellin', 'Grant Brisk', 'Rob Neyman', 'Jason Brand']
      .map((n) => `<li><a href="/authors/${n.split(' ')[0]!.toLowerCase()}" class="author-name">${n}</a><span class="atitle">Editor</span></li>`)
      .join('');
    const menu = `<div class="masthead-header"><span>STAFF</span><ul class="drop staff-list">${staff}</ul></div>`;
    const byline = '<p class="byline">By <a href="/authors/al-yellin">Al Yellin</a></p>';
    const m = meta('<title>T</title>', `${menu}<article><h1>Ferry to run twice a day</h1>${byline}<p>${P}</p></article>`);
    expect(m.author).toBe('Al Yellin');
    expect(m.authors).toEqual(['Al Yellin']);
    // and in a <nav> element
    const nav = meta('<title>T</title>', `<nav><ul>${staff}</ul></nav><article><p class="byline">By Mara Quill</p><p>${P}</p></article>`);
    expect(nav.author).toBe('Mara Quill');
  });

  it('an outlet is never an author, but a blog named after its writer has that writer as author', () => {
    expect(meta('<title>T</title><meta property="og:site_name" content="Harbour Gazette"><meta name="author" content="Harbour Gazette">').author).toBeUndefined();
    expect(meta('<title>Notes | Haki Lund</title><meta property="og:site_name" content="Haki Lund"><meta name="author" content="Haki Lund">').author).toBe('Haki Lund');
    expect(looksLikePerson('Haki Lund')).toBe(true);
    expect(looksLikePerson('Harbour Daily News')).toBe(false);
    expect(meta('<title>T</title><meta name="author" content="CC">').author).toBeUndefined();
  });

  it('an outlet glued to the name, after a slash, a comma or nothing, is no part of it', () => {
    const byline = (b: string) => meta('<title>T</title>', `<p class="byline">By ${b}</p><p>${P}</p>`);
    expect(byline('Eliot Caroom/The Star-Ledger').author).toBe('Eliot Caroom');
    expect(byline('Justin Zaremba/NJ.com').author).toBe('Justin Zaremba');
    expect(byline('Helen Briggs BBC News').author).toBe('Helen Briggs');
    expect(byline('Evelyn Macairan, The Philippine Star').author).toBe('Evelyn Macairan');
    expect(byline('Dana Frost/Reuters').author).toBe('Dana Frost');
    // the longest name: a three-word name before a blog's name keeps its three words
    expect(byline('Haje Jan Kamps Photography Blog').author).toBe('Haje Jan Kamps');
  });

  it('co-authors of the page all reach the output', () => {
    const ld = '<script type="application/ld+json">{"@type":"NewsArticle","headline":"Ferry to run twice a day","author":[{"@type":"Person","name":"Stella Ames"},{"@type":"Person","name":"Jon Fell"}]}</script>';
    const r = cleanText(page(`<title>Ferry to run twice a day</title>${ld}`, `<article><h1>Ferry to run twice a day</h1><p>${P}</p></article>`), { path: 'p.html' });
    expect(r.metadata.author).toBe('Stella Ames, Jon Fell');
  });
});

describe('redirect URLs are unwrapped to the article', () => {
  const gnewsId = (url: string) =>
    Buffer.concat([Buffer.from([0x08, 0x13, 0x22, url.length]), Buffer.from(url), Buffer.from([0xd2, 0x01, 0x00])]).toString('base64url');

  it('Google News, google.com/url and other redirectors', () => {
    const target = 'https://www.example.org/2031/05/ferry.html';
    expect(unwrapRedirect(`https://news.google.com/rss/articles/${gnewsId(target)}?oc=5`)).toBe(target);
    expect(unwrapRedirect('https://www.google.com/url?sa=t&url=https%3A%2F%2Fwww.example.org%2Fa%3Fb%3D1&usg=x')).toBe('https://www.example.org/a?b=1');
    expect(unwrapRedirect('https://l.facebook.com/l.php?u=https%3A%2F%2Fexample.org%2Fstory&h=AT0')).toBe('https://example.org/story');
  });

  it('an article URL with a URL in its query is left alone; a non-URL never throws', () => {
    expect(unwrapRedirect('https://example.org/story?url=https://other.org/x')).toBe('https://example.org/story?url=https://other.org/x');
    expect(unwrapRedirect('not a url')).toBe('not a url');
  });

  it('a scheme-relative canonical address is given https', () => {
    expect(meta('<title>T</title><link rel="canonical" href="//www.example.com/2024/03/ferry-twice-a-day">').url).toBe('https://www.example.com/2024/03/ferry-twice-a-day');
    expect(meta('<title>T</title><link rel="canonical" href="http://www.example.com/a">').url).toBe('http://www.example.com/a');
  });

  it('a page whose canonical URL is a redirect gets the article URL', () => {
    const r = cleanText(page('<title>Ferry</title><link rel="canonical" href="https://www.google.com/url?q=https://www.example.org/ferry&sa=U">', `<article><p>${P}</p></article>`), { path: 'p.html' });
    expect(r.metadata.url).toBe('https://www.example.org/ferry');
  });
});
