/** Small DOM helpers over htmlparser2's domhandler tree. Every walk is iterative: real input nests very deep. */
import { Parser } from 'htmlparser2';
import { DomHandler } from 'domhandler';
import type { AnyNode, Document, Element, ParentNode } from 'domhandler';
import { foldSpaces } from '../text/spaces.js';
import { checkBudget, tick } from '../deadline.js';

export type { AnyNode, Document, Element, ParentNode };

/** HTML is fed to the parser in pieces of this size, with a look at the time budget between them. */
const CHUNK = 256 * 1024;

// `<span id="midArticle_1"/>`: exports written by XHTML serialisers mean these as empty elements, not open ones.
const OPTIONS = { decodeEntities: true, lowerCaseTags: true, lowerCaseAttributeNames: true, recognizeSelfClosing: true };

/** The document tree of `html` (htmlparser2's parseDocument, fed in chunks; `chunk` is for tests). */
export function parseHtml(html: string, chunk = CHUNK): Document {
  const handler = new DomHandler();
  const parser = new Parser(handler, OPTIONS);
  if (html.length <= chunk) parser.end(html);
  else {
    for (let at = 0; at < html.length; at += chunk) {
      parser.write(html.slice(at, at + chunk));
      checkBudget();
    }
    parser.end();
  }
  return handler.root;
}

export function isElement(n: AnyNode): n is Element {
  return n.type === 'tag' || n.type === 'script' || n.type === 'style';
}

/** Visits every node below `root` in document order, without recursion. Return false from `visit` to skip a subtree. */
export function walk(root: ParentNode, visit: (node: AnyNode, depth: number) => boolean | void): void {
  const stack: Array<[AnyNode, number]> = [];
  for (let i = root.children.length - 1; i >= 0; i--) stack.push([root.children[i]!, 1]);
  while (stack.length > 0) {
    tick();
    const [node, depth] = stack.pop()!;
    if (visit(node, depth) === false) continue;
    if ('children' in node && node.children.length > 0) {
      const kids = node.children;
      for (let i = kids.length - 1; i >= 0; i--) stack.push([kids[i]!, depth + 1]);
    }
  }
}

/** All elements below root (document order) for which `pred` holds. Does not descend into matches when `outermost`. */
export function findAll(root: ParentNode, pred: (el: Element) => boolean, outermost = false): Element[] {
  const out: Element[] = [];
  walk(root, (n) => {
    if (!isElement(n)) return;
    if (pred(n)) {
      out.push(n);
      if (outermost) return false;
    }
  });
  return out;
}

/** Greatest element nesting depth below root. */
export function maxDepth(root: ParentNode): number {
  let max = 0;
  walk(root, (n, d) => {
    if (d > max) max = d;
  });
  return max;
}

/** Elements whose content is no text of the page (textOf leaves them out). */
export const SKIP_TEXT: ReadonlySet<string> = new Set(['script', 'style', 'noscript', 'template', 'head', 'title']);

/** Text content with single spaces, block-agnostic; at most `limit` characters are collected. */
export function textOf(root: AnyNode, limit = Infinity): string {
  if (root.type === 'text') return foldSpaces((root as unknown as { data: string }).data).trim();
  if (!('children' in root)) return '';
  const parts: string[] = [];
  let len = 0;
  walk(root as ParentNode, (n) => {
    if (len >= limit) return false;
    if (isElement(n)) {
      if (SKIP_TEXT.has(n.name)) return false;
      if (BLOCKISH.has(n.name)) parts.push(' ');
      return;
    }
    if (n.type === 'text') {
      parts.push(n.data);
      len += n.data.replace(/\s+/g, '').length;
    }
  });
  const s = foldSpaces(parts.join('')).trim();
  return s.length > limit ? s.slice(0, limit) : s;
}

const BLOCKISH = new Set(['p', 'div', 'br', 'li', 'td', 'th', 'tr', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'section', 'article', 'blockquote', 'figcaption', 'dd', 'dt']);

export function removeNode(n: AnyNode): void {
  const parent = n.parent;
  if (!parent) return;
  const i = parent.children.indexOf(n as never);
  if (i >= 0) parent.children.splice(i, 1);
  if (n.prev) n.prev.next = n.next;
  if (n.next) n.next.prev = n.prev;
  n.parent = null;
  n.prev = null;
  n.next = null;
}

/** Replaces an element by its children. */
export function unwrap(el: Element): void {
  const parent = el.parent;
  if (!parent) return;
  const i = parent.children.indexOf(el);
  if (i < 0) return;
  const kids = el.children;
  for (const k of kids) k.parent = parent;
  parent.children.splice(i, 1, ...kids);
  // re-link siblings around the splice
  const start = Math.max(0, i - 1);
  const end = Math.min(parent.children.length - 1, i + kids.length);
  for (let j = start; j <= end; j++) {
    const c = parent.children[j]!;
    c.prev = j > 0 ? parent.children[j - 1]! : null;
    c.next = j < parent.children.length - 1 ? parent.children[j + 1]! : null;
  }
  el.children = [];
  el.parent = null;
}

/** Class and id tokens of an element, lower-cased, as one string for pattern tests. */
export function hintOf(el: Element): string {
  const a = el.attribs;
  return `${a.id ?? ''} ${a.class ?? ''} ${a.role ?? ''} ${a.itemprop ?? ''}`.toLowerCase();
}

export function isHidden(el: Element): boolean {
  const a = el.attribs;
  if ('hidden' in a) return true;
  if (a['aria-hidden'] === 'true') return true;
  const style = a.style;
  if (style && /display\s*:\s*none|visibility\s*:\s*hidden/i.test(style)) return true;
  return false;
}
