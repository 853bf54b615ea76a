/**
 * The cleaning pool: files go to workers in batches and come back in batches; each outcome reaches the file it
 * belongs to, and a worker that dies fails only the file it was on.
 */
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CleanPool } from '../src/run/pool.js';
import { processTask } from '../src/run/task.js';
import { resolveSettings } from '../src/settings.js';
import { tempDir } from './helpers/tree.js';

let dir: string;
const settings = resolveSettings({});
const task = (name: string) => ({ abs: path.join(dir, name), display: name, target: null, targetShown: name, keepBody: true });

beforeAll(() => {
  dir = tempDir();
  for (let i = 0; i < 150; i++) {
    writeFileSync(
      path.join(dir, `f${i}.txt`),
      `Story number ${i} of the day\n\nThe council met on Monday and agreed on plan ${i} for the bridge over the river, after ${i} residents wrote in.\n\nWork starts next spring and is expected to take ${i % 7} years.\n`,
    );
  }
  // three million one-word lines: blocks and their texts need far more than 64 MB
  writeFileSync(path.join(dir, 'big.txt'), `Headline here\n\n${'word\n'.repeat(3_000_000)}\n`);
});

describe('CleanPool', () => {
  let pool: CleanPool;
  afterAll(async () => pool?.close());

  it('gives every file its own outcome, the same as cleaning it in this thread, across workers and batches', async () => {
    pool = new CleanPool(2, settings);
    const names = Array.from({ length: 150 }, (_, i) => `f${i}.txt`);
    const outcomes = await Promise.all(names.map((n) => pool.process(task(n))));
    names.forEach((n, i) => {
      const here = processTask({ ...task(n), id: 0 }, settings, null);
      expect(outcomes[i]!.status, n).toBe('cleaned');
      expect(outcomes[i]!.body, n).toBe(here.body);
      expect(outcomes[i]!.metadata, n).toEqual(here.metadata);
    });
  });

  it('a worker that runs out of memory fails only the file it was on; the files around it are cleaned', async () => {
    const small = new CleanPool(1, settings, undefined, 64);
    try {
      const [a, big, c] = await Promise.all(['f1.txt', 'big.txt', 'f2.txt'].map((n) => small.process(task(n))));
      expect(a!.status).toBe('cleaned');
      expect(big!.error).toEqual({ code: 'too-large', message: 'cleaning ran out of memory (64 MB per worker)' });
      expect(c!.status).toBe('cleaned');
      expect(c!.body).toContain('plan 2 ');
    } finally {
      await small.close();
    }
  });
});
