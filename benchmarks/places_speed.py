#!/usr/bin/env python3
"""Cold start and speed of the places stage, run by hand: ``python benchmarks/places_speed.py [ARTICLE]``.

Prints the gazetteer's load time and memory, and places.extract() against jieba.lcut on the same
text (the seed article by default). Numbers vary with the machine's load; run it twice.
"""
from __future__ import annotations

import resource
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def main() -> None:
    raw = Path(sys.argv[1] if len(sys.argv) > 1 else ROOT / "examples" / "tongzhou.txt").read_text(encoding="utf-8")
    start = time.perf_counter()
    import govnews_nlp
    from govnews_nlp.extractors import places
    from govnews_nlp.pipeline import Pipeline

    imported = time.perf_counter()
    doc = Pipeline(stages=["metadata"])(raw)
    before_mb, before = rss_mb(), time.perf_counter()
    from govnews_nlp.gazetteer import gazetteer

    gazetteer()
    loaded = time.perf_counter()
    print(f"import {imported - start:.3f} s; gazetteer load {loaded - before:.3f} s, +{rss_mb() - before_mb:.0f} MB RSS")

    runs = 50
    t0 = time.perf_counter()
    for _ in range(runs):
        places.extract(doc)
    t1 = time.perf_counter()
    import jieba

    jieba.lcut("预热")
    t2 = time.perf_counter()
    for _ in range(runs):
        jieba.lcut(doc.text)
    t3 = time.perf_counter()
    ours, theirs = (t1 - t0) / runs * 1000, (t3 - t2) / runs * 1000
    print(f"places.extract {ours:.2f} ms, jieba.lcut {theirs:.2f} ms on {len(doc.text)} characters (ratio {ours / theirs:.2f})")
    print("places:", [(p.name, p.adcode) for p in doc.places])
    first = time.perf_counter()
    govnews_nlp.extract(raw)
    second = time.perf_counter()
    govnews_nlp.extract(raw)
    print(f"whole extract(): first call {1000 * (second - first):.1f} ms (other stages load), "
          f"then {1000 * (time.perf_counter() - second):.1f} ms")


if __name__ == "__main__":
    main()
