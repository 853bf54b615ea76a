/**
 * One document as a filter: `newsclean -` reads it from stdin, `-o -` writes its Markdown to stdout (like jq or
 * trafilatura in a pipe). read → clean → write, without a batch: no walk, no output folder, no near-duplicates.
 * Cleaning runs in this thread, so the time budget is checked between rules.
 */
import type { Readable } from 'node:stream';
import type { FileError } from '../types.js';
import { cleanBytes } from '../pipeline/clean.js';
import { resolveSettings, type Settings } from '../settings.js';
import { readInputSync } from '../run/task.js';
import type { DocumentReport, RunReport } from '../run/index.js';

/** Reads a stream to its end, or says it is over the size limit (and stops reading it). */
export async function readStream(stream: Readable, maxBytes: number): Promise<Uint8Array | FileError> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of stream) {
    const buf = typeof chunk === 'string' ? Buffer.from(chunk) : (chunk as Buffer);
    size += buf.length;
    if (size > maxBytes) {
      stream.destroy();
      return { code: 'too-large', message: `over the limit of ${maxBytes} bytes (--max-file-size)` };
    }
    chunks.push(buf);
  }
  return Buffer.concat(chunks, size);
}

export interface OneDocument {
  report: RunReport;
  /** The Markdown, when the document was cleaned. */
  markdown: string | null;
}

/** Cleans one document given as bytes (or the reason it could not be read), as a one-document report. */
export function cleanOne(input: string, bytes: Uint8Array | FileError, settings: Partial<Settings>): OneDocument {
  const resolved = resolveSettings(settings);
  const doc: DocumentReport = { input, output: null, status: 'failed', format: null, metadata: {}, removed: [], warnings: [], error: null };
  let markdown: string | null = null;
  if (!(bytes instanceof Uint8Array)) doc.error = bytes;
  else {
    const result = cleanBytes(bytes, { path: input, settings: resolved });
    if (result.format === 'json' && result.error?.code === 'no-article') {
      Object.assign(doc, { status: 'skipped', format: 'json', reason: `not an article: ${result.error.message}` });
    } else {
      Object.assign(doc, { format: result.format, metadata: result.metadata, removed: result.removed, warnings: result.warnings, error: result.error });
      if (result.markdown !== null && result.error === null) {
        doc.status = 'cleaned';
        markdown = result.markdown;
      }
    }
  }
  const skipped = doc.status === 'skipped' ? [{ path: input, reason: doc.reason ?? 'skipped' }] : [];
  return {
    markdown,
    report: {
      version: 1,
      documents: [doc],
      pairs: [],
      clusters: [],
      skipped,
      summary: {
        files: 1,
        cleaned: doc.status === 'cleaned' ? 1 : 0,
        failed: doc.error ? 1 : 0,
        skipped: skipped.length,
        duplicates: 0,
        overlaps: 0,
        clusters: 0,
        dropped: 0,
        removedOutputs: 0,
      },
      removedOutputs: [],
      interrupted: false,
    },
  };
}

/** The bytes of the one document: stdin for `-`, else the file (read as the batch reads its inputs). */
export async function readOne(input: string, abs: string, stdin: Readable | undefined, maxBytes: number): Promise<Uint8Array | FileError> {
  if (input !== '-') return readInputSync(abs, maxBytes);
  if (!stdin) return { code: 'unreadable', message: 'no standard input' };
  try {
    return await readStream(stdin, maxBytes);
  } catch (e) {
    return { code: 'unreadable', message: `cannot read: ${(e as NodeJS.ErrnoException).code ?? String(e)}` };
  }
}
