/** The real binary in a child process: stdout, stderr, exit codes, files written, inputs untouched. */
import { cpSync, existsSync, mkdirSync, readFileSync, statSync, symlinkSync, utimesSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { runCli } from './helpers/cli.js';
import { FIXTURES } from './helpers/paths.js';
import { hashTree, listFiles, tempDir } from './helpers/tree.js';

let inbox: string;
let work: string;
beforeAll(() => {
  work = tempDir();
  inbox = path.join(work, 'inbox');
  cpSync(path.join(FIXTURES, 'inbox'), inbox, { recursive: true });
});

describe('newsclean CLI', () => {
  it('cleans a folder: one .md per input, mirrored paths, JSON report on stdout only, inputs untouched', async () => {
    const before = hashTree(inbox);
    const r = await runCli(['inbox', '--out', 'out', '--json'], { cwd: work });
    expect(r.code).toBe(0);
    expect(r.stderr).toBe('');
    const report = JSON.parse(r.stdout);
    expect(report.documents).toHaveLength(5);
    for (const d of report.documents) {
      expect(d.error).toBeNull();
      expect(d.output).toMatch(/^out\/\d{3}_[0-9a-f]+\.md$/);
      expect(existsSync(path.join(work, d.output))).toBe(true);
      expect(d.input.startsWith('inbox/')).toBe(true);
    }
    expect(listFiles(path.join(work, 'out'))).toHaveLength(5);
    expect(report.pairs.map((p: { a: string; b: string }) => [path.basename(p.a), path.basename(p.b)])).toEqual([
      ['000_71cecdebd7891502.txt', '003_16d60ea988cd834e.txt'],
      ['001_6bec7f7e1818aaca.txt', '002_f2643ec076e0634c.txt'],
    ]);
    expect(hashTree(inbox)).toBe(before);
  });

  it('leaves even the access times of its inputs as they were, where the system allows it', async () => {
    const dir = path.join(work, 'atime');
    cpSync(path.join(FIXTURES, 'inbox'), path.join(dir, 'in'), { recursive: true });
    const files = listFiles(path.join(dir, 'in')).map((f) => path.join(dir, 'in', f));
    // an access time before the modification time: a plain read now updates it (relatime and strictatime)
    const past = new Date(Date.now() - 3600_000);
    for (const f of files) utimesSync(f, past, statSync(f).mtime);
    const control = path.join(dir, 'control.txt');
    writeFileSync(control, 'x');
    utimesSync(control, past, statSync(control).mtime);
    readFileSync(control);
    const systemUpdates = statSync(control).atimeMs > past.getTime() + 1000;
    const owned = process.platform === 'linux' && typeof process.getuid === 'function' && statSync(files[0]!).uid === process.getuid();
    const before = files.map((f) => statSync(f).atimeMs);
    const r = await runCli(['in', '-o', 'out', '--quiet'], { cwd: dir });
    expect(r.code).toBe(0);
    expect(listFiles(path.join(dir, 'out'))).toHaveLength(files.length);
    // where reads would update access times and O_NOATIME applies (Linux, files the user owns), none moved
    if (systemUpdates && owned) expect(files.map((f) => statSync(f).atimeMs)).toEqual(before);
  });

  it('is deterministic: two runs give byte-identical files and reports', async () => {
    const a = await runCli(['inbox', '-o', 'det1', '--json'], { cwd: work });
    const b = await runCli(['inbox', '-o', 'det2', '--json'], { cwd: work });
    expect(a.stdout.replaceAll('det1', 'X')).toBe(b.stdout.replaceAll('det2', 'X'));
    for (const f of listFiles(path.join(work, 'det1'))) {
      expect(readFileSync(path.join(work, 'det2', f), 'utf8')).toBe(readFileSync(path.join(work, 'det1', f), 'utf8'));
    }
  });

  it('is idempotent: cleaning its own output leaves every body unchanged', async () => {
    await runCli(['inbox', '-o', 'once'], { cwd: work });
    const r = await runCli(['once', '-o', 'twice', '--json'], { cwd: work });
    expect(r.code).toBe(0);
    const body = (s: string) => s.replace(/^---\n[\s\S]*?\n---\n/, '');
    for (const f of listFiles(path.join(work, 'once'))) {
      expect(body(readFileSync(path.join(work, 'twice', f), 'utf8'))).toBe(body(readFileSync(path.join(work, 'once', f), 'utf8')));
    }
  });

  it('prints a readable summary without colour when not a TTY, and honours --no-color / NO_COLOR / FORCE_COLOR', async () => {
    const plain = await runCli(['inbox', '-o', 'o2', '--verbose'], { cwd: work });
    expect(plain.code).toBe(0);
    expect(plain.stdout).toContain('004_408d40fa7173d6f7.txt');
    expect(plain.stdout).toMatch(/removed: .*headline/);
    expect(plain.stdout).toMatch(/overlap/);
    expect(plain.stdout).toMatch(/5 files, 5 cleaned, 0 failed/);
    expect(plain.stdout).not.toMatch(/\u001b\[/);
    const forced = await runCli(['inbox', '-o', 'o3'], { cwd: work, env: { FORCE_COLOR: '1' } });
    expect(forced.stdout).toMatch(/\u001b\[/);
    const off = await runCli(['inbox', '-o', 'o4', '--no-color'], { cwd: work, env: { FORCE_COLOR: '1' } });
    expect(off.stdout).not.toMatch(/\u001b\[/);
    const json = await runCli(['inbox', '-o', 'o5', '--json'], { cwd: work, env: { FORCE_COLOR: '1' } });
    expect(json.stdout).not.toMatch(/\u001b\[/);
  });

  it('--jsonl streams one JSON record per line: documents in input order, then pairs and a summary', async () => {
    const r = await runCli(['inbox', '-o', 'jl', '--jsonl'], { cwd: work });
    expect(r.code).toBe(0);
    const records = r.stdout.trim().split('\n').map((l) => JSON.parse(l));
    expect(records.map((x) => x.type)).toEqual(['document', 'document', 'document', 'document', 'document', 'pair', 'pair', 'summary']);
    expect(records.slice(0, 5).map((x) => path.basename(x.input))).toEqual([...records.slice(0, 5).map((x) => path.basename(x.input))].sort());
    expect(records[0].removed.length).toBeGreaterThan(0);
    expect(records[7]).toMatchObject({ files: 5, cleaned: 5, overlaps: 2, interrupted: false });
    const both = await runCli(['inbox', '--json', '--jsonl'], { cwd: work });
    expect(both.code).toBe(2);
  });

  it('--dry-run writes nothing; --quiet prints one line', async () => {
    const r = await runCli(['inbox', '-o', 'dry', '--dry-run', '--quiet'], { cwd: work });
    expect(r.code).toBe(0);
    expect(existsSync(path.join(work, 'dry'))).toBe(false);
    expect(r.stdout.trim().split('\n')).toHaveLength(1);
  });

  it('exit 1 when a file cannot be cleaned: the others are still written and the report says which and why', async () => {
    const dir = path.join(work, 'mixed');
    mkdirSync(dir);
    cpSync(path.join(FIXTURES, 'inbox', '000_71cecdebd7891502.txt'), path.join(dir, 'good.txt'));
    writeFileSync(path.join(dir, 'empty.txt'), '');
    writeFileSync(path.join(dir, 'image.html'), Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13]));
    const r = await runCli(['mixed', '-o', 'mixed-out', '--json'], { cwd: work });
    expect(r.code).toBe(1);
    const report = JSON.parse(r.stdout);
    const byName = Object.fromEntries(report.documents.map((d: { input: string }) => [path.basename(d.input), d]));
    expect(byName['good.txt'].error).toBeNull();
    expect(byName['empty.txt'].error.code).toBe('empty');
    expect(byName['image.html'].error.code).toBe('binary');
    expect(existsSync(path.join(work, 'mixed-out', 'good.md'))).toBe(true);
    expect(r.stderr).toMatch(/empty\.txt: empty/);
    expect(r.stderr).toMatch(/image\.html: binary/);
    expect(r.stderr).not.toMatch(/\n\s+at /); // no stack traces for input problems
  });

  it('exit 2 with a one-line message for usage errors', async () => {
    for (const args of [['--bogus'], ['--jsn'], ['no-such-folder'], [], ['inbox', '--threshold', '7'], ['inbox', '--disable', 'nope'], ['inbox', '--json', '--jsonl']]) {
      const r = await runCli(args, { cwd: work });
      expect(r.code, args.join(' ')).toBe(2);
      expect(r.stdout).toBe('');
      expect(r.stderr, args.join(' ')).toMatch(/^newsclean: [^\n]+\n$/);
    }
  });

  it('--quiet counts in words that agree with the numbers (1 file, 2 files)', async () => {
    const one = await runCli(['inbox/000_71cecdebd7891502.txt', '-o', 'q1', '--quiet'], { cwd: work });
    expect(one.stdout).toBe('1 file, 1 cleaned, 0 failed, 0 duplicate and 0 overlap pairs\n');
    const five = await runCli(['inbox', '-o', 'q5', '--quiet'], { cwd: work });
    expect(five.stdout).toMatch(/^5 files, /);
  });

  it('--version, --help (with examples) and --list-rules', async () => {
    const pkg = JSON.parse(readFileSync(path.resolve(FIXTURES, '../package.json'), 'utf8'));
    const v = await runCli(['--version']);
    expect(v.code).toBe(0);
    expect(v.stdout.trim()).toBe(pkg.version);
    const h = await runCli(['--help']);
    expect(h.code).toBe(0);
    expect(h.stdout).toMatch(/--out <dir>/);
    expect(h.stdout).toMatch(/Examples:/);
    const l = await runCli(['--list-rules']);
    expect(l.stdout).toMatch(/NC001\s+mojibake/);
  });

  it('globs and several input folders: outputs mirror each root in a subfolder named after it; a glob that matches nothing is a usage error', async () => {
    mkdirSync(path.join(work, 'r1'));
    mkdirSync(path.join(work, 'r2'));
    cpSync(path.join(inbox, '000_71cecdebd7891502.txt'), path.join(work, 'r1', 'same.txt'));
    cpSync(path.join(inbox, '003_16d60ea988cd834e.txt'), path.join(work, 'r2', 'same.txt'));
    cpSync(path.join(inbox, '003_16d60ea988cd834e.txt'), path.join(work, 'r2', 'same.html'));
    const multi = await runCli(['r1', 'r2', '-o', 'multi', '--no-dedup'], { cwd: work });
    expect(multi.code).toBe(0);
    expect(listFiles(path.join(work, 'multi'))).toEqual(['r1/same.md', 'r2/same.html.md', 'r2/same.txt.md']);
    const glob = await runCli(['inbox/00[12]*.txt', '-o', 'globbed', '--json'], { cwd: work });
    expect(JSON.parse(glob.stdout).documents.map((d: { input: string }) => d.input)).toEqual(['inbox/001_6bec7f7e1818aaca.txt', 'inbox/002_f2643ec076e0634c.txt']);
    expect(listFiles(path.join(work, 'globbed'))).toEqual(['001_6bec7f7e1818aaca.md', '002_f2643ec076e0634c.md']);
    const none = await runCli(['nothing/*.txt'], { cwd: work });
    expect(none.code).toBe(2);
    expect(none.stderr).toMatch(/^newsclean: input not found: nothing\/\*\.txt/);
  });

  it('never reads its output folder as input, even inside the input folder', async () => {
    const dir = path.join(work, 'self');
    cpSync(inbox, dir, { recursive: true });
    await runCli(['self', '-o', 'self/out'], { cwd: work });
    const r = await runCli(['self', '-o', 'self/out', '--json'], { cwd: work });
    const report = JSON.parse(r.stdout);
    expect(report.documents).toHaveLength(5);
    expect(report.skipped.some((s: { reason: string }) => /output folder/.test(s.reason))).toBe(true);
    // through a glob, through a link to the input folder, and through a link inside it to the output folder
    const glob = await runCli(['self/**/*', '-o', 'self/out', '--json'], { cwd: work });
    expect(JSON.parse(glob.stdout).documents.map((d: { input: string }) => d.input).filter((i: string) => i.includes('out/'))).toEqual([]);
    expect(JSON.parse(glob.stdout).documents).toHaveLength(5);
    symlinkSync('self', path.join(work, 'self-link'));
    symlinkSync('out', path.join(dir, 'out-link'));
    const linked = await runCli(['self-link', '-o', 'self/out', '--json', '--follow-symlinks'], { cwd: work });
    const lr = JSON.parse(linked.stdout);
    expect(lr.documents).toHaveLength(5);
    expect(lr.skipped.filter((s: { reason: string }) => /output folder/.test(s.reason)).map((s: { path: string }) => s.path).sort()).toEqual(['self-link/out', 'self-link/out-link']);
  });

  it('a file that cannot be written (a folder stands at its output path) is a per-file write-failed, reported on stderr; the others are written; no spool or temporary file is left', async () => {
    mkdirSync(path.join(work, 'blocked', '001_6bec7f7e1818aaca.md'), { recursive: true });
    const r = await runCli(['inbox', '-o', 'blocked', '--json'], { cwd: work });
    expect(r.code).toBe(1);
    const report = JSON.parse(r.stdout);
    const failed = report.documents.filter((d: { error: unknown }) => d.error !== null);
    expect(failed.map((d: { input: string; error: { code: string; message: string } }) => [d.input, d.error.code])).toEqual([['inbox/001_6bec7f7e1818aaca.txt', 'write-failed']]);
    expect(failed[0].error.message).toMatch(/^cannot write blocked\/001_6bec7f7e1818aaca\.md: EISDIR/);
    expect(failed[0].output).toBeNull();
    expect(report.documents.filter((d: { status: string }) => d.status === 'cleaned')).toHaveLength(4);
    for (const f of ['000_71cecdebd7891502.md', '002_f2643ec076e0634c.md', '003_16d60ea988cd834e.md', '004_408d40fa7173d6f7.md']) {
      expect(readFileSync(path.join(work, 'blocked', f), 'utf8')).toMatch(/^---\n/);
    }
    // no temporary file is left beside the outputs
    expect(listFiles(path.join(work, 'blocked')).filter((f) => f.endsWith('.tmp'))).toEqual([]);
    expect(r.stderr).toMatch(/inbox\/001_6bec7f7e1818aaca\.txt: write-failed: cannot write blocked\/001_6bec7f7e1818aaca\.md: EISDIR/);
    // the article itself was cleaned: its pair is still reported
    expect(report.pairs.map((p: { a: string; b: string }) => [path.basename(p.a), path.basename(p.b)])).toEqual([
      ['000_71cecdebd7891502.txt', '003_16d60ea988cd834e.txt'],
      ['001_6bec7f7e1818aaca.txt', '002_f2643ec076e0634c.txt'],
    ]);
    // known before any work (the output path is taken by a folder newsclean did not make): the document record says so
    const lines = await runCli(['inbox', '-o', 'blocked', '--jsonl'], { cwd: work });
    const records = lines.stdout.trim().split('\n').map((l) => JSON.parse(l) as { type: string; input?: string; status?: string; output?: string | null; error?: { code: string } | null });
    // the document's own record is final: it carries the failure
    expect(records.filter((x) => x.type === 'document' && x.error).map((x) => [x.input, x.status, x.output, x.error?.code])).toEqual([['inbox/001_6bec7f7e1818aaca.txt', 'failed', null, 'write-failed']]);
    expect(listFiles(path.join(work, 'blocked')).filter((f) => f.endsWith('.tmp'))).toEqual([]);
  });
});
