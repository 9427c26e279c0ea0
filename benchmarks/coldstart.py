"""Cold start: a fresh interpreter imports govnews_nlp and extracts the seed article.

    python benchmarks/coldstart.py [--runs N] [--seed PATH]

Every run is a new ``python`` process (the same interpreter as this script). One child
times ``import govnews_nlp`` plus the first ``extract`` of the seed and reports its own
peak RSS (``resource.getrusage(RUSAGE_SELF).ru_maxrss`` at exit) and which heavy modules
it loaded (jieba, opencc, pydantic); another child times ``import govnews_nlp`` alone.
The wall time of the whole child (interpreter start-up included) and of an empty
``python -c pass`` are shown for context. One untimed run first writes the byte-code
caches and warms the OS file cache; the medians are over the next N runs (default 7).
"""
from __future__ import annotations

import argparse
import json
import statistics
import subprocess
import sys
import time
from pathlib import Path
from typing import Optional

ROOT = Path(__file__).resolve().parents[1]
SEED = ROOT / "examples" / "tongzhou.txt"

TARGET_COLD_S = 1.0
TARGET_RSS_MB = 250.0

_EXTRACT_CHILD = r"""
import json, resource, sys, time
start = time.perf_counter()
import govnews_nlp
imported = time.perf_counter()
raw = open(sys.argv[1], encoding="utf-8").read()
read = time.perf_counter()
doc = govnews_nlp.extract(raw)
done = time.perf_counter()
print(json.dumps({
    "import_s": imported - start,
    "first_extract_s": done - read,
    "cold_s": (imported - start) + (done - read),
    "maxrss_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
    "loaded": sorted(m for m in ("jieba", "opencc", "pydantic", "regex", "ahocorasick", "hanlp") if m in sys.modules),
    "officials": len(doc.officials), "places": len(doc.places),
}))
"""

_IMPORT_CHILD = r"""
import json, resource, time
start = time.perf_counter()
import govnews_nlp
print(json.dumps({"import_s": time.perf_counter() - start,
                  "maxrss_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024}))
"""


def child(code: str, *args: str) -> tuple[dict, float]:
    """Run ``code`` in a fresh interpreter; (its JSON report, wall seconds of the whole process)."""
    start = time.perf_counter()
    result = subprocess.run([sys.executable, "-c", code, *args], capture_output=True, text=True, cwd=ROOT)
    wall = time.perf_counter() - start
    if result.returncode != 0:
        raise SystemExit(f"child failed ({result.returncode}):\n{result.stderr}")
    return json.loads(result.stdout.strip().splitlines()[-1]), wall


def wall_of_empty_python() -> float:
    start = time.perf_counter()
    subprocess.run([sys.executable, "-c", "pass"], check=True)
    return time.perf_counter() - start


def main(argv: Optional[list[str]] = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("--runs", type=int, default=7, help="timed fresh processes per measurement (default 7, at least 5)")
    parser.add_argument("--seed", type=Path, default=SEED, help="the article to extract (default examples/tongzhou.txt)")
    parser.add_argument("--json", type=Path, default=None, help="also write the results to this JSON file")
    args = parser.parse_args(argv)

    child(_EXTRACT_CHILD, str(args.seed))  # untimed: byte-code caches, OS file cache, jieba cache if ever needed
    extract_runs, extract_walls, import_runs, empty_walls = [], [], [], []
    for _ in range(args.runs):
        report, wall = child(_EXTRACT_CHILD, str(args.seed))
        extract_runs.append(report)
        extract_walls.append(wall)
        import_runs.append(child(_IMPORT_CHILD)[0])
        empty_walls.append(wall_of_empty_python())

    def summary(values: list[float]) -> tuple[float, float, float]:
        return statistics.median(values), min(values), max(values)

    rows = [
        ("import govnews_nlp alone", summary([r["import_s"] for r in import_runs]), "s", None),
        ("first extract of the seed (after import)", summary([r["first_extract_s"] for r in extract_runs]), "s", None),
        ("cold start: import + first extract", summary([r["cold_s"] for r in extract_runs]), "s", TARGET_COLD_S),
        ("whole child process, wall (interpreter start-up included)", summary(extract_walls), "s", None),
        ("empty `python -c pass`, wall", summary(empty_walls), "s", None),
        ("peak RSS of the child (import + extract)", summary([r["maxrss_mb"] for r in extract_runs]), "MB", TARGET_RSS_MB),
        ("peak RSS after `import govnews_nlp` alone", summary([r["maxrss_mb"] for r in import_runs]), "MB", None),
    ]
    print(f"Seed: {args.seed} ({len(args.seed.read_text(encoding='utf-8')):,} characters); "
          f"{args.runs} fresh processes after one untimed run; Python {sys.version.split()[0]}\n")
    print("| measurement | median | min | max | target |")
    print("|---|---:|---:|---:|---:|")
    for label, (median, low, high), unit, target in rows:
        fmt = "{:.3f} s" if unit == "s" else "{:.0f} MB"
        verdict = "" if target is None else f"≤ {target:g} {unit} " + ("✓" if median <= target else "✗")
        print(f"| {label} | {fmt.format(median)} | {fmt.format(low)} | {fmt.format(high)} | {verdict} |")
    loaded = extract_runs[-1]["loaded"]
    print(f"\nModules loaded by the cold extract: {', '.join(loaded) or 'none of the watched ones'}"
          f"{'' if 'jieba' in loaded else ' (jieba is not loaded)'}")
    if args.json:
        args.json.write_text(json.dumps({"runs": args.runs, "extract": extract_runs, "extract_wall_s": extract_walls,
                                         "import": import_runs, "empty_python_wall_s": empty_walls}, indent=2),
                             encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
