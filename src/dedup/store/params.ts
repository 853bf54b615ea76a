/**
 * The parameters an index is built with, recorded when it is created and compared on every open: band keys,
 * fingerprints, token hashes and cluster links made with other values cannot be mixed with them, so an index opened
 * with different settings is refused with an `IndexConfigError` (a usage error: exit code 2 in the CLI).
 */
import { ConfigError } from '../../errors.js';
import type { ResolvedDedupOptions } from '../options.js';

/** Bumped when the tokenizer or the shingle, MinHash, band or winnowing hashes change what they give. */
export const TOKENIZER_VERSION = 1;
/** Layout of what the index stores (records, segments, Redis keys). */
export const INDEX_FORMAT = 1;

export interface IndexParams {
  format: number;
  tokenizer: number;
  shingleSize: number;
  numPerm: number;
  seed: number;
  lshBands: number;
  lshRows: number;
  winnowWindow: number;
  maxFingerprintDf: number;
  boilerplateMinDf: number;
  boilerplateShare: number;
  minSharedFingerprints: number;
  jaccardThreshold: number;
  containmentThreshold: number;
  minPassageTokens: number;
  minSharedTokens: number;
}

/** The keys compared on open, in the order a message lists them. */
const KEYS: ReadonlyArray<keyof IndexParams> = [
  'format',
  'tokenizer',
  'shingleSize',
  'numPerm',
  'seed',
  'lshBands',
  'lshRows',
  'winnowWindow',
  'maxFingerprintDf',
  'boilerplateMinDf',
  'boilerplateShare',
  'minSharedFingerprints',
  'jaccardThreshold',
  'containmentThreshold',
  'minPassageTokens',
  'minSharedTokens',
];

/** Dedup option names for the keys a user can set (format and tokenizer are not options). */
const OPTION_OF: Partial<Record<keyof IndexParams, string>> = {
  lshBands: 'lshBands/lshThreshold',
  lshRows: 'lshRows/lshThreshold',
};

export class IndexConfigError extends ConfigError {
  override name = 'IndexConfigError';
}

export function indexParams(o: ResolvedDedupOptions): IndexParams {
  return {
    format: INDEX_FORMAT,
    tokenizer: TOKENIZER_VERSION,
    shingleSize: o.shingleSize,
    numPerm: o.numPerm,
    seed: o.seed,
    lshBands: o.lshBands,
    lshRows: o.lshRows,
    winnowWindow: o.winnowWindow,
    maxFingerprintDf: o.maxFingerprintDf,
    boilerplateMinDf: o.boilerplateMinDf,
    boilerplateShare: o.boilerplateShare,
    minSharedFingerprints: o.minSharedFingerprints,
    jaccardThreshold: o.jaccardThreshold,
    containmentThreshold: o.containmentThreshold,
    minPassageTokens: o.minPassageTokens,
    minSharedTokens: o.minSharedTokens,
  };
}

/** Parses recorded parameters (JSON text or an object); an `IndexConfigError` when they are not an index's. */
export function parseParams(raw: unknown, where: string): IndexParams {
  let v: unknown = raw;
  if (typeof raw === 'string') {
    try {
      v = JSON.parse(raw);
    } catch {
      throw new IndexConfigError(`${where}: the recorded index parameters are not JSON`);
    }
  }
  if (v === null || typeof v !== 'object') throw new IndexConfigError(`${where}: no index parameters recorded`);
  const out = {} as Record<string, number>;
  for (const k of KEYS) {
    const x = (v as Record<string, unknown>)[k];
    if (typeof x !== 'number' || !Number.isFinite(x)) throw new IndexConfigError(`${where}: the recorded index parameters lack ${k}`);
    out[k] = x;
  }
  return out as unknown as IndexParams;
}

/**
 * Throws an `IndexConfigError` naming every parameter that differs, when `wanted` (this run's) cannot use an index
 * made with `stored`.
 */
export function checkCompatible(stored: IndexParams, wanted: IndexParams, where: string): void {
  const diffs = KEYS.filter((k) => stored[k] !== wanted[k]).map((k) => `${OPTION_OF[k] ?? k} ${stored[k]} (this run: ${wanted[k]})`);
  if (diffs.length === 0) return;
  if (stored.format !== wanted.format || stored.tokenizer !== wanted.tokenizer) {
    throw new IndexConfigError(
      `${where} was made by another version of newsclean (${diffs.join(', ')}); build a new index from the cleaned files`,
    );
  }
  throw new IndexConfigError(
    `${where} was built with other near-duplicate settings: ${diffs.join(', ')}. ` +
      `Run with the settings it was built with, or use a new index`,
  );
}
