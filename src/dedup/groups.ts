/**
 * An inverted index over uint32 features (LSH band keys or winnow fingerprints) built
 * without a Map: features are stored per document in chunked typed arrays, sorted by
 * value with a radix sort of entry numbers, and grouped.
 *
 * Only groups of 2..cap documents are kept. A value in one document cannot pair
 * anything; a value in more than `cap` documents is boilerplate (its value is
 * reported in `common` and it pairs nothing). The result is two CSR structures:
 * document → its groups, and group → its documents (ascending).
 *
 * Memory while building: the features (4 bytes each) plus one entry array of the same
 * size plus 4 bytes per kept group; the entry array is reused for the postings.
 */

export const CHUNK_BITS = 20;
export const CHUNK = 1 << CHUNK_BITS;
const CHUNK_MASK = CHUNK - 1;
export const NONE = 0xffffffff;

/** Append-only uint32 storage in 4 MiB chunks, so it grows without copying. */
export class ChunkedU32 {
  chunks: Uint32Array[] = [];
  length = 0;

  push(v: number): void {
    const c = this.length >>> CHUNK_BITS;
    if (c === this.chunks.length) this.chunks.push(new Uint32Array(CHUNK));
    this.chunks[c]![this.length & CHUNK_MASK] = v;
    this.length++;
  }

  pushAll(values: Uint32Array): void {
    let from = 0;
    while (from < values.length) {
      const c = this.length >>> CHUNK_BITS;
      if (c === this.chunks.length) this.chunks.push(new Uint32Array(CHUNK));
      const at = this.length & CHUNK_MASK;
      const n = Math.min(CHUNK - at, values.length - from);
      this.chunks[c]!.set(values.subarray(from, from + n), at);
      this.length += n;
      from += n;
    }
  }

  get(i: number): number {
    return this.chunks[i >>> CHUNK_BITS]![i & CHUNK_MASK]!;
  }

  set(i: number, v: number): void {
    this.chunks[i >>> CHUNK_BITS]![i & CHUNK_MASK] = v;
  }

  /** A compact copy of the first `n` values; the chunks are released. */
  toArray(n = this.length): Uint32Array {
    const out = new Uint32Array(n);
    for (let c = 0; c * CHUNK < n; c++) {
      out.set(this.chunks[c]!.subarray(0, Math.min(CHUNK, n - c * CHUNK)), c * CHUNK);
    }
    this.chunks = [];
    this.length = 0;
    return out;
  }

  get byteLength(): number {
    return this.chunks.length * CHUNK * 4;
  }
}

export interface GroupIndex {
  /** Document d's groups are docGroups[docOffsets[d] .. docOffsets[d+1]). */
  docOffsets: Uint32Array;
  /** Null when the index was grouped from value buckets: doc-groups.ts gathers a range of documents' groups then. */
  docGroups: Uint32Array | null;
  /** Group g's documents are postings[groupOffsets[g] .. groupOffsets[g+1]), ascending. */
  groupOffsets: Uint32Array;
  postings: Uint32Array;
  /** Sorted values that were in more than `cap` documents. */
  common: Uint32Array;
  /** Groups of at least `watchMin` documents, with their values (for later boilerplate checks). */
  watched: { groups: Uint32Array; values: Uint32Array };
  stats: { entries: number; groups: number; singletons: number; capped: number };
}

/**
 * Group the features of `docs` documents. `features` holds each document's values in
 * document order, `docOffsets` (length docs + 1) where each document's values start.
 * Both are consumed: the features are overwritten and released.
 *
 * Entries are sorted by value, stably: a counting pass on the top 16 bits, then two
 * 8-bit LSD passes on the low 16 bits inside each bucket, whose runs of equal values
 * are walked right away (while their keys are at hand).
 */
export function buildGroupIndex(
  features: ChunkedU32,
  docOffsets: Uint32Array,
  docs: number,
  cap: number,
  watchMin = Number.MAX_SAFE_INTEGER,
): GroupIndex {
  const n = features.length;
  const counts = new Uint32Array(65537);
  for (const chunk of features.chunks) {
    const len = Math.min(chunk.length, n - (features.chunks.indexOf(chunk) << 20));
    for (let x = 0; x < len; x++) counts[(chunk[x]! >>> 16) + 1]!++;
  }
  let maxBucket = 0;
  for (let b = 1; b <= 65536; b++) {
    if (counts[b]! > maxBucket) maxBucket = counts[b]!;
    counts[b]! += counts[b - 1]!;
  }
  const perm = new Uint32Array(n);
  {
    const cursor = counts.slice(0, 65536);
    let e = 0;
    for (const chunk of features.chunks) {
      const len = Math.min(chunk.length, n - e);
      for (let x = 0; x < len; x++, e++) perm[cursor[chunk[x]! >>> 16]!++] = e;
    }
  }

  const keys = new Uint32Array(maxBucket);
  const keys2 = new Uint32Array(maxBucket);
  const vals2 = new Uint32Array(maxBucket);
  const c8 = new Uint32Array(257);
  const groupEnds = new ChunkedU32();
  const common: number[] = [];
  const watchedGroups: number[] = [];
  const watchedValues: number[] = [];
  let groups = 0;
  let singletons = 0;
  let capped = 0;
  let grouped = 0;
  for (let b = 0; b < 65536; b++) {
    const start = counts[b]!;
    const size = counts[b + 1]! - start;
    if (size === 0) continue;
    const vals = perm.subarray(start, start + size);
    if (size === 1) {
      singletons++;
      features.set(vals[0]!, NONE);
      continue;
    }
    for (let x = 0; x < size; x++) keys[x] = features.get(vals[x]!) & 0xffff;
    // Pass 1: bits 0..7 from (keys, vals) into (keys2, vals2); pass 2: bits 8..15 back.
    c8.fill(0);
    for (let x = 0; x < size; x++) c8[(keys[x]! & 0xff) + 1]!++;
    for (let r = 1; r <= 256; r++) c8[r]! += c8[r - 1]!;
    for (let x = 0; x < size; x++) {
      const p = c8[keys[x]! & 0xff]!++;
      keys2[p] = keys[x]!;
      vals2[p] = vals[x]!;
    }
    c8.fill(0);
    for (let x = 0; x < size; x++) c8[(keys2[x]! >>> 8) + 1]!++;
    for (let r = 1; r <= 256; r++) c8[r]! += c8[r - 1]!;
    for (let x = 0; x < size; x++) {
      const p = c8[keys2[x]! >>> 8]!++;
      keys[p] = keys2[x]!;
      vals[p] = vals2[x]!;
    }
    // Walk runs of equal values; overwrite each entry's value with its group id (or NONE).
    let p = 0;
    while (p < size) {
      const low = keys[p]!;
      let q = p + 1;
      while (q < size && keys[q] === low) q++;
      const m = q - p;
      if (m >= 2 && m <= cap) {
        if (m >= watchMin) {
          watchedGroups.push(groups);
          watchedValues.push(((b << 16) | low) >>> 0);
        }
        for (let x = p; x < q; x++) features.set(vals[x]!, groups);
        grouped += m;
        groupEnds.push(grouped);
        groups++;
      } else {
        if (m === 1) singletons++;
        else {
          capped++;
          common.push(((b << 16) | low) >>> 0);
        }
        for (let x = p; x < q; x++) features.set(vals[x]!, NONE);
      }
      p = q;
    }
  }

  // Postings, reusing the entry array: fill each group from its end, documents descending.
  const postings = perm.subarray(0, grouped);
  const groupOffsets = new Uint32Array(groups + 1);
  for (let g = 0; g < groups; g++) groupOffsets[g] = groupEnds.get(g);
  groupOffsets[groups] = grouped;
  groupEnds.toArray(0);
  for (let d = docs - 1; d >= 0; d--) {
    for (let e = docOffsets[d + 1]! - 1; e >= docOffsets[d]!; e--) {
      const g = features.get(e);
      if (g !== NONE) postings[--groupOffsets[g]!] = d;
    }
  }

  // Each document's groups, compacted in place.
  let w = 0;
  let from = docOffsets[0]!;
  for (let d = 0; d < docs; d++) {
    const to = docOffsets[d + 1]!;
    docOffsets[d] = w;
    for (let e = from; e < to; e++) {
      const g = features.get(e);
      if (g !== NONE) features.set(w++, g);
    }
    from = to;
  }
  docOffsets[docs] = w;
  const docGroups = features.toArray(w);

  return {
    docOffsets,
    docGroups,
    groupOffsets,
    postings: postings.slice(),
    common: Uint32Array.from(common),
    watched: { groups: Uint32Array.from(watchedGroups), values: Uint32Array.from(watchedValues) },
    stats: { entries: n, groups, singletons, capped },
  };
}
