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
  kind: 'local' | 'context' | 'trees';
  bias: number;
  weights: number[];
  /**
   * Trees (kind 'trees'), each as flat arrays: feature index per node (-1 for a leaf), threshold (or leaf value),
   * left and right child. A row goes left when its feature is at most the threshold.
   */
  trees?: Array<{ feature: Int16Array; value: Float64Array; left: Int32Array; right: Int32Array }>;
}

/** The weights as arrays in feature order (a feature missing from the file weighs 0). */
const STAGES: Stage[] = TEXT_ZONES.stages.map((s) => {
  const names: readonly string[] = s.kind === 'context' ? CONTEXT_FEATURES : LOCAL_FEATURES;
  if (s.kind === 'trees') {
    const trees = s.trees.map((t) => {
      const feature = new Int16Array(t.length);
      const value = new Float64Array(t.length);
      const left = new Int32Array(t.length);
      const right = new Int32Array(t.length);
      t.forEach((node, k) => {
        if (node[0] === -1) {
          feature[k] = -1;
          value[k] = node[1];
          return;
        }
        const [name, threshold, l, r] = node as readonly [string, number, number, number];
        const f = names.indexOf(name);
        if (f < 0) throw new Error(`text-zones weights: unknown feature ${name}`);
        feature[k] = f;
        value[k] = threshold;
        left[k] = l;
        right[k] = r;
      });
      return { feature, value, left, right };
    });
    return { kind: s.kind, bias: s.bias, weights: [], trees };
  }
  const w = s.weights as Readonly<Record<string, number>>;
  return { kind: s.kind, bias: s.bias, weights: names.map((n) => w[n] ?? 0) };
});

/** The margin of a row under boosted trees: the bias plus one leaf value per tree. */
function treeMargin(stage: Stage, x: Float64Array): number {
  let z = stage.bias;
  for (const t of stage.trees!) {
    let k = 0;
    while (t.feature[k]! >= 0) k = x[t.feature[k]!]! <= t.value[k]! ? t.left[k]! : t.right[k]!;
    z += t.value[k]!;
  }
  return z;
}

export const THRESHOLD: number = TEXT_ZONES.threshold;

/** The final logit of each unit of a document (doc.units order), every stage applied. */
export function unitLogits(doc: Doc, stages: readonly Stage[] = STAGES): Float64Array {
  const n = doc.units.length;
  let logits = new Float64Array(n);
  let local: Float64Array[] | null = null;
  for (const s of stages) {
    const rows = s.kind !== 'context' ? (local ??= localFeatures(doc)) : contextFeatures(doc, logits);
    const next = new Float64Array(n);
    if (s.kind === 'trees') for (let j = 0; j < n; j++) next[j] = treeMargin(s, rows[j]!);
    else for (let j = 0; j < n; j++) next[j] = dot(s.weights, s.bias, rows[j]!);
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
