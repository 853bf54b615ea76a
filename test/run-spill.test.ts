/**
 * `retainDocuments: false`: the report entries wait in an unlinked temporary file and are read back when asked for.
 * So do the verified pairs. The report is the same, entry for entry and byte for byte as JSON, as with the entries
 * kept in memory — with near-duplicates, dropped duplicates, a file that fails, and names that are not valid UTF-8.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { closeDocuments, run } from '../src/run/index.js';
import { CorpusGenerator } from '../src/dedup/index.js';
import { tempDir } from './helpers/tree.js';

describe('report entries in a spill file', () => {
  it('give the same report as entries kept in memory', async () => {
    const inbox = path.join(tempDir(), 'inbox');
    mkdirSync(path.join(inbox, 'sub'), { recursive: true });
    const gen = new CorpusGenerator({ docs: 60, seed: 5 });
    for (let i = 0; i < gen.docs; i++) writeFileSync(path.join(inbox, i % 3 ? '' : 'sub', `d${i}.md`), `${gen.text(i)}\n`);
    writeFileSync(path.join(inbox, 'empty.txt'), '');
    writeFileSync(Buffer.concat([Buffer.from(path.join(inbox, 'caf')), Buffer.from([0xe9]), Buffer.from('.txt')]), gen.text(0));
    const root = tempDir();
    for (const threads of [0, 2]) {
      for (const dropDuplicates of [false, true]) {
        const kept = await run({ inputs: [inbox], out: path.join(root, `kept-${threads}-${dropDuplicates}`), threads, dropDuplicates });
        const spilled = await run({ inputs: [inbox], out: path.join(root, `spilled-${threads}-${dropDuplicates}`), threads, dropDuplicates, retainDocuments: false });
        expect(kept.summary.failed).toBeGreaterThan(0);
        expect(kept.summary.duplicates).toBeGreaterThan(0);
        if (dropDuplicates) expect(kept.summary.dropped).toBeGreaterThan(0);
        const shown = (r: typeof kept, dir: string): string => JSON.stringify(r).replaceAll(dir, 'OUT');
        expect(shown(spilled, `spilled-${threads}-${dropDuplicates}`)).toBe(shown(kept, `kept-${threads}-${dropDuplicates}`));
        expect(spilled.documents.length).toBe(kept.documents.length);
        expect(spilled.documents.filter((d) => d.status === 'failed').map((d) => d.input)).toEqual(kept.documents.filter((d) => d.status === 'failed').map((d) => d.input));
        expect([...spilled.documents].map((d) => d.metadata)).toEqual(kept.documents.map((d) => d.metadata));
        // the pairs wait in the same file: the same pairs, in the same order, as kept in memory
        expect(spilled.pairs.length).toBe(kept.pairs.length);
        expect([...spilled.pairs]).toEqual(kept.pairs);
        expect(spilled.summary.duplicates).toBe(kept.summary.duplicates);
        // the clusters are made when read from the spilled report, and are plain objects in the kept one
        expect(kept.clusters.length).toBeGreaterThan(0);
        expect([...spilled.clusters]).toEqual(kept.clusters);
        expect(structuredClone(kept.clusters)).toEqual(kept.clusters);
        closeDocuments(spilled.documents);
        expect(() => spilled.documents[0]).toThrow();
        expect(() => spilled.pairs[0]).toThrow();
      }
    }
  }, 300_000);
});
