"""Throughput of govnews_nlp.extract against jieba (and HanLP when available), same texts, one process.

    python benchmarks/throughput.py [--corpus PATH] [--limit N] [--repeat R]

HanLP is govnews_nlp's HanLP NER recogniser (``govnews_nlp.models.hanlp_ner``).
Each tool first runs once over a few texts (warm-up: dictionaries, compiled patterns,
lazy caches), then every repetition times each tool over all the texts, tools
interleaved so that a busy neighbour slows them alike. The table reports the median
time per tool and characters per second (characters of the input texts / median time),
then the ratios ours/jieba.lcut and ours/jieba.posseg. The first repetition is shown
apart: govnews_nlp keeps small caches across articles (place-code affinities, name
candidates, parsed titles) that later repetitions of the same texts find warm. So a last
table times both again on batches of texts not seen before (``--no-unseen`` skips it): the
rate of a batch job meeting new articles.

Corpus: a ``.jsonl`` file (the ``text`` field of each line), a ``.txt`` file, or a
directory of them. The default is the 新闻联播 corpus in ``corpus/news_xwlb_cctv`` of the
shared data ($GOVNEWS_SHARED, else ``shared/`` beside the repository or beside its parent,
for git worktrees), lines taken from its files in turn, else ``examples/*.txt``.
"""
from __future__ import annotations

import argparse
import json
import os
import platform
import statistics
import sys
import time
from pathlib import Path
from typing import Callable, Iterable, Optional

ROOT = Path(__file__).resolve().parents[1]
CORPUS_NAME = Path("corpus") / "news_xwlb_cctv"
WARMUP_TEXTS = 20


def shared_dir() -> Optional[Path]:
    """The shared data: $GOVNEWS_SHARED, else ``shared/`` beside the checkout (or beside its parent, for worktrees)."""
    candidates = [Path(os.environ["GOVNEWS_SHARED"])] if os.environ.get("GOVNEWS_SHARED") else []
    candidates += [ROOT.parent / "shared", ROOT.parent.parent / "shared"]
    return next((path for path in candidates if path.is_dir()), None)


def default_corpus() -> Path:
    shared = shared_dir()
    if shared is not None and (shared / CORPUS_NAME).is_dir():
        return shared / CORPUS_NAME
    return ROOT / "examples"


def _texts_of_file(path: Path) -> Iterable[str]:
    if path.suffix == ".jsonl":
        with path.open(encoding="utf-8") as handle:
            for line in handle:
                if line.strip():
                    text = json.loads(line).get("text")
                    if text:
                        yield text
    else:
        yield path.read_text(encoding="utf-8")


def load_texts(corpus: Path, limit: Optional[int]) -> list[str]:
    """Up to ``limit`` texts; from a directory, one text from each file in turn (sorted by name)."""
    if corpus.is_file():
        files = [corpus]
    else:
        files = sorted(p for p in corpus.iterdir() if p.suffix in (".jsonl", ".txt"))
    if not files:
        raise SystemExit(f"no .jsonl or .txt files in {corpus}")
    streams = [iter(_texts_of_file(path)) for path in files]
    texts: list[str] = []
    while streams and (limit is None or len(texts) < limit):
        for stream in list(streams):
            text = next(stream, None)
            if text is None:
                streams.remove(stream)
                continue
            texts.append(text)
            if limit is not None and len(texts) >= limit:
                break
    return texts


# --- the tools ----------------------------------------------------------------------------

def _jieba_lcut() -> Callable[[str], object]:
    import logging

    import jieba

    jieba.setLogLevel(logging.WARNING)
    return jieba.lcut


def _jieba_posseg() -> Callable[[str], object]:
    import logging

    import jieba
    import jieba.posseg

    jieba.setLogLevel(logging.WARNING)
    return jieba.posseg.lcut


def _ours() -> Callable[[str], object]:
    import govnews_nlp

    return govnews_nlp.extract


def _hanlp(model: Optional[str]) -> tuple[Optional[Callable[[str], object]], str]:
    """govnews_nlp's HanLP NER recogniser over a model already on disk; never downloads.

    (tool, "") or (None, the reason it is skipped). ``model`` is a directory or a
    ``hanlp.pretrained.ner`` name; by default the library's default model, when HanLP has it unpacked.
    """
    try:
        import hanlp  # noqa: F401
    except ImportError:
        return None, "hanlp is not installed (pip install 'govnews-nlp[hanlp]')"
    try:
        from govnews_nlp.models import hanlp_ner

        location = hanlp_ner._locate(hanlp, model or hanlp_ner.DEFAULT_MODEL)
        if not Path(location).is_dir():
            return None, (f"the HanLP model {model or hanlp_ner.DEFAULT_MODEL} is not on disk "
                          "(this script never downloads one): pass --hanlp-model DIR")
        return hanlp_ner.load(location), ""
    except Exception as error:  # a broken model must not stop the other measurements
        return None, f"HanLP could not load {model or 'its default model'}: {error}"


# --- measuring ------------------------------------------------------------------------------

def run_over(tool: Callable[[str], object], texts: list[str]) -> float:
    start = time.perf_counter()
    for text in texts:
        tool(text)
    return time.perf_counter() - start


def unseen_texts(corpus: Path, size: int, repeat: int, tools: dict[str, Callable[[str], object]]) -> Optional[dict]:
    """ours / jieba.lcut on texts govnews_nlp has never seen: each repetition takes the next
    ``size`` texts of the corpus (after the ones timed above) and times both tools on them once.

    The repetitions above run over the same texts, so the caches govnews_nlp keeps across
    articles (names, titles, place codes it has read before) are all warm from the second
    one on. A stream of new articles — a batch job — meets new names and titles and runs
    slower; this is its rate, after the caches have seen the texts timed above."""
    texts = load_texts(corpus, size * (repeat + 1))
    if len(texts) < size * (repeat + 1):
        return None
    lcut, ours = tools["jieba.lcut"], tools["govnews_nlp.extract"]
    ratios, times = [], []
    for repetition in range(1, repeat + 1):
        batch = texts[repetition * size:(repetition + 1) * size]
        lcut_seconds, ours_seconds = run_over(lcut, batch), run_over(ours, batch)
        ratios.append(lcut_seconds / ours_seconds)  # the same characters: the ratio of chars/s
        times.append((sum(map(len, batch)), lcut_seconds, ours_seconds))
    print(f"\nUnseen texts: {repeat} new batches of {size} texts, each timed once (jieba.lcut, then ours)\n")
    print("| batch | characters | jieba.lcut s | govnews_nlp.extract s | ours / jieba.lcut |")
    print("|---:|---:|---:|---:|---:|")
    for number, ((n_chars, lcut_seconds, ours_seconds), ratio) in enumerate(zip(times, ratios), 1):
        print(f"| {number} | {n_chars:,} | {lcut_seconds:.3f} | {ours_seconds:.3f} | {ratio:.2f} |")
    print(f"| median | | | | {statistics.median(ratios):.2f} |")
    return {"batches": times, "ratios": ratios, "median_ratio": statistics.median(ratios)}


def machine() -> str:
    cpu = platform.processor() or "?"
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    return f"{cpu}, {os.cpu_count()} CPUs, Python {platform.python_version()} ({platform.system()})"


def main(argv: Optional[list[str]] = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("--corpus", type=Path, default=None, help="a .jsonl/.txt file or a directory of them")
    parser.add_argument("--limit", type=int, default=500, help="number of texts (default 500; 0 = all)")
    parser.add_argument("--repeat", type=int, default=5, help="timed repetitions per tool (default 5, at least 5 for the medians quoted)")
    parser.add_argument("--skip", default="", help="comma-separated tools not to run: jieba.lcut,jieba.posseg,hanlp")
    parser.add_argument("--hanlp-model", default=os.environ.get("GOVNEWS_HANLP_MODEL"),
                        help="a HanLP NER model on disk: directory or hanlp.pretrained.ner name (or $GOVNEWS_HANLP_MODEL)")
    parser.add_argument("--hanlp-limit", type=int, default=50, help="HanLP is slow: time it on the first N texts only (default 50)")
    parser.add_argument("--json", type=Path, default=None, help="also write the results to this JSON file")
    parser.add_argument("--no-unseen", dest="unseen", action="store_false",
                        help="skip the second measurement, on batches of texts not seen before")
    args = parser.parse_args(argv)

    corpus = args.corpus or default_corpus()
    texts = load_texts(corpus, args.limit or None)
    chars = sum(map(len, texts))
    skip = {name.strip() for name in args.skip.split(",") if name.strip()}

    tools: list[tuple[str, Callable[[str], object], list[str]]] = []
    if "jieba.lcut" not in skip:
        tools.append(("jieba.lcut", _jieba_lcut(), texts))
    if "jieba.posseg" not in skip:
        tools.append(("jieba.posseg.lcut", _jieba_posseg(), texts))
    tools.append(("govnews_nlp.extract", _ours(), texts))
    notes = []
    if "hanlp" not in skip:
        hanlp_tool, reason = _hanlp(args.hanlp_model)
        if hanlp_tool is None:
            notes.append(f"HanLP skipped: {reason}")
        else:
            tools.append(("HanLP NER", hanlp_tool, texts[: args.hanlp_limit]))

    print(f"corpus: {corpus} — {len(texts)} texts, {chars:,} characters", file=sys.stderr)
    for name, tool, subset in tools:
        start = time.perf_counter()
        run_over(tool, subset[:WARMUP_TEXTS])
        print(f"warm-up {name}: {time.perf_counter() - start:.2f} s", file=sys.stderr)

    times: dict[str, list[float]] = {name: [] for name, _, _ in tools}
    for repetition in range(args.repeat):
        for name, tool, subset in tools:
            times[name].append(run_over(tool, subset))
        print(f"repetition {repetition + 1}/{args.repeat}: "
              + ", ".join(f"{name} {times[name][-1]:.2f} s" for name in times), file=sys.stderr)

    rates = {}
    rows = []
    for name, _, subset in tools:
        median = statistics.median(times[name])
        n_chars = sum(map(len, subset))
        rates[name] = n_chars / median
        rows.append((name, len(subset), n_chars, median, min(times[name]), max(times[name]), times[name][0], rates[name]))

    print(f"\nMachine: {machine()}")
    print(f"Corpus: {corpus} ({len(texts)} texts, {chars:,} characters); {args.repeat} repetitions after a warm-up\n")
    print("| tool | texts | characters | median s | min s | max s | 1st rep. s | chars/s (median) |")
    print("|---|---:|---:|---:|---:|---:|---:|---:|")
    for name, n_texts, n_chars, median, low, high, first, rate in rows:
        print(f"| {name} | {n_texts} | {n_chars:,} | {median:.3f} | {low:.3f} | {high:.3f} | {first:.3f} | {rate:,.0f} |")
    first_pass = {name: sum(map(len, subset)) / times[name][0] for name, _, subset in tools}
    ours = rates["govnews_nlp.extract"]
    ratios = {}
    print()
    print("| ratio (chars/s) | medians | 1st repetitions | target |")
    print("|---|---:|---:|---:|")
    for name, target in (("jieba.lcut", 2.0), ("jieba.posseg.lcut", 20.0), ("HanLP NER", None)):
        if name in rates:
            ratios[name] = ours / rates[name]
            first_ratio = first_pass["govnews_nlp.extract"] / first_pass[name]
            verdict = "" if target is None else (f"≥ {target:g} " + ("✓" if ratios[name] >= target else "✗"))
            print(f"| ours / {name} | {ratios[name]:.2f} | {first_ratio:.2f} | {verdict} |")
    unseen = None
    if args.unseen and "jieba.lcut" in rates:
        unseen = unseen_texts(corpus, len(texts), args.repeat, dict((name, tool) for name, tool, _ in tools))
        if unseen is None:
            notes.append(f"Unseen texts not timed: {corpus} has fewer than {len(texts) * (args.repeat + 1)} texts")
    for note in notes:
        print(f"\n{note}")
    if args.json:
        args.json.write_text(json.dumps({
            "machine": machine(), "corpus": str(corpus), "texts": len(texts), "characters": chars,
            "repeat": args.repeat, "times": times, "chars_per_s": rates, "ratios_ours_over": ratios, "notes": notes,
            "unseen": unseen,
        }, ensure_ascii=False, indent=2), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
