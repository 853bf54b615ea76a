/**
 * The JSON report: one stable document, no timestamps or durations, so two runs give the same bytes. It is written
 * as a stream of pieces (one per document, pair, cluster …), never as one string, so that a report larger than
 * V8's longest string (about 512 MiB) is written like any other; the bytes are those of
 * `JSON.stringify(report, null, 2)` and a newline.
 */
import { once } from 'node:events';
import type { Writable } from 'node:stream';
import type { RunReport } from '../run/index.js';

/** Depth down to which arrays and objects are cut into pieces; below it a value is one `JSON.stringify`. */
const PIECE_DEPTH = 2;

function omitted(v: unknown): boolean {
  return v === undefined || typeof v === 'function' || typeof v === 'symbol';
}

/** `JSON.stringify(value, null, 2)` for a value at `depth` (its lines indented to that depth), in pieces. */
function* pieces(value: unknown, depth: number): Generator<string> {
  const open = value !== null && typeof value === 'object' && typeof (value as { toJSON?: unknown }).toJSON !== 'function';
  if (!open || depth >= PIECE_DEPTH) {
    const text = JSON.stringify(value, null, 2);
    yield depth === 0 ? text : text.replaceAll('\n', `\n${'  '.repeat(depth)}`);
    return;
  }
  const inner = '  '.repeat(depth + 1);
  const outer = '  '.repeat(depth);
  if (Array.isArray(value)) {
    if (value.length === 0) {
      yield '[]';
      return;
    }
    yield '[';
    for (let i = 0; i < value.length; i++) {
      yield `${i === 0 ? '' : ','}\n${inner}`;
      const v: unknown = value[i];
      if (omitted(v)) yield 'null';
      else yield* pieces(v, depth + 1);
    }
    yield `\n${outer}]`;
    return;
  }
  const entries = Object.entries(value as Record<string, unknown>).filter(([, v]) => !omitted(v));
  if (entries.length === 0) {
    yield '{}';
    return;
  }
  yield '{';
  for (const [i, [k, v]] of entries.entries()) {
    yield `${i === 0 ? '' : ','}\n${inner}${JSON.stringify(k)}: `;
    yield* pieces(v, depth + 1);
  }
  yield `\n${outer}}`;
}

/** The report's text, piece by piece. */
export function* jsonReportPieces(report: RunReport): Generator<string> {
  yield* pieces({ tool: 'newsclean', ...report }, 0);
  yield '\n';
}

/** The report as one string (for reports that fit in one; `writeJsonReport` writes any size). */
export function jsonReport(report: RunReport): string {
  return [...jsonReportPieces(report)].join('');
}

/** Pieces are gathered up to this many characters per write. */
const WRITE_CHARS = 1 << 16;

/** Writes the report to a stream piece by piece, waiting whenever the stream asks to. */
export async function writeJsonReport(report: RunReport, out: Writable): Promise<void> {
  let buffered = '';
  for (const piece of jsonReportPieces(report)) {
    buffered += piece;
    if (buffered.length < WRITE_CHARS) continue;
    const chunk = buffered;
    buffered = '';
    if (!out.write(chunk)) await once(out, 'drain');
  }
  if (buffered && !out.write(buffered)) await once(out, 'drain');
}
