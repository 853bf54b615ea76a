/**
 * Ctrl-C after cleaning: a real SIGINT to the spawned binary while near-duplicates are verified, or while the files
 * are written, stops at the next safe point, writes every file that was cleaned, reports `interrupted` and exits 130.
 */
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { CorpusGenerator } from '../src/dedup/index.js';
import { BIN } from './helpers/paths.js';
import { listFiles, tempDir } from './helpers/tree.js';

const DOCS = 1200;
let work: string;

beforeAll(() => {
  work = tempDir();
  // a generated corpus where most articles have near-duplicates, so that verifying and writing take a while
  const gen = new CorpusGenerator({ docs: DOCS, seed: 7 });
  mkdirSync(path.join(work, 'in'));
  for (let i = 0; i < gen.docs; i++) writeFileSync(path.join(work, 'in', `${gen.id(i)}.md`), gen.text(i));
});

/** Runs the binary with --verbose (phase lines on stderr) and sends SIGINT as soon as `phase` begins. */
function interruptAt(phase: RegExp, out: string): Promise<{ code: number | null; stdout: string; stderr: string; sent: boolean }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [BIN, 'in', '-o', out, '--json', '--verbose', '--threads', '1'], { cwd: work, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    let sent = false;
    child.stdout.setEncoding('utf8').on('data', (d: string) => (stdout += d));
    child.stderr.setEncoding('utf8').on('data', (d: string) => {
      stderr += d;
      if (!sent && phase.test(stderr)) {
        sent = true;
        child.kill('SIGINT');
      }
    });
    const timer = setTimeout(() => child.kill('SIGKILL'), 240_000);
    child.on('error', reject);
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve({ code, stdout, stderr, sent });
    });
  });
}

function checkWritten(out: string, report: { documents: Array<{ status: string; output: string | null }> }): void {
  const cleaned = report.documents.filter((d) => d.status === 'cleaned');
  // cleaning was over: every document was cleaned, and every cleaned document's file is there, complete
  expect(cleaned).toHaveLength(DOCS);
  for (const d of cleaned) expect(readFileSync(path.join(work, d.output!), 'utf8')).toMatch(/^---\n[\s\S]*\n---\n\n\S/);
  const files = listFiles(path.join(work, out));
  expect(files.filter((f) => f.endsWith('.md'))).toHaveLength(DOCS);
  // no spool or temporary file is left
  expect(files.filter((f) => f.endsWith('.tmp'))).toEqual([]);
}

describe('SIGINT after cleaning', () => {
  it('while near-duplicates are verified: abandoned, every cleaned file written without duplicate metadata, exit 130', async () => {
    const r = await interruptAt(/near-duplicates: verifying/, 'verify-out');
    expect(r.sent).toBe(true);
    expect(r.code, r.stderr).toBe(130);
    expect(r.stderr).toMatch(/interrupted/);
    const report = JSON.parse(r.stdout);
    expect(report.interrupted).toBe(true);
    expect(report.summary.files).toBe(DOCS);
    checkWritten('verify-out', report);
    // when the verification was cut short, no pair and no cluster is claimed, and no file names one
    if (report.pairs.length === 0) {
      expect(report.clusters).toEqual([]);
      expect(existsSync(path.join(work, report.documents[0].output))).toBe(true);
      for (const d of report.documents) expect(d.metadata.cluster).toBeUndefined();
    }
  }, 300_000);

  it('while the files are written: the writing is finished, the report says interrupted, exit 130', async () => {
    const r = await interruptAt(/newsclean: writing/, 'write-out');
    expect(r.sent).toBe(true);
    expect(r.code, r.stderr).toBe(130);
    const report = JSON.parse(r.stdout);
    expect(report.interrupted).toBe(true);
    checkWritten('write-out', report);
    // the clusters were known by then: the members' files carry them
    expect(report.clusters.length).toBeGreaterThan(0);
    const member = report.documents.find((d: { metadata: { duplicate_of?: string } }) => d.metadata.duplicate_of);
    expect(readFileSync(path.join(work, member.output), 'utf8')).toContain(`duplicate_of: "${member.metadata.duplicate_of}"`);
  }, 300_000);
});
