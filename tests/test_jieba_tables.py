"""jieba_tables reads jieba's files directly; what it reads must equal what jieba builds."""
import pytest

from govnews_nlp import jieba_tables
from tests.conftest import ROOT


@pytest.fixture(scope="module")
def jieba_segmenter():
    from govnews_nlp.tokenizer import segmenter

    return segmenter()


def test_word_tags_equal_a_fresh_pos_tokenizers(jieba_segmenter):
    import jieba.posseg

    assert jieba_tables.word_tags() == jieba.posseg.POSTokenizer(jieba_segmenter).word_tag_tab


def test_word_frequencies_equal_the_segmenters_for_every_word(jieba_segmenter):
    ours = jieba_tables.word_frequencies()
    theirs = jieba_segmenter.FREQ
    # jieba also stores every prefix of a word with frequency 0; we leave those out
    assert {w: f for w, f in theirs.items() if f} == {w: f for w, f in ours.items() if f}
    assert all(theirs.get(word) == frequency for word, frequency in ours.items())


@pytest.mark.parametrize("word, tag, frequency", [
    ("强调", "v", None), ("长江", "ns", 18930), ("区委书记", None, 2000), ("专精特新", None, 500),
])
def test_known_words(word, tag, frequency):
    if tag is not None:
        assert jieba_tables.word_tags()[word] == tag
    if frequency is not None:
        assert jieba_tables.word_frequencies()[word] == frequency  # 区委书记, 专精特新: from data/userdict.txt


def test_hmm_tables_equal_jieba_posseg():
    import jieba.posseg

    _viterbi, tables = jieba_tables.pos_hmm()
    assert tables == (jieba.posseg.char_state_tab_P, jieba.posseg.start_P, jieba.posseg.trans_P, jieba.posseg.emit_P)


def _strings_to_tag():
    """Candidate names and every 2-4 character window of the seed article, plus odd cases."""
    import regex

    from govnews_nlp.cleaning import clean

    text = clean((ROOT / "examples" / "tongzhou.txt").read_text(encoding="utf-8")).text
    strings = {"张建华", "王少勇", "宣传党", "习近平", "买买提·艾力", "a中", "中", "𠀋𠀋", "区委书记张建华出席"}
    for run in regex.findall(r"\p{Han}+", text):
        for size in (2, 3, 4):
            strings.update(run[i:i + size] for i in range(len(run) - size + 1))
    return sorted(strings)


def test_faster_viterbi_gives_jiebas_result():
    from jieba.posseg.viterbi import viterbi

    ours, tables = jieba_tables.pos_hmm()
    strings = _strings_to_tag()
    assert len(strings) > 2000
    assert [ours(s, *tables) for s in strings] == [viterbi(s, *tables) for s in strings]


def test_faster_viterbi_defers_to_jieba_for_other_tables():
    from jieba.posseg.viterbi import viterbi

    ours, (states, start, trans, emit) = jieba_tables.pos_hmm()
    other_trans = {y0: dict(targets) for y0, targets in trans.items()}
    assert ours("张建华", states, start, other_trans, emit) == viterbi("张建华", states, start, other_trans, emit)
