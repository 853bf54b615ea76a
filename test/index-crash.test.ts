import { describe, expect, it } from 'vitest';
import { spawn } from 'node:child_process';
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { CorpusGenerator } from '../src/dedup/index.js';
import { openIndex, verifyDirectoryIndex } from '../src/index.js';
import { ROOT } from './helpers/paths.js';
import { tempDir } from './helpers/tree.js';

const WORKER = path.join(ROOT, 'test/helpers/index-worker.mjs');
const DOCS = 240;
const SEED = 11;
const BATCH = 16;
const gen = new CorpusGenerator({ docs: DOCS, seed: SEED });

/** Runs the worker and kills it with SIGKILL `afterMs` after it starts; returns the last committed count it printed. */
function runAndKill(dir: string, afterMs: number): Promise<{ committed: number; finished: boolean }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [WORKER, dir, String(DOCS), String(SEED), String(BATCH), '--chunk', '8'], { stdio: ['ignore', 'pipe', 'pipe'] });
    let committed = 0;
    let finished = false;
    const timer: NodeJS.Timeout = setTimeout(() => child.kill('SIGKILL'), afterMs);
    let buf = '';
    let err = '';
    child.stdout.on('data', (d: Buffer) => {
      buf += d.toString();
      let nl: number;
      while ((nl = buf.indexOf('\n')) >= 0) {
        const line = JSON.parse(buf.slice(0, nl)) as { committed?: number; done?: number };
        buf = buf.slice(nl + 1);
        if (line.committed !== undefined) committed = line.committed;
        if (line.done !== undefined) finished = true;
      }
    });
    child.stderr.on('data', (d: Buffer) => (err += d.toString()));
    child.on('error', reject);
    child.on('exit', (code, signal) => {
      clearTimeout(timer);
      if (signal !== 'SIGKILL' && code !== 0) reject(new Error(`worker failed (${code}): ${err}`));
      else resolve({ committed, finished });
    });
  });
}

/** The ids the index holds, read with the library. */
async function idsIn(dir: string): Promise<string[]> {
  const manifest = JSON.parse(readFileSync(path.join(dir, 'MANIFEST'), 'utf8')) as { nextKey: number };
  const index = await openIndex(dir);
  try {
    const keys = Array.from({ length: manifest.nextKey - 1 }, (_, i) => i + 1);
    const docs = await index.load(keys);
    expect((await index.stats()).documents).toBe(docs.filter(Boolean).length);
    return docs.filter((d) => d !== null).map((d) => d!.id).sort();
  } finally {
    await index.close();
  }
}

describe('a directory index killed at any moment', () => {
  it('is as before the batch or includes it, never damaged; runs started again complete it', async () => {
    let dir = path.join(tempDir('newsclean-crash-'), 'ix');
    const ids = Array.from({ length: DOCS }, (_, i) => gen.id(i));
    let kills = 0;
    let finished = false;
    let held = 0;
    // how long a whole run takes on this machine (into an index of its own), so that the kill moments fall inside a
    // run on a fast machine and a slow one alike
    const t0 = Date.now();
    expect((await runAndKill(path.join(tempDir('newsclean-crash-'), 'ix'), 600_000)).finished).toBe(true);
    const span = Date.now() - t0;
    let restarts = 0;
    for (let round = 0; round < 10 && !(finished && kills > 0); round++) {
      if (finished) {
        restarts++;
        // a run ended before its kill moment and none was killed yet (the measured run was slower than this one, as
        // on a loaded machine): begin again in a fresh index, with kill moments earlier in the run
        dir = path.join(tempDir('newsclean-crash-'), 'ix');
        finished = false;
        held = 0;
      }
      // kill moments spread over a run's whole life: while records are written, segments flushed, manifests renamed
      const r = await runAndKill(dir, Math.floor(span * (restarts === 0 ? 0.1 + 0.8 * Math.random() : 0.05 + 0.3 * Math.random())));
      finished = r.finished;
      if (!finished) kills++;
      if (held === 0 && !existsSync(path.join(dir, 'MANIFEST'))) {
        // killed before its first batch was committed into a new index: as before the run, there is no index (at
        // most the lock and the unfinished segment, which the next run takes over)
        expect(existsSync(dir) ? readdirSync(dir).filter((n) => n !== 'LOCK' && !/^seg-\d{6}\.ncs$/.test(n)) : []).toEqual([]);
        continue;
      }
      expect(verifyDirectoryIndex(dir)).toEqual([]);
      const got = await idsIn(dir);
      // whole batches only: the documents of the first k batches (a killed run starts again from the first batch,
      // whose documents are then already indexed, and adds the rest)
      expect(got.length % BATCH === 0 || got.length === DOCS).toBe(true);
      expect(got).toEqual(ids.slice(0, got.length).sort());
      expect(got.length).toBeGreaterThanOrEqual(Math.max(held, r.committed));
      held = got.length;
      // nothing left behind but the index's own files
      expect(readdirSync(dir).filter((n) => n !== 'MANIFEST' && n !== 'LOCK' && !/^seg-\d{6}\.ncs$/.test(n))).toEqual([]);
    }
    expect(kills).toBeGreaterThan(0);
    if (!finished) expect((await runAndKill(dir, 600_000)).finished).toBe(true);
    expect(await idsIn(dir)).toEqual([...ids].sort());
  }, 240_000);
});
