"""What every Document returned by extract() must satisfy, whatever the input.

Shared by the property tests (tests/test_properties.py) and the atheris fuzz target
(fuzz/fuzz_extract.py), so both check exactly the same contract.
"""
from __future__ import annotations

from govnews_nlp.records import Document, Span


def _inside(doc: Document, span: Span, what: str) -> str:
    assert 0 <= span.start <= span.end <= len(doc.text), f"{what}: span {span.start}:{span.end} outside text of length {len(doc.text)}"
    raw = doc.raw_span(span)
    assert 0 <= raw.start <= raw.end <= len(doc.raw), f"{what}: raw span {raw.start}:{raw.end} outside raw input of length {len(doc.raw)}"
    return doc.text[span.start:span.end]


def check_document(doc: Document) -> None:
    """Assert that every span lies in the text and reads what its record says."""
    assert isinstance(doc, Document)
    assert len(doc._raw_starts) == len(doc._raw_ends) == len(doc.text)
    for author in doc.authors:
        for span in author.spans:
            assert _inside(doc, span, f"author {author.name}") == author.name
    for official in doc.officials:
        for span in official.mentions:
            assert _inside(doc, span, f"official {official.name}") == official.name
        for title in official.titles:
            if title.span is not None:
                assert _inside(doc, title.span, f"title {title.text}") == title.text
    for place in doc.places:
        assert place.name
        for span in place.mentions:
            assert _inside(doc, span, f"place {place.name}")
    for kind in ("counts", "amounts", "slogans", "dates"):
        for record in getattr(doc, kind):
            assert _inside(doc, record.span, f"{kind} {record.text}") == record.text


def check_json_round_trip(doc: Document) -> str:
    """The JSON form parses back into an equal Document; returns the JSON."""
    dumped = doc.model_dump_json()
    again = Document.model_validate_json(dumped)
    assert again.model_dump_json() == dumped
    return dumped
