import json
import re

import pytest

from govnews_nlp.cleaning import clean, decode
from govnews_nlp.errors import InputError


@pytest.mark.parametrize("raw, expected", [
    ("全區(qū)項目建設", "全区项目建设"),
    ("發(fā)布時間", "发布时间"),
    ("產業(yè)項目", "产业项目"),
    ("石港鎮(zhèn)二級平臺", "石港镇二级平台"),
    ("中央處理器(CPU)的性能", "中央处理器(CPU)的性能"),
    ("國內生產總值(GDP)增長", "国内生产总值(GDP)增长"),
    ("<p>區委書記&amp;區長</p>", "区委书记&区长"),
    ("<script>var a='张建华';</script>正文", "正文"),
    ("１６个项目", "16个项目"),
    ("来源: 通州日报 累计次数: 字体:[ ]", "来源: 通州日报"),
])
def test_clean_text(raw, expected):
    assert clean(raw).text == expected


def test_every_clean_char_maps_to_raw_that_produced_it(seed_raw):
    mapped = clean(seed_raw)
    at = mapped.text.index("张建华")
    raw_range = seed_raw[mapped.starts[at]:mapped.ends[at + 2]]
    assert raw_range == "張建華"
    at = mapped.text.index("全区项目")
    assert seed_raw[mapped.starts[at]:mapped.ends[at + 1]] == "全區"


def test_dropped_pinyin_maps_to_nothing(seed_raw):
    mapped = clean(seed_raw)
    covered = set()
    for start, end in zip(mapped.starts, mapped.ends):
        covered.update(range(start, end))
    at = seed_raw.index("(qū)")
    assert not covered & set(range(at, at + 4))


@pytest.mark.parametrize("encoding", ["utf-8", "gb18030", "gbk"])
def test_decode_simplified(encoding):
    text = "区委书记张建华出席会议并强调，要围绕产业项目早谋划、早部署、早发力。"
    assert decode(text.encode(encoding)) == text


def test_decode_big5():
    text = "區委書記張建華出席會議並強調，要圍繞產業項目早謀劃、早部署、早發力。"
    assert decode(text.encode("big5")) == text


def test_undecodable_bytes_raise_input_error():
    with pytest.raises(InputError):
        decode(b"\xff\xfe\xfd\x80\x81" * 10)


def test_size_limit_is_an_error_not_a_truncation():
    with pytest.raises(InputError, match="limit"):
        clean("字" * 11, max_chars=10)


def test_control_guard_covers_every_character_the_control_steps_change():
    """clean() skips the surrogate and control steps when _SURROGATE_OR_CONTROL finds nothing:
    it must find every character those steps would replace or delete."""
    from govnews_nlp import cleaning

    steps = (cleaning._SURROGATES, cleaning._CARRIAGE_RETURN, cleaning._OTHER_LINE_BREAK, cleaning._CONTROL)
    unguarded = [
        hex(code) for code in range(0x10000)
        if any(step.fullmatch(chr(code)) for step in steps) and not cleaning._SURROGATE_OR_CONTROL.fullmatch(chr(code))
    ]
    assert unguarded == []


_NOISY_SAMPLES = [
    "  • 区委书记张建华出席会议 \n\n\n\n* 来源：通州日报  浏览次数: 12\n【打印本页】[关闭]\n字体：[大 中 小]",
    "南通,通州 2023,02\t区(qū)委　书记\u00a0张建华 \n- 第一项\n",
    "\n\n\n正文\n\n",
]


def _cleaning_texts(seed_raw):
    from tests.conftest import SHARED

    texts = [seed_raw, *_NOISY_SAMPLES]
    for path in sorted(SHARED.glob("corpus/news_*/*.jsonl"))[:6]:
        with path.open(encoding="utf-8") as handle:
            texts += [json.loads(line)["text"] for _, line in zip(range(100), handle)]
    return texts


def test_every_pass_that_would_change_a_text_passes_its_guard(seed_raw):
    """A pass is skipped when its guard says False: the guard must say True for every text
    that one of the pass's matches would change (a match replaced by itself changes nothing)."""
    from govnews_nlp import cleaning

    texts = _cleaning_texts(seed_raw) + [line for sample in _NOISY_SAMPLES for line in sample.split("\n")]
    texts += ["·第一项", "-", " 正文", "正文 ", "正文\n", "\n正文", "正文\t", "正文\u3000", "正文  内容", "【打印】"]
    changed = 0
    for text in texts:
        for pattern, replace, may_change in cleaning._NORMALISATION_PASSES:
            if may_change is None:
                continue
            if any(replace(match) != match.group(0) for match in pattern.finditer(text)):
                changed += 1
                assert may_change(text, cleaning._rare_character().search(text) is not None), (pattern.pattern, text[:80])
    assert changed >= 10  # the samples do exercise the guarded passes


def test_skipping_passes_changes_no_cleaning(seed_raw, monkeypatch):
    from govnews_nlp import cleaning

    texts = _cleaning_texts(seed_raw)
    guarded = [cleaning.clean(text) for text in texts]
    unguarded_passes = tuple((pattern, replace, None) for pattern, replace, _guard in cleaning._NORMALISATION_PASSES)
    monkeypatch.setattr(cleaning, "_NORMALISATION_PASSES", unguarded_passes)
    for text, fast in zip(texts, guarded):
        slow = cleaning.clean(text)
        assert (fast.text, list(fast.starts), list(fast.ends)) == (slow.text, list(slow.starts), list(slow.ends))


def test_full_width_pattern_finds_the_runs_of_its_class():
    """_FULL_WIDTH_ALNUM is written [c][c]* for speed: the same runs as [c]+."""
    from govnews_nlp import cleaning

    plain = re.compile(r"[０-９Ａ-Ｚａ-ｚ％．＋－]+")
    for text in ("增长１２．５％，ＧＤＰ达到", "第１２３号", "ａ", "", "无"):
        assert [m.span() for m in cleaning._FULL_WIDTH_ALNUM.finditer(text)] == \
            [m.span() for m in plain.finditer(text)]


@pytest.mark.parametrize("raw, expected", [
    ("他回覆了来信", "他回复了来信"),        # a phrase whose characters t2s keeps on their own
    ("神情深沈", "神情深沉"),
    ("區委書記", "区委书记"),
    ("区委书记张建华", "区委书记张建华"),
])
def test_script_conversion_runs_when_a_trigger_character_is_present(raw, expected):
    assert clean(raw).text == expected


def test_t2s_triggers_hold_every_character_t2s_changes_alone():
    """clean() skips OpenCC t2s on a text without a trigger character: every character that
    t2s changes on its own must be a trigger (the installed OpenCC, every code point)."""
    from govnews_nlp import cleaning

    convert = cleaning._t2s()
    trigger = cleaning._t2s_trigger()
    chars = [chr(code) for code in range(0x110000) if not 0xD800 <= code < 0xE000 and code != 0x0A]
    missing = []
    for i in range(0, len(chars), 5000):
        chunk = chars[i:i + 5000]
        converted = convert("\n".join(chunk)).split("\n")
        missing += [char for char, out in zip(chunk, converted) if out != char and not trigger.match(char)]
    assert missing == []


def test_t2s_triggers_cover_the_phrases_t2s_changes():
    """Phrases that t2s changes although no character of theirs changes alone (深沈 → 深沉)
    must hold a trigger; the phrase table is read with the opencc_dict tool of the wheel."""
    import importlib.util
    import sys
    from pathlib import Path

    import opencc

    from govnews_nlp import cleaning

    if not (Path(opencc.__file__).parent / "clib" / "bin" / "opencc_dict").exists():
        pytest.skip("this OpenCC wheel ships no opencc_dict tool")
    script = Path(__file__).resolve().parents[1] / "scripts" / "build_t2s_triggers.py"
    spec = importlib.util.spec_from_file_location("build_t2s_triggers", script)
    builder = importlib.util.module_from_spec(spec)
    sys.modules.setdefault(spec.name, builder)
    spec.loader.exec_module(builder)
    trigger = cleaning._t2s_trigger()
    phrases = builder.phrase_table()
    assert len(phrases) > 100
    uncovered = [key for key, value in phrases if value != key and not trigger.search(key)]
    assert uncovered == []


def test_rare_character_guard_covers_the_steps_it_skips():
    """clean() skips the control, pinyin, script and full-width steps when _rare_character()
    finds nothing in the raw text: it must find every character those steps start from."""
    from govnews_nlp import cleaning

    rare = cleaning._rare_character()
    starts = (cleaning._SURROGATE_OR_CONTROL, cleaning._t2s_trigger(), cleaning._FULL_WIDTH_ALNUM,
              re.compile("[" + cleaning._TONE_MARKED + "]"), re.compile("[" + cleaning._UNUSUAL_SPACES + "]"))
    codes = [*range(0x10000), 0x10000, 0x20000, 0x2A6DF, 0x30EDE, 0x10FFFF]
    missing = [hex(code) for code in codes
               if any(start.match(chr(code)) for start in starts) and not rare.fullmatch(chr(code))]
    assert missing == []
    # a pinyin match needs a tone mark; the script step changes no text without a trigger
    assert all(any(char in cleaning._TONE_MARKED for char in m.group(0))
               for m in cleaning._PINYIN_AFTER_HANZI.finditer("區(qū)發(fā)產業(yè)(CPU)"))
    assert clean("区（qū）委").text == "区委" and clean("１２３").text == "123"
