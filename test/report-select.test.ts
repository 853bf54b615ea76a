/** Which texts the HTML report embeds first when they do not all fit. */
import { describe, expect, it } from 'vitest';
import type { DocumentReport, DupPair, RunReport } from '../src/index.js';
import { documentOrder, pairOrder, topFilesPerRule } from '../src/report/html/select.js';

const doc = (input: string, over: Partial<DocumentReport> = {}): DocumentReport => ({
  input,
  output: null,
  status: 'cleaned',
  format: 'text',
  metadata: {},
  removed: [],
  warnings: [],
  error: null,
  ...over,
});
const pair = (a: string, b: string, kind: DupPair['kind'], jaccard: number, containment = jaccard): DupPair => ({ a, b, kind, jaccard, containment, sharedTokens: 50, passages: [] });
const report = (documents: DocumentReport[], pairs: DupPair[], clusters: RunReport['clusters'] = []): RunReport => ({
  version: 1,
  documents,
  pairs,
  clusters,
  skipped: [],
  summary: { files: documents.length, cleaned: 0, failed: 0, skipped: 0, duplicates: 0, overlaps: 0, clusters: clusters.length, dropped: 0 },
  interrupted: false,
});

describe('the order texts are embedded in', () => {
  it('takes every pair when they fit under the cap, in their order', () => {
    const r = report([doc('a'), doc('b'), doc('c')], [pair('a', 'b', 'duplicate', 0.9), pair('a', 'c', 'overlap', 0.1)]);
    expect(pairOrder(r, { jaccard: 0.5, containment: 0.4 }, 10)).toEqual([0, 1]);
  });

  it('over the cap: the weakest pair of the largest cluster, the pair nearest a threshold and an overlap come first, in turn', () => {
    const docs = ['a', 'b', 'c', 'd', 'e', 'f', 'g', 'h'].map((n) => doc(n));
    const pairs = [
      pair('a', 'b', 'duplicate', 0.95), // 0: big cluster, strong
      pair('a', 'c', 'duplicate', 0.7), // 1: big cluster, its weakest
      pair('b', 'c', 'duplicate', 0.9), // 2
      pair('d', 'e', 'duplicate', 0.99, 0.99), // 3: small cluster, far from every threshold
      pair('f', 'g', 'duplicate', 0.52, 0.9), // 4: not in a cluster given here, nearest the Jaccard threshold
      pair('g', 'h', 'overlap', 0.05, 0.1), // 5: an overlap
    ];
    const clusters = [
      { id: 'd', canonical: 'd', members: ['d', 'e'] },
      { id: 'a', canonical: 'a', members: ['a', 'b', 'c'] },
    ];
    const order = pairOrder(report(docs, pairs, clusters), { jaccard: 0.5, containment: 0.4 }, 4);
    expect(order).toEqual([1, 4, 5, 3]);
  });

  it('lists the files where each rule removed most, by number of removals then characters', () => {
    const rm = (id: string, text: string) => ({ id, rule: id, text, action: 'removed' });
    const r = report(
      [
        doc('a', { removed: [rm('NC208', 'Advertisement')] }),
        doc('b', { removed: [rm('NC208', 'Advertisement'), rm('NC208', 'Loading…'), rm('NC216', 'A caption')] }),
        doc('c', { removed: [rm('NC208', 'Skip to content and more')] }),
      ],
      [],
    );
    const tops = topFilesPerRule(r, 2);
    expect(tops.get('NC208')!.rows.map((x) => x[0])).toEqual([1, 2]);
    expect(tops.get('NC216')!.rows).toEqual([[1, 1, 9]]);
    // then the failed files whose text can be shown, then the others in input order
    const withFailures = report([...r.documents, doc('d', { status: 'failed', error: { code: 'no-article', message: 'x' } }), doc('e', { status: 'failed', error: { code: 'binary', message: 'x' } })], []);
    expect(documentOrder(withFailures, tops, 10)).toEqual({ first: [1, 2], failed: [3], rest: [0] });
  });
});
