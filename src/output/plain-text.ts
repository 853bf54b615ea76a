/**
 * A clean Markdown body as plain text, for corpus records (`text`): what a reader sees of it, without Markdown
 * syntax. Links and images keep their text (never their targets), emphasis and code marks go, escapes are
 * undone, headings and list items keep their words on a line of their own; paragraphs stay apart by one blank line.
 */

const IMAGE = /!\[((?:\\.|[^\]\\])*)\]\((?:[^()\s]|\([^()\s]*\))*(?:\s+"[^"]*")?\)/g;
const LINK = /\[((?:\\.|[^\]\\])*)\]\((?:[^()\s]|\([^()\s]*\))*(?:\s+"[^"]*")?\)/g;
const AUTOLINK = /<((?:https?|ftp|mailto):[^>\s]+)>/gi;
const ESCAPE = /\\([!-/:-@[-`{-~])/g;

function inline(s: string): string {
  return s
    .replace(IMAGE, (_, alt: string) => alt)
    .replace(LINK, (_, text: string) => text)
    .replace(AUTOLINK, '$1')
    .replace(/(`+)([^`]|[^`][\s\S]*?[^`])\1(?!`)/g, (_, __, code: string) => code.trim())
    .replace(/(^|[^\\*])\*\*(?=\S)([\s\S]*?\S)\*\*/g, '$1$2')
    .replace(/(^|[^\\*])\*(?=\S)([^*]*?\S)\*/g, '$1$2')
    .replace(/(^|[^\p{L}\p{N}\\_])__?(?=\S)([^_]*?\S)__?(?=[^\p{L}\p{N}_]|$)/gu, '$1$2')
    .replace(ESCAPE, '$1');
}

export function markdownToPlainText(markdown: string): string {
  const out: string[] = [];
  let fence: string | null = null;
  for (const raw of markdown.replace(/\r\n?/g, '\n').split('\n')) {
    if (fence !== null) {
      if (raw.trim().startsWith(fence)) fence = null;
      else out.push(raw);
      continue;
    }
    const f = raw.match(/^ {0,3}(`{3,}|~{3,})/);
    if (f) {
      fence = f[1]!;
      continue;
    }
    let line = raw;
    if (/^ {0,3}([-*_])(?:[ \t]*\1){2,}[ \t]*$/.test(line)) {
      out.push('');
      continue;
    }
    if (/^\s*\|?\s*:?-{3,}:?\s*(\|\s*:?-{3,}:?\s*)*\|?\s*$/.test(line) && line.includes('-')) continue; // table rule
    line = line
      .replace(/^(\s*>)+\s?/, '')
      .replace(/^ {0,3}#{1,6}(?:\s+|$)/, '')
      .replace(/\s+#+\s*$/, '')
      .replace(/^\s*(?:[-*+]|\d{1,9}[.)])\s+/, '');
    if (/^\s*\|.*\|\s*$/.test(line)) line = line.trim().slice(1, -1).split(/(?<!\\)\|/).map((c) => c.trim()).join('\t');
    out.push(inline(line).replace(/[ \t]+$/, ''));
  }
  return out.join('\n').replace(/\n{3,}/g, '\n\n').trim();
}
