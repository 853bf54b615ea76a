/**
 * JSON lines (`--jsonl`): one record per line, each final when written. A document's record is written once its
 * outcome and metadata can no longer change: as soon as it is cleaned when near-duplicates are off (its file is
 * written by then), and after the clusters are known and the files written when they are on (a cluster member
 * gains `cluster` and `duplicate_of`; with --drop-duplicates it becomes `dropped-duplicate`; a late write can
 * fail). Until then what cleaning removed (the bulk of a record) waits in a temporary file, not in memory.
 */
import { closeSync, readSync, writeSync } from 'node:fs';
import type { DocumentReport, RunReport } from '../run/index.js';
import { openUnlinkedFile } from '../run/unlinked-file.js';

export function jsonLine(record: object): string {
  return `${JSON.stringify(record)}\n`;
}

export function documentRecord(doc: DocumentReport): object {
  return { type: 'document', ...doc };
}

/**
 * The records after the documents: pairs, clusters, skipped paths, and the summary last. `pairs: false` when they
 * were written already (with an index, each pair as soon as it is recorded there).
 */
export function* tailRecords(report: RunReport, options: { pairs?: boolean } = {}): Generator<object> {
  if (options.pairs ?? true) for (const p of report.pairs) yield { type: 'pair', ...p };
  for (const c of report.clusters) yield { type: 'cluster', ...c };
  for (const s of report.skipped) yield { type: 'skipped', ...s };
  yield { type: 'summary', ...report.summary, interrupted: report.interrupted };
}

/**
 * Each document's `removed` and `warnings`, kept in an unlinked temporary file by document number until its
 * record is written.
 */
export class DetailSpill {
  private readonly fd: number;
  private end = 0;
  private offsets = new Float64Array(1024);
  private lengths = new Uint32Array(1024);
  private count = 0;

  constructor() {
    // the open file lives on without a name: nothing is left behind, however the run ends
    this.fd = openUnlinkedFile('jsonl');
  }

  /** Stores the details of document number `count` (documents are put in order). */
  put(doc: DocumentReport): void {
    if (this.count === this.offsets.length) {
      const offsets = new Float64Array(this.count * 2);
      offsets.set(this.offsets);
      this.offsets = offsets;
      const lengths = new Uint32Array(this.count * 2);
      lengths.set(this.lengths);
      this.lengths = lengths;
    }
    const bytes = Buffer.from(JSON.stringify([doc.removed, doc.warnings]));
    let at = 0;
    while (at < bytes.length) at += writeSync(this.fd, bytes, at, bytes.length - at, this.end + at);
    this.offsets[this.count] = this.end;
    this.lengths[this.count] = bytes.length;
    this.end += bytes.length;
    this.count++;
  }

  /** The details of document number `i`. */
  get(i: number): Pick<DocumentReport, 'removed' | 'warnings'> {
    const bytes = Buffer.allocUnsafe(this.lengths[i]!);
    let at = 0;
    while (at < bytes.length) {
      const got = readSync(this.fd, bytes, at, bytes.length - at, this.offsets[i]! + at);
      if (got === 0) throw new Error('the temporary file of --jsonl details was cut short');
      at += got;
    }
    const [removed, warnings] = JSON.parse(bytes.toString('utf8')) as [DocumentReport['removed'], DocumentReport['warnings']];
    return { removed, warnings };
  }

  close(): void {
    closeSync(this.fd);
  }
}
