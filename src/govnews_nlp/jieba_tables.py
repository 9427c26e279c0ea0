"""jieba's word dictionary and part-of-speech HMM, read straight from the installed jieba package.

Starting jieba to ask it for a word's tag or frequency costs about a second and 170 MB:
its tokenizer builds a 500,000-entry prefix dictionary (``segmenter()``), a
``POSTokenizer`` reads the dictionary a second time for the tags, and importing
``jieba.posseg`` executes four large Python modules of HMM tables. The officials stage
only needs lookups, so this module reads the same files once, faster and smaller:

- :func:`word_tags` — ``POSTokenizer(segmenter()).word_tag_tab``: the tag of every word of
  jieba's dictionary (``dict.txt``);
- :func:`word_frequencies` — the frequencies of ``segmenter().FREQ`` for every word that has
  one: ``dict.txt`` overlaid with our ``data/userdict.txt`` (the prefixes that jieba adds with
  frequency 0 are left out, so ``.get(word, 0)`` gives the same answer);
- :func:`pos_hmm` — jieba's Viterbi function and its tables (``char_state_tab_P``,
  ``start_P``, ``trans_P``, ``emit_P``), from the pickles jieba ships beside the modules.

Each is loaded on first use and cached; ``tests/test_jieba_tables.py`` checks that they equal
what jieba itself builds.
"""
from __future__ import annotations

import importlib.util
import pickle
import re
import threading
from functools import lru_cache
from pathlib import Path
from typing import Callable, Optional

from .data import read_text

_lock = threading.Lock()
# jieba's own pattern for a user-dictionary line: word, optional frequency, optional tag
_USERDICT_LINE = re.compile(r"^(.+?)( [0-9]+)?( [a-z]+)?$", re.U)


def _jieba_dir() -> Path:
    spec = importlib.util.find_spec("jieba")
    if spec is None or not spec.submodule_search_locations:
        raise ImportError("jieba is not installed")
    return Path(list(spec.submodule_search_locations)[0])


@lru_cache(maxsize=1)
def _dictionary() -> tuple[dict[str, str], dict[str, int]]:
    """(word → tag, word → frequency): jieba's ``dict.txt`` (later lines winning, as in jieba),
    then our user dictionary's frequencies over it."""
    tags: dict[str, str] = {}
    frequencies: dict[str, int] = {}
    same_tag: dict[str, str] = {}  # one string per tag (55 of them), not one per word
    with (_jieba_dir() / "dict.txt").open(encoding="utf-8") as handle:
        while True:
            lines = handle.readlines(1 << 18)  # a block at a time keeps the peak memory low
            if not lines:
                break
            fields = "".join(lines).split()
            if len(fields) != 3 * len(lines):  # a word holding whitespace: split on spaces, as jieba does
                fields = [field for line in lines for field in line.strip().split(" ")]
            words = fields[0::3]
            tags.update(zip(words, [same_tag.setdefault(tag, tag) for tag in fields[2::3]]))
            frequencies.update(zip(words, map(int, fields[1::3])))
    for raw in read_text("userdict.txt").splitlines():
        line = raw.strip().lstrip("\ufeff")
        if not line:
            continue
        word, frequency, _tag = _USERDICT_LINE.match(line).groups()
        if frequency is None:  # jieba would guess it with its whole tokenizer: ask jieba
            from .tokenizer import segmenter

            return tags, segmenter().FREQ
        frequencies[word] = int(frequency.strip())
    return tags, frequencies


def word_tags() -> dict[str, str]:
    """jieba's part-of-speech tag for each word of its dictionary. Our user dictionary adds none,
    as a fresh ``POSTokenizer.word_tag_tab`` has none until jieba's first ``cut``."""
    return _dictionary()[0]


def word_frequencies() -> dict[str, int]:
    """jieba's frequency of each word, our user dictionary's over the main dictionary's."""
    return _dictionary()[1]


HmmTables = tuple[dict, dict, dict, dict]


@lru_cache(maxsize=1)
def pos_hmm() -> tuple[Callable, HmmTables]:
    """jieba's part-of-speech Viterbi function and its (char_state_tab_P, start_P, trans_P, emit_P)."""
    with _lock:
        posseg = _jieba_dir() / "posseg"
        tables = _pickled_tables(posseg)
        if tables is None:  # no pickles in this jieba: import its modules (slower)
            from jieba.posseg import char_state_tab_P, emit_P, start_P, trans_P

            tables = (char_state_tab_P, start_P, trans_P, emit_P)
        spec = importlib.util.spec_from_file_location("govnews_nlp._jieba_posseg_viterbi", posseg / "viterbi.py")
        module = importlib.util.module_from_spec(spec)
        spec.loader.exec_module(module)  # viterbi.py alone, without jieba.posseg's __init__ and its tables
        return _faster_viterbi(module.viterbi, tables), tables


def _faster_viterbi(viterbi: Callable, tables: HmmTables) -> Callable:
    """jieba's posseg ``viterbi`` with the same result, several times faster on our tables.

    For each state ``y`` that the character allows, jieba takes the best
    ``(V[y0] + trans_p[y0].get(y, -inf) + emit, y0)`` over every previous state ``y0``
    (the higher score, then the greater ``y0``); the ``y0`` with no transition to ``y`` give
    -inf and cannot win, so only those with one are tried, with the same arithmetic and the
    same tie-break, and without the sets jieba builds at every step. States are numbered in
    their sort order (so comparing numbers compares states), and each character's states
    with their emission scores are listed once. A state with no ``y0`` is left out, as jieba
    leaves it out. The rare cases where jieba's answer could hang on something else — no
    state of the character reachable (jieba then widens the states), or a best score that is
    not finite — are handed to jieba's function whole, as are other tables than ours.
    """
    char_states, start_p, trans_p, emit_p = tables
    numbered = sorted(trans_p)
    number = {y: i for i, y in enumerate(numbered)}
    incoming: list[dict[int, float]] = [{} for _ in numbered]   # state → {previous state: transition score}
    for y0, targets in trans_p.items():
        for y, step in targets.items():
            incoming[number[y]][number[y0]] = step
    starts = [start_p[y] for y in numbered]
    min_float = -3.14e100
    min_inf = float("-inf")
    by_char: dict[str, tuple] = {}

    def states_of(char: str) -> tuple:
        """The states jieba tries for ``char``: (number, incoming transitions, emission score)."""
        found = by_char.get(char)
        if found is None:
            found = tuple((number[y], incoming[number[y]], emit_p[y].get(char, min_float))
                          for y in char_states.get(char, numbered))
            if char in char_states:                     # kept: at most one entry per character of the table
                by_char[char] = found
        return found

    def faster(obs, states, start, trans, emit):
        if trans is not trans_p or states is not char_states or start is not start_p or emit is not emit_p:
            return viterbi(obs, states, start, trans, emit)
        scores = {y: starts[y] + emission for y, _into, emission in states_of(obs[0])}
        back: list[dict] = []
        for t in range(1, len(obs)):
            before = scores
            scores = {}
            came_from = {}
            for y, into, emission in states_of(obs[t]):
                common = into.keys() & before.keys()   # the previous states with a transition to y
                if not common:
                    continue
                best = best_y0 = None
                for y0 in common:
                    total = before[y0] + into[y0] + emission
                    if best is None or total > best or (total == best and y0 > best_y0):
                        best, best_y0 = total, y0
                if best == min_inf:
                    return viterbi(obs, states, start, trans, emit)
                scores[y] = best
                came_from[y] = best_y0
            if not scores:
                return viterbi(obs, states, start, trans, emit)
            back.append(came_from)
        prob, state = max((score, y) for y, score in scores.items())
        route = [None] * len(obs)
        for i in range(len(obs) - 1, 0, -1):
            route[i] = numbered[state]
            state = back[i - 1][state]
        route[0] = numbered[state]
        return prob, route

    return faster


def _pickled_tables(posseg: Path) -> Optional[HmmTables]:
    names = ("char_state_tab", "prob_start", "prob_trans", "prob_emit")
    if not all((posseg / f"{name}.p").is_file() for name in names):
        return None
    loaded = []
    for name in names:
        with (posseg / f"{name}.p").open("rb") as handle:
            loaded.append(pickle.load(handle))
    return tuple(loaded)
