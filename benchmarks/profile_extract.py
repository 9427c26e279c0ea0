"""Where govnews_nlp.extract spends its time: per-stage totals, then a cProfile listing.

    python benchmarks/profile_extract.py [--corpus PATH] [--limit N] [--passes P] [--top K] [--pyinstrument]

Same corpus as throughput.py. After a warm-up over the texts, it times cleaning and each
stage of the default pipeline separately over all texts (median of 3 passes), then runs
the whole extract under cProfile and prints the K functions with the most own time
(``--pyinstrument`` prints pyinstrument's call tree instead, when it is installed).
"""
from __future__ import annotations

import argparse
import cProfile
import io
import pstats
import sys
import time
from pathlib import Path
from typing import Optional

sys.path.insert(0, str(Path(__file__).resolve().parent))

from throughput import default_corpus, load_texts  # noqa: E402


def stage_times(texts: list[str], passes: int) -> list[tuple[str, float]]:
    """Seconds per step over all the texts, the median of ``passes`` passes."""
    import statistics

    from govnews_nlp.pipeline import default_pipeline

    nlp = default_pipeline()
    names = ["clean (make_document)", *(name for name, _ in nlp.stages)]
    runs: dict[str, list[float]] = {name: [] for name in names}
    for _ in range(passes):
        totals = dict.fromkeys(names, 0.0)
        for text in texts:
            start = time.perf_counter()
            doc = nlp.make_document(text)
            totals["clean (make_document)"] += time.perf_counter() - start
            for name, stage in nlp.stages:
                start = time.perf_counter()
                doc = stage(doc)
                totals[name] += time.perf_counter() - start
        for name in names:
            runs[name].append(totals[name])
    return [(name, statistics.median(runs[name])) for name in names]


def main(argv: Optional[list[str]] = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("--corpus", type=Path, default=None)
    parser.add_argument("--limit", type=int, default=500)
    parser.add_argument("--top", type=int, default=25, help="functions to list (0: the stage table only)")
    parser.add_argument("--passes", type=int, default=3, help="timed passes for the stage table (median)")
    parser.add_argument("--sort", default="tottime", help="pstats sort key (tottime, cumulative)")
    parser.add_argument("--pyinstrument", action="store_true", help="print pyinstrument's call tree instead of cProfile")
    args = parser.parse_args(argv)

    import govnews_nlp

    corpus = args.corpus or default_corpus()
    texts = load_texts(corpus, args.limit or None)
    chars = sum(map(len, texts))
    for text in texts:
        govnews_nlp.extract(text)

    times = stage_times(texts, args.passes)
    total = sum(seconds for _, seconds in times)
    print(f"Corpus: {corpus} ({len(texts)} texts, {chars:,} characters); "
          f"extract total {total:.3f} s = {chars / total:,.0f} chars/s\n")
    print("| step | seconds | share | chars/s |")
    print("|---|---:|---:|---:|")
    for name, seconds in times:
        rate = f"{chars / seconds:,.0f}" if seconds else "-"
        print(f"| {name} | {seconds:.3f} | {seconds / total:.0%} | {rate} |")
    print()
    if args.top <= 0:
        return 0

    if args.pyinstrument:
        try:
            from pyinstrument import Profiler
        except ImportError:
            print("pyinstrument is not installed; falling back to cProfile", file=sys.stderr)
        else:
            profiler = Profiler(interval=0.0005)
            profiler.start()
            for text in texts:
                govnews_nlp.extract(text)
            profiler.stop()
            print(profiler.output_text(unicode=True, color=False, show_all=False))
            return 0
    profile = cProfile.Profile()
    profile.enable()
    for text in texts:
        govnews_nlp.extract(text)
    profile.disable()
    out = io.StringIO()
    pstats.Stats(profile, stream=out).strip_dirs().sort_stats(args.sort).print_stats(args.top)
    print(out.getvalue())
    return 0


if __name__ == "__main__":
    sys.exit(main())
