/**
 * LSH banding for MinHash signatures.
 *
 * The signature is cut into `bands` bands of `rows` values; two documents become a
 * candidate pair when any band is equal. With Jaccard s, the chance of that is
 * 1 − (1 − s^rows)^bands. `chooseBandsRows` picks (bands, rows) with
 * bands·rows ≤ numPerm that minimise
 *   wFP · ∫₀ᵗ P(s) ds  +  wFN · ∫ₜ¹ (1 − P(s)) ds
 * (the weighted false-positive and false-negative areas around threshold t).
 *
 * Each band is reduced to one uint32 key that also depends on the band number, so the
 * keys of all bands can share one index.
 */
import { hash2 } from './hash.js';

export interface BandsRows {
  bands: number;
  rows: number;
}

function integrate(f: (x: number) => number, a: number, b: number): number {
  // Composite Simpson's rule; the integrands are smooth polynomials.
  const n = 200;
  const h = (b - a) / n;
  let s = f(a) + f(b);
  for (let i = 1; i < n; i++) s += f(a + i * h) * (i % 2 === 1 ? 4 : 2);
  return (s * h) / 3;
}

/** Probability that a pair with Jaccard `s` becomes a candidate. */
export function candidateProbability(s: number, bands: number, rows: number): number {
  return 1 - Math.pow(1 - Math.pow(s, rows), bands);
}

export function chooseBandsRows(
  threshold: number,
  numPerm: number,
  weights: readonly [number, number] = [0.5, 0.5],
): BandsRows {
  if (!(threshold > 0 && threshold < 1)) throw new RangeError(`LSH threshold must be in (0, 1), got ${threshold}`);
  const [wfp, wfn] = weights;
  let best: BandsRows = { bands: 1, rows: numPerm };
  let bestErr = Infinity;
  for (let bands = 1; bands <= numPerm; bands++) {
    const maxRows = Math.floor(numPerm / bands);
    for (let rows = 1; rows <= maxRows; rows++) {
      const fp = integrate((s) => candidateProbability(s, bands, rows), 0, threshold);
      const fn = integrate((s) => 1 - candidateProbability(s, bands, rows), threshold, 1);
      const err = wfp * fp + wfn * fn;
      if (err < bestErr - 1e-12) {
        bestErr = err;
        best = { bands, rows };
      }
    }
  }
  return best;
}

/** One uint32 key per band of `signature`. */
export function bandKeys(signature: Uint32Array, bands: number, rows: number, out?: Uint32Array): Uint32Array {
  const keys = out ?? new Uint32Array(bands);
  for (let b = 0; b < bands; b++) {
    let h = hash2(0x6c5a3b1d, b);
    const base = b * rows;
    for (let r = 0; r < rows; r++) h = hash2(h, signature[base + r]!);
    keys[b] = h;
  }
  return keys;
}
