"""jieba segmentation with our user dictionary; every token keeps its span in the text."""
from __future__ import annotations

import threading
from functools import lru_cache
from pathlib import Path

from .records import Span, Token

_lock = threading.Lock()


def _cache_dir() -> Path:
    import os

    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    path = Path(base) / "govnews_nlp"
    try:
        path.mkdir(parents=True, exist_ok=True)
    except OSError:
        import tempfile

        path = Path(tempfile.gettempdir()) / "govnews_nlp"
        path.mkdir(parents=True, exist_ok=True)
    return path


@lru_cache(maxsize=1)
def segmenter():
    """A jieba Tokenizer with our user dictionary, its model cache kept in the user cache dir."""
    import logging

    import jieba

    from .data import data_path

    jieba.setLogLevel(logging.WARNING)
    with _lock:
        tokenizer = jieba.Tokenizer()
        tokenizer.tmp_dir = str(_cache_dir())
        tokenizer.initialize()
        with data_path("userdict.txt").open("rb") as handle:
            tokenizer.load_userdict(handle)
    return tokenizer


def tokenize(text: str) -> list[Token]:
    """Segment ``text`` with jieba (HMM on) into tokens with character spans."""
    tokens = []
    for word, start, end in segmenter().tokenize(text, HMM=True):
        tokens.append(Token.model_construct(text=word, span=Span.of(start, end), pos=None))
    return tokens
