"""Every store problem is one clear line and exit 2, with the right advice, and never loses what was
stored: an unwritable folder, a read-only mount, a full disk, a store held by another process; the
dashboard's upload says the same line instead of Streamlit's error page."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from tests.reliability.helpers import (
    assert_one_line_messages,
    assert_same_store,
    cli,
    cli_as_user,
    in_mount_namespace,
    namespaces_apply,
    permissions_apply,
    write_corpus,
)

BATCH = 5


@pytest.fixture(scope="module")
def corpus(tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("problems") / "corpus"
    write_corpus(folder, 40, seed=11)
    return folder


@pytest.fixture(scope="module")
def reference(corpus: Path) -> Path:
    """One clean ingest of the corpus, with the batch size the tests use."""
    db = corpus.parent / "reference.duckdb"
    proc = cli("ingest", corpus, "--db", db, "--batch-size", BATCH, "--quiet")
    assert proc.returncode == 0, proc.stderr
    return db


def assert_store_problem(proc: subprocess.CompletedProcess, db: Path, *phrases: str) -> None:
    assert proc.returncode == 2, proc.stderr
    assert_one_line_messages(proc.stderr)
    assert len(proc.stderr.splitlines()) == 1 and str(db) in proc.stderr, proc.stderr
    for phrase in phrases:
        assert phrase in proc.stderr, proc.stderr
    assert "corrupt" not in proc.stderr and "move it aside" not in proc.stderr, "wrong advice: " + proc.stderr


@pytest.mark.skipif(permissions_apply() is not None, reason=str(permissions_apply()))
def test_store_in_a_folder_this_user_may_not_write(corpus: Path, tmp_path: Path):
    folder = tmp_path / "locked"
    folder.mkdir()
    folder.chmod(0o555)
    try:
        db = folder / "store.duckdb"
        assert_store_problem(cli_as_user("ingest", corpus, "--db", db, "--quiet"), db, "permission denied",
                             "--db or FLANKWATCH_DB")
        nested = folder / "sub" / "store.duckdb"  # the folder cannot even be created
        assert_store_problem(cli_as_user("ingest", corpus, "--db", nested, "--quiet"), nested, "permission denied")
    finally:
        folder.chmod(0o755)
    assert list(folder.iterdir()) == []


@pytest.mark.skipif(namespaces_apply() is not None, reason=str(namespaces_apply()))
def test_store_on_a_read_only_mount(corpus: Path, reference: Path, tmp_path: Path):
    """A new store and an existing one on a file system mounted read-only: one line, exit 2, the store
    unchanged and still readable."""
    mount = tmp_path / "mnt"
    mount.mkdir()
    script = textwrap.dedent(f"""
        mount -t tmpfs -o size=256m tmpfs {mount} && cp {reference} {mount}/store.duckdb &&
        mount -o remount,ro {mount} || exit 99
        "$PY" -m core ingest {corpus} --db {mount}/new.duckdb --quiet; echo "new=$?" >&2
        "$PY" -m core ingest {corpus} --db {mount}/store.duckdb --quiet; echo "existing=$?" >&2
        "$PY" -m core export articles --db {mount}/store.duckdb --format json | "$PY" -c \
            "import json, sys; print(len(json.load(sys.stdin)))"
    """)
    proc = in_mount_namespace(script)
    assert proc.returncode != 99, proc.stderr
    lines = proc.stderr.splitlines()
    assert lines[1] == "new=2" and lines[3] == "existing=2", proc.stderr
    for message, db in ((lines[0], mount / "new.duckdb"), (lines[2], mount / "store.duckdb")):
        assert message == f"flankwatch: {db}: the store is on a read-only file system; choose a writable place " \
                          f"for it with --db or FLANKWATCH_DB", message
    assert int(proc.stdout) == 40  # the store is read as before


@pytest.mark.slow
@pytest.mark.skipif(namespaces_apply() is not None, reason=str(namespaces_apply()))
def test_full_disk_keeps_every_batch_and_says_to_free_space(corpus: Path, reference: Path, tmp_path: Path):
    """The disk fills up part way: one line saying to free space (the store is intact, not corrupt);
    once there is space again, the same command finishes the work and the store equals a clean ingest."""
    mount = tmp_path / "mnt"
    mount.mkdir()
    saved = tmp_path / "saved"
    script = textwrap.dedent(f"""
        mount -t tmpfs -o size=1200k tmpfs {mount} || exit 99
        "$PY" -m core ingest {corpus} --db {mount}/store.duckdb --batch-size {BATCH} --quiet
        echo "rc=$?" >&2
        mkdir {saved} && cp -a {mount}/. {saved}/
    """)
    proc = in_mount_namespace(script)
    assert proc.returncode != 99, proc.stderr
    message, status = proc.stderr.splitlines()[-2:]
    assert status == "rc=2", proc.stderr
    db = mount / "store.duckdb"
    assert message == (f"flankwatch: {db}: the disk is full; free some space and run the ingest again: the store "
                       f"is intact (every batch written before is kept, none is half-written)")
    store = saved / "store.duckdb"  # the same store, now with room
    again = cli("ingest", corpus, "--db", store, "--batch-size", BATCH, "--quiet")
    assert again.returncode == 0, again.stderr
    assert_same_store(store, reference)


def test_store_held_by_another_process(corpus: Path, reference: Path, tmp_path: Path):
    """Another process holds the store open for writing (DuckDB allows one): after the wait, one line."""
    db = tmp_path / "store.duckdb"
    shutil.copy(reference, db)
    holder = subprocess.Popen([sys.executable, "-c", "import duckdb, sys, time; con = duckdb.connect(sys.argv[1]); "
                               "print('holding', flush=True); time.sleep(60)", str(db)], stdout=subprocess.PIPE,
                              text=True)
    try:
        assert holder.stdout.readline().strip() == "holding"
        proc = subprocess.run([sys.executable, "-m", "core", "ingest", str(corpus), "--db", str(db), "--quiet"],
                              capture_output=True, text=True, env={**os.environ, "FLANKWATCH_STORE_WAIT": "1",
                                                                   "TQDM_DISABLE": "1"},
                              cwd=Path(__file__).resolve().parents[2], timeout=120)
    finally:
        holder.kill()
        holder.wait()
    assert_store_problem(proc, db, "the store is busy", "try again")
    assert_same_store(db, reference)


def test_dashboard_upload_to_an_unwritable_place_shows_the_same_line(reference: Path, tmp_path: Path, monkeypatch):
    """A store that can be read but not written (here its writer lock file cannot be created): the Add
    page shows the store's one line, as the CLI prints it, never Streamlit's error page."""
    from streamlit.testing.v1 import AppTest

    db = tmp_path / "store.duckdb"
    shutil.copy(reference, db)
    Path(f"{db}.lock").mkdir()  # a folder where the lock file must go
    monkeypatch.setenv("FLANKWATCH_DB", str(db))
    at = AppTest.from_file(str(Path(__file__).resolve().parents[2] / "dashboard" / "app.py"), default_timeout=60)
    at.run()
    at.switch_page("views/add.py").run()
    article = "Estonia orders drones\n\nEstonia will spend €12 million on drones in 2026.".encode()
    at.get("file_uploader")[0].set_value([("drones.txt", article, "text/plain")])
    at.button[0].click().run()
    assert not at.exception, at.exception
    proc = cli("ingest", tmp_path / "nothing.txt", "--db", db, "--quiet")
    assert_store_problem(proc, db, "is a folder where a file should be")
    line = proc.stderr.strip().removeprefix("flankwatch: ")
    shown = " ".join(str(e.value) for e in at.error).replace("\\", "")
    assert line in shown, shown
    assert_same_store(db, reference)
