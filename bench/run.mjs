#!/usr/bin/env node
// npm run bench [-- NAME ...]: runs the named benchmarks (default: every quick one) against dist/.
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));
const available = readdirSync(here).filter((f) => f.endsWith('.mjs') && f !== 'run.mjs').map((f) => f.replace(/\.mjs$/, '')).sort();
const QUICK = ['markdown', 'mojibake', 'encodings'];
const asked = process.argv.slice(2).filter((a) => !a.startsWith('-'));
const names = asked.length ? asked : QUICK.filter((n) => available.includes(n));
if (!existsSync(path.join(here, '../dist/index.js'))) {
  console.error('dist/ is missing: run `npm run build` first');
  process.exit(2);
}
let status = 0;
for (const name of names) {
  if (!available.includes(name)) {
    console.error(`unknown benchmark "${name}"; available: ${available.join(', ')}`);
    status = 2;
    continue;
  }
  console.log(`\n== ${name} ==`);
  const r = spawnSync(process.execPath, [path.join(here, `${name}.mjs`), ...process.argv.slice(2).filter((a) => a.startsWith('-'))], { stdio: 'inherit' });
  if (r.status !== 0) status = r.status ?? 1;
}
process.exit(status);
