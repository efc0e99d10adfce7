"""Writing into the store: one batch of file results per transaction, stored files forgotten when
they change, duplicate `files` rows of older stores merged, stale failures cleared.

A file is known by one name (`core.ingest.file_identity`): its resolved real path, or an upload's
label. Stores written before that rule may hold one file under several spellings (absolute,
relative, through '..'); `merge_duplicate_files` keeps the latest of them under the real path.
"""

from __future__ import annotations

import fnmatch
import os
import re
from collections.abc import Iterable
from pathlib import Path
from typing import TYPE_CHECKING

import duckdb

from core import store
from core.schema import ARTICLE_TABLES, TABLES, column_names

if TYPE_CHECKING:
    from core.ingest import FileResult, IngestReport

#: Key in the store's `meta` table, set by each batch and cleared by the relink that follows it.
RELINK_PENDING = "relink_pending"
#: Key in `meta` set once the store's file names follow the one-name rule.
IDENTITY = "file_identity"
_ITEM_SUFFIX = re.compile(r"(?:#\d+|:line \d+)$")


def known_hashes(db: Path) -> dict[str, str]:
    """{stored file name: hash of its bytes when it was stored}."""
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


def relink_pending(db: Path) -> bool:
    """Whether batches were stored since the last relink (an ingest stopped before it relinked)."""
    con = store.connect(db, read_only=True)
    try:
        return (con.execute("SELECT count(*) FROM meta WHERE key = ?", [RELINK_PENDING]).fetchone() or (0,))[0] > 0
    finally:
        con.close()


def write_batch(db: Path, batch: list[FileResult], report: IngestReport) -> bool:
    """Write one batch in one transaction: replace changed files' rows, add new ones."""
    if not batch:
        return False
    with store.write_transaction(db) as con:
        con.execute("INSERT OR REPLACE INTO meta VALUES (?, '1')", [RELINK_PENDING])
        seq = (con.execute("SELECT coalesce(max(seq), 0) FROM files").fetchone() or (0,))[0]
        forget_files(con, [result.path for result in batch])
        existing = {r[0] for r in con.execute(
            "SELECT article_id FROM articles WHERE article_id IN (SELECT unnest(?))",
            [[a.article["article_id"] for r in batch for a in r.articles]]).fetchall()}
        rows: dict[str, list[dict]] = {}
        for result in batch:
            seq += 1
            _record_file(result, seq, rows, existing)
        for table, table_rows in rows.items():
            if not table_rows:
                continue
            columns = column_names(table) if table in TABLES else list(table_rows[0])
            store.insert_rows(con, table, table_rows, columns)
    report.files_stored += sum(1 for r in batch if r.articles)
    report.articles_stored += sum(len(r.articles) for r in batch)
    return True


def forget_files(con: duckdb.DuckDBPyConnection, paths: list[str]) -> None:
    """Delete the files' documents and the articles no other file still tells (a few statements per batch)."""
    ids = [r[0] for r in con.execute(
        "SELECT DISTINCT article_id FROM documents WHERE file_path IN (SELECT unnest(?))", [paths]).fetchall()]
    con.execute("DELETE FROM documents WHERE file_path IN (SELECT unnest(?))", [paths])
    con.execute("DELETE FROM files WHERE path IN (SELECT unnest(?))", [paths])
    con.execute("DELETE FROM failures WHERE path IN (SELECT unnest(?)) OR path IN (SELECT f.path FROM failures f, "
                "(SELECT unnest(?) AS p) t WHERE (contains(f.path, '#') AND f.path LIKE t.p || '#%') "
                "OR f.path LIKE t.p || ':line %')", [paths, paths])
    if not ids:
        return
    orphans = [r[0] for r in con.execute(
        "SELECT unnest(?) AS id EXCEPT SELECT article_id FROM documents", [ids]).fetchall()]
    if orphans:
        for table in (*ARTICLE_TABLES, "articles", "article_texts", "fingerprints", "program_mentions"):
            con.execute(f"DELETE FROM {table} WHERE article_id IN (SELECT unnest(?))", [orphans])


def _record_file(result: FileResult, seq: int, rows: dict[str, list[dict]], existing: set[str]) -> None:
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


def merge_duplicate_files(db: Path, identity) -> bool:
    """Once per store: give every stored file its one name (`identity(path)`, the resolved real path);
    where several stored spellings name one file, keep the latest (highest seq) and forget the others.
    Returns whether anything changed (the cross-article tables then need a relink)."""
    with store.write_transaction(db) as con:
        if (con.execute("SELECT count(*) FROM meta WHERE key = ?", [IDENTITY]).fetchone() or (0,))[0]:
            return False
        rows = con.execute("SELECT path, seq FROM files WHERE NOT starts_with(path, 'upload/') "
                           "ORDER BY seq DESC").fetchall()
        keep: dict[str, str] = {}
        drop: list[str] = []
        for path, _ in rows:
            if not os.path.isabs(path) and not os.path.exists(path):
                continue  # a relative name this process cannot resolve: left as it is
            real = identity(path)
            if real in keep:
                drop.append(path)
            else:
                keep[real] = path
        forget_files(con, drop)
        renamed = {old: real for real, old in keep.items() if old != real}
        for old, real in renamed.items():
            _rename_file(con, old, real)
        con.execute("INSERT OR REPLACE INTO meta VALUES (?, '1')", [IDENTITY])
        if drop or renamed:
            con.execute("INSERT OR REPLACE INTO meta VALUES (?, '1')", [RELINK_PENDING])
    return bool(drop or renamed)


def _rename_file(con: duckdb.DuckDBPyConnection, old: str, new: str) -> None:
    """Store a file's rows under a new name (its items keep their '#n')."""
    n = len(old) + 1
    con.execute("UPDATE files SET path = ? WHERE path = ?", [new, old])
    con.execute("UPDATE documents SET path = ? || substr(path, ?), file_path = ? WHERE file_path = ?",
                [new, n, new, old])
    for table in ("articles", "failures"):
        con.execute(f"UPDATE {table} SET path = ? || substr(path, ?) WHERE path = ? OR starts_with(path, ? || '#') "
                    f"OR starts_with(path, ? || ':line ')", [new, n, old, old, old])


def stale_failures(paths: Iterable[str], exclude: Iterable[str] = ()) -> list[str]:
    """The stored failures whose file no longer exists or matches one of the `exclude` globs (uploads,
    which have no file on disk, only when excluded)."""
    patterns = list(exclude)
    stale = []
    for path in paths:
        file = _ITEM_SUFFIX.sub("", path)
        gone = not file.startswith("upload/") and not os.path.lexists(file)
        if gone or is_excluded(file, patterns):
            stale.append(path)
    return stale


def is_excluded(path: str, patterns: Iterable[str]) -> bool:
    """Whether a path, or its file name, matches one of the glob `patterns`.

    >>> is_excluded("corpus/a01.gold.json", ["*.gold.json"]), is_excluded("corpus/a01.txt", ["*.gold.json"])
    (True, False)
    """
    name = os.path.basename(path)
    return any(fnmatch.fnmatch(path, pattern) or fnmatch.fnmatch(name, pattern) for pattern in patterns)


def clear_failures(db: Path, exclude: Iterable[str] = (), wait: float | None = 60) -> int:
    """Delete the failures of files that no longer exist or are excluded; the number deleted.
    (The CLI's `clear-failures` and the dashboard's Data quality page both call this; while an
    ingest writes the store it waits up to `wait` seconds, then says the store is busy.)"""
    if not db.exists():
        return 0
    with store.writer_lock(db, wait=wait):
        try:
            with store.write_transaction(db) as con:
                paths = [r[0] for r in con.execute("SELECT DISTINCT path FROM failures").fetchall()]
                stale = stale_failures(paths, exclude)
                con.execute("DELETE FROM failures WHERE path IN (SELECT unnest(?))", [stale])
        except duckdb.Error as error:
            raise store.unusable(db, error) from error
    return len(stale)
