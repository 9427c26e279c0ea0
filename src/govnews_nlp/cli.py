"""The command line: argument parsing only; the work is done by the library.

    govnews-nlp extract FILE... | -     one JSON document per input (JSON Lines)
    govnews-nlp render FILE -o out.html           an HTML page of what was extracted
    govnews-nlp render --batch results.jsonl -o dir/   one page per document plus index.html
    govnews-nlp batch INPUT... --out OUT [--db DB]   a corpus, in parallel, resumable (docs/batch.md)
"""
from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import Optional, Sequence

EXIT_OK, EXIT_INPUT_ERROR, EXIT_USAGE, EXIT_MODEL_ERROR = 0, 1, 2, 3

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
    extract.add_argument("--model", choices=("jieba", "hanlp"), default="jieba",
                         help="model candidates beside the rules: jieba (default) or hanlp (needs the hanlp extra)")
    extract.add_argument("--hanlp-model", metavar="ID_OR_DIR",
                         help="HanLP NER model: a hanlp.pretrained.ner name, URL or local directory "
                              "(default MSRA_NER_ELECTRA_SMALL_ZH); implies --model hanlp")
    extract.set_defaults(handler=run_extract)

    render = commands.add_parser("render", help="an HTML page showing what was extracted",
                                 description="Write a self-contained HTML page with every record highlighted.")
    render_input = render.add_mutually_exclusive_group(required=True)
    render_input.add_argument("file", nargs="?", metavar="FILE", help="a text or HTML article; - reads standard input")
    render_input.add_argument("--batch", metavar="JSONL",
                              help="JSON Lines written by `govnews-nlp extract`: one page per document plus index.html")
    render.add_argument("-o", "--output", metavar="PATH",
                        help="the page to write (default: standard output); with --batch, the directory (required)")
    render.add_argument("--published-at", help="publication date to resolve relative dates (ISO)")
    render.set_defaults(handler=run_render)

    batch = commands.add_parser(
        "batch", help="extract a corpus in parallel into JSON Lines and/or SQLite (resumable)",
        description="Extract every record of JSON Lines, CSV or directories of .txt/.html files (gzip or not). "
                    "Rerunning the same command resumes an interrupted run. Exit code 1 when some inputs failed "
                    "(see the errors output), 130 when interrupted. See docs/batch.md.")
    batch.add_argument("inputs", nargs="+", metavar="INPUT", help=".jsonl, .csv, .tsv, .txt, .html (+ .gz), a directory, or - (JSON Lines)")
    batch.add_argument("--out", help="documents as JSON Lines (appended; errors go to OUT's .errors.jsonl)")
    batch.add_argument("--errors", metavar="PATH", help="errors as JSON Lines (default: beside --out)")
    batch.add_argument("--db", help="SQLite database with tables documents, officials, titles, places, ... and errors")
    batch.add_argument("--parquet", metavar="DIR", help="after the run, export the --db tables as Parquet (needs pyarrow)")
    batch.add_argument("--workers", type=_positive, help="worker processes (default: the number of CPUs this process may use)")
    batch.add_argument("--engine", choices=("local", "dask"), default="local", help="local process pool or a Dask cluster")
    batch.add_argument("--scheduler", metavar="ADDRESS", help="Dask scheduler, e.g. tcp://host:8786 (default: a local cluster)")
    batch.add_argument("--text-column", default="text", help="CSV column holding the text (default: text)")
    batch.add_argument("--id-column", default="id", help="CSV column holding the id (default: id; else the row's location)")
    batch.add_argument("--max-chars", type=_positive, help="longer texts are errors (default: 2000000)")
    batch.add_argument("--timeout", type=_positive, metavar="SECONDS",
                       help="a chunk of records that takes longer is retried record by record, and a record that "
                            "takes longer alone is an error (default: 120; needs 2 or more workers)")
    batch.add_argument("--quiet", action="store_true", help="no progress bar and no summary line")
    batch.set_defaults(handler=run_batch)
    return parser


def _positive(value: str) -> int:
    try:
        number = int(value)
    except ValueError:
        number = 0
    if number < 1:
        raise argparse.ArgumentTypeError(f"expected a positive integer, got {value!r}")
    return number


def _version() -> str:
    from . import __version__

    return f"govnews-nlp {__version__}"


def _read_input(name: str) -> bytes:
    if name == "-":
        return sys.stdin.buffer.read()
    return Path(name).read_bytes()


def run_extract(args: argparse.Namespace) -> int:
    from .errors import InputError, MissingExtraError, ModelUnavailableError
    from .pipeline import Pipeline, default_pipeline

    if args.model == "jieba" and args.hanlp_model is None:
        pipeline = default_pipeline()
    else:
        try:
            pipeline = Pipeline(model="hanlp", hanlp_model=args.hanlp_model)
            pipeline.load_model()
        except (MissingExtraError, ModelUnavailableError) as exc:
            print(f"govnews-nlp: {exc}", file=sys.stderr)
            return EXIT_MODEL_ERROR
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


def run_render(args: argparse.Namespace) -> int:
    from .errors import InputError
    from .render import read_jsonl, render_html, write_pages

    if args.batch is not None:
        if not args.output:
            print("govnews-nlp render: --batch needs -o DIRECTORY", file=sys.stderr)
            return EXIT_USAGE
        bad_lines = []

        def report(number: int, message: str) -> None:
            bad_lines.append(number)
            print(f"govnews-nlp: {args.batch}: line {number}: {message}", file=sys.stderr)

        try:
            with _open_text(args.batch) as lines:
                pages = write_pages(read_jsonl(lines, on_error=report), args.output)
        except (OSError, UnicodeDecodeError) as exc:
            print(f"govnews-nlp: {args.batch}: {exc}", file=sys.stderr)
            return EXIT_INPUT_ERROR
        print(f"govnews-nlp: {len(pages)} page(s) and index.html written to {args.output}", file=sys.stderr)
        return EXIT_INPUT_ERROR if bad_lines else EXIT_OK

    from .pipeline import default_pipeline

    try:
        doc = default_pipeline()(_read_input(args.file), id=args.file, published_at=args.published_at)
    except (OSError, InputError) as exc:
        print(f"govnews-nlp: {args.file}: {exc}", file=sys.stderr)
        return EXIT_INPUT_ERROR
    page = render_html(doc)
    if args.output and args.output != "-":
        Path(args.output).write_text(page, encoding="utf-8")
    else:
        sys.stdout.write(page)
    return EXIT_OK


def _open_text(name: str):
    """The lines of a UTF-8 text file, or of standard input for ``-`` (left open on exit)."""
    if name == "-":
        from contextlib import nullcontext

        return nullcontext(line.decode("utf-8") for line in sys.stdin.buffer)
    return open(name, encoding="utf-8")


def run_batch(args: argparse.Namespace) -> int:
    from . import batch
    from .errors import GovnewsError, MissingExtraError

    if args.out is None and args.db is None:
        print("govnews-nlp batch: give --out and/or --db", file=sys.stderr)
        return EXIT_USAGE
    if args.parquet and args.db is None:
        print("govnews-nlp batch: --parquet exports the --db tables; give --db too", file=sys.stderr)
        return EXIT_USAGE
    if args.scheduler and args.engine != "dask":
        print("govnews-nlp batch: --scheduler needs --engine dask", file=sys.stderr)
        return EXIT_USAGE
    if args.parquet:
        from importlib.util import find_spec

        if find_spec("pyarrow") is None:  # say so now, not after hours of extraction
            print(f"govnews-nlp batch: {MissingExtraError('pyarrow', 'parquet')}", file=sys.stderr)
            return EXIT_USAGE
    try:
        summary = batch.run(args.inputs, out=args.out, errors=args.errors, db=args.db, workers=args.workers,
                            engine=args.engine, scheduler=args.scheduler, text_column=args.text_column,
                            id_column=args.id_column, max_chars=args.max_chars or batch.DEFAULT_MAX_CHARS,
                            timeout=args.timeout or batch.DEFAULT_TIMEOUT,
                            progress=False if args.quiet else None)
        if args.parquet and not summary.interrupted:
            from .store import export_parquet

            export_parquet(args.db, args.parquet)
    except (ValueError, OSError, MissingExtraError) as exc:
        print(f"govnews-nlp batch: {exc}", file=sys.stderr)
        return EXIT_USAGE
    except GovnewsError as exc:
        print(f"govnews-nlp batch: {exc}", file=sys.stderr)
        return EXIT_INPUT_ERROR
    if not args.quiet:
        print(f"govnews-nlp batch: {summary.line()}", file=sys.stderr)
    return summary.exit_code


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
