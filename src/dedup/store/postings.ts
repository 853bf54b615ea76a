/**
 * Postings (feature → document keys) of the documents inserted since the last commit: an open-addressing table over
 * typed arrays (no Map, no object per posting), and the sort that turns it into a segment's sorted arrays.
 */
import { ChunkedU32 } from '../groups.js';

export class PostingTable {
  private mask: number;
  private slotKey: Uint32Array;
  /** Index + 1 of the slot's last posting; 0 = empty slot. */
  private slotHead: Uint32Array;
  private slotCount: Uint32Array;
  private used = 0;
  private readonly docs = new ChunkedU32();
  private readonly next = new ChunkedU32();
  private readonly keysOf = new ChunkedU32();

  constructor(capacity = 1 << 12) {
    let size = 16;
    while (size < capacity * 2) size <<= 1;
    this.mask = size - 1;
    this.slotKey = new Uint32Array(size);
    this.slotHead = new Uint32Array(size);
    this.slotCount = new Uint32Array(size);
  }

  /** Number of postings. */
  get length(): number {
    return this.docs.length;
  }

  private slot(key: number): number {
    let s = Math.imul(key ^ (key >>> 16), 0x45d9f3b) & this.mask;
    while (this.slotHead[s] !== 0 && this.slotKey[s] !== key) s = (s + 1) & this.mask;
    return s;
  }

  private grow(): void {
    const oldKey = this.slotKey;
    const oldHead = this.slotHead;
    const oldCount = this.slotCount;
    const size = oldKey.length * 2;
    this.mask = size - 1;
    this.slotKey = new Uint32Array(size);
    this.slotHead = new Uint32Array(size);
    this.slotCount = new Uint32Array(size);
    for (let s = 0; s < oldKey.length; s++) {
      if (oldHead[s] === 0) continue;
      const t = this.slot(oldKey[s]!);
      this.slotKey[t] = oldKey[s]!;
      this.slotHead[t] = oldHead[s]!;
      this.slotCount[t] = oldCount[s]!;
    }
  }

  add(key: number, doc: number): void {
    let s = this.slot(key);
    if (this.slotHead[s] === 0) {
      if ((this.used + 1) * 2 > this.slotKey.length) {
        this.grow();
        s = this.slot(key);
      }
      this.used++;
      this.slotKey[s] = key;
    }
    this.docs.push(doc);
    this.keysOf.push(key);
    this.next.push(this.slotHead[s]!);
    this.slotHead[s] = this.docs.length;
    this.slotCount[s]!++;
  }

  count(key: number): number {
    const s = this.slot(key);
    return this.slotHead[s] === 0 ? 0 : this.slotCount[s]!;
  }

  /** Calls fn with each document holding `key` (latest first). */
  forEach(key: number, fn: (doc: number) => void): void {
    const s = this.slot(key);
    for (let p = this.slotHead[s]!; p !== 0; p = this.next.get(p - 1)) fn(this.docs.get(p - 1));
  }

  /** The postings sorted by feature, documents ascending within one (`skip(key)` leaves a feature out). */
  sorted(skip?: (key: number) => boolean): { keys: Uint32Array; docs: Uint32Array } {
    const n = this.docs.length;
    let keys = new Uint32Array(n);
    let docs = new Uint32Array(n);
    let m = 0;
    for (let i = 0; i < n; i++) {
      const k = this.keysOf.get(i);
      if (skip?.(k)) continue;
      keys[m] = k;
      docs[m++] = this.docs.get(i);
    }
    if (m < n) {
      keys = keys.slice(0, m);
      docs = docs.slice(0, m);
    }
    // postings were added in ascending document order: a stable sort by feature keeps them so
    return sortByKey(keys, docs);
  }
}

/** A stable LSD radix sort (two 16-bit passes) of (key, value) pairs by key. */
export function sortByKey(keys: Uint32Array, values: Uint32Array): { keys: Uint32Array; docs: Uint32Array } {
  const n = keys.length;
  if (n < 2) return { keys, docs: values };
  let k0: Uint32Array = keys;
  let v0: Uint32Array = values;
  let k1: Uint32Array = new Uint32Array(n);
  let v1: Uint32Array = new Uint32Array(n);
  const counts = new Uint32Array(65536);
  for (let pass = 0; pass < 2; pass++) {
    const shift = pass * 16;
    counts.fill(0);
    for (let i = 0; i < n; i++) counts[(k0[i]! >>> shift) & 0xffff]!++;
    let sum = 0;
    for (let b = 0; b < 65536; b++) {
      const c = counts[b]!;
      counts[b] = sum;
      sum += c;
    }
    for (let i = 0; i < n; i++) {
      const at = counts[(k0[i]! >>> shift) & 0xffff]!++;
      k1[at] = k0[i]!;
      v1[at] = v0[i]!;
    }
    [k0, k1] = [k1, k0];
    [v0, v1] = [v1, v0];
  }
  return { keys: k0, docs: v0 };
}

/** First index i ≥ from with sorted[i] ≥ value (galloping from `from`, then binary search). */
export function lowerBound(sorted: Uint32Array, value: number, from = 0): number {
  const n = sorted.length;
  if (from >= n || sorted[from]! >= value) return from;
  let step = 1;
  let lo = from;
  let hi = from + 1;
  while (hi < n && sorted[hi]! < value) {
    lo = hi;
    step *= 2;
    hi = Math.min(n, hi + step);
  }
  // sorted[lo] < value; the answer is in (lo, hi]
  lo++;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (sorted[mid]! < value) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}
