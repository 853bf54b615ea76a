/** Metadata → YAML front matter in a fixed key order. Every string is double-quoted so it round-trips through any YAML parser. */
import YAML from 'yaml';
import type { Metadata } from '../types.js';

export const KEY_ORDER: ReadonlyArray<keyof Metadata> = [
  'title', 'author', 'date', 'source', 'publisher', 'syndicator', 'url', 'permalink', 'dateline', 'contributors',
  'photo_credits', 'section', 'categories', 'tags', 'language', 'id', 'image', 'description', 'rights', 'truncated',
  'needs_review', 'duplicate_of', 'cluster', 'words', 'format', 'encoding', 'input', 'hash',
];

/** The metadata with keys in contract order and empty values left out. */
export function orderedMetadata(meta: Metadata): Metadata {
  const out: Record<string, unknown> = {};
  for (const k of KEY_ORDER) {
    const v = meta[k];
    if (v === undefined || v === null || v === '' || (Array.isArray(v) && v.length === 0)) continue;
    out[k] = v;
  }
  return out as Metadata;
}

export function renderFrontMatter(meta: Metadata): string {
  const doc = new YAML.Document(orderedMetadata(meta));
  const yaml = doc.toString({ lineWidth: 0, defaultStringType: 'QUOTE_DOUBLE', defaultKeyType: 'PLAIN', doubleQuotedAsJSON: false, indentSeq: true });
  return `---\n${yaml}---\n`;
}
