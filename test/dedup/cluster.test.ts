import { describe, expect, it } from 'vitest';
import { findNearDuplicates, type DedupDoc } from '../../src/dedup/index.js';
import { corpus } from './helpers.js';

// One story and two full copies of it (no excerpts).
const { gen, docs } = corpus(60, 3);
const family = (() => {
  for (let i = 0; i < gen.docs; i++) {
    const members = docs.filter((_, j) => gen.sameFamily(i, j) && gen.kind(j) !== 'quote' && !gen.kind(j).includes('excerpt'));
    if (members.length >= 3) return members.slice(0, 3);
  }
  throw new Error('no family of three in the sample');
})();

describe('canonical member of a cluster', () => {
  const ids = family.map((d) => d.id);

  it('prefers complete metadata, then the earliest date, then the longest body, then the id', async () => {
    const withRank = (ranks: Array<DedupDoc['rank']>) => family.map((d, i) => ({ ...d, rank: ranks[i] }));
    const run = async (ranks: Array<DedupDoc['rank']>) => (await findNearDuplicates(withRank(ranks))).clusters;

    let clusters = await run([{ completeness: 1 }, { completeness: 3 }, { completeness: 2 }]);
    expect(clusters).toHaveLength(1);
    expect(clusters[0]!.canonical).toBe(ids[1]);

    clusters = await run([{ date: '2016-07-16' }, { date: '2016-07-15T10:00:00Z' }, {}]);
    expect(clusters[0]!.canonical).toBe(ids[1]);

    clusters = await run([{ length: 10 }, { length: 10 }, { length: 99 }]);
    expect(clusters[0]!.canonical).toBe(ids[2]);

    clusters = await run([{ length: 5 }, { length: 5 }, { length: 5 }]);
    expect(clusters[0]!.canonical).toBe([...ids].sort()[0]);
  });

  it('lets the caller replace the rule, and marks the others duplicate_of', async () => {
    const last = [...ids].sort().at(-1)!;
    const r = await findNearDuplicates(family, { compare: (a, b) => (a.id < b.id ? 1 : a.id > b.id ? -1 : 0) });
    expect(r.clusters[0]!.canonical).toBe(last);
    expect(Object.keys(r.duplicateOf).sort()).toEqual(ids.filter((x) => x !== last).sort());
    expect(new Set(Object.values(r.duplicateOf))).toEqual(new Set([last]));
  });

  it('never joins clusters through an overlap', async () => {
    const quoteText = family[0]!.text.split('\n\n').slice(2, 3).join(' ');
    const other = docs.find((d, j) => !gen.sameFamily(gen.indexOf(family[0]!.id), j))!;
    const quoting = { id: 'zz-quoting', text: `${other.text}\n\n"${quoteText}," an analyst said.` };
    const r = await findNearDuplicates([...family, quoting]);
    const pairs = r.pairs.filter((p) => p.b === 'zz-quoting');
    expect(pairs.length).toBeGreaterThan(0);
    expect(pairs.every((p) => p.kind === 'overlap')).toBe(true);
    expect(r.clusters.flatMap((c) => c.members)).not.toContain('zz-quoting');
  });
});
