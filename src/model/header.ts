/**
 * The headline, the byline and the date of a plain-text page, found around where the article starts rather than at
 * the top of the file: the headline is the headline-like line nearest above the article's first paragraph (byline,
 * date and caption lines skipped), the byline and the date are looked for between a few lines above the headline
 * and a few lines into the article. Nothing here knows an outlet: names are recognised by their shape.
 */
import type { Line } from './lines.js';
import { parseDate } from '../metadata/dates.js';
import { canonicalAgency, isPlaceholderAuthor } from '../metadata/names.js';

export interface Header {
  /** Unit index and text of the headline. */
  title?: { unit: number; text: string };
  author?: { unit: number; names: string[]; agency?: string; whole: boolean };
  date?: { unit: number; iso: string; whole: boolean };
}

/** How far above the article's first line the headline is looked for, in lines with words. */
const TITLE_REACH = 40;

const BY_WORD = String.raw`(?:written by|posted by|words by|story by|reported by|by|von|par|por|door|av|af|di)`;
const BYLINE_AT = new RegExp(String.raw`(?:^[^\p{L}\p{N}]*|[|•·—–(/]\s*|\s-\s|\d\s+)${BY_WORD}[:\s]\s*(?=\p{Lu})`, 'iu');
const BYLINE_START = new RegExp(String.raw`^(?:[-–—|•·/\s]*)${BY_WORD}[:\s]`, 'iu');
/** What ends the names of a byline: punctuation between fields, a date, a handle, a role. */
const NAME_END = /\s*(?:[|•·—–@(]|\s-\s|,\s*(?:\p{Ll}|[A-Z][a-z]+ (?:Staff|Writer|Editor|Correspondent|Reporter))|\s+(?:on|at|updated|published|posted|in|for|le|el|il|am)\s|\s*\d)/u;
const NAME_TOKEN = /^(?:\p{Lu}[\p{L}'’.-]*|\p{Lu}\.|(?:van|von|de|der|den|da|di|del|della|la|le|du|dos|bin|al|el|ibn|y|e|ten|ter)$)$/u;
const CAPTION = /^(?:credit|photo|photograph|image|picture|media caption|caption|filed (?:to|under)|edited by|source|video|watch|listen|read more|related|advertisement|sponsored|follow|share|updated|published|posted)\b/i;
const MONTH = String.raw`(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)[a-z]{0,6}\.?`;
const DATE_IN = new RegExp(
  String.raw`(?:${MONTH}\s\d{1,2}(?:st|nd|rd|th)?,?\s\d{4}|\d{1,2}(?:st|nd|rd|th)?\s${MONTH},?\s\d{4}|\d{4}-\d{2}-\d{2}(?:[T ]\d{2}:\d{2}(?::\d{2})?)?|\d{1,2}[/.]\d{1,2}[/.]\d{4})(?:,?\s(?:at\s)?\d{1,2}[:.]\d{2}(?:\s?[AaPp]\.?[Mm]\.?)?(?:\s[A-Z]{2,4}\b)?)?`,
  'i',
);

/** The person names of a byline-like text ("By Jane Doe and John Roe, Reuters", "Jane Doe - Apr 16, 2015"). */
export function bylineNames(text: string, requireBy: boolean): { names: string[]; agency?: string } | null {
  let rest: string;
  const at = BYLINE_AT.exec(text);
  if (at) rest = text.slice(at.index + at[0].length);
  else if (requireBy) return null;
  else rest = text;
  const end = NAME_END.exec(rest);
  if (end) rest = rest.slice(0, end.index);
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
    names.push(dedupeHalves(p));
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

/** The date a short line shows, if any. */
export function dateIn(text: string): string | null {
  const m = DATE_IN.exec(text);
  if (!m) return null;
  const d = parseDate(m[0].replace(/\bat\s/i, '').replace(/(\d)\.(\d{2})$/, '$1:$2'));
  return d?.iso || null;
}

function headlineScore(u: Line, distance: number): number {
  const t = u.text;
  const w = u.words;
  if (w < 2 || w > 30 || u.placeholders > 0 || u.url) return -Infinity;
  if (/[.,;:]$/.test(t) && !/(?:\b[A-Z]|\.\.\.|…)\.?$/.test(t)) return -Infinity;
  if (CAPTION.test(t) || BYLINE_START.test(t)) return -Infinity;
  if (u.chrome / w > 0.34) return -Infinity;
  if (u.date && w <= 10) return -Infinity;
  if (u.startsLower) return -Infinity;
  let s = 0;
  if (w >= 4 && w <= 18) s += 1;
  if (w < 3) s -= 1;
  if (u.bullet) s -= 1.5;
  if (u.separators > 0) s -= 0.7 * u.separators;
  if (u.repeats >= 2) s += 0.4;
  if (u.cap / w >= 0.5) s += 0.3;
  s -= 0.12 * distance;
  return s;
}

/**
 * The header of the article that starts at unit `first`: the headline above it, the byline and date near it.
 * `first` is the article's first line with words as the model decided it.
 */
export function findHeader(units: readonly Line[], first: number): Header {
  const header: Header = {};
  if (first < 0 || first >= units.length) return header;
  // the headline: nearest headline-like line above the first paragraph (or that line itself when it is one); a
  // line of a longer paragraph is never one
  const blockSize = new Map<number, number>();
  for (const u of units) blockSize.set(u.block, (blockSize.get(u.block) ?? 0) + 1);
  let best = -Infinity;
  let distance = 0;
  const alone = (u: Line): boolean => blockSize.get(u.block) === 1;
  const firstIsShort = alone(units[first]!) && units[first]!.words <= 30 && !units[first]!.terminal;
  for (let j = firstIsShort ? first : first - 1; j >= 0 && first - j <= TITLE_REACH; j--) {
    const u = units[j]!;
    const meta = isMeta(u);
    if (!meta) {
      let s = alone(u) ? headlineScore(u, distance) : -Infinity;
      // a headline is followed by its byline or date within a few lines
      if (s > -Infinity) {
        for (let k = j + 1; k <= Math.min(units.length - 1, j + 6); k++) {
          const v = units[k]!;
          if (v.words <= 25 && (BYLINE_AT.test(v.text) || (v.date && v.words <= 12))) {
            s += 0.8;
            break;
          }
        }
      }
      if (s > best) {
        best = s;
        header.title = { unit: j, text: u.text };
      }
      distance++;
    }
    if (u.words > 40) break;
  }
  if (best < 0.3) delete header.title;
  // byline and date: from a few lines above the headline to a few lines into the article
  const top = Math.max(0, (header.title?.unit ?? first) - 6);
  const bottom = Math.min(units.length - 1, first + 6);
  for (let j = top; j <= bottom; j++) {
    if (j === header.title?.unit) continue;
    const u = units[j]!;
    if (u.words > 40) continue;
    if (!header.author) {
      const by = bylineNames(u.text, true) ?? (nearTitle(j, header) && u.words <= 8 && u.chrome === 0 && u.stop === 0 ? bylineNames(u.text, false) : null);
      if (by && (by.names.length || by.agency)) {
        header.author = { unit: j, names: by.names, ...(by.agency ? { agency: by.agency } : {}), whole: u.words <= 16 };
      }
    }
    if (!header.date && u.words <= 25) {
      const iso = dateIn(u.text);
      if (iso) header.date = { unit: j, iso, whole: u.words <= 10 };
    }
  }
  return header;
}

function nearTitle(j: number, h: Header): boolean {
  return h.title !== undefined && Math.abs(j - h.title.unit) <= 3;
}

/** Lines skipped between the headline and the article: bylines, dates, captions and credits, share lines. */
function isMeta(u: Line): boolean {
  if (BYLINE_START.test(u.text) || CAPTION.test(u.text)) return true;
  if (u.date && u.words <= 12) return true;
  if (u.placeholders > 0 && u.words <= 6) return true;
  return u.words <= 3 && (u.chrome > 0 || u.bullet);
}
