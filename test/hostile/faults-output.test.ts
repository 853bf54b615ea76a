/**
 * The output folder under faults, through the real binary: an output path that is an input, links below --out, long
 * names, a bad --out, reruns into one folder (the manifest), and two runs at once (the lock).
 */
import { spawn } from 'node:child_process';
import { existsSync, linkSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, symlinkSync, unlinkSync, writeFileSync, chmodSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli.js';
import { BIN, FIXTURES } from '../helpers/paths.js';
import { hashTree, listFiles, MANIFEST, tempDir } from '../helpers/tree.js';

interface Doc {
  input: string;
  output: string | null;
  status: string;
  error: { code: string; message: string } | null;
  warnings: Array<{ code: string; message: string }>;
}
interface Report {
  documents: Doc[];
  skipped: Array<{ path: string; reason: string }>;
  removedOutputs: string[];
  summary: Record<string, number>;
}

const GOOD = readFileSync(path.join(FIXTURES, 'inbox', '001_6bec7f7e1818aaca.txt'), 'utf8');
const article = (marker: string): string =>
  `A story filed as ${marker} here\n\nThe council approved the ${marker} budget on Tuesday after a long debate about the ${marker} plan, officials said late in the evening after the vote.\n`;

function tree(root: string, files: Record<string, string>): void {
  for (const [rel, text] of Object.entries(files)) {
    mkdirSync(path.dirname(path.join(root, rel)), { recursive: true });
    writeFileSync(path.join(root, rel), text);
  }
}

async function json(work: string, args: string[]): Promise<{ code: number | null; report: Report | null; stderr: string; stdout: string }> {
  const r = await runCli([...args, '--json'], { cwd: work, timeoutMs: 120_000 });
  return { code: r.code, report: r.stdout ? (JSON.parse(r.stdout) as Report) : null, stderr: r.stderr, stdout: r.stdout };
}

/** A usage error: exit 2, nothing on stdout, one line on stderr, no stack trace. */
function expectUsage(r: { code: number | null; stdout: string; stderr: string }, pattern: RegExp): void {
  expect(r.code, r.stderr).toBe(2);
  expect(r.stdout).toBe('');
  expect(r.stderr.trimEnd().split('\n'), r.stderr).toHaveLength(1);
  expect(r.stderr).toMatch(/^newsclean: /);
  expect(r.stderr).toMatch(pattern);
}

describe('an output path that is an input', () => {
  it('`newsclean in/z1.md --out in` is refused before any work; the input is unchanged', async () => {
    const work = tempDir('newsclean-self-');
    tree(path.join(work, 'in'), { 'z1.md': article('z1'), 'z2.txt': article('z2') });
    const before = hashTree(path.join(work, 'in', 'z1.md'));
    const r = await runCli(['in/z1.md', '--out', 'in'], { cwd: work });
    expectUsage(r, /replace an input.*in\/z1\.md/);
    expect(hashTree(path.join(work, 'in', 'z1.md'))).toBe(before);
    expect(readdirSync(path.join(work, 'in')).sort()).toEqual(['z1.md', 'z2.txt']);
  });

  it('a hard link to an input at its output path is refused; the input is unchanged', async () => {
    const work = tempDir('newsclean-hardlink-');
    tree(path.join(work, 'in'), { 'a.txt': article('a'), 'b.txt': article('b') });
    mkdirSync(path.join(work, 'out'));
    linkSync(path.join(work, 'in', 'a.txt'), path.join(work, 'out', 'a.md'));
    const before = hashTree(path.join(work, 'in'));
    const r = await runCli(['in', '--out', 'out'], { cwd: work });
    expectUsage(r, /replace an input.*out\/a\.md is the input in\/a\.txt/);
    expect(hashTree(path.join(work, 'in'))).toBe(before);
    expect(readFileSync(path.join(work, 'out', 'a.md'), 'utf8')).toBe(article('a'));
    expect(existsSync(path.join(work, 'out', 'b.md'))).toBe(false);
  });
});

describe('symbolic links below --out', () => {
  it('are never followed: `--out inbox/clean` with inbox/clean/world linked elsewhere writes nothing there', async () => {
    const work = tempDir('newsclean-outlink-');
    tree(path.join(work, 'inbox'), { 'world/a.txt': article('world a'), 'local/b.txt': article('local b') });
    mkdirSync(path.join(work, 'elsewhere'));
    mkdirSync(path.join(work, 'inbox', 'clean'));
    symlinkSync(path.join(work, 'elsewhere'), path.join(work, 'inbox', 'clean', 'world'));
    const { code, report } = await json(work, ['inbox', '--out', 'inbox/clean']);
    expect(code).toBe(1);
    expect(readdirSync(path.join(work, 'elsewhere'))).toEqual([]);
    const byInput = Object.fromEntries(report!.documents.map((d) => [d.input, d]));
    expect(byInput['inbox/world/a.txt']!.error?.code).toBe('write-failed');
    expect(byInput['inbox/world/a.txt']!.error?.message).toMatch(/inbox\/clean\/world is a symbolic link/);
    expect(byInput['inbox/local/b.txt']!.status).toBe('cleaned');
    expect(existsSync(path.join(work, 'inbox', 'clean', 'local', 'b.md'))).toBe(true);
  });
});

describe('long names', () => {
  it('inputs named with 236 to 255 bytes are cleaned; a name too long for .md is shortened with a stable hash, and the report says so', async () => {
    const work = tempDir('newsclean-long-');
    const names = [236, 240, 250, 255].map((n) => `${'a'.repeat(n - 4)}.txt`);
    names.push('b'.repeat(255), `${'é'.repeat(125)}.txt`, `${'c'.repeat(253)}.x`);
    tree(path.join(work, 'in'), Object.fromEntries(names.map((n, i) => [n, article(`long ${i}`)])));
    const first = await json(work, ['in', '-o', 'out', '--no-dedup']);
    expect(first.code, first.stderr).toBe(0);
    const docs = first.report!.documents;
    expect(docs).toHaveLength(names.length);
    for (const d of docs) {
      expect(d.status, d.error?.message).toBe('cleaned');
      expect(existsSync(path.join(work, d.output!))).toBe(true);
      for (const seg of d.output!.split('/')) expect(Buffer.byteLength(seg)).toBeLessThanOrEqual(255);
    }
    const shortened = docs.filter((d) => d.warnings.some((w) => w.code === 'output-name' && /shortened/.test(w.message)));
    expect(shortened.map((d) => path.basename(d.input)).sort()).toEqual(['b'.repeat(255), `${'c'.repeat(253)}.x`].sort());
    // stable: a second run into another folder names them the same
    const second = await json(work, ['in', '-o', 'out2', '--no-dedup']);
    expect(second.report!.documents.map((d) => d.output!.replace(/^out2/, 'out'))).toEqual(docs.map((d) => d.output));
  });
});

describe('a bad --out', () => {
  const cases: Array<[string, (work: string) => string, RegExp]> = [
    ['an existing file', (w) => (writeFileSync(path.join(w, 'file.txt'), 'x'), 'file.txt'), /file\.txt: it is a file, not a folder/],
    ['a path under a file', (w) => (writeFileSync(path.join(w, 'file2.txt'), 'x'), 'file2.txt/sub'), /file2\.txt\/sub: .*is a file, not a folder/],
    ['/proc/nope (cannot be made)', () => '/proc/nope', /\/proc\/nope/],
    ['/proc (not writable)', () => '/proc', /--out \/proc: /],
  ];
  it.each(cases)('%s: one usage error line, exit 2, before any work, at once', async (_, make, pattern) => {
    const work = tempDir('newsclean-badout-');
    tree(path.join(work, 'in'), { 'a.txt': article('a'), 'b.txt': article('b') });
    const out = make(work);
    const t0 = Date.now();
    const r = await runCli(['in', '-o', out], { cwd: work, timeoutMs: 30_000 });
    expect(r.signal).toBeNull();
    expectUsage(r, pattern);
    expect(Date.now() - t0).toBeLessThan(20_000);
  });

  it.skipIf(process.getuid?.() === 0)('a read-only folder: one usage error line, exit 2', async () => {
    const work = tempDir('newsclean-rofolder-');
    tree(path.join(work, 'in'), { 'a.txt': article('a') });
    mkdirSync(path.join(work, 'ro'));
    chmodSync(path.join(work, 'ro'), 0o555);
    expectUsage(await runCli(['in', '-o', 'ro'], { cwd: work }), /ro: the folder is not writable/);
    expectUsage(await runCli(['in', '-o', 'ro/sub'], { cwd: work }), /ro\/sub: it cannot be made/);
  });
});

describe('reruns into one folder', () => {
  it('a second run after deleting, renaming and adding inputs leaves exactly what it would write into an empty folder, reports what it removed, and never touches files it did not write', async () => {
    const work = tempDir('newsclean-rerun-');
    const inbox = path.join(work, 'inbox');
    tree(inbox, { 'a.txt': article('alpha'), 'b.txt': article('bravo'), 'c.txt': article('charlie'), 'sub/d.txt': article('delta'), 'gone/e.txt': article('echo') });
    const first = await json(work, ['inbox', '-o', 'out']);
    expect(first.code).toBe(0);
    expect(first.report!.removedOutputs).toEqual([]);
    // the user's own files in the output folder
    writeFileSync(path.join(work, 'out', 'notes.md'), 'my notes\n');
    mkdirSync(path.join(work, 'out', 'mine'));
    writeFileSync(path.join(work, 'out', 'mine', 'x.md'), 'mine\n');
    unlinkSync(path.join(inbox, 'b.txt'));
    renameSync(path.join(inbox, 'c.txt'), path.join(inbox, 'c2.txt'));
    rmSync(path.join(inbox, 'gone'), { recursive: true });
    writeFileSync(path.join(inbox, 'a.html'), `<html><body><article><h1>Alpha page</h1><p>${article('alpha html')}</p></article></body></html>`);
    const second = await json(work, ['inbox', '-o', 'out']);
    expect(second.code).toBe(0);
    const fresh = await json(work, ['inbox', '-o', 'fresh']);
    const ours = listFiles(path.join(work, 'out')).filter((f) => f !== 'notes.md' && f !== 'mine/x.md');
    expect(ours).toEqual(listFiles(path.join(work, 'fresh')));
    for (const f of ours) expect(readFileSync(path.join(work, 'out', f), 'utf8')).toBe(readFileSync(path.join(work, 'fresh', f), 'utf8'));
    expect(second.report!.removedOutputs).toEqual(['out/a.md', 'out/b.md', 'out/c.md', 'out/gone/e.md']);
    expect(second.report!.summary.removedOutputs).toBe(4);
    expect(existsSync(path.join(work, 'out', 'gone'))).toBe(false);
    expect(readFileSync(path.join(work, 'out', 'notes.md'), 'utf8')).toBe('my notes\n');
    expect(readFileSync(path.join(work, 'out', 'mine', 'x.md'), 'utf8')).toBe('mine\n');
    expect(fresh.report!.documents.map((d) => d.output?.replace(/^fresh/, 'out'))).toEqual(second.report!.documents.map((d) => d.output));
  });

  it('a file newsclean did not write at an output path is left as it is: that input is a per-file write-failed', async () => {
    const work = tempDir('newsclean-foreign-');
    tree(path.join(work, 'inbox'), { 'a.txt': article('alpha'), 'b.txt': article('bravo') });
    tree(path.join(work, 'out'), { 'a.md': 'not written by newsclean\n' });
    const r = await json(work, ['inbox', '-o', 'out']);
    expect(r.code).toBe(1);
    const a = r.report!.documents.find((d) => d.input === 'inbox/a.txt')!;
    expect(a.error?.code).toBe('write-failed');
    expect(a.error?.message).toMatch(/did not write/);
    expect(readFileSync(path.join(work, 'out', 'a.md'), 'utf8')).toBe('not written by newsclean\n');
    expect(existsSync(path.join(work, 'out', 'b.md'))).toBe(true);
  });

  it('--drop-duplicates never deletes silently: files of an earlier run that it drops are reported as removed', async () => {
    const work = tempDir('newsclean-dropped-');
    tree(path.join(work, 'inbox'), { 'a.txt': GOOD, 'b.txt': GOOD, 'c.txt': article('charlie') });
    const first = await json(work, ['inbox', '-o', 'out']);
    expect(listFiles(path.join(work, 'out'))).toEqual(['a.md', 'b.md', 'c.md']);
    expect(first.report!.removedOutputs).toEqual([]);
    const second = await json(work, ['inbox', '-o', 'out', '--drop-duplicates']);
    expect(second.code).toBe(0);
    const dropped = second.report!.documents.filter((d) => d.status === 'dropped-duplicate').map((d) => d.input);
    expect(dropped).toHaveLength(1);
    const gone = `out/${path.basename(dropped[0]!, '.txt')}.md`;
    expect(second.report!.removedOutputs).toEqual([gone]);
    expect(listFiles(path.join(work, 'out'))).toHaveLength(2);
    // a dropped duplicate at a path newsclean did not write is never removed
    writeFileSync(path.join(work, gone), 'mine\n');
    const third = await json(work, ['inbox', '-o', 'out', '--drop-duplicates']);
    expect(third.code).toBe(0);
    expect(third.report!.removedOutputs).toEqual([]);
    expect(readFileSync(path.join(work, gone), 'utf8')).toBe('mine\n');
  });

  it('the walk skips any folder holding a newsclean manifest (an earlier output folder inside the inputs)', async () => {
    const work = tempDir('newsclean-nested-out-');
    tree(path.join(work, 'inbox'), { 'a.txt': article('alpha'), 'sub/b.txt': article('bravo') });
    expect((await runCli(['inbox', '-o', 'inbox/newsclean-out'], { cwd: work })).code).toBe(0);
    expect((await runCli(['inbox/sub', '-o', 'inbox/old/out'], { cwd: work })).code).toBe(0);
    const r = await json(work, ['inbox', '-o', 'elsewhere']);
    expect(r.code).toBe(0);
    expect(r.report!.documents.map((d) => d.input)).toEqual(['inbox/a.txt', 'inbox/sub/b.txt']);
    const reasons = Object.fromEntries(r.report!.skipped.map((s) => [s.path, s.reason]));
    expect(reasons['inbox/newsclean-out']).toMatch(/newsclean output folder/);
    expect(reasons['inbox/old/out']).toMatch(/newsclean output folder/);
    // also through a glob
    const g = await json(work, ['inbox/**/*', '-o', 'globbed']);
    expect(g.code).toBe(0);
    expect(g.report!.documents.map((d) => d.input)).toEqual(['inbox/a.txt', 'inbox/sub/b.txt']);
  });
});

function start(work: string, args: string[]) {
  const child = spawn(process.execPath, [BIN, ...args], { cwd: work, stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  child.stdout.setEncoding('utf8').on('data', (d: string) => (stdout += d));
  child.stderr.setEncoding('utf8').on('data', (d: string) => (stderr += d));
  const t0 = Date.now();
  const done = new Promise<{ code: number | null; ms: number; stdout: string; stderr: string }>((resolve) =>
    child.on('close', (code) => resolve({ code, ms: Date.now() - t0, stdout, stderr })),
  );
  return { child, done };
}

describe('many files', () => {
  // more outputs than the writers are given at once (batches of 256, two per writer ahead), and a manifest written in
  // pieces: every input still has its file, the manifest lists exactly those, in order, and a rerun removes only what
  // it no longer writes
  it('1,500 inputs in nested folders (near-duplicates among them): every output is written, the manifest is complete and sorted; a rerun after removing inputs removes only their outputs', async () => {
    const work = tempDir('newsclean-many-');
    // each note its own words (from a seeded generator), so that only the copies are near-duplicates
    const SYL = ['ka', 'lo', 'mi', 'ne', 'ru', 'sa', 'te', 'vo', 'zi', 'pa', 'do', 'gu', 'be', 'fi', 'ho', 'ju'];
    const note = (i: number): string => {
      let h = ((i + 1) * 2654435761) >>> 0;
      const word = (): string => Array.from({ length: 3 }, () => SYL[(h = (Math.imul(h ^ (h >>> 15), 2246822507) + 0x9e3779b9) >>> 0) % 16]).join('');
      const words = (n: number): string => Array.from({ length: n }, word).join(' ');
      return `Note ${i}: ${words(4)}\n\nThe ${words(12)} item was approved after a debate about ${words(14)}, officials said.\n`;
    };
    const files: Record<string, string> = {};
    for (let i = 0; i < 1500; i++) {
      const dir = `in/g${i % 7}/${i % 3 === 0 ? 'deep/er/' : ''}`;
      // every tenth one a copy of the one before it: pairs, clusters and front matter written late
      files[`${dir}n${i}.txt`] = note(i % 10 === 9 ? i - 1 : i);
    }
    files['in/Zeta.txt'] = note(5000);
    files['in/g1/ünï.txt'] = note(5001);
    tree(work, files);
    const first = await json(work, ['in', '--out', 'out', '--threads', '1']);
    expect(first.code).toBe(0);
    const docs = first.report!.documents;
    expect(docs).toHaveLength(1502);
    expect(docs.every((d) => d.status === 'cleaned' && d.output !== null)).toBe(true);
    expect(first.report!.summary.duplicates).toBe(150);
    const outputs = docs.map((d) => path.relative('out', d.output!)).sort();
    expect(listFiles(path.join(work, 'out')).filter((f) => f !== MANIFEST).sort()).toEqual(outputs);
    for (const o of outputs) expect(readFileSync(path.join(work, 'out', o), 'utf8')).toMatch(/^---\n[\s\S]*\n---\n\n[\s\S]*officials said\.\n$/);
    const manifest = (): string[] => readFileSync(path.join(work, 'out', MANIFEST), 'utf8').trim().split('\n').slice(1).map((l) => JSON.parse(l) as string);
    expect(manifest()).toEqual(outputs);
    // a copy and its original are in one cluster (front matter written once the pairs are known)
    const n9 = docs.find((d) => d.input.endsWith('/n9.txt'))!;
    expect(readFileSync(path.join(work, n9.output!), 'utf8')).toMatch(/\ncluster: /);

    for (let i = 0; i < 1500; i += 100) rmSync(path.join(work, Object.keys(files)[i]!));
    const second = await json(work, ['in', '--out', 'out', '--threads', '1']);
    expect(second.code).toBe(0);
    expect(second.report!.documents).toHaveLength(1487);
    expect(second.report!.removedOutputs).toHaveLength(15);
    const kept = second.report!.documents.map((d) => path.relative('out', d.output!)).sort();
    expect(manifest()).toEqual(kept);
    expect(listFiles(path.join(work, 'out')).filter((f) => f !== MANIFEST).sort()).toEqual(kept);
    rmSync(work, { recursive: true, force: true });
  }, 300_000);
});

describe('two runs into one --out', () => {
  const slowInbox = (work: string): void => {
    const files: Record<string, string> = {};
    for (let i = 0; i < 60; i++) files[`d${i % 3}/story-${String(i).padStart(3, '0')}.txt`] = article(`story ${i}`);
    // a file that takes seconds to clean keeps the first run going
    files['m-slow.txt'] = `A very long line\n\n${'word\n'.repeat(300_000)}end.\n`;
    tree(path.join(work, 'inbox'), files);
  };

  it('started together: one writes, the other says the folder is in use and exits 2 at once; the folder is complete', async () => {
    const work = tempDir('newsclean-concurrent-');
    slowInbox(work);
    const a = start(work, ['inbox', '-o', 'out', '--no-dedup', '-q', '--timeout', '120000']);
    const b = start(work, ['inbox', '-o', 'out', '--no-dedup', '-q', '--timeout', '120000']);
    const [ra, rb] = await Promise.all([a.done, b.done]);
    const [win, lose] = ra.code === 2 ? [rb, ra] : [ra, rb];
    expect([win.code, lose.code]).toEqual([0, 2]);
    expect(lose.stderr.trimEnd().split('\n')).toHaveLength(1);
    expect(lose.stderr).toMatch(/^newsclean: --out out is in use by another newsclean run \(pid \d+\)/);
    expect(lose.stdout).toBe('');
    expect(lose.ms).toBeLessThan(win.ms);
    expect(listFiles(path.join(work, 'out'))).toHaveLength(61);
    expect(readdirSync(path.join(work, 'out')).filter((n) => n.startsWith('.'))).toEqual([MANIFEST]);
  }, 120_000);

  it('a run that starts while another is writing stops at once; a lock left by a killed run is taken over', async () => {
    const work = tempDir('newsclean-locked-');
    slowInbox(work);
    const a = start(work, ['inbox', '-o', 'out', '--no-dedup', '-q', '--timeout', '120000']);
    const lock = path.join(work, 'out', '.newsclean-lock');
    for (let t = 0; t < 600 && !existsSync(lock); t++) await new Promise((r) => setTimeout(r, 25));
    expect(existsSync(lock)).toBe(true);
    const t0 = Date.now();
    const b = await runCli(['inbox', '-o', 'out', '--no-dedup'], { cwd: work });
    expectUsage(b, /in use by another newsclean run/);
    expect(Date.now() - t0).toBeLessThan(15_000);
    a.child.kill('SIGKILL');
    await a.done;
    expect(existsSync(lock)).toBe(true);
    const c = await runCli(['inbox', '-o', 'out', '--no-dedup', '-q', '--timeout', '120000'], { cwd: work, timeoutMs: 120_000 });
    expect(c.code, c.stderr).toBe(0);
    expect(existsSync(lock)).toBe(false);
    expect(listFiles(path.join(work, 'out'))).toHaveLength(61);
  }, 120_000);
});
