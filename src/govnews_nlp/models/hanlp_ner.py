"""HanLP's neural named-entity recognizer as a source of candidate names and places.

Optional: ``pip install 'govnews-nlp[hanlp]'`` (it brings torch; install a CPU build
first with ``pip install torch`` from the CPU index if you have no GPU). Nothing here
imports :mod:`hanlp` until a model is loaded.

>>> from govnews_nlp.models.hanlp_ner import load           # doctest: +SKIP
>>> ner = load()       # doctest: +SKIP
>>> ner("国务院总理李强在北京会见外宾。")                      # doctest: +SKIP
[Entity(type='PERSON', start=5, end=7, text='李强', label='PERSON'),
 Entity(type='LOCATION', start=8, end=10, text='北京', label='LOCATION')]

``load()`` with no name loads ``hanlp.pretrained.ner.MSRA_NER_ELECTRA_SMALL_ZH``.

The text is cut into sentences by HanLP's own splitter (:func:`hanlp.utils.rules.split_sentence`),
fed to the model one character per token, in batches, and every entity the model
returns is mapped back to a ``[start, end)`` range of the text it was given, so that
``text[start:end] == entity.text`` always holds.

Inside a pipeline, :class:`~govnews_nlp.pipeline.Pipeline` (``model="hanlp"``) attaches a
loaded recognizer to each Document; the extractors then call :func:`hanlp_person_candidates`
or :func:`hanlp_place_candidates`, which run the model once per document (cached) and
return ``[]`` when the pipeline has no HanLP model.

Models: any HanLP NER identifier (a name in ``hanlp.pretrained.ner`` such as
``MSRA_NER_ELECTRA_SMALL_ZH``, the dotted ``hanlp.pretrained.ner.MSRA_NER_ELECTRA_SMALL_ZH``,
or its URL) or a local directory holding a saved HanLP component (``config.json``,
``model.pt``, ``vocabs.json``). HanLP's pretrained models are licensed CC BY-NC-SA 4.0
(non-commercial); see docs/models.md.
"""
from __future__ import annotations

import contextlib
import os
import sys
import threading
from typing import TYPE_CHECKING, Any, NamedTuple, Optional, Sequence

from ..errors import MissingExtraError, ModelUnavailableError

if TYPE_CHECKING:  # pragma: no cover
    from ..records import Document

DEFAULT_MODEL = "MSRA_NER_ELECTRA_SMALL_ZH"
"""The ``hanlp.pretrained.ner`` name loaded when no model is given (F1 95.16 on MSRA per HanLP)."""

DEFAULT_BATCH_SIZE = 32
MAX_CHUNK_CHARS = 200
"""Sentences longer than this are cut (at a comma when possible) before they reach the model:
transformer models accept at most 512 sub-words."""

# The model's labels → our entity types. MSRA models say NR/NS/NT; HanLP's 26-type MSRA
# model and OntoNotes models spell them out; CoNLL-style corpora say PER/LOC/ORG.
ENTITY_TYPES = {
    "NR": "PERSON", "PER": "PERSON", "PERSON": "PERSON",
    "NS": "LOCATION", "LOC": "LOCATION", "LOCATION": "LOCATION", "GPE": "LOCATION",
    "NT": "ORGANIZATION", "ORG": "ORGANIZATION", "ORGANIZATION": "ORGANIZATION",
}

# Where a long sentence may be cut: after a comma-like mark.
_CLAUSE_MARKS = frozenset("，；：、,;:")


class Entity(NamedTuple):
    """One entity the model found: ``text == doc.text[start:end]``."""

    type: str
    """PERSON, LOCATION or ORGANIZATION."""
    start: int
    end: int
    text: str
    label: str
    """The model's own label (NR, NS, NT, PERSON, …)."""


def _import_hanlp():
    try:
        import hanlp
    except ImportError as exc:
        raise MissingExtraError("hanlp", "hanlp") from exc
    return hanlp


class HanLPRecognizer:
    """A loaded HanLP NER component, callable on text; thread-safe (one call at a time)."""

    def __init__(self, component: Any, identifier: str, *, batch_size: int = DEFAULT_BATCH_SIZE):
        self.component = component
        self.identifier = identifier
        self.batch_size = batch_size
        self._lock = threading.Lock()

    def __repr__(self) -> str:
        return f"HanLPRecognizer({self.identifier!r})"

    def __call__(self, text: str) -> list[Entity]:
        """Every PERSON, LOCATION and ORGANIZATION in ``text``, in text order."""
        chunks = list(_chunks(text))
        if not chunks:
            return []
        inputs = [[text[i] for i in offsets] for offsets in chunks]
        with self._lock:
            outputs = self.component(inputs, batch_size=self.batch_size)
        entities = []
        for offsets, found in zip(chunks, outputs):
            for entity in found:
                label, begin, end = entity[1], entity[2], entity[3]
                kind = ENTITY_TYPES.get(label)
                if kind is None or not 0 <= begin < end <= len(offsets):
                    continue
                start, stop = offsets[begin], offsets[end - 1] + 1
                entities.append(Entity(kind, start, stop, text[start:stop], label))
        entities.sort(key=lambda e: (e.start, e.end))
        return entities


def _chunks(text: str):
    """The model's input units: for each sentence (HanLP's splitter), the offsets in ``text``
    of its visible characters (no whitespace, zero-width or control characters, which a
    transformer's tokenizer drops), cut into pieces of at most MAX_CHUNK_CHARS characters."""
    from hanlp.utils.rules import split_sentence

    cursor = 0
    for sentence in split_sentence(text):
        offsets = []
        for char in sentence:
            if char.isspace() or not char.isprintable():
                continue
            at = text.find(char, cursor)
            if at < 0:  # the splitter changed a character: give up on the rest of this sentence
                break
            offsets.append(at)
            cursor = at + 1
        yield from _cut(offsets, text)


def _cut(offsets: list[int], text: str):
    while len(offsets) > MAX_CHUNK_CHARS:
        cut = MAX_CHUNK_CHARS
        for i in range(MAX_CHUNK_CHARS - 1, MAX_CHUNK_CHARS // 2, -1):
            if text[offsets[i]] in _CLAUSE_MARKS:
                cut = i + 1
                break
        yield offsets[:cut]
        offsets = offsets[cut:]
    if offsets:
        yield offsets


def load(identifier: Optional[str] = None, *, devices: Any = None,
         batch_size: int = DEFAULT_BATCH_SIZE) -> HanLPRecognizer:
    """Load a HanLP NER model: a ``hanlp.pretrained.ner`` name, its URL, or a local directory.

    HanLP looks for downloaded models under ``$HANLP_HOME`` (default ``~/.hanlp``) and
    downloads what is missing. Raises :class:`~govnews_nlp.errors.MissingExtraError` when
    hanlp is not installed and :class:`~govnews_nlp.errors.ModelUnavailableError` when the
    model's files are neither on disk nor downloadable.
    """
    hanlp = _import_hanlp()
    identifier = identifier or DEFAULT_MODEL
    location = _locate(hanlp, identifier)
    try:
        # HanLP prints download progress and failures to stdout even when not verbose:
        # send them to stderr so that stdout stays the caller's (the CLI prints JSON there).
        with contextlib.redirect_stdout(sys.stderr):
            component = hanlp.load(location, verbose=False, devices=devices)
    except Exception as exc:  # HanLP raises whatever requests, zipfile or torch raise
        raise ModelUnavailableError(identifier, _unavailable_message(identifier, location, exc)) from exc
    if not callable(component):
        raise ModelUnavailableError(identifier, f"{identifier!r} loaded as {type(component).__name__}, not a NER component")
    return HanLPRecognizer(component, identifier, batch_size=batch_size)


def _locate(hanlp, identifier: str) -> str:
    """What to hand to ``hanlp.load``: a local directory when the files are on disk, else a URL."""
    import hanlp.pretrained

    name = identifier.rsplit(".", 1)[-1] if identifier.startswith("hanlp.pretrained.") else identifier
    url = hanlp.pretrained.ALL.get(name)
    if url is None and not identifier.startswith(("http://", "https://")):
        path = os.path.expanduser(identifier)
        if os.path.isdir(path):
            return path
        raise ModelUnavailableError(identifier, (
            f"HanLP model {identifier!r}: no such directory, and not a name in hanlp.pretrained "
            f"(e.g. {DEFAULT_MODEL}) nor a URL. A local model is a directory saved by HanLP "
            f"(config.json, model.pt, vocabs.json)."))
    url = url or identifier
    local = _local_path(url)
    # HanLP reads HANLP_HOME once, at import; look under the current value ourselves.
    return local if os.path.isdir(local) else url


def _local_path(url: str) -> str:
    """Where HanLP unpacks ``url`` under the current ``$HANLP_HOME``."""
    from hanlp.utils.io_util import hanlp_home, path_from_url, split_if_compressed

    return split_if_compressed(path_from_url(url.split("#")[0], hanlp_home()))[0]


def _tried_url(exc: BaseException) -> Optional[str]:
    """The URL a failed download asked for."""
    seen = set()
    while exc is not None and id(exc) not in seen:
        seen.add(id(exc))
        # requests keeps the request on its errors; urllib's HTTPError (which HanLP raises on a 404) keeps .url
        url = getattr(getattr(exc, "request", None), "url", None) or getattr(exc, "url", None)
        if isinstance(url, str) and url:
            return url
        exc = exc.__cause__ or exc.__context__
    return None


def _unavailable_message(identifier: str, location: str, exc: BaseException) -> str:
    from hanlp.utils.io_util import hanlp_home

    tried = _tried_url(exc) or (location if location.startswith(("http://", "https://")) else None)
    reason = str(exc).splitlines()[0] if str(exc) else ""
    lines = [f"HanLP model {identifier!r} is not available ({type(exc).__name__}: {reason})."]
    if tried:
        archive = os.path.basename(tried.split("#")[0])
        lines.append(f"HanLP tried to download {tried}")
        lines.append(f"HANLP_HOME is {hanlp_home()} (set the HANLP_HOME environment variable to change it).")
        lines.append(
            f"For offline use, download {archive} on a machine with network access and unzip it to "
            f"{_local_path(tried)} (the model's transformer, when it has one, is fetched the same "
            f"way: the next error names its URL), or pass the unzipped directory itself: "
            f"Pipeline(model='hanlp', hanlp_model='/path/to/dir') / --hanlp-model /path/to/dir.")
    else:
        lines.append(f"HanLP could not load the files at {location}.")
    return "\n".join(lines)


def hanlp_entities(doc: "Document") -> list[Entity]:
    """The HanLP entities of ``doc.text`` (cached on the Document); ``[]`` without a HanLP model."""
    recognizer = doc._ner
    if recognizer is None:
        return []
    if doc._ner_entities is None:
        doc._ner_entities = recognizer(doc.text)
    return doc._ner_entities


def hanlp_person_candidates(doc: "Document") -> list[tuple[int, int, str]]:
    """``(start, end, name)`` of every PERSON the HanLP model found; ``[]`` without one."""
    return [(e.start, e.end, e.text) for e in hanlp_entities(doc) if e.type == "PERSON"]


def hanlp_place_candidates(doc: "Document") -> list[tuple[int, int, str]]:
    """``(start, end, name)`` of every LOCATION the HanLP model found; ``[]`` without one."""
    return [(e.start, e.end, e.text) for e in hanlp_entities(doc) if e.type == "LOCATION"]


def require_hanlp() -> None:
    """Raise MissingExtraError now, rather than at the first document, when hanlp is absent."""
    from importlib.util import find_spec

    if find_spec("hanlp") is None:
        raise MissingExtraError("hanlp", "hanlp")


__all__: Sequence[str] = (
    "DEFAULT_MODEL", "Entity", "HanLPRecognizer", "load", "hanlp_entities",
    "hanlp_person_candidates", "hanlp_place_candidates", "require_hanlp",
)
