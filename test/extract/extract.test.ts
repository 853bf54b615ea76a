import { describe, expect, it } from 'vitest';
import { parseDocument } from 'htmlparser2';
import { extractArticle, isWholePage, pageText } from '../../src/extract/index.js';
import { countNodes, findAll, page } from './helpers.js';

describe('extractArticle on a news page with chrome', () => {
  const doc = page('news-with-chrome.html');
  const nodesBefore = countNodes(doc);
  const result = extractArticle(doc);
  const text = result.root ? pageText(result.root) : '';

  it('finds the article', () => {
    expect(result.status).toBe('ok');
    expect(result.reason).toBeUndefined();
    expect(result.root).not.toBeNull();
    expect(result.attempts).toBeGreaterThanOrEqual(1);
  });

  it('keeps the article paragraphs in order', () => {
    const lead = text.indexOf('Councillors in Westmere voted on Tuesday evening');
    const second = text.indexOf('The scheme, estimated at 48 million pounds');
    const last = text.indexOf('Construction is expected to begin next spring');
    expect(lead).toBeGreaterThanOrEqual(0);
    expect(second).toBeGreaterThan(lead);
    expect(last).toBeGreaterThan(second);
    expect(text).toContain('Supporters packed the public gallery');
    expect(text).toContain('“We cannot keep asking families to sandbag their front doors every winter.”');
  });

  it('keeps the subhead, the list, the block quote and the in-article link', () => {
    const root = result.root!;
    expect(findAll(root, 'h2').map((h) => pageText(h))).toEqual(['How the barrier will work']);
    const items = findAll(root, 'li').map((li) => pageText(li));
    expect(items).toEqual([
      'Two steel gates, each 40 metres wide, resting on the harbour floor when open',
      'A control building on the north pier, staffed around the clock in winter',
      'A new lock for fishing boats so that traffic can continue during closures',
    ]);
    expect(findAll(root, 'blockquote')).toHaveLength(1);
    const links = findAll(root, 'a');
    expect(links.map((a) => [a.attribs['href'], pageText(a)])).toEqual([
      ['https://www.environment-agency.example/reports/westmere', 'regional environment agency'],
    ]);
  });

  it('drops the chrome: cookie banner, navigation, headline, byline, caption, share bar, ads, related, comments, newsletter, footer', () => {
    for (const chrome of [
      'We use cookies',
      'Manage preferences',
      'Opinion',
      'Home › News',
      'Harbour council approves tidal barrier plan',
      'Jane Marlow',
      '14 March 2031',
      'Photo: Sam Okafor',
      'Facebook',
      'Advertisement',
      'Related stories',
      'Flood defences delayed again',
      'harbourwatcher',
      'My cellar has flooded',
      'morning briefing',
      'All rights reserved',
      'Privacy policy',
    ]) {
      expect(text, chrome).not.toContain(chrome);
    }
  });

  it('says what it removed and why', () => {
    const whats = result.removed.map((r) => r.what).join('\n');
    expect(whats).toMatch(/cookie banner/);
    expect(whats).toMatch(/comments/);
    expect(whats).toMatch(/advertisement/);
    const cookie = result.removed.find((r) => r.what.includes('cookie'));
    expect(cookie?.text).toContain('We use cookies');
    for (const r of result.removed) expect(r.text.length).toBeLessThanOrEqual(100);
  });

  it('returns a new detached element and leaves the document as it was', () => {
    const root = result.root!;
    expect(root.name).toBe('article');
    expect(root.parent).toBeNull();
    expect(countNodes(doc)).toBe(nodesBefore);
    const docParagraphs = findAll(doc, 'p');
    for (const p of findAll(root, 'p')) expect(docParagraphs).not.toContain(p);
  });

  it('sees a whole page', () => {
    expect(isWholePage(doc)).toBe(true);
  });
});

describe('extractArticle removes headline, byline, date and captions inside the container', () => {
  const html = `<!DOCTYPE html><html><head><title>Night ferry timetable changes - Isle Post</title></head><body>
    <nav><a href="/">Home</a> <a href="/news">News</a> <a href="/sport">Sport</a></nav>
    <div class="post">
      <h1>Night ferry timetable changes</h1>
      <div class="post-meta">By Owen Price · <time datetime="2031-02-01">1 February 2031</time></div>
      <p>The last ferry to the mainland will leave at 22:40 from next month, twenty minutes later than now, the operator said on Friday.</p>
      <figure><img src="/f.jpg"><figcaption>The ferry terminal at dusk.</figcaption></figure>
      <p>The change follows a survey in which most island residents said they wanted a later crossing on weekdays, especially in the summer.</p>
      <h2>Fares stay the same</h2>
      <p>Fares will not change this year, though the operator warned that fuel costs could force a review in the autumn.</p>
    </div>
    <footer><a href="/about">About</a></footer></body></html>`;
  const r = extractArticle(parseDocument(html));
  const text = r.root ? pageText(r.root) : '';

  it('keeps the body and the subhead', () => {
    expect(r.status).toBe('ok');
    expect(text.startsWith('The last ferry to the mainland')).toBe(true);
    expect(text).toContain('Fares stay the same');
    expect(text).toContain('fuel costs could force a review');
  });

  it('drops headline, byline, date and caption, and reports them', () => {
    expect(text).not.toContain('Night ferry timetable changes');
    expect(text).not.toContain('Owen Price');
    expect(text).not.toContain('1 February 2031');
    expect(text).not.toContain('ferry terminal at dusk');
    const whats = r.removed.map((x) => x.what);
    expect(whats).toContain('headline');
    expect(whats).toContain('caption');
  });
});

describe('extractArticle keeps dates and names inside sentences', () => {
  it('an inline <time> and an author link in prose stay', () => {
    const html = `<html><head><title>Vote</title></head><body><nav><a href="/">Home</a> <a href="/n">News</a></nav><div class="body">
      <p>The vote on <time datetime="2031-04-01">Tuesday</time> was closer than expected, with the motion passing by a single vote after a long debate about the budget.</p>
      <p>In a column last year, <a rel="author" href="/a/kim">Dana Kim</a> argued that the town could not afford the scheme, a view shared by several councillors at the meeting.</p>
    </div></body></html>`;
    const r = extractArticle(parseDocument(html));
    const text = pageText(r.root!);
    expect(text).toContain('The vote on Tuesday was closer');
    expect(text).toContain('In a column last year, Dana Kim argued');
  });
});

describe('extractArticle falls back to the JSON-LD articleBody', () => {
  const shell = (body: string) => `<html><head><title>Tram line opens</title>
    <script type="application/ld+json">${JSON.stringify({ '@type': 'NewsArticle', headline: 'Tram line opens', articleBody: body })}</script></head>
    <body><nav><a href="/">Home</a> <a href="/news">News</a> <a href="/sport">Sport</a></nav><div id="app"></div><noscript>Please enable JavaScript to use this site.</noscript></body></html>`;
  const body =
    'The first trams ran on the new east line on Saturday morning, carrying more than 4,000 passengers before noon.\n' +
    'The line links the station with the hospital and the university in eleven minutes, half the time of the bus it replaces.\n' +
    'Services will run every six minutes at peak times, the operator said, and every ten minutes in the evening.\n' +
    'Shops along the route reported a busy day, and the council said it would publish the first passenger figures next month.';

  it('when the markup holds no article (a page built by scripts)', () => {
    const r = extractArticle(parseDocument(shell(body)));
    expect(r.status).toBe('ok');
    expect(pageText(r.root!)).toBe(body.replace(/\n/g, '\n\n'));
    expect(r.removed[0]!.what).toMatch(/JSON-LD/);
  });

  it('but not when the JSON-LD body is cut short', () => {
    const r = extractArticle(parseDocument(shell(body.slice(0, 300) + '…')));
    expect(r.status).toBe('no-article');
  });
});

describe('extractArticle says no-article', () => {
  it('for an index page of headlines', () => {
    const r = extractArticle(page('index-page.html'));
    expect(r.status).toBe('no-article');
    expect(r.root).toBeNull();
    expect(r.reason).toMatch(/index page|linked headlines|too little text/);
  });

  it('for an error page', () => {
    const r = extractArticle(page('error-404.html'));
    expect(r.status).toBe('no-article');
    expect(r.reason).toMatch(/error page/);
  });

  it('but not for a short story whose headline starts with a number', () => {
    const html = `<html><head><title>500 jobs cut at car plant | Valley News</title></head><body><nav><a href="/">Home</a> <a href="/n">News</a></nav>
      <h1>500 jobs cut at car plant</h1><div class="story"><p>The carmaker said on Monday it would cut 500 jobs at its plant outside the town, blaming falling demand for diesel engines in Europe.</p>
      <p>Unions said they would fight the cuts and called a meeting for Thursday.</p><p>The plant has built engines since 1978.</p></div></body></html>`;
    const r = extractArticle(parseDocument(html));
    expect(r.status).toBe('ok');
    expect(pageText(r.root!)).toContain('Unions said they would fight the cuts');
  });

  it('for a paywall stub', () => {
    const r = extractArticle(page('paywall-stub.html'));
    expect(r.status).toBe('no-article');
    expect(r.reason).toMatch(/paywall/);
  });

  it('for a page of menus', () => {
    const links = Array.from({ length: 60 }, (_, i) => `<li><a href="/section/${i}">Section number ${i}</a></li>`).join('');
    const r = extractArticle(parseDocument(`<html><head><title>Site map</title></head><body><nav><ul>${links}</ul></nav><div class="menu"><ul>${links}</ul></div></body></html>`));
    expect(r.status).toBe('no-article');
  });

  it('for a page shorter than minChars; a one-sentence item is an article by default', () => {
    const html = '<html><head><title>Note</title></head><body><nav><a href="/">Home</a></nav><div><p>The meeting is moved to Thursday at noon, in room four.</p></div></body></html>';
    expect(extractArticle(parseDocument(html), { minChars: 100 }).status).toBe('no-article');
    expect(extractArticle(parseDocument(html), { minChars: 100 }).reason).toMatch(/too little text/);
    const r = extractArticle(parseDocument(html));
    expect(r.status).toBe('ok');
    expect(pageText(r.root!)).toBe('The meeting is moved to Thursday at noon, in room four.');
  });
});

describe('isWholePage', () => {
  it('is false for a fragment of paragraphs', () => {
    expect(isWholePage(parseDocument('<p>First paragraph of a story.</p><p>Second paragraph, with a <a href="https://example.org">link</a>.</p>'))).toBe(false);
  });

  it('is false for a WordPress export body', () => {
    const wp = `<!-- wp:paragraph --><p>Ministers met on Monday to discuss the budget.</p><!-- /wp:paragraph -->
      [caption id="attachment_12" align="alignnone" width="300"]<img src="a.jpg"> A caption[/caption]
      <!-- wp:heading --><h2>Next steps</h2><!-- /wp:heading --><!-- wp:paragraph --><p>A vote is expected next week.</p><!-- /wp:paragraph -->`;
    expect(isWholePage(parseDocument(wp))).toBe(false);
  });

  it('is false for a bare html/body wrapper around paragraphs', () => {
    expect(isWholePage(parseDocument('<html><body><p>One.</p><p>Two.</p></body></html>'))).toBe(false);
  });

  it('is true for saved pages, even without the outer tags', () => {
    expect(isWholePage(page('index-page.html'))).toBe(true);
    const links = Array.from({ length: 40 }, (_, i) => `<a href="/p/${i}">Item ${i}</a>`).join(' ');
    expect(isWholePage(parseDocument(`<header><nav>${links}</nav></header><article><p>Body text.</p></article><footer>Footer</footer>`))).toBe(true);
  });
});

describe('never throws', () => {
  const inputs = [
    '',
    'just text',
    '<!-- only a comment -->',
    '<!DOCTYPE html>',
    '<html><head></head><body></body></html>',
    '<script>var a = "<p>not text</p>";</script>',
    '<table><tr><td>1</td><td>2</td></tr></table>',
    '<div hidden><p>' + 'hidden text '.repeat(100) + '</p></div>',
    '<p>' + '<b>x'.repeat(3000),
    '<a href="http://[bad">x</a><p style="display:none">y</p>',
  ];
  for (const html of inputs) {
    it(JSON.stringify(html.slice(0, 40)), () => {
      const doc = parseDocument(html);
      expect(() => isWholePage(doc)).not.toThrow();
      const r = extractArticle(doc);
      expect(['ok', 'no-article']).toContain(r.status);
      if (r.root) expect(typeof pageText(r.root)).toBe('string');
    });
  }
});
