/**
 * NFC normalisation without the call where it cannot change anything. Below U+0300 every character is its own NFC
 * form and none combines with a neighbour (combining marks, Hangul jamo and the characters excluded from composition
 * all lie above), so a text of such characters — most English news — is returned as it is; a regular-expression
 * scan for anything higher costs a tenth of the normaliser's pass. test/fast-paths.test.ts checks every character
 * and every pair below U+0300, and compares the two on texts.
 */
const ABOVE_NFC_STABLE = /[^\u0000-\u02ff]/;

export function nfc(s: string): string {
  return ABOVE_NFC_STABLE.test(s) ? s.normalize('NFC') : s;
}
