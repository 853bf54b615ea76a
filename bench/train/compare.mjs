#!/usr/bin/env node
// Compares two html-eval outputs page by page: node bench/train/compare.mjs OLD.jsonl NEW.jsonl [--min 0.02]
import { readFileSync } from 'node:fs';
const [a, b] = process.argv.slice(2);
const min = process.argv.includes('--min') ? Number(process.argv[process.argv.indexOf('--min') + 1]) : 0.02;
const load = (f) => new Map(readFileSync(f, 'utf8').trim().split('\n').map((l) => JSON.parse(l)).map((r) => [r.id, r]));
const A = load(a), B = load(b);
let up = 0, down = 0, gain = 0;
const lines = [];
for (const [id, y] of B) {
  const x = A.get(id);
  if (!x) continue;
  const d = y.f1 - x.f1;
  gain += d;
  if (Math.abs(d) >= min) {
    d > 0 ? up++ : down++;
    lines.push([d, `${d > 0 ? '+' : ''}${d.toFixed(3)} ${id} (${y.fold}) ${x.f1} -> ${y.f1} P ${x.p?.toFixed(2)}->${y.p?.toFixed(2)} R ${x.r?.toFixed(2)}->${y.r?.toFixed(2)}${y.error ? ' ' + y.error.slice(0, 60) : ''}`]);
  }
  for (const f of ['title', 'author', 'date']) if (x[f] && y[f] && x[f].ok !== y[f].ok) lines.push([0, `${f} ${y[f].ok ? 'FIXED' : 'BROKE'} ${id}: ${JSON.stringify(x[f].got)} -> ${JSON.stringify(y[f].got)} (want ${JSON.stringify(y[f].want)})`]);
}
lines.sort((p, q) => p[0] - q[0]);
for (const [, l] of lines) console.log(l);
console.log(`${up} better, ${down} worse (|d| >= ${min}); sum of page-F1 change ${gain.toFixed(2)}`);
