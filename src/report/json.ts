/** The JSON report: one stable document, no timestamps or durations, so two runs give the same bytes. */
import type { RunReport } from '../run/index.js';

export function jsonReport(report: RunReport): string {
  return `${JSON.stringify({ tool: 'newsclean', ...report }, null, 2)}\n`;
}
