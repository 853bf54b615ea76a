/**
 * Golden files: compare-or-write. `UPDATE_GOLDEN=1 npm test` (npm run test:update) rewrites the expected files;
 * never in CI. Review the diff of what was removed before committing an update.
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { expect } from 'vitest';

export const UPDATE = process.env.UPDATE_GOLDEN === '1' && !process.env.CI;

export function golden(file: string, actual: string): void {
  if (UPDATE || !existsSync(file)) {
    if (!UPDATE && process.env.CI) throw new Error(`golden file missing: ${file}`);
    mkdirSync(path.dirname(file), { recursive: true });
    writeFileSync(file, actual);
    return;
  }
  const expected = readFileSync(file, 'utf8');
  expect(actual, `golden ${path.relative(process.cwd(), file)} differs (UPDATE_GOLDEN=1 to rewrite after review)`).toBe(expected);
}
