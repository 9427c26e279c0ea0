"""Chinese and Arabic numerals → numbers: 一, 两, 十二, 三百五十, 1.2万, 6820万, 二〇二三.

Two layers, as in price-parser: regex sources that *find* a numeral inside a larger pattern
(:data:`NUMERAL`, used by the counts, amounts and dates extractors), and :func:`parse_numeral`
that *reads* one numeral exactly. Approximation words around a numeral (近, 约, 多, 余) belong
to the extractors; :func:`parse_numeral` accepts a 多/余 between the digits and their scale
(``10余万`` → 100000) because that is where Chinese writes it.

Exact arithmetic goes through :class:`decimal.Decimal`, so ``7.7万`` is 77000, not 76999.99….
"""
from __future__ import annotations

import re
from decimal import Decimal, InvalidOperation
from functools import lru_cache
from typing import Iterator, NamedTuple, Optional, Union

import regex

Number = Union[int, float]

CHINESE_DIGITS = {
    "零": 0, "〇": 0, "○": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5,
    "六": 6, "七": 7, "八": 8, "九": 9,
    "壹": 1, "贰": 2, "叁": 3, "肆": 4, "伍": 5, "陆": 6, "柒": 7, "捌": 8, "玖": 9,
}
# Units inside a section (below 万) and the section scales.
SMALL_UNITS = {"十": 10, "拾": 10, "百": 100, "佰": 100, "千": 1000, "仟": 1000}
SCALES = {"万": 10_000, "萬": 10_000, "亿": 100_000_000, "億": 100_000_000}
SCALE_FACTORS = {**SMALL_UNITS, **SCALES}

# Regex sources (not compiled: they are pieces of the extractors' patterns).
ARABIC = r"(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?"
CHINESE_CHARS = "零〇○一二两三四五六七八九十百千万亿"
CHINESE = r"[零〇○一二两三四五六七八九十百千万亿]{1,12}"
#: An Arabic number with an optional Chinese scale (``1.2万``, ``10余万``, ``3千万``),
#: or a run of Chinese numeral characters (validated by :func:`parse_numeral`).
NUMERAL = rf"(?:{ARABIC}(?:[多余]?[十百千万亿]{{1,3}})?|{CHINESE})"

# 百, 千, 万, 亿 alone or 百万, 千万, 百亿, 千亿, 万亿: a larger scale after a smaller one.
_ROUND_SCALE = regex.compile(r"[百千万亿]|[百千][万亿]|万亿")
_ARABIC_WITH_SCALE = regex.compile(rf"(?P<digits>{ARABIC})(?P<approx>[多余])?(?P<scale>[十百千万亿]{{0,3}})")


@lru_cache(maxsize=4096)
def parse_numeral(text: str) -> Optional[Number]:
    """Read one numeral; None when ``text`` is not a well-formed numeral.

    >>> [parse_numeral(s) for s in ("一", "两", "十二", "三百五十", "一百零五", "二〇二三")]
    [1, 2, 12, 350, 105, 2023]
    >>> [parse_numeral(s) for s in ("1.2万", "6820万", "10余万", "1,200", "7.7万", "2.8亿")]
    [12000, 68200000, 100000, 1200, 77000, 280000000]
    >>> [parse_numeral(s) for s in ("一万", "一万二", "三千五", "两万五千", "十万", "一千二百万")]
    [10000, 12000, 3500, 25000, 100000, 12000000]
    >>> parse_numeral("52.6")
    52.6
    >>> [parse_numeral(s) for s in ("十四五", "三三", "万", "", "abc", "五十五十")]
    [None, None, None, None, None, None]
    """
    if not text:
        return None
    if text[0].isdigit():
        match = _ARABIC_WITH_SCALE.fullmatch(text)
        if match is None:
            return None
        try:
            value = Decimal(match.group("digits").replace(",", ""))
        except InvalidOperation:
            return None
        for char in match.group("scale"):
            value *= SCALE_FACTORS[char]
        return _as_number(value)
    value = _parse_chinese(text)
    return None if value is None else value


def parse_round_scale(text: str) -> Optional[int]:
    """A bare scale read as a round number (百 → 100, 上万 in 上万场 → 10000); None otherwise.

    Chinese writes round numbers without a leading digit after an approximation word
    (近百名, 上万场, 逾亿人口) or before 余/多 (百余件, 千余人). :func:`parse_numeral` refuses a
    bare scale, because alone it is often no number at all (万一, 百姓); the caller decides.

    >>> [parse_round_scale(s) for s in ("百", "千", "万", "百万", "千万", "亿")]
    [100, 1000, 10000, 1000000, 10000000, 100000000]
    >>> [parse_round_scale(s) for s in ("一百", "十", "万百", "百百", "")]
    [None, None, None, None, None]
    """
    if not _ROUND_SCALE.fullmatch(text):
        return None
    value = 1
    for char in text:
        value *= SCALE_FACTORS[char]
    return value


def _as_number(value: Decimal) -> Number:
    return int(value) if value == value.to_integral_value() else float(value)


def _parse_chinese(text: str) -> Optional[int]:
    """Chinese numerals with units (三百五十, 一万二) or a plain digit string (二〇二三)."""
    if all(char in CHINESE_DIGITS for char in text):
        if len(text) == 1:
            return CHINESE_DIGITS[text]
        # 二〇二三 (a year, a code): digit by digit; 三三 or 两两 are not numbers.
        if any(char in "零〇○" for char in text) or len(text) == 4:
            return int("".join(str(CHINESE_DIGITS[char]) for char in text))
        return None
    total = 0        # finished 亿/万 sections
    section = 0      # the current section below 万
    digit: Optional[int] = None
    last_unit = None  # the last unit seen (for 一万二 = 12000, 三千五 = 3500)
    for char in text:
        if char in "零〇○":
            if digit is not None or last_unit is None:
                return None
            continue                # 一百零五: the zero only marks a gap
        if char in CHINESE_DIGITS:
            if digit is not None:   # two digits in a row: 十四五, 五五
                return None
            digit = CHINESE_DIGITS[char]
        elif char in SMALL_UNITS:
            unit = SMALL_UNITS[char]
            if digit is None:
                if unit != 10:      # 十 stands for 一十 (十二, 二百十); 百 and 千 need a digit
                    return None
                digit = 1
            if last_unit is not None and last_unit in SMALL_UNITS and SMALL_UNITS[last_unit] <= unit:
                return None         # 五十五十, 十百
            section += digit * unit
            digit = None
            last_unit = char
        elif char in SCALES:
            scale = SCALES[char]
            if digit is not None:
                section += digit
                digit = None
            if section == 0 and total == 0:
                return None         # 万 alone
            if last_unit in SCALES and SCALES[last_unit] <= scale and section == 0:
                total *= scale      # 万亿: scales multiply
            else:
                if total and scale > _largest_scale(total):
                    total = (total + section) * scale
                else:
                    total += section * scale
            section = 0
            last_unit = char
        else:
            return None
    if digit is not None:
        if last_unit is not None and text[-2] not in "零〇○":
            # 一万二 = 12000, 三千五 = 3500: a trailing digit is one step below the last unit
            factor = (SMALL_UNITS.get(last_unit) or SCALES[last_unit]) // 10
            if factor < 1:
                return None
            section += digit * factor
        else:
            section += digit
    return total + section


def _largest_scale(total: int) -> int:
    return 100_000_000 if total >= 100_000_000 else 10_000


# re's \d is Unicode's decimal digits: a class holding it tests each character with a call into
# the Unicode database, and a scan for such a class takes twice as long as for a class of plain
# ranges (1.9 → 1.2 ms over 500 articles). The decimal digits of the Basic Multilingual Plane as
# ranges: on a character of that plane they match exactly what \d matches (tests/test_numerals.py
# compares them over every code point of the plane). Digits beyond it are left to \d, see Prefilter.
BMP_DIGITS = (
    "0-9\u0660-\u0669\u06f0-\u06f9\u07c0-\u07c9\u0966-\u096f\u09e6-\u09ef\u0a66-\u0a6f\u0ae6-\u0aef"
    "\u0b66-\u0b6f\u0be6-\u0bef\u0c66-\u0c6f\u0ce6-\u0cef\u0d66-\u0d6f\u0de6-\u0def\u0e50-\u0e59\u0ed0-\u0ed9"
    "\u0f20-\u0f29\u1040-\u1049\u1090-\u1099\u17e0-\u17e9\u1810-\u1819\u1946-\u194f\u19d0-\u19d9\u1a80-\u1a89"
    "\u1a90-\u1a99\u1b50-\u1b59\u1bb0-\u1bb9\u1c40-\u1c49\u1c50-\u1c59\ua620-\ua629\ua8d0-\ua8d9\ua900-\ua909"
    "\ua9d0-\ua9d9\ua9f0-\ua9f9\uaa50-\uaa59\uabf0-\uabf9\uff10-\uff19"
)


class Prefilter(NamedTuple):
    """A prefilter for :func:`finditer_prefiltered`, compiled twice from one source.

    ``general`` is the source as written; ``bmp`` has each ``\\d`` replaced by :data:`BMP_DIGITS`
    (so every ``\\d`` of the source must sit inside a character class). On a text whose
    characters all lie in the Basic Multilingual Plane both match at the same places, and
    ``bmp`` scans faster; :meth:`for_text` picks the one to use.
    """

    bmp: re.Pattern
    general: re.Pattern

    @classmethod
    def compile(cls, source: str) -> "Prefilter":
        return cls(re.compile(source.replace(r"\d", BMP_DIGITS)), re.compile(source))

    def for_text(self, text: str) -> re.Pattern:
        return self.bmp if only_bmp(text) else self.general


_last_bmp_answer: tuple[str, bool] = ("", True)


def only_bmp(text: str) -> bool:
    """Whether every character of ``text`` lies in the Basic Multilingual Plane (U+0000–U+FFFF).

    UTF-16 writes such a character as one unit and any other as two. The counts, amounts and
    dates stages ask in turn about the same text: the last answer is kept for it.

    >>> only_bmp("共12个项目"), only_bmp("𝟏𝟐个"), only_bmp("")
    (True, False, True)
    """
    global _last_bmp_answer
    last_text, answer = _last_bmp_answer
    if text is not last_text:
        answer = len(text.encode("utf-16-le", "surrogatepass")) == 2 * len(text)
        _last_bmp_answer = (text, answer)
    return answer


def finditer_prefiltered(prefilter: re.Pattern, pattern: re.Pattern, text: str, pos: int = 0) -> Iterator[re.Match]:
    """``pattern.finditer(text, pos)``, sped up by a cheaper pattern that finds where a match may start.

    ``prefilter`` must match at every position where ``pattern`` matches (it may match at more)
    and begin with a plain character class: ``re`` then skips the positions outside that class
    in its C loop, while a pattern that begins with a look-ahead or look-behind (as the
    extractors' patterns do) runs its matcher at every position. ``pattern`` is tried only
    where the prefilter matched. ``pattern`` must never match the empty string.
    """
    search, match = prefilter.search, pattern.match
    while True:
        hit = search(text, pos)
        if hit is None:
            return
        found = match(text, hit.start())
        if found is None:
            pos = hit.start() + 1
            continue
        yield found
        pos = found.end()
