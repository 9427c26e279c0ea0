"""dates extractor (first version pending)."""
from __future__ import annotations

from ..records import Document


def extract(doc: Document) -> Document:
    return doc
