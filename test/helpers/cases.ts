/** Every input the output checks run over: the golden fixture corpus and the sample inbox. */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { cleanBytes } from '../../src/index.js';
import type { CleanResult } from '../../src/index.js';
import { FIXTURES } from './paths.js';

export interface Case {
  name: string;
  file: string;
}

export function allCases(): Case[] {
  const out: Case[] = [];
  const golden = path.join(FIXTURES, 'golden');
  for (const c of readdirSync(golden).sort()) {
    const dir = path.join(golden, c);
    if (!statSync(dir).isDirectory()) continue;
    const input = readdirSync(dir).find((f) => f.startsWith('input.'));
    if (input) out.push({ name: c, file: path.join(dir, input) });
  }
  const inbox = path.join(FIXTURES, 'inbox');
  for (const f of readdirSync(inbox).sort()) out.push({ name: `inbox/${f}`, file: path.join(inbox, f) });
  return out;
}

const cache = new Map<string, CleanResult>();

/** The cleaned result of a case (computed once per test file). */
export function cleaned(c: Case): CleanResult {
  let r = cache.get(c.file);
  if (!r) {
    r = cleanBytes(readFileSync(c.file), { path: path.basename(c.file) });
    cache.set(c.file, r);
  }
  return r;
}
