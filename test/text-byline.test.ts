/**
 * The byline and the date of a page rendered as plain text (src/model/byline.ts, through NC004): each shape of
 * byline and date line around the headline of a small article, and what is not a byline — a section label by the
 * headline, a name in the article's prose, an update's date.
 */
import { describe, expect, it } from 'vitest';
import { cleanText } from '../src/index.js';
import { personName } from '../src/metadata/names.js';
import { englishMonths } from '../src/metadata/dates.js';
import { bylineNames, publishedDateIn } from '../src/model/byline.js';
import { ARTICLE, siteFooter } from './helpers/article.js';

const NAV = ['Home', 'News', 'Sport', 'Business', 'Culture', 'Weather', 'Opinion', 'Travel'];
const HEADLINE = 'Council backs Sunday bus lanes in budget vote';

/** A page as lynx shows it: menus, the header lines given, the headline, more header lines, the article, a footer. */
function page(above: string[], below: string[], article: string[] = ARTICLE): string {
  return [
    'Skip to main content',
    '',
    ...NAV.map((n) => `     * ${n}`),
    '',
    '   [logo.png]',
    '   Search ____________________ [Go]',
    '',
    ...above.map((l) => (l ? `   ${l}` : l)),
    '',
    HEADLINE,
    '',
    ...below.map((l) => (l ? `   ${l}` : l)),
    '',
    ...article.map((l) => (l ? `   ${l}` : l)),
    '',
    ...siteFooter('     * '),
  ].join('\n');
}

function clean(text: string) {
  const r = cleanText(text, { path: 'page.txt' });
  expect(r.error).toBeNull();
  expect(r.metadata.title).toBe(HEADLINE);
  return r;
}

/** The body keeps the article and loses the line, recorded as moved by NC004. */
function movedOut(r: ReturnType<typeof cleanText>, line: string, key: 'author' | 'date'): void {
  expect(r.body).toContain('cycle paths along the river');
  expect(r.body).not.toContain(line);
  expect(r.removed.some((x) => x.id === 'NC004' && x.action === `moved to metadata.${key}` && x.text.includes(line))).toBe(true);
}

describe('bylines around the headline', () => {
  it('a section label above the headline is not the author; the "By" line under it is', () => {
    const r = clean(page(['Middle East'], ['By Jane Doe March 18 at 3:57 PM Follow @janedoe']));
    expect(r.metadata.author).toBe('Jane Doe');
    // no year on the line: no date is made up
    expect(r.metadata.date).toBeUndefined();
    movedOut(r, 'By Jane Doe March 18', 'author');
  });

  it('a column name beside the headline is no person: a word of it is written in lower case in the document', () => {
    const article = [...ARTICLE, '', 'Residents said the free service would change the future of the district.'];
    const r = clean(page(['Free Future'], ['Written by Jane Doe'], article));
    expect(r.metadata.author).toBe('Jane Doe');
  });

  it('"Name - date" under the headline: the author and the date', () => {
    const r = clean(page([], ['Jane Doe - Apr 16, 2015 8:02 pm UTC']));
    expect(r.metadata.author).toBe('Jane Doe');
    expect(r.metadata.date).toBe('2015-04-16T20:02Z');
    movedOut(r, 'Jane Doe - Apr 16, 2015', 'author');
  });

  it('a name over a date and reading-time line above the headline', () => {
    const r = clean(page(['Jane Doe', '(BUTTON) Follow', 'Oct 18, 2019 · 8 min read', '(BUTTON) Share', 'Sign in / Sign up'], []));
    expect(r.metadata.author).toBe('Jane Doe');
    expect(r.metadata.date).toBe('2019-10-18');
  });

  it('a name over its role line ("Games Editor")', () => {
    const r = clean(
      page([], [
        'Tech Insider',
        '',
        'Transport officials say the first lanes could open within a year',
        '',
        '[bus-lane.jpg]',
        'A bus lane in the city centre.',
        '',
        'Jane Doe',
        'Games Editor',
        'October 13, 2016',
      ]),
    );
    expect(r.metadata.author).toBe('Jane Doe');
    expect(r.metadata.date).toBe('2016-10-13');
  });

  it('an all-caps byline with its date glued: the name without the month', () => {
    const r = clean(page([], ['By JANE DOE JAN. 13, 2017']));
    expect(r.metadata.author).toBe('JANE DOE');
    expect(r.metadata.date).toBe('2017-01-13');
  });

  it.each([
    ['Posted by Jane Doe, Software Engineer, Google Maps', 'Jane Doe'],
    ['Posted by Jane Doe, New Business Development Director, Latin America', 'Jane Doe'],
    ['By Jane Doe Thursday, March 12, 2024', 'Jane Doe'],
    ['By JANE DOE AT 10:14 AM', 'JANE DOE'],
  ])('a role after a comma, a weekday or "AT" ends the name: %s', (line, author) => {
    const r = clean(page([], [line]));
    expect(r.metadata.author).toBe(author);
    expect(r.metadata.contributors).toBeUndefined();
  });

  it('co-authors of one byline are all authors', () => {
    const r = clean(page([], ['By Jane Doe and John Roe', 'March 12, 2024']));
    expect(r.metadata.author).toBe('Jane Doe, John Roe');
    expect(r.metadata.contributors).toEqual(['Jane Doe (byline)', 'John Roe (byline)']);
  });

  it('a by-word alone on its line over the name', () => {
    const r = clean(page([], ['por', '  * Juana Pérez', '', '1 de diciembre de 2017 3:00 AM PST']));
    expect(r.metadata.author).toBe('Juana Pérez');
    expect(r.metadata.date).toBe('2017-12-01T03:00-08:00');
    expect(r.body).not.toMatch(/^por$/m);
  });

  it('a name in the article\'s prose is not the author', () => {
    const article = [
      ARTICLE[0]!,
      ARTICLE[1]!,
      '',
      'The plan itself was drawn up over two years by the transport office, and was first presented in 2019',
      'by Jane Roe, the city\'s chief planner, who told the council that the network had fallen far behind.',
      '',
      ...ARTICLE.slice(3),
    ];
    const r = clean(page([], [], article));
    expect(r.metadata.author).toBeUndefined();
    expect(r.body).toContain('by Jane Roe, the city');
  });
});

describe('what is not the header', () => {
  it('a Markdown heading that repeats the headline is not a byline, however name-like its first words', () => {
    // a page saved as Markdown: its <title> on the first line, the menus, then the headline again as a heading over
    // the linked byline, the date and the time
    const headline = 'President Smith Welcomes 2024 Transport Conference Delegates';
    const md = [
      `${headline} | The City Hall`,
      '',
      ...NAV.map((n) => `*   [${n}](/${n.toLowerCase()})`),
      '',
      `## ${headline}`,
      '',
      '[Adam Garber](/author-detail/44)  ',
      'July 22, 2024  ',
      '01:52 PM EDT',
      '',
      ...ARTICLE.join('\n').split('\n\n').map((p) => p.replace(/\n/g, ' ')).flatMap((p) => [p, '']),
      ...['About us', 'Contact', 'Privacy policy', 'Terms of use'].map((n) => `*   [${n}](/${n.replace(/ /g, '-')})`),
    ].join('\n');
    const r = cleanText(md, { path: 'a.md' });
    expect(r.format).toBe('markdown');
    expect(r.metadata.title).toBe(headline);
    expect(r.metadata.author).toBe('Adam Garber');
    expect(r.metadata.date).toBe('2024-07-22');
  });

  it('an outlet is never an author', () => {
    const r = clean(page([], ['By The Daily Courier', 'March 12, 2024']));
    expect(r.metadata.author).toBeUndefined();
    expect(r.metadata.date).toBe('2024-03-12');
    const insider = clean(page([], ['By Business Insider', 'March 12, 2024']));
    expect(insider.metadata.author).toBeUndefined();
    // a person named with words of the language is still a person
    const article = [...ARTICLE, '', 'It made little difference to the mark the vote left on the district.'];
    expect(clean(page([], ['By Mark Little', 'March 12, 2024'], article)).metadata.author).toBe('Mark Little');
    // a text without site chrome, read by the byline rule (NC212)
    const plain = cleanText([HEADLINE, '', 'By Jane Doe, The Daily Courier', '', ...ARTICLE].join('\n'), { path: 'a.txt' });
    expect(plain.metadata.author).toBe('Jane Doe');
    expect(plain.metadata.contributors).toBeUndefined();
  });


  it("an embedded post's signature in the article is neither its byline nor its date", () => {
    const article = [
      ARTICLE[0]!,
      ARTICLE[1]!,
      '',
      '"Great news for everyone who rides the number 12 every morning," one councillor wrote.',
      '— Tom Baker (@tombaker) March 12, 2024',
      '',
      ...ARTICLE.slice(3),
    ];
    const r = clean(page([], [], article));
    expect(r.metadata.author).toBeUndefined();
    expect(r.metadata.date).toBeUndefined();
    expect(r.body).toContain('Tom Baker');
  });
});

describe('dates around the headline', () => {
  it('a clock time alone on the line under the date leaves the body with it', () => {
    const r = clean(page([], ['By Jane Doe', 'July 22, 2012', '01:52 PM EDT']));
    expect(r.metadata.date).toBe('2012-07-22');
    expect(r.body).not.toContain('01:52');
    expect(r.removed.some((x) => x.id === 'NC004' && x.action === 'moved to metadata.date' && x.text.includes('01:52 PM EDT'))).toBe(true);
    // a time line that is not beside the date stays where it is
    const apart = clean(page([], ['By Jane Doe', 'July 22, 2012'], [...ARTICLE, '', '01:52 PM EDT']));
    expect(apart.body).toContain('01:52 PM EDT');
  });

  it('the date on the byline line, not a date in a picture caption above it', () => {
    const r = clean(
      page([], [
        'Supporters cheer during election night in New York on November 9, 2016. / AFP / JIM WATSON (Photo',
        'credit should read JIM WATSON/AFP/Getty Images)',
        '',
        'by Jane Doe 22 Dec 2016',
      ]),
    );
    expect(r.metadata.date).toBe('2016-12-22');
    expect(r.metadata.author).toBe('Jane Doe');
  });

  it('an update\'s date is not the publication date', () => {
    const r = clean(page([], ['Last Updated: January 7, 2025']));
    expect(r.metadata.date).toBeUndefined();
    const both = clean(page([], ['Published March 3, 2024 · Updated March 5, 2024']));
    expect(both.metadata.date).toBe('2024-03-03');
  });

  it('a date written in another language', () => {
    const r = clean(page([], ['Par Jeanne Dupont — 24 novembre 2017 à 18:42']));
    expect(r.metadata.author).toBe('Jeanne Dupont');
    expect(r.metadata.date).toBe('2017-11-24');
  });

  it('a date with a dotted time and a weekday ("Thu 3 Jan 2019 02.00 EST")', () => {
    const r = clean(page([], ['Thu 3 Jan 2019 02.00 EST Last modified on Wed 16 Jan 2019 06.16 EST']));
    expect(r.metadata.date).toBe('2019-01-03T02:00-05:00');
  });

});

describe('person names and date lines', () => {
  it.each([
    ['Jane Doe', true],
    ['John C. Welch', true],
    ['Michiel de Jong', true],
    ['NATALIYA VASILYEVA', true],
    ['Gina Roberts-Grey', true],
    ['Middle East', false],
    ['Business News', false],
    ['Yahoo FinanceOctober', false],
    ['Reuters', false],
    ['Staff Writer', false],
    ['Jane', false],
  ])('%s → %s', (name, want) => {
    const common = (w: string) => ['middle', 'east', 'business', 'news'].includes(w);
    expect(personName(name, common)).toBe(want);
  });

  it('cuts a byline before a month and a day', () => {
    expect(bylineNames('by Laura June Topolsky July 10, 2015', true)?.names).toEqual(['Laura June Topolsky']);
  });

  it.each([
    ['By Mara Quill Writer RSS', 'Mara Quill'],
    ['By Ines CalderEmail Author', 'Ines Calder'],
    ['By Rob Lenz, CNN Political Reporter', 'Rob Lenz'],
    ['By Dana Frost, About.com GuideOctober 26, 2012', 'Dana Frost'],
    ['By Kay Moor View Profile', 'Kay Moor'],
    ['by Ola Brand. Posted', 'Ola Brand'],
    ['By Simon St. Laurent', 'Simon St. Laurent'],
  ])('cuts a byline before the links, the role and the words after the name: %s', (line, name) => {
    expect(bylineNames(line, true)?.names).toEqual([name]);
  });

  it('reads the first date that is not an update', () => {
    expect(publishedDateIn('Updated Jul 24, 2018, 2:15pm EDT', false)).toBeNull();
    expect(publishedDateIn('By GILLIAN MOHNEY March 11, 2015 3:46 PM Good Morning America', false)).toBe('2015-03-11T15:46');
    expect(englishMonths('le 30 avril 2015 à 9 h')).toBe('le 30 April 2015 à 9 h');
    // a date of two-digit year alone at the start of a short line, when day and month can be told apart
    expect(publishedDateIn('10.15.15', true)).toBe('2015-10-15');
    expect(publishedDateIn('9/11/13 10:00AM', true)).toBeNull();
    expect(publishedDateIn('Version 10.15.15 released', false)).toBeNull();
  });
});
