/**
 * markdownlint (fixtures/markdownlint.json) on newsclean's output for the development pages of ../shared/bench/pages,
 * in every variant (the saved HTML and the w3m and lynx renderings).
 *
 * Every page is checked in every variant (4,300 outputs, about two minutes of CPU); NEWSCLEAN_PAGES_LINT=sample
 * checks every 25th page (about ten seconds) while working on the renderer. Outputs that fail are counted per rule and variant, and
 * the counts may not rise above test/data/pages-markdownlint-ceiling.json (rewrite it with UPDATE_LINT_CEILING=1 after
 * review); a rule at 0 must stay at 0. The ceiling is a ratchet towards none: see docs/html-extraction.md.
 * Skipped, with a message, when ../shared is not beside the project.
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { gunzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { lint } from 'markdownlint/sync';
import { cleanText } from '../src/index.js';
import { FIXTURES, ROOT, SHARED } from './helpers/paths.js';

const setDir = path.join(SHARED, 'bench/pages');
const present = existsSync(path.join(setDir, 'truth.jsonl'));
if (!present) console.warn(`pages-markdownlint: skipped: no development pages at ${setDir}`);
const all = process.env['NEWSCLEAN_PAGES_LINT'] !== 'sample';
const STEP = all ? 1 : 25;
const ceilingFile = path.join(ROOT, 'test/data/pages-markdownlint-ceiling.json');
const config = JSON.parse(readFileSync(path.join(FIXTURES, 'markdownlint.json'), 'utf8')) as Record<string, unknown>;

describe.skipIf(!present)('markdownlint on the development pages (../shared/bench/pages)', () => {
  it(`${all ? 'every' : 'every 25th'} page, every variant: failures per rule no more than the ceiling`, () => {
    const ids = readFileSync(path.join(setDir, 'truth.jsonl'), 'utf8')
      .split('\n')
      .filter(Boolean)
      .map((l) => (JSON.parse(l) as { id: string }).id)
      .filter((_, i) => i % STEP === 0);
    const counts: Record<string, number> = {};
    const examples: string[] = [];
    let files = 0;
    for (const id of ids) {
      for (const v of ['html', 'w3m', 'lynx']) {
        const f = v === 'html' ? path.join(setDir, 'html', `${id}.html.gz`) : path.join(setDir, 'text', `${id}.${v}.txt.gz`);
        const r = cleanText(gunzipSync(readFileSync(f)).toString('utf8'), { path: `${id}.${v}` });
        if (r.error || r.markdown === null) continue;
        files++;
        const errors = lint({ strings: { out: r.markdown }, config })['out'] ?? [];
        const rules = new Set(errors.map((e) => `${v} ${e.ruleNames[0]}`));
        for (const k of rules) counts[k] = (counts[k] ?? 0) + 1;
        if (errors.length > 0 && examples.length < 20) examples.push(`${id}.${v}:${errors[0]!.lineNumber} ${errors[0]!.ruleNames.join('/')} ${errors[0]!.errorDetail ?? ''}`);
      }
    }
    const key = all ? 'all' : 'sample';
    const sorted = Object.fromEntries(Object.entries(counts).sort());
    const stored = existsSync(ceilingFile) ? (JSON.parse(readFileSync(ceilingFile, 'utf8')) as Record<string, Record<string, number>>) : {};
    if (process.env['UPDATE_LINT_CEILING'] === '1') {
      stored[key] = sorted;
      writeFileSync(ceilingFile, JSON.stringify(stored, null, 2) + '\n');
    }
    const ceiling = stored[key] ?? {};
    console.log(`pages-markdownlint: ${files} outputs; files failing per variant and rule: ${JSON.stringify(sorted)}`);
    const over = Object.entries(sorted).filter(([k, n]) => n > (ceiling[k] ?? 0));
    expect(over, `over the ceiling (examples: ${examples.join('; ')})`).toEqual([]);
    expect(files).toBeGreaterThan(0);
  }, 1_200_000);
});
