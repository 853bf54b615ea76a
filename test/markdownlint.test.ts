/**
 * Every Markdown file newsclean writes passes markdownlint with fixtures/markdownlint.json. That config keeps
 * every rule on except the few that do not fit articles:
 * - MD013 (line length): a paragraph is one line of any length; hard-wrapping would change the text on re-cleaning.
 * - MD041 (first line is a top-level heading): the contract keeps the title in front matter and forbids a title
 *   heading in the body; a file whose source gave no headline has nothing to put there.
 * - MD024 is kept but limited to sibling headings: a live blog may repeat a subhead ("Update") under different parents.
 * - MD059 (descriptive link text): link text is the article's own wording ("here", "read more" inside a sentence),
 *   which a cleaner must not rewrite.
 * Everything else the renderer must get right itself (blank lines, list markers, escaping, no bare URLs, …).
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { lint } from 'markdownlint/sync';
import { allCases, cleaned } from './helpers/cases.js';
import { FIXTURES } from './helpers/paths.js';

const config = JSON.parse(readFileSync(path.join(FIXTURES, 'markdownlint.json'), 'utf8')) as Record<string, unknown>;

function problems(name: string, markdown: string): string[] {
  const res = lint({ strings: { [name]: markdown }, config });
  return (res[name] ?? []).map((e) => `${name}:${e.lineNumber} ${e.ruleNames.join('/')} ${e.errorDetail ?? ''} [${(e.errorContext ?? '').slice(0, 60)}]`);
}

describe('markdownlint on every output', () => {
  it('the config switches off only the documented rules', () => {
    const off = Object.entries(config).filter(([, v]) => v === false).map(([k]) => k).sort();
    expect(off).toEqual(['MD013', 'MD041', 'MD059']);
  });
  for (const c of allCases()) {
    it(c.name, () => {
      const r = cleaned(c);
      expect(r.error).toBeNull();
      expect(problems(c.name, r.markdown!)).toEqual([]);
    });
  }
  it('catches what the renderer must avoid (the config is live)', () => {
    expect(problems('bad.md', '---\ntitle: "x"\n---\n\nText  \n\n\n* item\n')).not.toEqual([]);
  });
});
