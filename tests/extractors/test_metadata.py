import pytest

import govnews_nlp
from govnews_nlp import Pipeline

metadata_only = Pipeline(stages=["metadata"])


@pytest.mark.parametrize("text, source", [
    ("标题\n来源: 通州日报 发布时间:2023-02-12 19:15", "通州日报"),
    ("标题\n来源：新闻联播\n央视网消息(新闻联播)：正文", "新闻联播"),
    ("王岐山在天津市调研时强调\n央视网消息(新闻联播)：中共中央政治局常委", "新闻联播"),
    ("沾河火灾\n东北网5月1日讯4月27日13时12分，我省沾河林业局", "东北网"),
    ("石家庄原市长冀纯堂被终止全国人大代表资格中新网6月27日电 全国人大常委会27日表决", "中新网"),
    ("山西：感到地震\n新华网太原5月12日电（记者滕军伟）12日14时30分左右", "新华网"),
    ("通州日报讯 (通讯员施伟办 记者顾艳)实干抢开局", "通州日报"),
    ("特大自来水污染\n6月26日，华西都市报热线电话接到举报", None),
    ("胡锦涛等九常委为侨界十杰颁发证书(图)中新社北京七月十四日电(记者 王海波 张冬冬)第八次", "中新社"),
    ("习近平会见罗马尼亚参议长中广网北京6月24日消息 (中国之声记者焦莹) 国家副主席", "中广网"),
    ("2009-08-07\n国际在线消息(记者金力)：比利时一家养老院6日晚发生火灾", "国际在线"),
    ("中新社北京五月十三日电综合消息(截至北京时间十时)北京时间五月十二日", "中新社"),
    ("5万多人在各种大小冲突中丧生。来源：四川在线-华西都市报责编：陆菁", "四川在线-华西都市报"),
    ("2007年11月12日\n东方网(来源：长江商报)11月12日信息：昨日中午", "长江商报"),
    ("信息时报讯(记者周伟龙)2月14日，情人节碰上元宵佳节", "信息时报"),
    ("2014年4月11日07:00\n据新华社电,4月7日凌晨5时，近300名", "新华社"),
    ("2007年9月7日\n新京报9月7日信息：(记者展明辉葛江涛)昨日下午", "新京报"),
    ("正文。\n\n来源：公共管理学院本科生党建工作中心\n\n文字：刘佳妮", "公共管理学院本科生党建工作中心"),
])
def test_source(text, source):
    assert metadata_only(text).source == source


@pytest.mark.parametrize("text, published_at", [
    ("来源: 通州日报 发布时间:2023-02-12 19:15 累计次数: 字体:[ ]", "2023-02-12T19:15"),
    ("北京定制空气重污染应急预案\n发布时间：2013-10-18\n央视网消息", "2013-10-18"),
    ("甘肃天祝发生4.3级地震\n2014年02月22日 19:59\n中新网西宁2月22日电", "2014-02-22T19:59"),
    ("标题\n发布日期：2021年3月5日\n正文", "2021-03-05"),
    ("中新网6月27日电 全国人大常委会27日表决", None),
    ("标题\n发布时间：2013-13-45\n正文", None),
])
def test_published_at(text, published_at):
    assert metadata_only(text).published_at == published_at


@pytest.mark.parametrize("text, authors", [
    ("通州日报讯 (通讯员施偉辦 瞿鎮(zhèn)輔 記者顧艷)實幹", [("施伟办", "通讯员"), ("瞿镇辅", "通讯员"), ("顾艳", "记者")]),
    ("新华网太原5月12日电（记者滕军伟）12日14时30分左右", [("滕军伟", "记者")]),
    ("“党旗下的新青年”小组\n成员：王佑齐，纪杰，林晨曦，鲁先宏，梅帅\n\n党章是党的根本大法", [
        ("王佑齐", "成员"), ("纪杰", "成员"), ("林晨曦", "成员"), ("鲁先宏", "成员"), ("梅帅", "成员")]),
    ("来看本台驻平壤记者赵曙光发回的报道。", [("赵曙光", "记者")]),
    ("正文到此。\n责任编辑：王晓东", [("王晓东", "责任编辑")]),
    ("新京报9月7日信息：(记者展明辉葛江涛)昨日下午，北京市昌平区", [("展明辉", "记者"), ("葛江涛", "记者")]),
    ("实践载体。\n\n本报记者   苏雁\n\n本报通讯员   姬尊雨", [("苏雁", "记者"), ("姬尊雨", "通讯员")]),
    ("等机构。\n\n文字：鞠京芮、陈佳伟\n\n图片：王昱博、陈佳伟\n\n编辑：赵佳艺  \n\n责编：张梦瑶", [
        ("鞠京芮", "文字"), ("陈佳伟", "文字"), ("王昱博", "图片"), ("陈佳伟", "图片"), ("赵佳艺", "编辑"), ("张梦瑶", "责编")]),
    ("据\n每日甘肃网\n报道\n，\n记者\n走访\n兰州市\n各大超市\n发现", []),
    ("记者\n日前从\n新疆环保厅\n了解到", []),
    ("记者还获悉，早在5月10日", []),
    ("记者从中国贸促会了解到", []),
    ("为了了解到他们的真实感受，记者进行了暗访。", []),
])
def test_authors(text, authors):
    doc = metadata_only(text)
    assert [(a.name, a.role) for a in doc.authors] == authors
    for author in doc.authors:
        for span in author.spans:
            assert doc.text[span.start:span.end] == author.name


def test_seed_metadata(seed_doc):
    assert seed_doc.source == "通州日报"
    assert seed_doc.published_at == "2023-02-12T19:15"
    assert seed_doc.title == "全区项目建设动员大会召开 按下项目攻坚“快进键” 跑出项目突破“加速度”"
    assert [(a.name, a.role) for a in seed_doc.authors] == [("施伟办", "通讯员"), ("瞿镇辅", "通讯员"), ("顾艳", "记者")]
    assert seed_doc.text[seed_doc.body_start:].startswith("通州日报讯")


def test_given_metadata_wins_over_the_text():
    doc = govnews_nlp.extract("来源: 通州日报 发布时间:2023-02-12 19:15\n正文", source="南通日报", published_at="2023-02-13")
    assert (doc.source, doc.published_at) == ("南通日报", "2023-02-13")


@pytest.mark.parametrize("text", [
    "新华网太原5月12日电（记者滕军伟）", "东北网5月1日讯4月27日", "中广网北京6月24日消息 (中国之声记者焦莹)",
    "新京报9月7日信息：(记者展明辉葛江涛)", "中新社北京七月十四日电(记者 王海波 张冬冬)",
])
def test_every_dateline_ends_in_a_word_the_dateline_guard_looks_for(text):
    from govnews_nlp.extractors.metadata import _DATELINE, _DATELINE_ENDINGS

    assert _DATELINE.pattern.endswith("日(?:电|讯|消息|信息)")     # the guard's words, all of them
    assert set(_DATELINE_ENDINGS) == {"日电", "日讯", "日消息", "日信息"}
    match = _DATELINE.search(text)
    assert match is not None
    assert match.group().endswith(_DATELINE_ENDINGS)
