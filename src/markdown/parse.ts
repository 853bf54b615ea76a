/**
 * Markdown or plain text → body blocks, line by line (no recursion, no backtracking-prone patterns).
 * `markdown` mode keeps inline text as it is (it is Markdown already); `text` mode escapes it and decides per
 * paragraph whether single line breaks are hard-wrapped prose (joined) or separate lines (split).
 */
import type { Block, ListItem } from '../types.js';
import { escapeBlockStart, escapeInline } from './escape.js';
import { safeInline } from './safe.js';
import { foldInlineSpaces } from '../text/spaces.js';
import { columns, joinWrapped, opensUnspaced } from '../text/unspaced.js';
import { tick } from '../deadline.js';

export type ParseMode = 'markdown' | 'text';

const FENCE = /^ {0,3}(`{3,}|~{3,})[ \t]*([\w-]*)$/;
const HEADING = /^ {0,3}(#{1,6})(?:[ \t]+(.*))?$/;
const LIST = /^([ \t]*)([-*+•·▪]|\d{1,9}[.)])[ \t]+(\S.*)$/;
/** In Markdown only the CommonMark list markers open a list. */
const MD_LIST = /^([ \t]*)([-*+]|\d{1,9}[.)])[ \t]+(\S.*)$/;
const QUOTE = /^ {0,3}>[ \t]?(.*)$/;
/** The marks of quotes nested in a quote's line. */
const NESTED_QUOTE = /^(?:[ \t]{0,3}>[ \t]?)+/;
const RULE = /^ {0,3}([-*_])(?:[ \t]*\1){2,}[ \t]*$/;
/** A setext heading's underline: `===` (level 1) or `---` (level 2) under the heading's text, three marks at least (a lone `-` is an empty list item in scraped Markdown). */
const SETEXT = /^ {0,3}(={3,}|-{3,})[ \t]*$/;
const SEP_CELL = /^:?-{3,}:?$/;

/** A table's delimiter row (`| --- | :---: |`), checked cell by cell so that no pattern spans the whole line. */
function isTableSep(line: string): boolean {
  const t = line.trim();
  if (!t.includes('-') || t.length > 5000) return false;
  const cells = t.replace(/^\|/, '').replace(/\|$/, '').split('|');
  return cells.length > 0 && cells.every((c) => SEP_CELL.test(c.trim()));
}

/** Heading text without the optional closing run of `#`. */
function headingText(raw: string | undefined): string {
  const t = (raw ?? '').trim();
  let j = t.length;
  while (j > 0 && t[j - 1] === '#') j--;
  if (j === t.length) return t;
  return j === 0 || t[j - 1] === ' ' || t[j - 1] === '\t' ? t.slice(0, j).trim() : t;
}

export function parseMarkdown(text: string, mode: ParseMode): Block[] {
  const lines = text.split('\n');
  const blocks: Block[] = [];
  let para: string[] = [];
  // text is escaped as plain text; Markdown is kept as it is. Either way nothing in it may make HTML or unsafe links.
  const esc = (s: string): string => (mode === 'text' ? safeInline(escapeInline(s)) : safeInline(s, true));

  const flushPara = (): void => {
    if (para.length === 0) return;
    const lines2 = para.map((l) => l.trim()).filter(Boolean);
    para = [];
    if (lines2.length === 0) return;
    const texts = mode === 'markdown' || looksWrapped(lines2) ? [joinWrapped(lines2)] : lines2;
    for (const t of texts) {
      const clean = foldInlineSpaces(t).trim();
      if (clean) blocks.push({ type: 'paragraph', text: mode === 'text' ? escapeBlockStart(esc(clean)) : esc(clean) });
    }
  };

  let i = 0;
  while (i < lines.length) {
    tick();
    const line = lines[i]!;
    if (!line.trim()) {
      flushPara();
      i++;
      continue;
    }
    const fence = FENCE.exec(line.trimEnd());
    if (fence && mode === 'markdown') {
      flushPara();
      const mark = fence[1]!;
      const body: string[] = [];
      i++;
      while (i < lines.length && !(lines[i]!.trim().startsWith(mark[0]!.repeat(mark.length)) && /^\s*[`~]+\s*$/.test(lines[i]!))) {
        tick();
        body.push(lines[i]!);
        i++;
      }
      i++;
      const lang = fence[2] && fence[2] !== 'text' ? fence[2] : undefined;
      blocks.push(lang ? { type: 'code', text: body.join('\n'), lang } : { type: 'code', text: body.join('\n') });
      continue;
    }
    const h = HEADING.exec(line);
    const ht = h ? headingText(h[2]) : '';
    if (h && ht) {
      flushPara();
      blocks.push({ type: 'heading', level: h[1]!.length, text: esc(ht) });
      i++;
      continue;
    }
    // a setext heading: its text, then a line of `=` or `-` (Markdown: under any paragraph; plain text: under one line,
    // the underline about as long as it); a run of `=` alone draws a rule
    const under = line.includes('=') || line.includes('-') ? SETEXT.exec(line) : null;
    if (under && para.length > 0 && (mode === 'markdown' || (para.length === 1 && underlines(para[0]!, under[1]!)))) {
      const t = joinWrapped(para.map((l) => l.trim()));
      para = [];
      blocks.push({ type: 'heading', level: under[1]![0] === '=' ? 1 : 2, text: mode === 'text' ? escapeBlockStart(esc(t)) : esc(t) });
      i++;
      continue;
    }
    if (under && under[1]![0] === '=' && para.length === 0) {
      blocks.push({ type: 'rule' });
      i++;
      continue;
    }
    if (RULE.test(line) && (mode === 'markdown' || para.length === 0)) {
      flushPara();
      blocks.push({ type: 'rule' });
      i++;
      continue;
    }
    // pipe tables: a header row and a delimiter row are unambiguous, in plain text as in Markdown
    if (line.includes('|') && para.length === 0 && i + 1 < lines.length && isTableSep(lines[i + 1]!)) {
      flushPara();
      const cells = (l: string): string[] => splitRow(l).map(esc);
      const rows: string[][] = [cells(line)];
      i += 2;
      while (i < lines.length && lines[i]!.includes('|') && lines[i]!.trim()) {
        tick();
        rows.push(cells(lines[i]!));
        i++;
      }
      const width = rows[0]!.length;
      blocks.push({ type: 'table', header: true, rows: rows.map((r) => Array.from({ length: width }, (_, k) => r[k] ?? '')) });
      continue;
    }
    const q = QUOTE.exec(line);
    if (q && (mode === 'markdown' || para.length === 0)) {
      flushPara();
      const body: string[] = [];
      while (i < lines.length) {
        tick();
        const m = QUOTE.exec(lines[i]!);
        if (!m) break;
        // a quote inside the quote ("> > …", a reply's quoted text, a converter's nested blockquotes): its marks go,
        // its words join the quote's
        body.push(m[1]!.replace(NESTED_QUOTE, ''));
        i++;
      }
      const text = body
        .join('\n')
        .split(/\n[ \t]*\n/)
        .map((p) => joinWrapped(p.split('\n').map((l) => l.trim()).filter(Boolean)))
        .filter(Boolean)
        .map(esc)
        .join('\n\n');
      if (text) blocks.push({ type: 'quote', text });
      continue;
    }
    const listRe = mode === 'markdown' ? MD_LIST : LIST;
    const li = listRe.exec(line);
    if (li && para.length === 0) {
      // In plain text, a lone bullet line is a paragraph (often a dated line of site chrome), not a list.
      const next = lines[i + 1];
      const isList = mode === 'markdown' || (next !== undefined && LIST.test(next));
      if (isList) {
        const items: ListItem[] = [];
        const ordered = /\d/.test(li[2]!);
        while (i < lines.length) {
          tick();
          const m = listRe.exec(lines[i]!);
          if (m) {
            const indent = m[1]!.replace(/\t/g, '    ').length;
            items.push({ text: m[3]!.trim(), depth: Math.min(8, Math.floor(indent / (ordered ? 3 : 2))) });
            i++;
          } else if (mode === 'markdown' && lines[i]!.trim() && /^\s{2,}\S/.test(lines[i]!) && items.length > 0) {
            items[items.length - 1]!.text += ` ${lines[i]!.trim()}`; // lazy continuation
            i++;
          } else break;
        }
        for (const it of items) it.text = esc(it.text);
        blocks.push({ type: 'list', ordered, items });
        continue;
      }
    }
    para.push(line);
    i++;
  }
  flushPara();
  return blocks;
}

/** A plain-text underline under a heading: about as long as the heading (within a third). */
function underlines(text: string, marks: string): boolean {
  const n = text.trim().length;
  return marks.length >= n * 0.67 && marks.length <= n * 1.5 + 2;
}

function splitRow(line: string): string[] {
  const t = line.trim().replace(/^\|/, '').replace(/(?<!\\)\|$/, '');
  return t.split(/(?<!\\)\|/).map((c) => c.trim());
}

/** True when consecutive lines look like one hard-wrapped paragraph rather than separate lines. */
function looksWrapped(lines: string[]): boolean {
  if (lines.length < 2) return false;
  let wrappedBreaks = 0;
  for (let k = 0; k < lines.length - 1; k++) {
    const cur = lines[k]!;
    const next = lines[k + 1]!;
    const endsSentence = /[.!?:;"”’)\]。！？：；」』）]$/.test(cur);
    if (columns(cur) >= 40 && !endsSentence && (/^[\p{Ll}\p{N}("“‘]/u.test(next) || opensUnspaced(next))) wrappedBreaks++;
  }
  return wrappedBreaks >= Math.ceil((lines.length - 1) * 0.5);
}
