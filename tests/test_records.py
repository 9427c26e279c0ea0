"""Records: the fast constructors build the same objects as pydantic."""


def test_span_of_is_model_construct():
    from govnews_nlp.records import Span

    fast, slow = Span.of(3, 7), Span.model_construct(start=3, end=7)
    for attribute in ("__dict__", "__pydantic_fields_set__", "__pydantic_extra__", "__pydantic_private__"):
        assert getattr(fast, attribute) == getattr(slow, attribute), attribute
    assert type(fast) is Span and fast == slow and hash(fast) == hash(slow)
    assert fast.model_dump() == {"start": 3, "end": 7} and fast.model_dump_json() == slow.model_dump_json()
    assert Span.model_validate(fast.model_dump()) == fast
