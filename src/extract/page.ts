// Whole saved web page, or an HTML fragment / exported post body?
import type { AnyNode, Document, Element } from 'domhandler';

/** What isWholePage looks at; exported for tests and diagnostics. */
export interface PageShape {
  html: boolean;
  head: boolean;
  body: boolean;
  title: boolean;
  metas: number;
  chrome: number;
  links: number;
  paragraphs: number;
}

const CHROME = new Set(['nav', 'header', 'footer', 'aside', 'menu']);
const CHROME_ROLE = new Set(['navigation', 'banner', 'contentinfo', 'complementary', 'search', 'menubar']);

/** Counts the structural features of a document (iterative, stops after 200,000 nodes). */
export function pageShape(doc: Document): PageShape {
  const s: PageShape = { html: false, head: false, body: false, title: false, metas: 0, chrome: 0, links: 0, paragraphs: 0 };
  const stack: AnyNode[] = [...doc.children].reverse();
  let seen = 0;
  while (stack.length > 0 && seen++ < 200000) {
    const n = stack.pop()!;
    if (n.type !== 'tag' && n.type !== 'script' && n.type !== 'style') continue;
    const e = n as Element;
    switch (e.name) {
      case 'html': s.html = true; break;
      case 'head': s.head = true; break;
      case 'body': s.body = true; break;
      case 'title': s.title = true; break;
      case 'meta': s.metas++; break;
      case 'link': s.metas++; break;
      case 'a': if (e.attribs['href'] !== undefined) s.links++; break;
      case 'p': s.paragraphs++; break;
      default: break;
    }
    if (CHROME.has(e.name)) s.chrome++;
    else {
      const role = e.attribs['role'];
      if (role !== undefined && CHROME_ROLE.has(role.toLowerCase())) s.chrome++;
    }
    if (e.type !== 'tag') continue;
    for (let i = e.children.length - 1; i >= 0; i--) stack.push(e.children[i]!);
  }
  return s;
}

/**
 * True when the document is a whole saved web page (document structure plus
 * page furniture: a title, metadata, navigation, many links), false for an
 * HTML fragment such as a few paragraphs or a WordPress export's post body.
 * Never throws.
 */
export function isWholePage(doc: Document): boolean {
  try {
    const s = pageShape(doc);
    const structure = Number(s.html) + Number(s.head) + Number(s.body);
    if (structure >= 2 && (s.title || s.metas >= 2 || s.chrome >= 1 || s.links >= 10)) return true;
    if (structure >= 1 && s.title && (s.chrome >= 1 || s.links >= 20)) return true;
    // a page saved without its outer tags still shows its furniture
    if (s.chrome >= 2 && s.links >= 30) return true;
    return false;
  } catch {
    return false;
  }
}
