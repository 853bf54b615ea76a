/**
 * Output paths: the input tree mirrored under --out, each file ending in `.md`. Paths come only from the input's
 * place in the tree — never from titles, permalinks or front matter — and are checked to stay inside --out.
 */
import path from 'node:path';
import type { InputFile } from './walk.js';

/** Maps each input to a path relative to the output folder. Two inputs never share an output. */
export function planOutputs(files: InputFile[], roots: string[]): Map<InputFile, string> {
  const multi = new Set(files.map((f) => f.root)).size > 1;
  const labels = rootLabels(roots);
  const proposals = new Map<InputFile, string>();
  for (const f of files) {
    const prefix = multi ? `${labels[f.root]}/` : '';
    proposals.set(f, prefix + swapExtension(f.rel));
  }
  // Two inputs that would meet on one name (a.txt and a.html) both keep their full names: a.txt.md, a.html.md.
  const counts = new Map<string, number>();
  for (const p of proposals.values()) counts.set(p.toLowerCase(), (counts.get(p.toLowerCase()) ?? 0) + 1);
  for (const [f, p] of proposals) {
    if ((counts.get(p.toLowerCase()) ?? 0) > 1) proposals.set(f, (multi ? `${labels[f.root]}/` : '') + `${f.rel}.md`);
  }
  return proposals;
}

function swapExtension(rel: string): string {
  const dir = path.posix.dirname(rel);
  const base = path.posix.basename(rel);
  const dot = base.lastIndexOf('.');
  const stem = dot > 0 ? base.slice(0, dot) : base;
  return (dir === '.' ? '' : `${dir}/`) + `${stem}.md`;
}

function rootLabels(roots: string[]): string[] {
  const seen = new Map<string, number>();
  return roots.map((r) => {
    const name = path.basename(r) || 'root';
    const n = (seen.get(name) ?? 0) + 1;
    seen.set(name, n);
    return n === 1 ? name : `${name}-${n}`;
  });
}

/** The absolute output path for a relative one, refusing anything that would leave the output folder. */
export function safeJoin(outAbs: string, rel: string): string {
  const target = path.resolve(outAbs, rel);
  const back = path.relative(outAbs, target);
  if (!back || back.startsWith('..') || path.isAbsolute(back)) throw new Error(`output path escapes the output folder: ${rel}`);
  return target;
}
