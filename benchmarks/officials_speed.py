"""Speed of the officials stage and of the whole extract, against jieba.lcut, on the dev texts.

Run by hand (needs ../shared, or GOVNEWS_SHARED):

    python benchmarks/officials_speed.py

Best of 20 runs over the 11 dev articles, in milliseconds; lexicons and models are
loaded before timing. The ratio that matters: extract / jieba.lcut must stay below 1.
"""
from __future__ import annotations

import json
import logging
import os
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SHARED = Path(os.environ.get("GOVNEWS_SHARED") or ROOT.parent / "shared")
sys.path.insert(0, str(ROOT / "src"))

import jieba  # noqa: E402

from govnews_nlp.extractors import officials  # noqa: E402
from govnews_nlp.pipeline import Pipeline  # noqa: E402


def best_of(func, runs=20):
    best = float("inf")
    for _ in range(runs):
        started = time.perf_counter()
        func()
        best = min(best, time.perf_counter() - started)
    return best * 1000


def main():
    jieba.setLogLevel(logging.WARNING)
    lines = (SHARED / "eval" / "dev.jsonl").read_text(encoding="utf-8").splitlines()
    texts = [json.loads(line)["text"] for line in lines if line.strip()]
    full = Pipeline()
    docs = [Pipeline(stages=["metadata"])(t) for t in texts]
    for text in texts:                                 # warm up: dictionaries, lexicons, models
        full(text)
        jieba.lcut(text)
    lcut = best_of(lambda: [jieba.lcut(t) for t in texts])
    extract = best_of(lambda: [full(t) for t in texts])
    fused = best_of(lambda: [officials.find_people(d) for d in docs])
    rules = best_of(lambda: [officials.find_people(d, model=False) for d in docs])
    chars = sum(len(t) for t in texts)
    print(f"{len(texts)} dev articles, {chars} characters (best of 20, ms)")
    print(f"jieba.lcut            {lcut:8.2f}")
    print(f"extract (all stages)  {extract:8.2f}   ratio to lcut {extract / lcut:.2f}")
    print(f"officials, fused      {fused:8.2f}   ratio to lcut {fused / lcut:.2f}")
    print(f"officials, rules only {rules:8.2f}   ratio to lcut {rules / lcut:.2f}")


if __name__ == "__main__":
    main()
