"""wordtrie.trie_pattern finds what the longest-first alternation of the same words finds."""
import doctest
import re

from hypothesis import given, settings
from hypothesis import strategies as st

from govnews_nlp import wordtrie
from govnews_nlp.titles import lexicon
from govnews_nlp.wordtrie import trie_pattern, word_matcher

# a small alphabet, so that words share prefixes and overlap in the text
CHARACTERS = "市委书记长副区省主席"
WORDS = st.lists(st.text(alphabet=CHARACTERS, min_size=1, max_size=4), min_size=1, max_size=12)


def _alternation(words) -> re.Pattern:
    return re.compile("|".join(re.escape(w) for w in sorted(set(words), key=len, reverse=True)))


@settings(max_examples=300, deadline=None)
@given(words=WORDS, text=st.text(alphabet=CHARACTERS + "，张", max_size=60))
def test_the_trie_finds_what_the_alternation_finds(words, text):
    trie = re.compile(trie_pattern(words))
    assert [m.span() for m in trie.finditer(text)] == [m.span() for m in _alternation(words).finditer(text)]


@settings(max_examples=300, deadline=None)
@given(words=WORDS, text=st.text(alphabet=CHARACTERS + "，张", max_size=60))
def test_the_automaton_finds_what_the_trie_finds(words, text):
    trie = re.compile(trie_pattern(words))
    found = [(start, end) for _index, start, end in word_matcher(words).find_matches_as_indexes(text)]
    assert found == [m.span() for m in trie.finditer(text)]


def test_position_words_as_an_automaton():
    text = "市委常委、区委书记张建华，副区长王少勇，国务院副总理，全国人大常委会委员长，常务副市长𠀋副主任医师"
    found = [(start, end) for _index, start, end in lexicon().position_matcher.find_matches_as_indexes(text)]
    assert found == [m.span() for m in lexicon().position_re.finditer(text)]


def test_position_words_as_a_trie():
    positions = lexicon().positions
    text = "市委常委、区委书记张建华，副区长王少勇，国务院副总理，全国人大常委会委员长，常务副市长"
    assert [m.span() for m in lexicon().position_re.finditer(text)] \
        == [m.span() for m in _alternation(positions).finditer(text)]


def test_doctests():
    assert doctest.testmod(wordtrie).failed == 0
