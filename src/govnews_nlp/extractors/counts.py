"""Counts: a number of discrete things, ``16个项目`` → Count(value=16, unit='个', item='项目').

Search, then read (dateparser's split): one compiled pattern finds a numeral followed by a
classifier (or by a noun counted without one, ``6万居民``); :func:`_read` then decides whether
the match is a count and which noun it counts:

- the noun written after the classifier, past a long modifier ending in 的
  (``3名走访进度严重滞后的干部`` → 干部, ``近300名穿着“警察”制服的不明身份人员``) or a field
  (``百余位文化教育领域专家学者``), cut before the verb, particle, 因-clause or next count that
  follows it (``3名老师因食用未煮熟的扁豆`` → 老师);
- when nothing nominal follows, the noun written right before the number
  (``动车组列车539对``, ``大型机械30余台``, ``同行评议论文二十余篇``; a person noun before 人次,
  ``已接待观众150万人次``; a short noun right before N家, ``青年学习社394家``), or the
  classifier itself when it names the thing (``30多人``, ``两家``, ``两国``, ``两顿``).

Round numbers written without a digit count too: a bare scale after an approximation word
(``近百名``, ``上万场``, ``百余件``, ``十几名`` → 10) or a bare 百/千 with a noun (``百所高校``).

Not counts (GUIDELINES.md): dates, times and durations (月, 日, 天, 小时 are not classifiers
here, 个月 is refused), ordinals (第三, 前三名), percentages and 百分点, money, ages, measures
(吨, 公里), a single 一 (一个, 一位 read as an article), and numbers inside a slogan, a quotation
of a few characters, a 《title》, a place or person mention, or a fixed name (八项规定, 十四五).
"""
from __future__ import annotations

import re
import weakref
from functools import lru_cache
from operator import attrgetter
from typing import Optional

from ..data import read_lines
from ..numerals import NUMERAL, Prefilter, finditer_prefiltered, parse_numeral, parse_round_scale
from ..records import Count, Document, Span, record_from_fields
from ..script import HAN
from ..spans import SpanIndex
from ..wordtrie import trie_pattern

# The patterns are compiled with re, not regex (faster to scan, faster matches): Chinese
# characters are script.HAN, or its ranges inside a larger class. (re's \s also takes
# \x1c-\x1f, which cleaning removes.)
_HAN_RANGES = HAN[1:-1]

# Classifiers of discrete things, longest first so that 人次 wins over 人.
CLASSIFIERS = (
    "人次", "户次", "架次", "艘次", "车次", "批次", "场次",
    "个", "名", "位", "家", "户", "项", "批", "座", "台", "辆", "架", "艘", "列", "对", "条", "件",
    "本", "所", "间", "栋", "幢", "处", "只", "头", "匹", "张", "份", "套", "部", "支", "起", "次",
    "场", "轮", "篇", "封", "幅", "根", "株", "棵", "口", "宗", "例", "种", "类", "趟", "枚",
    "颗", "盏", "包", "顿", "科", "人", "大", "国",
)
# Classifiers that name the counted thing themselves when no noun follows: 30多人, 两家, 两国.
SELF_COUNTING = frozenset({"人", "人次", "户", "家", "国", "户次", "顿"})
# Classifiers whose count never takes the noun after them: 6万人喝水, 两国人民, 两国关系.
NO_NOUN_AFTER = frozenset({"人", "人次", "国", "户次"})
# Nouns counted straight after a number, with no classifier: 6万居民, 7500兵力.
BARE_NOUNS = (
    "居民", "群众", "兵力", "村民", "农民工", "农民", "党员", "干部", "职工", "员工", "学生", "儿童",
    "游客", "旅客", "乘客", "人口", "官兵", "民众", "市民", "志愿者", "患者", "农户", "贫困户",
    "贫困人口", "教师", "医护人员", "工人", "考生", "选手", "观众", "网民", "灾民", "移民", "户籍人口",
    "常住人口", "人口", "支部", "常委", "青少年",
)
# Nouns that may stand before 人次 as what is counted: 旅客6820万人次.
VISITOR_NOUNS = ("旅客", "游客", "乘客", "观众", "患者", "群众", "青少年", "学生", "读者", "听众", "访客",
                 "市民", "居民", "儿童", "病人", "职工", "党员", "干部")
# The person noun ending the words before 人次: 已接待观众150万人次 → 观众.
_VISITOR_NOUN_END = re.compile(rf"(?:{'|'.join(VISITOR_NOUNS)})$")
# Classifiers whose count takes the noun written right before an Arabic number when nothing
# follows: 苏州共建青年学习社394家 → 青年学习社 (but 两家, 其中江苏12家 keep 家; 户 keeps 户 as
# 倒塌43户, 重损2769户 count households, not what is written before).
NOUN_BEFORE_SELF_COUNTING = frozenset({"家"})

_NUMERAL_CHARS = "零〇○一二两三四五六七八九十百千万亿"
# A bare scale after an approximation word is a round number: 上万场 (10000), 近千名 (1000), 上百万人.
_BARE_ROUND_SCALES = frozenset({"百", "千"})
# The classifiers as re tries them fastest: the two-character ones first (as in CLASSIFIERS),
# then one character class instead of fifty-odd alternatives tried one by one.
_CLASSIFIER_ALTERNATION = "|".join(word for word in CLASSIFIERS if len(word) > 1) + \
    f"|[{''.join(word for word in CLASSIFIERS if len(word) == 1)}]"
_BARE_NOUN_FIRST_CHARS = "".join(sorted({word[0] for word in BARE_NOUNS}))
# The standard re, not regex: a third faster to scan, and its matches answer group() faster.
# The look-aheads on the first character let the engine pass over most positions at once.
# tests/extractors/test_counts.py checks it against the plain regex pattern it replaced.
# _read still refuses a 1 written in Chinese (〇一) that the pattern lets through.
_COUNT_CANDIDATE = re.compile(
    rf"(?=[\d近约逾超上{_NUMERAL_CHARS}])"
    rf"(?<![\d.,:：·\-—~～/A-Za-z数几每{_NUMERAL_CHARS}])(?<![\d{_NUMERAL_CHARS}][多余])"
    rf"(?P<approx_before>近|约|逾|超过|(?<!成千)上(?=[百千万]))?"
    # 一 alone (一个, 一位: an article, never a count; a third of the candidates) is passed over
    rf"(?!一(?![{_NUMERAL_CHARS}]))"
    rf"(?P<number>(?>{NUMERAL}))(?P<approx>[多余]|(?<=十)几)?"
    rf"(?:(?P<unit>{_CLASSIFIER_ALTERNATION})"
    rf"|(?=[{_BARE_NOUN_FIRST_CHARS}])(?=(?P<bare>{'|'.join(BARE_NOUNS)})))"
)
# Where a _COUNT_CANDIDATE match may start (numerals.finditer_prefiltered): the same first
# character and character before it, then the shape of approximation word + numeral +
# approximation, loosely, and the first character of a classifier or bare noun. It begins with a
# plain class, so re skips most positions in C; the pattern is tried at 2,400 places of 500
# articles instead of at every character (the scan 5.4 → 3.6 ms). Linear: no start inside a
# run of numeral characters, and each piece after the first is bounded by the next.
_COUNT_START = Prefilter.compile(
    rf"[\d近约逾超上{_NUMERAL_CHARS}](?<![\d.,:：·\-—~～/A-Za-z数几每{_NUMERAL_CHARS}].)"
    # a lone 一 (一个, 一次: 700 of the 950 places where the pattern was tried in vain)
    rf"(?:(?<!一)|(?=[{_NUMERAL_CHARS}]))"
    # the run of numeral characters taken whole (*+): what may follow it (多余几, a scale, a
    # classifier) can as well follow its longest form, so giving characters back never helps
    rf"过?[\d.,{_NUMERAL_CHARS}]*+[多余几]?[十百千万亿]{{0,3}}[多余几]?"
    rf"[{''.join(sorted({word[0] for word in CLASSIFIERS}))}{_BARE_NOUN_FIRST_CHARS}]"
)
_BARE_NOUN = re.compile("|".join(sorted(BARE_NOUNS, key=len, reverse=True)))
_ORDINAL_BEFORE = re.compile(r"(?:第|(?<![目此之以提当日年月从事眼])前|(?<![心年月日])头|首|排名|位列|位居|排行|倒数)$")
# The characters an _ORDINAL_BEFORE match can end with (and a newline, as $ matches before one):
# a set lookup spares the regex call for most candidates.
_ORDINAL_LAST_CHARS = frozenset("第前头首名列居行数\n")
# What may not follow a classifier: durations (3个月), 百分点, session numbers (四次会议) …
_REFUSED_AFTER = {
    "个": re.compile(r"\s{0,2}多?(?:月|半|小时|星期|工作日|季度|钟头|年头|百分点|基点|世纪|礼拜|周)"),
    "次": re.compile(r"(?:会议|全会|全体会议|大会|方)"),
    "大": re.compile(r"(?:会|以来|精神|报告|代表|期间|召开|胜利|开幕|闭幕|上|后|前|和|、|的|提出|作出|确立|明确|部署)"),
    "人": re.compile(r"[口民员均士才大类种性格心群]"),
    "道": re.compile(r"[路口理德]"),
    "支": re.compile(r"部"),
    "处": re.compile(r"[长室]|处长"),
    "国": re.compile(r"[家际内外务庆企标债道旗歌]"),
    "家": re.compile(r"[乡长庭属园里中]"),
    "台": re.compile(r"[山湾阶上下]"),
    "头": re.compile(r"[脑条版号等]"),
    "口": re.compile(r"[号气子径岸]"),
    "张": re.compile(r"[力]"),
    "部": re.compile(r"[分门长]"),
    "条": re.compile(r"[件例款]"),
    "名": re.compile(r"[称义字单列]"),
    "位": re.compile(r"[数于置]"),
    "份": re.compile(r"[子额]"),
    "包": re.compile(r"[括含容装干袱裹]"),
    "顿": re.compile(r"[时悟挫号]"),
    "科": re.compile(r"[技学研室长目级普幻协委全]"),
}
# Items that make the phrase something other than a count.
# 两家公司面前的难题: a place word before 的 makes the noun before it the counted one.
_LOCATIVE = re.compile(r"面前|跟前|之前|之后|之间|之中|当中|中间|以来|以前|以后|身上|手中|眼中|身边")
_PARTY_CONGRESS_BEFORE = re.compile(r"(?:党的|中共|党|团的)$")
_REFUSED_ITEM = re.compile(r"^(?:钱|元|资金|倍|成(?![人员年果品])|层|楼|米|级|之)")

# The counted noun after the classifier: letters, digits and Chinese characters (二级平台, 5G基站).
_NOUN_RUN = re.compile(rf"\s{{0,2}}(?P<run>[{_HAN_RANGES}A-Za-z][{_HAN_RANGES}A-Za-z0-9]{{0,23}})")
# Where a noun phrase ends: particles, prepositions, adverbs and frequent verbs after a count.
# Where a noun phrase ends: verbs, adverbs and particles frequent after a count.
_VERB_WORDS = (
    "进行|得到|获得|参加|参与|实现|完成|开展|构成|组成|成为|达到|超过|以上|以下|左右|分别|共同|正在|全部|"
    "目前|已经|经过|不同程度|进入|受到|接受|发生|出现|提供|覆盖|大量|同时|相继|先后|通过|分布|位于|来自|"
    "死亡|受伤|遇难|失踪|受灾|获救|参演|参战|入驻|落户|签约|开工|竣工|投产|深入|赶赴|带领|只有|"
    "恢复|免费|牵头|围绕|引领|暂停|实施|前往|提出|撤离|担任|发出|涉及|造成|满载|早日|当天|当日|今天|"
    "昨天|正式|纷纷|陆续|一起|一同|相互|主动|积极|自愿|连环|因为|分头|集中|实现|正常|成功|顺利|"
    "增长|增加|减少|下降|上升|提高|扩大|(?<![方导指走倾意动趋面风去])向|"
    "被(?!告|害|执行|捕)|共(?=\\d|[一二两三四五六七八九十])|(?<![善属位等对关由基至终处便])于"
)
_PARTICLES = "的了着在将已均都也是为有对从把给让使由到至来去并而却仍还又就才遭赴获俱"
# 因 starts a clause (3名老师因食用…, 百余辆车因大雪…) except in 因素, 原因, 基因.
_BECAUSE = r"(?<![基原起诱])因(?![素子])"
# The characters a verb word begins with (its look-arounds dropped): tested first, they spare
# trying a hundred and fifty words at each character of a noun (a search twice as fast).
_VERB_FIRST_CHARS = "".join(sorted({word[0] for word in re.sub(r"\(\?<?[!=][^)]*\)", "", _VERB_WORDS).split("|")}))
_NOUN_END = re.compile(rf"(?=[{_VERB_FIRST_CHARS}因{_PARTICLES}和与及或等\d])"
                       rf"(?:{_VERB_WORDS}|{_BECAUSE}|[{_PARTICLES}和与及或等\d])")
# Ends that cannot sit inside a modifier before 的 (conjunctions 和/与/及 can: 善于和群众打交道的).
_STRONG_NOUN_END = re.compile(
    rf"(?=[{_VERB_FIRST_CHARS}因{_PARTICLES}\d])(?:{_VERB_WORDS}|{_BECAUSE}|[{_PARTICLES.replace('的', '')}\d])"
)
# A modifier may open with a verb and 着: 穿着“警察”制服的不明身份人员.
_VERB_ZHE_OPENING = re.compile(rf"^{HAN}着")
# A modifier holding quotation marks, up to its 的: 穿着“警察”制服的.
_QUOTED_MODIFIER = re.compile(rf"(?P<mod>[{_HAN_RANGES}A-Za-z0-9“”‘’]{{1,20}}?)的(?={HAN})")
_QUOTE_CHARS = re.compile(r"[“”‘’]")
# A field written before the noun with no 的: 百余位文化教育领域专家学者 → 专家学者.
_FIELD_MODIFIER = re.compile(rf"{HAN}{{2,8}}?领域(?={HAN}{{2}})")
# Chars that end a noun only after its first two characters (中小企业 but 企业中, 分公司 but 车辆分,
# 不明身份人员 but 群众不等不靠, 以色列 but 专家学者以).
_NOUN_END_LATE = re.compile(r"[中内里上下外间前后因分赶抢急送不以]")
# Before the number: the verb that governs the noun (增开动车组列车539对) is dropped.
_VERB_BEFORE_NOUN = re.compile(
    r"(?:共建|组建|培育|认定|接待|发表|发布|出版|举办|推出|纳入|发生|增开|开行|投入|出动|调集|调派|派出|发送|新增|累计|共有|拥有|现有|计划|完成|建成|新建|改造|"
    r"已达|达到|超过|其中|包括|救出|转移|疏散|获得|接到|收到|建成|增至|通过|有|共|达|计|约|已|的|和|与|及|了|从|到|为|超|等)"
)
# Words between a noun and its number: 病例为163例, 确诊病例已达5万例.
_LINK_BEFORE_NUMBER = re.compile(
    r"(?:已达|达到|超过|不足|增至|增加到|升至|降至|最高为|分别为|合计|累计|总计|共计|共有|[为达超共约近有是计])$"
)
_HAN_RUN_BEFORE = re.compile(rf"(?P<run>[{_HAN_RANGES}A-Za-z]{{1,10}})\s{{0,1}}$")
_ENUMERATION_BEFORE = re.compile(r"等$")
_COUNTRY_PAIR_BEFORE = re.compile(r"[中美俄日韩朝英法德意印巴越老柬泰缅菲新马澳加欧非蒙哈乌土伊]{2}$")

_CLAUSE_END = frozenset("，。；、！？")
_BOOK_TITLE = re.compile(r"《[^《》\n]{1,60}》")
# Short quotations, by their opening mark. An article with none of 「, ‘ and " (486 of 500) is
# scanned for the “…” form alone: a pattern that opens with one literal, which re finds by a plain
# character search instead of a class test at every position (1.2 → 0.5 ms over 500 articles,
# the three tests for the other marks included).
_SHORT_QUOTE_FORMS = {
    "“": r"“[^“”\n。！？]{1,12}”", "「": r"「[^「」\n。！？]{1,12}」", "‘": r"‘[^‘’\n。！？]{1,12}’",
    '"': r'"[^"\n。！？]{1,12}"',
}
_SHORT_QUOTE = re.compile("|".join(_SHORT_QUOTE_FORMS.values()))
_CURLY_DOUBLE_QUOTE = re.compile(_SHORT_QUOTE_FORMS["“"])
_MAX_MODIFIER_TO_ITEM = 16
_MAX_ITEM = 8
# A Chinese-numeral count starting inside a noun run: 选择百余件, 进百家.
_NEXT_COUNT = re.compile(
    rf"(?:近|约|逾|上|第)?[一二两三四五六七八九十百千万][{_NUMERAL_CHARS}]{{0,4}}[多余几]?"
    rf"(?:{'|'.join(CLASSIFIERS)})"
)
_MAX_NOUN_BEFORE_SELF_COUNTING = 6
_MAX_NEXT_LINE_TO_JOIN = 15
_QUOTED_ITEM = re.compile(r"“(?P<item>[^“”\n]{1,12})”")


@lru_cache(maxsize=1)
def _fixed_names() -> re.Pattern:
    """Fixed names holding a numeral (八项规定, 十四五) as one trie pattern (wordtrie.trie_pattern):
    at each place the longest name, scanning on from its end, as a leftmost-longest Aho-Corasick
    automaton finds them. With a hundred names re is the faster of the two: it passes over the
    characters that begin no name in its C loop (1.8 → 1.3 ms over 500 articles)."""
    return re.compile(trie_pattern(read_lines("fixed_numeral_names.txt")))


def protected_spans(doc: Document) -> list[tuple[int, int]]:
    """Ranges of ``doc.text`` where a numeral is part of a name, a title or a slogan, sorted.

    Shared by the amounts and dates stages: slogans (doc.slogans), short quotations,
    《titles》, fixed names, and the mentions of places and officials found earlier.
    The three stages ask in turn about the same document; the last answer is kept while
    the document and its text, slogans, places and officials are the same objects (and
    lists of the same lengths), until :func:`forget_protected`. Treat the list as read-only.
    """
    return _protected(doc).spans()


def protected_index(doc: Document) -> "_Protected":
    """:func:`protected_spans` as an index: ``overlaps(start, end)`` answers in O(log n).

    The spans are gathered on the first question, not before: a text with no candidate
    number that reaches the question never needs them.
    """
    return _protected(doc)


class _Protected:
    """The protected spans of one document's inputs, gathered and indexed on first use."""

    __slots__ = ("document", "text", "slogans", "places", "officials", "sizes", "_index")

    def __init__(self, document: weakref.ref, text: str, slogans: list, places: list, officials: list):
        self.document, self.text, self.slogans, self.places, self.officials = document, text, slogans, places, officials
        self.sizes = (len(slogans), len(places), len(officials))
        self._index: Optional[SpanIndex] = None

    def index(self) -> SpanIndex:
        if self._index is None:
            self._index = SpanIndex(_protected_spans(self.text, self.slogans, self.places, self.officials))
        return self._index

    def spans(self) -> list[tuple[int, int]]:
        return self.index().spans

    def overlaps(self, start: int, end: int) -> bool:
        return (self._index or self.index()).overlaps(start, end)


def _protected(doc: Document) -> _Protected:
    global _last_protected
    last = _last_protected
    text, slogans, places, officials = doc.text, doc.slogans, doc.places, doc.officials
    if last.document() is doc and last.text is text and last.slogans is slogans and last.places is places \
            and last.officials is officials and last.sizes == (len(slogans), len(places), len(officials)):
        return last
    _last_protected = _Protected(weakref.ref(doc), text, slogans, places, officials)
    return _last_protected


def forget_protected(doc: Document) -> None:
    """Let go of the protected spans kept for ``doc`` and of its lists: the dates stage, the
    last of the three to ask, calls it. Kept, they would hold the document's slogans, places
    and officials alive until the next document, and free them inside the next counts stage."""
    global _last_protected
    if _last_protected.document() is doc:
        _last_protected = _NOTHING_PROTECTED


def _no_document() -> None:
    return None


_NOTHING_PROTECTED = _Protected(_no_document, "", [], [], [])
_last_protected = _NOTHING_PROTECTED


# (start, end) of a Span: mapped over a record's mentions, half the time of a comprehension.
_span_bounds = attrgetter("start", "end")


def _protected_spans(text: str, slogans: list, places: list, officials: list) -> list[tuple[int, int]]:
    spans = [(s.span.start, s.span.end) for s in slogans]
    quotes = _SHORT_QUOTE if "「" in text or "‘" in text or '"' in text else _CURLY_DOUBLE_QUOTE
    spans += [m.span() for m in quotes.finditer(text)]
    if "《" in text:
        spans += [m.span() for m in _BOOK_TITLE.finditer(text)]
    spans += [m.span() for m in _fixed_names().finditer(text)]
    for record in places:
        spans += map(_span_bounds, record.mentions)
    for record in officials:
        spans += map(_span_bounds, record.mentions)
    return spans


def _noun_after(text: str, pos: int, arabic: bool = True) -> tuple[str, int, int]:
    """The counted noun starting at ``pos`` (after the classifier): (item, item start, item end).

    >>> text = "对陈钇任等3名走访进度严重滞后的干部进行约谈"
    >>> _noun_after(text, text.index("走"))[0]
    '干部'
    >>> text = "主桥由两座双超千米的特大跨度悬索桥构成。"
    >>> _noun_after(text, text.index("双"))[0]
    '特大跨度悬索桥'
    >>> text = "对康辉新材料等16个项目和石港镇二级载体平台进行了集中观摩"
    >>> _noun_after(text, text.index("项"))[0]
    '项目'
    >>> text = "反映两家工厂大量向河里敞放未经处理的工业废水情况"
    >>> _noun_after(text, text.index("工"))[0]
    '工厂'
    """
    if text.startswith("“", pos):
        quoted = _QUOTED_ITEM.match(text, pos)
        if quoted is not None:          # 7个“研发飞地”
            return quoted.group("item"), quoted.start("item"), quoted.end()
    match = _NOUN_RUN.match(text, pos)
    if match is None:
        return "", pos, pos
    start, run_end = match.span("run")
    if "\n" in text[pos:start]:
        # 两次⏎曝光 (a line broken mid-sentence) joins; a headline ending in a count does not.
        line_end = text.find("\n", start)
        if (line_end if line_end >= 0 else len(text)) - start > _MAX_NEXT_LINE_TO_JOIN:
            return "", pos, pos
    run = match.group("run")
    if text[run_end:run_end + 1] in ("“", "‘"):
        # 穿着“警察”制服的不明身份人员: a modifier holding a quotation, the noun after its 的
        quoted_modifier = _QUOTED_MODIFIER.match(text, start)
        if quoted_modifier is not None \
                and _is_modifier(_QUOTE_CHARS.sub("", quoted_modifier.group("mod")), 10):
            after = _NOUN_RUN.match(text, quoted_modifier.end())
            if after is not None:
                run, start = after.group("run"), after.start("run")
    de = run.find("的", 0, _MAX_MODIFIER_TO_ITEM)
    # 走访进度严重滞后的干部: a long modifier, the noun after 的. 项目的建设: the noun before 的.
    # 300多本的乡镇干部: 的 right after the classifier (not in 狼烟四起的丝绸之路, an idiom)
    # 集装箱船的第一艘, 国家和地区的两千多名: what follows 的 is another count, not the noun
    if de >= 0 and ((de == 0 and arabic) or _is_modifier(run[:de])) \
            and de + 1 < len(run) and not run[de + 1].isdigit() and not _NEXT_COUNT.match(run, de + 1):
        run, start = run[de + 1:], start + de + 1
    field = _FIELD_MODIFIER.match(run) if "领域" in run else None
    if field is not None:               # 文化教育领域专家学者
        run, start = run[field.end():], start + field.end()
    noun_end = _NOUN_END.search(run)
    cut = len(run) if noun_end is None else noun_end.start()
    locative = _LOCATIVE.search(run, 1, cut + 1)
    if locative is not None:
        cut = locative.start()
    late_end = _NOUN_END_LATE.search(run, 2, cut)
    if late_end is not None:
        cut = late_end.start()
    next_count = _NEXT_COUNT.search(run, 2, cut + 1)
    if next_count is not None:          # 文博场馆选择百余件: the next count starts
        cut = next_count.start()
    item = run[:min(cut, _MAX_ITEM)].rstrip("0123456789")
    if len(item) == 1 and _NOUN_END_LATE.match(item):
        item = ""                       # 一家四口中: a place word, not a noun
    after = start + len(item)
    # 300多本的乡镇干部《走访登记本》: a book title right after the noun is the head.
    if item and text.startswith("《", after):
        title = _BOOK_TITLE.match(text, after)
        if title is not None:
            return title.group(0)[1:-1], after + 1, title.end()
    return item, start, after


def _is_modifier(words: str, longest: int = 8) -> bool:
    """Whether ``words`` (written before a 的) can be a modifier of the counted noun.

    >>> [_is_modifier(w) for w in ("走访进度严重滞后", "穿着警察制服", "老师因食用未煮熟", "项目")]
    [True, True, False, False]
    """
    if not 4 <= len(words) <= longest or _LOCATIVE.search(words) is not None:
        return False
    for end in _STRONG_NOUN_END.finditer(words):
        if not (end.group() == "着" and _VERB_ZHE_OPENING.match(words)):
            return False
    return True


def _noun_before(text: str, pos: int) -> tuple[str, int]:
    """The noun written right before the number at ``pos``: (item, item start).

    >>> text = "计划增开动车组列车539对"
    >>> _noun_before(text, text.index("5"))
    ('动车组列车', 4)
    >>> text = "单日新增确诊病例为163例"
    >>> _noun_before(text, text.index("1"))
    ('确诊病例', 4)
    >>> _noun_before("桥梁从779159座增加到", 14)
    ('', 14)
    """
    match = _HAN_RUN_BEFORE.search(text, max(0, pos - 11), pos)
    if match is None:
        return "", pos
    run, start = match.group("run"), match.start("run")
    if start > 0 and text[start - 1].isdigit():
        return "", pos                  # 779159座增加到: the run is the tail of another count
    link = _LINK_BEFORE_NUMBER.search(run)
    if link is not None:
        run = run[:link.start()]
    last_verb = None
    for last_verb in _VERB_BEFORE_NOUN.finditer(run):
        pass
    if last_verb is not None:
        start += last_verb.end()
        run = run[last_verb.end():]
    if len(run) < 2:
        return "", pos
    return run, start


def _read(doc: Document, match: re.Match, protected: _Protected):
    """The Count for one candidate match, or None when it is not a count."""
    text = doc.text
    approx_before, number, approx, unit, bare = match.groups()  # the pattern's five groups, in order
    value = parse_numeral(number)
    round_number = False
    if value is None:
        # 近千名, 上万场, 百余件: a bare scale with an approximation word is a round number;
        # alone (百所高校) it needs a counted noun after it, see below.
        value = parse_round_scale(number)
        round_number = value is not None
    approximate = bool(approx_before or approx)
    # (parse_numeral gives a float only for a number with a fraction: 1.5万 is 15000, an int)
    if value is None or type(value) is float or value <= 0:
        return None
    if value == 1 and not number[0].isdigit() and not round_number:
        return None                     # 一个, 一位: an article, not a count
    num_start = match.start(2)          # the number
    if num_start and text[num_start - 1] in _ORDINAL_LAST_CHARS \
            and _ORDINAL_BEFORE.search(text, max(0, num_start - 2), num_start):
        return None
    start, end = match.span()
    if protected.overlaps(num_start, end):
        return None
    if unit is not None:
        refused = _REFUSED_AFTER.get(unit)
        if refused is not None and refused.match(text, end):
            bare_noun = _BARE_NOUN.match(text, match.start("unit"))
            if bare_noun is None:
                return None
            # 6万人口, 两支部: the classifier character starts a noun
            return _count(text, value, None, bare_noun.group(0), start, bare_noun.end())
        elif unit in "栋幢座" and end < len(text) and text[end].isdigit():
            return None                 # 6栋3单元: an address
        if unit == "大" and (value > 10 or not number[0] in _NUMERAL_CHARS
                             or _PARTY_CONGRESS_BEFORE.search(text, max(0, num_start - 3), num_start)):
            return None                 # 党的六大, 十九大: a congress
    if round_number and not approximate and (unit is None or unit in NO_NOUN_AFTER
                                             or number not in _BARE_ROUND_SCALES):
        return None                     # 万人空巷, 万家团圆: only 百所高校, 千名党员 stand alone
    if unit is None:                    # 6万居民: the noun follows the number directly
        if not (number[0].isdigit() or number[-1] in "万亿"
                or _ENUMERATION_BEFORE.search(text, max(0, start - 1), start)):
            return None                 # 九常委 only after 等
        return _count(text, value, None, bare, start, end + len(bare))
    item, item_end = "", end
    if unit not in NO_NOUN_AFTER:
        item, _item_start, item_end = _noun_after(text, end, number[0].isdigit())
    if item and _REFUSED_ITEM.match(item):
        return None
    if round_number and not approximate and (len(item) < 2 or item[0] in _NUMERAL_CHARS):
        return None                     # 百所高校 is a count, 千家万户 and 百花 are not
    if item:
        return _count(text, value, unit, item, start, item_end)
    if unit == "人次":
        noun, noun_start = _noun_before(text, start)
        visitor = _VISITOR_NOUN_END.search(noun)
        if visitor is not None:         # 已接待观众150万人次, 其中青少年15万人次
            return _count(text, value, unit, visitor.group(), noun_start + visitor.start(), end)
    if unit in NOUN_BEFORE_SELF_COUNTING and number[0].isdigit():
        noun, noun_start = _noun_before(text, start)
        if noun and noun_start + len(noun) == start and _plain_noun(noun) \
                and not _is_place(doc, noun_start, start):
            return _count(text, value, unit, noun, noun_start, end)  # 青年学习社394家
    if unit in SELF_COUNTING:
        if unit == "国":
            pair = _COUNTRY_PAIR_BEFORE.search(text, max(0, start - 2), start)
            if pair is not None:        # 中俄两国
                start = pair.start()
        return _count(text, value, unit, unit, start, end)
    if round_number and text[end:end + 1] in _CLAUSE_END:
        return _count(text, value, unit, unit, start, end)  # 举办了上万场，
    if not number[0].isdigit() and value < 10:
        return None                     # 狼烟四起: a noun before 一…九 is not counted (论文二十余篇 is)
    noun, noun_start = _noun_before(text, start)
    if noun and (number[0].isdigit() or _plain_noun(noun)):  # 动车组列车539对, 大型机械30余台
        return _count(text, value, unit, noun, noun_start, end)
    return None


def _plain_noun(words: str) -> bool:
    """A short run with no verb or particle in it (青年学习社, not 成都市迄今发生余震)."""
    return len(words) <= _MAX_NOUN_BEFORE_SELF_COUNTING and _STRONG_NOUN_END.search(words) is None


def _is_place(doc: Document, start: int, end: int) -> bool:
    """Whether a place mention found earlier overlaps ``[start, end)`` (其中江苏12家)."""
    return any(s.start < end and start < s.end for place in doc.places for s in place.mentions)


def _count(text: str, value: int, unit, item: str, start: int, end: int) -> Count:
    return record_from_fields(Count, {"value": value, "unit": unit, "item": item, "text": text[start:end],
                                      "span": Span.of(start, end)})


def find_counts(doc: Document) -> list[Count]:
    """Every count in ``doc.text``, in text order."""
    text = doc.text
    protected = protected_index(doc)
    counts = []
    for match in finditer_prefiltered(_COUNT_START.for_text(text), _COUNT_CANDIDATE, text):
        count = _read(doc, match, protected)
        if count is not None:
            counts.append(count)
    return counts


def extract(doc: Document) -> Document:
    doc.counts = find_counts(doc)
    return doc
