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
    // a plural's possessive: the apostrophe goes on the name without a space
    const plural = joinInlineSplits(`${textNodes()}\nFans of the\nBrewers\n' home games will pay less for the buses from next spring, the club said.`);
    expect(plural).toContain("Fans of the Brewers' home games will pay less");
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

  it('joins a sentence that goes on in small letters after a link, with no mark at the break', () => {
    const text = [
      'The Daily Courier',
      ...MENU,
      'Leaders agree on a plan for the river ports',
      'The prime minister met',
      'Angela Merkel',
      'and the leaders of three other countries at the summit on Friday, where the talks ran late into the night and the last points of the text were settled only after the ministers of finance had been called back to the table, aides said.',
      'The plan was first put forward by',
      'Transport Europe',
      'in a report last spring that found the ports had lost a third of their traffic in ten years.',
      'Officials from',
      'Rotterdam and Antwerp',
      'were also in the room when the final text was agreed, according to two people who were there.',
      'Work on the first two ports is to start next year.',
      'The money comes from the budget that the ministers set aside in the spring, when the plan was still only a draft and several of the countries around the table had not yet said whether they would take part in it at all, or on what terms.',
      'Share this article',
      '© 2024 The Daily Courier. All rights reserved.',
    ].join('\n');
    const joined = joinInlineSplits(text);
    expect(joined).toContain('The prime minister met Angela Merkel and the leaders of three other countries');
    expect(joined).toContain('Officials from Rotterdam and Antwerp were also in the room');
    expect(joined).toContain('\nHome\nNews\n');
    expect(cleanText(text, { path: 'a.txt' }).body).toContain('put forward by Transport Europe in a report last spring');
  });

  it('leaves a narrow hard-wrapped column alone, its short lines going on in small letters', () => {
    // a layout table's narrow cell wrapped at 48 columns (long words leave some lines short), beside a few lines of a
    // wider column: its long lines do not bunch under one width, and it has short lines that end no sentence with
    // small-letter lines after them — but every such break is a wrap's (the next word would not have fitted)
    const prose =
      'The city said on Monday that the plan for the new bus lanes in the old town would go to a vote of the full council next month, ' +
      'and that the mayor and his aides had met the heads of the two big bus firms to talk about the fares and the timetable. ' +
      'Representatives of neighbourhood associations, notwithstanding extraordinarily comprehensive assurances, said that the work would cut them off from the shops for a year. ' +
      'The firms said that they were ready to run more buses on the main lines as soon as the lanes were open, and that the cost would be met from the fares. ' +
      'Telecommunications infrastructure improvements, characteristically underestimated, were put off to next year by the same vote, and the council said that it would look at them again in the spring. ' +
      'The mayor said that he was sure the plan would pass, and that the first lanes could be open in time for the summer.';
    const lines: string[] = [];
    let line = '';
    for (const w of prose.split(' ')) {
      if (line && line.length + 1 + w.length > 48) {
        lines.push(line);
        line = w;
      } else line = line ? `${line} ${w}` : w;
    }
    lines.push(line);
    const wide = (s: string) => `${s} from the editors on how the paper covers the city council and its committees every week`;
    const text = [...MENU, wide('A note'), wide('Another note'), ...lines, wide('A third note'), '', ...lines].join('\n');
    expect(joinInlineSplits(text)).toBeNull();
  });

  it('reads a text with lines far longer than any wrap as not hard-wrapped, however they bunch', () => {
    // teasers cut at one length (300 characters) under the article: bunched, but no wrap is 300 columns wide
    const teaser = (n: number) => `Teaser ${n}: ${'the council will meet again next month to settle the fares and the timetable for the works '.repeat(4)}`.slice(0, 300);
    const text = [textNodes(), ...Array.from({ length: 12 }, (_, n) => teaser(n))].join('\n');
    expect(joinInlineSplits(text)).toContain('commuters in the outer districts, while supporters said');
  });
});

