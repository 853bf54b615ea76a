/** Read-ahead of the inputs: on only while the workers' reads are slow, harmless on odd entries, leaves nothing open. */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ON_FILES, PROBE_FILES, Prefetcher, SLOW_READ_US } from '../src/run/prefetch.js';
import { tempDir } from './helpers/tree.js';

const openDescriptors = (): number | null => (existsSync('/proc/self/fd') ? readdirSync('/proc/self/fd').length : null);

function files(n: number): string[] {
  const dir = tempDir();
  return Array.from({ length: n }, (_, i) => {
    const f = path.join(dir, `f${i}.md`);
    writeFileSync(f, `article ${i}\n`.repeat(50));
    return f;
  });
}

/** Feeds one probe window of reads taking `us` µs each, as files `from ..` are started. */
function probe(p: Prefetcher, from: number, us: number): number {
  for (let i = 0; i < PROBE_FILES; i++) {
    p.reached(from + i);
    p.observe(us);
  }
  return from + PROBE_FILES;
}

describe('Prefetcher', () => {
  it('stays off while reads are fast, and reads nothing', async () => {
    const p = new Prefetcher(files(200));
    let at = probe(p, 0, 5000); // the first window (start-up) does not count
    for (let w = 0; w < 4; w++) at = probe(p, at, SLOW_READ_US / 4);
    expect(p.active).toBe(false);
    await p.stop();
    expect(p.fetched).toBe(0);
  });

  it('turns on when the median read is slow, reads the files ahead, and probes again after ON_FILES files', async () => {
    const paths = files(300);
    const before = openDescriptors();
    const p = new Prefetcher(paths, 50);
    let at = probe(p, 0, 10);
    // a few slow reads do not make a slow median
    for (let i = 0; i < PROBE_FILES; i++) {
      p.reached(at++);
      p.observe(i < PROBE_FILES / 3 ? 10_000 : 10);
    }
    expect(p.active).toBe(false);
    at = probe(p, at, SLOW_READ_US * 3);
    expect(p.active).toBe(true);
    // on from the file started last: the next 50 are read
    await p.settled();
    expect(p.fetched).toBe(50);
    p.reached(at + 9);
    await p.settled();
    expect(p.fetched).toBe(60);
    // files already started are not read ahead
    p.reached(at + 100);
    await p.settled();
    expect(p.fetched).toBe(110);
    p.reached(at - 1 + ON_FILES - 1);
    expect(p.active).toBe(true);
    p.reached(at - 1 + ON_FILES);
    expect(p.active).toBe(false);
    await p.stop();
    if (before !== null) expect(openDescriptors()).toBe(before);
  });

  it('passes over missing files, folders and FIFOs without blocking or throwing, and closes what it opened', async () => {
    const dir = tempDir();
    const fifo = path.join(dir, 'pipe.md');
    let paths = [path.join(dir, 'missing.md'), dir, ...files(3)];
    try {
      execFileSync('mkfifo', [fifo]);
      paths = [fifo, ...paths];
    } catch {
      // no mkfifo here: the other entries still count
    }
    mkdirSync(path.join(dir, 'sub'));
    const before = openDescriptors();
    // the entries come after the two probe windows, with a null (an input the walk found unusable) among them
    const p = new Prefetcher([...new Array<null>(2 * PROBE_FILES).fill(null), null, ...paths], 100);
    probe(p, probe(p, 0, 10), 10_000);
    expect(p.active).toBe(true);
    await p.settled();
    await p.stop();
    expect(p.fetched).toBeGreaterThanOrEqual(4);
    if (before !== null) expect(openDescriptors()).toBe(before);
  });
});
