import doctest

import pytest

from govnews_nlp import Pipeline
from govnews_nlp.extractors import amounts as amounts_module

amounts_only = Pipeline(stages=["slogans", "amounts"])


def _amounts(text):
    doc = amounts_only(text)
    for amount in doc.amounts:
        assert doc.text[amount.span.start:amount.span.end] == amount.text
    return [(a.value, a.currency, a.text) for a in doc.amounts]


# phrases from the dev set and shared/corpus/news_*
@pytest.mark.parametrize("text, expected", [
    ("北京还将在五年内为治理大气污染投入2000到3000亿元",
     [(2e11, "CNY", "2000到3000亿元"), (3e11, "CNY", "2000到3000亿元")]),
    ("吸引全社会投资近一万亿元。", [(1e12, "CNY", "近一万亿元")]),
    ("使哈乙亥村成为人均收入超过8000元的富裕村", [(8000.0, "CNY", "8000元")]),
    ("紧急安排救灾资金7亿元，用于支持遭灾地区", [(7e8, "CNY", "7亿元")]),
    ("农民人均可支配收入5.8万元。", [(58000.0, "CNY", "5.8万元")]),
    ("中央政府累计投入1.63万亿元治藏稳藏兴藏", [(1.63e12, "CNY", "1.63万亿元")]),
    ("增加到2020年的1902.74亿元", [(1.90274e11, "CNY", "1902.74亿元")]),
    ("实现2025年双边贸易额达1000亿美元的目标", [(1e11, "USD", "1000亿美元")]),
    ("存放有价值10多万欧元的货物", [(1e5, "EUR", "10多万欧元")]),
    ("每年能带来3万多元收入", [(3e4, "CNY", "3万多元")]),
    ("特交上一万元党费", [(1e4, "CNY", "一万元")]),
    ("进货价格12元/袋，销售价格高达128元。", [(12.0, "CNY", "12元"), (128.0, "CNY", "128元")]),
    ("累计完成投资10亿余元", [(1e9, "CNY", "10亿余元")]),
    ("合同金额5000万美元", [(5e7, "USD", "5000万美元")]),
])
def test_amounts(text, expected):
    got = _amounts(text)
    assert [(text_, currency) for _v, currency, text_ in got] == [(t, c) for _v, c, t in expected]
    assert [v for v, _c, _t in got] == pytest.approx([v for v, _c, _t in expected])


@pytest.mark.parametrize("text", [
    "吃饭也要交三份钱",                                    # money, but no sum written
    "从现在2300万吨，压到1000万吨以内",                      # tonnes
    "元旦期间全市烟花爆竹停止燃放",
    "两国元首亲切握手",
    "推动多元化发展",
    "要破除城乡二元结构，推进",
    "有价值数千万元的货物",                                # no exact number
])
def test_not_amounts(text):
    assert _amounts(text) == []


def test_doctests():
    assert doctest.testmod(amounts_module).failed == 0


def test_amount_pattern_agrees_with_the_plain_regex_pattern():
    """_AMOUNT (re with a first-character look-ahead) finds what the regex pattern without the
    look-ahead finds, on real phrases and 300 新闻联播 texts."""
    import regex

    from tests.extractors.test_counts import real_texts

    fast = amounts_module._AMOUNT
    look_ahead_end = fast.pattern.index(")") + 1
    assert fast.pattern.startswith("(?=[")
    plain = regex.compile(fast.pattern[look_ahead_end:])
    phrases = ["投入2000到3000亿元，吸引投资近一万亿元、28亿元、10亿余元、1.2万元、5000万美元",
               "人民币5亿元，约300万欧元，二元结构，一元化，元旦，第3元"]
    for text in phrases + real_texts():
        assert [(m.span(), m.groups()) for m in fast.finditer(text)] == \
            [(m.span(), m.groups()) for m in plain.finditer(text)], text[:40]


def test_amount_start_prefilter_finds_every_amount():
    """find_amounts tries _AMOUNT only where _AMOUNT_START matches: the same matches as a
    plain finditer, on real phrases and 300 新闻联播 texts."""
    from tests.extractors.test_counts import assert_prefilter_finds_every_match, real_texts

    phrases = ["投入2000到3000亿元，吸引投资近一万亿元，28亿元、10亿余元、1.2万元、5000万美元、人民币300万元",
               "1到1到1到2元、约5万余元、二元结构、三元里、1,200.5元人民币、50至60亿美元、第一元",
               "٣万元、१२०元、𝟑万元",   # other decimal digits (the last beyond the BMP)
               "男性36人，7月6日，日元、5万日元、3块钱、1万9千多元、二十新台币、3000港币",
               "10余万元、3千万元、三千多万元、1.2万亿美元、10多万到20多万元、5万余至6万余元"]   # scales after the run
    pattern = amounts_module._AMOUNT
    assert_prefilter_finds_every_match(amounts_module._AMOUNT_START, pattern, phrases + real_texts())
    assert len(pattern.findall(phrases[2])) == 3


@pytest.mark.parametrize("text, expected", [
    # a 《title》 of 40 characters or more does not hide an amount; a shorter one does
    ("他在会上宣读了《关于加快推进全市重点项目建设并安排专项资金3000万元用于支持中小企业发展和乡村振兴的实施意见》。",
     ["3000万元"]),
    ("会议审议了《关于安排3000万元的通知》。另安排500万元。", ["500万元"]),
])
def test_amounts_inside_long_and_short_titles(text, expected):
    assert [amount_text for _value, _currency, amount_text in _amounts(text)] == expected


def test_the_currency_guard_finds_every_currency_word():
    for word in amounts_module.CURRENCIES:
        assert amounts_module._ANY_CURRENCY.search(f"共计300{word}。"), word
    assert amounts_module._ANY_CURRENCY.search("新华社北京3月5日电，日本、加拿大和人民代表") is None
