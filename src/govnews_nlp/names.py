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

from functools import lru_cache
from typing import Callable, Iterable, Optional

import regex

from .data import read_lines

HAN_RE = regex.compile(r"\p{Han}")
DOTTED_JOINERS = "·•‧・-－"
DOTTED_NAME_RE = regex.compile(r"\p{Han}{1,8}(?:[·•‧・\-－]\p{Han}{1,10}){1,3}")
# characters that never stand inside a personal name written in news
NOT_IN_NAME = frozenset("的了在是和与及等说也都就还又将被把对向从于因已作县省某×ＸX该此各我你他她它们")
# a name never ends in a place or organ suffix (江阴市长泾镇 gives no person 泾镇)
NOT_NAME_END = frozenset("镇乡村县区市省州局厅部委办处科院所站队组会司署桥路街")
# a title never runs on into a name starting with an organ character (常委|会通过, 代表|团展示)
NOT_NAME_START = frozenset("会委团部局处科组队院所办厅室站社行")
# characters of transliterated foreign names (理查森, 施密特): a name of these needs no surname
TRANSLIT = frozenset(
    "阿艾安奥巴拜班邦保贝本比彼毕宾波伯布查达戴道德迪蒂丁杜顿多厄恩尔法菲费芬丰弗福盖甘"
    "戈格古哈海汉豪赫亨胡华霍基吉加杰金卡凯坎康柯科克肯库拉莱兰朗劳勒雷里利莉林琳卢鲁伦"
    "罗洛马玛迈麦曼梅蒙米密敏摩莫姆穆纳娜奈内尼涅努诺欧帕佩皮普奇齐乔琴萨塞森沙尚舍什施"
    "史斯苏索塔泰坦汤特图托瓦万威韦维沃乌西希谢休雅亚扬耶伊英尤约泽扎詹佐宁别先")


def _words(name: str) -> list[str]:
    words = []
    for line in read_lines(name):
        if not line.startswith("["):
            words.extend(line.split())
    return words


@lru_cache(maxsize=1)
def surnames() -> tuple[frozenset[str], frozenset[str]]:
    """(single-character surnames, compound surnames)."""
    single: set[str] = set()
    compound: set[str] = set()
    section = ""
    for line in read_lines("surnames.txt"):
        if line.startswith("["):
            section = line.strip("[]")
            continue
        (compound if section == "compound" else single).update(line.split())
    return frozenset(single), frozenset(compound)


@lru_cache(maxsize=1)
def role_verbs() -> tuple[tuple[str, ...], frozenset[str]]:
    """(all role verbs, the speech verbs among them)."""
    verbs: list[str] = []
    speech: set[str] = set()
    section = ""
    for line in read_lines("role_verbs.txt"):
        if line.startswith("["):
            section = line.strip("[]")
            continue
        verbs.append(line)
        if section == "speech":
            speech.add(line)
    return tuple(verbs), frozenset(speech)


@lru_cache(maxsize=1)
def followers() -> tuple[frozenset[str], int]:
    words = set(_words("name_followers.txt"))
    words.update(role_verbs()[0])
    return frozenset(words), max(len(w) for w in words)


@lru_cache(maxsize=1)
def word_tags() -> dict[str, str]:
    """jieba's part-of-speech tag for each word of its dictionary (loaded once, lazily)."""
    import jieba.posseg

    from .tokenizer import segmenter

    return jieba.posseg.POSTokenizer(segmenter()).word_tag_tab


@lru_cache(maxsize=1)
def _positions() -> tuple[str, ...]:
    from .titles import lexicon

    return tuple(p for p in lexicon().positions if len(p) >= 2)


def follows_name(text: str, i: int) -> bool:
    """Whether a name may end right before ``text[i]``."""
    if i >= len(text) or not HAN_RE.match(text[i]):
        return True
    words, longest = followers()
    return any(text[i:i + size] in words for size in range(1, longest + 1))


def is_common_word(name: str) -> bool:
    """A dictionary word that jieba does not tag as a person name (强调, 华西, 高新)."""
    tag = word_tags().get(name)
    return tag is not None and not tag.startswith("nr")


def plausible_name(name: str) -> bool:
    if len(name) < 2 or any(ch in NOT_IN_NAME for ch in name[1:]) or name[-1] in NOT_NAME_END:
        return False
    if name[0] in NOT_IN_NAME and name[0] not in surnames()[0]:
        return False
    if name[0] in "小老" and len(name) == 2:            # 小胡, 老张: a way to address, not a name
        return False
    if not all(HAN_RE.match(ch) or ch in DOTTED_JOINERS for ch in name):
        return False
    if any(name.endswith(p) for p in _positions()):
        return False                                    # 和处长: a position, not a given name
    words, longest = followers()
    if any(name[:size] in words for size in range(2, min(longest, len(name)) + 1)):
        return False                                    # 强调, 表示 …
    if len(name) == 3 and is_common_word(name[:2]) and (name[0] in NOT_IN_NAME or is_common_word(name[1:])):
        return False                                    # 和平民, 爱人民: words, not surname + given name
    return not is_common_word(name)


def _follower_length(text: str, i: int) -> int:
    words, longest = followers()
    return max((size for size in range(1, longest + 1) if text[i:i + size] in words), default=0)


def _holds_follower(name: str) -> bool:
    words, longest = followers()
    return any(name[i:i + size] in words for i in range(1, len(name)) for size in range(2, longest + 1))


def read_name(text: str, k: int, *, anchored: bool = False, known: Iterable[str] = (),
              confirm: Optional[Callable[[int, int], bool]] = None) -> Optional[int]:
    """The end of the personal name that starts at ``text[k]``, or None.

    ``anchored`` says that the context (a title just before, a list) makes a name very
    likely here: then names without a known surname (尕布龙, 理查森) are read too.
    ``known`` names of the same article are preferred when they fit. ``confirm(start,
    end)`` (a statistical model) must agree with the reads that no following word
    supports; without it those reads are dropped.
    """
    if k >= len(text) or not HAN_RE.match(text[k]):
        return None
    for name in known:
        if text.startswith(name, k) and follows_name(text, k + len(name)):
            return k + len(name)
    dotted = DOTTED_NAME_RE.match(text, k)
    if dotted and text[k] not in NOT_IN_NAME and not _holds_follower(regex.split(r"[·•‧・\-－]", dotted.group(0))[0]):
        # the last part ends at the first place a name may end (赛义德|表示)
        last = max(dotted.group(0).rfind(j) for j in DOTTED_JOINERS) + k + 1
        for end in range(last + 1, dotted.end() + 1):
            if follows_name(text, end):
                return end
    single, compound = surnames()
    if text[k:k + 2] in compound:
        head = 2
    elif text[k] in single:
        head = 1
    else:
        head = 0
    if head:
        ends = [k + head + g for g in (1, 2) if k + head + g <= len(text)]
        fits = [e for e in ends if plausible_name(text[k:e]) and follows_name(text, e)]
        if fits and text[k] in NOT_IN_NAME and confirm is not None:
            # 和夫人, 于建华: a surname that is also a function word needs the model,
            # or a punctuation mark after it
            fits = [e for e in fits if not HAN_RE.match(text[e:e + 1] or "。") or confirm(k, e)]
        elif fits and text[k] in NOT_IN_NAME:
            fits = [e for e in fits if not HAN_RE.match(text[e:e + 1] or "。")]
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
        # after a title the name is certain to start here; most names have two given characters
        if text[k] in NOT_IN_NAME:                    # 和谷歌: 和 is a word here
            return None
        for end in reversed(ends):
            if plausible_name(text[k:end]) and not _holds_follower(text[k:end]):
                if confirm is not None and confirm(k, end):
                    return _extend_foreign(text, k, end)
        if confirm is None:
            return None
    if not anchored:
        return None
    # no surname we know: a foreign or minority name after a title
    if text[k] in NOT_NAME_START:
        return None
    for size in range(2, 6):
        end = k + size
        if end > len(text):
            break
        name = text[k:end]
        if not plausible_name(name) or _holds_follower(name):
            continue
        if size > 3 and not all(ch in TRANSLIT for ch in name):
            continue
        if follows_name(text, end) and (not HAN_RE.match(text[end:end + 1] or "。")
                                        or (confirm is not None and confirm(k, end))):
            return _extend_foreign(text, k, end)
    return None


def _extend_foreign(text: str, k: int, end: int) -> int:
    """索比亚|宁: a transliterated name runs on while its characters do."""
    if all(ch in TRANSLIT for ch in text[k:end]):
        while end < len(text) and end - k < 6 and text[end] in TRANSLIT and not follows_name(text, end):
            end += 1
    return end
