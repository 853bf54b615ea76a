// What the development-page scripts of bench/train share: the project's root, the pages set beside it, and the
// command line's `--name value` options.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
export const setDir = path.resolve(root, '../shared/bench/pages');
export const args = process.argv.slice(2);
/** The value after option `name` on the command line, or `fallback`. */
export const opt = (name, fallback) => (args.includes(name) ? args[args.indexOf(name) + 1] : fallback);

/** The set's truth lines, parsed. */
export const readTruth = () => readFileSync(path.join(setDir, 'truth.jsonl'), 'utf8').split('\n').filter(Boolean).map((l) => JSON.parse(l));

const WORD = /[\p{L}\p{N}_]+/gu;
/** Word trigrams of a text, in order (the HTML diagnostics' unit: about a word each). */
export const grams = (s) => {
  const w = s.match(WORD) ?? [];
  const out = [];
  for (let i = 0; i + 2 < w.length; i++) out.push(w[i] + ' ' + w[i + 1] + ' ' + w[i + 2]);
  return out;
};

/**
 * The text block of each element of an extractor's analysis (`a`: its els, parent and flags) and the text each
 * block holds directly: `blockOf[i]` is the nearest block at or above element i (-1 above every block), `text[b]`
 * the text nodes of block b and of the elements under it that are no blocks themselves.
 */
export function blockTexts(a, F_BLOCK) {
  const n = a.els.length;
  const blockOf = new Int32Array(n);
  const text = new Array(n).fill('');
  for (let i = 0; i < n; i++) {
    const p = a.parent[i];
    blockOf[i] = a.flags[i] & F_BLOCK ? i : p >= 0 ? blockOf[p] : -1;
    const b = blockOf[i];
    if (b < 0) continue;
    for (const c of a.els[i].children) if (c.type === 'text') text[b] += c.data;
  }
  return { blockOf, text };
}

/**
 * How much of each unit (line) of a read document the true body covers: the units' tokens in order, each marked when
 * a true 4-gram covers it (`trueCounts`: the true 4-grams with their counts, so that a passage the page shows twice is
 * article once). Per unit, its token count and covered token count. The line label of the text trainers and
 * diagnostics is covered / tokens ≥ 0.5.
 */
export function unitCoverage(doc, trueCounts, tokenize) {
  const toks = [];
  const owner = [];
  doc.units.forEach((u, j) => {
    for (const t of tokenize(u.text)) {
      toks.push(t);
      owner.push(j);
    }
  });
  const covered = new Uint8Array(toks.length);
  const left = new Map(trueCounts);
  for (let i = 0; i + 4 <= toks.length; i++) {
    const key = `${toks[i]} ${toks[i + 1]} ${toks[i + 2]} ${toks[i + 3]}`;
    const c = left.get(key);
    if (c) {
      left.set(key, c - 1);
      covered.fill(1, i, i + 4);
    }
  }
  const n = doc.units.length;
  const tokCount = new Float64Array(n);
  const covCount = new Float64Array(n);
  for (let i = 0; i < toks.length; i++) {
    tokCount[owner[i]]++;
    covCount[owner[i]] += covered[i];
  }
  return { tokCount, covCount };
}
