"""Turn raw input (scraped HTML or text, traditional or simplified) into clean text.

Every step keeps an offset map, so each character of the clean text knows the range
of raw characters that produced it. A character that survives unchanged maps to
itself; a replacement (``&amp;`` → ``&``, a tag → newline) maps to the whole range it
replaced; deleted noise (tags, ``(qū)``) maps to nothing, so no mention can land on it.
"""
from __future__ import annotations

import html
import re
from dataclasses import dataclass
from functools import lru_cache
from typing import Callable, Iterable, Iterator, Optional, Sequence

import regex

from .errors import InputError

DEFAULT_MAX_CHARS = 2_000_000


@dataclass
class MappedText:
    """Text plus, for each character, the raw range ``[starts[i], ends[i])`` it came from."""

    text: str
    starts: Sequence[int]
    ends: Sequence[int]

    @classmethod
    def identity(cls, raw: str) -> "MappedText":
        # ranges, not lists: most articles keep their length through cleaning, so the map
        # stays the identity and never needs a list of its own
        return cls(raw, range(len(raw)), range(1, len(raw) + 1))

    def substitute(self, pattern: regex.Pattern | re.Pattern, replace: Callable[[regex.Match], str]) -> "MappedText":
        """Replace every match of ``pattern`` by ``replace(match)``, carrying the offsets along.

        A replacement of the same length maps character to character; any other maps each
        new character to the whole raw range of the match; an empty one drops the match.
        """
        matches = pattern.finditer(self.text)
        first = next(matches, None)
        if first is None:  # most passes find nothing in most articles
            return self
        edits = [(first.start(), first.end(), replace(first))]
        edits += [(match.start(), match.end(), replace(match)) for match in matches]
        return self.replace(edits)

    def replace(self, edits: Iterable[tuple[int, int, str]]) -> "MappedText":
        """Apply ``(begin, end, new)`` edits, given in increasing, non-overlapping order."""
        # Same-length edits leave the offset map as it is: the map lists are shared with ``self``
        # and copied only when an edit changes the length (a deletion or an expansion).
        text = self.text
        pieces: list[str] = []
        starts: Optional[list[int]] = None
        ends: list[int] = []
        last = 0  # end of the previous edit
        copied = 0  # starts/ends hold the map of text[:copied] (once they are being built)
        for begin, end, new in edits:
            if new == text[begin:end]:
                continue
            pieces.append(text[last:begin])
            pieces.append(new)
            last = end
            if len(new) == end - begin:
                continue
            if starts is None:
                starts = []
            starts.extend(self.starts[copied:begin])
            ends.extend(self.ends[copied:begin])
            if new:
                starts.extend([self.starts[begin]] * len(new))
                ends.extend([self.ends[end - 1]] * len(new))
            copied = end
        if not pieces:
            return self
        pieces.append(text[last:])
        if starts is None:
            return MappedText("".join(pieces), self.starts, self.ends)
        starts.extend(self.starts[copied:])
        ends.extend(self.ends[copied:])
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

# Byte-order marks, longest first (the UTF-32 LE mark begins with the UTF-16 LE one).
_BOMS = (
    (b"\xef\xbb\xbf", "utf-8"),
    (b"\xff\xfe\x00\x00", "utf-32-le"),
    (b"\x00\x00\xfe\xff", "utf-32-be"),
    (b"\xff\xfe", "utf-16-le"),
    (b"\xfe\xff", "utf-16-be"),
)
_CHINESE_ENCODINGS = ("gb18030", "big5")
# Share of common Chinese characters among the non-ASCII characters, below which a GB18030,
# Big5, UTF-16 or UTF-32 reading is rejected as mojibake. Measured on 500 real articles
# (first 3,000 / first 40 characters): right encoding ≥ 0.74 / ≥ 0.63; wrong one (Big5 read
# as GB18030 or the reverse) ≤ 0.30 / 95th percentile 0.43.
MIN_PLAUSIBILITY = 0.5
# With fewer non-ASCII characters than this the share means nothing: never rejected.
_PLAUSIBILITY_MIN_CHARS = 10
# Chunks that can be decoded on their own: a newline or a '>' never occurs inside a UTF-8,
# GB18030 or Big5 multi-byte character, so splitting after them never cuts one.
_BYTE_CHUNK = re.compile(rb"[^\n>]*(?:[\n>]|\Z)")


def decode(data: bytes, *, max_chars: Optional[int] = None) -> str:
    """Decode bytes as UTF-8, GB18030 (a superset of GBK/GB2312) or Big5; raise InputError otherwise.

    A byte-order mark decides the encoding (UTF-8, UTF-16 or UTF-32). Without one, UTF-8 is
    tried first, then GB18030 and Big5, keeping the reading with more common characters; a
    document whose parts are in different encodings (a UTF-8 page template around a GBK
    article) is decoded chunk by chunk. Bytes that read only as mojibake are rejected.

    >>> decode("区委书记".encode("gbk"))
    '区委书记'
    """
    data = bytes(data)
    if max_chars is not None and len(data) > 4 * max_chars:
        # Every character takes at most 4 bytes, so this input cannot fit: refuse before decoding.
        raise InputError(f"the input has {len(data):,} bytes, more than 4 × the limit of {max_chars:,} "
                         "characters; raise max_chars or split the text")
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            name = encoding.upper()
            try:
                text = data[len(bom):].decode(encoding)
            except UnicodeDecodeError as exc:
                raise InputError(f"the bytes start with a {name} byte-order mark but are not valid "
                                 f"{name} (at byte {exc.start + len(bom)}: {exc.reason})") from None
            if encoding != "utf-8" and not _plausible(text):
                raise InputError(f"the bytes start with a {name} byte-order mark but read as {name} they give "
                                 "mostly rare characters (binary data?); decode them yourself and pass a str")
            return text
    if _looks_like_utf16(data):
        raise InputError("the bytes look like UTF-16 without a byte-order mark (every other byte is NUL); "
                         "decode them yourself and pass a str")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as exc:
        utf8_error = exc
    text = _decode_chinese(data)
    if text is not None and _plausible(text):
        return text
    mixed = _decode_by_chunks(data)
    if mixed is not None and _plausible(mixed):
        return mixed
    where = f"not UTF-8 (invalid byte 0x{data[utf8_error.start]:02x} at offset {utf8_error.start})"
    if text is None and mixed is None:
        raise InputError(f"the bytes are {where}, nor GB18030, nor Big5; decode them yourself and pass a str")
    raise InputError(f"the bytes are {where}, and read as GB18030 or Big5 they give mostly rare characters "
                     "(binary data or mixed-up encodings?); decode them yourself and pass a str")


def _looks_like_utf16(data: bytes) -> bool:
    sample = data[:4096]
    if len(sample) < 8:
        return False
    even, odd = sample[0::2], sample[1::2]
    return max(even.count(0) / len(even), odd.count(0) / len(odd)) > 0.3


def _decode_chinese(data: bytes) -> Optional[str]:
    """The more plausible of the GB18030 and Big5 readings, or None when neither decodes."""
    candidates = []
    for encoding in _CHINESE_ENCODINGS:
        try:
            candidates.append(data.decode(encoding))
        except UnicodeDecodeError:
            continue
    if not candidates:
        return None
    if len(candidates) == 1:
        return candidates[0]
    return max(candidates, key=lambda text: _plausibility(text)[0])


def _decode_by_chunks(data: bytes) -> Optional[str]:
    """Decode each line (or tag-ended chunk) on its own, for documents that mix encodings."""
    pieces = []
    for match in _BYTE_CHUNK.finditer(data):
        chunk = match.group(0)
        if not chunk:
            continue
        try:
            pieces.append(chunk.decode("utf-8"))
            continue
        except UnicodeDecodeError:
            pass
        piece = _decode_chinese(chunk)
        if piece is None:
            return None
        pieces.append(piece)
    return "".join(pieces)


def _plausibility(text: str) -> tuple[float, int]:
    """Share of common Chinese characters (simplified or traditional) among the non-ASCII ones,
    and how many non-ASCII characters there are. Only the first 200,000 characters are counted.
    """
    from .data import common_characters

    common = common_characters()
    non_ascii = [ch for ch in text[:200_000] if not ch.isascii()]
    if not non_ascii:
        return 1.0, 0
    return sum(1 for ch in non_ascii if ch in common) / len(non_ascii), len(non_ascii)


def _plausible(text: str) -> bool:
    share, count = _plausibility(text)
    return count < _PLAUSIBILITY_MIN_CHARS or share >= MIN_PLAUSIBILITY


# --- HTML ------------------------------------------------------------------------------

# Markup is removed with bounded regexes only: no HTML/XML parser runs, so nothing is fetched
# (<img src>, <link>, <iframe>), nothing executes (<script>), and entity declarations
# (<!ENTITY ...>) are dropped as text, never expanded. Character references (&amp; &#x5F20;)
# are decoded one at a time by html.unescape, in a single pass: &amp;lt; gives "&lt;", not "<".
_LOOKS_LIKE_HTML = regex.compile(
    r"<(?:[a-zA-Z][a-zA-Z0-9]{0,15}(?:\s[^<>]{0,2000})?/?|/[a-zA-Z][a-zA-Z0-9]{0,15}\s{0,20}|!--|![A-Za-z\[]|\?[A-Za-z])>?"
)
# Elements whose content is never text, plus comments and a DOCTYPE's internal subset. Found by
# _invisible_blocks(), which searches for each kind of closer at most once past its last match, so
# thousands of unclosed <script> or <!-- cost one scan, not one scan each.
_INVISIBLE_OPENER = regex.compile(
    r"<(?P<tag>script|style|head|noscript|template|select|iframe|svg|nav|object|math)\b[^<>]{0,2000}>"
    r"|(?P<comment><!--)|(?P<subset><!DOCTYPE[^<>\[]{0,200}\[)",
    regex.IGNORECASE,
)
_COMMENT_CLOSER = regex.compile(r"-->")
_SUBSET_CLOSER = regex.compile(r"\]\s{0,20}>")
_BLOCK_TAGS = frozenset(
    "p div br li ul ol tr td th table h1 h2 h3 h4 h5 h6 section article header footer "
    "blockquote pre hr dd dt dl form center title".split()
)
# Tags, declarations (<!DOCTYPE>, <!ENTITY>, <!ELEMENT>), processing instructions (<?xml ?>),
# CDATA markers (their content is kept as text) and stray comment markers.
_TAG = re.compile(
    r"</?([a-zA-Z][a-zA-Z0-9]{0,15})\b[^<>]{0,2000}>|<![A-Za-z][^<>]{0,2000}>|<\?[^<>]{0,2000}>"
    r"|<!\[CDATA\[|\]\]>|<!--|-->",
    re.IGNORECASE,
)
_ENTITY = regex.compile(r"&(?:#[0-9]{1,7}|#[xX][0-9a-fA-F]{1,6}|[a-zA-Z][a-zA-Z0-9]{1,31});")


def looks_like_html(text: str) -> bool:
    return _LOOKS_LIKE_HTML.search(text) is not None


@lru_cache(maxsize=32)
def _closer(kind: str) -> regex.Pattern:
    if kind == "comment":
        return _COMMENT_CLOSER
    if kind == "subset":
        return _SUBSET_CLOSER
    return regex.compile(r"</" + kind + r"\s{0,20}>", regex.IGNORECASE)


def _invisible_blocks(text: str) -> Iterator[tuple[int, int, str]]:
    """Edits replacing each closed invisible block by a newline (unclosed openers are left alone)."""
    unclosed: set[str] = set()
    pos = 0
    while True:
        opener = _INVISIBLE_OPENER.search(text, pos)
        if opener is None:
            return
        kind = (opener.group("tag") or "").lower() or ("comment" if opener.group("comment") else "subset")
        closer = None if kind in unclosed else _closer(kind).search(text, opener.end())
        if closer is None:
            # Not closed anywhere after here, so not after any later opener either: never search again.
            unclosed.add(kind)
            pos = opener.end()
            continue
        yield opener.start(), closer.end(), "\n"
        pos = closer.end()


def _tag_replacement(match: re.Match) -> str:
    name = (match.group(1) or "").lower()
    return "\n" if name in _BLOCK_TAGS else ""


def strip_html(mapped: MappedText) -> MappedText:
    mapped = mapped.replace(_invisible_blocks(mapped.text))
    mapped = mapped.substitute(_TAG, _tag_replacement)
    return mapped.substitute(_ENTITY, lambda m: html.unescape(m.group(0)))


# --- scraping noise ---------------------------------------------------------------------

# Some mirrors print a traditional character followed by the pinyin of its simplified form:
# 區(qū), 發(fā), 產業(yè). A real parenthesised Latin word such as (CPU) has no tone marks and stays.
_TONE_MARKED = "āáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜ"
_PINYIN_AFTER_HANZI = regex.compile(
    r"(?<=\p{Han})[(（]([a-zü" + _TONE_MARKED + r"]{0,6}[" + _TONE_MARKED + r"][a-zü" + _TONE_MARKED + r"]{0,6})[)）]"
)
_NAV_CRUMBS = re.compile(
    r"累计次数[:：]\s*\d*|浏览次数[:：]\s*\d*|点击数[:：]\s*\d*|字体[:：]\s*\[[^\]\n]{0,20}\](?:\s*[大中小](?:\s+[大中小]){0,2})?"
    r"|【\s*(?:打印(?:本页)?|关闭(?:窗口)?|收藏|返回顶部)\s*】|\[\s*(?:打印|关闭|返回)\s*\]"
)

# --- normalisation ---------------------------------------------------------------------

# Patterns that need nothing of regex use the standard re where it scans faster (measured on
# 500 articles: the full-width, bullet, and above the crumb and tag patterns); regex keeps the others.
# A pattern that begins with a plain class is written [c][c]* rather than [c]+: re then skips the
# positions that cannot start a match in its C scan loop (three times faster: 1.9 → 0.6 ms).
_FULL_WIDTH_ALNUM = re.compile(r"[０-９Ａ-Ｚａ-ｚ％．＋－][０-９Ａ-Ｚａ-ｚ％．＋－]*")
_ASCII_COMMA_IN_HAN = regex.compile(r"(?<=\p{Han}|[”」’])[,](?!\d)")
_HORIZONTAL_SPACE = regex.compile(r"[ \t\u00a0\u3000\u2002\u2003\u2009]+")
_LINE_EDGE_SPACE = regex.compile(r"^[ ]+|[ ]+$", regex.MULTILINE)
_BULLET_CHARS = "•·●◆■▪►-*"
_BULLET_ONLY_LINE = re.compile(r"^[•·●◆■▪►\-*]+[ ]?", re.MULTILINE)
# A line that starts with a bullet character (after a newline; the text's first line is tested apart).
_BULLET_AFTER_NEWLINE = re.compile(r"\n[•·●◆■▪►\-*]")
_MANY_NEWLINES = regex.compile(r"\n{3,}")
# A surrogate pair left in a str (from a UTF-16 round trip) is joined into its character; a lone
# surrogate cannot be encoded at all and becomes U+FFFD, like any undecodable unit.
_SURROGATES = regex.compile(r"[\ud800-\udbff][\udc00-\udfff]|[\ud800-\udfff]")
_CARRIAGE_RETURN = regex.compile(r"\r\n?")
_OTHER_LINE_BREAK = regex.compile(r"[\x0b\x0c\x85\u2028\u2029]")
# C0/C1 control characters and invisible format characters (zero-width spaces and joiners, soft
# hyphens, bidirectional overrides, BOMs): deleted, so 张\u200b建华 reads 张建华.
_CONTROL = regex.compile(
    r"[\x00-\x08\x0e-\x1f\x7f-\x84\x86-\x9f\u00ad\u200b-\u200f\u202a-\u202e\u2060-\u2064\u2066-\u2069\ufeff]+"
)
_EDGE_NEWLINES = regex.compile(r"\A\n+|\n+\Z")
# Any character that one of the four patterns above would touch. Most articles have none, and one
# scan with ``re`` (about three times faster than ``regex`` on a plain class) then skips all four.
_SURROGATE_OR_CONTROL = re.compile(
    r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u00ad\u200b-\u200f\u2028-\u202e\u2060-\u2064\u2066-\u2069\ufeff\ud800-\udfff]"
)


def _join_surrogates(match: regex.Match) -> str:
    if len(match.group(0)) == 2:
        return match.group(0).encode("utf-16-le", "surrogatepass").decode("utf-16-le")
    return "\ufffd"


def _nothing(match: regex.Match) -> str:
    return ""


def _normalise_controls(mapped: MappedText) -> MappedText:
    mapped = mapped.substitute(_CARRIAGE_RETURN, lambda m: "\n")
    mapped = mapped.substitute(_OTHER_LINE_BREAK, lambda m: "\n")
    return mapped.substitute(_CONTROL, _nothing)


def _half_width(match: regex.Match) -> str:
    return "".join(chr(ord(ch) - 0xFEE0) for ch in match.group(0))


# Spaces other than U+0020 that the horizontal-space pass turns into one: among the rare
# characters, so that plain articles need no scan for them.
_UNUSUAL_SPACES = "\t\u00a0\u3000\u2002\u2003\u2009"


def _holds_any(*literals: str) -> Callable[[str, bool], bool]:
    return lambda text, rare: any(literal in text for literal in literals)


def _has_space_to_normalise(text: str, rare: bool) -> bool:
    return (" " in text and "  " in text) or (rare and any(space in text for space in _UNUSUAL_SPACES))


def _has_line_edge_space(text: str, rare: bool) -> bool:
    return " " in text and (text[0] == " " or text[-1] == " " or " \n" in text or "\n " in text)


def _has_bullet_line(text: str, rare: bool) -> bool:
    return (text != "" and text[0] in _BULLET_CHARS) or _BULLET_AFTER_NEWLINE.search(text) is not None


def _has_edge_newline(text: str, rare: bool) -> bool:
    return text[:1] == "\n" or text[-1:] == "\n"


# The passes after script conversion and the full-width pass, in order: (pattern, replacement,
# guard). A pass whose guard says False is skipped without a scan, because none of its matches
# could change the text: most articles have no tabs, bullets or runs of blank lines. A guard is
# given the text and whether clean() found a rare character in it (see _rare_character). Each
# guard is exact, not a heuristic (tests/test_cleaning.py checks that every match that changes a
# text passes the guard):
# - a horizontal-space run other than one plain space holds two spaces or an unusual space
#   (a single space is replaced by itself, which changes nothing);
# - the edge patterns need a space or newline at a line's edge or the text's.
# The crumbs have none: their pattern's own first-character scan is cheaper than any guard.
_NORMALISATION_PASSES: tuple[tuple[regex.Pattern | re.Pattern, Callable[[regex.Match], str],
                                   Optional[Callable[[str, bool], bool]]], ...] = (
    (_ASCII_COMMA_IN_HAN, lambda m: "，", _holds_any(",")),
    (_NAV_CRUMBS, _nothing, None),
    (_HORIZONTAL_SPACE, lambda m: " ", _has_space_to_normalise),
    (_LINE_EDGE_SPACE, _nothing, _has_line_edge_space),
    (_BULLET_ONLY_LINE, _nothing, _has_bullet_line),
    (_LINE_EDGE_SPACE, _nothing, _has_line_edge_space),
    (_MANY_NEWLINES, lambda m: "\n\n", _holds_any("\n\n\n")),
    (_EDGE_NEWLINES, _nothing, _has_edge_newline),
)


@lru_cache(maxsize=1)
def _t2s() -> Callable[[str], str]:
    import opencc

    return opencc.OpenCC("t2s").convert


@lru_cache(maxsize=1)
def _t2s_trigger() -> re.Pattern:
    """Any character whose presence can make t2s change a text (data/t2s_triggers.txt).

    A text with none is already simplified: nine articles in ten, and this scan costs a fifth
    of the conversion (3.9 ms per 500 articles). Characters outside the BMP are all taken,
    which keeps the class a single table lookup per character.
    """
    from .data import read_text

    codes = sorted({ord(char) for char in read_text("t2s_triggers.txt") if char <= "\uffff" and char != "\n"})
    ranges = []  # runs of consecutive code points as ranges: the class compiles in a third of the time
    for code in codes:
        if ranges and ranges[-1][1] == code - 1:
            ranges[-1][1] = code
        else:
            ranges.append([code, code])
    items = (re.escape(chr(first)) + ("-" + re.escape(chr(last)) if last > first else "") for first, last in ranges)
    return re.compile("[" + "".join(items) + "\U00010000-\U0010ffff]")


@lru_cache(maxsize=1)
def _rare_character() -> re.Pattern:
    """Any character that the control, pinyin, script or full-width steps of clean() act on: a
    control character or surrogate, a tone-marked vowel (區(qū)), a t2s trigger, a full-width
    letter or digit; and the unusual spaces of the horizontal-space pass. One scan for the five
    kinds costs what one of them costs alone."""
    kinds = (_SURROGATE_OR_CONTROL.pattern, "[" + _TONE_MARKED + "]", _t2s_trigger().pattern, "[０-９Ａ-Ｚａ-ｚ％．＋－]",
             "[" + _UNUSUAL_SPACES + "]")
    return re.compile("[" + "".join(kind[1:-1] for kind in kinds) + "]")


def clean(raw: str, *, max_chars: Optional[int] = DEFAULT_MAX_CHARS) -> MappedText:
    """Clean ``raw`` and return the clean text with its offset map.

    >>> clean("<p>區(qū)委書記張建華</p>").text
    '区委书记张建华'
    """
    if max_chars is not None and len(raw) > max_chars:
        raise InputError(f"the text has {len(raw):,} characters, more than the limit of {max_chars:,}; "
                         "raise max_chars or split the text")
    mapped = MappedText.identity(raw)
    # Most articles are plain simplified text: one scan then skips the four steps below that
    # only a rare character can set off (each would otherwise scan the text on its own).
    rare = _rare_character().search(raw) is not None
    if rare and _SURROGATE_OR_CONTROL.search(raw):
        mapped = mapped.substitute(_SURROGATES, _join_surrogates)
        mapped = _normalise_controls(mapped)
    if looks_like_html(mapped.text):
        mapped = strip_html(mapped)
        mapped = _normalise_controls(mapped)  # character references may have produced some
        rare = True  # the markup's character references may have written any character: run every step
    if rare:
        if "(" in mapped.text or "（" in mapped.text:
            mapped = mapped.substitute(_PINYIN_AFTER_HANZI, _nothing)
        if _t2s_trigger().search(mapped.text):
            mapped = mapped.translate_same_length(_t2s())
        mapped = mapped.substitute(_FULL_WIDTH_ALNUM, _half_width)
    for pattern, replace, may_change in _NORMALISATION_PASSES:
        if may_change is None or may_change(mapped.text, rare):
            mapped = mapped.substitute(pattern, replace)
    return mapped
