/**
 * Phase 1 per document: text → tokens → shingles → a compact sketch.
 *
 * A sketch holds the MinHash signature (numPerm × 4 bytes), the winnowed fingerprints
 * (sorted, distinct; about 2/(w+1) per shingle, 4 bytes each) and two lengths. It is
 * made of typed arrays only, so it can be sent from a worker thread without copying.
 * `sketchBatch` packs many sketches into five arrays (one transfer per batch).
 */
import { shingleHashes } from './hash.js';
import { createMinHasher, type MinHasher } from './minhash.js';
import { resolveDedupOptions, type DedupOptions, type ResolvedDedupOptions } from './options.js';
import { tokenize } from './tokens.js';
import { winnowHashes } from './winnow.js';

/** The parameters a sketch was made with; sketches are only comparable when they match. */
export interface SketchParams {
  numPerm: number;
  seed: number;
  shingleSize: number;
  winnowWindow: number;
}

export interface DocSketch extends SketchParams {
  /** Number of tokens in the text. */
  tokens: number;
  /** Number of shingle positions (tokens − k + 1, or 1 for a short non-empty text). */
  shingles: number;
  /** MinHash signature, `numPerm` values. */
  signature: Uint32Array;
  /** Winnowed fingerprint hashes, sorted and distinct. */
  fingerprints: Uint32Array;
}

/** Many sketches in five arrays: document i's fingerprints are fingerprints[fpOffsets[i] .. fpOffsets[i+1]). */
export interface SketchBatch extends SketchParams {
  count: number;
  tokens: Uint32Array;
  shingles: Uint32Array;
  signatures: Uint32Array;
  fpOffsets: Uint32Array;
  fingerprints: Uint32Array;
}

export interface Sketcher {
  readonly options: ResolvedDedupOptions;
  sketch(text: string): DocSketch;
  /** The sketch, and the text's token hashes (`tokenize(text).hashes`), which a verifier can be given with the text. */
  sketchWithTokens(text: string): { sketch: DocSketch; tokens: Uint32Array };
  sketchBatch(texts: readonly string[]): SketchBatch;
}

export function sketchParams(o: ResolvedDedupOptions): SketchParams {
  return { numPerm: o.numPerm, seed: o.seed, shingleSize: o.shingleSize, winnowWindow: o.winnowWindow };
}

export function createSketcher(options: DedupOptions | ResolvedDedupOptions = {}): Sketcher {
  const o = resolveDedupOptions(options);
  const params = sketchParams(o);
  const hasher: MinHasher = createMinHasher({ numPerm: o.numPerm, seed: o.seed });

  const parts = (text: string, sigOut?: Uint32Array) => {
    const tok = tokenize(text).hashes;
    const sh = shingleHashes(tok, o.shingleSize);
    const signature = hasher.signature(sh, sigOut);
    const fingerprints = winnowHashes(sh, o.winnowWindow);
    return { tokens: tok.length, shingles: sh.length, signature, fingerprints, hashes: tok };
  };

  return {
    options: o,
    sketch(text: string): DocSketch {
      const { tokens, shingles, signature, fingerprints } = parts(text);
      return { ...params, tokens, shingles, signature, fingerprints };
    },
    sketchWithTokens(text: string): { sketch: DocSketch; tokens: Uint32Array } {
      const { tokens, shingles, signature, fingerprints, hashes } = parts(text);
      return { sketch: { ...params, tokens, shingles, signature, fingerprints }, tokens: hashes };
    },
    sketchBatch(texts: readonly string[]): SketchBatch {
      const count = texts.length;
      const tokens = new Uint32Array(count);
      const shingles = new Uint32Array(count);
      const signatures = new Uint32Array(count * o.numPerm);
      const fpOffsets = new Uint32Array(count + 1);
      const fps: Uint32Array[] = [];
      let total = 0;
      for (let i = 0; i < count; i++) {
        const p = parts(texts[i]!, signatures.subarray(i * o.numPerm, (i + 1) * o.numPerm));
        tokens[i] = p.tokens;
        shingles[i] = p.shingles;
        fps.push(p.fingerprints);
        total += p.fingerprints.length;
        fpOffsets[i + 1] = total;
      }
      const fingerprints = new Uint32Array(total);
      for (let i = 0; i < count; i++) fingerprints.set(fps[i]!, fpOffsets[i]!);
      return { ...params, count, tokens, shingles, signatures, fpOffsets, fingerprints };
    },
  };
}

/** Sketch one text (phase 1). Options are resolved on every call: use `createSketcher` in loops. */
export function sketch(text: string, options: DedupOptions | ResolvedDedupOptions = {}): DocSketch {
  return createSketcher(options).sketch(text);
}

/** Sketch i of a batch, as views into the batch's arrays (no copy). */
export function sketchAt(batch: SketchBatch, i: number): DocSketch {
  const { numPerm, seed, shingleSize, winnowWindow } = batch;
  return {
    numPerm,
    seed,
    shingleSize,
    winnowWindow,
    tokens: batch.tokens[i]!,
    shingles: batch.shingles[i]!,
    signature: batch.signatures.subarray(i * numPerm, (i + 1) * numPerm),
    fingerprints: batch.fingerprints.subarray(batch.fpOffsets[i]!, batch.fpOffsets[i + 1]!),
  };
}

/** The buffers to list in `postMessage(batch, transferList)`. */
export function batchTransferList(batch: SketchBatch): ArrayBuffer[] {
  return [batch.tokens, batch.shingles, batch.signatures, batch.fpOffsets, batch.fingerprints].map(
    (a) => a.buffer as ArrayBuffer,
  );
}

/** Bytes of the retained arrays of one sketch. */
export function sketchBytes(s: DocSketch): number {
  return s.signature.byteLength + s.fingerprints.byteLength + 8;
}
