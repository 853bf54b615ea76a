/**
 * The CLI: parse arguments → library run → reporter → exit code. Takes its streams and environment as
 * arguments and returns the exit code, so tests can drive it; only bin/newsclean.js touches `process`.
 */
import type { Readable, Writable } from 'node:stream';
import { statSync } from 'node:fs';
import { once } from 'node:events';
import path from 'node:path';
import { CommanderError } from 'commander';
import { buildProgram } from './args.js';
import { decideColor, makeChalk } from './color.js';
import { closeDocuments, run, UsageError, type RunReport } from '../run/index.js';
import { jsonReport, writeJsonReport } from '../report/json.js';
import { terminalReport } from '../report/terminal.js';
import { Progress } from '../report/progress.js';
import { writeRunReport } from '../report/html/index.js';
import { disabledRuleIds, rules } from '../rules/index.js';
import { ConfigError } from '../errors.js';
import { escapeForTerminal } from '../report/escape.js';
import { cleanOne, readOne } from './stream.js';
import { applyConfig, loadConfig, resolvedConfig, type LoadedConfig } from './config.js';
import { parseJsonlFields } from '../containers/index.js';
import { indexCommand } from './index-command.js';
import { DetailSpill, documentRecord, jsonLine, tailRecords } from '../report/jsonl.js';

export interface CliIo {
  argv: string[];
  cwd: string;
  env: NodeJS.ProcessEnv;
  stdout: Writable & { isTTY?: boolean };
  stderr: Writable & { isTTY?: boolean };
  signal?: AbortSignal;
  /** Standard input, read only for the input `-` (a function, so that it is opened only then). */
  stdin?: () => Readable;
}

export const EXIT = { ok: 0, failures: 1, usage: 2, interrupted: 130 } as const;

interface Opts {
  out: string;
  json?: boolean;
  jsonl?: boolean;
  dryRun?: boolean;
  quiet?: boolean;
  verbose?: boolean;
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
  index?: string;
  indexWindow?: string;
  shard?: string;
  format: 'markdown' | 'jsonl';
  maxRecordsPerFile?: number;
  jsonlField: string[];
  config?: string;
  printConfig?: boolean;
}

export async function main(io: CliIo): Promise<number> {
  // `newsclean index stats|compact …` (a folder named index is given as ./index)
  if (io.argv[0] === 'index' && (io.argv[1] === 'stats' || io.argv[1] === 'compact')) return indexCommand(io, io.argv.slice(1));
  const program = buildProgram();
  let out = '';
  let err = '';
  program.configureOutput({ writeOut: (s) => (out += s), writeErr: (s) => (err += s) });
  // commander sets colour=false on --no-color; track whether --color was given explicitly
  const argv = io.argv;
  let inputs: string[] = [];
  let opts: Opts;
  let config: LoadedConfig;
  try {
    program.parse(argv, { from: 'user' });
    inputs = program.args;
    // the configuration file fills in what the command line did not give (config.ts)
    config = await loadConfig(io.cwd, program.opts<Opts>().config);
    applyConfig(program, config);
    opts = program.opts<Opts>();
  } catch (e) {
    if (e instanceof ConfigError) {
      io.stderr.write(`newsclean: ${escapeForTerminal(oneLine(e.message))} (see newsclean --help)\n`);
      return EXIT.usage;
    }
    if (e instanceof CommanderError) {
      if (e.code === 'commander.helpDisplayed' || e.code === 'commander.version' || e.code === 'commander.help') {
        io.stdout.write(out);
        return EXIT.ok;
      }
      io.stderr.write(`newsclean: ${escapeForTerminal(oneLine(e.message.replace(/^error:\s*/i, '')))} (see newsclean --help)\n`);
      return EXIT.usage;
    }
    throw e;
  }
  const colorFlag = argv.includes('--no-color') ? false : argv.includes('--color') ? true : undefined;
  // the report goes to stderr when stdout carries the corpus (--format jsonl -o -)
  const reportOut = opts.format === 'jsonl' && opts.out === '-' ? io.stderr : io.stdout;
  const chalk = makeChalk(!opts.json && decideColor(colorFlag, io.env, Boolean(reportOut.isTTY)));
  const errChalk = makeChalk(decideColor(colorFlag, io.env, Boolean(io.stderr.isTTY)));

  if (opts.listRules) {
    if (opts.json) {
      const list = rules.map((r) => ({ id: r.id, name: r.name, stage: r.stage, tags: r.tags, description: r.description }));
      io.stdout.write(`${JSON.stringify(list, null, 2)}\n`);
      return EXIT.ok;
    }
    const rows = rules.map((r) => `${r.id}  ${r.name.padEnd(20)} ${r.stage.padEnd(5)} ${chalk.dim(r.tags.join(','))}\n        ${r.description}`);
    io.stdout.write(`${rows.join('\n')}\n`);
    return EXIT.ok;
  }
  const usage = (message: string): number => {
    io.stderr.write(`newsclean: ${escapeForTerminal(message)}${/\(see /.test(message) ? '' : ' (see newsclean --help)'}\n`);
    return EXIT.usage;
  };
  if (opts.printConfig) {
    io.stdout.write(`${JSON.stringify(resolvedConfig(program, config), null, 2)}\n`);
    return EXIT.ok;
  }
  if (inputs.length === 0) return usage('no input given: name files, folders or globs to clean');
  let jsonlFields;
  try {
    jsonlFields = parseJsonlFields(opts.jsonlField);
  } catch (e) {
    return usage((e as Error).message);
  }
  if (opts.json && opts.jsonl) return usage('--json and --jsonl cannot be used together');
  if (opts.index !== undefined && !opts.dedup) return usage('--index needs near-duplicate detection: it cannot be used with --no-dedup');
  if (opts.index === undefined && opts.indexWindow !== undefined) return usage('--index-window needs --index');

  // one document as a filter: `-` reads stdin; `-o -` writes the Markdown to stdout
  const fromStdin = inputs.includes('-');
  const toStdout = opts.out === '-';
  const outGiven = program.getOptionValueSource('out') === 'cli' || program.getOptionValueSource('out') === 'config';
  // --format jsonl: a corpus file, or the stream of records on stdout (-o -), where nothing else is written
  const corpus = opts.format === 'jsonl';
  if (corpus) {
    if (fromStdin) return usage('--format jsonl reads files, folders or globs, not standard input');
    if (!outGiven && !opts.dryRun) return usage('--format jsonl writes to --out FILE.jsonl (or .jsonl.gz, .jsonl.zst), or to stdout with -o -');
    if (toStdout && (opts.json || opts.jsonl)) return usage('-o - with --format jsonl writes the records to stdout, where --json and --jsonl write the report');
  } else if (opts.maxRecordsPerFile !== undefined) return usage('--max-records-per-file needs --format jsonl');
  if (fromStdin && inputs.length > 1) return usage('- (standard input) is one document: give it alone');
  if (fromStdin && outGiven && !toStdout) return usage('the document read from standard input is written to stdout; -o takes only - with it');
  if (!corpus && toStdout && (opts.json || opts.jsonl)) return usage('-o - writes the Markdown to stdout, where --json and --jsonl write the report');
  if (!corpus && toStdout && !fromStdin) {
    let isFile = false;
    try {
      isFile = inputs.length === 1 && statSync(path.resolve(io.cwd, inputs[0]!)).isFile();
    } catch {
      isFile = false;
    }
    if (!isFile) return usage('-o - writes one document to stdout: give one file, or - for standard input');
  }
  if (fromStdin || (toStdout && !corpus)) {
    try {
      disabledRuleIds(opts.disable); // an unknown rule is a usage error before stdin is read
    } catch (e) {
      if (e instanceof ConfigError) return usage(e.message);
      throw e;
    }
    const input = inputs[0]!;
    const bytes = await readOne(input, path.resolve(io.cwd, input), io.stdin?.(), opts.maxFileSize);
    let one;
    try {
      one = cleanOne(input, bytes, { disable: opts.disable, maxFileSize: opts.maxFileSize, maxDepth: opts.maxDepth, timeoutMs: opts.timeout });
    } catch (e) {
      if (e instanceof ConfigError) return usage(e.message);
      throw e;
    }
    const doc = one.report.documents[0]!;
    if (doc.error) io.stderr.write(`${errChalk.red('newsclean:')} ${escapeForTerminal(doc.input)}: ${doc.error.code}: ${escapeForTerminal(doc.error.message)}\n`);
    else if (doc.status === 'skipped') io.stderr.write(`newsclean: ${escapeForTerminal(doc.input)}: skipped: ${escapeForTerminal(doc.reason ?? '')}\n`);
    if (opts.json) io.stdout.write(jsonReport(one.report));
    else if (opts.jsonl) {
      io.stdout.write(jsonLine(documentRecord(doc)));
      for (const record of tailRecords(one.report)) io.stdout.write(jsonLine(record));
    } else if (one.markdown !== null && !opts.dryRun) io.stdout.write(one.markdown);
    return doc.error ? EXIT.failures : EXIT.ok;
  }

  const machine = Boolean(opts.json || opts.jsonl);
  // progress only on a terminal, never with machine-readable output or --quiet
  const showProgress = Boolean(io.stderr.isTTY) && !machine && !opts.quiet;
  const ui: { progress: Progress | null } = { progress: null };
  const line = (s: string): void => {
    ui.progress?.clear();
    io.stderr.write(s);
  };
  const emit = (record: object): void => {
    io.stdout.write(jsonLine(record));
  };
  // what is written after the run waits for stdout to take it, so that a slow reader never makes it pile up in memory
  const write = async (chunk: string): Promise<void> => {
    if (!io.stdout.write(chunk)) await once(io.stdout, 'drain');
  };

  // the machine-readable reports write no Markdown files unless --out names where (a report is asked for, not a corpus)
  const noFiles = machine && !outGiven;
  // --jsonl: a document's record is written once it is final, which with near-duplicates on is after clustering;
  // until then its details wait in a temporary file
  const spill = opts.jsonl && opts.dedup ? new DetailSpill() : null;
  let report: RunReport;
  const startedAt = new Date();
  let runOptions: Parameters<typeof run>[0];
  try {
    report = await run((runOptions = {
      inputs,
      out: opts.out,
      cwd: io.cwd,
      dryRun: Boolean(opts.dryRun) || noFiles,
      ...(corpus ? { format: 'jsonl' as const, jsonlStream: io.stdout } : {}),
      ...(opts.maxRecordsPerFile !== undefined ? { maxRecordsPerFile: opts.maxRecordsPerFile } : {}),
      ...(Object.keys(jsonlFields).length > 0 ? { jsonlFields } : {}),
      settings: { disable: opts.disable, maxFileSize: opts.maxFileSize, maxDepth: opts.maxDepth, timeoutMs: opts.timeout },
      dedup: opts.dedup ? { jaccardThreshold: opts.threshold, containmentThreshold: opts.containment, shingleSize: opts.shingleSize, minSharedTokens: opts.minShared } : false,
      dropDuplicates: Boolean(opts.dropDuplicates),
      followSymlinks: Boolean(opts.followSymlinks),
      includeHidden: Boolean(opts.hidden),
      threads: opts.threads,
      ...(opts.index !== undefined ? { index: opts.index } : {}),
      ...(opts.indexWindow !== undefined ? { indexWindow: opts.indexWindow } : {}),
      ...(opts.shard !== undefined ? { shard: opts.shard } : {}),
      // with an index, --jsonl writes each pair as soon as it is recorded there: a worker killed later loses none of them
      ...(opts.jsonl && opts.index !== undefined ? { onPair: (p) => emit({ type: 'pair', ...p }) } : {}),
      // what was removed is shown only by the JSON report, the HTML report and the terminal's listing of every file
      // (--verbose, --explain; --jsonl has streamed it): the summary needs none of it
      retainDetails: Boolean(opts.json) || Boolean(opts.report) || (!opts.jsonl && !opts.quiet && Boolean(opts.verbose || opts.explain)),
      // every output reads the documents at the end, one at a time: they wait in a temporary file meanwhile, so that a
      // run's memory does not grow with its report entries (the HTML report reads them a few times: docs/formats.md)
      retainDocuments: false,
      ...(io.signal ? { signal: io.signal } : {}),
      onStart: (total) => {
        if (showProgress && total > 1) ui.progress = new Progress(io.stderr, total);
        else if (opts.verbose) line(`newsclean: reading and cleaning ${total} file${total === 1 ? '' : 's'}\n`);
      },
      onPhase: (phase, total) => {
        const label = phase === 'writing' ? 'writing' : total === 0 ? 'near-duplicates: finding candidates' : 'near-duplicates: verifying';
        const unit = phase === 'writing' ? 'files' : 'documents';
        if (ui.progress) ui.progress.phase(label, total, unit);
        else if (opts.verbose) line(`newsclean: ${label}${total ? ` ${total} ${unit}` : ''}\n`);
      },
      onProgress: (done) => ui.progress?.update(done),
      onDocument: (doc, done) => {
        if (noFiles) doc.output = null;
        if (doc.error) line(`${errChalk.red('newsclean:')} ${escapeForTerminal(doc.input)}: ${doc.error.code}: ${escapeForTerminal(doc.error.message)}\n`);
        if (spill) spill.put(doc);
        else if (opts.jsonl) emit(documentRecord(doc));
        ui.progress?.update(done);
      },
      onLateError: (doc) => {
        if (doc.error) line(`${errChalk.red('newsclean:')} ${escapeForTerminal(doc.input)}: ${doc.error.code}: ${escapeForTerminal(doc.error.message)}\n`);
      },
    }));
  } catch (e) {
    spill?.close();
    if (e instanceof UsageError || e instanceof ConfigError) {
      io.stderr.write(`newsclean: ${escapeForTerminal(oneLine(e.message))}\n`);
      return EXIT.usage;
    }
    throw e;
  }

  const elapsedMs = Date.now() - startedAt.getTime();
  ui.progress?.clear();
  let reportFailed = false;
  try {
    await printReport();
    if (opts.report) {
      const written = writeRunReport(opts.report, report, runOptions, { argv, cwd: io.cwd, startedAt, elapsedMs });
      if ('error' in written) {
        io.stderr.write(`newsclean: cannot write the report ${opts.report}: ${written.error}\n`);
        reportFailed = true;
      } else if (!opts.quiet) io.stderr.write(`newsclean: report written to ${opts.report} (${(written.bytes / 1e6).toFixed(1)} MB)\n`);
    }
  } finally {
    closeDocuments(report.documents);
  }
  // the report, read from the documents once
  async function printReport(): Promise<void> {
    if (opts.json) await writeJsonReport(report, io.stdout);
    else if (opts.jsonl) {
      if (spill) {
        try {
          for (const [i, doc] of report.documents.entries()) await write(jsonLine(documentRecord({ ...doc, ...spill.get(i) })));
        } finally {
          spill.close();
        }
      }
      for (const record of tailRecords(report, { pairs: opts.index === undefined })) await write(jsonLine(record));
    } else if (opts.quiet) {
      const s = report.summary;
      reportOut.write(`${s.files} file${s.files === 1 ? '' : 's'}, ${s.cleaned} cleaned, ${s.failed} failed, ${s.duplicates} duplicate and ${s.overlaps} overlap pairs\n`);
    } else {
      reportOut.write(terminalReport(report, { chalk, explain: Boolean(opts.explain), verbose: Boolean(opts.verbose), out: opts.dryRun || corpus ? null : opts.out }));
      if (corpus && !opts.dryRun && !noFiles) {
        const n = report.summary.cleaned;
        reportOut.write(chalk.dim(`${n} record${n === 1 ? '' : 's'} written to ${opts.out === '-' ? 'stdout' : escapeForTerminal(opts.out)}\n`));
      }
    }
  }
  if (reportFailed && !report.interrupted) return EXIT.failures;
  if (report.interrupted) return EXIT.interrupted;
  return report.summary.failed > 0 ? EXIT.failures : EXIT.ok;
}

function oneLine(s: string): string {
  return s.replace(/\s*\n\s*/g, ' ').trim();
}
