/**
 * White-space folding, the hot path of every stage: the same strings as the plain replacements, without building a
 * new string when there is nothing to fold (most lines have single spaces only). test/fast-paths.test.ts compares
 * them with the replacements.
 */

/** White space other than a single space, or two spaces in a row: what `/\s+/g → ' '` would change. */
const FOLDABLE = /[^\S ]| {2}/;
/** A tab, a no-break space, or two spaces in a row: what `/[ \t\u00a0]+/g → ' '` would change. */
const FOLDABLE_INLINE = /[\t\u00a0]| {2}/;

/** `s.replace(/\s+/g, ' ')`. */
export function foldSpaces(s: string): string {
  return FOLDABLE.test(s) ? s.replace(/\s+/g, ' ') : s;
}

/** `s.replace(/[ \t\u00a0]+/g, ' ')`: spaces, tabs and no-break spaces, line breaks kept. */
export function foldInlineSpaces(s: string): string {
  // three native searches are faster than the pattern's scan
  return (s.includes('  ') || s.includes('\t') || s.includes('\u00a0')) && FOLDABLE_INLINE.test(s) ? s.replace(/[ \t\u00a0]+/g, ' ') : s;
}
