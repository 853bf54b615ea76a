/**
 * The CLI: parse arguments → library run → reporter → exit code. Takes its streams and environment as
 * arguments and returns the exit code, so tests can drive it; only bin/newsclean.js touches `process`.
 */
import type { Writable } from 'node:stream';
import { CommanderError } from 'commander';
import { buildProgram } from './args.js';
import { decideColor, makeChalk } from './color.js';
import { run, UsageError, type RunReport } from '../run/index.js';
import { jsonReport } from '../report/json.js';
import { terminalReport } from '../report/terminal.js';
import { Progress } from '../report/progress.js';
import { writeRunReport } from '../report/html/index.js';
import { rules } from '../rules/index.js';
import { ConfigError } from '../errors.js';

export interface CliIo {
  argv: string[];
  cwd: string;
  env: NodeJS.ProcessEnv;
  stdout: Writable & { isTTY?: boolean };
  stderr: Writable & { isTTY?: boolean };
  signal?: AbortSignal;
}

export const EXIT = { ok: 0, failures: 1, usage: 2, interrupted: 130 } as const;

interface Opts {
  out: string;
  json?: boolean;
  jsonl?: boolean;
  dryRun?: boolean;
  quiet?: boolean;
  explain?: boolean;
  report?: string;
  color?: boolean;
  disable: string[];
  listRules?: boolean;
  threshold: number;
  containment: number;
  shingleSize: number;
  minShared: number;
  dedup: boolean;
  dropDuplicates?: boolean;
  maxFileSize: number;
  maxDepth: number;
  timeout: number;
  followSymlinks?: boolean;
  hidden?: boolean;
  threads: number;
}

export async function main(io: CliIo): Promise<number> {
  const program = buildProgram();
  let out = '';
  let err = '';
  program.configureOutput({ writeOut: (s) => (out += s), writeErr: (s) => (err += s) });
  // commander sets colour=false on --no-color; track whether --color was given explicitly
  const argv = io.argv;
  let inputs: string[] = [];
  let opts: Opts;
  try {
    program.parse(argv, { from: 'user' });
    inputs = program.args;
    opts = program.opts<Opts>();
  } catch (e) {
    if (e instanceof CommanderError) {
      if (e.code === 'commander.helpDisplayed' || e.code === 'commander.version' || e.code === 'commander.help') {
        io.stdout.write(out);
        return EXIT.ok;
      }
      io.stderr.write(`newsclean: ${oneLine(e.message.replace(/^error:\s*/i, ''))}\n(see newsclean --help)\n`);
      return EXIT.usage;
    }
    throw e;
  }
  const colorFlag = argv.includes('--no-color') ? false : argv.includes('--color') ? true : undefined;
  const chalk = makeChalk(!opts.json && decideColor(colorFlag, io.env, Boolean(io.stdout.isTTY)));
  const errChalk = makeChalk(decideColor(colorFlag, io.env, Boolean(io.stderr.isTTY)));

  if (opts.listRules) {
    const rows = rules.map((r) => `${r.id}  ${r.name.padEnd(20)} ${r.stage.padEnd(5)} ${chalk.dim(r.tags.join(','))}\n        ${r.description}`);
    io.stdout.write(`${rows.join('\n')}\n`);
    return EXIT.ok;
  }
  if (inputs.length === 0) {
    io.stderr.write('newsclean: no input given: name files, folders or globs to clean (see newsclean --help)\n');
    return EXIT.usage;
  }

  if (opts.json && opts.jsonl) {
    io.stderr.write('newsclean: --json and --jsonl cannot be used together (see newsclean --help)\n');
    return EXIT.usage;
  }
  const machine = Boolean(opts.json || opts.jsonl);
  // progress only on a terminal, never with machine-readable output or --quiet
  const ui: { progress: Progress | null } = { progress: null };
  const line = (s: string): void => {
    ui.progress?.clear();
    io.stderr.write(s);
  };
  const emit = (record: object): void => {
    io.stdout.write(`${JSON.stringify(record)}\n`);
  };

  let report: RunReport;
  const startedAt = new Date();
  let runOptions: Parameters<typeof run>[0];
  try {
    report = await run((runOptions = {
      inputs,
      out: opts.out,
      cwd: io.cwd,
      dryRun: Boolean(opts.dryRun),
      settings: { disable: opts.disable, maxFileSize: opts.maxFileSize, maxDepth: opts.maxDepth, timeoutMs: opts.timeout },
      dedup: opts.dedup ? { jaccardThreshold: opts.threshold, containmentThreshold: opts.containment, shingleSize: opts.shingleSize, minSharedTokens: opts.minShared } : false,
      dropDuplicates: Boolean(opts.dropDuplicates),
      followSymlinks: Boolean(opts.followSymlinks),
      includeHidden: Boolean(opts.hidden),
      threads: opts.threads,
      // what was removed is shown only by the JSON report and the terminal report (--jsonl has streamed it)
      retainDetails: Boolean(opts.json) || Boolean(opts.report) || (!opts.jsonl && !opts.quiet),
      ...(io.signal ? { signal: io.signal } : {}),
      onStart: (total) => {
        if (io.stderr.isTTY && !machine && !opts.quiet && total > 1) ui.progress = new Progress(io.stderr, total);
      },
      onDocument: (doc, done) => {
        if (doc.error) line(`${errChalk.red('newsclean:')} ${doc.input}: ${doc.error.code}: ${oneLine(doc.error.message)}\n`);
        if (opts.jsonl) emit({ type: 'document', ...doc });
        ui.progress?.update(done);
      },
      onLateError: (doc) => {
        if (doc.error) line(`${errChalk.red('newsclean:')} ${doc.input}: ${doc.error.code}: ${oneLine(doc.error.message)}\n`);
        if (opts.jsonl) emit({ type: 'error', input: doc.input, error: doc.error });
      },
    }));
  } catch (e) {
    if (e instanceof UsageError || e instanceof ConfigError) {
      io.stderr.write(`newsclean: ${oneLine(e.message)}\n`);
      return EXIT.usage;
    }
    throw e;
  }

  const elapsedMs = Date.now() - startedAt.getTime();
  ui.progress?.clear();
  if (opts.json) io.stdout.write(jsonReport(report));
  else if (opts.jsonl) {
    for (const p of report.pairs) emit({ type: 'pair', ...p });
    for (const c of report.clusters) emit({ type: 'cluster', ...c });
    for (const s of report.skipped) emit({ type: 'skipped', ...s });
    emit({ type: 'summary', ...report.summary, interrupted: report.interrupted });
  }
  else if (opts.quiet) {
    const s = report.summary;
    io.stdout.write(`${s.files} files, ${s.cleaned} cleaned, ${s.failed} failed, ${s.duplicates} duplicate and ${s.overlaps} overlap pairs\n`);
  } else io.stdout.write(terminalReport(report, { chalk, explain: Boolean(opts.explain) }));

  if (opts.report) {
    const written = writeRunReport(opts.report, report, runOptions, { argv, cwd: io.cwd, startedAt, elapsedMs });
    if ('error' in written) {
      io.stderr.write(`newsclean: cannot write the report ${opts.report}: ${written.error}\n`);
      if (!report.interrupted) return EXIT.failures;
    } else if (!opts.quiet) io.stderr.write(`newsclean: report written to ${opts.report} (${(written.bytes / 1e6).toFixed(1)} MB)\n`);
  }
  if (report.interrupted) return EXIT.interrupted;
  return report.summary.failed > 0 ? EXIT.failures : EXIT.ok;
}

function oneLine(s: string): string {
  return s.replace(/\s*\n\s*/g, ' ').trim();
}
