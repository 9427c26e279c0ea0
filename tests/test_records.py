"""Records: the fast constructors build the same objects as pydantic."""


def test_span_of_is_model_construct():
    from govnews_nlp.records import Span

    fast, slow = Span.of(3, 7), Span.model_construct(start=3, end=7)
    for attribute in ("__dict__", "__pydantic_fields_set__", "__pydantic_extra__", "__pydantic_private__"):
        assert getattr(fast, attribute) == getattr(slow, attribute), attribute
    assert type(fast) is Span and fast == slow and hash(fast) == hash(slow)
    assert fast.model_dump() == {"start": 3, "end": 7} and fast.model_dump_json() == slow.model_dump_json()
    assert Span.model_validate(fast.model_dump()) == fast


import pytest

from govnews_nlp import records

_CONSTRUCT_CASES = [
    (records.Span, {"start": 1, "end": 4}),
    (records.Token, {"text": "书记", "span": records.Span.of(0, 2)}),
    (records.Title, {"text": "区委书记", "position": "书记"}),
    (records.Official, {"name": "张建华"}),
    (records.Official, {"name": "张建华", "roles": ["出席"], "first_mention_order": 2, "source": "jieba"}),
    (records.Author, {"name": "陈亮", "role": "记者"}),
    (records.Place, {"name": "通州", "adcode": "320612", "level": "county"}),
    (records.Count, {"value": 16, "item": "项目", "text": "16个项目", "span": records.Span.of(0, 6)}),
    (records.Amount, {"value": 2.8e9, "text": "28亿元", "span": records.Span.of(3, 7)}),
    (records.Slogan, {"text": "项目为王", "span": records.Span.of(1, 5)}),
    (records.DateMention, {"text": "2月11日", "span": records.Span.of(0, 5)}),
    (records.Document, {"text": "正文", "source": "通州日报"}),
]


@pytest.mark.parametrize(("cls", "values"), _CONSTRUCT_CASES, ids=lambda value: getattr(value, "__name__", ""))
def test_record_model_construct_is_pydantics(cls, values):
    from pydantic import BaseModel

    fast = cls.model_construct(**values)
    slow = BaseModel.model_construct.__func__(cls, **values)
    for attribute in ("__dict__", "__pydantic_fields_set__", "__pydantic_extra__", "__pydantic_private__"):
        assert getattr(fast, attribute) == getattr(slow, attribute), attribute
    assert list(fast.__dict__) == list(slow.__dict__)
    assert type(fast) is cls and fast == slow
    assert fast.model_dump_json() == slow.model_dump_json()
    assert cls.model_validate_json(fast.model_dump_json()) == fast


def test_record_model_construct_gives_each_record_its_own_lists():
    first, second = records.Official.model_construct(name="甲"), records.Official.model_construct(name="乙")
    first.roles.append("出席")
    assert second.roles == []


def test_record_model_construct_keeps_an_explicit_fields_set():
    title = records.Title.model_construct({"text"}, text="书记", position="书记")
    assert title.model_fields_set == {"text"}
