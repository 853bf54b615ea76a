/**
 * The index in this process: the memory backend, and the engine under the directory backend (which adds files).
 *
 * Committed batches are segments (segment.ts): sorted postings, searched for a chunk of documents at once by walking
 * the chunk's sorted features through each segment's sorted arrays. The batch being indexed lives in a table of its
 * own (postings.ts) until `commit` turns it into one more segment. Cluster links and boilerplate fingerprints are
 * held whole in memory (4 bytes per document, and a set).
 */
import { VIA_FINGERPRINTS, VIA_LSH } from '../candidates.js';
import type { IndexParams } from './params.js';
import { PostingTable, lowerBound, sortByKey } from './postings.js';
import { decodeRecord, recordWhen } from './record.js';
import { findHash, keyIndex, sortHashes, type Segment, type SegmentInfo } from './segment.js';
import type { SegmentSections } from './segment-writer.js';
import type { CompactOptions, CompactResult, IndexEntry, IndexStats, LookupResult, NearDupIndex, StoredDoc } from './types.js';

/** Where a batch's records go until it is committed. */
export interface BatchSink {
  append(bytes: Uint8Array): void;
  /** Record number i of this batch. */
  read(i: number): Buffer;
  /** Writes the segment (sections in memory, records in the sink) and returns it. */
  finish(sections: SegmentSections, info: SegmentInfo): Segment;
  abort(): void;
}

/** What the memory and directory backends do differently. */
export interface LocalStorage {
  readonly backend: 'memory' | 'directory';
  readonly location: string;
  newSink(): BatchSink;
  /** Records the list of segments and the next key (directory: replaces the manifest atomically). */
  publish(segments: readonly Segment[], nextKey: number): void;
  /** Removes segments no longer listed (after compaction). */
  drop(segments: readonly Segment[]): void;
  /** Bytes the index takes. */
  bytes(segments: readonly Segment[]): number;
  close(): void;
}

/** The batch since the last commit. */
class Batch {
  readonly bands = new PostingTable();
  readonly fps = new PostingTable();
  readonly keys: number[] = [];
  readonly hashes = new Map<string, number>();
  readonly hashBytes: Uint8Array[] = [];
  readonly boilerplate: number[] = [];
  readonly links: number[] = [];
  dates: [number, number] | null = null;
  indexed: [number, number] | null = null;
  constructor(
    readonly firstKey: number,
    readonly sink: BatchSink,
  ) {}
  get empty(): boolean {
    return this.keys.length === 0 && this.boilerplate.length === 0 && this.links.length === 0;
  }
}

const widen = (r: [number, number] | null, v: number): [number, number] | null =>
  Number.isNaN(v) ? r : r === null ? [v, v] : [Math.min(r[0], v), Math.max(r[1], v)];

function mergeRanges(a: [number, number] | null, b: [number, number] | null): [number, number] | null {
  if (a === null) return b;
  if (b === null) return a;
  return [Math.min(a[0], b[0]), Math.max(a[1], b[1])];
}

/** For each sorted query value, the range [lo, hi) of equal values in a segment's sorted feature array. */
function ranges(sortedQueries: Uint32Array, keys: Uint32Array): { lo: Uint32Array; hi: Uint32Array } {
  const n = sortedQueries.length;
  const lo = new Uint32Array(n);
  const hi = new Uint32Array(n);
  let at = 0;
  for (let q = 0; q < n; q++) {
    const v = sortedQueries[q]!;
    at = lowerBound(keys, v, at);
    let end = at;
    while (end < keys.length && keys[end] === v) end++;
    lo[q] = at;
    hi[q] = end;
    at = end;
  }
  return { lo, hi };
}

function sortedDistinct(parts: Uint32Array[]): Uint32Array {
  let n = 0;
  for (const p of parts) n += p.length;
  const all = new Uint32Array(n);
  let o = 0;
  for (const p of parts) {
    all.set(p, o);
    o += p.length;
  }
  all.sort();
  let w = 0;
  for (let i = 0; i < all.length; i++) if (i === 0 || all[i] !== all[w - 1]) all[w++] = all[i]!;
  return all.subarray(0, w);
}

/** Candidates from counts (shared fingerprints × 2, + 1 with a shared band): keys ascending. */
function candidates(cand: Map<number, number>, minShared: number): Pick<LookupResult, 'candidates' | 'via' | 'shared'> {
  const keys: number[] = [];
  for (const [doc, v] of cand) if (v & 1 || v >> 1 >= minShared) keys.push(doc);
  keys.sort((a, b) => a - b);
  const via = new Uint8Array(keys.length);
  const shared = new Uint32Array(keys.length);
  keys.forEach((doc, i) => {
    const v = cand.get(doc)!;
    shared[i] = v >> 1;
    via[i] = (v & 1 ? VIA_LSH : 0) | (v >> 1 >= minShared ? VIA_FINGERPRINTS : 0);
  });
  return { candidates: Uint32Array.from(keys), via, shared };
}

const hashKey = (h: Uint8Array): string => Buffer.from(h.buffer, h.byteOffset, 16).toString('latin1');

export class LocalIndex implements NearDupIndex {
  readonly backend: 'memory' | 'directory';
  readonly location: string;
  private segments: Segment[];
  private nextKey: number;
  private readonly boilerplateSet = new Set<number>();
  private parent = new Uint32Array(1024);
  private batch: Batch | null = null;
  private closed = false;

  constructor(
    readonly params: IndexParams,
    private readonly storage: LocalStorage,
    segments: Segment[],
    nextKey: number,
  ) {
    this.backend = storage.backend;
    this.location = storage.location;
    this.segments = segments;
    this.nextKey = nextKey;
    for (const s of segments) this.absorb(s);
  }

  /** Takes a segment's boilerplate and links into the in-memory state. */
  private absorb(s: Segment): void {
    for (let i = 0; i < s.boilerplate.length; i++) this.boilerplateSet.add(s.boilerplate[i]!);
    for (let i = 0; i < s.links.length; i += 2) this.setParent(s.links[i]!, s.links[i + 1]!);
  }

  private setParent(child: number, parent: number): void {
    if (child >= this.parent.length) {
      let size = this.parent.length;
      while (size <= child) size *= 2;
      const next = new Uint32Array(size);
      next.set(this.parent);
      this.parent = next;
    }
    this.parent[child] = parent;
  }

  private root(key: number): number {
    let k = key;
    while (k < this.parent.length && this.parent[k] !== 0) k = this.parent[k]!;
    return k;
  }

  private open(): Batch {
    if (this.closed) throw new Error('the index is closed');
    this.batch ??= new Batch(this.nextKey, this.storage.newSink());
    return this.batch;
  }

  private knownKey(hash: Uint8Array, batch: Batch): number {
    const inBatch = batch.hashes.get(hashKey(hash));
    if (inBatch !== undefined) return inBatch;
    for (const s of this.segments) {
      const k = findHash(s, hash);
      if (k !== 0) return k;
    }
    return 0;
  }

  async lookupInsert(entries: readonly IndexEntry[]): Promise<LookupResult[]> {
    const batch = this.open();
    const p = this.params;
    const bandQ = sortedDistinct(entries.map((e) => e.bands));
    const fpQ = sortedDistinct(entries.map((e) => e.fingerprints));
    const bandAt = new Map<number, number>();
    for (let q = 0; q < bandQ.length; q++) bandAt.set(bandQ[q]!, q);
    const fpAt = new Map<number, number>();
    for (let q = 0; q < fpQ.length; q++) fpAt.set(fpQ[q]!, q);
    const segBands = this.segments.map((s) => ranges(bandQ, s.bandKeys));
    const segFps = this.segments.map((s) => ranges(fpQ, s.fpKeys));

    const out: LookupResult[] = [];
    for (const e of entries) {
      const known = this.knownKey(e.identity, batch);
      // a document indexed before is looked up (counted in the postings already), not inserted again
      const key = known !== 0 ? known : this.nextKey++;
      const self = known !== 0 ? 1 : 0;
      // per candidate: shared fingerprints × 2 + 1 when it shares a band
      const cand = new Map<number, number>();
      const lsh = (doc: number): void => {
        cand.set(doc, (cand.get(doc) ?? 0) | 1);
      };
      const fp = (doc: number): void => {
        cand.set(doc, (cand.get(doc) ?? 0) + 2);
      };
      for (let x = 0; x < e.bands.length; x++) {
        const b = e.bands[x]!;
        const q = bandAt.get(b)!;
        for (let s = 0; s < this.segments.length; s++) {
          const docs = this.segments[s]!.bandDocs;
          for (let i = segBands[s]!.lo[q]!, end = segBands[s]!.hi[q]!; i < end; i++) lsh(docs[i]!);
        }
        batch.bands.forEach(b, lsh);
      }
      const watched: number[] = [];
      const keep: number[] = [];
      for (let x = 0; x < e.fingerprints.length; x++) {
        const f = e.fingerprints[x]!;
        if (this.boilerplateSet.has(f)) continue;
        const q = fpAt.get(f)!;
        let df = batch.fps.count(f);
        for (let s = 0; s < this.segments.length; s++) df += segFps[s]!.hi[q]! - segFps[s]!.lo[q]!;
        if (df + 1 - self > p.maxFingerprintDf) {
          // this document is one too many: the fingerprint is boilerplate from now on
          if (self) continue;
          this.boilerplateSet.add(f);
          batch.boilerplate.push(f);
          continue;
        }
        for (let s = 0; s < this.segments.length; s++) {
          const docs = this.segments[s]!.fpDocs;
          for (let i = segFps[s]!.lo[q]!, end = segFps[s]!.hi[q]!; i < end; i++) fp(docs[i]!);
        }
        batch.fps.forEach(f, fp);
        if (df + 1 - self >= p.boilerplateMinDf && !self) watched.push(f);
        keep.push(f);
      }
      cand.delete(key);
      if (self) {
        out.push({ key, known: true, ...candidates(cand, p.minSharedFingerprints), watched: new Uint32Array(0) });
        continue;
      }
      for (let x = 0; x < e.bands.length; x++) batch.bands.add(e.bands[x]!, key);
      for (const f of keep) batch.fps.add(f, key);
      batch.sink.append(e.record);
      batch.keys.push(key);
      batch.hashes.set(hashKey(e.identity), key);
      batch.hashBytes.push(e.identity);
      const head = decodeRecord(key, e.record, false);
      batch.dates = widen(batch.dates, head.date);
      batch.indexed = widen(batch.indexed, head.indexedAt);
      out.push({ key, known: false, ...candidates(cand, p.minSharedFingerprints), watched: Uint32Array.from(watched) });
    }
    return out;
  }

  async postings(fingerprints: Uint32Array): Promise<Array<Uint32Array | null>> {
    const batch = this.batch;
    return Array.from(fingerprints, (f) => {
      if (this.boilerplateSet.has(f)) return null;
      const docs: number[] = [];
      for (const s of this.segments) {
        for (let i = lowerBound(s.fpKeys, f); i < s.fpKeys.length && s.fpKeys[i] === f; i++) docs.push(s.fpDocs[i]!);
      }
      batch?.fps.forEach(f, (d) => docs.push(d));
      return Uint32Array.from(docs).sort();
    });
  }

  async boilerplate(fingerprints: Uint32Array): Promise<Uint32Array> {
    return Uint32Array.from(new Set(Array.from(fingerprints).filter((f) => this.boilerplateSet.has(f)))).sort();
  }

  async markBoilerplate(fingerprints: Uint32Array): Promise<void> {
    const batch = this.open();
    for (const f of fingerprints) {
      if (this.boilerplateSet.has(f)) continue;
      this.boilerplateSet.add(f);
      batch.boilerplate.push(f);
    }
  }

  private segmentOf(key: number): Segment | null {
    let lo = 0;
    let hi = this.segments.length - 1;
    while (lo <= hi) {
      const mid = (lo + hi) >>> 1;
      const s = this.segments[mid]!;
      if (key < s.firstKey) hi = mid - 1;
      else if (key > s.lastKey) lo = mid + 1;
      else return keyIndex(s, key) >= 0 ? s : null;
    }
    return null;
  }

  private recordBytes(key: number): Buffer | null {
    const b = this.batch;
    if (b && key >= b.firstKey) {
      const i = key - b.firstKey;
      return i < b.keys.length ? b.sink.read(i) : null;
    }
    return this.segmentOf(key)?.record(key) ?? null;
  }

  async load(keys: readonly number[]): Promise<Array<StoredDoc | null>> {
    return keys.map((k) => {
      const bytes = this.recordBytes(k);
      return bytes ? decodeRecord(k, bytes) : null;
    });
  }

  async roots(keys: readonly number[]): Promise<Uint32Array> {
    return Uint32Array.from(keys, (k) => this.root(k));
  }

  async union(pairs: ReadonlyArray<readonly [number, number]>): Promise<void> {
    const batch = this.open();
    for (const [a, b] of pairs) {
      const ra = this.root(a);
      const rb = this.root(b);
      if (ra === rb) continue;
      const child = Math.max(ra, rb);
      const parent = Math.min(ra, rb);
      this.setParent(child, parent);
      batch.links.push(child, parent);
    }
  }

  async commit(): Promise<void> {
    const b = this.batch;
    if (!b) return;
    this.batch = null;
    if (b.empty) {
      b.sink.abort();
      return;
    }
    const bands = b.bands.sorted();
    const fps = b.fps.sorted((f) => this.boilerplateSet.has(f));
    const keys = Uint32Array.from(b.keys);
    const hb = new Uint8Array(keys.length * 16);
    b.hashBytes.forEach((h, i) => hb.set(h, i * 16));
    const hashes = sortHashes(hb, keys);
    const seg = b.sink.finish(
      {
        keys,
        bandKeys: bands.keys,
        bandDocs: bands.docs,
        fpKeys: fps.keys,
        fpDocs: fps.docs,
        hashes: hashes.hashes,
        hashDocs: hashes.hashDocs,
        boilerplate: Uint32Array.from(b.boilerplate),
        links: Uint32Array.from(b.links),
      },
      {
        docs: keys.length,
        firstKey: keys.length ? keys[0]! : b.firstKey,
        lastKey: keys.length ? keys[keys.length - 1]! : b.firstKey - 1,
        dates: b.dates,
        indexed: b.indexed,
      },
    );
    this.segments = [...this.segments, seg];
    this.storage.publish(this.segments, this.nextKey);
  }

  async stats(): Promise<IndexStats> {
    const docs = this.segments.reduce((n, s) => n + s.docs, 0) + (this.batch?.keys.length ?? 0);
    const bytes = this.storage.bytes(this.segments);
    let dates: [number, number] | null = null;
    let indexed: [number, number] | null = null;
    for (const s of this.segments) {
      dates = mergeRanges(dates, s.dates);
      indexed = mergeRanges(indexed, s.indexed);
    }
    const iso = (v: number | undefined): string | null => (v === undefined ? null : new Date(v).toISOString());
    return {
      location: this.location,
      backend: this.backend,
      documents: docs,
      bytes,
      bytesPerDocument: docs ? bytes / docs : 0,
      dates: { first: iso(dates?.[0]), last: iso(dates?.[1]) },
      indexed: { first: iso(indexed?.[0]), last: iso(indexed?.[1]) },
      boilerplateFingerprints: this.boilerplateSet.size,
      segments: this.segments.length,
      params: this.params,
    };
  }

  async compact(options: CompactOptions = {}): Promise<CompactResult> {
    await this.commit();
    const before = this.segments.reduce((n, s) => n + s.docs, 0);
    const bytesBefore = this.storage.bytes(this.segments);
    const cutoff = options.windowMs === undefined ? -Infinity : (options.now ?? Date.now()) - options.windowMs;
    const live = new Uint8Array(this.nextKey);
    const sink = this.storage.newSink();
    const keys: number[] = [];
    let dates: [number, number] | null = null;
    let indexed: [number, number] | null = null;
    try {
      for (const s of this.segments) {
        for (const k of s.keys) {
          const bytes = s.record(k);
          const head = decodeRecord(k, bytes, false);
          if (recordWhen(head) < cutoff) continue;
          live[k] = 1;
          keys.push(k);
          sink.append(bytes);
          dates = widen(dates, head.date);
          indexed = widen(indexed, head.indexedAt);
        }
      }
      const gather = (pick: (s: Segment) => [Uint32Array, Uint32Array], skip: (f: number) => boolean) => {
        const ks: number[] = [];
        const ds: number[] = [];
        for (const s of this.segments) {
          const [fk, fd] = pick(s);
          for (let i = 0; i < fk.length; i++) {
            if (!live[fd[i]!] || skip(fk[i]!)) continue;
            ks.push(fk[i]!);
            ds.push(fd[i]!);
          }
        }
        return sortByKey(Uint32Array.from(ks), Uint32Array.from(ds));
      };
      const bands = gather((s) => [s.bandKeys, s.bandDocs], () => false);
      const fps = gather((s) => [s.fpKeys, s.fpDocs], (f) => this.boilerplateSet.has(f));
      const hk: number[] = [];
      const hb: Uint8Array[] = [];
      for (const s of this.segments) {
        for (let i = 0; i < s.hashDocs.length; i++) {
          if (!live[s.hashDocs[i]!]) continue;
          hk.push(s.hashDocs[i]!);
          hb.push(s.hashes.subarray(i * 16, i * 16 + 16));
        }
      }
      const flat = new Uint8Array(hb.length * 16);
      hb.forEach((h, i) => flat.set(h, i * 16));
      const hashes = sortHashes(flat, Uint32Array.from(hk));
      // each live member of a cluster points straight at the earliest live member of its cluster
      const firstLive = new Map<number, number>();
      for (const k of keys) {
        const r = this.root(k);
        if (!firstLive.has(r)) firstLive.set(r, k);
      }
      const links: number[] = [];
      for (const k of keys) {
        const r = firstLive.get(this.root(k))!;
        if (r !== k) links.push(k, r);
      }
      const seg = sink.finish(
        {
          keys: Uint32Array.from(keys),
          bandKeys: bands.keys,
          bandDocs: bands.docs,
          fpKeys: fps.keys,
          fpDocs: fps.docs,
          hashes: hashes.hashes,
          hashDocs: hashes.hashDocs,
          boilerplate: Uint32Array.from(this.boilerplateSet).sort(),
          links: Uint32Array.from(links),
        },
        { docs: keys.length, firstKey: keys[0] ?? this.nextKey, lastKey: keys[keys.length - 1] ?? this.nextKey - 1, dates, indexed },
      );
      const old = this.segments;
      this.segments = [seg];
      this.storage.publish(this.segments, this.nextKey);
      this.storage.drop(old);
      this.parent = new Uint32Array(Math.max(1024, this.nextKey));
      for (let i = 0; i < links.length; i += 2) this.parent[links[i]!] = links[i + 1]!;
    } catch (e) {
      sink.abort();
      throw e;
    }
    const after = keys.length;
    return { before, after, removed: before - after, bytesBefore, bytesAfter: this.storage.bytes(this.segments) };
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    this.batch?.sink.abort();
    this.batch = null;
    this.storage.close();
    for (const s of this.segments) s.close?.();
  }
}

/** The memory backend: segments and records held in this process. */
export function memoryStorage(): LocalStorage {
  let total = 0;
  return {
    backend: 'memory',
    location: 'memory',
    newSink(): BatchSink {
      const records: Buffer[] = [];
      return {
        append(bytes) {
          records.push(Buffer.from(bytes));
        },
        read: (i) => records[i]!,
        finish(sections, info) {
          let bytes = 0;
          for (const r of records) bytes += r.length;
          for (const v of Object.values(sections)) bytes += v.byteLength;
          total += bytes;
          const seg: Segment = {
            ...info,
            ...(sections as unknown as Pick<Segment, 'keys' | 'bandKeys' | 'bandDocs' | 'fpKeys' | 'fpDocs' | 'hashes' | 'hashDocs' | 'boilerplate' | 'links'>),
            bytes,
            record(key: number): Buffer {
              const i = keyIndex(seg, key);
              if (i < 0) throw new Error(`key ${key} is not in this segment`);
              return records[i]!;
            },
          };
          return seg;
        },
        abort() {
          records.length = 0;
        },
      };
    },
    publish() {},
    drop(segments) {
      for (const s of segments) total -= s.bytes;
    },
    bytes: () => total,
    close() {},
  };
}
