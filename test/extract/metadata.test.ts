import { describe, expect, it } from 'vitest';
import { parseDocument } from 'htmlparser2';
import { normalizeDate, normalizeLanguage, readPageMetadata } from '../../src/metadata/html-meta.js';
import { stripSiteSegments } from '../../src/metadata/site-names.js';
import { page } from './helpers.js';

describe('readPageMetadata from JSON-LD and Open Graph', () => {
  const md = readPageMetadata(page('metadata-jsonld-og.html'));

  it('reads every field', () => {
    expect(md.title).toBe('Port strike ends after twelve days – talks continue');
    expect(md.authors).toEqual(['Tomasz Nowak', 'Aisha Bello']);
    expect(md.author).toBe('Tomasz Nowak, Aisha Bello');
    expect(md.source).toBe('Reuters');
    expect(md.date).toBe('2031-05-02T18:45:00+01:00');
    expect(md.modified).toBe('2031-05-03T08:10:00+01:00');
    expect(md.publisher).toBe('Harbour Gazette');
    expect(md.url).toBe('https://harbourgazette.example/business/port-strike-ends');
    expect(md.section).toBe('Business');
    expect(md.tags).toEqual(['Eastport', 'Strikes', 'Shipping']);
    expect(md.language).toBe('en-GB');
    expect(md.image).toBe('https://harbourgazette.example/img/port.jpg');
    expect(md.description).toBe('Dock workers at Eastport return on Monday after a deal on night-shift pay.');
    expect(md.charset).toBe('iso-8859-1');
  });

  it('reads the news page fixture from meta tags and markup', () => {
    const m = readPageMetadata(page('news-with-chrome.html'));
    expect(m.title).toBe('Harbour council approves tidal barrier plan');
    expect(m.publisher).toBe('The Coastline Courier');
    expect(m.author).toBe('Jane Marlow');
    expect(m.date).toBe('2031-03-14T09:30:00+00:00');
    expect(m.url).toBe('https://www.coastlinecourier.example/news/2031/harbour-barrier');
    expect(m.language).toBe('en-GB');
  });
});

describe('readPageMetadata fallbacks', () => {
  const read = (head: string, body = '') => readPageMetadata(parseDocument(`<html><head>${head}</head><body>${body}</body></html>`));

  it('uses <title> without the site name, and decodes entities once more when double-escaped', () => {
    expect(read('<title>Ferry fares frozen for 2031 - Isle Post</title><meta property="og:site_name" content="Isle Post">').title).toBe('Ferry fares frozen for 2031');
    expect(read('<title>Ferry fares frozen | isle-post.example</title>').title).toBe('Ferry fares frozen');
    expect(read('<title>Isle Post — Ferry fares frozen</title><meta property="og:site_name" content="Isle Post">').title).toBe('Ferry fares frozen');
    expect(read('<title>What&amp;#8217;s next for the pier</title>').title).toBe('What’s next for the pier');
    // a dash inside a headline is not a site name
    expect(read('<title>Kerry: US - Russia talks go on</title>').title).toBe('Kerry: US - Russia talks go on');
  });

  it('tolerates invalid JSON-LD and reads arrays of objects', () => {
    const m = read(
      '<script type="application/ld+json">{"@type": "NewsArticle", "headline": broken</script>' +
        '<script type="application/ld+json">[{"@type":"BreadcrumbList"},{"@type":"BlogPosting","headline":"Garden notes","author":"admin","datePublished":"2031-06-01"}]</script>',
    );
    expect(m.title).toBe('Garden notes');
    expect(m.author).toBeUndefined();
    expect(m.date).toBe('2031-06-01');
  });

  it('does not take placeholders for authors', () => {
    for (const name of ['Staff Writer', 'admin', 'Web Desk', 'News Desk', 'Editorial Team', 'Staff']) {
      expect(read(`<meta name="author" content="${name}">`).author, name).toBeUndefined();
    }
    expect(read('<meta name="author" content="Maria Lopez">').author).toBe('Maria Lopez');
  });

  it('reads bylines, <time> and <html lang> from the markup', () => {
    const m = readPageMetadata(
      parseDocument(
        '<html lang="pt-br"><head><title>x</title></head><body><article><p class="byline">By Ana Souza and Rui Costa</p>' +
          '<time datetime="2031-01-05T07:00">5 Jan</time><p>Text.</p></article>' +
          '<div id="comments"><span class="author">commenter99</span></div></body></html>',
      ),
    );
    expect(m.authors).toEqual(['Ana Souza', 'Rui Costa']);
    expect(m.date).toBe('2031-01-05T07:00:00');
    expect(m.language).toBe('pt-BR');
  });

  it('never throws', () => {
    for (const html of ['', '<meta>', '<script type="application/ld+json">null</script>', '<script type="application/ld+json">"x"</script>', '<title></title>']) {
      expect(() => readPageMetadata(parseDocument(html))).not.toThrow();
    }
  });
});

describe('normalizeDate', () => {
  it('keeps the offset the source gives and invents none', () => {
    expect(normalizeDate('2019-11-18T10:30:00Z')).toBe('2019-11-18T10:30:00Z');
    expect(normalizeDate('2019-11-18T10:30:00.123-05:00')).toBe('2019-11-18T10:30:00-05:00');
    expect(normalizeDate('2019-11-18T10:30:00+0530')).toBe('2019-11-18T10:30:00+05:30');
    expect(normalizeDate('2019-11-18 10:30')).toBe('2019-11-18T10:30:00');
    expect(normalizeDate('2019-11-18')).toBe('2019-11-18');
    expect(normalizeDate('20191118')).toBe('2019-11-18');
  });

  it('reads written-out dates', () => {
    expect(normalizeDate('Mon, 18 Nov 2019 10:30:00 GMT')).toBe('2019-11-18T10:30:00Z');
    expect(normalizeDate('November 18, 2019')).toBe('2019-11-18');
    expect(normalizeDate('Nov. 18, 2019 10:30 PM EST')).toBe('2019-11-18T22:30:00-05:00');
    expect(normalizeDate('18 November 2019')).toBe('2019-11-18');
    expect(normalizeDate('Monday, November 18, 2019')).toBe('2019-11-18');
  });

  it('rejects what is not a date', () => {
    for (const s of ['', 'yesterday', '2019-13-01', '99/99/9999', 'Nov 45, 2019', '1234', 'x'.repeat(500)]) {
      expect(normalizeDate(s), s).toBeUndefined();
    }
  });
});

describe('helpers', () => {
  it('stripSiteSegments only removes site names', () => {
    expect(stripSiteSegments('Budget passes | The Daily Tide', { sites: ['The Daily Tide'] })).toBe('Budget passes');
    expect(stripSiteSegments('Budget passes - Daily Tide', { host: 'www.dailytide.example' })).toBe('Budget passes');
    expect(stripSiteSegments('Budget passes - and taxes rise', { sites: ['The Daily Tide'] })).toBe('Budget passes - and taxes rise');
  });

  it('normalizeLanguage gives BCP 47 tags', () => {
    expect(normalizeLanguage('en_us')).toBe('en-US');
    expect(normalizeLanguage('zh-hant-tw')).toBe('zh-Hant-TW');
    expect(normalizeLanguage('not a language')).toBeUndefined();
  });
});

describe('an outlet named beside the writer in a byline', () => {
  const page = (byline: string, site = '') =>
    parseDocument(
      `<!DOCTYPE html><html><head><title>Harbour reopens</title>${site}</head><body><article><h1>Harbour reopens</h1><p class="byline">${byline}</p><p>${'The harbour reopened on Monday after repairs that took most of the year. '.repeat(6)}</p></article></body></html>`,
    );

  it('is no second author: the writer is the author and, where the page names no publisher, the outlet is the publisher', () => {
    const comma = readPageMetadata(page('By Jane Doe, Island Times'));
    expect(comma.author).toBe('Jane Doe');
    expect(comma.publisher).toBe('Island Times');
    const dash = readPageMetadata(page('By Jane Doe - Island Times'));
    expect(dash.author).toBe('Jane Doe');
    expect(dash.publisher).toBe('Island Times');
    const wroteFor = readPageMetadata(page('By Jane Doe for The Island Times'));
    expect(wroteFor.author).toBe('Jane Doe');
    expect(wroteFor.publisher).toBe('The Island Times');
    // the page's own publisher stays the publisher
    const own = readPageMetadata(page('By Jane Doe, Island Times', '<meta property="og:site_name" content="Harbour Gazette">'));
    expect(own.author).toBe('Jane Doe');
    expect(own.publisher).toBe('Harbour Gazette');
  });

  it('keeps co-authors, a hyphenated name and a role line as before', () => {
    expect(readPageMetadata(page('By Jane Doe and John Roe')).author).toBe('Jane Doe, John Roe');
    expect(readPageMetadata(page('By Jean-Luc Marchand')).author).toBe('Jean-Luc Marchand');
    expect(readPageMetadata(page('By Jane Doe, Staff Writer')).author).toBe('Jane Doe');
    const three = readPageMetadata(page('By Jane Doe and John Roe and Ann Poe | Island Times'));
    expect(three.authors).toEqual(['Jane Doe', 'John Roe', 'Ann Poe']);
  });
});
