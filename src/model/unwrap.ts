/**
 * A plain text at the width the line model was fitted on. A text browser (or a mail client, or a scraper) wraps
 * every paragraph at its own width — 72, 80, 100 columns, or not at all — and the line model (./zones.ts), fitted on
 * renderings 100 columns wide, reads physical lines: a paragraph of four 100-column lines is six 70-column ones, each
 * with fewer words, and the model scores them lower. So a text wrapped much narrower than that is first unwrapped
 * and wrapped again at FITTED_WIDTH before the model reads it; any other text is left exactly as it is.
 *
 * Unwrapping: a line is joined to the one before it when it continues the same paragraph — the same indentation (a
 * list item's text indentation for its continuation), no list marker of its own, and a line before it so full that
 * the first word of this one would not have fitted: the only reason a wrapping program breaks a line. Short lines
 * (menus, bylines, headings, list items) never qualify, so they stay as they are. The width is the document's own:
 * the 95th percentile of the lengths of its lines of eight words or more.
 */

import { joinWrapped } from '../text/unspaced.js';

/** The width of the renderings the line model was fitted on (w3m `-cols 100`, lynx `-width=100`). */
export const FITTED_WIDTH = 100;
/**
 * Texts wrapped narrower than this are read at FITTED_WIDTH; renderings at FITTED_WIDTH measure 90–100. Wider texts
 * (a paragraph to a line, as most scrapers write) are left alone: the model reads them about as well as at
 * FITTED_WIDTH (docs/text-model.md), and re-wrapping every such text would cost a run of them a tenth of its time.
 */
const NARROW = 88;

/** A list marker at the start of a line: glyphs or an item number, then a space. */
const MARKER = /^[ \t]*(?:[^\p{L}\p{N}\s"'“‘”’«»‹›([{¿¡$€£¥#@]{1,2}|o|\d{1,3}[.)])[ \t]+(?=\S)/u;
/** Lines of eight words or more needed before the width is trusted. */
const MIN_PROSE_LINES = 5;

/** Leading white space in columns (a tab counts 4). */
function indentOf(line: string): number {
  let n = 0;
  for (const ch of line) {
    if (ch === ' ' || ch === '\u00a0') n++;
    else if (ch === '\t') n += 4;
    else break;
  }
  return n;
}

/** The document's wrap width, or 0 when too few long lines to tell. */
export function wrapWidth(lines: readonly string[]): number {
  return widthOf(lines.join('\n'));
}

/** Words (runs of characters other than spaces and tabs) of text[from, to), counted up to `enough`. */
function wordsUpTo(text: string, from: number, to: number, enough: number): number {
  let n = 0;
  let inWord = false;
  for (let i = from; i < to && n < enough; i++) {
    const c = text.charCodeAt(i);
    const space = c === 32 || c === 9 || c === 0xa0;
    if (!space && !inWord) n++;
    inWord = !space;
  }
  return n;
}

/**
 * The wrap width of a text: the 95th percentile of the lengths of its lines of eight words or more (0 when fewer than
 * MIN_PROSE_LINES of them). One pass over the text without a string per line: every plain-text input of a run is
 * measured, twice (the run's first pass and NC004).
 */
function widthOf(text: string): number {
  const lengths: number[] = [];
  let start = 0;
  while (start <= text.length) {
    let end = text.indexOf('\n', start);
    if (end < 0) end = text.length;
    let last = end;
    while (last > start && /\s/.test(text[last - 1]!)) last--;
    if (last - start >= 30 && wordsUpTo(text, start, last, 8) >= 8) lengths.push(last - start);
    start = end + 1;
  }
  if (lengths.length < MIN_PROSE_LINES) return 0;
  lengths.sort((a, b) => a - b);
  return lengths[Math.floor(lengths.length * 0.95)]!;
}

/** The lines in groups, one per logical line: a wrapped paragraph's physical lines together, every other line alone. */
export function unwrapGroups(lines: readonly string[]): string[][] {
  const width = wrapWidth(lines);
  if (!width) return lines.map((l) => [l]);
  const out: string[][] = [];
  let lastLength = -1; // the length of the last physical line of out's last group; -1: nothing to continue
  let continuation = -1; // the indentation a continuation line of out's last group has
  for (const raw of lines) {
    const line = raw.trimEnd();
    const body = line.trimStart();
    if (!body) {
      out.push([raw]);
      lastLength = -1;
      continue;
    }
    const indent = indentOf(line);
    const marker = MARKER.exec(line);
    const firstWord = body.split(/\s/, 1)[0]!;
    if (lastLength >= 0 && !marker && indent === continuation && lastLength + 1 + firstWord.length > width) {
      out[out.length - 1]!.push(raw);
      lastLength = line.length;
      continue;
    }
    out.push([raw]);
    lastLength = line.length;
    continuation = marker ? indentOf(marker[0].replace(/\S/g, ' ')) : indent;
  }
  return out;
}

/**
 * A group's logical line: its first line's indentation, then every line's words, one space apart (none between two
 * characters of a script written without spaces: ../text/unspaced.ts).
 */
export function joinGroup(group: readonly string[]): string {
  if (group.length === 1) return group[0]!;
  return joinWrapped(group.map((l, i) => (i ? l.trim() : l.trimEnd())));
}

/** The lines with each wrapped paragraph joined into one line (its first line's indentation kept). */
export function unwrapLines(lines: readonly string[]): string[] {
  return unwrapGroups(lines).map(joinGroup);
}

/** A line (indentation, then words) wrapped at `width` columns, its continuation lines indented by `hang`. */
function wrapLine(line: string, width: number, hang: string): string[] {
  const first = /^\s*/.exec(line)![0];
  const out: string[] = [];
  let lead = first;
  let cur = '';
  for (const w of line.trim().split(/\s+/)) {
    if (cur && lead.length + cur.length + 1 + w.length > width) {
      out.push(lead + cur);
      lead = hang;
      cur = w;
    } else cur = cur ? `${cur} ${w}` : w;
  }
  out.push(lead + cur);
  return out;
}

/**
 * The text wrapped again at FITTED_WIDTH when its own wrap width is narrower than NARROW (null when it is not, or
 * when the text is too short to tell): each paragraph unwrapped, then every line longer than FITTED_WIDTH wrapped, its continuation lines at
 * the paragraph's own continuation indentation. Words, their order and the blank lines are kept.
 */
export function fitWidth(text: string): string | null {
  const width = widthOf(text);
  if (!width || width >= NARROW) return null;
  const lines = text.split('\n');
  const out: string[] = [];
  for (const group of unwrapGroups(lines)) {
    const line = joinGroup(group).trimEnd();
    if (line.length <= FITTED_WIDTH) {
      out.push(line);
      continue;
    }
    const hang = group.length > 1 ? /^\s*/.exec(group[1]!)![0] : (MARKER.exec(line)?.[0].replace(/\S/g, ' ') ?? /^\s*/.exec(line)![0]);
    out.push(...wrapLine(line, FITTED_WIDTH, hang));
  }
  return out.join('\n');
}
