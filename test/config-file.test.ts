import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { buildProgram } from '../src/cli/args.js';
import { applyConfig, loadConfig, resolvedConfig } from '../src/cli/config.js';

const dirs: string[] = [];
function project(files: Record<string, string>): string {
  const d = mkdtempSync(path.join(tmpdir(), 'newsclean-config-'));
  dirs.push(d);
  for (const [f, c] of Object.entries(files)) {
    mkdirSync(path.dirname(path.join(d, f)), { recursive: true });
    writeFileSync(path.join(d, f), c);
  }
  return d;
}
afterAll(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));

async function resolve(cwd: string, argv: string[], explicit?: string) {
  const program = buildProgram();
  program.parse(argv, { from: 'user' });
  const config = await loadConfig(cwd, explicit);
  applyConfig(program, config);
  return { opts: program.opts(), config, program };
}

describe('configuration file', () => {
  for (const [name, text] of [
    ['newsclean.config.json', JSON.stringify({ threshold: 0.7, 'drop-duplicates': true, disable: ['NC204', 'tag:share'], 'max-file-size': '2MB', dedup: true })],
    ['newsclean.config.yaml', 'threshold: 0.7\ndrop-duplicates: true\ndisable: [NC204, "tag:share"]\nmax-file-size: 2MB\n'],
    ['newsclean.config.toml', 'threshold = 0.7\ndropDuplicates = true\ndisable = ["NC204", "tag:share"]\nmax-file-size = "2MB"\n'],
  ] as const) {
    it(`is found from a subfolder upward and parsed like the command line (${name})`, async () => {
      const d = project({ [name]: text, 'inbox/sub/x.txt': 'x' });
      const { opts, config } = await resolve(path.join(d, 'inbox/sub'), ['.']);
      expect(config.file).toBe(path.join(d, name));
      expect(opts.threshold).toBe(0.7);
      expect(opts.dropDuplicates).toBe(true);
      expect(opts.disable).toEqual(['NC204', 'tag:share']);
      expect(opts.maxFileSize).toBe(2 * 1024 * 1024);
    });
  }

  it('the command line wins over the file', async () => {
    const d = project({ 'newsclean.config.json': JSON.stringify({ threshold: 0.7, out: 'from-file' }) });
    const { opts, program } = await resolve(d, ['.', '--threshold', '0.9']);
    expect(opts.threshold).toBe(0.9);
    expect(opts.out).toBe('from-file');
    expect(program.getOptionValueSource('threshold')).toBe('cli');
    expect(program.getOptionValueSource('out')).toBe('config');
  });

  it('a negatable option is set by its positive name', async () => {
    const d = project({ 'newsclean.config.yaml': 'dedup: false\n' });
    expect((await resolve(d, ['.'])).opts.dedup).toBe(false);
  });

  it('an unknown key is a usage error naming the key and a near name', async () => {
    const d = project({ 'newsclean.config.json': JSON.stringify({ treshold: 0.7 }) });
    await expect(resolve(d, ['.'])).rejects.toThrow('newsclean.config.json: unknown option "treshold" (did you mean "threshold"?)');
  });

  it('a value the option refuses is a usage error naming the key', async () => {
    const d = project({ 'newsclean.config.yaml': 'threshold: 3\n' });
    await expect(resolve(d, ['.'])).rejects.toThrow(/newsclean.config.yaml: "threshold" .*\(0, 1\]/);
    const e = project({ 'newsclean.config.yaml': 'drop-duplicates: "yes"\n' });
    await expect(resolve(e, ['.'])).rejects.toThrow('"drop-duplicates" must be true or false');
  });

  it('a broken file is a usage error, not a crash', async () => {
    const d = project({ 'newsclean.config.toml': 'threshold = = 1\n' });
    await expect(resolve(d, ['.'])).rejects.toThrow(/^configuration: /);
  });

  it('--config names a file anywhere, and only that file is read', async () => {
    const d = project({ 'newsclean.config.json': JSON.stringify({ threshold: 0.7 }), 'conf/ci.yaml': 'threshold: 0.85\n' });
    const { opts, config } = await resolve(d, ['.'], 'conf/ci.yaml');
    expect(config.file).toBe(path.join(d, 'conf/ci.yaml'));
    expect(opts.threshold).toBe(0.85);
    await expect(resolve(d, ['.'], 'conf/missing.yaml')).rejects.toThrow(/--config conf\/missing.yaml: cannot read it \(ENOENT\)/);
  });

  it('the resolved settings say where each value came from', async () => {
    const d = project({ 'newsclean.config.json': JSON.stringify({ threshold: 0.7 }) });
    const { program, config } = await resolve(d, ['.', '--quiet']);
    const r = resolvedConfig(program, config);
    expect(r.options.threshold).toEqual({ value: 0.7, from: 'config' });
    expect(r.options.quiet).toEqual({ value: true, from: 'cli' });
    expect(r.options.out?.from).toBe('default');
  });
});
