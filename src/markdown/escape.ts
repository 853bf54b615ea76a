/** Markdown escaping of plain text, so that text taken from HTML or plain files renders as itself. */

/** Escapes characters that would start inline Markdown syntax. */
export function escapeInline(text: string): string {
  return text
    .replace(/\\/g, '\\\\')
    .replace(/([*`])/g, '\\$1')
    .replace(/(^|[^\p{L}\p{N}])_|_(?=[^\p{L}\p{N}]|$)/gu, (m) => m.replace('_', '\\_'))
    .replace(/<(?=[A-Za-z/!?])/g, '\\<')
    .replace(/\](?=\()/g, '\\]')
    .replace(/\[(?=[^\]]*\]\()/g, '\\[');
}

/** Escapes what would turn the start of a paragraph into a heading, list, quote, fence or rule. */
export function escapeBlockStart(text: string): string {
  return text
    .replace(/^(#{1,6})(?=\s|$)/, '\\$1')
    .replace(/^([-+])(?=\s)/, '\\$1')
    .replace(/^(\d{1,9})([.)])(?=\s|$)/, '$1\\$2')
    .replace(/^>/, '\\>')
    .replace(/^([-*_=])(?:[ \t]*\1){2,}[ \t]*$/, '\\$&')
    .replace(/^(~{3,})/, '\\$1');
}

/** URL safe to keep as a link target: http(s), mailto, or relative. Never javascript:, data:, vbscript:. */
export function safeUrl(href: string | undefined): string | null {
  if (!href) return null;
  // eslint-disable-next-line no-control-regex
  const h = href.replace(/[\u0000-\u0020\u007f]+/g, '').trim();
  if (!h || h.startsWith('#')) return null;
  const scheme = /^([a-z][a-z0-9+.-]*):/i.exec(h);
  if (scheme && !/^(https?|mailto|ftp)$/i.test(scheme[1]!)) return null;
  return h.replace(/[()\s<>]/g, (c) => encodeURIComponent(c));
}
