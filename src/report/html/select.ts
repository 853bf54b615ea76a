/**
 * What the report embeds texts for when it cannot embed them all. Every document and pair is always listed with its
 * figures; the texts of the side-by-side views are embedded in this order of priority until the budget is spent:
 *   1. the files where each rule removed most (the cleaning section's table),
 *   2. pairs to judge: the least similar pair of each cluster (largest clusters first), the pairs closest to a
 *      threshold, and overlaps, taken in turn,
 *   3. files that failed with their text readable (`no-article`, `bad-front-matter`, `timeout` …),
 *   4. every other file, in input order.
 * Pure: it only orders; `sources.ts` reads and cleans the files again in this order while the budget lasts.
 */
import type { RunReport } from '../../run/index.js';

export interface EmbedLimits {
  /** Characters of input and Markdown text embedded for side-by-side views, over all documents. */
  textBudget: number;
  /** Characters of one input embedded at most (the rest is cut, and the view says so). */
  inputCap: number;
  /** Pairs whose texts are embedded for their own sake (chosen as in this module's comment), at most. */
  pairCap: number;
  /** Pairs embedded with their shared passages, at most (also those whose texts are embedded for another reason). */
  passageCap: number;
  /** Characters of removal records (the `--explain` list) embedded, over all documents. */
  explainBudget: number;
  /** Files listed per rule among the files where it removed most. */
  topPerRule: number;
  /** Failed files whose input is embedded, at most. */
  failedCap: number;
}

export const DEFAULT_LIMITS: Readonly<EmbedLimits> = Object.freeze({
  textBudget: 20_000_000,
  inputCap: 200_000,
  pairCap: 2_000,
  passageCap: 20_000,
  explainBudget: 32_000_000,
  topPerRule: 10,
  failedCap: 200,
});

/** Error codes whose input is text worth showing (the others are binary, missing or too large). */
const READABLE_ERRORS = new Set(['no-article', 'bad-front-matter', 'timeout', 'too-deep', 'internal']);

export interface RuleTop {
  /** Document index, removals by the rule, characters of their recorded texts. */
  rows: Array<[doc: number, count: number, chars: number]>;
}

/** Per rule id: the documents where it removed most (by number of removals, then characters). */
export function topFilesPerRule(report: RunReport, perRule: number): Map<string, RuleTop> {
  const per = new Map<string, Array<[number, number, number]>>();
  report.documents.forEach((d, i) => {
    if (d.removed.length === 0) return;
    const mine = new Map<string, [number, number]>();
    for (const r of d.removed) {
      const m = mine.get(r.id) ?? [0, 0];
      m[0]++;
      m[1] += r.text.length;
      mine.set(r.id, m);
    }
    for (const [id, [count, chars]] of mine) {
      let rows = per.get(id);
      if (!rows) per.set(id, (rows = []));
      rows.push([i, count, chars]);
    }
  });
  const out = new Map<string, RuleTop>();
  for (const [id, rows] of per) {
    rows.sort((x, y) => y[1] - x[1] || y[2] - x[2] || x[0] - y[0]);
    out.set(id, { rows: rows.slice(0, perRule) });
  }
  return out;
}

/** Pairs in the order their texts are embedded (indices into report.pairs), at most `cap`. */
export function pairOrder(report: RunReport, thresholds: { jaccard: number; containment: number } | null, cap: number): number[] {
  const n = report.pairs.length;
  if (n <= cap) return Array.from({ length: n }, (_, i) => i);
  const index = new Map<string, number>();
  report.documents.forEach((d, i) => index.set(d.input, i));
  // the least similar pair inside each cluster, largest clusters first
  const clusterOf = new Map<string, number>();
  const bySize = report.clusters.map((c, i) => [i, c.members.length] as const).sort((x, y) => y[1] - x[1] || x[0] - y[0]);
  bySize.forEach(([c], rank) => {
    for (const m of report.clusters[c]!.members) clusterOf.set(m, rank);
  });
  const weakest = new Map<number, number>();
  report.pairs.forEach((p, i) => {
    if (p.kind !== 'duplicate') return;
    const c = clusterOf.get(p.a);
    if (c === undefined) return;
    const w = weakest.get(c);
    if (w === undefined || p.jaccard < report.pairs[w]!.jaccard) weakest.set(c, i);
  });
  const clusterPairs = [...weakest].sort((x, y) => x[0] - y[0]).map(([, i]) => i);
  // closest to a threshold (Jaccard, or containment for a duplicate that is one by containment)
  const t = thresholds ?? { jaccard: 0.5, containment: 0.4 };
  const near = Array.from({ length: n }, (_, i) => i);
  const distance = (i: number): number => {
    const p = report.pairs[i]!;
    return Math.min(Math.abs(p.jaccard - t.jaccard), Math.abs(p.containment - t.containment));
  };
  const dist = new Float64Array(n);
  for (let i = 0; i < n; i++) dist[i] = distance(i);
  near.sort((x, y) => dist[x]! - dist[y]! || x - y);
  const overlaps: number[] = [];
  for (let i = 0; i < n && overlaps.length < cap; i++) if (report.pairs[i]!.kind === 'overlap') overlaps.push(i);
  const lists = [clusterPairs, near, overlaps];
  const at = [0, 0, 0];
  const seen = new Set<number>();
  const out: number[] = [];
  while (out.length < cap && lists.some((l, k) => at[k]! < l.length)) {
    for (let k = 0; k < lists.length && out.length < cap; k++) {
      const l = lists[k]!;
      while (at[k]! < l.length) {
        const i = l[at[k]!++]!;
        if (!seen.has(i)) {
          seen.add(i);
          out.push(i);
          break;
        }
      }
    }
  }
  return out;
}

/** Documents in the order their texts are embedded (before the pairs' documents, which `sources.ts` interleaves). */
export function documentOrder(report: RunReport, tops: Map<string, RuleTop>, failedCap: number): { first: number[]; failed: number[]; rest: number[] } {
  const first: number[] = [];
  const seen = new Set<number>();
  for (const { rows } of tops.values()) {
    for (const [d] of rows) {
      if (!seen.has(d)) {
        seen.add(d);
        first.push(d);
      }
    }
  }
  const failed: number[] = [];
  const rest: number[] = [];
  report.documents.forEach((d, i) => {
    if (seen.has(i)) return;
    if (d.status === 'skipped') return;
    if (d.error) {
      if (READABLE_ERRORS.has(d.error.code) && failed.length < failedCap) failed.push(i);
      return;
    }
    rest.push(i);
  });
  return { first, failed, rest };
}
