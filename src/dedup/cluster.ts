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

/**
 * The clusters of `canonicalOf` (a `clusterDuplicates` result) as document numbers, for a caller that makes the ids
 * only when they are asked for: cluster y has the members `members[start[y] .. start[y+1])` in id order (by `idRank`,
 * each document's place among the ids: see doc-ids.ts) and the canonical member `canonical[y]`, and the clusters are
 * numbered in the order of their smallest member's id — the order and contents of `clusterDuplicates`'s `clusters`.
 * 4 bytes per document and 8 per cluster, where the `DupCluster` objects hold an id string per member.
 */
export interface NumberedClusters {
  count: number;
  start: Uint32Array;
  members: Uint32Array;
  canonical: Uint32Array;
  /** Per document: its cluster, -1 when it is in none. */
  clusterOf: Int32Array;
}

export function numberedClusters(canonicalOf: Uint32Array, idRank: Uint32Array): NumberedClusters {
  const n = canonicalOf.length;
  // a canonical member is its own canonical, and some other document's
  const isCanonical = new Uint8Array(n);
  for (let x = 0; x < n; x++) if (canonicalOf[x] !== x) isCanonical[canonicalOf[x]!] = 1;
  const byRank = new Uint32Array(n);
  for (let x = 0; x < n; x++) byRank[idRank[x]!] = x;
  // clusters numbered as their members are met in id order: the first met is the smallest
  const clusterOf = new Int32Array(n).fill(-1);
  const numberOfCanonical = new Int32Array(n).fill(-1);
  const canonical: number[] = [];
  let inClusters = 0;
  for (let r = 0; r < n; r++) {
    const x = byRank[r]!;
    const c = canonicalOf[x]!;
    if (c === x && !isCanonical[x]) continue;
    if (numberOfCanonical[c]! < 0) numberOfCanonical[c] = canonical.push(c) - 1;
    clusterOf[x] = numberOfCanonical[c]!;
    inClusters++;
  }
  const count = canonical.length;
  const start = new Uint32Array(count + 1);
  for (let x = 0; x < n; x++) if (clusterOf[x]! >= 0) start[clusterOf[x]! + 1]!++;
  for (let y = 0; y < count; y++) start[y + 1]! += start[y]!;
  const members = new Uint32Array(inClusters);
  const at = start.slice(0, count);
  for (let r = 0; r < n; r++) {
    const x = byRank[r]!;
    const y = clusterOf[x]!;
    if (y >= 0) members[at[y]!++] = x;
  }
  return { count, start, members, canonical: Uint32Array.from(canonical), clusterOf };
}
