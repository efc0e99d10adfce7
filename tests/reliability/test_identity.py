"""A file is stored once, as it last was: whatever path spelling reaches it, whatever name an upload
has; stores written before that rule have their duplicate `files` rows merged. Each test compares
the store with a clean ingest of the same files, table by table."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import duckdb
import pytest

from core.ingest import ingest
from dashboard.uploads import ingest_uploads
from tests.reliability.helpers import ROOT, assert_same_content, cli, synthetic_article, write_corpus

QUIET = {"progress": False, "notify": lambda message: None}


def _page(headline: str, body: str) -> bytes:
    return (f"<html><head><title>{headline}</title></head><body><article><h1>{headline}</h1><p>{body}</p>"
            f"</article></body></html>").encode()


PAGE_A = _page("Estonia orders drones", "Estonia will spend €12 million on drones for its army in 2026, the "
                                        "defence ministry in Tallinn said on 3 March 2026.")
PAGE_B = _page("Latvia buys radars", "Latvia will spend €40 million on air defence radars for Lielvārde Air Base, "
                                     "the ministry in Riga said on 9 April 2026.")


def _count(db: Path, table: str) -> int:
    con = duckdb.connect(str(db), read_only=True)
    try:
        return con.execute(f"SELECT count(*) FROM {table}").fetchone()[0]
    finally:
        con.close()


def test_one_file_by_any_spelling_is_one_file_as_it_last_was(tmp_path: Path):
    folder = tmp_path / "corpus"
    first, second = write_corpus(folder, 2, seed=3)
    (folder / "sub").mkdir()
    (tmp_path / "link.txt").symlink_to(first)
    db = tmp_path / "store.duckdb"
    spellings = [str(first), os.path.relpath(first, ROOT), str(folder / "sub" / ".." / first.name),
                 str(tmp_path / "link.txt")]
    for spelling in spellings:  # the CLI runs from the project root: the relative spelling resolves there
        assert cli("ingest", spelling, "--db", db, "--quiet").returncode == 0
    first.write_text(synthetic_article(99, __import__("random").Random(9)), encoding="utf-8")  # edited
    assert cli("ingest", str(folder / "sub" / ".." / first.name), "--db", db, "--quiet").returncode == 0
    assert cli("ingest", second, "--db", db, "--quiet").returncode == 0
    assert _count(db, "files") == 2
    clean = tmp_path / "clean.duckdb"
    ingest([str(folder)], clean, **QUIET)
    assert_same_content(db, clean)


def test_two_uploads_of_the_same_name_are_two_articles(tmp_path: Path):
    """Saved pages are often all 'index.html': two different ones are two articles, in one submit or two;
    the same bytes again are nothing new."""
    one_submit, two_submits = tmp_path / "one.duckdb", tmp_path / "two.duckdb"
    result = ingest_uploads([("index.html", PAGE_A), ("index.html", PAGE_B), ("index.html", PAGE_A)], one_submit)
    assert (result.error, result.stored) == (None, 2)
    assert ingest_uploads([("index.html", PAGE_A)], two_submits).stored == 1
    assert ingest_uploads([("index.html", PAGE_B)], two_submits).stored == 1
    assert ingest_uploads([("index.html", PAGE_A)], two_submits).stored == 0  # the same bytes: already there
    assert _count(two_submits, "articles") == _count(two_submits, "files") == 2
    assert_same_content(two_submits, one_submit)


def _relabel(db: Path, old: str, new: str) -> None:
    """Store a file's rows under another spelling of its path, as Flankwatch did before file identity."""
    con = duckdb.connect(str(db))
    try:
        n = len(old) + 1
        con.execute("UPDATE files SET path = ? WHERE path = ?", [new, old])
        con.execute("UPDATE documents SET path = ? || substr(path, ?), file_path = ? WHERE file_path = ?",
                    [new, n, new, old])
        con.execute("UPDATE articles SET path = ? || substr(path, ?) WHERE starts_with(path, ?)", [new, n, old])
        con.execute("DELETE FROM meta WHERE key = 'file_identity'")
    finally:
        con.close()


def test_duplicate_files_rows_of_an_older_store_are_merged(tmp_path: Path):
    """An older store holds one file twice, under two spellings, once before and once after an edit:
    the next ingest keeps the latest under the real path and the store equals a clean ingest."""
    folder = tmp_path / "corpus"
    first, second = write_corpus(folder, 2, seed=4)
    old = tmp_path / "old.duckdb"
    ingest([str(first), str(second)], old, **QUIET)
    _relabel(old, str(first), str(folder / "." / first.name))  # the old version, one spelling
    first.write_text(synthetic_article(7, __import__("random").Random(1)), encoding="utf-8")
    newer = tmp_path / "newer.duckdb"
    ingest([str(first)], newer, **QUIET)
    _relabel(newer, str(first), str(folder / "sub" / ".." / first.name))  # the new version, another spelling
    con = duckdb.connect(str(old))
    try:  # both versions in one store, the newer one written later
        con.execute(f"ATTACH '{newer}' AS newer (READ_ONLY)")
        shift = con.execute("SELECT max(seq) FROM files").fetchone()[0]
        for table in ("files", "documents", "fingerprints"):
            con.execute(f"INSERT INTO {table} SELECT * REPLACE (seq + {shift} AS seq) FROM newer.{table}")
        for table in ("articles", "article_texts", "budgets", "deployments", "coalitions", "events",
                      "site_mentions", "roles", "program_mentions"):
            con.execute(f"INSERT INTO {table} SELECT * FROM newer.{table}")
    finally:
        con.close()
    assert _count(old, "files") == 3
    (folder / "sub").mkdir()
    report = ingest([str(folder)], old, **QUIET)
    assert report.files_skipped == 2  # nothing to read again: the merge kept the newest rows
    clean = tmp_path / "clean.duckdb"
    ingest([str(folder)], clean, **QUIET)
    assert_same_content(old, clean)


@pytest.mark.parametrize("spelling", ["folder-and-file", "twice"])
def test_a_file_given_twice_in_one_run_is_stored_once(tmp_path: Path, spelling: str):
    folder = tmp_path / "corpus"
    first, _ = write_corpus(folder, 2, seed=5)
    db = tmp_path / "store.duckdb"
    paths = [str(folder), str(first)] if spelling == "folder-and-file" else [str(first), str(first)]
    report = ingest(paths, db, **QUIET)
    assert not report.failures
    clean = tmp_path / "clean.duckdb"
    ingest(paths[:1] if spelling == "folder-and-file" else [str(first)], clean, **QUIET)
    assert_same_content(db, clean)
    shutil.rmtree(folder)
