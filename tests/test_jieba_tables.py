"""jieba_tables reads jieba's files directly; what it reads must equal what jieba builds."""
import pytest

from govnews_nlp import jieba_tables


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
    from jieba.posseg.viterbi import viterbi

    ours, tables = jieba_tables.pos_hmm()
    assert tables == (jieba.posseg.char_state_tab_P, jieba.posseg.start_P, jieba.posseg.trans_P, jieba.posseg.emit_P)
    for name in ("张建华", "王少勇", "宣传党", "习近平"):
        assert ours(name, *tables) == viterbi(name, *tables)
