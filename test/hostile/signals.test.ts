/** Interrupts: SIGINT stops cleanly with a report and exit 130; SIGKILL at any moment leaves only complete files. */
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli.js';
import { BIN } from '../helpers/paths.js';
import { listFiles, tempDir } from '../helpers/tree.js';

const N = 400;
let work: string;

function article(i: number): string {
  const words = ['council', 'budget', 'transport', 'harbour', 'school', 'river', 'hospital', 'museum', 'election', 'festival'];
  const w = (k: number) => words[(i * 7 + k * 3) % words.length];
  return [
    `Story number ${i} about the ${w(1)}`,
    '',
    `The ${w(2)} plan number ${i} was approved on Tuesday after a debate about the ${w(3)} that lasted ${i % 9 + 2} hours, officials said.`,
    '',
    `Critics of the ${w(4)} said item ${i * 13} would cost more than expected, while supporters pointed to the ${w(5)} and the ${w(6)}.`,
    '',
  ].join('\n');
}

beforeAll(async () => {
  work = tempDir('newsclean-signals-');
  mkdirSync(path.join(work, 'inbox'));
  for (let i = 0; i < N; i++) writeFileSync(path.join(work, 'inbox', `story-${String(i).padStart(4, '0')}.txt`), article(i));
  const ref = await runCli(['inbox', '-o', 'reference', '--no-dedup'], { cwd: work, timeoutMs: 120_000 });
  expect(ref.code).toBe(0);
}, 180_000);

function startRun(out: string, extra: string[] = [], dedup = false) {
  const child = spawn(process.execPath, [BIN, 'inbox', '-o', out, ...(dedup ? [] : ['--no-dedup']), '--threads', '1', ...extra], { cwd: work, stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  child.stdout.setEncoding('utf8').on('data', (d: string) => (stdout += d));
  child.stderr.setEncoding('utf8').on('data', (d: string) => (stderr += d));
  const done = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) => child.on('close', (code, signal) => resolve({ code, signal })));
  return { child, done, out: () => stdout, err: () => stderr };
}

async function waitForFiles(dir: string, n: number, limitMs = 60_000): Promise<void> {
  const t0 = Date.now();
  while (Date.now() - t0 < limitMs) {
    if (existsSync(dir) && readdirSync(dir).filter((f) => f.endsWith('.md')).length >= n) return;
    await new Promise((r) => setTimeout(r, 20));
  }
  throw new Error(`fewer than ${n} files appeared in ${dir}`);
}

describe('SIGINT', () => {
  it('stops between files, reports what was done and exits 130', async () => {
    const run = startRun('int-out', ['--json']);
    await waitForFiles(path.join(work, 'int-out'), 10);
    run.child.kill('SIGINT');
    const { code } = await run.done;
    expect(code).toBe(130);
    const report = JSON.parse(run.out());
    expect(report.interrupted).toBe(true);
    expect(report.documents.length).toBeGreaterThanOrEqual(10);
    expect(report.documents.length).toBeLessThan(N);
    expect(run.err()).toMatch(/interrupted/);
    for (const d of report.documents) {
      expect(readFileSync(path.join(work, d.output), 'utf8')).toBe(readFileSync(path.join(work, d.output.replace(/^int-out/, 'reference')), 'utf8'));
    }
  });
});

describe('SIGKILL', () => {
  it.each([1, 40, 150])('killed after %i files: every Markdown file is complete; a rerun sweeps the temporary files', async (after) => {
    const out = `kill-${after}`;
    const run = startRun(out);
    await waitForFiles(path.join(work, out), after);
    run.child.kill('SIGKILL');
    await run.done;
    for (const f of listFiles(path.join(work, out))) {
      if (f === '.newsclean-lock') continue; // the lock of the killed run, taken over by the next one
      if (/\.tmp$/.test(f)) {
        expect(path.basename(f).startsWith('.')).toBe(true); // only hidden temporaries may be left half-written
        continue;
      }
      expect(readFileSync(path.join(work, out, f), 'utf8'), f).toBe(readFileSync(path.join(work, 'reference', f), 'utf8'));
    }
    const again = await runCli(['inbox', '-o', out, '--no-dedup'], { cwd: work, timeoutMs: 120_000 });
    expect(again.code).toBe(0);
    expect(listFiles(path.join(work, out)).filter((f) => f.endsWith('.tmp'))).toEqual([]);
    expect(listFiles(path.join(work, out))).toHaveLength(N);
  });
});

/** Waits until the spool files in `dir` hold at least `bytes` bytes (bodies cleaned and not yet written). */
async function waitForSpool(dir: string, bytes: number, limitMs = 60_000): Promise<void> {
  const t0 = Date.now();
  while (Date.now() - t0 < limitMs) {
    let size = 0;
    try {
      for (const f of readdirSync(dir)) if (f.startsWith('.newsclean-spool.')) size += statSync(path.join(dir, f)).size;
    } catch {
      // not made yet
    }
    if (size >= bytes) return;
    await new Promise((r) => setTimeout(r, 20));
  }
  throw new Error(`the spool in ${dir} did not reach ${bytes} bytes`);
}

describe('with near-duplicate detection (bodies spooled until the front matter is final)', () => {
  it('SIGINT: the files cleaned so far are written, complete, and the spool is removed; exit 130', async () => {
    const run = startRun('int-dedup', ['--jsonl'], true);
    // with near-duplicates on, --jsonl writes each record once it is final (after the run): watch the spool grow
    await waitForSpool(path.join(work, 'int-dedup'), 10 * 400);
    run.child.kill('SIGINT');
    const { code } = await run.done;
    expect(code).toBe(130);
    const docs = run.out().trim().split('\n').map((l) => JSON.parse(l) as { type: string; output?: string; interrupted?: boolean }).filter((r) => r.type === 'document');
    expect(docs.length).toBeGreaterThanOrEqual(10);
    expect(docs.length).toBeLessThan(N);
    for (const d of docs) {
      expect(readFileSync(path.join(work, d.output!), 'utf8')).toBe(readFileSync(path.join(work, d.output!.replace(/^int-dedup/, 'reference')), 'utf8'));
    }
    expect(listFiles(path.join(work, 'int-dedup'))).toHaveLength(docs.length);
  });
  it('SIGKILL: only hidden temporary files are left, and a rerun sweeps them and writes every file', async () => {
    const run = startRun('kill-dedup', ['--jsonl'], true);
    await waitForSpool(path.join(work, 'kill-dedup'), 40 * 400);
    run.child.kill('SIGKILL');
    await run.done;
    for (const f of listFiles(path.join(work, 'kill-dedup'))) {
      if (f === '.newsclean-lock') continue; // the lock of the killed run, taken over by the next one
      if (/\.tmp$/.test(f)) expect(path.basename(f).startsWith('.')).toBe(true);
      else expect(readFileSync(path.join(work, 'kill-dedup', f), 'utf8'), f).toBe(readFileSync(path.join(work, 'reference', f), 'utf8'));
    }
    const again = await runCli(['inbox', '-o', 'kill-dedup'], { cwd: work, timeoutMs: 120_000 });
    expect(again.code).toBe(0);
    expect(listFiles(path.join(work, 'kill-dedup')).filter((f) => f.endsWith('.tmp'))).toEqual([]);
    expect(listFiles(path.join(work, 'kill-dedup'))).toHaveLength(N);
  });
});
