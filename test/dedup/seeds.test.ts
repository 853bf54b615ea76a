import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { findNearDuplicates } from '../../src/dedup/index.js';

// Hand-cleaned bodies of ../shared/seeds (front matter, tags, [ad_1], site labels,
// captions, titles, datelines and the MENAFN header and footer removed).
const dir = new URL('../../fixtures/dedup/seeds/', import.meta.url);
const docs = readdirSync(dir)
  .filter((f) => f.endsWith('.md'))
  .sort()
  .map((f) => ({ id: f.replace(/\.md$/, '.txt'), text: readFileSync(new URL(f, dir), 'utf8') }));

describe('the five seed articles, default options', () => {
  it('reports exactly 000~003 and 001~002, both as overlaps with their shared passages', async () => {
    expect(docs).toHaveLength(5);
    const report = await findNearDuplicates(docs);
    expect(report.pairs.map((p) => [p.a.slice(0, 3), p.b.slice(0, 3), p.kind])).toEqual([
      ['000', '003', 'overlap'],
      ['001', '002', 'overlap'],
    ]);
    expect(report.clusters).toEqual([]);
    expect(report.duplicateOf).toEqual({});

    const [p03, p12] = report.pairs as [(typeof report.pairs)[0], (typeof report.pairs)[0]];
    const texts03 = p03.passages.map((p) => p.text);
    expect(texts03).toContain(
      'In exchange, Moscow would be required to pressure its ally Syrian strongman Bashar al-Assad to ground his own jets and end attacks on civilians and the moderate opposition',
    );
    expect(texts03.some((t) => t.includes('have a target date of August'))).toBe(true);
    const texts12 = p12.passages.map((p) => p.text);
    expect(texts12).toContain('Russia backs Assad and is giving military help to his campaign against rebel fighters');
    expect(texts12.some((t) => t.includes('a proposal for intelligence sharing with Russia over Syria'))).toBe(true);

    for (const p of report.pairs) {
      expect(p.sharedTokens).toBeGreaterThanOrEqual(40);
      expect(p.jaccard).toBeLessThan(0.5);
      expect(p.containment).toBeLessThan(0.4);
      expect(p.sharedTokens).toBe(p.passages.reduce((s, x) => s + x.tokens, 0));
      for (const x of p.passages) {
        expect(x.a[1] - x.a[0]).toBe(x.tokens);
        expect(x.b[1] - x.b[0]).toBe(x.tokens);
        expect(x.tokens).toBeGreaterThanOrEqual(8);
      }
    }
  });

  it('reports nothing with 004, and the same whatever the input order', async () => {
    const forward = await findNearDuplicates(docs);
    const backward = await findNearDuplicates([...docs].reverse());
    expect(backward).toEqual(forward);
    expect(forward.pairs.some((p) => p.a.startsWith('004') || p.b.startsWith('004'))).toBe(false);
  });

  it('finds a re-wrapped copy and an excerpt of a seed as duplicates', async () => {
    const base = docs[0]!.text;
    const paragraphs = base.split('\n\n');
    const wrapped = `News World\n\n${base}\n\nShare this article on social media. All rights reserved.`;
    const excerpt = paragraphs.slice(0, 5).join('\n\n');
    const report = await findNearDuplicates([...docs, { id: 'copy', text: wrapped }, { id: 'excerpt', text: excerpt }]);
    const dup = report.pairs.filter((p) => p.kind === 'duplicate').map((p) => `${p.a}~${p.b}`);
    expect(dup).toEqual(['000_71cecdebd7891502.txt~copy', '000_71cecdebd7891502.txt~excerpt', 'copy~excerpt']);
    const ex = report.pairs.find((p) => p.b === 'excerpt' && p.a.startsWith('000'))!;
    expect(ex.containment).toBe(1);
    expect(ex.contained).toBe('b');
    expect(report.clusters).toEqual([
      { id: '000_71cecdebd7891502.txt', canonical: 'copy', members: ['000_71cecdebd7891502.txt', 'copy', 'excerpt'] },
    ]);
  });
});
