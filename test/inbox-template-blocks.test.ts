/**
 * Template text across an inbox of whole pages (NC223 inbox-template-blocks): a body block whose text several
 * different saved pages of one run hold (a blog's "about" box, a disclaimer under every post) is the site's and goes,
 * recorded; a quotation shared inside prose stays (so does a shared passage right before the article's own prose,
 * which may be its lede shown as a teaser on the site's other pages); short phrases are not templates; a page cleaned on its own is
 * cleaned as before.
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { fc, test as fcTest } from '@fast-check/vitest';
import { cleanText } from '../src/index.js';
import { htmlBlockLines } from '../src/inbox/html-lines.js';
import { hashKey, lineKey, TemplateIndex } from '../src/inbox/templates.js';
import { runCli } from './helpers/cli.js';
import { tempDir } from './helpers/tree.js';

const TOPICS = [
  ['council', 'budget', 'transport', 'vote', 'mayor', 'lanes'],
  ['harbour', 'fishing', 'boats', 'quota', 'skipper', 'catch'],
  ['library', 'books', 'readers', 'branch', 'opening', 'hours'],
  ['stadium', 'club', 'season', 'coach', 'league', 'fans'],
];

const ABOUT = 'Riverton Notes is a blog about the valley, written by two neighbours who have lived here for thirty years and still find new things to love.';
const DISCLAIMER = 'The views expressed in this post are those of its author and do not necessarily reflect the views of the editors of this site.';
const QUOTE = '"We will not rest until every family in the valley has a safe home again," the governor said on Monday.';
const SHORT = 'Thanks for reading.';

function paragraphs(t: number): string[] {
  const w = TOPICS[t % TOPICS.length]!;
  return Array.from(
    { length: 6 },
    (_, p) =>
      `The ${w[p % 6]} story number ${t}-${p} went on as the ${w[(p + 1) % 6]} and the ${w[(p + 2) % 6]} were discussed by ` +
      `officials of the ${w[(p + 3) % 6]} office in paragraph ${p} of report ${t}, who said that the ${w[(p + 4) % 6]} was ` +
      `still a matter for the ${w[(p + 5) % 6]} committee to settle later this year.`,
  );
}

/** A saved page: the post (its own paragraphs, maybe a shared quotation between them) with the site's boxes after it, inside the article element. */
function page(t: number, quote = false): string {
  const ps = paragraphs(t).map((p) => `<p>${p}</p>`);
  if (quote) ps.splice(3, 0, `<p>${QUOTE}</p>`);
  return `<!DOCTYPE html><html><head><title>Post ${t} about the ${TOPICS[t]![0]} &ndash; Riverton Notes</title>
<script>var x = "<p>${ABOUT}</p>";</script></head><body>
<article><h1>Post ${t} about the ${TOPICS[t]![0]}</h1>
${ps.join('\n')}
<p>${SHORT}</p>
<p><em>${DISCLAIMER}</em></p>
<p>${ABOUT.replace('blog', '<a href="/about">blog</a>')}</p>
</article></body></html>`;
}

function templatesOf(pages: string[]): Map<number, number[]> {
  const index = new TemplateIndex();
  for (const p of pages) index.add(htmlBlockLines(p));
  return index.templates();
}

describe('htmlBlockLines: the block texts of a page, one a line', () => {
  it('puts each block on a line of its own, drops scripts, styles and comments, decodes entities', () => {
    const lines = htmlBlockLines(
      '<html><head><title>T</title><style>p{}</style></head><body><!-- <p>hidden</p> --><div>Top <b>bold</b> text<p>One &amp; two</p></div><ul><li>Item <a href="#">one</a><li>Item two</ul><script>document.write("<p>no</p>")</script></body></html>',
    )
      .split('\n')
      .map((l) => l.trim())
      .filter(Boolean);
    expect(lines).toEqual(['Top bold text', 'One & two', 'Item one', 'Item two']);
  });

  it('gives a block the same key as the cleaned body shows for it', () => {
    const lines = htmlBlockLines(page(0)).split('\n').map((l) => lineKey(l)?.key).filter(Boolean);
    expect(lines).toContain(lineKey(ABOUT)!.key);
    expect(lines).toContain(lineKey(DISCLAIMER)!.key);
  });
});

describe('NC223 inbox-template-blocks (cleaner)', () => {
  const pages = [0, 1, 2, 3].map((t) => page(t, t < 3));
  const m = templatesOf(pages);

  it('removes the about box and the disclaimer every post shows, recorded with the rule id', () => {
    expect(m.get(3)).toContain(hashKey(lineKey(ABOUT)!.key));
    const r = cleanText(pages[3]!, { path: 'p3.html', templates: m.get(3)! });
    expect(r.error).toBeNull();
    expect(r.body).not.toContain('Riverton Notes is a');
    expect(r.body).not.toContain('do not necessarily reflect');
    expect(r.body).toContain('story number 3-5');
    const recs = r.removed.filter((x) => x.id === 'NC223');
    expect(recs.map((x) => x.rule)).toEqual(['inbox-template-blocks', 'inbox-template-blocks']);
    expect(recs.map((x) => x.text).join(' ')).toContain('views expressed in this post');
  });

  it('keeps a quotation that several posts print inside their prose, and a short phrase they share', () => {
    expect(m.get(0)).toContain(hashKey(lineKey(QUOTE)!.key));
    expect(m.get(0)).toContain(hashKey(lineKey(SHORT)!.key));
    const r = cleanText(pages[0]!, { path: 'p0.html', templates: m.get(0)! });
    expect(r.body).toContain('We will not rest until every family');
    expect(r.body).toContain(SHORT);
    expect(r.body).not.toContain('Riverton Notes is a');
  });

  it('changes nothing for a page cleaned on its own', () => {
    const alone = cleanText(pages[3]!, { path: 'p3.html' });
    expect(cleanText(pages[3]!, { path: 'p3.html', templates: [] })).toEqual(alone);
    expect(alone.body).toContain('Riverton Notes is a');
    expect(alone.removed.some((x) => x.id === 'NC223')).toBe(false);
  });

  fcTest.prop([fc.array(fc.string({ maxLength: 60 }), { maxLength: 20 }), fc.array(fc.integer({ min: 0, max: 2 ** 32 - 1 }), { maxLength: 10 })])(
    'never throws on any page, whatever its template lines',
    (texts, hashes) => {
      const html = `<html><head><title>x</title></head><body>${texts.map((t) => `<p>${t}</p>`).join('')}</body></html>`;
      const keys = htmlBlockLines(html).split('\n').map(lineKey).filter((k) => k !== null).map((k) => hashKey(k!.key));
      expect(cleanText(html, { path: 'x.html', templates: [...hashes, ...keys] })).toBeDefined();
    },
  );
});

describe('newsclean CLI: template blocks of a folder of saved pages', () => {
  it('removes the box four pages of one folder share, and keeps it when a page is cleaned alone or the rule is off', async () => {
    const dir = tempDir();
    mkdirSync(path.join(dir, 'in'));
    for (let t = 0; t < 4; t++) writeFileSync(path.join(dir, 'in', `p${t}.html`), page(t));
    const r = await runCli(['in', '-o', 'out', '--json'], { cwd: dir });
    expect(r.code).toBe(0);
    const report = JSON.parse(r.stdout);
    expect(report.documents).toHaveLength(4);
    for (const d of report.documents) {
      expect(d.error).toBeNull();
      const md = readFileSync(path.join(dir, d.output), 'utf8');
      expect(md).not.toContain('Riverton Notes is a');
      expect(md).toContain('story number');
      expect(d.removed.some((x: { id: string }) => x.id === 'NC223')).toBe(true);
    }
    const one = await runCli(['in/p0.html', '-o', 'single', '--json'], { cwd: dir });
    const doc = JSON.parse(one.stdout).documents[0];
    expect(doc.removed.some((x: { id: string }) => x.id === 'NC223')).toBe(false);
    expect(readFileSync(path.join(dir, doc.output), 'utf8')).toContain('Riverton Notes is a');
    const off = await runCli(['in', '-o', 'off', '--json', '--disable', 'inbox-template-blocks'], { cwd: dir });
    expect(JSON.parse(off.stdout).documents.every((d: { removed: Array<{ id: string }> }) => !d.removed.some((x) => x.id === 'NC223'))).toBe(true);
  });
});
