import json
import subprocess
import sys

import pytest

import govnews_nlp
from govnews_nlp import InputError, Pipeline


def _all_spans(doc):
    for author in doc.authors:
        for span in author.spans:
            yield author.name, span
    for official in doc.officials:
        for span in official.mentions:
            yield official.name, span
        for title in official.titles:
            if title.span is not None:
                yield title.text, title.span
    for place in doc.places:
        for span in place.mentions:
            yield None, span
    for record in [*doc.counts, *doc.amounts, *doc.slogans, *doc.dates]:
        yield record.text, record.span


def test_importing_reads_no_file_and_loads_no_dictionary():
    code = ("import sys, govnews_nlp; "
            "heavy = [m for m in ('jieba', 'opencc', 'pydantic', 'regex') if m in sys.modules]; "
            "print(heavy)")
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert result.stdout.strip() == "[]"


def to_simplified(char):
    import opencc

    return opencc.OpenCC("t2s").convert(char).replace(",", "，")


def test_every_span_indexes_its_mention_and_maps_back_to_raw(seed_doc, seed_raw):
    spans = list(_all_spans(seed_doc))
    assert spans
    for mention, span in spans:
        if mention is not None:
            assert seed_doc.text[span.start:span.end] == mention
        raw = seed_doc.raw_span(span)
        # the raw range starts and ends on the characters that produced the mention's ends,
        # never on a tag or a dropped (qū)
        first, last = seed_raw[raw.start], seed_raw[raw.end - 1]
        assert to_simplified(first) == seed_doc.text[span.start]
        assert to_simplified(last) == seed_doc.text[span.end - 1]


def test_raw_span_of_a_name_in_traditional_script(seed_doc, seed_raw):
    at = seed_doc.text.index("张建华")
    raw = seed_doc.raw_span(govnews_nlp.Span(start=at, end=at + 3))
    assert seed_raw[raw.start:raw.end] == "張建華"


def test_html_input_spans_map_back_to_the_page():
    page = ("<html><head><title>x</title><script>var a = '<p>';</script></head><body>"
            "<div class='nav'>首页 &gt; 要闻</div><p>来源：南通日报&nbsp;发布时间：2023-03-01</p>"
            "<p>市委副书记、市长<b>王晖</b>出席会议并讲话。</p></body></html>")
    doc = govnews_nlp.extract(page)
    assert "<" not in doc.text
    assert doc.source == "南通日报"
    at = doc.text.index("王晖")
    raw = doc.raw_span(govnews_nlp.Span(start=at, end=at + 2))
    assert page[raw.start:raw.end] == "王晖"


def test_bytes_in_any_chinese_encoding_give_the_same_document(seed_raw):
    text = "来源：通州日报\n区委副书记、区长王少勇主持会议。"
    docs = [govnews_nlp.extract(text.encode(encoding)) for encoding in ("utf-8", "gb18030")]
    assert docs[0].model_dump() == docs[1].model_dump()


@pytest.mark.parametrize("bad", [None, 12, ["text"]])
def test_wrong_type_is_an_input_error(bad):
    with pytest.raises(InputError):
        govnews_nlp.extract(bad)


def test_whitespace_only_gives_an_empty_document():
    doc = govnews_nlp.extract(" \n\t ")
    assert doc.text == "" and doc.officials == [] and doc.places == []


def test_json_round_trip(seed_doc):
    dumped = seed_doc.model_dump_json()
    again = govnews_nlp.Document.model_validate_json(dumped)
    assert again.model_dump(mode="json") == json.loads(dumped)


def test_unknown_stage_is_rejected():
    with pytest.raises(ValueError, match="unknown stage"):
        Pipeline(stages=["metadata", "nonsense"])


def test_one_pipeline_shared_by_threads_gives_the_same_documents(seed_raw):
    from concurrent.futures import ThreadPoolExecutor

    nlp = Pipeline()
    texts = [seed_raw, "区委副书记、区长王少勇主持会议。", seed_raw, "北京市副市长张工表示，全市投入2000到3000亿元。"] * 3
    expected = [nlp(text).model_dump_json() for text in texts]
    with ThreadPoolExecutor(max_workers=4) as pool:
        got = list(pool.map(lambda text: nlp(text).model_dump_json(), texts))
    assert got == expected


@pytest.mark.parametrize("enabled_before", [True, False])
def test_long_documents_run_with_the_cyclic_gc_paused_then_restored(monkeypatch, seed_raw, enabled_before):
    import gc

    from govnews_nlp import pipeline

    seen = []

    def dates_stage(doc):
        seen.append((len(doc.text), gc.isenabled()))
        return doc

    nlp = Pipeline(stages=["dates"])
    nlp._stages = [("dates", dates_stage)]
    long_text = seed_raw * (2 * pipeline.PAUSE_GC_FROM_CHARS // len(seed_raw))
    (gc.enable if enabled_before else gc.disable)()
    try:
        nlp(seed_raw)
        nlp(long_text)
        assert gc.isenabled() is enabled_before
    finally:
        gc.enable()
    assert seen[0][1] is enabled_before          # a short article: the collector as it was
    assert seen[1][0] >= pipeline.PAUSE_GC_FROM_CHARS and seen[1][1] is False


def test_the_cyclic_gc_comes_back_when_a_long_extraction_fails(monkeypatch, seed_raw):
    import gc

    from govnews_nlp import pipeline

    def failing_stage(doc):
        raise RuntimeError("stage failed")

    nlp = Pipeline(stages=["dates"])
    nlp._stages = [("dates", failing_stage)]
    with pytest.raises(RuntimeError):
        nlp(seed_raw * (2 * pipeline.PAUSE_GC_FROM_CHARS // len(seed_raw)))
    assert gc.isenabled()


def test_threads_extracting_long_documents_leave_the_cyclic_gc_enabled(seed_raw):
    import gc
    from concurrent.futures import ThreadPoolExecutor

    from govnews_nlp import pipeline

    long_text = seed_raw * (2 * pipeline.PAUSE_GC_FROM_CHARS // len(seed_raw))
    short_doc = govnews_nlp.extract(seed_raw)
    with ThreadPoolExecutor(4) as pool:
        docs = list(pool.map(govnews_nlp.extract, [long_text, seed_raw] * 4))
    assert gc.isenabled() and pipeline._gc_pauses == 0
    assert all(doc.model_dump_json() == short_doc.model_dump_json() for doc in docs[1::2])
