"""The input contract of docs/input.md: types, encodings, size limit, broken characters."""
from __future__ import annotations

import pytest

import govnews_nlp
from govnews_nlp.cleaning import clean, decode
from govnews_nlp.errors import InputError

SENTENCE = "市委常委、区委书记张建华出席会议并强调，要围绕产业项目早谋划、早部署、早发力。"
TRADITIONAL = "市委常委、區委書記張建華出席會議並強調，要圍繞產業項目早謀劃、早部署、早發力。"


@pytest.mark.parametrize("data", [
    SENTENCE.encode("utf-8"), b"\xef\xbb\xbf" + SENTENCE.encode("utf-8"), SENTENCE.encode("gb18030"),
    SENTENCE.encode("gbk"), SENTENCE.encode("utf-16"), SENTENCE.encode("utf-16-be").join([b"\xfe\xff", b""]),
    SENTENCE.encode("utf-32"), bytearray(SENTENCE.encode("gbk")), memoryview(SENTENCE.encode("utf-8")),
], ids=["utf-8", "utf-8-bom", "gb18030", "gbk", "utf-16", "utf-16-be", "utf-32", "bytearray", "memoryview"])
def test_bytes_decode_to_the_sentence(data):
    assert govnews_nlp.extract(data).text == SENTENCE


def test_big5_decodes_and_is_simplified():
    assert govnews_nlp.extract(TRADITIONAL.encode("big5")).text == SENTENCE


def test_mixed_encodings_decode_line_by_line():
    data = ("来源：通州日报\n" + SENTENCE + "\n").encode("utf-8") + (SENTENCE + "\n").encode("gbk") + TRADITIONAL.encode("big5")
    assert decode(data) == "来源：通州日报\n" + SENTENCE + "\n" + SENTENCE + "\n" + TRADITIONAL


@pytest.mark.parametrize("data, message", [
    (bytes(range(128, 256)) * 3, "not UTF-8 .invalid byte 0x80 at offset 0., nor GB18030, nor Big5"),
    ("Party secretary Zhang Jianhua".encode("utf-16-le"), "UTF-16 without a byte-order mark"),
    (b"\xff\xfe\x00", "UTF-16-LE byte-order mark but are not valid"),
    (b"\xff\xfe" + b"\x00\xe0" * 20, "UTF-16-LE byte-order mark but read as UTF-16-LE they give mostly rare"),
    # Valid GB18030 and valid Big5, but rare characters either way.
    (b"".join(bytes([0xFA, 0x40 + i]) for i in range(40)), "read as GB18030 or Big5 they give mostly rare characters"),
])
def test_undecodable_bytes_name_the_problem(data, message):
    with pytest.raises(InputError, match=message):
        govnews_nlp.extract(data)


@pytest.mark.parametrize("value", [None, 3, 2.5, ["区委书记"], {"text": "区委书记"}, object()])
def test_other_types_are_input_errors(value):
    with pytest.raises(InputError, match="expected str or bytes"):
        govnews_nlp.extract(value)


@pytest.mark.parametrize("raw, expected", [
    ("", ""), (b"", ""), ("   \n\n\t", ""), ("\ufeff\u200b\u3000", ""), ("\x00\x01\x02", ""),
    ("区委\x00书记", "区委书记"),
    ("张\u200b建华", "张建华"),
    ("张\u00ad建\u202e华", "张建华"),
    ("区委\ud800书记", "区委\ufffd书记"),
    ("\udc00\ud800", "\ufffd\ufffd"),
    ("\ud83d\ude00区委", "😀区委"),
    ("区委\r\n书记\r县长\x85镇长\u2028村长\x0c乡长", "区委\n书记\n县长\n镇长\n村长\n乡长"),
    ("\x80\x9f区委", "区委"),
])
def test_broken_characters(raw, expected):
    assert govnews_nlp.extract(raw).text == expected


def test_raw_span_covers_deleted_characters_inside_a_mention():
    raw = "区委书记张\u200b建\x00华出席"
    doc = govnews_nlp.extract(raw)
    at = doc.text.index("张建华")
    span = doc.raw_span(govnews_nlp.Span.of(at, at + 3))
    assert raw[span.start:span.end] == "张\u200b建\x00华"


def test_surrogate_pair_maps_to_both_code_units():
    raw = "\ud83d\ude00区委"
    mapped = clean(raw)
    assert (mapped.starts[0], mapped.ends[0]) == (0, 2)


@pytest.mark.parametrize("keyword", ["id", "published_at", "source", "title"])
def test_metadata_arguments_must_be_strings(keyword):
    with pytest.raises(InputError, match=f"{keyword} must be a str or None, got int"):
        govnews_nlp.extract("区委书记张建华", **{keyword: 2023})


def test_cli_reports_each_bad_file_and_goes_on(tmp_path, capsys):
    from govnews_nlp.cli import main

    good = tmp_path / "good.txt"
    good.write_bytes(SENTENCE.encode("gbk"))
    binary = tmp_path / "binary.dat"
    binary.write_bytes(bytes(range(128, 256)) * 4)
    broken_utf16 = tmp_path / "broken.txt"
    broken_utf16.write_bytes(b"\xff\xfe\x00\xd8")
    status = main(["extract", str(binary), str(good), str(broken_utf16), str(tmp_path / "missing.txt"), "--fields", "text"])
    out, err = capsys.readouterr()
    assert status == 1
    assert out.strip() == '{"text": "' + SENTENCE + '"}'
    assert "binary.dat: the bytes are not UTF-8" in err
    assert "broken.txt: the bytes start with a UTF-16-LE byte-order mark but are not valid" in err
    assert "missing.txt" in err
