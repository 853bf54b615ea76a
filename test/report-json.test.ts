/**
 * The JSON report is written as a stream of pieces with the bytes of JSON.stringify(report, null, 2): on arbitrary
 * reports (property test), on a report larger than V8's longest string (which JSON.stringify cannot make), and
 * through the real binary.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { Writable } from 'node:stream';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { jsonReport, writeJsonReport } from '../src/report/json.js';
import type { DocumentReport, RunReport } from '../src/run/index.js';
import { CorpusGenerator } from '../src/dedup/index.js';
import { runCli } from './helpers/cli.js';
import { tempDir } from './helpers/tree.js';

const plain = (report: object): string => `${JSON.stringify({ tool: 'newsclean', ...report }, null, 2)}\n`;

/** A writable that keeps only the length and hash of what it was given, and asks its writer to wait now and then. */
class Sink extends Writable {
  bytes = 0;
  writes = 0;
  head = '';
  tail = '';
  constructor() {
    super({ highWaterMark: 1 << 20, decodeStrings: false });
  }
  override _write(chunk: string | Buffer, _enc: BufferEncoding, done: (e?: Error | null) => void): void {
    const text = typeof chunk === 'string' ? chunk : chunk.toString('utf8');
    this.bytes += Buffer.byteLength(text);
    this.writes++;
    if (this.head.length < 4096) this.head += text.slice(0, 4096);
    this.tail = (this.tail + text.slice(-4096)).slice(-4096);
    setImmediate(done);
  }
}

const json = fc.letrec((tie) => ({
  value: fc.oneof({ depthSize: 'small' }, fc.constant(null), fc.boolean(), fc.double({ noNaN: false }), fc.string({ unit: 'binary' }), fc.constant(undefined), tie('array'), tie('object')),
  array: fc.array(tie('value'), { maxLength: 4 }),
  object: fc.dictionary(fc.string({ unit: 'binary' }), tie('value'), { maxKeys: 4 }),
})).value;

describe('the JSON report as a stream', () => {
  it('has the bytes of JSON.stringify(report, null, 2) on arbitrary values at every level', () => {
    fc.assert(
      fc.property(fc.dictionary(fc.string(), json, { maxKeys: 6 }), fc.array(json, { maxLength: 5 }), (extra, docs) => {
        const report = { version: 1, documents: docs, ...extra } as unknown as RunReport;
        expect(jsonReport(report)).toBe(plain(report));
      }),
      { numRuns: 3000 },
    );
    // empty arrays and objects, toJSON, functions and undefined as JSON.stringify treats them
    const odd = { version: 1, documents: [], pairs: [{}], when: new Date(0), f: () => 1, u: undefined, list: [undefined, () => 1, [], {}] } as unknown as RunReport;
    expect(jsonReport(odd)).toBe(plain(odd));
  });

  it('writes a report over V8\'s longest string (which JSON.stringify cannot make) in pieces, each document one piece', async () => {
    const doc: DocumentReport = {
      input: 'inbox/a-story-with-a-long-name.txt',
      output: 'out/a-story-with-a-long-name.md',
      status: 'cleaned',
      format: 'text',
      metadata: { title: 'A headline', words: 420, format: 'text', encoding: 'utf-8', input: 'inbox/a-story-with-a-long-name.txt', hash: '0123456789abcdef' },
      removed: Array.from({ length: 12 }, (_, i) => ({ id: 'NC216', rule: 'photo-caption', text: `A caption of some length that was removed from the article, number ${i}`, action: 'removed' })),
      warnings: [],
      error: null,
    };
    const report = (n: number): RunReport => ({
      version: 1,
      documents: Array.from({ length: n }, () => doc),
      pairs: [],
      clusters: [],
      skipped: [],
      // (the same summary at every size, so that the size is linear in n)
      summary: { files: 0, cleaned: 0, failed: 0, skipped: 0, duplicates: 0, overlaps: 0, clusters: 0, dropped: 0 },
      interrupted: false,
    });
    // the size grows by the same number of bytes per document
    const one = Buffer.byteLength(plain(report(1)));
    const per = Buffer.byteLength(plain(report(2))) - one;
    const n = Math.ceil((560 * 2 ** 20) / per);
    const big = report(n);
    const sink = new Sink();
    await writeJsonReport(big, sink);
    await new Promise<void>((resolve) => sink.end(resolve));
    expect(sink.bytes).toBe(one + per * (n - 1));
    expect(sink.bytes).toBeGreaterThan(2 ** 29);
    expect(sink.writes).toBeGreaterThan(1000);
    // it begins and ends as JSON.stringify would have written it
    expect(sink.head).toBe(plain(report(3)).slice(0, sink.head.length));
    expect(sink.tail).toBe(plain(report(3)).slice(-sink.tail.length));
  }, 300_000);
});

describe('--json through the real binary', () => {
  it('prints one valid document, the same as the library\'s report', async () => {
    const work = tempDir();
    const gen = new CorpusGenerator({ docs: 400, seed: 11 });
    mkdirSync(path.join(work, 'in'));
    for (let i = 0; i < gen.docs; i++) writeFileSync(path.join(work, 'in', `${gen.id(i)}.md`), gen.text(i));
    const r = await runCli(['in', '--json'], { cwd: work, timeoutMs: 240_000 });
    expect(r.code).toBe(0);
    const report = JSON.parse(r.stdout);
    expect(report.documents).toHaveLength(400);
    expect(report.pairs.length).toBeGreaterThan(100);
    expect(r.stdout).toBe(plain((({ tool, ...rest }) => rest)(report)));
  }, 300_000);
});
