"""The examples in the package's docstrings run as doctests, so they cannot drift from the code."""
import doctest
import importlib
import pkgutil

import pytest

import govnews_nlp


def _modules() -> list[str]:
    return sorted(info.name for info in pkgutil.walk_packages(govnews_nlp.__path__, prefix="govnews_nlp."))


@pytest.mark.parametrize("name", _modules())
def test_docstring_examples(name):
    module = importlib.import_module(name)
    result = doctest.testmod(module, optionflags=doctest.ELLIPSIS)
    assert result.failed == 0, f"{result.failed} of {result.attempted} examples failed in {name}"
