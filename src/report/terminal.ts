/**
 * The human report. By default a summary that stays short at any corpus size: failures grouped by error code with a
 * few examples, skipped files, the largest duplicate clusters, the most similar pairs, the counts, and where the
 * files and the whole report are. With `verbose`, every file's outcome first (what was removed, by rule), then every
 * pair and cluster. Every name is escaped for the terminal. Pure.
 */
import type { ChalkInstance } from 'chalk';
import type { DocumentReport, RunReport } from '../run/index.js';
import { escapeForTerminal as e } from './escape.js';

export interface TerminalOptions {
  chalk: ChalkInstance;
  /** Show each removed text, not only the count per rule (implies `verbose`). */
  explain: boolean;
  /** List every file, pair and cluster. */
  verbose?: boolean;
  /** The output folder as given (null when nothing was written: a dry run). */
  out?: string | null;
}

/** Examples shown per error code, and rows of the clusters and pairs in the summary. */
const EXAMPLES = 3;
const TOP = 5;

export function terminalReport(report: RunReport, options: TerminalOptions): string {
  const { chalk: c } = options;
  const verbose = options.verbose || options.explain;
  const lines: string[] = verbose ? listing(report, options) : summary(report, c);
  const s = report.summary;
  const parts = [
    `${s.files} file${s.files === 1 ? '' : 's'}`,
    c.green(`${s.cleaned} cleaned`),
    s.failed ? c.red(`${s.failed} failed`) : `${s.failed} failed`,
    `${s.skipped} skipped`,
    `${s.duplicates} duplicate and ${s.overlaps} overlap pair${s.duplicates + s.overlaps === 1 ? '' : 's'}`,
  ];
  if (s.dropped) parts.push(`${s.dropped} duplicates dropped`);
  if (lines.length > 0) lines.push('');
  if (report.removedOutputs.length > 0) lines.push(...removedLines(report.removedOutputs, options.out ?? null, verbose, c));
  lines.push(parts.join(', ') + (report.interrupted ? c.yellow(' (interrupted)') : ''));
  if (!verbose) {
    const where = options.out ? `Markdown files in ${e(options.out.endsWith('/') ? options.out : `${options.out}/`)}; ` : '';
    lines.push(c.dim(`${where}every file: --verbose; the whole report: --json or --jsonl`));
  }
  return `${lines.join('\n')}\n`;
}

/**
 * Files of earlier runs this run removed from the output folder: outputs it no longer writes (their input is gone or
 * renamed, failed this time, or was dropped as a duplicate). Named in full with --verbose, else the first few.
 */
function removedLines(removed: string[], out: string | null, verbose: boolean, c: ChalkInstance): string[] {
  const n = removed.length;
  const folder = out ? ` from ${e(out.endsWith('/') ? out : `${out}/`)}` : '';
  const head = `Removed ${n} file${n === 1 ? '' : 's'} of earlier runs${folder} (no longer written: input gone, failed or dropped as a duplicate)`;
  if (verbose) return [`${head}:`, ...removed.map((p) => c.dim(`  ${e(p)}`)), ''];
  const shown = removed.slice(0, EXAMPLES).map(e).join(', ');
  return [`${head}: ${shown}${n > EXAMPLES ? ` … and ${n - EXAMPLES} more` : ''}`, ''];
}

function pairLine(p: RunReport['pairs'][number], c: ChalkInstance): string {
  const kind = p.kind === 'duplicate' ? c.magenta('duplicate') : c.cyan('overlap  ');
  return `  ${kind} ${e(p.a)} ~ ${e(p.b)}  ${c.dim(`jaccard ${p.jaccard.toFixed(2)}, containment ${p.containment.toFixed(2)}`)}`;
}

function clusterLine(cl: RunReport['clusters'][number], c: ChalkInstance): string {
  const id = cl.id === cl.canonical ? '' : `, cluster ${e(cl.id)}`;
  return `  ${String(cl.members.length).padStart(4)} copies  ${e(cl.canonical)} ${c.dim(`(canonical${id})`)}`;
}

function summary(report: RunReport, c: ChalkInstance): string[] {
  const lines: string[] = [];
  const section = (title: string): void => {
    if (lines.length > 0) lines.push('');
    lines.push(c.bold(title));
  };
  const failed = report.documents.filter((d) => d.error !== null);
  if (failed.length > 0) {
    section(`Failed (${failed.length}), by error code`);
    const byCode = new Map<string, DocumentReport[]>();
    for (const d of failed) {
      const list = byCode.get(d.error!.code) ?? [];
      list.push(d);
      byCode.set(d.error!.code, list);
    }
    const width = Math.max(...[...byCode.keys()].map((k) => k.length));
    for (const [code, docs] of [...byCode].sort((a, b) => b[1].length - a[1].length || (a[0] < b[0] ? -1 : 1))) {
      lines.push(`  ${c.red(code.padEnd(width))} ${String(docs.length).padStart(6)}`);
      for (const d of docs.slice(0, EXAMPLES)) lines.push(c.dim(`      ${e(d.input)}: ${e(truncate(d.error!.message, 100))}`));
      if (docs.length > EXAMPLES) lines.push(c.dim(`      … and ${docs.length - EXAMPLES} more`));
    }
  }
  if (report.skipped.length > 0) {
    section(`Skipped (${report.skipped.length})`);
    for (const s of report.skipped.slice(0, EXAMPLES)) lines.push(c.dim(`  ${e(s.path)}: ${e(s.reason)}`));
    if (report.skipped.length > EXAMPLES) lines.push(c.dim(`  … and ${report.skipped.length - EXAMPLES} more`));
  }
  if (report.clusters.length > 0) {
    section(report.clusters.length > TOP ? `Largest duplicate clusters (${TOP} of ${report.clusters.length})` : `Duplicate clusters (${report.clusters.length})`);
    const largest = topOf(report.clusters, (a, b) => b.members.length - a.members.length || (a.id < b.id ? -1 : 1));
    for (const cl of largest) lines.push(clusterLine(cl, c));
  }
  if (report.pairs.length > 0) {
    section(report.pairs.length > TOP ? `Most similar pairs (${TOP} of ${report.pairs.length})` : `Similar articles (${report.pairs.length})`);
    const top = topOf(report.pairs, (a, b) => b.jaccard - a.jaccard || b.containment - a.containment);
    for (const p of top) lines.push(pairLine(p, c));
  }
  return lines;
}

/**
 * The first TOP entries of `list` in `order` (ties kept in list order, as a stable sort gives them), read once and one
 * at a time: the report's pairs and clusters may be read from a temporary file, and are not all held to find them.
 */
export function topOf<T>(list: readonly T[], order: (a: T, b: T) => number): T[] {
  const top: T[] = [];
  for (let i = 0; i < list.length; i++) {
    const x = list[i]!;
    if (top.length === TOP && order(x, top[TOP - 1]!) >= 0) continue;
    let at = top.length;
    while (at > 0 && order(x, top[at - 1]!) < 0) at--;
    top.splice(at, 0, x);
    if (top.length > TOP) top.pop();
  }
  return top;
}

function listing(report: RunReport, { chalk: c, explain }: TerminalOptions): string[] {
  const lines: string[] = [];
  for (const d of report.documents) {
    if (d.error) {
      lines.push(`${c.red('✖')} ${e(d.input)}  ${c.red(d.error.code)}: ${e(d.error.message)}`);
      continue;
    }
    if (d.status === 'skipped') {
      lines.push(`${c.dim('–')} ${e(d.input)}  ${c.dim(`skipped: ${e(d.reason ?? '')}`)}`);
      continue;
    }
    const mark = d.status === 'dropped-duplicate' ? c.yellow('≈') : c.green('✔');
    const target = d.output !== null ? e(d.output) : d.status === 'dropped-duplicate' ? `dropped: duplicate of ${e(String(d.metadata.duplicate_of))}` : '(not written)';
    const detail = c.dim(`${d.format ?? '?'}, ${d.metadata.words ?? 0} words`);
    lines.push(`${mark} ${e(d.input)} ${c.dim('→')} ${target}  ${detail}`);
    if (d.removed.length > 0) {
      if (explain) {
        for (const r of d.removed) lines.push(c.dim(`    ${r.id} ${r.rule}: ${r.action}: `) + e(truncate(r.text, 100)));
      } else {
        const counts = new Map<string, number>();
        for (const r of d.removed) counts.set(r.rule, (counts.get(r.rule) ?? 0) + 1);
        lines.push(c.dim(`    removed: ${[...counts].map(([k, n]) => (n > 1 ? `${k}×${n}` : k)).join(', ')}`));
      }
    }
    for (const w of d.warnings) lines.push(c.yellow(`    warning ${w.code}: ${e(w.message)}`));
  }
  if (report.skipped.length > 0) {
    lines.push('', c.bold(`Skipped (${report.skipped.length})`));
    const listed = new Set(report.documents.map((d) => d.input));
    for (const s of report.skipped) if (!listed.has(s.path)) lines.push(c.dim(`  ${e(s.path)}: ${e(s.reason)}`));
  }
  if (report.pairs.length > 0) {
    lines.push('', c.bold(`Similar articles (${report.pairs.length})`));
    for (const p of report.pairs) {
      lines.push(pairLine(p, c));
      const passage = p.passages[0];
      if (passage) lines.push(c.dim(`    shared: “${e(truncate(passage.text, 110))}”${p.passages.length > 1 ? ` (+${p.passages.length - 1} more)` : ''}`));
    }
  }
  if (report.clusters.length > 0) {
    lines.push('', c.bold(`Duplicate clusters (${report.clusters.length})`));
    for (const cl of report.clusters) lines.push(clusterLine(cl, c));
  }
  return lines;
}

function truncate(s: string, n: number): string {
  return s.length > n ? `${s.slice(0, n - 1)}…` : s;
}
