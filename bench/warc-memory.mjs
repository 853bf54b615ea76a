#!/usr/bin/env node
// Peak memory for cleaning a WARC.gz crawl into a JSONL corpus, at several crawl sizes in one sitting: the payloads
// are streamed (read twice: listed by collect, read again as each record's turn comes), so the peak should not grow
// with the file; what does grow is the per-document report entry and near-duplicate signature (small).
//
//   npm run build && node bench/warc-memory.mjs [--sizes 100M,1G] [--dir /tmp/newsclean-warc-bench] [--threads N] [--quiet] [-- extra newsclean options]
//
// Crawls are made by bench/gen/warc.mjs (kept in --dir for the next run). Each run is
// `newsclean crawl.warc.gz --format jsonl -o -` (records to /dev/null; the summary on stderr, as a user runs it; with
// --quiet, -q), measured by /usr/bin/time (peak RSS of the
// process, worker threads included) or, without it, by polling /proc/PID/status VmHWM.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, statSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';

const here = path.dirname(fileURLToPath(import.meta.url));
const { values, positionals } = parseArgs({
  options: { sizes: { type: 'string', default: '100M,1G' }, dir: { type: 'string', default: '/tmp/newsclean-warc-bench' }, threads: { type: 'string' }, size: { type: 'string' }, quiet: { type: 'boolean' } },
  allowPositionals: true,
  strict: false,
});
const sizes = String(values.size ?? values.sizes).split(',').map((s) => s.trim().toUpperCase().replace(/B$/, ''));
mkdirSync(values.dir, { recursive: true });
const bin = path.join(here, '../bin/newsclean.js');

function peakOf(pid) {
  try {
    const m = readFileSync(`/proc/${pid}/status`, 'utf8').match(/VmHWM:\s+(\d+) kB/);
    return m ? Number(m[1]) : 0;
  } catch {
    return 0;
  }
}

async function measure(file) {
  const args = [bin, file, '--format', 'jsonl', '-o', '-', ...(values.quiet ? ['-q'] : []), ...(values.threads ? ['--threads', values.threads] : []), ...positionals];
  const started = Date.now();
  const child = spawn(process.execPath, args, { stdio: ['ignore', 'ignore', 'pipe'] });
  let err = '';
  child.stderr.on('data', (d) => (err += d));
  let peakKb = 0;
  const poll = setInterval(() => (peakKb = Math.max(peakKb, peakOf(child.pid))), 100);
  const code = await new Promise((resolve) => child.on('close', resolve));
  clearInterval(poll);
  return { code, peakKb, seconds: (Date.now() - started) / 1000, summary: err.trim().split('\n').find((l) => /^\d+ files?, /.test(l)) ?? err.trim().split('\n').pop() };
}

const rows = [];
for (const size of sizes) {
  const file = path.join(values.dir, `crawl-${size}.warc.gz`);
  if (!existsSync(file)) {
    const g = spawnSync(process.execPath, [path.join(here, 'gen/warc.mjs'), '--out', file, '--bytes', size], { stdio: 'inherit' });
    if (g.status !== 0) process.exit(g.status ?? 1);
  }
  const r = await measure(file);
  const mb = statSync(file).size / 1e6;
  rows.push({ size, mb, ...r });
  console.log(`${size.padEnd(5)} ${mb.toFixed(0).padStart(6)} MB on disk  peak RSS ${(r.peakKb / 1024).toFixed(0).padStart(5)} MB  ${r.seconds.toFixed(0).padStart(5)} s  exit ${r.code}  (${r.summary})`);
}
if (rows.length > 1) {
  const a = rows[0];
  const b = rows[rows.length - 1];
  console.log(`file ${(b.mb / a.mb).toFixed(1)}x larger, peak RSS ${(b.peakKb / a.peakKb).toFixed(2)}x`);
}
