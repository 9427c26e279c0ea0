import os
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
# the shared data (dev set, scorer, corpora) sits beside the checkout; GOVNEWS_SHARED points elsewhere
SHARED = Path(os.environ.get("GOVNEWS_SHARED") or ROOT.parent / "shared")
SEED_PATH = ROOT / "examples" / "tongzhou.txt"


@pytest.fixture(scope="session")
def seed_raw() -> str:
    return SEED_PATH.read_text(encoding="utf-8")


@pytest.fixture(scope="session")
def seed_doc(seed_raw):
    import govnews_nlp

    return govnews_nlp.extract(seed_raw)
