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
  it('refuses JSON that holds no article, instead of cleaning it as prose', () => {
    expect(detectFormat('{"a": 1}')).toBe('json');
    expect(cleanText('{"name": "config", "version": 2}').error?.code).toBe('no-article');
    expect(cleanText('[{"text": "a"}, {"text": "b"}]').error?.message).toMatch(/2 records/);
  });
  it('leaves prose that merely starts with a brace alone', () => {
    expect(detectFormat(`{Editor's note} ${P}`)).toBe('text');
  });
});
