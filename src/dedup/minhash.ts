/**
 * Seeded, deterministic MinHash by one-permutation hashing (OPH) with optimal
 * densification.
 *
 * Each shingle hash is mixed once with the seed; the mixed value picks one of
 * `numPerm` bins and a second mix gives its value; each bin keeps its minimum. That
 * is one pass over the shingles instead of `numPerm` passes. A bin that no shingle
 * fell into borrows the value of a non-empty bin found by a seeded probe sequence
 * (Shrivastava 2017, "optimal densification"), so two documents agree on a bin with
 * probability equal to their Jaccard similarity, empty bins included.
 *
 * A signature is a `Uint32Array(numPerm)`; comparing signatures made with another
 * seed or size is refused (`estimateJaccard` throws).
 */
import { fmix32, hash2 } from './hash.js';

export interface MinHasherOptions {
  numPerm: number;
  seed: number;
}

export interface MinHasher {
  readonly numPerm: number;
  readonly seed: number;
  /** Signature of a set given by its shingle hashes (repeats are harmless). */
  signature(shingles: Uint32Array, out?: Uint32Array): Uint32Array;
}

export const EMPTY_VALUE = 0xffffffff;

export function createMinHasher({ numPerm, seed }: MinHasherOptions): MinHasher {
  if (!Number.isInteger(numPerm) || numPerm < 16 || numPerm > 4096) {
    throw new RangeError(`numPerm must be an integer from 16 to 4096, got ${numPerm}`);
  }
  if (!Number.isInteger(seed) || seed < 0 || seed > 0xffffffff) {
    throw new RangeError(`seed must be an integer from 0 to 2^32-1, got ${seed}`);
  }
  const seedA = hash2(seed, 0x243f6a88);
  const seedB = hash2(seed, 0x85a308d3);
  const filled = new Uint8Array(numPerm);
  // Probe sequences for densification depend only on (seed, bin, attempt).
  const probe = (bin: number, attempt: number): number =>
    hash2(hash2(seed ^ 0x13198a2e, bin), attempt) % numPerm;

  return {
    numPerm,
    seed,
    signature(shingles: Uint32Array, out?: Uint32Array): Uint32Array {
      const sig = out ?? new Uint32Array(numPerm);
      sig.fill(EMPTY_VALUE);
      filled.fill(0);
      const n = shingles.length;
      if (n === 0) return sig;
      let nonEmpty = 0;
      for (let i = 0; i < n; i++) {
        const x = fmix32(shingles[i]! ^ seedA);
        const bin = ((x >>> 16) * numPerm) >>> 16;
        // The value comes from a second, independent mix so it is not tied to the bin.
        const v = fmix32((x + seedB) | 0);
        if (filled[bin] === 0) {
          filled[bin] = 1;
          nonEmpty++;
          sig[bin] = v;
        } else if (v < sig[bin]!) {
          sig[bin] = v;
        }
      }
      if (nonEmpty < numPerm) {
        for (let bin = 0; bin < numPerm; bin++) {
          if (filled[bin] === 1) continue;
          for (let attempt = 1; ; attempt++) {
            const src = probe(bin, attempt);
            if (filled[src] === 1) {
              sig[bin] = sig[src]!;
              break;
            }
          }
        }
      }
      return sig;
    },
  };
}

/** What a signature needs to be compared with another. */
export interface SignatureLike {
  signature: Uint32Array;
  seed: number;
  numPerm: number;
}

/** Estimated Jaccard similarity: the share of bins on which two signatures agree. */
export function estimateJaccard(a: SignatureLike, b: SignatureLike): number {
  if (a.seed !== b.seed) {
    throw new Error(`cannot compare MinHash signatures made with different seeds (${a.seed} and ${b.seed})`);
  }
  if (a.numPerm !== b.numPerm || a.signature.length !== b.signature.length) {
    throw new Error(`cannot compare MinHash signatures of different sizes (${a.numPerm} and ${b.numPerm})`);
  }
  let same = 0;
  const n = a.signature.length;
  for (let i = 0; i < n; i++) if (a.signature[i] === b.signature[i]) same++;
  return same / n;
}
