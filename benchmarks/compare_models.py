"""Rules + jieba vs rules + HanLP on the annotated dev set: scores, candidate recall, time.

    python benchmarks/compare_models.py                      # jieba and hanlp (default HanLP model)
    python benchmarks/compare_models.py --models jieba       # without the hanlp extra
    python benchmarks/compare_models.py --hanlp-model ~/models/msra_ner_electra_small_20220215_205503

Needs the shared data beside the checkout (../shared/eval/dev.jsonl and score.py) or
GOVNEWS_SHARED pointing at it. For each model it prints:
- officials / places P, R, F1 from the scorer, on what Pipeline(model=...) extracts;
- candidate recall: the share of gold official names (places) that the model proposes at
  all (jieba: posseg nr / ns words; HanLP: PERSON / LOCATION entities), before any fusion;
- seconds spent extracting the dev set.
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


def load_scorer(path: Path):
    spec = importlib.util.spec_from_file_location("govnews_score", path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def jieba_candidates(text: str) -> tuple[set[str], set[str]]:
    import jieba.posseg

    persons, places = set(), set()
    for word, flag in jieba.posseg.cut(text):
        if flag == "nr":
            persons.add(word)
        elif flag == "ns":
            places.add(word)
    return persons, places


def hanlp_candidates(doc) -> tuple[set[str], set[str]]:
    from govnews_nlp.models.hanlp_ner import hanlp_person_candidates, hanlp_place_candidates

    return {name for *_, name in hanlp_person_candidates(doc)}, {name for *_, name in hanlp_place_candidates(doc)}


def recall(gold: set[str], found: set[str], key=lambda s: s) -> float:
    if not gold:
        return float("nan")
    keys = {key(name) for name in found}
    return sum(key(name) in keys for name in gold) / len(gold)


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--gold", type=Path, default=SHARED / "eval" / "dev.jsonl")
    parser.add_argument("--models", default="jieba,hanlp")
    parser.add_argument("--hanlp-model", help="HanLP identifier or local directory (default MSRA_NER_ELECTRA_SMALL_ZH)")
    args = parser.parse_args(argv)
    from govnews_nlp.pipeline import Pipeline

    scorer = load_scorer(args.gold.parent / "score.py")
    golds = [json.loads(line) for line in args.gold.read_text(encoding="utf-8").splitlines() if line.strip()]
    print(f"{'model':<8}{'officials P/R/F1':>22}{'places P/R/F1':>22}{'name cand. R':>14}{'place cand. R':>15}{'secs':>7}")
    for model in args.models.split(","):
        pipeline = Pipeline(model=model, hanlp_model=args.hanlp_model if model == "hanlp" else None)
        pipeline.load_model()
        preds, gold_names, gold_places, names, places = {}, set(), set(), set(), set()
        started = time.perf_counter()
        for gold in golds:
            doc = pipeline(gold["text"], id=gold["id"])
            preds[gold["id"]] = doc.model_dump(mode="json")
            found = hanlp_candidates(doc) if model == "hanlp" else jieba_candidates(doc.text)
            gold_names |= {(gold["id"], o["name"]) for o in gold.get("officials") or []}
            gold_places |= {(gold["id"], p["name"]) for p in gold.get("places") or []}
            names |= {(gold["id"], name) for name in found[0]}
            places |= {(gold["id"], name) for name in found[1]}
        seconds = time.perf_counter() - started
        tallies, _ = scorer.score(golds, preds)

        def prf(field):
            p, r, f = tallies[field].prf()
            return f"{p:.2f}/{r:.2f}/{f:.2f}"

        place_key = lambda item: (item[0], scorer.place_key(item[1]))  # noqa: E731
        print(f"{model:<8}{prf('officials'):>22}{prf('places'):>22}{recall(gold_names, names):>14.2f}"
              f"{recall(gold_places, places, place_key):>15.2f}{seconds:>7.1f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
