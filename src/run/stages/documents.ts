/**
 * The run's documents, in input order, as the clean stage reports them: each one's report entry and what the stages
 * after cleaning need of it (where its body is, where it is written). A document is known by its position.
 */
import type { Spooled } from '../spool.js';
import type { DocumentReport } from '../types.js';
import type { FinalDocument } from './write.js';

/** What the clean stage knows of one document beyond its report entry. */
export interface DocumentPlace {
  /** Absolute output path (null: not written). */
  target: string | null;
  /** Where its body was spooled. */
  spooled?: Spooled;
  /** Cleaned, but its output path is taken (its error may be lifted if it is dropped as a duplicate). */
  blocked?: boolean;
}

export class Documents {
  private readonly reports: DocumentReport[] = [];
  private readonly places: Array<DocumentPlace | undefined> = [];
  private positions: Map<DocumentReport, number> | null = null;

  get length(): number {
    return this.reports.length;
  }

  add(doc: DocumentReport, place: DocumentPlace | undefined): number {
    this.reports.push(doc);
    this.places.push(place);
    return this.reports.length - 1;
  }

  get(k: number): DocumentReport {
    return this.reports[k]!;
  }

  place(k: number): DocumentPlace | undefined {
    return this.places[k];
  }

  isBlocked(k: number): boolean {
    return Boolean(this.places[k]?.blocked);
  }

  /** Document `k` as the sink writes it: only when it is cleaned, to be written, and spooled. */
  spooledFinal(k: number): FinalDocument | null {
    const doc = this.reports[k]!;
    const p = this.places[k];
    if (doc.status !== 'cleaned' || !p?.spooled || !p.target) return null;
    return { doc, target: p.target, spooled: p.spooled };
  }

  positionOf(doc: DocumentReport): number {
    this.positions ??= new Map(this.reports.map((d, k) => [d, k]));
    return this.positions.get(doc) ?? -1;
  }

  /** Every report entry, in input order. */
  all(): DocumentReport[] {
    return this.reports;
  }
}
