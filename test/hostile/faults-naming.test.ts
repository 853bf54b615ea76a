/**
 * Output naming is injective over the whole input set and decided before writing: inputs whose plain names meet
 * (a.txt and a.txt.md; a, a.md and a.md.txt; x.txt beside a folder x.md/; input folders whose labels meet) each get
 * their own output, which holds their own article. Checked on the planner with generated colliding names, and through
 * the real binary on generated trees.
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { fc, test } from '@fast-check/vitest';
import { planOutputs, NAME_MAX } from '../../src/run/outputs.js';
import type { InputFile } from '../../src/run/walk.js';
import { runCli } from '../helpers/cli.js';
import { listFiles, tempDir } from '../helpers/tree.js';

interface Doc {
  input: string;
  output: string | null;
  status: string;
  error: { code: string; message: string } | null;
  warnings: Array<{ code: string; message: string }>;
}

const article = (marker: string): string =>
  `A story filed as ${marker} here\n\nThe council approved the transport budget on Tuesday after a long debate about ${marker}, officials said late in the evening.\n`;

/** Names built from few parts, so that they meet often: stems, extensions and folders, in any case. */
const part = fc.constantFrom('a', 'A', 'x', 'x.md', 'a.md', 'b', 'é', 'e\u0301');
const ext = fc.constantFrom('', '.txt', '.md', '.html', '.md.txt', '.txt.md', '.TXT');
const relPath = fc.tuple(fc.array(part, { maxLength: 2 }), part, ext).map(([dirs, stem, e]) => [...dirs, `${stem}${e}`].join('/'));
const inputSet = fc.uniqueArray(fc.tuple(fc.nat(2), relPath), { minLength: 1, maxLength: 25, selector: ([r, p]) => `${r}/${p}` });

/** Drops paths that cannot coexist on disk (a file where another path needs a folder). */
function consistent(set: Array<[number, string]>): Array<[number, string]> {
  const files = new Set(set.map(([r, p]) => `${r}/${p}`));
  return set.filter(([r, p]) => {
    const parts = p.split('/');
    for (let i = 1; i < parts.length; i++) if (files.has(`${r}/${parts.slice(0, i).join('/')}`)) return false;
    return true;
  });
}

const key = (p: string): string => p.normalize('NFC').toLowerCase();

describe('the output plan', () => {
  test.prop([inputSet], { numRuns: 400 })('is injective, never puts a file where a folder is needed, and keeps every name within 255 bytes', (raw) => {
    const set = consistent(raw);
    const roots = ['/in/r0', '/in/r1', '/in/r2'];
    const files: InputFile[] = set.map(([root, rel]) => ({ abs: `${roots[root]}/${rel}`, display: rel, root, rel, dev: 1, ino: 1 }));
    const { paths } = planOutputs(files, roots);
    expect(paths).toHaveLength(files.length);
    const keys = paths.map(key);
    expect(new Set(keys).size).toBe(keys.length);
    const folders = new Set<string>();
    for (const k of keys) for (let d = path.posix.dirname(k); d !== '.'; d = path.posix.dirname(d)) folders.add(d);
    for (const k of keys) expect(folders.has(k), k).toBe(false);
    for (const p of paths) {
      expect(p.endsWith('.md')).toBe(true);
      for (const seg of p.split('/')) expect(Buffer.byteLength(seg)).toBeLessThanOrEqual(NAME_MAX);
    }
    // deterministic: the same set gives the same names
    expect(planOutputs(files, roots).paths).toEqual(paths);
  });

  it('keeps plain names where nothing meets, and says why a name is not plain', () => {
    const mk = (rel: string, root = 0): InputFile => ({ abs: `/r/${rel}`, display: rel, root, rel, dev: 1, ino: 1 });
    const files = [mk('a.md'), mk('a.txt'), mk('a.txt.md'), mk('b.txt'), mk('x.md/y.txt'), mk('x.txt')];
    const { paths, notes } = planOutputs(files, ['/r']);
    // a.md and a.txt meet on a.md: each keeps its whole name, unless that is taken too (a.txt.md is an input's)
    expect(paths[0]).toBe('a.md.md');
    expect(paths[1]).toMatch(/^a~[0-9a-f]{8}\.md$/);
    expect(paths[2]).toBe('a.txt.md');
    expect(paths[3]).toBe('b.md');
    expect(paths[4]).toBe('x.md/y.md');
    expect(paths[5]).toBe('x.txt.md');
    expect(notes.get(5)).toMatch(/x\.md is a folder of other outputs/);
    expect(notes.get(1)).toMatch(/a\.md is the output of another input/);
    expect(notes.has(3)).toBe(false);
  });
});

async function clean(work: string, args: string[]): Promise<{ code: number | null; docs: Doc[]; stderr: string }> {
  const r = await runCli([...args, '--json', '--no-dedup'], { cwd: work, timeoutMs: 120_000 });
  return { code: r.code, docs: r.stdout ? (JSON.parse(r.stdout).documents as Doc[]) : [], stderr: r.stderr };
}

/** Every input is cleaned into its own file, which holds its own article. */
function expectOwnOutputs(work: string, out: string, docs: Doc[], count: number): void {
  expect(docs).toHaveLength(count);
  for (const d of docs) expect(d.error, `${d.input}: ${d.error?.message}`).toBeNull();
  const outputs = docs.map((d) => d.output!);
  expect(new Set(outputs).size).toBe(outputs.length);
  expect(listFiles(path.join(work, out)).map((f) => path.join(out, f)).sort()).toEqual([...outputs].sort());
  // the cleaner writes text in NFC: the input paths in the articles are compared that way
  for (const d of docs) expect(readFileSync(path.join(work, d.output!), 'utf8')).toContain(`filed as ${d.input.normalize('NFC')} here`);
}

describe('colliding names through the binary', () => {
  it('a.txt and a.txt.md; a, a.md and a.md.txt; x.txt beside a folder x.md/: one output each, no EISDIR', async () => {
    const work = tempDir('newsclean-names-');
    const inbox = path.join(work, 'inbox');
    mkdirSync(path.join(inbox, 'x.md'), { recursive: true });
    const names = ['a.txt', 'a.txt.md', 'b', 'b.md', 'b.md.txt', 'x.txt', 'x.md/y.txt', 'C.txt', 'c.html'];
    for (const n of names) writeFileSync(path.join(inbox, n), article(`inbox/${n}`));
    const { code, docs } = await clean(work, ['inbox', '-o', 'out']);
    expect(code).toBe(0);
    expectOwnOutputs(work, 'out', docs, names.length);
    // the outputs that are not named the plain way say so
    const renamed = docs.filter((d) => d.warnings.some((w) => w.code === 'output-name'));
    expect(renamed.length).toBeGreaterThan(0);
  });

  it('input folders whose labels meet (two folders named a, and a folder named a-2) get distinct folders', async () => {
    const work = tempDir('newsclean-labels-');
    for (const d of ['p/a', 'q/a', 'a-2']) {
      mkdirSync(path.join(work, d), { recursive: true });
      writeFileSync(path.join(work, d, 'story.txt'), article(`${d}/story.txt`));
    }
    const { code, docs } = await clean(work, ['p/a', 'q/a', 'a-2', '-o', 'out']);
    expect(code).toBe(0);
    expectOwnOutputs(work, 'out', docs, 3);
  });

  test.prop([fc.uniqueArray(relPath, { minLength: 2, maxLength: 12 })], { numRuns: 4, endOnFailure: true })('generated trees of colliding names: every input has its own output with its own article', async (raw) => {
    const rels = consistent(raw.map((p) => [0, p] as [number, string])).map(([, p]) => p);
    // one name per entry on this (case-sensitive) file system
    const work = tempDir('newsclean-prop-names-');
    const made: string[] = [];
    for (const rel of rels) {
      const abs = path.join(work, 'inbox', rel);
      try {
        mkdirSync(path.dirname(abs), { recursive: true });
        writeFileSync(abs, article(`inbox/${rel}`), { flag: 'wx' });
        made.push(rel);
      } catch {
        // a path whose folder is a file made before (or the same name in another normalization): left out
      }
    }
    const { code, docs } = await clean(work, ['inbox', '-o', 'out']);
    expect(code).toBe(0);
    expectOwnOutputs(work, 'out', docs, made.length);
  }, 300_000);
});
