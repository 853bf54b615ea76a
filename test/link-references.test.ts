/**
 * NC007 link-references: a page dumped by a text browser with its defaults numbers every link (`[7]port authority`)
 * and lists the addresses under "References" at the end; the numbers and the list go, the words stay. A document's
 * own citation marks and its own list of sources are not the convention and stay.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { fc, test as fcTest } from '@fast-check/vitest';
import { convert as htmlToText } from 'html-to-text';
import { cleanText } from '../src/index.js';
import { linkReferences } from '../src/rules/link-references.js';

const data = (name: string) => readFileSync(new URL(`./data/text-browsers/${name}`, import.meta.url), 'utf8');

/** The rule alone on a text: its output and what it recorded. */
function apply(text: string): { out: string; removed: Array<{ text: string; action: string }> } {
  const removed: Array<{ text: string; action: string }> = [];
  const out = linkReferences.apply(text, { removed: (t: string, action = 'removed') => removed.push({ text: t, action }) } as never) as string;
  return { out, removed };
}

describe('NC007 link-references', () => {
  for (const browser of ['elinks', 'lynx']) {
    it(`cleans a page as \`${browser} -dump\` writes it: link numbers and the reference list go, the words stay`, () => {
      const r = cleanText(data(`article.${browser}.txt`), { path: `article.${browser}.txt` });
      expect(r.error).toBeNull();
      expect(r.body).not.toMatch(/\[\d+\]/);
      expect(r.body).not.toMatch(/References|file:\/\/|gov\.example/);
      expect(r.body).toContain('first proposed by the port authority in 2021');
      expect(r.body).toContain('led by a group of local fishermen, argued');
      expect(r.body).toContain('according to a report published by the council last week');
      expect(r.metadata.title).toBe('Harbour plan approved after long dispute');
      const recs = r.removed.filter((x) => x.id === 'NC007');
      const actions = ['removed (link reference list)', 'removed (link numbers)'];
      expect(recs.map((x) => x.action)).toEqual(browser === 'elinks' ? ["removed (the page's <link> elements)", ...actions] : actions);
      expect(r.body).not.toContain('RSS Feed (alternate)');
      expect(recs.at(-2)!.text).toMatch(/^References\s+Visible links:?\s+1\. /);
      expect(recs.at(-1)!.text).toMatch(/^\[\d\]\S+ .*\(and 1[34] more\)$/);
    });
  }

  it('keeps the space a mark stood for between two words, and nothing else of the mark', () => {
    const links = Array.from({ length: 4 }, (_, i) => `   ${i + 1}. https://example.org/${i + 1}`).join('\n');
    const { out } = apply(`Watch the film.[1]Next story\nSee [2]the report, [3]"quoted" and ([4]more).\n\nReferences\n\n${links}\n`);
    expect(out).toBe('Watch the film. Next story\nSee the report, "quoted" and (more).\n');
  });

  it('reads w3m\'s `[n] address` entries and lynx\'s hidden links, whose numbers have no mark', () => {
    const w3m = apply('One [1]two three [2]four five.\n\nReferences:\n\n[1] https://a.example/\n[2] https://b.example/\n');
    expect(w3m.out).toBe('One two three four five.\n');
    const hidden = Array.from({ length: 6 }, (_, i) => `  ${i + 3}. https://hidden.example/${i}`).join('\n');
    const lynx = apply(`One [1]two three [2]four five.\n\nReferences\n\n   Visible links:\n   1. https://a.example/\n   2. https://b.example/\n\n   Hidden links:\n${hidden}\n`);
    expect(lynx.out).toBe('One two three four five.\n');
  });

  it('takes elinks\' entries that give a link\'s title with its address on the next line', () => {
    const { out, removed } = apply('Read [1]the notes and [2]the map.\n\nReferences\n\n   Visible links\n   1. Notes of the meeting\n\thttps://a.example/notes\n   2. https://a.example/map\n');
    expect(out).toBe('Read the notes and the map.\n');
    expect(removed).toHaveLength(2);
  });

  it("removes the lines elinks writes first for the page's <link> elements, with or without link numbers", () => {
    const prose = 'The council approved the harbour plan on Tuesday evening, ending a long dispute.\n';
    for (const head of ['   Link: alternate RSS Feed\n   Link: canonical\n\n', '   Link: [1]RSS Feed (alternate)\n\n']) {
      const { out, removed } = apply(head + prose);
      expect(out).toBe(prose);
      expect(removed[0]).toEqual({ text: head.trim(), action: "removed (the page's <link> elements)" });
    }
    // only at the very start, and never the whole text
    const later = `${prose}Link: the council's report\n`;
    expect(apply(later)).toEqual({ out: later, removed: [] });
    expect(apply('Link: canonical\n')).toEqual({ out: 'Link: canonical\n', removed: [] });
    // a scraper's header line with the article's address is not the browser's
    const scraped = `Link: https://news.example/harbour-plan\n\n${prose}`;
    expect(apply(scraped)).toEqual({ out: scraped, removed: [] });
  });

  it('leaves a document\'s own citations and list of sources alone', () => {
    const paper = [
      'Sea levels rose faster in the last decade than in the one before [1], and the rise is not uniform [2].',
      'Tide gauges and satellites agree on the trend [3].',
      '',
      'References',
      '',
      '1. Smith, J. (2020). Sea level rise in the North Atlantic. Journal of Coasts 12, 1-20.',
      '2. Jones, K. (2021). Regional patterns of rise. https://doi.org/10.1000/xyz',
      '3. Lee, M. (2019). Gauges and altimetry compared. Ocean Letters 4, 33-40.',
      '',
    ].join('\n');
    expect(apply(paper)).toEqual({ out: paper, removed: [] });
    // every source an address, and the marks are citations (before a comma or a stop), not links' text
    const cited = paper.replace(/^(\d)\. .*$/gm, (_, n) => `${n}. https://doi.org/10.1000/${n}`);
    expect(apply(cited)).toEqual({ out: cited, removed: [] });
  });

  it('leaves a text alone when the list is not at its end, or has no marks before it', () => {
    const list = 'References\n\n   1. https://a.example/\n   2. https://b.example/\n   3. https://c.example/\n';
    const middle = `Some [1]text and [2]more [3]links.\n\n${list}\nAnd the article goes on after the list for a while.\n`;
    expect(apply(middle).removed).toEqual([]);
    const unmarked = `An article that lists its sources at the end.\n\n${list}`;
    expect(apply(unmarked).removed).toEqual([]);
  });

  fcTest.prop([fc.string({ maxLength: 400 }), fc.array(fc.webUrl(), { minLength: 1, maxLength: 6 })])(
    'never throws, never adds text, and a second pass changes nothing',
    (prefix, urls) => {
      const marked = prefix.replace(/ /g, () => ` [${1 + Math.floor(Math.random() * urls.length)}]`);
      const text = `${marked}\n\nReferences\n\n${urls.map((u, i) => `   ${i + 1}. ${u}`).join('\n')}\n`;
      const once = apply(text).out;
      expect(once.length).toBeLessThanOrEqual(text.length);
      expect(apply(once).out).toBe(once);
    },
  );
});

describe('NC007: addresses written in brackets after the links\' texts', () => {
  it('cleans a page as html-to-text writes it: the addresses go, the sentences they cut stay whole', () => {
    // the converter itself (a dev dependency), its defaults: `port authority [/port-authority]`
    const text = htmlToText(data('article.html'), {});
    expect(text).toContain('port authority [/port-authority] in 2021');
    const r = cleanText(text, { path: 'article.txt' });
    expect(r.error).toBeNull();
    expect(r.body).toContain('first proposed by the port authority in 2021');
    expect(r.body).toContain('led by a group of local fishermen, argued');
    expect(r.body).toContain('according to a report published by the council last week');
    expect(r.body).not.toMatch(/gov\.example|\[\/|\]\(/);
    expect(r.metadata.author).toBe('Ana Lopez');
    const recs = r.removed.filter((x) => x.id === 'NC007');
    expect(recs).toEqual([expect.objectContaining({ action: 'removed (link addresses)', text: expect.stringMatching(/^\[\/\] \(and \d+ more\)$/) })]);
  });

  it('takes each address with the space before it, and a line left empty; mail, script and image addresses too', () => {
    const text = [
      'The plan [https://a.example/plan] was approved by the council [/council] on Tuesday.',
      '[https://img.example/quay.jpg]',
      'Write to the editor [editor@news.example] or go back [javascript:void(0)] now.',
    ].join('\n');
    const { out, removed } = apply(text);
    expect(out).toBe('The plan was approved by the council on Tuesday.\nWrite to the editor or go back now.');
    expect(removed).toEqual([{ text: '[https://a.example/plan] (and 4 more)', action: 'removed (link addresses)' }]);
  });

  it("removes a script's pseudo-address left alone on its line (NC208), and keeps one quoted in a sentence", () => {
    const prose = 'The council approved the new transport budget on Tuesday after a long debate that lasted well into the evening, officials said.';
    const r = cleanText(['Budget approved after long debate', '', 'javascript:void(0);', '', prose, '', "javascript:tb_show('','/photos/1');", '', `A link written as javascript:void(0) does nothing. ${prose}`].join('\n'));
    expect(r.body).toBe(`${prose}\n\nA link written as javascript:void(0) does nothing. ${prose}`);
    expect(r.removed.filter((x) => x.id === 'NC208').map((x) => x.text)).toEqual(['javascript:void(0);', "javascript:tb_show('','/photos/1');"]);
  });

  it('leaves a text alone that quotes an address or two in brackets, and words in brackets', () => {
    const quoted = 'The site [https://a.example] went down, and its mirror [https://b.example/] too. [Editor\'s note: fixed.] [sic]';
    expect(apply(quoted)).toEqual({ out: quoted, removed: [] });
  });

  fcTest.prop([fc.string({ maxLength: 400 }), fc.array(fc.webUrl(), { minLength: 1, maxLength: 6 })])(
    'never throws, never adds text, and a second pass changes nothing',
    (prose, urls) => {
      let k = 0;
      const text = prose.replace(/ /g, () => ` [${urls[k++ % urls.length]}] `);
      const once = apply(text).out;
      expect(once.length).toBeLessThanOrEqual(text.length);
      expect(apply(once).out).toBe(once);
    },
  );
});
