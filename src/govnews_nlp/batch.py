"""Batch extraction over a corpus: parallel workers, outputs in input order, resumable.

    from govnews_nlp.batch import run
    summary = run(["articles.jsonl.gz"], out="documents.jsonl", db="results.sqlite", workers=4)

The inputs (JSON Lines, CSV, directories of .txt/.html, gzip or not) are streamed by
:mod:`govnews_nlp.corpus`. Every input record ends up exactly once either in the documents
output or in the errors output with a reason (:data:`REASONS`). Results are written in
input order whatever the number of workers, and committed (JSON Lines flushed and fsynced,
SQLite transaction committed) about once a second. Running the same command again after a
crash or Ctrl-C resumes: records whose id is already written are skipped, and a
half-written last line is dropped first. The final output is byte-identical to an
uninterrupted run.

``extract_partition`` is the same per-record work as a plain function, for Spark, Ray or
``dask.bag.map_partitions``.
"""
from __future__ import annotations

import json
import os
import queue
import re
import signal
import sys
import threading
import time
from collections import Counter, deque
from concurrent.futures import BrokenExecutor
from concurrent.futures import TimeoutError as FutureTimeout
from contextlib import contextmanager
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any, Iterable, Iterator, Optional, Sequence, Union

from .corpus import (BAD_CSV, BAD_ENCODING, BAD_JSON, DEFAULT_MAX_CHARS, DUPLICATE_ID, EMPTY_TEXT,
                     EXTRACTION_FAILED, INVALID_INPUT, MISSING_FIELD, REASONS, TIMEOUT, TOO_LARGE, UNREADABLE,
                     WORKER_DIED, WRONG_TYPE, Article, Item, Rejected, article_from_mapping, input_kind, iter_inputs)
from .errors import GovnewsError, InputError, MissingExtraError

__all__ = [
    "run", "extract_partition", "process_chunk", "BatchSummary", "JsonlOutput", "SqliteOutput", "errors_path_for",
    "iter_inputs", "input_kind", "article_from_mapping", "Article", "Rejected", "REASONS", "DEFAULT_MAX_CHARS",
    "BAD_JSON", "BAD_CSV", "BAD_ENCODING", "WRONG_TYPE", "MISSING_FIELD", "EMPTY_TEXT", "TOO_LARGE", "DUPLICATE_ID",
    "UNREADABLE", "INVALID_INPUT", "EXTRACTION_FAILED", "WORKER_DIED", "TIMEOUT",
    "EXIT_OK", "EXIT_SOME_FAILED", "EXIT_INTERRUPTED",
]

EXIT_OK, EXIT_SOME_FAILED, EXIT_INTERRUPTED = 0, 1, 130

COMMIT_SECONDS = 1.0  # how often results are flushed, fsynced and committed
POLL_SECONDS = 0.05  # how long the main loop waits for input before looking at finished work
IN_FLIGHT_PER_WORKER = 3  # chunks submitted per worker ahead of the one being written
CHUNK_CHARS = 1_000_000  # a chunk is closed early when its texts reach this many characters
DEFAULT_TIMEOUT = 120.0  # seconds a chunk may take before it counts as stuck (process pool only)


# --- extraction (runs in the workers) -------------------------------------------------------

# A result: (id, document JSON line or None, error JSON line or None, characters of input text).
Result = tuple


@lru_cache(maxsize=4)
def _pipeline(max_chars: Optional[int]):
    """One pipeline per process (and limit), stages loaded once."""
    from .pipeline import Pipeline

    pipeline = Pipeline(max_chars=max_chars)
    pipeline("市委常委、区委书记张建华出席会议。")  # loads every stage and its lexicons now, not mid-run
    return pipeline


def _error_line(doc_id: str, where: str, reason: str, detail: str) -> str:
    return json.dumps({"id": doc_id, "where": where, "reason": reason, "detail": detail}, ensure_ascii=False)


def _extract_item(pipeline, item: Item) -> Result:
    if isinstance(item, Rejected):
        return (item.id, None, _error_line(item.id, item.where, item.reason, item.detail), 0)
    try:
        doc = pipeline(item.text, id=item.id, published_at=item.published_at, source=item.source, title=item.title)
    except InputError as exc:
        return (item.id, None, _error_line(item.id, item.where, INVALID_INPUT, str(exc)), 0)
    except Exception as exc:  # noqa: BLE001 - one bad article must not stop a corpus run; the reason is recorded
        return (item.id, None, _error_line(item.id, item.where, EXTRACTION_FAILED, f"{type(exc).__name__}: {exc}"), 0)
    if not doc.text:
        return (item.id, None, _error_line(item.id, item.where, EMPTY_TEXT, "no text left after cleaning"), 0)
    return (item.id, doc.model_dump_json(), None, len(item.text))


def process_chunk(items: Sequence[Item], max_chars: Optional[int] = DEFAULT_MAX_CHARS) -> list[Result]:
    """Extract a chunk of items in this process (the task that workers run)."""
    pipeline = _pipeline(max_chars)
    return [_extract_item(pipeline, item) for item in items]


def extract_partition(records: Iterable[dict], *, max_chars: Optional[int] = DEFAULT_MAX_CHARS) -> list[dict]:
    """Extract a partition of ``{"id", "text", ...}`` dicts, for Spark, Ray or ``dask.bag``.

    Returns one dict per record, in order: ``{"id", "document", "error"}`` where ``document``
    is ``Document.model_dump(mode="json")`` and ``error`` is None, or ``document`` is None and
    ``error`` is ``{"reason", "detail"}``. A record without ``id`` gets ``"record N"`` (its
    position in the partition). The pipeline is built once per process.

    >>> [r["document"]["text"] for r in extract_partition([{"id": "a", "text": "区长王少勇主持会议。"}])]
    ['区长王少勇主持会议。']
    >>> extract_partition([{"id": "b", "text": 42}])[0]["error"]["reason"]
    'wrong-type'
    """
    pipeline = _pipeline(max_chars)
    results = []
    for position, record in enumerate(records):
        item = article_from_mapping(record, f"record {position}", max_chars)
        doc_id, line, error, _chars = _extract_item(pipeline, item)
        if line is not None:
            results.append({"id": doc_id, "document": json.loads(line), "error": None})
        else:
            failure = json.loads(error)
            results.append({"id": doc_id, "document": None,
                            "error": {"reason": failure["reason"], "detail": failure["detail"]}})
    return results


def _init_worker(max_chars: Optional[int]) -> None:
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C is the parent's business: it stops cleanly
    _pipeline(max_chars)


def _warm(max_chars: Optional[int]) -> int:
    _pipeline(max_chars)
    return os.getpid()


# --- outputs -----------------------------------------------------------------------------

class _Written:
    """How many times each id is already in an output, consumed as the rerun meets them again."""

    def __init__(self, documents: Counter, errors: Counter):
        self.documents = documents
        self.errors = errors
        self.previous_errors = sum(errors.values())

    def consume(self, doc_id: str, errors_only: bool) -> bool:
        for counter in ((self.errors,) if errors_only else (self.documents, self.errors)):
            if counter.get(doc_id):
                counter[doc_id] -= 1
                return True
        return False


_ID_AT_START = re.compile(r'\{\s*"id"\s*:\s*')
_JSON = json.JSONDecoder()


def _line_id(line: str, path: Path, number: int) -> str:
    match = _ID_AT_START.match(line)
    try:
        if match:
            value, _end = _JSON.raw_decode(line, match.end())
        else:
            value = json.loads(line)["id"]
    except (ValueError, KeyError, TypeError):
        raise ValueError(f"{path}:{number} is not a record written by govnews-nlp batch; "
                         "move the file away or choose another output") from None
    return str(value)


def _repair_and_read_ids(path: Path) -> Counter:
    """Drop a half-written last line (a crash mid-write), then count the ids of the complete lines."""
    ids: Counter = Counter()
    if not path.exists():
        return ids
    with open(path, "rb+") as handle:
        size = handle.seek(0, os.SEEK_END)
        if size:
            handle.seek(size - 1)
            if handle.read(1) != b"\n":
                keep = size
                block = 1 << 16
                while keep > 0:
                    start = max(0, keep - block)
                    handle.seek(start)
                    chunk = handle.read(keep - start)
                    newline = chunk.rfind(b"\n")
                    if newline >= 0:
                        keep = start + newline + 1
                        break
                    keep = start
                handle.truncate(keep)
                handle.flush()
                os.fsync(handle.fileno())
    with open(path, encoding="utf-8") as handle:
        for number, line in enumerate(handle, 1):
            ids[_line_id(line, path, number)] += 1
    return ids


def _lock(handle, path: Path) -> None:
    """Refuse a second run writing the same output at the same time (POSIX; released on close)."""
    try:
        import fcntl
    except ImportError:  # Windows: no advisory lock
        return
    try:
        fcntl.flock(handle.fileno(), fcntl.LOCK_EX | fcntl.LOCK_NB)
    except OSError:
        raise ValueError(f"{path} is being written by another run; wait for it or choose another output") from None


class JsonlOutput:
    """Documents and errors as JSON Lines, appended, flushed and fsynced at each commit."""

    def __init__(self, out: Union[str, Path], errors: Union[str, Path]):
        self.out_path, self.errors_path = Path(out), Path(errors)
        self._out = open(self.out_path, "a", encoding="utf-8", newline="\n")
        try:
            _lock(self._out, self.out_path)  # before repairing: another run may be writing it
            self.written = _Written(_repair_and_read_ids(self.out_path), _repair_and_read_ids(self.errors_path))
            self._errors = open(self.errors_path, "a", encoding="utf-8", newline="\n")
        except BaseException:
            self._out.close()
            raise

    def add(self, result: Result, seq: int) -> None:
        _doc_id, line, error, _chars = result
        if line is not None:
            self._out.write(line + "\n")
        else:
            self._errors.write(error + "\n")

    def commit(self) -> None:
        for handle in (self._out, self._errors):
            handle.flush()
            os.fsync(handle.fileno())

    def close(self) -> None:
        self._out.close()
        self._errors.close()


class SqliteOutput:
    """The tidy tables of :mod:`govnews_nlp.store`; each commit is one transaction."""

    def __init__(self, path: Union[str, Path]):
        from .store import SqliteStore

        self.store = SqliteStore(path)
        self.written = _Written(*self.store.written_ids())

    def add(self, result: Result, seq: int) -> None:
        _doc_id, line, error, _chars = result
        if line is not None:
            self.store.add_document(json.loads(line), seq)
        else:
            self.store.add_error(json.loads(error), seq)

    def commit(self) -> None:
        self.store.commit()

    def close(self) -> None:
        self.store.close()


def errors_path_for(out: Union[str, Path]) -> Path:
    """``documents.jsonl`` → ``documents.errors.jsonl``."""
    out = Path(out)
    stem = out.name[:-len(".jsonl")] if out.name.endswith(".jsonl") else out.name
    return out.with_name(f"{stem}.errors.jsonl")


# --- engines -----------------------------------------------------------------------------

class _Done:
    """A finished 'future' for work done in this process."""

    def __init__(self, value):
        self._value = value

    def done(self) -> bool:
        return True

    def result(self, timeout=None):
        return self._value


class _InProcess:
    workers = 1

    def submit(self, chunk, max_chars):
        return _Done(process_chunk(chunk, max_chars))

    def close(self, cancel: bool = False) -> None:
        pass


class _ProcessPool:
    def __init__(self, workers: int, max_chars: Optional[int]):
        self.workers = workers
        self.max_chars = max_chars
        self.executor = self._start()

    def _start(self):
        from concurrent.futures import ProcessPoolExecutor

        executor = ProcessPoolExecutor(max_workers=self.workers, initializer=_init_worker, initargs=(self.max_chars,))
        # start every worker (and load its pipeline) now: the first time, before the reader thread exists
        for future in [executor.submit(_warm, self.max_chars) for _ in range(self.workers)]:
            future.result()
        return executor

    def restart(self, kill: bool = False) -> None:
        """A new set of workers after one died (which breaks the whole pool) or got stuck (``kill``)."""
        if kill:  # the executor has no public way to stop a worker that never returns
            for process in list(getattr(self.executor, "_processes", {}).values()):
                process.kill()
        self.executor.shutdown(wait=False, cancel_futures=True)
        self.executor = self._start()

    def submit(self, chunk, max_chars):
        return self.executor.submit(process_chunk, chunk, max_chars)

    def close(self, cancel: bool = False) -> None:
        self.executor.shutdown(wait=not cancel, cancel_futures=cancel)


class _Dask:
    def __init__(self, workers: int, scheduler: Optional[str], max_chars: Optional[int]):
        try:
            from distributed import Client, LocalCluster
        except ImportError:
            raise MissingExtraError("dask.distributed", "dask") from None
        self.cluster = None
        if scheduler:
            self.client = Client(scheduler)
        else:
            self.cluster = LocalCluster(n_workers=workers, threads_per_worker=1, processes=True,
                                        dashboard_address=None)
            self.client = Client(self.cluster)
        self.workers = max(1, len(self.client.scheduler_info().get("workers", {})) or workers)
        self.client.run(_warm, max_chars)  # load the pipeline once on every worker

    def submit(self, chunk, max_chars):
        return self.client.submit(process_chunk, chunk, max_chars, pure=False)

    def close(self, cancel: bool = False) -> None:
        self.client.close()
        if self.cluster is not None:
            self.cluster.close()


# --- the run -----------------------------------------------------------------------------

@dataclass
class BatchSummary:
    documents: int = 0  # written by this run
    errors: int = 0  # written by this run
    skipped: int = 0  # already written by an earlier run
    previous_errors: int = 0  # error records found in the outputs at the start
    chars: int = 0  # characters of input text extracted by this run
    seconds: float = 0.0
    interrupted: bool = False
    workers: int = 1

    @property
    def exit_code(self) -> int:
        if self.interrupted:
            return EXIT_INTERRUPTED
        return EXIT_SOME_FAILED if self.errors or self.previous_errors else EXIT_OK

    def line(self) -> str:
        seconds = max(self.seconds, 1e-9)
        text = (f"{_plural(self.documents, 'document')}, {_plural(self.errors, 'error')}"
                f"{f', {self.skipped:,} already done' if self.skipped else ''} in {self.seconds:.1f} s "
                f"({self.chars / seconds:,.0f} chars/s, {self.documents / seconds:,.1f} docs/s, "
                f"{self.workers} worker{'s' if self.workers != 1 else ''})")
        if self.previous_errors:
            text += f"; {_plural(self.previous_errors, 'error')} from earlier runs"
        if self.interrupted:
            text += "; interrupted: run the same command again to resume"
        return text


def _plural(count: int, noun: str) -> str:
    return f"{count:,} {noun}{'' if count == 1 else 's'}"


class _Progress:
    """One self-overwriting line on stderr, at most five times a second."""

    def __init__(self, enabled: bool):
        self.enabled = enabled
        self._last = 0.0
        self._drawn = False

    def update(self, summary: BatchSummary, started: float, force: bool = False) -> None:
        if not self.enabled:
            return
        now = time.monotonic()
        if not force and now - self._last < 0.2:
            return
        self._last = now
        elapsed = max(now - started, 1e-9)
        sys.stderr.write(f"\r{summary.documents:,} documents  {summary.errors:,} errors  "
                         f"{summary.skipped:,} skipped  {summary.documents / elapsed:,.1f} docs/s  "
                         f"{summary.chars / elapsed / 1000:,.0f}k chars/s  {elapsed:,.0f} s\x1b[K")
        sys.stderr.flush()
        self._drawn = True

    def close(self) -> None:
        if self._drawn:
            sys.stderr.write("\n")
            sys.stderr.flush()


_END = object()


class _Reader(threading.Thread):
    """Reads the inputs ahead of the workers into a small bounded queue."""

    def __init__(self, items: Iterator[Item], size: int):
        super().__init__(name="govnews-batch-reader", daemon=True)
        self.items = items
        self.queue: queue.Queue = queue.Queue(maxsize=size)
        self.stopping = threading.Event()

    def run(self) -> None:
        try:
            for item in self.items:
                if not self._put(item):
                    return
            self._put(_END)
        except BaseException as exc:  # noqa: BLE001 - handed to the main thread, which raises it
            self._put(exc)

    def _put(self, value) -> bool:
        while not self.stopping.is_set():
            try:
                self.queue.put(value, timeout=0.1)
                return True
            except queue.Full:
                continue
        return False


@dataclass
class _Slot:
    future: Any
    items: list = field(default_factory=list)
    seqs: list[int] = field(default_factory=list)
    targets: list[tuple] = field(default_factory=list)


def run(inputs: Sequence[str], *, out: Union[str, Path, None] = None, errors: Union[str, Path, None] = None,
        db: Union[str, Path, None] = None, workers: Optional[int] = None, engine: str = "local",
        scheduler: Optional[str] = None, text_column: str = "text", id_column: str = "id",
        max_chars: Optional[int] = DEFAULT_MAX_CHARS, chunk_size: Optional[int] = None,
        timeout: Optional[float] = DEFAULT_TIMEOUT, progress: Optional[bool] = None) -> BatchSummary:
    """Extract every record of ``inputs`` into ``out`` (JSON Lines) and/or ``db`` (SQLite).

    ``errors`` defaults to ``out`` with ``.errors.jsonl`` (the ``errors`` table with ``db``
    only). ``workers`` defaults to the number of CPUs; ``engine`` is ``"local"`` (a process
    pool) or ``"dask"`` (a ``distributed`` cluster at ``scheduler``, or a LocalCluster of
    ``workers`` processes). ``progress`` defaults to whether stderr is a terminal.
    With a process pool, a chunk that takes more than ``timeout`` seconds (or whose worker
    dies) is retried record by record, and a record that blocks (or kills) its worker again
    becomes a ``timeout`` (``worker-died``) error.
    Ctrl-C stops the run cleanly (everything finished is committed, ``interrupted`` is set);
    the same call resumes it.
    """
    if out is None and db is None:
        raise ValueError("give an output: out (JSON Lines) and/or db (SQLite)")
    if errors is not None and out is None:
        raise ValueError("errors is the companion of out (with db only, errors go to its errors table)")
    if engine not in ("local", "dask"):
        raise ValueError(f"unknown engine {engine!r}; choose local or dask")
    if out is not None and str(out).endswith(".gz"):
        raise ValueError("the output is appended and fsynced as it grows: write it uncompressed, gzip it afterwards")
    for name in inputs:
        if name != "-" and not os.path.exists(name):
            raise FileNotFoundError(f"{name}: no such file or directory")
        input_kind(name)
    if errors is None and out is not None:
        errors = errors_path_for(out)
    written_paths = {os.path.realpath(path) for path in (out, errors, db) if path is not None}
    for name in inputs:
        if name != "-" and os.path.realpath(name) in written_paths:
            raise ValueError(f"{name} is also an input: choose another output path")
    workers = workers or _usable_cpus()
    if workers < 1:
        raise ValueError("workers must be at least 1")
    chunk_size = chunk_size or (64 if engine == "dask" else 16)
    outputs = []
    try:
        if out is not None:
            outputs.append(JsonlOutput(out, errors))
        if db is not None:
            outputs.append(SqliteOutput(db))
    except BaseException:
        for output in outputs:
            output.close()
        raise
    summary = BatchSummary(workers=workers, previous_errors=max(o.written.previous_errors for o in outputs))
    show = (sys.stderr.isatty() if progress is None else progress)
    started = time.monotonic()
    try:
        if engine == "dask":
            pool = _Dask(workers, scheduler, max_chars)
            summary.workers = pool.workers
        elif workers == 1:
            pool = _InProcess()
        else:
            pool = _ProcessPool(workers, max_chars)
    except BaseException:
        for output in outputs:
            output.close()
        raise
    items = iter_inputs(inputs, text_column=text_column, id_column=id_column, max_chars=max_chars)
    finished = False
    try:
        _run_loop(items, outputs, pool, summary, _Progress(show), started,
                  chunk_size=chunk_size, max_chars=max_chars, timeout=timeout)
        finished = True
    except KeyboardInterrupt:  # a second Ctrl-C: stop now
        summary.interrupted = True
        raise
    except BrokenExecutor as exc:  # the workers could not even be restarted
        raise GovnewsError(f"the worker processes died ({exc}); what was finished before is kept: "
                           "run the same command again to resume") from exc
    finally:
        pool.close(cancel=summary.interrupted or not finished)
        for output in outputs:
            output.close()
        summary.seconds = time.monotonic() - started
    return summary


def _usable_cpus() -> int:
    """The CPUs this process may run on (a container or taskset may allow fewer than the machine has)."""
    try:
        return len(os.sched_getaffinity(0)) or 1
    except (AttributeError, OSError):  # not on Linux
        return os.cpu_count() or 1


def _run_loop(items: Iterator[Item], outputs: list, pool, summary: BatchSummary, progress: _Progress,
              started: float, *, chunk_size: int, max_chars: Optional[int], timeout: Optional[float]) -> None:
    watched = isinstance(pool, _ProcessPool)  # a stuck or dead worker can be replaced
    reader = _Reader(items, size=chunk_size * 2)
    pending: deque[_Slot] = deque()
    max_pending = pool.workers * IN_FLIGHT_PER_WORKER
    seen: set[str] = set()
    chunk: list[Item] = []
    slot = _Slot(None)
    chunk_chars = 0
    seq = 0
    last_commit = time.monotonic()

    def submit() -> None:
        nonlocal chunk, slot, chunk_chars
        if chunk:
            slot.items = chunk
            slot.future = pool.submit(chunk, max_chars)
            pending.append(slot)
        chunk, slot, chunk_chars = [], _Slot(None), 0

    def write(done: _Slot) -> None:
        try:
            results = done.future.result(timeout=timeout if watched else None)
        except (BrokenExecutor, FutureTimeout) as exc:
            if not watched:
                raise
            results = _isolate(pool, done.items, max_chars, timeout, stuck=not isinstance(exc, BrokenExecutor))
            for later in pending:  # broken too: run them again
                later.future = pool.submit(later.items, max_chars)
        for result, seq_, targets in zip(results, done.seqs, done.targets):
            for output in targets:
                output.add(result, seq_)
            if result[1] is not None:
                summary.documents += 1
                summary.chars += result[3]
            else:
                summary.errors += 1

    def commit() -> None:
        nonlocal last_commit
        for output in outputs:
            output.commit()
        last_commit = time.monotonic()

    stop = threading.Event()
    try:
        with _stop_on_signals(stop):
            reader.start()
            ended = False
            while not ended or pending:
                if stop.is_set():
                    summary.interrupted = True
                    while pending and pending[0].future.done():  # keep everything finished, in order
                        write(pending.popleft())
                    break
                if not ended and len(pending) < max_pending:
                    try:
                        item = reader.queue.get(timeout=POLL_SECONDS)
                    except queue.Empty:
                        submit()  # input is slow: do not hold a part-filled chunk back
                        item = None
                    if item is _END:
                        ended = True
                        submit()
                    elif isinstance(item, BaseException):
                        raise item
                    elif item is not None:
                        if item.id in seen and isinstance(item, Article):
                            item = Rejected(item.id, item.where, DUPLICATE_ID, "the id appeared earlier in the input")
                        seen.add(item.id)
                        errors_only = isinstance(item, Rejected)
                        targets = tuple(o for o in outputs if not o.written.consume(item.id, errors_only))
                        if targets:
                            chunk.append(item)
                            slot.seqs.append(seq)
                            slot.targets.append(targets)
                            chunk_chars += len(item.text) if isinstance(item, Article) else 0
                            if len(chunk) >= chunk_size or chunk_chars >= CHUNK_CHARS:
                                submit()
                        else:
                            summary.skipped += 1
                        seq += 1
                while pending and not stop.is_set() and (
                        pending[0].future.done() or len(pending) >= max_pending or ended):
                    write(pending.popleft())
                if time.monotonic() - last_commit >= COMMIT_SECONDS:
                    commit()
                progress.update(summary, started)
            commit()
    finally:
        reader.stopping.set()
        progress.update(summary, started, force=True)
        progress.close()


def _isolate(pool: _ProcessPool, items: list, max_chars: Optional[int], timeout: Optional[float],
             stuck: bool) -> list[Result]:
    """A worker died or got stuck during this chunk (or another one in flight): run each record alone
    in new workers, so that only a record that kills or blocks its worker again is reported."""
    pool.restart(kill=stuck)
    results = []
    for item in items:
        try:
            results.extend(pool.submit([item], max_chars).result(timeout=timeout))
        except FutureTimeout:
            pool.restart(kill=True)
            detail = f"the extraction took more than {timeout:g} s; the worker was stopped"
            results.append((item.id, None, _error_line(item.id, item.where, TIMEOUT, detail), 0))
        except BrokenExecutor as exc:
            pool.restart()
            detail = f"the worker process died twice while extracting this record ({type(exc).__name__})"
            results.append((item.id, None, _error_line(item.id, item.where, WORKER_DIED, detail), 0))
    return results


@contextmanager
def _stop_on_signals(stop: threading.Event):
    """The first Ctrl-C (or SIGTERM) asks the run to stop at the next safe point; a second one
    raises KeyboardInterrupt at once (what is committed stays; a half-written line is dropped on resume)."""
    if threading.current_thread() is not threading.main_thread():
        yield
        return

    def request_stop(signum, frame):
        if stop.is_set():
            raise KeyboardInterrupt
        stop.set()

    previous = {signum: signal.signal(signum, request_stop) for signum in (signal.SIGINT, signal.SIGTERM)}
    try:
        yield
    finally:
        for signum, handler in previous.items():
            signal.signal(signum, handler)
