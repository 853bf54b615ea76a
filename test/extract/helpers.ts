import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { parseDocument } from 'htmlparser2';
import type { AnyNode, Document, Element } from 'domhandler';

const fixtures = fileURLToPath(new URL('../../fixtures/pages/', import.meta.url));

export function fixture(name: string): string {
  return readFileSync(fixtures + name, 'utf8');
}

export function page(name: string): Document {
  return parseDocument(fixture(name));
}

/** All elements under `root` with the given tag name (iterative). */
export function findAll(root: AnyNode, name: string): Element[] {
  const out: Element[] = [];
  const stack: AnyNode[] = [root];
  while (stack.length > 0) {
    const n = stack.pop()!;
    if (n.type === 'tag' && (n as Element).name === name) out.push(n as Element);
    if ('children' in n) {
      const ch = (n as Element).children;
      for (let i = ch.length - 1; i >= 0; i--) stack.push(ch[i]!);
    }
  }
  return out;
}

/** Number of nodes in a tree (iterative). */
export function countNodes(root: AnyNode): number {
  let n = 0;
  const stack: AnyNode[] = [root];
  while (stack.length > 0) {
    const x = stack.pop()!;
    n++;
    if ('children' in x) for (const c of (x as Element).children) stack.push(c);
  }
  return n;
}
