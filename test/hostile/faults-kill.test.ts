/**
 * kill -9 at random moments of runs over a nested tree, with and without near-duplicates (spools), into one output
 * folder: after each kill every Markdown file under --out is complete, and the next run that ends leaves nothing but
 * the outputs (and the manifest): no temporary file or spool in any folder, no lock.
 */
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli.js';
import { BIN } from '../helpers/paths.js';
import { listFiles, MANIFEST, tempDir } from '../helpers/tree.js';

const N = 240;
let work: string;
let reference: Map<string, string>;
/** The same inbox cleaned with near-duplicates on: the articles are alike, so most files name a cluster. */
let referenceDedup: Map<string, string>;

function article(i: number): string {
  const words = ['council', 'budget', 'transport', 'harbour', 'school', 'river', 'hospital', 'museum', 'election', 'festival'];
  const w = (k: number) => words[(i * 7 + k * 3) % words.length];
  return [
    `Story number ${i} about the ${w(1)}`,
    '',
    `The ${w(2)} plan number ${i} was approved on Tuesday after a debate about the ${w(3)} that lasted ${(i % 9) + 2} hours, officials said.`,
    '',
    `Critics of the ${w(4)} said item ${i * 13} would cost more than expected, while supporters pointed to the ${w(5)} and the ${w(6)}.`,
    '',
  ].join('\n');
}

/** A seeded generator, so that a failure can be run again (the seed is in the test name). */
function random(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

beforeAll(async () => {
  work = tempDir('newsclean-kill-');
  for (let i = 0; i < N; i++) {
    const rel = path.join(`region-${i % 4}`, `year-${i % 3}`, i % 5 === 0 ? 'briefs' : '', `story-${String(i).padStart(4, '0')}.txt`);
    mkdirSync(path.dirname(path.join(work, 'inbox', rel)), { recursive: true });
    writeFileSync(path.join(work, 'inbox', rel), article(i));
  }
  const ref = await runCli(['inbox', '-o', 'reference', '--no-dedup'], { cwd: work, timeoutMs: 120_000 });
  expect(ref.code).toBe(0);
  reference = new Map(listFiles(path.join(work, 'reference')).map((f) => [f, readFileSync(path.join(work, 'reference', f), 'utf8')]));
  expect(reference.size).toBe(N);
  const refDedup = await runCli(['inbox', '-o', 'reference-dedup'], { cwd: work, timeoutMs: 120_000 });
  expect(refDedup.code).toBe(0);
  referenceDedup = new Map(listFiles(path.join(work, 'reference-dedup')).map((f) => [f, readFileSync(path.join(work, 'reference-dedup', f), 'utf8')]));
  expect(referenceDedup.size).toBe(N);
}, 180_000);

const SEED = Number(process.env.KILL_SEED ?? Date.now() % 100_000);

describe('kill -9 over a nested tree', () => {
  it(`at random moments (seed ${SEED}): every .md is complete after each kill; the next run leaves nothing but the outputs`, async () => {
    const rnd = random(SEED);
    const out = path.join(work, 'out');
    for (let round = 0; round < 6; round++) {
      // near-duplicates on (bodies spooled in the folder's top) in most rounds
      const dedup = round < 2 || rnd() < 0.7;
      const threads = 1 + Math.floor(rnd() * 2);
      const args = [BIN, 'inbox', '-o', 'out', '--threads', String(threads), ...(dedup ? [] : ['--no-dedup']), '-q'];
      const child = spawn(process.execPath, args, { cwd: work, stdio: 'ignore' });
      const exited = new Promise<void>((resolve) => child.on('close', () => resolve()));
      // killed at a random moment once it has started writing (a spool, a temporary or a Markdown file has appeared):
      // while cleaning, while verifying near-duplicates, while writing, or after the end
      const busy = (): boolean => {
        try {
          return readdirSync(out, { recursive: true }).some((n) => /\.(tmp|md)$/.test(String(n)) && !String(n).endsWith(MANIFEST));
        } catch {
          return false;
        }
      };
      const t0 = Date.now();
      while (!busy() && Date.now() - t0 < 10_000) await new Promise((r) => setTimeout(r, 5));
      const delay = Math.floor(rnd() * 1500);
      await new Promise((r) => setTimeout(r, delay));
      child.kill('SIGKILL');
      await exited;
      const what = `round ${round} (dedup ${dedup}, threads ${threads}, killed after ${delay} ms)`;
      let temporaries = 0;
      for (const f of existsSync(out) ? listFiles(out) : []) {
        const base = path.basename(f);
        if (base.startsWith('.')) {
          // what a killed run may leave: its lock, its temporary files and spools (all hidden)
          expect(base === '.newsclean-lock' || base.endsWith('.tmp'), `${what}: ${f}`).toBe(true);
          temporaries += 1;
          continue;
        }
        expect(reference.has(f), `${what}: ${f}`).toBe(true);
        // complete: what a whole run writes, with near-duplicates off or on (a file of an earlier round may stay)
        expect([reference.get(f), referenceDedup.get(f)], `${what}: ${f}`).toContain(readFileSync(path.join(out, f), 'utf8'));
      }
      // every other round, a run that ends
      if (round % 2 === 1) {
        const again = await runCli(['inbox', '-o', 'out', '--no-dedup', '-q'], { cwd: work, timeoutMs: 120_000 });
        expect(again.code, `${what}: ${again.stderr}`).toBe(0);
        const left = listFiles(out);
        expect(left, `${what} (${temporaries} hidden files before)`).toEqual([...reference.keys()].sort());
        for (const f of left) expect(readFileSync(path.join(out, f), 'utf8')).toBe(reference.get(f));
        expect(readdirSync(out).filter((n) => n.startsWith('.') && n !== MANIFEST), what).toEqual([]);
      }
    }
  }, 600_000);
});
