/**
 * Clean text → what the index stores and what verification needs, for one document of a batch: its token hashes,
 * shingles and shingle set (for verification), its band keys and fingerprints (for candidates), its identity, and
 * its record.
 */
import { createHash } from 'node:crypto';
import type { DocRank } from '../candidates.js';
import { shingleHashes, sortedUnique } from '../hash.js';
import { bandKeys } from '../lsh.js';
import type { MinHasher } from '../minhash.js';
import type { ResolvedDedupOptions } from '../options.js';
import { tokenize } from '../tokens.js';
import type { PreparedDoc } from '../verify.js';
import { winnowHashes } from '../winnow.js';
import { encodeRecord } from '../store/record.js';
import type { IndexEntry, StoredDoc } from '../store/types.js';

/** One document of a batch. */
export interface IndexedDoc {
  /** Unique within the batch; reported in pairs, and recorded. */
  id: string;
  /** The cleaned body (or give `loadText` to `indexedNearDuplicates`). */
  text?: string;
  /** The body's token hashes (`tokenize(text).hashes`), when the caller has them already. */
  tokens?: Uint32Array;
  /** The input path to record (default: the id). */
  input?: string;
  /** The output path to record (default: none). */
  output?: string | null;
  rank?: DocRank;
}

export interface PreparedEntry {
  entry: IndexEntry;
  doc: PreparedDoc;
  fingerprints: Uint32Array;
  date: number;
}

export function dateMs(d: string | number | undefined): number {
  if (d === undefined) return Number.NaN;
  if (typeof d === 'number') return Number.isFinite(d) ? d : Number.NaN;
  const t = Date.parse(d);
  return Number.isNaN(t) ? Number.NaN : t;
}

/** First 16 bytes of the SHA-256 of the id and the text: the same document indexed again has the same identity. */
export function documentIdentity(id: string, text: string): Uint8Array {
  return new Uint8Array(createHash('sha256').update(id, 'utf8').update('\0').update(text, 'utf8').digest().subarray(0, 16));
}

export function prepareEntry(
  d: IndexedDoc,
  text: string,
  tokens: Uint32Array | undefined,
  o: ResolvedDedupOptions,
  hasher: MinHasher,
  now: number,
): PreparedEntry {
  const hashes = tokens ?? tokenize(text).hashes;
  const shingles = shingleHashes(hashes, o.shingleSize);
  const empty = shingles.length === 0;
  const bands = empty ? new Uint32Array(0) : bandKeys(hasher.signature(shingles), o.lshBands, o.lshRows);
  const fingerprints = empty ? new Uint32Array(0) : winnowHashes(shingles, o.winnowWindow);
  const date = dateMs(d.rank?.date);
  const identity = documentIdentity(d.id, text);
  const record: Omit<StoredDoc, 'key'> = {
    id: d.id,
    input: d.input ?? d.id,
    output: d.output ?? null,
    indexedAt: now,
    date,
    completeness: d.rank?.completeness ?? 0,
    length: d.rank?.length ?? hashes.length,
    identity,
    tokens: hashes,
  };
  return {
    entry: { identity, bands, fingerprints, record: encodeRecord(record), when: Number.isNaN(date) ? now : date },
    doc: { id: d.id, text, starts: null, ends: null, tokens: hashes.length, shingles, set: sortedUnique(shingles), table: null, fpFlags: null },
    fingerprints,
    date,
  };
}

/** This batch's document prepared for verification only (its text read again for pass 2: no record, no band keys). */
export function preparedForVerify(d: IndexedDoc, text: string, tokens: Uint32Array | undefined, o: ResolvedDedupOptions): { doc: PreparedDoc; fingerprints: Uint32Array } {
  const hashes = tokens ?? tokenize(text).hashes;
  const shingles = shingleHashes(hashes, o.shingleSize);
  return {
    doc: { id: d.id, text, starts: null, ends: null, tokens: hashes.length, shingles, set: sortedUnique(shingles), table: null, fpFlags: null },
    fingerprints: shingles.length === 0 ? new Uint32Array(0) : winnowHashes(shingles, o.winnowWindow),
  };
}

/** A stored document prepared for verification: token data only, no text (see verify.ts). */
export function preparedFromStored(s: StoredDoc, o: ResolvedDedupOptions): { doc: PreparedDoc; fingerprints: Uint32Array } {
  const shingles = shingleHashes(s.tokens, o.shingleSize);
  const zeros = new Uint32Array(s.tokens.length);
  return {
    doc: { id: s.id, text: '', starts: zeros, ends: zeros, tokens: s.tokens.length, shingles, set: sortedUnique(shingles), table: null, fpFlags: null },
    fingerprints: shingles.length === 0 ? new Uint32Array(0) : winnowHashes(shingles, o.winnowWindow),
  };
}
