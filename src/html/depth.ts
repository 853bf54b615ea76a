/**
 * Nesting depth estimated from the tags alone, in one linear scan, before the HTML is parsed: htmlparser2's
 * tree builder costs time proportional to the depth for each tag, so 100,000 nested elements take seconds and
 * millions would take hours. Void elements, self-closed tags and elements whose end tag HTML lets you omit
 * (p, li, td, …) do not count, so ordinary tag soup is never mistaken for deep nesting.
 */
import { tick } from '../deadline.js';

const VOID = new Set(['area', 'base', 'br', 'col', 'embed', 'hr', 'img', 'input', 'link', 'meta', 'param', 'source', 'track', 'wbr', 'keygen', 'command', 'basefont', 'frame', 'isindex']);
const OPTIONAL_END = new Set(['p', 'li', 'td', 'th', 'tr', 'dt', 'dd', 'option', 'optgroup', 'thead', 'tbody', 'tfoot', 'colgroup', 'rb', 'rt', 'rtc', 'rp', 'html', 'head', 'body']);
const RAW_TEXT = new Set(['script', 'style', 'textarea', 'title', 'xmp', 'iframe', 'noembed', 'noframes', 'plaintext']);

export function estimateDepth(html: string, stopAt = Infinity): number {
  const tag = /<(\/?)([A-Za-z][A-Za-z0-9:-]{0,40})\b[^<>]{0,4000}?(\/?)>|<!--/g;
  let depth = 0;
  let max = 0;
  let m: RegExpExecArray | null;
  while ((m = tag.exec(html)) !== null) {
    tick();
    if (m[0] === '<!--') {
      const end = html.indexOf('-->', tag.lastIndex);
      if (end < 0) break;
      tag.lastIndex = end + 3;
      continue;
    }
    const name = m[2]!.toLowerCase();
    if (m[1]) {
      if (!VOID.has(name) && !OPTIONAL_END.has(name) && depth > 0) depth--;
      continue;
    }
    if (RAW_TEXT.has(name)) {
      const close = new RegExp(`</${name}`, 'gi');
      close.lastIndex = tag.lastIndex;
      if (close.exec(html) === null) break;
      tag.lastIndex = close.lastIndex - name.length - 2;
      continue;
    }
    if (m[3] || VOID.has(name) || OPTIONAL_END.has(name)) continue;
    if (++depth > max) {
      max = depth;
      if (max > stopAt) return max;
    }
  }
  return max;
}
