"""Helpers for the reliability tests: the CLI as a subprocess, synthetic corpora, store snapshots."""

from __future__ import annotations

import os
import random
import shutil
import subprocess
import sys
from pathlib import Path

import duckdb
import pandas as pd

from core.schema import ARTICLE_TABLES, TABLES
from core.store import INTERNAL_TABLES

ROOT = Path(__file__).resolve().parents[2]
#: Every table of a store, the contract's and the bookkeeping ones.
ALL_TABLES = (*TABLES, *INTERNAL_TABLES)
#: Columns that hold the time of writing: they differ between two ingests of the same files.
VOLATILE = {"files": ["ingested_at"], "failures": ["at"]}
#: Tables with rows per article: a stored article has all of its rows in each, or it is not stored.
PER_ARTICLE = (*ARTICLE_TABLES, "program_mentions", "article_texts", "fingerprints")


def cli(*args: str, timeout: float = 300, **kwargs) -> subprocess.CompletedProcess:
    """Run `python -m core ARGS` and wait for it."""
    return subprocess.run([sys.executable, "-m", "core", *map(str, args)], capture_output=True, text=True,
                          cwd=ROOT, env=_env(), timeout=timeout, **kwargs)


_DROP_OVERRIDE = ["setpriv", "--bounding-set=-dac_override,-dac_read_search"]


def permissions_apply() -> str | None:
    """None when `cli_as_user` runs with file permissions enforced, else why it cannot.

    Root reads any file whatever its mode; as root the CLI runs under `setpriv` without the two
    capabilities that allow that (CAP_DAC_OVERRIDE, CAP_DAC_READ_SEARCH), as a plain user would.
    """
    if os.geteuid() != 0:
        return None
    if not shutil.which("setpriv"):
        return "running as root and setpriv (util-linux) is not installed to drop CAP_DAC_OVERRIDE"
    if subprocess.run([*_DROP_OVERRIDE, "true"], capture_output=True).returncode != 0:
        return "running as root and setpriv may not drop CAP_DAC_OVERRIDE here (no CAP_SETPCAP)"
    return None


def cli_as_user(*args: str, timeout: float = 300) -> subprocess.CompletedProcess:
    """`cli` with file permissions enforced (see `permissions_apply`)."""
    prefix = _DROP_OVERRIDE if os.geteuid() == 0 else []
    return subprocess.run([*prefix, sys.executable, "-m", "core", *map(str, args)], capture_output=True,
                          text=True, cwd=ROOT, env=_env(), timeout=timeout)


def start_cli(*args: str, **kwargs) -> subprocess.Popen:
    """Start `python -m core ARGS` without waiting (stdout and stderr piped, as text)."""
    return subprocess.Popen([sys.executable, "-m", "core", *map(str, args)], stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, text=True, cwd=ROOT, env=_env(), **kwargs)


def _env() -> dict[str, str]:
    return {**os.environ, "PYTHONUNBUFFERED": "1", "TQDM_DISABLE": "1"}


def stderr_lines(stderr: str) -> list[str]:
    return [line for line in stderr.split("\n") if line]


def assert_one_line_messages(stderr: str) -> None:
    """Every line on stderr is a message of ours ('flankwatch: ...'): no traceback, no wrapped line."""
    for line in stderr_lines(stderr):
        assert line.startswith("flankwatch: "), f"not a one-line message: {line!r}\n--- stderr:\n{stderr}"
    assert "Traceback" not in stderr


# ---------------------------------------------------------------------------------------------
# Synthetic articles: short, all different, each giving rows in most tables

_FORCES = [("Belgium", "Belgian"), ("France", "French"), ("Germany", "German"), ("the Netherlands", "Dutch"),
           ("Canada", "Canadian"), ("Sweden", "Swedish"), ("Denmark", "Danish"), ("Norway", "Norwegian"),
           ("Spain", "Spanish"), ("Italy", "Italian")]
_SITES = [("Romania", "Mihail Kogălniceanu Air Base"), ("Romania", "Cincu Training Area"), ("Lithuania", "Rukla"),
          ("Lithuania", "Šiauliai Air Base"), ("Estonia", "Tapa"), ("Estonia", "Ämari Air Base"),
          ("Latvia", "Ādaži"), ("Latvia", "Lielvārde Air Base"), ("Poland", "Łask Air Base"), ("Poland", "Orzysz")]
_MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
           "November", "December"]
_MONEY = ["€{} million", "{} million euros", "EUR {} million", "${} million", "£{}m"]


def synthetic_article(n: int, rng: random.Random) -> str:
    """Article number `n`: a deployment, a sum, a date, a site; some name a coalition or a minister."""
    country, demonym = rng.choice(_FORCES)
    host, site = rng.choice(_SITES)
    troops = rng.randrange(50, 3000, 10)
    amount = rng.choice(_MONEY).format(rng.randint(2, 900))
    day, month, year = rng.randint(1, 28), rng.choice(_MONTHS), rng.randint(2019, 2025)
    lines = [f"{country} sends {troops} troops to {host} (report {n})",
             f"{day} {month} {year} | Synthetic Wire",
             f"{country} will deploy {troops} soldiers to {site} in {host}, the defence ministry said on "
             f"{day} {month} {year}.",
             f"The government approved {amount} for drones and air defence for the {demonym} contingent in {host}."]
    if n % 3 == 0:
        lines.append(f"{country} joined the Drone Coalition led by Latvia and the United Kingdom in {month} {year}.")
    if n % 4 == 0:
        lines.append(f"Defence Minister Alex Morgan{n} said the {demonym} troops would stay at {site}.")
    lines.append(f"The {demonym} troops join allies at {site} as part of NATO's forward presence, item {n}.")
    return "\n".join(lines) + "\n"


def write_corpus(folder: Path, count: int, seed: int = 5) -> list[Path]:
    """`count` synthetic articles as .txt files in `folder` (made reproducible by `seed`)."""
    folder.mkdir(parents=True, exist_ok=True)
    rng = random.Random(seed)
    paths = []
    for n in range(count):
        path = folder / f"article_{n:04d}.txt"
        path.write_text(synthetic_article(n, rng), encoding="utf-8")
        paths.append(path)
    return paths


# ---------------------------------------------------------------------------------------------
# Store snapshots


def snapshot(db: Path) -> dict[str, pd.DataFrame]:
    """Every table of the store as a DataFrame of canonical strings, rows sorted, time columns dropped:
    two stores holding the same data give equal snapshots."""
    con = duckdb.connect(str(db), read_only=True)
    try:
        frames = {table: con.execute(f"SELECT * FROM {table}").df() for table in ALL_TABLES}
    finally:
        con.close()
    return {table: _canonical(frame.drop(columns=VOLATILE.get(table, []))) for table, frame in frames.items()}


def _canonical(frame: pd.DataFrame) -> pd.DataFrame:
    text = frame.astype(object).map(_cell)
    return text.sort_values(list(text.columns)).reset_index(drop=True) if len(text.columns) else text


def _cell(value: object) -> str:
    if hasattr(value, "tolist"):
        value = value.tolist()
    if isinstance(value, float) and value != value:  # NaN
        value = None
    return repr(value)


def assert_same_store(actual: Path, expected: Path) -> None:
    """The two stores hold the same rows in every table (nothing lost, nothing doubled)."""
    got, want = snapshot(actual), snapshot(expected)
    for table in ALL_TABLES:
        pd.testing.assert_frame_equal(got[table], want[table], obj=f"table {table}")


def rows_per_article(db: Path) -> dict[str, dict[str, int]]:
    """{table: {article_id: row count}} for the tables with rows per article."""
    con = duckdb.connect(str(db), read_only=True)
    try:
        return {table: dict(con.execute(f"SELECT article_id, count(*) FROM {table} GROUP BY article_id").fetchall())
                for table in PER_ARTICLE}
    finally:
        con.close()


def copy_store(db: Path, to: Path) -> Path:
    """A copy of a store file (and its write-ahead log, if any)."""
    shutil.copy(db, to)
    wal = Path(f"{db}.wal")
    if wal.exists():
        shutil.copy(wal, Path(f"{to}.wal"))
    return to


#: Columns that hold the order of ingest: they differ when the same files arrive in another order.
ORDER = ("seq",)


def assert_same_content(actual: Path, expected: Path) -> None:
    """`assert_same_store` without the ingest-order columns: the same rows, whatever order the files came in."""
    got, want = snapshot(actual), snapshot(expected)
    for table in ALL_TABLES:
        drop = [c for c in ORDER if c in want[table].columns]
        pd.testing.assert_frame_equal(_canonical(got[table].drop(columns=drop)),
                                      _canonical(want[table].drop(columns=drop)), obj=f"table {table}")


def namespaces_apply() -> str | None:
    """None when `in_mount_namespace` can mount a tmpfs (unshare -rm), else why it cannot."""
    if not shutil.which("unshare"):
        return "unshare (util-linux) is not installed"
    probe = subprocess.run(["unshare", "-rm", "sh", "-c", "mount -t tmpfs -o size=64k tmpfs /mnt"],
                           capture_output=True)
    return None if probe.returncode == 0 else "unprivileged mount namespaces are not allowed here"


def in_mount_namespace(script: str, timeout: float = 600) -> subprocess.CompletedProcess:
    """Run a shell `script` in a private mount namespace, where it may mount a small or read-only tmpfs
    ($PY is this Python, the working folder the project root)."""
    return subprocess.run(["unshare", "-rm", "sh", "-c", script], capture_output=True, text=True, cwd=ROOT,
                          env={**_env(), "PY": sys.executable}, timeout=timeout)
