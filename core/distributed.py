"""Ingest on a Dask cluster: per-article extraction spread over workers, one writer for the store.

`python -m core ingest PATH... --dask SCHEDULER` comes here. The files to do are planned as in a
local ingest (`core.ingest.plan`: one name per file, unchanged and excluded files skipped), then
split into partitions of a `dask.bag`; each task extracts its files with
`core.ingest.process_file` and writes its rows as Parquet, one file per partition and table,
into a temporary folder next to the store. This process then loads the partitions in file
order, one transaction per partition (`core.ingest.write_batch`, so the store ends up exactly
as a single-process ingest leaves it), and runs the cross-article steps (`core.ingest.relink`)
once at the end.

Workers must see the article files and the store's folder under the same paths (one machine,
or a shared file system) and have Flankwatch installed (`pip install -e '.[scale]'`).
"""

from __future__ import annotations

import contextlib
import math
import shutil
import tempfile
from collections.abc import Callable, Iterable, Iterator, Sequence
from pathlib import Path

from core import store
from core.ingest import (
    FileResult,
    IngestReport,
    Planned,
    ingest_session,
    plan,
    print_notice,
    process_file,
    progress_bar,
    report_failures,
    write_batch,
)
from core.pipeline import ArticleTables
from core.records import ReadFailure

LOCAL = "local"
PARTITION_FILES = 500  # at most this many files per partition (and per store transaction)
CONNECT_TIMEOUT = "10s"
#: One file to ingest: (position in the run, path to read, name to store it under, why it cannot be read or '').
Task = tuple[int, str, str, str]


class SchedulerError(store.StoreError):
    """The Dask scheduler cannot be reached (a StoreError, so the CLI reports it in one line)."""


def ingest_with_dask(paths: Iterable[str], db: Path | None, scheduler: str, progress: bool = True,
                     notify: Callable[[str], None] | None = None,
                     partition_files: int = PARTITION_FILES, exclude: Sequence[str] = ()) -> IngestReport:
    """Add the articles under `paths` to the store at `db`, extracting on the Dask cluster `scheduler`.

    `scheduler` is 'local' (a LocalCluster of two single-threaded worker processes on this
    machine) or a scheduler's address such as tcp://10.0.0.5:8786.
    """
    db = Path(db) if db else store.default_db()
    notify = notify or print_notice
    report = IngestReport()
    with ingest_session(db, notify) as session:
        tasks: list[Task] = []
        for item in plan(paths, session.known, report, exclude=exclude):  # failures keep their place
            if isinstance(item, Planned):
                tasks.append((len(tasks), item.path, item.name, ""))
            else:
                tasks.append((len(tasks), item.path, item.path, item.failures[0].reason))
        if tasks:
            with _client(scheduler) as client, _scratch(db) as scratch:
                session.changed |= _run(client, tasks, scratch, db, report, notify, progress, partition_files)
    return report


@contextlib.contextmanager
def _client(scheduler: str) -> Iterator:
    """A distributed.Client for 'local' (on a LocalCluster of its own) or for a scheduler's address."""
    try:
        from distributed import Client, LocalCluster
    except ImportError as error:  # pragma: no cover - the 'scale' extra is missing
        raise SchedulerError("Dask is not installed: pip install -e '.[scale]'") from error
    if scheduler == LOCAL:
        with LocalCluster(n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None) as cluster, \
                Client(cluster) as client:
            yield client
        return
    try:
        client = Client(scheduler, timeout=CONNECT_TIMEOUT)
    except (OSError, TimeoutError, ValueError, TypeError) as error:
        raise SchedulerError(f"cannot reach the Dask scheduler at {scheduler!r} ({error}); start one with "
                             f"'dask scheduler' and workers with 'dask worker ADDRESS', or use --dask local") \
            from error
    with client:
        yield client


class _scratch:
    """A temporary folder next to the store for the workers' Parquet files, removed afterwards."""

    def __init__(self, db: Path) -> None:
        self.path = Path(tempfile.mkdtemp(prefix=f".{db.name}.dask-", dir=db.parent))

    def __enter__(self) -> Path:
        return self.path

    def __exit__(self, *exc: object) -> None:
        shutil.rmtree(self.path, ignore_errors=True)


def _run(client, tasks: list[Task], scratch: Path, db: Path, report: IngestReport,
         notify: Callable[[str], None], progress: bool, partition_files: int) -> bool:
    """Extract on the cluster and load each partition as soon as it and those before it are done."""
    import dask.bag

    workers = max(1, len(client.scheduler_info().get("workers", {})))
    size = max(1, min(partition_files, math.ceil(len(tasks) / (workers * 4))))
    bag = dask.bag.from_sequence(tasks, partition_size=size)
    futures = client.compute(bag.map_partitions(extract_partition, str(scratch)).to_delayed())
    bar = progress_bar(progress)
    changed = False
    try:
        for future in futures:
            summary = future.result()[0]
            bar.update(summary["files"])
            changed |= _store(db, load_partition(scratch, summary["part"]), report, notify)
    finally:
        bar.close()
        client.cancel(futures)
    return changed


def _store(db: Path, results: list[FileResult], report: IngestReport, notify: Callable[[str], None]) -> bool:
    """Report one partition's failures and write its results in one transaction."""
    for result in results:
        report_failures(result, report, notify)
    return write_batch(db, results, report)


# --- the worker side ---------------------------------------------------------------------------

def extract_partition(tasks: list[Task], scratch: str) -> list[dict]:
    """Extract one partition's files and write its rows as Parquet (runs on a worker)."""
    rows: dict[str, list[dict]] = {}
    for index, path, name, unreadable in tasks:
        if unreadable:
            _rows_of(index, FileResult(name, "", failures=[ReadFailure(name, unreadable)]), rows)
        else:
            _rows_of(index, process_file(path, name), rows)
    part = tasks[0][0] if tasks else 0
    for table, table_rows in rows.items():
        _write_parquet(Path(scratch) / table / f"part-{part:09d}.parquet", table_rows)
    return [{"part": part, "files": len(tasks)}]


def _rows_of(index: int, result: FileResult, rows: dict[str, list[dict]]) -> None:
    rows.setdefault("_files", []).append({"_file": index, "path": result.path, "file_hash": result.file_hash})
    for failure in result.failures:
        rows.setdefault("_failures", []).append({"_file": index, "path": failure.path, "reason": failure.reason})
    for item, art in enumerate(result.articles):
        key = {"_file": index, "_item": item}
        rows.setdefault("_articles", []).append({**key, **{f"article.{k}": v for k, v in art.article.items()},
                                                 "content_hash": art.content_hash, "text": art.text})
        rows.setdefault("_fingerprints", []).append({**key, **art.fingerprint})
        rows.setdefault("_tables", []).append({**key, "tables": list(art.tables)})
        for table, table_rows in art.tables.items():
            rows.setdefault(table, []).extend({**key, **row} for row in table_rows)


def _write_parquet(path: Path, rows: list[dict]) -> None:
    import pyarrow as pa
    import pyarrow.parquet as pq

    columns = list(dict.fromkeys(k for row in rows for k in row))
    table = pa.table({c: pa.array([row.get(c) for row in rows]) for c in columns})
    path.parent.mkdir(parents=True, exist_ok=True)
    pq.write_table(table, path)


# --- back on the client ------------------------------------------------------------------------


def load_partition(scratch: Path, part: int) -> list[FileResult]:
    """One partition's FileResults rebuilt from its Parquet files, in file order."""
    tables = {folder.name: _read_parquet(folder / f"part-{part:09d}.parquet")
              for folder in scratch.iterdir() if (folder / f"part-{part:09d}.parquet").exists()}
    results: dict[int, FileResult] = {}
    for row in tables.pop("_files", []):
        results[row["_file"]] = FileResult(row["path"], row["file_hash"])
    for row in tables.pop("_failures", []):
        results[row["_file"]].failures.append(ReadFailure(row["path"], row["reason"]))
    articles: dict[tuple[int, int], ArticleTables] = {}
    prints = {(r["_file"], r["_item"]): r for r in tables.pop("_fingerprints", [])}
    names = {(r["_file"], r["_item"]): r["tables"] for r in tables.pop("_tables", [])}
    for row in tables.pop("_articles", []):
        key = (row["_file"], row["_item"])
        article = {k.removeprefix("article."): v for k, v in row.items() if k.startswith("article.")}
        fingerprint = {k: v for k, v in prints[key].items() if not k.startswith("_")}
        art = ArticleTables(article, {t: [] for t in names[key]}, row["content_hash"], fingerprint, row["text"])
        articles[key] = art
    for table, table_rows in tables.items():
        for row in table_rows:
            key = (row["_file"], row["_item"])
            articles[key].tables[table].append({k: v for k, v in row.items() if not k.startswith("_")})
    for (index, _), art in sorted(articles.items()):
        results[index].articles.append(art)
    return [results[index] for index in sorted(results)]


def _read_parquet(path: Path) -> list[dict]:
    import pyarrow.parquet as pq

    return pq.read_table(path).to_pylist()
