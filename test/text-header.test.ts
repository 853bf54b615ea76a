/**
 * The headline scorer of plain text (src/model/header.ts): which lines are candidates and what their features say.
 */
import { describe, expect, it } from 'vitest';
import { cleanText } from '../src/index.js';
import { functionWords } from '../src/model/lines.js';
import { headlineCandidates, HEADLINE_FEATURES, lineBlocks } from '../src/model/header.js';
import { readLines } from '../src/model/lines.js';
import { separateParagraphs } from '../src/model/paragraphs.js';
import { articleLines } from '../src/model/decide.js';
import { scoreText, THRESHOLD } from '../src/model/zones.js';
import { ARTICLE, siteFooter } from './helpers/article.js';


const NAV = ['Home', 'News', 'Sport', 'Business', 'Culture', 'Weather', 'Opinion', 'Travel', 'Science', 'Health'];

/** A page whose headline and byline stand above a long sign-in form and a gallery, far from the article's prose. */
function farHeadlinePage(): string {
  const gallery: string[] = [];
  for (let i = 1; i <= 40; i++) gallery.push(`   [photo${i}.jpg]`, `   Photo ${i} of 40`, '');
  return [
    ...NAV.map((n) => `   * ${n}`),
    '',
    'Council backs Sunday bus lanes in budget vote',
    '',
    '   By Jane Doe',
    '   March 12, 2024',
    '',
    'Sign in',
    '',
    '   Email ____________________',
    '   Password ____________________ [Log in]',
    '   Forgot your password?',
    '',
    'Register for a free account',
    '',
    '   Create an account to follow topics and save articles.',
    '   (BUTTON) Register',
    '',
    ...gallery,
    ...ARTICLE.map((l) => (l ? `   ${l}` : l)),
    '',
    ...siteFooter('   * '),
  ].join('\n');
}

describe('headline candidates', () => {
  it('a line with its byline under it is a candidate however far above the article it stands', () => {
    const text = farHeadlinePage();
    const scored = scoreText(text);
    const { first } = articleLines(scored, THRESHOLD);
    const units = scored.doc.units;
    const at = units.findIndex((u) => u.text === 'Council backs Sunday bus lanes in budget vote');
    expect(first - at).toBeGreaterThan(40);
    const cands = headlineCandidates(units, first, scored.p, functionWords(scored.doc.language));
    const c = cands.find((x) => x.text === 'Council backs Sunday bus lanes in budget vote');
    expect(c).toBeDefined();
    expect(c!.x[HEADLINE_FEATURES.indexOf('far')]).toBe(1);
    const r = cleanText(text);
    expect(r.metadata.title).toBe('Council backs Sunday bus lanes in budget vote');
    expect(r.removed.some((x) => x.id === 'NC004' && x.action === 'moved to metadata.title')).toBe(true);
  });

  it("counts a candidate's overlap with the article's first lines against other lines only", () => {
    // the article's first line is a long sentence-less line whose words stand nowhere else: as a candidate, its own
    // words are no evidence that it heads the article
    const lone = 'Quarterly zinc smelter yields outpaced Baltic freight indices throughout';
    const text = [
      ...NAV.map((n) => `   * ${n}`),
      '',
      'Council backs Sunday bus lanes in budget vote',
      '',
      `   ${lone}`,
      '',
      ...ARTICLE.map((l) => (l ? `   ${l}` : l)),
      '',
      ...['About us', 'Contact', 'Privacy policy', 'Terms of use', 'Advertise'].map((n) => `   * ${n}`),
    ].join('\n');
    const scored = scoreText(text);
    const units = scored.doc.units;
    const first = units.findIndex((u) => u.text === lone);
    const cands = headlineCandidates(units, first, scored.p, functionWords(scored.doc.language));
    const own = cands.find((x) => x.text === lone)!;
    const ov = HEADLINE_FEATURES.indexOf('overlap');
    expect(own.x[ov]).toBe(0);
    expect(own.x[HEADLINE_FEATURES.indexOf('in_lede')]).toBe(1);
    const head = cands.find((x) => x.text === 'Council backs Sunday bus lanes in budget vote')!;
    expect(head.x[ov]).toBeGreaterThan(0);
  });

  it('marks a line that shows one text twice (alternative text beside the link text)', () => {
    const text = [...NAV.map((n) => `   * ${n}`), '', 'Budget Vote Budget Vote', '', ...ARTICLE].join('\n');
    const scored = scoreText(text);
    const units = scored.doc.units;
    const first = units.findIndex((u) => u.text.startsWith('The city council'));
    const c = headlineCandidates(units, first, scored.p, functionWords(scored.doc.language)).find((x) => x.text === 'Budget Vote Budget Vote')!;
    expect(c.x[HEADLINE_FEATURES.indexOf('doubled')]).toBe(1);
  });

  it("reads each line as a block in a browser's copy of a page, where no blank line sets the headline apart", () => {
    // "select all, copy": menu items, the headline and its neighbours one to a line, only paragraphs between blank
    // lines, every paragraph on one line
    const once = ARTICLE.join('\n').split('\n\n').map((p) => p.replace(/\n/g, ' '));
    const paragraphs = [...once, ...once.map((p) => p.replace('The ', 'Meanwhile the '))];
    const text = [
      'Skip to content',
      'The Daily Courier',
      '',
      ...NAV,
      'Council backs Sunday bus lanes in budget vote',
      'Previous article',
      'Next article',
      '',
      'By Jane Doe',
      '',
      'Filed under Transport City Hall Budget Local news',
      '',
      ...paragraphs.flatMap((p) => [p, '']),
      'Share this article',
      'Facebook',
      'Twitter',
      'Email',
      '',
      'About us',
      'Contact',
      'Privacy policy',
      '© 2024 The Daily Courier. All rights reserved.',
    ].join('\n');
    const scored = scoreText(text);
    expect(lineBlocks(scored.doc)).toBe(true);
    const { first } = articleLines(scored, THRESHOLD);
    const units = scored.doc.units;
    const head = headlineCandidates(units, first, scored.p, functionWords(scored.doc.language), true).find((x) => x.text === 'Council backs Sunday bus lanes in budget vote')!;
    expect(head.x[HEADLINE_FEATURES.indexOf('alone')]).toBe(1);
    expect(head.x[HEADLINE_FEATURES.indexOf('blank_before')]).toBe(1);
    expect(cleanText(text).metadata.title).toBe('Council backs Sunday bus lanes in budget vote');
    // the same text wrapped by a text browser keeps its blank-line blocks
    expect(lineBlocks(scoreText(ARTICLE.join('\n')).doc)).toBe(false);
  });
});

describe("an outlet's name is no headline", () => {
  /** A blog's post: the blog's name, a menu, the post's title with its date line, the post. */
  const blogPost = (name: string): string =>
    [
      name,
      '',
      ...NAV.slice(0, 5).map((n) => `   * ${n}`),
      '',
      'Council backs Sunday bus lanes in budget vote',
      '',
      '   March 12, 2024',
      '',
      ...ARTICLE.map((l) => (l ? `   ${l}` : l)),
      '',
      ...siteFooter('   * '),
    ].join('\n');

  it("a line with an outlet's word is read as such by the headline features", () => {
    const scored = scoreText(blogPost('The Harbour Gazette Blog'));
    const { first } = articleLines(scored, THRESHOLD);
    const cands = headlineCandidates(scored.doc.units, first, scored.p, functionWords(scored.doc.language));
    const k = HEADLINE_FEATURES.indexOf('outlet_words');
    expect(cands.find((c) => c.text === 'The Harbour Gazette Blog')!.x[k]).toBe(1);
    expect(cands.find((c) => c.text === 'Council backs Sunday bus lanes in budget vote')!.x[k]).toBe(0);
  });
});

describe("the document's title above the page: the headline with the site's name", () => {
  /** A page copied with its document title on the first line, the site's menu, then the post under its own heading. */
  function titledPage(docTitle: string, markdown = false): string {
    const h = markdown ? '## ' : '';
    return [
      docTitle,
      '',
      ...NAV.map((n) => (markdown ? `- [${n}](/${n.toLowerCase()})` : `   * ${n}`)),
      '',
      'The Courier is an independent paper covering the city since 1921, with news, sport and opinion every day of the week.',
      '',
      `${h}Council backs Sunday bus lanes in budget vote`,
      '',
      'March 12, 2024',
      '',
      ...ARTICLE,
      '',
      ...siteFooter(markdown ? '- ' : '   * '),
    ].join('\n');
  }

  it.each([
    ['The Courier: Council backs Sunday bus lanes in budget vote', 'The Courier'],
    ['Council backs Sunday bus lanes in budget vote « The Courier', 'The Courier'],
    ['» Council backs Sunday bus lanes in budget vote | The Courier', undefined],
    ['Council backs Sunday bus lanes in budget vote :courier', 'courier'],
    ['Council backs Sunday bus lanes in budget vote 524', undefined],
  ])('the headline alone is the title, not %j; the site is the publisher', (docTitle, publisher) => {
    for (const markdown of [false, true]) {
      const r = cleanText(titledPage(docTitle, markdown), { path: markdown ? 'a.md' : 'a.txt' });
      expect(r.metadata.title).toBe('Council backs Sunday bus lanes in budget vote');
      expect(r.metadata.publisher).toBe(publisher);
      expect(r.body).not.toContain('Council backs Sunday');
      expect(r.body).toContain('The city council approved the new transport budget');
      // both lines are recorded as gone to the title
      expect(r.removed.filter((x) => x.id === 'NC004' && x.action === 'moved to metadata.title').map((x) => x.text.replace(/^#+ /, ''))).toEqual([
        docTitle,
        'Council backs Sunday bus lanes in budget vote',
      ]);
    }
  });

  it("a headline's second part after a colon, or a part as long as the headline, is no site's name", () => {
    for (const docTitle of ['Council backs Sunday bus lanes in budget vote: what it means for you', 'Transport Desk Weekly News Roundup -- Council backs Sunday bus lanes']) {
      const r = cleanText(titledPage(docTitle), { path: 'a.txt' });
      expect(r.metadata.publisher).toBeUndefined();
      expect(r.removed.filter((x) => x.action === 'moved to metadata.title').length).toBeLessThan(2);
    }
  });
});

describe("a link's title in Markdown, and a site's name after a dash", () => {
  it('reads a link whose title holds escaped quotes as its text', () => {
    const md = String.raw`### [Council backs bus lanes](https://example.org/a/ "Permanent Link to \"Council backs bus lanes\"") and [more](/b 'the rest')`;
    expect(readLines(md, { markdown: true }).units.map((u) => u.text)).toEqual(['Council backs bus lanes and more']);
  });

  /** A page whose document title ends in a dash and the site's name, and whose banner shows the name alone. */
  function page(docTitle: string, banner: string): string {
    return [
      docTitle,
      '',
      banner,
      '',
      ...NAV.map((n) => `   * ${n}`),
      '',
      ...ARTICLE,
      '',
      ...siteFooter('   * '),
    ].join('\n');
  }

  it("cuts the name after a dash when the text shows it alone, and not otherwise", () => {
    const shown = cleanText(page('Council backs Sunday bus lanes in budget vote – thecourier', 'thecourier'), { path: 'a.txt' });
    expect(shown.metadata.title).toBe('Council backs Sunday bus lanes in budget vote');
    expect(shown.metadata.publisher).toBe('thecourier');
    const notShown = cleanText(page('Council backs Sunday bus lanes – and a new depot', 'The Daily Courier'), { path: 'a.txt' });
    expect(notShown.metadata.title).toBe('Council backs Sunday bus lanes – and a new depot');
    expect(notShown.metadata.publisher).toBeUndefined();
  });
});

describe('a heading drawn between runs of one mark, in a text without paragraph breaks', () => {
  it("sets html2text's decorated heading apart, and takes it for the headline", () => {
    // html2text's paragraphs: wrapped at 100 columns, no blank line between them
    const once = ARTICLE.join('\n').split('\n\n').map((p) => p.replace(/\n/g, ' '));
    const paragraphs = [...once, ...once.map((p) => p.replace('The ', 'Meanwhile the '))];
    const prose: string[] = [];
    for (const p of paragraphs) {
      let line = '';
      for (const w of p.split(' ')) {
        if (line && line.length + 1 + w.length > 100) [prose[prose.length], line] = [line, w];
        else line = line ? `${line} ${w}` : w;
      }
      prose.push(line);
    }
    const text = [
      ...NAV.map((n) => `    * ${n}`),
      '***** The Harbour Gazette Blog *****',
      '    * [http://example.org/logo.gif]',
      'Blog powered by Typepad',
      'Member since 08/2003',
      '«_Older_post | Blog_Home | Newer_post_»',
      '**** Council backs Sunday bus lanes in budget vote ****',
      ...prose,
      'Posted by Jane Doe on March 12, 2024 | Permalink',
      ...siteFooter('    * '),
    ].join('\n');
    // the heading stands alone in its block, as a blank line would set it apart in a text browser's rendering
    const separated = separateParagraphs(text);
    expect(separated).toContain('Newer_post_»\n\n**** Council backs Sunday bus lanes in budget vote ****\n\n');
    const scored = scoreText(separated!);
    const { first } = articleLines(scored, THRESHOLD);
    const cands = headlineCandidates(scored.doc.units, first, scored.p, functionWords(scored.doc.language));
    const c = cands.find((x) => x.text === 'Council backs Sunday bus lanes in budget vote');
    expect(c!.x[HEADLINE_FEATURES.indexOf('alone')]).toBe(1);
    expect(cleanText(text, { path: 'a.txt' }).metadata.title).toBe('Council backs Sunday bus lanes in budget vote');
  });
});

describe('a text that writes its headings in capitals', () => {
  // html-to-text's default: every heading upper-cased, the page's other lines as they are
  const page = (caps: boolean) => {
    const h = (s: string) => (caps ? s.toUpperCase() : s);
    return [
      ...NAV.map((n) => ` * ${n}`),
      '',
      h('Local politics'),
      '',
      h('Council backs Sunday bus lanes in budget vote'),
      '',
      'By Jane Doe',
      '',
      ...ARTICLE,
      '',
      h('Most read'),
      '',
      h('More from the council'),
      '',
      ...siteFooter(' * '),
    ].join('\n');
  };
  const allCaps = (text: string, title: string) => {
    const scored = scoreText(text);
    const units = scored.doc.units;
    const first = units.findIndex((u) => u.text.startsWith('The city council'));
    const c = headlineCandidates(units, first, scored.p, functionWords(scored.doc.language)).find((x) => x.text === title)!;
    return c.x[HEADLINE_FEATURES.indexOf('all_caps')];
  };

  it('reads a headline in capitals there as any other headline, and takes it for the title', () => {
    const text = page(true);
    expect(allCaps(text, 'COUNCIL BACKS SUNDAY BUS LANES IN BUDGET VOTE')).toBe(0);
    expect(cleanText(text).metadata.title).toBe('COUNCIL BACKS SUNDAY BUS LANES IN BUDGET VOTE');
  });

  it('still reads a line in capitals as such where the other headings are not', () => {
    const text = page(false).replace('Council backs Sunday bus lanes in budget vote', 'COUNCIL BACKS SUNDAY BUS LANES IN BUDGET VOTE');
    expect(allCaps(text, 'COUNCIL BACKS SUNDAY BUS LANES IN BUDGET VOTE')).toBe(1);
  });
});

describe('bylines that are not a person', () => {
  /** A page whose headline stands over `under`, then the article. */
  const page = (under: string[]): string =>
    [...NAV.map((n) => `   * ${n}`), '', 'Council backs Sunday bus lanes in budget vote', '', ...under, '', ...ARTICLE, '', ...siteFooter('   * ')].join('\n');

  it('a name-shaped item of a menu under the headline is no author; a name between a date and a comment link is', () => {
    const menu = cleanText(page(['   Google Display Network', '   Google Affiliate Network', '   Google AdSense']));
    expect(menu.error).toBeNull();
    expect(menu.metadata.author).toBeUndefined();
    const byline = cleanText(page(['   November 6, 2012', '   Joey Lehto', '   Leave a comment']));
    expect(byline.metadata.author).toBe('Joey Lehto');
    expect(byline.body).not.toContain('Joey Lehto');
  });
  it('a date line\'s label and weekday are no name; a link after the name is no part of it', () => {
    const dated = cleanText(page(['   Date Thursday, October 18, 2012 at 9:15AM']));
    expect(dated.metadata.author).toBeUndefined();
    expect(dated.metadata.date).toBe('2012-10-18T09:15');
    const linked = cleanText(page(['   06 November 2012 by Cory Gunther Discuss (0)']));
    expect(linked.metadata.author).toBe('Cory Gunther');
  });
});
