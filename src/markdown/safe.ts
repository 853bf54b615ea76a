/**
 * Inline Markdown made safe to render: whatever a block's text holds, a CommonMark renderer makes no HTML element
 * and no link outside http(s), mailto and relative addresses from it.
 *
 * The guarantee does not depend on reading the text exactly as a renderer would. It rests on four facts of the
 * CommonMark grammar, each enforced on the characters themselves:
 *  1. Raw HTML (inline or block) needs a `<` followed by a letter, `/`, `!` or `?`. Every such `<` gets a
 *     backslash (one that is not itself escaped), except `<http(s)://…>` and `<mailto:…>`, which are safe autolinks.
 *  2. An inline link or image needs an unescaped `]` directly followed by `(`. Every such `](` whose target is not
 *     plainly http(s), mailto or relative gets its `]` escaped; an image's `!` is always escaped.
 *  3. A reference link needs a definition, and a definition starts a line with `[label]:`: that `[` is escaped.
 *  4. A code span holds any of the above literally; where it does, the span is turned into escaped text, so that
 *     no reading of where code spans begin and end can expose them.
 * One left-to-right pass, linear in the text (code spans are matched with a table of backtick runs).
 */

import { foldInlineSpaces } from '../text/spaces.js';
import { tick } from '../deadline.js';

const BACKSLASH = 92;
const BACKTICK = 96;

/** ASCII punctuation: what a backslash escapes in CommonMark. */
export function isPunct(c: number): boolean {
  return (c >= 33 && c <= 47) || (c >= 58 && c <= 64) || (c >= 91 && c <= 96) || (c >= 123 && c <= 126);
}

/** A `<` that can open raw HTML: followed by a letter, `/`, `!` or `?`. */
function opensHtml(text: string, i: number): boolean {
  const c = text.charCodeAt(i + 1);
  return (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || c === 47 || c === 33 || c === 63;
}

const SAFE_AUTOLINK = /<(?:https?:\/\/|mailto:)[^\x00-\x20<>]*>/iy;

/** True when a `<` at `i` opens an http(s) or mailto autolink. */
function safeAutolinkAt(text: string, i: number): boolean {
  SAFE_AUTOLINK.lastIndex = i;
  return SAFE_AUTOLINK.test(text);
}

/** The first index at or after `from` (non-decreasing from call to call) whose character is in a set: amortised linear. */
class NextOf {
  private found = -1;
  constructor(
    private readonly text: string,
    private readonly test: (c: number) => boolean,
  ) {}

  at(from: number): number {
    if (this.found >= from) return this.found;
    let k = Math.max(from, this.found + 1);
    while (k < this.text.length && !this.test(this.text.charCodeAt(k))) k++;
    this.found = k;
    return k;
  }
}

/**
 * Decides whether the link target that starts just after a `](` is plainly safe, for positions met left to right:
 * every search keeps its place, so a text of many `](` is still read once. Anything doubtful counts as unsafe.
 */
class TargetCheck {
  private readonly end: NextOf;
  private readonly angleEnd: NextOf;
  private readonly colon: NextOf;
  private readonly suspect: NextOf;

  constructor(private readonly text: string) {
    this.end = new NextOf(text, (c) => c === 47 || c === 63 || c === 35 || c === 41);
    this.angleEnd = new NextOf(text, (c) => c === 47 || c === 63 || c === 35 || c === 41 || c === 62);
    this.colon = new NextOf(text, (c) => c === 58);
    // '&', '\\' and '<' can hide a scheme; a '!' before '[' gets a backslash at render (and '<' may get one): judge
    // the target as it will be written, or the second read finds a backslash the first did not
    this.suspect = new NextOf(text, (c) => c === 38 || c === 92 || c === 60 || c === 33);
  }

  safeAt(k: number): boolean {
    const text = this.text;
    let j = k;
    while (j < text.length && (text[j] === ' ' || text[j] === '\t' || text[j] === '\n')) j++;
    if (j >= text.length) return false; // the target is not in this text: assume the worst
    const angle = text[j] === '<';
    // a "<" that could open a tag gets a backslash, and the target then starts with it: judge it as it will be
    if (angle && opensHtml(text, j) && !safeAutolinkAt(text, j)) return false;
    if (angle) j++;
    const end = (angle ? this.angleEnd : this.end).at(j);
    if (end >= text.length) return false;
    if (this.suspect.at(j) < end) return false;
    const colon = this.colon.at(j);
    return colon >= end || (colon - j <= 6 && /^(?:https?|mailto):$/i.test(text.slice(j, colon + 1)));
  }
}

/**
 * Backtick runs of a text, for matching code spans in linear time: for each run length, the positions of the runs
 * of exactly that length, and a cursor that only moves forward (openers are met left to right).
 */
export class BacktickRuns {
  private readonly byLength = new Map<number, { at: number[]; next: number }>();

  constructor(text: string) {
    let i = text.indexOf('`');
    while (i >= 0) {
      let j = i;
      while (j < text.length && text.charCodeAt(j) === BACKTICK) j++;
      const len = j - i;
      let e = this.byLength.get(len);
      if (!e) this.byLength.set(len, (e = { at: [], next: 0 }));
      e.at.push(i);
      i = text.indexOf('`', j);
    }
  }

  /** Start of the first run of exactly `len` backticks that starts after `from`, or -1. */
  closer(len: number, from: number): number {
    const e = this.byLength.get(len);
    if (!e) return -1;
    while (e.next < e.at.length && e.at[e.next]! <= from) e.next++;
    return e.next < e.at.length ? e.at[e.next]! : -1;
  }
}

/** A code span's content as CommonMark reads it: line breaks as spaces, one space of padding stripped from each side. */
function codeContent(raw: string): string {
  const s = raw.replace(/\n/g, ' ');
  return s.length >= 2 && s.startsWith(' ') && s.endsWith(' ') && s.trim() ? s.slice(1, -1) : s;
}

/** Plain text escaped so that nothing in it is Markdown syntax (used for code spans that must not stay code). */
export function escapeAll(text: string): string {
  return text.replace(/[\\`*_[\]<>!&~|#]/g, '\\$&');
}

/** True when a code span's content (`from`…`to` of the text) holds what would be unsafe if it were not read as code. */
function unsafeAsText(text: string, from: number, to: number, targets: TargetCheck): boolean {
  for (let i = from; i < to; i++) {
    const c = text.charCodeAt(i);
    if (c === 60 ? opensHtml(text, i) : c === 33 ? text.charCodeAt(i + 1) === 91 : c === 93 && text.charCodeAt(i + 1) === 40 && !targets.safeAt(i + 2)) return true;
  }
  return false;
}

/** Escapes the `[` of each line that starts like a link reference definition (`[label]:`, up to three spaces in). */
function neutralizeDefinitions(text: string): string {
  if (!text.includes(']:')) return text;
  let out = '';
  let from = 0;
  let changed = false;
  let lineStart = 0;
  while (lineStart < text.length) {
    let i = lineStart;
    while (i < lineStart + 3 && text[i] === ' ') i++;
    if (text[i] === '[') {
      // the label ends at the first unescaped bracket
      let j = i + 1;
      while (j < text.length) {
        const c = text.charCodeAt(j);
        if (c === BACKSLASH && j + 1 < text.length && isPunct(text.charCodeAt(j + 1))) j += 2;
        else if (c === 91 || c === 93) break;
        else j++;
      }
      if (text[j] === ']' && text[j + 1] === ':') {
        out += `${text.slice(from, i)}\\`;
        from = i;
        changed = true;
      }
    }
    const nl = text.indexOf('\n', lineStart);
    if (nl < 0) break;
    lineStart = nl + 1;
  }
  return changed ? out + text.slice(from) : text;
}

/**
 * What the pass could change: a `<` that opens a tag, a `](`, a `![`, a `]:` or a `][`, not after an odd run of backslashes
 * (an escaped one is safe where it stands). Searched natively; most texts have none and come back as they are.
 */
const SUSPECT = /(?<!(?:^|[^\\])\\(?:\\\\)*)(?:<[A-Za-z/!?]|\]\(|!\[|\]:|\]\[)/;

function plainlySafe(text: string): boolean {
  return !(text.includes('<') || text.includes(']') || text.includes('![')) || !SUSPECT.test(text);
}

/**
 * Text that no reader links by itself: the `@` of an e-mail address, the `:` of `http://` and the dot of `www.`
 * escaped. A code span written out as text (its content would hold markup) must not gain links that the span did not
 * have, or the next reading would link them and cleaning an output would change it.
 */
function noAutolinks(text: string): string {
  if (!text.includes('@') && !text.includes('://') && !/www\./i.test(text)) return text;
  return text.replace(/(?<!\\)@/g, '\\@').replace(/(?<!\\):\/\//g, '\\://').replace(/\b(www)\.(?!\\)/gi, '$1\\.');
}

/**
 * Inline Markdown with every way to raw HTML, unsafe links, images and reference definitions closed (see above).
 * With `keepImages`, an image with a safe target stays for the rules to see (the photo-caption rule removes images
 * and keeps their credits); the output's last pass escapes whatever is left.
 */
export function safeInline(input: string, keepImages = false): string {
  if (plainlySafe(input)) return urlSafe(input);
  const text = neutralizeDefinitions(input);
  const n = text.length;
  let runs: BacktickRuns | undefined;
  let targets: TargetCheck | undefined;
  // the output so far is `out` + text[from…]; a backslash goes in by cutting at its place (string concatenation is
  // the cheapest way to build a string of many small edits)
  let out = '';
  let from = 0;
  let edited = text !== input;
  let unwrapped = false;
  let i = 0;
  while (i < n) {
    const c = text.charCodeAt(i);
    // most characters are letters, digits or spaces: one comparison each
    if (c > 96 || (c !== BACKSLASH && c !== BACKTICK && c !== 60 && c !== 33 && c !== 93)) {
      i++;
      continue;
    }
    tick();
    if (c === BACKSLASH) {
      i += i + 1 < n && isPunct(text.charCodeAt(i + 1)) ? 2 : 1;
      continue;
    }
    if (c === BACKTICK) {
      let j = i;
      while (j < n && text.charCodeAt(j) === BACKTICK) j++;
      const len = j - i;
      runs ??= new BacktickRuns(text);
      const close = runs.closer(len, i);
      if (close < 0) {
        i = j;
        continue;
      }
      targets ??= new TargetCheck(text);
      if (unsafeAsText(text, j, close, targets)) {
        out += text.slice(from, i) + noAutolinks(escapeAll(codeContent(text.slice(j, close))));
        from = close + len;
        edited = unwrapped = true;
      }
      i = close + len;
      continue;
    }
    let escape = false;
    if (c === 60 /* < */) escape = opensHtml(text, i) && !safeAutolinkAt(text, i);
    else if (c === 33 /* ! */) escape = !keepImages && text.charCodeAt(i + 1) === 91;
    else if (c === 93 /* ] */ && text.charCodeAt(i + 1) === 40) {
      targets ??= new TargetCheck(text);
      escape = !targets.safeAt(i + 2);
    } else if (c === 93 && text.charCodeAt(i + 1) === 91) {
      // `[6][7]` (citation marks, bracketed tags) reads as a reference link whose label is undefined: text that
      // renders as itself but that linters take for a broken link (MD052); with its `]` escaped it is plain text
      escape = true;
    }
    if (escape) {
      out += `${text.slice(from, i)}\\`;
      from = i;
      edited = true;
    }
    i++;
  }
  if (!edited) return urlSafe(text);
  // a backslash put before a `]` moves where a line's first label ends (`[](]:` → `[\](]:` now reads as a label
  // `\](` before `:`), so the definitions are looked at again on the result, as the next reading will
  const done = neutralizeDefinitions(out + text.slice(from));
  // the padding of an unwrapped span may now stand next to a space: fold, as the parser does when it reads this back
  return urlSafe(unwrapped ? foldInlineSpaces(done) : done);
}

/**
 * GitHub-style renderers link bare URLs as they read the text (micromark's extension, under remark-gfm, does), and
 * such a link runs to the next white space or `<`, backslashes included: in `http://x.org/a\<b>` the backslash
 * goes into the link and `<b>` is read as HTML. In a word that holds `://` or `www.`, an escaped `<` that could
 * open a tag is written `&lt;` instead, which every renderer shows as `<`.
 */
function urlSafe(text: string): string {
  if (!text.includes('\\<') || !(text.includes('://') || /www\./i.test(text))) return text;
  let out = '';
  let from = 0;
  let urlish = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 32 || c === 9 || c === 10) urlish = false;
    else if (c === 58 /* : */) urlish ||= text.startsWith('//', i + 1);
    else if (c === 119 || c === 87 /* w W */) urlish ||= /^www\./i.test(text.slice(i, i + 4));
    else if (c === BACKSLASH && i + 1 < text.length && isPunct(text.charCodeAt(i + 1))) {
      if (urlish && text.charCodeAt(i + 1) === 60 && opensHtml(text, i + 1)) {
        out += `${text.slice(from, i)}&lt;`;
        from = i + 2;
      }
      i++;
    }
  }
  return from === 0 ? text : out + text.slice(from);
}
