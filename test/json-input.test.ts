import { describe, expect, it } from 'vitest';
import { cleanText, detectFormat } from '../src/index.js';

const P = 'The council approved the new transport budget on Tuesday after a long debate that lasted well into the evening, officials said.';

describe('JSON article records', () => {
  it('takes metadata from the fields and cleans the body as HTML or text', () => {
    const r = cleanText(JSON.stringify({ article: { title: 'Budget &amp; fares', byline: 'Staff Writer', author: 'Jane Doe', datePublished: '2024-03-05', url: 'https://example.org/a', articleBody: `<p>${P}</p><p>Advertisement</p><p>${P}</p>` } }));
    expect(r.error).toBeNull();
    expect(r.metadata).toMatchObject({ title: 'Budget & fares', author: 'Jane Doe', date: '2024-03-05', url: 'https://example.org/a' });
    expect(r.body).toBe(`${P}\n\n${P}`);
  });
  it("keeps a Markdown body's marks: a reader service's JSON answer (Jina Reader: data.content, data.publishedTime)", () => {
    const content = `# Budget approved\n\nThe council approved the new [transport budget](https://example.org/budget) on Tuesday after a long debate, officials said.\n\n${P}`;
    const r = cleanText(JSON.stringify({ code: 200, status: 20000, data: { title: 'Council budget approved | The Daily Courier', url: 'https://example.org/a', content, publishedTime: '2024-03-05T09:30:00Z' } }));
    expect(r.error).toBeNull();
    expect(r.format).toBe('markdown');
    expect(r.metadata).toMatchObject({ title: 'Council budget approved', publisher: 'The Daily Courier', url: 'https://example.org/a', date: '2024-03-05T09:30:00Z' });
    expect(r.body).toContain('the new [transport budget](https://example.org/budget) on Tuesday');
    expect(r.body).not.toContain('\\[');
  });
  it('refuses JSON that holds no article, instead of cleaning it as prose', () => {
    expect(detectFormat('{"a": 1}')).toBe('json');
    expect(cleanText('{"name": "config", "version": 2}').error?.code).toBe('no-article');
    expect(cleanText('[{"text": "a"}, {"text": "b"}]').error?.message).toMatch(/2 records/);
  });
  it('leaves prose that merely starts with a brace alone', () => {
    expect(detectFormat(`{Editor's note} ${P}`)).toBe('text');
  });
});

describe('records of common scrapers, read with their own fields', () => {
  const P2 = 'Residents of the islands had asked for a second daily crossing for years, saying a single boat left them stranded.';

  it('news-please: maintext, title, authors, date_publish, url, source_domain', () => {
    const rec = {
      authors: ['Ines Calder', 'Tom Reyes'], date_download: '2031-05-03 10:00:00', date_modify: null, date_publish: '2031-05-02 09:45:00',
      description: 'The ferry will run twice a day.', filename: 'x.json', image_url: 'https://example.org/f.jpg', language: 'en',
      localpath: null, source_domain: 'www.example.org', maintext: `${P}\n${P2}`, title: 'Ferry to run twice a day', title_page: null,
      title_rss: null, url: 'https://www.example.org/2031/05/ferry',
    };
    const r = cleanText(JSON.stringify(rec));
    expect(r.error).toBeNull();
    expect(r.metadata).toMatchObject({ title: 'Ferry to run twice a day', author: 'Ines Calder and Tom Reyes', url: 'https://www.example.org/2031/05/ferry', publisher: 'www.example.org', language: 'en' });
    expect(r.metadata.date).toMatch(/^2031-05-02T09:45/);
    expect(r.body).toContain(P2);
    expect(r.body).not.toContain('x.json');
  });

  it('newspaper4k: text, authors, publish_date, top_image, meta_lang; source_url is not the article URL', () => {
    const rec = { url: 'https://www.example.org/2031/05/ferry', source_url: 'https://www.example.org', title: 'Ferry to run twice a day', text: `${P}\n\n${P2}`, authors: ['Ines Calder'], publish_date: '2031-05-02T09:45:00+01:00', top_image: 'https://example.org/f.jpg', meta_lang: 'en', keywords: ['ferry', 'islands'], summary: '' };
    const r = cleanText(JSON.stringify(rec));
    expect(r.error).toBeNull();
    expect(r.metadata).toMatchObject({ title: 'Ferry to run twice a day', author: 'Ines Calder', url: 'https://www.example.org/2031/05/ferry', date: '2031-05-02T09:45:00+01:00' });
    expect(r.body).toBe(`${P}\n\n${P2}`);
  });

  it("trafilatura's JSON: text, author as 'A; B', source (the URL), source-hostname (the outlet); comments left out", () => {
    const rec = { title: 'Ferry to run twice a day', author: 'Ines Calder; Tom Reyes', hostname: 'example.org', date: '2031-05-02', fingerprint: 'abc', id: null, license: null, comments: 'Great news! Reply', raw_text: `${P} ${P2}`, text: `${P}\n${P2}`, language: 'en', image: null, pagetype: 'article', filedate: '2031-05-04', source: 'https://www.example.org/2031/05/ferry', 'source-hostname': 'Harbour Gazette', excerpt: 'The ferry will run twice a day.', categories: '', tags: 'ferry;islands' };
    const r = cleanText(JSON.stringify(rec));
    expect(r.error).toBeNull();
    expect(r.metadata).toMatchObject({ title: 'Ferry to run twice a day', author: 'Ines Calder and Tom Reyes', url: 'https://www.example.org/2031/05/ferry', publisher: 'Harbour Gazette', date: '2031-05-02' });
    expect(r.metadata.source).toBeUndefined();
    expect(r.body).toContain(P2);
    expect(r.body).not.toContain('Great news');
  });

  it('an unrecognised JSON record is still refused with its reason', () => {
    const r = cleanText(JSON.stringify({ maintext_length: 3, status: 'ok', items: 2 }));
    expect(r.error?.code).toBe('no-article');
    expect(r.error?.message).toMatch(/JSON without an article body/);
  });
});
