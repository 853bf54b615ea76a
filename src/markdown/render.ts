/** Body blocks → Markdown text. Deterministic, one blank line between blocks, headings start at level 2. */
import type { Block } from '../types.js';
import { escapeBlockStart } from './escape.js';

export function renderBlocks(blocks: Block[]): string {
  const levels = headingLevels(blocks);
  const out: string[] = [];
  blocks.forEach((b, i) => {
    const s = renderBlock(b, levels.get(i));
    if (s) out.push(s);
  });
  return out.join('\n\n');
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
      // whatever a rule left at the start of a paragraph must not turn it into another block on re-reading
      return escapeBlockStart(b.text.trim());
    case 'heading':
      return `${'#'.repeat(level ?? 2)} ${b.text.replace(/\s+/g, ' ').replace(/\s#+$/, '').trim()}`;
    case 'list': {
      const counters: number[] = [];
      return b.items
        .map((it) => {
          const depth = Math.max(0, it.depth);
          counters.length = depth + 1;
          counters[depth] = (counters[depth] ?? 0) + 1;
          const marker = b.ordered ? `${counters[depth]}.` : '-';
          const indent = b.ordered ? '   '.repeat(depth) : '  '.repeat(depth);
          return `${indent}${marker} ${escapeBlockStart(it.text.replace(/\s+/g, ' ').trim())}`;
        })
        .join('\n');
    }
    case 'quote':
      return b.text
        .trim()
        .split('\n')
        .map((l) => (l.trim() ? `> ${l.trim()}` : '>'))
        .join('\n');
    case 'code': {
      const longest = Math.max(2, ...[...b.text.matchAll(/`+/g)].map((m) => m[0].length));
      const fence = '`'.repeat(longest + 1);
      return `${fence}${b.lang ?? 'text'}\n${b.text.replace(/\s+$/, '')}\n${fence}`;
    }
    case 'table': {
      const cell = (c: string): string => c.replace(/\s+/g, ' ').replace(/(?<!\\)\|/g, '\\|').trim();
      const rows = b.rows.map((r) => `| ${r.map(cell).join(' | ')} |`);
      const sep = `| ${b.rows[0]!.map(() => '---').join(' | ')} |`;
      return [rows[0]!, sep, ...rows.slice(1)].join('\n');
    }
    case 'rule':
      return '---';
  }
}
