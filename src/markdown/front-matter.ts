/** Metadata → YAML front matter in a fixed key order. Every string is double-quoted so it round-trips through any YAML parser. */
import YAML from 'yaml';
import type { Metadata } from '../types.js';

export const KEY_ORDER: ReadonlyArray<keyof Metadata> = [
  'title', 'author', 'date', 'source', 'publisher', 'syndicator', 'url', 'permalink', 'dateline', 'contributors',
  'photo_credits', 'section', 'categories', 'tags', 'language', 'id', 'image', 'description', 'rights', 'truncated',
  'needs_review', 'duplicate_of', 'cluster', 'words', 'format', 'encoding', 'input', 'crawled', 'hash',
];

/** Each key's place in KEY_ORDER. */
const RANK = new Map<string, number>(KEY_ORDER.map((k, i) => [k, i]));

/**
 * The metadata with keys in contract order and empty values left out. Built from the object's own entries (about
 * ten) rather than by asking it for all 28 keys: metadata objects come in many shapes, and reading a key that is
 * not there from objects of many shapes is slow.
 */
export function orderedMetadata(meta: Metadata): Metadata {
  const kept: Array<[number, string, unknown]> = [];
  for (const [k, v] of Object.entries(meta)) {
    const rank = RANK.get(k);
    if (rank === undefined || v === undefined || v === null || v === '' || (Array.isArray(v) && v.length === 0)) continue;
    kept.push([rank, k, v]);
  }
  kept.sort((a, b) => a[0] - b[0]);
  const out: Record<string, unknown> = {};
  for (const [, k, v] of kept) out[k] = v;
  return out as Metadata;
}

/** A string the YAML library writes as itself between double quotes: nothing to escape, fold or mark. */
const PLAIN_QUOTABLE = /^(?!%|---|\.\.\.)[^\x00-\x1f"\\\ud800-\udfff]*$/;

function quotable(v: unknown): boolean {
  return typeof v === 'string' ? PLAIN_QUOTABLE.test(v) : typeof v === 'boolean' || (typeof v === 'number' && Number.isSafeInteger(v));
}

export function renderFrontMatter(meta: Metadata): string {
  const ordered = orderedMetadata(meta) as Record<string, unknown>;
  // the common case written directly, exactly as the YAML library writes it (a test compares the two);
  // anything with escapes, line breaks or document markers goes through the library
  const entries = Object.entries(ordered);
  if (entries.length === 0) return renderFrontMatterWithLibrary(ordered);
  let yaml = '';
  for (const [k, v] of entries) {
    if (Array.isArray(v) ? !v.every(quotable) : !quotable(v)) return renderFrontMatterWithLibrary(ordered);
    if (Array.isArray(v)) yaml += `${k}:\n${v.map((x) => `  - ${typeof x === 'string' ? `"${x}"` : String(x)}\n`).join('')}`;
    else yaml += `${k}: ${typeof v === 'string' ? `"${v}"` : String(v)}\n`;
  }
  return `---\n${yaml}---\n`;
}

/** The YAML library's rendering of the same front matter (the reference the direct writer is tested against). */
export function renderFrontMatterWithLibrary(meta: Metadata): string {
  const doc = new YAML.Document(orderedMetadata(meta));
  const yaml = doc.toString({ lineWidth: 0, defaultStringType: 'QUOTE_DOUBLE', defaultKeyType: 'PLAIN', doubleQuotedAsJSON: false, indentSeq: true });
  return `---\n${yaml}---\n`;
}
