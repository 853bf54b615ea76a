/** The README documents what the code does: every CLI option appears in it, every rule in docs/rules.md. */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { rules } from '../src/index.js';
import { buildProgram } from '../src/cli/args.js';
import { ROOT } from './helpers/paths.js';

const readme = readFileSync(path.join(ROOT, 'README.md'), 'utf8');
const rulesDoc = readFileSync(path.join(ROOT, 'docs/rules.md'), 'utf8');

describe('README', () => {
  it('docs/rules.md lists every rule with its id and name', () => {
    const table = rulesDoc.slice(rulesDoc.indexOf('<!-- rules:start -->'), rulesDoc.indexOf('<!-- rules:end -->'));
    for (const r of rules) expect(table, `${r.id} ${r.name}`).toContain(`| ${r.id} | \`${r.name}\` | ${r.stage} |`);
    expect(table.match(/^\| NC\d{3} /gm)?.length).toBe(rules.length);
  });
  it('documents every CLI option', () => {
    for (const o of buildProgram().options) expect(readme, o.long ?? o.flags).toContain(o.long!);
  });
  it('gives the two newcomer commands, and .ci/run uses the same test command', () => {
    expect(readme).toContain('npm ci && npx newsclean fixtures/inbox --out out');
    expect(readme).toContain('npm ci && npm test');
    const ci = readFileSync(path.join(ROOT, '.ci/run'), 'utf8');
    expect(ci).toMatch(/npm ci/);
    expect(ci).toMatch(/npm test/);
  });
});
