from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
SEED_PATH = ROOT / "examples" / "tongzhou.txt"


@pytest.fixture(scope="session")
def seed_raw() -> str:
    return SEED_PATH.read_text(encoding="utf-8")


@pytest.fixture(scope="session")
def seed_doc(seed_raw):
    import govnews_nlp

    return govnews_nlp.extract(seed_raw)
