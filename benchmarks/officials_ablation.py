"""Officials: rules alone, model alone, and both fused — on the dev set and on NER corpora.

Run by hand (needs ../shared):

    python benchmarks/officials_ablation.py                 # dev set, officials + titles F1
    python benchmarks/officials_ablation.py --ner 2000      # + person-name P/R on People's Daily 1998

The dev-set rows use the scorer in ../shared/eval/score.py. The NER rows compare, per
sentence, the set of person names found with the gold PER spans (People's Daily 1998
test split): a rough check of name recall and precision on text we never tuned on.
"""
from __future__ import annotations

import argparse
import importlib.util
import json
import os
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SHARED = Path(os.environ.get("GOVNEWS_SHARED") or ROOT.parent / "shared")
sys.path.insert(0, str(ROOT / "src"))

from govnews_nlp.extractors import officials  # noqa: E402
from govnews_nlp.pipeline import Pipeline  # noqa: E402

MODES = {"rules": dict(rules=True, model=False), "model": dict(rules=False, model=True),
         "fused": dict(rules=True, model=True)}


def load_scorer():
    spec = importlib.util.spec_from_file_location("govnews_score", SHARED / "eval" / "score.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def dev_rows(pipeline, scorer):
    golds = [json.loads(line) for line in (SHARED / "eval" / "dev.jsonl").read_text(encoding="utf-8").splitlines() if line.strip()]
    docs = [pipeline(g["text"]) for g in golds]
    rows = []
    for doc in docs:                                  # load lexicons and models before timing
        for flags in MODES.values():
            officials.find_people(doc, **flags)
    for mode, flags in MODES.items():
        preds = {}
        started = time.perf_counter()
        for gold, doc in zip(golds, docs):
            people = officials.find_people(doc, **flags)
            preds[gold["id"]] = {"officials": [{"name": p.name, "titles": [t.text for t in p.titles]} for p in people]}
        elapsed = time.perf_counter() - started
        tallies, _meta = scorer.score(golds, preds)
        rows.append((mode, tallies["officials"].prf(), tallies["titles"].prf(), elapsed))
    return rows


def ner_sentences(path: Path, limit: int):
    chars, tags = [], []
    for line in path.read_text(encoding="utf-8").splitlines():
        if not line.strip():
            if chars:
                yield "".join(chars), tags
                if limit:
                    limit -= 1
                    if limit == 0:
                        return
            chars, tags = [], []
            continue
        ch, tag = line.split()[:2]
        chars.append(ch)
        tags.append(tag)
    if chars:
        yield "".join(chars), tags


def gold_people(text, tags):
    names, start = set(), None
    for i, tag in enumerate(tags + ["O"]):
        if start is not None and not tag.endswith("PER") or tag.startswith("B-") and start is not None:
            names.add(text[start:i])
            start = None
        if tag == "B-PER":
            start = i
    return names


def ner_rows(pipeline, limit):
    path = SHARED / "corpus" / "ner" / "peoples_daily_1998_ner" / "example.test"
    sentences = [(text, gold_people(text, tags)) for text, tags in ner_sentences(path, limit)]
    docs = [pipeline(text) for text, _gold in sentences]
    rows = []
    for mode, flags in MODES.items():
        tp = fp = fn = 0
        for (_text, gold), doc in zip(sentences, docs):
            found = {p.name for p in officials.find_people(doc, **flags)}
            tp += len(found & gold)
            fp += len(found - gold)
            fn += len(gold - found)
        p = tp / (tp + fp) if tp + fp else 0.0
        r = tp / (tp + fn) if tp + fn else 0.0
        rows.append((mode, p, r, 2 * p * r / (p + r) if p + r else 0.0, tp, fp, fn))
    return len(sentences), rows


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--ner", type=int, default=0, help="also score person names on this many PD-1998 test sentences")
    args = ap.parse_args(argv)
    pipeline = Pipeline(stages=["metadata"])
    scorer = load_scorer()
    print("dev set (../shared/eval/dev.jsonl)")
    print(f"{'mode':<8}{'off P':>8}{'off R':>8}{'off F1':>8}{'tit P':>8}{'tit R':>8}{'tit F1':>8}{'ms':>8}")
    for mode, off, tit, elapsed in dev_rows(pipeline, scorer):
        print(f"{mode:<8}{off[0]:>8.3f}{off[1]:>8.3f}{off[2]:>8.3f}{tit[0]:>8.3f}{tit[1]:>8.3f}{tit[2]:>8.3f}{elapsed * 1000:>8.1f}")
    if args.ner:
        n, rows = ner_rows(pipeline, args.ner)
        print(f"\nPeople's Daily 1998 test, first {n} sentences: person names")
        print(f"{'mode':<8}{'P':>8}{'R':>8}{'F1':>8}{'tp':>6}{'fp':>6}{'fn':>6}")
        for mode, p, r, f, tp, fp, fn in rows:
            print(f"{mode:<8}{p:>8.3f}{r:>8.3f}{f:>8.3f}{tp:>6}{fp:>6}{fn:>6}")


if __name__ == "__main__":
    main()
