"""Position titles: find them in text, then parse one into jurisdiction, organ and position.

The grammar of a title is ``[jurisdiction][organ][rank][position]``::

    南通市 委 书记            → jurisdiction 南通市, organ 市委, position 书记
    北京市 环境保护局大气环境管理处 处长
    青海省 原副 省长          → position 副省长 (原 is a status word: kept in the text only)
    国防 部长                 → organ 国防部, position 部长 (the organ's last character is shared)

Titles come in chains joined by 、，, or 兼 (``市委常委、区委书记``); :func:`find_titles`
returns each title with its span and the index of the chain it belongs to.

Finding and parsing are kept apart (the dateparser way): :func:`find_titles` locates a
position word and reads leftwards over organ and place words until a stop word or a
character that is not Chinese; :func:`parse_title` splits one title string into its
parts. The word lists are data files (``title_*.txt``), loaded on first use.

>>> parse_title("南通市委书记")
TitleParts(jurisdiction='南通市', organ='市委', position='书记')
>>> parse_title("区委副书记")
TitleParts(jurisdiction=None, organ='区委', position='副书记')
>>> [t.text for t in find_titles("市委常委、区委书记张建华出席会议")]
['市委常委', '区委书记']
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from typing import NamedTuple, Optional

import regex

from .data import read_lines, read_sections
from .names import is_common_word, is_han, is_place_word, word_frequency, word_tags
from .wordtrie import trie_pattern, word_matcher

MAX_TITLE_PREFIX = 24
MAX_BRAND_RUN = 8
"""Longest run of Latin letters or digits read inside a title (台北101董事长)."""
"""How far left of a position word a title may reach (characters)."""

CHAIN_SEPARATORS = frozenset("、，,兼")
PARTY_PREFIXES = ("中共",)
# characters that, right after a position word, show it was part of an organ (常委|会, 董事|会, 代表|团)
ORGAN_CONTINUATIONS = frozenset("会委部局处厅办组团")
WELL_KNOWN_PLACE_FREQ = 500
"""jieba dictionary frequency above which a place word (长江 18,930) outweighs a name."""

# Positions whose first character is also the last character of the organ or place
# they belong to, written once: 国防部长 = 国防部 + 部长, 石家庄市长 = 石家庄(市) + 市长.
PLACE_HEAD_POSITIONS = frozenset("省市区县州盟旗镇乡村")
PLACE_HEAD_RE = re.compile("[" + "".join(sorted(PLACE_HEAD_POSITIONS)) + "]")   # the same, searched in C
# 与/和 may stand inside one organ's name (数学与系统科学研究院, 发展和改革委员会)
ORGAN_JOINERS = frozenset("与和")
WEAK_ORGAN_ENDS = frozenset("大会组队团社行馆校")
# one-character organ endings: a common word before one is an organ's name (卫生|部, 教育|局)
ORGAN_HEAD_ENDS = frozenset("部局厅委办处司署")
# last characters of person nouns (宣讲人, 记者, 队员) read in front of a place unit
PERSON_NOUN_ENDS = frozenset("人者员")
# Two-character leftovers that name no place: 社区 党委 is an organ, not a jurisdiction.
GENERIC_PLACE_HEADS = frozenset("社地新市城全本该各我郊景园辖矿山牧林农镇乡村区县省")


@dataclass(frozen=True)
class TitleParts:
    jurisdiction: Optional[str]
    organ: Optional[str]
    position: str


class TitleMatch(NamedTuple):
    """A title found in text: ``text[start:end]``, its parts, and its chain index (a named
    tuple: made for every title found, it is built ~2× faster than a frozen dataclass)."""

    text: str
    start: int
    end: int
    parts: TitleParts
    chain: int


@dataclass(frozen=True)
class TitleLexicon:
    positions: frozenset[str]
    needs_organ: frozenset[str]
    ranks: tuple[str, ...]
    statuses: tuple[str, ...]
    organs: frozenset[str]
    organ_suffixes: tuple[str, ...]
    place_names: frozenset[str]
    place_suffixes: tuple[str, ...]
    stops: frozenset[str]
    weak_stops: frozenset[str]
    stop_sizes: dict
    """last character → lengths (2 to 4) of the stop words ending in it"""
    position_sizes: dict
    """last character → lengths (2 to 5) of the position words ending in it"""
    organs_or_places: frozenset[str]
    walk_marks: frozenset[str]
    """characters at which the left walk has something to check (the end of a known word, a stop …)"""
    position_re: re.Pattern
    position_matcher: object
    """``position_re``'s scan as an automaton (wordtrie.word_matcher): find_titles' pass over the text"""
    whole_words: dict
    """last character → lengths (longest first) of the organ and place words ending in it"""
    whole_word_ends: dict
    """last two characters → lengths (longest first) of the organ and place words ending in them"""
    ranks_by_last: dict
    """last character → the rank words ending in it, in the order of ``ranks`` (longest first)"""
    statuses_by_last: dict
    """last character → the status words ending in it, in the order of ``statuses``"""
    longest_position: int
    place_suffix_firsts: frozenset[str]
    place_name_sizes: dict
    """first character → lengths of the place names starting with it"""
    place_prefix_re: regex.Pattern
    max_word: int


@lru_cache(maxsize=1)
def lexicon() -> TitleLexicon:
    positions: set[str] = set()
    needs_organ: set[str] = set()
    for line in read_lines("title_positions.txt"):
        word, *flags = line.split()
        positions.add(word)
        if "!organ" in flags:
            needs_organ.add(word)
    ranks = read_sections("title_ranks.txt")
    organs = read_sections("title_organs.txt")
    places = read_sections("title_jurisdictions.txt")
    # foreign countries, regions and cities are jurisdictions too (罗马尼亚参议长)
    foreign = [name for words in read_sections("foreign_places.txt").values() for line in words
               for name in line.split("|") if len(name) >= 2]
    stop_sections = read_sections("title_stops.txt")
    stops = frozenset(stop_sections[""] + stop_sections["weak"])
    place_suffixes = tuple(sorted(places["suffix"], key=len, reverse=True))
    place_names = frozenset([*places["name"], *foreign])
    # as tries: the same matches, tried in the same order (longest first), as the alternations
    # of the words longest first, ~1.5× faster
    names_alt = trie_pattern(place_names)
    suffix_alt = trie_pattern(place_suffixes)
    whole_words = _sizes_by_end([*organs["known"], *place_names], 1)
    rank_words = tuple(sorted(ranks["rank"], key=len, reverse=True))
    status_words = tuple(sorted(ranks["status"], key=len, reverse=True))
    place_name_sizes: dict[str, set[int]] = {}
    for name in place_names:
        place_name_sizes.setdefault(name[0], set()).add(len(name))
    # one or more place units at the start of a title: 北京市, 浙江寿昌镇, 内江市东兴区椑木镇
    place_prefix_re = regex.compile(rf"^(?:\p{{Han}}{{1,6}}?(?:{suffix_alt})|{names_alt})+")
    return TitleLexicon(
        positions=frozenset(positions),
        needs_organ=frozenset(needs_organ),
        ranks=rank_words,
        statuses=status_words,
        organs=frozenset(organs["known"]),
        organ_suffixes=tuple(sorted(organs["suffix"], key=len, reverse=True)),
        place_names=place_names,
        place_suffixes=place_suffixes,
        stops=stops,
        weak_stops=frozenset(stop_sections["weak"]),
        stop_sizes=_sizes_by_end((w for w in stops if len(w) <= 4), 1),
        position_sizes=_sizes_by_end((w for w in positions if len(w) <= 5), 1),
        organs_or_places=frozenset([*organs["known"], *place_names]),
        walk_marks=frozenset([*whole_words, *(w[-1] for w in stops if len(w) <= 4), *ORGAN_JOINERS]),
        # a plain word list: the standard library's re scans it ~3× faster than regex
        position_re=re.compile(trie_pattern(positions)),
        position_matcher=word_matcher(positions),
        place_prefix_re=place_prefix_re,
        whole_words=whole_words,
        whole_word_ends=_sizes_by_end([*organs["known"], *place_names], 2),
        ranks_by_last=_words_by_last_char(rank_words),
        statuses_by_last=_words_by_last_char(status_words),
        longest_position=max(len(p) for p in positions),
        place_suffix_firsts=frozenset(suffix[0] for suffix in place_suffixes),
        place_name_sizes={ch: tuple(sorted(sizes)) for ch, sizes in place_name_sizes.items()},
        max_word=max(len(w) for w in (*organs["known"], *place_names, *stops)),
    )


def _sizes_by_end(words, chars: int) -> dict[str, tuple[int, ...]]:
    """Last ``chars`` characters → lengths (longest first) of the words of two or more
    characters ending in them."""
    index: dict[str, set[int]] = {}
    for word in words:
        if len(word) >= 2:
            index.setdefault(word[-chars:], set()).add(len(word))
    return {end: tuple(sorted(sizes, reverse=True)) for end, sizes in index.items()}


def _words_by_last_char(words: tuple[str, ...]) -> dict[str, tuple[str, ...]]:
    """Last character → the words ending in it, in the order of ``words``."""
    index: dict[str, list[str]] = {}
    for word in words:
        index.setdefault(word[-1], []).append(word)
    return {ch: tuple(ending) for ch, ending in index.items()}


def _ending_word(head: str, words_by_last: dict[str, tuple[str, ...]]) -> str:
    """The first word (in the lexicon's order, longest first) that ``head`` ends with, or ""."""
    for word in words_by_last.get(head[-1], ()):
        if head.endswith(word):
            return word
    return ""


def _strip_ranks(head: str, lex: TitleLexicon) -> tuple[str, str, str]:
    """Split ``head`` (all that precedes the position word) into (organ part, ranks, statuses)."""
    ranks = statuses = ""
    if not head.endswith(lex.ranks) and not head.endswith(lex.statuses):
        return head, ranks, statuses                # most heads: one C call each instead of a loop
    while head:
        word = _ending_word(head, lex.ranks_by_last)
        if word:
            ranks = word + ranks
        else:
            word = _ending_word(head, lex.statuses_by_last)
            if not word:
                break
            statuses = word + statuses
        head = head[: -len(word)]
    return head, ranks, statuses


def _may_start_with_place(head: str, lex: TitleLexicon) -> bool:
    """False when ``lex.place_prefix_re`` surely finds nothing at the start of ``head``: its first
    unit is a known place name there, or one to six characters and a suffix starting at 1 to 6."""
    if not lex.place_suffix_firsts.isdisjoint(head[1:7]):
        return True
    return any(head[:size] in lex.place_names for size in lex.place_name_sizes.get(head[:1], ()))


def _leading_place(head: str, lex: TitleLexicon) -> str:
    if not _may_start_with_place(head, lex):
        return ""
    match = lex.place_prefix_re.match(head)
    if not match:
        return ""
    place = match.group(0)
    if _starts_organ(head, 0, len(head), lex) or (place not in lex.place_names
                                                  and any(ch in ORGAN_HEAD_ENDS for ch in place[:-1])):
        return ""                                   # 住房和城乡|建设部, 卫生部农村: an organ, no place
    # a lone generic unit (社区, 新区, 市区) names no place; shrink to the named units
    if len(place) == 2 and place not in lex.place_names and place[0] in GENERIC_PLACE_HEADS:
        return ""
    if place == head and head[-1] in "委":
        return ""
    return place


@lru_cache(maxsize=8192)
def parse_title(title: str) -> TitleParts:
    """Split one title, as written, into jurisdiction, organ and position.

    >>> parse_title("北京市环境保护局大气环境管理处处长")
    TitleParts(jurisdiction='北京市', organ='环境保护局大气环境管理处', position='处长')
    >>> parse_title("国防部长")
    TitleParts(jurisdiction=None, organ='国防部', position='部长')
    >>> parse_title("石家庄原市长")
    TitleParts(jurisdiction='石家庄', organ=None, position='市长')
    >>> parse_title("常务副市长")
    TitleParts(jurisdiction=None, organ=None, position='常务副市长')
    """
    lex = lexicon()
    # the longest position word the title ends with
    at = next((i for i in range(max(0, len(title) - lex.longest_position), len(title)) if title[i:] in lex.positions),
              None)
    if at is None:
        return TitleParts(None, None, title)
    position = title[at:]
    head, ranks, _status = _strip_ranks(title[:at], lex)
    if head.startswith(lex.statuses):
        for word in lex.statuses:                   # 原县委书记: a status word before the organ
            if head.startswith(word):
                head = head[len(word):]
                break
    party = next((p for p in PARTY_PREFIXES if head.startswith(p) and len(head) > len(p)), "") \
        if head.startswith(PARTY_PREFIXES) else ""
    jurisdiction = _leading_place(head[len(party):], lex)   # 中共|上海市|委
    organ = head[len(party) + len(jurisdiction):]
    if jurisdiction and organ.startswith("委"):
        organ = jurisdiction[-1] + organ            # 南通市委 → 南通市 + 市委
    elif jurisdiction and len(organ) >= 2 and organ[0] in PLACE_HEAD_POSITIONS and organ[1] == "委" \
            and not jurisdiction.endswith(organ[0]):
        jurisdiction += organ[0]                    # 江西赣州|市委 → 江西赣州市 + 市委
    if not jurisdiction and party:
        organ = head
    for word in lex.statuses:                       # 县公安局原党委 → 县公安局党委
        cut = organ.rfind(word)
        if cut > 0 and _ends_like_organ(organ[:cut], lex):
            organ = organ[:cut] + organ[cut + len(word):]
            break
    if organ and position[0] in PLACE_HEAD_POSITIONS and len(position) == 2 \
            and not _ends_like_organ(organ, lex):
        jurisdiction, organ = jurisdiction + organ, ""   # 石家庄市长 → 石家庄 + 市长
    elif organ and len(position) == 2 and position[1] == "长" and position[0] not in PLACE_HEAD_POSITIONS \
            and not organ.endswith(position[0]) and position[0] in lex.organ_suffixes:
        organ += position[0]                        # 国防部长 → 国防部 + 部长
    return TitleParts(jurisdiction or None, organ or None, ranks + position)


def _ends_like_organ(organ: str, lex: TitleLexicon) -> bool:
    if organ.endswith(lex.organ_suffixes):
        return True
    return any(organ[-size:] in lex.organs for size in lex.whole_words.get(organ[-1:], ()))


def _organ_ok(organ: Optional[str], lex: TitleLexicon) -> bool:
    if not organ or organ in lex.organs or (len(organ) == 1 and organ in PLACE_HEAD_POSITIONS):
        return True
    if organ.startswith(("驻", "常驻")) and len(organ) >= 2:  # 中国驻老挝大使, 英国驻华大使
        return True
    if organ[-1].isascii() and organ[-1].isalnum() and is_han(organ[0]):
        return True                                 # 台北101: a brand name
    return _ends_like_organ(organ, lex)


def _one_char_place(text: str, j: int, start: int, lex: TitleLexicon) -> bool:
    """Whether the stop character before ``j`` is inside a place name (都|安县, 同|心县, 成都|市委)."""
    if j + 1 < start and text[j] in PLACE_HEAD_POSITIONS and text[j + 1] == "委":
        return True                                 # 成都|市委
    return (len(text) > j + 1 and is_han(text[j]) and text[j + 1] in PLACE_HEAD_POSITIONS
            and text[j:j + 2] not in lex.place_names)


def _starts_organ(text: str, start: int, end: int, lex: TitleLexicon) -> bool:
    return any(text[start:start + size] in lex.organs for size in range(3, min(lex.max_word, end - start) + 1))


def _known_place_after_words(text: str, start: int, end: int, lex: TitleLexicon) -> Optional[int]:
    """Where a known place name (中国, 罗马尼亚) starts when only common two-character
    words stand between ``start`` and it (四点|期待|中国外交部副部长), or None."""
    at = start
    while at + 2 < end and at - start <= 6 and is_common_word(text[at:at + 2]):
        at += 2
        if any(text[at:at + size] in lex.place_names for size in range(2, min(lex.max_word, end - at) + 1)):
            return at
    return None


def _trim_leading_words(text: str, start: int, position_start: int, lex: TitleLexicon) -> int:
    """Drop common words read in front of a place (立刻指派|揭阳市委常委, 群众举报|乐平市…)."""
    while position_start - start > 3:
        word = text[start:start + 2]
        if word in lex.organs or word in lex.place_names or not is_common_word(word):
            break
        if text[start + 2] in ORGAN_HEAD_ENDS or _starts_organ(text, start, position_start, lex):
            break                                   # 卫生|部, 住房和城乡建设部: the word opens an organ
        if not lex.place_prefix_re.match(text[start + 2:position_start]):
            # 有|四点期待|中国外交部副部长: common words, then a known place
            at = _known_place_after_words(text, start, position_start, lex)
            if at is not None:
                start = at
            break
        start += 2
    # 宣讲人|镇党委书记: a person noun's last character is no one-character place name
    if position_start - start > 2 and text[start] in PERSON_NOUN_ENDS and text[start + 1] in PLACE_HEAD_POSITIONS \
            and text[start:start + 2] not in lex.place_names:
        start += 1
    return start


@lru_cache(maxsize=8192)  # _trim_leading_words reads nothing outside the head: a pure function of it
def _leading_words(head: str) -> int:
    """How many first characters of ``head`` (what a title reads before its position word) are
    common words, no part of the title."""
    return _trim_leading_words(head, 0, len(head), lexicon())


def _strong_organ_end(words: str, lex: TitleLexicon) -> bool:
    """Whether ``words`` ends in an organ, not counting one-character endings that also
    end common words (大, 会, 组 …)."""
    if not words or words[-1] in WEAK_ORGAN_ENDS:
        return False
    return _ends_like_organ(words, lex)


def _join_across(text: str, j: int, start: int, limit: int, lex: TitleLexicon) -> Optional[int]:
    """Where the organ goes on left of the 与/和 at ``j - 1``, when that joiner stands inside
    one organ's name (中国科学院|数学与系统科学研究院), or None.

    The part right of the joiner must end like an organ, the words left of it must not
    (北京大学与清华大学 joins two organs) and must follow an organ (中国科学院|数学).
    """
    if not _strong_organ_end(_strip_ranks(text[j:start], lex)[0], lex):
        return None
    joiner = j - 1
    for size in range(2, 7):
        at = joiner - size
        if at < limit or not is_han(text[at]) or text[at] in lex.stops:
            return None
        piece = text[at:joiner]
        if _strong_organ_end(piece, lex) or lex.position_re.search(piece):
            continue
        if any(m.end() > at for m in lex.position_re.finditer(text, max(0, at - 4), joiner)):
            continue                                # 局长|刘键和局纪委: a title ends there, then a name
        if _strong_organ_end(text[max(0, at - 12):at], lex):
            return at
    return None


def _name_over_joiner(text: str, at: int, end: int) -> bool:
    """Whether a dictionary word tagged as an organization or place name (协和医院, 共和党,
    共和国) starts at ``at``, one character before a 与/和, and ends by ``end``: the joiner is
    inside that name, not between two (习近平和国务院总理)."""
    tags = word_tags()
    return any(tags.get(text[at:at + size], "")[:2] in ("nt", "ns") for size in range(3, min(7, end - at + 1)))


def _brand_start(text: str, j: int, start: int, limit: int, lex: TitleLexicon) -> Optional[int]:
    """Start of a run of Latin letters or digits right before the position word at ``j``
    that ends an enterprise's name (台北101董事长, TCL董事长), or None. Chinese must come
    before the run (3月市长 is a date: 月 follows the run, so no run ends at a position)."""
    if j != start:
        return None
    i = j
    while i > limit and j - i < MAX_BRAND_RUN and text[i - 1].isascii() and text[i - 1].isalnum():
        i -= 1
    if i == j or i == 0 or not is_han(text[i - 1]) or text[i - 1] in lex.stops:
        return None
    return i


def _ends_in_position(text: str, j: int, lex: TitleLexicon) -> bool:
    """Whether a position word of two to five characters ends right before ``text[j]``."""
    for size in lex.position_sizes.get(text[j - 1:j], ()):
        if size <= j and text[j - size:j] in lex.positions:
            return True
    return False


def _stop_word_ends(text: str, j: int, lex: TitleLexicon) -> bool:
    """Whether a stop word of two to four characters ends right before ``text[j]``."""
    for size in lex.stop_sizes.get(text[j - 1], ()):
        if size <= j and text[j - size:j] in lex.stops:
            return True
    return False


def _scan_left(text: str, start: int, lex: TitleLexicon, floor: int = 0) -> int:
    """Where a title whose position word starts at ``start`` begins; ``floor`` if it would
    begin before ``floor`` (the walk stops there: a run of position words costs no more
    than one step each)."""
    j = start
    limit = max(0, start - MAX_TITLE_PREFIX)
    bottom = max(limit, floor)
    marks, word_ends, stop_sizes, organs_or_places, stops = lex.walk_marks, lex.whole_word_ends, lex.stop_sizes, \
        lex.organs_or_places, lex.stops
    while j > bottom:
        ch = text[j - 1]
        if ch not in marks:                         # no known word ends here and it stops nothing
            if "\u4e00" <= ch <= "\u9fff" or is_han(ch):
                j -= 1                              # a Chinese character: the walk goes on
                continue
            # not Chinese, and no organ or place word ends in it (their last characters are marks)
            brand = _brand_start(text, j, start, limit, lex) if j == start else None
            if brand is None:
                break
            j = brand                               # 前台北|101|董事长: a brand name with digits
            continue
        sizes = word_ends.get(text[j - 2:j]) if j >= 2 else None
        if sizes:                                   # the longest organ or place word ending here
            room = j - limit
            piece = ""
            for size in sizes:
                if size <= room and text[j - size:j] in organs_or_places:
                    piece = text[j - size:j]
                    break
            if piece:
                j -= len(piece)
                if piece in lex.organs and piece[-1] != "会" and _ends_in_position(text, j, lex):
                    break                           # 习近平特别代表|国务院副总理 (not 地方代表|理事会)
                continue
        if not ("\u4e00" <= ch <= "\u9fff" or is_han(ch)):
            brand = _brand_start(text, j, start, limit, lex) if j == start else None
            if brand is None:
                break
            j = brand                               # 前台北|101|董事长: a brand name with digits
            continue
        if ch in stop_sizes and _stop_word_ends(text, j, lex) and text[j - 2:j + 1] not in lex.organ_suffixes:
            break                                   # (not 残疾人|联合|会: the stop word opens an organ's ending)
        if ch in ORGAN_JOINERS:
            joined = _join_across(text, j, start, limit, lex)
            if joined is not None:
                j = joined                          # 中国科学院数学|与|系统科学研究院研究员
                continue
            if j >= 2 and _name_over_joiner(text, j - 2, start):
                j -= 2                              # 北京协和医院|院长: 和 is inside a name
                continue
        if ch in stops and not (ch in lex.weak_stops and _one_char_place(text, j, start, lex)):
            break
        j -= 1
    return max(j, floor)


@lru_cache(maxsize=8192)  # one string argument: the cache keys on it directly, with no tuple to build
def _runs_on(word_and_next: str) -> tuple[bool, bool]:
    """Whether a position word and the character after it (``word_and_next``) make a common
    word (主席|国, 书记|员), and whether its last character and the next make a well-known
    place (市长|江, 处长|江)."""
    word, next_char = word_and_next[:-1], word_and_next[-1]
    place = word[-1] + next_char
    # a well-known place only: 长孙, 长白 are also where a name starts (部长孙金龙)
    return is_common_word(word_and_next), is_place_word(place) and word_frequency(place) >= WELL_KNOWN_PLACE_FREQ


@lru_cache(maxsize=8192)  # a pure function of the title read; the same titles recur across articles
def _sound_title(title: str, head: int) -> tuple[int, TitleParts]:
    """How many first characters of ``title`` to drop so that its organ ends like an organ
    (习近平总书记 is a name, then the title 总书记), and the parts of what is left;
    ``head`` characters precede the position word."""
    lex = lexicon()
    skip = 0
    while True:
        parts = parse_title(title[skip:])
        if skip >= head or _organ_ok(parts.organ, lex):
            return skip, parts
        skip += 1


@lru_cache(maxsize=8192)  # a pure function of what the walk read: one lookup per title instead of two
def _title_read(title: str, head: int) -> tuple[int, TitleParts]:
    """How many first characters of ``title`` (the walk's reading: ``head`` characters, then the
    position word) are no part of the title — common words in front (:func:`_leading_words`), then
    what leaves an organ that ends like one (:func:`_sound_title`) — and the parts of the rest."""
    words = _leading_words(title[:head]) if head > 2 else 0    # two characters hold no word to trim
    skip, parts = _sound_title(title[words:], head - words)
    return words + skip, parts


def _inside_this_title(text: str, previous_end: int, begin: int) -> bool:
    """Whether the position word found last, ending at ``previous_end``, may be part of the organ
    or place of the title whose position word starts at ``begin`` (常委|会委员长, 董事|会执行总裁,
    江阴市长|泾镇党委书记)."""
    return text[previous_end:previous_end + 1] in ORGAN_CONTINUATIONS \
        or PLACE_HEAD_RE.search(text, previous_end, begin) is not None


def find_titles(text: str, start: int = 0, end: Optional[int] = None) -> list[TitleMatch]:
    """Every title in ``text[start:end]`` whose position word is in the lexicon.

    A title is kept whatever follows it; whether a name follows is the caller's business
    (``officials`` keeps only titles written with a person).
    """
    lex = lexicon()
    needs_organ = lex.needs_organ
    end = len(text) if end is None else end
    found: list[TitleMatch] = []
    chain = -1
    last_end = -2
    previous_end = 0                                # where the last title found ends (0: none yet)
    scanned = text if start == 0 and end == len(text) else text[start:end]
    for _index, begin, stop in lex.position_matcher.find_matches_as_indexes(scanned):
        begin += start
        stop += start
        word = text[begin:stop]
        if word[-1] == "长" and text.startswith("官", stop) and not is_common_word(text[stop:stop + 2]):
            begin, stop, word = stop - 1, stop + 1, "长官"   # 香港特别行政区|长官: not 区长 (but 市长|官邸)
        makes_word, runs_into_place = _runs_on(text[begin:stop + 1]) if stop < len(text) else (False, False)
        if makes_word:
            continue                                # 主席|国, 成员|国, 代表|团: the position is part of a word
        # the walk never reads more than MAX_TITLE_PREFIX characters: farther titles play no part
        merges = previous_end > begin - MAX_TITLE_PREFIX and bool(found) \
            and _inside_this_title(text, previous_end, begin)
        # 副校长|拜秀花代表: a title never reaches over the previous one, unless that one merges into it
        title_start = _scan_left(text, begin, lex, 0 if merges else previous_end)
        if merges and title_start < previous_end:
            dropped = found.pop()
            title_start = min(title_start, dropped.start)
            last_end = found[-1].end if found else -2
            chain = found[-1].chain if found else -1
            previous_end = found[-1].end if found else 0
        skip, parts = _title_read(text[title_start:stop], begin - title_start)
        title_start += skip
        title = text[title_start:stop]
        if parts.jurisdiction and len(parts.jurisdiction) == 1:
            continue                                # 池|州长|江大桥 is no title
        if runs_into_place:
            continue                                # 四川省|长江, 江阴市|长泾镇: a place, no title
        if word in needs_organ and not (parts.organ or parts.jurisdiction):
            continue
        linked = (last_end >= 0 and title_start == last_end + 1 and text[last_end] in CHAIN_SEPARATORS)
        if not linked:
            chain += 1
        found.append(TitleMatch(title, title_start, stop, parts, chain))
        last_end = previous_end = stop
    return found
