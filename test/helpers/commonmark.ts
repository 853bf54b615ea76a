/**
 * What a CommonMark renderer makes of an output body: micromark (the reference implementation of the spec, the
 * parser under remark and markdownlint) with raw HTML and every protocol let through, the way a permissive site
 * renders it, plus GitHub's table and bare-link extensions. `unsafeParts` lists every HTML element, comment or
 * directive that the body's own syntax cannot produce, every link or image whose target a browser would not read
 * as http(s), mailto or a relative address, and every raw HTML token.
 */
import { compile, micromark, parse, postprocess, preprocess } from 'micromark';
import { gfmAutolinkLiteral, gfmAutolinkLiteralHtml } from 'micromark-extension-gfm-autolink-literal';
import { gfmTable, gfmTableHtml } from 'micromark-extension-gfm-table';
import { parseDocument } from 'htmlparser2';
import type { AnyNode } from 'domhandler';

const extensions = [gfmAutolinkLiteral(), gfmTable()];
const htmlExtensions = [gfmAutolinkLiteralHtml(), gfmTableHtml()];

/** The body as HTML, raw HTML and every link target passed through as written. */
export function renderCommonMark(markdown: string): string {
  return micromark(markdown, { allowDangerousHtml: true, allowDangerousProtocol: true, extensions, htmlExtensions });
}

/** Elements that Markdown syntax itself produces (no images: an output has none). */
const MARKDOWN_ELEMENTS = new Set([
  'p', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'ul', 'ol', 'li', 'blockquote', 'pre', 'code', 'em', 'strong', 'a', 'hr', 'br',
  'table', 'thead', 'tbody', 'tr', 'th', 'td',
]);

/** A link target as a browser reads it: entities decoded (by the HTML parser), tabs and newlines removed, ends trimmed. */
export function browserUrl(href: string): string {
  // eslint-disable-next-line no-control-regex
  return href.replace(/[\t\n\r]/g, '').replace(/^[\u0000-\u0020]+|[\u0000-\u0020]+$/g, '');
}

export function isSafeTarget(href: string): boolean {
  const u = browserUrl(href);
  const scheme = /^([^:/?#]*):/.exec(u);
  if (!scheme) return true; // relative
  return /^(?:https?|mailto)$/i.test(scheme[1]!);
}

/** Everything unsafe in what a renderer makes of `markdown`: empty when the body is safe. */
export function unsafeParts(markdown: string): string[] {
  const found: string[] = [];
  // raw HTML as the parser sees it, whatever it would render to
  const events = postprocess(parse({ extensions }).document().write(preprocess()(markdown, undefined, true)));
  for (const [kind, token] of events) {
    if (kind === 'enter' && (token.type === 'htmlFlow' || token.type === 'htmlText')) {
      found.push(`raw HTML (${token.type}) at ${token.start.line}:${token.start.column}`);
    }
  }
  // the same events compiled to HTML, as renderCommonMark does (parsing once)
  const html = compile({ allowDangerousHtml: true, allowDangerousProtocol: true, htmlExtensions })(events);
  const dom = parseDocument(html, { decodeEntities: true });
  const stack: AnyNode[] = [...dom.children];
  while (stack.length > 0) {
    const n = stack.pop()!;
    if (n.type === 'comment' || n.type === 'directive' || n.type === 'cdata') found.push(`${n.type} in the rendered HTML`);
    if (n.type === 'tag' || n.type === 'script' || n.type === 'style') {
      if (!MARKDOWN_ELEMENTS.has(n.name)) found.push(`<${n.name}> element`);
      for (const [name, value] of Object.entries(n.attribs)) {
        if (name === 'href' || name === 'src') {
          if (!isSafeTarget(value)) found.push(`${name}="${value}"`);
        } else if (!(name === 'align' && /^t[hd]$/.test(n.name)) && !(name === 'class' && n.name === 'code') && !(name === 'title' && n.name === 'a') && !(name === 'start' && n.name === 'ol')) {
          found.push(`${name}= attribute on <${n.name}>`);
        }
      }
    }
    if ('children' in n) stack.push(...n.children);
  }
  return found;
}
