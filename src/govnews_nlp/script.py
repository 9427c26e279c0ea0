"""The Chinese script as a character class the standard ``re`` understands.

``re`` has no ``\\p{Han}``, and the third-party ``regex`` that has it scans several times
slower on the same pattern (a byline pattern over 500 articles: 5.0 ms with ``regex``,
1.3 ms with ``re``). Patterns on the hot path that need nothing else of ``regex`` are
written with :data:`HAN` and compiled with ``re``.
"""
from __future__ import annotations

HAN = (
    "["
    "\u2e80-\u2e99\u2e9b-\u2ef3\u2f00-\u2fd5"          # CJK radicals, Kangxi radicals
    "\u3005\u3007\u3021-\u3029\u3038-\u303b"            # 々 〇, Hangzhou numerals
    "\u3400-\u4dbf\u4e00-\u9fff"                        # extension A, the unified ideographs
    "\uf900-\ufa6d\ufa70-\ufad9"                        # compatibility ideographs
    "\U00016fe2-\U00016fe3\U00016ff0-\U00016ff6"
    "\U00020000-\U0002a6df\U0002a700-\U0002b81e\U0002b820-\U0002cead"
    "\U0002ceb0-\U0002ebe0\U0002ebf0-\U0002ee5d"        # extensions B to I
    "\U0002f800-\U0002fa1d"                             # compatibility supplement
    "\U00030000-\U0003134a\U00031350-\U00033479"        # extensions G, H, J
    "]"
)
"""One character of the Han script: ``regex``'s ``\\p{Han}`` as of Unicode 17
(tests/test_script.py compares the two over every code point)."""
