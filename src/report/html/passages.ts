/**
 * The shared passages of a pair as character ranges in the two cleaned bodies, for the side-by-side view. The run
 * reports passages (as word ranges) for overlaps only; for a duplicate they are found again here, with the same
 * verifier asked for passages of every pair. Pure (each body's tokens are kept in a cache, as a pair's documents
 * usually have other pairs too).
 */
import { prepareDoc, tokenize, verifyPair, type DupPair, type PreparedDoc, type ResolvedDedupOptions, type Tokens } from '../../dedup/index.js';

/** Flat [aStart, aEnd, bStart, bEnd, …] character ranges, one quadruple per passage, in the order of `a`. */
export type PassageRanges = number[];

export class PassageFinder {
  private readonly prepared = new Map<string, PreparedDoc>();
  private readonly tokens = new Map<string, Tokens>();
  private readonly options: ResolvedDedupOptions;

  constructor(options: ResolvedDedupOptions) {
    this.options = { ...options, passagesFor: 'all' };
  }

  private prep(id: string, body: string): PreparedDoc {
    let p = this.prepared.get(id);
    if (!p) {
      // the token offsets are known already: the verifier need not tokenize the text again for a passage
      const t = this.tok(id, body);
      p = prepareDoc(id, body, this.options, t.hashes);
      p.starts = t.starts!;
      p.ends = t.ends!;
      this.prepared.set(id, p);
    }
    return p;
  }

  private tok(id: string, body: string): Tokens {
    let t = this.tokens.get(id);
    if (!t) this.tokens.set(id, (t = tokenize(body, true)));
    return t;
  }

  /** The passages' word ranges: the pair's own, or (a duplicate's, which the run leaves out) verified again. */
  private wordRanges(pair: DupPair, bodyA: string, bodyB: string): Array<[number, number, number, number]> {
    if (pair.passages.length > 0) return pair.passages.map((p) => [p.a[0], p.a[1], p.b[0], p.b[1]]);
    const again = verifyPair(this.prep(pair.a, bodyA), this.prep(pair.b, bodyB), this.options);
    return (again?.passages ?? []).map((p) => [p.a[0], p.a[1], p.b[0], p.b[1]]);
  }

  ranges(pair: DupPair, bodyA: string, bodyB: string): PassageRanges {
    const words = this.wordRanges(pair, bodyA, bodyB);
    if (words.length === 0) return [];
    const ta = this.tok(pair.a, bodyA);
    const tb = this.tok(pair.b, bodyB);
    const out: PassageRanges = [];
    words.sort((x, y) => x[0] - y[0]);
    for (const [a0, a1, b0, b1] of words) {
      // word ranges outside the texts (bodies that are not the run's) are left out rather than guessed
      if (a1 > ta.hashes.length || b1 > tb.hashes.length || a1 <= a0 || b1 <= b0) continue;
      out.push(ta.starts![a0]!, ta.ends![a1 - 1]!, tb.starts![b0]!, tb.ends![b1 - 1]!);
    }
    return out;
  }
}
