import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { cleanBytes } from '../src/index.js';
import { golden } from './helpers/golden.js';
import { FIXTURES } from './helpers/paths.js';

/** The report part of a golden case: what was removed and why, so a rule change shows up as a diff. */
function reportOf(r: ReturnType<typeof cleanBytes>): string {
  return `${JSON.stringify({ format: r.format, error: r.error, warnings: r.warnings, removed: r.removed.map((x) => `${x.id} ${x.rule} [${x.action}] ${x.text}`) }, null, 2)}\n`;
}

describe('golden: sample inbox (the seeds)', () => {
  const dir = path.join(FIXTURES, 'inbox');
  for (const name of readdirSync(dir).sort()) {
    it(name, () => {
      const r = cleanBytes(readFileSync(path.join(dir, name)), { path: name });
      const stem = name.replace(/\.[^.]+$/, '');
      golden(path.join(FIXTURES, 'golden-inbox', `${stem}.md`), r.markdown ?? `ERROR ${JSON.stringify(r.error)}\n`);
      golden(path.join(FIXTURES, 'golden-inbox', `${stem}.report.json`), reportOf(r));
    });
  }
});

describe('golden: fixture corpus', () => {
  const dir = path.join(FIXTURES, 'golden');
  const cases = readdirSync(dir).filter((d) => statSync(path.join(dir, d)).isDirectory()).sort();
  it('has cases', () => expect(cases.length).toBeGreaterThan(0));
  for (const c of cases) {
    it(c, () => {
      const input = readdirSync(path.join(dir, c)).find((f) => f.startsWith('input.'));
      if (!input) throw new Error(`${c}: no input.* file`);
      const r = cleanBytes(readFileSync(path.join(dir, c, input)), { path: input });
      golden(path.join(dir, c, 'expected.md'), r.markdown ?? `ERROR ${JSON.stringify(r.error)}\n`);
      golden(path.join(dir, c, 'expected.report.json'), reportOf(r));
    });
  }
});
