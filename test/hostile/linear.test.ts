/**
 * Every cleaning stage is linear: inputs of the shapes that used to grow with the square of their size (long
 * front-matter lists, tens of thousands of sibling links, runs of block quotes) and a few ordinary large shapes are
 * cleaned at a size and at four times that size, and the time may grow at most 8 times (linear: 4; quadratic: 16).
 * Timed in alternation, best of a few runs each, measured again when over the bound, so that a busy machine does
 * not decide. And the --timeout budget holds in the calling thread (library mode, --threads 0) within a small
 * margin. (HTML fed to the parser in chunks, which the budget needs: html-chunks.test.ts.)
 */
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { cleanText } from '../../src/index.js';
import { runCli } from '../helpers/cli.js';
import { tempDir } from '../helpers/tree.js';

const P = 'The council approved the new transport budget on Tuesday after a long debate that lasted well into the evening.';
const R = (n: number, f: (i: number) => string, sep = ''): string => Array.from({ length: n }, (_, i) => f(i)).join(sep);

/** Each shape at size n; the base sizes make the small input take some tens of milliseconds. */
const SHAPES: Array<[string, (n: number) => string, number]> = [
  ['front-matter tag list', (n) => `---\ntitle: "A title"\ntags:\n${R(n, (i) => `  - "tag ${i}"\n`)}---\n\n${P}\n\n${P}\n`, 2000],
  ['front-matter flow list', (n) => `---\ntitle: "A title"\ntags: [${R(n, (i) => `t${i}`, ', ')}]\n---\n\n${P}\n\n${P}\n`, 4000],
  ['sibling links', (n) => `<p>${P}</p>${R(n, (i) => `<a href="/a/${i}">link ${i}</a>`)}<p>${P}</p>`, 4000],
  ['links in one paragraph', (n) => `<p>${P}</p><p>${R(n, (i) => `<a href="/a/${i}">link ${i}</a> <b>b</b> `)}</p><p>${P}</p>`, 2000],
  ['block quotes', (n) => `<p>${P}</p>${R(n, (i) => `<blockquote><p>quote ${i}</p></blockquote>`)}`, 6000],
  ['HTML paragraphs and lists', (n) => R(n, (i) => `<p>${P} ${i}</p><ul><li>item ${i}</li></ul>`), 600],
  ['table rows', (n) => `<p>${P}</p><table>${R(n, (i) => `<tr><td>a ${i}</td><td>b ${i}</td></tr>`)}</table><p>${P}</p>`, 2000],
  ['text lines and entities', (n) => `Title\n\n${R(n, (i) => `Line ${i} &amp;amp;lt;b&amp;gt; of the text`, '\n')}\n`, 2000],
  // the unclosed <b> make detection read this as HTML, and the parser nests every later line inside them
  ['Markdown-like lines with unclosed tags (read as HTML)', (n) => `---\ntitle: "x"\n---\n\n${R(n, (i) => `- item [l${i}](/a/${i}) \`c${i}\` <b>`, '\n')}\n`, 2000],
  ['nested emphasis', (n) => `<p>${P}</p><p>${R(n, (i) => `${i % 2 ? '<i>' : '<b>'}${i} ${P} `)}</p><p>${P}</p>`, 1000],
  ['Markdown links, code, emphasis and lists', (n) => `---\ntitle: "x"\n---\n\n${P}\n\n${R(n, (i) => `- item [l${i}](/a/${i}) \`c${i}\` *e${i}* &amp; \\<b>`, '\n')}\n`, 2000],
  // sections whose ids read like their headings are looked into for the heading: never further than a few elements
  ['nested sections with anchor-like ids', (n) => `<p>${P}</p>${R(n, (i) => `<div id="share-this-story-${i}" class="share"><span>s ${i}</span>`)}<p>${P}</p>${'</div>'.repeat(n)}<p>${P}</p>`, 1500],
  // a page's text nodes one to a line: the pieces of broken sentences joined again
  ['text nodes one to a line', (n) => `Title\n${R(n, (i) => `${P} Then the\nlink ${i}\n, and the sentence goes on for a while after it ends here.`, '\n')}\n`, 1500],
  // a converter's text with every link's address in brackets after it (NC007 takes the addresses out)
  ['text with links\' addresses in brackets', (n) => `Title\n\n${P}\n\n${R(n, (i) => `word ${i}     [/a/${i}] more [https://x.org/${i}]`, ' ')}\n\n${P}\n`, 2000],
  // a paragraph of Chinese as a browser wraps it, its lines joined again without spaces (src/text/unspaced.ts)
  ['a wrapped paragraph of Chinese', (n) => `标题\n\n${R(n, (i) => `“这条线路全长三十二公里，设有二十四座车站，连接城市东部的新区和西部的老城区${i}`, '\n')}。\n`, 1500],
  // one run of Chinese letters: ICU's dictionary segmentation grows faster than its input on such a run
  ['one long line of Chinese without punctuation', (n) => `标题\n\n${'这条线路全长三十二公里设有二十四座车站连接城市东部的新区和西部的老城区'.repeat(n)}\n`, 1500],
  ['Markdown paragraph of links and quotes', (n) => `---\ntitle: "x"\n---\n\n${P}\n\n${R(n, (i) => `word [l${i}](/a/${i}) **s${i}** &lt;b&gt;`, ' ')}\n\n${R(n, (i) => `> quote ${i} [l](https://x.org/${i})\n>`, '\n')}\n`, 2000],
];

const time = (f: () => void): number => {
  const t = performance.now();
  f();
  return performance.now() - t;
};

/**
 * The ratio of the large input's time to the small one's: the two are timed in alternation (so that a change of load
 * falls on both), best of three each; a ratio over the bound is measured again, up to three times in all, and the
 * lowest counts. A busy machine can make one measurement slow, not every one; a quadratic stage is slow every time.
 */
function timeRatio(small: () => void, large: () => void, bound: number): { ratio: number; detail: string } {
  let best = { ratio: Infinity, detail: '' };
  for (let attempt = 0; attempt < 3 && best.ratio >= bound; attempt++) {
    let tSmall = Infinity;
    let tLarge = Infinity;
    for (let r = 0; r < 3; r++) {
      tSmall = Math.min(tSmall, time(small));
      tLarge = Math.min(tLarge, time(large));
    }
    // a few milliseconds of fixed cost would flatter the ratio: the small input must take real time
    const ratio = tLarge / Math.max(tSmall, 5);
    if (ratio < best.ratio) best = { ratio, detail: `${tSmall.toFixed(0)} ms -> ${tLarge.toFixed(0)} ms for 4x the input` };
  }
  return best;
}

describe('cleaning time grows linearly with the input', () => {
  for (const [name, make, n] of SHAPES) {
    it(name, () => {
      const small = make(n);
      const large = make(4 * n);
      const settings = { timeoutMs: 600_000 };
      expect(cleanText(small, { settings }).error).toBeNull();
      expect(cleanText(large, { settings }).error).toBeNull();
      const { ratio, detail } = timeRatio(() => cleanText(small, { settings }), () => cleanText(large, { settings }), 8);
      expect(ratio, detail).toBeLessThan(8);
    }, 180_000);
  }
});

describe('the time budget in the calling thread', () => {
  const MARGIN = 1000;
  /** A budget of a third of what cleaning the document takes on this machine (so it is overrun, fast machine or slow). */
  const budgetFor = (doc: string): number => {
    const t = performance.now();
    expect(cleanText(doc, { settings: { timeoutMs: 600_000 } }).error).toBeNull();
    return Math.max(200, Math.floor((performance.now() - t) / 3));
  };
  const big: Array<[string, string]> = [
    ['HTML paragraphs', R(30_000, (i) => `<p>${P} ${i}</p>`)],
    ['sibling links', `<p>${P}</p>${R(150_000, (i) => `<a href="/a/${i}">l${i}</a>`)}`],
    ['front-matter list and paragraphs', `---\ntitle: "x"\ntags:\n${R(45_000, (i) => `  - "tag ${i}"\n`)}---\n\n${R(40_000, (i) => `${P} ${i}`, '\n\n')}\n`],
    ['text paragraphs', `Title\n\n${R(60_000, (i) => `${P} ${i}`, '\n\n')}\n`],
  ];
  for (const [name, doc] of big) {
    it(`${name}: stops within ${MARGIN} ms of its budget`, () => {
      const budget = budgetFor(doc);
      const t = performance.now();
      const r = cleanText(doc, { settings: { timeoutMs: budget } });
      const ms = performance.now() - t;
      expect(r.error?.code, `budget ${budget} ms`).toBe('timeout');
      expect(ms).toBeLessThan(budget + MARGIN);
    }, 120_000);
  }

  it('newsclean --threads 0 honours --timeout: the run ends within the budget and a margin', async () => {
    const work = tempDir('newsclean-budget-');
    writeFileSync(path.join(work, 'small.html'), `<p>${P}</p><p>${P}</p>`);
    writeFileSync(path.join(work, 'big.html'), big[1]![1]);
    const budget = budgetFor(big[1]![1]);
    const run = async (file: string): Promise<{ ms: number; report: { documents: Array<{ error: { code: string } | null }> } }> => {
      const t = performance.now();
      const r = await runCli([path.join(work, file), '--threads', '0', '--timeout', String(budget), '--no-dedup', '--json', '-o', path.join(work, `out-${file}`)], { timeoutMs: 120_000 });
      const ms = performance.now() - t;
      expect(r.signal).toBeNull();
      return { ms, report: JSON.parse(r.stdout) };
    };
    const small = await run('small.html'); // start-up, reading and writing: what the margin is added to
    const large = await run('big.html');
    expect(small.report.documents[0]!.error).toBeNull();
    expect(large.report.documents[0]!.error?.code).toBe('timeout');
    expect(large.ms - small.ms).toBeLessThan(budget + MARGIN);
  }, 180_000);
});
