/**
 * 32-bit hashing used by the dedup module. Everything works on numbers and typed
 * arrays: no strings are built per token and no object is made per shingle.
 *
 * - Tokens are hashed with FNV-1a over their (folded) UTF-16 char codes, inline in
 *   the tokenizer loop (see tokens.ts). `bench/dedup.mjs --hash-bench` compares this
 *   with xxhash-wasm's h32.
 * - Shingles combine k token hashes with the MurmurHash3 x86_32 block step, so the
 *   result depends on order and is well mixed.
 * - `fmix32` is MurmurHash3's finaliser, used to derive MinHash values and bins.
 */

export const FNV_OFFSET = 0x811c9dc5;
export const FNV_PRIME = 0x01000193;

/** MurmurHash3 finaliser: a bijection on uint32 with good avalanche. */
export function fmix32(h: number): number {
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

/** FNV-1a of a string's UTF-16 code units (the same value the tokenizer computes inline). */
export function fnv1a(s: string): number {
  let h = FNV_OFFSET;
  for (let i = 0; i < s.length; i++) {
    h = Math.imul(h ^ s.charCodeAt(i), FNV_PRIME);
  }
  return h >>> 0;
}

/** Hash of two uint32 values, for derived keys (seeds, band keys). */
export function hash2(a: number, b: number): number {
  let h = Math.imul(a ^ 0x9e3779b9, 0xcc9e2d51);
  h = (h << 15) | (h >>> 17);
  h = Math.imul(h, 0x1b873593);
  h ^= b;
  h = (h << 13) | (h >>> 19);
  h = (Math.imul(h, 5) + 0xe6546b64) | 0;
  return fmix32(h ^ 8);
}

/** Multiplier of the rolling shingle hash (odd, so multiplication is invertible mod 2^32). */
const SHINGLE_BASE = 0x01000193;

/**
 * Hash of every window of `k` consecutive token hashes: a polynomial rolling hash
 * Σ t[i+j]·B^(k−1−j) mod 2^32 (O(1) per shingle), finished with `fmix32`, so the result
 * depends on order and is well mixed. A document with fewer than `k` tokens (but at
 * least one) gets a single shingle over all its tokens; an empty document gets none.
 */
export function shingleHashes(tokens: Uint32Array, k: number): Uint32Array {
  const n = tokens.length;
  if (n === 0) return new Uint32Array(0);
  const width = n < k ? n : k;
  const count = n - width + 1;
  const out = new Uint32Array(count);
  // B^(width−1): the weight of the token that leaves the window.
  let top = 1;
  for (let j = 1; j < width; j++) top = Math.imul(top, SHINGLE_BASE);
  let h = 0;
  for (let j = 0; j < width; j++) h = (Math.imul(h, SHINGLE_BASE) + tokens[j]!) | 0;
  out[0] = fmix32(h ^ width);
  for (let i = 1; i < count; i++) {
    h = (Math.imul((h - Math.imul(tokens[i - 1]!, top)) | 0, SHINGLE_BASE) + tokens[i + width - 1]!) | 0;
    out[i] = fmix32(h ^ width);
  }
  return out;
}

/** Scratch space of the radix sort, grown as needed. */
let scratch = new Uint32Array(1024);
const radixCounts = new Uint32Array(256 * 4);

/**
 * Ascending copy of `values`: an LSD radix sort (four 8-bit passes, all counted in one read) for arrays long enough
 * for it to beat the comparison sort, which a shingle set always is.
 */
export function sortedCopy(values: Uint32Array): Uint32Array {
  const n = values.length;
  if (n < 128) return values.slice().sort();
  if (scratch.length < n) scratch = new Uint32Array(n * 2);
  const c = radixCounts;
  c.fill(0);
  for (let i = 0; i < n; i++) {
    const v = values[i]!;
    c[v & 255]!++;
    c[256 + ((v >>> 8) & 255)]!++;
    c[512 + ((v >>> 16) & 255)]!++;
    c[768 + (v >>> 24)]!++;
  }
  const out = new Uint32Array(n);
  let src: Uint32Array = values;
  // passes alternate between the scratch array and the result; four passes end in the result
  const targets = [scratch, out, scratch, out];
  for (let pass = 0; pass < 4; pass++) {
    const base = pass * 256;
    const shift = pass * 8;
    let sum = 0;
    for (let b = 0; b < 256; b++) {
      const k = c[base + b]!;
      c[base + b] = sum;
      sum += k;
    }
    const dst = targets[pass]!;
    for (let i = 0; i < n; i++) {
      const v = src[i]!;
      dst[c[base + ((v >>> shift) & 255)]!++] = v;
    }
    src = dst;
  }
  return out;
}

/** Sorted copy of the distinct values of `values`. */
export function sortedUnique(values: Uint32Array): Uint32Array {
  const s = sortedCopy(values);
  if (s.length < 2) return s;
  let w = 1;
  for (let i = 1; i < s.length; i++) {
    if (s[i] !== s[w - 1]) s[w++] = s[i]!;
  }
  return w === s.length ? s : s.slice(0, w);
}

/** |A ∩ B| of two sorted, duplicate-free arrays. */
export function intersectionSize(a: Uint32Array, b: Uint32Array): number {
  let i = 0;
  let j = 0;
  let n = 0;
  const na = a.length;
  const nb = b.length;
  // without branches on the comparison (which the merge of two similar sets cannot predict): twice as fast
  while (i < na && j < nb) {
    const x = a[i]!;
    const y = b[j]!;
    n += +(x === y);
    i += +(x <= y);
    j += +(y <= x);
  }
  return n;
}

/** Whether the sorted array holds v (binary search). */
export function sortedHas(sorted: Uint32Array, v: number): boolean {
  let lo = 0;
  let hi = sorted.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >>> 1;
    const x = sorted[mid]!;
    if (x === v) return true;
    if (x < v) lo = mid + 1;
    else hi = mid - 1;
  }
  return false;
}
