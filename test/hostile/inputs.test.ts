/**
 * Hostile inboxes, built at test time: every bad file gets a clear per-file error code, the good files beside
 * them are cleaned exactly as when alone, nothing hangs, nothing foreign runs, the input folder is untouched.
 */
import { execFileSync } from 'node:child_process';
import { closeSync, cpSync, existsSync, mkdirSync, openSync, readFileSync, symlinkSync, truncateSync, writeFileSync } from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli.js';
import { FIXTURES } from '../helpers/paths.js';
import { hashTree, tempDir } from '../helpers/tree.js';

const GOOD = readFileSync(path.join(FIXTURES, 'inbox', '001_6bec7f7e1818aaca.txt'));
let work: string;
let inbox: string;
let server: net.Server | undefined;
let report: { documents: Array<{ input: string; output: string | null; error: { code: string; message: string } | null }>; skipped: Array<{ path: string; reason: string }> };
let exitCode: number | null;
let stderr: string;
let hashBefore: string;
let elapsed: number;
const pwned = () => path.join(work, 'PWNED');

const byName = (name: string) => {
  const d = report.documents.find((x) => path.basename(x.input) === name);
  if (!d) throw new Error(`${name} not in report`);
  return d;
};

beforeAll(async () => {
  work = tempDir('newsclean-hostile-');
  inbox = path.join(work, 'inbox');
  mkdirSync(inbox);
  const w = (name: string, data: string | Buffer) => writeFileSync(path.join(inbox, name), data);
  w('good.txt', GOOD);
  w('empty.txt', '');
  w('blank.txt', ' \n\t\n   \n');
  w('photo.html', Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), Buffer.alloc(2000, 7)]));
  w('paper.txt', Buffer.from('%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<< /Type /Catalog >>\nendobj\n', 'latin1'));
  w('nul.txt', Buffer.from('Some text\u0000\u0000\u0000with NUL bytes in it\u0000'));
  w('invalid-utf8.txt', Buffer.concat([Buffer.from('Council approves budget\n\nThe council said it was \x93pleased\x94 with the vote \x96 a first, after a long debate lasting well into the night on Tuesday.\n', 'latin1')]));
  // 100 MB, sparse: over the 50 MB default it is refused by its size without being read
  const big = path.join(inbox, 'huge.html');
  closeSync(openSync(big, 'w'));
  truncateSync(big, 100 * 1024 * 1024);
  w('one-line-10mb.txt', `A very long line\n\n${'word '.repeat(2_000_000)}end.\n`);
  w('deep.html', `${'<div>'.repeat(100_000)}deep text${'</div>'.repeat(100_000)}`);
  w('unclosed-tags.html', `<p>${'<b>x'.repeat(3000)}</p><p>The council approved the budget on Tuesday after a long debate that went on for hours.</p>`);
  w('unclosed-front-matter.md', '---\ntitle: never closed\n\nThe council approved the new budget on Tuesday after a debate that lasted well into the night, officials said.\n');
  w('list-front-matter.md', '---\n- a\n- b\n---\nBody text of the article.\n');
  w('scalar-front-matter.md', '---\njust a string\n---\nBody text of the article.\n');
  w('bad-yaml.md', '---\ntitle: [unclosed\n---\nBody text of the article.\n');
  const lol = ['a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]'];
  for (const [k, prev] of [['b', 'a'], ['c', 'b'], ['d', 'c'], ['e', 'd'], ['f', 'e'], ['g', 'f'], ['h', 'g'], ['i', 'h']]) lol.push(`${k}: &${k} [${Array(9).fill(`*${prev}`).join(',')}]`);
  w('billion-laughs.md', `---\n${lol.join('\n')}\n---\nBody text of the article.\n`);
  const js = `{ title: (require("fs").writeFileSync(${JSON.stringify(pwned())}, "x"), "owned") }`;
  w('js-front-matter.md', `---js\n${js}\n---\nBody text of the article.\n`);
  w('javascript-front-matter.md', `---javascript\n${js}\n---\nBody text of the article.\n`);
  w('coffee-front-matter.md', `---coffee\ntitle: "x"\n---\nBody text of the article.\n`);
  w('name with spaces.txt', GOOD);
  w('name\nwith newline.txt', GOOD);
  w('ñoño-日本語.txt', GOOD);
  w('--leading-dash.txt', GOOD);
  mkdirSync(path.join(inbox, 'sub'));
  w('sub/nested.txt', GOOD);
  execFileSync('mkfifo', [path.join(inbox, 'pipe.txt')]);
  server = net.createServer();
  await new Promise<void>((resolve) => server!.listen(path.join(inbox, 'socket.txt'), resolve));
  symlinkSync(path.join(inbox, 'does-not-exist.txt'), path.join(inbox, 'dangling.txt'));
  symlinkSync('.', path.join(inbox, 'loop'));
  mkdirSync(path.join(work, 'outside'));
  writeFileSync(path.join(work, 'outside', 'secret.txt'), GOOD);
  symlinkSync(path.join(work, 'outside'), path.join(inbox, 'outside-link'));
  symlinkSync(path.join(work, 'outside', 'secret.txt'), path.join(inbox, 'outside-file.txt'));

  hashBefore = hashTree(inbox);
  const t0 = Date.now();
  const r = await runCli(['inbox', '--out', 'out', '--json'], { cwd: work, timeoutMs: 120_000 });
  elapsed = Date.now() - t0;
  exitCode = r.code;
  stderr = r.stderr;
  report = JSON.parse(r.stdout);
}, 180_000);

afterAll(() => server?.close());

describe('a hostile inbox', () => {
  it('finishes (nothing blocks on the FIFO), exits 1, and leaves the input folder untouched', () => {
    expect(exitCode).toBe(1);
    expect(elapsed).toBeLessThan(100_000);
    expect(hashTree(inbox)).toBe(hashBefore);
  });

  it.each([
    ['empty.txt', 'empty'],
    ['blank.txt', 'empty'],
    ['photo.html', 'binary'],
    ['paper.txt', 'binary'],
    ['nul.txt', 'binary'],
    ['huge.html', 'too-large'],
    ['deep.html', 'too-deep'],
    ['list-front-matter.md', 'bad-front-matter'],
    ['scalar-front-matter.md', 'bad-front-matter'],
    ['bad-yaml.md', 'bad-front-matter'],
    ['billion-laughs.md', 'bad-front-matter'],
    ['js-front-matter.md', 'bad-front-matter'],
    ['javascript-front-matter.md', 'bad-front-matter'],
    ['coffee-front-matter.md', 'bad-front-matter'],
    ['pipe.txt', 'not-a-file'],
    ['socket.txt', 'not-a-file'],
  ])('%s → %s, with a one-line message on stderr and no stack trace', (name, code) => {
    const d = byName(name);
    expect(d.error?.code).toBe(code);
    expect(d.output).toBeNull();
    expect(d.error!.message).not.toMatch(/\n/);
    expect(stderr).toContain(`${name}: ${code}: `);
  });

  it('never runs JavaScript front matter', () => {
    expect(existsSync(pwned())).toBe(false);
  });

  it('cleans what is merely odd: invalid UTF-8, a 10 MB line, 3,000 unclosed tags, unclosed front matter', () => {
    for (const name of ['invalid-utf8.txt', 'one-line-10mb.txt', 'unclosed-tags.html', 'unclosed-front-matter.md']) {
      expect(byName(name).error, name).toBeNull();
    }
    const md = readFileSync(path.join(work, byName('invalid-utf8.txt').output!), 'utf8');
    expect(md).toContain('“pleased”');
    expect(md).toContain('– a first');
  });

  it('handles file names with spaces, newlines, non-ASCII and leading dashes, mirroring them under --out', () => {
    for (const name of ['name with spaces.txt', 'name\nwith newline.txt', 'ñoño-日本語.txt', '--leading-dash.txt']) {
      const d = byName(name);
      expect(d.error).toBeNull();
      expect(path.basename(d.output!)).toBe(name.replace(/\.txt$/, '.md'));
    }
    expect(byName('nested.txt').output).toBe(path.join('out', 'sub', 'nested.md'));
  });

  it('does not follow symbolic links: dangling, loops and links out of the input folder are skipped with a reason', () => {
    const reasons = Object.fromEntries(report.skipped.map((s) => [path.basename(s.path), s.reason]));
    expect(reasons['dangling.txt']).toMatch(/dangling/);
    expect(reasons['loop']).toMatch(/symbolic link/);
    expect(reasons['outside-link']).toMatch(/symbolic link/);
    expect(reasons['outside-file.txt']).toMatch(/symbolic link/);
    expect(report.documents.some((d) => /secret/.test(d.input))).toBe(false);
  });

  it('cleans the good files exactly as when they are alone', async () => {
    const alone = path.join(work, 'alone');
    mkdirSync(alone);
    cpSync(path.join(inbox, 'good.txt'), path.join(alone, 'good.txt'));
    const r = await runCli(['alone', '--out', 'alone-out'], { cwd: work });
    expect(r.code).toBe(0);
    // the hostile inbox holds several copies of the good file, so its copy also carries cluster keys
    const strip = (s: string) => s.replace(/^(?:input|cluster|duplicate_of): .*\n/gm, '');
    expect(strip(readFileSync(path.join(work, 'out', 'good.md'), 'utf8'))).toBe(strip(readFileSync(path.join(work, 'alone-out', 'good.md'), 'utf8')));
  });
});

describe('following links on request', () => {
  it('--follow-symlinks follows links inside the folder but never out of it, and survives loops', async () => {
    const dir = path.join(work, 'links');
    mkdirSync(path.join(dir, 'real'), { recursive: true });
    writeFileSync(path.join(dir, 'real', 'a.txt'), GOOD);
    symlinkSync(path.join(dir, 'real'), path.join(dir, 'alias'));
    symlinkSync('..', path.join(dir, 'real', 'up'));
    symlinkSync(path.join(work, 'outside'), path.join(dir, 'out-link'));
    const r = await runCli(['links', '--out', 'links-out', '--json', '--follow-symlinks'], { cwd: work, timeoutMs: 30_000 });
    const rep = JSON.parse(r.stdout);
    const inputs = rep.documents.map((d: { input: string }) => d.input).sort();
    expect(inputs).toEqual(['links/real/a.txt']);
    const reasons = rep.skipped.map((s: { path: string; reason: string }) => `${s.path}: ${s.reason}`).join('\n');
    expect(reasons).toMatch(/links\/out-link: symbolic link pointing outside the input folder/);
    expect(reasons).toMatch(/links\/alias: symbolic link to a folder already read/);
    expect(reasons).toMatch(/links\/real\/up: symbolic link to a folder already read/);
  });
});

describe('the per-file time budget', () => {
  it('a file that overruns --timeout gets the error timeout (its worker is replaced) and the others are still cleaned', async () => {
    const dir = path.join(work, 'slow');
    mkdirSync(dir);
    writeFileSync(path.join(dir, 'a-good.txt'), GOOD);
    // three million one-word lines: far more than 1.5 s of cleaning
    writeFileSync(path.join(dir, 'b-slow.txt'), `A very long line\n\n${'word\n'.repeat(3_000_000)}end.\n`);
    writeFileSync(path.join(dir, 'c-good.txt'), GOOD);
    const r = await runCli(['slow', '--out', 'slow-out', '--json', '--timeout', '1500', '--threads', '1', '--no-dedup'], { cwd: work, timeoutMs: 60_000 });
    expect(r.code).toBe(1);
    const rep = JSON.parse(r.stdout);
    const codes = Object.fromEntries(rep.documents.map((d: { input: string; error: { code: string } | null }) => [path.basename(d.input), d.error?.code ?? 'ok']));
    expect(codes).toEqual({ 'a-good.txt': 'ok', 'b-slow.txt': 'timeout', 'c-good.txt': 'ok' });
    expect(r.stderr).toMatch(/b-slow\.txt: timeout: cleaning took longer than 1500 ms/);
  });
});
