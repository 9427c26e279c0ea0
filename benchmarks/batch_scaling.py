"""Documents per second of ``govnews-nlp batch`` with 1, 2, ... workers, and peak RSS per worker.

    python benchmarks/batch_scaling.py [--corpus PATH] [--limit N] [--workers 1,2] [--repeat R]

The corpus (a .jsonl file with ``id`` and ``text``, or a directory of them) defaults to the
新闻联播 corpus in ``shared/corpus/news_xwlb_cctv`` beside the repository (or beside its
parent, for git worktrees), else the example article repeated. Its first N records (going
round it again when it is shorter) are copied to a temporary JSON Lines file, then each worker count runs ``govnews_nlp.batch.run`` over it
R times into a fresh output (best run reported: a busy neighbour only ever slows a run down).
Time includes starting the workers and loading their pipelines, as a user would see it.

CPU seconds (this process plus its workers) are reported too: on a machine that other jobs
keep busy, the measured speed-up understates what the cores give; ``N x cpu(1)/cpu(N)`` is
the speed-up on N idle cores if the run is CPU-bound.

Peak RSS is the high-water mark (``VmHWM`` in /proc, Linux) of each worker process; with one
worker the extraction runs in the main process, whose peak is reported instead.
"""
from __future__ import annotations

import argparse
import json
import os
import resource
import sys
import tempfile
import threading
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
CORPUS_NAME = Path("shared") / "corpus" / "news_xwlb_cctv"


def default_corpus() -> Path:
    for base in (ROOT.parent, ROOT.parent.parent):
        if (base / CORPUS_NAME).is_dir():
            return base / CORPUS_NAME
    return ROOT / "examples" / "tongzhou.txt"


def records(corpus: Path, limit: int):
    """The first ``limit`` records of the corpus, going round it again (new ids) when it is shorter."""
    files = sorted(corpus.glob("*.jsonl")) if corpus.is_dir() else [corpus]
    count = 0
    if files and files[0].suffix == ".jsonl":
        for round_ in range(limit):
            for path in files:
                with open(path, encoding="utf-8") as handle:
                    for line in handle:
                        row = json.loads(line)
                        yield {"id": row["id"] if round_ == 0 else f"{row['id']}#{round_}", "text": row["text"],
                               "title": row.get("title"), "published_at": row.get("published_at") or row.get("date")}
                        count += 1
                        if count == limit:
                            return
    text = corpus.read_text(encoding="utf-8") if corpus.is_file() else ""
    while count < limit and text:
        yield {"id": f"example-{count}", "text": text}
        count += 1


def _peak_rss_kib(pid: int):
    try:
        with open(f"/proc/{pid}/status") as handle:
            fields = dict(line.split(":", 1) for line in handle if ":" in line)
    except OSError:
        return None, None
    hwm = fields.get("VmHWM")
    return int(fields.get("PPid", "0")), int(hwm.split()[0]) if hwm else None


class WorkerPeaks(threading.Thread):
    """Samples the peak RSS of this process's children while a run goes on."""

    def __init__(self):
        super().__init__(daemon=True)
        self.peaks: dict[int, int] = {}
        self.stop = threading.Event()

    def run(self) -> None:
        me = os.getpid()
        while not self.stop.wait(0.1):
            for name in os.listdir("/proc"):
                if name.isdigit():
                    parent, peak = _peak_rss_kib(int(name))
                    if parent == me and peak:
                        self.peaks[int(name)] = max(peak, self.peaks.get(int(name), 0))


def _cpu_seconds() -> float:
    own, children = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime + children.ru_utime + children.ru_stime


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", type=Path, default=default_corpus())
    parser.add_argument("--limit", type=int, default=2000)
    parser.add_argument("--workers", default="1,2", help="comma-separated worker counts")
    parser.add_argument("--repeat", type=int, default=2)
    args = parser.parse_args()

    from govnews_nlp import batch

    counts = [int(n) for n in args.workers.split(",")]
    with tempfile.TemporaryDirectory() as tmp:
        source = Path(tmp) / "input.jsonl"
        with open(source, "w", encoding="utf-8") as handle:
            for record in records(args.corpus, args.limit):
                handle.write(json.dumps(record, ensure_ascii=False) + "\n")
        n_docs = sum(1 for _ in open(source, encoding="utf-8"))
        chars = sum(len(json.loads(line)["text"]) for line in open(source, encoding="utf-8"))
        print(f"corpus: {args.corpus} — {n_docs:,} documents, {chars:,} characters; {os.cpu_count()} CPUs; "
              f"python {sys.version.split()[0]}")
        print(f"{'workers':>7} {'docs/s':>9} {'chars/s':>11} {'seconds':>8} {'speed-up':>8} {'cpu s':>6} "
              f"{'idle-core speed-up':>18}  peak RSS per worker (MiB)")
        base = base_cpu = None
        for workers in counts:
            best, peaks, cpu = None, {}, None
            for attempt in range(args.repeat):
                out = Path(tmp) / f"out-{workers}-{attempt}.jsonl"
                monitor = WorkerPeaks()
                monitor.start()
                before = _cpu_seconds()
                summary = batch.run([str(source)], out=out, workers=workers, progress=False)
                spent = _cpu_seconds() - before  # the workers are joined (and counted) when run() returns
                monitor.stop.set()
                monitor.join()
                if best is None or summary.seconds < best.seconds:
                    best, peaks = summary, monitor.peaks
                cpu = spent if cpu is None else min(cpu, spent)
            if workers == 1:
                peaks = {os.getpid(): resource.getrusage(resource.RUSAGE_SELF).ru_maxrss}
            rate = best.documents / best.seconds
            base = base or rate
            base_cpu = base_cpu or cpu
            rss = ", ".join(f"{kib / 1024:.0f}" for kib in sorted(peaks.values())) or "n/a"
            print(f"{workers:>7} {rate:>9,.1f} {best.chars / best.seconds:>11,.0f} {best.seconds:>8.2f} "
                  f"{rate / base:>7.2f}x {cpu:>6.2f} {workers * base_cpu / cpu:>17.2f}x  "
                  f"{rss}{' (main process)' if workers == 1 else ''}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
