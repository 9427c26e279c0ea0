"""SQLite output of a batch run: one tidy table per record type, keyed by document id.

Every table has ``doc_id`` (the input id) and ``idx`` (the record's order in its document);
character offsets are ``span_start``/``span_end`` into ``documents.text``. ``seq`` is the
input position, so ``ORDER BY seq`` gives the input order. Lists that have no table of their
own (an official's roles, a place's candidate codes) are JSON arrays, readable with SQLite's
``json_each``.

>>> import sqlite3
>>> con = sqlite3.connect(":memory:")
>>> create_tables(con)
>>> [row[0] for row in con.execute("SELECT name FROM sqlite_master WHERE type='table' ORDER BY name")][:3]
['amounts', 'authors', 'counts']
"""
from __future__ import annotations

import json
import sqlite3
from collections import Counter
from pathlib import Path
from typing import Optional, Union

from .errors import MissingExtraError

# table -> [(column, SQL type)]; the SQL schema and the Parquet schema are both built from this.
TABLES: dict[str, list[tuple[str, str]]] = {
    "documents": [("doc_id", "TEXT"), ("seq", "INTEGER"), ("title", "TEXT"), ("source", "TEXT"),
                  ("published_at", "TEXT"), ("n_chars", "INTEGER"), ("text", "TEXT")],
    "authors": [("doc_id", "TEXT"), ("idx", "INTEGER"), ("name", "TEXT"), ("role", "TEXT"),
                ("span_start", "INTEGER"), ("span_end", "INTEGER")],
    "officials": [("doc_id", "TEXT"), ("idx", "INTEGER"), ("name", "TEXT"), ("first_mention_order", "INTEGER"),
                  ("roles", "TEXT"), ("n_mentions", "INTEGER"), ("span_start", "INTEGER"), ("span_end", "INTEGER"),
                  ("source", "TEXT")],
    "titles": [("doc_id", "TEXT"), ("official_idx", "INTEGER"), ("idx", "INTEGER"), ("official_name", "TEXT"),
               ("text", "TEXT"), ("organ", "TEXT"), ("position", "TEXT"), ("jurisdiction", "TEXT"),
               ("span_start", "INTEGER"), ("span_end", "INTEGER")],
    "places": [("doc_id", "TEXT"), ("idx", "INTEGER"), ("name", "TEXT"), ("canonical_name", "TEXT"),
               ("adcode", "TEXT"), ("level", "TEXT"), ("parent_adcode", "TEXT"), ("candidates", "TEXT"),
               ("n_mentions", "INTEGER"), ("span_start", "INTEGER"), ("span_end", "INTEGER")],
    "counts": [("doc_id", "TEXT"), ("idx", "INTEGER"), ("value", "INTEGER"), ("unit", "TEXT"), ("item", "TEXT"),
               ("text", "TEXT"), ("span_start", "INTEGER"), ("span_end", "INTEGER")],
    "amounts": [("doc_id", "TEXT"), ("idx", "INTEGER"), ("value", "REAL"), ("currency", "TEXT"), ("text", "TEXT"),
                ("span_start", "INTEGER"), ("span_end", "INTEGER")],
    "slogans": [("doc_id", "TEXT"), ("idx", "INTEGER"), ("text", "TEXT"),
                ("span_start", "INTEGER"), ("span_end", "INTEGER")],
    "dates": [("doc_id", "TEXT"), ("idx", "INTEGER"), ("text", "TEXT"), ("date", "TEXT"),
              ("span_start", "INTEGER"), ("span_end", "INTEGER")],
    "errors": [("id", "TEXT"), ("seq", "INTEGER"), ("location", "TEXT"), ("reason", "TEXT"), ("detail", "TEXT")],
}
RECORD_TABLES = ("authors", "officials", "titles", "places", "counts", "amounts", "slogans", "dates")


def create_tables(con: sqlite3.Connection) -> None:
    for table, columns in TABLES.items():
        body = ", ".join(f"{name} {kind}" for name, kind in columns)
        if table == "documents":
            body = body.replace("doc_id TEXT", "doc_id TEXT PRIMARY KEY", 1)
        con.execute(f"CREATE TABLE IF NOT EXISTS {table} ({body})")
    for table in RECORD_TABLES:
        con.execute(f"CREATE INDEX IF NOT EXISTS {table}_doc_id ON {table} (doc_id)")
    con.execute("CREATE INDEX IF NOT EXISTS errors_id ON errors (id)")
    con.commit()


def _span(span: Optional[dict]) -> tuple[Optional[int], Optional[int]]:
    if not span:
        return None, None
    return span.get("start"), span.get("end")


def _json_list(values) -> str:
    return json.dumps(values or [], ensure_ascii=False)


def document_rows(doc: dict, seq: int) -> dict[str, list[tuple]]:
    """The rows of every table for one document (``Document.model_dump(mode="json")``)."""
    doc_id = doc["id"]
    rows: dict[str, list[tuple]] = {table: [] for table in RECORD_TABLES}
    text = doc.get("text") or ""
    rows["documents"] = [(doc_id, seq, doc.get("title"), doc.get("source"), doc.get("published_at"), len(text), text)]
    for i, author in enumerate(doc.get("authors") or ()):
        spans = author.get("spans") or [None]
        rows["authors"].append((doc_id, i, author.get("name"), author.get("role"), *_span(spans[0])))
    for i, official in enumerate(doc.get("officials") or ()):
        mentions = official.get("mentions") or []
        rows["officials"].append((doc_id, i, official.get("name"), official.get("first_mention_order"),
                                  _json_list(official.get("roles")), len(mentions),
                                  *_span(mentions[0] if mentions else None), official.get("source")))
        for j, title in enumerate(official.get("titles") or ()):
            rows["titles"].append((doc_id, i, j, official.get("name"), title.get("text"), title.get("organ"),
                                   title.get("position"), title.get("jurisdiction"), *_span(title.get("span"))))
    for i, place in enumerate(doc.get("places") or ()):
        mentions = place.get("mentions") or []
        rows["places"].append((doc_id, i, place.get("name"), place.get("canonical_name"), place.get("adcode"),
                               place.get("level"), place.get("parent_adcode"), _json_list(place.get("candidates")),
                               len(mentions), *_span(mentions[0] if mentions else None)))
    for i, count in enumerate(doc.get("counts") or ()):
        rows["counts"].append((doc_id, i, count.get("value"), count.get("unit"), count.get("item"), count.get("text"),
                               *_span(count.get("span"))))
    for i, amount in enumerate(doc.get("amounts") or ()):
        rows["amounts"].append((doc_id, i, amount.get("value"), amount.get("currency"), amount.get("text"),
                                *_span(amount.get("span"))))
    for i, slogan in enumerate(doc.get("slogans") or ()):
        rows["slogans"].append((doc_id, i, slogan.get("text"), *_span(slogan.get("span"))))
    for i, date in enumerate(doc.get("dates") or ()):
        rows["dates"].append((doc_id, i, date.get("text"), date.get("date"), *_span(date.get("span"))))
    return rows


class SqliteStore:
    """Writes documents and errors into a SQLite file, one transaction per :meth:`commit`.

    A run that stops before ``commit`` leaves the database as it was at the last commit, so a
    rerun finds exactly the documents that were committed (:meth:`written_ids`).
    """

    def __init__(self, path: Union[str, Path]):
        self.path = Path(path)
        self.con = sqlite3.connect(self.path)
        self.con.execute("PRAGMA journal_mode=WAL")
        self.con.execute("PRAGMA synchronous=NORMAL")
        create_tables(self.con)
        self._inserts = {table: f"INSERT INTO {table} VALUES ({', '.join('?' * len(columns))})"
                         for table, columns in TABLES.items()}
        self._pending: dict[str, list[tuple]] = {table: [] for table in TABLES}

    def written_ids(self) -> tuple[Counter, Counter]:
        """Ids already stored: (documents, errors), each id with how many times it was stored."""
        documents = Counter(row[0] for row in self.con.execute("SELECT doc_id FROM documents"))
        errors = Counter(row[0] for row in self.con.execute("SELECT id FROM errors"))
        return documents, errors

    def add_document(self, doc: dict, seq: int) -> None:
        for table, rows in document_rows(doc, seq).items():
            self._pending[table].extend(rows)

    def add_error(self, error: dict, seq: int) -> None:
        self._pending["errors"].append((error["id"], seq, error.get("where"), error["reason"], error.get("detail")))

    def commit(self) -> None:
        with self.con:  # one transaction: all of it or none of it
            for table, rows in self._pending.items():
                if rows:
                    self.con.executemany(self._inserts[table], rows)
                    rows.clear()

    def close(self) -> None:
        self.con.close()


def export_parquet(db_path: Union[str, Path], directory: Union[str, Path], *, batch_rows: int = 50_000) -> list[Path]:
    """Write every table of a batch database to ``directory/<table>.parquet`` (needs pyarrow)."""
    try:
        import pyarrow as pa
        import pyarrow.parquet as pq
    except ImportError:
        raise MissingExtraError("pyarrow", "parquet") from None
    arrow_types = {"TEXT": pa.string(), "INTEGER": pa.int64(), "REAL": pa.float64()}
    directory = Path(directory)
    directory.mkdir(parents=True, exist_ok=True)
    con = sqlite3.connect(db_path)
    written = []
    try:
        for table, columns in TABLES.items():
            schema = pa.schema([(name, arrow_types[kind]) for name, kind in columns])
            target = directory / f"{table}.parquet"
            cursor = con.execute(f"SELECT {', '.join(name for name, _ in columns)} FROM {table}")
            with pq.ParquetWriter(target, schema) as writer:
                while True:
                    rows = cursor.fetchmany(batch_rows)
                    if not rows:
                        break
                    writer.write_table(pa.Table.from_pylist([dict(zip(schema.names, row)) for row in rows], schema))
            written.append(target)
    finally:
        con.close()
    return written

