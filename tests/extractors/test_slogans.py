import pytest

from govnews_nlp import Pipeline

slogans_only = Pipeline(stages=["slogans"])

SEED_SLOGANS = {
    "快进键", "加速度", "开门红", "敢为、敢闯、敢干、敢首创", "大抓项目、抓大项目",
    "打造新高地、建设硬核区，争当全市高质量发展排头兵", "专精特新", "赛马拉练", "抓项目就是抓发展",
    "抓项目就是抓机遇", "抓项目就是抓民生", "抓项目就是抓争先", "试金石", "舍我其谁", "起步就是冲刺",
    "马上就办", "办", "拼", "胜", "实", "拼经济", "四敢", "真抓实干、马上就办",
}


@pytest.mark.parametrize("text, expected", [
    ("动员全区上下按下项目攻坚“快进键”，跑出项目突破“加速度”。", ["快进键", "加速度"]),
    ("以“敢为、敢闯、敢干、敢首创”的担当作为攻坚突破", ["敢为、敢闯、敢干、敢首创"]),
    ("2012年，寿昌镇开展“走村不漏户 户户见干部”的走访活动", ["走村不漏户 户户见干部"]),
    ("通过“一对一”线下谈心、“点对点”线上联络", ["一对一", "点对点"]),
    ("党员“1+1”结对帮扶活动", ["1+1"]),
    ("「马上就办」的工作理念", ["马上就办"]),
    ("汪湛说道：“虽然身体有些疲惫，但亲身参与江滩清洁的活动让我收获很大。”", []),
    ("总书记强调“全党要牢固树立党章意识，真正把党章作为加强党性修养的根本标准”，这让我们懂得", []),
    ("大型非自航绞吸挖泥船“新海旭”，今天起航", []),
    ("我们反对美国在韩国部署“萨德”反导系统。", []),
    ("“奋斗者”号完成今年首次万米深潜", []),
    ("“天鹅座”飞船完成对接，“海马斯”火箭弹和“战斧”巡航导弹", []),
    ("响应“厕所革命”号召，号称“水针仪”号称能调理", ["厕所革命", "水针仪"]),
    ("“" + "很长的一句口号" * 7 + "”", []),
    ("只有左引号“没有右引号的一段文字", []),
    ("“”空引号", []),
])
def test_slogans(text, expected):
    doc = slogans_only(text)
    assert [s.text for s in doc.slogans] == expected
    for slogan in doc.slogans:
        assert doc.text[slogan.span.start:slogan.span.end] == slogan.text


def test_seed_has_all_23_distinct_slogans(seed_doc):
    assert {s.text for s in seed_doc.slogans} == SEED_SLOGANS


def test_craft_guards_cover_every_match():
    """The character sets that let is_slogan skip the craft searches cover every match: a
    match after a quote begins with white space or one of _CRAFT_AFTER_FIRST_CHARS, and
    white space to regex is white space to str.isspace."""
    import regex

    from govnews_nlp.extractors import slogans

    for word in slogans._CRAFT_WORDS_BEFORE:
        assert slogans._NAMED_CRAFT_BEFORE.search("挖泥" + word)
        assert slogans._NAMED_CRAFT_BEFORE.search("挖泥" + word + "\n")
    for word in (*slogans._CRAFT_WORDS_AFTER, "号"):
        assert word[0] in slogans._CRAFT_AFTER_FIRST_CHARS
        assert slogans._NAMED_CRAFT_AFTER.match(word) and slogans._NAMED_CRAFT_AFTER.match(" " + word)
    regex_space = regex.compile(r"\s")
    assert all(chr(code).isspace() for code in range(0x110000)
               if not 0xD800 <= code <= 0xDFFF and regex_space.match(chr(code)))
