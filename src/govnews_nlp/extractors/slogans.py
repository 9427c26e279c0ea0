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
_NAMED_CRAFT_BEFORE = regex.compile(r"(?:船|舰|艇|轮|卫星|探测器|飞船|列车)$")
_SPEECH_CLAUSE_MIN_CHARS = 16


def is_slogan(content: str, before: str) -> bool:
    """Whether the quoted ``content`` (preceded in the text by ``before``) is a slogan.

    >>> is_slogan("快进键", "按下项目攻坚")
    True
    >>> is_slogan("虽然身体有些疲惫，但收获很大。", "说道：")
    False
    """
    stripped = content.strip()
    if not stripped or len(stripped) > MAX_SLOGAN_CHARS:
        return False
    if _SENTENCE_END.search(stripped):
        return False
    if _NAMED_CRAFT_BEFORE.search(before):
        return False
    if _SPEECH_INTRO.search(before) and len(stripped) >= _SPEECH_CLAUSE_MIN_CHARS and "，" in stripped:
        return False
    return True


def extract(doc: Document) -> Document:
    text = doc.text
    slogans = []
    for match in _QUOTED.finditer(text):
        content = match.group("content")
        start = match.start("content")
        if is_slogan(content, text[max(0, start - 5): start - 1]):
            slogans.append(Slogan.model_construct(text=content, span=Span.of(start, start + len(content))))
    doc.slogans = slogans
    return doc
