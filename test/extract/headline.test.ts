/**
 * The headline the block model measures its blocks from (findHeadline): a heading that is the page title, never a
 * heading that is only a link to the site's front page (a blog's name).
 */
import { describe, expect, it } from 'vitest';
import { parseDocument } from 'htmlparser2';
import { analyze } from '../../src/extract/analyze.js';
import { findHeadline } from '../../src/extract/model.js';
import { titleKeys } from '../../src/extract/signals.js';
import { shortText } from '../../src/extract/text.js';

function headlineOf(html: string): string | null {
  const a = analyze(parseDocument(html));
  const h = findHeadline(a, titleKeys(a.head.titles));
  return h < 0 ? null : shortText(a.els[h]!, 400);
}

const POST = '<div class="post"><h3><a href="/2012/10/ferry.html">Ferry to run twice a day</a></h3><p>The ferry will run twice a day from next month, the operator said.</p></div>';

describe('findHeadline', () => {
  it('passes over a blog name that links to the front page when the title names both', () => {
    const html = `<html><head><title>Notes from the Harbour Wall | Ferry to run twice a day</title></head><body>
      <h1><a href="http://notes.example/">Notes from the Harbour Wall</a></h1>${POST}</body></html>`;
    expect(headlineOf(html)).toBe('Ferry to run twice a day');
  });

  it('does not fall back to an <h1> that is only a link home', () => {
    const html = `<html><head><title>Ferry news</title></head><body><h1><a href="/">Notes from the Harbour Wall</a></h1>
      <div class="post"><h3>Timetable</h3><p>The ferry will run twice a day from next month.</p></div></body></html>`;
    expect(headlineOf(html)).toBeNull();
  });

  it('keeps a headline that links to the story itself, and a blog name when nothing else matches', () => {
    const own = `<html><head><title>Ferry to run twice a day</title></head><body><h1><a href="/news/ferry-twice-a-day">Ferry to run twice a day</a></h1></body></html>`;
    expect(headlineOf(own)).toBe('Ferry to run twice a day');
    const only = `<html><head><title>Notes from the Harbour Wall</title></head><body><h1><a href="/">Notes from the Harbour Wall</a></h1><p>Text.</p></body></html>`;
    expect(headlineOf(only)).toBe('Notes from the Harbour Wall');
  });
});
