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
/** Glued to the line before without a space. */
const NO_SPACE = /^(?:[,.;:!?)\]%…]|['’]s\b)/u;
/** Lines opening with a sentence's mark after a line that ends no sentence, needed before a text is read as broken. */
const MIN_SPLITS = 3;
/**
 * A hard-wrapped text's lines of eight words or more are most of them just under its wrap width (the 95th percentile
 * of their lengths): a text with fewer than this share of them there is not hard-wrapped.
 */
const MAX_WRAPPED_SHARE = 0.25;
/** A line that opens small and ends no sentence is a sentence's rest when it has this many words or more. */
const SENTENCE_WORDS = 8;
/** A piece between two parts of a sentence (a link's text) has at most this many words. */
const PIECE_WORDS = 6;

function words(s: string): number {
  return s.match(/[\p{L}\p{N}]+/gu)?.length ?? 0;
}

/**
 * Whether the text shows the habit: MIN_SPLITS lines or more open with a sentence's mark (a comma, a stop, a
 * closing bracket, a possessive) after a line that ends no sentence, and its long lines are not bunched under a wrap
 * width (a text browser's hard-wrapped lines may break before such a mark now and then, a link's end).
 */
function showsSplits(lines: readonly string[]): boolean {
  let splits = 0;
  const lengths: number[] = [];
  for (let i = 0; i < lines.length; i++) {
    const t = lines[i]!.trim();
    if (words(t) >= 8) lengths.push(t.length);
    if (i > 0 && GOES_ON.test(t) && lines[i - 1]!.trim() && !ENDS.test(lines[i - 1]!.trim())) splits++;
  }
  if (splits < MIN_SPLITS || lengths.length === 0) return false;
  lengths.sort((a, b) => a - b);
  const width = lengths[Math.min(lengths.length - 1, Math.floor(0.95 * lengths.length))]!;
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
