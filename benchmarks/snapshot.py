"""Write every extraction of the available corpora to one file, to prove an optimisation changed nothing.

    python benchmarks/snapshot.py OUT.jsonl [--limit-per-file N]

For each text (``examples/*.txt``, then ``eval/dev.jsonl`` and every ``corpus/news_*/*.jsonl``
of the shared data, found as throughput.py finds it) and for each of three variants — as is, wrapped in HTML paragraphs, and converted to traditional script
with ASCII commas and full-width spaces — one line: the ``Document`` as JSON plus a digest
of its offset map (so the raw span of every record is covered). Run it before and after a
change; the files must be byte-identical (``cmp before.jsonl after.jsonl``).
"""
from __future__ import annotations

import argparse
import hashlib
import json
import sys
import time
from pathlib import Path
from typing import Iterator, Optional

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(Path(__file__).resolve().parent))

from throughput import shared_dir  # noqa: E402


def sources(limit_per_file: Optional[int]) -> Iterator[tuple[str, str]]:
    for path in sorted((ROOT / "examples").glob("*.txt")):
        yield path.name, path.read_text(encoding="utf-8")
    shared = shared_dir()
    if shared is None:
        return
    files = [shared / "eval" / "dev.jsonl", *sorted(shared.glob("corpus/news_*/*.jsonl"))]
    for path in files:
        if not path.exists():
            continue
        with path.open(encoding="utf-8") as handle:
            for number, line in enumerate(handle):
                if limit_per_file is not None and number >= limit_per_file:
                    break
                if line.strip():
                    row = json.loads(line)
                    if row.get("text"):
                        yield f"{path.parent.name}/{path.name}:{row.get('id', number)}", row["text"]


def variants(text: str, to_traditional) -> Iterator[tuple[str, str]]:
    yield "plain", text
    yield "html", "<html><body><p>" + text.replace("\n", "</p>\n<p>") + "</p></body></html>"
    yield "traditional", to_traditional(text).replace("，", ",").replace(" ", "\u3000 ") + "\r\n"


def main(argv: Optional[list[str]] = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("out", type=Path)
    parser.add_argument("--limit-per-file", type=int, default=None, help="texts per corpus file (default all)")
    args = parser.parse_args(argv)

    import opencc

    import govnews_nlp

    to_traditional = opencc.OpenCC("s2t").convert
    count = 0
    start = time.perf_counter()
    with args.out.open("w", encoding="utf-8") as out:
        for name, text in sources(args.limit_per_file):
            for kind, variant in variants(text, to_traditional):
                doc = govnews_nlp.extract(variant)
                offsets = hashlib.sha1(json.dumps([list(doc._raw_starts), list(doc._raw_ends)]).encode()).hexdigest()
                record = {"name": name, "variant": kind, "offsets": offsets, "document": doc.model_dump(mode="json")}
                out.write(json.dumps(record, ensure_ascii=False, sort_keys=True) + "\n")
                count += 1
    print(f"{count} documents written to {args.out} in {time.perf_counter() - start:.1f} s", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
