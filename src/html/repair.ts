/**
 * Two repairs of saved pages that a browser's parser makes and htmlparser2 does not, so that the article is where
 * the extractor looks for it:
 *
 * - closeRunawayTitle (before parsing): a `<title>` left open swallows the rest of the page as its text. When the
 *   page's own markup (`</head>`, `<body>`, `<meta>`, a `<div>` …) follows before any `</title>`, the title ends there.
 * - liftHeadContent (after parsing): without a `<body>` tag (optional in HTML) or with content before it, htmlparser2
 *   keeps the page's text inside `<head>`, where nothing is read as article. A browser ends the head at the first
 *   element that cannot be in it; the same is done here: that element and everything after it in the head move to
 *   the start of the body (made when there is none).
 */
import { Element, type AnyNode, type Document, type ParentNode } from 'domhandler';

/** Markup that never sits inside a title's text: where a title left open really ends. */
const PAGE_MARKUP = /<\/?(?:head|body|html|meta|link|script|style|noscript|base|div|p|table|center|font|h[1-6]|ul|ol|form|header|nav|main|section|article|aside|footer|iframe|img|a|span|br)\b/gi;
const TITLE_OPEN = /<title\b[^<>]{0,500}>/gi;
const TITLE_CLOSE = /<\/title\s*>/gi;

/** Inserts `</title>` before the page markup that follows a title left open (at most the first three titles). */
export function closeRunawayTitle(html: string): string {
  if (!html.includes('<title') && !html.includes('<TITLE') && !/<title/i.test(html.slice(0, 100000))) return html;
  let out = html;
  TITLE_OPEN.lastIndex = 0;
  for (let n = 0; n < 3; n++) {
    const open = TITLE_OPEN.exec(out);
    if (open === null) break;
    const start = open.index + open[0].length;
    TITLE_CLOSE.lastIndex = start;
    const close = TITLE_CLOSE.exec(out);
    PAGE_MARKUP.lastIndex = start;
    const markup = PAGE_MARKUP.exec(out);
    if (markup !== null && (close === null || markup.index < close.index)) {
      out = `${out.slice(0, markup.index)}</title>${out.slice(markup.index)}`;
      TITLE_OPEN.lastIndex = markup.index + 8;
    } else TITLE_OPEN.lastIndex = close !== null ? close.index + close[0].length : out.length;
  }
  return out;
}

/** Elements a document head may hold; anything else ends it. */
const HEAD_CONTENT: ReadonlySet<string> = new Set(['title', 'meta', 'link', 'script', 'style', 'base', 'noscript', 'template', 'basefont', 'bgsound', 'object', 'param']);

function isHeadContent(n: AnyNode): boolean {
  if (n.type === 'text') return (n as unknown as { data: string }).data.trim() === '';
  if (n.type === 'comment' || n.type === 'directive' || n.type === 'cdata') return true;
  return HEAD_CONTENT.has((n as Element).name);
}

function relink(parent: ParentNode): void {
  const kids = parent.children;
  for (let i = 0; i < kids.length; i++) {
    const c = kids[i]!;
    c.parent = parent;
    c.prev = i > 0 ? kids[i - 1]! : null;
    c.next = i < kids.length - 1 ? kids[i + 1]! : null;
  }
}

function childTag(parent: ParentNode, name: string): Element | undefined {
  for (const c of parent.children) if (c.type === 'tag' && (c as Element).name === name) return c as Element;
  return undefined;
}

/** Moves page content out of `<head>` into the body; returns whether anything moved. Idempotent. */
export function liftHeadContent(doc: Document): boolean {
  const html = childTag(doc, 'html');
  const top: ParentNode = html ?? doc;
  const head = childTag(top, 'head');
  if (head === undefined) return false;
  const at = head.children.findIndex((c) => !isHeadContent(c));
  if (at < 0) return false;
  const moved = head.children.splice(at);
  relink(head);
  let body = childTag(top, 'body');
  if (body === undefined) {
    body = new Element('body', {});
    const hi = top.children.indexOf(head);
    // what follows the head at the top level (content after </head> with no <body>) belongs to the body too
    const after = top.children.splice(hi + 1);
    body.children = [...moved, ...after];
    top.children.push(body);
    relink(top);
  } else {
    body.children = [...moved, ...body.children];
  }
  relink(body);
  return true;
}
