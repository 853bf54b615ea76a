/**
 * Stage 7, report: the run's answer, from the documents, the verdicts and what the sink removed. Counts are taken
 * here, once, so every reporter (terminal, JSON, JSONL, HTML) says the same.
 */
import type { DupCluster } from '../../dedup/index.js';
import type { Skipped } from '../walk.js';
import type { DocumentReport, RunPair, RunReport } from '../types.js';

export interface ReportInput {
  documents: DocumentReport[];
  pairs: RunPair[];
  clusters: DupCluster[];
  /** What the walk passed over. */
  skipped: Skipped[];
  interrupted: boolean;
  removedOutputs: string[];
}

export function buildReport(r: ReportInput): RunReport {
  const { documents, pairs, clusters } = r;
  let cleaned = 0;
  let failed = 0;
  let dropped = 0;
  const skipped = [...r.skipped];
  for (const d of documents) {
    if (d.error !== null) failed++;
    if (d.status === 'cleaned') cleaned++;
    else if (d.status === 'dropped-duplicate') dropped++;
    else if (d.status === 'skipped') skipped.push({ path: d.input, reason: d.reason ?? 'skipped' });
  }
  let duplicates = 0;
  for (const p of pairs) if (p.kind === 'duplicate') duplicates++;
  return {
    version: 1,
    documents,
    pairs,
    clusters,
    skipped,
    summary: {
      files: documents.length,
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
