"""Dates: every calendar date of the body, resolved to ISO against the publication date.

``2月11日`` → 2023-02-11 (year from ``doc.published_at``), ``2023年2月12日``, ``去年12月`` →
2022-12, ``3月份`` / ``6月底`` → YYYY-MM, ``7号`` → a day of the publication month,
``5月6日至8日`` → two dates, the second taking the month of the first. A date whose year
cannot be known (no publication date) keeps ``date=None``.

Not body dates (GUIDELINES.md): the publication line (``发布时间：2023-02-12``), a line that
only repeats a date (``2009年05月01日``), datelines (``东北网5月1日讯``, ``新华社北京3月5日电``),
times of day, bare years (``2023年``), lunar dates (``农历五月初五``), and dates inside a
《title》, a slogan or a fixed name.

Cross-year rule (conservative): a date with no year that would fall eight or more months
after the publication month is read as last year's (published 2013-01-09, ``12月5日`` →
2012-12-05); a bare day more than ten days after the publication day is read as last
month's.
"""
from __future__ import annotations

import re
from collections import namedtuple
from dataclasses import dataclass
from datetime import date
from functools import lru_cache
from itertools import chain
from typing import Optional

from ..numerals import Prefilter, finditer_prefiltered
from ..records import DateMention, Document, Span, record_from_fields
from ..script import HAN
from .counts import forget_protected, protected_index

# Every pattern here is compiled with re, not regex (faster to run, faster matches); Chinese
# characters are script.HAN. (re's \s also takes \x1c-\x1f, which cleaning removes.)
_CN_DIGIT = "〇零一二三四五六七八九"
_CN_MONTH = r"十[一二]|[一二三四五六七八九十]"
_CN_DAY = r"三十[一]?|二十[一二三四五六七八九]?|十[一二三四五六七八九]?|[一二三四五六七八九]"

# The standard re (the pattern needs nothing of regex's): a third faster on this pattern.
_DATE = re.compile(
    # the look-ahead lets the engine skip most positions at once (eight times faster); the second
    # one, what every branch below begins with, a fifth faster again (一, 前, 同 mostly start no date)
    r"(?=[\d〇零一二三四五六七八九十去今明前当同次翌])"
    r"(?=\d{1,4}[-/.年月日号至到—~～－]|[〇零一二三四五六七八九十]{1,4}[年月]|[去今明前当同次翌]年)"
    rf"(?<![\d./\-A-Za-z{_CN_DIGIT}十])"
    rf"(?:"
    # 2023-02-12, 2023/2/12, 2023.02.12
    rf"(?P<iso_year>(?:19|20)\d{{2}})(?P<sep>[-/.])(?P<iso_month>\d{{1,2}})(?P=sep)(?P<iso_day>\d{{1,2}})(?!\d)"
    rf"|"
    # 2023年2月12日, 去年12月, 3月份, 6月底, 二〇二三年二月十二日
    rf"(?:(?P<year>(?:19|20)\d{{2}}|[{_CN_DIGIT}]{{4}})年|(?P<relative>去年|今年|明年|前年|当年|同年|次年|翌年))?"
    rf"(?:(?P<month_from>\d{{1,2}})(?:至|到|—|-|～|~|－))?"
    rf"(?P<month>1[0-2]|0?[1-9]|{_CN_MONTH})月"
    rf"(?:(?P<day>3[01]|[12]\d|0?[1-9]|{_CN_DAY})(?:(?P<day_mark>日|号)|(?=(?:至|到|—|-|～|~|－)(?:3[01]|[12]\d|0?[1-9])[日号]))"
    rf"|(?P<part>份|底|初|末|中旬|上旬|下旬))?"
    rf"|"
    # 27日, 7号 (a day of a month given elsewhere)
    rf"(?P<bare_day>3[01]|[12]\d|0?[1-9])(?P<bare_mark>日|号)"
    rf")"
)
# Where a _DATE match may start (numerals.finditer_prefiltered): its look-behind and second
# look-ahead, loosened into one pattern that begins with a plain class, so re skips most
# positions in C; _DATE is tried at 1,000 places of 500 articles instead of at every character.
# A year (2023年, 今年) or a range link (1至3月, 2023-02-12) is followed by the digits of a month:
# without them (12年时间, 今年以来, 010-6207) _DATE is not tried (it was at 1,800 places).
# The digits are taken whole ({0,3}+): none of them can begin what follows.
_DATE_START = Prefilter.compile(
    rf"[\d{_CN_DIGIT}十去今明前当同次翌](?<![\d./\-A-Za-z{_CN_DIGIT}十].)[\d{_CN_DIGIT}十]{{0,3}}+"
    rf"(?:[月日号]|[-/.年至到—~～－][\d一二三四五六七八九十])"
)
# The groups of one _DATE match by name: match.groups() in a named tuple costs a fifth of
# match.groupdict() (a line of 50,000 dates builds one per date).
_DateGroups = namedtuple("_DateGroups", sorted(_DATE.groupindex, key=_DATE.groupindex.get))
_BARE_DAY, _BARE_MARK = _DATE.groupindex["bare_day"], _DATE.groupindex["bare_mark"]

# Around a bare day: 近3日, 每5日, 5日内 are durations; 1号线, 3号楼, “1号邮轮” are names.
_NOT_DAY_BEFORE = re.compile(r"(?:近|每|数|约|连续|前|后|第|多|几|单|双|编|型|有|共|达|为|“|\"|[A-Za-z])$")
_NOT_DAY_AFTER = re.compile(r"内|以内|之内|左右|以上|以下|游|均|元|起步|多")
_NOT_HAO_AFTER = re.compile(
    r"线|机组|航站楼|楼|机|台|公路|州际|邮轮|文件|令|院|馆|门|口|码|窗|位|球|字|店|舱|卫星|坑|井|站|房|"
    r"室|座|桥|隧道|选手|车|船|艇|展厅|通道|仓|地块|泊位|高炉|工位|和第|”|种子|病人|患者|队员|嘉宾|地|街|路|巷|弄"
)
# Before a month: 农历五月 (lunar), 3个月 is not reached (个 breaks the numeral).
_LUNAR_BEFORE = frozenset({"农历", "阴历", "夏历"})
# After a date: a dateline (5月1日电, 5月1日讯, 今视网3月12日南昌讯（…）).
_DATELINE_AFTER = re.compile(rf"\s{{0,2}}(?:电|讯|信息[:：]|消息[:：]|{HAN}{{2,4}}(?:电|讯)(?=\s|[（(【]|$))")
# Lines that carry the publication date, not body dates.
_HEADER_LINE = re.compile(r"发布时间|发布日期|发表时间|更新时间|来源\s{0,2}[:：]|日期\s{0,2}[:：]|时间\s{0,2}[:：]")
# One of these characters is in every header word: where none is, no header word is (a search for
# each of the three over the window before a date costs less than the one _HEADER_LINE search).
_HEADER_WORD_CHARS = ("间", "期", "源")
_ONLY_DATE_LINE = re.compile(
    r"\s{0,8}(?:(?:19|20)\d{2}[-/.年]\d{1,2}[-/.月]\d{1,2}日?)(?:\s{0,4}\d{1,2}[:：]\d{2}(?:[:：]\d{2})?)?"
    r"(?:\s{0,4}(?:星期|周)[一二三四五六日天])?\s{0,8}"
)
# Between a date and a bare day that continues it: 5月6日至8日, 6日、7日.
_RANGE_LINK = re.compile(r"\s{0,1}(?:至|到|—|-|～|~|－|、|和|及|或)\s{0,1}")

_MONTH_SHIFTS = {"上月": -1, "上个月": -1, "下月": 1, "下个月": 1, "本月": 0, "当月": 0, "这个月": 0}
_MONTH_SHIFT_BEFORE = re.compile(rf"(?:{'|'.join(_MONTH_SHIFTS)})$")
_RELATIVE_TO_PUBLICATION = {"去年": -1, "今年": 0, "明年": 1, "前年": -2}
_RELATIVE_TO_WRITTEN = {"当年": 0, "同年": 0, "次年": 1, "翌年": 1}
_CROSS_YEAR_MONTHS = 8
_CROSS_MONTH_DAYS = 10


@dataclass
class _Anchor:
    """The date a later bare day or month continues (its year and month)."""

    year: Optional[int]
    month: int
    end: int
    explicit: bool = False  # the year is written (1927年1月), so later dates of the paragraph keep it


def _cn_or_int(text: str) -> int:
    """Read a month, day or year written in Arabic or Chinese digits.

    >>> [_cn_or_int(s) for s in ("12", "十二", "二十一", "三十", "二〇二三", "十")]
    [12, 12, 21, 30, 2023, 10]
    """
    if text.isdigit():
        return int(text)
    digits = {c: i for i, c in enumerate("零一二三四五六七八九")}
    digits["〇"] = 0
    if len(text) == 4 and "十" not in text:
        return int("".join(str(digits[c]) for c in text))
    if "十" not in text:
        return digits[text]
    tens, _, units = text.partition("十")
    return (digits[tens] if tens else 1) * 10 + (digits[units] if units else 0)


def publication_date(published_at: Optional[str]) -> Optional[date]:
    """The publication day from an ISO string (``2023-02-12T19:15`` or ``2013-10-18``).

    >>> publication_date("2023-02-12T19:15")
    datetime.date(2023, 2, 12)
    >>> publication_date("2023-02") is None, publication_date(None) is None
    (True, True)
    """
    if not published_at or len(published_at) < 10:
        return None
    try:
        return date.fromisoformat(published_at[:10])
    except ValueError:
        return None


@lru_cache(maxsize=4096)
def _iso(year: Optional[int], month: int, day: Optional[int]) -> Optional[str]:
    if year is None:
        return None
    if day is None:
        return f"{year:04d}-{month:02d}"
    try:
        return date(year, month, day).isoformat()
    except ValueError:
        return None


def _year_for(month: int, day: Optional[int], published: Optional[date]) -> Optional[int]:
    """The year of a month (and day) written without one: the publication year, or the one
    before when the date would fall eight months or more after publication."""
    if published is None:
        return None
    if month - published.month >= _CROSS_YEAR_MONTHS:
        return published.year - 1
    return published.year


# Header lines are short. Looking further than this around a date finds no header, and on one
# very long line a whole-line scan per date would make extract quadratic (tests/test_adversarial.py).
_HEADER_LOOKBACK_CHARS = 200
_ONLY_DATE_LINE_MAX_CHARS = 80


class _HeaderWords:
    """The header words (发布时间, 来源：) of one text, asked for in increasing positions.

    ``before(lo, hi)`` says whether a header word lies inside ``text[lo:hi]``. The first word
    at or after ``lo`` is searched once and kept while later questions start before it, so a
    line of 50,000 dates scans the line once instead of 200 characters back from each date.
    No date starts inside a header word (they share no character), so the first word at or
    after ``lo`` lies inside ``[lo, hi)`` exactly when some word does.
    """

    def __init__(self, text: str):
        self.text = text
        self.asked_from = -1
        self.next_word: Optional[re.Match] = None

    def before(self, lo: int, hi: int) -> bool:
        word = self.next_word
        if self.asked_from < 0 or lo < self.asked_from or (word is not None and word.start() < lo):
            word = self.next_word = _HEADER_LINE.search(self.text, lo)
            self.asked_from = lo
        return word is not None and word.end() <= hi


def _is_header(text: str, start: int, end: int, header_words: _HeaderWords) -> bool:
    window = max(0, start - _HEADER_LOOKBACK_CHARS)
    newline = text.rfind("\n", window, start)
    line_start = newline + 1 if newline >= 0 else (0 if window == 0 else -1)  # -1: the line began earlier
    lo = max(line_start, window)
    # the three _HEADER_WORD_CHARS, one find each: a header word needs one of them
    if (text.find("间", lo, start) >= 0 or text.find("期", lo, start) >= 0 or text.find("源", lo, start) >= 0) \
            and header_words.before(lo, start):
        return True
    if line_start < 0:
        return False
    line_end = text.find("\n", end, end + _ONLY_DATE_LINE_MAX_CHARS)
    if line_end < 0:
        if end + _ONLY_DATE_LINE_MAX_CHARS < len(text):
            return False
        line_end = len(text)
    return _ONLY_DATE_LINE.fullmatch(text, line_start, line_end) is not None


def find_dates(doc: Document) -> list[DateMention]:
    """Every calendar date of the body, in text order."""
    text = doc.text
    found = finditer_prefiltered(_DATE_START.for_text(text), _DATE, text)
    first_match = next(found, None)
    if first_match is None:             # two texts in five: nothing more to look up
        return []
    published = publication_date(doc.published_at)
    protected = protected_index(doc)
    mentions: list[DateMention] = []
    anchor: Optional[_Anchor] = None
    header_words = _HeaderWords(text)

    def add(start: int, end: int, iso: Optional[str]) -> None:
        mentions.append(record_from_fields(DateMention, {"text": text[start:end], "date": iso, "span": Span.of(start, end)}))

    for match in chain((first_match,), found):
        start, end = match.span()
        if _DATELINE_AFTER.match(text, end) or _is_header(text, start, end, header_words):
            continue
        if protected.overlaps(start, end):
            continue
        bare_day, bare_mark = match.group(_BARE_DAY, _BARE_MARK)
        if bare_day:                    # 27日, 7号 (three dates in five): no other group is set
            day = int(bare_day)
            if not _bare_day_is_date(text, start, end, bare_mark, day):
                continue
            if anchor is not None and _RANGE_LINK.fullmatch(text, anchor.end, start):
                add(start, end, _iso(anchor.year, anchor.month, day))
            elif published is not None:
                year, month = published.year, published.month
                shift = _MONTH_SHIFT_BEFORE.search(text, max(0, start - 3), start)
                if shift is not None:       # 上月28日, 下月5日, 本月6号
                    month += _MONTH_SHIFTS[shift.group(0)]
                elif day - published.day > _CROSS_MONTH_DAYS:
                    month -= 1
                year, month = year + (month - 1) // 12, (month - 1) % 12 + 1
                add(start, end, _iso(year, month, day))
            else:
                add(start, end, None)
            if anchor is not None:
                anchor.end = end        # a later day continues from here (nothing else holds the anchor)
            continue
        groups = _DateGroups._make(match.groups())
        if groups.iso_year:
            year, month, day = int(groups.iso_year), int(groups.iso_month), int(groups.iso_day)
            if 1 <= month <= 12 and 1 <= day <= 31:
                add(start, end, _iso(year, month, day))
                anchor = _Anchor(year, month, end, True)
            continue
        month_text, day_text = groups.month, groups.day
        has_year = groups.year or groups.relative
        chinese_month = not month_text.isdigit()
        if chinese_month and not (has_year or day_text or groups.part):
            continue                    # 五月 alone: too often a name (五月天) or not a date
        if text[max(0, start - 2):start] in _LUNAR_BEFORE:
            continue
        month = _cn_or_int(month_text)
        day = _cn_or_int(day_text) if day_text else None
        if day is not None and groups.day_mark == "号" and _NOT_HAO_AFTER.match(text, end):
            continue
        same_paragraph = anchor is not None and anchor.explicit and "\n" not in text[anchor.end:start]
        written = anchor if same_paragraph else None
        if groups.relative in _RELATIVE_TO_WRITTEN:
            written = _last_written_year(text, start)
        year = _resolve_year(groups, month, day, published, written)
        if groups.month_from:   # 1至3月: the first month of the range, then the second
            first = int(groups.month_from)
            if not 1 <= first < month:
                continue
            add(start, match.end("month_from"), _iso(year, first, None))
            start = match.start("month")
        add(start, end, _iso(year, month, day))
        explicit = bool(groups.year) or groups.relative in _RELATIVE_TO_WRITTEN \
            or (same_paragraph and not groups.relative)
        anchor = _Anchor(year, month, end, explicit)
    return mentions


_WRITTEN_YEAR = re.compile(r"(?<!\d)((?:19|20)\d{2})年")
_WRITTEN_YEAR_WINDOW = 600


def _last_written_year(text: str, pos: int) -> Optional[_Anchor]:
    """The last year written before ``pos`` (what 同年 and 当年 refer to)."""
    last = None
    for last in _WRITTEN_YEAR.finditer(text, max(0, pos - _WRITTEN_YEAR_WINDOW), pos):
        pass
    return None if last is None else _Anchor(int(last.group(1)), 1, last.end(), True)


def _resolve_year(groups: "_DateGroups", month: int, day: Optional[int], published: Optional[date],
                  written: Optional[_Anchor]) -> Optional[int]:
    """The year of a date: written, relative to publication (去年), relative to the year
    written earlier in the paragraph (同年, or no year at all: 1927年1月……12月), or the
    publication year."""
    if groups.year:
        return _cn_or_int(groups.year)
    relative = groups.relative
    if relative in _RELATIVE_TO_WRITTEN:
        if written is None or written.year is None:
            return None
        return written.year + _RELATIVE_TO_WRITTEN[relative]
    if relative is not None:
        if published is None:
            return None
        return published.year + _RELATIVE_TO_PUBLICATION[relative]
    if written is not None:
        return written.year
    return _year_for(month, day, published)


def _bare_day_is_date(text: str, start: int, end: int, mark: str, day: int) -> bool:
    if day < 1 or _NOT_DAY_BEFORE.search(text, max(0, start - 2), start):
        return False
    if mark == "号":
        return _NOT_HAO_AFTER.match(text, end) is None
    return _NOT_DAY_AFTER.match(text, end) is None


def extract(doc: Document) -> Document:
    doc.dates = find_dates(doc)
    forget_protected(doc)               # the last stage to ask for them
    return doc
