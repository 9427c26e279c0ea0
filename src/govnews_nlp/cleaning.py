"""Turn raw input (scraped HTML or text, traditional or simplified) into clean text.

Every step keeps an offset map, so each character of the clean text knows the range
of raw characters that produced it. A character that survives unchanged maps to
itself; a replacement (``&amp;`` → ``&``, a tag → newline) maps to the whole range it
replaced; deleted noise (tags, ``(qū)``) maps to nothing, so no mention can land on it.
"""
from __future__ import annotations

import html
from dataclasses import dataclass
from functools import lru_cache
from typing import Callable, Optional

import regex

from .errors import InputError

DEFAULT_MAX_CHARS = 2_000_000


@dataclass
class MappedText:
    """Text plus, for each character, the raw range ``[starts[i], ends[i])`` it came from."""

    text: str
    starts: list[int]
    ends: list[int]

    @classmethod
    def identity(cls, raw: str) -> "MappedText":
        return cls(raw, list(range(len(raw))), list(range(1, len(raw) + 1)))

    def substitute(self, pattern: regex.Pattern, replace: Callable[[regex.Match], str]) -> "MappedText":
        """Replace every match of ``pattern`` by ``replace(match)``, carrying the offsets along.

        A replacement of the same length maps character to character; any other maps each
        new character to the whole raw range of the match; an empty one drops the match.
        """
        pieces: list[str] = []
        starts: list[int] = []
        ends: list[int] = []
        last = 0
        for match in pattern.finditer(self.text):
            begin, end = match.span()
            new = replace(match)
            if new == match.group(0):
                continue
            pieces.append(self.text[last:begin])
            starts.extend(self.starts[last:begin])
            ends.extend(self.ends[last:begin])
            if len(new) == end - begin:
                starts.extend(self.starts[begin:end])
                ends.extend(self.ends[begin:end])
            elif new:
                raw_start, raw_end = self.starts[begin], self.ends[end - 1]
                starts.extend([raw_start] * len(new))
                ends.extend([raw_end] * len(new))
            pieces.append(new)
            last = end
        if not pieces:
            return self
        pieces.append(self.text[last:])
        starts.extend(self.starts[last:])
        ends.extend(self.ends[last:])
        return MappedText("".join(pieces), starts, ends)

    def translate_same_length(self, convert: Callable[[str], str]) -> "MappedText":
        """Apply a character-level conversion (such as OpenCC t2s) that should keep lengths.

        Lines whose length changes are converted character by character, so the map stays exact.
        """
        converted = convert(self.text)
        if len(converted) == len(self.text):
            return MappedText(converted, self.starts, self.ends)
        line_pattern = _LINE
        return self.substitute(line_pattern, lambda m: _convert_keeping_length(m.group(0), convert))


def _convert_keeping_length(line: str, convert: Callable[[str], str]) -> str:
    converted = convert(line)
    if len(converted) == len(line):
        return converted
    chars = []
    for char in line:
        one = convert(char)
        chars.append(one if len(one) == 1 else char)
    return "".join(chars)


_LINE = regex.compile(r"[^\n]+")

# --- decoding --------------------------------------------------------------------------

def decode(data: bytes) -> str:
    """Decode bytes as UTF-8, GB18030 (a superset of GBK/GB2312) or Big5; raise InputError otherwise."""
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    candidates = []
    for encoding in ("gb18030", "big5"):
        try:
            candidates.append((encoding, data.decode(encoding)))
        except UnicodeDecodeError:
            continue
    if not candidates:
        raise InputError("the bytes are neither UTF-8, GB18030 nor Big5; decode them yourself and pass a str")
    if len(candidates) == 1:
        return candidates[0][1]
    return max(candidates, key=lambda c: _plausibility(c[1]))[1]


def _plausibility(text: str) -> float:
    """Share of characters that are common Chinese characters (simplified or traditional) or ASCII."""
    from .data import common_characters

    common = common_characters()
    if not text:
        return 0.0
    good = sum(1 for ch in text if ch in common or ch.isascii())
    return good / len(text)


# --- HTML ------------------------------------------------------------------------------

_LOOKS_LIKE_HTML = regex.compile(r"<(?:[a-zA-Z][a-zA-Z0-9]{0,15}(?:\s[^<>]{0,2000})?/?|/[a-zA-Z][a-zA-Z0-9]{0,15}\s*|!--)>?")
_INVISIBLE_BLOCK = regex.compile(
    r"<(script|style|head|noscript|template|select|iframe|svg|nav)\b[^<>]{0,2000}>.*?</\1\s*>|<!--.*?-->",
    regex.IGNORECASE | regex.DOTALL,
)
_BLOCK_TAGS = frozenset(
    "p div br li ul ol tr td th table h1 h2 h3 h4 h5 h6 section article header footer "
    "blockquote pre hr dd dt dl form center title".split()
)
_TAG = regex.compile(r"</?([a-zA-Z][a-zA-Z0-9]{0,15})\b[^<>]{0,2000}>|<!DOCTYPE[^<>]{0,200}>|<!\[CDATA\[|\]\]>", regex.IGNORECASE)
_ENTITY = regex.compile(r"&(?:#[0-9]{1,7}|#[xX][0-9a-fA-F]{1,6}|[a-zA-Z][a-zA-Z0-9]{1,31});")


def looks_like_html(text: str) -> bool:
    return _LOOKS_LIKE_HTML.search(text) is not None


def _tag_replacement(match: regex.Match) -> str:
    name = (match.group(1) or "").lower()
    return "\n" if name in _BLOCK_TAGS else ""


def strip_html(mapped: MappedText) -> MappedText:
    mapped = mapped.substitute(_INVISIBLE_BLOCK, lambda m: "\n")
    mapped = mapped.substitute(_TAG, _tag_replacement)
    return mapped.substitute(_ENTITY, lambda m: html.unescape(m.group(0)))


# --- scraping noise ---------------------------------------------------------------------

# Some mirrors print a traditional character followed by the pinyin of its simplified form:
# 區(qū), 發(fā), 產業(yè). A real parenthesised Latin word such as (CPU) has no tone marks and stays.
_TONE_MARKED = "āáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜ"
_PINYIN_AFTER_HANZI = regex.compile(
    r"(?<=\p{Han})[(（]([a-zü" + _TONE_MARKED + r"]{0,6}[" + _TONE_MARKED + r"][a-zü" + _TONE_MARKED + r"]{0,6})[)）]"
)
_NAV_CRUMBS = regex.compile(
    r"累计次数[:：]\s*\d*|浏览次数[:：]\s*\d*|点击数[:：]\s*\d*|字体[:：]\s*\[[^\]\n]{0,20}\](?:\s*[大中小](?:\s+[大中小]){0,2})?"
    r"|【\s*(?:打印(?:本页)?|关闭(?:窗口)?|收藏|返回顶部)\s*】|\[\s*(?:打印|关闭|返回)\s*\]"
)

# --- normalisation ---------------------------------------------------------------------

_FULL_WIDTH_ALNUM = regex.compile(r"[０-９Ａ-Ｚａ-ｚ％．＋－]+")
_ASCII_COMMA_IN_HAN = regex.compile(r"(?<=\p{Han}|[”」’])[,](?!\d)")
_HORIZONTAL_SPACE = regex.compile(r"[ \t\u00a0\u3000\u2002\u2003\u2009\u200b\ufeff]+")
_LINE_EDGE_SPACE = regex.compile(r"^[ ]+|[ ]+$", regex.MULTILINE)
_BULLET_ONLY_LINE = regex.compile(r"^[•·●◆■▪►\-*]+[ ]?", regex.MULTILINE)
_MANY_NEWLINES = regex.compile(r"\n{3,}")
_CONTROL = regex.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]+")
_CARRIAGE_RETURN = regex.compile(r"\r\n?")
_EDGE_NEWLINES = regex.compile(r"\A\n+|\n+\Z")


def _half_width(match: regex.Match) -> str:
    return "".join(chr(ord(ch) - 0xFEE0) for ch in match.group(0))


@lru_cache(maxsize=1)
def _t2s() -> Callable[[str], str]:
    import opencc

    return opencc.OpenCC("t2s").convert


def clean(raw: str, *, max_chars: Optional[int] = DEFAULT_MAX_CHARS) -> MappedText:
    """Clean ``raw`` and return the clean text with its offset map.

    >>> clean("<p>區(qū)委書記張建華</p>").text
    '区委书记张建华'
    """
    if max_chars is not None and len(raw) > max_chars:
        raise InputError(f"the text has {len(raw):,} characters, more than the limit of {max_chars:,}; "
                         "raise max_chars or split the text")
    mapped = MappedText.identity(raw)
    mapped = mapped.substitute(_CARRIAGE_RETURN, lambda m: "\n")
    mapped = mapped.substitute(_CONTROL, lambda m: "")
    if looks_like_html(mapped.text):
        mapped = strip_html(mapped)
    mapped = mapped.substitute(_PINYIN_AFTER_HANZI, lambda m: "")
    mapped = mapped.translate_same_length(_t2s())
    mapped = mapped.substitute(_FULL_WIDTH_ALNUM, _half_width)
    mapped = mapped.substitute(_ASCII_COMMA_IN_HAN, lambda m: "，")
    mapped = mapped.substitute(_NAV_CRUMBS, lambda m: "")
    mapped = mapped.substitute(_HORIZONTAL_SPACE, lambda m: " ")
    mapped = mapped.substitute(_LINE_EDGE_SPACE, lambda m: "")
    mapped = mapped.substitute(_BULLET_ONLY_LINE, lambda m: "")
    mapped = mapped.substitute(_LINE_EDGE_SPACE, lambda m: "")
    mapped = mapped.substitute(_MANY_NEWLINES, lambda m: "\n\n")
    return mapped.substitute(_EDGE_NEWLINES, lambda m: "")
