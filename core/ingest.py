"""Ingest: read and extract articles into the store, batch by batch, then re-link.

A file whose bytes are unchanged since it was stored is skipped without parsing; a
changed file replaces its rows. Each batch is one transaction, so a crash loses at most
the batch being written and a re-run completes it, with nothing doubled.
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import stat
import sys
from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from pathlib import Path

import duckdb
import pandas as pd

from core import link, store
from core.messages import one_line
from core.pipeline import ArticleTables, extract_document, link_frames
from core.read import expand_paths, read_file, storable
from core.records import ReadFailure
from core.schema import ARTICLE_TABLES, TABLES, column_names

BATCH_SIZE = 500
#: Key in the store's `meta` table, set by each batch and cleared by the relink that follows it.
RELINK_PENDING = "relink_pending"


@dataclass
class FileResult:
    """What one file gave: its articles and the failures of items inside it."""

    path: str
    file_hash: str
    articles: list[ArticleTables] = field(default_factory=list)
    failures: list[ReadFailure] = field(default_factory=list)


@dataclass
class IngestReport:
    """Counts for the CLI's summary line."""

    files_seen: int = 0
    files_skipped: int = 0
    files_stored: int = 0
    articles_stored: int = 0
    failures: list[ReadFailure] = field(default_factory=list)


def file_hash(path: str) -> str:
    """SHA-256 of a file's bytes ('' if it cannot be read or is not a regular file: the reader will say why).

    Opened without blocking, so a named pipe or device among the files cannot hang the ingest.
    """
    digest = hashlib.sha256()
    try:
        with open(os.open(path, os.O_RDONLY | os.O_NONBLOCK), "rb") as f:
            if not stat.S_ISREG(os.fstat(f.fileno()).st_mode):
                return ""
            for chunk in iter(lambda: f.read(1 << 20), b""):
                digest.update(chunk)
    except OSError:
        return ""
    return digest.hexdigest()


def process_file(path: str) -> FileResult:
    """Read and extract one file (runs in worker processes too).

    Paths are kept as the store can hold them (`read.storable`: the odd bytes of a file name that
    is not UTF-8 as escapes), reasons as one line.
    """
    result = FileResult(storable(path), file_hash(path))
    read = read_file(path)
    items = [read] if isinstance(read, ReadFailure) else read
    for item in items:
        if isinstance(item, ReadFailure):
            result.failures.append(_storable_failure(item))
            continue
        try:
            article = extract_document(item)
        except Exception as error:  # a bug must not stop the batch: report it as this file's failure
            result.failures.append(_storable_failure(
                ReadFailure(item.path, f"extraction failed: {type(error).__name__}: {error}")))
            continue
        result.articles.append(article)
    return result


def _storable_failure(failure: ReadFailure) -> ReadFailure:
    return ReadFailure(storable(failure.path), one_line(failure.reason))


def _known_hashes(db: Path) -> dict[str, str]:
    if not db.exists():
        return {}
    con = store.connect(db, read_only=True)
    try:
        tables = {r[0] for r in con.execute("SELECT table_name FROM information_schema.tables").fetchall()}
        if "files" not in tables:
            return {}
        return dict(con.execute("SELECT path, file_hash FROM files").fetchall())
    finally:
        con.close()


def _relink_pending(db: Path) -> bool:
    """Whether batches were stored since the last relink (an ingest stopped before it relinked)."""
    con = store.connect(db, read_only=True)
    try:
        return con.execute("SELECT count(*) FROM meta WHERE key = ?", [RELINK_PENDING]).fetchone()[0] > 0
    finally:
        con.close()


def _results(paths: Iterable[str], known: dict[str, str], report: IngestReport,
             workers: int, labels: Mapping[str, str] | None = None) -> Iterator[FileResult]:
    """FileResults for new or changed files; unchanged ones are counted and skipped.

    `labels` maps a file's real path to the name it is stored under (an upload's own name,
    rather than the temporary file it was written to)."""
    labels = {storable(real): label for real, label in (labels or {}).items()}
    todo: list[str] = []
    for item in expand_paths(paths):
        if isinstance(item, ReadFailure):
            report.files_seen += 1
            yield relabel(FileResult(storable(item.path), "", failures=[_storable_failure(item)]), labels)
            continue
        report.files_seen += 1
        key = labels.get(storable(item), storable(item))
        if known.get(key) and known[key] == file_hash(item):
            report.files_skipped += 1
            continue
        todo.append(item)
    if workers > 1 and len(todo) > 1:
        from concurrent.futures import ProcessPoolExecutor

        with ProcessPoolExecutor(max_workers=workers) as pool:
            for result in pool.map(process_file, todo, chunksize=max(1, min(64, len(todo) // (workers * 8) or 1))):
                yield relabel(result, labels)
    else:
        for result in map(process_file, todo):
            yield relabel(result, labels)


def relabel(result: FileResult, labels: Mapping[str, str]) -> FileResult:
    """Store a file's rows under its label: the file path and its articles' paths ('#n' kept)."""
    label = labels.get(result.path)
    if not label:
        return result

    def renamed(path: str) -> str:
        return label + path[len(result.path):] if path.startswith(result.path) else label

    for article in result.articles:
        article.article["path"] = renamed(article.article["path"])
    result.failures = [ReadFailure(renamed(f.path), f.reason) for f in result.failures]
    result.path = label
    return result


def ingest(paths: Iterable[str], db: Path | None = None, workers: int = 1, batch_size: int = BATCH_SIZE,
           progress: bool = True, notify: Callable[[str], None] | None = None,
           labels: Mapping[str, str] | None = None) -> IngestReport:
    """Add the articles under `paths` to the store at `db`.

    Raises `store.StoreError` when the store is not usable (not a Flankwatch store, damaged).
    """
    db = Path(db) if db else store.default_db()
    notify = notify or _print_notice
    report = IngestReport()
    with ingest_session(db, notify) as session:
        batch: list[FileResult] = []
        bar = _progress_bar(progress)
        for result in _results(paths, session.known, report, workers, labels):
            bar.update(1)
            report_failures(result, report, notify)
            batch.append(result)
            if len(batch) >= batch_size:
                session.changed |= write_batch(db, batch, report)
                batch = []
        session.changed |= write_batch(db, batch, report)
        bar.close()
    return report


def _print_notice(message: str) -> None:
    print(f"flankwatch: {message}", file=sys.stderr)


@dataclass
class IngestSession:
    """What an ingest needs to know while it holds the store: the stored hashes, and whether the
    cross-article tables must be recomputed at the end."""

    known: dict[str, str]
    changed: bool


@contextlib.contextmanager
def ingest_session(db: Path, notify: Callable[[str], None]) -> Iterator[IngestSession]:
    """Hold the writer lock, create (or check) the store, and re-link at the end if anything was
    written — or if an earlier ingest stored batches but was stopped before linking. A damaged
    store raises StoreError (one clear message, not a traceback). Shared by local and Dask ingest."""
    with store.writer_lock(db, notify=notify):
        try:
            store.open_for_write(db).close()  # create the store (and check it is one) before any work
            session = IngestSession(_known_hashes(db), _relink_pending(db))
            yield session
            if session.changed:
                relink(db)
        except duckdb.Error as error:
            raise store.unusable(db, error) from error


def report_failures(result: FileResult, report: IngestReport, notify: Callable[[str], None]) -> None:
    """Say each failure of a file in one line and keep it in the report."""
    for failure in result.failures:
        notify(one_line(str(failure)))
    report.failures.extend(result.failures)


def _progress_bar(enabled: bool):
    from tqdm import tqdm

    return tqdm(desc="ingest", unit="file", disable=None if enabled else True, file=sys.stderr, leave=False)


def write_batch(db: Path, batch: list[FileResult], report: IngestReport) -> bool:
    """Write one batch in one transaction: replace changed files' rows, add new ones."""
    if not batch:
        return False
    with store.write_transaction(db) as con:
        con.execute("INSERT OR REPLACE INTO meta VALUES (?, '1')", [RELINK_PENDING])
        seq = con.execute("SELECT coalesce(max(seq), 0) FROM files").fetchone()[0]
        _forget_files(con, [result.path for result in batch])
        existing = {r[0] for r in con.execute(
            "SELECT article_id FROM articles WHERE article_id IN (SELECT unnest(?))",
            [[a.article["article_id"] for r in batch for a in r.articles]]).fetchall()}
        rows: dict[str, list[dict]] = {}
        for result in batch:
            seq += 1
            _record_file(con, result, seq, rows, existing)
        for table, table_rows in rows.items():
            if not table_rows:
                continue
            columns = column_names(table) if table in TABLES else list(table_rows[0])
            store.insert_rows(con, table, table_rows, columns)
    report.files_stored += sum(1 for r in batch if r.articles)
    report.articles_stored += sum(len(r.articles) for r in batch)
    return True


def _forget_files(con: duckdb.DuckDBPyConnection, paths: list[str]) -> None:
    """Delete the files' documents and the articles no other file still tells (a few statements per batch)."""
    ids = [r[0] for r in con.execute(
        "SELECT DISTINCT article_id FROM documents WHERE file_path IN (SELECT unnest(?))", [paths]).fetchall()]
    con.execute("DELETE FROM documents WHERE file_path IN (SELECT unnest(?))", [paths])
    con.execute("DELETE FROM files WHERE path IN (SELECT unnest(?))", [paths])
    con.execute("DELETE FROM failures WHERE path IN (SELECT unnest(?)) OR path IN (SELECT f.path FROM failures f, "
                "(SELECT unnest(?) AS p) t WHERE contains(f.path, '#') AND f.path LIKE t.p || '#%')", [paths, paths])
    if not ids:
        return
    orphans = [r[0] for r in con.execute(
        "SELECT unnest(?) AS id EXCEPT SELECT article_id FROM documents", [ids]).fetchall()]
    if orphans:
        for table in (*ARTICLE_TABLES, "articles", "article_texts", "fingerprints", "program_mentions"):
            con.execute(f"DELETE FROM {table} WHERE article_id IN (SELECT unnest(?))", [orphans])


def _record_file(con: duckdb.DuckDBPyConnection, result: FileResult, seq: int, rows: dict[str, list[dict]],
                 existing: set[str]) -> None:
    """Queue a file's rows for insertion (an article already stored under another path is not doubled)."""
    for failure in result.failures:
        rows.setdefault("failures", []).append({"path": failure.path, "reason": failure.reason, "at": store.now()})
    if not result.file_hash:
        return
    rows.setdefault("files", []).append({"path": result.path, "file_hash": result.file_hash, "seq": seq,
                                         "ingested_at": store.now()})
    for art in result.articles:
        article_id = art.article["article_id"]
        rows.setdefault("documents", []).append({"path": art.article["path"], "file_path": result.path,
                                                 "article_id": article_id, "seq": seq})
        if article_id in existing:
            continue
        existing.add(article_id)
        rows.setdefault("articles", []).append(art.article)
        rows.setdefault("article_texts", []).append({"article_id": article_id, "text": art.text})
        rows.setdefault("fingerprints", []).append({"article_id": article_id, "seq": seq, **art.fingerprint})
        for table, table_rows in art.tables.items():
            rows.setdefault(table, []).extend(table_rows)


def load_link_inputs(db: Path) -> tuple[dict[str, pd.DataFrame], list[tuple[str, dict]]]:
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

    The store is read with a read-only connection and the Python work done before the write
    connection is opened, so readers are locked out only while the results are written."""
    frames, fingerprints = load_link_inputs(db)
    duplicates = link.find_duplicates(fingerprints)
    linked = link_frames(frames, duplicates)
    dup_frame = pd.DataFrame({"article_id": list(duplicates), "dup": list(duplicates.values())},
                             columns=["article_id", "dup"])
    with store.write_transaction(db) as con:
        con.register("dups", dup_frame)
        con.execute("UPDATE articles SET duplicate_of = NULL")
        con.execute("UPDATE articles SET duplicate_of = dups.dup FROM dups WHERE articles.article_id = dups.article_id")
        con.unregister("dups")
        for table in ("sites", "programs", "conflicts"):
            store.replace_table(con, table, linked[table])
        con.execute("DELETE FROM meta WHERE key = ?", [RELINK_PENDING])
