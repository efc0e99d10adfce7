"""Command line: `python -m core extract|ingest|export ...`."""

from __future__ import annotations

import argparse
import json
import os
import signal
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from core.schema import CONTRACT_TABLES, TABLES
from core.store_errors import StoreError

if TYPE_CHECKING:  # pandas, DuckDB and the pipeline are imported by the commands that need them
    import pandas as pd


class Terminated(BaseException):
    """SIGTERM arrived: stop as an interrupt does (the batch being written is rolled back). A
    BaseException, like KeyboardInterrupt, so that no 'a bug must not stop the run' handler takes it
    for one file's failure."""


def _jsonable(df: pd.DataFrame) -> list[dict]:
    """Rows as plain JSON values (NaN -> null, numpy -> Python)."""
    return json.loads(df.to_json(orient="records", force_ascii=False, date_format="iso"))


def cmd_extract(args: argparse.Namespace) -> int:
    from core.export import write_csv
    from core.messages import one_line
    from core.pipeline import extract_all

    frames, failures = extract_all(_included(args.paths, args.exclude))
    for failure in failures:
        print(f"flankwatch: {one_line(str(failure))}", file=sys.stderr)
    tables = [*CONTRACT_TABLES, "conflicts"]
    if args.format == "json":
        out = {t: _jsonable(frames[t]) for t in tables}
        out["failures"] = [{"path": f.path, "reason": f.reason} for f in failures]
        json.dump(out, sys.stdout, ensure_ascii=False, indent=1)
        sys.stdout.write("\n")
    else:
        for t in tables:
            print(f"# {t}")
            write_csv(frames[t], sys.stdout)
    return 1 if failures and not len(frames["articles"]) else 0


def _included(paths: Sequence[str], exclude: Sequence[str]) -> list[str]:
    """The files under `paths` that no `exclude` glob matches (as `ingest --exclude` skips them);
    a path that cannot be read is kept, so that extraction reports it."""
    if not exclude:
        return list(paths)
    from core.batch import is_excluded
    from core.read import expand_paths
    from core.records import ReadFailure

    found = (item.path if isinstance(item, ReadFailure) else item for item in expand_paths(paths))
    return [path for path in found if not is_excluded(path, exclude)]


def cmd_ingest(args: argparse.Namespace) -> int:
    from core.ingest import ingest

    if args.dask:
        from core.distributed import ingest_with_dask

        report = ingest_with_dask(args.paths, args.db, args.dask, progress=not args.quiet, exclude=args.exclude)
    else:
        batch = {"batch_size": args.batch_size} if args.batch_size else {}
        report = ingest(args.paths, args.db, workers=args.workers, progress=not args.quiet, exclude=args.exclude,
                        **batch)
    excluded = f", {report.files_excluded} excluded" if report.files_excluded else ""
    print(f"flankwatch: {report.files_seen} files seen, {report.files_stored} stored "
          f"({report.articles_stored} articles), {report.files_skipped} unchanged, "
          f"{len(report.failures)} failed{excluded}", file=sys.stderr)
    return 1 if report.failures else 0


def cmd_clear_failures(args: argparse.Namespace) -> int:
    from core.batch import clear_failures
    from core.store import default_db

    cleared = clear_failures(args.db or default_db(), args.exclude)
    print(f"flankwatch: cleared {cleared} failure(s) of files that no longer exist or are excluded",
          file=sys.stderr)
    return 0


def cmd_export(args: argparse.Namespace) -> int:
    from core.export import write_csv
    from core.store import load_table

    frame = load_table(args.table, args.db)

    def write(out) -> None:
        if args.format == "csv":
            write_csv(frame, out)
        else:
            json.dump(_jsonable(frame), out, ensure_ascii=False, indent=1)
            out.write("\n")

    if not args.output:
        write(sys.stdout)
        return 0
    target = Path(args.output)
    partial = target.with_name(f".{target.name}.partial")
    with open(partial, "w", encoding="utf-8", newline="") as out:
        write(out)
    os.replace(partial, target)  # the file appears whole or not at all
    return 0


def _positive_int(text: str) -> int:
    value = int(text)
    if value < 1:
        raise argparse.ArgumentTypeError(f"must be at least 1, not {value}")
    return value


def _db_option(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--db", type=Path, default=None,
                        help="the store file (default: $FLANKWATCH_DB or store/flankwatch.duckdb)")


def _exclude_option(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--exclude", metavar="GLOB", action="append", default=[],
                        help="skip files whose path or name matches GLOB, e.g. '*.gold.json' (repeatable)")


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="python -m core", description="Flankwatch: defence news into tables.")
    sub = parser.add_subparsers(dest="command", required=True)
    extract = sub.add_parser("extract", help="print the tables of articles without storing them")
    extract.add_argument("paths", nargs="+", help="files or folders of articles")
    extract.add_argument("--format", choices=("json", "csv"), default="json")
    extract.set_defaults(func=cmd_extract)
    _exclude_option(extract)

    ingest = sub.add_parser("ingest", help="add articles to the store (unchanged files are skipped)")
    ingest.add_argument("paths", nargs="+", help="files or folders of articles")
    ingest.add_argument("--workers", type=int, default=1, help="worker processes for extraction (default 1)")
    ingest.add_argument("--dask", metavar="SCHEDULER",
                        help="run extraction on a Dask cluster: tcp://HOST:8786, or 'local' for a LocalCluster")
    ingest.add_argument("--quiet", action="store_true", help="no progress bar")
    _exclude_option(ingest)
    ingest.add_argument("--batch-size", type=_positive_int, default=None,
                        help=argparse.SUPPRESS)  # files per transaction (tests of crash safety use small batches)
    _db_option(ingest)
    ingest.set_defaults(func=cmd_ingest)

    clear = sub.add_parser("clear-failures",
                           help="forget the recorded failures of files that no longer exist or are excluded")
    _exclude_option(clear)
    _db_option(clear)
    clear.set_defaults(func=cmd_clear_failures)

    export = sub.add_parser("export", help="write one table of the store as CSV or JSON")
    export.add_argument("table", choices=sorted(TABLES))
    export.add_argument("--format", choices=("csv", "json"), default="csv")
    export.add_argument("-o", "--output", help="file to write (default: standard output)")
    _db_option(export)
    export.set_defaults(func=cmd_export)
    return parser


#: The stopping signal received, if any: a signal that arrives while DuckDB runs a query surfaces as
#: DuckDB's own "Query interrupted" error (or a store error wrapping it), so main looks here first.
_STOPPED: dict[str, int] = {}
_STOP_MESSAGES: dict[int, tuple[str, int]] = {
    signal.SIGINT: ("interrupted", 130),
    signal.SIGTERM: ("terminated (SIGTERM); every batch written before is kept, run it again to finish", 143),
}


def _stop(signum, frame) -> None:
    _STOPPED["signal"] = signum
    raise KeyboardInterrupt if signum == signal.SIGINT else Terminated


def main(argv: Sequence[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    _STOPPED.clear()
    previous = {number: signal.signal(number, _stop) for number in _STOP_MESSAGES}
    try:
        return args.func(args)
    except (KeyboardInterrupt, Terminated, Exception) as error:
        return _report(error)
    finally:
        for number, handler in previous.items():
            signal.signal(number, handler)


def _report(error: BaseException) -> int:
    """One line on stderr for what stopped the command, and its exit status; anything else re-raised."""
    if "signal" in _STOPPED or isinstance(error, KeyboardInterrupt | Terminated):
        message, status = _STOP_MESSAGES[_STOPPED.get("signal", signal.SIGINT)]
        print(f"flankwatch: {message}", file=sys.stderr)
        return status
    if isinstance(error, StoreError):
        from core.messages import one_line

        print(f"flankwatch: {one_line(str(error))}", file=sys.stderr)
        return 2
    if isinstance(error, BrokenPipeError):  # the reader of the output went away ('| head'): stop quietly
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())  # no second error at exit
        return 1
    raise error
