/**
 * Maximal shared runs of shingles between two documents, and the passage text.
 *
 * A run is a diagonal (i, j, t): shingles A[i..i+t) equal B[j..j+t), not extendable
 * either way. It covers t + k − 1 tokens in each document. Runs are found with a
 * position table of B's shingles, and only started where the previous shingles differ,
 * so the work is linear in the lengths plus the matched shingles.
 */
import { markupRanges } from './tokens.js';

/** Shingle positions in a document, by hash: an open-addressing table over typed arrays. */
export interface PositionTable {
  mask: number;
  keys: Uint32Array;
  /** First position (+1) for each slot; 0 = empty slot. */
  heads: Int32Array;
  /** Next position (+1) with the same hash; 0 = end. */
  next: Int32Array;
  /** 1 at each position whose hash occurs more than once in the document. */
  repeated: Uint8Array;
}

export function buildPositionTable(shingles: Uint32Array): PositionTable {
  let size = 16;
  while (size < shingles.length * 2) size <<= 1;
  const mask = size - 1;
  const keys = new Uint32Array(size);
  const heads = new Int32Array(size);
  const next = new Int32Array(shingles.length);
  const repeated = new Uint8Array(shingles.length);
  // Insert from the end so each chain lists positions in ascending order.
  for (let p = shingles.length - 1; p >= 0; p--) {
    const h = shingles[p]!;
    let s = (h ^ (h >>> 15)) & mask;
    while (heads[s] !== 0 && keys[s] !== h) s = (s + 1) & mask;
    keys[s] = h;
    const head = heads[s]!;
    if (head !== 0) repeated[p] = repeated[head - 1] = 1;
    next[p] = head;
    heads[s] = p + 1;
  }
  return { mask, keys, heads, next, repeated };
}

function firstPosition(t: PositionTable, h: number): number {
  let s = (h ^ (h >>> 15)) & t.mask;
  for (;;) {
    const head = t.heads[s]!;
    if (head === 0) return 0;
    if (t.keys[s] === h) return head;
    s = (s + 1) & t.mask;
  }
}

/** A shingle that occurs more often than this in one document is followed only this far. */
const MAX_CHAIN = 64;

/**
 * Maximal common runs between A and B, as a flat array [i0, j0, t0, i1, j1, t1, …]
 * (shingle positions and run lengths in shingles).
 */
export function commonRuns(sa: Uint32Array, sb: Uint32Array, tb: PositionTable): number[] {
  const runs: number[] = [];
  const na = sa.length;
  const nb = sb.length;
  const repeated = tb.repeated;
  for (let i = 0; i < na; i++) {
    const h = sa[i]!;
    let p = firstPosition(tb, h);
    let chain = 0;
    // Where the rest of a run (after its first shingle) holds only shingles that occur once in B, each of its later
    // positions matches only on this diagonal, inside the run: the scan goes on after its end.
    let skip = 0;
    while (p !== 0 && chain++ < MAX_CHAIN) {
      const j = p - 1;
      p = tb.next[j]!;
      if (i > 0 && j > 0 && sa[i - 1] === sb[j - 1]) continue; // inside a run already found
      let t = 1;
      let once = true;
      while (i + t < na && j + t < nb && sa[i + t] === sb[j + t]) {
        if (repeated[j + t] !== 0) once = false;
        t++;
      }
      runs.push(i, j, t);
      if (once && t - 1 > skip) skip = t - 1;
    }
    i += skip;
  }
  return runs;
}

/**
 * Scratch space of alignRuns, grown as needed: sort keys, kept runs, and per-token marks of the ranges taken in A and
 * in B. A mark is taken when it equals the call's stamp, so the marks need no clearing between calls.
 */
let keyScratch = new Float64Array(64);
let keptScratch = new Float64Array(64);
let usedA = new Uint32Array(1024);
let usedB = new Uint32Array(1024);
let stamp = 0;

/**
 * A one-to-one alignment of runs: longest first, each kept only if its token ranges
 * in A and in B are still free. Returns kept runs as [i, j, t] triples sorted by i.
 */
export function alignRuns(
  runs: number[],
  k: number,
  tokensA: number,
  tokensB: number,
  minShingles: number,
): number[] {
  const total = runs.length / 3;
  if (keyScratch.length < total) {
    keyScratch = new Float64Array(total * 2);
    keptScratch = new Float64Array(total * 2);
  }
  // Sort keys: length (descending) then run number (ascending), packed in one float.
  const keys = keyScratch;
  let m = 0;
  for (let r = 0; r < total; r++) {
    const t = runs[r * 3 + 2]!;
    if (t >= minShingles) keys[m++] = (0x100000 - t) * 0x100000 + r;
  }
  if (m === 0) return [];
  sortPrefix(keys, m);
  if (usedA.length < tokensA) usedA = new Uint32Array(tokensA * 2);
  if (usedB.length < tokensB) usedB = new Uint32Array(tokensB * 2);
  if (++stamp === 0x100000000) {
    usedA.fill(0);
    usedB.fill(0);
    stamp = 1;
  }
  const s = stamp;
  const ua = usedA;
  const ub = usedB;
  const kept = keptScratch;
  let nk = 0;
  for (let x = 0; x < m; x++) {
    const r = keys[x]! % 0x100000;
    const i = runs[r * 3]!;
    const j = runs[r * 3 + 1]!;
    const tok = runs[r * 3 + 2]! + k - 1;
    // Every run kept so far is at least as long as this one, so any clash with one
    // covers this run's first or last token (in A or in B).
    if (ua[i] === s || ub[j] === s || ua[i + tok - 1] === s || ub[j + tok - 1] === s) continue;
    ua.fill(s, i, i + tok);
    ub.fill(s, j, j + tok);
    kept[nk++] = i * 0x100000 + r;
  }
  sortPrefix(kept, nk);
  const outRuns: number[] = new Array(nk * 3);
  for (let x = 0; x < nk; x++) {
    const r = kept[x]! % 0x100000;
    outRuns[x * 3] = runs[r * 3]!;
    outRuns[x * 3 + 1] = runs[r * 3 + 1]!;
    outRuns[x * 3 + 2] = runs[r * 3 + 2]!;
  }
  return outRuns;
}

/** Sorts a[0 .. n) ascending: by insertion for the few runs most pairs have, else by the typed array's sort. */
function sortPrefix(a: Float64Array, n: number): void {
  if (n > 24) {
    a.subarray(0, n).sort();
    return;
  }
  for (let x = 1; x < n; x++) {
    const v = a[x]!;
    let y = x - 1;
    while (y >= 0 && a[y]! > v) {
      a[y + 1] = a[y]!;
      y--;
    }
    a[y + 1] = v;
  }
}

/**
 * The words of `text` between two char offsets, readable: markup dropped (link
 * targets, tags, list markers), heading and quote marks removed, white space folded.
 */
export function passageText(text: string, start: number, end: number): string {
  const raw = text.slice(start, end);
  const mask = markupRanges(raw);
  let out = '';
  let at = 0;
  for (let m = 0; m < mask.length; m += 2) {
    if (mask[m]! < at) continue;
    out += raw.slice(at, mask[m]!) + ' ';
    at = mask[m + 1]!;
  }
  out += raw.slice(at);
  return out
    .replace(/^[ \t]*(?:#{1,6}|>)[ \t]*/gm, '')
    .replace(/\*\*|__|`/g, '')
    .replace(/\s+/g, ' ')
    .trim();
}
