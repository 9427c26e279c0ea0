"""Chinese personal names: where one starts and where it ends.

A name is a surname (single or compound, ``surnames.txt``) and a given name of one or
two characters; minority and foreign names may join parts with a middle dot
(买买提·艾力). Where a name ends is decided by what follows it: a role verb (出席,
主持, 强调 …), 同志, 等, punctuation, a date … (``name_followers.txt``,
``role_verbs.txt``). ``党组书记江成与会`` reads 江成 because 与 may follow a name and
成与 may not end one.

>>> read_name("张建华出席会议", 0)
3
>>> read_name("江成与会", 0)
2
>>> read_name("强调，要", 0) is None
True
"""
from __future__ import annotations

import re
from functools import lru_cache
from typing import Callable, Iterable, Optional

import regex

from .data import read_sections

HAN_RE = regex.compile(r"\p{Han}")
PUNCT_OR_END_RE = regex.compile(r"[\p{P}\s0-9０-９A-Za-z]|$")
DOTTED_JOINERS = "·•‧・-－"
DOTTED_JOINER_SET = frozenset(DOTTED_JOINERS)
DOTTED_INNER = "都"
"""A character that follows names but also stands inside Uyghur names (阿不都热西提)."""
DOTTED_JOINER_RE = regex.compile(r"[·•‧・\-－]")
# whether a dotted joiner stands in text[start:end]: find_dotted_joiner(text, start, end), a search in C
# (3× faster than a frozenset's isdisjoint on the slice, which makes a string of each character)
find_dotted_joiner = re.compile(DOTTED_JOINER_RE.pattern).search
# Chinese characters and dotted joiners only (买买提·艾力)
HAN_OR_JOINERS_RE = regex.compile(r"[\p{Han}·•‧・\-－]+")
DOTTED_NAME_RE = regex.compile(r"\p{Han}{1,6}(?:[·•‧・\-－]\p{Han}{1,10}){1,3}")
# characters that never stand inside a personal name written in news
NOT_IN_NAME = frozenset("的了在是和与及等说也都就还将被把对向从于因已作县省某×ＸX该此各我你他她它们由后着")
# a name never ends in a place or organ suffix (江阴市长泾镇 gives no person 泾镇)
NOT_NAME_END = frozenset("镇乡村县区市省州局厅部委办处科院所站队组会司署桥路街人")
# a title never runs on into a name starting with an organ character (常委|会通过, 代表|团展示)
PLACE_SUFFIX_CHARS = frozenset("乡镇村县市区省州旗")
MINORITY_AUTONOMY = "族自治"
COMMON_WORD_FREQ = 20
# jieba tags of words that are never names: verbs, adjectives, adverbs, conjunctions …
FUNCTION_TAGS = frozenset("vadcpuyeoq")
NUMERALS = frozenset("一二三四五六七八九十两几")
# a day of the month in Chinese numerals (十七日, 二十号)
CHINESE_DAY_RE = regex.compile(r"[一二三四五六七八九十]{1,3}[日号]")
# function characters that still stand in the middle of some given names (蒋作君, 傅作义)
MIDDLE_NAME_CHARS = frozenset("作")
# function characters that still end some three-character names (魏凤和)
LAST_CHAR_ALLOWED = frozenset("和")
NOT_NAME_START = frozenset("会委团部局处科组队院所办厅室站社行")
# characters of transliterated foreign names (理查森, 施密特): a name of these needs no surname
TRANSLIT = frozenset(
    "阿艾安奥巴拜班邦保贝本比彼毕宾波伯布查达戴道德迪蒂丁杜顿多厄恩尔法菲费芬丰弗福盖甘"
    "戈格古哈海汉豪赫亨胡华霍基吉加杰金卡凯坎康柯科克肯库拉莱兰朗劳勒雷里利莉林琳卢鲁伦"
    "罗洛马玛迈麦曼梅蒙米密敏摩莫姆穆纳娜奈内尼涅努诺欧帕佩皮普奇齐乔琴萨塞森沙尚舍什施"
    "史斯苏索塔泰坦汤特图托瓦万威韦维沃乌西希谢休雅亚扬耶伊英尤约泽扎詹佐宁别先科夫罕铁默")


# a pure function of the character: the hot paths test the CJK block first and ask this for the rest
# (，、。“ …, thousands of times per 500 texts): a C-level cache hit instead of a Python frame and a regex
@lru_cache(maxsize=1 << 13)
def is_han(ch: str) -> bool:
    """Whether the character ``ch`` is Chinese (``\\p{Han}``).

    >>> is_han("张"), is_han("，"), is_han("〇")
    (True, False, True)
    """
    # the CJK Unified Ideographs block first: two comparisons instead of a regex call
    return "\u4e00" <= ch <= "\u9fff" or HAN_RE.match(ch) is not None


def _words(name: str) -> list[str]:
    return [word for section, words in read_sections(name).items() if not section.startswith("things")
            for word in words]


@lru_cache(maxsize=1)
def surnames() -> tuple[frozenset[str], frozenset[str]]:
    """(single-character surnames, compound surnames)."""
    sections = read_sections("surnames.txt")
    compound = frozenset(sections.pop("compound", []))
    single = frozenset(word for words in sections.values() for word in words)
    return single, compound


@lru_cache(maxsize=1)
def compound_surname_firsts() -> frozenset[str]:
    """The first characters of the compound surnames (欧阳 → 欧)."""
    return frozenset(surname[0] for surname in surnames()[1])


@lru_cache(maxsize=1)
def role_verbs() -> tuple[tuple[str, ...], frozenset[str]]:
    """(all role verbs, the speech verbs among them)."""
    sections = read_sections("role_verbs.txt")
    verbs = tuple(word for words in sections.values() for word in words)
    return verbs, frozenset(sections.get("speech", []))


@lru_cache(maxsize=1)
def followers() -> tuple[frozenset[str], int]:
    words = set(_words("name_followers.txt"))
    words.update(role_verbs()[0])
    return frozenset(words), max(len(w) for w in words)


@lru_cache(maxsize=1)
def confirming_followers() -> tuple[str, ...]:
    """Words after a name that, when the model agrees, make it a person (role verbs too)."""
    words = read_sections("name_followers.txt").get("confirming", [])
    return tuple(dict.fromkeys([*role_verbs()[0], *words]))


@lru_cache(maxsize=1)
def things_after_deng() -> frozenset[str]:
    """Characters after 等 that show the list before it is of places or things."""
    return frozenset(read_sections("name_followers.txt").get("things after 等", []))


@lru_cache(maxsize=1)
def _follower_index() -> dict[str, tuple[int, ...]]:
    """First character of each follower → the lengths of the followers it starts, longest first."""
    index: dict[str, set[int]] = {}
    for word in followers()[0]:
        index.setdefault(word[0], set()).add(len(word))
    return {ch: tuple(sorted(sizes, reverse=True)) for ch, sizes in index.items()}


@lru_cache(maxsize=1)
def word_tags() -> dict[str, str]:
    """jieba's part-of-speech tag for each word of its dictionary (loaded once, lazily, without starting jieba)."""
    from .jieba_tables import word_tags as jieba_word_tags

    return jieba_word_tags()


@lru_cache(maxsize=1)
def _positions() -> frozenset[str]:
    from .titles import lexicon

    return frozenset(p for p in lexicon().positions if len(p) >= 2)


def follows_name(text: str, i: int) -> bool:
    """Whether a name may end right before ``text[i]``."""
    if i >= len(text):
        return True
    ch = text[i]
    if not ("\u4e00" <= ch <= "\u9fff" or is_han(ch)):   # the CJK block first: asked very often
        return True
    if ch in NUMERALS and CHINESE_DAY_RE.match(text, i):
        return True                                     # 温家宝|十七日
    sizes = _follower_index().get(ch)
    if sizes:
        words = followers()[0]
        for size in sizes:
            if text[i:i + size] in words:
                return True
    return False


def is_common_word(word: str) -> bool:
    """A dictionary word that is no name (强调, 经济, 任期): tagged neither nr, ns nor nz by
    jieba, and seen at least :data:`COMMON_WORD_FREQ` times in its dictionary."""
    tag = word_tags().get(word)
    if tag is None or tag.startswith(("nr", "ns", "nz")):
        return False
    return _frequencies().get(word, 0) >= COMMON_WORD_FREQ


def _is_verb(word: str) -> bool:
    """A common verb (候选|人哈桑): no name starts with one."""
    return is_common_word(word) and word_tags().get(word, "").startswith("v")


def is_place_word(word: str) -> bool:
    """A dictionary word that jieba tags as a place (长江, 长沙)."""
    tag = word_tags().get(word)
    return tag is not None and tag.startswith("ns")


def word_frequency(word: str) -> int:
    return _frequencies().get(word, 0) or 0


@lru_cache(maxsize=1)
def _frequencies() -> dict[str, int]:
    from .jieba_tables import word_frequencies

    return word_frequencies()


@lru_cache(maxsize=1 << 16)  # a pure function of the name; the same candidates recur within and across articles
def plausible_name(name: str) -> bool:
    if len(name) < 2 or name[-1] in NOT_NAME_END:
        return False
    inner = name[1:-1] if len(name) == 3 and name[-1] in LAST_CHAR_ALLOWED else name[1:]
    if not NOT_IN_NAME.isdisjoint(inner) and not _middle_name_char(name):
        return False                                    # 魏凤和 may end in 和; 江成与 may not
    if name[0] in NOT_IN_NAME and name[0] not in surnames()[0]:
        return False
    if (name[0] in "小老" or name[1] == "总") and len(name) == 2:
        return False                                    # 小胡, 老张, 朱总: a way to address, not a name
    if HAN_OR_JOINERS_RE.fullmatch(name) is None:
        return False
    positions = _positions()
    if any(name[-size:] in positions for size in range(2, len(name))):
        return False                                    # 和处长: a position, not a given name
    if _follower_length(name, 0) >= 2:
        return False                                    # 强调, 表示 …
    if len(name) >= 3 and name[-2:] in followers()[0]:
        return False                                    # 李|大爷, 刘|老师: a way to address, not a name
    if len(name) == 3 and is_common_word(name[:2]) and (name[0] in NOT_IN_NAME or is_common_word(name[1:])):
        return False                                    # 和平民, 爱人民: words, not surname + given name
    if len(name) == 3 and is_common_word(name[:2]) and name[2] in followers()[0]:
        return False                                    # 步行|来, 充满|着: a word, then a follower
    if len(name) == 3 and name[0] in followers()[0] and is_common_word(name[1:]):
        return False                                    # 来|乡里: a follower, then a word
    return not is_common_word(name)


def _middle_name_char(name: str) -> bool:
    """蒋作君, 傅作义: a function character that also stands in the middle of given names,
    where it makes no word with the last character (作出, 作为 are words)."""
    return len(name) == 3 and name[1] in MIDDLE_NAME_CHARS and name[2] not in NOT_IN_NAME \
        and not is_common_word(name[1:])


def _follower_length(text: str, i: int) -> int:
    words = followers()[0]
    return next((size for size in _follower_index().get(text[i], ()) if text[i:i + size] in words), 0)


def _starts_role_verb(text: str, i: int) -> bool:
    return _starts_one_of(_role_verbs_by_first_char(), text, i)


def _starts_one_of(index: dict[str, tuple[str, ...]], text: str, i: int) -> bool:
    return any(text.startswith(word, i) for word in index.get(text[i:i + 1], ()))


def _by_first_char(words: Iterable[str]) -> dict[str, tuple[str, ...]]:
    index: dict[str, list[str]] = {}
    for word in words:
        index.setdefault(word[0], []).append(word)
    return {ch: tuple(starting) for ch, starting in index.items()}


@lru_cache(maxsize=1)
def _role_verbs_by_first_char() -> dict[str, tuple[str, ...]]:
    return _by_first_char(role_verbs()[0])


@lru_cache(maxsize=1)
def _confirming_words_by_first_char() -> dict[str, tuple[str, ...]]:
    """The confirming words of two or more characters, by first character."""
    return _by_first_char(word for word in confirming_followers() if len(word) >= 2)


def _holds_position(part: str) -> bool:
    """Whether a position word (two characters or more) stands in ``part``: its substrings looked
    up, ≤ 15 for the six characters a dotted name's first part holds, instead of every position
    word searched for in it."""
    positions = _positions()
    return any(part[i:j] in positions for i in range(len(part) - 1) for j in range(i + 2, len(part) + 1))


def _holds_follower(name: str) -> bool:
    return any(_follower_length(name, i) >= 2 for i in range(1, len(name)))


def read_name(text: str, k: int, *, anchored: bool = False, known: Iterable[str] = (),
              confirm: Optional[Callable[[int, int], bool]] = None) -> Optional[int]:
    """The end of the personal name that starts at ``text[k]``, or None.

    ``anchored`` says that the context (a title just before, a list) makes a name very
    likely here: then names without a known surname (尕布龙, 理查森) are read too.
    ``known`` names of the same article are preferred when they fit. ``confirm(start,
    end)`` (a statistical model) must agree with the reads that no following word
    supports; without it those reads are dropped.
    """
    end = _read_name(text, k, anchored, known, confirm)
    if end is None or end >= len(text):
        return end
    if text[end] in PLACE_SUFFIX_CHARS and not follows_name(text, end):
        return None                                     # 石渠县长|沙贡玛乡: a place, not a person
    if text.startswith(MINORITY_AUTONOMY, end):
        return None                                     # 湖北省长|阳土家族自治县: a place, not a person
    return end


def _read_name(text: str, k: int, anchored: bool, known: Iterable[str],
               confirm: Optional[Callable[[int, int], bool]]) -> Optional[int]:
    """The reading itself; see :func:`read_name`."""
    if k >= len(text):
        return None
    first = text[k]
    if not ("\u4e00" <= first <= "\u9fff" or is_han(first)):   # the CJK block first: asked very often
        return None
    for name in known:
        if text.startswith(name, k) and follows_name(text, k + len(name)):
            return k + len(name)
    # a dotted name has its first joiner within 7 characters: most reads need no regex
    dotted = None if find_dotted_joiner(text, k + 1, k + 7) is None else DOTTED_NAME_RE.match(text, k)
    first_part = DOTTED_JOINER_RE.split(dotted.group(0))[0] if dotted else ""
    if dotted and text[k] not in NOT_IN_NAME and text[k] not in NOT_NAME_START \
            and not (len(first_part) > 2 and _is_verb(first_part[:2])) \
            and not any(ch in NOT_IN_NAME for ch in first_part) and not _holds_follower(first_part) \
            and not _holds_position(first_part):
        # the last part ends at the first place a name may end (赛义德|表示)
        last = max(dotted.group(0).rfind(j) for j in DOTTED_JOINERS) + k + 1
        for end in range(last + 1, dotted.end() + 1):
            if text[end:end + 1] in DOTTED_INNER and end < dotted.end() and not _follower_length(text, end) >= 2:
                continue                                # 阿不来提·阿不|都热西提: 都 is inside the name
            if follows_name(text, end):
                return end
            if end > last + 1 and is_common_word(text[end:end + 2]):
                return end                              # 翁丁巴|不幸逝世: a word ends the name
    single, compound = surnames()
    if first in compound_surname_firsts() and text[k:k + 2] in compound:   # one slice fewer for most reads
        head = 2
    elif first in single:
        head = 1
    else:
        head = 0
    if head:
        fits = _surname_name_ends(text, k, head)
        if len(fits) == 2:
            # both 陈钇 and 陈钇任 could end here (任 may follow a name): take the longer
            # when the shorter never stands without that character in the article
            # unless that character opens a longer follower (张工|陪同)
            longer, shorter = text[k:fits[1]], text[k:fits[0]]
            if not follows_name(text, fits[1] - 1):
                return fits[1]
            if _follower_length(text, fits[1] - 1) < 2 and text.count(longer) == text.count(shorter):
                return fits[1]
            return fits[0]
        if fits:
            return fits[0]
        if not anchored:
            return None
        # after a title a name surely starts here, but nothing we know ends it: let the
        # dictionary decide. 尹力|提交: the two characters after a short name make a word;
        # 施密特|尽管: a long name whose last character starts no word with the next one.
        if text[k] in NOT_IN_NAME:                    # 和谷歌: 和 is a word here
            return None
        short, long_ = k + head + 1, k + head + 2
        for end in _default_reads(text, k, short, long_):
            return _extend_foreign(text, k, end)
        if confirm is None:
            return None
    if not anchored:
        return None
    # no surname we know: a foreign or minority name after a title
    if first in NOT_NAME_START or first in NUMERALS:
        return None                                     # 局长|一职
    for size in _foreign_name_sizes(text[k:k + 5]):
        end = k + size
        name = text[k:end]
        if follows_name(text, end) and (PUNCT_OR_END_RE.match(text, end) is not None
                                        or (_confirming_word_at(text, end) and name[-1] not in LAST_CHAR_ALLOWED)
                                        or (confirm is not None and confirm(k, end))):
            return _extend_foreign(text, k, end)
        if size >= 3 and all(ch in TRANSLIT for ch in name) and is_common_word(text[end:end + 2]) \
                and not is_common_word(text[end - 1:end + 1]) \
                and not (text[end] in TRANSLIT and follows_name(text, end + 1)):
            return end                                  # 总理托马斯|举行, not 克拉夫|特等: a transliteration, then a word
    return None


@lru_cache(maxsize=1 << 16)  # a pure function of the five characters
def _foreign_name_sizes(head: str) -> tuple[int, ...]:
    """The lengths (2 to 5, shortest first) of the beginnings of ``head`` that
    :func:`_may_be_foreign_name` lets through: one lookup where a title is followed by no
    name instead of four."""
    return tuple(size for size in range(2, len(head) + 1) if _may_be_foreign_name(head[:size]))


@lru_cache(maxsize=1 << 16)  # a pure function of the name; a run of the same characters asks it again and again
def _may_be_foreign_name(name: str) -> bool:
    """Whether ``name`` may be a name with no surname we know (尕布龙, 理查森): plausible,
    holding no follower and no common word, all transliteration characters when longer
    than three, and no function word."""
    if not plausible_name(name) or _holds_follower(name) \
            or any(is_common_word(name[i:i + 2]) for i in range(len(name) - 1)):
        return False
    if len(name) > 3 and not all(ch in TRANSLIT for ch in name):
        return False
    return word_tags().get(name, "n")[:1] not in FUNCTION_TAGS   # 总理|签批: a verb, however rare, is no name


def _surname_name_ends(text: str, k: int, head: int) -> list[int]:
    """Where a name of a surname of ``head`` characters at ``k`` and a given name of one
    or two characters may end (0, 1 or 2 ends, shortest first)."""
    fits = []
    size = len(text)
    for end in (k + head + 1, k + head + 2):
        # follows_name first: cheaper than plausible_name on a name not asked before
        if end > size or not follows_name(text, end) or not plausible_name(text[k:end]):
            continue
        # 魏凤和|出席 but 陈刚|和省长: a name ends in 和 only before a mark or a role verb
        if text[end - 1] in LAST_CHAR_ALLOWED and end - k >= 3 and not PUNCT_OR_END_RE.match(text, end) \
                and not _starts_role_verb(text, end):
            continue
        # 和夫人, 于建华: a surname that is also a function word needs a mark after it
        if text[k] in NOT_IN_NAME and not PUNCT_OR_END_RE.match(text, end):
            continue
        fits.append(end)
    return fits


def _confirming_word_at(text: str, i: int) -> bool:
    """A confirming word of two or more characters starts at ``i`` (杰瓦讷|一行, 索菲|表示)."""
    return _starts_one_of(_confirming_words_by_first_char(), text, i)


def _default_reads(text: str, k: int, short: int, long_: int) -> list[int]:
    """Name ends to try, best first, when no follower word ends the name.

    施密特|尽管, 易炼红|点燃: the two characters after the long read make a word;
    尹力|提交: those after the short read do; 任期续: a name never opens with a word.
    """
    long_ok = (long_ <= len(text) and plausible_name(text[k:long_]) and not _holds_follower(text[k:long_])
               and not is_common_word(text[k:k + 2]))
    short_ok = plausible_name(text[k:short])
    if long_ok and is_common_word(text[long_:long_ + 2]):
        return [long_]
    if short_ok and is_common_word(text[short:short + 2]):
        return [short]
    if long_ok and not is_common_word(text[long_ - 1:long_ + 1]):
        return [long_]
    return []


def _extend_foreign(text: str, k: int, end: int) -> int:
    """索比亚|宁, 巴切莱|特: a transliterated name runs on while its characters do."""
    name = text[k:end]
    if all(ch in TRANSLIT for ch in name):
        while end < len(text) and end - k < 6 and text[end] in TRANSLIT and not follows_name(text, end):
            end += 1
    elif sum(ch in TRANSLIT for ch in name) >= 2 and end + 1 <= len(text) and text[end:end + 1] \
            and text[end] in TRANSLIT and not follows_name(text, end) and follows_name(text, end + 1):
        end += 1
    return end
