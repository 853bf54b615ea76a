/**
 * Backtracking safety: every rule, and the whole pipeline, meets long runs of the characters its patterns look for
 * (spaces, brackets, punctuation, repeated tokens) and must stay fast. A pattern with nested or adjacent unbounded
 * quantifiers goes quadratic or worse on these and blows the time bound by orders of magnitude.
 */
import { describe, expect, it } from 'vitest';
import { cleanText, rules } from '../src/index.js';
import { contextFor } from '../src/rules/define-rule.js';
import { MetaCollector } from '../src/metadata/collector.js';
import { resolveSettings } from '../src/settings.js';
import { parseHtml } from '../src/html/dom.js';
import { parseMarkdown } from '../src/markdown/parse.js';
import { renderBlocks } from '../src/markdown/render.js';
import { escapeInline } from '../src/markdown/escape.js';
import type { Block } from '../src/types.js';
import { InputError } from '../src/errors.js';

const UNITS = [
  'a ', '(((', ' ', '.', '-', '[', '](', ']', '\\', '*', '_', '#', '©', 'By ', 'A', '((x@', 'Copyright ', 'REUTERS/',
  'MOSCOW ', 'Click to share ', '1 ', '• ', ', ', ':', '|', '&amp;', 'http://', 'a@b', 'SOURCE ', '\t', '—', 'é ',
  'ATTENTION EDITORS ', '![', '`', '"', 'MENAFN', 'The post ', '(Reporting by ', '@', '/', 'www.', 'Photo: ', '> ',
];
const P = 'The city council approved the new transport budget on Tuesday after a long debate that lasted well into the evening, officials said.';
const repeat = (u: string, size: number): string => u.repeat(Math.ceil(size / u.length)).slice(0, size);
const settings = resolveSettings();

function timeIt(f: () => void): number {
  const t = performance.now();
  f();
  return performance.now() - t;
}

describe('each rule on adversarial input stays fast', () => {
  const SIZE = 30_000;
  // quadratic behaviour at 30 KB costs seconds; linear costs a few milliseconds
  const LIMIT_MS = 300;
  for (const rule of rules) {
    it(`${rule.id} ${rule.name}`, () => {
      const slow: string[] = [];
      const measure = (u: string, size: number): number => {
        const s = repeat(u, size);
        const base = { format: 'text' as const, path: undefined, settings, meta: new MetaCollector() };
        const ctx = contextFor(rule, base, [], []);
        let ms: number;
        if (rule.stage === 'raw') ms = timeIt(() => rule.apply(`Title\n\n${P}\n\n${s}\n\n${P}`, ctx));
        else if (rule.stage === 'html') {
          const dom = parseHtml(`<p>${P}</p><p>${s.replace(/[<&]/g, ' ')}</p><p class="byline">${s.slice(0, 500).replace(/[<&]/g, ' ')}</p>`);
          ms = timeIt(() => {
            try {
              rule.apply(dom, ctx);
            } catch (e) {
              if (!(e instanceof InputError)) throw e; // a page rule may decide there is no article: that is an answer
            }
          });
        } else {
          const one: Block[] = [{ type: 'paragraph', text: P }, { type: 'paragraph', text: s }, { type: 'paragraph', text: P }];
          const lines: Block[] = repeat(`${u}\n`, (4000 * size) / SIZE).split('\n').filter(Boolean).map((text) => ({ type: 'paragraph', text }));
          ms = timeIt(() => {
            rule.apply(one, ctx);
            rule.apply([{ type: 'paragraph', text: s }], ctx);
            rule.apply([{ type: 'heading', level: 2, text: s.slice(0, 5000) }, { type: 'list', ordered: false, items: [{ text: s, depth: 0 }] }], ctx);
            rule.apply([{ type: 'paragraph', text: P }, ...lines, { type: 'paragraph', text: P }], ctx);
            // no closing paragraph of prose: the whole run is the footer zone
            rule.apply([{ type: 'paragraph', text: P }, ...lines], ctx);
          });
        }
        return ms;
      };
      for (const u of UNITS) {
        const ms = measure(u, SIZE);
        // over the bound on a busy machine too: a linear rule takes about 4 times as long on 4 times the input, a
        // quadratic one 16 times; best of two runs each
        if (ms > LIMIT_MS) {
          const one = Math.min(ms, measure(u, SIZE));
          const four = Math.min(measure(u, 4 * SIZE), measure(u, 4 * SIZE));
          if (one > LIMIT_MS && four / one > 8) slow.push(`${JSON.stringify(u)}: ${Math.round(one)} ms, ${Math.round(four)} ms for 4 times the input`);
        }
      }
      expect(slow).toEqual([]);
    });
  }
});

describe('parsing, escaping and rendering on adversarial input stay fast', () => {
  it('Markdown and text parsing, inline escaping, rendering', () => {
    const slow: string[] = [];
    for (const u of UNITS) {
      const s = repeat(u, 50_000);
      const ms = timeIt(() => {
        const blocks = parseMarkdown(`${s}\n\n# ${s}\n\n| a | b |\n| --- | --- |\n| ${s} | x |\n\n> ${s}\n\n- ${s}`, 'markdown');
        parseMarkdown(`${s}\n${s}\n\n${s}`, 'text');
        escapeInline(s);
        renderBlocks(blocks);
      });
      if (ms > 400) slow.push(`${JSON.stringify(u)}: ${Math.round(ms)} ms`);
    }
    expect(slow).toEqual([]);
  });
});

describe('the whole pipeline on 100 KB of adversarial text', () => {
  // one long paragraph: well under a second each (the bound leaves room for a loaded test machine)
  for (const u of ['a ', '(((', ' ', '[', '\\', '*', '.', '((x@', 'Copyright ', 'By ', '_ ', '](']) {
    it(JSON.stringify(u), () => {
      const s = repeat(u, 100_000);
      const plain = timeIt(() => cleanText(s));
      const framed = timeIt(() => cleanText(`Council approves budget\n\n${P}\n\n${s}\n\n${P}`));
      expect(Math.max(plain, framed)).toBeLessThan(1500);
    });
  }
  // 50,000 one-word paragraphs: every rule visits every block, twice (rules run to a fixpoint); linear, so a few
  // hundred milliseconds, where one quadratic footer scan took minutes
  for (const u of ['a\n', 'a\n\n', 'Legal Disclaimer:\n\n', 'Copyright 2015\n\n']) {
    it(JSON.stringify(u), () => {
      const run = (size: number): number => timeIt(() => cleanText(`Council approves budget\n\n${P}\n\n${repeat(u, size)}`, { settings: { timeoutMs: 600_000 } }));
      const ms = run(100_000);
      // over the bound on a busy machine: linear still, if a quarter of the input takes about a quarter of the time
      // (quadratic: a sixteenth)
      if (ms >= 5000) expect(ms / run(25_000), `${Math.round(ms)} ms`).toBeLessThan(8);
    });
  }
});
