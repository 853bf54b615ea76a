/**
 * The HTML report in a real browser: Debian's headless Chromium opens the page written by `newsclean --report` from
 * disk and the tests check that every section renders, the side-by-side views show what they should, the filters
 * work, nothing is requested over the network and nothing is logged as an error. A screenshot of each section goes to
 * test/.artifacts/report/ (kept by CI as an artifact).
 */
import { cpSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { runCli } from './helpers/cli.js';
import { FIXTURES, ROOT } from './helpers/paths.js';
import { tempDir } from './helpers/tree.js';
import { HAS_CHROMIUM, IN_CI, launchChromium, MISSING_CHROMIUM } from './helpers/browser.js';

const ARTIFACTS = path.join(ROOT, 'test', '.artifacts', 'report');
const SHARED_SENTENCE = 'According to a leaked document seen by the Washington Post';

if (!HAS_CHROMIUM && !IN_CI) console.warn(`\n[report-browser] SKIPPED: ${MISSING_CHROMIUM}\n`);

if (!HAS_CHROMIUM && IN_CI) {
  describe('the HTML report in Chromium', () => {
    it('needs Chromium in CI', () => {
      throw new Error(MISSING_CHROMIUM);
    });
  });
}

interface JsonReport {
  documents: Array<{ input: string; status: string; removed: Array<{ id: string; text: string }>; error: { code: string } | null }>;
  pairs: Array<{ a: string; b: string; kind: string; jaccard: number; containment: number }>;
  clusters: Array<{ canonical: string; members: string[] }>;
}

describe.skipIf(!HAS_CHROMIUM)('the HTML report in Chromium', () => {
  let page: Page;
  let close: () => Promise<void>;
  let json: JsonReport;
  const errors: string[] = [];
  const requests: string[] = [];
  let url = '';
  const doc = (suffix: string): number => json.documents.findIndex((d) => d.input.endsWith(suffix));
  const pairOf = (a: string, b: string): number => json.pairs.findIndex((p) => p.a.endsWith(a) && p.b.endsWith(b));
  const go = async (hash: string): Promise<void> => {
    await page.evaluate((h) => (location.hash = h), hash);
    // polled on a timer: a frame-driven poll can stall in a headless page just after a full-page screenshot
    await page.waitForFunction((h) => location.hash === h || location.hash.startsWith(h.split('?')[0]!), hash, { polling: 100 });
  };
  const shot = async (name: string): Promise<void> => {
    await page.screenshot({ path: path.join(ARTIFACTS, `${name}.png`), fullPage: true });
  };
  const words = (s: string): string => s.toLowerCase().replace(/[^\p{L}\p{N}]+/gu, ' ').trim();

  beforeAll(async () => {
    const work = tempDir();
    const inbox = path.join(work, 'inbox');
    cpSync(path.join(FIXTURES, 'inbox'), inbox, { recursive: true });
    // a known duplicate: the wire story of 001 again, lightly edited and with a paragraph cut (it also overlaps 002,
    // as 001 does)
    const original = readFileSync(path.join(inbox, '001_6bec7f7e1818aaca.txt'), 'utf8');
    const copy = original.replace('Secretary of State John Kerry', 'top U.S. diplomat John Kerry').replace(/<p>[^<]*condolences\.<\/p>/, '');
    expect(copy.length).toBeLessThan(original.length - 100);
    mkdirSync(path.join(inbox, 'copies'));
    writeFileSync(path.join(inbox, 'copies', '001_copy.txt'), copy);
    // two failures with different codes, and two skipped paths
    mkdirSync(path.join(inbox, 'bad'));
    writeFileSync(path.join(inbox, 'bad', 'picture.png'), Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13, 0x49, 0x48, 0x44, 0x52]));
    writeFileSync(path.join(inbox, 'bad', 'blank.txt'), '  \n\n ');
    writeFileSync(path.join(inbox, '.hidden.txt'), 'a hidden note');
    writeFileSync(path.join(inbox, 'manifest.json'), '[{"id": 1}, {"id": 2}]');
    const r = await runCli(['inbox', '-o', 'out', '--json', '--report', 'report.html'], { cwd: work, timeoutMs: 120_000 });
    expect(r.code).toBe(1); // two inputs failed
    json = JSON.parse(r.stdout) as JsonReport;
    mkdirSync(ARTIFACTS, { recursive: true });
    const launched = await launchChromium();
    close = launched.close;
    page = await launched.context.newPage();
    page.on('console', (m) => {
      if (m.type() === 'error') errors.push(m.text());
    });
    page.on('pageerror', (e) => errors.push(e.message));
    page.on('request', (q) => requests.push(q.url()));
    url = `file://${path.join(work, 'report.html')}`;
    await page.goto(url);
    await page.waitForSelector('html[data-ready]', { timeout: 30_000 });
  }, 180_000);

  afterAll(async () => {
    await close?.();
  });

  it('opens from disk ready, with the run line filled in', async () => {
    expect(await page.textContent('#runline')).toMatch(/^9 files · 4 pairs · \d+\.\d s · newsclean /);
  });

  it('summary: counts, failures grouped by error code with their files, skipped paths, settings', async () => {
    await go('#summary');
    const cards = await page.$$eval('#s-summary .card', (els) => Object.fromEntries(els.map((e) => [e.querySelector('span')!.textContent, e.querySelector('b')!.textContent])));
    expect(cards).toMatchObject({ files: '9', cleaned: '6', failed: '2', skipped: '2', 'duplicate pairs': '1', 'overlap pairs': '3', clusters: '1', dropped: '0' });
    expect(await page.$$eval('details.fail', (els) => els.map((e) => e.getAttribute('data-code')).sort())).toEqual(['binary', 'empty']);
    await page.click('details.fail[data-code="binary"] summary');
    await page.waitForSelector('details.fail[data-code="binary"] li');
    expect(await page.textContent('details.fail[data-code="binary"] li')).toMatch(/inbox\/bad\/picture\.png — not a text file/);
    expect(await page.textContent('#s-summary')).toContain('manifest.json');
    const settings = await page.textContent('#settings');
    expect(settings).toContain('Jaccard ≥ 0.5');
    expect(settings).toContain('newsclean inbox -o out --json --report report.html');
    expect(await page.$$eval('#chart-formats .bar', (els) => els.length)).toBeGreaterThanOrEqual(3);
    await shot('summary');
  });

  it('cleaning: removals per rule as bars, the files where each removed most, input and Markdown side by side', async () => {
    await go('#cleaning');
    const rulesUsed = new Set(json.documents.flatMap((d) => d.removed.map((r) => r.id)));
    expect(await page.$$eval('#chart-rules .bar', (els) => els.map((e) => e.getAttribute('data-key')).sort())).toEqual([...rulesUsed].sort());
    expect(await page.$$eval('#top-table tr', (els) => els.length)).toBeGreaterThan(1);
    const d = doc('004_408d40fa7173d6f7.txt');
    await go(`#file/${d}`);
    await page.waitForSelector('#pane-input mark.rm');
    expect(await page.textContent('#file-title')).toContain('004_408d40fa7173d6f7.txt');
    // the removed legal footer is highlighted in the input and labelled with its rule
    const footer = await page.$$eval('#pane-input mark.rm[data-rule="NC202"]', (els) => els.map((e) => e.textContent));
    expect(footer.join(' ')).toContain('NC202Legal Disclaimer:');
    expect(await page.textContent('#pane-md')).toContain('title: "Putin Kerry agree to push ahead with Syria peace process"');
    expect(await page.textContent('#pane-md')).not.toContain('Legal Disclaimer');
    // the list under the panes is the one --explain prints: the same rules, in the same order, the same texts (whole)
    const listed = await page.$$eval('#explain-list li', (els) => els.map((e) => [e.querySelector('b')!.textContent, e.querySelector('.txt')!.textContent]));
    const expected = json.documents[d]!.removed;
    expect(listed.map((l) => l[0])).toEqual(expected.map((r) => r.id));
    listed.forEach(([, text], k) => expect(text!.startsWith(expected[k]!.text.replace(/…$/, ''))).toBe(true));
    await shot('cleaning');
  });

  it('near-duplicates: histograms with the thresholds, clusters with the canonical member and why', async () => {
    await go('#dups');
    expect(await page.$$eval('#hist-j .bin', (els) => els.length)).toBe(50);
    expect(await page.textContent('#hist-j')).toContain('--threshold 0.5');
    expect(await page.textContent('#hist-c')).toContain('--containment 0.4');
    await page.waitForFunction(() => document.querySelectorAll('#pair-list .vrow').length === 4);
    expect(await page.$$eval('#cluster-list .vrow', (els) => els.length)).toBe(1);
    await shot('near-duplicates');
    await go('#cluster/0');
    await page.waitForSelector('#cluster-why');
    const cluster = json.clusters[0]!;
    expect(await page.textContent('#dup-view')).toContain(path.basename(cluster.canonical));
    // the copy lost its last paragraph: the original has the longer body
    expect(cluster.canonical).toMatch(/001_6bec7f7e1818aaca\.txt$/);
    expect(await page.textContent('#cluster-why')).toMatch(/longest body \(\d+ words, next best \d+\)/);
  });

  it('a pair view shows the shared passages of a known overlap highlighted side by side', async () => {
    const i = pairOf('000_71cecdebd7891502.txt', '003_16d60ea988cd834e.txt');
    expect(i).toBeGreaterThanOrEqual(0);
    await go(`#pair/${i}`);
    await page.waitForSelector('#pair-rows mark.sh');
    expect(await page.textContent('#pair-verdict')).toBe('overlap');
    expect(await page.textContent('#pair-j')).toBe(json.pairs[i]!.jaccard.toFixed(2));
    expect(await page.textContent('#pair-c')).toBe(json.pairs[i]!.containment.toFixed(2));
    // each aligned row holds the same passage on both sides, and the known shared sentence is one of them
    const rows = await page.$$eval('#pair-rows > div.p', (els) => els.map((e) => e.textContent!.replace(/^\d+/, '')));
    expect(rows.length).toBeGreaterThanOrEqual(2);
    for (let k = 0; k < rows.length; k += 2) expect(words(rows[k]!)).toBe(words(rows[k + 1]!));
    expect(rows.some((r) => r.includes(SHARED_SENTENCE))).toBe(true);
    await shot('pair-overlap');
  });

  it('a pair view of a duplicate shows its passages, found again for the report', async () => {
    const i = json.pairs.findIndex((p) => p.kind === 'duplicate');
    expect(json.pairs[i]!.b).toMatch(/copies\/001_copy\.txt$/);
    await go(`#pair/${i}`);
    await page.waitForSelector('#pair-rows mark.sh');
    expect(await page.textContent('#pair-verdict')).toBe('duplicate');
    expect(await page.textContent('#pair-why')).toMatch(/Jaccard 0\.\d\d ≥ 0\.5/);
    const marks = await page.$$eval('#pair-rows mark.sh', (els) => els.length);
    expect(marks).toBeGreaterThanOrEqual(2);
    await shot('pair-duplicate');
  });

  it('filters: files by name, rule, error code, cluster and status; pairs by verdict, cluster and a histogram bin', async () => {
    const count = async (sel: string) => (await page.textContent(sel))!;
    await go('#files');
    await page.waitForSelector('#file-list .vrow');
    expect(await count('#f-count')).toBe('9 of 9 files');
    await page.fill('#f-q', '003_');
    await page.waitForFunction(() => document.querySelector('#f-count')!.textContent === '1 of 9 files');
    await page.fill('#f-q', '');
    await page.selectOption('#f-rule', 'NC202');
    await page.waitForFunction(() => document.querySelector('#f-count')!.textContent === '1 of 9 files');
    expect(await page.textContent('#file-list .vrow')).toContain('004_408d40fa7173d6f7.txt');
    await page.selectOption('#f-rule', '');
    await page.selectOption('#f-err', 'binary');
    await page.waitForFunction(() => document.querySelector('#f-count')!.textContent === '1 of 9 files');
    expect(await page.textContent('#file-list .vrow')).toContain('picture.png');
    await page.selectOption('#f-err', '');
    await page.fill('#f-cl', '#1');
    await page.waitForFunction(() => document.querySelector('#f-count')!.textContent === '2 of 9 files');
    await page.fill('#f-cl', '');
    await page.selectOption('#f-st', 'failed');
    await page.waitForFunction(() => document.querySelector('#f-count')!.textContent === '2 of 9 files');
    // the filter is in the address, so a link to it works
    expect(await page.evaluate(() => location.hash)).toBe('#files?st=failed');
    await page.selectOption('#f-st', '');
    await page.waitForFunction(() => document.querySelector('#f-count')!.textContent === '9 of 9 files');
    await shot('files');
    // a rule's bar leads to its files
    await go('#files?rule=NC209');
    await page.waitForFunction(() => document.querySelector('#f-count')!.textContent !== '9 of 9 files');
    expect(await count('#f-count')).toBe(`${json.documents.filter((d) => d.removed.some((r) => r.id === 'NC209')).length} of 9 files`);

    await go('#dups');
    await page.selectOption('#p-kind', 'overlap');
    await page.waitForFunction(() => document.querySelector('#p-count')!.textContent!.startsWith('3 of 4 pairs'));
    await page.selectOption('#p-kind', '');
    // the pairs with a member of the cluster: the duplicate, and the overlaps of both members with 002
    await page.fill('#p-cl', '1');
    await page.waitForFunction(() => document.querySelector('#p-count')!.textContent!.startsWith('3 of 4 pairs'));
    await page.fill('#p-cl', '');
    await page.waitForFunction(() => document.querySelector('#p-count')!.textContent!.startsWith('4 of 4 pairs'));
    // the duplicate's Jaccard bin lists that pair alone
    const dup = json.pairs.find((p) => p.kind === 'duplicate')!;
    const bin = Math.min(49, Math.floor(dup.jaccard * 50));
    await page.click(`#hist-j .bin:nth-of-type(${bin + 1})`);
    await page.waitForFunction(() => document.querySelector('#p-count')!.textContent!.startsWith('1 of 4 pairs'));
    expect(await page.textContent('#pair-list .vrow')).toContain('001_copy.txt');
    await page.fill('#c-q', 'copy');
    await page.waitForFunction(() => document.querySelector('#c-count')!.textContent === '1 of 1 clusters');
  });

  it('logged no error and requested nothing but the page itself', () => {
    expect(errors).toEqual([]);
    expect([...new Set(requests)]).toEqual([url]);
  });
});
