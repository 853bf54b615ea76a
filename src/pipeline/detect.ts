/** Format detection from content, never from the file extension. */
import type { Format } from '../types.js';
import { hasFrontMatter } from './front-matter.js';
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
  for (const _ of head.matchAll(TAG)) if (++n >= 1000) break;
  return n;
}

export function looksLikeHtml(text: string): boolean {
  const n = tagCount(text);
  if (n >= 3) return true;
  return n >= 1 && /<(?:p|div|br|table|ul|ol|h[1-6])\b/i.test(text);
}

export function detectFormat(text: string): Format {
  if (hasFrontMatter(text)) {
    const end = text.indexOf('\n', 4);
    const rest = text.slice(end + 1);
    return looksLikeHtml(rest) ? 'wp-export' : 'markdown';
  }
  if (/^\s*[[{]/.test(text) && looksLikeJson(text)) return 'json';
  if (text.includes('<')) {
    if (PAGE.test(text.slice(0, 5000)) || (/<head[\s>]/i.test(text.slice(0, 20000)) && /<body[\s>]/i.test(text))) return 'html-page';
    if (looksLikeHtml(text)) return 'html-fragment';
  }
  const head = text.split('\n', 12).join('\n');
  if (SYNDICATION.test(head)) return 'syndication';
  return 'text';
}
