"""The command line: argument parsing only; the work is done by the library.

    govnews-nlp extract FILE... | -     one JSON document per input (JSON Lines)
"""
from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import Optional, Sequence

EXIT_OK, EXIT_INPUT_ERROR, EXIT_USAGE = 0, 1, 2

DOCUMENT_FIELDS = ("id", "title", "source", "published_at", "text", "authors", "officials", "places",
                   "counts", "amounts", "slogans", "dates")


def _fields(value: str) -> list[str]:
    fields = [f.strip() for f in value.split(",") if f.strip()]
    unknown = [f for f in fields if f not in DOCUMENT_FIELDS]
    if unknown:
        raise argparse.ArgumentTypeError(f"unknown field(s) {', '.join(unknown)}; choose from {', '.join(DOCUMENT_FIELDS)}")
    return fields


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="govnews-nlp", description="Typed records from Chinese government news.")
    parser.add_argument("--version", action="version", version=_version())
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    extract = commands.add_parser("extract", help="extract records from article files (or - for stdin)",
                                  description="Print one JSON document per input file (JSON Lines).")
    extract.add_argument("files", nargs="+", metavar="FILE", help="text or HTML files; - reads standard input")
    extract.add_argument("--pretty", action="store_true", help="indented JSON, one document after another")
    extract.add_argument("--fields", type=_fields, help="comma-separated document fields to print, e.g. officials,places")
    extract.add_argument("--published-at", help="publication date to resolve relative dates (ISO), for every input")
    extract.set_defaults(handler=run_extract)
    return parser


def _version() -> str:
    from . import __version__

    return f"govnews-nlp {__version__}"


def _read_input(name: str) -> bytes:
    if name == "-":
        return sys.stdin.buffer.read()
    return Path(name).read_bytes()


def run_extract(args: argparse.Namespace) -> int:
    from .errors import InputError
    from .pipeline import default_pipeline

    pipeline = default_pipeline()
    status = EXIT_OK
    for name in args.files:
        try:
            data = _read_input(name)
            doc = pipeline(data, id=name, published_at=args.published_at)
        except (OSError, InputError) as exc:
            print(f"govnews-nlp: {name}: {exc}", file=sys.stderr)
            status = EXIT_INPUT_ERROR
            continue
        record = doc.model_dump(mode="json", include=set(args.fields) if args.fields else None)
        print(json.dumps(record, ensure_ascii=False, indent=2 if args.pretty else None), flush=True)
    return status


def main(argv: Optional[Sequence[str]] = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    try:
        return args.handler(args)
    except BrokenPipeError:
        return EXIT_OK
    except KeyboardInterrupt:
        return 130


if __name__ == "__main__":
    sys.exit(main())
