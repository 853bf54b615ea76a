/**
 * Container inputs (WARC, JSONL): sniffing, streaming their items, and cleaning one item into the same result a
 * single file gives. A container's documents are named `<container>#<key>` and written to `<container>/<key>.md`.
 */
import { createReadStream } from 'node:fs';
import { cleanText, type CleanOptions } from '../pipeline/clean.js';
import { decodeBytes, looksBinary, sniffDeclaredCharset } from '../encoding/index.js';
import { orderedMetadata, renderFrontMatter } from '../markdown/front-matter.js';
import type { CleanResult, Metadata } from '../types.js';
import { readJsonl, type JsonlFields } from './jsonl.js';
import type { ContainerDocument, ContainerItem } from './record.js';
import { sniffContainer, type ContainerSniff } from './sniff.js';
import { readWarc } from './warc.js';

export { sniffContainer, looksLikeJsonl, isGzip, type ContainerKind, type ContainerSniff } from './sniff.js';
export { readWarc, type WarcReadOptions } from './warc.js';
export { readJsonl, parseJsonlFields, mapFields, type JsonlFields, type JsonlReadOptions } from './jsonl.js';
export type { ContainerItem, ContainerDocument, ContainerSkip, ContainerError } from './record.js';

export interface ContainerOptions {
  /** Largest record (bytes) cleaned; bigger ones are reported as too large. */
  maxBytes: number;
  /** JSONL fields named by the user. */
  fields?: JsonlFields;
}

/** Reads a file's first 64 KB and says whether it is a container. */
export async function sniffFile(path: string): Promise<ContainerSniff | null> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const c of createReadStream(path, { start: 0, end: 64 * 1024 - 1 }) as AsyncIterable<Buffer>) {
    chunks.push(c);
    size += c.length;
  }
  const head = Buffer.concat(chunks, size);
  return sniffContainer(head, size < 64 * 1024);
}

/** The items of a container file, streamed (a multi-GB file never sits in memory). */
export function readContainer(path: string, sniff: ContainerSniff, options: ContainerOptions): AsyncGenerator<ContainerItem> {
  return sniff.kind === 'warc'
    ? readWarc(path, { maxBytes: options.maxBytes, gzip: sniff.gzip })
    : readJsonl(path, { gzip: sniff.gzip, maxBytes: options.maxBytes, ...(options.fields ? { fields: options.fields } : {}) });
}

/** Cleans one container document: its payload decoded (its own charset, else the transport's), then the container's hints added. */
export function cleanContainerDocument(item: ContainerDocument, options: CleanOptions = {}): CleanResult {
  let result: CleanResult;
  if (item.text !== undefined) {
    result = cleanText(item.text, options);
  } else {
    const bytes = item.bytes ?? new Uint8Array();
    if (bytes.length === 0) return failed({ code: 'empty', message: 'the record has no payload' });
    const bin = looksBinary(bytes);
    if (bin.binary) return failed({ code: 'binary', message: `not a text payload (${bin.reason ?? 'binary content'})` });
    const declared = sniffDeclaredCharset(bytes) ?? item.declared;
    const decoded = decodeBytes(bytes, declared ? { declared } : {});
    result = cleanText(decoded.text, { ...options, encoding: decoded.encoding });
  }
  return withHints(result, item.hints);
}

function failed(error: CleanResult['error']): CleanResult {
  return { markdown: null, body: '', metadata: {}, format: null, removed: [], warnings: [], error };
}

/** The result with the container's metadata added where the document has none of its own. */
export function withHints(result: CleanResult, hints: ContainerDocument['hints']): CleanResult {
  if (result.error || result.markdown === null) return result;
  const meta: Metadata = { ...result.metadata };
  let changed = false;
  if (hints.url && !meta.url) (meta.url = hints.url), (changed = true);
  if (hints.crawled && !meta.crawled) (meta.crawled = hints.crawled), (changed = true);
  if (hints.truncated && !meta.truncated) (meta.truncated = true), (changed = true);
  if (!changed) return result;
  const ordered = orderedMetadata(meta);
  return { ...result, metadata: ordered, markdown: `${renderFrontMatter(ordered)}\n${result.body}\n` };
}
