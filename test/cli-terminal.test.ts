/**
 * The terminal at corpus scale, through a real pseudo-terminal (util-linux `script`): stderr shows each phase with
 * its own progress; stdout is a summary of a few dozen lines whatever the corpus size (failures grouped by error
 * code with examples, the largest clusters, the most similar pairs, where the files are); --verbose lists every file.
 */
import { spawn, spawnSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { CorpusGenerator } from '../src/dedup/index.js';
import { BIN } from './helpers/paths.js';
import { tempDir } from './helpers/tree.js';

const HAS_SCRIPT = spawnSync('script', ['--version'], { encoding: 'utf8' }).status === 0;
const DOCS = 600;
const EMPTY = 25;
const BINARY = 7;
let work: string;

beforeAll(() => {
  work = tempDir();
  const gen = new CorpusGenerator({ docs: DOCS, seed: 3 });
  mkdirSync(path.join(work, 'in', 'bad'), { recursive: true });
  for (let i = 0; i < gen.docs; i++) writeFileSync(path.join(work, 'in', `${gen.id(i)}.md`), gen.text(i));
  for (let i = 0; i < EMPTY; i++) writeFileSync(path.join(work, 'in', 'bad', `empty-${i}.txt`), '');
  for (let i = 0; i < BINARY; i++) writeFileSync(path.join(work, 'in', 'bad', `image-${i}.png`), Buffer.from([0x89, 0x50, 0x4e, 0x47, 0, 0, 0, i]));
});

/** Runs the binary on a pseudo-terminal (stdout and stderr both a TTY): what the terminal received, LF line ends. */
function onTerminal(args: string[]): Promise<{ code: number | null; screen: string }> {
  const command = [process.execPath, BIN, ...args].map((a) => `'${a.replaceAll("'", "'\\''")}'`).join(' ');
  return new Promise((resolve, reject) => {
    const env: NodeJS.ProcessEnv = { ...process.env, NO_COLOR: '1', TERM: 'xterm' };
    delete env.FORCE_COLOR;
    const child = spawn('script', ['-qfec', command, '/dev/null'], { cwd: work, env, stdio: ['ignore', 'pipe', 'pipe'] });
    let screen = '';
    child.stdout.setEncoding('utf8').on('data', (d: string) => (screen += d));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, screen: screen.replaceAll('\r\n', '\n') }));
  });
}

/** The text after the last progress update (what is left on the screen once the line is cleared). */
function afterProgress(screen: string): string {
  const cleared = screen.lastIndexOf('\r\u001b[2K');
  return cleared < 0 ? screen : screen.slice(cleared + 5);
}

describe.skipIf(!HAS_SCRIPT)('on a terminal', () => {
  it('shows each phase with its own progress, then a short summary', async () => {
    const r = await onTerminal(['in', '-o', 'out']);
    expect(r.code).toBe(1);
    const updates = r.screen.split('\r\u001b[2K').slice(1).map((u) => u.split('\n')[0]!);
    const phases = [...new Set(updates.map((u) => /^[a-z :-]+?(?= █| ░|…|$)/.exec(u)?.[0]).filter(Boolean))];
    expect(phases).toEqual(['reading and cleaning', 'near-duplicates: finding candidates', 'near-duplicates: verifying', 'writing']);
    // each phase counts its own work up to its own total
    expect(updates).toContainEqual(expect.stringMatching(new RegExp(`^reading and cleaning [█░]+ ${DOCS + EMPTY + BINARY}/${DOCS + EMPTY + BINARY} files`)));
    expect(updates).toContainEqual(expect.stringMatching(/^near-duplicates: verifying [█░]+ (\d+)\/\1 documents/));
    expect(updates).toContainEqual(expect.stringMatching(/^writing [█░]+ (\d+)\/\1 files/));

    const report = afterProgress(r.screen);
    const lines = report.trimEnd().split('\n');
    expect(lines.length).toBeLessThan(40);
    expect(report).not.toMatch(/^✔/m);
    expect(report).toMatch(/^Failed \(32\), by error code$/m);
    expect(report).toMatch(/^ {2}empty +25$/m);
    expect(report).toMatch(/^ {2}binary +7$/m);
    expect(report).toMatch(/^ {6}… and 22 more$/m);
    expect(report).toMatch(/^ {6}… and 4 more$/m);
    expect(report).toMatch(/^Largest duplicate clusters \(5 of \d+\)$/m);
    expect(report).toMatch(/^Most similar pairs \(5 of \d+\)$/m);
    expect(report).toMatch(new RegExp(`^${DOCS + EMPTY + BINARY} files, ${DOCS} cleaned, 32 failed, `, 'm'));
    expect(lines.at(-1)).toBe('Markdown files in out/; every file: --verbose; the whole report: --json or --jsonl');
  }, 240_000);

  it('--verbose lists every file, pair and cluster', async () => {
    const r = await onTerminal(['in', '-o', 'out-v', '--verbose', '--no-dedup']);
    const report = afterProgress(r.screen);
    expect(report.match(/^✔ /gm)).toHaveLength(DOCS);
    expect(report.match(/^✖ /gm)).toHaveLength(EMPTY + BINARY);
  }, 240_000);
});
