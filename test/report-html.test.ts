/** The HTML report's data side: removals located in inputs, passages, the canonical member's reason, budgets, the page. */
import { cpSync, existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { inflateRawSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { fc, test } from '@fast-check/vitest';
import { cleanText, resolveDedupOptions, resolveSettings, run, type DocumentReport, type RunReport } from '../src/index.js';
import { canonicalWhy, htmlReport, locateRemovals, project, type RunInfo } from '../src/report/html/index.js';
import { PassageFinder } from '../src/report/html/passages.js';
import { tokenize } from '../src/dedup/index.js';
import { runCli } from './helpers/cli.js';
import { FIXTURES } from './helpers/paths.js';
import { hashTree, tempDir } from './helpers/tree.js';

const seed = process.env.NEWSCLEAN_PROPERTY_SEED ? Number(process.env.NEWSCLEAN_PROPERTY_SEED) : process.env.CI ? 20261121 : undefined;
const opts = (numRuns: number) => ({ numRuns, ...(seed !== undefined ? { seed } : {}) });

/** The JSON data blocks of a report page, decoded (the binary columns as arrays of numbers, under their names). */
function blocksOf(html: string): Map<string, unknown> {
  const out = new Map<string, unknown>();
  let bin: Buffer | null = null;
  for (const m of html.matchAll(/<script type="application\/x-newsclean" id="([^"]+)">([^<]*)<\/script>/g)) {
    const bytes = inflateRawSync(Buffer.from(m[2]!, 'base64'));
    if (m[1] === 'nc-columns') bin = bytes;
    else out.set(m[1]!, JSON.parse(bytes.toString('utf8')));
  }
  const index = out.get('nc-index') as { columns: Record<string, [string, number, number]> };
  const types = { u8: Uint8Array, u16: Uint16Array, u32: Uint32Array, i16: Int16Array, i32: Int32Array } as const;
  for (const [name, [type, offset, length]] of Object.entries(index.columns)) {
    const copy = bin!.buffer.slice(bin!.byteOffset + offset, bin!.byteOffset + offset + length * types[type as keyof typeof types].BYTES_PER_ELEMENT);
    out.set(name, [...new types[type as keyof typeof types](copy)]);
  }
  return out;
}

function info(over: Partial<RunInfo> = {}): RunInfo {
  return {
    version: 'test',
    startedAt: '2026-01-01T00:00:00.000Z',
    elapsedMs: 1234,
    argv: ['inbox'],
    inputs: ['inbox'],
    out: 'out',
    dryRun: true,
    dropDuplicates: false,
    threads: 0,
    settings: resolveSettings({}),
    dedup: resolveDedupOptions({}),
    ...over,
  };
}

describe('removed texts for the report', () => {
  // a long photo caption in one of the sample inbox's files
  const text = readFileSync(path.join(FIXTURES, 'inbox', '002_f2643ec076e0634c.txt'), 'utf8');

  it('are shortened to 160 characters by default and kept whole with fullRemovals', () => {
    const short = cleanText(text).removed.find((r) => r.id === 'NC216')!;
    const whole = cleanText(text, { fullRemovals: true }).removed.find((r) => r.id === 'NC216')!;
    expect(short.text.length).toBeLessThanOrEqual(160);
    expect(short.text.endsWith('…')).toBe(true);
    expect(whole.text.length).toBeGreaterThan(160);
    expect(whole.text.startsWith(short.text.slice(0, -1))).toBe(true);
  });

  it('leave the cleaned body unchanged', () => {
    expect(cleanText(text, { fullRemovals: true }).markdown).toBe(cleanText(text).markdown);
  });
});

describe('locating removals in the input', () => {
  it('projects HTML onto its visible text, with each character mapped back', () => {
    const html = '<p>Kerry said &ldquo;no&rdquo;</p>\n<div><b>Share</b> this</div>';
    const p = project(html, true);
    expect(p.text).toBe('Kerry said “no” Share this ');
    const at = p.text.indexOf('“');
    expect(html.slice(p.starts[at]!, p.ends[at]!)).toBe('&ldquo;');
    const s = p.text.indexOf('Share this');
    expect(html.slice(p.starts[s]!, p.ends[s + 'Share this'.length - 1]!)).toBe('Share</b> this');
  });

  it('finds a removed text across tags and entities, and marks the whole input range', () => {
    const input = '<p>The talks went on.</p>\n<p class="credit">(Writing by <a href="#">Christian Lowe</a>; Editing by Vladimir&nbsp;Soldatkin)</p>';
    const marks = locateRemovals(input, 'html-fragment', [{ id: 'NC213', rule: 'wire-credits', text: '(Writing by Christian Lowe; Editing by Vladimir Soldatkin)', action: 'moved to metadata.contributors' }]);
    expect(marks).toHaveLength(1);
    expect(input.slice(marks[0]![0], marks[0]![1])).toBe('(Writing by <a href="#">Christian Lowe</a>; Editing by Vladimir&nbsp;Soldatkin)');
  });

  it('prefers an occurrence that stands on its own line to one inside a sentence', () => {
    const input = 'Officials told AFP the talks would resume.\n\nThe rest of the story.\n\nAFP\n';
    const [m] = locateRemovals(input, 'text', [{ id: 'NC214', rule: 'agency-signoff', text: 'AFP', action: 'moved to metadata.source' }]);
    expect(m![0]).toBe(input.lastIndexOf('AFP'));
  });

  it('finds the broken side of a repair, Markdown link text, and leaves a summary unlocated', () => {
    const input = 'He canâ€™t say.\n\n[Source](http://example.com/x)\n';
    const marks = locateRemovals(input, 'text', [
      { id: 'NC001', rule: 'mojibake', text: 'â€™ → ’', action: 'repaired' },
      { id: 'NC204', rule: 'source-link', text: '[Source](http://example.com/x)', action: 'moved to metadata.url' },
      { id: 'NC102', rule: 'wire-markup', text: '28 wire markup markers (midArticle_N, article-divide)', action: 'removed' },
    ]);
    expect(marks.map(([s, e, r]) => [input.slice(s, e), r])).toEqual([
      ['â€™', 0],
      ['[Source](http://example.com/x)', 1],
    ]);
  });

  it('marks two removals of the same text at two places', () => {
    const input = 'Advertisement\n\nFirst paragraph.\n\nAdvertisement\n\nSecond.';
    const r = { id: 'NC208', rule: 'ui-strings', text: 'Advertisement', action: 'removed' };
    const marks = locateRemovals(input, 'text', [r, r]);
    expect(marks.map((m) => m[0])).toEqual([0, input.lastIndexOf('Advertisement')]);
  });

  test.prop([fc.string({ maxLength: 300 }), fc.array(fc.string({ maxLength: 40 }), { maxLength: 6 }), fc.boolean()], opts(300))(
    'never throws; marks are inside the input, in order, and do not overlap',
    (input, texts, html) => {
      const removed = texts.map((t) => ({ id: 'NC999', rule: 'x', text: t, action: 'removed' }));
      const marks = locateRemovals(input, html ? 'html-fragment' : 'text', removed);
      let end = 0;
      for (const [s, e, r] of marks) {
        expect(s).toBeGreaterThanOrEqual(end);
        expect(e).toBeGreaterThan(s);
        expect(e).toBeLessThanOrEqual(input.length);
        expect(r).toBeLessThan(removed.length);
        end = e;
      }
    },
  );

  it('locates most removals of the fixture inbox, golden cases and pages', () => {
    let found = 0;
    let total = 0;
    const dirs = [path.join(FIXTURES, 'inbox'), ...['golden', 'golden-pages'].map((d) => path.join(FIXTURES, d))];
    const files: string[] = [];
    for (const d of dirs) {
      for (const e of readdirRecursive(d)) if (/\/(input\.[a-z]+|[^/]+\.txt)$/.test(e)) files.push(e);
    }
    for (const f of files) {
      const raw = readFileSync(f, 'utf8').replace(/\r\n?/g, '\n');
      const r = cleanText(raw, { fullRemovals: true });
      // counts and summaries (`3 × script`) are not texts of the input
      const texts = r.removed.filter((x) => !/^\d+ (×|\w+ markup|control)/.test(x.text) && !x.text.startsWith('… and'));
      total += texts.length;
      found += new Set(locateRemovals(raw, r.format, texts).map((m) => m[2])).size;
    }
    expect(total).toBeGreaterThan(50);
    expect(found / total).toBeGreaterThan(0.8);
  });
});

function readdirRecursive(dir: string): string[] {
  const out: string[] = [];
  if (!existsSync(dir)) return out;
  const stack = [dir];
  while (stack.length) {
    const d = stack.pop()!;
    for (const e of readdirSync(d, { withFileTypes: true })) {
      const p = path.join(d, e.name);
      if (e.isDirectory()) stack.push(p);
      else out.push(p);
    }
  }
  return out.sort();
}

describe('the canonical member and why', () => {
  const doc = (input: string, metadata: DocumentReport['metadata']): DocumentReport => ({ input, output: null, status: 'cleaned', format: 'text', metadata, removed: [], warnings: [], error: null });
  it('names the first criterion on which the canonical member beats the next best', () => {
    const full = { title: 't', author: 'a', date: '2016-07-16', source: 'AFP', words: 300 };
    expect(canonicalWhy(doc('a', full), [doc('b', { title: 't', date: '2016-07-16', words: 500 })])).toEqual(['metadata', 4, 2]);
    expect(canonicalWhy(doc('a', full), [doc('b', { ...full, date: '2016-07-18' })])).toEqual(['date', '2016-07-16', '2016-07-18']);
    expect(canonicalWhy(doc('a', full), [doc('b', { ...full, words: 200 })])).toEqual(['length', 300, 200]);
    expect(canonicalWhy(doc('a', full), [doc('b', { ...full })])).toEqual(['path', 'a', 'b']);
    const { date: _d, ...undated } = full;
    expect(canonicalWhy(doc('a', { ...undated, dateline: 'X' }), [doc('b', { ...undated, dateline: 'X' }), doc('c', { ...undated, language: 'en' })])).toEqual(['path', 'a', 'b']);
  });
});

describe('shared passages as character ranges', () => {
  it('maps the passages of a duplicate (which the run leaves without passages) onto both bodies', () => {
    const para = (n: number) => `Paragraph ${n} of the wire story says the council met on Tuesday to discuss the budget for the ${n}th district and its schools.`;
    const a = [1, 2, 3, 4, 5, 6].map(para).join('\n\n');
    const b = `An outlet's own lead sentence here.\n\n${[1, 2, 3, 4, 5, 6].map(para).join('\n\n')}`;
    const o = resolveDedupOptions({});
    const ranges = new PassageFinder(o).ranges({ a: 'a', b: 'b', kind: 'duplicate', jaccard: 0.9, containment: 1, sharedTokens: 0, passages: [] }, a, b);
    expect(ranges.length).toBeGreaterThanOrEqual(4);
    for (let k = 0; k < ranges.length; k += 4) {
      const ta = tokenize(a.slice(ranges[k]!, ranges[k + 1]!)).hashes;
      const tb = tokenize(b.slice(ranges[k + 2]!, ranges[k + 3]!)).hashes;
      expect([...ta]).toEqual([...tb]);
      expect(ta.length).toBeGreaterThanOrEqual(o.minPassageTokens);
    }
  });
});

describe('the report of the sample inbox', () => {
  let inbox: string;
  let report: RunReport;
  const build = async (limits?: Parameters<typeof htmlReport>[2]['limits']) => {
    if (!report) {
      const work = tempDir();
      inbox = path.join(work, 'inbox');
      cpSync(path.join(FIXTURES, 'inbox'), inbox, { recursive: true });
      writeFileSync(path.join(inbox, 'empty.txt'), '');
      report = await run({ inputs: [inbox], out: path.join(work, 'out'), dryRun: true, threads: 0 });
    }
    return htmlReport(report, info(), { cwd: '/', ...(limits ? { limits } : {}) });
  };

  it('is one page that loads nothing: a policy that allows no request, no external asset', async () => {
    const { html } = await build();
    expect(html).toMatch(/<meta http-equiv="Content-Security-Policy" content="default-src 'none';/);
    expect(html).not.toMatch(/<(link|img|iframe|object|embed)\b/i);
    expect(html).not.toMatch(/\ssrc=/i);
    expect(html).not.toMatch(/\b(?:fetch|XMLHttpRequest|import)\s*\(/);
  });

  it('holds every document and pair, the texts, and the passages of the known overlap', async () => {
    const { html } = await build();
    const b = blocksOf(html);
    const index = b.get('nc-index') as { dirs: string[]; names: string[]; errors: string[] };
    const col = (name: string) => b.get(name) as number[];
    expect(col('d.dir').map((d, i) => index.dirs[d]! + index.names[i]!)).toEqual(report.documents.map((d) => d.input));
    expect(index.errors).toEqual(['empty']);
    expect(col('d.err').filter((e) => e === 0)).toHaveLength(1);
    expect(col('p.a')).toHaveLength(2);
    expect(col('p.k')).toEqual([1, 1]);
    expect(col('p.j')).toEqual(report.pairs.map((p) => Math.round(p.jaccard * 1e4)));
    expect(col('p.c')).toEqual(report.pairs.map((p) => Math.round(p.containment * 1e4)));
    // removals per rule, flat, with each document's offsets
    const off = col('d.rmOff');
    const d4 = report.documents.findIndex((d) => d.input.endsWith('004_408d40fa7173d6f7.txt'));
    const rules = index as unknown as { rules: Array<[string]> };
    const counts = col('d.rm').slice(off[d4], off[d4 + 1]);
    const expected = new Map<string, number>();
    for (const r of report.documents[d4]!.removed) expected.set(r.id, (expected.get(r.id) ?? 0) + 1);
    const got = new Map<string, number>();
    for (let k = 0; k < counts.length; k += 2) got.set(rules.rules[counts[k]!]![0], counts[k + 1]!);
    expect(got).toEqual(expected);
    // every cleaned file has its texts; the first pair's passages hold the shared Washington Post sentence
    const tx = col('d.tx');
    expect(tx.filter((t) => t >= 0)).toHaveLength(5);
    const texts = b.get('nc-text-0') as Array<[string, number, string, number]>;
    const passages = b.get('nc-passages') as Record<string, number[]>;
    const p0 = passages['0']!;
    const docA = texts[tx[col('p.a')[0]!]!]!;
    const bodyA = docA[2].slice(docA[3], -1);
    const shared = [];
    for (let k = 0; k < p0.length; k += 4) shared.push(bodyA.slice(p0[k]!, p0[k + 1]!));
    expect(shared.join(' | ')).toContain('According to a leaked document seen by the Washington Post');
  });

  it('embeds texts within the budget and says how many', async () => {
    const { html, model } = await build({ textBudget: 1, explainBudget: 1, passageCap: 0, pairCap: 0 });
    const index = model.index as { embed: { textDocs: number; explainDocs: number; pairTexts: number } };
    // the first text goes in (the budget is checked before each), then nothing more
    expect(index.embed.textDocs).toBe(1);
    expect(index.embed.pairTexts).toBe(0);
    expect(blocksOf(html).has('nc-text-0')).toBe(true);
  });
});

describe('newsclean --report', () => {
  it('writes the page beside a JSON report that stays alone on stdout, and leaves the inputs as they were', async () => {
    const work = tempDir();
    cpSync(path.join(FIXTURES, 'inbox'), path.join(work, 'inbox'), { recursive: true });
    const before = hashTree(path.join(work, 'inbox'));
    const r = await runCli(['inbox', '-o', 'out', '--json', '--report', 'report.html'], { cwd: work });
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout).summary.files).toBe(5);
    expect(r.stderr).toMatch(/^newsclean: report written to report\.html \(\d+\.\d MB\)\n$/);
    const html = readFileSync(path.join(work, 'report.html'), 'utf8');
    const index = blocksOf(html).get('nc-index') as { run: { argv: string[]; dryRun: boolean }; summary: { overlaps: number } };
    expect(index.run.argv).toEqual(['inbox', '-o', 'out', '--json', '--report', 'report.html']);
    expect(index.run.dryRun).toBe(false);
    expect(index.summary.overlaps).toBe(2);
    expect(hashTree(path.join(work, 'inbox'))).toBe(before);
  });

  it('says why a report cannot be written, exits 1, and still writes the Markdown', async () => {
    const work = tempDir();
    cpSync(path.join(FIXTURES, 'inbox'), path.join(work, 'inbox'), { recursive: true });
    mkdirSync(path.join(work, 'report.html'));
    const r = await runCli(['inbox', '-o', 'out', '-q', '--report', 'report.html'], { cwd: work });
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/cannot write the report report\.html: EISDIR/);
    expect(existsSync(path.join(work, 'out', '000_71cecdebd7891502.md'))).toBe(true);
  });
});
