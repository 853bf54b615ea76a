/**
 * --jsonl records are final: the stream says what --json says about the same run, document by document
 * (status, output, cluster and duplicate_of included), with and without --drop-duplicates, and every output it
 * names exists.
 */
import { cpSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { runCli } from './helpers/cli.js';
import { FIXTURES } from './helpers/paths.js';
import { tempDir } from './helpers/tree.js';

let work: string;

beforeAll(() => {
  work = tempDir();
  const inbox = path.join(work, 'inbox');
  cpSync(path.join(FIXTURES, 'inbox'), inbox, { recursive: true });
  // a cluster of three copies of one story (one lightly edited), and a file that fails
  const story = readFileSync(path.join(inbox, '001_6bec7f7e1818aaca.txt'), 'utf8');
  mkdirSync(path.join(inbox, 'copies'));
  writeFileSync(path.join(inbox, 'copies', 'a.txt'), story);
  writeFileSync(path.join(inbox, 'copies', 'b.txt'), story.replace('Friday', 'Saturday'));
  writeFileSync(path.join(inbox, 'empty.txt'), '');
});

interface Rec {
  type: string;
  [k: string]: unknown;
}

function split(jsonl: string): { documents: Rec[]; rest: Rec[] } {
  const records = jsonl.trim().split('\n').map((l) => JSON.parse(l) as Rec);
  const kinds = records.map((r) => r.type);
  // documents first, then pairs, clusters, skipped, and the summary last
  const order = ['document', 'pair', 'cluster', 'skipped', 'summary'];
  expect(kinds.map((k) => order.indexOf(k))).toEqual([...kinds.map((k) => order.indexOf(k))].sort((a, b) => a - b));
  expect(kinds.at(-1)).toBe('summary');
  const strip = ({ type, ...r }: Rec): Rec => r as Rec;
  return { documents: records.filter((r) => r.type === 'document').map(strip) as Rec[], rest: records.filter((r) => r.type !== 'document') };
}

describe('--jsonl against --json on the same run', () => {
  it.each([[[] as string[]], [['--drop-duplicates']]])('%j: the same documents, pairs, clusters, skipped and summary', async (extra) => {
    const tag = extra.length ? 'drop' : 'keep';
    const json = await runCli(['inbox', '-o', `json-${tag}`, '--json', ...extra], { cwd: work });
    const jsonl = await runCli(['inbox', '-o', `jsonl-${tag}`, '--jsonl', ...extra], { cwd: work });
    expect(json.code).toBe(1);
    expect(jsonl.code).toBe(1);
    const report = JSON.parse(json.stdout.replaceAll(`json-${tag}/`, 'OUT/'));
    const stream = split(jsonl.stdout.replaceAll(`jsonl-${tag}/`, 'OUT/'));
    expect(stream.documents).toEqual(report.documents);
    const typed = (type: string, xs: object[]) => xs.map((x) => ({ type, ...x }));
    expect(stream.rest).toEqual([
      ...typed('pair', report.pairs),
      ...typed('cluster', report.clusters),
      ...typed('skipped', report.skipped),
      { type: 'summary', ...report.summary, interrupted: report.interrupted },
    ]);
    // the run has a cluster of three, and its members say so
    expect(report.clusters).toHaveLength(1);
    const members = stream.documents.filter((d) => (d.metadata as { cluster?: string }).cluster);
    expect(members).toHaveLength(3);
    expect(members.filter((d) => (d.metadata as { duplicate_of?: string }).duplicate_of)).toHaveLength(2);
    // every output a record names was written, and what it says is what the file says
    for (const d of stream.documents) {
      if (extra.length && (d.metadata as { duplicate_of?: string }).duplicate_of) expect([d.status, d.output]).toEqual(['dropped-duplicate', null]);
      if (d.output === null) continue;
      const file = readFileSync(path.join(work, (d.output as string).replace('OUT/', `jsonl-${tag}/`)), 'utf8');
      const cluster = (d.metadata as { cluster?: string }).cluster;
      if (cluster) expect(file).toContain(`\ncluster: "${cluster}"\n`);
    }
    expect(existsSync(path.join(work, `jsonl-${tag}`, 'copies', 'b.md'))).toBe(!extra.length);
  });

  it('without near-duplicate detection the records stream as files are done, and say the same as --json', async () => {
    const json = await runCli(['inbox', '-o', 'nd-json', '--json', '--no-dedup'], { cwd: work });
    const jsonl = await runCli(['inbox', '-o', 'nd-jsonl', '--jsonl', '--no-dedup'], { cwd: work });
    const report = JSON.parse(json.stdout.replaceAll('nd-json/', 'OUT/'));
    expect(split(jsonl.stdout.replaceAll('nd-jsonl/', 'OUT/')).documents).toEqual(report.documents);
  });
});
