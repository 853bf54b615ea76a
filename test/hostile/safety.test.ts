/** Safe output and safe content: nothing is written outside --out whatever the metadata says; no active content survives. */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import YAML from 'yaml';
import matter from 'gray-matter';
import { cleanText } from '../../src/index.js';
import { runCli } from '../helpers/cli.js';
import { listFiles, MANIFEST, tempDir } from '../helpers/tree.js';

const BODY = 'The council approved the new transport budget on Tuesday after a long debate that lasted well into the evening, officials said.';

describe('output paths', () => {
  it('come from the input tree only: ../ and absolute paths in every metadata field change nothing', async () => {
    const work = tempDir('newsclean-paths-');
    mkdirSync(path.join(work, 'inbox'));
    const evil = ['../../escape', '/tmp/escape-abs', '..\\\\..\\\\win', '~/home-escape', 'a/../../b'];
    const keys = ['title', 'post_title', 'permalink', 'slug', 'url', 'canonical_url', 'original_link', 'id', 'ID', 'author', 'category', 'section', 'filename', 'path', 'output', 'input', 'source', 'publisher'];
    evil.forEach((e, i) => {
      const fm = keys.map((k) => `${k}: ${JSON.stringify(e)}`).join('\n');
      writeFileSync(path.join(work, 'inbox', `story-${i}.md`), `---\n${fm}\n---\n${BODY}\n`);
    });
    const r = await runCli(['inbox', '-o', 'out', '--json'], { cwd: work });
    expect(r.code).toBe(0);
    const all = listFiles(work).filter((f) => !f.startsWith('inbox') && path.basename(f) !== MANIFEST);
    expect(all.sort()).toEqual(evil.map((_, i) => path.join('out', `story-${i}.md`)).sort());
  });
});

describe('content', () => {
  it('no script, style, iframe, event handlers, javascript: or data: links reach the Markdown', () => {
    const html = `<p>${BODY}</p><script>alert(1)</script><style>body{}</style><iframe src="https://evil.example"></iframe>
      <p onclick="alert(2)">Click <a href="javascript:alert(3)">here</a>, <a href="JaVaScRiPt&colon;alert(4)">there</a>,
      <a href=" data:text/html;base64,PHNjcmlwdD4=">data</a> and <a href="vbscript:x">vb</a> and <a href="https://example.org/ok">ok</a>.</p>
      <img src="x" onerror="alert(5)"><svg onload="alert(6)"><script>alert(7)</script></svg><object data="x.swf"></object>
      <p>&lt;script&gt;alert(8)&lt;/script&gt; is how the attack was written, the report said.</p>`;
    const md = cleanText(html).markdown!;
    expect(md).not.toMatch(/(?<!\\)<(?:script|style|iframe|object|svg)|onclick|onerror|onload|javascript:|data:text|vbscript:/i);
    expect(md).not.toMatch(/alert\([1-7]\)/);
    expect(md).toContain('[ok](https://example.org/ok)');
    expect(md).toContain('\\<script>alert(8)'); // shown as text, never as a tag
  });

  it('front matter round-trips any string through standard YAML parsers', () => {
    const titles = ['He said: "no" — and left', "It's a 'quote'", '---', 'line one\nline two', '# not a comment', '@handle: [x] {y} *z* &a !b %c |d >e', 'yes', 'null', '0123', '2016-07-16', 'ends with colon:', ' leading space', 'tab\there', 'emoji 😀 and ünïcödé'];
    for (const t of titles) {
      const r = cleanText(`---\ntitle: ${JSON.stringify(t)}\n---\n${BODY}\n`);
      const fm = r.markdown!.split('\n---\n')[0]!.replace(/^---\n/, '');
      expect(YAML.parse(fm).title, t).toBe(r.metadata.title);
      expect(matter(r.markdown!, {}).data.title, t).toBe(r.metadata.title);
      expect(r.metadata.title).toBe(t.replace(/\s+/g, ' ').trim());
    }
  });
});

describe('input folder', () => {
  it('is opened read-only: a read-only inbox is cleaned without error', async () => {
    const work = tempDir('newsclean-ro-');
    const inbox = path.join(work, 'inbox');
    mkdirSync(inbox);
    writeFileSync(path.join(inbox, 'a.txt'), `Title line here\n\n${BODY}\n`);
    const { chmodSync } = await import('node:fs');
    chmodSync(path.join(inbox, 'a.txt'), 0o444);
    chmodSync(inbox, 0o555);
    const r = await runCli(['inbox', '-o', 'out'], { cwd: work });
    chmodSync(inbox, 0o755);
    expect(r.code).toBe(0);
    expect(readFileSync(path.join(work, 'out', 'a.md'), 'utf8')).toContain(BODY);
  });
});
