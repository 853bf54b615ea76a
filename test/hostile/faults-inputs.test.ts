/**
 * Inputs under faults, through the real binary: files swapped for links, removed or replaced by folders while the run
 * is going; names that are not UTF-8; overlapping inputs (one set of files, read once and reported once).
 */
import { spawn } from 'node:child_process';
import { execFileSync } from 'node:child_process';
import { existsSync, linkSync, mkdirSync, readdirSync, readFileSync, renameSync, symlinkSync, unlinkSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli.js';
import { BIN } from '../helpers/paths.js';
import { listFiles, tempDir } from '../helpers/tree.js';

interface Doc {
  input: string;
  output: string | null;
  status: string;
  error: { code: string; message: string } | null;
}
interface Report {
  documents: Doc[];
  skipped: Array<{ path: string; reason: string }>;
  pairs: Array<{ a: string; b: string }>;
  summary: Record<string, number>;
}

const article = (marker: string): string =>
  `A story filed as ${marker} here\n\nThe council approved the ${marker} budget on Tuesday after a long debate about the ${marker} plan, officials said late in the evening after the vote.\n`;

async function json(work: string, args: string[]): Promise<{ code: number | null; report: Report; stderr: string }> {
  const r = await runCli([...args, '--json'], { cwd: work, timeoutMs: 120_000 });
  return { code: r.code, report: JSON.parse(r.stdout) as Report, stderr: r.stderr };
}

describe('inputs changed while the run is going', () => {
  it('a file swapped for a link to a secret is not followed; removed files, folders and other files in their place each get an answer', async () => {
    const work = tempDir('newsclean-swap-');
    const inbox = path.join(work, 'inbox');
    mkdirSync(inbox);
    mkdirSync(path.join(work, 'outside'));
    const SECRET = 'TOP-SECRET-PASSPHRASE';
    writeFileSync(path.join(work, 'outside', 'secret.txt'), article(SECRET));
    writeFileSync(path.join(inbox, 'a-first.txt'), article('first'));
    // a file that takes seconds to clean: the run is on it while the files after it are swapped
    writeFileSync(path.join(inbox, 'b-slow.txt'), `A very long line\n\n${'word\n'.repeat(600_000)}end.\n`);
    const victims = ['c-link.txt', 'd-gone.txt', 'e-folder.txt', 'f-other.txt', 'g-fifo.txt', 'h-kept.txt'];
    for (const v of victims) writeFileSync(path.join(inbox, v), article(v));
    const child = spawn(process.execPath, [BIN, 'inbox', '-o', 'out', '--json', '--no-dedup', '--threads', '1', '--timeout', '120000'], { cwd: work, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    child.stdout.setEncoding('utf8').on('data', (d: string) => (stdout += d));
    const done = new Promise<number | null>((resolve) => child.on('close', (code) => resolve(code)));
    // the first output is written once the worker is past it, and on the slow file
    const first = path.join(work, 'out', 'a-first.md');
    for (let t = 0; t < 3000 && !existsSync(first); t++) await new Promise((r) => setTimeout(r, 10));
    expect(existsSync(first)).toBe(true);
    child.kill('SIGSTOP');
    try {
      unlinkSync(path.join(inbox, 'c-link.txt'));
      symlinkSync(path.join(work, 'outside', 'secret.txt'), path.join(inbox, 'c-link.txt'));
      unlinkSync(path.join(inbox, 'd-gone.txt'));
      unlinkSync(path.join(inbox, 'e-folder.txt'));
      mkdirSync(path.join(inbox, 'e-folder.txt'));
      writeFileSync(path.join(work, 'f-new.txt'), article(SECRET));
      renameSync(path.join(work, 'f-new.txt'), path.join(inbox, 'f-other.txt'));
      unlinkSync(path.join(inbox, 'g-fifo.txt'));
      execFileSync('mkfifo', [path.join(inbox, 'g-fifo.txt')]);
    } finally {
      child.kill('SIGCONT');
    }
    const code = await done;
    const report = JSON.parse(stdout) as Report;
    expect(code).toBe(1);
    const by = Object.fromEntries(report.documents.map((d) => [path.basename(d.input), d]));
    expect(Object.keys(by).sort()).toEqual(['a-first.txt', 'b-slow.txt', ...victims].sort());
    expect(by['a-first.txt']!.status).toBe('cleaned');
    expect(by['h-kept.txt']!.status).toBe('cleaned');
    for (const v of ['c-link.txt', 'd-gone.txt', 'e-folder.txt', 'f-other.txt', 'g-fifo.txt']) {
      expect(by[v]!.status, v).toBe('failed');
      expect(by[v]!.output, v).toBeNull();
    }
    expect(by['c-link.txt']!.error!.message).toMatch(/replaced by a symbolic link/);
    expect(by['d-gone.txt']!.error!.message).toMatch(/ENOENT/);
    expect(by['e-folder.txt']!.error!.message).toMatch(/replaced by a folder/);
    expect(by['f-other.txt']!.error!.message).toMatch(/replaced by another file/);
    for (const f of listFiles(path.join(work, 'out'))) expect(readFileSync(path.join(work, 'out', f), 'utf8')).not.toContain(SECRET);
  }, 180_000);
});

describe('names that are not UTF-8', () => {
  it('bad\\xff.txt and bad\\xfe.txt (one decoded name) and caf\\xe9.txt are each cleaned, kept apart and shown escaped', async () => {
    const work = tempDir('newsclean-bytes-');
    const inbox = Buffer.from(path.join(work, 'inbox'));
    const at = (...parts: Array<string | number[]>): Buffer => Buffer.concat([inbox, ...parts.map((p) => (typeof p === 'string' ? Buffer.from(p) : Buffer.from(p)))]);
    mkdirSync(inbox);
    writeFileSync(at('/bad', [0xff], '.txt'), article('bad ff'));
    writeFileSync(at('/bad', [0xfe], '.txt'), article('bad fe'));
    writeFileSync(at('/caf', [0xe9], '.txt'), article('cafe latin1'));
    mkdirSync(at('/dir', [0xff]));
    writeFileSync(at('/dir', [0xff], '/inner.txt'), article('inner'));
    writeFileSync(at('/plain.txt'), article('plain'));
    // (a glob does not go into a folder whose name is not UTF-8: its matcher works on decoded names)
    for (const args of [['inbox'], ['inbox/*.txt']]) {
      const out = `out-${args[0]!.length}`;
      const { code, report, stderr } = await json(work, [...args, '-o', out]);
      expect(code, stderr).toBe(0);
      expect(stderr).toBe('');
      const inputs = report.documents.map((d) => d.input);
      const want = ['inbox/bad\\xfe.txt', 'inbox/bad\\xff.txt', 'inbox/caf\\xe9.txt', 'inbox/plain.txt'];
      if (args[0] !== 'inbox/*.txt') want.push('inbox/dir\\xff/inner.txt');
      expect(inputs.sort()).toEqual(want.sort());
      for (const d of report.documents) {
        expect(d.status, `${d.input}: ${d.error?.message}`).toBe('cleaned');
        // the output's name is the escaped name: the path in the report opens it
        expect(readFileSync(path.join(work, d.output!), 'utf8')).toContain('The council approved');
      }
      const bodies = new Set(report.documents.map((d) => readFileSync(path.join(work, d.output!), 'utf8')));
      expect(bodies.size).toBe(report.documents.length);
    }
  });
});

describe('overlapping inputs are one set', () => {
  const build = (work: string): void => {
    const inbox = path.join(work, 'inbox');
    mkdirSync(path.join(inbox, 'sub', 'deep'), { recursive: true });
    const files: Record<string, string> = { 'a.txt': article('alpha'), 'b.txt': article('alpha'), 'c.html': `<p>${article('charlie')}</p>`, 'sub/d.txt': article('delta'), 'sub/deep/e.txt': article('echo'), '.hidden.txt': article('hidden') };
    for (const [rel, text] of Object.entries(files)) writeFileSync(path.join(inbox, rel), text);
    symlinkSync(path.join(inbox, 'nowhere'), path.join(inbox, 'dangling.txt'));
  };

  it('`inbox inbox`, `inbox inbox/sub inbox/*.txt`, `inbox/sub inbox`, `inbox inbox/a.txt`: the same files and report as `inbox`', async () => {
    const work = tempDir('newsclean-overlap-');
    build(work);
    const base = await json(work, ['inbox', '-o', 'o0']);
    expect(base.code).toBe(0);
    expect(base.report.documents).toHaveLength(5);
    const variants = [['inbox', 'inbox'], ['inbox', 'inbox/sub', 'inbox/*.txt'], ['inbox/sub', 'inbox'], ['inbox', 'inbox/a.txt'], ['inbox/sub/deep', 'inbox/sub', 'inbox', 'inbox/sub/d.txt']];
    for (const [k, args] of variants.entries()) {
      const out = `o${k + 1}`;
      const r = await json(work, [...args, '-o', out]);
      expect(r.code, args.join(' ')).toBe(0);
      expect(r.stderr).toBe('');
      expect(JSON.stringify(r.report).replaceAll(`${out}/`, 'o0/'), args.join(' ')).toBe(JSON.stringify(base.report));
      expect(listFiles(path.join(work, out))).toEqual(listFiles(path.join(work, 'o0')));
      for (const f of listFiles(path.join(work, out))) expect(readFileSync(path.join(work, out, f), 'utf8')).toBe(readFileSync(path.join(work, 'o0', f), 'utf8'));
    }
    // with near-duplicates off, every file is still cleaned once
    const nodedup = await json(work, ['inbox', 'inbox', '--no-dedup', '-o', 'o9']);
    expect(nodedup.report.documents).toHaveLength(5);
  });

  it('a second name for one file (a hard link) is read once and reported as skipped', async () => {
    const work = tempDir('newsclean-hardlinks-');
    build(work);
    linkSync(path.join(work, 'inbox', 'a.txt'), path.join(work, 'inbox', 'sub', 'a-again.txt'));
    const r = await json(work, ['inbox', '-o', 'out']);
    expect(r.code).toBe(0);
    expect(r.report.documents.map((d) => d.input)).not.toContain('inbox/sub/a-again.txt');
    expect(r.report.skipped).toContainEqual({ path: 'inbox/sub/a-again.txt', reason: 'the same file as inbox/a.txt (read once)' });
    expect(readdirSync(path.join(work, 'out', 'sub')).sort()).toEqual(['d.md', 'deep']);
  });
});
