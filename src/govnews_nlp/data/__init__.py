"""Lexicons and tables shipped with the package, loaded on first use and cached.

Nothing here is read at import time. Each file's source and date are in README.md.
"""
from __future__ import annotations

from functools import lru_cache
from importlib import resources


def read_text(name: str) -> str:
    return resources.files(__package__).joinpath(name).read_text(encoding="utf-8")


def read_lines(name: str) -> list[str]:
    """Non-empty lines of a data file, without ``#`` comments."""
    lines = []
    for line in read_text(name).splitlines():
        line = line.split("#", 1)[0].strip()
        if line:
            lines.append(line)
    return lines


def read_sections(name: str) -> dict[str, list[str]]:
    """Read a data file of ``[section]`` headers and whitespace-separated words.

    Words before the first header are under ``""``.
    """
    sections: dict[str, list[str]] = {"": []}
    current = ""
    for line in read_lines(name):
        if line.startswith("[") and line.endswith("]"):
            current = line[1:-1]
            sections.setdefault(current, [])
            continue
        sections[current].extend(line.split())
    return sections


def data_path(name: str):
    return resources.files(__package__).joinpath(name)


@lru_cache(maxsize=1)
def common_characters() -> frozenset[str]:
    return frozenset(read_text("common_characters.txt").replace("\n", ""))
