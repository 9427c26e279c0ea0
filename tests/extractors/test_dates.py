import doctest

import pytest

from govnews_nlp import Pipeline
from govnews_nlp.extractors import dates as dates_module

dates_only = Pipeline(stages=["slogans", "dates"])


def _dates(text, published_at=None):
    doc = dates_only(text, published_at=published_at)
    for mention in doc.dates:
        assert doc.text[mention.span.start:mention.span.end] == mention.text
    return [(d.text, d.date) for d in doc.dates]


# (phrase, publication date, [(text, date)]) — from the dev set and shared/corpus/news_*
@pytest.mark.parametrize("text, published_at, expected", [
    ("2月11日，在全区一季度项目集中开工仪式之后", "2023-02-12T19:15", [("2月11日", "2023-02-11")]),
    ("2023年2月12日，我区召开项目建设动员大会", None, [("2023年2月12日", "2023-02-12")]),
    ("去年11月，美国公民裴俊浩被朝鲜扣留。", "2013-01-09", [("去年11月", "2012-11")]),
    ("代表团是在7号傍晚乘飞机抵达朝鲜的，8号参观了金日成综合大学", "2013-01-09",
     [("7号", "2013-01-07"), ("8号", "2013-01-08")]),
    ("3月份物流业景气指数回升至52.6%", "2019-04-02", [("3月份", "2019-03")]),
    ("今天（4月2日）公布的3月份中国物流业景气指数", "2019-04-02",
     [("4月2日", "2019-04-02"), ("3月份", "2019-03")]),
    ("峰会将于5月6日至8日在福建福州举办", "2019-04-02", [("5月6日", "2019-05-06"), ("8日", "2019-05-08")]),
    ("从4月30日到5月4日，全国铁路预计发送旅客", "2019-04-02",
     [("4月30日", "2019-04-30"), ("5月4日", "2019-05-04")]),
    ("池州长江大桥今天合龙，将于6月底通车", "2019-04-02", [("6月底", "2019-06")]),
    ("全国人大常委会27日表决通过", None, [("27日", None)]),
    ("王岐山9月6日到天津市", None, [("9月6日", None)]),
    ("截至4月30日10时，火场面积已达200多平方公里", "2009-05-01", [("4月30日", "2009-04-30")]),
    ("4月27日13时12分，我省沾河林业局施业区发生草甸森林火灾", "2009-05-01", [("4月27日", "2009-04-27")]),
    ("11月6日至7日，习近平在上海考察", "2018-11-08", [("11月6日", "2018-11-06"), ("7日", "2018-11-07")]),
    ("第二届中非经贸博览会将于9月26至29日举办", "2021-09-03", [("9月26", "2021-09-26"), ("29日", "2021-09-29")]),
    ("截至今年10月底，我国已建成", "2022-12-01", [("今年10月底", "2022-10")]),
    ("从明年1月1日起，取消煤电价格联动机制", "2019-09-26", [("明年1月1日", "2020-01-01")]),
    # a year written earlier carries on (同年, and dates of the same paragraph)
    ("1927年1月，王一飞在周恩来领导下工作。\n同年10月，党中央派王一飞到湖南",
     "2018-12-01", [("1927年1月", "1927-01"), ("同年10月", "1927-10")]),
    ("1962年12月，焦裕禄到河南兰考", "2014-03-01", [("1962年12月", "1962-12")]),
    # a month after the publication month by eight or more is last year's
    ("12月5日，代表团抵达平壤", "2013-01-09", [("12月5日", "2012-12-05")]),
    # a bare day well after the publication day is last month's
    ("28日，美国总统发表讲话", "2026-02-03", [("28日", "2026-01-28")]),
    ("此轮军演从本月24号开始", "2014-04-28", [("24号", "2014-04-24")]),
    ("37岁菲籍女佣上月28日抵港后", "2009-07-12", [("28日", "2009-06-28")]),
    ("2017年9月、10月，调查发现", "2017-12-20", [("2017年9月", "2017-09"), ("10月", "2017-10")]),
])
def test_dates(text, published_at, expected):
    assert _dates(text, published_at) == expected


@pytest.mark.parametrize("text", [
    "2012年，寿昌镇开展走访活动",                         # a bare year
    "从政为官50年，官至省部级30年",                        # durations
    "东北网5月1日讯 我省沾河林业局施业区发生火灾",          # a dateline
    "石家庄原市长冀纯堂被终止全国人大代表资格中新网6月27日电",
    "今视网3月12日南昌讯（张飞记者良保实习生夏娅）",
    "发布时间：2019-04-02",                               # the publication line
    "来源: 通州日报 发布时间:2023-02-12 19:15 累计次数: 字体:[ ]",
    "2009年05月01日",                                     # a line that only repeats the date
    "2014-04-19 08:33:21 星期六",
    "经过一个多月的努力",
    "国际机场1号航站楼",                                   # a name, not the 1st
    "核电项目1号机组主体工程",
    "地探险“1号邮轮”",
    "香港暴雨日数有30日",                                 # a number of days
    "近3日气温持续偏高",
    "农历五月初五是端午节",
])
def test_not_dates(text):
    assert _dates(text, "2019-04-02") == []


def test_header_then_body(seed_raw):
    from govnews_nlp import extract

    doc = extract(seed_raw, published_at="2023-02-12T19:15")
    assert [(d.text, d.date) for d in doc.dates] == [("2月11日", "2023-02-11")]


def test_doctests():
    assert doctest.testmod(dates_module).failed == 0


def test_date_groups_name_every_group_of_the_pattern():
    from govnews_nlp.extractors import dates

    assert len(dates._DateGroups._fields) == dates._DATE.groups
    match = dates._DATE.search("2023年2月12日")
    assert dates._DateGroups._make(match.groups())._asdict() == match.groupdict()


def test_date_pattern_agrees_without_its_second_look_ahead():
    """The second look-ahead of _DATE (what every branch begins with) only skips positions:
    without it the pattern finds the same dates, on real phrases and 300 新闻联播 texts."""
    import re

    from tests.extractors.test_counts import real_texts

    fast = dates_module._DATE
    second = fast.pattern.index("(?=", 3)
    plain = re.compile(fast.pattern[:second] + fast.pattern[fast.pattern.index(")", second) + 1:])
    assert len(plain.pattern) < len(fast.pattern)
    phrases = ["2023年2月12日、去年12月、3月份、6月底、5月6日至8日、二〇二三年二月十二日、十一月、同年5月",
               "2023-02-12，1至3月，27日，7号线，前年十二月，今天一同前往"]
    for text in phrases + real_texts():
        assert [(m.span(), m.groups()) for m in fast.finditer(text)] == \
            [(m.span(), m.groups()) for m in plain.finditer(text)], text[:40]


def test_date_start_prefilter_finds_every_date():
    """find_dates tries _DATE only where _DATE_START matches: the same matches as a plain
    finditer, on real phrases and 300 新闻联播 texts (and no more than a few starts each)."""
    from tests.extractors.test_counts import assert_prefilter_finds_every_match, real_texts

    phrases = ["2023年2月12日、去年12月、3月份、6月底、5月6日至8日、二〇二三年二月十二日、十一月、同年5月",
               "2023-02-12，1至3月，27日，7号线，前年十二月，今天一同前往，增长5.2%，2023.02.12，12/05",
               "٣至5月、१至12月、𝟑至5月",   # other decimal digits (the last beyond the BMP)
               "12年时间，今年以来，电话010-6207，2023年1至3月，去年十二月，水位146.37米，2013—2015年，今年3月",
               "12345年6月、二〇二三年十二月三十一日、10至12月、2023.1.5"]
    assert_prefilter_finds_every_match(dates_module._DATE_START, dates_module._DATE, phrases + real_texts())
    assert len(dates_module._DATE.findall(phrases[2])) == 3


def test_every_header_word_holds_one_of_the_header_word_chars():
    """_is_header asks _HEADER_LINE only where 间, 期 or 源 (_HEADER_WORD_CHARS) is before the
    date: each branch of the pattern must hold one of them."""
    import re

    assert dates_module._HEADER_WORD_CHARS == ("间", "期", "源")
    for branch in dates_module._HEADER_LINE.pattern.split("|"):
        literal = re.sub(r"\\s\{0,2\}\[:：\]$", "", branch)
        assert any(char in literal for char in dates_module._HEADER_WORD_CHARS), branch


@pytest.mark.parametrize("word", ["发布时间：", "发布日期 ", "发表时间", "更新时间：", "来源：", "日期 ：", "时间:"])
def test_a_date_after_a_header_word_is_no_body_date(word):
    doc = Pipeline(stages=["dates"])(f"正文第一段。\n{word}2023年2月12日 新华网\n2月11日，会议召开。")
    assert [d.text for d in doc.dates] == ["2月11日"]
