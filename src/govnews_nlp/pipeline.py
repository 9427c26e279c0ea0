"""The extraction pipeline: clean → (segment on demand) → extractors → records.

A :class:`Pipeline` is built once and called many times; its stages are small
callables that take a :class:`Document` and fill in some of its records.
"""
from __future__ import annotations

import gc
import threading
from contextlib import contextmanager
from typing import Callable, Iterable, Iterator, Optional, Union

from .cleaning import DEFAULT_MAX_CHARS, clean, decode
from .errors import InputError
from .records import Document

Stage = Callable[[Document], Document]

STAGE_NAMES = ("metadata", "slogans", "officials", "places", "counts", "amounts", "dates")

MODELS = ("jieba", "hanlp")
"""Where the extractors' model candidates (names, places) come from, besides the rules:
``jieba`` (default, no extra dependency) or ``hanlp`` (HanLP's neural NER, the ``hanlp`` extra)."""


def _stage(name: str) -> Stage:
    from importlib import import_module

    return import_module(f".extractors.{name}", __package__).extract


class Pipeline:
    """Cleaning plus an ordered list of extractor stages.

    >>> from govnews_nlp import Pipeline
    >>> nlp = Pipeline()
    >>> doc = nlp("市委常委、区委书记张建华出席会议。")
    >>> doc.officials[0].name
    '张建华'
    """

    def __init__(self, stages: Optional[Iterable[str]] = None, *, max_chars: Optional[int] = DEFAULT_MAX_CHARS,
                 model: str = "jieba", hanlp_model: Optional[str] = None):
        names = tuple(stages) if stages is not None else STAGE_NAMES
        unknown = [name for name in names if name not in STAGE_NAMES]
        if unknown:
            raise ValueError(f"unknown stage(s) {unknown}; choose from {list(STAGE_NAMES)}")
        if model not in MODELS:
            raise ValueError(f"unknown model {model!r}; choose from {list(MODELS)}")
        if hanlp_model is not None and model != "hanlp":
            raise ValueError("hanlp_model is only used with model='hanlp'")
        if model == "hanlp":
            from .models.hanlp_ner import require_hanlp

            require_hanlp()  # the missing extra is reported now; the model itself loads on first use
        self.stage_names = names
        self.max_chars = max_chars
        self.model = model
        self.hanlp_model = hanlp_model
        self._stages: Optional[list[tuple[str, Stage]]] = None
        self._ner = None
        self._lock = threading.Lock()

    @property
    def stages(self) -> list[tuple[str, Stage]]:
        if self._stages is None:
            with self._lock:
                if self._stages is None:
                    self._stages = [(name, _stage(name)) for name in self.stage_names]
        return self._stages

    def load_model(self):
        """Load the HanLP model now (it otherwise loads with the first document); None for jieba."""
        if self.model == "hanlp" and self._ner is None:
            with self._lock:
                if self._ner is None:
                    from .models.hanlp_ner import load

                    self._ner = load(self.hanlp_model)
        return self._ner

    def make_document(self, text: Union[str, bytes], *, id: Optional[str] = None,
                      published_at: Optional[str] = None, source: Optional[str] = None,
                      title: Optional[str] = None) -> Document:
        """Decode and clean the input into a Document with no records yet."""
        for name, value in (("id", id), ("published_at", published_at), ("source", source), ("title", title)):
            if value is not None and not isinstance(value, str):
                raise InputError(f"{name} must be a str or None, got {type(value).__name__}")
        if isinstance(text, (bytes, bytearray, memoryview)):
            text = decode(bytes(text), max_chars=self.max_chars)
        elif not isinstance(text, str):
            raise InputError(f"expected str or bytes, got {type(text).__name__}")
        mapped = clean(text, max_chars=self.max_chars)
        doc = Document.model_construct(
            id=id, title=title, source=source, published_at=published_at, text=mapped.text,
            authors=[], officials=[], places=[], counts=[], amounts=[], slogans=[], dates=[],
        )
        doc._raw = text
        doc._raw_starts = mapped.starts
        doc._raw_ends = mapped.ends
        doc._ner = self.load_model()
        return doc

    def __call__(self, text: Union[str, bytes], *, id: Optional[str] = None,
                 published_at: Optional[str] = None, source: Optional[str] = None,
                 title: Optional[str] = None) -> Document:
        doc = self.make_document(text, id=id, published_at=published_at, source=source, title=title)
        if len(doc.text) < PAUSE_GC_FROM_CHARS:
            return self._run_stages(doc)
        with _cyclic_gc_paused():
            return self._run_stages(doc)

    def _run_stages(self, doc: Document) -> Document:
        for _name, stage in self.stages:
            doc = stage(doc)
        return doc


PAUSE_GC_FROM_CHARS = 20_000
"""Documents at least this long are extracted with Python's cyclic garbage collector paused.

A long document can yield tens of thousands of records, none of them in a reference cycle
(reference counting frees them). While they pile up, the cyclic collector runs again and
again over all of them and over every other live object: on 50,000 dates in 100,000
characters that doubled the time of the dates stage. Short articles gain nothing from it,
so they run with the collector as it was."""

_gc_lock = threading.Lock()
_gc_pauses = 0  # extractions running with the collector paused, in all threads
_gc_was_enabled = False


@contextmanager
def _cyclic_gc_paused() -> Iterator[None]:
    """Pause the cyclic collector until the last paused extraction ends, then restore the
    state it had before the first one began."""
    global _gc_pauses, _gc_was_enabled
    with _gc_lock:
        if _gc_pauses == 0:
            _gc_was_enabled = gc.isenabled()
            gc.disable()
        _gc_pauses += 1
    try:
        yield
    finally:
        with _gc_lock:
            _gc_pauses -= 1
            if _gc_pauses == 0 and _gc_was_enabled:
                gc.enable()


_default: Optional[Pipeline] = None
_default_lock = threading.Lock()


def default_pipeline() -> Pipeline:
    global _default
    if _default is None:
        with _default_lock:
            if _default is None:
                _default = Pipeline()
    return _default


def extract(text: Union[str, bytes], *, id: Optional[str] = None, published_at: Optional[str] = None,
            source: Optional[str] = None, title: Optional[str] = None) -> Document:
    """Extract every record from one article (plain text or HTML, str or bytes).

    ``published_at`` and ``source``, when given, are used instead of what the text says
    (the year of relative dates comes from ``published_at``).
    """
    return default_pipeline()(text, id=id, published_at=published_at, source=source, title=title)
