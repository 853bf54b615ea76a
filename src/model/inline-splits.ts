/**
 * Sentences broken at their inline elements. A scraper that writes every text node of a page on a line of its own
 * (BeautifulSoup's `get_text("\n")`, most DOM walkers) breaks a sentence wherever a link or an emphasis stands in
 * it: "41% of voters think the" / "Brewers" / "' home/road performance split …". The line model reads each piece
 * as a line of its own — a short line, a line starting small — and drops the pieces as chrome.
 *
 * A text that shows the habit — lines that go on a sentence (opening with a comma, a full stop, a closing bracket or
 * a possessive, after a line that ends no sentence) MIN_SPLITS times or more, and its long lines not bunched under a
 * wrap width — has its pieces joined again: a line goes on the line before it when that one ends no sentence, clause
 * or heading's colon, and the line opens with such a mark or is a sentence's rest (opening small, and ending the
 * sentence or eight words long), or is a short piece (a link's text) with such a line right after it. Any other
 * text is left exactly as it is; words and their order are kept, only line breaks become spaces.
 */

/** A line that goes on a sentence: a comma, stop or closing mark, or a possessive ("'s", "' home"). */
const GOES_ON = /^(?:[,.;:!?)\]%…]|['’] ?\p{Ll})/u;
const STARTS_SMALL = /^\p{Ll}/u;
/** A line that ends a sentence, a clause before a list, or a heading's colon. */
const ENDS = /[.!?…:。！？]["”’»)\]]*$/;
/** Glued to the line before without a space: a mark, or a possessive's apostrophe ("'s", the plural's "' home"). */
const NO_SPACE = /^(?:[,.;:!?)\]%…]|['’](?:s\b|\s))/u;
/** Lines opening with a sentence's mark after a line that ends no sentence, needed before a text is read as broken. */
const MIN_SPLITS = 3;
/**
 * A hard-wrapped text's lines of eight words or more are most of them just under its wrap width (the 95th percentile
 * of their lengths): a text with fewer than this share of them there is not hard-wrapped.
 */
const MAX_WRAPPED_SHARE = 0.25;
/**
 * No hard wrap is this wide (text browsers and mailers wrap at 72 to 160 columns): a text whose long lines' 95th
 * percentile is longer is not hard-wrapped, however its lines bunch (a list of teasers cut at a fixed length).
 */
const MAX_WRAP_WIDTH = 200;
/** A line that opens small and ends no sentence is a sentence's rest when it has this many words or more. */
const SENTENCE_WORDS = 8;
/**
 * A text whose sentences go on after short pieces is read as broken at its inline elements when at least this share of
 * its sentence breaks were not forced by a wrap (unforcedShare; hard-wrapped text-browser copies: 0.02 or less at the
 * median, a page's text nodes 0.75).
 */
const MIN_UNFORCED = 0.5;
/** A piece between two parts of a sentence (a link's text) has at most this many words. */
const PIECE_WORDS = 6;

/** Words of a line: runs of letters and digits. */
export function words(s: string): number {
  return s.match(/[\p{L}\p{N}]+/gu)?.length ?? 0;
}

/**
 * The share of a text's sentence breaks that no wrap forced: a line that ends no sentence, followed by a line that
 * goes on the sentence in small letters, whose next word would have fitted on it (as long as the longest line around
 * it, two before to three after). A hard-wrapped text breaks a sentence where the next word does not fit; a text
 * broken at its inline elements breaks it anywhere. Null with fewer than MIN_SPLITS such breaks. `lines`: trimmed.
 */
function unforcedShare(lines: readonly string[]): number | null {
  let breaks = 0;
  let unforced = 0;
  for (let i = 0; i + 1 < lines.length; i++) {
    const a = lines[i]!;
    const b = lines[i + 1]!;
    if (!a || !STARTS_SMALL.test(b) || ENDS.test(a)) continue;
    let width = 0;
    for (let k = Math.max(0, i - 2); k <= Math.min(lines.length - 1, i + 3); k++) width = Math.max(width, lines[k]!.length);
    breaks++;
    if (a.length + 1 + b.split(/\s/, 1)[0]!.length <= width) unforced++;
  }
  return breaks >= MIN_SPLITS ? unforced / breaks : null;
}

/**
 * Whether the text shows the habit: MIN_SPLITS lines or more open with a sentence's mark (a comma, a stop, a
 * closing bracket, a possessive) after a line that ends no sentence, or go on a sentence after a short piece that
 * ends none (a link's text) in a text whose sentence breaks are mostly not a wrap's; and its long lines are not
 * bunched under a wrap width (a text browser's hard-wrapped lines may break before such a mark now and then, a
 * link's end).
 */
function showsSplits(raw: readonly string[]): boolean {
  const lines = raw.map((l) => l.trim());
  let marks = 0;
  let rests = 0;
  const lengths: number[] = [];
  for (let i = 0; i < lines.length; i++) {
    const t = lines[i]!;
    if (words(t) >= 8) lengths.push(t.length);
    const prev = i > 0 ? lines[i - 1]! : '';
    if (!prev || ENDS.test(prev)) continue;
    if (GOES_ON.test(t)) marks++;
    else if (sentenceRest(t) && words(prev) <= PIECE_WORDS) rests++;
  }
  if (lengths.length === 0) return false;
  if (marks < MIN_SPLITS && (marks + rests < MIN_SPLITS || (unforcedShare(lines) ?? 0) < MIN_UNFORCED)) return false;
  lengths.sort((a, b) => a - b);
  const width = lengths[Math.min(lengths.length - 1, Math.floor(0.95 * lengths.length))]!;
  if (width > MAX_WRAP_WIDTH) return true;
  let wrapped = 0;
  for (const l of lengths) if (l >= 0.8 * width && l <= width) wrapped++;
  return wrapped < MAX_WRAPPED_SHARE * lengths.length;
}

/**
 * A sentence's rest: a line that opens small and ends the sentence, or runs on for SENTENCE_WORDS words or more — not
 * a byline's or a date's short words under a headline ("by", "by Jane Doe", "on March 12").
 */
function sentenceRest(t: string): boolean {
  return STARTS_SMALL.test(t) && (ENDS.test(t) || words(t) >= SENTENCE_WORDS);
}

/** The text with the pieces of its broken sentences joined (null when it shows no such habit). */
export function joinInlineSplits(text: string): string | null {
  if (text.length < 400) return null;
  const lines = text.split('\n');
  if (!showsSplits(lines)) return null;
  const out: string[] = [];
  let joined = 0;
  for (let i = 0; i < lines.length; i++) {
    const t = lines[i]!.trim();
    const prev = out.length ? out[out.length - 1]!.trim() : '';
    if (t && prev && !ENDS.test(prev)) {
      const next = lines[i + 1]?.trim() ?? '';
      const goesOn = GOES_ON.test(t) || sentenceRest(t) || (words(t) <= PIECE_WORDS && (GOES_ON.test(next) || sentenceRest(next)));
      if (goesOn) {
        out[out.length - 1] = NO_SPACE.test(t) ? `${out[out.length - 1]!.trimEnd()}${t}` : `${out[out.length - 1]!.trimEnd()} ${t}`;
        joined++;
        continue;
      }
    }
    out.push(lines[i]!);
  }
  return joined ? out.join('\n') : null;
}
