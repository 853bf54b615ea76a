/**
 * WARC (and WARC.gz) input, read as a stream with webrecorder's warcio: each `response` (or `resource`) record
 * whose payload is HTML is one document; its target URI and date become `url` and `crawled`, its record id its key.
 * Other content records (images, PDFs, redirects, errors, revisits) are passed over with the reason; request,
 * warcinfo and metadata records hold no content and are counted in one line per container. A file that ends
 * inside a record gives that record an error and ends the container; records before it are kept.
 */
import { createReadStream } from 'node:fs';
import type { Readable } from 'node:stream';
import { createGunzip } from 'node:zlib';
import { WARCParser, type WARCRecord } from 'warcio';
import { safeKey, type ContainerItem } from './record.js';

export interface WarcReadOptions {
  /** Payloads larger than this are passed over as too large (bytes). */
  maxBytes: number;
  /**
   * The file is gzip-compressed (a member per record, or one stream). It is inflated by Node's zlib before
   * warcio parses it: zlib reads every member and fails loudly on a cut stream, where warcio's own inflater
   * stops quietly at the last whole member.
   */
  gzip: boolean;
}

const HTML_TYPES = /^(?:text\/html|application\/xhtml\+xml|application\/xml|text\/xml)\b/i;
/** Records that carry no page: counted, not listed one by one. */
const PROTOCOL_TYPES = new Set(['request', 'warcinfo', 'metadata', 'continuation']);

function charsetOf(contentType: string | null | undefined): string | undefined {
  const m = contentType?.match(/charset\s*=\s*"?([\w.:-]+)/i);
  return m ? m[1] : undefined;
}

function statusOf(record: WARCRecord): number | null {
  const info = record.getResponseInfo();
  if (!info) return null;
  const n = Number(info.status);
  return Number.isFinite(n) ? n : null;
}

function header(record: WARCRecord, name: string): string | null {
  const h = record.httpHeaders?.headers;
  if (!h) return null;
  return (h.get(name) as string | null) ?? null;
}

/** Streams the items of a WARC file (plain or gzip: warcio detects it per member). */
export async function* readWarc(source: string | Readable, options: WarcReadOptions): AsyncGenerator<ContainerItem> {
  const raw = typeof source === 'string' ? createReadStream(source, { highWaterMark: 256 * 1024 }) : source;
  const stream = options.gzip ? raw.pipe(createGunzip({ chunkSize: 64 * 1024 })) : raw;
  // an inflate error is thrown by the iterator warcio reads from, so parse() below reports it
  if (options.gzip) raw.on('error', (e: Error) => stream.destroy(e));
  const protocol = new Map<string, number>();
  let n = 0;
  const parser = new WARCParser(stream);
  try {
    for (;;) {
      let record: WARCRecord | null;
      try {
        record = await parser.parse();
      } catch (e) {
        yield { type: 'error', key: `record-${n + 1}`, error: { code: 'unreadable', message: `broken WARC record after record ${n}: ${(e as Error).message}` } };
        break;
      }
      if (!record) break;
      n++;
      const fallback = `record-${n}`;
      const key = safeKey(record.warcHeader('WARC-Record-ID') ?? '', fallback);
      const type = record.warcType ?? 'unknown';
      if (PROTOCOL_TYPES.has(type)) {
        protocol.set(type, (protocol.get(type) ?? 0) + 1);
        await record.skipFully();
        continue;
      }
      const uri = record.warcTargetURI ?? undefined;
      const where = uri ? ` (${uri})` : '';
      if (type !== 'response' && type !== 'resource') {
        await record.skipFully();
        yield { type: 'skipped', key, reason: `WARC ${type} record${where}` };
        continue;
      }
      const status = type === 'response' ? statusOf(record) : 200;
      const contentType = type === 'response' ? header(record, 'content-type') : record.warcContentType;
      if (status !== null && status !== 200) {
        await record.skipFully();
        const loc = status >= 300 && status < 400 ? header(record, 'location') : null;
        yield { type: 'skipped', key, reason: `HTTP ${status}${loc ? ` redirect to ${loc}` : ''}${where}` };
        continue;
      }
      if (!contentType || !HTML_TYPES.test(contentType.trim())) {
        await record.skipFully();
        yield { type: 'skipped', key, reason: `not HTML (${contentType ? contentType.split(';')[0]!.trim() : 'no content type'})${where}` };
        continue;
      }
      const declaredLength = record.warcContentLength;
      if (declaredLength > options.maxBytes) {
        await record.skipFully();
        yield { type: 'error', key, error: { code: 'too-large', message: `record of ${declaredLength} bytes is over the limit of ${options.maxBytes}${where}` } };
        continue;
      }
      let bytes: Uint8Array;
      try {
        bytes = await record.readFully(true);
      } catch (e) {
        yield { type: 'error', key, error: { code: 'unreadable', message: `cannot read the record's payload: ${(e as Error).message}${where}` } };
        break;
      }
      // the record's reader counts down what its Content-Length promised: anything left means the file ended inside it
      const missing = (record._reader as { limit?: unknown }).limit;
      if (typeof missing === 'number' && missing > 0) {
        yield { type: 'error', key, error: { code: 'unreadable', message: `the file ends inside this record (${missing} bytes missing)${where}` } };
        break;
      }
      const truncated = Boolean(record.warcHeader('WARC-Truncated'));
      const date = record.warcDate ?? undefined;
      const declared = charsetOf(contentType);
      yield {
        type: 'document',
        key,
        bytes,
        ...(declared ? { declared } : {}),
        hints: { ...(uri ? { url: uri } : {}), ...(date ? { crawled: date } : {}), ...(truncated ? { truncated: true } : {}) },
      };
    }
  } finally {
    raw.destroy();
    if (stream !== raw) stream.destroy();
  }
  if (protocol.size) {
    const parts = [...protocol].sort((a, b) => (a[0] < b[0] ? -1 : 1)).map(([t, c]) => `${c} ${t}`);
    yield { type: 'skipped', key: 'protocol-records', reason: `WARC records without a page: ${parts.join(', ')}` };
  }
}
