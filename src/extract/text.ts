// Iterative, block-aware plain text of a DOM subtree.
import type { AnyNode, Element } from 'domhandler';
import { BLOCK_TAGS } from './hints.js';

/** Elements whose text is never shown as text. */
const NO_TEXT: ReadonlySet<string> = new Set([
  'script', 'style', 'noscript', 'template', 'head', 'title', 'svg', 'math', 'iframe', 'object',
  'embed', 'select', 'option', 'textarea', 'button', 'canvas', 'video', 'audio', 'picture', 'map',
]);

const SEPARATE_CELLS: ReadonlySet<string> = new Set(['td', 'th']);

function isSpace(c: number): boolean {
  return c === 32 || c === 10 || c === 9 || c === 13 || c === 12 || c === 160 || c === 0x200b || c === 0xfeff;
}

/**
 * Plain text of `el`: a blank line between blocks, one newline for `<br>`,
 * whitespace collapsed outside `<pre>`, no script/style/template text.
 * Never recurses, so any nesting depth is fine. Never throws.
 */
export function pageText(el: Element): string {
  try {
    return textOf(el);
  } catch {
    return '';
  }
}

function textOf(root: Element): string {
  const out: string[] = [];
  let outLen = 0;
  // pending separator before the next text: 0 none, 1 space, 2 newline, 3 blank line
  let pending = 0;
  let atLineStart = true;
  let preDepth = 0;
  // explicit stack; a null-parent marker closes an element
  const stack: Array<AnyNode | Element[]> = [root];
  const push = (s: string) => {
    if (outLen > 0) {
      if (pending === 3) out.push('\n\n');
      else if (pending === 2) out.push('\n');
      else if (pending === 1 && !atLineStart) out.push(' ');
    }
    pending = 0;
    out.push(s);
    outLen += s.length;
    atLineStart = false;
  };
  while (stack.length > 0) {
    const item = stack.pop()!;
    if (Array.isArray(item)) {
      // end of an element
      const e = item[0]!;
      if (e.name === 'pre') preDepth--;
      if (SEPARATE_CELLS.has(e.name)) pending = Math.max(pending, 1);
      else if (e.name === 'tr') pending = Math.max(pending, 2);
      else if (BLOCK_TAGS.has(e.name)) pending = Math.max(pending, 3);
      continue;
    }
    if (item.type === 'text') {
      const data = (item as { data: string }).data;
      if (preDepth > 0) {
        if (data.length > 0) {
          // keep pre text as is, but still honour a pending block break
          const lines = data.replace(/\r\n?/g, '\n');
          push(lines);
          atLineStart = lines.endsWith('\n');
        }
        continue;
      }
      // collapse whitespace
      let start = -1;
      let wroteWord = false;
      let leadingSpace = false;
      let buf = '';
      for (let i = 0; i <= data.length; i++) {
        const c = i < data.length ? data.charCodeAt(i) : 32;
        if (isSpace(c)) {
          if (start >= 0) {
            buf += (wroteWord ? ' ' : '') + data.slice(start, i);
            wroteWord = true;
            start = -1;
          } else if (!wroteWord && i < data.length) leadingSpace = true;
        } else if (start < 0) start = i;
      }
      const trailingSpace = data.length > 0 && isSpace(data.charCodeAt(data.length - 1));
      if (buf.length > 0) {
        if (leadingSpace && pending === 0) pending = 1;
        push(buf);
        if (trailingSpace) pending = 1;
      } else if (data.length > 0 && pending === 0) pending = 1;
      continue;
    }
    if (item.type !== 'tag' && item.type !== 'script' && item.type !== 'style') continue;
    const e = item as Element;
    const name = e.name;
    if (NO_TEXT.has(name)) continue;
    if (name === 'br') {
      if (outLen > 0) pending = Math.max(pending, 2);
      continue;
    }
    if (name === 'hr') {
      pending = Math.max(pending, 3);
      continue;
    }
    // table cells: a space between cells, a line per row
    if (SEPARATE_CELLS.has(name)) pending = Math.max(pending, 1);
    else if (name === 'tr') pending = Math.max(pending, 2);
    else if (BLOCK_TAGS.has(name)) pending = Math.max(pending, 3);
    if (name === 'pre') preDepth++;
    stack.push([e]);
    const ch = e.children;
    for (let i = ch.length - 1; i >= 0; i--) stack.push(ch[i]!);
  }
  // trim line ends (only <pre> text can leave spaces there); split/join stays linear
  return out
    .join('')
    .split('\n')
    .map((l) => l.trimEnd())
    .join('\n')
    .trim();
}

/**
 * The first `max` characters of the collapsed text of `node` (for reports).
 * Stops walking as soon as enough text is found.
 */
export function excerpt(node: AnyNode, max = 100): string {
  let s = '';
  const stack: AnyNode[] = [node];
  try {
    while (stack.length > 0 && s.length < max + 20) {
      const n = stack.pop()!;
      if (n.type === 'text') {
        s += ' ' + (n as { data: string }).data;
        continue;
      }
      if (n.type !== 'tag') continue;
      const e = n as Element;
      if (NO_TEXT.has(e.name)) continue;
      if (BLOCK_TAGS.has(e.name) || e.name === 'br') s += ' ';
      for (let i = e.children.length - 1; i >= 0; i--) stack.push(e.children[i]!);
    }
  } catch {
    /* partial excerpt is fine */
  }
  s = s.replace(/\s+/g, ' ').trim();
  return s.length > max ? s.slice(0, max - 1) + '…' : s;
}

/**
 * Collapsed text of a small subtree, or null when it is longer than `limit`
 * characters. Stops walking as soon as the limit is passed.
 */
export function shortText(node: AnyNode, limit: number): string | null {
  let s = '';
  const stack: AnyNode[] = [node];
  while (stack.length > 0) {
    const n = stack.pop()!;
    if (n.type === 'text') {
      s += (n as { data: string }).data;
      if (s.length > limit * 4 + 200) return null;
      continue;
    }
    if (n.type !== 'tag') continue;
    const e = n as Element;
    if (NO_TEXT.has(e.name)) continue;
    s += ' ';
    for (let i = e.children.length - 1; i >= 0; i--) stack.push(e.children[i]!);
  }
  s = s.replace(/\s+/g, ' ').trim();
  return s.length > limit ? null : s;
}
