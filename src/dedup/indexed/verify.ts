/**
 * Verified pairs with documents whose text is not at hand: an earlier document is known by its token hashes only.
 *
 * The verdict is `verifyPair`'s, with the two documents in the order a run over both would give them (smaller id
 * first), so Jaccard, containment, the kind and the passages' token ranges are those of one run over the union. The
 * pair is then turned so that `a` is this batch's document, whose text the passages are quoted from (the shared
 * tokens are the same in both; only punctuation and case may differ from the earlier document's own words).
 */
import type { ResolvedDedupOptions } from '../options.js';
import { passageText } from '../passages.js';
import { tokenize } from '../tokens.js';
import { verifyPair, type DupPair, type PreparedDoc } from '../verify.js';

function offsets(d: PreparedDoc): { starts: Uint32Array; ends: Uint32Array } {
  if (d.starts === null || d.ends === null) {
    const t = tokenize(d.text, true);
    d.starts = t.starts!;
    d.ends = t.ends!;
  }
  return { starts: d.starts, ends: d.ends };
}

/** Verifies `cur` (with its text) against `prev` (token data only); null when the pair is neither kind. */
export function verifyIndexedPair(cur: PreparedDoc, prev: PreparedDoc, o: ResolvedDedupOptions, common: Uint32Array): DupPair | null {
  if (cur.id <= prev.id) return verifyPair(cur, prev, o, common);
  const p = verifyPair(prev, cur, o, common);
  if (p === null) return null;
  const passages = p.passages.map((x) => {
    const { starts, ends } = offsets(cur);
    return { text: passageText(cur.text, starts[x.b[0]]!, ends[x.b[1] - 1]!), tokens: x.tokens, a: x.b, b: x.a };
  });
  const turned: DupPair = { ...p, a: cur.id, b: prev.id, passages };
  if (p.contained !== undefined) turned.contained = p.contained === 'a' ? 'b' : 'a';
  return turned;
}
