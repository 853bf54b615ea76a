/**
 * A rerun into the same output folder removes the outputs of inputs that are gone, and the terminal report says so
 * (real processes of bin/newsclean.js): one line with the count (and a few names) by default, a line per removed
 * file with --verbose; the JSON report lists them all.
 */
import { existsSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from './helpers/cli.js';
import { tempDir } from './helpers/tree.js';

const article = (i: number): string =>
  `Story ${i}: the council of town ${i} met on Monday\n\nThe council of town number ${i} approved a budget of ${i * 7} thousand after a long debate about roads, schools and the harbour ${i}, officials said.\n`;

describe('removed outputs of a rerun', () => {
  it('are counted in the summary and listed one per line with --verbose', async () => {
    const work = tempDir();
    mkdirSync(path.join(work, 'in', 'sub'), { recursive: true });
    for (let i = 0; i < 8; i++) writeFileSync(path.join(work, 'in', i < 4 ? '' : 'sub', `a${i}.txt`), article(i));
    const first = await runCli(['in', '-o', 'out', '--no-dedup'], { cwd: work });
    expect(first.code).toBe(0);
    expect(first.stdout).not.toMatch(/Removed/);
    for (const i of [1, 2, 5, 6, 7]) expect(existsSync(path.join(work, 'out', i < 4 ? '' : 'sub', `a${i}.md`))).toBe(true);

    // five inputs are gone: the summary counts their removed outputs and names only a few
    for (const i of [1, 2, 5, 6, 7]) rmSync(path.join(work, 'in', i < 4 ? '' : 'sub', `a${i}.txt`));
    const again = await runCli(['in', '-o', 'out', '--no-dedup'], { cwd: work });
    expect(again.code).toBe(0);
    const line = again.stdout.split('\n').filter((l) => /Removed/.test(l));
    expect(line).toHaveLength(1);
    expect(line[0]).toMatch(/^Removed 5 files of earlier runs from out\//);
    expect(line[0]).toMatch(/and 2 more/);
    for (const i of [1, 2, 5, 6, 7]) expect(existsSync(path.join(work, 'out', i < 4 ? '' : 'sub', `a${i}.md`))).toBe(false);

    // --verbose: a line per removed file
    for (const i of [0, 3]) rmSync(path.join(work, 'in', `a${i}.txt`));
    const verbose = await runCli(['in', '-o', 'out', '--no-dedup', '-v'], { cwd: work });
    expect(verbose.code).toBe(0);
    const lines = verbose.stdout.split('\n');
    const head = lines.findIndex((l) => l.startsWith('Removed 2 files of earlier runs from out/'));
    expect(head).toBeGreaterThanOrEqual(0);
    expect(lines.slice(head + 1, head + 3).map((l) => l.trim())).toEqual([path.join('out', 'a0.md'), path.join('out', 'a3.md')]);

    // one removed file: the singular, and its name
    rmSync(path.join(work, 'in', 'sub', 'a4.txt'));
    const one = await runCli(['in', '-o', 'out', '--no-dedup'], { cwd: work });
    expect(one.stdout).toMatch(new RegExp(`^Removed 1 file of earlier runs from out/ .*: ${path.join('out', 'sub', 'a4.md').replace(/\./g, '\\.')}$`, 'm'));
    // and the JSON report of a rerun that removes nothing says so
    const json = await runCli(['in', '-o', 'out', '--no-dedup', '--json'], { cwd: work });
    expect(JSON.parse(json.stdout)).toMatchObject({ removedOutputs: [], summary: { removedOutputs: 0 } });
  }, 120_000);
});
