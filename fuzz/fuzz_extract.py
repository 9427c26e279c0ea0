"""Coverage-guided fuzzing of cleaning + extraction with atheris (libFuzzer for Python).

atheris is not a dependency of govnews_nlp; install it in your environment first:

    pip install atheris
    python fuzz/fuzz_extract.py -max_total_time=600 -workers=1 -timeout=20 [CORPUS_DIR]

Each input is fed to ``govnews_nlp.extract`` three ways (chosen by its first byte): as bytes,
as text decoded from the fuzzer's bytes (lone surrogates included), and as a mix of real article
phrases, HTML fragments and control characters. ``InputError`` is the only exception allowed;
every returned Document must satisfy tests/invariants.py (spans inside the text and reading
their record, raw spans inside the input, JSON round trip, same input → same JSON). A crash
writes libFuzzer's ``crash-<sha1>`` and, readable without atheris, the value given to extract
as ``fuzz-value-<sha1>.json`` in the working directory: copy that file into
tests/fuzz_regressions/ and tests/test_fuzz_regressions.py replays it in every test run.
"""
from __future__ import annotations

import base64
import hashlib
import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

try:
    import atheris
except ImportError:  # pragma: no cover - depends on the environment
    sys.exit("atheris is not installed: pip install atheris  (it is not a govnews_nlp dependency)")

with atheris.instrument_imports(include=["govnews_nlp"]):
    # The package imports its modules lazily, so import every one here to instrument it.
    from importlib import import_module

    import govnews_nlp
    import govnews_nlp.cleaning
    import govnews_nlp.pipeline
    import govnews_nlp.records
    from govnews_nlp.errors import InputError

    for _stage in govnews_nlp.pipeline.STAGE_NAMES:
        import_module(f"govnews_nlp.extractors.{_stage}")

from tests.invariants import check_document, check_json_round_trip  # noqa: E402

FRAGMENTS = (
    "市委常委、区委书记张建华", "区委副书记、区长王少勇", "出席会议并讲话", "主持会议", "区领导陈艳梅、葛锦坤",
    "对全区16个项目进行集中观摩", "总投资28亿元", "10亿余元", "1.2万元", "5000万美元", "两批项目", "3个二级平台",
    "2023年2月11日", "2月12日", "来源: 通州日报 发布时间:2023-02-12 19:15", "（通讯员施伟办 瞿镇辅 记者顾艳）",
    "新华社北京3月5日电", "“快进键”", "“敢为、敢闯、敢干、敢首创”", "「马上就办」", "南通市委书记", "石港镇",
    "建华区", "北京市通州区", "城关镇", "张家村", "全區(qū)項目建設", "發(fā)布時間", "１６个项目", "。", "、", "，", "“", "”", "\n", " ",
    "<p>", "</p>", "<div class=x>", "<br/>", "<script>", "</script>", "<!--", "-->", "<![CDATA[", "]]>",
    "<!DOCTYPE x [<!ENTITY a \"aaaa\">]>", "&amp;", "&#x5F20;", "&#0;", "&#x10FFFF;", "&lt;", "&#13;",
    "<img src=http://127.0.0.1:9/x.png>", "\x00", "\r", "\ufeff", "\u200b", "\u2028", "\ud800", "\udc00", "\x85",
)


def _mixed_text(fdp: "atheris.FuzzedDataProvider") -> str:
    parts = []
    for _ in range(fdp.ConsumeIntInRange(0, 40)):
        if fdp.ConsumeBool():
            parts.append(FRAGMENTS[fdp.ConsumeIntInRange(0, len(FRAGMENTS) - 1)])
        else:
            parts.append(fdp.ConsumeUnicode(fdp.ConsumeIntInRange(0, 8)))
    return "".join(parts)


def test_one_input(data: bytes) -> None:
    fdp = atheris.FuzzedDataProvider(data)
    mode = fdp.ConsumeIntInRange(0, 2)
    if mode == 0:
        value = fdp.ConsumeBytes(fdp.remaining_bytes())
    elif mode == 1:
        value = fdp.ConsumeUnicode(fdp.remaining_bytes())
    else:
        value = _mixed_text(fdp)
    try:
        check_value(value)
    except BaseException:
        path = save_failing_value(value)
        print(f"\n== failing input saved to {path}: copy it into tests/fuzz_regressions/", file=sys.stderr)
        raise


def check_value(value) -> None:
    """The whole contract for one input (also replayed by tests/test_fuzz_regressions.py)."""
    try:
        doc = govnews_nlp.extract(value)
    except InputError:
        return
    check_document(doc)
    if isinstance(value, str):
        assert doc.raw == value, "the raw input was not kept whole"
    dumped = check_json_round_trip(doc)
    assert govnews_nlp.extract(value).model_dump_json() == dumped, "extract is not deterministic"


def save_failing_value(value) -> Path:
    """Write the value given to extract as JSON ({"str": ...} or {"bytes_base64": ...})."""
    if isinstance(value, str):
        record = {"str": value}
    else:
        record = {"bytes_base64": base64.b64encode(value).decode("ascii")}
    dumped = json.dumps(record)  # ASCII escapes keep lone surrogates
    path = Path(f"fuzz-value-{hashlib.sha1(dumped.encode()).hexdigest()[:12]}.json")
    path.write_text(dumped + "\n", encoding="ascii")
    return path


def main() -> None:
    govnews_nlp.extract("区委书记张建华出席会议。")  # load lazily built data before fuzzing starts
    atheris.Setup(sys.argv, test_one_input)
    atheris.Fuzz()


if __name__ == "__main__":
    main()
