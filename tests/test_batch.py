"""Batch runs: every record exactly once, in input order, resumable, the same bytes on any engine.

The extractors change while this is written, so these tests compare runs with each other,
never with fixed extraction results.
"""
import gzip
import json
import multiprocessing
import os
import signal
import sqlite3
import subprocess
import sys
import time

import pytest

import govnews_nlp
from govnews_nlp import batch
from govnews_nlp.cli import main
from govnews_nlp.errors import MissingExtraError
from tests.conftest import SEED_PATH, SHARED

XWLB = SHARED / "corpus" / "news_xwlb_cctv" / "xwlb_local_titles.jsonl"


def _seed_paragraphs():
    raw = SEED_PATH.read_text(encoding="utf-8")
    return [line.strip() for line in raw.splitlines() if sum("\u4e00" <= ch <= "\u9fff" for ch in line) > 20]


def _seed_records(n):
    """n records made of the seed article's paragraphs (real text, distinct ids)."""
    paragraphs = _seed_paragraphs()
    return [{"id": f"seed-{i:04d}", "text": paragraphs[i % len(paragraphs)],
             "published_at": "2023-02-12", "title": f"段落 {i}"} for i in range(n)]


def _xwlb_records(n):
    if not XWLB.exists():
        pytest.skip(f"the 新闻联播 corpus is not at {XWLB}")
    records = []
    with open(XWLB, encoding="utf-8") as handle:
        for line in handle:
            row = json.loads(line)
            records.append({"id": row["id"], "text": row["text"], "title": row["title"], "published_at": row["date"]})
            if len(records) == n:
                break
    return records


def _write_jsonl(path, records):
    with open(path, "w", encoding="utf-8") as handle:
        for record in records:
            handle.write(json.dumps(record, ensure_ascii=False) + "\n")


def _ids(path):
    with open(path, encoding="utf-8") as handle:
        return [json.loads(line)["id"] for line in handle]


def _cli(args, cwd):
    return subprocess.run([sys.executable, "-m", "govnews_nlp.cli", "batch", *args], cwd=cwd,
                          capture_output=True, text=True, timeout=300)


def _count_lines(path):
    try:
        with open(path, "rb") as handle:
            return handle.read().count(b"\n")
    except FileNotFoundError:
        return 0


# --- acceptance: interrupt with SIGINT, rerun, same bytes as one process -----------------------

@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="needs a named pipe (POSIX)")
def test_sigint_then_rerun_gives_every_id_once_and_the_bytes_of_a_single_process_run(tmp_path):
    records = _xwlb_records(300)
    reference, work = tmp_path / "reference", tmp_path / "work"
    reference.mkdir()
    work.mkdir()
    _write_jsonl(reference / "articles.jsonl", records)
    single = _cli(["articles.jsonl", "--out", "documents.jsonl", "--workers", "1", "--quiet"], reference)
    assert single.returncode == 0, single.stderr

    # First run: the input is a named pipe that delivers half the articles and then stalls,
    # so the run is certainly part way when SIGINT arrives.
    os.mkfifo(work / "articles.jsonl")
    command = [sys.executable, "-m", "govnews_nlp.cli", "batch", "articles.jsonl", "--out", "documents.jsonl",
               "--workers", "2"]
    process = subprocess.Popen(command, cwd=work, stderr=subprocess.PIPE, text=True)
    try:
        with open(work / "articles.jsonl", "w", encoding="utf-8") as pipe:
            for record in records[:150]:
                pipe.write(json.dumps(record, ensure_ascii=False) + "\n")
            pipe.flush()
            deadline = time.monotonic() + 120
            while _count_lines(work / "documents.jsonl") < 100 and time.monotonic() < deadline:
                time.sleep(0.1)
            process.send_signal(signal.SIGINT)
            stderr = process.communicate(timeout=120)[1]
    finally:
        if process.poll() is None:
            process.kill()
    assert process.returncode == 130, stderr
    assert "interrupted" in stderr
    written = _ids(work / "documents.jsonl")
    assert 100 <= len(written) < 300
    assert written == [r["id"] for r in records[:len(written)]]

    # The same command again, now over the whole file: it resumes.
    (work / "articles.jsonl").unlink()
    _write_jsonl(work / "articles.jsonl", records)
    rerun = subprocess.run(command, cwd=work, capture_output=True, text=True, timeout=300)
    assert rerun.returncode == 0, rerun.stderr
    assert f"{len(written)} already done" in rerun.stderr
    assert _ids(work / "documents.jsonl") == [r["id"] for r in records]
    assert (work / "documents.jsonl").read_bytes() == (reference / "documents.jsonl").read_bytes()
    assert (work / "documents.errors.jsonl").read_bytes() == b""


def test_a_half_written_last_line_is_dropped_and_the_rerun_completes_the_output(tmp_path):
    source = tmp_path / "in.jsonl"
    _write_jsonl(source, _seed_records(40))
    whole, cut = tmp_path / "whole.jsonl", tmp_path / "cut.jsonl"
    assert batch.run([str(source)], out=whole, workers=1, progress=False).exit_code == 0
    data = whole.read_bytes()
    cut.write_bytes(data[: data.index(b"\n", len(data) // 2) + 25])  # a crash mid-line
    summary = batch.run([str(source)], out=cut, workers=2, progress=False)
    assert summary.exit_code == 0
    assert summary.skipped + summary.documents == 40 and summary.skipped > 5
    assert cut.read_bytes() == data


def test_a_first_sigint_stops_at_a_safe_point_and_keeps_the_output_a_prefix(tmp_path, monkeypatch):
    source = tmp_path / "in.jsonl"
    records = _seed_records(60)
    _write_jsonl(source, records)
    out = tmp_path / "out.jsonl"
    items = batch.iter_inputs([str(source)])

    def interrupting():  # Ctrl-C arrives after 20 records were read
        for count, item in enumerate(items):
            if count == 20:
                os.kill(os.getpid(), signal.SIGINT)
            yield item

    monkeypatch.setattr(batch, "iter_inputs", lambda *args, **kwargs: interrupting())
    summary = batch.run([str(source)], out=out, workers=1, progress=False)
    monkeypatch.undo()
    assert summary.interrupted and summary.exit_code == 130
    written = _ids(out)
    assert len(written) < len(records)
    assert written == [r["id"] for r in records[:len(written)]]
    assert batch.run([str(source)], out=out, workers=1, progress=False).exit_code == 0
    assert _ids(out) == [r["id"] for r in records]


# --- acceptance: broken input ------------------------------------------------------------------

def _broken_lines():
    """(line bytes, reason) of every kind of broken line a crawler produces."""
    huge = json.dumps({"id": "huge", "text": "书记" * 8_400_000}, ensure_ascii=False).encode()  # 50 MB of UTF-8
    return [
        (b'{"id": "cut", "text": "\xe5\x8c\xba\xe5\xa7\x94\xe4\xb9\xa6', batch.BAD_JSON),  # cut mid-record
        (b"\x00\x9f\x92\x96\xff\xfe garbage \x80\x81\x82", batch.BAD_ENCODING),  # binary garbage
        (bytes(b for b in range(256) if b != 0x0A) * 4, batch.BAD_ENCODING),  # no newline in it
        (b"not json at all", batch.BAD_JSON),
        (b'{"id": "n", "text": 12345}', batch.WRONG_TYPE),
        (b'{"id": ["list"], "text": "\xe5\x8c\xba\xe9\x95\xbf"}', batch.WRONG_TYPE),
        (b'{"id": "t", "text": "\xe5\x8c\xba\xe9\x95\xbf", "title": {"a": 1}}', batch.WRONG_TYPE),
        (b'["an", "array"]', batch.WRONG_TYPE),
        (b"[" * 100_000, batch.BAD_JSON),  # nested too deeply for the json module
        (b'{"id": "no-text", "body": "\xe5\x8c\xba\xe9\x95\xbf"}', batch.MISSING_FIELD),
        (b'{"id": "blank", "text": "  \\n\\t "}', batch.EMPTY_TEXT),
        (b'{"id": "surrogate", "text": "\\ud800\xe5\x8c\xba"}', batch.BAD_ENCODING),
        (b'{"id": "tags-only", "text": "<div><p></p></div>"}', batch.EMPTY_TEXT),
        (b'{"id": "seed-0003", "text": "\xe5\x8c\xba\xe9\x95\xbf"}', batch.DUPLICATE_ID),
        (huge, batch.TOO_LARGE),
    ]


def test_a_file_with_ten_percent_broken_lines_keeps_every_good_record_and_explains_every_bad_one(tmp_path):
    good = _seed_records(135)
    broken = _broken_lines()
    lines, expected_reason = [], {}
    for i, record in enumerate(good):
        lines.append(json.dumps(record, ensure_ascii=False).encode())
        if i % 9 == 8 and broken:
            line, reason = broken.pop(0)
            expected_reason[len(lines) + 1] = reason
            lines.append(line)
    assert not broken and len(expected_reason) / len(lines) >= 0.09
    source = tmp_path / "crawl.jsonl"
    source.write_bytes(b"\n".join(lines) + b"\n")

    out = tmp_path / "documents.jsonl"
    assert main(["batch", str(source), "--out", str(out), "--workers", "2", "--quiet"]) == 1
    assert _ids(out) == [r["id"] for r in good]
    errors = [json.loads(line) for line in (tmp_path / "documents.errors.jsonl").read_text(encoding="utf-8").splitlines()]
    by_line = {int(e["where"].rsplit(":", 1)[1]): e for e in errors}
    assert {n: e["reason"] for n, e in by_line.items()} == expected_reason
    assert all(e["detail"] for e in errors)
    assert by_line[min(expected_reason)]["id"] == f"{source}:{min(expected_reason)}"  # no id to salvage: the location
    # the rerun finds nothing left to do and still says that some inputs failed
    errors_file = tmp_path / "documents.errors.jsonl"
    first_errors = errors_file.read_bytes()
    assert main(["batch", str(source), "--out", str(out), "--workers", "2", "--quiet"]) == 1
    assert len(_ids(out)) == len(good) and errors_file.read_bytes() == first_errors
    # without the errors file, a rerun retries exactly the failed records
    errors_file.unlink()
    again = batch.run([str(source)], out=out, workers=1, progress=False)
    assert (again.documents, again.skipped) == (0, len(good))
    assert errors_file.read_bytes() == first_errors


@pytest.mark.skipif(multiprocessing.get_start_method() != "fork", reason="the deadly extractor reaches the workers by fork")
def test_a_record_that_kills_its_worker_is_reported_and_the_run_goes_on(tmp_path, monkeypatch):
    real_extract = batch._extract_item

    def deadly(pipeline, item):  # stands for a crash in a C extension, or the OOM killer
        if item.id == "poison":
            os._exit(3)
        return real_extract(pipeline, item)

    monkeypatch.setattr(batch, "_extract_item", deadly)
    records = _seed_records(80)
    records[37]["id"] = "poison"
    source, clean_source = tmp_path / "in.jsonl", tmp_path / "clean.jsonl"
    _write_jsonl(source, records)
    _write_jsonl(clean_source, [r for r in records if r["id"] != "poison"])
    summary = batch.run([str(source)], out=tmp_path / "out.jsonl", workers=2, progress=False)
    assert (summary.documents, summary.errors, summary.exit_code) == (79, 1, 1)
    errors = [json.loads(line) for line in (tmp_path / "out.errors.jsonl").read_text(encoding="utf-8").splitlines()]
    assert [(e["id"], e["reason"]) for e in errors] == [("poison", batch.WORKER_DIED)]
    batch.run([str(clean_source)], out=tmp_path / "reference.jsonl", workers=2, progress=False)
    assert (tmp_path / "out.jsonl").read_bytes() == (tmp_path / "reference.jsonl").read_bytes()


@pytest.mark.skipif(multiprocessing.get_start_method() != "fork", reason="the stuck extractor reaches the workers by fork")
def test_a_record_that_never_finishes_is_a_timeout_error_and_the_run_goes_on(tmp_path, monkeypatch):
    real_extract = batch._extract_item

    def stuck(pipeline, item):  # stands for catastrophic backtracking on a hostile page
        if item.id == "stuck":
            time.sleep(3600)
        return real_extract(pipeline, item)

    monkeypatch.setattr(batch, "_extract_item", stuck)
    records = _seed_records(40)
    records[5]["id"] = "stuck"
    source = tmp_path / "in.jsonl"
    _write_jsonl(source, records)
    started = time.monotonic()
    summary = batch.run([str(source)], out=tmp_path / "out.jsonl", workers=2, timeout=1.0, progress=False)
    assert time.monotonic() - started < 30
    assert (summary.documents, summary.errors) == (39, 1)
    assert _ids(tmp_path / "out.jsonl") == [r["id"] for r in records if r["id"] != "stuck"]
    error = json.loads((tmp_path / "out.errors.jsonl").read_text(encoding="utf-8"))
    assert (error["id"], error["reason"]) == ("stuck", batch.TIMEOUT)


# --- outputs -----------------------------------------------------------------------------------

def test_sqlite_tables_hold_the_same_records_as_the_json_lines(tmp_path):
    source = tmp_path / "in.jsonl"
    records = _seed_records(30) + [{"id": "empty", "text": ""}]
    _write_jsonl(source, records)
    out, db = tmp_path / "out.jsonl", tmp_path / "results.sqlite"
    summary = batch.run([str(source)], out=out, db=db, workers=2, progress=False)
    assert (summary.documents, summary.errors, summary.exit_code) == (30, 1, 1)
    documents = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    con = sqlite3.connect(db)
    assert [row[0] for row in con.execute("SELECT doc_id FROM documents ORDER BY seq")] == [d["id"] for d in documents]
    for table in ("authors", "officials", "places", "counts", "amounts", "slogans", "dates"):
        assert con.execute(f"SELECT count(*) FROM {table}").fetchone()[0] == sum(len(d[table]) for d in documents)
    slogans = [(d["id"], s["text"], s["span"]["start"]) for d in documents for s in d["slogans"]]
    assert slogans, "the seed article has quoted slogans"
    assert con.execute("SELECT doc_id, text, span_start FROM slogans ORDER BY rowid").fetchall() == slogans
    for doc_id, text, start, end in con.execute(
            "SELECT s.doc_id, s.text, s.span_start, s.span_end FROM slogans s JOIN documents d USING (doc_id)"):
        assert next(d["text"] for d in documents if d["id"] == doc_id)[start:end] == text
    assert con.execute("SELECT id, reason FROM errors").fetchall() == [("empty", batch.EMPTY_TEXT)]
    con.close()
    # a rerun adds nothing: every id is already in both outputs
    again = batch.run([str(source)], out=out, db=db, workers=1, progress=False)
    assert (again.documents, again.errors, again.skipped) == (0, 0, 31)
    con = sqlite3.connect(db)
    assert con.execute("SELECT count(*), count(DISTINCT doc_id) FROM documents").fetchone() == (30, 30)
    con.close()


def test_parquet_export_names_pyarrow_when_it_is_missing(tmp_path, monkeypatch):
    from govnews_nlp.store import export_parquet

    db = tmp_path / "r.sqlite"
    source = tmp_path / "in.jsonl"
    _write_jsonl(source, _seed_records(3))
    batch.run([str(source)], db=db, workers=1, progress=False)
    monkeypatch.setitem(sys.modules, "pyarrow", None)
    with pytest.raises(MissingExtraError, match=r"pyarrow.*govnews-nlp\[parquet\]"):
        export_parquet(db, tmp_path / "parquet")


def test_parquet_export_writes_one_file_per_table(tmp_path):
    pq = pytest.importorskip("pyarrow.parquet", reason="pyarrow is not installed (pip install 'govnews-nlp[parquet]')")
    from govnews_nlp.store import TABLES, export_parquet

    db = tmp_path / "r.sqlite"
    source = tmp_path / "in.jsonl"
    _write_jsonl(source, _seed_records(5))
    batch.run([str(source)], db=db, workers=1, progress=False)
    files = export_parquet(db, tmp_path / "parquet")
    assert sorted(f.stem for f in files) == sorted(TABLES)
    assert pq.read_table(tmp_path / "parquet" / "documents.parquet").num_rows == 5


# --- inputs ------------------------------------------------------------------------------------

def test_csv_with_named_columns_and_gzip_is_read_transparently(tmp_path):
    import csv

    paragraphs = _seed_paragraphs()
    source = tmp_path / "articles.csv.gz"
    with gzip.open(source, "wt", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(["article_id", "body", "source"])
        writer.writerow(["a1", paragraphs[0], "通州日报"])
        writer.writerow(["a2", "", ""])
        writer.writerow(["a3", paragraphs[1], ""])
    items = list(batch.iter_inputs([str(source)], text_column="body", id_column="article_id"))
    assert [(type(i).__name__, i.id) for i in items] == [("Article", "a1"), ("Rejected", "a2"), ("Article", "a3")]
    assert items[0].source == "通州日报" and items[2].source is None
    assert items[1].reason == batch.EMPTY_TEXT
    with pytest.raises(ValueError, match="no column 'text'"):
        list(batch.iter_inputs([str(source)]))


def test_csv_texts_may_span_lines_and_locations_count_physical_lines(tmp_path):
    source = tmp_path / "a.tsv"
    source.write_bytes('text\ttitle\r\n"区委书记张建华\r\n出席会议"\t会议\r\n"区长王少勇主持"\t\r\n'.encode("utf-8"))
    items = list(batch.iter_inputs([str(source)]))
    assert [(i.id, i.text, i.title) for i in items] == [
        (f"{source}:2", "区委书记张建华\r\n出席会议", "会议"), (f"{source}:4", "区长王少勇主持", None)]


def test_csv_field_over_the_size_limit_is_an_error_and_reading_goes_on(tmp_path):
    source = tmp_path / "a.csv"
    import csv

    over_the_csv_module_limit = "书" * (csv.field_size_limit() + 10)
    source.write_text(f"id,text\nok1,区长主持会议\nbig,{'书' * 500}\nok2,书记出席\nhuge,{over_the_csv_module_limit}\n"
                      "ok3,市长讲话\n", encoding="utf-8")
    items = list(batch.iter_inputs([str(source)], max_chars=100))
    assert [(i.id, getattr(i, "reason", None)) for i in items] == [
        ("ok1", None), ("big", batch.TOO_LARGE), ("ok2", None), (f"{source}:5", batch.TOO_LARGE), ("ok3", None)]


def test_directory_ids_are_relative_paths_in_sorted_order(tmp_path):
    paragraphs = _seed_paragraphs()
    (tmp_path / "corpus" / "2023").mkdir(parents=True)
    (tmp_path / "corpus" / "b.txt").write_text(paragraphs[0], encoding="utf-8")
    (tmp_path / "corpus" / "2023" / "a.html").write_text(f"<p>{paragraphs[1]}</p>", encoding="utf-8")
    with gzip.open(tmp_path / "corpus" / "2023" / "c.txt.gz", "wb") as handle:
        handle.write(paragraphs[2].encode("gb18030"))
    (tmp_path / "corpus" / "notes.md").write_text("not an article", encoding="utf-8")
    (tmp_path / "corpus" / "garbage.txt").write_bytes(b"\x81\x20\xff\xfe\x80" * 10)
    out = tmp_path / "out.jsonl"
    summary = batch.run([str(tmp_path / "corpus")], out=out, workers=1, progress=False)
    assert _ids(out) == ["2023/a.html", "2023/c.txt.gz", "b.txt"]
    errors = [json.loads(line) for line in (tmp_path / "out.errors.jsonl").read_text(encoding="utf-8").splitlines()]
    assert [(e["id"], e["reason"]) for e in errors] == [("garbage.txt", batch.BAD_ENCODING)]
    assert summary.exit_code == 1
    docs = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    assert [d["text"] for d in docs] == [govnews_nlp.extract(p).text for p in (paragraphs[1], paragraphs[2], paragraphs[0])]


def test_gzip_json_lines_and_standard_input_give_the_same_documents_as_the_plain_file(tmp_path):
    records = _seed_records(12) + [{"text": _seed_paragraphs()[0]}]  # the last one has no id
    plain, packed = tmp_path / "a.jsonl", tmp_path / "b.jsonl.gz"
    _write_jsonl(plain, records)
    packed.write_bytes(gzip.compress(plain.read_bytes()))
    batch.run([str(plain)], out=tmp_path / "plain.jsonl", workers=1, progress=False)
    batch.run([str(packed)], out=tmp_path / "packed.jsonl", workers=1, progress=False)
    piped = subprocess.run([sys.executable, "-m", "govnews_nlp.cli", "batch", "-", "--out", "piped.jsonl", "--quiet"],
                           cwd=tmp_path, input=plain.read_bytes(), capture_output=True, timeout=120)
    assert piped.returncode == 0, piped.stderr
    without_last = [r["id"] for r in records[:-1]]
    assert _ids(tmp_path / "plain.jsonl") == without_last + [f"{plain}:13"]
    assert _ids(tmp_path / "packed.jsonl") == without_last + [f"{packed}:13"]
    assert _ids(tmp_path / "piped.jsonl") == without_last + ["-:13"]
    texts = {(tmp_path / name).read_text(encoding="utf-8").split("\n")[0] for name in ("plain.jsonl", "packed.jsonl", "piped.jsonl")}
    assert len(texts) == 1


def test_a_cut_off_gzip_file_keeps_what_can_be_read_and_reports_the_rest(tmp_path):
    records = _seed_records(200)
    plain = tmp_path / "a.jsonl"
    _write_jsonl(plain, records)
    packed = gzip.compress(plain.read_bytes())
    (tmp_path / "cut.jsonl.gz").write_bytes(packed[: len(packed) // 2])
    other = tmp_path / "b.jsonl"
    _write_jsonl(other, [{"id": "after", "text": _seed_paragraphs()[0]}])
    out = tmp_path / "out.jsonl"
    summary = batch.run([str(tmp_path / "cut.jsonl.gz"), str(other)], out=out, workers=1, progress=False)
    written = _ids(out)
    assert written[-1] == "after" and written[:-1] == [r["id"] for r in records[: len(written) - 1]]
    assert 0 < len(written) - 1 < 200
    error = json.loads((tmp_path / "out.errors.jsonl").read_text(encoding="utf-8"))
    assert error["reason"] == batch.UNREADABLE and "cannot be read from here on" in error["detail"]
    assert summary.exit_code == 1


def test_duplicate_ids_keep_the_first_and_report_the_rest(tmp_path):
    paragraphs = _seed_paragraphs()
    source = tmp_path / "in.jsonl"
    _write_jsonl(source, [{"id": "x", "text": paragraphs[0]}, {"id": "y", "text": paragraphs[1]},
                          {"id": "x", "text": paragraphs[2]}])
    out = tmp_path / "out.jsonl"
    assert batch.run([str(source)], out=out, workers=1, progress=False).exit_code == 1
    assert _ids(out) == ["x", "y"]
    assert _ids(tmp_path / "out.errors.jsonl") == ["x"]
    again = batch.run([str(source)], out=out, workers=1, progress=False)
    assert (again.documents, again.errors, again.skipped) == (0, 0, 3)


# --- API and CLI -------------------------------------------------------------------------------

def test_extract_partition_returns_one_result_per_record_in_order():
    paragraphs = _seed_paragraphs()
    results = batch.extract_partition([{"id": "a", "text": paragraphs[0]}, {"id": "b"}, {"id": 7, "text": paragraphs[1]}])
    assert [(r["id"], r["error"] and r["error"]["reason"]) for r in results] == [
        ("a", None), ("b", batch.MISSING_FIELD), ("7", None)]
    from datetime import date

    dated = batch.extract_partition([{"id": "d", "text": paragraphs[0], "published_at": date(2021, 7, 1)}])
    assert dated[0]["document"]["published_at"] == "2021-07-01"  # a date object, as Spark or pandas give it
    article = batch.article_from_mapping({"id": "a", "text": paragraphs[0]}, "here")
    assert results[0]["document"] == json.loads(batch.process_chunk([article])[0][1])


@pytest.mark.skipif(sys.platform == "win32", reason="advisory locks are POSIX")
def test_a_second_run_on_the_same_output_at_the_same_time_is_refused(tmp_path):
    source = tmp_path / "in.jsonl"
    _write_jsonl(source, _seed_records(3))
    first = batch.JsonlOutput(tmp_path / "out.jsonl", tmp_path / "out.errors.jsonl")
    try:
        with pytest.raises(ValueError, match="another run"):
            batch.run([str(source)], out=tmp_path / "out.jsonl", workers=1, progress=False)
    finally:
        first.close()
    assert batch.run([str(source)], out=tmp_path / "out.jsonl", workers=1, progress=False).documents == 3


def test_the_default_size_limit_is_the_pipeline_default():
    from govnews_nlp import cleaning

    assert batch.DEFAULT_MAX_CHARS == cleaning.DEFAULT_MAX_CHARS


def test_cli_usage_errors(tmp_path, capsys):
    source = tmp_path / "in.jsonl"
    _write_jsonl(source, _seed_records(2))
    assert main(["batch", str(source)]) == 2
    assert "--out" in capsys.readouterr().err
    assert main(["batch", str(tmp_path / "missing.jsonl"), "--out", str(tmp_path / "o.jsonl")]) == 2
    assert "no such file" in capsys.readouterr().err
    assert main(["batch", str(source), "--out", str(source)]) == 2
    assert "is also an input" in capsys.readouterr().err
    (tmp_path / "in.xml").write_text("<a/>")
    assert main(["batch", str(tmp_path / "in.xml"), "--out", str(tmp_path / "o.jsonl")]) == 2
    assert "cannot tell the format" in capsys.readouterr().err
    assert main(["batch", str(source), "--out", str(tmp_path / "o.jsonl"), "--scheduler", "tcp://x:1"]) == 2


def test_cli_prints_a_summary_line(tmp_path, capsys):
    source = tmp_path / "in.jsonl"
    _write_jsonl(source, _seed_records(4))
    assert main(["batch", str(source), "--out", str(tmp_path / "o.jsonl"), "--workers", "1"]) == 0
    err = capsys.readouterr().err
    assert "4 documents, 0 errors" in err and "chars/s" in err
    assert "\r" not in err  # no progress bar when stderr is not a terminal


def test_progress_line_when_asked_and_silence_with_quiet(tmp_path, capsys):
    source = tmp_path / "in.jsonl"
    _write_jsonl(source, _seed_records(4))
    batch.run([str(source)], out=tmp_path / "a.jsonl", workers=1, progress=True)
    err = capsys.readouterr().err
    assert err.startswith("\r") and "4 documents  0 errors" in err and err.endswith("\n")
    assert main(["batch", str(source), "--out", str(tmp_path / "b.jsonl"), "--quiet"]) == 0
    assert capsys.readouterr().err == ""


def test_missing_dask_names_the_extra(tmp_path, monkeypatch):
    source = tmp_path / "in.jsonl"
    _write_jsonl(source, _seed_records(2))
    monkeypatch.setitem(sys.modules, "distributed", None)
    with pytest.raises(MissingExtraError, match=r"govnews-nlp\[dask\]"):
        batch.run([str(source)], out=tmp_path / "o.jsonl", engine="dask", workers=1, progress=False)


# --- acceptance: Dask --------------------------------------------------------------------------

@pytest.mark.dask
def test_dask_engine_on_a_local_cluster_gives_the_bytes_of_the_local_engine(tmp_path):
    pytest.importorskip("distributed", reason="the dask extra is not installed: pip install 'govnews-nlp[dask]'")
    records = _xwlb_records(300) if XWLB.exists() else _seed_records(300)
    source = tmp_path / "in.jsonl"
    with open(source, "wb") as handle:
        for i, record in enumerate(records):
            handle.write(json.dumps(record, ensure_ascii=False).encode() + b"\n")
            if i % 50 == 0:
                handle.write(b'{"id": "broken-%d", "text": 1}\n' % i)
    local = batch.run([str(source)], out=tmp_path / "local.jsonl", workers=2, progress=False)
    dask = batch.run([str(source)], out=tmp_path / "dask.jsonl", engine="dask", workers=2, progress=False)
    assert dask.workers == 2
    assert (dask.documents, dask.errors) == (local.documents, local.errors) == (300, 6)
    assert (tmp_path / "dask.jsonl").read_bytes() == (tmp_path / "local.jsonl").read_bytes()
    assert (tmp_path / "dask.errors.jsonl").read_bytes() == (tmp_path / "local.errors.jsonl").read_bytes()


def test_the_sqlite_example_of_the_docs_runs(monkeypatch, capsys):
    from tests.conftest import ROOT

    docs = (ROOT / "docs" / "batch.md").read_text(encoding="utf-8")
    blocks = [block.split("```", 1)[0] for block in docs.split("```python\n")[1:]]
    example = next(block for block in blocks if "sqlite3.connect" in block)
    monkeypatch.chdir(ROOT)
    exec(compile(example, "docs/batch.md", "exec"), {})
    printed = capsys.readouterr().out
    assert printed.startswith("1 document, 0 errors")
    doc = govnews_nlp.extract(SEED_PATH.read_text(encoding="utf-8"))
    for slogan in doc.slogans:
        assert f"{slogan.text} …" in printed
