"""Adversarial strings and a cost measure relative to a plain regex scan of the same length.

Used by tests/test_adversarial.py (asserts the ratios) and benchmarks/adversarial.py (prints them).
The baseline is a regex pass that visits every character once (one match per character): what
any linear scan of the text costs at least. A catastrophic backtrack costs thousands of times it.
Times are CPU times of this process (time.process_time), so other jobs on the machine add little
noise; each side takes the best of a few runs.
"""
from __future__ import annotations

import random
import signal
import time
from contextlib import contextmanager
from typing import Callable, Iterator

import regex

MAX_RATIO = 50.0
# Inputs that give a stage a record or a candidate every few characters: the closest to
# MAX_RATIO (each record costs microseconds of Python, the scan ~0.1 µs a character), and the
# ones where a quadratic step would show first. Their cost must also grow linearly.
DENSE_CASES = ("1月 ×50K", "书记 ×100K", "记者 ×100K", "区委书记张建华、 ×50K", "城关镇 ×50K", "500 KB fragments, random")
_EVERY_CHARACTER = regex.compile(r".", regex.DOTALL)
_HAN_WITHOUT_PUNCTUATION = "区委书记张建华出席会议强调要围绕产业项目早谋划部署发力全市重点工程建设推进观摩南通高新技术开发园镇街村社"


def _random_han(length: int, seed: int = 7) -> str:
    rng = random.Random(seed)
    return "".join(rng.choices(_HAN_WITHOUT_PUNCTUATION, k=length))


def _random_fragments(length: int, seed: int = 11) -> str:
    pieces = ["市委常委", "区委书记", "张建华", "副区长", "出席", "主持", "16个", "项目", "28亿元", "2月11日", "记者", "通讯员",
              "南通市", "通州区", "石港镇", "“", "”", "、", "，", "第", "万", "余", "个", "批", "年", "月", "日"]
    rng = random.Random(seed)
    out: list[str] = []
    size = 0
    while size < length:
        piece = rng.choice(pieces)
        out.append(piece)
        size += len(piece)
    return "".join(out)[:length]


# name -> builder; each builder returns the string (built on demand to keep memory low).
CASES: dict[str, Callable[[], str]] = {
    "、 ×100K": lambda: "、" * 100_000,
    "“ ×100K": lambda: "“" * 100_000,
    "” ×100K": lambda: "”" * 100_000,
    "「 ×100K": lambda: "「" * 100_000,
    "书记 ×100K": lambda: "书记" * 100_000,
    "市委常委、 ×100K": lambda: "市委常委、" * 100_000,
    "区委书记张建华、 ×50K": lambda: "区委书记张建华、" * 50_000,
    "digits ×100K": lambda: "1" * 100_000,
    "digits+亿元 ×50K": lambda: "12.5亿元" * 20_000 + "9" * 50_000 + "万",
    "第一二三 ×100K": lambda: "第" + "一二三四五六七八九十百千万亿" * 7_000,
    "2023年 ×50K": lambda: "2023年" * 50_000,
    "12月31日 ×25K": lambda: "12月31日" * 25_000,
    "1月 ×50K": lambda: "1月" * 50_000,
    "7号 ×100K": lambda: "7号" * 100_000,
    "个项目 ×50K": lambda: "16个重点项目" * 30_000,
    "记者 ×100K": lambda: "记者" * 100_000,
    "（通讯员 ×50K": lambda: "（通讯员" * 50_000,
    # the place name with the most meanings (82 towns): a run of it linked name to name
    "城关镇 ×50K": lambda: "城关镇" * 50_000,
    "城关镇关 ×50K": lambda: "城关镇关" * 50_000,
    "太平镇、城关街道、 ×20K": lambda: "太平镇、城关街道、" * 20_000,
    "来源: ×50K": lambda: "来源:" * 50_000,
    "unbalanced “ text": lambda: "“区委书记张建华强调" * 20_000,
    "unbalanced ‘“「 mix": lambda: "‘“「敢为敢闯" * 20_000,
    "<div  ×100K": lambda: "<div " * 100_000,
    "<p> ×100K": lambda: "<p>" * 100_000,
    "<script> unclosed ×50K": lambda: "<script>" * 50_000,
    "<!-- unclosed ×50K": lambda: "<!--" * 50_000,
    "<![CDATA[ ×50K": lambda: "<![CDATA[" * 50_000,
    "<!DOCTYPE x [ ×20K": lambda: "<!DOCTYPE x [" * 20_000 + "<p>",
    "<a title= unterminated": lambda: "<p><a title='" + "x" * 200_000,
    "nested <div> ×50K": lambda: "<div>" * 50_000 + "区委书记张建华" + "</div>" * 50_000,
    "&#x5F20; ×50K": lambda: "<p>" + "&#x5F20;" * 50_000,
    "&amp; without ; ×100K": lambda: "<p>" + "&amp" * 100_000,
    "區(qū ×50K": lambda: "區(qū" * 50_000,
    "\\r\\n and spaces ×100K": lambda: "\r\n \u3000" * 50_000,
    "control chars ×100K": lambda: "\x00\x01\u200b\x85" * 50_000,
    "1 MB Han, no punctuation": lambda: _random_han(1_000_000),
    "500 KB fragments, random": lambda: _random_fragments(500_000),
    "one 1 MB line of x": lambda: "x" * 1_000_000,
}


@contextmanager
def time_limit(seconds: float) -> Iterator[None]:
    """Interrupt a runaway match (the regex module checks signals) instead of hanging forever."""
    if not hasattr(signal, "setitimer"):
        yield
        return

    def _raise(signum, frame):
        raise TimeoutError(f"still running after {seconds} s")

    previous = signal.signal(signal.SIGALRM, _raise)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


def baseline_seconds(text: str, repeats: int = 5) -> float:
    """Best of ``repeats`` runs of a regex pass visiting every character of ``text``."""
    best = float("inf")
    for _ in range(repeats):
        start = time.process_time()
        for _match in _EVERY_CHARACTER.finditer(text):
            pass
        best = min(best, time.process_time() - start)
    return best


def seconds(function: Callable[[], object], repeats: int = 1) -> float:
    best = float("inf")
    for _ in range(repeats):
        start = time.process_time()
        function()
        best = min(best, time.process_time() - start)
    return best


def extract_ratio(text: str, limit_seconds: float = 30.0, retime: bool = True) -> tuple[float, float, float]:
    """(extract seconds, baseline seconds, ratio); extract is re-timed only when over MAX_RATIO (noise)."""
    from govnews_nlp import extract

    base = baseline_seconds(text)
    with time_limit(limit_seconds):
        took = seconds(lambda: extract(text))
        if retime and took / base > MAX_RATIO:  # one slow run may be noise: best of three, fresh baseline
            took = min(took, seconds(lambda: extract(text), repeats=2))
            base = min(base, baseline_seconds(text))
    return took, base, took / base
