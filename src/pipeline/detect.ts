/** Format detection from content, never from the file extension. */
import type { Format } from '../types.js';
import { bodyOffset } from './front-matter.js';
import { looksLikeJson } from './json-input.js';

const TAG = /<\/?(?:p|div|span|br|a|h[1-6]|ul|ol|li|table|tr|td|strong|em|b|i|blockquote|img|section|article|figure|figcaption|iframe|script|style|pre|code)\b[^<>]{0,2000}>/gi;
const PAGE = /^\s*(?:<\?xml[^>]{0,200}>\s*)?(?:<!--[\s\S]{0,2000}?-->\s*)*(?:<!doctype\s+html|<html[\s>])/i;
const SYNDICATION = /^\(\s*MENAFN\s*[-–—]|\/\s*PRNewswire(?:-[A-Z]+)?\s*\/|\(\s*BUSINESS WIRE\s*\)|\/\s*EIN\s?Presswire\s*\/|\/\s*GLOBE NEWSWIRE\s*\/|\/\s*ACCESSWIRE\s*\//m;

/** Number of HTML tags in the first `limit` characters. */
export function tagCount(text: string, limit = 200_000): number {
  let n = 0;
  // no tag without a "<" (searched for natively, many times faster than the pattern's scan)
  if (!text.includes('<')) return 0;
  TAG.lastIndex = 0;
  const head = text.length > limit ? text.slice(0, limit) : text;
  for (const m of head.matchAll(TAG)) {
    // a tag written as text in Markdown (`\\<p>`, newsclean's own output) is not markup
    if (escaped(head, m.index) || ++n < 1000) continue;
    break;
  }
  return n;
}

/** True when the character at `at` follows an odd run of backslashes (a Markdown escape). */
function escaped(text: string, at: number): boolean {
  let k = at - 1;
  while (k >= 0 && text.charCodeAt(k) === 92) k--;
  return (at - 1 - k) % 2 === 1;
}

export function looksLikeHtml(text: string): boolean {
  const n = tagCount(text);
  if (n >= 3) return true;
  return n >= 1 && /(?<!\\)<(?:p|div|br|table|ul|ol|h[1-6])\b/i.test(text);
}

/** A plain text that only shows tags is this long at least (non-empty lines). */
const TAGS_SHOWN_MIN_LINES = 20;
/** … and has tags on fewer than this share of its non-empty lines. */
const TAGS_SHOWN_SHARE = 0.2;
const ONE_TAG = new RegExp(TAG.source, 'i');

/**
 * Plain text that shows a few tags as text (a page dumped by a text browser with a comment form's "You may use these
 * HTML tags: <a href> <b> <blockquote> …", an article quoting markup): many lines, tags on few of them, and its first
 * line not opening with a tag. An HTML fragment has tags on most of its lines, or all of it on one line, or
 * opens with a tag.
 */
export function showsTagsAsText(text: string): boolean {
  let lines = 0;
  let tagged = 0;
  let first: boolean | null = null;
  let start = 0;
  while (start <= text.length) {
    let end = text.indexOf('\n', start);
    if (end < 0) end = text.length;
    const line = text.slice(start, end);
    start = end + 1;
    if (!line.trim()) continue;
    lines++;
    const has = line.includes('<') && ONE_TAG.test(line);
    if (has) tagged++;
    first ??= has && ONE_TAG.exec(line)!.index === line.search(/\S/);
  }
  return lines >= TAGS_SHOWN_MIN_LINES && tagged < TAGS_SHOWN_SHARE * lines && first === false;
}

/**
 * Markdown with its fenced code blocks left out: tags shown as code in a Markdown body (newsclean writes HTML it
 * found inside <pre> that way) are not markup. One pass over the lines.
 */
export function withoutFences(md: string): string {
  if (!md.includes('```') && !md.includes('~~~')) return md;
  const lines = md.split('\n');
  const kept: string[] = [];
  let fence: string | null = null;
  for (const line of lines) {
    const m = /^ {0,3}(`{3,}|~{3,})/.exec(line);
    if (fence === null) {
      if (m && !(m[1]![0] === '`' && line.slice(m[0].length).includes('`'))) fence = m[1]!;
      else kept.push(line);
    } else if (m && m[1]![0] === fence[0] && m[1]!.length >= fence.length && !line.slice(m[0].length).trim()) fence = null;
  }
  return kept.join('\n');
}

export function detectFormat(text: string): Format {
  const body = bodyOffset(text);
  if (body >= 0) return looksLikeHtml(withoutFences(text.slice(body))) ? 'wp-export' : 'markdown';
  if (/^\s*[[{]/.test(text) && looksLikeJson(text)) return 'json';
  if (text.includes('<')) {
    // a doctype opens a page only when markup follows it (a converter that passes the declaration through as text
    // writes a Markdown or plain-text copy under it)
    if (PAGE.test(text.slice(0, 5000)) && showsMarkup(text)) return 'html-page';
    // a page's head and body anywhere, or a few tags: markup, unless the text only shows them (an article quoting
    // a page's source in a code sample)
    const page = /<head[\s>]/i.test(text.slice(0, 20000)) && /<body[\s>]/i.test(text);
    if ((page || looksLikeHtml(text)) && !showsTagsAsText(text)) return page ? 'html-page' : 'html-fragment';
  }
  const head = text.split('\n', 12).join('\n');
  if (SYNDICATION.test(head)) return 'syndication';
  return looksLikeMarkdown(text) ? 'markdown' : 'text';
}

/** Any element of a page after its doctype: one of the tags looked for, or a page's own (html, head, body, title, meta). */
function showsMarkup(text: string): boolean {
  return tagCount(text, 20_000) > 0 || /<(?:html|head|body|title|meta|link)[\s>/]/i.test(text.slice(0, 20_000));
}

const MD_HEADING = /^ {0,3}#{1,6}[ \t]+\S/gm;
/** An inline link, or an image (whose alternative text may be empty: `![](src)`, the inside of a linked image). */
const MD_LINK = /(?:\[[^[\]\n]{1,300}|!\[[^[\]\n]{0,300})\]\((?:[^()\s]{1,2000}|[^()\s]{0,1000}\([^()\s]{0,200}\)[^()\s]{0,200})(?:[ \t]+(?:"[^"\n]{0,300}"|'[^'\n]{0,300}'))?\)/g;
const MD_EMPHASIS = /\*\*[^*\s][^*\n]{0,200}\*\*|__[^_\s][^_\n]{0,200}__/g;
const MD_FENCE = /^ {0,3}(?:`{3,}|~{3,})/gm;
const MD_REF = /^ {0,3}\[[^\]\n]{1,100}\]:[ \t]+\S/gm;

/**
 * Markdown without front matter (a scraper's Markdown copy of a page): ATX headings, inline links and images,
 * strong emphasis, code fences and link definitions, two of them at least and one that plain text never shows
 * (a heading, a link, a fence). List markers alone do not count: text browsers draw lists with them too.
 */
export function looksLikeMarkdown(text: string): boolean {
  const sample = text.length > 100_000 ? text.slice(0, 100_000) : text;
  const hasHash = sample.includes('#');
  const hasLink = sample.includes('](');
  const hasStrong = sample.includes('**') || sample.includes('__');
  const hasFence = sample.includes('```') || sample.includes('~~~');
  if (!hasHash && !hasLink && !hasFence) return false;
  const headings = hasHash ? countUpTo(sample, MD_HEADING, 3) : 0;
  const links = hasLink ? countUpTo(sample, MD_LINK, 3) : 0;
  const fences = hasFence ? countUpTo(sample, MD_FENCE, 2) : 0;
  const strong = hasStrong ? countUpTo(sample, MD_EMPHASIS, 2) : 0;
  const refs = sample.includes(']:') ? countUpTo(sample, MD_REF, 2) : 0;
  const strongSignals = headings + links + fences;
  return strongSignals >= 1 && strongSignals + strong + refs >= 2;
}

function countUpTo(s: string, re: RegExp, max: number): number {
  re.lastIndex = 0;
  let n = 0;
  while (n < max && re.exec(s) !== null) n++;
  return n;
}
