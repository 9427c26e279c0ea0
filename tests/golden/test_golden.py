"""The evaluation gate: the scorer over the hand-annotated dev set, with per-field floors.

Floors live in floors.json and only move up. The test skips when ../shared is absent.
"""
import importlib.util
import json
from pathlib import Path

import pytest

from tests.conftest import SHARED

GOLD = SHARED / "eval" / "dev.jsonl"
SCORER = SHARED / "eval" / "score.py"
FLOORS = json.loads((Path(__file__).parent / "floors.json").read_text(encoding="utf-8"))

pytestmark = pytest.mark.skipif(not (GOLD.exists() and SCORER.exists()),
                                reason="../shared/eval (dev set and scorer) is not available")


@pytest.fixture(scope="module")
def summary():
    spec = importlib.util.spec_from_file_location("govnews_score", SCORER)
    scorer = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(scorer)
    golds = [json.loads(line) for line in GOLD.read_text(encoding="utf-8").splitlines() if line.strip()]
    tallies, meta = scorer.score(golds, scorer.extract_all(golds))
    result = {field: tally.prf()[2] for field, tally in tallies.items()}
    result.update({key: (hit / total if total else 1.0) for key, (hit, total) in meta.items()})
    f1s = [tally.prf()[2] for tally in tallies.values() if tally.tp + tally.fp + tally.fn]
    result["macro_f1"] = sum(f1s) / len(f1s)
    return result


@pytest.mark.parametrize("field", sorted(k for k in FLOORS if not k.startswith("_")))
def test_field_stays_above_its_floor(summary, field):
    assert summary[field] >= FLOORS[field] - 1e-9, (
        f"{field} fell to {summary[field]:.4f}, below its floor {FLOORS[field]:.4f}")
