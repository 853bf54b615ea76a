/** Body blocks → Markdown text. Deterministic, one blank line between blocks, headings start at level 2. */
import type { Block } from '../types.js';
import { escapeBlockStart } from './escape.js';
import { safeInline } from './safe.js';
import { tick } from '../deadline.js';
import { foldSpaces } from '../text/spaces.js';

export function renderBlocks(input: Block[]): string {
  return renderedParts(input)
    .map((p) => p.markdown)
    .join('\n\n');
}

/** Each block that renders to something, with its Markdown; `renderBlocks` joins these with blank lines. */
export function renderedParts(input: Block[]): Array<{ block: Block; markdown: string }> {
  const blocks = mergeQuotes(input);
  const levels = headingLevels(blocks);
  const out: Array<{ block: Block; markdown: string }> = [];
  blocks.forEach((b, i) => {
    tick();
    const s = renderBlock(b, levels.get(i));
    if (s) out.push({ block: b, markdown: s });
  });
  return out;
}

/** Maps body headings to levels 2…6 so that levels start at 2 and never jump by more than one. */
function headingLevels(blocks: Block[]): Map<number, number> {
  const map = new Map<number, number>();
  const source = [...new Set(blocks.flatMap((b) => (b.type === 'heading' ? [b.level] : [])))].sort((a, b) => a - b);
  const rank = new Map(source.map((l, i) => [l, Math.min(6, i + 2)]));
  let prev = 1;
  blocks.forEach((b, i) => {
    if (b.type !== 'heading') return;
    let level = rank.get(b.level) ?? 2;
    if (level > prev + 1) level = prev + 1;
    map.set(i, level);
    prev = level;
  });
  return map;
}

function renderBlock(b: Block, level?: number): string {
  switch (b.type) {
    case 'paragraph':
      // whatever a rule left at the start of a paragraph must not turn it into another block on re-reading;
      // "#hashtag" reads as a heading without its space to linters, so its hash is escaped too
      return safeInline(linkBareUrls(escapeBlockStart(b.text.trim())).replace(/^#/, '\\#'));
    case 'heading':
      // a trailing run of # would read back as the heading's closing sequence: escape it, never drop it
      return `${'#'.repeat(level ?? 2)} ${safeInline(linkBareUrls(foldSpaces(b.text).trim().replace(/(^|\s)(#+)$/, '$1\\$2')))}`;
    case 'list': {
      const counters: number[] = [];
      return b.items
        .map((it) => {
          tick();
          const depth = Math.max(0, it.depth);
          counters.length = depth + 1;
          counters[depth] = (counters[depth] ?? 0) + 1;
          const marker = b.ordered ? `${counters[depth]}.` : '-';
          const indent = b.ordered ? '   '.repeat(depth) : '  '.repeat(depth);
          return `${indent}${marker} ${safeInline(linkBareUrls(escapeBlockStart(foldSpaces(it.text).trim())))}`;
        })
        .join('\n');
    }
    case 'quote':
      return b.text
        .trim()
        .split('\n')
        .map((l) => (l.trim() ? `> ${safeInline(linkBareUrls(l.trim()).replace(/^#/, '\\#'))}` : '>'))
        .join('\n');
    case 'code': {
      const longest = Math.max(2, ...[...b.text.matchAll(/`+/g)].map((m) => m[0].length));
      const fence = '`'.repeat(longest + 1);
      return `${fence}${b.lang ?? 'text'}\n${b.text.replace(/\s+$/, '')}\n${fence}`;
    }
    case 'table': {
      const cell = (c: string): string => safeInline(linkBareUrls(foldSpaces(c).replace(/(?<!\\)\|/g, '\\|').trim()));
      const rows = b.rows.map((r) => {
        tick();
        return `| ${r.map(cell).join(' | ')} |`;
      });
      const sep = `| ${b.rows[0]!.map(() => '---').join(' | ')} |`;
      return [rows[0]!, sep, ...rows.slice(1)].join('\n');
    }
    case 'rule':
      return '---';
  }
}

/** Block quotes that follow each other become one quote with several paragraphs (a blank line between two quotes is ambiguous). */
export function mergeQuotes(blocks: Block[]): Block[] {
  const out: Block[] = [];
  // a run of quotes is joined once at its end (joining at each step copied the growing text: n quotes cost n²)
  let run: Block[] = [];
  const endRun = (): void => {
    if (run.length === 1) out.push(run[0]!);
    else if (run.length > 1) out.push({ type: 'quote', text: run.map((q) => (q as { text: string }).text.trim()).join('\n\n') });
    run = [];
  };
  for (const b of blocks) {
    if (b.type === 'quote') run.push(b);
    else {
      endRun();
      out.push(b);
    }
  }
  endRun();
  return out;
}

/** Inline spans a URL must not be linked inside: code spans, links (text and target) and autolinks. */
const PROTECTED = /`[^`]{0,2000}`|!?\[[^[\]]{0,1000}\]\([^()\s]{0,2000}\)|<[^<>\s]{1,2000}>/g;
/** A URL character: not white space or a character that ends URLs in text; a backslash only as an escape of `_*.-\`. */
const URL_CHAR = String.raw`(?:[^\s<>()[\]\`\\]|\\[_*.\\-])`;
const BARE = new RegExp(
  String.raw`\bhttps?:\/\/${URL_CHAR}{1,2000}|\bwww\.[\w-]{1,63}(?:\.[\w-]{1,63}){1,8}(?:\/${URL_CHAR}{0,2000})?|[\w.+-]{1,64}@[\w-]{1,63}(?:\.[\w-]{1,63}){1,8}\b`,
  'g',
);

/**
 * Bare URLs and e-mail addresses become Markdown links (`[url](url)`): the text stays the same, no HTML is added, and
 * linters stop reading them as bare URLs. URLs inside code, links and autolinks are left alone.
 */
export function linkBareUrls(text: string): string {
  if (!(text.includes('://') || text.includes('www.') || text.includes('@')) || text.length > 100_000) return text;
  let out = '';
  let from = 0;
  PROTECTED.lastIndex = 0;
  for (const m of text.matchAll(PROTECTED)) {
    out += linkPlain(text.slice(from, m.index)) + m[0];
    from = (m.index ?? 0) + m[0].length;
  }
  return out + linkPlain(text.slice(from));
}

function linkPlain(text: string): string {
  BARE.lastIndex = 0;
  return text.replace(BARE, (raw: string) => {
    const url = raw.replace(/(?:[.,;:!?'"’”*_]|\\[_*.])+$/, '');
    if (!url || url.length < 4) return raw;
    const rest = raw.slice(url.length);
    const plainUrl = url.replace(/\\([_*.\\-])/g, '$1');
    const target = url.includes('@') && !/^https?:/i.test(url) ? `mailto:${plainUrl}` : /^www\./i.test(url) ? `http://${plainUrl}` : plainUrl;
    return `[${url}](${target.replace(/[()\s<>]/g, (c) => encodeURIComponent(c))})${rest}`;
  });
}
