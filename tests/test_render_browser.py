"""The rendered page opened in a real browser: headless Chromium dumps the DOM it built and a screenshot.

.ci/run installs Debian's ``chromium``; these tests skip only when no chromium binary is found.
"""
import shutil
import struct
import subprocess

import pytest

from govnews_nlp import render_html
from govnews_nlp.records import Document, Official, Slogan, Span
from tests.render_support import SEED_OFFICIAL_NAMES, PageParser, seed_document

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")

pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(CHROMIUM is None, reason="chromium is not installed (Debian: apt-get install chromium; "
                                                 ".ci/run installs it when apt-get is available)"),
]

FLAGS = ("--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
         "--disable-component-update", "--disable-sync", "--no-first-run", "--hide-scrollbars")
WINDOW = (1280, 2000)
SEED_KINDS = {"official", "title", "author", "place", "count", "slogan", "date"}  # the seed has no amount


def chromium(tmp_path, *args: str) -> str:
    command = [CHROMIUM, *FLAGS, f"--user-data-dir={tmp_path / 'profile'}", *args]
    result = subprocess.run(command, capture_output=True, text=True, encoding="utf-8", timeout=180)
    assert result.returncode == 0, f"{' '.join(command)} failed:\n{result.stderr[-3000:]}"
    return result.stdout


def open_page(page: str, tmp_path) -> tuple[PageParser, bytes]:
    """The DOM Chromium built from ``page``, and its screenshot (PNG bytes)."""
    path = tmp_path / "page.html"
    path.write_text(page, encoding="utf-8")
    dom = chromium(tmp_path, "--dump-dom", path.as_uri())
    png = tmp_path / "page.png"
    chromium(tmp_path, f"--screenshot={png}", f"--window-size={WINDOW[0]},{WINDOW[1]}", path.as_uri())
    return PageParser(dom), png.read_bytes()


def png_size(data: bytes) -> tuple[int, int]:
    assert data[:8] == b"\x89PNG\r\n\x1a\n" and data[12:16] == b"IHDR"
    return struct.unpack(">II", data[16:24])


def assert_seed_page(dom: PageParser, png: bytes, text: str) -> None:
    official_rows = [cells[1] for row_id, cells in dom.rows.items() if row_id.startswith("official-")]
    assert official_rows == list(SEED_OFFICIAL_NAMES)
    highlighted_names = {mark["text"] for mark in dom.marks if mark["kind"] == "official"}
    assert highlighted_names == set(SEED_OFFICIAL_NAMES)
    assert {mark["kind"] for mark in dom.marks} >= SEED_KINDS
    assert dom.article == text
    assert png_size(png) == WINDOW
    assert len(png) > 40_000  # a page of highlighted text, not a blank or an error page


def test_seed_article_through_the_pipeline(tmp_path, seed_doc):
    """The real pipeline on the seed article: needs the officials, places, counts and dates stages."""
    dom, png = open_page(render_html(seed_doc), tmp_path)
    assert_seed_page(dom, png, seed_doc.text)


def test_seed_article_with_hand_built_records(tmp_path, seed_raw):
    doc = seed_document(seed_raw)
    dom, png = open_page(render_html(doc), tmp_path)
    assert_seed_page(dom, png, doc.text)
    tips = {mark["text"]: mark["title"] for mark in dom.marks if mark["kind"] == "official"}
    assert tips["张建华"] == "张建华 · 市委常委 / 区委书记 · 出席, 强调, 指出"


def test_script_in_the_article_stays_text_in_the_browser(tmp_path):
    text = '张三说<script>alert(1)</script>"onmouseover=alert(2) x="<img src=x onerror=alert(3)>'
    doc = Document(text=text, officials=[Official(name="张三", mentions=[Span.of(0, 2)])],
                   slogans=[Slogan(text='"onmouseover=alert(2) x="', span=Span.of(28, 53))])
    assert doc.text[28:53] == doc.slogans[0].text
    dom, _png = open_page(render_html(doc), tmp_path)
    assert dom.article == text
    assert not [tag for tag, _attrs in dom.tags if tag in ("script", "img")]
    assert not [name for _tag, attrs in dom.tags for name in attrs if name.startswith("on")]
