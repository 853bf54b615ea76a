// Runs the extractor on a few pages of the shared extraction bench (when it is
// present beside the project) and checks a per-page word 4-gram F1 floor with
// the bench's own scorer.
import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { gunzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { parseDocument } from 'htmlparser2';
import { extractArticle, pageText } from '../../src/extract/index.js';

const benchDir = fileURLToPath(new URL('../../../shared/bench/extraction/', import.meta.url));
const present = existsSync(benchDir + 'score.mjs') && existsSync(benchDir + 'ground-truth.json');

/** A spread of layouts: BBC, NYT, Vox, a Russian listicle, a data table, an opinion page with teaser rails, a blog. */
const PAGES: Array<[string, number]> = [
  ['c7e39ac49fa1235f5d50f83bf2444248bd3aa4e6df044377916c812dd109ba23', 0.95],
  ['702d1da6', 0.95],
  ['16c30add', 0.95],
  ['3c6d3381', 0.95],
  ['11ea381a', 0.9],
  ['87bf6057', 0.95],
  ['a860fb5e', 0.9],
  ['b0cf2bbf', 0.95],
];

describe.skipIf(!present)('extraction bench pages (../shared)', async () => {
  const scorer = present ? ((await import(pathToFileURL(benchDir + 'score.mjs').href)) as {
    matchPage: (t: string, p: string, n?: number) => { tp: number; fp: number; fn: number };
    tokenize: (t: string) => string[];
  }) : null;
  const truth = present ? (JSON.parse(readFileSync(benchDir + 'ground-truth.json', 'utf8')) as Record<string, { articleBody: string }>) : {};
  const ids = Object.keys(truth);

  for (const [prefix, floor] of PAGES) {
    it(`${prefix.slice(0, 8)} reaches F1 ≥ ${floor}`, () => {
      const id = ids.find((x) => x.startsWith(prefix));
      expect(id).toBeDefined();
      const html = gunzipSync(readFileSync(`${benchDir}html/${id}.html.gz`)).toString('utf8');
      const r = extractArticle(parseDocument(html));
      expect(r.status).toBe('ok');
      const text = pageText(r.root!);
      const { tp, fp, fn } = scorer!.matchPage(truth[id!]!.articleBody, text);
      const p = tp / Math.max(1, tp + fp);
      const rc = tp / Math.max(1, tp + fn);
      const f1 = p + rc > 0 ? (2 * p * rc) / (p + rc) : 0;
      expect(f1).toBeGreaterThanOrEqual(floor);
      expect(scorer!.tokenize(text).length).toBeGreaterThan(0);
    });
  }
});
