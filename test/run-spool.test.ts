/**
 * The spool of cleaned bodies (near-duplicate runs write each file once its front matter is final): every run,
 * with and without worker threads, and repeated in one process into the same folder, writes the same files, leaves
 * no spool behind and no file descriptor open.
 */
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { run } from '../src/run/index.js';
import { CorpusGenerator } from '../src/dedup/index.js';
import { listFiles, tempDir } from './helpers/tree.js';

const openDescriptors = (): number => readdirSync('/proc/self/fd').length;

function contents(dir: string): Record<string, string> {
  return Object.fromEntries(listFiles(dir).map((f) => [f, readFileSync(path.join(dir, f), 'utf8')]));
}

describe('spooled bodies', () => {
  let inbox: string;
  beforeAll(() => {
    inbox = path.join(tempDir(), 'inbox');
    mkdirSync(inbox);
    const gen = new CorpusGenerator({ docs: 80, seed: 11 });
    for (let i = 0; i < gen.docs; i++) writeFileSync(path.join(inbox, `d${String(i).padStart(3, '0')}.md`), `${gen.text(i)}\n`);
  });

  it('give the same files with and without workers, run after run into one folder, and leave nothing open', async () => {
    const root = tempDir();
    // a first run of each kind, so that what the process opens once for good (worker plumbing) is counted before
    await run({ inputs: [inbox], out: path.join(root, 'warm-up'), threads: 2 });
    await run({ inputs: [inbox], out: path.join(root, 'warm-up'), threads: 0 });
    const before = existsSync('/proc/self/fd') ? openDescriptors() : null;
    const same = path.join(root, 'same');
    const first = await run({ inputs: [inbox], out: same, threads: 0 });
    const one = contents(same);
    expect(first.summary.cleaned).toBe(80);
    expect(first.summary.duplicates).toBeGreaterThan(0);
    expect(Object.values(one).some((md) => md.includes('duplicate_of:'))).toBe(true);

    const again = await run({ inputs: [inbox], out: same, threads: 0 });
    expect(again.pairs).toEqual(first.pairs);
    expect(contents(same)).toEqual(one);

    const threaded = path.join(root, 'threaded');
    await run({ inputs: [inbox], out: threaded, threads: 2 });
    expect(contents(threaded)).toEqual(one);
    await run({ inputs: [inbox], out: threaded, threads: 2 });
    expect(contents(threaded)).toEqual(one);

    // a dry run verifies from bodies kept in memory, and finds the same pairs
    for (const threads of [0, 2]) {
      const dry = await run({ inputs: [inbox], out: path.join(root, 'dry'), dryRun: true, threads });
      expect(dry.pairs).toEqual(first.pairs);
      // and gives the cluster members the same metadata as the written run (cluster, duplicate_of)
      expect(dry.documents.map((d) => d.metadata)).toEqual(first.documents.map((d) => d.metadata));
      expect(dry.documents.some((d) => d.metadata.duplicate_of)).toBe(true);
    }
    expect(existsSync(path.join(root, 'dry'))).toBe(false);

    // no spool or temporary file is left: only the manifest of what newsclean wrote there
    for (const dir of [same, threaded]) expect(readdirSync(dir).filter((n) => n.startsWith('.'))).toEqual(['.newsclean-manifest.jsonl']);
    if (before !== null) {
      // worker threads that ended close their descriptors a moment later, seconds later on a loaded machine (5 s was
      // too short at load 20): wait for them, 30 s at most; a descriptor that leaks stays open however long it waits
      for (let i = 0; i < 300 && openDescriptors() > before; i++) await new Promise((r) => setTimeout(r, 100));
      expect(openDescriptors()).toBe(before);
    }
  }, 240_000); // eleven runs of the sample inbox: a minute on a loaded machine
});
