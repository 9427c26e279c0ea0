"""HTML input is inert: cleaning is regex-based, so nothing is fetched, executed or expanded.

No HTML/XML parser runs on the input (no lxml, no expat, no DTD processing): tags and
declarations are removed as text, and character references are decoded one at a time by
html.unescape, in a single pass. These tests prove it on hostile pages.
"""
from __future__ import annotations

import socket
import sys

import pytest

import govnews_nlp

# Remote resources of every kind a browser or an XML parser would fetch, and markup that a
# parser would expand (external entities, the "billion laughs" entity bomb).
HOSTILE_PAGE = """<?xml version="1.0"?>
<?xml-stylesheet href="http://127.0.0.1:9/evil.xsl"?>
<!DOCTYPE lolz [
  <!ENTITY xxe SYSTEM "file:///etc/passwd">
  <!ENTITY remote SYSTEM "http://127.0.0.1:9/dtd">
  <!ENTITY lol "lol">
  <!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
  <!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">
]>
<html><head>
<link rel="stylesheet" href="http://127.0.0.1:9/a.css">
<base href="http://127.0.0.1:9/">
<meta http-equiv="refresh" content="0; url=http://127.0.0.1:9/">
<script src="http://127.0.0.1:9/a.js"></script>
<style>@import url("http://127.0.0.1:9/b.css"); body { background: url(http://127.0.0.1:9/c.png) }</style>
</head><body onload="fetch('http://127.0.0.1:9/x')">
<img src="http://127.0.0.1:9/a.png" onerror="alert(1)">
<iframe src="http://127.0.0.1:9/frame"></iframe>
<object data="http://127.0.0.1:9/o.swf"></object><embed src="http://127.0.0.1:9/e.swf">
<svg><image href="http://127.0.0.1:9/s.png"/></svg>
<p>&xxe;&remote;&lol3;市委常委、区委书记张建华出席会议。</p>
<script>document.write('区委副书记王少勇'); new Image().src = 'http://127.0.0.1:9/beacon';</script>
</body></html>"""

FORBIDDEN_AUDIT_EVENTS = (
    "socket.", "urllib.Request", "http.client.", "ftplib.", "smtplib.", "subprocess.Popen", "os.system",
    "os.exec", "os.posix_spawn", "os.spawn", "os.fork", "os.startfile", "webbrowser.open",
)
_recording: list[str] = []
_recording_on = [False]


def _audit(event: str, args) -> None:
    if _recording_on[0] and event.startswith(FORBIDDEN_AUDIT_EVENTS):
        _recording.append(event)


sys.addaudithook(_audit)  # audit hooks cannot be removed; this one records only while switched on


@pytest.fixture
def no_network(monkeypatch):
    def refuse(*args, **kwargs):
        raise AssertionError("govnews_nlp tried to open a network connection")

    govnews_nlp.extract("区委书记张建华出席会议。")  # load lazily built data before the trap is set
    monkeypatch.setattr(socket, "socket", refuse)
    monkeypatch.setattr(socket, "create_connection", refuse)
    monkeypatch.setattr(socket, "getaddrinfo", refuse)
    _recording.clear()
    _recording_on[0] = True
    yield
    _recording_on[0] = False


def test_hostile_page_opens_no_socket_and_runs_nothing(no_network):
    doc = govnews_nlp.extract(HOSTILE_PAGE)
    assert _recording == []
    assert "张建华" in [o.name for o in doc.officials] or "张建华" in doc.text


def test_script_style_and_head_content_is_not_text():
    doc = govnews_nlp.extract(HOSTILE_PAGE)
    for never in ("document.write", "王少勇", "@import", "127.0.0.1", "onerror", "alert", "background"):
        assert never not in doc.text


def test_entity_declarations_are_dropped_not_expanded():
    doc = govnews_nlp.extract(HOSTILE_PAGE)
    assert "lol" not in doc.text.replace("&lol3;", "")
    assert "root:" not in doc.text  # no external entity was read
    assert "<!ENTITY" not in doc.text
    assert len(doc.text) <= len(doc.raw)


@pytest.mark.parametrize("raw, expected", [
    ("<p>&amp;lt;script&amp;gt;</p>", "&lt;script&gt;"),  # one pass: &amp;lt; gives &lt;, never <
    ("<p>&lt;script&gt;alert(1)&lt;/script&gt;</p>", "<script>alert(1)</script>"),  # decoded text stays text
    ("<p>&#x5F20;&#24314;&#x534E;</p>", "张建华"),
    ("<p>a&#0;b&#xD800;c&#x110000;d</p>", "a\ufffdb\ufffdc\ufffdd"),  # invalid code points: U+FFFD
    ("<p>a&#x10FFFF;b&#1;c</p>", "abc"),  # noncharacters and C0 controls: dropped
    ("<p>区委&#13;书记</p>", "区委\n书记"),  # a decoded carriage return is a newline like any other
    ("<p>区委&#99999999;书记</p>", "区委&#99999999;书记"),  # too long to be a reference: kept as written
])
def test_character_references_decode_one_at_a_time(raw, expected):
    assert govnews_nlp.extract(raw).text == expected


@pytest.mark.parametrize("raw, expected", [
    ("<p><![CDATA[区委书记张建华]]></p>", "区委书记张建华"),
    ("<?xml version='1.0'?><p>正文</p>", "正文"),
    ("<!DOCTYPE html><p>正文</p>", "正文"),
    ("<p>正文<!-- 没有结束的注释", "正文 没有结束的注释"),  # an unclosed comment loses its marker, not the text
    ("<p>正文<script>没有结束的脚本", "正文没有结束的脚本"),
    ("<div>" * 1000 + "正文" + "</div>" * 1000, "正文"),
])
def test_markup_edge_cases(raw, expected):
    assert govnews_nlp.extract(raw).text == expected


def test_no_html_or_xml_parser_is_used(monkeypatch):
    """Every HTML/XML parser entry point of the standard library (and lxml, bs4 when installed)
    raises during extraction: cleaning never hands the input to a parser. (Dependencies may
    import these modules, e.g. pkg_resources imports plistlib and so expat; none may run them.)"""
    import html.parser
    import importlib
    import pyexpat
    import xml.parsers.expat

    def refuse(*args, **kwargs):
        raise AssertionError("an HTML/XML parser was called on the input")

    govnews_nlp.extract("区委书记张建华出席会议。")  # lazy loading first: data files are not the input
    monkeypatch.setattr(pyexpat, "ParserCreate", refuse)
    monkeypatch.setattr(xml.parsers.expat, "ParserCreate", refuse)
    monkeypatch.setattr(html.parser.HTMLParser, "feed", refuse)
    for module_name, attributes in (("lxml.etree", ("fromstring", "HTML", "XML", "parse", "XMLParser", "HTMLParser")),
                                    ("lxml.html", ("fromstring", "document_fromstring", "fragment_fromstring")),
                                    ("bs4", ("BeautifulSoup",)), ("html5lib", ("parse",))):
        try:
            module = importlib.import_module(module_name)
        except ImportError:
            continue
        for attribute in attributes:
            if hasattr(module, attribute):
                monkeypatch.setattr(module, attribute, refuse)
    doc = govnews_nlp.extract(HOSTILE_PAGE)
    assert "市委常委" in doc.text
