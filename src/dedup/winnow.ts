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

/** Positions of the fingerprints of `shingles` with window `w`, ascending. */
export function winnowPositions(shingles: Uint32Array, w: number): Uint32Array {
  const n = shingles.length;
  if (n === 0) return new Uint32Array(0);
  if (n <= w) {
    let best = 0;
    for (let i = 1; i < n; i++) if (shingles[i]! <= shingles[best]!) best = i;
    return Uint32Array.of(best);
  }
  // Monotone deque of positions whose hashes increase strictly from front to back;
  // the front is the rightmost minimum of the current window.
  const dq = new Uint32Array(n);
  let head = 0;
  let tail = 0;
  const out = new Uint32Array(n - w + 1);
  let count = 0;
  let last = -1;
  for (let i = 0; i < n; i++) {
    const h = shingles[i]!;
    while (tail > head && shingles[dq[tail - 1]!]! >= h) tail--;
    dq[tail++] = i;
    if (dq[head]! <= i - w) head++;
    if (i >= w - 1) {
      const m = dq[head]!;
      if (m !== last) {
        out[count++] = m;
        last = m;
      }
    }
  }
  return out.slice(0, count);
}

/** Fingerprint hashes of `shingles`, sorted and distinct (what the index stores). */
export function winnowHashes(shingles: Uint32Array, w: number): Uint32Array {
  const pos = winnowPositions(shingles, w);
  const out = new Uint32Array(pos.length);
  for (let i = 0; i < pos.length; i++) out[i] = shingles[pos[i]!]!;
  out.sort();
  let u = 0;
  for (let i = 0; i < out.length; i++) if (u === 0 || out[i] !== out[u - 1]) out[u++] = out[i]!;
  return u === out.length ? out : out.slice(0, u);
}
