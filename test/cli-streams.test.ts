/**
 * Streams: `newsclean -` cleans one document from stdin and writes its Markdown to stdout; `-o -` does the same for
 * one file; the machine-readable reports write no Markdown files unless --out is given; --list-rules --json.
 */
import { spawn } from 'node:child_process';
import { cpSync, existsSync, readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { runCli, type CliRun } from './helpers/cli.js';
import { BIN, FIXTURES } from './helpers/paths.js';
import { listFiles, tempDir } from './helpers/tree.js';

/** The real binary with `input` on its stdin. */
function runWithStdin(args: string[], input: Buffer | string, cwd: string): Promise<CliRun> {
  return new Promise((resolve, reject) => {
    const env = { ...process.env };
    delete env.FORCE_COLOR;
    const child = spawn(process.execPath, [BIN, ...args], { cwd, env, stdio: ['pipe', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (d: string) => (stdout += d));
    child.stderr.setEncoding('utf8').on('data', (d: string) => (stderr += d));
    child.on('error', reject);
    child.stdin.on('error', () => undefined); // a run that stops reading early (too large) closes the pipe
    child.on('close', (code, signal) => resolve({ code, signal, stdout, stderr }));
    child.stdin.end(input);
  });
}

const STORY = path.join(FIXTURES, 'inbox', '001_6bec7f7e1818aaca.txt');
let work: string;
let reference: string;

beforeAll(async () => {
  work = tempDir();
  cpSync(path.join(FIXTURES, 'inbox'), path.join(work, 'inbox'), { recursive: true });
  const r = await runCli(['inbox/001_6bec7f7e1818aaca.txt', '-o', 'ref', '--quiet'], { cwd: work });
  expect(r.code).toBe(0);
  reference = readFileSync(path.join(work, 'ref', '001_6bec7f7e1818aaca.md'), 'utf8');
});

const body = (md: string): string => md.replace(/^---\n[\s\S]*?\n---\n/, '');

describe('one document through stdin and stdout', () => {
  it('newsclean - reads stdin and writes the Markdown to stdout, nothing else; no folder is made', async () => {
    const r = await runWithStdin(['-'], readFileSync(STORY), work);
    expect(r.code).toBe(0);
    expect(r.stderr).toBe('');
    expect(body(r.stdout)).toBe(body(reference));
    expect(r.stdout).toMatch(/^---\ntitle: "Moscow and Washington know what's needed to restore Syria truce: Kerry"\n/);
    expect(r.stdout).toMatch(/\ninput: "-"\n/);
    expect(existsSync(path.join(work, 'newsclean-out'))).toBe(false);
  });

  it('-o - writes one file\'s Markdown to stdout, the same as the file the batch writes', async () => {
    const r = await runCli(['inbox/001_6bec7f7e1818aaca.txt', '-o', '-'], { cwd: work });
    expect(r.code).toBe(0);
    expect(r.stderr).toBe('');
    expect(r.stdout).toBe(reference);
    expect(existsSync(path.join(work, '-'))).toBe(false);
  });

  it('with --json, the one-document report goes to stdout instead', async () => {
    const r = await runWithStdin(['-', '--json'], readFileSync(STORY), work);
    expect(r.code).toBe(0);
    const report = JSON.parse(r.stdout);
    expect(report.documents).toHaveLength(1);
    expect(report.documents[0]).toMatchObject({ input: '-', output: null, status: 'cleaned', format: 'wp-export', error: null });
    expect(report.summary).toMatchObject({ files: 1, cleaned: 1, failed: 0 });
  });

  it('a document that cannot be cleaned: one error line on stderr, nothing on stdout, exit 1', async () => {
    const empty = await runWithStdin(['-'], '', work);
    expect([empty.code, empty.stdout, empty.stderr]).toEqual([1, '', 'newsclean: -: empty: the file is empty\n']);
    const binary = await runWithStdin(['-'], Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13]), work);
    expect(binary.code).toBe(1);
    expect(binary.stderr).toMatch(/^newsclean: -: binary: /);
    const large = await runWithStdin(['-', '--max-file-size', '1KB'], readFileSync(STORY), work);
    expect(large.code).toBe(1);
    expect(large.stderr).toMatch(/^newsclean: -: too-large: /);
  });

  it('usage errors, one line each: - with other inputs, -o - with a folder or several files, -o - with --json', async () => {
    for (const args of [['-', 'inbox'], ['inbox', '-o', '-'], ['inbox/000_71cecdebd7891502.txt', 'inbox/001_6bec7f7e1818aaca.txt', '-o', '-'], ['inbox/001_6bec7f7e1818aaca.txt', '-o', '-', '--json'], ['-', '-o', 'somewhere']]) {
      const r = await runWithStdin(args, '', work);
      expect(r.code, args.join(' ')).toBe(2);
      expect(r.stdout).toBe('');
      expect(r.stderr, args.join(' ')).toMatch(/^newsclean: [^\n]+\n$/);
    }
  });
});

describe('--json and --jsonl write a report, not a corpus', () => {
  it('no newsclean-out/ without --out; outputs are null; with --out the files are written', async () => {
    const dir = tempDir();
    cpSync(path.join(FIXTURES, 'inbox'), path.join(dir, 'inbox'), { recursive: true });
    for (const flag of ['--json', '--jsonl']) {
      const r = await runCli(['inbox', flag], { cwd: dir });
      expect(r.code).toBe(0);
      expect(readdirSync(dir)).toEqual(['inbox']);
      const docs = flag === '--json' ? JSON.parse(r.stdout).documents : r.stdout.trim().split('\n').map((l) => JSON.parse(l)).filter((x) => x.type === 'document');
      expect(docs).toHaveLength(5);
      for (const d of docs) expect([d.status, d.output]).toEqual(['cleaned', null]);
    }
    const written = await runCli(['inbox', '--json', '--out', 'out'], { cwd: dir });
    expect(JSON.parse(written.stdout).documents.map((d: { output: string }) => d.output)).toEqual(listFiles(path.join(dir, 'out')).map((f) => `out/${f}`));
  });
});

describe('--list-rules --json', () => {
  it('prints the rules as a JSON array', async () => {
    const r = await runCli(['--list-rules', '--json']);
    expect(r.code).toBe(0);
    const list = JSON.parse(r.stdout);
    expect(list.length).toBeGreaterThan(20);
    expect(list[0]).toEqual({ id: 'NC001', name: 'mojibake', stage: 'raw', tags: expect.any(Array), description: expect.stringMatching(/mojibake|UTF-8/i) });
  });
});
