#!/usr/bin/env node
// Peak memory of the whole command per input file, on many tiny files:
//
//   npm run bench -- memory [--files=100000,300000] [--json] [--keep]
//
// For each count N, writes N tiny articles (about 200 bytes each, 1,000 per folder) under a temporary folder, runs
// `newsclean DIR -o OUT -q` (and with --json, `--json` to /dev/null) in a child process, and prints its peak RSS,
// the peak of a run on 1,000 files of the same kind (the fixed cost: code, workers, buffers), and the bytes per file
// beyond that fixed cost; then how much the peak grows per file added between the counts (the README's figure).
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';

const here = path.dirname(fileURLToPath(import.meta.url));
const BIN = path.join(here, '../bin/newsclean.js');
const { values } = parseArgs({ options: { files: { type: 'string', default: '100000,300000' }, json: { type: 'boolean', default: false }, keep: { type: 'boolean', default: false } } });
const counts = values.files.split(',').map(Number).filter((n) => n > 0);

// each note its own words (pseudo-words from a seeded generator), so that no two are near-duplicates
const SYL = ['ka', 'lo', 'mi', 'ne', 'ru', 'sa', 'te', 'vo', 'zi', 'pa', 'do', 'gu', 'be', 'fi', 'ho', 'ju'];
function tiny(i) {
  let s = (i + 1) * 2654435761 >>> 0;
  const next = () => (s = (Math.imul(s ^ (s >>> 15), 2246822507) + 0x9e3779b9) >>> 0);
  const word = () => SYL[next() % 16] + SYL[next() % 16] + SYL[next() % 16];
  const words = (n) => Array.from({ length: n }, word).join(' ');
  return `Note ${i}: ${words(4)}\n\nThe ${words(6)} item ${i} was approved after a debate about ${words(8)}, officials said.\n`;
}

function corpus(n) {
  const dir = mkdtempSync(path.join(tmpdir(), `newsclean-mem-${n}-`));
  for (let i = 0; i < n; i++) {
    const sub = path.join(dir, 'in', `f${Math.floor(i / 1000)}`);
    if (i % 1000 === 0) mkdirSync(sub, { recursive: true });
    writeFileSync(path.join(sub, `n${i}.txt`), tiny(i));
  }
  return dir;
}

/** Runs newsclean in a child process that reports its own peak RSS (all threads) when it exits. */
function peak(dir, extra) {
  const report = path.join(dir, 'rss');
  const wrapper = `process.on('exit', () => require('node:fs').writeFileSync(${JSON.stringify(report)}, String(process.resourceUsage().maxRSS))); process.argv.splice(1, 0, ${JSON.stringify(BIN)}); import(${JSON.stringify(BIN)});`;
  rmSync(path.join(dir, 'out'), { recursive: true, force: true });
  const t0 = Date.now();
  const r = spawnSync(process.execPath, ['-e', wrapper, '--', path.join(dir, 'in'), '-o', path.join(dir, 'out'), ...extra], { stdio: ['ignore', 'ignore', 'inherit'], maxBuffer: 1 << 30 });
  if (r.status !== 0) throw new Error(`newsclean exited with ${r.status}`);
  return { kb: Number(readFileSync(report, 'utf8')), s: (Date.now() - t0) / 1000 };
}

const modes = [['-q'], ...(values.json ? [['--json']] : [])];
const base = corpus(1000);
const fixed = Object.fromEntries(modes.map((m) => [m[0], peak(base, m).kb]));
rmSync(base, { recursive: true, force: true });
const rows = [];
for (const n of counts) {
  const dir = corpus(n);
  for (const m of modes) {
    const { kb, s } = peak(dir, m);
    const perFile = ((kb - fixed[m[0]]) * 1024) / (n - 1000);
    rows.push({ files: n, mode: m[0], peakMiB: +(kb / 1024).toFixed(1), fixedMiB: +(fixed[m[0]] / 1024).toFixed(1), bytesPerFile: Math.round(perFile), seconds: s });
    console.log(`${n} files ${m[0].padEnd(6)} peak RSS ${(kb / 1024).toFixed(1)} MiB (1,000 files: ${(fixed[m[0]] / 1024).toFixed(1)} MiB) → ${Math.round(perFile)} bytes per file beyond that; ${s.toFixed(1)} s`);
  }
  if (!values.keep) rmSync(dir, { recursive: true, force: true });
  else console.log(`  kept ${dir}`);
}
// Two figures per mode: the peak beyond a 1,000-file run divided by the files (it includes the heaps of the main
// thread and the workers growing once to their working size), and — the figure against the goal of about 1 KB per
// input file — how much the peak grows per file added between the smallest and the largest count (what a run of
// ten times the files costs more).
for (const m of modes) {
  const mine = rows.filter((r) => r.mode === m[0]);
  const worst = Math.max(...mine.map((r) => r.bytesPerFile));
  console.log(`${m[0].padEnd(6)} peak beyond a 1,000-file run, per file: up to ${worst} bytes`);
  if (mine.length >= 2) {
    const a = mine[0];
    const b = mine[mine.length - 1];
    const growth = Math.round(((b.peakMiB - a.peakMiB) * 1024 * 1024) / (b.files - a.files));
    console.log(`${m[0].padEnd(6)} peak growth per added file, ${a.files.toLocaleString('en')} → ${b.files.toLocaleString('en')} files: ${growth} bytes (goal: at most 1,024): ${growth <= 1024 ? 'met' : 'not met'}`);
  }
}
