/**
 * Every Markdown file newsclean writes passes markdownlint with fixtures/markdownlint.json. That config keeps
 * every rule on except the few that do not fit articles:
 * - MD013 (line length): a paragraph is one line of any length; hard-wrapping would change the text on re-cleaning.
 * - MD014 (dollar signs before commands without output): a code block is the article's own text (a terminal session
 *   of "$ hg init public"), which a cleaner must not rewrite.
 * - MD041 (first line is a top-level heading): the contract keeps the title in front matter and forbids a title
 *   heading in the body; a file whose source gave no headline has nothing to put there.
 * - MD024 is kept but limited to sibling headings: a live blog may repeat a subhead ("Update") under different parents.
 * - MD059 (descriptive link text): link text is the article's own wording ("here", "read more" inside a sentence),
 *   which a cleaner must not rewrite.
 * Everything else the renderer must get right itself (blank lines, list markers, escaping, no bare URLs, …).
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { lint } from 'markdownlint/sync';
import { allCases, cleaned } from './helpers/cases.js';
import { FIXTURES } from './helpers/paths.js';
import { cleanText } from '../src/index.js';

const config = JSON.parse(readFileSync(path.join(FIXTURES, 'markdownlint.json'), 'utf8')) as Record<string, unknown>;

function problems(name: string, markdown: string): string[] {
  const res = lint({ strings: { [name]: markdown }, config });
  return (res[name] ?? []).map((e) => `${name}:${e.lineNumber} ${e.ruleNames.join('/')} ${e.errorDetail ?? ''} [${(e.errorContext ?? '').slice(0, 60)}]`);
}

describe('markdownlint on every output', () => {
  it('the config switches off only the documented rules', () => {
    const off = Object.entries(config).filter(([, v]) => v === false).map(([k]) => k).sort();
    expect(off).toEqual(['MD013', 'MD014', 'MD041', 'MD059']);
  });
  for (const c of allCases()) {
    it(c.name, () => {
      const r = cleaned(c);
      expect(r.error).toBeNull();
      expect(problems(c.name, r.markdown!)).toEqual([]);
    });
  }
  it('catches what the renderer must avoid (the config is live)', () => {
    expect(problems('bad.md', '---\ntitle: "x"\n---\n\nText  \n\n\n* item\n')).not.toEqual([]);
  });
});

/** Shapes that text browsers and pages produce and that a renderer writing block by block gets wrong. */
describe('markdownlint on shapes the development pages showed', () => {
  const para = 'The council met on Tuesday evening to discuss the budget for the coming year, and the debate ran late into the night.';
  const page = (body: string): string =>
    `<html><head><title>Budget night</title></head><body><article><h1>Budget night</h1><p>${para}</p>${body}<p>${para.replace('Tuesday', 'Wednesday')}</p></article></body></html>`;
  const cases: Array<{ name: string; input: string; path: string; has: RegExp[] }> = [
    {
      name: 'a list a text browser indented by two spaces starts at the margin (MD007)',
      path: 'a.txt',
      input: `Budget night\n\n${para}\n\n  - first item of the list that the page showed\n  - second item of the list that the page showed\n    - a nested item under the second one\n  - third item of the list that the page showed\n\n${para}\n`,
      has: [/^- first item/m, /^ {2}- a nested item/m, /^- third item/m],
    },
    {
      name: 'HTML lists that skip a level nest one step at a time (MD007)',
      path: 'b.html',
      input: page('<ul><li>outer item one</li><li><ul><li><ul><li>deep item under it</li></ul></li></ul></li><li>outer item two</li></ul>'),
      has: [/^- outer item one/m, /^ {2}- deep item under it/m],
    },
    {
      name: 'a paragraph that is one bold or italic span loses the wrapping emphasis (MD036)',
      path: 'c.html',
      input: page(
        '<p><strong>What the council decided</strong></p><p>' + para + '</p><p><em>photo by the city press office</em></p><p><strong>' +
          'Read the whole statement that the council published on its website after the long vote on Tuesday night</strong></p>',
      ),
      // a short bold line is a subhead (rule NC218); what is left of the shape loses its emphasis
      has: [/^#{2,6} What the council decided$/m, /^photo by the city press office$/m, /^Read the whole statement .* Tuesday night$/m],
    },
    {
      name: 'a heading that ends in a colon is a lead-in paragraph (MD026)',
      path: 'd.html',
      input: page('<h2>What happens next:</h2><p>' + para + '</p>'),
      has: [/^What happens next:$/m],
    },
    {
      name: 'a heading repeating an earlier sibling is written as a paragraph (MD024)',
      path: 'e.html',
      input: page('<h2>Update</h2><p>' + para + '</p><h2>Update</h2><p>' + para.replace('council', 'mayor') + '</p>'),
      has: [/^## Update$/m, /^Update$/m],
    },
    {
      name: 'two numbered lists in a row stay two lists (MD029)',
      path: 'f.html',
      input: page('<ol><li>first step of the plan</li><li>second step of the plan</li></ol><ol><li>first step of the other plan</li><li>second step of the other plan</li></ol>'),
      has: [/^1\. first step of the plan/m, /^1\) first step of the other plan/m],
    },
    {
      name: 'citation marks in a row are text, not reference links (MD052)',
      path: 'g.html',
      input: page(`<p>The budget grew by a third over two years.<sup>[6]</sup><sup>[7]</sup> ${para}</p>`),
      has: [/years\.\[6\\\]\[7\]/],
    },
    {
      name: 'a run of underscores in text is escaped whole, not every other one (MD037, MD049)',
      path: 'h.html',
      input: page(`<p>In Q4______ becomes available, and a *redacted* ______ release follows. ${para}</p>`),
      has: [/Q4\\_\\_\\_\\_\\_\\_ becomes/, / \\_\\_\\_\\_\\_\\_ release/],
    },
    {
      name: 'a www. that is not followed by a domain is not left for GFM readers to link (MD034)',
      path: 'j.html',
      input: page(`<p>Address canonization (www.*.com) now uses https by default, the council's web team said. ${para}</p>`),
      has: [/\(www\\\.\\\*\.com\)/],
    },
    {
      name: 'italics toggled around titles leave no marker that opens before punctuation after a word (MD037)',
      path: 'k.html',
      input: page('<p><em>I went hiking with Bill Bryson in </em>A Walk in the Woods<em>. I saw the jungle in </em>The Things They Carried<em>. And my heart split open.</em></p>'),
      has: [/^\*I went hiking with Bill Bryson in\* A Walk in the Woods\. I saw the jungle in The Things They Carried\. And my heart split open\.$/m],
    },
    {
      name: 'italics inside italics stay one emphasis, not markers paired the wrong way (MD037)',
      path: 'l.html',
      input: page('<p>I read McCarthy&#8217;s <em><span class="st">post<em>apocalyptic</em> tale,</span> </em>The Road, with a hand half over my eyes, and the council met again.</p>'),
      has: [/I read McCarthy’s \*postapocalyptic tale,\* The Road, with/],
    },
    {
      name: 'an empty table cell is written like the others (MD060)',
      path: 'i.html',
      input: page('<table><tr><th>Item</th><th></th></tr><tr><td>Roads and bridges for the next year</td><td></td></tr></table>'),
      has: [/^\| Item \| \|$/m],
    },
  ];
  for (const c of cases) {
    it(c.name, () => {
      const r = cleanText(c.input, { path: c.path });
      expect(r.error).toBeNull();
      const md = r.markdown!;
      for (const re of c.has) expect(md, re.source).toMatch(re);
      expect(problems(c.path, md)).toEqual([]);
    });
  }
});
