/**
 * Clusters: union-find over verified `duplicate` pairs only (never over raw LSH buckets
 * or overlaps), so every cluster is connected by checked duplicate edges.
 *
 * Each cluster has a canonical member; the others get `duplicate_of: <canonical id>`.
 * Default rule (`defaultCanonicalCompare`), first difference wins:
 *   1. most complete metadata (rank.completeness, higher first; missing = 0);
 *   2. earliest date (rank.date; a document without a date comes after dated ones);
 *   3. longest body (rank.length, default the token count);
 *   4. smallest id (code-unit order).
 * Callers feed the rule through each document's `rank`, or replace it with `compare`.
 */
import type { CandidateSet } from './candidates.js';

export interface DupCluster {
  /** The cluster's name: its smallest member id (stable when ranks change). */
  id: string;
  canonical: string;
  /** Member ids sorted, the canonical one included. */
  members: string[];
}

export interface RankedDoc {
  id: string;
  completeness: number;
  /** Epoch milliseconds, NaN when unknown. */
  date: number;
  length: number;
}

/** Negative when `a` is the better canonical member. */
export type CanonicalCompare = (a: RankedDoc, b: RankedDoc) => number;

export const defaultCanonicalCompare: CanonicalCompare = (a, b) => {
  if (a.completeness !== b.completeness) return b.completeness - a.completeness;
  const an = Number.isNaN(a.date);
  const bn = Number.isNaN(b.date);
  if (an !== bn) return an ? 1 : -1;
  if (!an && a.date !== b.date) return a.date - b.date;
  if (a.length !== b.length) return b.length - a.length;
  return a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
};

export interface ClusterResult {
  clusters: DupCluster[];
  /** Canonical id of every non-canonical member of a cluster. */
  duplicateOf: Map<string, string>;
  /** Per internal document number: its canonical document number (itself when canonical or unclustered). */
  canonicalOf: Uint32Array;
}

function find(parent: Uint32Array, x: number): number {
  while (parent[x] !== x) {
    parent[x] = parent[parent[x]!]!;
    x = parent[x]!;
  }
  return x;
}

export function clusterDuplicates(
  cands: Pick<CandidateSet, 'ids' | 'completeness' | 'date' | 'length'>,
  edges: { a: Uint32Array; b: Uint32Array },
  compare: CanonicalCompare = defaultCanonicalCompare,
  options: { materialize?: boolean } = {},
): ClusterResult {
  const n = cands.ids.length;
  const parent = new Uint32Array(n);
  for (let i = 0; i < n; i++) parent[i] = i;
  for (let e = 0; e < edges.a.length; e++) {
    const ra = find(parent, edges.a[e]!);
    const rb = find(parent, edges.b[e]!);
    if (ra !== rb) parent[ra < rb ? rb : ra] = ra < rb ? ra : rb;
  }
  const ranked = (i: number): RankedDoc => ({
    id: cands.ids[i]!,
    completeness: cands.completeness[i]!,
    date: cands.date[i]!,
    length: cands.length[i]!,
  });
  // Best member per root.
  const best = new Uint32Array(n);
  for (let i = 0; i < n; i++) best[i] = i;
  const inCluster = new Uint8Array(n);
  for (let e = 0; e < edges.a.length; e++) {
    inCluster[edges.a[e]!] = 1;
    inCluster[edges.b[e]!] = 1;
  }
  for (let i = 0; i < n; i++) {
    if (!inCluster[i]) continue;
    const r = find(parent, i);
    if (r !== i && compare(ranked(i), ranked(best[r]!)) < 0) best[r] = i;
  }
  const canonicalOf = new Uint32Array(n);
  for (let i = 0; i < n; i++) canonicalOf[i] = inCluster[i] ? best[find(parent, i)]! : i;

  const clusters: DupCluster[] = [];
  const duplicateOf = new Map<string, string>();
  if (options.materialize !== false) {
    const members = new Map<number, string[]>();
    for (let i = 0; i < n; i++) {
      if (!inCluster[i]) continue;
      const r = find(parent, i);
      let list = members.get(r);
      if (!list) members.set(r, (list = []));
      list.push(cands.ids[i]!);
      if (canonicalOf[i] !== i) duplicateOf.set(cands.ids[i]!, cands.ids[canonicalOf[i]!]!);
    }
    for (const [r, list] of members) {
      list.sort((x, y) => (x < y ? -1 : x > y ? 1 : 0));
      clusters.push({ id: list[0]!, canonical: cands.ids[best[r]!]!, members: list });
    }
    clusters.sort((x, y) => (x.id < y.id ? -1 : x.id > y.id ? 1 : 0));
  }
  return { clusters, duplicateOf, canonicalOf };
}
