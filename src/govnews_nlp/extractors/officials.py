"""Officials: every named person of the article, with the titles written with them.

Rules first, then a statistical model for the names rules cannot anchor:

1. **Titles → names.** :func:`govnews_nlp.titles.find_titles` finds title chains
   (市委常委、区委书记); the name right after a chain is read with
   :func:`govnews_nlp.names.read_name`. A 、-list right after that name shares the
   chain's titles (副省长吕维峰、孙永波). A name written right before a title
   (习近平总书记) is read backwards.
2. **Group lists.** After a group label (区领导, 出席活动的有 …, ``group_labels.txt``)
   every listed name is a person with no title from the label.
3. **Cue words.** A name after a word that says "person" (村民, 公民, 27岁的,
   ``person_cues.txt``), before 等N名, or in 他(…) is a person when two cues agree or
   the model agrees.
4. **Lists.** A 、-list holding a person already found names people
   (丁薛祥、刘鹤、何立峰参加).
5. **Model.** Where a known surname comes right before a confirming word (张三说,
   李四一行, 王五出席) or in a 、-list followed by 出席/等人, jieba's part-of-speech
   HMM reads the candidate alone (:func:`model_says_person`); a name it reads as
   ``nr`` is kept with ``source="jieba"``. With ``Pipeline(model="hanlp")`` HanLP's
   PERSON entities take the model's place (``source="hanlp"``). Rules win where both
   speak: the model only adds names no rule read.

Authors (``doc.authors``, and any name after a byline word such as 记者) are never
officials. Every full-name occurrence becomes a mention; roles are the event verbs
(出席, 主持, 强调 …) that follow a person in the same sentence, in order.
"""
from __future__ import annotations

from bisect import bisect_right

import re
from functools import lru_cache
from typing import Optional

from ..data import read_lines
from ..names import (DOTTED_JOINER_SET, NOT_IN_NAME, TRANSLIT, compound_surname_firsts, confirming_followers,
                     find_dotted_joiner, followers, follows_name, is_common_word, is_han, is_place_word, plausible_name,
                     read_name, role_verbs, surnames, things_after_deng, word_tags)
from ..records import Document, Official, Span, Title, record_from_fields
from ..script import HAN
from ..titles import TitleMatch, find_titles
from ..titles import lexicon as title_lexicon
from ..wordtrie import trie_pattern, word_matcher

LIST_SEPARATORS = "、，,"
SENTENCE_END_RE = re.compile(r"[。！？；：!?;:\n]")
SPACES = " \u3000\t"
DOTTED_JOINERS_RE = re.compile("[·•‧・\\-－]")
LOCATION_PREPOSITIONS = "在到赴抵于从"
ROLE_WINDOW = 80
COMRADE = "同志"
# characters right before which a name may start although they never follow one (以习近平同志, 经李克强总理签批,
# 获得者吴良镛院士)
NAME_OPENERS = "的是以经由者"
OPENING_QUOTES = "“「‘"
CLOSING_QUOTES = "”」’"
PEOPLE_COUNT_RE = re.compile("[两二三四五六七八九十几]{1,2}(?:人|位|名)")
# a 、-list of short items (2–4 Chinese characters, at most 4 read): from its first 、, which
# follows two Chinese characters at least (the end of the first item), to the end of its last item
# (re with script.HAN, not regex with \p{Han}: the same matches, scanned ~3× faster)
SHORT_ITEM_LIST_RE = re.compile(rf"、(?<={HAN}{HAN}、){HAN}{{2,4}}(?:、{HAN}{{2,4}})*")
# regex's \s, in re: re's \s also takes the separators \x1c-\x1f, which regex's does not
WHITESPACE = r"[^\S\x1c-\x1f]"


class _Person:
    """A person found so far (a plain class: one is made for every name read)."""

    __slots__ = ("name", "titles", "anchors", "source", "label_roles")

    def __init__(self, name: str, source: str = "rule"):
        self.name = name
        self.titles: list[TitleMatch] = []
        self.anchors: list[tuple[int, int]] = []            # (group end, first char of the group)
        self.source = source
        self.label_roles: list[str] = []                    # 出席活动的区领导 → 出席


@lru_cache(maxsize=1)
def _patterns() -> dict:
    labels = read_lines("group_labels.txt")
    cues = read_lines("person_cues.txt")
    reporters = read_lines("reporter_roles.txt")
    verbs, _speech = role_verbs()
    confirming = confirming_followers()
    # plain word lists go to the standard library's re, ~3× faster than regex on them; those
    # scanned over whole articles for their spans only, to automatons (faster still)
    return {
        "group_first": word_matcher(labels),          # where the first group label starts, if any
        "cue_matcher": word_matcher(cues),
        "reporter_matcher": word_matcher(reporters),
        "confirming_matcher": word_matcher(confirming),
        "confirming_deng": confirming.index("等"),
        # a label written out first lets re skip the positions where none starts (2× faster than a look-ahead)
        "group": re.compile(rf"(?:{trie_pattern(labels)})(?:{trie_pattern(labels)}){{0,2}}(?:还有|有)?[：:]?"),
        "verb": re.compile(trie_pattern(verbs)),
        "confirming": re.compile(trie_pattern(confirming)),
        "count_after": re.compile(r"等\s{0,1}[0-9一二两三四五六七八九十几多]{1,3}(?:名|位|人)"),
        "paren": re.compile(rf"[他她]{WHITESPACE}{{0,1}}[（(]({HAN}{{2,4}})[）)]"),
    }


@lru_cache(maxsize=1)
def _pos_tagger():
    import jieba.posseg

    from ..tokenizer import segmenter

    return jieba.posseg.POSTokenizer(segmenter())


def model_names(text: str) -> list[tuple[int, int]]:
    """Spans that jieba's part-of-speech tagger marks as person names (nr, nrfg, nrt)."""
    spans = []
    at = 0
    for pair in _pos_tagger().cut(text):
        word, flag = pair.word, pair.flag
        if flag.startswith("nr") and len(word) >= 2:
            spans.append((at, at + len(word)))
        at += len(word)
    return spans


def _reporter_names(text: str) -> set[str]:
    """Names written after a byline word (记者顾艳, 通讯员施伟办 瞿镇辅)."""
    names = set()
    positions = title_lexicon().positions
    for _index, at, k in _patterns()["reporter_matcher"].find_matches_as_indexes(text):
        if at and (text[at - 1:k] in positions or text[at - 2:k] in positions):
            continue                                    # 总|编辑王日春: a position word, no byline
        for _ in range(6):
            while k < len(text) and text[k] in SPACES + "、":
                k += 1
            end = read_name(text, k, anchored=True)
            if end is None:
                break
            names.add(text[k:end])
            k = end
    return names


class _Collector:
    def __init__(self, text: str, excluded: set[str]):
        self.text = text
        self.excluded = excluded
        self.people: dict[str, _Person] = {}
        self.claimed: list[tuple[int, int]] = []       # spans already read as names
        self._model: dict[str, bool] = {}
        self._known: Optional[tuple[str, ...]] = None
        self._known_index: Optional[dict[str, tuple[str, ...]]] = None
        self._index_shared = False

    def model(self, name: str) -> bool:
        """The model's reading of ``name``, asked once per article."""
        said = self._model.get(name)
        if said is None:
            said = self._model[name] = model_says_person(name)
        return said

    def add(self, start: int, end: int, titles: list[TitleMatch], group: tuple[int, int], source: str = "rule"):
        name = self.text[start:end]
        if name in self.excluded or not name:
            return None
        person = self.people.get(name)
        if person is None and source != "rule" and any(len(known) > len(name) and known.endswith(name)
                                                       for known in self.people):
            return None                                 # 伯雄认为: 吴伯雄 named by his given name
        if person is None:
            person = self.people[name] = _Person(name, source=source)
            self._remember(name)
        person.titles.extend(titles)
        person.anchors.append(group)
        self.claimed.append((start, end))
        return person

    def _remember(self, name: str) -> None:
        """Put a new name into its place in the index by first character. The sorted names are
        sorted again when next asked for (a stable sort puts it after every name at least as
        long, as inserting it would). An index handed out by :meth:`known_index` stays as it was:
        it is copied before the first change after that."""
        self._known = None
        if self._known_index is not None:
            index = self._known_index
            if self._index_shared:
                index = self._known_index = dict(index)
                self._index_shared = False
            index[name[0]] = _insert_by_length(index.get(name[0], ()), name)

    def known(self) -> tuple[str, ...]:
        """The names found so far, longest first (sorted again only when a person was added)."""
        if self._known is None:
            self._known = tuple(sorted(self.people, key=len, reverse=True))
        return self._known

    def known_index(self) -> dict[str, tuple[str, ...]]:
        """The names found so far by first character, longest first: read_name at ``k`` needs
        only those starting with ``text[k]`` (the caller's to keep: people added later go
        into a copy)."""
        self._index_shared = True
        return self._index()

    def _index(self) -> dict[str, tuple[str, ...]]:
        if self._known_index is None:
            index: dict[str, list[str]] = {}
            for name in self.known():
                index.setdefault(name[0], []).append(name)
            self._known_index = {ch: tuple(starting) for ch, starting in index.items()}
            self._index_shared = False
        return self._known_index

    def known_at(self, k: int) -> tuple[str, ...]:
        """The names found so far that start with ``text[k]``, longest first."""
        index = self._known_index if self._known_index is not None else self._index()
        return index.get(self.text[k:k + 1], ())


def _known_at(index: dict[str, tuple[str, ...]], text: str, k: int) -> tuple[str, ...]:
    return index.get(text[k:k + 1], ())


def _insert_by_length(names: tuple[str, ...], name: str) -> tuple[str, ...]:
    """``names`` (longest first, equal lengths in the order found) with ``name`` added where
    sorting them again would put it: after every name at least as long."""
    size = len(name)
    at = 0
    for known in names:
        if len(known) < size:
            break
        at += 1
    return names[:at] + (name,) + names[at:]


def _skip_spaces(text: str, k: int) -> int:
    while k < len(text) and text[k] in SPACES:
        k += 1
    return k


def _name_may_start(text: str, i: int) -> bool:
    """Whether what precedes ``text[i]`` lets a name start there: a mark, or a word that
    names follow (和, 在, 、 …) ending right at ``i`` — not 发|言中 where 发言 runs on."""
    if i == 0:
        return True
    before = text[i - 1]
    if not ("\u4e00" <= before <= "\u9fff" or is_han(before)):
        return True
    words = followers()[0]
    return before in words or (i >= 2 and text[i - 2:i] in words) or (i >= 3 and text[i - 3:i] in words)


def _name_before(text: str, end: int, *, before_title: bool = False, ask=None) -> Optional[int]:
    """Start of a name that ends at ``end`` (习近平|总书记), read with a clean left edge.

    ``before_title``: a title starts at ``end``, which ends the name as a follower word
    would (胡锦涛|主席); a transliterated name needs no surname there (同|伯塞斯库|总统).
    ``ask`` (the model) must agree with a name read only because a title follows.
    """
    if end == 0:
        return None
    last = text[end - 1]
    if not ("\u4e00" <= last <= "\u9fff" or is_han(last)) and last not in DOTTED_JOINER_SET:
        return None                                     # ，|市委书记: every name read ends in a Chinese character or a joiner
    single, compound = surnames()
    compound_firsts = compound_surname_firsts()
    for size in (3, 2, 4, 5):
        start = end - size
        if start < 0:
            continue
        # a name read at ``start`` (read_name, no context) could end at ``end`` only when it starts
        # with a surname or holds a dotted joiner (before a title, a name of transliteration
        # characters can too: _reads_before_title)
        first = text[start]
        surname_or_dotted = first in single or (first in compound_firsts and text[start:start + 2] in compound) \
            or find_dotted_joiner(text, start, end) is not None
        if not surname_or_dotted and first not in TRANSLIT:
            continue                                    # no surname, dotted name or transliteration starts here
        if not _name_may_start(text, start) and text[start - 1] not in NAME_OPENERS:
            continue
        if start > 0 and is_common_word(text[start - 1:start + 1]):
            continue                                    # 就任|巴总统, 充满|着总书记: a word runs over the edge
        if size < 5 and surname_or_dotted and read_name(text, start) == end:
            return start
        if before_title and _reads_before_title(text[start:end]) \
                and (ask is None or all(ch in TRANSLIT for ch in text[start:end]) or ask(text[start:end])):
            return start
    return None


@lru_cache(maxsize=1 << 16)  # a pure function of the name
def _reads_before_title(name: str) -> bool:
    """Whether ``name``, written right before a title, reads as a personal name."""
    single, compound = surnames()
    if name in title_lexicon().place_names:
        return False                                    # 新加坡|总理
    if all(ch in TRANSLIT for ch in name) and not any(is_common_word(name[i:i + 2]) for i in range(len(name) - 1)):
        return plausible_name(name)                     # jieba tags 奥巴马 ns: no place check here
    surname = 2 if name[:2] in compound else 1 if name[0] in single else 0
    return bool(surname) and len(name) - surname in (1, 2) and name[0] not in NOT_IN_NAME \
        and plausible_name(name) and not is_place_word(name)


def _rule_people(text: str, collector: _Collector, titles: list[TitleMatch], confirm) -> None:
    """Names read after (or right before) each title chain, then the group-label lists."""
    title_starts = {t.start: t for t in titles}
    chains: dict[int, list[TitleMatch]] = {}
    for title in titles:
        chains.setdefault(title.chain, []).append(title)
    for chain in chains.values():
        last = chain[-1]
        k = last.end
        if text[k:k + 1] in SPACES:                     # one space may stand between a title and a name
            k = _skip_spaces(text, k)
            if k - last.end > 1:
                k = last.end
        if k == last.end and text[k:k + 1] in CLOSING_QUOTES and chain[0].start > 0 \
                and text[chain[0].start - 1] in OPENING_QUOTES:
            k += 1                                      # 台当局“疾病管制局副局长”林顶: a quoted title
        # a title right after the chain is no name (the model is not asked about one there)
        end = None if k in title_starts \
            else read_name(text, k, anchored=True, known=collector.known_at(k), confirm=confirm)
        if end is None:
            start = None
            if not chain[0].text.startswith(("原", "前")):   # 庞巴迪|前总裁: a company's former head
                start = _name_before(text, chain[0].start, before_title=True, ask=collector.model if confirm else None)
            if start is not None:
                collector.add(start, chain[0].start, chain, (last.end, start))
            continue
        people = [(k, end)]
        # a list right after the name shares the chain's titles: 副省长吕维峰、孙永波
        while end < len(text) and text[end] == "、":
            k = end + 1
            if k in title_starts:
                break
            nxt = read_name(text, k, known=collector.known_at(k))
            if nxt is None:
                break
            people.append((k, nxt))
            end = nxt
        for start, stop in people:
            collector.add(start, stop, chain, (end, chain[0].start))
    _group_lists(text, collector, title_starts)


def _comrade_people(text: str, collector: _Collector, ask) -> None:
    """A name right before 同志 is a person (以习近平同志为核心), when the model agrees
    that it reads as a name (各位同志, 全体同志 are no names)."""
    at = text.find(COMRADE)
    while at >= 0:
        start = _name_before(text, at)
        if start is not None and text[start:at] not in collector.people and (ask is None or ask(text[start:at])):
            collector.add(start, at, [], (at, start))
        at = text.find(COMRADE, at + len(COMRADE))


def _group_lists(text: str, collector: _Collector, title_starts: dict[int, TitleMatch]) -> None:
    """Every name listed after a group label (区领导陈艳梅、葛锦坤 …), with no title."""
    patterns = _patterns()
    # every group match starts with a label: none in most articles, and the scan starts at the first
    first_label = patterns["group_first"].find_matches_as_indexes(text)
    if not first_label:
        return
    for label in patterns["group"].finditer(text, first_label[0][1]):
        k = label.end()
        people = []
        for _ in range(60):
            if k in title_starts:
                break
            end = read_name(text, k, known=collector.known_at(k))
            if end is None:
                break
            people.append((k, end))
            if end < len(text) and text[end] in LIST_SEPARATORS:
                k = end + 1
            elif text.startswith("和", end) or text.startswith("及", end):
                k = end + 1
            elif text.startswith("以及", end):
                k = end + 2
            else:
                break
        group_end = people[-1][1] if people else k
        label_verbs = [m.group(0) for m in patterns["verb"].finditer(label.group(0))]
        for start, end in people:
            person = collector.add(start, end, [], (group_end, label.start()))
            if person is not None:
                person.label_roles.extend(v for v in label_verbs if v not in person.label_roles)


def _cue_people(text: str, collector: _Collector, *, model: bool) -> None:
    """Names made likely by the words around them, with no title (村民蒋淑兰, 对陈钇任等3名).

    A cue alone can mislead (群众宣传党的主张), so a name is kept when the model tags it
    as a person in that place, or when two different cues point at it.
    """
    patterns = _patterns()
    known = collector.known_index()
    found: dict[str, list[tuple[int, int, str]]] = {}
    single, compound = surnames()
    compound_firsts = compound_surname_firsts()
    for _index, _start, k in patterns["cue_matcher"].find_matches_as_indexes(text):
        if k >= len(text):
            continue
        first = text[k]
        if first not in single and (first not in compound_firsts or text[k:k + 2] not in compound):
            continue
        end = read_name(text, k, known=_known_at(known, text, k))
        if end is not None:
            found.setdefault(text[k:end], []).append((k, end, "cue"))
    for count in patterns["count_after"].finditer(text):
        start = _name_before(text, count.start())
        if start is not None:
            found.setdefault(text[start:count.start()], []).append((start, count.start(), "count"))
    # the scan starts at the first 他 or 她 (str.find: much faster than a pattern's search)
    pronouns = [at for at in (text.find("他"), text.find("她")) if at >= 0] if "（" in text or "(" in text else ()
    for paren in patterns["paren"].finditer(text, min(pronouns)) if pronouns else ():
        start, end = paren.span(1)
        if read_name(text, start, known=_known_at(known, text, start)) == end:
            found.setdefault(text[start:end], []).append((start, end, "paren"))
    for name, places in found.items():
        if name in collector.people:
            continue
        kinds = {kind for _s, _e, kind in places}
        confirmed = len(kinds) >= 2 or (model and any(_model_confirms(text, s, e, collector.model)
                                                       for s, e, _k in places))
        if confirmed:
            for start, end, _kind in places:
                collector.add(start, end, [], (end, start), source="rule" if len(kinds) >= 2 else "jieba")


def _model_confirms(text: str, start: int, end: int, ask=None) -> bool:
    """The model's word on ``text[start:end]``, refused when the name's last character
    makes a word with the next one (黄俊违|规, 敬献哈|达)."""
    if end < len(text) and is_common_word(text[end - 1:end + 1]):
        return False
    return (ask or model_says_person)(text[start:end])


@lru_cache(maxsize=1)
def _hmm():
    from ..jieba_tables import pos_hmm

    return pos_hmm()


def _is_verbal_word(word: str) -> bool:
    """A common verb, adjective or adverb (居住, 熬药): no given name."""
    return is_common_word(word) and word_tags().get(word, "")[:1] in ("v", "a", "d")


@lru_cache(maxsize=None)
def _may_be_name_char(ch: str) -> bool:
    states = _hmm()[1][0].get(ch)
    return bool(states) and any(tag.startswith("nr") for _bmes, tag in states)


@lru_cache(maxsize=1 << 16)  # a pure function of the name: the same candidates recur across articles
def model_says_person(name: str) -> bool:
    """Whether jieba's part-of-speech model reads ``name`` as one person-name word.

    A dictionary word keeps its dictionary tag; any other string goes through the
    tagger's HMM, which must read it as a single word (B…E) tagged nr. Reading the
    candidate alone costs ~0.1 ms, a few times less than tagging a window around it.
    A candidate whose first two characters are a common word (宣传|党) is refused.
    """
    if name in title_lexicon().place_names:
        return False                        # jieba's dictionary tags 卢旺达, 尼泊尔 nr
    tag = word_tags().get(name)
    if tag is not None:
        return tag.startswith("nr")
    if name[0] in NOT_IN_NAME:
        return False                        # 和秘书: a function word first, whatever the HMM says
    if len(name) == 3 and (is_common_word(name[:2]) or _is_verbal_word(name[1:])):
        return False                        # 宣传|党, 楼|居住
    viterbi, tables = _hmm()
    if len(name) > 4 or not all(_may_be_name_char(ch) for ch in name):
        # a character the model never saw (it cannot tell, and is slow), or one it never
        # tags as part of a name (the answer would be no anyway)
        return False
    _prob, states = viterbi(name, *tables)
    if len(states) == 1:
        return states[0][0] == "S" and states[0][1].startswith("nr")
    shape = "".join(state for state, _tag in states)
    return shape == "B" + "M" * (len(name) - 2) + "E" and all(t.startswith("nr") for _s, t in states)


def _model_people(text: str, collector: _Collector) -> None:
    """Names the model reads as people where a known surname comes just before a word
    that confirms a person (a role or speech verb, 说, 一行, 同志 …)."""
    single, compound = surnames()
    claimed = bytearray(len(text) + 1)
    for a, b in collector.claimed:
        claimed[a:b] = b"\x01" * (b - a)
    things = things_after_deng()
    patterns = _patterns()
    deng = patterns["confirming_deng"]
    people = collector.people
    compound_firsts = compound_surname_firsts()
    for index, v, _end in patterns["confirming_matcher"].find_matches_as_indexes(text):
        if v < 2 or claimed[v - 1]:
            continue
        # a surname starts where a name of 2–4 characters ending at v would (a compound surname is
        # looked up only after its first character: most matches need no two-character slice)
        head = text[v - 2]
        if head not in single and (head not in compound_firsts or text[v - 2:v] not in compound):
            if v < 3:
                continue
            head = text[v - 3]
            if head not in single and (head not in compound_firsts or text[v - 3:v - 1] not in compound) \
                    and (v < 4 or text[v - 4] not in compound_firsts or text[v - 4:v - 2] not in compound):
                continue
        if index == deng and (text[v + 1:v + 2] in things or (v > 3 and "、" in text[v - 4:v])
                                     or not _confirms_people(text, v)):
            continue                                   # 沧州、石家庄等地: places; lists are _model_lists' job
        for size in (3, 2, 4):
            start = v - size
            if start < 0 or claimed[start]:
                continue
            first = text[start]
            if (first not in compound_firsts or text[start:start + 2] not in compound) \
                    and (size == 4 or first not in single):
                continue
            if not _name_may_start(text, start):
                continue
            if text[start:v] in people:
                break
            if start > 0 and text[start - 1] in LOCATION_PREPOSITIONS:
                continue                               # 在安卡拉会见: a place before the verb
            if plausible_name(text[start:v]) and _model_confirms(text, start, v, collector.model):
                collector.add(start, v, [], (v, start), source="jieba")
                break


def _hanlp_people(doc: Document, collector: _Collector) -> None:
    """PERSON entities of HanLP's NER (when the pipeline has it) that no rule read.

    Rules win: an entity that overlaps a name a rule read, with other edges, is dropped;
    so are entities that cannot be a name (common words, placeholders, one character).
    """
    from ..models.hanlp_ner import hanlp_person_candidates

    text = doc.text
    single, compound = surnames()
    claimed = bytearray(len(text) + 1)
    for a, b in collector.claimed:
        claimed[a:b] = b"\x01" * (b - a)
    for start, end, name in hanlp_person_candidates(doc):
        if name in collector.people or name in collector.excluded:
            continue
        if any(claimed[start:end]):
            continue                                   # rules read a name here: theirs stands
        if DOTTED_JOINERS_RE.search(name):
            if len(name) <= 20:
                collector.add(start, end, [], (end, start), source="hanlp")
            continue
        if not plausible_name(name):
            continue
        if name[0] not in single and name[:2] not in compound \
                and any(is_common_word(name[i:i + 2]) for i in range(len(name) - 1)):
            continue                                   # 人民大: no surname, and a word inside
        collector.add(start, end, [], (end, start), source="hanlp")


def _occurrences(text: str, names: list[str]) -> list[tuple[int, int, str]]:
    """Where ``names`` (longest first) occur in ``text``: (start, end, name), leftmost-longest,
    non-overlapping.

    What ``regex.compile("|".join(names)).finditer(text)`` finds, without compiling a new
    pattern for every article (the compiling cost more than the searching).
    """
    found = []
    for name in names:
        at = text.find(name)
        while at != -1:
            found.append((at, -len(name), name))     # (start, length) never ties: names differ
            at = text.find(name, at + 1)
    found.sort()
    spans = []
    last_end = 0
    for start, minus_length, name in found:
        if start >= last_end:
            last_end = start - minus_length
            spans.append((start, last_end, name))
    return spans


def _list_neighbours(text: str, collector: _Collector, title_starts: set[int]) -> None:
    """Names in a 、-list with a person already found are people too (丁薛祥、刘鹤出席)."""
    if "、" not in text:
        return
    done: set[str] = set()
    while True:
        names = [n for n in collector.known() if n not in done]
        if not names:
            return
        done.update(names)
        known = collector.known_index()                 # as it is now: the people added below are not in it
        for name in names:
            if name + "、" not in text and "、" + name not in text:
                continue                                # no 、 next to the name anywhere: nothing to read
            at = text.find(name)
            while at >= 0:
                end = at + len(name)
                while end < len(text) and text[end] == "、" and end + 1 not in title_starts:
                    nxt = read_name(text, end + 1, known=_known_at(known, text, end + 1))
                    if nxt is None or text[end + 1:nxt] in collector.people or is_place_word(text[end + 1:nxt]):
                        break
                    collector.add(end + 1, nxt, [], (nxt, end + 1))
                    end = nxt
                start = at
                while start > 1 and text[start - 1] == "、":
                    before = _name_before(text, start - 1)
                    if before is None or text[before:start - 1] in collector.people \
                            or is_place_word(text[before:start - 1]):
                        break
                    collector.add(before, start - 1, [], (at + len(name), before))
                    start = before
                at = text.find(name, at + len(name))


PEOPLE_AFTER_DENG = ("人", "同志", "领导", "中方", "在内", "陪同")


def _confirms_people(text: str, at: int) -> bool:
    """Whether what follows a list or a name at ``at`` says people: a confirming word
    (出席, 说 …), 等 followed by 人/同志/领导 or a mark, or a count of people (两人, 三位)."""
    if PEOPLE_COUNT_RE.match(text, at):
        return True
    if text.startswith("等", at):
        at += 1
        if at >= len(text) or not is_han(text[at]) or text.startswith(PEOPLE_AFTER_DENG, at):
            return True
    return _patterns()["confirming"].match(text, at) is not None and not text.startswith("等", at)


def _model_lists(text: str, collector: _Collector) -> None:
    """A 、-list where the model reads at least two items as people: those items are people
    (克里木、彭丽媛、董文华、程志).

    The lists are runs of two or more items of 2–4 Chinese characters joined by 、; the first
    item is the 2–4 characters before the first 、 (its start is not known yet: the name it
    ends with starts at one of its last three characters but one, or the list is skipped).
    """
    if "、" not in text:
        return
    single, compound = surnames()
    compound_firsts = compound_surname_firsts()
    people = collector.people
    claimed_before = len(collector.claimed)          # the names read before this pass
    claimed: Optional[bytearray] = None
    for run in SHORT_ITEM_LIST_RE.finditer(text):
        b = run.start()                              # the first 、; the first item ends there
        # the scan knows no name edges: the first item ends at 、 but may start too early
        # (区领导陈艳梅 → 陈艳梅), the last starts after 、 but may run on (杨洁篪等出 → 杨洁篪)
        # the name starts 3 or 2 characters before 、 (an item holds two characters at least)
        third = text[b - 3] if b >= 3 else ""
        three = bool(third) and ("\u4e00" <= third <= "\u9fff" or is_han(third))
        if three and text[b - 3:b] in people:
            start = b - 3
        elif text[b - 2:b] in people:
            start = b - 2
        else:
            start = None
            # the item is Chinese characters only, so no dotted name ends at b: only a surname
            # starts one, and only a plausible one
            second = text[b - 2]
            surname2 = second in single or (second in compound_firsts and text[b - 2:b] in compound)
            surname3 = three and (third in single or (third in compound_firsts and text[b - 3:b - 1] in compound))
            if not (surname3 or surname2):
                continue
        # the last item is read as a name with no context: only a surname or a dotted joiner lets
        # read_name find one there (with neither it returns None: most lists end so)
        last = text.rindex("、", b, run.end()) + 1
        if text[last] not in single and text[last:last + 2] not in compound \
                and find_dotted_joiner(text, last + 1, last + 7) is None:
            continue
        first = b - 4 if three and b >= 4 and is_han(text[b - 4]) else b - 3 if three else b - 2
        items = [(first, b)]
        at = b + 1
        for item in run.group()[1:].split("、"):
            items.append((at, at + len(item)))
            at += len(item) + 1
        # the cheap tests on the whole list come before reading the first name (they do not
        # depend on where it starts): most lists fail them
        heads = 0
        for a, z in items:
            if text[z - 3 if z - a > 3 else a] in single or text[a] in single or text[a:a + 2] in compound:
                heads += 1
        if 2 * heads < len(items):
            continue                                 # 早谋划、早部署、早发力: no surnames, no people
        last_end = read_name(text, items[-1][0])
        if last_end is None:
            continue
        if start is None:
            if claimed is None:
                claimed = bytearray(len(text) + 1)
                for x, y in collector.claimed[:claimed_before]:
                    claimed[x:y] = b"\x01" * (y - x)
            if surname3 and not claimed[b - 3] and plausible_name(text[b - 3:b]) and read_name(text, b - 3) == b:
                start = b - 3
            elif surname2 and not claimed[b - 2] and plausible_name(text[b - 2:b]) and read_name(text, b - 2) == b:
                start = b - 2
            else:
                continue
        items[0] = (start, b)
        items[-1] = (items[-1][0], last_end)
        _model_list(text, collector, items, single, compound)


def _model_list(text: str, collector: _Collector, items: list[tuple[int, int]],
                single: frozenset[str], compound: frozenset[str]) -> None:
    """The people of one 、-list of names (see :func:`_model_lists`), its first and last
    items cut to the names they hold."""
    people, excluded = collector.people, collector.excluded
    last_end = items[-1][1]
    known = [(a, b) for a, b in items if text[a:b] in people]
    fresh = [(a, b) for a, b in items if text[a:b] not in people]
    if not fresh:
        return
    candidates = [(a, b) for a, b in fresh
                  if (text[a] in single or text[a:a + 2] in compound) and text[a:b] not in excluded
                  and plausible_name(text[a:b])]
    if 2 * (len(candidates) + len(known)) < len(items):
        return                                     # most items are no names: not a list of people
    candidates = [(a, b) for a, b in candidates if b - a <= 3 or text[a:a + 2] in compound]
    # a person the rules found vouches for the list; else what follows it must (出席, 等人)
    if not known and not _confirms_people(text, last_end):
        return                                     # whatever the model says: asked first, it is cheaper
    # enough when the model's names and the known ones make two at least and half the items:
    # the model is asked only until that is reached, or can no longer be
    needed = max(2, (len(items) + 1) // 2) - len(known)
    said = 0
    for asked, (a, b) in enumerate(candidates):
        if said >= needed or said + len(candidates) - asked < needed:
            break
        said += collector.model(text[a:b])
    if said >= needed:
        # a list of people: its other items with a surname are people too (栗战书)
        for a, b in candidates:
            collector.add(a, b, [], (last_end, a), source="jieba")


def _dedupe_titles(titles: list[TitleMatch]) -> list[TitleMatch]:
    """One entry per position, as first written: drop repeats, shorter forms of a title
    already held (石家庄原市长, then 原市长) and longer forms of the same position written
    later (乐平市环保局局长, then 江西省乐平市环保局局长)."""
    if len(titles) == 1:
        return titles
    kept: list[TitleMatch] = []
    held: set[str] = set()                          # the texts kept: a repeat needs no comparison
    for match in titles:
        text = match.text
        if text in held or any(k.text.endswith(text)
               or (text.endswith(k.text) and k.parts.position == match.parts.position) for k in kept):
            continue
        kept.append(match)
        held.add(text)
    return kept


def _title_record(match: TitleMatch) -> Title:
    """``Title.model_construct(text=…, organ=…, position=…, jurisdiction=…, span=…)`` for a title
    found, a quarter faster (Official: 40 %): every field given, as records.record_from_fields takes
    them (tests/extractors/test_officials.py checks that both agree)."""
    parts = match.parts
    return record_from_fields(Title, {"text": match.text, "organ": parts.organ, "position": parts.position,
                                      "jurisdiction": parts.jurisdiction, "span": Span.of(match.start, match.end)})


def _official_record(name: str, titles: list[Title], roles: list[str], order: int, mentions: list[Span],
                     source: str) -> Official:
    """``Official.model_construct`` with every field given (see :func:`_title_record`)."""
    return record_from_fields(Official, {"name": name, "titles": titles, "roles": roles, "first_mention_order": order,
                                         "mentions": mentions, "source": source})


def _add_roles(roles: list[str], text: str, ats: list[int], starts: list[int], skip: set[int],
               in_title: bytearray, verb_re: re.Pattern, speech: frozenset[str]) -> None:
    """Add to ``roles`` (once each, in order) the event verbs after each of ``ats`` up to the end of
    the sentence, another person (a mention start in ``starts``, sorted, that is not in ``skip``),
    or a speech verb (one call per person: the windows of all its mentions)."""
    size = len(text)
    search_end = SENTENCE_END_RE.search
    for start in ats:
        window_end = start + ROLE_WINDOW if start + ROLE_WINDOW < size else size
        end_match = search_end(text, start, window_end)
        end = end_match.start() if end_match else window_end
        # the first other mention after ``start`` ends the window (bisect: mentions can be many)
        index = bisect_right(starts, start)
        while index < len(starts) and starts[index] < end:
            if starts[index] not in skip:
                end = starts[index]
                break
            index += 1
        for match in verb_re.finditer(text, start, end):
            if in_title[match.start()]:
                continue                            # 国家森林防火指挥部: no role inside a title
            verb = match.group()
            if verb not in roles:
                roles.append(verb)
            if verb in speech:
                break


def find_people(doc: Document, *, rules: bool = True, model: bool = True) -> list[Official]:
    """The officials of ``doc`` (rules, model, or both fused — the stage uses both)."""
    text = doc.text
    excluded = {a.name for a in doc.authors} | _reporter_names(text)
    collector = _Collector(text, excluded)
    titles = find_titles(text) if rules else []
    if rules:
        confirm = (lambda start, end: _model_confirms(text, start, end, collector.model)) if model else None
        _rule_people(text, collector, titles, confirm)
        _comrade_people(text, collector, collector.model if model else None)
        _cue_people(text, collector, model=model)
        _list_neighbours(text, collector, {t.start for t in titles})
    # the private attribute read from pydantic's dict: getattr goes through BaseModel.__getattr__
    private = getattr(doc, "__pydantic_private__", None)
    if model and private and private.get("_ner") is not None:
        _hanlp_people(doc, collector)                  # Pipeline(model="hanlp"): HanLP is the model
    elif model:
        if rules:
            _model_people(text, collector)
            _model_lists(text, collector)
        else:
            for start, end in model_names(text):
                if plausible_name(text[start:end]):
                    collector.add(start, end, [], (end, start), source="jieba")
    if not collector.people:
        return []
    names = collector.known()
    mentions: dict[str, list[Span]] = {n: [] for n in names}
    starts: list[int] = []
    for match_start, match_end, name in _occurrences(text, names):
        mentions[name].append(Span.of(match_start, match_end))
        starts.append(match_start)
    people = [p for p in collector.people.values() if mentions[p.name]]
    people.sort(key=lambda p: mentions[p.name][0].start)
    in_title = bytearray(len(text))
    for title in titles:
        in_title[title.start:title.end] = b"\x01" * (title.end - title.start)
    addressed = _addresses(text, people)
    verb_re = _patterns()["verb"]
    speech = role_verbs()[1]
    officials = []
    for order, person in enumerate(people):
        name = person.name
        person_mentions = mentions[name]
        records = [_title_record(t) for t in _dedupe_titles(person.titles)] if person.titles else []
        roles: list[str] = list(person.label_roles)
        group_starts = {first for _end, first in person.anchors}
        anchor_ends = {end for end, _first in person.anchors}
        anchor_ends.update([span.end for span in person_mentions])
        if name in addressed:
            anchor_ends.update(addressed[name])
        _add_roles(roles, text, sorted(anchor_ends), starts, group_starts, in_title, verb_re, speech)
        officials.append(_official_record(name, records, roles, order, person_mentions, person.source))
    return officials


def _addresses(text: str, people: list[_Person]) -> dict[str, list[int]]:
    """Where a person is named by surname and position (张书记, 王区长): the end of each
    such reference, for the roles. Only when one person of the article fits."""
    _single, compound = surnames()
    owners: dict[str, list[str]] = {}
    for person in people:
        if not person.titles:
            continue                                # no position to be addressed by
        surname = person.name[:2] if person.name[:2] in compound else person.name[:1]
        if "·" in person.name or len(person.name) <= len(surname):
            continue
        for title in person.titles:
            key = surname + title.parts.position
            if person.name not in owners.setdefault(key, []):
                owners[key].append(person.name)
    ends: dict[str, list[int]] = {}
    for key, names in owners.items():
        if len(names) != 1:
            continue
        at = text.find(key)
        while at >= 0:
            if not text.startswith(names[0], at):
                ends.setdefault(names[0], []).append(at + len(key))
            at = text.find(key, at + len(key))
    return ends


def extract(doc: Document) -> Document:
    doc.officials = find_people(doc)
    return doc
