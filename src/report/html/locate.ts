/**
 * Where each removal of a document sits in its input text, for the report's side-by-side view. Rules record what
 * they removed as text (white space folded, inline Markdown where the block stage saw it), not as positions, and the
 * input may be HTML: so the input is projected onto its visible text (tags skipped, entities decoded, white space
 * folded) with a map back to input offsets, and each removed text is searched for there. Pure.
 *
 * A removal that is a count or a summary (`3 × script`, `28 wire markup markers`) or that was rewritten before it was
 * removed is not found; the report lists it as not located instead of guessing.
 */
import { decodeHTML } from 'entities';
import type { Format, Removal } from '../../types.js';

/** A located removal: input offsets [start, end) and the removal's index in the document's list. */
export type Mark = [start: number, end: number, removal: number];

/** The visible text of an input and, per visible character, the input range it came from. */
export interface Projection {
  text: string;
  starts: Int32Array;
  ends: Int32Array;
  /** Per visible character: 1 when a block boundary (line break, block tag, start of text) lies right before it. */
  boundary: Uint8Array;
}

const HTML_FORMATS: ReadonlySet<Format> = new Set(['wp-export', 'html-fragment', 'html-page']);
/** Tags that do not break a line: skipped without leaving a space. */
const INLINE = new Set(['a', 'abbr', 'b', 'bdi', 'bdo', 'cite', 'code', 'data', 'dfn', 'em', 'font', 'i', 'kbd', 'mark', 'q', 's', 'samp', 'small', 'span', 'strong', 'sub', 'sup', 'time', 'u', 'var', 'wbr']);
const RAW_TEXT = new Set(['script', 'style', 'template', 'noscript']);
const ENTITY = /&(?:#\d{1,7}|#[xX][0-9A-Fa-f]{1,6}|[A-Za-z][A-Za-z0-9]{1,31});/y;
const TAG = /<(\/?)([A-Za-z][A-Za-z0-9-]*)[^<>]*>/y;

/** Projects `text` onto what a reader sees: for HTML formats tags and comments go and entities are decoded. */
export function project(text: string, html: boolean): Projection {
  const n = text.length;
  // a visible text is never longer than its source (an entity decodes to fewer units than it is written in)
  const units = new Uint16Array(n);
  const starts = new Int32Array(n);
  const ends = new Int32Array(n);
  const boundary = new Uint8Array(n);
  let k = 0;
  let pendingBreak = true;
  let lastSpace = true;
  const space = (at: number, to: number, isBreak: boolean): void => {
    if (isBreak) pendingBreak = true;
    if (lastSpace) {
      if (k > 0 && units[k - 1] === 32) ends[k - 1] = to;
      return;
    }
    units[k] = 32;
    starts[k] = at;
    ends[k] = to;
    k++;
    lastSpace = true;
  };
  let i = 0;
  while (i < n) {
    const c = text.charCodeAt(i);
    if (c === 32 || c === 9 || c === 10 || c === 13 || c === 12 || c === 0xa0) {
      space(i, i + 1, c === 10);
      i++;
      continue;
    }
    if (html && c === 60 /* < */) {
      if (text.startsWith('<!--', i)) {
        const j = text.indexOf('-->', i + 4);
        const to = j < 0 ? n : j + 3;
        space(i, to, true);
        i = to;
        continue;
      }
      TAG.lastIndex = i;
      const m = TAG.exec(text);
      if (m) {
        const name = m[2]!.toLowerCase();
        let to = i + m[0].length;
        if (!m[1] && RAW_TEXT.has(name)) {
          const close = new RegExp(`</${name}\\b[^>]*>`, 'gi');
          close.lastIndex = to;
          const cm = close.exec(text);
          to = cm ? cm.index + cm[0].length : n;
        }
        if (!INLINE.has(name)) space(i, to, true);
        i = to;
        continue;
      }
    }
    if (html && c === 38 /* & */) {
      ENTITY.lastIndex = i;
      const m = ENTITY.exec(text);
      if (m) {
        const decoded = decodeHTML(m[0]);
        const to = i + m[0].length;
        if (/^\s+$/.test(decoded)) space(i, to, false);
        else {
          for (let u = 0; u < decoded.length; u++) {
            units[k] = decoded.charCodeAt(u);
            starts[k] = i;
            ends[k] = to;
            boundary[k] = pendingBreak ? 1 : 0;
            pendingBreak = false;
            k++;
          }
          lastSpace = false;
        }
        i = to;
        continue;
      }
    }
    units[k] = c;
    starts[k] = i;
    ends[k] = i + 1;
    boundary[k] = pendingBreak ? 1 : 0;
    pendingBreak = false;
    lastSpace = false;
    k++;
    i++;
  }
  return { text: new TextDecoder('utf-16le').decode(units.subarray(0, k)), starts: starts.subarray(0, k), ends: ends.subarray(0, k), boundary: boundary.subarray(0, k) };
}

function fold(s: string): string {
  return s.replace(/[\s\u00a0]+/g, ' ').trim();
}

/** The removed text without inline Markdown: link and image targets, emphasis, heading and quote marks, escapes. */
function plainOf(s: string): string {
  return fold(
    s
      .replace(/!?\[([^\]]*)\]\([^)]*\)/g, '$1')
      .replace(/\*\*|__|`/g, '')
      .replace(/(^|\s)[*_]([^*_\s][^*_]*)[*_](?=\s|$|[.,;:!?])/g, '$1$2')
      .replace(/^#{1,6}\s+|^>\s*/gm, '')
      .replace(/\\([\\`*_{}[\]()#+\-.!|<>~])/g, '$1'),
  );
}

/** The texts to look for, most exact first: the text, without Markdown, the "before" side of a repair. */
function needles(r: Removal): string[] {
  const t = fold(r.text.endsWith('…') ? r.text.slice(0, -1) : r.text);
  const out = [t];
  if (r.action === 'repaired' && t.includes(' → ')) out.unshift(fold(t.slice(0, t.indexOf(' → '))));
  const plain = plainOf(t);
  if (plain !== t) out.push(plain);
  return out.filter((s, i) => s.length >= 2 && out.indexOf(s) === i);
}

/** Occurrences considered per needle. */
const MAX_OCCURRENCES = 32;

/**
 * Finds each removal in the input. Returns marks in input order, not overlapping: an occurrence that would overlap
 * one already marked is passed over for the next; of the free ones, one that starts and ends on a block boundary
 * (a removal is usually a whole line or element) is preferred to one inside a sentence.
 */
export function locateRemovals(input: string, format: Format | null, removed: readonly Removal[]): Mark[] {
  const p = project(input, format !== null && HTML_FORMATS.has(format));
  const vis = p.text;
  const taken: Array<[number, number]> = [];
  const free = (a: number, b: number): boolean => taken.every(([x, y]) => b <= x || a >= y);
  const endsOnBoundary = (e: number): boolean => e >= vis.length || p.boundary[e] === 1 || (vis[e] === ' ' && (e + 1 >= vis.length || p.boundary[e + 1] === 1));
  const marks: Mark[] = [];
  removed.forEach((r, index) => {
    for (const needle of needles(r)) {
      let best = -1;
      let bestScore = -1;
      let at = vis.indexOf(needle);
      for (let k = 0; at >= 0 && k < MAX_OCCURRENCES; k++) {
        const end = at + needle.length;
        if (free(at, end)) {
          const score = (p.boundary[at] === 1 ? 2 : 0) + (endsOnBoundary(end) ? 1 : 0);
          if (score > bestScore) {
            best = at;
            bestScore = score;
            if (score === 3) break;
          }
        }
        at = vis.indexOf(needle, at + 1);
      }
      if (best < 0 && needle.length > 120) {
        // a long text rewritten somewhere inside: its first and last 60 characters, in order, close together
        const head = needle.slice(0, 60);
        const tail = needle.slice(-60);
        const h = vis.indexOf(head);
        const t = h < 0 ? -1 : vis.indexOf(tail, h + head.length);
        if (h >= 0 && t >= 0 && t + tail.length - h <= needle.length * 1.5 && free(h, t + tail.length)) {
          best = h;
          taken.push([h, t + tail.length]);
          marks.push([p.starts[h]!, p.ends[t + tail.length - 1]!, index]);
          return;
        }
      }
      if (best >= 0) {
        const end = best + needle.length;
        taken.push([best, end]);
        marks.push([p.starts[best]!, p.ends[end - 1]!, index]);
        return;
      }
    }
  });
  marks.sort((a, b) => a[0] - b[0] || a[1] - b[1]);
  return marks;
}
