/**
 * HTML → body blocks. One iterative pass over the DOM: no recursion, so nesting depth cannot overflow the stack.
 * Inline elements become inline Markdown (links, emphasis, code); block elements become paragraphs, headings,
 * lists, block quotes, code blocks and tables. Scripts, styles, frames, forms, images and hidden elements are dropped.
 */
import type { AnyNode, Document, Element, ParentNode } from 'domhandler';
import type { Block, ListItem } from '../types.js';
import { escapeBlockStart, escapeInline, safeUrl } from '../markdown/escape.js';
import { safeInline } from '../markdown/safe.js';
import { isHidden } from './dom.js';
import { InputError } from '../errors.js';
import { foldInlineSpaces, foldSpaces } from '../text/spaces.js';
import { tick } from '../deadline.js';

const DROP = new Set([
  'script', 'style', 'noscript', 'template', 'iframe', 'frame', 'frameset', 'object', 'embed', 'applet', 'svg', 'math',
  'canvas', 'video', 'audio', 'source', 'track', 'picture', 'img', 'map', 'area', 'input', 'button', 'select', 'option',
  'textarea', 'head', 'title', 'meta', 'link', 'base', 'param', 'dialog',
]);
const BLOCK = new Set([
  'p', 'div', 'section', 'article', 'main', 'header', 'footer', 'aside', 'nav', 'figure', 'figcaption', 'address',
  'center', 'details', 'summary', 'dl', 'dt', 'dd', 'form', 'fieldset', 'legend', 'body', 'html', 'caption', 'hgroup',
  'tbody', 'thead', 'tfoot', 'colgroup', 'col',
]);
const HEADING = /^h([1-6])$/;

type Sink =
  | { kind: 'blocks'; blocks: Block[] }
  | { kind: 'heading'; level: number; parts: string[] }
  | { kind: 'li'; list: ListCtx; parts: string[] }
  | { kind: 'cell'; parts: string[] }
  | { kind: 'pre'; raw: string[] };

interface ListCtx {
  ordered: boolean;
  depth: number;
  items: ListItem[]; // shared by nested lists: the outermost list owns the array
  outer: boolean;
}

interface TableCtx {
  rows: string[][];
  header: boolean;
  rowIndex: number;
}

interface InlineMark {
  tag: 'a' | 'strong' | 'em' | 'code';
  start: number;
  generation: number;
  href?: string | null;
}

export interface ToBlocksOptions {
  maxDepth?: number;
}

export function htmlToBlocks(root: Document | Element | ParentNode, options: ToBlocksOptions = {}): Block[] {
  const maxDepth = options.maxDepth ?? Infinity;
  const rootBlocks: Block[] = [];
  const sinks: Sink[] = [{ kind: 'blocks', blocks: rootBlocks }];
  const lists: ListCtx[] = [];
  const tables: TableCtx[] = [];
  const marks: InlineMark[] = [];
  // how many links and code spans are open (asked at every text and every closing mark: counting the stack each time
  // made deeply nested marks cost depth² steps)
  let openLinks = 0;
  // open emphasis marks of each kind: an emphasis inside one of the same kind is already emphasized, and `*a *b* c*`
  // would pair its markers the wrong way, so the inner one stays plain
  const openEmphasis = { strong: 0, em: 0 };
  const openCode: number[] = []; // the generation of each open code span
  // the current run of inline Markdown, in pieces: a mark starts at a piece index, and closing it touches only its own
  // pieces (rebuilding the whole run at each closing link made a paragraph of n links cost n² characters)
  const inline = new InlineRun();
  let generation = 0;

  const top = (): Sink => sinks[sinks.length - 1]!;
  const nearestBlocks = (): Block[] => {
    for (let i = sinks.length - 1; i >= 0; i--) {
      const s = sinks[i]!;
      if (s.kind === 'blocks') return s.blocks;
    }
    return rootBlocks;
  };
  const inPre = (): boolean => top().kind === 'pre';

  const flush = (): void => {
    generation++;
    const sink = top();
    if (sink.kind === 'pre') return;
    const text = tidy(inline.join(0));
    inline.truncate(0);
    if (!text) return;
    switch (sink.kind) {
      case 'blocks':
        sink.blocks.push({ type: 'paragraph', text: safeInline(escapeBlockStart(text)) });
        break;
      case 'heading':
      case 'li':
      case 'cell':
        sink.parts.push(text);
        break;
    }
  };

  const emit = (block: Block): void => {
    const sink = top();
    if (sink.kind === 'blocks') sink.blocks.push(block);
    else if (sink.kind === 'li' || sink.kind === 'cell' || sink.kind === 'heading') {
      const t = inlineText(block);
      if (t) sink.parts.push(t);
    } else nearestBlocks().push(block);
  };

  const addText = (data: string): void => {
    if (inPre()) {
      (top() as { raw: string[] }).raw.push(data);
      return;
    }
    const t = data.replace(/[\s\u00a0]+/g, ' ');
    inline.push(openCode.length > 0 ? t.replace(/`/g, "'") : escapeInline(t));
  };

  const open = (el: Element): void => {
    const name = el.name;
    const h = HEADING.exec(name);
    if (h) {
      flush();
      sinks.push({ kind: 'heading', level: Number(h[1]), parts: [] });
      return;
    }
    switch (name) {
      case 'br':
        if (inPre()) (top() as { raw: string[] }).raw.push('\n');
        else if (top().kind === 'blocks') flush();
        else inline.push(' ');
        return;
      case 'hr':
        flush();
        if (top().kind === 'blocks') emit({ type: 'rule' });
        return;
      case 'ul':
      case 'ol': {
        flush();
        const parent = lists[lists.length - 1];
        // text of an enclosing item comes before its nested list
        const sink = top();
        if (sink.kind === 'li' && sink.parts.length > 0) {
          sink.list.items.push({ text: safeInline(tidy(sink.parts.join(' '))), depth: sink.list.depth });
          sink.parts.length = 0;
        }
        const ctx: ListCtx = parent && sink.kind === 'li'
          ? { ordered: name === 'ol', depth: parent.depth + 1, items: parent.items, outer: false }
          : { ordered: name === 'ol', depth: 0, items: [], outer: true };
        lists.push(ctx);
        return;
      }
      case 'li': {
        flush();
        let list = lists[lists.length - 1];
        if (!list) {
          list = { ordered: false, depth: 0, items: [], outer: true };
          lists.push(list);
          (el as Element & { _implicitList?: boolean })._implicitList = true;
        }
        sinks.push({ kind: 'li', list, parts: [] });
        return;
      }
      case 'blockquote':
        flush();
        sinks.push({ kind: 'blocks', blocks: [] });
        return;
      case 'pre':
        flush();
        sinks.push({ kind: 'pre', raw: [] });
        return;
      case 'table':
        flush();
        tables.push({ rows: [], header: false, rowIndex: -1 });
        return;
      case 'tr': {
        flush();
        const t = tables[tables.length - 1];
        if (t) {
          t.rows.push([]);
          t.rowIndex++;
        }
        return;
      }
      case 'td':
      case 'th': {
        flush();
        const t = tables[tables.length - 1];
        if (t && name === 'th' && t.rowIndex === 0) t.header = true;
        sinks.push({ kind: 'cell', parts: [] });
        return;
      }
      case 'a':
        marks.push({ tag: 'a', start: inline.length, generation, href: safeUrl(el.attribs.href) });
        openLinks++;
        return;
      case 'strong':
      case 'b':
        marks.push({ tag: 'strong', start: inline.length, generation });
        openEmphasis.strong++;
        return;
      case 'em':
      case 'i':
        marks.push({ tag: 'em', start: inline.length, generation });
        openEmphasis.em++;
        return;
      case 'code':
      case 'kbd':
      case 'samp':
        if (!inPre()) {
          marks.push({ tag: 'code', start: inline.length, generation });
          openCode.push(generation);
        }
        return;
      default:
        if (BLOCK.has(name)) flush();
    }
  };

  /**
   * Closing a mark wraps its text in Markdown. Work stays linear in the input however marks nest: emphasis looks only
   * at the first and last non-blank pieces of its text and puts its markers into them (a wrapped emphasis starts and
   * ends with '*', so no enclosing emphasis touches the same piece again); a link is joined only when it is written
   * (the outermost link); a code span inside a code span leaves its text to the enclosing one.
   */
  const closeMark = (tag: InlineMark['tag']): void => {
    for (let i = marks.length - 1; i >= 0; i--) {
      const m = marks[i]!;
      if (m.tag !== tag) continue;
      marks.splice(i, 1);
      if (tag === 'strong' || tag === 'em') openEmphasis[tag]--;
      if (tag === 'a') openLinks--;
      else if (tag === 'code') openCode.pop();
      if (m.generation !== generation) return; // a block boundary came in between: leave the text plain
      if (m.start >= inline.length) return; // no text
      if (tag === 'strong' || tag === 'em') {
        if (openEmphasis[tag] > 0) return;
        const first = inline.firstSolid(m.start);
        if (first < 0) return; // only white space
        const last = inline.lastSolid();
        const head = inline.at(first);
        const a = head.length - head.trimStart().length;
        const tail = inline.at(last);
        const b = tail.trimEnd().length;
        if (head[a] === '*' || head[a] === '\\' || tail[b - 1] === '*') return;
        // a marker before punctuation opens nothing when a letter or digit stands right before it (`Woods*. I saw`):
        // CommonMark would pair it with the wrong neighbour, so the text stays plain
        const prev = a > 0 ? head[a - 1]! : first > 0 ? inline.at(first - 1).slice(-1) : '';
        if (PUNCT.test(head[a]!) && prev !== '' && !SPACE_OR_PUNCT.test(prev)) return;
        const marker = tag === 'strong' ? '**' : '*';
        if (first === last) inline.set(first, `${head.slice(0, a)}${marker}${head.slice(a, b)}${marker}${head.slice(b)}`);
        else {
          inline.set(first, `${head.slice(0, a)}${marker}${head.slice(a)}`);
          inline.set(last, `${tail.slice(0, b)}${marker}${tail.slice(b)}`);
        }
        return;
      }
      if (tag === 'a' && (!m.href || openLinks > 0)) return; // written as its text
      if (tag === 'code' && openCode[openCode.length - 1] === generation) return; // the enclosing code span takes this text
      const inner = inline.join(m.start);
      const core = inner.trim();
      if (!core) return;
      const lead = inner.slice(0, inner.length - inner.trimStart().length);
      const trail = inner.slice(lead.length + core.length);
      let wrapped = core;
      if (tag === 'a') {
        if (!/\]\(/.test(core)) wrapped = `[${core}](${m.href})`;
      } else {
        wrapped = `\`${core.replace(/\\([\\*_`<\[\]])/g, '$1')}\``;
      }
      inline.truncate(m.start);
      inline.push(lead + wrapped + trail);
      return;
    }
  };

  const close = (el: Element): void => {
    const name = el.name;
    if (HEADING.test(name)) {
      flush();
      const sink = sinks.pop() as Extract<Sink, { kind: 'heading' }>;
      const text = safeInline(tidy(sink.parts.join(' ')));
      if (text) emit({ type: 'heading', level: sink.level, text });
      return;
    }
    switch (name) {
      case 'a':
        closeMark('a');
        return;
      case 'strong':
      case 'b':
        closeMark('strong');
        return;
      case 'em':
      case 'i':
        closeMark('em');
        return;
      case 'code':
      case 'kbd':
      case 'samp':
        if (!inPre()) closeMark('code');
        return;
      case 'li': {
        flush();
        const sink = sinks.pop() as Extract<Sink, { kind: 'li' }>;
        const text = safeInline(tidy(sink.parts.join(' ')));
        if (text) sink.list.items.push({ text, depth: sink.list.depth });
        if ((el as Element & { _implicitList?: boolean })._implicitList) closeList();
        return;
      }
      case 'ul':
      case 'ol':
        flush();
        closeList();
        return;
      case 'blockquote': {
        flush();
        const sink = sinks.pop() as Extract<Sink, { kind: 'blocks' }>;
        const text = safeInline(sink.blocks.map(quoteText).filter(Boolean).join('\n\n'));
        if (text) emit({ type: 'quote', text });
        return;
      }
      case 'pre': {
        const sink = sinks.pop() as Extract<Sink, { kind: 'pre' }>;
        const text = sink.raw.join('').replace(/^\n+|\s+$/g, '');
        if (text) emit({ type: 'code', text });
        return;
      }
      case 'td':
      case 'th': {
        flush();
        const sink = sinks.pop() as Extract<Sink, { kind: 'cell' }>;
        const t = tables[tables.length - 1];
        const text = safeInline(tidy(sink.parts.join(' ')));
        if (t) {
          if (t.rows.length === 0) {
            t.rows.push([]);
            t.rowIndex = 0;
          }
          t.rows[t.rows.length - 1]!.push(text);
        } else if (text) emit({ type: 'paragraph', text: escapeBlockStart(text) });
        return;
      }
      case 'table': {
        flush();
        const t = tables.pop();
        if (t) emitTable(t);
        return;
      }
      default:
        if (BLOCK.has(name)) flush();
    }
  };

  const closeList = (): void => {
    const ctx = lists.pop();
    if (!ctx || !ctx.outer) return;
    if (ctx.items.length > 0) emit({ type: 'list', ordered: ctx.ordered, items: ctx.items });
  };

  const emitTable = (t: TableCtx): void => {
    const rows = t.rows.filter((r) => r.some((c) => c.length > 0));
    const width = Math.max(0, ...rows.map((r) => r.length));
    if (rows.length === 0) return;
    // Layout tables (one column, or one row) carry prose, not data: keep their cells as paragraphs.
    if (width < 2 || rows.length < 2) {
      for (const r of rows) for (const c of r) if (c) emit({ type: 'paragraph', text: escapeBlockStart(c) });
      return;
    }
    emit({ type: 'table', header: t.header, rows: rows.map((r) => Array.from({ length: width }, (_, i) => r[i] ?? '')) });
  };

  // The walk: an explicit stack of enter/exit frames.
  const stack: Array<{ node: AnyNode; exit: boolean; depth: number }> = [];
  const kids = root.children;
  for (let i = kids.length - 1; i >= 0; i--) stack.push({ node: kids[i]!, exit: false, depth: 1 });
  while (stack.length > 0) {
    tick();
    const f = stack.pop()!;
    const node = f.node;
    if (f.exit) {
      close(node as Element);
      continue;
    }
    if (node.type === 'text') {
      addText(node.data);
      continue;
    }
    if (node.type === 'cdata') {
      for (const c of node.children) if (c.type === 'text') addText(c.data);
      continue;
    }
    if (node.type !== 'tag') continue; // comments, directives, scripts and styles
    if (f.depth > maxDepth) throw new InputError('too-deep', `HTML nests deeper than ${maxDepth} levels (--max-depth)`);
    if (DROP.has(node.name) || isHidden(node)) continue;
    open(node);
    stack.push({ node, exit: true, depth: f.depth });
    for (let i = node.children.length - 1; i >= 0; i--) stack.push({ node: node.children[i]!, exit: false, depth: f.depth + 1 });
  }
  // close anything left open (malformed input is already balanced by the parser; this is a guard)
  flush();
  while (sinks.length > 1) {
    const s = sinks.pop()!;
    if (s.kind === 'blocks') rootBlocks.push(...s.blocks);
    else if (s.kind === 'pre') {
      const text = s.raw.join('').trim();
      if (text) rootBlocks.push({ type: 'code', text });
    } else if (s.parts.length > 0) rootBlocks.push({ type: 'paragraph', text: safeInline(escapeBlockStart(tidy(s.parts.join(' ')))) });
  }
  while (lists.length > 0) closeList();
  return rootBlocks;
}

/**
 * A run of inline Markdown kept in pieces, with the non-blank pieces indexed so that the first and the last
 * non-blank piece from any index are found in constant time. Pieces are added at the end, changed in place (never
 * to blank), or cut off from an index on.
 */
/** Punctuation and symbols, and what may stand before an emphasis marker that is followed by one (CommonMark's flanking rules). */
const PUNCT = /[\p{P}\p{S}]/u;
const SPACE_OR_PUNCT = /[\s\p{P}\p{S}]/u;

class InlineRun {
  private readonly pieces: string[] = [];
  private readonly before: number[] = []; // before[i]: how many non-blank pieces come before piece i
  private readonly solid: number[] = []; // the indices of the non-blank pieces, in order

  get length(): number {
    return this.pieces.length;
  }

  push(piece: string): void {
    this.before.push(this.solid.length);
    if (/\S/.test(piece)) this.solid.push(this.pieces.length);
    this.pieces.push(piece);
  }

  at(i: number): string {
    return this.pieces[i]!;
  }

  set(i: number, piece: string): void {
    this.pieces[i] = piece;
  }

  truncate(n: number): void {
    if (n >= this.pieces.length) return;
    this.solid.length = this.before[n]!;
    this.pieces.length = n;
    this.before.length = n;
  }

  join(from: number): string {
    return (from === 0 ? this.pieces : this.pieces.slice(from)).join('');
  }

  /** The first non-blank piece at or after `from`, or -1. */
  firstSolid(from: number): number {
    const k = this.before[from];
    return k !== undefined && k < this.solid.length ? this.solid[k]! : -1;
  }

  /** The last non-blank piece, or -1. */
  lastSolid(): number {
    return this.solid.length > 0 ? this.solid[this.solid.length - 1]! : -1;
  }
}

function tidy(s: string): string {
  return foldInlineSpaces(s).trim();
}

/** A block as inline Markdown inside a list item, a table cell or a heading: code becomes escaped text on one line. */
function inlineText(b: Block): string {
  return b.type === 'code' ? escapeInline(foldSpaces(b.text).trim()) : foldSpaces(blockText(b)).trim();
}

/**
 * A block as one or more paragraphs of a block quote: code as escaped text, a list as one paragraph per item (a
 * loose list inside the quote), a heading as its text. What is written here reads back as the same quote text.
 */
function quoteText(b: Block): string {
  switch (b.type) {
    case 'code':
      return escapeInline(foldSpaces(b.text).trim());
    case 'list':
      return b.items.map((it, i) => `${b.ordered ? `${i + 1}.` : '-'} ${it.text}`).join('\n\n');
    case 'heading':
      return b.text;
    default:
      return blockText(b);
  }
}

/** Inline text of a block, for sinks that only hold text (list items, cells, quotes). */
export function blockText(b: Block, markdown = false): string {
  switch (b.type) {
    case 'paragraph':
    case 'quote':
      return b.text;
    case 'heading':
      return markdown ? `${'#'.repeat(Math.max(2, b.level))} ${b.text}` : b.text;
    case 'list':
      return b.items.map((it, i) => (markdown ? `${'  '.repeat(it.depth)}${b.ordered ? `${i + 1}.` : '-'} ${it.text}` : it.text)).join(markdown ? '\n' : ' ');
    case 'code':
      return b.text;
    case 'table':
      return b.rows.map((r) => r.join(' ')).join(' ');
    case 'rule':
      return '';
  }
}
