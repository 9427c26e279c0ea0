"""An HTML view of one Document: the cleaned article with every record highlighted.

:func:`render_html` returns one self-contained page (inline CSS, no scripts, no
external assets): the article with a coloured ``<mark>`` per mention (officials,
titles, places, counts, amounts, slogans, dates, authors), a legend, and tables
of the records beside it. Hovering a highlight shows its record through the
``title`` attribute, e.g. ``张建华 · 市委常委 / 区委书记 · 出席, 强调``.

Highlights never cross: when two spans overlap without one containing the other,
the one that starts later (or, at the same start, the shorter one) is cut at the
end of the enclosing one and continues after it, so the markup always nests.
Every piece of text and every attribute goes through ``html.escape(quote=True)``.

:func:`write_pages` renders many documents (for instance :func:`read_jsonl` over the
output of ``govnews-nlp extract``) into a directory with an index page.
"""
from __future__ import annotations

import heapq
import html
from dataclasses import dataclass
from pathlib import Path
from typing import Callable, Iterable, Iterator, NamedTuple, Optional, Sequence, Union
from urllib.parse import quote

import regex
from pydantic import ValidationError

from .records import Document, Official, Place, Span, Title

# (kind, legend label, background, underline) in the order the legend lists them; at equal
# spans the earlier kind is the outer element.
KINDS = (
    ("slogan", "slogan 口号", "#fbe3f4", "#c2185b"),
    ("title", "title 职务", "#fff3b0", "#b08900"),
    ("official", "official 人物", "#ffd0a8", "#d35400"),
    ("author", "author 作者", "#e4e4e4", "#616161"),
    ("place", "place 地名", "#c8f2c2", "#2e7d32"),
    ("date", "date 日期", "#ddd3ff", "#5e35b1"),
    ("amount", "amount 金额", "#c6dcff", "#1565c0"),
    ("count", "count 数量", "#bdf0f5", "#00838f"),
)
_KIND_RANK = {kind: rank for rank, (kind, *_rest) in enumerate(KINDS)}

SEPARATOR = " · "
NO_VALUE = "—"

# characters kept in a batch page's file name; the rest become "_"
UNSAFE_FILENAME_CHARS = regex.compile(r"[^A-Za-z0-9._\-\p{Han}]+")


def _esc(value: object) -> str:
    return html.escape("" if value is None else str(value), quote=True)


@dataclass(frozen=True)
class Mark:
    """One highlight: ``[start, end)`` of the text, its kind, hover text and the table row it belongs to."""

    start: int
    end: int
    kind: str
    tip: str
    ref: str

    @property
    def key(self) -> tuple:
        # outer first: earlier start, then longer, then the kind order of KINDS
        return (self.start, -self.end, _KIND_RANK[self.kind], self.ref, self.tip)

    def __lt__(self, other: "Mark") -> bool:
        return self.key < other.key

    def part(self, start: int, end: int) -> "Mark":
        return Mark(start, end, self.kind, self.tip, self.ref)


# ---------------------------------------------------------------- hover texts


def title_text(titles: Sequence[Title]) -> str:
    """``市委常委 / 区委书记``."""
    return " / ".join(title.text for title in titles)


def official_tip(official: Official) -> str:
    """``张建华 · 市委常委 / 区委书记 · 出席, 强调`` (empty parts left out)."""
    parts = [official.name, title_text(official.titles), ", ".join(official.roles)]
    return SEPARATOR.join(part for part in parts if part)


def _title_parse(title: Title) -> str:
    parts = [f"{label} {value}" for label, value in (("jurisdiction", title.jurisdiction), ("organ", title.organ),
                                                      ("position", title.position)) if value]
    return ", ".join(parts)


def _title_tip(title: Title, official: Official) -> str:
    parts = [f"{title.text} → {official.name}", _title_parse(title)]
    return SEPARATOR.join(part for part in parts if part)


def _place_code(place: Place) -> str:
    if place.adcode:
        return place.adcode
    if place.candidates:
        return "ambiguous: " + ", ".join(place.candidates)
    return ""


def place_tip(place: Place) -> str:
    """``石港镇 · 320612110 · township`` (the canonical name too when it differs)."""
    parts = [place.name]
    if place.canonical_name and place.canonical_name != place.name:
        parts.append(place.canonical_name)
    parts += [_place_code(place) or "no adcode", place.level or ""]
    return SEPARATOR.join(part for part in parts if part)


def _number(value: float) -> str:
    return f"{int(value):,}" if float(value).is_integer() else f"{value:,}"


# ---------------------------------------------------------------- highlights


def collect_marks(doc: Document) -> list[Mark]:
    """Every highlight of the document, whatever the overlaps (spans outside the text are left out)."""
    found: list[Mark] = []

    def add(span: Optional[Span], kind: str, tip: str, ref: str) -> None:
        if span is not None and 0 <= span.start < span.end <= len(doc.text):
            found.append(Mark(span.start, span.end, kind, tip, ref))

    for i, official in enumerate(doc.officials):
        ref = f"official-{i}"
        tip = official_tip(official)
        for span in official.mentions:
            add(span, "official", tip, ref)
        for title in official.titles:
            add(title.span, "title", _title_tip(title, official), ref)
    for i, author in enumerate(doc.authors):
        for span in author.spans:
            add(span, "author", f"{author.name}{SEPARATOR}{author.role}", f"author-{i}")
    for i, place in enumerate(doc.places):
        tip = place_tip(place)
        for span in place.mentions:
            add(span, "place", tip, f"place-{i}")
    for i, count in enumerate(doc.counts):
        parts = [count.text, str(count.value), count.unit or "", count.item]
        add(count.span, "count", SEPARATOR.join(part for part in parts if part), f"count-{i}")
    for i, amount in enumerate(doc.amounts):
        add(amount.span, "amount", f"{amount.text}{SEPARATOR}{_number(amount.value)} {amount.currency}", f"amount-{i}")
    for i, slogan in enumerate(doc.slogans):
        add(slogan.span, "slogan", f"“{slogan.text}”", f"slogan-{i}")
    for i, date in enumerate(doc.dates):
        add(date.span, "date", f"{date.text}{SEPARATOR}{date.date or 'unresolved'}", f"date-{i}")
    return sorted(set(found))


def nest(marks: Iterable[Mark]) -> list[Mark]:
    """The marks cut so that no two cross, in document order (outer before inner).

    A mark that starts inside another and ends after it is cut at that end; the rest
    goes back into the queue and is placed like any other mark, so the result is the
    same whatever order the marks came in.
    """
    queue = list(marks)
    heapq.heapify(queue)
    placed: list[Mark] = []
    open_marks: list[Mark] = []
    while queue:
        mark = heapq.heappop(queue)
        while open_marks and open_marks[-1].end <= mark.start:
            open_marks.pop()
        if open_marks and mark.end > open_marks[-1].end:
            cut = open_marks[-1].end
            heapq.heappush(queue, mark.part(cut, mark.end))
            mark = mark.part(mark.start, cut)
        placed.append(mark)
        open_marks.append(mark)
    return placed


def highlight(text: str, marks: Iterable[Mark]) -> str:
    """``text`` escaped, with a ``<mark>`` element around each (nested) mark."""
    out: list[str] = []
    pos = 0
    open_marks: list[Mark] = []

    def close_until(limit: int) -> None:
        nonlocal pos
        while open_marks and open_marks[-1].end <= limit:
            top = open_marks.pop()
            out.append(_esc(text[pos:top.end]))
            out.append("</mark>")
            pos = top.end

    for mark in nest(marks):
        close_until(mark.start)
        out.append(_esc(text[pos:mark.start]))
        pos = mark.start
        out.append(f'<mark class="hl hl-{mark.kind}" data-ref="{_esc(mark.ref)}" title="{_esc(mark.tip)}">')
        open_marks.append(mark)
    close_until(len(text))
    out.append(_esc(text[pos:]))
    return "".join(out)


# ---------------------------------------------------------------- page

_CSS = """
*{box-sizing:border-box}
body{margin:0;padding:16px 20px;font:15px/1.6 "Noto Sans CJK SC","Source Han Sans SC","WenQuanYi Micro Hei",
 "PingFang SC","Microsoft YaHei",sans-serif;color:#1f2328;background:#f6f7f9}
header h1{font-size:20px;margin:0 0 4px}
header .meta{color:#57606a;font-size:13px;margin:0 0 10px}
header .meta span+span::before{content:" · "}
.legend{display:flex;flex-wrap:wrap;gap:6px 10px;margin:0 0 14px;padding:0;list-style:none;font-size:13px}
.legend li{padding:1px 8px;border-radius:3px}
.layout{display:grid;grid-template-columns:minmax(0,1fr) minmax(0,1fr);gap:20px;align-items:start}
.article{white-space:pre-wrap;background:#fff;border:1px solid #d0d7de;border-radius:6px;padding:14px 18px;
 line-height:2;font-size:16px}
.tables section{background:#fff;border:1px solid #d0d7de;border-radius:6px;padding:8px 12px;margin:0 0 12px}
.tables h2{font-size:15px;margin:0 0 6px}
.tables h2 .n{color:#57606a;font-weight:normal}
table{border-collapse:collapse;width:100%;font-size:13px}
th,td{text-align:left;padding:2px 8px 2px 0;border-bottom:1px solid #eaeef2;vertical-align:top}
th{color:#57606a;font-weight:600}
td{white-space:nowrap}
td.wrap{white-space:normal}
td.num{font-variant-numeric:tabular-nums}
.id{color:#57606a;font-size:12px}
.none{color:#8c959f;font-size:13px;margin:0}
mark.hl{color:inherit;border-radius:2px;padding:1px 0}
mark.hl mark.hl{padding:0}
mark.hl-official{font-weight:700}
a{color:#0969da}
@media (max-width:900px){.layout{grid-template-columns:1fr}}
"""


def _kind_css() -> str:
    return "".join(f".hl-{kind},.legend .lg-{kind}{{background:{background};box-shadow:inset 0 -2px 0 {line}}}\n"
                   for kind, _label, background, line in KINDS)


def _table(section: str, heading: str, columns: Sequence[str], rows: list[tuple[str, list[str]]],
           numeric: Sequence[int] = (), wrap: Sequence[int] = (), records: Optional[int] = None) -> str:
    """A titled table; ``rows`` are (row id, already escaped cells); the heading counts ``records`` (default: rows).

    Cells do not wrap, except in the ``wrap`` columns; ``numeric`` columns get tabular figures.
    """
    head = f'<h2>{_esc(heading)} <span class="n">({len(rows) if records is None else records})</span></h2>'
    if not rows:
        return f'<section id="{section}">{head}<p class="none">none found</p></section>'
    header = "".join(f"<th>{_esc(column)}</th>" for column in columns)
    body = []
    for row_id, cells in rows:
        tds = "".join(_td(cell, ("num",) * (i in numeric) + ("wrap",) * (i in wrap)) for i, cell in enumerate(cells))
        body.append(f'<tr id="{_esc(row_id)}">{tds}</tr>')
    table = f'<table><thead><tr>{header}</tr></thead><tbody>{"".join(body)}</tbody></table>'
    return f'<section id="{section}">{head}{table}</section>'


def _td(cell: str, classes: Sequence[str]) -> str:
    return f'<td class="{" ".join(classes)}">{cell}</td>' if classes else f"<td>{cell}</td>"


def _titles_cell(titles: Sequence[Title]) -> str:
    return " / ".join(f'<span title="{_esc(_title_parse(title))}">{_esc(title.text)}</span>' for title in titles)


def _group_slogans(doc: Document) -> dict[str, list[int]]:
    """Slogan text → the indexes of its records, in order of first appearance (one table row per text)."""
    groups: dict[str, list[int]] = {}
    for i, slogan in enumerate(doc.slogans):
        groups.setdefault(slogan.text, []).append(i)
    return groups


def _tables(doc: Document) -> str:
    officials = sorted(enumerate(doc.officials), key=lambda item: (item[1].first_mention_order, item[0]))
    sections = [
        _table("officials", "Officials 人物", ("#", "name", "titles", "roles", "mentions"), [
            (f"official-{i}", [_esc(o.first_mention_order), _esc(o.name), _titles_cell(o.titles),
                               _esc(", ".join(o.roles)), _esc(len(o.mentions))])
            for i, o in officials], numeric=(0, 4), wrap=(2, 3)),
        _table("places", "Places 地名", ("name", "canonical name", "adcode", "level", "mentions"), [
            (f"place-{i}", [_esc(p.name), _esc(p.canonical_name or NO_VALUE), _esc(_place_code(p) or NO_VALUE),
                            _esc(p.level or NO_VALUE), _esc(len(p.mentions))])
            for i, p in enumerate(doc.places)], numeric=(2, 4), wrap=(2,)),
        _table("counts", "Counts 数量", ("text", "value", "unit", "item"), [
            (f"count-{i}", [_esc(c.text), _esc(c.value), _esc(c.unit or NO_VALUE), _esc(c.item)])
            for i, c in enumerate(doc.counts)], numeric=(1,), wrap=(0, 3)),
        _table("amounts", "Amounts 金额", ("text", "value", "currency"), [
            (f"amount-{i}", [_esc(a.text), _esc(_number(a.value)), _esc(a.currency)])
            for i, a in enumerate(doc.amounts)], numeric=(1,), wrap=(0,)),
        _table("slogans", "Slogans 口号", ("slogan", "times", "at"), [
            (f"slogan-{indexes[0]}", [_esc(text), _esc(len(indexes)),
                                     _esc(", ".join(str(doc.slogans[i].span.start) for i in indexes))])
            for text, indexes in _group_slogans(doc).items()], numeric=(1, 2), wrap=(0, 2),
            records=len(doc.slogans)),
        _table("dates", "Dates 日期", ("text", "date"), [
            (f"date-{i}", [_esc(d.text), _esc(d.date or "unresolved")]) for i, d in enumerate(doc.dates)]),
        _table("authors", "Authors 作者", ("name", "role"), [
            (f"author-{i}", [_esc(a.name), _esc(a.role)]) for i, a in enumerate(doc.authors)]),
    ]
    return "".join(sections)


def _legend(marks: Sequence[Mark]) -> str:
    shown = {kind: 0 for kind, *_rest in KINDS}
    for mark in marks:
        shown[mark.kind] += 1
    items = "".join(f'<li class="lg-{kind}" title="{shown[kind]} highlighted">{_esc(label)} '
                    f'<span class="n">{shown[kind]}</span></li>' for kind, label, *_rest in KINDS)
    return f'<ul class="legend" aria-label="legend">{items}</ul>'


def _page(title: str, body: str) -> str:
    return ("<!DOCTYPE html>\n"
            '<html lang="zh-CN">\n<head>\n<meta charset="utf-8">\n'
            '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
            f"<title>{_esc(title)}</title>\n<style>{_CSS}{_kind_css()}</style>\n</head>\n"
            f"<body>\n{body}\n</body>\n</html>\n")


def _page_title(doc: Document) -> str:
    return doc.title or doc.id or "article"


def render_html(doc: Document) -> str:
    """One self-contained HTML page showing ``doc.text`` with every record highlighted."""
    marks = collect_marks(doc)
    meta = [("source", doc.source), ("published", doc.published_at), ("id", doc.id)]
    meta_html = "".join(f"<span>{_esc(label)}: {_esc(value)}</span>" for label, value in meta if value)
    meta_html += f"<span>{len(doc.text)} characters</span>"
    body = (f'<header><h1>{_esc(_page_title(doc))}</h1><p class="meta">{meta_html}</p>'
            f"{_legend(marks)}</header>\n"
            f'<main class="layout"><article class="article">{highlight(doc.text, marks)}</article>\n'
            f'<aside class="tables">{_tables(doc)}</aside></main>')
    return _page(f"{_page_title(doc)} — govnews_nlp", body)


# ---------------------------------------------------------------- many pages


class Page(NamedTuple):
    """One written page of a batch, with what the index shows of its document."""

    path: Path
    title: str
    id: Optional[str]
    source: Optional[str]
    published_at: Optional[str]
    records: tuple[int, ...]  # number of records per INDEX_FIELDS

    @classmethod
    def of(cls, path: Path, doc: Document) -> "Page":
        return cls(path, _page_title(doc), doc.id, doc.source, doc.published_at,
                   tuple(len(getattr(doc, field)) for field in INDEX_FIELDS))


INDEX_FIELDS = ("officials", "places", "counts", "amounts", "slogans", "dates")


def page_name(index: int, doc: Document) -> str:
    """``0003-tongzhou.html``: the position in the batch, then the document id made safe for a file name."""
    stem = Path(doc.id).stem if doc.id else ""
    stem = UNSAFE_FILENAME_CHARS.sub("_", stem).strip("._")[:60]
    return f"{index:04d}-{stem}.html" if stem else f"{index:04d}.html"


def render_index(pages: Sequence[Page], directory: Union[str, Path]) -> str:
    """The index page of a batch: one row per document, linking to its page."""
    directory = Path(directory)
    rows = []
    for number, page in enumerate(pages):
        href = quote(page.path.relative_to(directory).as_posix())
        link = f'<a href="{_esc(href)}">{_esc(page.title)}</a>'
        if page.id and page.id != page.title:
            link += f'<br><span class="id">{_esc(page.id)}</span>'
        cells = [_esc(number), link, _esc(page.source or NO_VALUE),
                 _esc(page.published_at or NO_VALUE), *(_esc(n) for n in page.records)]
        rows.append((f"doc-{number}", cells))
    first_count = 4
    table = _table("documents", "Documents", ("#", "document", "source", "published", *INDEX_FIELDS), rows,
                   numeric=(0, *range(first_count, first_count + len(INDEX_FIELDS))), wrap=(1, 2))
    body = f'<header><h1>govnews_nlp: {len(pages)} document(s)</h1></header>\n<main class="tables">{table}</main>'
    return _page("govnews_nlp batch", body)


def read_jsonl(lines: Iterable[str], on_error: Callable[[int, str], None]) -> Iterator[Document]:
    """The documents of JSON Lines written by ``govnews-nlp extract``, one at a time.

    A line that is not a document is passed to ``on_error(line_number, message)`` and skipped.
    """
    for number, line in enumerate(lines, 1):
        if not line.strip():
            continue
        try:
            yield Document.model_validate_json(line)
        except ValidationError as exc:
            on_error(number, f"not a document ({exc.error_count()} error(s), first: {exc.errors()[0]['msg']})")


def write_pages(docs: Iterable[Document], directory: Union[str, Path]) -> list[Page]:
    """Write one page per document and ``index.html`` into ``directory`` (created if needed).

    Documents are rendered one at a time and only their index rows are kept, so ``docs`` can be a long stream.
    """
    directory = Path(directory)
    directory.mkdir(parents=True, exist_ok=True)
    pages = []
    for index, doc in enumerate(docs):
        path = directory / page_name(index, doc)
        path.write_text(render_html(doc), encoding="utf-8")
        pages.append(Page.of(path, doc))
    (directory / "index.html").write_text(render_index(pages, directory), encoding="utf-8")
    return pages
