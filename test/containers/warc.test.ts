import { Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { cleanContainerDocument, readWarc, sniffContainer, type ContainerItem } from '../../src/containers/index.js';
import { ARTICLE_HTML, PARAS, buildWarc, type WarcEntry } from './helpers.js';

const ENTRIES: WarcEntry[] = [
  { type: 'warcinfo' },
  { type: 'request', url: 'https://news.example.org/city/tram' },
  { type: 'response', url: 'https://news.example.org/city/tram', body: ARTICLE_HTML('Council approves tram extension', PARAS), date: '2024-03-01T10:00:00Z' },
  { type: 'response', url: 'https://news.example.org/old', status: 301, headers: { Location: 'https://news.example.org/new' }, body: '' },
  { type: 'response', url: 'https://news.example.org/logo.png', contentType: 'image/png', body: new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0, 0, 0, 13]) },
  { type: 'response', url: 'https://news.example.org/missing', status: 404, body: '<html><body>Not found</body></html>' },
  { type: 'resource', url: 'https://news.example.org/city/budget', contentType: 'text/html', body: ARTICLE_HTML('Budget debate continues', PARAS.slice(1)) },
];

async function collect(buf: Buffer): Promise<ContainerItem[]> {
  const out: ContainerItem[] = [];
  const gzip = buf[0] === 0x1f && buf[1] === 0x8b;
  for await (const item of readWarc(Readable.from([buf]), { maxBytes: 1 << 20, gzip })) out.push(item);
  return out;
}

describe('WARC input', () => {
  for (const gzip of [true, false]) {
    it(`is sniffed from content (${gzip ? 'gzip' : 'plain'})`, async () => {
      const buf = await buildWarc(ENTRIES, gzip);
      expect(sniffContainer(buf.subarray(0, 65536))).toEqual({ kind: 'warc', gzip });
    });

    it(`gives each HTML response a document and says why every other record was passed over (${gzip ? 'gzip' : 'plain'})`, async () => {
      const items = await collect(await buildWarc(ENTRIES, gzip));
      const docs = items.filter((i) => i.type === 'document');
      expect(docs).toHaveLength(2);
      expect(docs[0]!.type === 'document' && docs[0]!.hints).toEqual({ url: 'https://news.example.org/city/tram', crawled: '2024-03-01T10:00:00Z' });
      expect(docs.every((d) => /^[0-9a-f-]{36}$/.test(d.key))).toBe(true);
      const reasons = items.filter((i) => i.type === 'skipped').map((i) => (i.type === 'skipped' ? i.reason : ''));
      expect(reasons).toEqual([
        'HTTP 301 redirect to https://news.example.org/new (https://news.example.org/old)',
        'not HTML (image/png) (https://news.example.org/logo.png)',
        'HTTP 404 (https://news.example.org/missing)',
        'WARC records without a page: 1 request, 1 warcinfo',
      ]);
    });
  }

  it('cleans a response into an article with the target URI and the crawl date', async () => {
    const items = await collect(await buildWarc(ENTRIES));
    const doc = items.find((i) => i.type === 'document')!;
    if (doc.type !== 'document') throw new Error('no document');
    const r = cleanContainerDocument(doc, { path: 'crawl.warc.gz#' + doc.key });
    expect(r.error).toBeNull();
    expect(r.metadata.title).toBe('Council approves tram extension');
    expect(r.metadata.url).toBe('https://news.example.org/city/tram');
    expect(r.metadata.crawled).toBe('2024-03-01T10:00:00Z');
    expect(r.body).toContain('six stations');
    expect(r.body).not.toContain('All rights reserved');
    expect(r.markdown).toContain('crawled: "2024-03-01T10:00:00Z"');
  });

  it('keeps the records before a file cut inside a record, and gives the cut record an error', async () => {
    const whole = await buildWarc(ENTRIES, false);
    const last = await buildWarc(ENTRIES.slice(-1), false);
    const cut = whole.subarray(0, whole.length - Math.floor(last.length / 2));
    const items = await collect(cut);
    expect(items.filter((i) => i.type === 'document')).toHaveLength(1);
    expect(items.at(-2)).toMatchObject({ type: 'error', error: { code: 'unreadable', message: expect.stringMatching(/^the file ends inside this record \(\d+ bytes missing\)/) } });
    expect(items.filter((i) => i.type === 'error')).toHaveLength(1);
  });

  it('keeps the records before a gzip member cut short, and gives the cut record an error', async () => {
    const whole = await buildWarc(ENTRIES, true);
    const last = await buildWarc(ENTRIES.slice(-1), true);
    const items = await collect(whole.subarray(0, whole.length - Math.floor(last.length / 2)));
    expect(items.filter((i) => i.type === 'document')).toHaveLength(1);
    const errors = items.filter((i) => i.type === 'error');
    expect(errors).toHaveLength(1);
    expect(errors[0]).toMatchObject({ error: { code: 'unreadable' } });
    expect(items.at(-1)).toMatchObject({ type: 'skipped', key: 'protocol-records' });
  });

  it('passes over a record larger than the limit with an error, reading on', async () => {
    const big = ARTICLE_HTML('Big', Array.from({ length: 200 }, () => PARAS[0]!));
    const buf = await buildWarc([{ type: 'response', url: 'https://x.example/big', body: big }, ENTRIES[2]!]);
    const items: ContainerItem[] = [];
    for await (const i of readWarc(Readable.from([buf]), { maxBytes: 10_000, gzip: true })) items.push(i);
    expect(items[0]).toMatchObject({ type: 'error', error: { code: 'too-large' } });
    expect(items[1]).toMatchObject({ type: 'document' });
  });
});
