import re

import pytest

from govnews_nlp.numerals import parse_numeral, parse_round_scale


@pytest.mark.parametrize("text, value", [
    # Chinese numerals as written in the news
    ("一", 1), ("两", 2), ("十", 10), ("十二", 12), ("二十", 20), ("三百五十", 350), ("一百零五", 105),
    ("一千二百万", 12_000_000), ("一万", 10_000), ("一万亿", 1_000_000_000_000),
    ("三亿五千万", 350_000_000), ("九百六十", 960), ("一万二", 12_000), ("三千五", 3_500),
    ("二〇二三", 2023),
    # Arabic numerals, with a Chinese scale
    ("16", 16), ("6820万", 68_200_000), ("7.7万", 77_000), ("1.2万", 12_000), ("2.8亿", 280_000_000),
    ("3000亿", 300_000_000_000), ("10余万", 100_000), ("1,200", 1_200), ("52.6", 52.6), ("1.63万亿", 1_630_000_000_000),
])
def test_parse_numeral(text, value):
    assert parse_numeral(text) == value
    assert type(parse_numeral(text)) is type(value)


@pytest.mark.parametrize("text", [
    "十四五",   # a plan's name, not fourteen-five
    "三三", "五十五十", "万", "亿", "百", "千万", "", "abc", "1.2.3",
])
def test_not_a_numeral(text):
    assert parse_numeral(text) is None



@pytest.mark.parametrize("text, value", [
    # bare scales from 近百名社会人员, 百所高校, 近千名市民, 上万场, 上亿人口, 百万人次
    ("百", 100), ("千", 1000), ("万", 10_000), ("亿", 100_000_000), ("百万", 1_000_000),
    ("千万", 10_000_000), ("万亿", 1_000_000_000_000),
    # not a bare scale: a numeral with digits, a lone 十, scales out of order (亿万人民 is vague)
    ("一百", None), ("十", None), ("亿万", None), ("万百", None), ("百百", None), ("", None),
])
def test_parse_round_scale(text, value):
    assert parse_round_scale(text) == value


def test_finditer_prefiltered_is_finditer_where_the_prefilter_allows():
    import re

    from govnews_nlp.numerals import finditer_prefiltered

    pattern = re.compile(r"(?<![\d])\d+个")
    prefilter = re.compile(r"\d")
    text = "共12个项目，3个，45678，9个，个"
    assert [m.span() for m in finditer_prefiltered(prefilter, pattern, text)] == \
        [m.span() for m in pattern.finditer(text)] == [(1, 4), (7, 9), (16, 18)]
    assert [m.span() for m in finditer_prefiltered(prefilter, pattern, text, 5)] == [(7, 9), (16, 18)]
    assert list(finditer_prefiltered(re.compile("x"), pattern, text)) == []  # a prefilter that never matches


def test_bmp_digits_are_what_re_calls_digits_in_the_plane():
    import re

    from govnews_nlp.numerals import BMP_DIGITS

    ours, theirs = re.compile(f"[{BMP_DIGITS}]"), re.compile(r"\d")
    assert [hex(code) for code in range(0x10000)
            if (ours.match(chr(code)) is None) != (theirs.match(chr(code)) is None)] == []


def test_prefilter_keeps_the_general_pattern_for_text_beyond_the_plane():
    from govnews_nlp.numerals import Prefilter, finditer_prefiltered

    prefilter = Prefilter.compile(r"[\d两][\d]{0,3}个")
    pattern = re.compile(r"(?<![\d])(?:\d+|两)个")
    assert prefilter.for_text("共12个") is prefilter.bmp and prefilter.for_text("共𝟏𝟐个") is prefilter.general
    for text in ("共12个、٣个、两个、१२个", "共𝟏𝟐个、٣个、两个"):
        assert [m.group() for m in finditer_prefiltered(prefilter.for_text(text), pattern, text)] == \
            [m.group() for m in pattern.finditer(text)]
    assert [m.group() for m in prefilter.bmp.finditer("共𝟏𝟐个")] == []   # why texts beyond the plane need general
