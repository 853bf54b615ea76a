/** Atomic writes: complete files at their names, no temporary file left, other runs' leftovers swept. */
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { writeAtomicSync } from '../src/run/write.js';
import { tempDir } from './helpers/tree.js';

describe('writeAtomicSync', () => {
  it('writes many files into one folder: each complete, no temporary name left, a second write replaces the first', () => {
    const dir = tempDir();
    for (let i = 0; i < 300; i++) writeAtomicSync(path.join(dir, `f${i}.md`), `body ${i}\n`);
    writeAtomicSync(path.join(dir, 'f7.md'), 'replaced\n');
    const names = readdirSync(dir).sort();
    expect(names).toHaveLength(300);
    expect(names.every((n) => /^f\d+\.md$/.test(n))).toBe(true);
    expect(readFileSync(path.join(dir, 'f299.md'), 'utf8')).toBe('body 299\n');
    expect(readFileSync(path.join(dir, 'f7.md'), 'utf8')).toBe('replaced\n');
  });

  it('never makes a folder (the run makes them, without following links) and never touches other files', () => {
    const dir = path.join(tempDir(), 'out');
    expect(() => writeAtomicSync(path.join(dir, 'a.md'), 'body')).toThrow(/ENOENT/);
    mkdirSync(dir);
    writeFileSync(path.join(dir, '.newsclean.999999.0badc0de.tmp'), 'partial');
    writeFileSync(path.join(dir, 'keep.md'), 'kept');
    writeAtomicSync(path.join(dir, 'a.md'), 'complete\n');
    expect(readdirSync(dir).sort()).toEqual(['.newsclean.999999.0badc0de.tmp', 'a.md', 'keep.md']);
  });

  it('a name of 255 bytes is written (the temporary name has a fixed length)', () => {
    const dir = tempDir();
    const name = `${'é'.repeat(126)}.md`;
    expect(Buffer.byteLength(name)).toBe(255);
    writeAtomicSync(path.join(dir, name), 'long\n');
    expect(readdirSync(dir)).toEqual([name]);
  });

  it('a write whose rename fails (a folder stands at the target) throws and leaves no temporary file', () => {
    const dir = tempDir();
    mkdirSync(path.join(dir, 'x.md'));
    expect(() => writeAtomicSync(path.join(dir, 'x.md'), 'body')).toThrow();
    expect(readdirSync(dir)).toEqual(['x.md']);
  });
});
