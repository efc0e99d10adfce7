"""Ingest: read and extract articles into the store, batch by batch, then re-link.

A file is known by one name, its resolved real path (an upload by its label), so every spelling
of a path is the same file. A file whose bytes are unchanged since it was stored is skipped
without parsing; a changed file replaces its rows. Each batch is one transaction (`core.batch`),
so a crash loses at most the batch being written and a re-run completes it, with nothing doubled.
Reading a file and extracting an article each have a time limit (`core.limits`).
"""

from __future__ import annotations

import contextlib
import os
import sys
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path

import duckdb

from core import store
from core.batch import (
    RELINK_PENDING,
    is_excluded,
    known_hashes,
    merge_duplicate_files,
    relink_pending,
    write_batch,
)
from core.files import FILES_TOGETHER, FileResult, file_hash, process_file, process_files
from core.messages import one_line
from core.pipeline import link_articles
from core.read import expand_paths, storable
from core.records import ReadFailure

BATCH_SIZE = 500
__all__ = ["BATCH_SIZE", "RELINK_PENDING", "FileResult", "IngestReport", "file_hash", "ingest", "process_file", "relink",
           "write_batch"]
#: Called after each file with (files done, files to do, the file's stored name).
FileProgress = Callable[[int, int, str], None]


@dataclass
class IngestReport:
    """Counts for the CLI's summary line."""

    files_seen: int = 0
    files_skipped: int = 0
    files_stored: int = 0
    articles_stored: int = 0
    files_excluded: int = 0
    failures: list[ReadFailure] = field(default_factory=list)


def file_identity(path: str) -> str:
    """The one name a file is stored under: its resolved real path (symbolic links, '..' and relative
    spellings resolved), as storable text. A path that is not a regular file (missing, a dangling
    link, a device) is only made absolute, so that its failure names what was given."""
    real = os.path.realpath(path)
    return storable(real if os.path.isfile(real) else os.path.abspath(path))


@dataclass(frozen=True)
class Planned:
    """A file to read (`path`) and the name it is stored under."""

    path: str
    name: str


def plan(paths: Iterable[str], known: Mapping[str, str], report: IngestReport,
         labels: Mapping[str, str] | None = None, exclude: Sequence[str] = ()) -> Iterator[Planned | FileResult]:
    """The files to process, in order: new or changed files as `Planned`, unreadable paths as
    FileResults of their failure. Unchanged files are counted as skipped, excluded ones as excluded.

    `labels` maps a file's path to the name it is stored under (an upload's label rather than
    the temporary file it was written to). Shared by local and Dask ingest."""
    labels = {file_identity(path): label for path, label in (labels or {}).items()}
    seen: set[str] = set()  # a file given twice (itself and its folder, two spellings) is done once
    for item in expand_paths(paths):
        if isinstance(item, ReadFailure):
            report.files_seen += 1
            name = storable(os.path.abspath(item.path))
            yield FileResult(name, "", failures=[ReadFailure(name, one_line(item.reason))])
            continue
        if exclude and is_excluded(item, exclude):
            report.files_excluded += 1
            continue
        report.files_seen += 1
        real = file_identity(item)
        name = labels.get(real, real)
        if name in seen or (known.get(name) and known[name] == file_hash(item)):
            report.files_skipped += 1
            continue
        seen.add(name)
        yield Planned(item, name)


def _results(planned: list[Planned | FileResult], workers: int) -> Iterator[FileResult]:
    """FileResults in plan order, extracted here or in `workers` processes."""
    todo = [p for p in planned if isinstance(p, Planned)]
    groups = [todo[i:i + FILES_TOGETHER] for i in range(0, len(todo), FILES_TOGETHER)]
    if workers <= 1 or len(groups) <= 1:
        done = (r for g in groups for r in process_files([p.path for p in g], [p.name for p in g]))
        for item in planned:
            yield item if isinstance(item, FileResult) else next(done)
        return
    from concurrent.futures import ProcessPoolExecutor

    pool = ProcessPoolExecutor(max_workers=workers)
    try:
        chunk = max(1, min(16, len(groups) // (workers * 8) or 1))
        done = (r for results in pool.map(process_files, [[p.path for p in g] for g in groups],
                                          [[p.name for p in g] for g in groups], chunksize=chunk) for r in results)
        for item in planned:
            yield item if isinstance(item, FileResult) else next(done)
    finally:  # stopped (an interrupt, a store error): do not wait for the files not yet started
        pool.shutdown(wait=True, cancel_futures=True)


def ingest(paths: Iterable[str], db: Path | None = None, workers: int = 1, batch_size: int = BATCH_SIZE,
           progress: bool = True, notify: Callable[[str], None] | None = None,
           labels: Mapping[str, str] | None = None, exclude: Sequence[str] = (),
           on_file: FileProgress | None = None, on_wait: Callable[[float], None] | None = None,
           wait: float | None = None) -> IngestReport:
    """Add the articles under `paths` to the store at `db`, skipping files matching an `exclude` glob.

    `on_file` is called after each file; `on_wait(seconds)` while waiting for another ingest's
    writer lock (it may raise to give up; after `wait` seconds the store is reported busy). Raises `store.StoreError` when the store is not usable
    (busy, unwritable, full, damaged, not a Flankwatch store).
    """
    db = Path(db) if db else store.default_db()
    notify = notify or print_notice
    report = IngestReport()
    with ingest_session(db, notify, on_wait, wait) as session:
        planned = list(plan(paths, session.known, report, labels, exclude))
        batch: list[FileResult] = []
        bar = progress_bar(progress)
        for done, result in enumerate(_results(planned, workers), start=1):
            bar.update(1)
            report_failures(result, report, notify)
            batch.append(result)
            if len(batch) >= batch_size:
                session.changed |= write_batch(db, batch, report)
                batch = []
            if on_file:
                on_file(done, len(planned), result.path)
        session.changed |= write_batch(db, batch, report)
        bar.close()
    return report


def print_notice(message: str) -> None:
    print(f"flankwatch: {one_line(message)}", file=sys.stderr)


@dataclass
class IngestSession:
    """What an ingest needs to know while it holds the store: the stored hashes, and whether the
    cross-article tables must be recomputed at the end."""

    known: dict[str, str]
    changed: bool


@contextlib.contextmanager
def ingest_session(db: Path, notify: Callable[[str], None], on_wait: Callable[[float], None] | None = None,
                   wait: float | None = None) -> Iterator[IngestSession]:
    """Hold the writer lock, create (or check) the store, give older stores' files their one name,
    and re-link at the end if anything was written — or if an earlier ingest stored batches but was
    stopped before linking. A store problem raises StoreError (one clear message, not a traceback).
    Shared by local and Dask ingest."""
    with store.writer_lock(db, wait=wait, notify=notify, on_wait=on_wait):
        try:
            store.open_for_write(db).close()  # create the store (and check it is one) before any work
            merged = merge_duplicate_files(db, file_identity)
            session = IngestSession(known_hashes(db), merged or relink_pending(db))
            yield session
            if session.changed:
                relink(db)
        except duckdb.Error as error:
            raise store.unusable(db, error) from error
        except OSError as error:
            raise store.from_os_error(db, error) from error


def report_failures(result: FileResult, report: IngestReport, notify: Callable[[str], None]) -> None:
    """Say each failure of a file in one line and keep it in the report."""
    for failure in result.failures:
        notify(one_line(str(failure)))
    report.failures.extend(result.failures)


def progress_bar(enabled: bool):
    from tqdm import tqdm

    return tqdm(desc="ingest", unit="file", disable=None if enabled else True, file=sys.stderr, leave=False)


def load_link_inputs(db: Path):
    """What the cross-article steps read: the rows they link, and every article's fingerprint in
    order (earliest published first, then ingest order), read with a read-only connection."""
    frames = store.load_tables(db, ("articles", "site_mentions", "roles", "deployments"))
    con = store.connect(db, read_only=True)
    try:
        prints = con.execute(
            "SELECT f.article_id, f.words, f.numbers, f.names FROM fingerprints f JOIN articles a USING (article_id) "
            "ORDER BY a.published NULLS LAST, f.seq").fetchall()
        frames["program_mentions"] = con.execute("SELECT * FROM program_mentions").df()
    finally:
        con.close()
    return frames, [(r[0], {"words": r[1], "numbers": r[2], "names": r[3]}) for r in prints]


def relink(db: Path) -> None:
    """Recompute the cross-article tables (duplicates, sites, programs, conflicts) in one transaction.

    The store is read with a read-only connection and the linking (`pipeline.link_articles`, the one
    composition of the cross-article steps) done before the write connection is opened, so readers
    are locked out only while the results are written."""
    frames, fingerprints = load_link_inputs(db)
    linked = link_articles(frames, fingerprints)
    dups = linked["articles"].loc[linked["articles"]["duplicate_of"].notna(), ["article_id", "duplicate_of"]]
    with store.write_transaction(db) as con:
        con.register("dups", dups.rename(columns={"duplicate_of": "dup"}))
        con.execute("UPDATE articles SET duplicate_of = NULL")
        con.execute("UPDATE articles SET duplicate_of = dups.dup FROM dups WHERE articles.article_id = dups.article_id")
        con.unregister("dups")
        for table in ("sites", "programs", "conflicts"):
            store.replace_table(con, table, linked[table])
        con.execute("DELETE FROM meta WHERE key = ?", [RELINK_PENDING])
