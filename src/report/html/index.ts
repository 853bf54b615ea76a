/**
 * The HTML report (`--report FILE.html`): one self-contained file to look at a run — the summary, what each rule
 * removed (with a side-by-side view of input and clean Markdown), clusters and pairs (with the shared passages side
 * by side), searchable and filterable. The data flow:
 *
 *   RunReport ─┬─ sources.ts  read and clean again the inputs chosen by select.ts, within the budget (the only I/O
 *              │              besides writing the file): inputs, Markdown, located removals, pair passages
 *              └─ model.ts    compact column-wise JSON blocks
 *                   └─ render.ts  one HTML page with the blocks compressed inside, the style and the script
 */
import { renameSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import { defaultThreads, type RunReport } from '../../run/index.js';
import { resolveSettings, type Settings } from '../../settings.js';
import { resolveDedupOptions, type DedupOptions } from '../../dedup/index.js';
import { VERSION } from '../../version.js';
import { gatherTexts, type ReportTexts } from './sources.js';
import { buildModel, type ReportModel, type RunInfo } from './model.js';
import { renderHtml, type RenderedReport } from './render.js';
import type { EmbedLimits } from './select.js';

export { buildModel, canonicalWhy, type ReportModel, type RunInfo } from './model.js';
export { renderHtml, packBlock, type RenderedReport } from './render.js';
export { gatherTexts, loadDocText, type DocText, type ReportTexts } from './sources.js';
export { locateRemovals, project, type Mark } from './locate.js';
export { DEFAULT_LIMITS, type EmbedLimits } from './select.js';

export interface HtmlReportOptions {
  /** Folder the run's input paths are relative to. */
  cwd: string;
  limits?: Partial<EmbedLimits>;
}

/** The report as a string, with the figures of what it holds. */
export function htmlReport(report: RunReport, run: RunInfo, options: HtmlReportOptions): RenderedReport & { model: ReportModel; texts: ReportTexts } {
  const texts = gatherTexts(report, { cwd: options.cwd, settings: run.settings, dedup: run.dedup, ...(options.limits ? { limits: options.limits } : {}) });
  const model = buildModel(report, run, texts);
  return { ...renderHtml(model), model, texts };
}

/** Writes the report to `file` (a temporary file renamed over it, so a reader never sees half a report). */
export function writeHtmlReport(file: string, report: RunReport, run: RunInfo, options: HtmlReportOptions): RenderedReport {
  const out = htmlReport(report, run, options);
  const target = path.resolve(options.cwd, file);
  const tmp = path.join(path.dirname(target), `.${path.basename(target)}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`);
  try {
    writeFileSync(tmp, out.html, { encoding: 'utf8', flag: 'wx', mode: 0o644 });
    renameSync(tmp, target);
  } catch (e) {
    rmSync(tmp, { force: true });
    throw e;
  }
  return { html: out.html, sizes: out.sizes };
}

/** What the command line asked of the run, as given to `run()`. */
export interface CliRunOptions {
  inputs: string[];
  out: string;
  dryRun?: boolean;
  settings?: Partial<Settings>;
  dedup?: Partial<DedupOptions> | false;
  dropDuplicates?: boolean;
  threads?: number;
}

/**
 * Writes the report of a finished run for the command line. Returns the bytes written, or the reason it could not
 * be written (the run's own files are unaffected either way).
 */
export function writeRunReport(
  file: string,
  report: RunReport,
  options: CliRunOptions,
  context: { argv: string[]; cwd: string; startedAt: Date; elapsedMs: number },
): { bytes: number } | { error: string } {
  const run: RunInfo = {
    version: VERSION,
    startedAt: context.startedAt.toISOString(),
    elapsedMs: context.elapsedMs,
    argv: context.argv,
    inputs: options.inputs,
    out: options.out,
    dryRun: Boolean(options.dryRun),
    dropDuplicates: Boolean(options.dropDuplicates),
    threads: options.threads ?? defaultThreads(),
    settings: resolveSettings(options.settings),
    dedup: options.dedup === false ? null : resolveDedupOptions(options.dedup ?? {}),
  };
  try {
    const { html } = writeHtmlReport(file, report, run, { cwd: context.cwd });
    return { bytes: Buffer.byteLength(html) };
  } catch (e) {
    return { error: (e as NodeJS.ErrnoException).code ?? (e as Error).message };
  }
}
