/**
 * Container formats, told apart by content (never by the file name): a WARC file (plain or gzip-compressed, as
 * crawlers write them, one gzip member per record) or a JSONL file of article records (plain or gzip). A container
 * holds many documents; every other input is one document.
 */
import { gunzipSync } from 'node:zlib';

export type ContainerKind = 'warc' | 'jsonl';

export interface ContainerSniff {
  kind: ContainerKind;
  gzip: boolean;
}

const WARC_MAGIC = /^WARC\/\d\.\d+\r?\n/;

/** True for the two gzip magic bytes. */
export function isGzip(head: Uint8Array): boolean {
  return head.length >= 2 && head[0] === 0x1f && head[1] === 0x8b;
}

/** The start of a gzip stream's content, from its first bytes (as much as they hold); empty when it is not gzip. */
function gunzipHead(head: Uint8Array): string {
  try {
    // a truncated stream throws; finishFlush SYNC_FLUSH gives what the bytes we have decode to
    return gunzipSync(head, { finishFlush: 2 /* Z_SYNC_FLUSH */ }).subarray(0, 64 * 1024).toString('utf8');
  } catch {
    return '';
  }
}

/**
 * JSONL: the first non-empty line is a whole JSON object by itself and a second non-empty line starts with `{` (a
 * single JSON object over several lines is a JSON article, not JSONL: its first line is not a whole object). Later
 * lines may be broken: each is an error of its own when read. `complete` says whether `text` is the whole file.
 */
export function looksLikeJsonl(text: string, complete: boolean): boolean {
  const lines = text.split('\n');
  if (!complete) lines.pop();
  const nonEmpty = lines.map((l) => l.trim()).filter((l) => l.length > 0);
  if (nonEmpty.length < 2 || !nonEmpty[0]!.startsWith('{') || !nonEmpty[1]!.startsWith('{')) return false;
  try {
    const first = JSON.parse(nonEmpty[0]!);
    return first !== null && typeof first === 'object' && !Array.isArray(first);
  } catch {
    return false;
  }
}

/**
 * Sniffs a file's first bytes (64 KB is plenty). `complete` says the bytes are the whole file. Returns null for
 * anything that is not a container.
 */
export function sniffContainer(head: Uint8Array, complete = false): ContainerSniff | null {
  const gzip = isGzip(head);
  const text = gzip ? gunzipHead(head) : Buffer.from(head.buffer, head.byteOffset, Math.min(head.length, 64 * 1024)).toString('utf8');
  if (WARC_MAGIC.test(text)) return { kind: 'warc', gzip };
  if (text.trimStart().startsWith('{') && looksLikeJsonl(text, complete && !gzip && head.length <= 64 * 1024)) return { kind: 'jsonl', gzip };
  return null;
}
