"""Inputs that once broke extract (found by fuzz/fuzz_extract.py or by hand), replayed every run.

Each file of tests/fuzz_regressions/ holds one value given to extract: {"str": ...} (JSON escapes
keep lone surrogates) or {"bytes_base64": ...}, and a "note" saying what went wrong. The check is
the fuzz target's: a Document satisfying tests/invariants.py, or InputError, quickly.
"""
from __future__ import annotations

import base64
import json
from pathlib import Path

import pytest

import govnews_nlp
from govnews_nlp.errors import InputError

from .adversarial_inputs import time_limit
from .invariants import check_document, check_json_round_trip

CASES = sorted((Path(__file__).parent / "fuzz_regressions").glob("*.json"))


def _value(path: Path):
    record = json.loads(path.read_text(encoding="ascii"))
    return record["str"] if "str" in record else base64.b64decode(record["bytes_base64"])


def test_there_are_regression_cases():
    assert len(CASES) >= 4


@pytest.mark.parametrize("path", CASES, ids=[path.stem for path in CASES])
def test_regression_case(path):
    value = _value(path)
    with time_limit(10):
        try:
            doc = govnews_nlp.extract(value)
        except InputError:
            return
    check_document(doc)
    dumped = check_json_round_trip(doc)
    assert govnews_nlp.extract(value).model_dump_json() == dumped
