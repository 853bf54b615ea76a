/**
 * Copies of pages as reader services write them (Jina Reader: "Title:", "URL Source:", "Published Time:", then
 * "Markdown Content:" and the page as Markdown with setext headings), and setext headings in Markdown and text.
 */
import { describe, expect, it } from 'vitest';
import { cleanText } from '../src/index.js';
import { parseMarkdown } from '../src/markdown/parse.js';
import { readReaderText } from '../src/pipeline/reader-text.js';

const PROSE = [
  'The city council approved the new transport budget on Tuesday after a long debate that lasted well into the evening, officials said, and the vote was closer than most members had expected.',
  '',
  'Opponents argued that the plan would raise fares for commuters in the outer districts, while supporters said it was overdue and necessary after a decade in which the network had barely grown.',
  '',
  'The mayor is expected to sign the measure next week, and work on the [first bus lanes](https://news.example/lanes) could begin before the end of the year.',
];

const page = [
  'Title: Council backs Sunday bus lanes in budget vote | The Daily Courier',
  '',
  'URL Source: https://news.example/2024/03/12/bus-lanes',
  '',
  'Published Time: 2024-03-12T09:30:00Z',
  '',
  'Markdown Content:',
  'Council backs Sunday bus lanes in budget vote',
  '=============================================',
  '',
  'By Jane Doe',
  '',
  ...PROSE,
].join('\n');

describe('a reader service\'s copy of a page', () => {
  it('reads the header as metadata and the Markdown under it as the body', () => {
    const r = cleanText(page, { path: 'bus-lanes.md' });
    expect(r.error).toBeNull();
    expect(r.format).toBe('markdown');
    expect(r.metadata).toMatchObject({
      title: 'Council backs Sunday bus lanes in budget vote',
      publisher: 'The Daily Courier',
      url: 'https://news.example/2024/03/12/bus-lanes',
      date: '2024-03-12T09:30:00Z',
      author: 'Jane Doe',
    });
    expect(r.body).not.toMatch(/URL Source|Markdown Content|Published Time|Title:|====/);
    expect(r.body).toContain('work on the [first bus lanes](https://news.example/lanes) could begin');
  });

  it("refuses the copy of an error page with the service's warning as the reason, and keeps a page with another warning", () => {
    const notFound = page.replace('Published Time: 2024-03-12T09:30:00Z', 'Warning: Target URL returned error 404: Not Found');
    const r = cleanText(notFound, { path: 'gone.md' });
    expect(r.error?.code).toBe('no-article');
    expect(r.error?.message).toContain('Target URL returned error 404: Not Found');
    const other = cleanText(page.replace('Published Time: 2024-03-12T09:30:00Z', 'Warning: This page maybe not yet fully loaded, consider explicitly specify a timeout.'));
    expect(other.error).toBeNull();
    expect(other.metadata.title).toBe('Council backs Sunday bus lanes in budget vote');
  });

  it('is only read so with its "URL Source" and "Markdown Content" lines; other texts opening with "Title:" stay as they are', () => {
    expect(readReaderText(page)?.fields).toEqual({
      Title: 'Council backs Sunday bus lanes in budget vote | The Daily Courier',
      'URL Source': 'https://news.example/2024/03/12/bus-lanes',
      'Published Time': '2024-03-12T09:30:00Z',
    });
    expect(readReaderText(page.replace('URL Source: https://news.example/2024/03/12/bus-lanes\n', ''))).toBeNull();
    expect(readReaderText(page.replace('Markdown Content:', 'Content follows below.'))).toBeNull();
    expect(readReaderText(`Title: Minutes of the meeting\n\n${PROSE.join('\n')}`)).toBeNull();
  });
});

describe('setext headings', () => {
  it('in Markdown: a paragraph over `===` is a heading of level 1, over `---` of level 2', () => {
    const blocks = parseMarkdown('Council backs bus lanes\n=======\n\nThe vote\n---\n\nText of the article.', 'markdown');
    expect(blocks).toEqual([
      { type: 'heading', level: 1, text: 'Council backs bus lanes' },
      { type: 'heading', level: 2, text: 'The vote' },
      { type: 'paragraph', text: 'Text of the article.' },
    ]);
  });

  it('in plain text: one line underlined about its length; a run of `=` alone is a rule', () => {
    expect(parseMarkdown('Council backs bus lanes\n=======================\n\nText.', 'text')[0]).toEqual({ type: 'heading', level: 1, text: 'Council backs bus lanes' });
    expect(parseMarkdown('==========\n\nText.', 'text')[0]).toEqual({ type: 'rule' });
    // an underline far shorter than the line is no heading's
    const short = parseMarkdown('The council approved the new transport budget on Tuesday evening\n---', 'text');
    expect(short.some((b) => b.type === 'heading')).toBe(false);
  });
});
