"""Reading a corpus as a stream of records: JSON Lines, CSV, directories of .txt/.html, gzip or not.

* JSON Lines (``.jsonl``, ``.ndjson``; ``-`` is standard input): one object per line with
  ``id`` and ``text``, optional ``published_at``, ``source`` and ``title``. A line without
  ``id`` gets its location as id (``articles.jsonl:17``).
* CSV (``.csv``, ``.tsv``) with a header row; the text is in ``text_column``, the id in
  ``id_column`` (the location when the file has no such column).
* A directory: every ``.txt``, ``.htm`` and ``.html`` file under it, names sorted, with
  its path relative to the directory as id; a single such file is read the same way.

Any of them may be gzip-compressed (recognised by its content, not its name). Nothing is
held whole in memory. Every record comes out as an :class:`Article`, or as a
:class:`Rejected` with one of :data:`REASONS` and a detail, never as an exception: one bad
line does not stop the reading.

>>> article_from_mapping({"id": 7, "text": "区长主持会议"}, "a.jsonl:1").id
'7'
>>> article_from_mapping({"id": "x", "text": ["区长"]}, "a.jsonl:2").reason
'wrong-type'
"""
from __future__ import annotations

import csv
import gzip
import io
import json
import os
import sys
from datetime import date, datetime
from pathlib import Path
from typing import IO, Any, Iterator, NamedTuple, Optional, Sequence, Union

from .errors import InputError

DEFAULT_MAX_CHARS = 2_000_000  # the same default as cleaning.DEFAULT_MAX_CHARS (not imported: keeps import light)

# Why a record failed: the ``reason`` of every error record.
BAD_JSON = "bad-json"  # the line is not JSON
BAD_CSV = "bad-csv"  # the CSV row cannot be parsed
BAD_ENCODING = "bad-encoding"  # bytes that are not UTF-8 (JSON, CSV) or not UTF-8/GB18030/Big5 (files)
WRONG_TYPE = "wrong-type"  # not an object, or id/text/title/source/published_at of the wrong type
MISSING_FIELD = "missing-field"  # no text field or column
EMPTY_TEXT = "empty-text"  # empty or whitespace-only text, or nothing left after cleaning
TOO_LARGE = "too-large"  # more characters than max_chars (or a line far too long to hold one)
DUPLICATE_ID = "duplicate-id"  # an id already seen earlier in the input
UNREADABLE = "unreadable"  # a file of a directory that cannot be read
INVALID_INPUT = "invalid-input"  # rejected by the pipeline (InputError)
EXTRACTION_FAILED = "extraction-failed"  # an unexpected exception in an extractor (a bug: please report)
WORKER_DIED = "worker-died"  # the worker process died on this record, twice (a crash or out of memory)
TIMEOUT = "timeout"  # the record took longer than the time limit (the worker was stopped)
REASONS = (BAD_JSON, BAD_CSV, BAD_ENCODING, WRONG_TYPE, MISSING_FIELD, EMPTY_TEXT, TOO_LARGE, DUPLICATE_ID, UNREADABLE,
           INVALID_INPUT, EXTRACTION_FAILED, WORKER_DIED, TIMEOUT)

FILE_SUFFIXES = (".txt", ".htm", ".html")
JSONL_SUFFIXES = (".jsonl", ".ndjson")
CSV_SUFFIXES = (".csv", ".tsv")
OPTIONAL_FIELDS = ("published_at", "source", "title")

# --- input records ------------------------------------------------------------------------

class Article(NamedTuple):
    """One input record to extract."""

    id: str
    text: Union[str, bytes]
    where: str
    published_at: Optional[str] = None
    source: Optional[str] = None
    title: Optional[str] = None


class Rejected(NamedTuple):
    """One input record that cannot be extracted, with the reason."""

    id: str
    where: str
    reason: str
    detail: str


Item = Union[Article, Rejected]


def _byte_limit(max_chars: Optional[int]) -> Optional[int]:
    # a JSON line may spell each character as a 6-byte \uXXXX escape
    return None if max_chars is None else 6 * max_chars + 65_536


def _open_maybe_gzip(path: Path) -> IO[bytes]:
    raw = open(path, "rb")
    try:
        magic = raw.peek(2)[:2] if hasattr(raw, "peek") else b""
    except OSError:
        magic = b""
    if magic == b"\x1f\x8b":
        return gzip.GzipFile(fileobj=raw, mode="rb")  # type: ignore[return-value]
    return raw


def _stem_suffix(path: Path) -> str:
    name = path.name.lower()
    if name.endswith(".gz"):
        name = name[:-3]
    return os.path.splitext(name)[1]


def input_kind(name: str) -> str:
    """``jsonl``, ``csv``, ``directory`` or ``file`` for an input path (``-`` is JSON Lines on stdin)."""
    if name == "-":
        return "jsonl"
    path = Path(name)
    if path.is_dir():
        return "directory"
    suffix = _stem_suffix(path)
    if suffix in JSONL_SUFFIXES:
        return "jsonl"
    if suffix in CSV_SUFFIXES:
        return "csv"
    if suffix in FILE_SUFFIXES:
        return "file"
    raise ValueError(f"{name}: cannot tell the format from the name; use .jsonl, .csv, .tsv, .txt, .html "
                     "(optionally .gz) or a directory")


def iter_inputs(names: Sequence[str], *, text_column: str = "text", id_column: str = "id",
                max_chars: Optional[int] = DEFAULT_MAX_CHARS) -> Iterator[Item]:
    """Every record of the inputs in order, as :class:`Article` or :class:`Rejected`, streamed."""
    for name in names:
        kind = input_kind(name)
        if kind == "directory":
            yield from _read_directory(Path(name), max_chars)
        elif kind == "file":
            yield _read_file(Path(name), name, max_chars)
        elif name == "-":
            yield from _read_jsonl(sys.stdin.buffer, "-", max_chars)
        else:
            with _open_maybe_gzip(Path(name)) as stream:
                if kind == "jsonl":
                    yield from _read_jsonl(stream, name, max_chars)
                else:
                    delimiter = "\t" if _stem_suffix(Path(name)) == ".tsv" else ","
                    yield from _read_csv(stream, name, text_column, id_column, delimiter, max_chars)


def _json_type(value: Any) -> str:
    return {dict: "object", list: "array", str: "string", bool: "boolean", type(None): "null",
            int: "number", float: "number"}.get(type(value), type(value).__name__)


def _not_encodable(value: str) -> bool:
    try:
        value.encode("utf-8")
    except UnicodeEncodeError:
        return True
    return False


def article_from_mapping(record: Any, where: str, max_chars: Optional[int] = DEFAULT_MAX_CHARS) -> Item:
    """Check one ``{"id", "text", ...}`` record: an :class:`Article`, or :class:`Rejected` saying why not."""
    if not isinstance(record, dict):
        return Rejected(where, where, WRONG_TYPE, f"expected a JSON object, got {_json_type(record)}")
    raw_id = record.get("id")
    if raw_id is None:
        doc_id = where
    elif isinstance(raw_id, str) and raw_id and not _not_encodable(raw_id):
        doc_id = raw_id
    elif isinstance(raw_id, int) and not isinstance(raw_id, bool):
        doc_id = str(raw_id)
    else:
        return Rejected(where, where, WRONG_TYPE, f"id must be a non-empty string or an integer, got {_json_type(raw_id)}")
    if "text" not in record:
        return Rejected(doc_id, where, MISSING_FIELD, "no text field")
    text = record["text"]
    if not isinstance(text, str):
        return Rejected(doc_id, where, WRONG_TYPE, f"text must be a string, got {_json_type(text)}")
    extras = {}
    for name in OPTIONAL_FIELDS:
        value = record.get(name)
        if name == "published_at" and isinstance(value, (date, datetime)):  # from Spark, pandas, a database
            value = value.isoformat()
        if value is not None and not isinstance(value, str):
            return Rejected(doc_id, where, WRONG_TYPE, f"{name} must be a string or null, got {_json_type(value)}")
        if value is not None and _not_encodable(value):
            return Rejected(doc_id, where, BAD_ENCODING, f"{name} holds a lone surrogate (\\ud800-\\udfff)")
        extras[name] = value
    return _checked_text(doc_id, text, where, max_chars, **extras)


def _checked_text(doc_id: str, text: str, where: str, max_chars: Optional[int], **extras) -> Item:
    if max_chars is not None and len(text) > max_chars:
        return Rejected(doc_id, where, TOO_LARGE, f"the text has {len(text):,} characters, more than the limit of {max_chars:,}")
    if not text.strip():
        return Rejected(doc_id, where, EMPTY_TEXT, "the text is empty or whitespace only")
    if _not_encodable(text):
        return Rejected(doc_id, where, BAD_ENCODING, "the text holds a lone surrogate (\\ud800-\\udfff) or undecodable bytes")
    return Article(doc_id, text, where, **extras)


def _cut_off(name: str, number: int, exc: BaseException) -> Rejected:
    where = f"{name}:{number}"
    return Rejected(where, where, UNREADABLE, f"the file cannot be read from here on ({type(exc).__name__}: {exc})")


def _skip_rest_of_line(stream: IO[bytes], block: int = 1 << 20) -> int:
    skipped = 0
    while True:
        piece = stream.readline(block)
        skipped += len(piece)
        if not piece or piece.endswith(b"\n"):
            return skipped


def _read_jsonl(stream: IO[bytes], name: str, max_chars: Optional[int]) -> Iterator[Item]:
    limit = _byte_limit(max_chars)
    number = 0
    while True:
        try:
            line = stream.readline(limit + 1) if limit is not None else stream.readline()
        except (OSError, EOFError) as exc:  # a cut-off or corrupt .gz: what follows is lost, say so
            yield _cut_off(name, number + 1, exc)
            return
        if not line:
            return
        number += 1
        where = f"{name}:{number}"
        if limit is not None and len(line) > limit and not line.endswith(b"\n"):
            try:
                size = len(line) + _skip_rest_of_line(stream)
            except (OSError, EOFError) as exc:
                yield _cut_off(name, number, exc)
                return
            yield Rejected(where, where, TOO_LARGE, f"a line of {size:,} bytes, too long for a text of at most "
                                                    f"{max_chars:,} characters")
            continue
        if not line.strip():
            continue  # blank lines hold no record
        try:
            decoded = line.decode("utf-8")
        except UnicodeDecodeError as exc:
            yield Rejected(where, where, BAD_ENCODING, f"the line is not UTF-8 ({exc.reason} at byte {exc.start})")
            continue
        try:
            record = json.loads(decoded)
        except (ValueError, RecursionError) as exc:  # JSONDecodeError, a number too long, [[[[... too deep
            message = (f"{exc.msg} at column {exc.colno}" if isinstance(exc, json.JSONDecodeError)
                       else "nested too deeply" if isinstance(exc, RecursionError) else str(exc))
            yield Rejected(where, where, BAD_JSON, f"not a JSON line: {message}")
            continue
        yield article_from_mapping(record, where, max_chars)


def _read_csv(stream: IO[bytes], name: str, text_column: str, id_column: str, delimiter: str,
              max_chars: Optional[int]) -> Iterator[Item]:
    if max_chars is not None and csv.field_size_limit() < max_chars + 1:
        csv.field_size_limit(max_chars + 1)  # a longer field raises csv.Error, reported as too large
    # surrogateescape keeps going past undecodable bytes; the field holding them is rejected
    text_stream = io.TextIOWrapper(stream, encoding="utf-8-sig", errors="surrogateescape", newline="")
    reader = csv.reader(text_stream, delimiter=delimiter)
    try:
        header = next(reader)
    except StopIteration:
        return
    if text_column not in header:
        raise ValueError(f"{name}: no column {text_column!r} (columns: {', '.join(header)}); use --text-column")
    text_at = header.index(text_column)
    id_at = header.index(id_column) if id_column in header else None
    extra_at = {name_: header.index(name_) for name_ in OPTIONAL_FIELDS if name_ in header}
    while True:
        start_line = reader.line_num + 1
        try:
            row = next(reader)
        except StopIteration:
            return
        except (OSError, EOFError) as exc:
            yield _cut_off(name, start_line, exc)
            return
        except csv.Error as exc:
            where = f"{name}:{start_line}"
            reason = TOO_LARGE if "field larger" in str(exc) else BAD_CSV
            yield Rejected(where, where, reason, f"unreadable CSV row: {exc}")
            continue
        where = f"{name}:{start_line}"
        if not row:
            continue
        doc_id = row[id_at] if id_at is not None and id_at < len(row) and row[id_at] else where
        if _not_encodable(doc_id):
            yield Rejected(where, where, BAD_ENCODING, "the id is not UTF-8")
            continue
        if text_at >= len(row):
            yield Rejected(doc_id, where, MISSING_FIELD, f"the row has {len(row)} fields, no {text_column!r}")
            continue
        extras = {key: (row[at] or None) if at < len(row) else None for key, at in extra_at.items()}
        if any(value is not None and _not_encodable(value) for value in extras.values()):
            yield Rejected(doc_id, where, BAD_ENCODING, "a field is not UTF-8")
            continue
        yield _checked_text(doc_id, row[text_at], where, max_chars, **extras)


def _read_directory(root: Path, max_chars: Optional[int]) -> Iterator[Item]:
    """Depth first, each folder's entries sorted by name (a subfolder where its name sorts)."""
    stack = [iter(_sorted_entries(root))]
    while stack:
        entry = next(stack[-1], None)
        if entry is None:
            stack.pop()
            continue
        path = Path(entry.path)
        relative = path.relative_to(root).as_posix()
        if entry.is_dir():
            try:
                stack.append(iter(_sorted_entries(path)))
            except OSError as exc:  # its files are unknown: say so rather than skip them silently
                yield Rejected(relative + "/", str(path), UNREADABLE, f"cannot list the folder: {exc}")
        elif _stem_suffix(path) in FILE_SUFFIXES:
            yield _read_file(path, relative, max_chars)


def _sorted_entries(folder: Path) -> list:
    with os.scandir(folder) as entries:
        return sorted(entries, key=lambda entry: entry.name)


def _read_file(path: Path, doc_id: str, max_chars: Optional[int]) -> Item:
    from .cleaning import decode

    limit = _byte_limit(max_chars)
    try:
        with _open_maybe_gzip(path) as stream:
            data = stream.read(limit + 1) if limit is not None else stream.read()
    except (OSError, EOFError) as exc:
        return Rejected(doc_id, str(path), UNREADABLE, f"{type(exc).__name__}: {exc}")
    if limit is not None and len(data) > limit:
        return Rejected(doc_id, str(path), TOO_LARGE, f"more than {limit:,} bytes")
    try:
        text = decode(data)
    except InputError as exc:
        return Rejected(doc_id, str(path), BAD_ENCODING, str(exc))
    return _checked_text(doc_id, text, str(path), max_chars)
