/**
 * Sentences broken at their inline elements (src/model/inline-splits.ts): a page's text nodes one to a line, as
 * scrapers write them, joined back into sentences before the line model reads them; other texts left as they are.
 */
import { describe, expect, it } from 'vitest';
import { cleanText } from '../src/index.js';
import { joinInlineSplits } from '../src/model/inline-splits.js';
import { ARTICLE } from './helpers/article.js';

const MENU = ['Home', 'News', 'Sport', 'Business', 'Culture', 'Weather', 'Opinion', 'Travel'];

/** A page as its text nodes: menu items, a headline, and an article whose links break its sentences. */
function textNodes(): string {
  return [
    'The Daily Courier',
    ...MENU,
    'Council backs Sunday bus lanes in budget vote',
    'By',
    'Jane Doe',
    'March 12, 2024',
    'The city council approved the new',
    'transport budget',
    'on Tuesday after a long debate that lasted well into the evening, officials said, and the vote was closer than most members had expected when the session opened in the morning, with several amendments on fares, routes and the timetable for the works still to be settled before the final reading.',
    'Opponents argued that the plan would raise fares for commuters in the',
    'outer districts',
    ', while supporters said it was overdue and necessary after a decade in which the network had barely grown at all.',
    'The mayor is expected to sign the measure next week, and work on the first bus lanes could begin before the end of the year, the',
    'council said',
    'in a statement released after the vote.',
    '"We have waited long enough for this," said one resident who had come to watch the debate from the public gallery of the',
    'City Hall',
    '. "Now the work has to start, and it has to start where people need it most."',
    'The budget also sets aside money for new cycle paths along the river and for repairs to two of the oldest bridges in the city, which the',
    'Courier',
    "'s engineers have warned are close to the end of their working lives.",
    'Share this article',
    'Facebook',
    'Twitter',
    '© 2024 The Daily Courier. All rights reserved.',
  ].join('\n');
}

describe('sentences broken at their inline elements', () => {
  it('joins the pieces, and the cleaner keeps the whole sentences', () => {
    const joined = joinInlineSplits(textNodes());
    expect(joined).not.toBeNull();
    expect(joined).toContain('Opponents argued that the plan would raise fares for commuters in the outer districts, while supporters said');
    expect(joined).toContain('public gallery of the City Hall. "Now the work');
    expect(joined).toContain("which the Courier's engineers");
    // menu items and the headline stay lines of their own
    expect(joined).toContain('\nHome\nNews\n');
    expect(joined).toContain('\nCouncil backs Sunday bus lanes in budget vote\n');
    const r = cleanText(textNodes(), { path: 'a.txt' });
    expect(r.body).toContain('The city council approved the new transport budget on Tuesday after a long debate');
    expect(r.body).toContain('the public gallery of the City Hall. "Now the work has to start');
    expect(r.body).toContain('commuters in the outer districts, while supporters said it was overdue');
    expect(r.body).toContain('the end of the year, the council said in a statement released after the vote.');
    expect(r.body).not.toContain('Facebook');
  });

  it('leaves a hard-wrapped text alone, however its lines start', () => {
    const wrapped = [...ARTICLE, '', ', a line a browser broke before its comma', '', '. and another', '', '. and a third'].join('\n');
    expect(joinInlineSplits(wrapped)).toBeNull();
  });

  it('leaves a text without broken sentences alone', () => {
    const lines = ARTICLE.filter(Boolean);
    const paragraphs: string[] = [];
    for (let i = 0; i < lines.length; i += 2) paragraphs.push(`${lines[i]} ${lines[i + 1] ?? ''}`.trim());
    expect(joinInlineSplits([...MENU, ...paragraphs].join('\n'))).toBeNull();
  });
});
