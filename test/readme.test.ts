/**
 * The README documents what the code does: every CLI option appears in it, every rule in docs/rules.md, and every
 * code block in it runs. Shell blocks are run, one command a line, in a fresh copy of the repository's files (its
 * first command is the newcomer's `npm ci`, for real); a text block marked `<!-- output … -->` must be what the
 * block before it prints; the TypeScript example is compiled and run against that copy's dist/, and each
 * `console.log(…); // value` must print that value.
 */
import { spawn } from 'node:child_process';
import { execFileSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import ts from 'typescript';
import { beforeAll, describe, expect, it } from 'vitest';
import { rules } from '../src/index.js';
import { buildProgram } from '../src/cli/args.js';
import { ROOT } from './helpers/paths.js';
import { tempDir } from './helpers/tree.js';

const readme = readFileSync(path.join(ROOT, 'README.md'), 'utf8');

interface Block {
  lang: string;
  body: string;
  /** The HTML comment on the line before the fence, if any. */
  marker: string | null;
  line: number;
}

function codeBlocks(text: string): Block[] {
  const lines = text.split('\n');
  const blocks: Block[] = [];
  for (let i = 0; i < lines.length; i++) {
    const open = /^```(\w*)\s*$/.exec(lines[i]!);
    if (!open) continue;
    const start = i;
    const body: string[] = [];
    for (i++; i < lines.length && lines[i] !== '```'; i++) body.push(lines[i]!);
    const prev = lines[start - 1] ?? '';
    blocks.push({ lang: open[1]!, body: body.join('\n'), marker: /^<!--.*-->$/.test(prev) ? prev : null, line: start + 1 });
  }
  return blocks;
}

const blocks = codeBlocks(readme);

/** The test command itself: running it here would run this suite inside itself. */
const SUITE = 'npm ci && npm test';

interface Ran {
  code: number | null;
  output: string;
}

function sh(command: string, cwd: string): Promise<Ran> {
  return new Promise((resolve, reject) => {
    const env: NodeJS.ProcessEnv = { ...process.env };
    delete env.FORCE_COLOR;
    delete env.NO_COLOR;
    // npm's own progress and notices are not part of what the README shows
    Object.assign(env, { npm_config_progress: 'false', npm_config_update_notifier: 'false', npm_config_fund: 'false', npm_config_audit: 'false', npm_config_prefer_offline: 'true' });
    const child = spawn('bash', ['-o', 'pipefail', '-c', command], { cwd, env, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    child.stdout.setEncoding('utf8').on('data', (d: string) => (output += d));
    child.stderr.setEncoding('utf8').on('data', (d: string) => (output += d));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, output }));
  });
}

describe('README', () => {
  it('is under 20 KB', () => {
    expect(Buffer.byteLength(readme)).toBeLessThan(20 * 1024);
  });

  it('documents every CLI option', () => {
    for (const o of buildProgram().options) expect(readme, o.long ?? o.flags).toContain(o.long!);
    // and with the same argument names as --help
    for (const o of buildProgram().options) if (/[<[]/.test(o.flags)) expect(readme, o.flags).toContain(o.flags.replace(/^-\w, /, ''));
  });

  it('links the rules table (docs/rules.md), which lists every rule with its id and name', () => {
    expect(readme).toContain('(docs/rules.md)');
    const doc = readFileSync(path.join(ROOT, 'docs/rules.md'), 'utf8');
    const table = doc.slice(doc.indexOf('<!-- rules:start -->'), doc.indexOf('<!-- rules:end -->'));
    for (const r of rules) expect(table, `${r.id} ${r.name}`).toContain(`| ${r.id} | \`${r.name}\` | ${r.stage} |`);
    expect(table.match(/^\| NC\d{3} /gm)?.length).toBe(rules.length);
  });

  it('links only docs pages that exist', () => {
    const links = [...readme.matchAll(/\]\((docs\/[^)#]+)/g)].map((m) => m[1]!);
    expect(links.length).toBeGreaterThan(5);
    for (const l of links) expect(existsSync(path.join(ROOT, l)), l).toBe(true);
    // every page is linked
    for (const f of readdirSync(path.join(ROOT, 'docs'))) if (f.endsWith('.md')) expect(links, f).toContain(`docs/${f}`);
  });

  it('gives the two newcomer commands as they are, and .ci/run uses the same test command', () => {
    const commands = blocks.filter((b) => b.lang === 'sh').map((b) => b.body);
    expect(commands).toContain('npm ci && npx newsclean fixtures/inbox --out out');
    expect(commands).toContain(SUITE);
    const ci = readFileSync(path.join(ROOT, '.ci/run'), 'utf8');
    expect(ci).toMatch(/npm ci/);
    expect(ci).toMatch(/npm test/);
    const pkg = JSON.parse(readFileSync(path.join(ROOT, 'package.json'), 'utf8'));
    expect(pkg.scripts.test).toBe('vitest run');
    expect(pkg.scripts.pretest).toMatch(/tsc/);
  });

  it('names only npm scripts and bench files that exist', () => {
    const pkg = JSON.parse(readFileSync(path.join(ROOT, 'package.json'), 'utf8'));
    for (const m of readme.matchAll(/npm run ([\w:-]+)/g)) expect(Object.keys(pkg.scripts), m[0]).toContain(m[1]);
    for (const m of readme.matchAll(/node (bench\/[\w/.-]+\.mjs)/g)) expect(existsSync(path.join(ROOT, m[1]!)), m[1]).toBe(true);
  });

  it('shows a JSON report with the keys a real report has', async () => {
    const block = blocks.find((b) => b.lang === 'jsonc')!;
    const shown = JSON.parse(block.body.replace(/\s\/\/ .*$/gm, ''));
    const { run } = await import('../src/index.js');
    const { jsonReport } = await import('../src/report/json.js');
    const real = JSON.parse(jsonReport(await run({ inputs: [path.join(ROOT, 'fixtures/inbox')], out: tempDir(), dryRun: true, threads: 0 })));
    expect(Object.keys(shown)).toEqual(Object.keys(real));
    expect(Object.keys(shown.documents[0])).toEqual(Object.keys(real.documents[0]));
    expect(Object.keys(shown.pairs[0])).toEqual(Object.keys(real.pairs[0]));
    expect(Object.keys(shown.pairs[0].passages[0])).toEqual(Object.keys(real.pairs[0].passages[0]));
    expect(Object.keys(shown.summary)).toEqual(Object.keys(real.summary));
    // a cluster is named by its smallest member's path
    const cluster = shown.clusters[0];
    expect(cluster.id).toBe([...cluster.members].sort()[0]);
    expect(shown.documents[0].metadata.cluster).toBe(cluster.id);
  });

  describe('every code block runs', () => {
    let copy: string;
    beforeAll(() => {
      // the repository's own files, as a fresh clone has them (no node_modules, no dist)
      copy = path.join(tempDir(), 'newsclean');
      mkdirSync(copy);
      const files = execFileSync('git', ['ls-files', '-z'], { cwd: ROOT, encoding: 'utf8' }).split('\0').filter(Boolean);
      for (const f of files) if (existsSync(path.join(ROOT, f))) cpSync(path.join(ROOT, f), path.join(copy, f), { recursive: true });
      // files not committed yet (a working copy under test) count as the repository's too
      for (const dir of ['src', 'docs', 'bin', 'bench', 'fixtures']) if (existsSync(path.join(ROOT, dir))) cpSync(path.join(ROOT, dir), path.join(copy, dir), { recursive: true });
      for (const f of ['README.md', 'package.json', 'package-lock.json', 'tsconfig.json']) cpSync(path.join(ROOT, f), path.join(copy, f));
    });

    it('shell blocks: each command succeeds (or fails as its output block says) and prints what the README shows', async () => {
      const shell = blocks.filter((b) => b.lang === 'sh');
      expect(shell.length).toBeGreaterThan(3);
      // the newcomer's command comes first: it installs and builds the copy
      expect(shell[0]!.body).toMatch(/^npm ci && /);
      for (const block of shell) {
        if (block.body === SUITE) continue;
        const after = blocks[blocks.indexOf(block) + 1];
        const expected = after && after.lang === 'text' && after.marker?.startsWith('<!-- output') ? after : null;
        const exit = expected ? Number(/exit (\d+)/.exec(expected.marker!)?.[1] ?? 0) : 0;
        const commands = block.body.split('\n').filter((l) => l.trim() && !l.startsWith('#'));
        let last: Ran = { code: 0, output: '' };
        for (const [k, command] of commands.entries()) {
          last = await sh(command, copy);
          const wanted = k === commands.length - 1 ? exit : 0;
          expect(last.code, `README line ${block.line}: ${command}\n${last.output}`).toBe(wanted);
        }
        if (expected) expect(last.output.trimEnd().endsWith(expected.body.trimEnd()), `README line ${after!.line}: printed\n${last.output}`).toBe(true);
      }
    }, 600_000);

    it('the Markdown example is what the sample inbox gives', () => {
      const block = blocks.find((b) => b.lang === 'markdown')!;
      const written = readFileSync(path.join(copy, 'out/001_6bec7f7e1818aaca.md'), 'utf8');
      const [frontMatter, body] = block.body.split('\n---\n\n');
      for (const line of frontMatter!.split('\n')) expect(written.split('\n'), line).toContain(line);
      expect(written).toContain(`\n---\n\n${body!.replace(/…$/, '')}`);
    });

    it('TypeScript blocks run against dist/ and print what their comments say', async () => {
      const code = blocks.filter((b) => b.lang === 'ts');
      expect(code.length).toBeGreaterThan(0);
      for (const block of code) {
        const js = ts.transpileModule(block.body, { compilerOptions: { module: ts.ModuleKind.ESNext, target: ts.ScriptTarget.ES2022 } }).outputText;
        const file = path.join(copy, `readme-example-${block.line}.mjs`);
        writeFileSync(file, js);
        const r = await sh(`node ${JSON.stringify(file)}`, copy);
        expect(r.code, r.output).toBe(0);
        const wanted = [...block.body.matchAll(/^console\.log\(.*\); \/\/ (.*)$/gm)].map((m) => m[1]);
        expect(wanted.length).toBeGreaterThan(0);
        expect(r.output.trimEnd().split('\n')).toEqual(wanted);
      }
    }, 120_000);
  });
});
