#!/usr/bin/env node
// `npm run train:text [-- --check]`: the line model (text-zones.mjs), the build again (the headline model reads the
// line model's weights through the built cleaner), then the headline model (text-header.mjs), each given the same
// arguments, so that `--check` checks both weight files instead of rewriting the first.
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));
const args = process.argv.slice(2);
const steps = [
  [process.execPath, [path.join(here, 'text-zones.mjs'), ...args]],
  ['npx', ['tsc', '-p', 'tsconfig.json']],
  [process.execPath, [path.join(here, 'text-header.mjs'), ...args]],
];
for (const [cmd, argv] of steps) {
  const r = spawnSync(cmd, argv, { stdio: 'inherit', cwd: path.join(here, '../..') });
  if (r.status !== 0) process.exit(r.status ?? 1);
}
