/**
 * The byline and the date of a plain-text page, looked for around the headline and the article's first line as the
 * model decided them (./header.ts). Nothing here knows a site: a byline is recognised by its shape —
 *
 *   by      "By Jane Doe", "Posted by Jane Doe on …", "on March 10, 2015 by Jane Doe", "Par Jane Doe et John Roe",
 *           and a by-word alone on its line over the names ("por" / "* Jane Doe");
 *   dated   a person's name with a date, a time or a reading time on its line or the next ("Jane Doe - Apr 16, 2015",
 *           "Jane Doe 1 day ago", "Jane Doe" over "Oct 18, 2019 · 8 min read");
 *   alone   a person's name alone on a short line at most three lines from the headline;
 *
 * in that order of trust, and within one shape the line nearest the headline (below it before above it). A name is
 * a person's by its shape (two to four capitalised words, particles allowed) and by the document itself: a word the
 * document also writes in lower case ("Tech Industry", "Free Future") or a word of section labels ("Middle East")
 * is no part of a name, so a section label or a column's name next to the headline is not taken for its author.
 * The date is the one the byline line shows, else a date line near the headline, else a date inside a short line;
 * a date marked as an update ("Updated …", "Last modified on …") is not the publication date.
 */
import type { Line } from './lines.js';
import { englishMonths, parseDate } from '../metadata/dates.js';
import { canonicalAgency, isPlaceholderAuthor, lowerWords, outletLike, personName } from '../metadata/names.js';
import { SECTION_WORDS } from '../rules/patterns.js';

export interface Byline {
  /** The unit with the names (the byline's line). */
  unit: number;
  /** Its units: the names' line, and a by-word's own line above it. */
  units: number[];
  names: string[];
  agency?: string;
  /** The line holds the byline and little else: it leaves the body. */
  whole: boolean;
  shape: 'by' | 'dated' | 'alone';
}

export interface DateLine {
  unit: number;
  iso: string;
  /** The line is a date line (and leaves the body). */
  whole: boolean;
  /** The lines that leave the body with it: its own, and a clock time alone beside it ("01:52 PM EDT"). */
  units: number[];
}

/** A clock time alone on a line, with its zone ("01:52 PM EDT", "14:05 GMT", "9.30am"): beside a date line, part of it. */
const TIME_LINE = /^[^\p{L}\p{N}]*\d{1,2}[:.]\d{2}(?:\s?[AaPp]\.?[Mm]\.?)?(?:\s+(?:[A-Z]{1,4}T|UTC|GMT|[+-]\d{2}:?\d{2}))?[^\p{L}\p{N}]*$/u;

const BY_WORD = String.raw`(?:written by|posted by|words by|story by|reported by|by|von|par|por|door|av|af|di)`;
export const BYLINE_AT = new RegExp(String.raw`(?:^[^\p{L}\p{N}]*|[|•·—–(/]\s*|\s-\s|\d\s+)${BY_WORD}[:\s]\s*(?=\p{Lu})`, 'iu');
export const BYLINE_START = new RegExp(String.raw`^(?:[-–—|•·/\s]*)${BY_WORD}[:\s]`, 'iu');
/** A by-word alone on its line (the names on the next line). */
const BY_ALONE = new RegExp(String.raw`^[^\p{L}\p{N}]*${BY_WORD}[^\p{L}\p{N}]*$`, 'iu');
/** What ends the names of a byline: punctuation between fields, a date or a weekday, a handle, a role after a comma. */
const NAME_END =
  /\s*(?:[|•·—–@(]|\s-\s|,\s*(?:\p{Ll}|(?:[\p{L}.&'’-]+\s){0,3}(?:Staff|Writer|Editor|Correspondent|Reporter|Columnist|Contributor|Producer|Guide|Manager|Engineer|Director|Lead|Scientist|Founder|Designer|Developer|Officer|President|Strategist|Specialist|Team))|\s+(?:on|at|updated|published|posted|in|for|le|el|il|am|ON|AT)\s|\s+(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday|Tue|Wed|Thu|Fri)\b|\s*\d|\s+(?:RSS|E-?mail|View (?:Profile|all)|Follow|Twitter|Facebook|Writer|Editor|Reporter|Correspondent|Columnist|Posted|Published|Updated|Discuss|Comments|Reply|Share|Tweet)\b|(?<=\p{Ll})(?:E-?mail|RSS|Twitter|View|Follow)\b)/u;
/** A month name and a day after the names: "By JEFFREY GETTLEMAN JAN. 13, 2017". */
const MONTH_END = /\s+(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sept?(?:ember)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\.?\s+\d/i;
const NAME_TOKEN = /^(?:\p{Lu}[\p{L}'’.-]*|\p{Lu}\.|(?:van|von|de|der|den|da|di|del|della|la|le|du|dos|bin|al|el|ibn|y|e|ten|ter)$)$/u;
const MONTH = String.raw`(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)[a-z]{0,6}\.?`;
const DATE_SOURCE = String.raw`(?:${MONTH}\s\d{1,2}(?:st|nd|rd|th)?,?\s\d{4}|\d{1,2}(?:st|nd|rd|th)?\s${MONTH},?\s\d{4}|\d{4}-\d{2}-\d{2}(?:[T ]\d{2}:\d{2}(?::\d{2})?)?|\d{1,2}[/.]\d{1,2}[/.]\d{4})(?:,?\s(?:at\s)?\d{1,2}[:.]\d{2}(?:\s?[AaPp]\.?[Mm]\.?)?(?:\s[A-Z]{2,4}\b)?)?`;
const DATE_IN = new RegExp(DATE_SOURCE, 'i');
const DATES = new RegExp(DATE_SOURCE, 'gi');
/** What marks the date after it as an update, not the publication. */
const UPDATED_BEFORE = /(?:updated|modified|mis à jour|actualizado|atualizado|aggiornato|aktualisiert)\s*(?:on|le|el|em|il|am|:)?\s*(?:\p{L}{3,9}\.?,?\s+)?$/iu;
/** A date of two-digit year alone at the start of a short line: "10.15.15", "9/11/13 10:00AM". */
const SHORT_NUMERIC = /^[^\p{L}\p{N}]*(\d{1,2}[/.]\d{1,2}[/.]\d{2})(?![\d/.])/u;
/** A time since publication or a reading time, which a byline's line shows beside the name. */
const TIME_HINT = /\b(?:\d{1,3}\s?(?:s|m|h|d|w|mins?|minutes?|hrs?|hours?|days?|weeks?|months?|years?)(?:\s+ago)?|\d{1,3}\s?min(?:ute)?s?\s+read|\d{1,2}:\d{2}\s?[AaPp]\.?[Mm]\b|yesterday|today|just now)\b/i;
/** An embedded post's signature, inside the article: "— Jane Doe (@janedoe) August 9, 2012". */
const POST_SIGNATURE = /^[^\p{L}\p{N}]*[—–-]\s*[^()]{1,60}\(@\w{1,30}\)/u;
/** A writer's role on the line under the name: "Games Editor", "Staff Writer", "Senior Correspondent". */
const ROLE_LINE = /^[^\p{L}]*(?:[\p{L}&-]+\s){0,3}(?:editor|writer|reporter|correspondent|columnist|contributor|producer|journalist|analyst|critic|blogger)s?$/iu;

/** How far above the headline (or the article's first line) a byline is looked for, in lines with words. */
const REACH_ABOVE = 12;
/** How far below the headline and the article's first line a byline is looked for (a standfirst and a picture's
 * caption may stand between them), and a date. */
const BYLINE_BELOW = 10;
const REACH_BELOW = 6;
/** How near the headline a name alone on its line must stand. */
const ALONE_REACH = 3;

/** The person names of a byline-like text ("By Jane Doe and John Roe, Reuters", "Jane Doe - Apr 16, 2015"). */
export function bylineNames(text: string, requireBy: boolean): { names: string[]; agency?: string } | null {
  let rest: string;
  const at = BYLINE_AT.exec(text);
  if (at) rest = text.slice(at.index + at[0].length);
  else if (requireBy) return null;
  else rest = text;
  const end = NAME_END.exec(rest);
  const month = MONTH_END.exec(rest);
  const cut = Math.min(end ? end.index : Infinity, month ? month.index : Infinity);
  if (cut < Infinity) rest = rest.slice(0, cut);
  const parts = rest
    .split(/\s*(?:,|;|&|\band\b|\bund\b|\bet\b|\by\b|\be\b)\s*/)
    .map((p) => p.trim())
    .filter(Boolean);
  const names: string[] = [];
  let agency: string | undefined;
  for (const p of parts) {
    const a = canonicalAgency(p);
    if (a) {
      agency ??= a;
      continue;
    }
    if (isPlaceholderAuthor(p)) continue;
    const toks = p.split(/\s+/);
    if (toks.length < 2 || toks.length > 5 || p.length > 50) return names.length ? { names, ...(agency ? { agency } : {}) } : null;
    if (!toks.every((t) => NAME_TOKEN.test(t))) return names.length ? { names, ...(agency ? { agency } : {}) } : null;
    // (a sentence's full stop after the name is not an initial's: "by Jane Doe. Posted …")
    names.push(dedupeHalves(p).replace(/(\p{L}{3})\.$/u, '$1'));
  }
  return names.length || agency ? { names, ...(agency ? { agency } : {}) } : null;
}

/** "Aleš Vávra Aleš Vávra" (a name shown twice, as link and as text) → "Aleš Vávra". */
function dedupeHalves(name: string): string {
  const t = name.split(' ');
  if (t.length % 2 === 0) {
    const h = t.length / 2;
    if (t.slice(0, h).join(' ') === t.slice(h).join(' ')) return t.slice(0, h).join(' ');
  }
  return name;
}

/** A found date as ISO 8601; when the words after its time are no zone ("3:46 PM Good Morning"), without them. */
function parseFound(found: string): string | null {
  const t = found.replace(/\bat\s/i, '').replace(/(\s\d{1,2})\.(\d{2})(?=\s[A-Za-z]{2,4}$|$)/, '$1:$2');
  const d = parseDate(t) ?? parseDate(t.replace(/\s[A-Za-z]{2,4}$/, ''));
  return d?.iso || null;
}

/** The date a short line shows, if any (the first one; month names of a few other languages read too). */
export function dateIn(text: string): string | null {
  const m = DATE_IN.exec(text) ?? DATE_IN.exec(englishMonths(text));
  return m ? parseFound(m[0]) : null;
}

/**
 * The publication date a line shows: its first date that is not marked as an update ("Updated …", "Last modified
 * on …"); on a short line, also a date of two-digit year that opens it ("10.15.15"), when day and month can be told
 * apart.
 */
export function publishedDateIn(text: string, short: boolean): string | null {
  const t = englishMonths(text);
  DATES.lastIndex = 0;
  for (let m = DATES.exec(t); m; m = DATES.exec(t)) {
    if (UPDATED_BEFORE.test(t.slice(Math.max(0, m.index - 40), m.index))) continue;
    const iso = parseFound(m[0]);
    if (iso) return iso;
  }
  if (short) {
    const n = SHORT_NUMERIC.exec(t);
    const d = n ? parseDate(n[1]!) : null;
    if (d?.iso && !d.ambiguous) return d.iso;
  }
  return null;
}


/** A Markdown heading's line (`## Title`). */
const MD_HEADING_LINE = /^ {0,3}#{1,6}[ \t]/;

/** A line's words, folded for comparing two lines. */
function foldWords(text: string): string {
  return text.toLowerCase().replace(/[^\p{L}\p{N}]+/gu, ' ').trim();
}

/**
 * The byline around the article that starts at unit `first` under the headline `title` (when one was found): see
 * the shapes above.
 */
export function findByline(units: readonly Line[], first: number, title: { unit: number; units: number[]; text?: string } | undefined): Byline | undefined {
  if (first < 0 || first >= units.length) return undefined;
  const { lines, head: anchor } = headerLines(units.length, first, title, REACH_ABOVE, BYLINE_BELOW);
  const hi = lines[lines.length - 1]!;
  let common: Set<string> | null = null;
  const isCommon = (w: string): boolean => SECTION_WORDS.has(w) || (common ??= lowerWords(units.map((u) => u.text))).has(w);
  const person = (names: readonly string[]): boolean => names.length > 0 && names.every((n) => personName(n, isCommon));
  // an outlet is never an author: names made of common words only ("By The Daily Courier", "By Business Insider")
  const people = (by: { names: string[]; agency?: string }): { names: string[]; agency?: string } | null => {
    const names = by.names.filter((n) => !outletLike(n, isCommon));
    return names.length || by.agency ? { names, ...(by.agency ? { agency: by.agency } : {}) } : null;
  };
  // the headline's own lines, a line that repeats it (a page's <title> line and its heading both shown), and a
  // Markdown heading are never a byline
  const headline = title?.text ? foldWords(title.text) : '';
  const inTitle = (j: number): boolean =>
    (title?.units.includes(j) ?? false) || MD_HEADING_LINE.test(units[j]!.raw) || (headline !== '' && foldWords(units[j]!.text) === headline);
  let best: { rank: number; dist: number; by: Byline } | undefined;
  const consider = (rank: number, j: number, by: Byline): void => {
    const dist = j >= anchor ? j - anchor : (anchor - j) * 1.5;
    if (!best || rank < best.rank || (rank === best.rank && dist < best.dist)) best = { rank, dist, by };
  };
  for (const j of lines) {
    if (inTitle(j)) continue;
    const u = units[j]!;
    if (u.words > 40) continue;
    // a by-word alone on its line, the names on the next
    if (BY_ALONE.test(u.text) && j + 1 <= hi && !inTitle(j + 1)) {
      const next = units[j + 1]!;
      const found = next.words <= 12 ? bylineNames(`By ${next.text}`, true) : null;
      const by = found ? people(found) : null;
      if (by) {
        consider(0, j, { unit: j + 1, units: [j, j + 1], names: by.names, ...(by.agency ? { agency: by.agency } : {}), whole: true, shape: 'by' });
        continue;
      }
    }
    const found = bylineNames(u.text, true);
    const by = found ? people(found) : null;
    // in the article, only a short line outside a paragraph of prose, or one that opens a paragraph with its by-word
    // ("… founded in 2015 by Jane Doe, who …" is a sentence, not a byline)
    if (by && (j < first || u.words <= 10 || (u.words <= 16 && !inProse(units, j)) || (BYLINE_START.test(u.text) && opensBlock(units, j)))) {
      // far above the headline, a byline is less sure than a dated name near it
      consider(j < anchor - 6 ? 1 : 0, j, { unit: j, units: [j], names: by.names, ...(by.agency ? { agency: by.agency } : {}), whole: u.words <= 16, shape: 'by' });
      continue;
    }
    if (u.words > 12 || POST_SIGNATURE.test(u.raw)) continue;
    const named = bylineNames(u.text, false);
    if (!named || !person(named.names)) continue;
    const dated = TIME_HINT.test(u.text) || dateIn(u.text) !== null || nextIsDate(units, j, hi);
    if (dated) consider(1, j, { unit: j, units: [j], names: named.names, whole: true, shape: 'dated' });
    else if (title && Math.abs(j - title.unit) <= ALONE_REACH && u.words <= 8 && u.chrome === 0 && u.stop === 0 && !inMenu(units, j)) {
      consider(2, j, { unit: j, units: [j], names: named.names, whole: true, shape: 'alone' });
    }
  }
  return best?.by;
}

/** Farther than this below the article's first line, a headline stands inside the article (a letter's or a quote's
 * heading): the header is looked for around the first line instead. */
const TITLE_INSIDE = 30;
/** Farther than this from the article's first line, a headline's surroundings and the first line's are apart. */
const SPLIT_REACH = 40;

/**
 * The lines around the header, in order, and the line distances are measured from: the headline's, else (no
 * headline, or one standing inside the article, below its first line) the article's first line. From `above` lines
 * above it to `below` lines under it and under the article's first line, and the lines between them; when they are
 * far apart, the lines around each.
 */
function headerLines(count: number, first: number, title: { unit: number } | undefined, above: number, below: number): { lines: number[]; head: number } {
  const head = title && title.unit <= first + TITLE_INSIDE ? title.unit : first;
  const set = new Set<number>();
  const span = (a: number, b: number): void => {
    for (let j = Math.max(0, a); j <= Math.min(count - 1, b); j++) set.add(j);
  };
  span(Math.min(head, first) - above, Math.max(head, first) + below);
  if (Math.abs(first - head) > SPLIT_REACH) {
    set.clear();
    span(head - above, head + below);
    span(first - above, first + below);
  }
  return { lines: [...set].sort((a, b) => a - b), head };
}

/**
 * The line is an item of a menu: a line next to it in its block is another item's label — a few words opening with a
 * capital or a digit, no date, no interface or function word, no sentence ("Google AdSense" under "Google Affiliate
 * Network" is a menu's; "Joey Lehto" between "November 6, 2012" and "Leave a comment" is a byline).
 */
function inMenu(units: readonly Line[], j: number): boolean {
  const u = units[j]!;
  const item = (k: number): boolean => {
    const v = units[k];
    return v !== undefined && v.block === u.block && v.words <= 4 && !v.terminal && !v.date && v.chrome === 0 && v.stop === 0 && /^[\p{Lu}\p{N}]/u.test(v.text) && !TIME_HINT.test(v.text);
  };
  return item(j - 1) || item(j + 1);
}

/** The line stands in a paragraph of prose: a block of more than three lines, or one of long lines around it. */
function inProse(units: readonly Line[], j: number): boolean {
  const b = units[j]!.block;
  let lines = 0;
  let long = 0;
  for (let k = j; k >= 0 && units[k]!.block === b; k--) (lines++, units[k]!.words >= 12 && long++);
  for (let k = j + 1; k < units.length && units[k]!.block === b; k++) (lines++, units[k]!.words >= 12 && long++);
  return lines > 3 || long >= 2;
}

function opensBlock(units: readonly Line[], j: number): boolean {
  return j === 0 || units[j - 1]!.block !== units[j]!.block;
}

/** The line after unit `j` (within the window) is a short date, time or reading-time line. */
function nextIsDate(units: readonly Line[], j: number, hi: number): boolean {
  for (let k = j + 1; k <= Math.min(j + 2, hi); k++) {
    const n = units[k]!;
    if (n.words > 10) return false;
    if (TIME_HINT.test(n.text) || dateIn(n.text) !== null || ROLE_LINE.test(n.text) || /^\W*on\s+(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)/i.test(n.text)) return true;
  }
  return false;
}

/**
 * The publication date near the headline: the date on the byline's line (or the line next to it) first, then a
 * date line, then a date inside another short line; within each, the nearest to the byline (else the headline).
 */
export function findDate(
  units: readonly Line[],
  first: number,
  title: { unit: number; units: number[] } | undefined,
  author: { unit: number } | undefined,
): DateLine | undefined {
  if (first < 0 || first >= units.length) return undefined;
  const around = headerLines(units.length, first, title, REACH_BELOW, REACH_BELOW);
  const anchor = author?.unit ?? around.head;
  // and the lines from just above the byline to a few under it
  const near: number[] = [];
  if (author) for (let j = Math.max(0, author.unit - 1); j <= Math.min(units.length - 1, author.unit + REACH_BELOW); j++) near.push(j);
  const lines = [...new Set([...around.lines, ...near])].sort((a, b) => a - b);
  let best: { rank: number; dist: number; date: DateLine } | undefined;
  for (const j of lines) {
    if (title?.units.includes(j)) continue;
    const u = units[j]!;
    if (u.words > 25 || POST_SIGNATURE.test(u.raw)) continue;
    const iso = publishedDateIn(u.text, u.words <= 6);
    if (!iso) continue;
    const rank = author && Math.abs(j - author.unit) <= 1 ? 0 : u.words <= 10 ? 1 : 2;
    const dist = j >= anchor ? j - anchor : (anchor - j) * 1.5;
    if (!best || rank < best.rank || (rank === best.rank && dist < best.dist)) best = { rank, dist, date: { unit: j, iso, whole: u.words <= 10, units: [j] } };
  }
  const date = best?.date;
  if (date?.whole) {
    // the time of day written on its own line under (or over) the date goes with it
    for (const k of [date.unit - 1, date.unit + 1]) {
      if (k >= 0 && k < units.length && !title?.units.includes(k) && author?.unit !== k && TIME_LINE.test(units[k]!.text)) date.units.push(k);
    }
  }
  return date;
}
