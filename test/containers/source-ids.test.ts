import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { collect } from '../../src/run/stages/collect.js';
import { ARTICLE_HTML, PARAS, buildWarc } from './helpers.js';

const dir = mkdtempSync(path.join(tmpdir(), 'newsclean-source-ids-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('a source id without the rest of the source (SourceList.id)', () => {
  it('is the id of the source, for files and for the records of WARC and JSONL containers', async () => {
    mkdirSync(path.join(dir, 'in/sub'), { recursive: true });
    writeFileSync(path.join(dir, 'in/a.txt'), 'A plain text article.\n');
    writeFileSync(path.join(dir, 'in/sub/é b.html'), ARTICLE_HTML('A page', PARAS));
    const warc = await buildWarc([
      { type: 'warcinfo' },
      { type: 'response', url: 'https://news.example.org/one', body: ARTICLE_HTML('One', PARAS) },
      { type: 'response', url: 'https://news.example.org/two', body: ARTICLE_HTML('Two', PARAS.slice(1)) },
      { type: 'response', url: 'https://news.example.org/logo.png', contentType: 'image/png', body: new Uint8Array([0x89, 0x50]) },
    ]);
    writeFileSync(path.join(dir, 'in/sub/crawl.warc.gz'), warc);
    // two records with one id: the second key is made unique
    const lines = [{ id: 'x', text: 'First article text.' }, { id: 'x', text: 'Second article text.' }, { id: 'y/z', text: 'Third.' }, 'not json'];
    writeFileSync(path.join(dir, 'in/news.jsonl'), lines.map((l) => (typeof l === 'string' ? l : JSON.stringify(l))).join('\n') + '\n');
    const { sources } = await collect({ inputs: ['in'], cwd: dir, exclude: [], followSymlinks: false, includeHidden: false, shard: null, containers: { maxBytes: 1 << 20 } });
    expect(sources.length).toBeGreaterThan(6);
    let records = 0;
    for (let i = 0; i < sources.length; i++) {
      const s = sources.at(i);
      if (s.kind === 'record') records++;
      expect(sources.id(i)).toBe(s.id);
    }
    expect(records).toBeGreaterThanOrEqual(5);
    for (const c of sources.containers()) await c.close();
  });
});
