/**
 * File names are shown escaped on a terminal and in messages: a name holding escape sequences or line breaks
 * cannot set the terminal title, colour the output, clear the screen or forge a line of the report.
 */
import { cpSync, mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { escapeBytes, escapeForTerminal } from '../src/report/escape.js';
import { runCli } from './helpers/cli.js';
import { FIXTURES } from './helpers/paths.js';
import { tempDir } from './helpers/tree.js';

const TITLE = 'title\u001b]0;pwned\u0007.txt';
const CLEAR = '\u001b[2J\u001b[31mred.txt';
const FORGED = 'a.txt\n✔ forged.txt → out/forged.md  text, 1 words\nnewsclean: b.txt';
const BIDI = 'invoice\u202etxt.exe.txt';
const C1 = 'csi\u009b31m.txt';

describe('escapeForTerminal', () => {
  it('writes control characters, C1 controls, separators, bidi controls, lone surrogates and backslashes as escapes', () => {
    expect(escapeForTerminal(TITLE)).toBe('title\\x1b]0;pwned\\x07.txt');
    expect(escapeForTerminal('a\nb\r\tc\\d\u007f')).toBe('a\\nb\\r\\tc\\\\d\\x7f');
    expect(escapeForTerminal(C1)).toBe('csi\\u{9b}31m.txt');
    expect(escapeForTerminal(BIDI)).toBe('invoice\\u{202e}txt.exe.txt');
    expect(escapeForTerminal('x\u2028y')).toBe('x\\u{2028}y');
    expect(escapeForTerminal('lone\ud800.txt')).toBe('lone\\u{d800}.txt');
    // any script, emoji and joiners stay as they are
    for (const ok of ['Москва.txt', 'نامه‌ها.txt', '東京 ニュース.html', '👩‍💻 notes.md', 'café — “quoted”.txt']) expect(escapeForTerminal(ok)).toBe(ok);
  });

  it('leaves nothing a terminal acts on, and is one-to-one (two names never look the same)', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary' }), fc.string({ unit: 'binary' }), (a, b) => {
        const ea = escapeForTerminal(a);
        // eslint-disable-next-line no-control-regex
        expect(ea).not.toMatch(/[\u0000-\u001f\u007f-\u009f\u2028\u2029\u202a-\u202e\u2066-\u2069]/);
        expect(ea.isWellFormed()).toBe(true);
        if (a !== b) expect(ea).not.toBe(escapeForTerminal(b));
      }),
      { numRuns: 2000 },
    );
  });

  it('escapeBytes shows bytes that are not UTF-8 as \\xNN, the rest as escapeForTerminal does', () => {
    expect(escapeBytes(Buffer.from([0x62, 0x61, 0x64, 0xff, 0x2e, 0x74, 0x78, 0x74]))).toBe('bad\\xff.txt');
    expect(escapeBytes(Buffer.from('caf\xe9.txt', 'latin1'))).toBe('caf\\xe9.txt');
    expect(escapeBytes(Buffer.from('café\u001b[2J.txt'))).toBe('café\\x1b[2J.txt');
    // overlong forms and encoded surrogates are not valid UTF-8
    expect(escapeBytes(Buffer.from([0xc0, 0xaf, 0xed, 0xa0, 0x80]))).toBe('\\xc0\\xaf\\xed\\xa0\\x80');
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme' }), (s) => {
        expect(escapeBytes(Buffer.from(s))).toBe(escapeForTerminal(s));
      }),
    );
  });
});

describe('hostile file names through the real binary', () => {
  it('the report, the per-file errors and the messages show every name escaped, one line per line', async () => {
    const work = tempDir();
    const inbox = path.join(work, 'in');
    mkdirSync(inbox);
    // two copies of stories that share passages (a pair line names both), and files that fail (error lines)
    cpSync(path.join(FIXTURES, 'inbox', '000_71cecdebd7891502.txt'), path.join(inbox, TITLE));
    cpSync(path.join(FIXTURES, 'inbox', '003_16d60ea988cd834e.txt'), path.join(inbox, FORGED));
    cpSync(path.join(FIXTURES, 'inbox', '001_6bec7f7e1818aaca.txt'), path.join(inbox, BIDI));
    writeFileSync(path.join(inbox, CLEAR), '');
    writeFileSync(path.join(inbox, C1), Buffer.from([0x89, 0x50, 0x4e, 0x47, 0, 0, 0, 0]));
    const r = await runCli(['in', '-o', 'out', '--verbose', '--explain'], { cwd: work });
    expect(r.code).toBe(1);
    for (const stream of [r.stdout, r.stderr]) {
      // eslint-disable-next-line no-control-regex
      expect(stream).not.toMatch(/[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u202e]/);
      expect(stream).not.toMatch(/^✔ forged/m);
      expect(stream).not.toMatch(/^newsclean: b\.txt/m);
    }
    expect(r.stdout).toContain('in/title\\x1b]0;pwned\\x07.txt');
    expect(r.stdout).toContain('in/a.txt\\n✔ forged.txt → out/forged.md  text, 1 words\\nnewsclean: b.txt');
    expect(r.stdout).toContain('in/invoice\\u{202e}txt.exe.txt');
    expect(r.stderr).toContain('newsclean: in/\\x1b[2J\\x1b[31mred.txt: empty: ');
    expect(r.stderr).toContain('newsclean: in/csi\\u{9b}31m.txt: binary: ');
    // the JSON report keeps the names as they are (JSON escapes what it must)
    const json = await runCli(['in', '-o', 'out2', '--json'], { cwd: work });
    const inputs = JSON.parse(json.stdout).documents.map((d: { input: string }) => d.input);
    expect(inputs).toContain(`in/${TITLE}`);
    expect(inputs).toContain(`in/${FORGED}`);
  });

  it('a usage error that quotes a name is escaped too, and stays one line', async () => {
    const work = tempDir();
    for (const name of [`missing\u001b[2J\nnewsclean: ok`, `--evil\u001b]0;x\u0007`]) {
      const r = await runCli([name], { cwd: work });
      expect(r.code).toBe(2);
      expect(r.stderr).toMatch(/^newsclean: [^\n]+\n$/);
      // eslint-disable-next-line no-control-regex
      expect(r.stderr).not.toMatch(/[\u0000-\u0009\u000b-\u001f]/);
      expect(r.stderr).toContain('\\x1b');
    }
  });
});
