// Page-level signals for the extractor: title keys (to spot the headline in
// the body) and the JSON-LD articleBody (to locate and validate the container).
import type { AnyNode, Element, Text } from 'domhandler';
import { decodeHTML } from 'entities';
import { F_BLOCK, F_HIDDEN, F_SKIP, type Analysis } from './analyze.js';

const NON_WORD = /[^\p{L}\p{N}]+/gu;
const WORD = /[\p{L}\p{N}]+/gu;
const TITLE_SEPARATOR = /\s+[|\-–—:·•»]{1,2}\s+/;

export function normalizeTitle(s: string): string {
  return s.toLowerCase().replace(NON_WORD, ' ').trim();
}

/** Normalised forms of the page's titles and of their parts around site separators. */
export function titleKeys(titles: string[]): string[] {
  const keys = new Set<string>();
  for (const t of titles) {
    const src = t.length > 1000 ? t.slice(0, 1000) : t;
    const n = normalizeTitle(src);
    if (n.length >= 4) keys.add(n);
    for (const part of src.split(TITLE_SEPARATOR)) {
      const p = normalizeTitle(part);
      if (p.length >= 15) keys.add(p);
    }
  }
  return [...keys];
}

function dice(a: string[], b: string[]): number {
  if (a.length === 0 || b.length === 0) return 0;
  const counts = new Map<string, number>();
  for (const w of a) counts.set(w, (counts.get(w) ?? 0) + 1);
  let common = 0;
  for (const w of b) {
    const c = counts.get(w) ?? 0;
    if (c > 0) {
      common++;
      counts.set(w, c - 1);
    }
  }
  return (2 * common) / (a.length + b.length);
}

/** Whether a heading's text is the page title (allowing a site suffix or small edits). */
export function sameTitle(text: string, keys: string[]): boolean {
  const t = normalizeTitle(text);
  if (t.length < 8) return false;
  const tw = t.split(' ');
  for (const k of keys) {
    if (k === t) return true;
    const shorter = k.length < t.length ? k : t;
    const longer = k.length < t.length ? t : k;
    if (shorter.length >= 0.7 * longer.length && longer.includes(shorter)) return true;
    if (dice(tw, k.split(' ')) >= 0.8) return true;
  }
  return false;
}

/** Iteratively collects values of `key` anywhere in a parsed JSON value (bounded). */
export function collectKey(value: unknown, key: string, limit = 10000): unknown[] {
  const found: unknown[] = [];
  const stack: unknown[] = [value];
  let seen = 0;
  while (stack.length > 0 && seen++ < limit) {
    const v = stack.pop();
    if (Array.isArray(v)) {
      for (const x of v) stack.push(x);
    } else if (v !== null && typeof v === 'object') {
      for (const [k, x] of Object.entries(v as Record<string, unknown>)) {
        if (k === key) found.push(x);
        else if (x !== null && typeof x === 'object') stack.push(x);
      }
    }
  }
  return found;
}

/** Parses JSON-LD text leniently: strips comment and CDATA wrappers; null when invalid. */
export function parseJsonLd(text: string): unknown {
  let s = text.trim();
  if (s.startsWith('<!--')) s = s.slice(4);
  if (s.endsWith('-->')) s = s.slice(0, -3);
  s = s.trim();
  if (s.startsWith('//<![CDATA[')) s = s.slice(11);
  else if (s.startsWith('<![CDATA[')) s = s.slice(9);
  if (s.endsWith('//]]>')) s = s.slice(0, -5);
  else if (s.endsWith(']]>')) s = s.slice(0, -3);
  try {
    return JSON.parse(s);
  } catch {
    // some pages put raw control characters (newlines, tabs) inside strings
    try {
      return JSON.parse(s.replace(/[\u0000-\u001f]/g, ' '));
    } catch {
      return null;
    }
  }
}

const TAG = /<[^<>]{0,2000}>/g;
const CUT_SHORT = /(?:\.\.\.|…|\[\+\d+ chars\])\s*$/;

/** Whether a JSON-LD body ends as a teaser does: "…", "...", "[+1974 chars]". */
export function isCutShort(body: string): boolean {
  return CUT_SHORT.test(body.slice(-40));
}

/** articleBody strings from the page's JSON-LD, tags stripped and entities decoded. */
export function jsonLdArticleBodies(scripts: string[]): string[] {
  const out: string[] = [];
  for (const sc of scripts) {
    if (!sc.includes('articleBody')) continue;
    const data = parseJsonLd(sc);
    if (data === null) continue;
    for (const b of collectKey(data, 'articleBody')) {
      if (typeof b !== 'string' || b.length < 200) continue;
      out.push(decodeHTML(b.replace(TAG, ' ')));
    }
  }
  return out;
}

export interface BodyMatcher {
  /** extra score for a block whose text belongs to the JSON-LD body */
  blockBonus(i: number): number;
  /** characters of block i's own text found in the body */
  matchedChars(i: number): number;
  /** share of block i's own text found in the body (0 when under half) */
  cover(i: number): number;
  /** whether the subtree of element i is mostly body text */
  covers(i: number): boolean;
  totalChars: number;
}

function words(s: string): string[] {
  return s.toLowerCase().match(WORD) ?? [];
}

/**
 * Matches every text block of the page against the JSON-LD articleBody with
 * word trigrams. Returns null when the body cannot be found in the page (it
 * may be a summary or formatted differently), so it is then ignored.
 */
export function bodyMatcher(a: Analysis, bodies: string[]): BodyMatcher | null {
  const grams = new Set<string>();
  let totalChars = 0;
  for (const b of bodies) {
    const w = words(b);
    for (let i = 0; i + 2 < w.length; i++) grams.add(w[i] + ' ' + w[i + 1] + ' ' + w[i + 2]);
    totalChars += b.replace(/\s+/g, '').length;
  }
  if (grams.size < 10) return null;
  const n = a.els.length;
  const blockText: string[] = new Array(n).fill('');
  // walk in the analysis' order, giving text to its nearest block
  const nodes: AnyNode[] = [];
  const blocks: number[] = [];
  let k = 0;
  // the first element's top-level siblings, as the analysis walked them
  const top: Element[] = [];
  for (let r: AnyNode | null = a.els[0] ?? null; r; r = r.next) if (r.type === 'tag' || r.type === 'script' || r.type === 'style') top.push(r as Element);
  for (let i = top.length - 1; i >= 0; i--) {
    nodes.push(top[i]!);
    blocks.push(-1);
  }
  while (nodes.length > 0) {
    const node = nodes.pop()!;
    let block = blocks.pop()!;
    if (node.type === 'text') {
      if (block >= 0) blockText[block] += (node as Text).data;
      continue;
    }
    const e = node as Element;
    const idx = k;
    if (a.els[idx] !== e) return null;
    const f = a.flags[idx]!;
    if (f & (F_SKIP | F_HIDDEN)) {
      k += a.size[idx]!;
      continue;
    }
    k++;
    if (f & F_BLOCK) block = idx;
    for (let i = e.children.length - 1; i >= 0; i--) {
      const c = e.children[i]!;
      if (c.type === 'text' || c.type === 'tag' || c.type === 'script' || c.type === 'style') {
        nodes.push(c);
        blocks.push(block);
      }
    }
  }
  const cover = new Float64Array(n);
  const matched = new Float64Array(n);
  let found = 0;
  for (let i = 0; i < n; i++) {
    const t = blockText[i]!;
    if (t.length === 0) continue;
    const w = words(t);
    if (w.length < 3) continue;
    let hit = 0;
    for (let j = 0; j + 2 < w.length; j++) if (grams.has(w[j] + ' ' + w[j + 1] + ' ' + w[j + 2])) hit++;
    const c = hit / (w.length - 2);
    cover[i] = c;
    if (c >= 0.5) {
      matched[i] = a.ownChars[i]! * c;
      found += matched[i]!;
    }
  }
  if (found < 0.3 * totalChars) return null;
  const sub = Float64Array.from(matched);
  for (let i = n - 1; i > 0; i--) {
    const p = a.parent[i]!;
    if (p >= 0) sub[p]! += sub[i]!;
  }
  // A short or cut-off body (a teaser, "…") says nothing about the text it lacks.
  const complete = totalChars >= 1000 && !bodies.some(isCutShort);
  return {
    blockBonus(i) {
      const c = cover[i]!;
      if (c >= 0.5) return a.ownChars[i]! * c;
      // prose that is not in a complete body counts for less
      const w = a.weight[i]!;
      return complete && w > 0 ? -0.5 * w : 0;
    },
    matchedChars(i) {
      return matched[i]!;
    },
    cover(i) {
      return cover[i]! >= 0.5 ? cover[i]! : 0;
    },
    covers(i) {
      return sub[i]! >= 0.7 * a.chars[i]!;
    },
    totalChars,
  };
}
