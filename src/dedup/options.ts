/**
 * Every dedup setting, its default and its meaning, in one place. `resolveDedupOptions`
 * validates once and throws `DedupOptionsError` with a message that says how to fix it.
 *
 * Calibration: the defaults were chosen on the five seed articles (fixtures/dedup/seeds)
 * and on the labelled generated corpora (src/dedup/generate.ts):
 * - seeds: the two pairs of different articles that run the same wire paragraphs share
 *   75 and 77 tokens in passages of ≥ 8 tokens (containment 0.13 and 0.19); the next
 *   closest pair shares one 17-token passage; everything else shares at most 6-token runs.
 * - generated variants: full copies (wire, headline, reorder) have Jaccard ≥ 0.73;
 *   excerpts have containment ≥ 0.72 (0.42 when also reworded and re-wrapped);
 *   reworded copies (2–12 % of words) have containment ≥ 0.49; unrelated articles of
 *   one outlet reach containment 0.23 through shared header and footer lines.
 * - cost: at a million documents, two shared fingerprints let ~0.6 chance pairs per
 *   document through to verification; three keep that near zero.
 */
import { chooseBandsRows } from './lsh.js';

export interface DedupOptions {
  /** Words per shingle (k). */
  shingleSize?: number;
  /** MinHash values per signature. */
  numPerm?: number;
  /** MinHash seed (uint32); signatures made with different seeds are never compared. */
  seed?: number;
  /** A pair with shingle Jaccard ≥ this is a `duplicate` (a copy). Also the LSH threshold unless `lshThreshold` is set. */
  jaccardThreshold?: number;
  /** A pair with containment |A∩B|/min(|A|,|B|) ≥ this is a `duplicate` (an excerpt, or a reworded copy). */
  containmentThreshold?: number;
  /** Jaccard around which LSH banding is tuned (default: `jaccardThreshold`). */
  lshThreshold?: number;
  /** Weights of the false-positive and false-negative areas when choosing bands × rows. */
  lshWeights?: readonly [number, number];
  /** Explicit LSH bands (with `lshRows`), instead of choosing them from the threshold. */
  lshBands?: number;
  lshRows?: number;
  /** Winnowing window w, in shingles: every shared run of ≥ w + k − 1 tokens shares a fingerprint. */
  winnowWindow?: number;
  /**
   * A pair becomes a candidate when it shares at least this many (non-boilerplate)
   * fingerprints. A shared run of m·w + k − 1 tokens always yields m: with the defaults
   * (w 12, k 5, 3) every pair sharing one run of 40 tokens (= minSharedTokens) is a
   * candidate, as is every pair sharing three runs of 16 tokens.
   */
  minSharedFingerprints?: number;
  /** Shared runs shorter than this many tokens are not passages. */
  minPassageTokens?: number;
  /** A pair that is not a duplicate is an `overlap` when its passages cover at least this many tokens. */
  minSharedTokens?: number;
  /** A fingerprint found in more documents than this is boilerplate: not indexed, and passages made mostly of such fingerprints are dropped. */
  maxFingerprintDf?: number;
  /**
   * Below the cap, a fingerprint found in at least this many documents is also boilerplate
   * when most of those documents share little else with each other (see `boilerplateShare`).
   */
  boilerplateMinDf?: number;
  /** Two documents "share much" when they share at least this share of the smaller one's fingerprints. */
  boilerplateShare?: number;
  /** Which pairs get passage text: only `overlap` pairs (default), or duplicates too. */
  passagesFor?: 'overlap' | 'all';
  /** Documents whose token data phase 2 keeps in memory at once. */
  verifyCacheDocs?: number;
}

export interface ResolvedDedupOptions {
  shingleSize: number;
  numPerm: number;
  seed: number;
  jaccardThreshold: number;
  containmentThreshold: number;
  lshThreshold: number;
  lshWeights: readonly [number, number];
  lshBands: number;
  lshRows: number;
  winnowWindow: number;
  minSharedFingerprints: number;
  minPassageTokens: number;
  minSharedTokens: number;
  maxFingerprintDf: number;
  boilerplateMinDf: number;
  boilerplateShare: number;
  passagesFor: 'overlap' | 'all';
  verifyCacheDocs: number;
}

export const DEFAULT_DEDUP_OPTIONS = {
  shingleSize: 5,
  numPerm: 128,
  seed: 1,
  jaccardThreshold: 0.5,
  containmentThreshold: 0.4,
  lshWeights: [0.5, 0.5] as const,
  winnowWindow: 12,
  minSharedFingerprints: 3,
  minPassageTokens: 8,
  minSharedTokens: 40,
  maxFingerprintDf: 64,
  boilerplateMinDf: 10,
  boilerplateShare: 0.3,
  passagesFor: 'overlap' as const,
  verifyCacheDocs: 4096,
} satisfies Omit<ResolvedDedupOptions, 'lshThreshold' | 'lshBands' | 'lshRows'>;

export class DedupOptionsError extends Error {
  override name = 'DedupOptionsError';
}

const KNOWN = new Set<string>([
  'shingleSize',
  'numPerm',
  'seed',
  'jaccardThreshold',
  'containmentThreshold',
  'lshThreshold',
  'lshWeights',
  'lshBands',
  'lshRows',
  'winnowWindow',
  'minSharedFingerprints',
  'minPassageTokens',
  'minSharedTokens',
  'maxFingerprintDf',
  'boilerplateMinDf',
  'boilerplateShare',
  'passagesFor',
  'verifyCacheDocs',
]);

function int(name: string, v: unknown, min: number, max: number): number {
  if (typeof v !== 'number' || !Number.isInteger(v) || v < min || v > max) {
    throw new DedupOptionsError(`dedup option ${name} must be an integer from ${min} to ${max}, got ${String(v)}`);
  }
  return v;
}

function fraction(name: string, v: unknown, openTop = false): number {
  if (typeof v !== 'number' || !Number.isFinite(v) || v <= 0 || v > 1 || (openTop && v === 1)) {
    throw new DedupOptionsError(`dedup option ${name} must be a number in (0, ${openTop ? '1)' : '1]'}, got ${String(v)}`);
  }
  return v;
}

const bandsCache = new Map<string, { bands: number; rows: number }>();

/** Fill in defaults, check every value, derive LSH bands × rows. Throws `DedupOptionsError`. */
export function resolveDedupOptions(options: DedupOptions | ResolvedDedupOptions = {}): ResolvedDedupOptions {
  if (options === null || typeof options !== 'object') throw new DedupOptionsError('dedup options must be an object');
  for (const key of Object.keys(options)) {
    if (!KNOWN.has(key)) throw new DedupOptionsError(`unknown dedup option "${key}" (known: ${[...KNOWN].join(', ')})`);
  }
  const o = { ...DEFAULT_DEDUP_OPTIONS, ...stripUndefined(options) } as DedupOptions & typeof DEFAULT_DEDUP_OPTIONS;
  const shingleSize = int('shingleSize', o.shingleSize, 1, 32);
  const numPerm = int('numPerm', o.numPerm, 16, 4096);
  const seed = int('seed', o.seed, 0, 0xffffffff);
  const jaccardThreshold = fraction('jaccardThreshold', o.jaccardThreshold);
  const containmentThreshold = fraction('containmentThreshold', o.containmentThreshold);
  const lshThreshold = fraction('lshThreshold', o.lshThreshold ?? Math.min(jaccardThreshold, 0.99), true);
  const w = o.lshWeights;
  if (!Array.isArray(w) || w.length !== 2 || !w.every((x) => typeof x === 'number' && x >= 0 && Number.isFinite(x)) || w[0] + w[1] <= 0) {
    throw new DedupOptionsError(`dedup option lshWeights must be [falsePositiveWeight, falseNegativeWeight], two numbers ≥ 0 with a positive sum`);
  }
  const lshWeights = [w[0], w[1]] as const;
  let lshBands: number;
  let lshRows: number;
  if (o.lshBands !== undefined || o.lshRows !== undefined) {
    if (o.lshBands === undefined || o.lshRows === undefined) {
      throw new DedupOptionsError('dedup options lshBands and lshRows must be given together (or neither, to derive them from lshThreshold)');
    }
    lshBands = int('lshBands', o.lshBands, 1, numPerm);
    lshRows = int('lshRows', o.lshRows, 1, numPerm);
    if (lshBands * lshRows > numPerm) {
      throw new DedupOptionsError(`dedup options lshBands × lshRows (${lshBands} × ${lshRows}) must not exceed numPerm (${numPerm})`);
    }
  } else {
    const key = `${lshThreshold}|${numPerm}|${lshWeights[0]}|${lshWeights[1]}`;
    let br = bandsCache.get(key);
    if (!br) {
      br = chooseBandsRows(lshThreshold, numPerm, lshWeights);
      bandsCache.set(key, br);
    }
    lshBands = br.bands;
    lshRows = br.rows;
  }
  const winnowWindow = int('winnowWindow', o.winnowWindow, 1, 1000);
  const minSharedFingerprints = int('minSharedFingerprints', o.minSharedFingerprints, 1, 1000);
  const minPassageTokens = int('minPassageTokens', o.minPassageTokens, shingleSize, 100000);
  const minSharedTokens = int('minSharedTokens', o.minSharedTokens, minPassageTokens, 1000000);
  const maxFingerprintDf = int('maxFingerprintDf', o.maxFingerprintDf, 2, 1 << 30);
  const boilerplateMinDf = int('boilerplateMinDf', o.boilerplateMinDf, 3, 1 << 30);
  const boilerplateShare = fraction('boilerplateShare', o.boilerplateShare);
  if (o.passagesFor !== 'overlap' && o.passagesFor !== 'all') {
    throw new DedupOptionsError(`dedup option passagesFor must be "overlap" or "all", got ${String(o.passagesFor)}`);
  }
  const verifyCacheDocs = int('verifyCacheDocs', o.verifyCacheDocs, 2, 1 << 24);
  return {
    shingleSize,
    numPerm,
    seed,
    jaccardThreshold,
    containmentThreshold,
    lshThreshold,
    lshWeights,
    lshBands,
    lshRows,
    winnowWindow,
    minSharedFingerprints,
    minPassageTokens,
    minSharedTokens,
    maxFingerprintDf,
    boilerplateMinDf,
    boilerplateShare,
    passagesFor: o.passagesFor,
    verifyCacheDocs,
  };
}

function stripUndefined<T extends object>(o: T): Partial<T> {
  const out: Partial<T> = {};
  for (const [k, v] of Object.entries(o)) if (v !== undefined) (out as Record<string, unknown>)[k] = v;
  return out;
}
