/** The command line: one commander program; --help is generated from the same option table. */
import { Command, InvalidArgumentError, Option } from 'commander';
import { VERSION } from '../version.js';
import { defaultSettings } from '../settings.js';
import { DEFAULT_DEDUP_OPTIONS as defaultDedupOptions } from '../dedup/index.js';
import { defaultThreads } from '../run/index.js';

export const DEFAULT_OUT = 'newsclean-out';

function number01(name: string) {
  return (v: string): number => {
    const n = Number(v);
    if (!Number.isFinite(n) || n <= 0 || n > 1) throw new InvalidArgumentError(`${name} must be a number in (0, 1]`);
    return n;
  };
}
function positiveInt(name: string) {
  return (v: string): number => {
    const n = Number(v);
    if (!Number.isInteger(n) || n <= 0) throw new InvalidArgumentError(`${name} must be a positive whole number`);
    return n;
  };
}
function nonNegativeInt(name: string) {
  return (v: string): number => {
    const n = Number(v);
    if (!Number.isInteger(n) || n < 0 || n > 256) throw new InvalidArgumentError(`${name} must be a whole number from 0 to 256`);
    return n;
  };
}
/** "50MB", "512k", "1048576" → bytes. */
export function parseSize(v: string): number {
  const m = /^\s*(\d+(?:\.\d+)?)\s*([kmgt]?i?b?)?\s*$/i.exec(v);
  if (!m) throw new InvalidArgumentError('size must look like 50MB, 512KB or a number of bytes');
  const unit = (m[2] ?? '').toLowerCase().replace(/i?b$/, '');
  const mult = { '': 1, k: 1024, m: 1024 ** 2, g: 1024 ** 3, t: 1024 ** 4 }[unit];
  if (mult === undefined) throw new InvalidArgumentError('unknown size unit');
  const n = Math.round(Number(m[1]) * mult);
  if (n <= 0) throw new InvalidArgumentError('size must be positive');
  return n;
}
function collect(v: string, prev: string[] = []): string[] {
  return [...prev, ...v.split(',').map((s) => s.trim()).filter(Boolean)];
}

export const EXAMPLES = `
Examples:
  $ newsclean ./inbox                          clean every file under ./inbox into ./${DEFAULT_OUT}
  $ newsclean ./inbox -o ./clean --json > report.json
  $ newsclean ./inbox --json | jq '.pairs[] | select(.kind == "duplicate")'
  $ newsclean 'inbox/**/*.html' --dry-run      report what would be written
  $ newsclean ./inbox --disable photo-caption,tag:share --explain
  $ newsclean ./inbox --drop-duplicates -o ./deduped
  $ newsclean ./today --index ./corpus-index   check today's articles against every earlier run, and remember them
  $ newsclean index stats ./corpus-index         documents, size, dates;  newsclean index compact ./corpus-index --index-window 90d
  $ newsclean crawl.warc.gz --format jsonl -o - | jq -c 'select(.lang=="en")' | wc -l
  $ newsclean ./inbox --format jsonl -o corpus.jsonl.zst --drop-duplicates --max-records-per-file 100000
  $ newsclean --list-rules

Exit codes: 0 done; 1 at least one input could not be cleaned (the others are written); 2 usage error; 130 interrupted.`;

export function buildProgram(): Command {
  const p = new Command('newsclean');
  p.description('Turn raw scraped news files into clean Markdown with metadata, and report near-duplicate articles.')
    .argument('[inputs...]', 'files, folders (read recursively) or quoted globs')
    .option('-o, --out <dir>', 'folder for the Markdown files (mirrors the input tree; never read as input); with --format jsonl, the FILE.jsonl (.jsonl.gz, .jsonl.zst), or - for stdout', DEFAULT_OUT)
    .addOption(new Option('--format <format>', 'what is written: markdown (a file per article) or jsonl (one corpus record per article, schema/record.schema.json)').choices(['markdown', 'jsonl']).default('markdown'))
    .addOption(new Option('--max-records-per-file <n>', 'with --format jsonl: shards of at most n records (FILE-00000.jsonl, FILE-00001.jsonl, …)').argParser(positiveInt('--max-records-per-file')))
    .option('--jsonl-field <key=field>', 'JSONL inputs: the record field that holds the body (body=maintext), or title=, author=, date=, url=, id= (repeatable)', collect, [])
    .option('--config <file>', 'read options from this file (.json, .yaml, .toml) instead of the newsclean.config.* found from the working folder upward')
    .option('--print-config', 'print the resolved options (JSON, each with where its value came from) and exit')
    .option('--json', 'print the JSON report on stdout and nothing else')
    .option('--jsonl', 'stream JSON lines on stdout: one record per document as it is done, then pairs, clusters and a summary')
    .option('--dry-run', 'clean and report, but write nothing')
    .option('-q, --quiet', 'print only errors and the summary line')
    .option('-v, --verbose', 'list every file in the report; on a stderr that is not a terminal, also say when each phase begins')
    .option('--explain', 'list every removed text with the rule that removed it')
    .option('--report <file>', 'also write a self-contained HTML report of the run (summary, removals, clusters and pairs side by side)')
    .option('--color', 'force colour on')
    .option('--no-color', 'no colour (also: NO_COLOR=1)')
    .option('--disable <rules>', 'switch rules off: ids, names or tag:NAME, comma-separated (repeatable)', collect, [])
    .option('--list-rules', 'list the cleaning rules (id, name, stage, tags) and exit')
    .addOption(new Option('--threshold <n>', 'Jaccard similarity at or above which two articles are duplicates').argParser(number01('--threshold')).default(defaultDedupOptions.jaccardThreshold))
    .addOption(new Option('--containment <n>', 'share of the shorter article inside the longer at which it is a duplicate (an excerpt)').argParser(number01('--containment')).default(defaultDedupOptions.containmentThreshold))
    .addOption(new Option('--min-shared <words>', 'words two different articles must share verbatim (in runs of 8 or more) to be an overlap').argParser(positiveInt('--min-shared')).default(defaultDedupOptions.minSharedTokens))
    .addOption(new Option('--shingle-size <k>', 'words per shingle').argParser(positiveInt('--shingle-size')).default(defaultDedupOptions.shingleSize))
    .option('--no-dedup', 'skip near-duplicate detection')
    .option('--drop-duplicates', 'write only the canonical member of each duplicate cluster')
    .addOption(new Option('--max-file-size <size>', 'larger inputs are reported as too-large').argParser(parseSize).default(defaultSettings.maxFileSize, '50MB'))
    .addOption(new Option('--max-depth <n>', 'deeper HTML is reported as too-deep').argParser(positiveInt('--max-depth')).default(defaultSettings.maxDepth))
    .addOption(new Option('--timeout <ms>', 'time budget for one file').argParser(positiveInt('--timeout')).default(defaultSettings.timeoutMs))
    .addOption(new Option('--threads <n>', 'worker threads that clean in parallel (0: clean in the main thread)').argParser(nonNegativeInt('--threads')).default(defaultThreads(), 'one per core'))
    .option('--index <dir-or-url>', 'remember what runs cleaned: check each document against every earlier run held in this index (a folder, or redis://host:port/db shared by many workers), and add it')
    .option('--index-window <span>', 'with --index: match only earlier documents from this long ago (article date, else indexing time): 90d, 12w, 36h')
    .option('--shard <k/N>', 'clean only this worker\'s share of the inputs (worker k of N, 0 ≤ k < N, by each file\'s path within its input folder)')
    .option('--follow-symlinks', 'follow symbolic links inside the input folders (never outside them)')
    .option('--hidden', 'also read hidden files and folders (names starting with a dot)')
    .version(VERSION, '-V, --version', 'print the version')
    .helpOption('-h, --help', 'show this help')
    .addHelpText('after', EXAMPLES)
    .showSuggestionAfterError(true)
    .exitOverride();
  return p;
}
