/** The human report: each file's outcome, what was removed (by rule), the pairs, and a summary line. Pure. */
import type { ChalkInstance } from 'chalk';
import type { RunReport } from '../run/index.js';
import { escapeForTerminal as e } from './escape.js';

export interface TerminalOptions {
  chalk: ChalkInstance;
  /** Show each removed text, not only the count per rule. */
  explain: boolean;
}

export function terminalReport(report: RunReport, { chalk: c, explain }: TerminalOptions): string {
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
    for (const s of report.skipped) if (!report.documents.some((d) => d.input === s.path)) lines.push(c.dim(`  ${e(s.path)}: ${e(s.reason)}`));
  }
  if (report.pairs.length > 0) {
    lines.push('', c.bold(`Similar articles (${report.pairs.length})`));
    for (const p of report.pairs) {
      const kind = p.kind === 'duplicate' ? c.magenta('duplicate') : c.cyan('overlap  ');
      lines.push(`  ${kind} ${e(p.a)} ~ ${e(p.b)}  ${c.dim(`jaccard ${p.jaccard.toFixed(2)}, containment ${p.containment.toFixed(2)}`)}`);
      const passage = p.passages[0];
      if (passage) lines.push(c.dim(`    shared: “${e(truncate(passage.text, 110))}”${p.passages.length > 1 ? ` (+${p.passages.length - 1} more)` : ''}`));
    }
  }
  if (report.clusters.length > 0) {
    lines.push('', c.bold(`Duplicate clusters (${report.clusters.length})`));
    for (const cl of report.clusters) lines.push(`  ${e(cl.id)}: ${e(cl.canonical)} ${c.dim(`(canonical) + ${cl.members.length - 1} more`)}`);
  }
  const s = report.summary;
  const parts = [
    `${s.files} file${s.files === 1 ? '' : 's'}`,
    c.green(`${s.cleaned} cleaned`),
    s.failed ? c.red(`${s.failed} failed`) : `${s.failed} failed`,
    `${s.skipped} skipped`,
    `${s.duplicates} duplicate and ${s.overlaps} overlap pair${s.duplicates + s.overlaps === 1 ? '' : 's'}`,
  ];
  if (s.dropped) parts.push(`${s.dropped} duplicates dropped`);
  lines.push('', parts.join(', ') + (report.interrupted ? c.yellow(' (interrupted)') : ''));
  return `${lines.join('\n')}\n`;
}

function truncate(s: string, n: number): string {
  return s.length > n ? `${s.slice(0, n - 1)}…` : s;
}
