"""Build data/t2s_triggers.txt: every character whose presence can make OpenCC t2s change a text.

cleaning.clean() converts a text with OpenCC t2s only when it holds one of these characters
(nine simplified articles in ten hold none, and the scan is four times cheaper than the
conversion). The list is exact for the OpenCC tables it was built from:

- every character that t2s changes on its own (each code point converted, one per line);
- for each entry of the phrase table (TSPhrases) that t2s changes although none of its
  characters changes on its own (深沈 → 深沉, 回覆 → 回复), the changed character that is
  rarest in OpenCC's own phrase keys (沈, 覆): a text without it cannot hold the phrase.

The phrase table is read with the ``opencc_dict`` tool shipped in the opencc wheel.
tests/test_cleaning.py checks the list against the installed OpenCC.

    python scripts/build_t2s_triggers.py
"""
from __future__ import annotations

import os
import subprocess
import tempfile
from collections import Counter
from pathlib import Path

import opencc

OUT = Path(__file__).resolve().parents[1] / "src" / "govnews_nlp" / "data" / "t2s_triggers.txt"
_CHUNK = 5000


def changed_alone() -> set[str]:
    """The characters that t2s changes on their own."""
    convert = opencc.OpenCC("t2s").convert
    chars = [chr(code) for code in range(0x110000) if not 0xD800 <= code < 0xE000 and chr(code) != "\n"]
    changed = set()
    for i in range(0, len(chars), _CHUNK):
        chunk = chars[i:i + _CHUNK]
        converted = convert("\n".join(chunk)).split("\n")
        assert len(converted) == len(chunk)
        changed.update(char for char, out in zip(chunk, converted) if out != char)
    return changed


def phrase_table() -> list[tuple[str, str]]:
    """(phrase, its first conversion) for every entry of OpenCC's TSPhrases table."""
    clib = Path(opencc.__file__).parent / "clib"
    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp) / "TSPhrases.txt"
        subprocess.run([str(clib / "bin" / "opencc_dict"), "-i", str(clib / "share" / "opencc" / "TSPhrases.ocd2"),
                        "-o", str(out), "-f", "ocd2", "-t", "text"], check=True,
                       env={**os.environ, "LD_LIBRARY_PATH": str(clib / "lib64")})
        lines = out.read_text(encoding="utf-8").splitlines()
    return [(key, value.split(" ")[0]) for key, value in (line.split("\t") for line in lines)]


def triggers() -> set[str]:
    alone = changed_alone()
    phrases = phrase_table()
    key_counts = Counter(char for key, _ in phrases for char in key)
    found = set(alone)
    for key, value in phrases:
        if value == key or any(char in alone for char in key):
            continue
        changed = [a for a, b in zip(key, value) if a != b] if len(key) == len(value) else list(key)
        found.add(min(changed, key=lambda char: (key_counts[char], char)))
    return found


def build() -> str:
    chars = sorted(triggers())
    lines = ["".join(chars[i:i + 80]) for i in range(0, len(chars), 80)]
    return "\n".join(lines) + "\n"


if __name__ == "__main__":
    OUT.write_text(build(), encoding="utf-8")
    print(f"wrote {OUT}")
