"""A killed ingest loses nothing: each batch is one transaction, and a re-run completes the work.

`python -m core ingest` runs in a subprocess on a synthetic corpus with small batches and is
killed with SIGKILL at points drawn from a seeded RNG. After each kill the store must open and
hold exactly the articles of the batches that committed, each with all of its rows; re-running
until an ingest completes must give the same tables as one clean ingest of the same files.
"""

from __future__ import annotations

import os
import random
import signal
import subprocess
import time
from pathlib import Path

import duckdb
import pytest

from core import ingest as ingest_module
from core.ingest import ingest
from core.store import load_tables
from tests.reliability.helpers import (
    PER_ARTICLE,
    assert_one_line_messages,
    assert_same_store,
    cli,
    rows_per_article,
    start_cli,
    write_corpus,
)

ARTICLES = 160
BATCH = 8
KILLS = 24
SEED = 20251121


@pytest.fixture(scope="module")
def corpus(tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("crash") / "corpus"
    write_corpus(folder, ARTICLES)
    for name in ("article_0050_empty.txt", "article_0110_empty.txt"):  # failures are stored per batch too
        (folder / name).write_bytes(b"")
    return folder


@pytest.fixture(scope="module")
def reference(corpus: Path) -> Path:
    """One clean ingest of the corpus."""
    db = corpus.parent / "reference.duckdb"
    proc = cli("ingest", corpus, "--db", db, "--batch-size", BATCH, "--quiet")
    assert proc.returncode == 1, proc.stderr  # the two empty files
    return db


def _file_articles(db: Path) -> dict[str, str]:
    con = duckdb.connect(str(db), read_only=True)
    try:
        return dict(con.execute("SELECT file_path, article_id FROM documents").fetchall())
    finally:
        con.close()


class Consistency:
    """What a store killed at any point must satisfy, judged against the clean reference."""

    def __init__(self, corpus: Path, reference: Path):
        self.files = sorted(str(p) for p in corpus.iterdir())
        self.article_of = _file_articles(reference)
        self.rows = rows_per_article(reference)

    def check(self, db: Path) -> int:
        """Assert the store is whole; return the number of files it holds."""
        load_tables(db)  # the store opens and every table reads (the dashboard's loader)
        if not db.exists() or db.stat().st_size == 0:  # killed before it created the store, or as it did
            return 0
        con = duckdb.connect(str(db), read_only=True)
        try:
            tables = {r[0] for r in con.execute("SELECT table_name FROM information_schema.tables").fetchall()}
            if not tables:  # killed between creating the file and committing its schema: an empty store
                return 0
            stored = sorted(r[0] for r in con.execute("SELECT path FROM files").fetchall())
            documents = dict(con.execute("SELECT file_path, article_id FROM documents").fetchall())
            articles = {r[0] for r in con.execute("SELECT article_id FROM articles").fetchall()}
            failures = {r[0] for r in con.execute("SELECT path FROM failures").fetchall()}
        finally:
            con.close()
        # batches commit whole and in file order: the stored files are a prefix of the sorted files
        assert stored == self.files[:len(stored)]
        assert len(stored) % BATCH == 0 or len(stored) == len(self.files), f"partial batch: {len(stored)} files"
        ok = [f for f in stored if f in self.article_of]
        assert documents == {f: self.article_of[f] for f in ok}
        assert articles == set(documents.values())
        assert failures == {f for f in stored if f not in self.article_of}
        rows = rows_per_article(db)
        for table in PER_ARTICLE:
            assert rows[table] == {a: n for a, n in self.rows[table].items() if a in articles}, table
        return len(stored)


@pytest.mark.slow
def test_sigkill_at_random_points_loses_nothing(corpus: Path, reference: Path, tmp_path: Path):
    consistency = Consistency(corpus, reference)
    rng = random.Random(SEED)
    started = time.monotonic()  # a whole ingest into an empty store: kills land anywhere inside one
    assert cli("ingest", corpus, "--db", tmp_path / "timed.duckdb", "--batch-size", BATCH, "--quiet").returncode in (0, 1)
    whole_run = time.monotonic() - started
    db = tmp_path / "killed.duckdb"
    kills, completed, progress = 0, 0, []
    while kills < KILLS or db.exists():  # go on until the last round of kills has been completed
        proc = start_cli("ingest", corpus, "--db", db, "--batch-size", BATCH, "--quiet")
        delay = rng.uniform(0.1, whole_run) if kills < KILLS else None
        try:
            _, stderr = proc.communicate(timeout=delay)
        except subprocess.TimeoutExpired:
            proc.send_signal(signal.SIGKILL)
            proc.communicate()
            kills += 1
            try:
                progress.append(consistency.check(db))
            except AssertionError as error:
                raise AssertionError(f"after kill {kills}, {delay:.2f} s into the run: {error}") from error
            continue
        context = f"the run after kill {kills} (stored after each kill: {progress})"
        assert proc.returncode in (0, 1), f"{context}: {stderr}"
        assert_one_line_messages(stderr)
        assert consistency.check(db) == len(consistency.files), context
        assert_same_store(db, reference)  # nothing lost, nothing doubled, derived tables up to date
        completed += 1
        for leftover in (db, Path(f"{db}.wal")):  # the next round of kills starts from an empty store
            leftover.unlink(missing_ok=True)
    print(f"{kills} kills, {completed} completed runs; files stored after each kill: {progress}")
    assert kills >= KILLS and completed >= 1
    assert len(set(progress)) >= 4, f"kill points too alike: stored files after each kill {progress}"


@pytest.mark.slow
def test_crash_between_last_batch_and_relink_is_repaired(corpus: Path, reference: Path, tmp_path: Path,
                                                         monkeypatch):
    """The cross-article tables are recomputed by the next ingest even when it has no file to store."""
    db = tmp_path / "store.duckdb"

    def crash(db):
        raise KeyboardInterrupt  # stands for a kill: nothing of the relink is committed

    monkeypatch.setattr(ingest_module, "relink", crash)
    with pytest.raises(KeyboardInterrupt):
        ingest([str(corpus)], db, progress=False, notify=lambda message: None)
    monkeypatch.undo()
    report = ingest([str(corpus)], db, progress=False, notify=lambda message: None)
    assert report.files_stored == 0  # every file unchanged ...
    assert_same_store(db, reference)  # ... and yet sites, programs, conflicts and duplicates are linked


def test_kill_while_the_store_is_created(tmp_path: Path, corpus: Path):
    """A store file cut short at its creation (0 bytes) is created afresh, not reported as corrupt."""
    db = tmp_path / "new.duckdb"
    db.write_bytes(b"")
    proc = cli("ingest", corpus / "article_0001.txt", "--db", db, "--quiet")
    assert proc.returncode == 0, proc.stderr
    assert len(load_tables(db)["articles"]) == 1


@pytest.mark.slow
def test_killed_worker_pool_ingest_recovers(corpus: Path, reference: Path, tmp_path: Path):
    """With --workers 2 the parent is killed mid-run; a re-run completes it."""
    db = tmp_path / "workers.duckdb"
    proc = start_cli("ingest", corpus, "--db", db, "--batch-size", BATCH, "--workers", "2", "--quiet",
                     start_new_session=True)
    time.sleep(3.0)
    os.killpg(proc.pid, signal.SIGKILL)  # the parent and its worker processes, as an OOM kill of the group would
    proc.communicate()
    rerun = cli("ingest", corpus, "--db", db, "--quiet")
    assert rerun.returncode in (0, 1), rerun.stderr
    assert_one_line_messages(rerun.stderr)
    assert_same_store(db, reference)
