import pytest

from govnews_nlp.tokenizer import tokenize


@pytest.mark.parametrize("text, words", [
    ("市委常委、区委书记张建华出席会议", ["市委常委", "、", "区委书记"]),
    ("区委副书记、政法委书记徐林锋主持会议", ["区委副书记", "政法委书记"]),
    ("“专精特新”企业投资项目", ["专精特新"]),
])
def test_our_user_dictionary_keeps_titles_whole(text, words):
    tokens = [token.text for token in tokenize(text)]
    for word in words:
        assert word in tokens


def test_tokens_carry_exact_spans():
    text = "康辉新材料等16个项目和石港镇二级载体平台建设现场"
    tokens = tokenize(text)
    assert "".join(t.text for t in tokens) == text
    for token in tokens:
        assert text[token.span.start:token.span.end] == token.text


def test_document_tokens_are_lazy_and_cached(seed_doc):
    assert seed_doc._tokens is None or isinstance(seed_doc._tokens, list)
    first = seed_doc.tokens
    assert seed_doc.tokens is first
