/** Markdown escaping of plain text, so that text taken from HTML or plain files renders as itself. */

const WORD = /[\p{L}\p{N}]/u;

/** Escapes characters that would start inline Markdown syntax. */
export function escapeInline(text: string): string {
  if (!/[\\*`_<\[\]]/.test(text)) return text;
  const t = text
    .replace(/\\/g, '\\\\')
    .replace(/([*`])/g, '\\$1')
    // a run of underscores inside a word (snake_case) cannot open or close emphasis; any other run is escaped whole
    .replace(/_+/g, (run: string, at: number, s: string) => (WORD.test(s[at - 1] ?? ' ') && WORD.test(s[at + run.length] ?? ' ') ? run : run.replace(/_/g, '\\_')))
    .replace(/<(?=[A-Za-z/!?])/g, '\\<')
    .replace(/\](?=\()/g, '\\]');
  return t.includes('[') ? escapeLinkOpeners(t) : t;
}

/**
 * Escapes each `[` whose first following `]` is followed by `(`: it would open a link. One backward pass finds
 * the next `]` for every position, so the whole escape stays linear (no look-ahead scan per bracket).
 */
function escapeLinkOpeners(t: string): string {
  const nextClose = new Int32Array(t.length + 1).fill(-1);
  for (let i = t.length - 1; i >= 0; i--) nextClose[i] = t[i] === ']' ? i : nextClose[i + 1]!;
  let out = '';
  let from = 0;
  for (let i = t.indexOf('['); i >= 0; i = t.indexOf('[', i + 1)) {
    const close = nextClose[i + 1]!;
    if (close >= 0 && t[close + 1] === '(') {
      out += `${t.slice(from, i)}\\[`;
      from = i + 1;
    }
  }
  return out + t.slice(from);
}

/** Escapes what would turn the start of a paragraph into a heading, list, quote, fence or rule. */
export function escapeBlockStart(text: string): string {
  if (!/^[#\-+*_\d>=~]/.test(text)) return text;
  return text
    .replace(/^(#{1,6})(?=\s|$)/, '\\$1')
    // a bullet: `-`, `+` or `*` and white space (a `*` that starts emphasis is never followed by white space)
    .replace(/^([-+*])(?=\s)/, '\\$1')
    .replace(/^(\d{1,9})([.)])(?=\s|$)/, '$1\\$2')
    .replace(/^>/, '\\>')
    .replace(/^([-*_=])(?:[ \t]*\1){2,}[ \t]*$/, '\\$&')
    .replace(/^(~{3,})/, '\\$1');
}

/**
 * A link target safe to keep, written so that it reads back as itself: http(s), mailto or a relative address.
 * Never javascript:, data:, vbscript:, file: or any other scheme, however it is spelled: white space and control
 * characters are dropped first (browsers drop tabs and line breaks inside a scheme), and anything with a `:` before
 * its first `/`, `?` or `#` must start with http:, https: or mailto:. In the Markdown target, characters that could
 * end it or be read as syntax are percent-encoded, and an `&` that would start an entity reference is escaped.
 */
export function safeUrl(href: string | undefined): string | null {
  if (!href) return null;
  // eslint-disable-next-line no-control-regex
  const h = href.replace(/[\u0000-\u0020\u007f-\u009f]+/g, '');
  if (!h || h.startsWith('#')) return null;
  const head = /^[^/?#]*/.exec(h)![0];
  const colon = head.indexOf(':');
  if (colon >= 0 && !/^(?:https?|mailto):$/i.test(head.slice(0, colon + 1))) return null;
  if (head.includes('\\')) return null;
  return h
    .replace(/[()<>`\\[\]]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase().padStart(2, '0')}`)
    .replace(/&(?=#?[A-Za-z0-9]{1,32};)/g, '\\&');
}
