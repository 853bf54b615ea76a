/**
 * Many tests spawn `bin/newsclean.js` or start workers from `dist/`: build it once, before any test file runs,
 * when it is missing or older than a source file (`npm test` has just built it; `npx vitest run test/x.test.ts`
 * after an edit has not). One build for the whole run: test files that built it themselves, concurrently,
 * could leave a half-written `dist/` under another test's feet.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('../', import.meta.url));

function newest(dir: string): number {
  let t = 0;
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, e.name);
    t = Math.max(t, e.isDirectory() ? newest(p) : statSync(p).mtimeMs);
  }
  return t;
}

export default function setup(): void {
  const marker = path.join(ROOT, 'dist/index.js');
  if (existsSync(marker) && statSync(marker).mtimeMs >= newest(path.join(ROOT, 'src'))) return;
  const r = spawnSync(process.execPath, [path.join(ROOT, 'node_modules/typescript/bin/tsc'), '-p', path.join(ROOT, 'tsconfig.json')], { stdio: 'inherit' });
  if (r.status !== 0) throw new Error('the build (tsc) failed: tests need dist/');
}
