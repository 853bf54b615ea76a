import { gzipSync } from 'node:zlib';
import { Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { cleanContainerDocument, parseJsonlFields, readJsonl, sniffContainer, type ContainerItem } from '../../src/containers/index.js';
import { PARAS } from './helpers.js';

const body = PARAS.join('\n\n');
const LINES = [
  // trafilatura's JSON output
  JSON.stringify({ title: 'Council approves tram extension', author: 'Maria Keller', date: '2024-03-01', url: 'https://news.example.org/tram', hostname: 'news.example.org', text: body, comments: '' }),
  '',
  // a broken line
  '{"title": "cut off", "text": "The line ends',
  // CC-News style with `content`
  JSON.stringify({ title: 'Budget debate continues', content: PARAS.slice(1).join('\n\n'), url: 'https://news.example.org/budget', date: '2024-03-02' }),
  // not an object
  '[1, 2, 3]',
  JSON.stringify({ headline: 'Parks get new benches', body_text: PARAS.slice(2).join('\n\n') }),
];

async function collect(text: string, gzip = false, fields = {}): Promise<ContainerItem[]> {
  const buf = gzip ? gzipSync(text) : Buffer.from(text);
  const out: ContainerItem[] = [];
  for await (const item of readJsonl(Readable.from([buf]), { gzip, maxBytes: 1 << 20, fields })) out.push(item);
  return out;
}

describe('JSONL input', () => {
  it('is told from a JSON article by content', () => {
    expect(sniffContainer(Buffer.from(LINES.join('\n')), true)).toEqual({ kind: 'jsonl', gzip: false });
    expect(sniffContainer(gzipSync(LINES.join('\n')))).toEqual({ kind: 'jsonl', gzip: true });
    expect(sniffContainer(Buffer.from(JSON.stringify({ title: 'x', text: body }, null, 2)), true)).toBeNull();
    expect(sniffContainer(Buffer.from(LINES[0]!), true)).toBeNull(); // one record: a JSON article
  });

  for (const gzip of [false, true]) {
    it(`gives each line a document keyed by its line number, and a bad line an error of its own (${gzip ? 'gzip' : 'plain'})`, async () => {
      const items = await collect(LINES.join('\n') + '\n', gzip);
      expect(items.map((i) => `${i.key}:${i.type}`)).toEqual(['line-1:document', 'line-3:error', 'line-4:document', 'line-5:error', 'line-6:document']);
      expect(items[1]).toMatchObject({ error: { code: 'bad-record', message: expect.stringContaining('line 3 is not valid JSON') } });
      expect(items[3]).toMatchObject({ error: { code: 'bad-record', message: 'line 5 is not a JSON object' } });
    });
  }

  it('cleans a record with its fields as metadata', async () => {
    const [first] = await collect(LINES[0]!);
    if (first?.type !== 'document') throw new Error('no document');
    const r = cleanContainerDocument(first, { path: 'a.jsonl#line-1' });
    expect(r.error).toBeNull();
    expect(r.metadata).toMatchObject({ title: 'Council approves tram extension', author: 'Maria Keller', date: '2024-03-01', url: 'https://news.example.org/tram' });
    expect(r.body).toContain('six stations');
  });

  it('takes the body and title from fields the user names', async () => {
    const fields = parseJsonlFields(['body=body_text,title=headline']);
    const items = await collect(LINES[5]!, false, fields);
    const doc = items[0]!;
    if (doc.type !== 'document') throw new Error('no document');
    const r = cleanContainerDocument(doc, { path: 'a.jsonl#line-1' });
    expect(r.error).toBeNull();
    expect(r.metadata.title).toBe('Parks get new benches');
    expect(r.body).toContain('two hundred million euros');
  });

  it('refuses a malformed field option with a message naming it', () => {
    expect(() => parseJsonlFields(['body'])).toThrow(/"body" is not KEY=FIELD/);
    expect(() => parseJsonlFields(['colour=x'])).toThrow(/KEY one of body, title/);
  });

  it('gives a line over the size limit an error and reads on', async () => {
    const long = JSON.stringify({ title: 'Long', text: 'word '.repeat(5000) });
    const items: ContainerItem[] = [];
    for await (const i of readJsonl(Readable.from([Buffer.from(`${long}\n${LINES[0]}\n`)]), { gzip: false, maxBytes: 10_000 })) items.push(i);
    expect(items.map((i) => `${i.key}:${i.type}`)).toEqual(['line-1:error', 'line-2:document']);
    expect(items[0]).toMatchObject({ error: { code: 'too-large' } });
  });

  it('reads a line split across many chunks, and a last line without a newline', async () => {
    const text = LINES[0]! + '\n' + LINES[3]!;
    const chunks = [...Buffer.from(text)].reduce<Buffer[]>((acc, b, i) => (i % 7 === 0 ? acc.push(Buffer.from([b])) : (acc[acc.length - 1] = Buffer.concat([acc.at(-1)!, Buffer.from([b])])), acc), []);
    const items: ContainerItem[] = [];
    for await (const i of readJsonl(Readable.from(chunks), { gzip: false, maxBytes: 1 << 20 })) items.push(i);
    expect(items.map((i) => `${i.key}:${i.type}`)).toEqual(['line-1:document', 'line-2:document']);
  });
});
