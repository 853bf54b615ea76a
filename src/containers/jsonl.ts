/**
 * JSONL (and JSONL.gz) input: one article record per line, as news-please, trafilatura and CC-News exports write
 * them. Each non-empty line is a document keyed `line-<n>` (1-based); a line that is not a JSON object is an error
 * for that line only, and the file goes on. The body field is found the way a JSON article's is (`text`,
 * `maintext`, `content`, `html`, `raw_html` …), or named with `fields` (`--jsonl-field body=maintext`).
 */
import { createReadStream } from 'node:fs';
import type { Readable } from 'node:stream';
import { createGunzip } from 'node:zlib';
import type { ContainerItem } from './record.js';

/** Record fields named by the user: our key → the record's field. */
export type JsonlFields = Partial<Record<'body' | 'title' | 'author' | 'date' | 'url' | 'id', string>>;

export interface JsonlReadOptions {
  gzip: boolean;
  maxBytes: number;
  fields?: JsonlFields;
}

/** Where a named field's value goes in the record handed to the JSON article reader. */
const TARGET: Record<keyof JsonlFields, string> = { body: 'text', title: 'title', author: 'author', date: 'date', url: 'url', id: 'id' };

/** Parses `body=maintext,title=headline` (or several such options) into a field map; throws on a bad entry. */
export function parseJsonlFields(specs: string[]): JsonlFields {
  const out: JsonlFields = {};
  for (const spec of specs) {
    for (const part of spec.split(',')) {
      const m = part.trim().match(/^([a-z]+)\s*=\s*(\S+)$/);
      if (!m || !(m[1]! in TARGET)) {
        throw new Error(`--jsonl-field: "${part.trim()}" is not KEY=FIELD with KEY one of ${Object.keys(TARGET).join(', ')}`);
      }
      out[m[1] as keyof JsonlFields] = m[2]!;
    }
  }
  return out;
}

/** A record with the user's named fields moved to the names the JSON article reader knows. */
export function mapFields(record: Record<string, unknown>, fields: JsonlFields): Record<string, unknown> {
  const entries = Object.entries(fields) as Array<[keyof JsonlFields, string]>;
  if (entries.length === 0) return record;
  const out: Record<string, unknown> = {};
  const moved = new Set(entries.map(([, f]) => f));
  const body = fields.body;
  for (const [k, v] of Object.entries(record)) {
    // with a named body field, other fields that the reader would take for a body are kept out of its way
    if (moved.has(k)) continue;
    out[body && ['text', 'body', 'content', 'html', 'maintext', 'raw_html', 'articleBody'].includes(k) ? `_${k}` : k] = v;
  }
  for (const [ours, theirs] of entries) if (theirs in record) out[TARGET[ours]] = record[theirs];
  return out;
}

async function* lines(stream: Readable, maxBytes: number): AsyncGenerator<{ n: number; line: string } | { n: number; tooLong: number }> {
  let n = 0;
  let parts: Buffer[] = [];
  let size = 0;
  let skipping = 0;
  for await (const chunk of stream as AsyncIterable<Buffer>) {
    let start = 0;
    for (;;) {
      const nl = chunk.indexOf(10, start);
      if (nl < 0) break;
      const piece = chunk.subarray(start, nl);
      n++;
      if (skipping) {
        yield { n, tooLong: skipping + piece.length };
        skipping = 0;
      } else if (size + piece.length > maxBytes) {
        yield { n, tooLong: size + piece.length };
      } else {
        const line = (parts.length ? Buffer.concat([...parts, piece]) : piece).toString('utf8');
        yield { n, line };
      }
      parts = [];
      size = 0;
      start = nl + 1;
    }
    const rest = chunk.subarray(start);
    if (skipping) skipping += rest.length;
    else if (size + rest.length > maxBytes) {
      skipping = size + rest.length;
      parts = [];
      size = 0;
    } else if (rest.length) {
      parts.push(Buffer.from(rest));
      size += rest.length;
    }
  }
  if (skipping) yield { n: n + 1, tooLong: skipping };
  else if (size) yield { n: n + 1, line: Buffer.concat(parts).toString('utf8') };
}

/** Streams the items of a JSONL file. */
export async function* readJsonl(source: string | Readable, options: JsonlReadOptions): AsyncGenerator<ContainerItem> {
  const raw = typeof source === 'string' ? createReadStream(source, { highWaterMark: 256 * 1024 }) : source;
  const stream = options.gzip ? raw.pipe(createGunzip()) : raw;
  try {
    for await (const item of lines(stream, options.maxBytes)) {
      const key = `line-${item.n}`;
      if ('tooLong' in item) {
        yield { type: 'error', key, error: { code: 'too-large', message: `line ${item.n} has ${item.tooLong} bytes, over the limit of ${options.maxBytes}` } };
        continue;
      }
      const text = item.line.replace(/\r$/, '');
      if (!text.trim()) continue; // a blank line holds no record
      let value: unknown;
      try {
        value = JSON.parse(text);
      } catch (e) {
        yield { type: 'error', key, error: { code: 'bad-record', message: `line ${item.n} is not valid JSON: ${(e as Error).message}` } };
        continue;
      }
      if (value === null || typeof value !== 'object' || Array.isArray(value)) {
        yield { type: 'error', key, error: { code: 'bad-record', message: `line ${item.n} is not a JSON object` } };
        continue;
      }
      const record = options.fields ? mapFields(value as Record<string, unknown>, options.fields) : (value as Record<string, unknown>);
      yield { type: 'document', key, text: JSON.stringify(record), hints: {} };
    }
  } catch (e) {
    yield { type: 'error', key: 'end', error: { code: 'unreadable', message: `cannot read on: ${(e as Error).message}` } };
  } finally {
    raw.destroy();
  }
}
