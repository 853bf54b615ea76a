"""Throughput of ftfy on the texts given as JSON {name: text} on stdin.

Prints JSON {name: {"fix_text": MB/s, "fix_encoding": MB/s}}: CPU time
(time.process_time), best of the repeats given as the first argument (2),
over each text's UTF-8 size.
  - fix_text with only its encoding fixes (the level of fixText: no HTML
    unescaping, quotes, widths, line breaks or normalization), which works
    line by line as ftfy does on a document;
  - fix_encoding on the whole text at once (one decoding of the whole text
    when all of it is broken the same way).
Used by bench/mojibake.mjs (FTFY_PYTHON names a Python with ftfy 6.3.1).
"""
import json
import sys
import time

import ftfy
from ftfy import TextFixerConfig

CONFIG = TextFixerConfig(
    unescape_html=False,
    remove_terminal_escapes=False,
    fix_encoding=True,
    restore_byte_a0=True,
    replace_lossy_sequences=True,
    decode_inconsistent_utf8=True,
    fix_c1_controls=True,
    fix_latin_ligatures=False,
    fix_character_width=False,
    uncurl_quotes=False,
    fix_line_breaks=False,
    fix_surrogates=False,
    remove_control_chars=False,
    normalization=None,
    explain=False,
)


def best(fn, text, repeat):
    t = float("inf")
    for _ in range(repeat):
        t0 = time.process_time()
        fn(text)
        t = min(t, time.process_time() - t0)
    return len(text.encode("utf-8")) / 1e6 / max(t, 1e-9)


def main():
    repeat = int(sys.argv[1]) if len(sys.argv) > 1 else 2
    texts = json.load(sys.stdin)
    out = {"version": ftfy.__version__}
    for name, text in texts.items():
        out[name] = {
            "fix_text": best(lambda s: ftfy.fix_text(s, CONFIG), text, repeat),
            "fix_encoding": best(ftfy.fix_encoding, text, repeat),
        }
    print(json.dumps(out))


if __name__ == "__main__":
    main()
