// Interim all-pairs detector; replaced by the MinHash/LSH + winnowing implementation of the dedup module.
export interface DupPair { a: string; b: string; kind: 'duplicate' | 'overlap'; jaccard: number; containment: number; contained?: 'a' | 'b'; sharedTokens: number; passages: Array<{ text: string; tokens: number; a: [number, number]; b: [number, number] }> }
export interface DupCluster { id: string; canonical: string; members: string[] }
export interface DedupOptions { shingleSize: number; jaccardThreshold: number; containmentThreshold: number; minSharedTokens: number }
export const defaultDedupOptions: DedupOptions = { shingleSize: 5, jaccardThreshold: 0.5, containmentThreshold: 0.8, minSharedTokens: 20 };
export interface DedupInput { id: string; text: string; rank?: { completeness?: number; date?: string; length?: number } }

function shingles(text: string, k: number): Set<string> {
  const toks = text.toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? [];
  const s = new Set<string>();
  for (let i = 0; i + k <= toks.length; i++) s.add(toks.slice(i, i + k).join(' '));
  return s;
}

export function findNearDuplicates(docs: DedupInput[], options: Partial<DedupOptions> = {}): { pairs: DupPair[]; clusters: DupCluster[]; stats: Record<string, number> } {
  const o = { ...defaultDedupOptions, ...options };
  const sets = docs.map((d) => shingles(d.text, o.shingleSize));
  const pairs: DupPair[] = [];
  for (let i = 0; i < docs.length; i++) {
    for (let j = i + 1; j < docs.length; j++) {
      const A = sets[i]!;
      const B = sets[j]!;
      let inter = 0;
      for (const x of A) if (B.has(x)) inter++;
      if (inter === 0) continue;
      const jac = inter / (A.size + B.size - inter);
      const con = inter / Math.min(A.size, B.size);
      const [a, b] = [docs[i]!.id, docs[j]!.id].sort();
      if (jac >= o.jaccardThreshold || con >= o.containmentThreshold) pairs.push({ a: a!, b: b!, kind: 'duplicate', jaccard: +jac.toFixed(4), containment: +con.toFixed(4), sharedTokens: inter, passages: [] });
      else if (inter >= o.minSharedTokens) pairs.push({ a: a!, b: b!, kind: 'overlap', jaccard: +jac.toFixed(4), containment: +con.toFixed(4), sharedTokens: inter, passages: [] });
    }
  }
  pairs.sort((x, y) => (x.a < y.a ? -1 : x.a > y.a ? 1 : x.b < y.b ? -1 : x.b > y.b ? 1 : 0));
  return { pairs, clusters: [], stats: { documents: docs.length } };
}
