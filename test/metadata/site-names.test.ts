/**
 * A title's site name (src/metadata/site-names.ts) and site names from the titles of a run's pages
 * (src/inbox/title-sites.ts): cut at a separator at either end, for any outlet — by the page's host, its publisher,
 * the CMS's archive label, or the same segment at the same end of several pages' titles — never inside a headline.
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { fc, test as fcTest } from '@fast-check/vitest';
import { confirmedHeadline, stripSiteSegments, titleEnds } from '../../src/metadata/site-names.js';
import { readPageMetadata } from '../../src/metadata/html-meta.js';
import { parseHtml } from '../../src/html/dom.js';
import { pageTitle, TitleSiteIndex } from '../../src/inbox/title-sites.js';
import { runCli } from '../helpers/cli.js';
import { tempDir } from '../helpers/tree.js';

describe('stripSiteSegments', () => {
  it('cuts a segment that names any label of the host, a possessive or a longer name of it', () => {
    expect(stripSiteSegments("Three Arrested in Separate Incidents - ABC News", { host: 'abcnews.go.com' })).toBe('Three Arrested in Separate Incidents');
    expect(stripSiteSegments("Forgiving your enemies — Paulo Coelho's Blog", { host: 'paulocoelhoblog.com' })).toBe('Forgiving your enemies');
    expect(stripSiteSegments('In Copenhagen… « Joe McNally’s Blog', { host: 'www.joemcnally.com' })).toBe('In Copenhagen…');
    expect(stripSiteSegments('Fat Head » Interview With the Author', { host: 'www.fathead-movie.com' })).toBe('Interview With the Author');
    expect(stripSiteSegments("Police make arrests in kidnapping - Yahoo! Sports", { host: 'sports.yahoo.com' })).toBe('Police make arrests in kidnapping');
  });
  it('reads separators a CMS writes without a space on one side, when the segment names the site', () => {
    expect(stripSiteSegments('» Create a Superhealth Community :zenhabits', { host: 'zenhabits.net' })).toBe('Create a Superhealth Community');
    expect(stripSiteSegments('» Japanese Graphic Design: Not In Production 5:: Néojaponisme', { host: 'neojaponisme.com' })).toBe('Japanese Graphic Design: Not In Production 5');
    expect(stripSiteSegments('Google News Blog: Google News turns 10', { host: 'googlenewsblog.blogspot.com' })).toBe('Google News turns 10');
  });
  it("takes the CMS's archive label out from between the site and the headline", () => {
    expect(stripSiteSegments('Fat Head » Blog Archive » Fat Head Open Updates', { host: 'www.fathead-movie.com' })).toBe('Fat Head Open Updates');
    expect(stripSiteSegments('Some Site » Blog Archive » A Post', {})).toBe('Some Site » A Post');
  });
  it('an outlet named by the title is the publisher, never the author; a name then an agency is the name', () => {
    const page = (meta: string, title: string, byline = '') =>
      `<!DOCTYPE html><html><head><title>${title}</title>${meta}<link rel="canonical" href="https://abcnews.go.com/x/story"></head><body><article><h1>Harbour reopens</h1>${byline}<p>${'The harbour reopened on Monday after repairs that took most of the year. '.repeat(6)}</p></article></body></html>`;
    const a = readPageMetadata(parseHtml(page('<meta name="author" content="ABC News">', 'Harbour reopens - ABC News')));
    expect(a.title).toBe('Harbour reopens');
    expect(a.publisher).toBe('ABC News');
    expect(a.author).toBeUndefined();
    // the host's name as the author, with no suffix in the title: still an outlet; the byline is read instead
    const h = readPageMetadata(parseHtml(page('<meta name="author" content="ABCNews">', 'Harbour reopens', '<div class="byline">By Danica Kirka</div>')));
    expect(h.author).toBe('Danica Kirka');
    const b = readPageMetadata(parseHtml(page('', 'Harbour reopens', '<div class="byline">By JOANN LOVIGLIO Associated Press PHILADELPHIA</div><div class="author">CHRISTINA NG ( @ChristinaNg</div>')));
    expect(b.author).toBe('JOANN LOVIGLIO, CHRISTINA NG');
    // a CMS's link label beside the name is no second author
    const label = readPageMetadata(parseHtml(page('', 'Harbour reopens', '<div class="byline">James Johnson, Author Archive</div>')));
    expect(label.author).toBe('James Johnson');
    expect(b.source).toBe('AP');
    // a blog's post title under its name: the heading confirms the headline
    const blog = `<!DOCTYPE html><html><head><title>Life as a Healthcare CIO: Building Unity Farm</title></head><body><h1><a href="/">Life as a Healthcare CIO</a></h1><h3 class="post-title">Building Unity Farm</h3><p>${'The barn went up over the summer with help from the neighbours. '.repeat(6)}</p></body></html>`;
    const c = readPageMetadata(parseHtml(blog));
    expect(c.title).toBe('Building Unity Farm');
    expect(c.publisher).toBe('Life as a Healthcare CIO');
  });
  it('leaves a headline whose segments name no site, and a colon kicker', () => {
    expect(stripSiteSegments('Budget passes - and taxes rise', { sites: ['The Daily Tide'], host: 'dailytide.example' })).toBe('Budget passes - and taxes rise');
    expect(stripSiteSegments('Review: a quiet film about harbours', { host: 'filmreviews.example' })).toBe('Review: a quiet film about harbours');
    expect(stripSiteSegments('COVID-19 cases fall - officials', { host: 'news.example.com' })).toBe('COVID-19 cases fall - officials');
  });
  it("cuts the run's site names at either end", () => {
    expect(stripSiteSegments("Just Keep Going « Rand's Blog", { runSites: ['randblog'] })).toBe('Just Keep Going');
    expect(stripSiteSegments('Free Range Librarian › One of those birthdays', { runSites: ['freerangelibrarian'] })).toBe('One of those birthdays');
  });
  const segment = fc.constantFrom('ABC News', 'Example', 'abcnews', 'News', 'A', 'Harbour reopens after repairs', '2012', ':x', 'Blog');
  const sep = fc.constantFrom(' - ', ' | ', ' « ', ' » ', ': ', ' :', ':: ', ' — ', '-', ' ');
  fcTest.prop([fc.array(fc.tuple(segment, sep), { minLength: 1, maxLength: 5 }), fc.constantFrom('example.com', 'abcnews.go.com', 'a.b')])(
    'keeps a contiguous part of the title, never an empty one',
    (parts, host) => {
      const t = parts.map(([w, s]) => w + s).join('').trim();
      const out = stripSiteSegments(t, { host });
      expect(out.length).toBeGreaterThan(0);
      expect(t).toContain(out);
    },
  );
});

describe('confirmedHeadline', () => {
  it("takes the side of the title the page shows as a heading, on the side its separator puts a site's name", () => {
    expect(confirmedHeadline('Web Ink Now: How Content Works', ['Web Ink Now', 'How Content Works'])).toEqual({ title: 'How Content Works', cut: 'Web Ink Now' });
    expect(confirmedHeadline('Tripfilms Interview! - Nutty Nomads', ['Tripfilms Interview!'])).toEqual({ title: 'Tripfilms Interview!', cut: 'Nutty Nomads' });
    expect(confirmedHeadline('A Beautiful Giveaway with Feral Watches - A Beautiful Mess', ['A Beautiful Mess', 'A Beautiful Giveaway with Feral Watches'])?.title).toBe('A Beautiful Giveaway with Feral Watches');
    // the page's <h1> of four words or more on one side: the site's name with its tagline on the other, however long
    const tagline = 'Ferry to run twice a day | Island Notes - News, Weather, Tides and Timetables for the Outer Islands';
    expect(confirmedHeadline(tagline, ['Ferry to run twice a day'], ['Ferry to run twice a day'])?.title).toBe('Ferry to run twice a day');
    expect(confirmedHeadline(tagline, ['Ferry to run twice a day'])).toBeNull();
    expect(confirmedHeadline('Ferry runs | Island Notes - News, Weather, Tides and Timetables for the Outer Islands', ['Ferry runs'], ['Ferry runs'])).toBeNull();
    // both sides are headings: the blog's name in the banner comes first, the post's title after it
    expect(confirmedHeadline('Preview of my keynote at the summit: Church of the Customer Blog', ['Church of the Customer Blog', 'Preview of my keynote at the summit'])).toEqual({
      title: 'Preview of my keynote at the summit',
      cut: 'Church of the Customer Blog',
    });
  });
  it("never takes a banner heading with the site's name for the headline, nor cuts a title the page shows whole", () => {
    expect(confirmedHeadline('The Online Photographer: D800E Haptics', ['The Online Photographer'])).toBeNull();
    expect(confirmedHeadline('The Morning Wrap - The BLT: The Blog of Legal Times', ['The BLT: The Blog of Legal Times'])).toBeNull();
    expect(confirmedHeadline('Theme: Free WordPress Theme Designed for Speed', ['Theme: Free WordPress Theme Designed for Speed', 'Free WordPress Theme Designed for Speed'])).toBeNull();
    expect(confirmedHeadline('Harbour reopens after repairs', ['Harbour reopens after repairs'])).toBeNull();
  });
});

describe('TitleSiteIndex', () => {
  it("takes the segment three pages' titles end with for the site's name", () => {
    const idx = new TitleSiteIndex();
    for (const h of ['Just Keep Going', 'Making Email More Scalable', 'Editorial Guidelines for this Blog']) idx.add(`${h} « Rand's Blog`);
    idx.add('Another page entirely');
    const sites = idx.sites();
    expect([...sites.keys()]).toEqual([0, 1, 2]);
    expect(sites.get(0)).toEqual(['randblog']);
  });
  it('never takes the headline of copies of one article on three sites, nor a kicker before a colon', () => {
    const copies = new TitleSiteIndex();
    for (const s of ['Harbour Daily', 'The Coast Times', 'Bay News']) copies.add(`Fishing quota cut by a third after long talks - ${s}`);
    expect(copies.sites().size).toBe(0);
    const kickers = new TitleSiteIndex();
    for (const h of ['Not In Production 5', 'Not In Production 6', 'Not In Production 7']) kickers.add(`Japanese Graphic Design: ${h}`);
    expect(kickers.sites().size).toBe(0);
  });
  it("reads a page's <title> with its entities", () => {
    expect(pageTitle('<html><head><title>\n In Copenhagen&#8230; &laquo; A Blog </title></head>')).toBe('In Copenhagen… « A Blog');
    expect(pageTitle('<p>no title</p>')).toBeNull();
    expect(titleEnds('A post title here « A Blog').map((e) => `${e.end}:${e.key}`)).toContain('last:ablog');
  });
});

/** A page whose <h1> is not its title's headline (no heading confirms a side of the title). */
function page(title: string, headline: string, n: number): string {
  const para = (k: number) => `<p>Paragraph ${k} of post ${n} tells how the ${['garden', 'harbour', 'library', 'bakery'][n % 4]} changed over the ${k + 2} years since it opened, and what its neighbours said about it.</p>`;
  return `<!DOCTYPE html><html><head><title>${title}</title></head><body><nav><a href="/">Home</a> <a href="/about">About</a></nav><article><h1>${headline}, from the notebook</h1>${[0, 1, 2, 3, 4].map(para).join('')}</article></body></html>`;
}

describe('newsclean CLI: site names from the titles of a run', () => {
  it("cuts the suffix the folder's pages share from each title, and keeps it when a page is cleaned alone", async () => {
    const dir = tempDir();
    mkdirSync(path.join(dir, 'in'));
    const heads = ['Notes on a slow spring', 'The harbour wall at dawn', 'Reading in the winter', 'Bread and the long queue'];
    heads.forEach((h, n) => writeFileSync(path.join(dir, 'in', `p${n}.html`), page(`${h} « Field Notes Weekly`, h, n)));
    const r = await runCli(['in', '-o', 'out', '--json'], { cwd: dir });
    expect(r.code).toBe(0);
    const report = JSON.parse(r.stdout);
    expect(report.documents).toHaveLength(4);
    for (const d of report.documents) {
      expect(d.error).toBeNull();
      expect(heads).toContain(d.metadata.title);
      // the site's name, as its titles write it, is the publisher
      expect(d.metadata.publisher).toBe('Field Notes Weekly');
      const md = readFileSync(path.join(dir, d.output), 'utf8');
      expect(md).toContain(`title: "${d.metadata.title}"\npublisher: "Field Notes Weekly"`);
    }
    const one = await runCli(['in/p0.html', '-o', 'single', '--json'], { cwd: dir });
    expect(one.code).toBe(0);
    expect(JSON.parse(one.stdout).documents[0].metadata.title).toBe('Notes on a slow spring « Field Notes Weekly');
  });
});
