/**
 * Text from outside (file names, messages that quote them, removed text) made safe to show on a terminal, the
 * way `ls` and ripgrep show names: every character a terminal would act on is written as a visible escape, so a
 * name can neither move the cursor, set the title, colour the output, nor start a line of its own.
 *
 *   C0 controls, DEL                 \n \r \t, else \xNN  (ESC is \x1b)
 *   C1 controls (U+0080–U+009F)      \u{9b}              (8-bit CSI and friends)
 *   line and paragraph separators, bidirectional controls (which reorder what follows them)
 *                                    \u{2028}, \u{202e}, …
 *   unpaired UTF-16 surrogates       \u{d800}            (a name that was not valid UTF-16)
 *   backslash                        \\                  (so that an escape is never ambiguous)
 *
 * Everything else, any script included, is shown as it is. `escapeBytes` does the same for raw bytes, writing
 * bytes that are not valid UTF-8 as \xNN (as ripgrep does for file names that are not UTF-8).
 */

// eslint-disable-next-line no-control-regex
const UNSAFE = /[\u0000-\u001f\u007f-\u009f\\\u061c\u200e\u200f\u2028-\u202e\u2066-\u2069]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;
// eslint-disable-next-line no-control-regex
const UNSAFE_ALL = new RegExp(UNSAFE.source, 'g');

const NAMED: Record<string, string> = { '\n': '\\n', '\r': '\\r', '\t': '\\t', '\\': '\\\\' };

function escapeChar(ch: string): string {
  const named = NAMED[ch];
  if (named) return named;
  const code = ch.charCodeAt(0);
  if (code < 0x20 || code === 0x7f) return `\\x${code.toString(16).padStart(2, '0')}`;
  return `\\u{${code.toString(16)}}`;
}

/** The text with every character a terminal would act on written as a visible escape. */
export function escapeForTerminal(text: string): string {
  return UNSAFE.test(text) ? text.replace(UNSAFE_ALL, escapeChar) : text;
}

/** A name or text given as bytes: valid UTF-8 escaped as `escapeForTerminal` does, any other byte as \xNN. */
export function escapeBytes(bytes: Uint8Array): string {
  const decoder = new TextDecoder('utf-8', { fatal: true });
  let out = '';
  let start = 0;
  let i = 0;
  const flush = (end: number): void => {
    if (end > start) out += escapeForTerminal(decoder.decode(bytes.subarray(start, end)));
  };
  while (i < bytes.length) {
    const len = sequenceLength(bytes, i);
    if (len > 0) {
      i += len;
      continue;
    }
    flush(i);
    out += `\\x${bytes[i]!.toString(16).padStart(2, '0')}`;
    start = ++i;
  }
  flush(i);
  return out;
}

/** Length of the valid UTF-8 sequence at `i` (shortest form, no surrogates, at most U+10FFFF), or 0. */
function sequenceLength(b: Uint8Array, i: number): number {
  const c = b[i]!;
  if (c < 0x80) return 1;
  const cont = (k: number): boolean => i + k < b.length && (b[i + k]! & 0xc0) === 0x80;
  if (c >= 0xc2 && c <= 0xdf) return cont(1) ? 2 : 0;
  if (c >= 0xe0 && c <= 0xef) {
    if (!cont(1) || !cont(2)) return 0;
    const c1 = b[i + 1]!;
    if (c === 0xe0 && c1 < 0xa0) return 0; // overlong
    if (c === 0xed && c1 >= 0xa0) return 0; // surrogate
    return 3;
  }
  if (c >= 0xf0 && c <= 0xf4) {
    if (!cont(1) || !cont(2) || !cont(3)) return 0;
    const c1 = b[i + 1]!;
    if (c === 0xf0 && c1 < 0x90) return 0; // overlong
    if (c === 0xf4 && c1 >= 0x90) return 0; // over U+10FFFF
    return 4;
  }
  return 0;
}
