/**
 * The content-zone model of plain text: for every line with words, the probability that it belongs to the article
 * (rather than to the site around it: menus, share lines, related links, comments, footers). A logistic stage over
 * each line's own features, then context stages over the probabilities around it. The weights are data
 * (./text-zones.weights.ts), fitted by `npm run train:text` (bench/train/text-zones.mjs) on the development pages.
 */
import { CONTEXT_FEATURES, LOCAL_FEATURES, contextFeatures, dot, localFeatures } from './features.js';
import { readLines, type Doc } from './lines.js';
import { TEXT_ZONES } from './text-zones.weights.js';

interface Stage {
  kind: 'local' | 'context';
  bias: number;
  weights: number[];
}

/** The weights as arrays in feature order (a feature missing from the file weighs 0). */
const STAGES: Stage[] = TEXT_ZONES.stages.map((s) => {
  const names: readonly string[] = s.kind === 'local' ? LOCAL_FEATURES : CONTEXT_FEATURES;
  const w = s.weights as Readonly<Record<string, number>>;
  return { kind: s.kind, bias: s.bias, weights: names.map((n) => w[n] ?? 0) };
});

export const THRESHOLD: number = TEXT_ZONES.threshold;

/** The final logit of each unit of a document (doc.units order), every stage applied. */
export function unitLogits(doc: Doc, stages: readonly Stage[] = STAGES): Float64Array {
  const n = doc.units.length;
  let logits = new Float64Array(n);
  let local: Float64Array[] | null = null;
  for (const s of stages) {
    const rows = s.kind === 'local' ? (local ??= localFeatures(doc)) : contextFeatures(doc, logits);
    const next = new Float64Array(n);
    for (let j = 0; j < n; j++) next[j] = dot(s.weights, s.bias, rows[j]!);
    logits = next;
  }
  return logits;
}

export interface Scored {
  doc: Doc;
  /** Probability per unit, in doc.units order. */
  p: Float64Array;
}

/** Reads and scores a plain-text (or Markdown) document. */
export function scoreText(text: string, options: { markdown?: boolean } = {}): Scored {
  const doc = readLines(text, options);
  const logits = unitLogits(doc);
  const p = new Float64Array(logits.length);
  for (let j = 0; j < p.length; j++) p[j] = 1 / (1 + Math.exp(-logits[j]!));
  return { doc, p };
}

export type { Stage };
