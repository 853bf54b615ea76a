/**
 * Stage 7, report: the run's answer, from the documents, the verdicts and what the sink removed. Counts are taken
 * here, once (from each document's status, without reading its entry back), so every reporter (terminal, JSON,
 * JSONL, HTML) says the same.
 */
import type { DupCluster } from '../../dedup/index.js';
import type { Skipped } from '../walk.js';
import type { RunPair, RunReport } from '../types.js';
import type { Documents } from './documents.js';

export interface ReportInput {
  documents: Documents;
  pairs: RunPair[];
  /** How many pairs are duplicates, when counted already (the pairs are then not read to count them). */
  duplicates?: number;
  clusters: DupCluster[];
  /** What the walk passed over. */
  skipped: Skipped[];
  interrupted: boolean;
  removedOutputs: string[];
}

export function buildReport(r: ReportInput): RunReport {
  const { documents: docs, pairs, clusters } = r;
  let cleaned = 0;
  let failed = 0;
  let dropped = 0;
  const skipped = [...r.skipped];
  for (let k = 0; k < docs.length; k++) {
    if (docs.hasError(k)) failed++;
    const status = docs.statusOf(k);
    if (status === 'cleaned') cleaned++;
    else if (status === 'dropped-duplicate') dropped++;
    else if (status === 'skipped') {
      const d = docs.get(k);
      skipped.push({ path: d.input, reason: d.reason ?? 'skipped' });
    }
  }
  let duplicates = r.duplicates ?? 0;
  if (r.duplicates === undefined) for (const p of pairs) if (p.kind === 'duplicate') duplicates++;
  return {
    version: 1,
    documents: docs.all(),
    pairs,
    clusters,
    skipped,
    summary: {
      files: docs.length,
      cleaned,
      failed,
      skipped: skipped.length,
      duplicates,
      overlaps: pairs.length - duplicates,
      clusters: clusters.length,
      dropped,
      removedOutputs: r.removedOutputs.length,
    },
    interrupted: r.interrupted,
    removedOutputs: r.removedOutputs,
  };
}
