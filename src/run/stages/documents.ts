/**
 * The run's documents, in input order, as the clean stage reports them: each one's report entry and what the stages
 * after cleaning need of it (where its body is, whether it is written). A document is known by its position.
 *
 * What is held per document in memory is a few dozen bytes in typed arrays (its status, where its body was spooled,
 * where its report entry is). The report entries themselves are objects in an array, or — for a caller that reads
 * them once at the end (`retainDocuments: false`) — records in an unlinked temporary file (spill.ts), read back one
 * at a time: a million documents then hold tens of megabytes, not gigabytes.
 */
import { closeSpilled, spilledArray, type Spill } from '../spill.js';
import type { Spooled } from '../spool.js';
import type { DocumentReport } from '../types.js';
import type { FinalDocument, Placements } from './write.js';

/** What the clean stage knows of one document beyond its report entry. */
export interface DocumentPlace {
  /** Absolute output path (null: not written). */
  target: string | null;
  /** Where its body was spooled. */
  spooled?: Spooled;
  /** Cleaned, but its output path is taken (its error may be lifted if it is dropped as a duplicate). */
  blocked?: boolean;
}

const STATUSES: ReadonlyArray<DocumentReport['status']> = ['cleaned', 'failed', 'dropped-duplicate', 'skipped'];
const CODE = new Map(STATUSES.map((s, i) => [s, i]));
/** Flags per document. */
const BLOCKED = 1;
const HAS_TARGET = 2;
const HAS_ERROR = 4;

/** A typed array that grows by doubling. */
export class Grow<A extends Uint8Array | Int32Array | Uint32Array | Float64Array> {
  constructor(public data: A) {}
  set(k: number, v: number): void {
    if (k >= this.data.length) {
      const bigger = new (this.data.constructor as new (n: number) => A)(Math.max(1024, this.data.length * 2, k + 1));
      bigger.set(this.data);
      this.data = bigger;
    }
    this.data[k] = v;
  }
  get(k: number): number {
    return this.data[k]!;
  }
}

export class Documents {
  private count = 0;
  private readonly reports: DocumentReport[] | null;
  private readonly spill: Spill<DocumentReport> | null;
  private readonly at = new Grow(new Float64Array(0));
  private readonly len = new Grow(new Uint32Array(0));
  private readonly status = new Grow(new Uint8Array(0));
  private readonly flags = new Grow(new Uint8Array(0));
  /** The spooled body: its spool file (an index into `files`, -1: none), offset, length, token hashes (-1: none). */
  private readonly spoolFile = new Grow(new Int32Array(0));
  private readonly spoolAt = new Grow(new Float64Array(0));
  private readonly spoolLen = new Grow(new Float64Array(0));
  private readonly spoolTokens = new Grow(new Float64Array(0));
  private readonly files: string[] = [];
  private readonly fileIndex = new Map<string, number>();

  /**
   * @param placements where each document is written (to give a written document its absolute path again)
   * @param spill keep the report entries in this temporary file rather than in memory
   */
  constructor(
    private readonly placements: Placements,
    spill: Spill | null = null,
  ) {
    this.spill = spill as Spill<DocumentReport> | null;
    this.reports = spill ? null : [];
  }

  get length(): number {
    return this.count;
  }

  add(doc: DocumentReport, place: DocumentPlace | undefined): number {
    const k = this.count++;
    if (this.reports) this.reports.push(doc);
    this.set(k, doc);
    this.flags.set(k, (this.flags.get(k) & HAS_ERROR) | (place?.blocked ? BLOCKED : 0) | (place?.target ? HAS_TARGET : 0));
    const s = place?.spooled;
    if (s) {
      let f = this.fileIndex.get(s.file);
      if (f === undefined) {
        f = this.files.push(s.file) - 1;
        this.fileIndex.set(s.file, f);
      }
      this.spoolFile.set(k, f);
      this.spoolAt.set(k, s.offset);
      this.spoolLen.set(k, s.length);
      this.spoolTokens.set(k, s.tokens ?? -1);
    } else this.spoolFile.set(k, -1);
    return k;
  }

  /** Document `k`'s report entry (read back from the spill: a copy, stored again with `set` when changed). */
  get(k: number): DocumentReport {
    if (this.reports) return this.reports[k]!;
    return this.spill!.get(this.at.get(k), this.len.get(k));
  }

  /** Stores document `k`'s report entry after a change. */
  set(k: number, doc: DocumentReport): void {
    if (this.reports) this.reports[k] = doc;
    else {
      const [at, len] = this.spill!.put(doc);
      this.at.set(k, at);
      this.len.set(k, len);
    }
    this.status.set(k, CODE.get(doc.status)!);
    this.flags.set(k, (k < this.count ? this.flags.get(k) & ~HAS_ERROR : 0) | (doc.error !== null ? HAS_ERROR : 0));
  }

  statusOf(k: number): DocumentReport['status'] {
    return STATUSES[this.status.get(k)]!;
  }

  hasError(k: number): boolean {
    return (this.flags.get(k) & HAS_ERROR) !== 0;
  }

  isBlocked(k: number): boolean {
    return (this.flags.get(k) & BLOCKED) !== 0;
  }

  spooled(k: number): Spooled | undefined {
    const f = this.spoolFile.get(k);
    if (f < 0) return undefined;
    const t = this.spoolTokens.get(k);
    return { file: this.files[f]!, offset: this.spoolAt.get(k), length: this.spoolLen.get(k), ...(t >= 0 ? { tokens: t } : {}) };
  }

  /** Whether document `k` is written from its spooled body (what `spooledFinal` gives), without reading its report entry. */
  isFinal(k: number): boolean {
    return this.statusOf(k) === 'cleaned' && (this.flags.get(k) & HAS_TARGET) !== 0 && this.spoolFile.get(k) >= 0 && this.placements.at(k).target !== null;
  }

  /** Document `k` as the sink writes it: only when it is cleaned, to be written, and spooled. */
  spooledFinal(k: number): FinalDocument | null {
    if (this.statusOf(k) !== 'cleaned' || !(this.flags.get(k) & HAS_TARGET)) return null;
    const spooled = this.spooled(k);
    const target = this.placements.at(k).target;
    if (!spooled || !target) return null;
    return { k, doc: this.get(k), target, spooled };
  }

  /**
   * Every report entry, in input order: the array itself, or an array that reads each entry back from the spill when
   * it is asked for (each time a new copy; `closeDocuments` closes the file).
   */
  all(): DocumentReport[] {
    if (this.reports) return this.reports;
    // positions are copied out: the arrays of the run can go
    const at = new Float64Array(this.count);
    const len = new Uint32Array(this.count);
    for (let k = 0; k < this.count; k++) {
      at[k] = this.at.get(k);
      len[k] = this.len.get(k);
    }
    return spilledArray(this.spill!, at, len);
  }

  /** Closes the spill (when the report entries are not handed on). */
  close(): void {
    this.spill?.close();
  }
}

/** Closes the temporary file a report's documents (and pairs) are read from (`retainDocuments: false`); nothing otherwise. */
export function closeDocuments(documents: DocumentReport[]): void {
  closeSpilled(documents);
}
