import { existsSync, readdirSync, statSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { CorpusGenerator, type DedupDoc } from '../../src/dedup/index.js';

/** Documents [0, n) of a generated corpus. */
export function corpus(n: number, seed: number): { gen: CorpusGenerator; docs: DedupDoc[] } {
  const gen = new CorpusGenerator({ docs: n, seed });
  const docs = Array.from({ length: n }, (_, i) => ({ id: gen.id(i), text: gen.text(i) }));
  return { gen, docs };
}

/**
 * The worker pool runs the compiled worker script (dist/dedup/sketch-worker.js).
 * test/global-setup.ts builds it when it is missing or older than the sources.
 */
export function ensureWorkerBuilt(): void {
  const root = fileURLToPath(new URL('../../', import.meta.url));
  const worker = `${root}dist/dedup/sketch-worker.js`;
  const srcDir = `${root}src/dedup/`;
  const newest = Math.max(...readdirSync(srcDir).map((f) => statSync(srcDir + f).mtimeMs));
  // test/global-setup.ts builds dist/ once before any test file runs
  if (!existsSync(worker) || statSync(worker).mtimeMs < newest) throw new Error('dist/dedup/sketch-worker.js is missing or stale: run npm run build');
}

/** Fisher–Yates with a seeded generator. */
export function shuffled<T>(items: readonly T[], rand: () => number): T[] {
  const out = [...items];
  for (let i = out.length - 1; i > 0; i--) {
    const j = Math.floor(rand() * (i + 1));
    [out[i], out[j]] = [out[j]!, out[i]!];
  }
  return out;
}
