/**
 * Boilerplate by coherence, across batches: the rule of `incoherentGroups` in candidates.ts, applied to the
 * fingerprint groups a batch touched.
 *
 * A fingerprint held by at least `boilerplateMinDf` documents (and at most the cap, beyond which the index marks it
 * by itself) is boilerplate when its documents do not hang together: linking two of them when they share at least
 * `boilerplateShare` × (the smaller fingerprint count) fingerprints, the largest linked set holds less than half of
 * the group. An outlet's header and footer, run by its unrelated articles, fall apart; a wire story run many times
 * holds together. The documents' fingerprints come from this batch, or from the index's token hashes.
 *
 * Once a fingerprint is boilerplate it stays so (the index records it); a group that holds together is checked
 * again the next time a batch adds to it.
 */
import { intersectionSize, sortedHas } from '../hash.js';
import type { ResolvedDedupOptions } from '../options.js';
import type { NearDupIndex } from '../store/types.js';

/**
 * The fingerprints of `watched` whose groups (in the index now) do not hang together. `fingerprintsOf` gives the
 * sorted fingerprints of documents by key.
 */
export async function incoherentFingerprints(
  index: NearDupIndex,
  watched: Uint32Array,
  fingerprintsOf: (keys: number[]) => Promise<Map<number, Uint32Array>>,
  o: ResolvedDedupOptions,
): Promise<Uint32Array> {
  if (watched.length === 0) return new Uint32Array(0);
  const groups = await index.postings(watched);
  const members = new Set<number>();
  for (const g of groups) if (g && g.length >= o.boilerplateMinDf) for (const k of g) members.add(k);
  if (members.size === 0) return new Uint32Array(0);
  const fps = await fingerprintsOf([...members]);
  // fingerprints already known as boilerplate are not shared content
  let all = 0;
  for (const f of fps.values()) all += f.length;
  const flat = new Uint32Array(all);
  let at = 0;
  for (const f of fps.values()) {
    flat.set(f, at);
    at += f.length;
  }
  const common = await index.boilerplate(flat);
  const clean = new Map<number, Uint32Array>();
  for (const [k, f] of fps) clean.set(k, common.length === 0 ? f : f.filter((x) => !sortedHas(common, x)));

  const sharedCache = new Map<number, Map<number, boolean>>();
  const linked = (a: number, b: number): boolean => {
    const lo = Math.min(a, b);
    const hi = Math.max(a, b);
    let m = sharedCache.get(lo);
    if (!m) sharedCache.set(lo, (m = new Map()));
    let v = m.get(hi);
    if (v === undefined) {
      const fa = clean.get(lo);
      const fb = clean.get(hi);
      const na = fps.get(lo)?.length ?? 0;
      const nb = fps.get(hi)?.length ?? 0;
      v = fa !== undefined && fb !== undefined && intersectionSize(fa, fb) >= o.boilerplateShare * Math.min(na, nb);
      m.set(hi, v);
    }
    return v;
  };
  const out: number[] = [];
  const verdict = new Map<string, boolean>();
  for (let x = 0; x < watched.length; x++) {
    const g = groups[x];
    if (!g || g.length < o.boilerplateMinDf) continue;
    // groups of many fingerprints hold the same documents (a story's copies): decide each set of documents once
    const sig = g.join(',');
    let incoherent = verdict.get(sig);
    if (incoherent === undefined) {
      incoherent = 2 * largestLinkedSet(g, linked) < g.length;
      verdict.set(sig, incoherent);
    }
    if (incoherent) out.push(watched[x]!);
  }
  return Uint32Array.from(out).sort();
}

function largestLinkedSet(g: Uint32Array, linked: (a: number, b: number) => boolean): number {
  const n = g.length;
  const parent = Array.from({ length: n }, (_, i) => i);
  const find = (i: number): number => {
    while (parent[i] !== i) {
      parent[i] = parent[parent[i]!]!;
      i = parent[i]!;
    }
    return i;
  };
  for (let i = 0; i < n; i++) {
    for (let j = i + 1; j < n; j++) {
      const ri = find(i);
      const rj = find(j);
      if (ri === rj) continue;
      if (linked(g[i]!, g[j]!)) parent[ri] = rj;
    }
  }
  const size = new Map<number, number>();
  let best = 0;
  for (let i = 0; i < n; i++) {
    const r = find(i);
    const s = (size.get(r) ?? 0) + 1;
    size.set(r, s);
    if (s > best) best = s;
  }
  return best;
}

