"""Places: every named place of the article, resolved to its administrative code when the text allows.

How it works, in one pass over the text and a few passes over the matches:

1. **Find**: the gazetteer's longest-match scanner gives every full name (南通市), short form
   (南通, 海北州), old name (襄樊), foreign place (平壤) and place without a code (台北); the
   leftmost-longest matches are kept. A match inside a person's name found by the officials stage
   (长春 in 李长春) is dropped. A town written right after its county under another suffix or an
   old name (宁河县廉庄乡 → 廉庄镇) is found by its stem; one the list lacks (密云古北水镇) is kept
   without a code. A transliterated name + 市/州/省/郡 after a foreign place is a foreign
   subdivision (美国塔科马市); a foreign city + 州 is its region (哈尔科夫州).
2. **Filter**: a match inside the name of a newspaper, company, school, bridge, event or treaty
   (通州日报, 南沙大桥, 迪拜世博会, 京都议定书) is not a place but still tells where the article is
   (organs, academies and research institutes keep it: 中国科学院, 福建省光学技术研究所);
   a match followed by a zone word is a development zone (南通高新区); ``中国共产党`` is no place;
   a foreign name that runs on into more transliteration is a piece of a longer name (马里乌波尔).
3. **Accept**: names that are seldom ordinary words (浙江, 南通市, 石港镇, 石家庄) stand on their
   own; short forms of counties (通州, 鼓楼, 长安), two-character full names (赵县, 城区) and the
   few city names that are also common words (大同, 长治, 朝阳) need support: a written chain
   (江苏南通, 南京鼓楼区), another place of the same prefecture in the article, or, for a city
   named like a common word, a 、-list with other cities (在北海、深圳、武汉等地).
4. **Resolve**: a name with several possible divisions (通州区 in Beijing and in Nantong) takes the
   one that the chain, the other places of the article, the source and the officials' titles
   point to; when they do not decide, the adcode stays null and the candidates are listed.
5. **Villages, communities and forest farms** (红路村, 哈乙亥村, 伊南河林场) are found by their
   suffix with a clear left boundary (a place just before, punctuation, or a function word);
   they carry no adcode.

Measured on ``shared/eval/dev.jsonl`` (11 articles): see tests/golden/floors.json.
"""
from __future__ import annotations

import re
from bisect import bisect_left
from dataclasses import dataclass
from functools import lru_cache
from typing import Optional

import regex

from ..gazetteer import Division, Gazetteer, Surface, gazetteer
from ..records import Document, Place, Span, record_from_fields
from ..spans import SpanIndex


# The patterns below are small (words after or before a name, tried at one position) and run
# thousands of times per article: the standard library's re calls them twice as fast as regex.

def _first_chars(pattern: re.Pattern) -> frozenset[str]:
    """The characters a match of ``pattern`` can start with, so that a set lookup can skip the
    pattern at most positions. Only for patterns of plain words and listed characters."""
    if any(sign in pattern.pattern for sign in ("\\", ".", "(?<=", "[^")):
        raise ValueError(f"not a pattern of plain words and listed characters: {pattern.pattern}")
    partial = regex.compile(pattern.pattern)  # regex tells whether a string can begin a match
    return frozenset(ch for ch in set(pattern.pattern) if partial.match(ch, partial=True))


def _han_except(stops: frozenset[str]) -> str:
    """A character class of the CJK Unified Ideographs without ``stops``."""
    ranges, low = [], 0x4E00
    for code in sorted(ord(ch) for ch in stops if 0x4E00 <= ord(ch) <= 0x9FFF):
        if code > low:
            ranges.append(f"{chr(low)}-{chr(code - 1)}")
        low = code + 1
    ranges.append(f"{chr(low)}-\u9fff")
    return "[" + "".join(ranges) + "]"


# --- what may follow a match ------------------------------------------------------------------

# development zones written right after a place name: 南通高新区, 苏州工业园区, 嘉兴经开区
ZONE_SUFFIX = re.compile(
    r"国家级?(?:高新技术产业开发区|经济技术开发区)|高新技术产业开发区|高新技术开发区|经济技术开发区|经济开发区"
    r"|高新区|经开区|开发区|工业园区|工业园|产业园区|产业园|综合保税区|保税港区|保税区|自由贸易试验区"
    r"|自贸试验区|自贸区|临空经济区|新区|综合试验区|示范区"
)
ZONE_FIRST = _first_chars(ZONE_SUFFIX)
# a place name inside the name of an outlet, firm, school, facility or event is no place of the article
# (research institutes and academies are organs: 福建省光学技术研究所, 中国科学院, 江苏省农业科学院 keep the place)
ORG_WORDS = re.compile(
    r"日报|晚报|早报|时报|商报|都市报|报社|报业|电视台|广播电视|电台|之声|卫视|融媒|新闻网|发布厅"
    r"|有限公司|有限责任公司|公司|集团|股份|银行|农商行|大学|(?<!科)学院|学校|中学|小学|幼儿园|医院"
    r"|出版社|杂志|期刊|书展|电影节|艺术节|大桥|长江大桥|铁路|高速公路|高速|机场|火车站|高铁站|车站|港务|码头|世博会|博览会|奥运会|冬奥会"
    r"|亚运会|运动会|峰会|论坛|回合|合作组织|舰|宾馆|酒店|饭店|剧院|体育场|体育馆|博物馆|图书馆|纪念馆|景区|公园|广场"
)
ORG_WINDOW = 6
# a treaty or declaration named after the city where it was made: 京都议定书, 巴黎协定, 维也纳公约
DOCUMENT_AFTER = re.compile(r"议定书|协定|公约|宣言|共识")
# a government organ after the name keeps it a place (南通市委, 福建省人民政府, 北京市环境保护局)
ORGAN_START = re.compile(r"[委府局厅办]|人大|政协|人民政府|政府|法院|检察院|公安|党")


def _word_starts(*patterns: re.Pattern) -> re.Pattern:
    """A pattern of the first two characters of every word of ``patterns`` (alternations of plain
    words, a lookbehind allowed), a one-character word whole: where none occurs, no word begins."""
    starts = set()
    for pattern in patterns:
        for word in re.sub(r"\(\?<!\w+\)", "", pattern.pattern).split("|"):
            if not word or any(sign in word for sign in "\\.()[]?*+{"):
                raise ValueError(f"not a pattern of plain words: {pattern.pattern}")
            starts.add(word[:2])
    return re.compile("|".join(sorted(starts, key=lambda start: (-len(start), start))))


# where one of them can begin close enough to count: a word of two characters may start up to
# ORG_WINDOW characters after the name, so its first two end by ORG_REACH. One name in ten has
# one there, where one in two has a character that could begin one.
ORG_OR_DOCUMENT_START = _word_starts(ORG_WORDS, DOCUMENT_AFTER)
ORG_REACH = ORG_WINDOW + 2
# DOCUMENT_AFTER or ORGAN_START at the start of the window, else the first of ORG_WORDS: one search
ORG_VERDICT = re.compile(
    rf"^(?:(?P<document>{DOCUMENT_AFTER.pattern})|(?P<organ>{ORGAN_START.pattern}))|{ORG_WORDS.pattern}")
# characters that end the window in which ORG_WORDS are looked for
WINDOW_STOP = frozenset("的了在和与及等将已于是为对把被从向到至往连通、，。；：！？")
# the window: up to ORG_WINDOW + 4 Han characters, up to the first stop
ORG_TAIL = re.compile(_han_except(WINDOW_STOP) + "{0,%d}" % (ORG_WINDOW + 4))

# what must not follow: 东方市场 (not 东方市), 应县级 (not 应县), 美丽乡村, 朝鲜族, 印度洋, 北京时间
NOT_AFTER_CITY = frozenset("场值面井价况容集")
NOT_AFTER_ANY = ("族", "洋", "话", "腔", "菜", "籍华人")
NOT_AFTER_FIRST = frozenset(word[0] for word in NOT_AFTER_ANY)
# a river, lake or mountain named like a county (南明河, 贺兰山东麓)
NATURE_AFTER = frozenset("河江湖山岭峰溪岛")
# 贺兰山东麓, 太湖南岸, 北山东桥: a mountain, lake or river + a direction, read as 山东, 湖南 …
DIRECTION_PROVINCES = frozenset({"山东", "山西", "江西", "湖南", "湖北", "河南", "河北"})
DIRECTION_AFTER = frozenset("岸侧麓坡端郊桥")
DIRECTION_CAN_PRECEDE = frozenset("在到从赴至和与及、是的省中全")
# a street, road or station named after a place: 北京路, 南京东路, 武昌站
STREET_AFTER = re.compile(r"[东西南北中]?路|大街|大道|街(?![道头区面上坊巷])|站(?![位稳起出])")
STREET_FIRST = _first_chars(STREET_AFTER)
# 中国 as part of a party's, a people's or an idea's name; 中国科学院, 中国作家协会 are organs and keep it
CHINA_NOT_BEFORE = re.compile(r"共产党|人民|工人|工农|特色|梦|式|化|共青团|国民党|致公党|民主")
CHINA_NOT_BEFORE_FIRST = _first_chars(CHINA_NOT_BEFORE)
# short forms (below province level) that are also ordinary words: 大兴调查研究, 怀柔远人, 世界大同,
# 和平发展, 资源, 合作. They count only in a written chain (北京大兴, 天津和平区 is a full name anyway),
# or with a place cue and another place of the same prefecture, or when the full name is written too.
COMMON_WORD_SHORTS = frozenset("""
资源 合作 和平 武功 平原 比如 南部 长安 江南 解放 东方 前进 港口 公安 友好 通道 共和 城中 开封
友谊 平安 中方 凤凰 安定 延长 光明 新兴 运河 万年 东风 光泽 南岸 大理 赤壁 城北 会同 工农 大名
富裕 清水 高明 前锋 复兴 长子 清新 宏伟 平定 芙蓉 保定 梁山 洞口 太和 温泉 石门 向阳 振兴 三元
大同 大方 互助 新华 建平 威信 莲花 平和 名山 宁远 黄龙 石林 六合 龙泉 白云 桃源 当阳 古田 建华
白银 三门 大观 建安 永和 二七 五峰 台前 长治 安康 承德 通化 中山 朝阳 黄山 白山 吉安 普洱 四平
来宾 北海 阿里 怒江 红河 黑河 大庆 山南 海东 海西 玉树 德州 兴安 湘西 文山 三明 新余 常德 吕梁
黄南 德宏 果洛 迪庆 大兴 怀柔 滨海 江北 河东 河西 城关 天台 开化 江山 东城 西城 城东 城西 城南
新城 老城 青山 宝山 金山 天河 龙华 红旗 胜利 红星 市中 市北 市南 西湖 鼓楼 和顺 安宁 太平 长宁
普陀 静安 永定 永安 安平 平山 新民 中原 南山 北山 西山 东山 清河 龙山 长顺 康乐 大通 金川 同仁
新建 东湖 西区 东区 中区 北区 南区 新区 郊区 矿区 城区 林区 龙门 紫金 阳春 黄埔 南沙 盐田 福田
大鹏 龙湖 南海 开发 发展 团结 和谐 民主 文明 幸福 繁荣 富强
""".split())

# words just before a name that say "a place comes next": 在福州, 赴平壤, 来自池州
PLACE_CUE_BEFORE = re.compile(r"(?:在|到|赴|去|来自|位于|前往|抵达|来到|走进|落户|回到|返回|地处|途经|老家|家乡|驻)$")
# what a cue can end with, right before the name: the last character of one, or a line break
# (re's $ matches before a final one: 来自\n义乌)
PLACE_CUE_LAST = frozenset(word[-1] for word in PLACE_CUE_BEFORE.pattern[3:-2].split("|")) | {"\n"}
# the stronger ones, which let a county's short form stand on its own (赴义乌, 来到安吉)
STRONG_PLACE_CUES = frozenset("赴 来自 位于 前往 抵达 来到 走进 落户 回到 返回 地处 途经 老家 家乡".split())

# characters that Chinese uses mostly to write foreign names: one right after a short country name
# (马里乌波尔, 古巴比伦) says the match is the first part of a longer name
TRANSLITERATION = frozenset(
    "斯尔克夫娃达尼亚拉里罗洛莫姆茨兹泽扎贾詹乔奇齐恰切钦萨塞瑟桑索苏塔坦托瓦韦维沃乌希谢伊耶尤约兰卢鲁伦利列林"
    "米纳奈诺帕佩皮普波伯博布贝比彼卡凯科库奎戈格圭哈赫霍基吉加杰捷迪蒂多杜敦厄恩菲弗福费阿埃艾巴拜班邦堡"
    "马玛麦曼穆摩默莱雷勒"
)

# --- villages, communities, forest farms ------------------------------------------------------

VILLAGE_SUFFIX = re.compile(r"村|社区|嘎查|林场|农场|牧场")
VILLAGE_FIRST = _first_chars(VILLAGE_SUFFIX)
VILLAGE_MAX_STEM = 4
VILLAGE_BOUNDARY = frozenset(
    "的了在到是和与及等从向往来去住为对把被这那个些各全本该每其将就也都又还让使给当由于以在里着过你我他她它么"
    "村镇乡区县市省州旗年月日处时" "一二三四五六七八九十百千万两几多"
)
VILLAGE_GENERIC_STEMS = frozenset(
    "行政 自然 贫困 富裕 示范 重点 试点 空心 城中 城边 城郊 薄弱 后进 先进 文明 旅游 特色 传统 美丽 和美 宜居 "
    "移民 搬迁 易地 乡镇 集体 脱贫 帮扶 结对 民族 中心 整个 附近 周边 沿海 边境 边远 偏远 山区 小康 生态 民主 "
    "法治 数字 智慧 未来 共富 和谐 平安 绿色 幸福 样板 标杆 明星 百强 模范 卫生 党建 新农 国有 国营 家庭 基层 "
    "城市 城乡 农村 乡村 社区 小区 老旧 新型 现代 少数民族 深度贫困 软弱涣散 红色 网红 文化 历史文化 "
    "优秀 移民 疫后 奥运 亚运 冬奥 度假 地球 组织 贫穷 落后 困难 偏僻 发展 带领 全体 动员 所有 所在 周围 全国 我们 他们 村里 有的 一些 部分 这些 那些 许多 不少 多个 相关 各个 各地 当地 本地 外地".split()
)
VILLAGE_VERB_START = frozenset("并扎深走进回来服居扶驻包联帮挂下入返住离出吸纳遍覆要像有完改考整聚加强开")
WORD_BEFORE_VILLAGE = frozenset("农乡山渔牧邻")
# verbs and phrases that begin or fill a "stem" before 村/社区 in running text: 要求驻村, 发挥好村党组织
VILLAGE_STEM_PHRASES = re.compile(r"要求|发挥|建有|疫情|散布|跟|采取|担任|举行|下辖|了解|特困|好$")
VILLAGE_VERB_END = frozenset("回进入驻到下返包联帮挂扶住离出")
VILLAGE_NOT_AFTER = re.compile(r"(?<=村)(?:民|级|容|风|貌|落|寨|务|规|情|官)|里|学院|医院|卫生服务|学校|大学|商业|团购|电商|医疗|养老服务|工作者")
# the suffixes that can end a name, in one scan: not the 村 of 农村, 乡村, not one that runs on into
# 村民, 村里 (the look-behind after 村, not before it: re finds the first characters faster so)
VILLAGE_END = re.compile(r"(?:村(?<![农乡]村)|" + VILLAGE_SUFFIX.pattern.split("|", 1)[1] + ")(?!"
                         + VILLAGE_NOT_AFTER.pattern + ")")


COMMON = 9  # the "need" of a short form that is also an ordinary word: see COMMON_WORD_SHORTS


@dataclass(slots=True)
class _Mention:
    start: int
    end: int
    surface: Surface
    candidates: tuple[Division, ...]
    strong: bool = False
    need: int = 0  # affinity another place must show (2 same prefecture, 1 same province) when not strong
    is_place: bool = True  # False: inside an outlet/firm/event name or a zone's prefix — context only
    accepted: bool = False
    resolved: Optional[Division] = None
    parent: Optional["_Mention"] = None  # the mention written just before it, when it contains this one
    zone_end: int = 0
    orphan_of: Optional["_Mention"] = None  # a town under a county that has no town of that name
    cue: int = 0  # 1 after 在/到/去/驻, 2 after 赴/来到/位于 …
    listed_with: tuple["_Mention", ...] = ()  # neighbours in a list: 北海、深圳、武汉

    @property
    def text(self) -> str:
        return self.surface.text


@dataclass(slots=True)
class _Village:
    start: int
    end: int
    name: str
    parent: Optional[_Mention] = None


def extract(doc: Document) -> Document:
    text = doc.text
    if not text:
        doc.places = []
        return doc
    g = gazetteer()
    mentions, foreign = _select(text, g)
    _drop_inside_names(doc, mentions)
    mentions = _towns_after_counties(text, mentions, g)
    mentions = _foreign_subdivisions(text, mentions, foreign)
    domestic = _classify(text, mentions, g)
    _link_neighbours(text, mentions, g)
    anchors_extra = _outside_anchors(doc, g)
    _accept_and_resolve(domestic, g, anchors_extra)
    villages = _villages(text, mentions)
    doc.places = _records(text, mentions, villages, g)
    return doc


# --- 1. find ---------------------------------------------------------------------------------

def _select(text: str, g: Gazetteer) -> tuple[list[_Mention], list[_Mention]]:
    """Leftmost-longest non-overlapping matches; a longer foreign name that starts inside a foreign
    match and runs past it wins over it (抵达卡拉奇: 卡拉奇, not 达卡; 东京都 stays 东京), and so does a
    foreign name one character in when the match has no clear left side (首都柏林: 柏林, not 都柏林).

    Returns the mentions and, among them, the foreign names (two texts in three have none)."""
    out: list[_Mention] = []
    foreign_mentions: list[_Mention] = []
    taken_to = 0
    foreign = None  # (lengths by bigram, offsets by name) once a foreign name comes
    surfaces, matches = g.longest_matches(text)
    for index, start, end in matches:
        if start < taken_to:
            continue
        surface = surfaces[index]
        # (unpacked, not read by attribute: a named tuple's fields go through the type's attribute
        # cache, which the other stages push out of the CPU cache between two articles)
        written, kind, divisions = surface
        if kind == "foreign":
            if foreign is None:
                foreign = _foreign_lengths_by_bigram(g), _foreign_inner_offsets(g)
            lengths, inner_offsets = foreign
            inner, shorter = inner_offsets[written]
            # most names: no longer one begins inside, nor on the last character (its bigram with the next)
            longer = _foreign_across(text, start, end, g, inner) \
                if inner or text[end - 1:end + 1] in lengths else None
            if longer is not None:
                start, end, surface = longer
                divisions = surface.divisions
            elif shorter is not None and start > 0 and text[start - 1] not in FOREIGN_LEFT and _is_han(text[start - 1]) \
                    and not (out and out[-1].end == start and out[-1].surface.kind in ("foreign", "china")):
                # 首都柏林: 柏林, not 都柏林 — the first character belongs to the word before
                start, surface = start + 1, shorter
                divisions = surface.divisions
            taken_to = end
            m = _Mention(start, end, surface, divisions)
            out.append(m)
            foreign_mentions.append(m)
            continue
        elif kind == "block":
            taken_to = end
            continue
        taken_to = end
        out.append(_Mention(start, end, surface, divisions))
    return out, foreign_mentions


def _foreign_across(text: str, start: int, end: int, g: Gazetteer,
                    inner: tuple[int, ...]) -> Optional[tuple[int, int, Surface]]:
    """A longer foreign name that begins inside the foreign match ``text[start:end]`` at one of the
    ``inner`` offsets or on its last character, and runs past its end."""
    lengths = _foreign_lengths_by_bigram(g)
    for offset in (*inner, end - start - 1):
        i = start + offset
        for length in lengths.get(text[i:i + 2], ()):
            if i + length <= end:
                break
            if i + length > len(text):
                continue
            surface = g.surfaces.get(text[i:i + length])
            if surface is not None and surface.kind == "foreign" and length > end - start:
                return i, i + length, surface
    return None


@lru_cache(maxsize=1)
def _foreign_inner_offsets(g: Gazetteer) -> dict[str, tuple[tuple[int, ...], Optional[Surface]]]:
    """For each foreign name: the offsets inside it (not the first, not the last character) where
    a longer foreign name could begin and run past its end, those whose bigram begins a name long
    enough (ten names in one have any); and the foreign name that its characters after the first
    make, if any (都柏林 → 柏林; one name in twenty)."""
    lengths = _foreign_lengths_by_bigram(g)
    offsets = {}
    for name, surface in g.surfaces.items():
        if surface.kind == "foreign":
            size = len(name)
            shorter = g.surfaces.get(name[1:])
            offsets[name] = (tuple(k for k in range(1, size - 1) if lengths.get(name[k:k + 2], (0,))[0] > size - k),
                             shorter if shorter is not None and shorter.kind == "foreign" else None)
    return offsets


@lru_cache(maxsize=1)
def _foreign_lengths_by_bigram(g: Gazetteer) -> dict[str, tuple[int, ...]]:
    """:attr:`Gazetteer.lengths_by_bigram` for foreign names only: most bigrams have none."""
    lengths: dict[str, set[int]] = {}
    for text, surface in g.surfaces.items():
        if surface.kind == "foreign":
            lengths.setdefault(text[:2], set()).add(len(text))
    return {bigram: tuple(sorted(ls, reverse=True)) for bigram, ls in lengths.items()}


def _drop_inside_names(doc: Document, mentions: list[_Mention]) -> None:
    """A place read inside a person's name found by the officials and metadata stages (长春 in 李长春).

    A "name" that is the place itself (唐山, 安吉 read as surname + given name) does not count.
    """
    spans = [(s.start, s.end) for o in doc.officials or [] for s in o.mentions]
    spans += [(s.start, s.end) for a in doc.authors or [] for s in a.spans]
    if not spans:
        return
    # a mention inside a name starts inside it: for each name (fewer than the mentions), the
    # mentions starting there, found by bisection (the mentions come in the order of the text)
    starts = [m.start for m in mentions]
    count = len(starts)
    for start, end in spans:
        i = bisect_left(starts, start)
        while i < count and starts[i] < end:
            m = mentions[i]
            if m.end <= end and m.end - m.start < end - start:
                m.is_place = False
                m.candidates = ()
            i += 1


# a town or street written right after its county: 宁河县廉庄乡 (today 廉庄镇), 北京密云古北水镇
TOWN_AFTER_COUNTY = regex.compile(r"(?P<stem>\p{Han}{2,4}?)(?:镇|乡|街道|苏木)(?![村镇亲土化长])")  # regex: \p{Han}
TOWN_SUFFIX_FIRST = frozenset("镇乡街苏")
TOWN_GENERIC_STEMS = VILLAGE_GENERIC_STEMS | frozenset(
    "有关 其他 其它 沿线 沿河 沿江 受灾 受影响 全部 多个 部分 重点 中心城 特色小 小城 农村 城乡 建制 所属 辖区 "
    "下辖 管辖 贫困 偏远 周边 附近 各个 每个 "
    # verbs whose object is 乡(镇): 兰考县优化乡党委领导班子
    "优化 调整 完善 规范 整合 撤并 合并 撤销 建设 治理 管理 服务 推进 深化 改革 健全 强化 落实 指导 统筹 "
    "选派 派驻 配齐 配强 充实 提升 覆盖 包括 涉及 辐射 带动 实现 推动 促进 帮助 支持 鼓励 引导".split())


def _before_town_suffix(text: str, mentions: list[_Mention]) -> list[int]:
    """The indexes of the mentions 2 to 4 characters after whose end stands a character that begins
    a town's suffix (镇乡街苏), in order: the only ones _towns_after_counties reads on. Found from the
    few such characters by bisection on the mentions' ends (strictly increasing: the matches do not
    overlap), instead of a look after every mention (about 2 in 100 have one)."""
    found: set[int] = set()
    ends = None
    for suffix in TOWN_SUFFIX_FIRST:
        if suffix not in text:
            continue  # (most texts hold none of them)
        if ends is None:
            ends = [m.end for m in mentions]
            count = len(ends)
        at = text.find(suffix, 2)
        while at != -1:
            i = bisect_left(ends, at - 4)
            while i < count and ends[i] <= at - 2:
                found.add(i)
                i += 1
            at = text.find(suffix, at + 1)
    return sorted(found)


def _towns_after_counties(text: str, mentions: list[_Mention], g: Gazetteer) -> list[_Mention]:
    """Towns written right after their county, under a name the index does not hold for that county.

    The stem before 镇/乡/街道 names a town of the county under another suffix (宁河县廉庄乡 →
    廉庄镇: an old township turned town), which resolves it; a stem that names none (密云古北水镇)
    is kept as a town of that county without a code, when it is clearly a name.
    """
    towns: dict[int, _Mention] = {}  # by the index of the mention the town follows
    replaced: set[int] = set()  # indexes of the mentions that a town replaces
    n = len(mentions)
    for k in _before_town_suffix(text, mentions):
        if k in replaced:
            continue
        m = mentions[k]
        if not m.is_place or m.surface.kind not in ("full", "short", "old"):
            continue
        counties = [c for c in m.candidates if c.code and c.level in ("county", "prefecture")]
        if not counties:
            continue
        hit = TOWN_AFTER_COUNTY.match(text, m.end)
        if hit is None:
            continue
        nxt = mentions[k + 1] if k + 1 < n else None
        if nxt is not None and nxt.start < hit.end() and (nxt.end > hit.end() or nxt.start > m.end):
            continue  # another name inside or across the stem
        stem = hit.group("stem")
        found = []
        for county in counties:
            town = g.town_by_stem(county.code, stem)
            if town is not None and town not in found:
                found.append(town)
        found = tuple(found)
        if found:
            if nxt is not None and nxt.start == m.end and nxt.end == hit.end() and any(d in nxt.candidates for d in found):
                continue  # written under its current name: the chain links it
            if nxt is not None and nxt.start < hit.end():
                replaced.add(k + 1)  # 小河乡 of another county, read at the same place: replaced
            name = hit.group()
            towns[k] = _Mention(m.end, hit.end(), Surface(name, "old", found), found)
            continue
        if nxt is not None and nxt.start < hit.end():
            continue
        if (stem in TOWN_GENERIC_STEMS or any(ch in VILLAGE_BOUNDARY for ch in stem) or stem[0] in VILLAGE_VERB_START
                or VILLAGE_STEM_PHRASES.search(stem) or stem.endswith(("城", "小", "族")) or "某" in stem):
            continue
        name = hit.group()
        town = towns[k] = _Mention(m.end, hit.end(), Surface(name, "full", ()), ())
        town.orphan_of = m
    if not towns:
        return mentions
    out: list[_Mention] = []
    for k, m in enumerate(mentions):
        if k not in replaced:
            out.append(m)
            town = towns.get(k)
            if town is not None:
                out.append(town)
    return out


# a transliterated name + 市/州/省/郡 right after a foreign place or 该州: 美国塔科马市, 加拿大马尼托巴省,
# 华盛顿州皮尔斯郡, 墨西哥格雷罗州 — a subdivision that the list of foreign places lacks
FOREIGN_SUBDIVISION = re.compile(
    "[" + "".join(sorted(TRANSLITERATION | frozenset("德特图奥喀彻温纽哥沙泽丁"))) + r"]{2,7}?[市州省郡](?![长委府立])"
)
FOREIGN_CONTEXT_BEFORE = re.compile(r"该州")
FOREIGN_SUBDIVISION_FIRST = TRANSLITERATION | frozenset("德特图奥喀彻温纽哥沙泽丁")


def _foreign_subdivisions(text: str, mentions: list[_Mention], foreign: list[_Mention]) -> list[_Mention]:
    """Foreign subdivisions that the list lacks, written right after a foreign place (美国塔科马市).

    ``foreign``: the foreign names among the mentions, in order."""
    ends = [hit.end() for hit in FOREIGN_CONTEXT_BEFORE.finditer(text)] if "该州" in text else []
    for m in foreign:
        end = m.end + 1 if text[m.end:m.end + 1] in FOREIGN_REGION_SUFFIX else m.end  # 库尔斯克州苏贾市
        if text[end:end + 1] in FOREIGN_SUBDIVISION_FIRST:
            ends.append(end)
    if not ends:
        return mentions
    starts = [m.start for m in mentions]
    added = []
    while ends:
        end = ends.pop()
        hit = FOREIGN_SUBDIVISION.match(text, end)
        if hit is None or any(end <= s < hit.end() for s in starts):
            continue
        name = hit.group()
        place = Division(None, name, "foreign")
        added.append(_Mention(hit.start(), hit.end(), Surface(name, "foreign", (place,)), (place,)))
        starts.append(hit.start())
        ends.append(hit.end())  # 格雷罗州伊瓜拉市
    if not added:
        return mentions
    return sorted(mentions + added, key=lambda m: m.start)


LIST_ITEM_LEFT = frozenset("在到赴从和与及、，。；：“（")
LIST_ITEM_RIGHT = frozenset("、，。；：”）等和与及")


# --- 2. filter -------------------------------------------------------------------------------

def _org_follows(text: str, end: int) -> bool:
    """Is the name at ``text[:end]`` the first part of an outlet, firm, school, facility or event name?"""
    if ORG_OR_DOCUMENT_START.search(text, end, end + ORG_REACH) is None:
        return False  # no such word can start close enough (nine names in ten)
    return _org_word_follows(text, end)


def _org_word_follows(text: str, end: int) -> bool:
    """:func:`_org_follows` once the first characters of an organisation's word come close."""
    tail_end = ORG_TAIL.match(text, end).end()
    if tail_end == end:
        return False  # punctuation, a function word or the end of the text comes next
    m = ORG_VERDICT.search(text[end:tail_end])  # a slice: (?<!科)学院 must not see the name's last character
    if m is None:
        return False
    if m.lastgroup is not None:
        return m.lastgroup == "document"  # 京都议定书 is no place; 南通市委 is one
    return m.start() <= ORG_WINDOW - 2 + (2 if m.end() - m.start() <= 2 else 0)


# 美丽乡村, 乡镇, 乡亲, 乡土: a name ending in 乡 that runs on into a word
NOT_AFTER_XIANG = frozenset("村镇亲土")
# every character after a name that one of the checks of _classify looks at, but the organisation
# window's: after any other, a name other than 中国 or a foreign one needs only the window, its
# strength and a cue.
FOLLOWER_FIRST = (NOT_AFTER_FIRST | NOT_AFTER_CITY | NOT_AFTER_XIANG | frozenset("化") | DIRECTION_AFTER | STREET_FIRST
                  | ZONE_FIRST | VILLAGE_FIRST | NATURE_AFTER)


def _classify(text: str, mentions: list[_Mention], g: Gazetteer) -> list[_Mention]:
    """Which mentions are no place (and why), which stand on their own, and the place cue before the
    others. A foreign name and 中国 are settled here (accepted when a place, resolved to their one
    division: no other name changes that); returns the other mentions that can still be places or
    anchors, in order, for _accept_and_resolve."""
    domestic: list[_Mention] = []
    starts = None  # the starts of the mentions, made for the few checks that ask
    foreign_bounds = None  # (ends, starts) of the foreign names and 中国, made at the first foreign name
    strengths = _strengths(g)
    org_near = ORG_OR_DOCUMENT_START.search
    for m in mentions:
        surface = m.surface
        written, kind, divisions = surface  # (unpacked: see _select)
        end = m.end
        nxt = text[end:end + 1]
        if nxt in FOLLOWER_FIRST or kind == "china" or kind == "foreign":
            if nxt in NOT_AFTER_FIRST and text.startswith(NOT_AFTER_ANY, end):
                m.is_place = False
                m.candidates = ()
                continue
            if kind == "china":
                if (nxt in CHINA_NOT_BEFORE_FIRST and CHINA_NOT_BEFORE.match(text, end)) or _org_follows(text, end):
                    m.is_place = False
                m.strong = True
                m.accepted = m.is_place
                m.resolved = m.candidates[0] if m.candidates else None
                continue
            last = written[-1]
            if last == "市" and nxt in NOT_AFTER_CITY or last == "乡" and nxt in NOT_AFTER_XIANG or last == "镇" and nxt == "化":
                m.is_place = False  # 东方市场, 美丽乡村, 城镇化
                m.candidates = ()
                continue
            if kind == "foreign":
                if foreign_bounds is None:
                    foreign = [n for n in mentions if n.surface.kind in ("foreign", "china")]
                    foreign_bounds = ({n.end for n in foreign}, {n.start for n in foreign})
                city = divisions[0].name in g.foreign_cities
                # only a city or a two-character name ending in transliteration can be a piece (马里 of
                # 马里乌波尔): most countries (美国, 俄罗斯) skip the check
                if (city or len(written) == 2 and last in TRANSLITERATION) \
                        and _piece_of_transliteration(text, m, g, foreign_bounds) or (
                        nxt in FOREIGN_STUDIED_FIRST and FOREIGN_STUDIED_AFTER.match(text, end)):
                    m.is_place = False  # 米兰达, 马里乌波尔 (not 马里), 胜利马拉松: pieces of other words
                    m.candidates = ()
                    continue
                if nxt in FOREIGN_REGION_SUFFIX and city:
                    if starts is None:
                        starts = {n.start for n in mentions}
                    if end not in starts and not text.startswith("州立", end):
                        region = text[m.start:end + 1]  # 哈尔科夫州, 顿涅茨克州: the region named after its city
                        m.surface = Surface(region, "foreign", (Division(None, region, "foreign"),))
                        m.candidates = m.surface.divisions
                        m.end = end = end + 1
                        nxt = text[end:end + 1]
                # of the checks below, only two can apply to a foreign name (it is never one of the
                # DIRECTION_PROVINCES, no street or zone check is for it), and it always stands on its
                # own (_strength): done here, a third of the names skip the rest
                if nxt in VILLAGE_FIRST and VILLAGE_SUFFIX.match(text, end):
                    m.is_place = False
                    m.candidates = ()
                    continue
                if org_near(text, end, end + ORG_REACH) is not None and _org_word_follows(text, end):
                    m.is_place = False
                m.strong = True
                m.accepted = m.is_place
                m.resolved = m.candidates[0] if m.candidates else None
                continue
            if (written in DIRECTION_PROVINCES and m.start > 0 and _is_han(text[m.start - 1])
                    and text[m.start - 1] not in DIRECTION_CAN_PRECEDE and nxt in DIRECTION_AFTER):
                m.is_place = False
                m.candidates = ()
                continue
            if kind in ("short", "old", "uncoded") and nxt in STREET_FIRST and STREET_AFTER.match(text, end):
                m.is_place = False
                domestic.append(m)  # (no place, but an anchor)
                continue
            if kind != "full" and nxt in VILLAGE_FIRST and VILLAGE_SUFFIX.match(text, end):
                m.is_place = False  # 马鞍山林场, 黄石社区: the first part of a village's name
                m.candidates = ()
                continue
            zone = ZONE_SUFFIX.match(text, end) if kind != "foreign" and nxt in ZONE_FIRST else None
            if zone:
                m.zone_end = zone.end()
            elif org_near(text, end, end + ORG_REACH) is not None and _org_word_follows(text, end):
                m.is_place = False
        elif org_near(text, end, end + ORG_REACH) is not None and _org_word_follows(text, end):
            m.is_place = False  # nothing else that matters can follow the name
        known = strengths.get(written)
        if known is not None and known[0] is surface:
            strong, need = known[1]
        else:
            strong, need = strength = _strength(surface)
            if g.surfaces.get(written) is surface:
                strengths[written] = (surface, strength)
        m.strong = strong
        m.need = need
        domestic.append(m)
        if strong:
            continue
        if need >= 2 and nxt in NATURE_AFTER:
            if starts is None:
                starts = {n.start for n in mentions}
            if end not in starts:
                m.is_place = False  # 南明河, 贺兰山: a river or a mountain named like the county
                m.candidates = ()
                continue
        # only a name that does not stand on its own asks for a cue
        if text[m.start - 1:m.start] in PLACE_CUE_LAST:
            cue = PLACE_CUE_BEFORE.search(text, max(0, m.start - 3), m.start)
            if cue is not None:
                m.cue = 2 if cue.group() in STRONG_PLACE_CUES else 1
    return domestic


def _cue_before(text: str, start: int) -> int:
    """2 after a strong place cue (赴, 来到), 1 after another (在, 到), else 0."""
    if text[start - 1:start] not in PLACE_CUE_LAST:
        return 0
    cue = PLACE_CUE_BEFORE.search(text, max(0, start - 3), start)
    if cue is None:
        return 0
    # one search: where a strong cue ends the window it starts first (来到 before 到)
    return 2 if cue.group() in STRONG_PLACE_CUES else 1


# what may stand before a foreign city: 途经基辅, 首都基辅, 美国纽约, 访问莫斯科
FOREIGN_LEFT = frozenset("在到赴驻从往和与及的、，。：“（《了为于至抵访是向经飞返回来去自由同跟或国都州省市城部即如括问"
                         "俄美英法德日韩乌朝叙")  # 对俄库尔斯克州
FOREIGN_REGION_SUFFIX = frozenset("州省")
# a country as the subject of a research unit, not a place of the article: 中国社科院日本研究所
FOREIGN_STUDIED_AFTER = re.compile(r"研究[所院会]|研究中心")
FOREIGN_STUDIED_FIRST = _first_chars(FOREIGN_STUDIED_AFTER)


def _piece_of_transliteration(text: str, m: _Mention, g: Gazetteer, foreign_bounds: tuple[set, set]) -> bool:
    """Is the foreign name at ``m`` part of a longer word?

    A two-character city needs a clear left side (a function word, punctuation, a place cue such as
    抵达, or another foreign name: 俄罗斯莫斯科), since such names hide in ordinary words (胜利马拉松 →
    利马, 包罗万象 → 万象, 离开罗马 → 开罗); a longer one only must not follow more transliteration
    (封锁马里乌波尔, not 阿米兰…). A two-character country name that is itself transliterated must not
    run on into more transliteration (马里亚纳海沟, 古巴比伦; not 欧盟多国).
    """
    name = m.surface.divisions[0].name
    if name in g.foreign_cities:
        if m.start == 0 or not _is_han(text[m.start - 1]) or text[m.start - 1] in FOREIGN_LEFT \
                or m.start in foreign_bounds[0] or _cue_before(text, m.start):
            return False
        return len(m.text) == 2 or text[m.start - 1] in TRANSLITERATION
    return (len(m.text) == 2 and m.text[-1] in TRANSLITERATION and text[m.end:m.end + 1] in TRANSLITERATION
            and m.end not in foreign_bounds[1])


@lru_cache(maxsize=1)
def _strengths(g: Gazetteer) -> dict[str, tuple[Surface, tuple[bool, int]]]:
    """:func:`_strength` of the gazetteer's surfaces by their text, filled as they come (the same
    few thousand come back in every article): a lookup by a string instead of hashing a surface
    and its divisions."""
    return {}


def _strength(surface: Surface) -> tuple[bool, int]:
    """(stands on its own, affinity needed otherwise)."""
    text = surface.text
    if surface.kind in ("foreign", "uncoded"):
        return True, 0
    if surface.kind == "full":
        if len(text) >= 3:
            return True, 0
        return False, 2
    if surface.kind == "old":
        return (True, 0) if len(text) >= 3 else (False, 2)
    # short forms
    levels = {d.level for d in surface.divisions}
    if "province" in levels:
        return True, 0
    if text in COMMON_WORD_SHORTS:
        return False, COMMON
    if "prefecture" in levels:
        return True, 0  # 西安 (also 西安区 in 牡丹江 and 辽源): the city unless the text says otherwise
    if len(text) >= 3:
        return False, 1  # 张家港, 石河子: seldom a common word; a cue or the same province will do
    return False, 2


# --- 3/4. accept and resolve -----------------------------------------------------------------

# A pair of names gives the same link wherever it is written (江苏南京 in article after article;
# a run of 城关镇, 800 towns, within one): worked out once, by the ids of the two tuples of
# candidates (the gazetteer's own, or those of an earlier link). Each entry holds the tuples
# themselves, so their ids cannot be reused while it lives.
_CHAIN_LINKS: dict[tuple[int, int, str, int], tuple] = {}
CHAIN_LINKS_KEPT = 8192  # then the cache starts again from empty


def _link_neighbours(text: str, mentions: list[_Mention], g: Gazetteer) -> None:
    """Names side by side in a list (在北海、深圳、武汉等地): each is told of its neighbours; only a
    、 list whose items stand clear of other words counts (not 关中平原和汉中平原, 阿里巴巴).

    江苏省南通市通州区石港镇: each name written right after a name that contains it is linked to it.

    One walk for both: the list after a name is read before the chain that ends on the name, whose
    link may leave it without candidates (松潘县小河乡), so that every list sees the candidates
    the gazetteer gave, as if all lists were read before all chains.
    """
    links = _CHAIN_LINKS
    prev = None
    for m, nxt in zip(mentions, [*mentions[1:], None]):
        if (nxt is not None and nxt.start == m.end + 1 and text[m.end] == "、" and m.candidates and nxt.candidates
                and (m.start == 0 or text[m.start - 1] in LIST_ITEM_LEFT)
                and text[nxt.end:nxt.end + 1] in LIST_ITEM_RIGHT):
            m.listed_with += (nxt,)
            nxt.listed_with += (m,)
        if prev is not None and prev.end == m.start and prev.candidates and m.candidates and not prev.zone_end:
            key = (id(prev.candidates), id(m.candidates), m.surface.kind, id(g))
            link = links.get(key)
            if link is None or link[0] is not prev.candidates or link[1] is not m.candidates:
                if len(links) >= CHAIN_LINKS_KEPT:
                    links.clear()
                link = links[key] = (prev.candidates, m.candidates,
                                     *_chain_link(prev.candidates, m.candidates, m.surface.kind, g))
            _, _, inside, outer, orphan = link
            if orphan:
                # 松潘县小河乡: a town written under a county that has no town of that name (any more);
                # a town of the same name elsewhere is not it
                m.candidates = ()
                m.orphan_of = prev
            elif inside:
                m.candidates = inside
                prev.candidates = outer
                m.parent = prev
        prev = m


def _chain_link(outer_candidates: tuple[Division, ...], candidates: tuple[Division, ...], kind: str,
                g: Gazetteer) -> tuple[tuple[Division, ...], tuple[Division, ...], bool]:
    """(the candidates inside one of the outer name's, the outer candidates holding them, whether
    the name is a town orphaned under a county that has no town of that name)."""
    # by sets of codes, not pair by pair: 800 × 800 checks for a run of 城关镇
    outer_codes = {p.code for p in outer_candidates if p.code}
    inside = tuple(c for c in candidates if c.code and not outer_codes.isdisjoint(g.ancestors(c.code)))
    if not inside:
        orphan = kind == "full" and all(c.level == "township" for c in candidates) \
            and len(outer_candidates) == 1 and outer_candidates[0].level in ("county", "prefecture")
        return (), (), orphan
    above_inside = {code for c in inside for code in g.ancestors(c.code)}
    return inside, tuple(p for p in outer_candidates if p.code and p.code in above_inside), False


def _outside_anchors(doc: Document, g: Gazetteer) -> list[str]:
    """Codes that the source and the officials' title jurisdictions point to (unambiguous ones only)."""
    names = []
    if doc.source:
        names.append(doc.source)
    for official in doc.officials or []:
        for title in official.titles:
            if title.jurisdiction:
                names.append(title.jurisdiction)
    codes = []
    for name in names:
        codes.extend(_codes_in_name(name, g))
    return codes


@lru_cache(maxsize=4096)  # the same sources and jurisdictions come back in article after article
def _codes_in_name(name: str, g: Gazetteer) -> tuple[str, ...]:
    return tuple(surface.divisions[0].code for _s, _e, surface in g.find_all(name)
                 if surface.kind in ("full", "short", "old") and len(surface.divisions) == 1)


MUNICIPALITIES = frozenset({"110000", "120000", "310000", "500000"})


@lru_cache(maxsize=1 << 16)  # the same pairs of codes come back in every round and every article
def _affinity(code: str, anchor: str, g: Gazetteer) -> int:
    """3: one contains the other below province level (南通市 ⊃ 通州区; 北京 ⊃ 通州区, a municipality);
    2: same prefecture; 1: same province; 0: unrelated."""
    if code == anchor:
        return 0
    outer, inner = (anchor, code) if g.is_within(code, anchor) else (code, anchor) if g.is_within(anchor, code) else (None, None)
    if outer is not None:
        if not outer.endswith("0000") or outer in MUNICIPALITIES:
            return 3
        return 1
    if code[:4] == anchor[:4] and not code.endswith("0000") and not anchor.endswith("0000"):
        return 2
    if code[:2] == anchor[:2]:
        return 1
    return 0


def _accept_and_resolve(mentions: list[_Mention], g: Gazetteer, extra_anchors: list[str]) -> None:
    """Accept and resolve ``mentions``: those that _classify leaves to it (not the foreign names nor
    中国, which it settles), in the order of the text."""
    # a mention is settled once accepted (or known to be no place) and resolved: it never changes
    # again and stays an anchor, so each round looks at the pending ones only
    settled_anchors: list[tuple[str, Optional[_Mention]]] = [(c, None) for c in extra_anchors]
    pending: list[_Mention] = []
    full_codes: set[str] = set()
    added: set[int] = set()
    parents = set()
    for m in mentions:
        written, kind, _divisions = m.surface  # (unpacked: see _select)
        if kind in ("foreign", "uncoded", "china"):
            m.accepted = m.is_place
            m.resolved = m.candidates[0] if m.candidates else None
            continue
        candidates = m.candidates
        if not candidates or kind not in ("full", "short", "old"):
            continue
        if m.parent is not None:
            parents.add(id(m.parent))
        elif kind == "short" and len(candidates) > 1:  # (one candidate: nothing to narrow)
            # a province's short form means the province unless a chain says otherwise (河北 ≠ 天津河北区)
            provinces = tuple(c for c in candidates if c.level == "province")
            if provinces:
                m.candidates = candidates = provinces
        if kind == "full" and m.is_place and len(written) >= 3 and id(candidates) not in added:
            added.add(id(candidates))  # (the candidates of one name are one tuple, kept by its mentions)
            full_codes.update(c.code for c in candidates)
        if len(candidates) == 1 and (m.strong or not m.is_place):
            # one division, standing on its own (or no place): settled before any round, whatever
            # the other names say
            m.accepted = m.is_place
            m.resolved = candidates[0]
            settled_anchors.append((candidates[0].code, m))
        else:
            pending.append(m)
    if pending:
        # a common word (资源, 合作: two names in three that are left) with no place cue, in no list
        # or chain, whose division is not written in full elsewhere, can never be accepted; and the
        # division of a name not accepted is never used: it needs no rounds
        pending = [m for m in pending if not (
            m.need == COMMON and m.is_place and not m.cue and not m.listed_with and m.parent is None
            and id(m) not in parents and full_codes.isdisjoint([c.code for c in m.candidates]))]
    for _round in range(3):
        if not pending:
            break
        changed = False
        anchor_owners = _AnchorOwners(g, settled_anchors)
        # within a round a pick depends only on the candidates, the kind of name and their best
        # affinity: a name written 20,000 times (城关镇, 800 candidates) is decided once
        picks: dict[tuple[int, str, int], Optional[Division]] = {}
        still_pending = []
        newly_settled = []  # anchors from the next round on: this round's stay as they were
        for m in pending:
            accepted = m.accepted
            if not accepted and m.is_place and (
                    m.strong or m.parent is not None or id(m) in parents or _supported(m, anchor_owners, full_codes)):
                m.accepted = accepted = True
                changed = True
            resolved = m.resolved
            if resolved is None:
                if len(m.candidates) == 1:
                    resolved = m.candidates[0]
                else:
                    best = anchor_owners.best(m)
                    key = (id(m.candidates), m.surface.kind, id(best))
                    if key not in picks:
                        picks[key] = _pick(m, best, g, full_codes)
                    resolved = picks[key]
                if resolved is not None:
                    m.resolved = resolved
                    changed = True
            if resolved is not None and (accepted or not m.is_place):
                newly_settled.append((resolved.code, m))
            else:
                still_pending.append(m)
        # nothing changed: the next round would have the same anchors and decide alike
        if not changed:
            break
        settled_anchors.extend(newly_settled)
        pending = still_pending


def _supported(m: _Mention, anchors: "_AnchorOwners", full_codes: set) -> bool:
    """May a name that is not strong count as a place, given the best affinity another place shows?"""
    if full_codes:
        for c in m.candidates:
            if c.code in full_codes:
                return True  # 通州 after (or before) 通州区 is written in full
    if m.need == COMMON:
        return (m.cue and anchors.best_score(m) >= 2) or _listed_with_place(m)
    if m.cue and m.need <= 1 or m.cue == 2:
        return True
    return anchors.best_score(m) >= max(m.need, 1)


class _AnchorOwners:
    """The anchors of one round grouped by code: whether some anchor is not a mention (owner None),
    and the surfaces of the mentions owning it. Per-mention scans of every anchor were quadratic
    on texts naming places thousands of times (tests/test_adversarial.py).

    Grouped on first use: most rounds settle every name without asking for an affinity.
    """

    def __init__(self, g: Gazetteer, anchors: list[tuple[str, Optional[_Mention]]]):
        self.g = g
        self._anchors = anchors  # not changed while the round runs
        self._codes: Optional[list[str]] = None  # every code, in the order of the anchors
        self._sole: dict[int, set[str]] = {}  # by id of a surface: the codes that only it owns
        self._best: dict = {}  # the best candidates depend only on the surface and the candidates
        self._usable: dict[int, list[str]] = {}  # by id of the surface

    def _group(self) -> None:
        owners: dict[str, Optional[set]] = {}  # None: some anchor is not a mention
        for code, owner in self._anchors:
            if owner is None:
                owners[code] = None
            else:
                surfaces = owners.get(code, False)
                if surfaces is False:
                    owners[code] = {id(owner.surface)}
                elif surfaces is not None:
                    surfaces.add(id(owner.surface))
        for code, surfaces in owners.items():
            if surfaces is not None and len(surfaces) == 1:
                self._sole.setdefault(next(iter(surfaces)), set()).add(code)
        self._codes = list(owners)

    def usable(self, m: _Mention) -> list[str]:
        """The anchor codes owned by something other than this mention's own text."""
        if self._codes is None:
            self._group()
        own = id(m.surface)
        sole = self._sole.get(own)
        if sole is None:
            return self._codes  # (most names own no anchor alone)
        codes = self._usable.get(own)
        if codes is None:
            codes = self._usable[own] = [code for code in self._codes if code not in sole]
        return codes

    def best(self, m: _Mention):
        """:func:`_best_candidates` of ``m``, computed once per surface and candidates (a
        name's mentions share one tuple of candidates; mentions are alive all the round)."""
        key = (id(m.surface), id(m.candidates))
        best = self._best.get(key, False)
        if best is False:
            best = self._best[key] = _best_candidates(m, self, self.g)
        return best

    def best_score(self, m: _Mention) -> int:
        best = self.best(m)
        return best[0] if best else 0


def _listed_with_place(m: _Mention) -> bool:
    """北海 in 在北海、深圳、武汉等地: a common word listed beside a city or province that stands on its own."""
    return bool(m.listed_with) and any(c.level in ("prefecture", "county") for c in m.candidates) and any(
        n.accepted and n.is_place and n.need != COMMON and n.surface.kind in ("full", "short", "old")
        and any(c.level in ("province", "prefecture", "county") for c in n.candidates) for n in m.listed_with)


def _best_candidates(m: _Mention, anchors: _AnchorOwners, g: Gazetteer):
    """(best affinity, candidates having it) over the anchors that are not this mention's own text."""
    best_score, best = 0, []
    codes = anchors.usable(m)
    affinity = _affinity
    for c in m.candidates:
        score = 0
        own = c.code
        for code in codes:
            found = affinity(own, code, g)
            if found > score:
                score = found
                if score == 3:
                    break
        if score > best_score:
            best_score, best = score, [c]
        elif score == best_score and score:
            best.append(c)
    return (best_score, best) if best else None


def _pick(m: _Mention, best, g: Gazetteer, full_codes: set) -> Optional[Division]:
    """The candidate a name with several means, or None when the text does not decide."""
    candidates = m.candidates
    if m.surface.kind != "full":
        written = [c for c in candidates if c.code in full_codes]
        if len(written) == 1:
            return written[0]
    if best and len(best[1]) == 1 and (best[0] >= 2 or best[1][0].level != "township"):
        return best[1][0]
    pool = best[1] if best else candidates
    # one candidate contains all the others (临夏 → 临夏回族自治州 over 临夏市, 临夏县): only the one
    # highest up can, and only when no other stands as high (a name can mean 800 towns: one check,
    # not one per pair)
    depths = [len(g.ancestors(c.code)) for c in pool]
    highest = min(depths)
    if depths.count(highest) == 1 or len(pool) == 1:
        top = pool[depths.index(highest)]
        if all(o is top or g.is_within(o.code, top.code) for o in pool):
            return top
    for level in ("province", "prefecture"):
        top = [c for c in pool if c.level == level]
        if len(top) == 1 and (level == "province" or m.surface.kind == "short"):
            return top[0]
    return None


# --- 5. villages -----------------------------------------------------------------------------

def _villages(text: str, mentions: list[_Mention]) -> list[_Village]:
    """Villages, communities and forest farms whose names have a clear beginning.

    A name whose beginning is unclear (使哈乙亥村) is kept only when it ends with a village
    found elsewhere in the article (共和县哈乙亥村).
    """
    # (one scan: as fast as testing first whether one of the suffixes is in the text at all)
    hits = list(VILLAGE_END.finditer(text))
    if not hits:
        return []
    ends = {m.end: m for m in mentions if m.accepted and m.is_place and not m.zone_end}
    named_ends = {m.end for m in mentions if m.candidates}
    taken = SpanIndex((m.start, max(m.end, m.zone_end)) for m in mentions)
    found: list[_Village] = []
    unclear = []
    for hit in hits:
        p = hit.start()
        if taken.overlaps(p, hit.end()):
            continue
        parent, stem_start = None, None
        for q in range(p - 1, max(p - VILLAGE_MAX_STEM, 0) - 1, -1):
            if q in ends:
                parent, stem_start = ends[q], q
                break
        if hit.group() == "村" and p > 0 and stem_start is None and text[p - 1] in WORD_BEFORE_VILLAGE:
            continue  # 山村: the 村 belongs to a common word
        if stem_start is None:
            q = p
            while (q > 0 and p - q < VILLAGE_MAX_STEM and _is_han(text[q - 1]) and text[q - 1] not in VILLAGE_BOUNDARY
                   and q not in named_ends):
                q -= 1
            bounded = q == 0 or not _is_han(text[q - 1]) or text[q - 1] in VILLAGE_BOUNDARY or q in named_ends
            if not bounded or (p - q > VILLAGE_MAX_STEM - 1 and q not in named_ends):
                unclear.append((q, hit))
                continue
            stem_start = q
        village = _village(text, stem_start, hit, parent, named_ends)
        if village is not None:
            found.append(village)
    known = {v.name for v in found}
    for q, hit in unclear:
        name = text[q:hit.end()]
        # the longest known village the name ends with (a lookup per suffix, not a scan of known)
        match = next((name[-size:] for size in range(len(name), 0, -1) if name[-size:] in known), None)
        if match is not None:
            found.append(_Village(hit.end() - len(match), hit.end(), match, None))
    return found


def _village(text: str, stem_start: int, hit, parent: Optional[_Mention], named_ends: set) -> Optional[_Village]:
    p = hit.start()
    stem = text[stem_start:p]
    if stem.endswith("族"):
        return None  # 畲族村, 黎族村寨
    if VILLAGE_STEM_PHRASES.search(stem) or parent is None and (
            stem[:1] in VILLAGE_VERB_START or stem[-1:] in VILLAGE_VERB_END):
        return None  # 完善村级治理, 坚持回村, 发挥好村党组织
    shortest = 1 if parent is not None or stem_start in named_ends else 2
    if (len(stem) < shortest or stem in VILLAGE_GENERIC_STEMS or any(ch in VILLAGE_BOUNDARY for ch in stem)
            or not all(map(_is_han, stem))):
        return None
    return _Village(stem_start, hit.end(), text[stem_start:hit.end()], parent)


def _is_han(ch: str) -> bool:
    return "\u4e00" <= ch <= "\u9fff" or "\u3400" <= ch <= "\u4dbf"


# --- records ---------------------------------------------------------------------------------

def _records(text: str, mentions: list[_Mention], villages: list[_Village], g: Gazetteer) -> list[Place]:
    """One record per place, made at its first mention; its later mentions add their spans.

    The mentions come in the order of the text, so each record's spans do too and its first span
    is the one it was made with; a village's spans are sorted, the unclear villages coming last.
    """
    span_of = Span.of
    new_place = _place_record
    spans_by_key: dict[object, list[Span]] = {}  # the list that is the record's ``mentions``
    made: list[tuple[int, Place]] = []  # (first start, record), in the order of creation
    resolved_by_text: Optional[dict[str, Division]] = None  # made when a name is left unresolved
    ambiguous_keys: dict[int, tuple] = {}
    for m in mentions:
        start = m.start
        if m.accepted and m.is_place and not m.zone_end:
            # (most mentions; a town orphaned under its county is never accepted: it has no candidates)
            d = m.resolved
            if d is None:
                if resolved_by_text is None:
                    resolved_by_text = {}
                    for n in mentions:
                        if n.accepted and n.is_place and n.resolved is not None and not n.zone_end and n.resolved.code:
                            resolved_by_text.setdefault(n.surface.text, n.resolved)
                d = resolved_by_text.get(m.surface.text)
            if d is not None:
                code, name, level, parent = d  # (unpacked: see _select)
                # a place without a code by its name (the codes are digits)
                key = code if code is not None else name
                spans = spans_by_key.get(key)
                if spans is None:
                    spans = spans_by_key[key] = []
                    made.append((start, new_place(
                        m.surface.text, name, code, level if level != "country" else None, parent, [], spans)))
            else:
                key = ambiguous_keys.get(id(m.candidates))
                if key is None:  # (one tuple of candidates per name, kept by its mentions)
                    key = ambiguous_keys[id(m.candidates)] = ("ambiguous", tuple(sorted(c.code for c in m.candidates if c.code)))
                spans = spans_by_key.get(key)
                if spans is None:
                    spans = spans_by_key[key] = []
                    names = sorted({c.name for c in m.candidates})
                    made.append((start, new_place(
                        m.surface.text, names[0] if len(names) == 1 else None, None, _common_level(m.candidates), None,
                        list(key[1]), spans)))
            spans.append(span_of(start, m.end))
        elif m.zone_end:
            if not m.accepted and not m.strong and m.parent is None:
                continue
            name = text[start:m.zone_end]
            key = ("zone", name)
            spans = spans_by_key.get(key)
            if spans is None:
                spans = spans_by_key[key] = []
                made.append((start, new_place(
                    name, name, None, "zone", m.resolved.code if m.resolved is not None else None, [], spans)))
            spans.append(span_of(start, m.zone_end))
        elif m.orphan_of is not None and m.is_place and m.orphan_of.accepted and m.orphan_of.is_place:
            county = m.orphan_of.resolved or (m.orphan_of.candidates[0] if m.orphan_of.candidates else None)
            parent = county.code if county is not None else None
            key = ("town", parent, m.text)
            spans = spans_by_key.get(key)
            if spans is None:
                spans = spans_by_key[key] = []
                made.append((start, new_place(m.text, m.text, None, "township", parent, [], spans)))
            spans.append(span_of(start, m.end))
    if villages:
        by_name: dict[str, list[_Village]] = {}
        for v in villages:
            by_name.setdefault(v.name, []).append(v)
        for name, same in by_name.items():
            first = same[0]  # the first found makes the record, as for the other places
            parent_code = first.parent.resolved.code \
                if first.parent is not None and first.parent.resolved is not None else None
            same.sort(key=_village_start)  # (one name, one length: the starts order them)
            made.append((same[0].start, new_place(
                name, name, None, "village", parent_code, [], [span_of(v.start, v.end) for v in same])))
    # the first record to start comes first; the sort is stable, so ties keep the order of creation
    made.sort(key=_first_item)
    return [place for _start, place in made]


def _place_record(name: str, canonical_name: Optional[str], adcode: Optional[str], level: Optional[str],
                  parent_adcode: Optional[str], candidates: list[str], mentions: list[Span]) -> Place:
    """``Place.model_construct`` with every field given (records.record_from_fields): 1.0 →
    0.6 µs a record (tests/extractors/test_places.py checks that both agree)."""
    return record_from_fields(Place, {"name": name, "canonical_name": canonical_name, "adcode": adcode,
                                      "level": level, "parent_adcode": parent_adcode, "candidates": candidates,
                                      "mentions": mentions})


def _village_start(village: _Village) -> int:
    return village.start


def _first_item(pair: tuple) -> int:
    return pair[0]


def _common_level(candidates) -> Optional[str]:
    levels = {c.level for c in candidates}
    return levels.pop() if len(levels) == 1 else None
