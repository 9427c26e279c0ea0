"""govnews_nlp: typed, verifiable records from Chinese government news.

>>> import govnews_nlp
>>> doc = govnews_nlp.extract("区委副书记、区长王少勇主持会议。")
>>> [(o.name, [t.text for t in o.titles]) for o in doc.officials]
[('王少勇', ['区委副书记', '区长'])]
"""
from __future__ import annotations

from typing import TYPE_CHECKING

__version__ = "0.1.0"

__all__ = [
    "extract", "Pipeline", "render_html", "InputError", "GovnewsError", "MissingExtraError",
    "Document", "Official", "Title", "Author", "Place", "Count", "Amount", "Slogan", "DateMention", "Span", "Token",
]

_LAZY = {
    "extract": ".pipeline", "Pipeline": ".pipeline", "render_html": ".render",
    "InputError": ".errors", "GovnewsError": ".errors", "MissingExtraError": ".errors",
    **{name: ".records" for name in ("Document", "Official", "Title", "Author", "Place", "Count",
                                     "Amount", "Slogan", "DateMention", "Span", "Token")},
}

if TYPE_CHECKING:  # pragma: no cover
    from .errors import GovnewsError, InputError, MissingExtraError
    from .pipeline import Pipeline, extract
    from .records import Amount, Author, Count, DateMention, Document, Official, Place, Slogan, Span, Title, Token
    from .render import render_html


def __getattr__(name: str):
    # Lazy so that `import govnews_nlp` stays cheap: pydantic and regex load on first use.
    module = _LAZY.get(name)
    if module is None:
        raise AttributeError(f"module 'govnews_nlp' has no attribute {name!r}")
    from importlib import import_module

    value = getattr(import_module(module, __name__), name)
    globals()[name] = value
    return value


def __dir__():
    return sorted(__all__)
