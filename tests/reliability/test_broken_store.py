"""A store that is damaged or not ours: one clear line with a way out (exit 2), never a traceback,
and the file is left as it was."""

from __future__ import annotations

import random
import shutil
import sqlite3
from pathlib import Path

import duckdb
import pytest

from core.schema import TABLES
from core.store import StoreError, load_table, load_tables
from tests.reliability.helpers import (
    assert_one_line_messages,
    cli,
    cli_as_user,
    permissions_apply,
    write_corpus,
)

WAYS_OUT = ("move it aside", "point --db or FLANKWATCH_DB elsewhere", "point FLANKWATCH_DB elsewhere",
            "into a new file")


@pytest.fixture(scope="module")
def corpus(tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("broken") / "corpus"
    write_corpus(folder, 12)
    return folder


@pytest.fixture(scope="module")
def good_store(corpus: Path) -> Path:
    db = corpus.parent / "good.duckdb"
    proc = cli("ingest", corpus, "--db", db, "--quiet")
    assert proc.returncode == 0, proc.stderr
    return db


def _random_bytes(path: Path, good: Path) -> None:
    path.write_bytes(random.Random(1).randbytes(200_000))


def _text(path: Path, good: Path) -> None:
    path.write_text("this is not a database\n")


def _truncated_header(path: Path, good: Path) -> None:
    path.write_bytes(good.read_bytes()[:20_000])


def _truncated_half(path: Path, good: Path) -> None:
    data = good.read_bytes()
    path.write_bytes(data[: len(data) // 2])


def _foreign_duckdb(path: Path, good: Path) -> None:
    con = duckdb.connect(str(path))
    con.execute("CREATE TABLE people (name VARCHAR, age INTEGER)")
    con.execute("INSERT INTO people VALUES ('Ada', 36)")
    con.close()


def _sqlite(path: Path, good: Path) -> None:
    con = sqlite3.connect(path)
    con.execute("CREATE TABLE t (x)")
    con.commit()
    con.close()


def _other_schema_version(path: Path, good: Path) -> None:
    shutil.copy(good, path)
    con = duckdb.connect(str(path))
    con.execute("UPDATE meta SET value = '999' WHERE key = 'schema_version'")
    con.close()


def _folder(path: Path, good: Path) -> None:
    path.mkdir()


BROKEN = {
    "random bytes": _random_bytes,
    "a text file": _text,
    "truncated in the header": _truncated_header,
    "truncated in half": _truncated_half,
    "a DuckDB with unrelated tables": _foreign_duckdb,
    "a SQLite database": _sqlite,
    "another schema version": _other_schema_version,
    "a folder": _folder,
}


def load_error(db: Path, table: str) -> str | None:
    try:
        load_table(table, db)
    except StoreError as error:
        return str(error)
    return None


def _first_unreadable_table(db: Path) -> str:
    return next(table for table in TABLES if load_error(db, table))


def _fingerprint(path: Path) -> bytes | None:
    return path.read_bytes() if path.is_file() else None


@pytest.mark.slow
@pytest.mark.parametrize("make", BROKEN.values(), ids=BROKEN.keys())
def test_broken_store_gives_one_clear_line(make, corpus: Path, good_store: Path, tmp_path: Path):
    db = tmp_path / "store.duckdb"
    make(db, good_store)
    before = _fingerprint(db)
    with pytest.raises(StoreError) as raised:
        load_tables(db)
    message = str(raised.value)
    assert str(db) in message and "\n" not in message
    assert any(way in message for way in WAYS_OUT), message

    table = _first_unreadable_table(db)  # a truncated store may still hold some whole tables
    export = cli("export", table, "--db", db)
    assert export.returncode == 2
    assert export.stderr == f"flankwatch: {load_error(db, table)}\n"  # the dashboard's loader and the CLI agree
    ingest = cli("ingest", corpus, "--db", db, "--quiet")
    assert ingest.returncode == 2, ingest.stderr
    assert_one_line_messages(ingest.stderr)
    assert len(ingest.stderr.splitlines()) == 1 and str(db) in ingest.stderr
    assert any(way in ingest.stderr for way in WAYS_OUT), ingest.stderr
    assert _fingerprint(db) == before, "the file was changed"


@pytest.mark.slow
def test_store_with_damaged_blocks(corpus: Path, good_store: Path, tmp_path: Path):
    """Blocks of a good store overwritten with noise: each command works or says the store is damaged."""
    rng = random.Random(7)
    size = good_store.stat().st_size
    outcomes = []
    for trial in range(5):
        db = tmp_path / f"damaged{trial}.duckdb"
        shutil.copy(good_store, db)
        with open(db, "r+b") as handle:
            for _ in range(rng.randint(1, 3)):
                handle.seek(rng.randrange(size))
                handle.write(rng.randbytes(rng.choice([64, 4096, 65536])))
        for args in (("export", "budgets"), ("ingest", corpus, "--quiet")):
            proc = cli(*args, "--db", db)
            assert_one_line_messages(proc.stderr)
            assert proc.returncode in (0, 2), proc.stderr
            if proc.returncode == 2:
                assert "corrupt" in proc.stderr and "move it aside" in proc.stderr
            outcomes.append(proc.returncode)
    print(f"damaged stores: {outcomes.count(2)} of {len(outcomes)} commands refused them, the rest worked")


def test_empty_store_file_reads_as_no_store(tmp_path: Path):
    db = tmp_path / "store.duckdb"
    db.write_bytes(b"")
    assert all(len(frame) == 0 for frame in load_tables(db).values())


@pytest.mark.skipif(permissions_apply() is not None, reason=str(permissions_apply()))
def test_unreadable_store(good_store: Path, tmp_path: Path):
    """A store the user may not read: a clear line, exit 2."""
    db = tmp_path / "store.duckdb"
    shutil.copy(good_store, db)
    db.chmod(0)
    proc = cli_as_user("export", "articles", "--db", db)
    assert proc.returncode == 2, proc.stderr
    assert_one_line_messages(proc.stderr)
    assert str(db) in proc.stderr
