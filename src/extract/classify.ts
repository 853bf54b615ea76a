// Turns class/id attribute values into hints using the tables in hints.ts.
import { POSITIVE, STRONG_NEGATIVE, WEAK_NEGATIVE } from './hints.js';

export interface Hint {
  /** 0 none, 1 weak negative, 2 strong negative */
  neg: 0 | 1 | 2;
  /** reason for a negative hint, e.g. "comments" */
  reason: string;
  /** the token that matched, e.g. "comments" */
  token: string;
  pos: boolean;
}

const NONE: Hint = Object.freeze({ neg: 0, reason: '', token: '', pos: false }) as Hint;

interface Table {
  exact: Map<string, string>;
  stems: Array<[string, string]>;
}

function table(entries: ReadonlyArray<readonly [string, string]>): Table {
  const exact = new Map<string, string>();
  const stems: Array<[string, string]> = [];
  for (const [k, v] of entries) {
    if (k.endsWith('*')) stems.push([k.slice(0, -1), v]);
    else exact.set(k, v);
  }
  return { exact, stems };
}

const STRONG = table(STRONG_NEGATIVE);
const WEAK = table(WEAK_NEGATIVE);
const POS = table(POSITIVE.map((p) => [p, 'positive'] as const));

/** Tokens that look like a negative stem but are not chrome. */
const NOT_NEGATIVE: ReadonlySet<string> = new Set([
  'commentary', 'commentaries', 'shared', 'shareholder', 'shareholders', 'menuitem',
  'advertorial', 'headerless', 'promotional',
]);

function lookup(t: Table, token: string): string | undefined {
  const hit = t.exact.get(token);
  if (hit !== undefined) return hit;
  for (const [stem, v] of t.stems) if (token.startsWith(stem)) return v;
  return undefined;
}

/**
 * Splits a class or id value into lower-case tokens at any non-alphanumeric
 * character and at camelCase boundaries, and adds each pair of neighbouring
 * parts of one word joined: "articleBody most-read_now" → ["article", "body",
 * "articlebody", "most", "read", "now", "mostread", "readnow"], so compound
 * entries in the tables ("mostread", "keypoints") match however they are written.
 */
export function tokens(value: string): string[] {
  const out: string[] = [];
  let cur = '';
  let prevPart = '';
  let prevLower = false;
  const endPart = () => {
    if (cur.length === 0) return;
    out.push(cur);
    if (prevPart.length > 0) out.push(prevPart + cur);
    prevPart = cur;
    cur = '';
  };
  for (let i = 0; i < value.length; i++) {
    const c = value.charCodeAt(i);
    const upper = c >= 65 && c <= 90;
    const lower = (c >= 97 && c <= 122) || (c >= 48 && c <= 57);
    if (upper || lower) {
      if (upper && prevLower) endPart();
      cur += upper ? String.fromCharCode(c + 32) : value[i]!;
      prevLower = lower;
    } else {
      endPart();
      // a space ends the word; - and _ join its parts
      if (c !== 45 && c !== 95) prevPart = '';
      prevLower = false;
    }
  }
  endPart();
  return out;
}

const cache = new Map<string, Hint>();
const CACHE_MAX = 20000;

/** Classifies a combined "class id" string. Results are cached. */
export function classifyNames(names: string): Hint {
  if (names.length === 0) return NONE;
  const cached = cache.get(names);
  if (cached !== undefined) return cached;
  let strong: string | undefined;
  let strongToken = '';
  let weak: string | undefined;
  let weakToken = '';
  let pos = false;
  // Very long attribute values (generated utility classes) are only scanned in part.
  for (const tok of tokens(names.length > 600 ? names.slice(0, 600) : names)) {
    if (NOT_NEGATIVE.has(tok)) continue;
    if (strong === undefined) {
      const s = lookup(STRONG, tok);
      if (s !== undefined) {
        strong = s;
        strongToken = tok;
      }
    }
    if (weak === undefined) {
      const w = lookup(WEAK, tok);
      if (w !== undefined) {
        weak = w;
        weakToken = tok;
      }
    }
    if (!pos && lookup(POS, tok) !== undefined) pos = true;
  }
  let hint: Hint;
  if (strong !== undefined) hint = { neg: 2, reason: strong, token: strongToken, pos };
  else if (weak !== undefined) hint = { neg: 1, reason: weak, token: weakToken, pos };
  else if (pos) hint = { neg: 0, reason: '', token: '', pos: true };
  else hint = NONE;
  if (cache.size >= CACHE_MAX) cache.clear();
  cache.set(names, hint);
  return hint;
}

/** Classifies an element by its class and id values (each cached on its own). */
export function classifyPair(cls: string | undefined, id: string | undefined): Hint {
  const a = cls === undefined ? NONE : classifyNames(cls);
  if (id === undefined) return a;
  const b = classifyNames(id);
  if (b === NONE) return a;
  if (a === NONE) return b;
  const first = b.neg > a.neg ? b : a;
  return first.pos || !(a.pos || b.pos) ? first : { ...first, pos: true };
}
