import io
import json
import random

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from govnews_nlp import render_html
from govnews_nlp.cli import main
from govnews_nlp.records import Amount, Count, DateMention, Document, Official, Place, Slogan, Span, Title
from govnews_nlp.render import collect_marks, highlight, nest, official_tip, page_name, read_jsonl, write_pages
from tests.conftest import SEED_PATH
from tests.render_support import SEED_OFFICIAL_NAMES, PageParser, occurrences, seed_document

HOSTILE = '区委书记<script>alert(1)</script>张三出席"onmouseover=alert(2) x="会议，提出“A&B\'<i>”口号。'


@pytest.fixture(scope="module")
def hand_seed(seed_raw):
    return seed_document(seed_raw)


@pytest.fixture(scope="module")
def hand_seed_page(hand_seed):
    return PageParser(render_html(hand_seed))


def _doc(text, **records):
    return Document.model_validate({"text": text, **records})


def _span(text, needle, nth=0):
    return occurrences(text, needle)[nth]


def hostile_doc():
    text = HOSTILE
    return Document(
        text=text, title='<img src=x onerror="alert(3)">', source="A&B 日报", id='x"><script>',
        officials=[Official(name="张三", mentions=[_span(text, "张三")], roles=['"onmouseover=alert(4)'],
                            titles=[Title(text="区委书记", span=_span(text, "区委书记"))])],
        slogans=[Slogan(text="A&B'<i>", span=_span(text, "A&B'<i>"))],
    )


# ---------------------------------------------------------------- escaping


def test_script_and_event_handlers_in_the_text_render_inert():
    page = render_html(hostile_doc())
    parsed = PageParser(page)
    assert [tag for tag, _attrs in parsed.tags if tag in ("script", "img", "i", "iframe")] == []
    assert all(not name.startswith("on") for _tag, attrs in parsed.tags for name in attrs)
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page
    assert '&quot;onmouseover=alert(2) x=&quot;' in page
    assert parsed.article == HOSTILE  # shown as text, character for character


def test_quotes_and_ampersands_in_records_stay_inside_their_attribute():
    parsed = PageParser(render_html(hostile_doc()))
    slogan = next(m for m in parsed.marks if m["kind"] == "slogan")
    assert slogan["title"] == "“A&B'<i>”" and slogan["text"] == "A&B'<i>"
    official = next(m for m in parsed.marks if m["kind"] == "official")
    assert official["title"] == '张三 · 区委书记 · "onmouseover=alert(4)'
    assert parsed.rows["slogan-0"][0] == "A&B'<i>"
    assert parsed.rows["official-0"][3] == '"onmouseover=alert(4)'


def test_the_page_needs_nothing_from_outside():
    page = render_html(hostile_doc())
    tags = {tag for tag, _attrs in PageParser(page).tags}
    assert tags.isdisjoint({"script", "link", "img", "iframe", "object", "embed"})
    assert "http://" not in page and "https://" not in page and "url(" not in page


# ---------------------------------------------------------------- every record shown


def test_article_text_is_kept_exactly(hand_seed, hand_seed_page):
    assert hand_seed_page.article == hand_seed.text


@pytest.mark.parametrize("field, kind", [
    ("places", "place"), ("counts", "count"), ("amounts", "amount"), ("slogans", "slogan"), ("dates", "date"),
    ("authors", "author"), ("officials", "official"),
])
def test_every_record_is_highlighted(hand_seed, hand_seed_page, field, kind):
    records = getattr(hand_seed, field)
    assert records or field == "amounts"
    for i, record in enumerate(records):
        spans = getattr(record, "mentions", None) or getattr(record, "spans", None) or [record.span]
        expected = {(span.start, span.end) for span in spans}
        assert hand_seed_page.highlighted(kind, f"{field[:-1]}-{i}") == expected, record


def test_every_title_is_highlighted_with_its_official(hand_seed, hand_seed_page):
    for i, official in enumerate(hand_seed.officials):
        expected = {(title.span.start, title.span.end) for title in official.titles}
        assert hand_seed_page.highlighted("title", f"official-{i}") == expected


def test_officials_table_in_mention_order_with_titles_and_roles(hand_seed_page):
    rows = [cells for row_id, cells in hand_seed_page.rows.items() if row_id.startswith("official-")]
    assert [cells[1] for cells in rows] == list(SEED_OFFICIAL_NAMES)
    assert rows[0] == ["0", "张建华", "市委常委 / 区委书记", "出席, 强调, 指出", "4"]
    assert rows[2][2] == "区委副书记 / 政法委书记"


def test_places_table_has_canonical_name_adcode_and_level(hand_seed_page):
    assert hand_seed_page.rows["place-1"] == ["石港镇", "石港镇", "320612110", "township", "1"]
    assert hand_seed_page.rows["place-2"] == ["南通高新区", "南通高新区", "—", "zone", "2"]


def test_hover_text_shows_the_record(hand_seed_page):
    tips = {(m["kind"], m["text"]): m["title"] for m in hand_seed_page.marks}
    assert tips[("official", "张建华")] == "张建华 · 市委常委 / 区委书记 · 出席, 强调, 指出"
    assert tips[("title", "区委书记")] == "区委书记 → 张建华"
    assert tips[("place", "石港镇")] == "石港镇 · 320612110 · township"
    assert tips[("place", "通州")] == "通州 · 通州区 · 320612 · county"
    assert tips[("count", "16个项目")] == "16个项目 · 16 · 个 · 项目"
    assert tips[("date", "2月11日")] == "2月11日 · 2023-02-11"
    assert tips[("author", "顾艳")] == "顾艳 · 记者"


def test_official_tip_leaves_out_empty_parts():
    assert official_tip(Official(name="陈兵")) == "陈兵"
    assert official_tip(Official(name="张建华", titles=[Title(text="市委常委"), Title(text="区委书记")],
                                 roles=["出席", "强调"])) == "张建华 · 市委常委 / 区委书记 · 出席, 强调"


def test_repeated_slogans_share_one_row(hand_seed_page):
    assert hand_seed_page.rows["slogan-0"] == ["快进键", "2", "20, 155"]
    assert "slogan-3" not in hand_seed_page.rows  # the second 快进键


def test_amount_hover_and_row():
    text = "总投资28亿元的项目"
    doc = _doc(text, amounts=[{"value": 2.8e9, "text": "28亿元", "span": {"start": 3, "end": 7}}])
    parsed = PageParser(render_html(doc))
    assert [(m["text"], m["title"]) for m in parsed.marks] == [("28亿元", "28亿元 · 2,800,000,000 CNY")]
    assert parsed.rows["amount-0"] == ["28亿元", "2,800,000,000", "CNY"]


def test_spans_outside_the_text_are_listed_but_not_highlighted():
    doc = _doc("南通", places=[{"name": "南通", "mentions": [{"start": 0, "end": 2}, {"start": 5, "end": 9}]}])
    parsed = PageParser(render_html(doc))
    assert parsed.highlighted("place", "place-0") == {(0, 2)}
    assert parsed.article == "南通"


def test_empty_document_renders():
    parsed = PageParser(render_html(Document()))
    assert parsed.article == "" and parsed.marks == []


# ---------------------------------------------------------------- overlaps


OVERLAP_TEXT = "要争当“16个项目”排头兵，南通市委书记王某出席。南通高新区"


def overlap_doc(order=None):
    text = OVERLAP_TEXT
    records = dict(
        slogans=[Slogan(text="16个项目", span=_span(text, "16个项目"))],
        counts=[Count(value=16, unit="个", item="项目", text="16个项目", span=_span(text, "16个项目")),
                Count(value=16, item="个", text="16个", span=_span(text, "16个"))],
        places=[Place(name="南通市", mentions=[_span(text, "南通市")]),
                Place(name="书记王", mentions=[_span(text, "书记王")]),  # crosses title and name
                Place(name="南通高新区", mentions=[_span(text, "南通高新区")])],
        officials=[Official(name="王某", mentions=[_span(text, "王某")],
                            titles=[Title(text="南通市委书记", span=_span(text, "南通市委书记"))])],
        dates=[DateMention(text="通高", span=_span(text, "通高"))],  # inside a place
        amounts=[Amount(value=1.0, text="要争当“16", span=Span.of(0, 6))],  # crosses the slogan
    )
    if order is not None:
        for value in records.values():
            order.shuffle(value)
    return Document(text=text, **records)


def test_overlapping_records_nest_and_keep_the_text():
    doc = overlap_doc()
    parsed = PageParser(render_html(doc))  # fails on any crossing tags
    assert parsed.article == OVERLAP_TEXT
    assert parsed.highlighted("slogan", "slogan-0") == {(4, 9)}
    assert parsed.highlighted("count", "count-0") == {(4, 9)}
    assert parsed.highlighted("count", "count-1") == {(4, 7)}
    assert parsed.highlighted("title", "official-0") == {(14, 20)}
    assert parsed.highlighted("place", "place-0") == {(14, 17)}
    assert parsed.highlighted("place", "place-1") == {(18, 21)}
    assert parsed.highlighted("official", "official-0") == {(20, 22)}
    assert parsed.highlighted("amount", "amount-0") == {(0, 6)}
    assert parsed.highlighted("date", "date-0") == {(26, 28)}


def test_inner_record_sits_inside_the_outer_one():
    html_text = highlight(OVERLAP_TEXT, collect_marks(overlap_doc()))
    # slogan outside, then the longer count, then the shorter count
    assert ('<mark class="hl hl-slogan" data-ref="slogan-0" title="“16个项目”">'
            '<mark class="hl hl-count" data-ref="count-0"') in html_text
    assert '<mark class="hl hl-title" data-ref="official-0" title="南通市委书记 → 王某"><mark class="hl hl-place"' in html_text


def test_crossing_records_are_cut_the_same_way_whatever_their_order():
    pages = {render_html(overlap_doc(random.Random(seed))) for seed in range(6)}
    parsed = [PageParser(page) for page in pages]
    cut = {tuple(sorted((m["kind"], m["start"], m["end"]) for m in p.marks)) for p in parsed}
    assert len(cut) == 1


spans_in_ten = st.tuples(st.integers(0, 9), st.integers(1, 10)).filter(lambda se: se[0] < se[1])


@settings(max_examples=150, deadline=None)
@given(st.lists(st.tuples(st.sampled_from(["place", "count", "slogan"]), spans_in_ten), max_size=8))
def test_any_overlap_nests_and_covers_each_span_exactly(records):
    text = "南通<市>&委“书记”王某"
    fields = {"place": [], "count": [], "slogan": []}
    for kind, (start, end) in records:
        span = Span.of(start, end)
        if kind == "place":
            fields["place"].append(Place(name=text[start:end], mentions=[span]))
        elif kind == "count":
            fields["count"].append(Count(value=1, item="x", text=text[start:end], span=span))
        else:
            fields["slogan"].append(Slogan(text=text[start:end], span=span))
    doc = Document(text=text, places=fields["place"], counts=fields["count"], slogans=fields["slogan"])
    parsed = PageParser(render_html(doc))  # fails on crossing tags
    assert parsed.article == text
    for kind, records_of_kind in fields.items():
        for i, record in enumerate(records_of_kind):
            span = record.mentions[0] if kind == "place" else record.span
            assert parsed.highlighted(kind, f"{kind}-{i}") == {(span.start, span.end)}


def test_nest_output_never_crosses():
    marks = collect_marks(overlap_doc())
    placed = nest(marks)
    for a in placed:
        for b in placed:
            assert not (a.start < b.start < a.end < b.end), (a, b)
    assert placed == nest(reversed(marks))


# ---------------------------------------------------------------- many pages and the command line


def test_page_names_are_safe_file_names():
    assert page_name(3, Document(id="examples/tongzhou.txt")) == "0003-tongzhou.html"
    assert page_name(0, Document(id="../../etc/passwd")) == "0000-passwd.html"
    assert page_name(1, Document(id='a"><script>b.txt')) == "0001-a_script_b.html"
    assert page_name(2, Document()) == "0002.html"


def test_write_pages_makes_an_index_linking_every_page(tmp_path, hand_seed):
    pages = write_pages([hand_seed, hostile_doc(), Document(id="空.txt")], tmp_path / "out")
    assert [page.path.name for page in pages] == ["0000-tongzhou.html", "0001-x_script.html", "0002-空.html"]
    index = PageParser((tmp_path / "out" / "index.html").read_text(encoding="utf-8"))
    links = [attrs["href"] for tag, attrs in index.tags if tag == "a"]
    assert links == ["0000-tongzhou.html", "0001-x_script.html", "0002-%E7%A9%BA.html"]
    assert index.rows["doc-0"][1] == hand_seed.title + "examples/tongzhou.txt"  # title, then the id
    assert index.rows["doc-0"][4:] == ["16", "3", "2", "0", "28", "1"]
    assert index.rows["doc-1"][1] == '<img src=x onerror="alert(3)">x"><script>'
    assert index.rows["doc-2"][1] == "空.txt"  # no title: the id only
    assert all(page.path.exists() for page in pages)


def test_read_jsonl_rebuilds_documents_and_reports_bad_lines(hand_seed):
    lines = [hand_seed.model_dump_json(), "", "{not json", json.dumps({"text": "x", "nonsense": 1}), "{}"]
    problems = []
    docs = list(read_jsonl(lines, on_error=lambda number, message: problems.append(number)))
    assert [doc.model_dump() for doc in docs] == [hand_seed.model_dump(), Document().model_dump()]
    assert problems == [3, 4]


def test_cli_render_one_file(tmp_path, capsys):
    out = tmp_path / "seed.html"
    assert main(["render", str(SEED_PATH), "-o", str(out)]) == 0
    parsed = PageParser(out.read_text(encoding="utf-8"))
    assert parsed.article.startswith("全区项目建设动员大会召开")
    assert main(["render", str(SEED_PATH)]) == 0
    assert capsys.readouterr().out == out.read_text(encoding="utf-8")


def test_escaped_script_in_a_scraped_page_is_unescaped_by_cleaning_and_escaped_again(tmp_path):
    raw = tmp_path / "page.html"
    raw.write_text('<p>区委书记张三出席。&lt;script&gt;alert(1)&lt;/script&gt;"onmouseover=alert(2)</p>', encoding="utf-8")
    out = tmp_path / "page.out.html"
    assert main(["render", str(raw), "-o", str(out)]) == 0
    parsed = PageParser(out.read_text(encoding="utf-8"))
    assert parsed.article == '区委书记张三出席。<script>alert(1)</script>"onmouseover=alert(2)'
    assert "script" not in {tag for tag, _attrs in parsed.tags}
    assert all(not name.startswith("on") for _tag, attrs in parsed.tags for name in attrs)


def test_cli_render_batch_from_extract_output(tmp_path, capsys):
    other = tmp_path / "b.txt"
    other.write_text("区委副书记、区长王少勇主持会议。<script>alert(1)</script>", encoding="utf-8")
    assert main(["extract", str(SEED_PATH), str(other)]) == 0
    results = tmp_path / "results.jsonl"
    results.write_text(capsys.readouterr().out + "{broken\n", encoding="utf-8")
    assert main(["render", "--batch", str(results), "-o", str(tmp_path / "pages")]) == 1
    assert "line 3" in capsys.readouterr().err
    names = sorted(path.name for path in (tmp_path / "pages").iterdir())
    assert names == ["0000-tongzhou.html", "0001-b.html", "index.html"]
    page = PageParser((tmp_path / "pages" / "0001-b.html").read_text(encoding="utf-8"))
    assert "script" not in {tag for tag, _attrs in page.tags}


def test_cli_render_batch_from_stdin(tmp_path, monkeypatch, hand_seed):
    stdin = io.TextIOWrapper(io.BytesIO((hand_seed.model_dump_json() + "\n").encode("utf-8")), encoding="utf-8")
    monkeypatch.setattr("sys.stdin", stdin)
    assert main(["render", "--batch", "-", "-o", str(tmp_path)]) == 0
    assert sorted(path.name for path in tmp_path.iterdir()) == ["0000-tongzhou.html", "index.html"]


def test_cli_render_batch_needs_an_output_directory(tmp_path, capsys):
    assert main(["render", "--batch", str(tmp_path / "results.jsonl")]) == 2
    assert "-o" in capsys.readouterr().err


def test_cli_render_file_and_batch_are_exclusive(tmp_path):
    with pytest.raises(SystemExit) as exit_info:
        main(["render", str(SEED_PATH), "--batch", "x.jsonl", "-o", str(tmp_path)])
    assert exit_info.value.code == 2
