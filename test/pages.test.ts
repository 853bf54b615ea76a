/** Whole saved pages through the real CLI: one clean Markdown file per article page, no-article for the rest. */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { runCli } from './helpers/cli.js';
import { golden } from './helpers/golden.js';
import { FIXTURES } from './helpers/paths.js';
import { tempDir } from './helpers/tree.js';

interface Doc { input: string; output: string | null; format: string | null; error: { code: string; message: string } | null; metadata: Record<string, unknown> }
let work: string;
let docs: Map<string, Doc>;
let code: number | null;

beforeAll(async () => {
  work = tempDir('newsclean-pages-');
  const r = await runCli([path.join(FIXTURES, 'pages'), '-o', path.join(work, 'out'), '--json'], { cwd: work });
  code = r.code;
  docs = new Map((JSON.parse(r.stdout).documents as Doc[]).map((d) => [path.basename(d.input), d]));
});

const ARTICLES = readdirSync(path.join(FIXTURES, 'pages')).filter((f) => !/^(index-page|error-404|paywall-stub)/.test(f));

describe('a folder of whole pages', () => {
  it('exits 1 because some pages hold no article; every page gets an answer', () => {
    expect(code).toBe(1);
    expect(docs.size).toBe(readdirSync(path.join(FIXTURES, 'pages')).length);
  });

  it.each(['index-page.html', 'error-404.html', 'paywall-stub.html'])('%s → no-article, with the reason', (name) => {
    const d = docs.get(name)!;
    expect(d.error?.code).toBe('no-article');
    expect(d.error?.message).toMatch(/no article found on this page: \S/);
    expect(d.output).toBeNull();
  });

  it.each(ARTICLES)('%s → one clean Markdown file (golden)', (name) => {
    const d = docs.get(name)!;
    expect(d.error).toBeNull();
    expect(d.format).toBe('html-page');
    const md = readFileSync(d.output!, 'utf8').replace(/^input: .*\n/m, '');
    golden(path.join(FIXTURES, 'golden-pages', name.replace(/\.html$/, '.md')), md);
    expect(md).not.toMatch(/(?<!\\)<[a-z]/i);
    expect(md).not.toMatch(/cookie|subscribe|newsletter|share on|related/i);
  });
});
