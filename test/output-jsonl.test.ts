import { mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { PassThrough, Writable } from 'node:stream';
import { gunzipSync } from 'node:zlib';
import { Ajv2020 } from 'ajv/dist/2020.js';
import { decompress as unzstd } from 'fzstd';
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { cleanText } from '../src/index.js';
import { corpusRecord, type CorpusRecord } from '../src/output/jsonl.js';
import { JsonlWriter, jsonlTarget } from '../src/output/jsonl-writer.js';
import { markdownToPlainText } from '../src/output/plain-text.js';
import { ROOT } from './helpers/paths.js';

const schema = JSON.parse(readFileSync(path.join(ROOT, 'schema/record.schema.json'), 'utf8'));
const validate = new Ajv2020({ allErrors: true, strict: true }).compile(schema);
const dirs: string[] = [];
const tmp = (): string => {
  const d = mkdtempSync(path.join(tmpdir(), 'newsclean-jsonl-'));
  dirs.push(d);
  return d;
};
afterAll(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));

function fixtureRecords(): CorpusRecord[] {
  const dir = path.join(ROOT, 'fixtures/inbox');
  return readdirSync(dir)
    .sort()
    .map((f) => {
      const r = cleanText(readFileSync(path.join(dir, f), 'utf8'), { path: `fixtures/inbox/${f}` });
      return corpusRecord(`fixtures/inbox/${f}`, r.body, r.metadata);
    });
}

describe('JSONL corpus records', () => {
  it('validate against the published schema, for every fixture', () => {
    const recs = fixtureRecords();
    expect(recs.length).toBeGreaterThan(3);
    for (const r of recs) expect(validate(r), JSON.stringify(validate.errors)).toBe(true);
    expect(recs.every((r) => r.lang === 'en')).toBe(true);
  });

  it('hold plain text without Markdown syntax', () => {
    const md = '## Sub *head*\n\nA [link](https://x.example/a_b) and ![img](i.png) with **bold**, `code` and \\*stars\\*.\n\n- one\n- two\n\n> quoted';
    expect(markdownToPlainText(md)).toBe('Sub head\n\nA link and img with bold, code and *stars*.\n\none\ntwo\n\nquoted');
  });

  it('plain text keeps every word of the body that is not a link target (property)', () => {
    fc.assert(
      fc.property(fc.array(fc.stringMatching(/^[A-Za-z][a-z]{0,8}$/), { minLength: 1, maxLength: 30 }), (words) => {
        const r = cleanText(words.join(' ') + '.', { path: 'x.txt' });
        if (r.error) return;
        const text = markdownToPlainText(r.body);
        for (const w of r.body.match(/[A-Za-z]+/g) ?? []) expect(text).toContain(w);
      }),
      { numRuns: 100 },
    );
  });
});

describe('JSONL writer', () => {
  it('names decide the compression', () => {
    expect(jsonlTarget('a/corpus.jsonl')).toEqual({ stem: 'a/corpus', ext: '.jsonl', compression: 'none' });
    expect(jsonlTarget('corpus.jsonl.gz')?.compression).toBe('gzip');
    expect(jsonlTarget('corpus.JSONL.ZST')?.compression).toBe('zstd');
    expect(jsonlTarget('corpus.json')).toBeNull();
    expect(jsonlTarget('dir/.jsonl')).toBeNull();
  });

  for (const ext of ['.jsonl', '.jsonl.gz', '.jsonl.zst']) {
    it(`writes shards atomically and readably (${ext})`, async () => {
      const dir = tmp();
      const recs = fixtureRecords();
      const many = Array.from({ length: 7 }, (_, i) => recs.map((r) => ({ ...r, id: `${r.id}#${i}` }))).flat();
      const w = JsonlWriter.toFile(path.join(dir, `corpus${ext}`), { maxRecordsPerFile: 10 });
      for (const r of many) {
        await w.write(r);
        // nothing under a final name before the run closes the writer
        expect(readdirSync(dir).every((f) => f.endsWith('.tmp'))).toBe(true);
      }
      const files = await w.close();
      expect(files).toHaveLength(Math.ceil(many.length / 10));
      expect(readdirSync(dir).sort()).toEqual(files.map((f) => path.basename(f)).sort());
      const back: CorpusRecord[] = [];
      for (const f of files) {
        const raw = readFileSync(f);
        const text = ext === '.jsonl.gz' ? gunzipSync(raw).toString() : ext === '.jsonl.zst' ? Buffer.from(unzstd(raw)).toString() : raw.toString();
        back.push(...text.trimEnd().split('\n').map((l) => JSON.parse(l) as CorpusRecord));
      }
      expect(back).toEqual(many);
    });
  }

  it('a zstd file of many frames reads back as one stream', async () => {
    const dir = tmp();
    const w = JsonlWriter.toFile(path.join(dir, 'big.jsonl.zst'));
    const rec = corpusRecord('x', 'word '.repeat(50_000), { title: 'Big' });
    for (let i = 0; i < 12; i++) await w.write({ ...rec, id: String(i) });
    const [f] = await w.close();
    const lines = Buffer.from(unzstd(readFileSync(f!))).toString().trimEnd().split('\n');
    expect(lines.map((l) => JSON.parse(l).id)).toEqual(Array.from({ length: 12 }, (_, i) => String(i)));
  });

  it('abort leaves nothing behind', async () => {
    const dir = tmp();
    const w = JsonlWriter.toFile(path.join(dir, 'c.jsonl.gz'), { maxRecordsPerFile: 2 });
    for (const r of fixtureRecords()) await w.write(r);
    await w.abort();
    await new Promise((r) => setTimeout(r, 20));
    expect(readdirSync(dir)).toEqual([]);
  });

  it('writes an empty but valid file when there is no record', async () => {
    const dir = tmp();
    const files = await JsonlWriter.toFile(path.join(dir, 'none.jsonl.gz')).close();
    expect(gunzipSync(readFileSync(files[0]!)).toString()).toBe('');
  });

  it('streams to a writable with backpressure', async () => {
    const out = new PassThrough({ highWaterMark: 16 });
    const chunks: string[] = [];
    out.on('data', (c) => chunks.push(String(c)));
    const w = JsonlWriter.toStream(out);
    for (const r of fixtureRecords()) await w.write(r);
    await w.close();
    expect(chunks.join('').trimEnd().split('\n').map((l) => JSON.parse(l).id)).toEqual(fixtureRecords().map((r) => r.id));
  });

  it('leaves no listener behind after waiting for a full stream to drain, however many times', async () => {
    // a slow reader: every write fills it, so each record waits for 'drain'
    let drains = 0;
    const out = new Writable({ highWaterMark: 16, write: (_c, _e, done) => setImmediate(done) });
    out.on('drain', () => drains++);
    const before = { error: out.listenerCount('error'), drain: out.listenerCount('drain') };
    const w = JsonlWriter.toStream(out);
    const records = fixtureRecords();
    for (let i = 0; i < 30; i++) await w.write(records[i % records.length]!);
    expect(drains).toBeGreaterThanOrEqual(30);
    expect({ error: out.listenerCount('error'), drain: out.listenerCount('drain') }).toEqual(before);
  });
});
