/**
 * The JSONL corpus format (`--format jsonl`): one record per article, in input order. The schema is
 * `schema/record.schema.json` (exported by the package as `newsclean/schema/record.schema.json`).
 */
import type { Metadata } from '../types.js';
import { markdownToPlainText } from './plain-text.js';

export const RECORD_SCHEMA_VERSION = 1;

export interface CorpusRecord {
  /** Stable id: the input's path as reported (`dir/a.html`), or `<container>#<record key>` for a WARC/JSONL record. */
  id: string;
  /** The clean body as plain text. */
  text: string;
  /** The clean body as Markdown (the body of the `.md` file, without front matter). */
  markdown: string;
  /** BCP 47 language of the body, or null when it could not be told. */
  lang: string | null;
  /** The near-duplicate cluster's id, or null. */
  cluster: string | null;
  /** The cluster's canonical member this record copies, or null (also null for the canonical member itself). */
  duplicate_of: string | null;
  /** Every metadata key of the Markdown file's front matter. */
  metadata: Metadata;
}

export function corpusRecord(id: string, body: string, metadata: Metadata): CorpusRecord {
  return {
    id,
    text: markdownToPlainText(body),
    markdown: body,
    lang: metadata.language ?? null,
    cluster: metadata.cluster ?? null,
    duplicate_of: metadata.duplicate_of ?? null,
    metadata,
  };
}
