/**
 * Winnowing (Schleimer, Wilkerson, Aiken 2003) over the shingle-hash sequence.
 *
 * Every window of `w` consecutive shingle hashes selects its minimum (the rightmost
 * one on ties); the selected positions are the document's fingerprints. Guarantee:
 * two documents that share a run of at least w + k − 1 tokens (w shingles) share at
 * least one fingerprint, because the window lying inside the run is identical in both
 * and selects the same hash. A run of m·w + k − 1 tokens contains m disjoint windows
 * and so shares at least m fingerprints. Expected density is 2 / (w + 1) per shingle.
 *
 * A document with fewer than `w` shingles has one window: its minimum.
 */

let dqScratch = new Uint32Array(1024);
let posScratch = new Uint32Array(1024);

/** Fingerprint positions into `out` (length ≥ number of shingles); returns how many. */
function winnowInto(shingles: Uint32Array, w: number, out: Uint32Array): number {
  const n = shingles.length;
  if (n === 0) return 0;
  if (n <= w) {
    let best = 0;
    for (let i = 1; i < n; i++) if (shingles[i]! <= shingles[best]!) best = i;
    out[0] = best;
    return 1;
  }
  if (dqScratch.length < n) dqScratch = new Uint32Array(n * 2);
  // Monotone deque of positions whose hashes increase strictly from front to back;
  // the front is the rightmost minimum of the current window.
  const dq = dqScratch;
  let head = 0;
  let tail = 0;
  let count = 0;
  let last = -1;
  for (let i = 0; i < n; i++) {
    const h = shingles[i]!;
    while (tail > head && shingles[dq[tail - 1]!]! >= h) tail--;
    dq[tail++] = i;
    if (dq[head]! + w <= i) head++;
    if (i >= w - 1) {
      const m = dq[head]!;
      if (m !== last) {
        out[count++] = m;
        last = m;
      }
    }
  }
  return count;
}

/** Positions of the fingerprints of `shingles` with window `w`, ascending. */
export function winnowPositions(shingles: Uint32Array, w: number): Uint32Array {
  const out = new Uint32Array(Math.max(1, shingles.length));
  return out.slice(0, winnowInto(shingles, w, out));
}

/** Fingerprint hashes of `shingles`, sorted and distinct (what the index stores). */
export function winnowHashes(shingles: Uint32Array, w: number): Uint32Array {
  if (posScratch.length < shingles.length) posScratch = new Uint32Array(shingles.length * 2);
  const count = winnowInto(shingles, w, posScratch);
  const out = new Uint32Array(count);
  for (let i = 0; i < count; i++) out[i] = shingles[posScratch[i]!]!;
  out.sort();
  let u = 0;
  for (let i = 0; i < count; i++) if (u === 0 || out[i] !== out[u - 1]) out[u++] = out[i]!;
  return u === count ? out : out.slice(0, u);
}
