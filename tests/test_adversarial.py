"""No input costs more than MAX_RATIO × a plain regex scan of the same length (issue 7).

Ratios, not wall-clock times: the baseline is measured in the same run, on the same string.
Each measurement runs under a time limit, so a catastrophic backtrack fails instead of hanging.
"""
from __future__ import annotations

import importlib
import pkgutil
import re
from functools import lru_cache

import pytest
import regex

import govnews_nlp
from govnews_nlp.errors import InputError

from .adversarial_inputs import (
    CASES, DENSE_CASES, MAX_RATIO, baseline_seconds, extract_ratio, seconds, time_limit,
)


@pytest.fixture(scope="module", autouse=True)
def warm_pipeline():
    govnews_nlp.extract("区委书记张建华出席会议。")  # lazy data loading is not part of the cost


@pytest.mark.parametrize("name", list(CASES))
def test_extract_cost_is_linear(name):
    took, base, ratio = extract_ratio(CASES[name]())
    assert ratio <= MAX_RATIO, f"{name}: extract took {took:.3f} s, {ratio:.0f}× the {base * 1000:.1f} ms scan"


def _module_patterns() -> list[tuple[str, regex.Pattern]]:
    """Every regex (``regex`` or ``re``) compiled at module level anywhere in govnews_nlp."""
    import govnews_nlp.extractors

    modules = ["govnews_nlp.cleaning", "govnews_nlp.pipeline", "govnews_nlp.tokenizer"]
    modules += [f"govnews_nlp.extractors.{info.name}" for info in pkgutil.iter_modules(govnews_nlp.extractors.__path__)]
    modules += [f"govnews_nlp.{info.name}" for info in pkgutil.iter_modules(govnews_nlp.__path__)
                if info.name not in ("cli", "render", "batch", "__main__") and not info.ispkg]
    found = {}
    for module_name in dict.fromkeys(modules):
        module = importlib.import_module(module_name)
        short = module_name.rsplit(".", 1)[-1]
        for attribute, value in sorted(vars(module).items()):
            if isinstance(value, (regex.Pattern, re.Pattern)):
                if not any(value is seen for seen in found.values()):  # imported ones: audited once
                    found[f"{short}.{attribute}"] = value
                continue
            if getattr(value, "__module__", module_name) != module_name:
                continue  # imported from elsewhere: audited there
            elif (callable(value) and hasattr(value, "cache_info") and _takes_no_arguments(value)
                  and not any(word in attribute for word in _NOT_PATTERN_LOADERS)):
                # patterns built lazily (lru_cache'd loaders): audit what they return
                for index, pattern in enumerate(_patterns_in(value())):
                    found[f"{short}.{attribute}()[{index}]"] = pattern
    return sorted(found.items())


# Cached loaders that build models or segmenters, not patterns: not called by the audit.
_NOT_PATTERN_LOADERS = ("segmenter", "tagger", "hmm", "model", "pipeline", "t2s", "jieba", "hanlp")


def _takes_no_arguments(function) -> bool:
    import inspect

    try:
        return all(p.default is not p.empty or p.kind in (p.VAR_POSITIONAL, p.VAR_KEYWORD)
                   for p in inspect.signature(function).parameters.values())
    except (TypeError, ValueError):
        return False


def _patterns_in(value, depth: int = 0) -> list:
    """Regex patterns inside what a loader returns: a pattern, a container, or an object's fields."""
    if isinstance(value, (regex.Pattern, re.Pattern)):
        return [value]
    if depth >= 2 or isinstance(value, (str, bytes, int, float, frozenset, set)):
        return []
    if isinstance(value, dict):
        items = list(value.values())
    elif isinstance(value, (list, tuple)):
        items = list(value)
    elif hasattr(value, "__dict__"):
        items = list(vars(value).values())
    else:
        return []
    found = []
    for item in items[:1000]:
        found.extend(_patterns_in(item, depth + 1))
    return found


MODULE_PATTERNS = _module_patterns()
# Shorter strings: each is scanned by every pattern.
PATTERN_PROBES = {name: CASES[name]()[:20_000] for name in (
    "、 ×100K", "“ ×100K", "书记 ×100K", "市委常委、 ×100K", "区委书记张建华、 ×50K", "digits ×100K", "digits+亿元 ×50K",
    "第一二三 ×100K", "2023年 ×50K", "12月31日 ×25K", "1月 ×50K", "个项目 ×50K", "记者 ×100K", "（通讯员 ×50K", "unbalanced “ text",
    "<div  ×100K", "<script> unclosed ×50K", "<a title= unterminated", "區(qū ×50K", "\\r\\n and spaces ×100K",
    "500 KB fragments, random",
)}
PATTERN_PROBES["spaces then text"] = " " * 10_000 + "\n" * 10_000
PATTERN_PROBES["Han ×20K"] = "张" * 20_000


@pytest.mark.parametrize("name", DENSE_CASES)
def test_dense_inputs_cost_grows_linearly(name):
    """Doubling such an input at most ~doubles its cost (a quadratic one would quadruple it)."""
    from govnews_nlp import extract

    import gc

    text = CASES[name]()
    quarter, eighth = text[: len(text) // 4], text[: len(text) // 8]
    gc.collect()
    gc.disable()  # a collection landing in one run only would look like superlinear cost
    try:
        with time_limit(30):
            quarter_seconds = seconds(lambda: extract(quarter), repeats=2)
            eighth_seconds = seconds(lambda: extract(eighth), repeats=3)
    finally:
        gc.enable()
    assert quarter_seconds / eighth_seconds < 3.0, f"{quarter_seconds:.3f} s vs {eighth_seconds:.3f} s"


@lru_cache(maxsize=None)
def _probe_baseline(probe_name: str) -> float:
    return baseline_seconds(PATTERN_PROBES[probe_name])


def test_every_module_regex_is_found():
    names = {name for name, _ in MODULE_PATTERNS}
    assert {"cleaning._TAG", "cleaning._INVISIBLE_OPENER", "cleaning._BYTE_CHUNK", "slogans._QUOTED"} <= names


@pytest.mark.parametrize("name, pattern", MODULE_PATTERNS, ids=[name for name, _ in MODULE_PATTERNS])
def test_module_regex_scan_is_linear(name, pattern):
    slow = []
    for probe_name, text in PATTERN_PROBES.items():
        base = _probe_baseline(probe_name)
        subject = text.encode("utf-8") if isinstance(pattern.pattern, bytes) else text
        with time_limit(10):
            took = seconds(lambda: sum(1 for _ in pattern.finditer(subject)), repeats=2)
        if took / base > MAX_RATIO:
            slow.append(f"{probe_name}: {took / base:.0f}×")
    assert not slow, f"{name} ({pattern.pattern[:80]}…) is slow on {slow}"


def test_size_limit_applies_before_any_work():
    pipeline = govnews_nlp.Pipeline(max_chars=1_000)
    with pytest.raises(InputError, match="limit of 1,000"):
        pipeline("字" * 1_001)
    with pytest.raises(InputError, match="bytes"):
        pipeline(b"x" * 4_001)
    assert pipeline("字" * 1_000).text == "字" * 1_000


def test_default_size_limit_rejects_instead_of_truncating():
    text = "区委书记张建华。" * 250_001  # 2,000,008 characters
    with time_limit(10), pytest.raises(InputError, match="more than the limit of 2,000,000"):
        govnews_nlp.extract(text)
