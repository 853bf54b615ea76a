/** Acceptance: the seeds against their expectations, with the shared checker when ../shared is present. */
import { spawnSync } from 'node:child_process';
import { existsSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from './helpers/cli.js';
import { FIXTURES, HAS_SHARED, SHARED } from './helpers/paths.js';
import { tempDir } from './helpers/tree.js';

describe('seeds', () => {
  it.skipIf(!HAS_SHARED)('pass every check of ../shared/seeds/expected.json through the shared checker', async () => {
    const dir = tempDir();
    const r = await runCli([path.join(SHARED, 'seeds'), '--out', path.join(dir, 'md'), '--json'], { cwd: dir });
    // expected.json itself sits in the seeds folder: a data file, reported as skipped, not as a failure
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout).skipped).toEqual([{ path: expect.stringMatching(/expected\.json$/), reason: expect.stringMatching(/^not an article: JSON without an article body/) }]);
    writeFileSync(path.join(dir, 'report.json'), r.stdout);
    const check = spawnSync(process.execPath, [path.join(SHARED, 'tools/check-expected.mjs'), path.join(SHARED, 'seeds/expected.json'), path.join(dir, 'report.json')], { cwd: dir, encoding: 'utf8' });
    expect(check.stdout).toMatch(/expected: (\d+)\/\1 checks pass/);
    expect(check.status).toBe(0);
  });

  it('the copy in fixtures/ passes the same expectations', async () => {
    const dir = tempDir();
    const r = await runCli([path.join(FIXTURES, 'inbox'), '--out', path.join(dir, 'md'), '--json'], { cwd: dir });
    expect(r.code).toBe(0);
    writeFileSync(path.join(dir, 'report.json'), r.stdout);
    const checker = path.join(SHARED, 'tools/check-expected.mjs');
    if (!existsSync(checker)) return;
    const check = spawnSync(process.execPath, [checker, path.join(FIXTURES, 'seeds/expected.json'), path.join(dir, 'report.json')], { cwd: dir, encoding: 'utf8' });
    expect(check.stdout).toMatch(/expected: (\d+)\/\1 checks pass/);
  });
});
