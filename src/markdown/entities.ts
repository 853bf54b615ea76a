/**
 * HTML entity references left in inline Markdown (scraped text is often encoded twice: `what&amp;#039;s`),
 * decoded in one linear pass. Each reference is decoded where it stands, up to three times when a decoded `&`
 * starts another reference (`&amp;amp;lt;` → `<`), and what it decodes to is written as Markdown text: `<`, `*`,
 * `_`, `` ` ``, `[`, `]`, `!` and `\` get a backslash, so that a decoded character never becomes syntax. An
 * escaped `\&` and the inside of code spans are literal text and stay as they are. A reference still left after
 * three rounds is written with its `&` escaped: it renders as written, and cleaning the output again leaves it.
 */
import { decodeHTMLStrict } from 'entities';
import { BacktickRuns, isPunct } from './safe.js';
import { foldInlineSpaces } from '../text/spaces.js';
import { tick } from '../deadline.js';

const ROUNDS = 3;
const SPECIAL = /[\\`&]/g;

/** What an entity decodes to, by its body (what follows the `&`), or null when it is not one: bodies repeat a lot. */
const decoded = new Map<string, string | null>();

function isAlnum(c: number): boolean {
  return (c >= 48 && c <= 57) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122);
}
function isHex(c: number): boolean {
  return (c >= 48 && c <= 57) || (c >= 65 && c <= 70) || (c >= 97 && c <= 102);
}

/**
 * The length of the entity body that starts at `at` (after an `&`, up to and including its `;`), or 0:
 * `#` and 1–7 digits, `#x` and 1–6 hex digits, or a letter and 1–31 letters or digits.
 */
function bodyLength(text: string, at: number): number {
  let k = at;
  const c = text.charCodeAt(k);
  if (c === 35 /* # */) {
    const x = text.charCodeAt(k + 1);
    if (x === 120 || x === 88) {
      k += 2;
      const from = k;
      while (k - from < 7 && isHex(text.charCodeAt(k))) k++;
      if (k === from || k - from > 6) return 0;
    } else {
      k += 1;
      const from = k;
      while (k - from < 8 && text.charCodeAt(k) >= 48 && text.charCodeAt(k) <= 57) k++;
      if (k === from || k - from > 7) return 0;
    }
  } else if ((c >= 65 && c <= 90) || (c >= 97 && c <= 122)) {
    k += 1;
    const from = k;
    while (k - from < 32 && isAlnum(text.charCodeAt(k))) k++;
    if (k === from || k - from > 31) return 0;
  } else return 0;
  return text.charCodeAt(k) === 59 /* ; */ ? k - at + 1 : 0;
}

/** Length of the body last decoded by `decodeBody` (kept here, not in a returned object: this runs per entity). */
let bodyLen = 0;

/** The entity whose body starts at `at`, decoded once (its body's length in `bodyLen`), or null. */
function decodeBody(text: string, at: number): string | null {
  const length = bodyLength(text, at);
  if (length === 0) return null;
  const body = text.slice(at, at + length);
  let value = decoded.get(body);
  if (value === undefined) {
    const ref = `&${body}`;
    const v = decodeHTMLStrict(ref);
    value = v === ref ? null : v;
    if (decoded.size >= 4096) decoded.clear();
    decoded.set(body, value);
  }
  bodyLen = length;
  return value;
}

/** True when a decoded value holds white space or a control character (the text is folded afterwards). */
function hasSpace(value: string): boolean {
  for (let k = 0; k < value.length; k++) {
    const c = value.charCodeAt(k);
    if (c <= 32 || c === 0xa0) return true;
  }
  return false;
}

/** A decoded character as Markdown text. */
function asText(value: string, next: string | undefined): string {
  if (value.length === 1 && !'<*_`[]!\\'.includes(value) && value >= ' ') return value;
  let out = '';
  for (const ch of value) {
    if (ch === '<') out += next !== undefined && /[A-Za-z/!?&]/.test(next) ? '\\<' : '<';
    else if ('*_`[]!\\'.includes(ch)) out += `\\${ch}`;
    else if (ch < ' ') out += ' '; // a decoded line break or tab must not start a new block
    else out += ch;
  }
  return out;
}

/** Decodes the entity references of inline Markdown (see the module comment). Unchanged text comes back as is. */
export function decodeEntities(text: string): string {
  if (!text.includes('&')) return text;
  let runs: BacktickRuns | undefined;
  let out = '';
  let from = 0;
  let spaced = false;
  const n = text.length;
  SPECIAL.lastIndex = 0;
  let i = 0;
  while (i < n) {
    SPECIAL.lastIndex = i;
    const m = SPECIAL.exec(text);
    if (!m) break;
    i = m.index;
    const c = text.charCodeAt(i);
    if (c === 92 /* \ */) {
      i += i + 1 < n && isPunct(text.charCodeAt(i + 1)) ? 2 : 1;
      continue;
    }
    if (c === 96 /* ` */) {
      let j = i;
      while (j < n && text.charCodeAt(j) === 96) j++;
      runs ??= new BacktickRuns(text);
      const close = runs.closer(j - i, i);
      i = close < 0 ? j : close + (j - i);
      continue;
    }
    tick();
    let value = decodeBody(text, i + 1);
    if (value === null) {
      i++;
      continue;
    }
    let end = i + 1 + bodyLen;
    // follow a chain of references that each decode to "&" and so start the next one
    for (let rounds = 1; value === '&' && rounds < ROUNDS; rounds++) {
      const more = decodeBody(text, end);
      if (more === null) break;
      value = more;
      end += bodyLen;
    }
    const leftover = value === '&' && decodeBody(text, end) !== null;
    out += text.slice(from, i) + (leftover ? '\\&' : asText(value, text[end]));
    if (!spaced && hasSpace(value)) spaced = true;
    from = end;
    i = end;
  }
  if (from === 0) return text;
  // a decoded space, tab or no-break space is folded as the parser folds white space, so the text reads back the same
  return spaced ? foldInlineSpaces(out + text.slice(from)) : out + text.slice(from);
}
