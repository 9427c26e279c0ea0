"""Support for the render tests: the seed article's records written by hand, and a reader of rendered pages.

The records follow shared/eval's annotation of the seed article; every span is found
in the cleaned text, so the render tests do not depend on the extractors.
"""
from __future__ import annotations

from html.parser import HTMLParser

from govnews_nlp.pipeline import Pipeline
from govnews_nlp.records import Author, Count, DateMention, Document, Official, Place, Slogan, Span, Title

# (the phrase that introduces the person, its titles, the name, roles)
SEED_OFFICIALS = (
    ("市委常委、区委书记张建华", ("市委常委", "区委书记"), "张建华", ("出席", "强调", "指出")),
    ("区委副书记、区长王少勇", ("区委副书记", "区长"), "王少勇", ("点评布置", "要求")),
    ("区委副书记、政法委书记徐林锋", ("区委副书记", "政法委书记"), "徐林锋", ("主持",)),
    *((name, (), name, ("参加",)) for name in (
        "陈艳梅", "葛锦坤", "高洪军", "樊小燕", "王瑜彬", "佘德华", "施骁毅", "陈金祥", "朱卫民", "陈兵",
        "陆忠华", "张连清", "张斌辉")),
)
SEED_OFFICIAL_NAMES = tuple(name for _phrase, _titles, name, _roles in SEED_OFFICIALS)

SEED_PLACES = (  # name, adcode, level, text that must not follow a mention
    ("通州", "320612", "county", "日报"),
    ("石港镇", "320612110", "township", None),
    ("南通高新区", None, "zone", None),
)


def occurrences(text: str, needle: str, not_followed_by: str | None = None) -> list[Span]:
    spans = []
    at = text.find(needle)
    while at >= 0:
        end = at + len(needle)
        if not (not_followed_by and text.startswith(not_followed_by, end)):
            spans.append(Span.of(at, end))
        at = text.find(needle, end)
    return spans


def seed_document(raw: str) -> Document:
    """The seed article cleaned by the pipeline (no extractor stage), with its records built by hand."""
    doc = Pipeline(stages=[]).make_document(raw, id="examples/tongzhou.txt")
    text = doc.text
    doc.title = text.split("\n", 1)[0]
    doc.source, doc.published_at = "通州日报", "2023-02-12T19:15"
    doc.authors = [Author(name=name, role=role, spans=occurrences(text, name))
                   for role, name in (("通讯员", "施伟办"), ("通讯员", "瞿镇辅"), ("记者", "顾艳"))]
    officials = []
    for order, (phrase, titles, name, roles) in enumerate(SEED_OFFICIALS):
        start = occurrences(text, phrase)[0].start
        title_records = []
        for title in titles:
            at = text.index(title, start)
            title_records.append(Title(text=title, span=Span.of(at, at + len(title))))
        officials.append(Official(name=name, titles=title_records, roles=list(roles), first_mention_order=order,
                                  mentions=occurrences(text, name)))
    doc.officials = officials
    doc.places = [Place(name=name, canonical_name=name + ("区" if level == "county" else ""), adcode=adcode,
                        level=level, parent_adcode=adcode[:6] if adcode and len(adcode) == 9 else None,
                        mentions=occurrences(text, name, not_followed_by))
                  for name, adcode, level, not_followed_by in SEED_PLACES]
    doc.counts = [Count(value=value, unit="个", item=item, text=phrase, span=occurrences(text, phrase)[0])
                  for value, item, phrase in ((16, "项目", "16个项目"), (3, "二级平台", "3个二级平台"))]
    doc.dates = [DateMention(text="2月11日", date="2023-02-11", span=occurrences(text, "2月11日")[0])]
    doc.slogans = [Slogan(text=text[span.start + 1:span.end - 1], span=Span.of(span.start + 1, span.end - 1))
                   for span in _quoted(text)]
    doc.amounts = []
    return doc


def _quoted(text: str) -> list[Span]:
    spans, at = [], text.find("“")
    while at >= 0:
        end = text.find("”", at)
        spans.append(Span.of(at, end + 1))
        at = text.find("“", end)
    return spans


VOID_ELEMENTS = frozenset({"meta", "br", "hr", "img", "input", "link", "wbr"})


class PageParser(HTMLParser):
    """Reads a rendered page back: the article's text, its highlights with offsets, every tag seen.

    Fails (AssertionError) when an end tag does not close the element opened last.
    """

    def __init__(self, page: str):
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, dict[str, str]]] = []
        self.article = ""
        self.marks: list[dict] = []  # kind, ref, title, start, end (offsets into the article text)
        self.rows: dict[str, list[str]] = {}  # table row id → cell texts
        self._open: list[str] = []
        self._in_article = False
        self._marks_open: list[dict] = []
        self._row: str | None = None
        self._cell: list[str] | None = None
        self.feed(page)
        self.close()
        assert not self._open, f"unclosed elements {self._open}"

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        self.tags.append((tag, attrs))
        if tag not in VOID_ELEMENTS:
            self._open.append(tag)
        if tag == "article":
            self._in_article = True
        elif tag == "mark" and self._in_article:
            classes = attrs.get("class", "").split()
            kind = next(c[3:] for c in classes if c.startswith("hl-"))
            self._marks_open.append({"kind": kind, "ref": attrs.get("data-ref"), "title": attrs.get("title"),
                                     "start": len(self.article)})
        elif tag == "tr" and attrs.get("id"):
            self._row = attrs["id"]
            self.rows[self._row] = []
        elif tag == "td" and self._row:
            self._cell = []

    def handle_endtag(self, tag):
        assert self._open and self._open[-1] == tag, f"</{tag}> closes <{self._open[-1] if self._open else None}>"
        self._open.pop()
        if tag == "article":
            self._in_article = False
        elif tag == "mark" and self._in_article:
            mark = self._marks_open.pop()
            mark["end"] = len(self.article)
            mark["text"] = self.article[mark["start"]:mark["end"]]
            self.marks.append(mark)
        elif tag == "td" and self._cell is not None:
            self.rows[self._row].append("".join(self._cell))
            self._cell = None
        elif tag == "tr":
            self._row = None

    def handle_data(self, data):
        if self._in_article:
            self.article += data
        if self._cell is not None:
            self._cell.append(data)

    def highlighted(self, kind: str, ref: str) -> set[tuple[int, int]]:
        """The spans highlighted for one record, pieces cut at overlaps joined again."""
        pieces = sorted((m["start"], m["end"]) for m in self.marks if m["kind"] == kind and m["ref"] == ref)
        joined: list[list[int]] = []
        for start, end in pieces:
            if joined and joined[-1][1] == start:
                joined[-1][1] = end
            else:
                joined.append([start, end])
        return {(start, end) for start, end in joined}
