/**
 * Corpus formats through the real command: WARC and JSONL crawls in (detected by content, one document per record,
 * skipped and broken records reported), `--format jsonl` out (a file, shards, compressed, or stdout — validated
 * against schema/record.schema.json and read back by jq when the machine has it), and the README pipeline as
 * written. The configuration file's wiring (found upward, --config, --print-config, unknown keys) is tested here too.
 */
import { execFileSync, spawn } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { gunzipSync, gzipSync } from 'node:zlib';
import { Ajv2020 } from 'ajv/dist/2020.js';
import { decompress as unzstd } from 'fzstd';
import { beforeAll, describe, expect, it } from 'vitest';
import { runCli } from './helpers/cli.js';
import { BIN, ROOT } from './helpers/paths.js';
import { tempDir } from './helpers/tree.js';
import { ARTICLE_HTML, PARAS, buildWarc, warcRecord, type WarcEntry } from './containers/helpers.js';

const schema = JSON.parse(readFileSync(path.join(ROOT, 'schema/record.schema.json'), 'utf8'));
const validate = new Ajv2020({ allErrors: true, strict: true }).compile(schema);

const hasJq = ((): boolean => {
  try {
    execFileSync('jq', ['--version'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
})();

const GERMAN = [
  'Der Stadtrat hat am Dienstag beschlossen, die nördliche Straßenbahnlinie um sechs Haltestellen zu verlängern, nachdem die Debatte fast das ganze Jahr gedauert hatte.',
  'Befürworter sagten, die Verlängerung werde die Fahrzeiten für etwa vierzigtausend Einwohner verkürzen, die heute auf überfüllte Busse angewiesen sind.',
  'Gegner argumentierten, die Kosten von geschätzt zweihundert Millionen Euro hätten zuerst in die Reparatur der bestehenden Gleise fließen sollen.',
];
const MORE = [
  'Local schools will open an hour later from September, after a two year study found that teenagers who start later sleep longer and score better.',
  'The education board said buses would be rescheduled and that after-school sports would end later, which several coaches welcomed in public comments.',
  'Parents who work early shifts asked for supervised rooms before classes begin, and the board promised to fund them from next year\'s budget.',
];

const ENTRIES: WarcEntry[] = [
  { type: 'warcinfo' },
  { type: 'request', url: 'https://news.example.org/city/tram' },
  { type: 'response', url: 'https://news.example.org/city/tram', body: ARTICLE_HTML('Council approves tram extension', PARAS), date: '2024-03-01T10:00:00Z' },
  { type: 'response', url: 'https://news.example.org/old', status: 301, headers: { Location: 'https://news.example.org/new' }, body: '' },
  { type: 'response', url: 'https://news.example.org/logo.png', contentType: 'image/png', body: new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0, 0, 0, 13]) },
  { type: 'response', url: 'https://zeitung.example.de/stadt/tram', body: ARTICLE_HTML('Stadtrat verlängert Straßenbahn', GERMAN) },
  { type: 'response', url: 'https://news.example.org/schools', body: ARTICLE_HTML('Schools to start an hour later', MORE) },
  // a copy of the first page under another address: a duplicate
  { type: 'response', url: 'https://mirror.example.net/tram', body: ARTICLE_HTML('Council approves tram extension', PARAS) },
];
/** The last record, cut in half: the file ends inside it. */
const CUT: WarcEntry = { type: 'response', url: 'https://news.example.org/cut', body: ARTICLE_HTML('Cut short', MORE) };

let work: string;
let crawl: string;

beforeAll(async () => {
  work = tempDir();
  const whole = await buildWarc(ENTRIES, true);
  const cut = Buffer.from(await warcRecord(CUT, true));
  crawl = path.join(work, 'crawl.warc.gz');
  writeFileSync(crawl, Buffer.concat([whole, cut.subarray(0, Math.floor(cut.length / 2))]));
});

interface Rec {
  id: string;
  text: string;
  markdown: string;
  lang: string | null;
  cluster: string | null;
  duplicate_of: string | null;
  metadata: Record<string, unknown>;
}

function parseLines(s: string): Rec[] {
  return s
    .split('\n')
    .filter((l) => l.length > 0)
    .map((l) => JSON.parse(l) as Rec);
}

function expectValid(records: Rec[]): void {
  for (const r of records) {
    const ok = validate(r);
    expect(ok ? null : validate.errors).toBeNull();
  }
}

/** Runs a shell pipeline (sh -c) in `cwd`, with bin/newsclean.js as `newsclean`. */
function pipeline(command: string, cwd: string): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const bin = path.join(cwd, '.bin');
    mkdirSync(bin, { recursive: true });
    writeFileSync(path.join(bin, 'newsclean'), `#!/bin/sh\nexec "${process.execPath}" "${BIN}" "$@"\n`, { mode: 0o755 });
    const env = { ...process.env, PATH: `${bin}:${process.env.PATH ?? ''}` };
    delete env.FORCE_COLOR;
    const child = spawn('sh', ['-c', command], { cwd, env, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (d: string) => (stdout += d));
    child.stderr.setEncoding('utf8').on('data', (d: string) => (stderr += d));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

describe('--format jsonl from a WARC crawl', () => {
  it('writes one valid record per HTML page to stdout, and the report to stderr', async () => {
    const r = await runCli([crawl, '--format', 'jsonl', '-o', '-'], { cwd: work });
    expect(r.code).toBe(1); // the cut record failed; the others are written
    const records = parseLines(r.stdout);
    expectValid(records);
    expect(records).toHaveLength(4);
    expect(records.every((x) => /^.*crawl\.warc\.gz#[0-9a-f-]{36}$/.test(x.id))).toBe(true);
    const tram = records.find((x) => x.metadata.url === 'https://news.example.org/city/tram')!;
    expect(tram.metadata).toMatchObject({ title: 'Council approves tram extension', crawled: '2024-03-01T10:00:00Z' });
    expect(tram.text).toContain('six stations');
    expect(tram.text).not.toContain('All rights reserved');
    expect(records.map((x) => x.lang).sort()).toEqual(['de', 'en', 'en', 'en']);
    // near-duplicates are still found: the mirror copies the first page
    const mirror = records.find((x) => x.metadata.url === 'https://mirror.example.net/tram')!;
    expect(mirror.cluster).not.toBeNull();
    expect(mirror.cluster).toBe(tram.cluster);
    expect([mirror.duplicate_of, tram.duplicate_of]).toContain(tram.duplicate_of ?? mirror.duplicate_of);
    // the report: what was passed over and why, the cut record's error
    expect(r.stderr).toContain('HTTP 301 redirect to https://news.example.org/new');
    expect(r.stderr).toContain('not HTML (image/png)');
    expect(r.stderr).toMatch(/crawl\.warc\.gz#[0-9a-f-]{36}: unreadable: .*unexpected end of file \(https:\/\/news\.example\.org\/cut\)/);
    expect(r.stderr).toContain('4 records written to stdout');
  });

  it('runs the README pipeline as written', async () => {
    const cwd = tempDir();
    writeFileSync(path.join(cwd, 'crawl.warc.gz'), readFileSync(crawl));
    const cmd = hasJq
      ? `newsclean crawl.warc.gz --format jsonl -o - | jq -c 'select(.lang=="en")' | wc -l`
      : `newsclean crawl.warc.gz --format jsonl -o - | node -e 'let n=0,b="";process.stdin.on("data",d=>b+=d).on("end",()=>{for(const l of b.split("\\n"))if(l&&JSON.parse(l).lang==="en")n++;console.log(n)})'`;
    const r = await pipeline(cmd, cwd);
    expect(r.code).toBe(0);
    expect(r.stdout.trim()).toBe('3');
    if (hasJq) {
      // jq reads every record back as JSON lines
      const back = await pipeline(`newsclean crawl.warc.gz --format jsonl -o - 2>/dev/null | jq -c '{id, lang, n: (.text | length)}'`, cwd);
      const rows = parseLines(back.stdout) as unknown as Array<{ id: string; lang: string; n: number }>;
      expect(rows).toHaveLength(4);
      expect(rows.every((x) => x.n > 100)).toBe(true);
    }
  });

  it('writes a file atomically, with --drop-duplicates, and lists the skipped records in the --json report', async () => {
    const out = path.join(work, 'corpus', 'dedup.jsonl.gz');
    const r = await runCli([crawl, '--format', 'jsonl', '-o', out, '--drop-duplicates', '--json'], { cwd: work });
    expect(r.code).toBe(1);
    const report = JSON.parse(r.stdout);
    expect(report.summary.dropped).toBe(1);
    expect(report.skipped.map((s: { reason: string }) => s.reason)).toEqual([
      'HTTP 301 redirect to https://news.example.org/new (https://news.example.org/old)',
      'not HTML (image/png) (https://news.example.org/logo.png)',
      'WARC records without a page: 1 request, 1 warcinfo',
    ]);
    expect(readdirSync(path.dirname(out))).toEqual(['dedup.jsonl.gz']); // no temporary file left
    const records = parseLines(gunzipSync(readFileSync(out)).toString('utf8'));
    expectValid(records);
    expect(records).toHaveLength(3);
    expect(records.some((x) => x.duplicate_of !== null)).toBe(false);
  });

  it('writes shards of --max-records-per-file, zstd by the name', async () => {
    const out = path.join(work, 'shards', 'c.jsonl.zst');
    const r = await runCli([crawl, '--format', 'jsonl', '-o', out, '--max-records-per-file', '3', '-q'], { cwd: work });
    expect(r.code).toBe(1);
    expect(readdirSync(path.dirname(out)).sort()).toEqual(['c-00000.jsonl.zst', 'c-00001.jsonl.zst']);
    const all = ['c-00000.jsonl.zst', 'c-00001.jsonl.zst'].map((f) => parseLines(Buffer.from(unzstd(readFileSync(path.join(path.dirname(out), f)))).toString('utf8')));
    expect(all.map((s) => s.length)).toEqual([3, 1]);
    expectValid(all.flat());
  });

  it('writes Markdown files under the container path plus the record id', async () => {
    const out = path.join(work, 'md');
    const r = await runCli([crawl, '-o', out, '-q'], { cwd: work });
    expect(r.code).toBe(1);
    const files = readdirSync(path.join(out, 'crawl.warc.gz')).sort();
    expect(files).toHaveLength(4);
    expect(files.every((f) => /^[0-9a-f-]{36}\.md$/.test(f))).toBe(true);
    const texts = files.map((f) => readFileSync(path.join(out, 'crawl.warc.gz', f), 'utf8'));
    expect(texts.some((t) => t.includes('url: "https://news.example.org/schools"') || t.includes('url: https://news.example.org/schools'))).toBe(true);
  });

  it('refuses what cannot work, as usage errors', async () => {
    for (const [args, message] of [
      [[crawl, '--format', 'jsonl'], /--format jsonl writes to --out FILE.jsonl/],
      [[crawl, '--format', 'jsonl', '-o', path.join(work, 'x.txt')], /named \*\.jsonl/],
      [[crawl, '--format', 'jsonl', '-o', '-', '--json'], /--json and --jsonl write the report/],
      [[crawl, '--format', 'jsonl', '-o', '-', '--max-records-per-file', '2'], /--max-records-per-file needs --out FILE.jsonl/],
      [[crawl, '--max-records-per-file', '2'], /--max-records-per-file needs --format jsonl/],
      [[crawl, '--format', 'xml'], /--format/],
      [[crawl, '--jsonl-field', 'bogus'], /--jsonl-field: "bogus"/],
    ] as Array<[string[], RegExp]>) {
      const r = await runCli(args, { cwd: work });
      expect(r.code, args.join(' ')).toBe(2);
      expect(r.stderr).toMatch(message);
      expect(r.stdout).toBe('');
    }
  });
});

describe('JSONL crawls in', () => {
  const body = PARAS.join('\n\n');
  const LINES = [
    JSON.stringify({ title: 'Council approves tram extension', author: 'Maria Keller', date: '2024-03-01', url: 'https://news.example.org/tram', text: body }),
    '{"title": "cut off", "text": "The line ends',
    JSON.stringify({ title: 'Schools to start an hour later', maintext: MORE.join('\n\n'), content: 'Subscribe to our newsletter', url: 'https://news.example.org/schools' }),
    JSON.stringify({ title: 'Stadtrat verlängert Straßenbahn', maintext: GERMAN.join('\n\n'), url: 'https://zeitung.example.de/tram' }),
  ];

  for (const gz of [false, true]) {
    it(`gives each line a document and a bad line a bad-record error, the rest going on (${gz ? 'gzip' : 'plain'})`, async () => {
      const dir = tempDir();
      const name = gz ? 'export.jsonl.gz' : 'export.jsonl';
      const text = LINES.join('\n') + '\n';
      writeFileSync(path.join(dir, name), gz ? gzipSync(text) : text);
      const r = await runCli([name, '--format', 'jsonl', '-o', 'out.jsonl', '--jsonl-field', 'body=maintext', '--json', '--no-dedup'], { cwd: dir });
      expect(r.code).toBe(1);
      const report = JSON.parse(r.stdout);
      const docs = report.documents as Array<{ input: string; status: string; error: { code: string } | null }>;
      expect(docs.map((d) => `${d.input}:${d.status}`)).toEqual([`${name}#line-1:skipped`, `${name}#line-2:failed`, `${name}#line-3:cleaned`, `${name}#line-4:cleaned`]);
      expect(docs[1]!.error).toMatchObject({ code: 'bad-record' });
      // body=maintext: line 1 has no maintext (its `text` is kept out of the way): no article, said so
      expect(docs[0]).toMatchObject({ reason: expect.stringMatching(/^not an article/) });
      const records = parseLines(readFileSync(path.join(dir, 'out.jsonl'), 'utf8'));
      expectValid(records);
      expect(records.map((x) => x.id)).toEqual([`${name}#line-3`, `${name}#line-4`]);
      expect(records[0]!.text).toContain('an hour later');
      expect(records[0]!.text).not.toContain('newsletter');
      expect(records[1]!.lang).toBe('de');
    });
  }

  it('reads the body field by its usual names without --jsonl-field', async () => {
    const dir = tempDir();
    writeFileSync(path.join(dir, 'a.jsonl'), LINES.join('\n') + '\n');
    const r = await runCli(['a.jsonl', '--format', 'jsonl', '-o', '-', '--no-dedup'], { cwd: dir });
    const records = parseLines(r.stdout);
    expectValid(records);
    expect(records.map((x) => x.id)).toContain('a.jsonl#line-1');
    expect(records.find((x) => x.id === 'a.jsonl#line-1')!.metadata).toMatchObject({ title: 'Council approves tram extension', author: 'Maria Keller' });
  });
});

describe('configuration file in the command', () => {
  it('is found from the working folder upward; the command line wins; --print-config shows where each value came from', async () => {
    const dir = tempDir();
    writeFileSync(path.join(dir, 'newsclean.config.yaml'), 'format: jsonl\nout: corpus.jsonl\nthreshold: 0.7\ndrop-duplicates: true\n');
    mkdirSync(path.join(dir, 'sub'));
    writeFileSync(path.join(dir, 'sub', 'crawl.warc.gz'), readFileSync(crawl));
    const shown = await runCli(['--print-config', '--threshold', '0.9'], { cwd: path.join(dir, 'sub') });
    expect(shown.code).toBe(0);
    const printed = JSON.parse(shown.stdout);
    expect(printed.config).toBe(path.join(dir, 'newsclean.config.yaml'));
    expect(printed.options.format).toEqual({ value: 'jsonl', from: 'config' });
    expect(printed.options.threshold).toEqual({ value: 0.9, from: 'cli' });
    expect(printed.options['drop-duplicates']).toEqual({ value: true, from: 'config' });
    expect(printed.options.shard).toEqual({ value: null, from: 'default' });
    // the run uses it: a JSONL corpus at the configured --out, duplicates dropped
    const r = await runCli(['crawl.warc.gz', '-q'], { cwd: path.join(dir, 'sub') });
    expect(r.code).toBe(1);
    const records = parseLines(readFileSync(path.join(dir, 'sub', 'corpus.jsonl'), 'utf8'));
    expect(records).toHaveLength(3);
  });

  it('is named with --config (TOML), and an unknown key is a usage error naming it', async () => {
    const dir = tempDir();
    writeFileSync(path.join(dir, 'conf.toml'), 'format = "jsonl"\nmax-records-per-file = 2\n');
    const ok = await runCli(['--config', 'conf.toml', '--print-config'], { cwd: dir });
    expect(ok.code).toBe(0);
    expect(JSON.parse(ok.stdout).options['max-records-per-file']).toEqual({ value: 2, from: 'config' });
    writeFileSync(path.join(dir, 'newsclean.config.json'), JSON.stringify({ treshold: 0.5 }));
    const bad = await runCli(['crawl.warc.gz'], { cwd: dir });
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('newsclean.config.json: unknown option "treshold" (did you mean "threshold"?)');
    expect(existsSync(path.join(dir, 'newsclean-out'))).toBe(false);
    const badValue = await runCli(['--config', 'conf.json', '--print-config'], { cwd: dir });
    expect(badValue.code).toBe(2);
    expect(badValue.stderr).toMatch(/--config conf\.json: cannot read it \(ENOENT\)/);
  });
});
