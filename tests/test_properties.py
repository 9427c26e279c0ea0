"""Property-based tests: whatever the input, extract returns a valid Document or raises InputError.

Inputs: random Unicode (lone surrogates and control characters included), random slices and
mixes of the seed article (examples/tongzhou.txt, traditional and simplified, raw HTML), short
phrases written here, HTML fragments, and bytes in several encodings. Every returned Document
must satisfy tests/invariants.py, serialise to JSON that parses back, and be deterministic.
Examples are bounded (max_examples) so the whole file stays fast in CI.
"""
from __future__ import annotations

import json
import os
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import govnews_nlp
from govnews_nlp.errors import InputError

from .invariants import check_document, check_json_round_trip

ROOT = Path(__file__).resolve().parents[1]
SEED = (ROOT / "examples" / "tongzhou.txt").read_text(encoding="utf-8")
SHARED = Path(os.environ.get("GOVNEWS_SHARED") or ROOT.parent / "shared")

PHRASES = [
    "市委常委、区委书记张建华出席会议并强调", "区委副书记、区长王少勇主持会议。", "区领导陈艳梅、葛锦坤参加活动。",
    "对康辉新材料等16个项目进行了集中观摩", "总投资28亿元", "10亿余元", "1.2万元", "5000万美元", "两批项目",
    "2023年2月11日", "2月12日上午", "来源: 通州日报 发布时间:2023-02-12 19:15", "（通讯员施伟办 瞿镇辅 记者顾艳）",
    "新华社北京3月5日电", "按下项目攻坚“快进键”", "以“敢为、敢闯、敢干、敢首创”的担当", "「马上就办」", "南通市委书记",
    "石港镇二级载体平台", "全區(qū)項目建設", "發(fā)布時間", "１６个项目", "责任编辑：王小明", "买买提·艾力",
    "建华区", "张建华", "通州", "南通高新区", "北京市通州区", "新疆维吾尔自治区", "和田", "城关镇", "张家村", "村",
]
HTML = [
    "<p>", "</p>", "<div class=\"content\">", "<br/>", "<li>", "<script>var a='张建华';</script>", "<script>", "</script>",
    "<!--", "-->", "<!-- 注释 -->", "<![CDATA[", "]]>", "<!DOCTYPE html>", "<!DOCTYPE x [<!ENTITY a \"张建华\">]>",
    "<?xml version=\"1.0\"?>", "&amp;", "&lt;p&gt;", "&#x5F20;", "&#24352;", "&#0;", "&#x10FFFF;", "&#xD800;", "&nbsp;",
    "&#13;", "&#12;", "<img src=\"http://127.0.0.1:9/a.png\">", "<a href='", "<", ">", "<p<div", "</div></div>",
    "<style>p{}</style>", "<title>", "</title>",
]
CONTROL = ["\x00", "\x01", "\x08", "\x0b", "\x0c", "\r", "\r\n", "\n", "\t", "\x7f", "\x85", "\u2028", "\u200b",
           "\ufeff", "\u202e", "\ud800", "\udfff", "\ud83d\ude00", "\u3000", "\xa0", "\ufffd"]


def _corpus_fragments() -> list[str]:
    path = SHARED / "corpus" / "news_party_activity_clippings" / "party_activity_clippings.jsonl"
    if not path.exists():
        return []
    fragments = []
    with path.open(encoding="utf-8") as lines:
        for _, line in zip(range(20), lines):
            text = json.loads(line).get("text") or ""
            fragments.extend(text[i:i + 200] for i in range(0, min(len(text), 2000), 200))
    return [f for f in fragments if f]


CORPUS = _corpus_fragments()

seed_slices = st.tuples(st.integers(0, len(SEED)), st.integers(0, 400)).map(lambda p: SEED[p[0]:p[0] + p[1]])
any_unicode = st.text(st.characters(codec=None, categories=None), max_size=60)
surrogate_text = st.text(st.characters(min_codepoint=0xD800, max_codepoint=0xDFFF), max_size=3)
fragment = st.one_of(
    seed_slices,
    st.sampled_from(PHRASES),
    st.sampled_from(HTML),
    st.sampled_from(CONTROL),
    any_unicode,
    surrogate_text,
    *([st.sampled_from(CORPUS)] if CORPUS else []),
)
mixed_text = st.lists(fragment, max_size=25).map("".join)
encoded = st.tuples(mixed_text, st.sampled_from(["utf-8", "gb18030", "big5", "utf-16", "utf-8-sig", "utf-32"])).map(
    lambda pair: pair[0].encode(pair[1], errors="ignore")
)
any_bytes = st.one_of(st.binary(max_size=200), encoded, st.lists(st.one_of(encoded, st.binary(max_size=20)), max_size=5).map(b"".join))

FAST = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def _check(value) -> None:
    try:
        doc = govnews_nlp.extract(value)
    except InputError as exc:
        assert str(exc)  # the error names the problem
        return
    check_document(doc)
    if isinstance(value, str):
        assert doc.raw == value  # the raw input is kept whole: every raw_span indexes it
    dumped = check_json_round_trip(doc)
    assert govnews_nlp.extract(value).model_dump_json() == dumped  # deterministic


@FAST
@given(mixed_text)
def test_mixed_text_gives_valid_document(text):
    _check(text)


@FAST
@given(any_unicode)
def test_random_unicode_gives_valid_document(text):
    _check(text)


@FAST
@given(any_bytes)
def test_bytes_give_valid_document_or_input_error(data):
    _check(data)


@settings(max_examples=40, deadline=None)
@given(st.lists(st.sampled_from(PHRASES), min_size=1, max_size=8), st.sampled_from(["gb18030", "big5", "utf-16", "utf-8-sig"]))
def test_chinese_bytes_decode_like_the_text(phrases, encoding):
    text = "，".join(phrases) + "。"
    try:
        data = text.encode(encoding)
    except UnicodeEncodeError:  # Big5 lacks some simplified characters
        return
    assert govnews_nlp.extract(data).text == govnews_nlp.extract(text).text


@settings(max_examples=60, deadline=None)
@given(st.text(st.sampled_from(" \t\n\r\u3000\xa0\u200b\ufeff"), max_size=30))
def test_whitespace_only_gives_empty_document(text):
    doc = govnews_nlp.extract(text)
    assert doc.text == "" and doc.officials == [] and doc.authors == []


@settings(max_examples=80, deadline=None)
@given(st.one_of(st.none(), st.text(max_size=25), st.dates().map(str), st.datetimes().map(lambda d: d.isoformat())),
       st.sampled_from(PHRASES + [SEED]))
def test_any_published_at_gives_valid_document(published_at, text):
    try:
        doc = govnews_nlp.extract(text, published_at=published_at)
    except InputError as exc:
        assert str(exc)
        return
    check_document(doc)
    check_json_round_trip(doc)


@settings(max_examples=200, deadline=None)
@given(st.lists(st.tuples(st.integers(0, 60), st.integers(0, 15)).map(lambda p: (p[0], p[0] + p[1])), max_size=12),
       st.integers(0, 70), st.integers(0, 10))
def test_span_index_agrees_with_a_full_scan(spans, start, length):
    from govnews_nlp.spans import SpanIndex

    end = start + length
    assert SpanIndex(spans).overlaps(start, end) == any(s < end and start < e for s, e in spans)
