/**
 * A batch against a persistent index: every document is checked against everything the index holds and against the
 * rest of its batch, verified exactly, clustered with the earlier documents, and added to the index.
 *
 *   texts → entries (entry.ts) → lookup and insert (the index) → boilerplate (boilerplate.ts)
 *         → verified pairs (verify.ts) → cluster links (the index) → canonical members → commit
 *
 * The batch goes through in chunks of `chunkSize` documents, each looked up and inserted in one call: so a batch
 * needs memory for one chunk's texts, and with a Redis index two workers that index two copies of a story at the same
 * moment still pair them (the second insert sees the first).
 *
 * Canonical rule: a cluster's canonical member is its earliest indexed member, so it never changes once documents
 * point at it (until a window drops it). A batch is indexed best-first by the rule of `defaultCanonicalCompare`
 * (most complete metadata, earliest date, longest, smallest id), so a cluster that is new in one batch has the
 * canonical member a run without an index picks. When a document joins two clusters, the one whose canonical member
 * was indexed first takes in the other.
 *
 * Pairs: `a` is the document of this batch that found the pair, `b` the earlier one. When `b` was indexed before this
 * call (an earlier run, or another worker), `earlier` says what it was recorded as: id, input and output paths.
 */
import { defaultCanonicalCompare, type RankedDoc } from '../cluster.js';
import { createMinHasher } from '../minhash.js';
import { DedupOptionsError, resolveDedupOptions, type DedupOptions, type ResolvedDedupOptions } from '../options.js';
import { sortPairs, type DupPair, type LoadedText, type PreparedDoc } from '../verify.js';
import { checkCompatible, indexParams, IndexConfigError } from '../store/params.js';
import { recordWhen } from '../store/record.js';
import type { NearDupIndex, StoredDoc } from '../store/types.js';
import { parseWindow } from '../store/window.js';
import { incoherentFingerprints } from './boilerplate.js';
import { dateMs, prepareEntry, preparedForVerify, preparedFromStored, type IndexedDoc, type PreparedEntry } from './entry.js';
import { verifyIndexedPair } from './verify.js';

export type { IndexedDoc } from './entry.js';

/** An indexed document as a report names it. */
export interface IndexedDocRef {
  /** Its key in the index (a smaller key was indexed earlier). */
  key: number;
  id: string;
  input: string;
  output: string | null;
  /** When it was indexed (ISO 8601). */
  indexedAt: string;
  /** Its article date (ISO 8601), when known. */
  date: string | null;
}

export interface IndexedPair extends DupPair {
  /** Set when `b` was indexed before this call: what it was recorded as. */
  earlier?: IndexedDocRef;
}

export interface IndexedDocResult {
  id: string;
  /** Its key in the index: new, or that of the document with the same content indexed before. */
  key: number;
  /** The same document (id and text) was indexed before, as `key`: nothing was added, and no pairs are reported again. */
  known: boolean;
  /** The canonical member of its cluster, when it is in one (itself when it is the canonical member). */
  canonical?: IndexedDocRef;
  /** The canonical member, when that is another document: the document's `duplicate_of`. */
  duplicateOf?: IndexedDocRef;
}

export interface IndexedCluster {
  canonical: IndexedDocRef;
  /** Its members that this batch has or reported pairs with, by key (the canonical one included). */
  members: IndexedDocRef[];
}

export interface IndexedStats {
  documents: number;
  inserted: number;
  known: number;
  candidates: number;
  /** Candidates with documents indexed before this call. */
  earlierCandidates: number;
  duplicates: number;
  overlaps: number;
  rejected: number;
  /** Candidates left out because the earlier document is outside the window. */
  outsideWindow: number;
  /** Records read from the index for verification and the boilerplate test. */
  recordsLoaded: number;
  boilerplateMarked: number;
  timings: { prepareMs: number; lookupMs: number; boilerplateMs: number; verifyMs: number; clusterMs: number; commitMs: number };
}

export interface IndexedReport {
  /** One per input document, in input order. */
  documents: IndexedDocResult[];
  /** Reported pairs, sorted by (a, b); empty with `keepPairs: false`. */
  pairs: IndexedPair[];
  /** Clusters that have a member in this batch, by canonical key. */
  clusters: IndexedCluster[];
  stats: IndexedStats;
}

export interface IndexedOptions extends DedupOptions {
  /** Documents looked up and inserted per call to the index (default 512). */
  chunkSize?: number;
  /** Earlier documents older than this (`90d`, or milliseconds) are not matched. */
  window?: string | number;
  /** The time of this run (epoch ms; default now): recorded as each document's indexing time, and the window's end. */
  now?: number;
  /** Gives the text of a document that has none in `docs` (called once per document). */
  loadText?: (doc: IndexedDoc, index: number) => LoadedText | Promise<LoadedText>;
  /** Called with each pair once it is verified and its clusters are recorded in the index. */
  onPair?: (pair: IndexedPair) => void;
  /** Keep every pair in the report (default true). */
  keepPairs?: boolean;
  /** Commit the index at the end (default true). */
  commit?: boolean;
}

const iso = (ms: number): string | null => (Number.isNaN(ms) ? null : new Date(ms).toISOString());

export function refOf(s: StoredDoc): IndexedDocRef {
  return { key: s.key, id: s.id, input: s.input, output: s.output, indexedAt: new Date(s.indexedAt).toISOString(), date: iso(s.date) };
}

/** A small LRU of prepared earlier documents. */
class PreparedCache {
  private readonly map = new Map<number, { doc: PreparedDoc; fingerprints: Uint32Array; stored: StoredDoc }>();
  constructor(private readonly size: number) {}
  get(k: number) {
    const v = this.map.get(k);
    if (v) {
      this.map.delete(k);
      this.map.set(k, v);
    }
    return v;
  }
  set(k: number, v: { doc: PreparedDoc; fingerprints: Uint32Array; stored: StoredDoc }): void {
    this.map.set(k, v);
    if (this.map.size > this.size) this.map.delete(this.map.keys().next().value!);
  }
}

function resolve(options: IndexedOptions): ResolvedDedupOptions {
  const { chunkSize: _c, window: _w, now: _n, loadText: _l, onPair: _p, keepPairs: _k, commit: _m, ...dedup } = options;
  try {
    return resolveDedupOptions(dedup);
  } catch (e) {
    if (e instanceof DedupOptionsError) throw new IndexConfigError(e.message);
    throw e;
  }
}

export async function indexedNearDuplicates(
  docs: ReadonlyArray<IndexedDoc>,
  index: NearDupIndex,
  options: IndexedOptions = {},
): Promise<IndexedReport> {
  const o = resolve(options);
  checkCompatible(index.params, indexParams(o), `the index ${index.location}`);
  const chunkSize = options.chunkSize ?? 512;
  if (!Number.isInteger(chunkSize) || chunkSize < 1) throw new IndexConfigError(`chunkSize must be a positive integer, got ${String(chunkSize)}`);
  const windowMs = options.window === undefined ? null : parseWindow(options.window);
  const now = options.now ?? Date.now();
  const cutoff = windowMs === null ? -Infinity : now - windowMs;
  const keepPairs = options.keepPairs ?? true;
  const seen = new Set<string>();
  for (const d of docs) {
    if (typeof d.id !== 'string') throw new TypeError('indexedNearDuplicates: every document needs a string id');
    if (seen.has(d.id)) throw new Error(`duplicate document id ${JSON.stringify(d.id)}`);
    seen.add(d.id);
  }

  // best first by the canonical rule, so that a new cluster's earliest indexed member is the one a run without an index picks
  const ranked = (d: IndexedDoc): RankedDoc => ({
    id: d.id,
    completeness: d.rank?.completeness ?? 0,
    date: dateMs(d.rank?.date),
    length: d.rank?.length ?? d.tokens?.length ?? d.text?.length ?? 0,
  });
  const order = docs.map((_, i) => i).sort((x, y) => defaultCanonicalCompare(ranked(docs[x]!), ranked(docs[y]!)));

  const hasher = createMinHasher({ numPerm: o.numPerm, seed: o.seed });
  const stats: IndexedStats = {
    documents: docs.length,
    inserted: 0,
    known: 0,
    candidates: 0,
    earlierCandidates: 0,
    duplicates: 0,
    overlaps: 0,
    rejected: 0,
    outsideWindow: 0,
    recordsLoaded: 0,
    boilerplateMarked: 0,
    timings: { prepareMs: 0, lookupMs: 0, boilerplateMs: 0, verifyMs: 0, clusterMs: 0, commitMs: 0 },
  };
  const results: IndexedDocResult[] = new Array(docs.length);
  /** Keys this call inserted. */
  const ours = new Set<number>();
  /** Refs of documents named in the report (this batch's, and earlier ones in pairs). */
  const refs = new Map<number, IndexedDocRef>();
  /** Keys in duplicate pairs (for the clusters), and known documents' keys. */
  const clustered = new Set<number>();
  const pairs: IndexedPair[] = [];
  const cache = new PreparedCache(Math.max(64, o.verifyCacheDocs));

  const loadEarlier = async (keys: number[]) => {
    const out = new Map<number, { doc: PreparedDoc; fingerprints: Uint32Array; stored: StoredDoc }>();
    const missing: number[] = [];
    for (const k of keys) {
      const c = cache.get(k);
      if (c) out.set(k, c);
      else missing.push(k);
    }
    if (missing.length > 0) {
      const loaded = await index.load(missing);
      stats.recordsLoaded += missing.length;
      missing.forEach((k, i) => {
        const s = loaded[i];
        if (!s) return;
        const p = { ...preparedFromStored(s, o), stored: s };
        cache.set(k, p);
        out.set(k, p);
      });
    }
    return out;
  };

  const textOf = async (i: number): Promise<{ text: string; tokens: Uint32Array | undefined }> => {
    const d = docs[i]!;
    if (d.text !== undefined) return { text: d.text, tokens: d.tokens };
    if (!options.loadText) throw new TypeError(`document ${JSON.stringify(d.id)} has no text, and no loadText was given`);
    const loaded = await options.loadText(d, i);
    return typeof loaded === 'string' ? { text: loaded, tokens: d.tokens } : { text: loaded.text, tokens: d.tokens ?? loaded.tokens };
  };

  // Pass 1, chunk by chunk: look up and insert, and test the boilerplate groups the chunk made large enough. The
  // candidates are kept (this batch's document, an earlier key) and verified in pass 2, once the whole batch is in:
  // so a pair is judged with every boilerplate fingerprint the batch shows, as a run over the batch would.
  const todoDoc: number[] = [];
  const todoKey: number[] = [];
  for (let c0 = 0; c0 < order.length; c0 += chunkSize) {
    const idx = order.slice(c0, c0 + chunkSize);
    let t = performance.now();
    const prepared: PreparedEntry[] = [];
    for (const i of idx) {
      const { text, tokens } = await textOf(i);
      prepared.push(prepareEntry(docs[i]!, text, tokens, o, hasher, now));
    }
    stats.timings.prepareMs += performance.now() - t;

    t = performance.now();
    const found = await index.lookupInsert(prepared.map((p) => p.entry));
    stats.timings.lookupMs += performance.now() - t;

    const local = new Map<number, number>();
    found.forEach((r, x) => {
      const i = idx[x]!;
      const d = docs[i]!;
      results[i] = { id: d.id, key: r.key, known: r.known };
      if (r.known) {
        // the very document (same id and text), indexed before: not added again, but its pairs are reported again
        stats.known++;
        clustered.add(r.key);
      } else {
        ours.add(r.key);
        local.set(r.key, x);
        stats.inserted++;
        refs.set(r.key, { key: r.key, id: d.id, input: d.input ?? d.id, output: d.output ?? null, indexedAt: new Date(now).toISOString(), date: iso(prepared[x]!.date) });
      }
      stats.candidates += r.candidates.length;
      for (const k of r.candidates) {
        todoDoc.push(i);
        todoKey.push(k);
        if (!ours.has(k)) stats.earlierCandidates++;
      }
    });

    t = performance.now();
    const watched = new Set<number>();
    for (const r of found) for (const f of r.watched) watched.add(f);
    if (watched.size > 0) {
      const fingerprintsOf = async (keys: number[]): Promise<Map<number, Uint32Array>> => {
        const out = new Map<number, Uint32Array>();
        const far: number[] = [];
        for (const k of keys) {
          const x = local.get(k);
          if (x !== undefined) out.set(k, prepared[x]!.fingerprints);
          else far.push(k);
        }
        for (const [k, p] of await loadEarlier(far)) out.set(k, p.fingerprints);
        return out;
      };
      const bad = await incoherentFingerprints(index, Uint32Array.from(watched).sort(), fingerprintsOf, o);
      if (bad.length > 0) {
        await index.markBoilerplate(bad);
        stats.boilerplateMarked += bad.length;
      }
    }
    stats.timings.boilerplateMs += performance.now() - t;
  }

  // Pass 2: verify the candidates, a chunk of this batch's documents at a time (their texts read again), against
  // the earlier documents' token data from the index; record the duplicate links; report the pairs.
  const rank = new Map<number, number>();
  order.forEach((i, r) => rank.set(i, r));
  // a pair of two documents of this batch is reported once, by the one later in the order (a document indexed
  // before can see a later one of the batch: the later one sees it too)
  const rankOfKey = new Map<number, number>();
  results.forEach((r, i) => rankOfKey.set(r.key, rank.get(i)!));
  const byDoc = Array.from({ length: todoDoc.length }, (_, x) => x).sort((x, y) => rank.get(todoDoc[x]!)! - rank.get(todoDoc[y]!)! || todoKey[x]! - todoKey[y]!);
  for (let p0 = 0; p0 < byDoc.length; ) {
    // the pairs of the next chunkSize documents
    const chunkDocs: number[] = [];
    let p1 = p0;
    while (p1 < byDoc.length) {
      const i = todoDoc[byDoc[p1]!]!;
      if (chunkDocs[chunkDocs.length - 1] !== i) {
        if (chunkDocs.length === chunkSize) break;
        chunkDocs.push(i);
      }
      p1++;
    }
    let t = performance.now();
    const cur = new Map<number, { doc: PreparedDoc; fingerprints: Uint32Array }>();
    for (const i of chunkDocs) {
      const { text, tokens } = await textOf(i);
      cur.set(i, preparedForVerify(docs[i]!, text, tokens, o));
    }
    stats.timings.prepareMs += performance.now() - t;
    t = performance.now();
    const need = new Set<number>();
    for (let x = p0; x < p1; x++) need.add(todoKey[byDoc[x]!]!);
    const earlier = await loadEarlier([...need]);
    // every fingerprint of the documents involved, to ask which are boilerplate
    const involved: Uint32Array[] = [...cur.values()].map((p) => p.fingerprints);
    for (const p of earlier.values()) involved.push(p.fingerprints);
    let total = 0;
    for (const f of involved) total += f.length;
    const flat = new Uint32Array(total);
    total = 0;
    for (const f of involved) {
      flat.set(f, total);
      total += f.length;
    }
    const common = await index.boilerplate(flat);
    const edges: Array<[number, number]> = [];
    const chunkPairs: IndexedPair[] = [];
    for (let x = p0; x < p1; x++) {
      const i = todoDoc[byDoc[x]!]!;
      const k = todoKey[byDoc[x]!]!;
      const rk = rankOfKey.get(k);
      if (rk !== undefined && rk > rank.get(i)!) continue;
      const e = earlier.get(k);
      if (!e) continue; // dropped from the index meanwhile
      const mine = ours.has(k);
      if (!mine && recordWhen(e.stored) < cutoff) {
        stats.outsideWindow++;
        continue;
      }
      const pair = verifyIndexedPair(cur.get(i)!.doc, { ...e.doc, table: null, fpFlags: null }, o, common) as IndexedPair | null;
      if (pair === null) {
        stats.rejected++;
        continue;
      }
      if (!mine) {
        const ref = refOf(e.stored);
        pair.earlier = ref;
        refs.set(k, ref);
      }
      if (pair.kind === 'duplicate') {
        stats.duplicates++;
        const key = results[i]!.key;
        edges.push([key, k]);
        clustered.add(key);
        clustered.add(k);
      } else stats.overlaps++;
      chunkPairs.push(pair);
    }
    stats.timings.verifyMs += performance.now() - t;
    t = performance.now();
    if (edges.length > 0) await index.union(edges);
    stats.timings.clusterMs += performance.now() - t;
    for (const p of chunkPairs) {
      options.onPair?.(p);
      if (keepPairs) pairs.push(p);
    }
    p0 = p1;
  }

  // canonical members: each cluster's root, now
  let t = performance.now();
  const keys = [...clustered];
  const roots = await index.roots(keys);
  const rootOf = new Map<number, number>();
  keys.forEach((k, i) => rootOf.set(k, roots[i]!));
  const missingRefs = [...new Set([...roots, ...results.filter((r) => r?.known).map((r) => r.key)])].filter((r) => !refs.has(r));
  if (missingRefs.length > 0) {
    const loaded = await index.load(missingRefs);
    stats.recordsLoaded += missingRefs.length;
    missingRefs.forEach((k, i) => {
      const s = loaded[i];
      if (s) refs.set(k, refOf(s));
    });
  }
  const members = new Map<number, Set<number>>();
  for (const [k, r] of rootOf) {
    if (!refs.has(r)) continue; // a canonical member dropped by a window meanwhile
    let m = members.get(r);
    if (!m) members.set(r, (m = new Set([r])));
    m.add(k);
  }
  for (const res of results) {
    const r = rootOf.get(res.key);
    const canonical = r === undefined ? undefined : refs.get(r);
    if (r === undefined || canonical === undefined) continue;
    if (r !== res.key) {
      res.canonical = canonical;
      res.duplicateOf = canonical;
    } else if (members.get(r)!.size >= 2) res.canonical = canonical;
  }
  const clusters: IndexedCluster[] = [];
  for (const [r, m] of [...members].sort((x, y) => x[0] - y[0])) {
    if (m.size < 2) continue;
    clusters.push({ canonical: refs.get(r)!, members: [...m].sort((x, y) => x - y).map((k) => refs.get(k)).filter((x): x is IndexedDocRef => !!x) });
  }
  stats.timings.clusterMs += performance.now() - t;

  t = performance.now();
  if (options.commit ?? true) await index.commit();
  stats.timings.commitMs += performance.now() - t;
  return { documents: results, pairs: keepPairs ? (sortPairs(pairs) as IndexedPair[]) : [], clusters, stats };
}

