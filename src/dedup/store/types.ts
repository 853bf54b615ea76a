/**
 * The persistent near-duplicate index: what every backend (memory, directory, Redis) stores and answers.
 *
 * A document in the index has a key: a number the index gives it when it is inserted, one more than the last one
 * (so a smaller key means indexed earlier). For each document the index keeps
 * - its LSH band keys and its winnowing fingerprints, as postings (feature → keys), to find candidates;
 * - its record (`StoredDoc`): the id, input and output it was indexed with, its dates and rank, its identity (a hash of id and text), and
 *   its token hashes, compressed: what an exact verification needs, without its text;
 * - cluster links: each member of a cluster points to an earlier member, and the earliest member, the root, is the
 *   cluster's canonical document.
 * It also keeps the set of boilerplate fingerprints (in more than `maxFingerprintDf` documents, or in groups that do
 * not hang together): they make no candidates and no passages.
 *
 * `lookupInsert` is the one operation a batch needs to be atomic: for each document in turn it finds the earlier
 * documents that share a band or enough fingerprints, then inserts it (so the next document of the same call sees it).
 * Nothing else the index does changes what a lookup answers about documents already inserted.
 */
import type { IndexParams } from './params.js';

/** One document to insert, in the form the index needs (see `prepareEntry`). */
export interface IndexEntry {
  /**
   * 16 bytes: the document's identity, a hash of its id and its text. A document with the same identity (the same
   * file indexed again) is not inserted a second time; a copy under another id is a document of its own.
   */
  identity: Uint8Array;
  /** LSH band keys (`lshBands` of them). */
  bands: Uint32Array;
  /** Winnowing fingerprints, sorted and distinct. */
  fingerprints: Uint32Array;
  /** The encoded record (`encodeRecord`). */
  record: Uint8Array;
  /** Epoch milliseconds the window counts from: the article date when known, else the indexing time. */
  when: number;
}

export interface LookupResult {
  /** The document's key: new, or that of the same document indexed before. */
  key: number;
  /**
   * True when the same document (id and text) was indexed before, as `key`: nothing was inserted, and the candidates
   * are every other document of the index it shares a band or enough fingerprints with.
   */
  known: boolean;
  /** Earlier documents that share an LSH band or at least `minSharedFingerprints` fingerprints, keys ascending. */
  candidates: Uint32Array;
  /** Per candidate: VIA_LSH | VIA_FINGERPRINTS. */
  via: Uint8Array;
  /** Per candidate: fingerprints shared that were not boilerplate. */
  shared: Uint32Array;
  /**
   * The document's fingerprints now found in at least `boilerplateMinDf` (and at most `maxFingerprintDf`)
   * documents: their groups are checked for coherence (see indexed/boilerplate.ts).
   */
  watched: Uint32Array;
}

/** A document as the index recorded it. */
export interface StoredDoc {
  key: number;
  id: string;
  input: string;
  output: string | null;
  /** Epoch milliseconds when it was indexed. */
  indexedAt: number;
  /** Article date (epoch ms), NaN when unknown. */
  date: number;
  completeness: number;
  length: number;
  /** The document's identity (`IndexEntry.identity`). */
  identity: Uint8Array;
  /** Token hashes (`tokenize(text).hashes`). */
  tokens: Uint32Array;
}

export interface IndexStats {
  location: string;
  backend: 'memory' | 'directory' | 'redis';
  documents: number;
  /** Bytes the index takes: files on disk, or the server's memory for its keys (Redis: `used_memory` growth is measured by the benchmark). */
  bytes: number;
  bytesPerDocument: number;
  /** Earliest and latest article dates (ISO) of the documents that have one. */
  dates: { first: string | null; last: string | null };
  /** Earliest and latest indexing times (ISO). */
  indexed: { first: string | null; last: string | null };
  boilerplateFingerprints: number;
  /** Directory: segment files (one per committed batch until compacted). */
  segments?: number;
  params: IndexParams;
}

export interface CompactOptions {
  /** Drop documents whose `when` is older than this many milliseconds before `now`. */
  windowMs?: number;
  now?: number;
}

export interface CompactResult {
  before: number;
  after: number;
  removed: number;
  bytesBefore: number;
  bytesAfter: number;
}

export interface NearDupIndex {
  readonly backend: 'memory' | 'directory' | 'redis';
  /** Where it is (a folder, a redis:// URL, or "memory"). */
  readonly location: string;
  readonly params: IndexParams;
  /** For each entry in order: find earlier candidates, then insert it (atomic per entry; see the module comment). */
  lookupInsert(entries: readonly IndexEntry[]): Promise<LookupResult[]>;
  /** Keys of the documents that hold each fingerprint (ascending); null for a boilerplate fingerprint. */
  postings(fingerprints: Uint32Array): Promise<Array<Uint32Array | null>>;
  /** The given fingerprints that are boilerplate, sorted. */
  boilerplate(fingerprints: Uint32Array): Promise<Uint32Array>;
  /** Mark fingerprints as boilerplate (from now on they make no candidates and no passages). */
  markBoilerplate(fingerprints: Uint32Array): Promise<void>;
  /** The records of these keys (null for a key the index does not hold: never inserted, or dropped by a window). */
  load(keys: readonly number[]): Promise<Array<StoredDoc | null>>;
  /** Each key's cluster root: the earliest indexed member of its cluster (the key itself when in none). */
  roots(keys: readonly number[]): Promise<Uint32Array>;
  /** Join the clusters of each pair [a, b]: the root with the larger key is linked to the one with the smaller. */
  union(pairs: ReadonlyArray<readonly [number, number]>): Promise<void>;
  /** Make everything inserted so far durable (directory: one new segment; memory and Redis: nothing to do). */
  commit(): Promise<void>;
  stats(): Promise<IndexStats>;
  /** Rewrite the index without dropped documents (and without those outside `windowMs`). */
  compact(options?: CompactOptions): Promise<CompactResult>;
  /** Release it; what was not committed is discarded (directory). */
  close(): Promise<void>;
}
