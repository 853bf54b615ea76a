/** Builds WARC files with warcio's own writer, and JSONL files in the shapes common scrapers write. */
import { WARCRecord, WARCSerializer } from 'warcio';

export const ARTICLE_HTML = (title: string, paras: string[]): string =>
  `<!doctype html><html><head><title>${title} | Example Daily</title><meta charset="utf-8"></head><body>
<nav><a href="/">Home</a> <a href="/world">World</a> <a href="/sport">Sport</a></nav>
<article><h1>${title}</h1>${paras.map((p) => `<p>${p}</p>`).join('\n')}</article>
<footer>© Example Daily. All rights reserved.</footer></body></html>`;

export const PARAS = [
  'The city council voted on Tuesday to expand the northern tram line by six stations, ending a debate that lasted most of the year.',
  'Supporters said the extension would cut commuting times for about forty thousand residents who now depend on crowded buses.',
  'Opponents argued that the cost, estimated at two hundred million euros, should have gone to repairing existing track first.',
  'Construction is expected to begin next spring and to take about three years, the transport department said in a statement.',
];

export interface WarcEntry {
  type: 'warcinfo' | 'request' | 'response' | 'resource' | 'revisit';
  url?: string;
  status?: number;
  contentType?: string;
  headers?: Record<string, string>;
  body?: string | Uint8Array;
  date?: string;
}

async function* once(b: Uint8Array): AsyncGenerator<Uint8Array> {
  yield b;
}

export async function warcRecord(e: WarcEntry, gzip: boolean): Promise<Uint8Array> {
  const body = typeof e.body === 'string' ? new TextEncoder().encode(e.body) : (e.body ?? new Uint8Array());
  let record: WARCRecord;
  if (e.type === 'warcinfo') {
    record = WARCRecord.createWARCInfo({ filename: 'test.warc.gz', warcVersion: 'WARC/1.1' }, { software: 'newsclean tests' });
  } else if (e.type === 'response') {
    record = WARCRecord.create(
      {
        url: e.url!,
        date: e.date ?? '2024-03-01T10:00:00Z',
        type: 'response',
        warcVersion: 'WARC/1.1',
        statusline: `HTTP/1.1 ${e.status ?? 200} ${e.status === 301 ? 'Moved Permanently' : e.status === 404 ? 'Not Found' : 'OK'}`,
        httpHeaders: { 'Content-Type': e.contentType ?? 'text/html; charset=utf-8', ...(e.headers ?? {}) },
      },
      once(body),
    );
  } else if (e.type === 'request') {
    record = WARCRecord.create(
      { url: e.url!, date: e.date ?? '2024-03-01T10:00:00Z', type: 'request', warcVersion: 'WARC/1.1', statusline: `GET ${new URL(e.url!).pathname} HTTP/1.1`, httpHeaders: { Host: new URL(e.url!).host } },
      once(new Uint8Array()),
    );
  } else {
    record = WARCRecord.create(
      { url: e.url!, date: e.date ?? '2024-03-01T10:00:00Z', type: e.type, warcVersion: 'WARC/1.1', warcHeaders: { 'Content-Type': e.contentType ?? 'text/html' } },
      once(body),
    );
  }
  return WARCSerializer.serialize(record, { gzip });
}

export async function buildWarc(entries: WarcEntry[], gzip = true): Promise<Buffer> {
  const parts: Uint8Array[] = [];
  for (const e of entries) parts.push(await warcRecord(e, gzip));
  return Buffer.concat(parts);
}
