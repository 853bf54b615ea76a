/**
 * Cleaning an output again leaves it as it is: for generated hostile documents of every input format, clean(x)
 * gives a Markdown file, and cleaning that file gives the same body, byte for byte, and the same metadata wherever
 * it is carried in the front matter. Plus the shapes that used to lose text on the second clean.
 */
import { describe, expect, it } from 'vitest';
import { test } from '@fast-check/vitest';
import { cleanText, detectFormat } from '../../src/index.js';
import type { Metadata } from '../../src/types.js';
import { FORMATS } from '../helpers/hostile-docs.js';

const seed = process.env.NEWSCLEAN_PROPERTY_SEED ? Number(process.env.NEWSCLEAN_PROPERTY_SEED) : process.env.CI ? 20261121 : undefined;
const scale = Number(process.env.NEWSCLEAN_PROPERTY_RUNS ?? 1);
const opts = (numRuns: number) => ({ numRuns: Math.max(1, Math.round(numRuns * scale)), ...(seed !== undefined ? { seed } : {}) });

const P = 'The council approved the new transport budget on Tuesday after a long debate that lasted well into the evening.';
const Q = 'Residents of the northern districts said they had waited years for the bus lanes and the new bridge.';

/**
 * What the front matter carries from the first clean to the second. Format, encoding and input describe the file
 * read; needs_review judges the cleaning that made the output (a second clean that removes nothing has less to
 * flag: "much removed" is a fact about the first).
 */
function carried(m: Metadata): Partial<Metadata> {
  const { format: _f, encoding: _e, input: _i, needs_review: _n, ...rest } = m;
  return rest;
}

function expectStable(input: string): void {
  const once = cleanText(input);
  expect(once.error, JSON.stringify(once.error)).toBeNull();
  const twice = cleanText(once.markdown!);
  expect(twice.error).toBeNull();
  expect(twice.format).toBe('markdown');
  expect(twice.body).toBe(once.body);
  expect(carried(twice.metadata)).toEqual(carried(once.metadata));
}

describe('shapes that lost text when cleaned again', () => {
  it('an article that mentions tags as entities (&lt;ol&gt;, &lt;p&gt;) keeps every paragraph', () => {
    const html = `<p>${P}</p><p>${Q}</p><p>To number a list, web editors write &lt;ol&gt; and then &lt;li&gt; for each item, and &lt;p&gt; for a paragraph.</p><p>${P}</p>`;
    const once = cleanText(html);
    const paragraphs = [P, Q, 'To number a list, web editors write \\<ol> and then \\<li> for each item, and \\<p> for a paragraph.', P];
    expect(once.body).toBe(paragraphs.join('\n\n'));
    const twice = cleanText(once.markdown!);
    expect(twice.body).toBe(once.body); // every paragraph, the ones before the mention too
    expectStable(html);
  });

  it('escaped tags in the output are not read as HTML when the output is cleaned again', () => {
    const md = `---\ntitle: "Markup"\n---\n\n${P} The \\<p>, \\<div> and \\<br> tags and a [report](https://example.org/r).\n\n${Q}\n`;
    expect(detectFormat(md)).toBe('markdown');
    expectStable(md);
  });

  it('HTML shown inside a <pre> (a fenced code block in the output) is not read as markup', () => {
    expectStable(`<p>${P}</p><pre>&lt;p&gt;one&lt;/p&gt;\n&lt;ol&gt;&lt;li&gt;two&lt;/li&gt;&lt;/ol&gt;\n&lt;div&gt;three&lt;/div&gt;</pre><p>${Q}</p>`);
  });

  it('metadata holding tags does not make the output read as HTML', () => {
    const md = `---\ntitle: "Tags"\ndescription: "<p>One</p> <div>two</div> <br> <ol>"\n---\n\n${P} See the [report](https://example.org/r).\n\n${Q}\n`;
    expect(detectFormat(md)).toBe('markdown');
    expectStable(md);
  });

  it('entities decoded to white space, double-encoded entities and entities past three rounds', () => {
    expectStable(`${P}\n\n${Q} A&nbsp;&nbsp;b &amp;nbsp; c&#9;d &amp;amp;amp;amp;lt;e&gt; AT&amp;amp;T &#10;- not a list.\n`);
  });

  it('a quote holding a list, a heading and code', () => {
    expectStable(`<p>${P}</p><blockquote><p>${Q}</p><ol><li>one</li><li>two</li></ol><h3>Head</h3><pre>a &lt;b&gt; c</pre></blockquote><p>${P}</p>`);
  });

  it('a "](" whose target holds an image (its "!" is escaped only at render)', () => {
    expectStable(`---\ntitle: "x"\n---\n\n- ]( ![here](../up) &lt;script&gt; ${P}\n\n${Q}\n`);
    expectStable(`---\ntitle: "x"\n---\n\n${P} [a](b!c/d) and ]( ![x](/y) end.\n\n${Q}\n`);
  });

  it('a paragraph that starts with "* " once an entity before it is decoded, or with a rule of * or _', () => {
    expectStable(`The council approved the new transport budget on T\n\n&nbsp; * the ${P}\n\`<b>\` ${P}\n\n**b** [here](javascript:alert(1)) ${P}\nthe ${P}\n`);
    expectStable(`---\ntitle: "x"\n---\n\n&nbsp;* * *\n\n${P}\n\n&#32;___\n\n${Q}\n`);
  });

  it('a code span that an entity closes, leaving white space in front of the paragraph or bare addresses in it', () => {
    expectStable(`---\ntitle: "x"\n---\n\n\` &lt;script&gt;alert(1)&lt;/script&gt; &#96; &lt;script&gt; ${P}\n<![CDATA[ x ]]> [x][] ${P}\n\n${Q}\n`);
    expectStable(`---\ntitle: "x"\n---\n\n- \` [here](mailto:desk@example.org) http://example.org/a www.example.org &lt;script&gt;alert(1)&lt;/script&gt; &#96; ${P}\n\n${Q}\n`);
  });

  it('a code span that would hold a tag, and padded code spans', () => {
    expectStable(`---\ntitle: "x"\n---\n\n${P} The \` <!DOCTYPE html> \` line and \`<b>\` and \`\` a \`\` b.\n\n${Q}\n`);
  });
});

describe('generated hostile documents', () => {
  for (const [format, arb] of Object.entries(FORMATS)) {
    test.prop([arb], opts(300))(`${format}: cleaning the output again leaves body and front-matter metadata unchanged`, (doc) => {
      const once = cleanText(doc);
      if (once.markdown === null) return;
      const twice = cleanText(once.markdown);
      expect(twice.body).toBe(once.body);
      expect(carried(twice.metadata)).toEqual(carried(once.metadata));
    });
  }
});
