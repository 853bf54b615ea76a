/** One item read out of a container file: a document to clean, a record passed over with its reason, or a broken record. */
import type { FileError, Metadata } from '../types.js';

interface ItemBase {
  /**
   * The record's name inside its container, safe as a file name: the WARC record id (`urn:uuid:…` without its
   * prefix) or `line-<n>` for a JSONL line. The document's id is `<container>#<key>`; its output file is
   * `<container>/<key>.md`.
   */
  key: string;
}

export interface ContainerDocument extends ItemBase {
  type: 'document';
  /** The payload, still to be decoded (HTML of a WARC response) — or the text of a JSONL record (a JSON object). */
  bytes?: Uint8Array;
  text?: string;
  /** A charset the transport declared (HTTP `Content-Type`), used when the payload declares none. */
  declared?: string;
  /** Metadata the container knows and the document may not hold: the target URL, the crawl date. */
  hints: Partial<Pick<Metadata, 'url' | 'crawled' | 'truncated'>>;
}

export interface ContainerSkip extends ItemBase {
  type: 'skipped';
  reason: string;
}

export interface ContainerError extends ItemBase {
  type: 'error';
  error: FileError;
}

export type ContainerItem = ContainerDocument | ContainerSkip | ContainerError;

/** A record id or other label made safe as one path segment: letters, digits, `.`, `_`, `-`; at most 120 characters. */
export function safeKey(raw: string, fallback: string): string {
  const s = raw
    .replace(/^<|>$/g, '')
    .replace(/^urn:uuid:/i, '')
    .replace(/[^A-Za-z0-9._-]+/g, '-')
    .replace(/^[.-]+|-+$/g, '');
  return s ? s.slice(0, 120) : fallback;
}
