/**
 * Output properties on every fixture: the front matter reads back with gray-matter to the result's metadata
 * (strings stay strings), cleaning the output again leaves the body byte-identical, and two runs give the same bytes.
 */
import matter from 'gray-matter';
import { describe, expect, it } from 'vitest';
import { cleanText } from '../src/index.js';
import { allCases, cleaned } from './helpers/cases.js';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { cleanBytes } from '../src/index.js';
import { fc, test } from '@fast-check/vitest';
import { renderFrontMatter, renderFrontMatterWithLibrary } from '../src/markdown/front-matter.js';
import type { Metadata } from '../src/types.js';

const cases = allCases();

describe('front matter reads back to the metadata', () => {
  for (const c of cases) {
    it(c.name, () => {
      const r = cleaned(c);
      expect(r.markdown).not.toBeNull();
      // an options object is always passed: without one gray-matter caches by input string
      const parsed = matter(r.markdown!, {});
      expect(parsed.data).toEqual(JSON.parse(JSON.stringify(r.metadata)));
      for (const [k, v] of Object.entries(parsed.data)) {
        if (typeof (r.metadata as Record<string, unknown>)[k] === 'string') expect(typeof v, k).toBe('string');
      }
      expect(parsed.content.replace(/^\n/, '')).toBe(`${r.body}\n`);
    });
  }
});

describe('idempotence: cleaning the output again changes nothing in the body', () => {
  for (const c of cases) {
    it(c.name, () => {
      const first = cleaned(c);
      const second = cleanText(first.markdown!, { path: 'again.md' });
      expect(second.error).toBeNull();
      expect(second.body).toBe(first.body);
      const keep = ['title', 'author', 'date', 'source', 'publisher', 'syndicator', 'url', 'permalink', 'dateline', 'contributors', 'photo_credits', 'section', 'language', 'rights'] as const;
      for (const k of keep) expect(second.metadata[k], k).toEqual(first.metadata[k]);
    });
  }
});

describe('determinism: two runs give identical bytes', () => {
  for (const c of cases) {
    it(c.name, () => {
      const bytes = readFileSync(c.file);
      const a = cleanBytes(bytes, { path: path.basename(c.file) });
      const b = cleanBytes(Buffer.from(bytes), { path: path.basename(c.file) });
      expect(b.markdown).toBe(a.markdown);
      expect(JSON.stringify(b.removed)).toBe(JSON.stringify(a.removed));
    });
  }
});

describe('the direct front matter writer', () => {
  const text = fc.oneof(
    fc.string({ maxLength: 60 }),
    fc.string({ unit: 'binary', maxLength: 40 }),
    fc.constantFrom('', '---', '--- x', '...', '%YAML', 'a\nb', 'x \n y', '"quoted"', 'back\\slash', 'tab\there', '\u0085\u00a0\u2028\u2029', '😀 emoji', '\ud800', 'null', 'true', '123', '- item', 'key: value', '#hash', '@at', '`tick`', "it's"),
  );
  const meta = fc.record(
    {
      title: text, author: text, date: text, url: text, contributors: fc.array(text, { maxLength: 4 }), tags: fc.array(text, { maxLength: 3 }),
      truncated: fc.boolean(), needs_review: fc.boolean(), words: fc.nat(), hash: text,
    },
    { requiredKeys: [] },
  );
  test.prop([meta], { numRuns: 2000 })('writes what the YAML library writes', (m) => {
    expect(renderFrontMatter(m as Metadata)).toBe(renderFrontMatterWithLibrary(m as Metadata));
  });
  it('on the metadata of every fixture', () => {
    for (const c of cases) {
      const r = cleaned(c);
      expect(renderFrontMatter(r.metadata), c.name).toBe(renderFrontMatterWithLibrary(r.metadata));
    }
  });
});
