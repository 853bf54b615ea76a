/**
 * The shared passages of a pair as character ranges in the two cleaned bodies, for the side-by-side view. The run
 * reports passages (as word ranges) for overlaps only; for a duplicate they are found again here, with the same
 * verifier asked for passages of every pair. Pure.
 */
import { prepareDoc, tokenize, verifyPair, type DupPair, type ResolvedDedupOptions } from '../../dedup/index.js';

/** Flat [aStart, aEnd, bStart, bEnd, …] character ranges, one quadruple per passage, in the order of `a`. */
export type PassageRanges = number[];

/** The passages' word ranges: the pair's own, or (a duplicate's, which the run leaves out) verified again. */
function wordRanges(pair: DupPair, bodyA: string, bodyB: string, options: ResolvedDedupOptions): Array<[number, number, number, number]> {
  if (pair.passages.length > 0) return pair.passages.map((p) => [p.a[0], p.a[1], p.b[0], p.b[1]]);
  const again = verifyPair(prepareDoc(pair.a, bodyA, options), prepareDoc(pair.b, bodyB, options), { ...options, passagesFor: 'all' });
  return (again?.passages ?? []).map((p) => [p.a[0], p.a[1], p.b[0], p.b[1]]);
}

export function passageRanges(pair: DupPair, bodyA: string, bodyB: string, options: ResolvedDedupOptions): PassageRanges {
  const words = wordRanges(pair, bodyA, bodyB, options);
  if (words.length === 0) return [];
  const ta = tokenize(bodyA, true);
  const tb = tokenize(bodyB, true);
  const out: PassageRanges = [];
  words.sort((x, y) => x[0] - y[0]);
  for (const [a0, a1, b0, b1] of words) {
    // word ranges outside the texts (bodies that are not the run's) are left out rather than guessed
    if (a1 > ta.hashes.length || b1 > tb.hashes.length || a1 <= a0 || b1 <= b0) continue;
    out.push(ta.starts![a0]!, ta.ends![a1 - 1]!, tb.starts![b0]!, tb.ends![b1 - 1]!);
  }
  return out;
}
