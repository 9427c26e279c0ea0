"""Slogans: the content of Chinese quotation marks that holds a catchphrase or policy term.

“快进键”, “敢为、敢闯、敢干、敢首创”, 「马上就办」. Not slogans (GUIDELINES.md): quoted
direct speech that is a whole sentence, anything over 40 characters, and the empty quote.
"""
from __future__ import annotations

import regex

from ..records import Document, Slogan, Span

MAX_SLOGAN_CHARS = 40

# One pattern per pair of marks; the content may not contain either mark of its pair nor a newline,
# and is bounded, so an unbalanced quote costs one short look-ahead, never a scan to the end.
_QUOTED = regex.compile(
    r"“(?P<content>[^“”\n]{1,%d})”|「(?P<content>[^「」\n]{1,%d})」|‘(?P<content>[^‘’\n]{1,%d})’"
    % ((MAX_SLOGAN_CHARS + 1,) * 3)
)
_SENTENCE_END = regex.compile(r"[。！？!?…]")
_SPEECH_INTRO = regex.compile(r"(?:[:：]|强调|指出|表示|说|说道|称|要求|提出)\s{0,2}$")
# 挖泥船“新海旭”, 舰“辽宁”: a quoted name right after the craft it names is a name, not a slogan.
_CRAFT_WORDS_BEFORE = ("船", "舰", "艇", "轮", "卫星", "探测器", "飞船", "列车")
_NAMED_CRAFT_BEFORE = regex.compile(r"(?:" + "|".join(_CRAFT_WORDS_BEFORE) + r")$")
# “萨德”反导系统, “天问一号”探测器, “奋斗者”号: a quoted name right before the craft or weapon it names.
_CRAFT_WORDS_AFTER = (
    "反导系统", "巡航导弹", "弹道导弹", "防空导弹", "导弹", "运载火箭", "火箭", "飞船", "卫星", "探测器", "空间站",
    "月球车", "火星车", "巡视器", "着陆器", "潜水器", "无人机", "战斗机", "战机", "轰炸机", "客机", "航母", "舰",
)
_NAMED_CRAFT_AFTER = regex.compile(r"\s{0,1}(?:号(?![召称])|" + "|".join(_CRAFT_WORDS_AFTER) + r")")
# The characters those two patterns can end (before a quote) or begin (after one) with: most
# quotes have neither next to them, and skip both searches.
_CRAFT_BEFORE_LAST_CHARS = frozenset(word[-1] for word in _CRAFT_WORDS_BEFORE) | {"\n"}  # $ matches before a final \n
_CRAFT_AFTER_FIRST_CHARS = frozenset(word[0] for word in _CRAFT_WORDS_AFTER) | {"号"}
_SPEECH_CLAUSE_MIN_CHARS = 16


def is_slogan(content: str, before: str, after: str = "") -> bool:
    """Whether the quoted ``content`` (with ``before`` and ``after`` it in the text) is a slogan.

    >>> is_slogan("快进键", "按下项目攻坚")
    True
    >>> is_slogan("虽然身体有些疲惫，但收获很大。", "说道：")
    False
    >>> is_slogan("萨德", "在韩国部署", "反导系统。")
    False
    """
    stripped = content.strip()
    if not stripped or len(stripped) > MAX_SLOGAN_CHARS:
        return False
    if _SENTENCE_END.search(stripped):
        return False
    if before[-1:] in _CRAFT_BEFORE_LAST_CHARS and _NAMED_CRAFT_BEFORE.search(before):
        return False
    if after and (after[0] in _CRAFT_AFTER_FIRST_CHARS or after[0].isspace()) and _NAMED_CRAFT_AFTER.match(after):
        return False
    if len(stripped) >= _SPEECH_CLAUSE_MIN_CHARS and "，" in stripped and _SPEECH_INTRO.search(before):
        return False
    return True


def extract(doc: Document) -> Document:
    text = doc.text
    slogans = []
    for match in _QUOTED.finditer(text):
        content = match.group("content")
        start = match.start("content")
        if is_slogan(content, text[max(0, start - 5): start - 1], text[match.end():match.end() + 6]):
            slogans.append(Slogan.model_construct(text=content, span=Span.of(start, start + len(content))))
    doc.slogans = slogans
    return doc
