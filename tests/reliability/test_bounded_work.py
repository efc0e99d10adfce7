"""Bounded work: readers linear in the number of items, limits per file that say which was hit, large
pages reduced in bounded memory or refused, SIGTERM stopping as SIGINT does, an upload that waits for
another ingest saying so and able to give up. Each store is compared with a clean ingest."""

from __future__ import annotations

import hashlib
import json
import os
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path

import duckdb
import pytest

from core import store
from core.ingest import ingest
from core.read import read_file
from dashboard import uploads
from tests.reliability.helpers import (
    ROOT,
    assert_one_line_messages,
    assert_same_store,
    cli,
    snapshot,
    start_cli,
    write_corpus,
)

QUIET = {"progress": False, "notify": lambda message: None}


class HashedBytes:
    """Counts the bytes given to hashlib.sha256 (patched in for one read)."""

    def __init__(self, monkeypatch) -> None:
        self.total = 0
        real = hashlib.sha256

        def counting(data: bytes = b"", *args, **kwargs):
            self.total += len(data)
            return real(data, *args, **kwargs)

        monkeypatch.setattr(hashlib, "sha256", counting)


def _jsonl(path: Path, lines: int) -> Path:
    path.write_text("".join(json.dumps({"title": f"Item {n}", "text": f"Poland sent {n} soldiers to Orzysz."}) + "\n"
                            for n in range(lines)), encoding="utf-8")
    return path


def _json_list(path: Path, items: int) -> Path:
    path.write_text(json.dumps([{"title": f"Item {n}", "text": f"Latvia paid €{n} million."} for n in range(items)]),
                    encoding="utf-8")
    return path


def _rss(path: Path, items: int) -> Path:
    entries = "".join(f"<item><title>Item {n}</title><description>Estonia bought {n} drones.</description></item>"
                      for n in range(items))
    path.write_text(f'<?xml version="1.0"?><rss version="2.0"><channel><title>Wire</title>{entries}</channel></rss>',
                    encoding="utf-8")
    return path


@pytest.mark.parametrize("make", [_jsonl, _json_list, _rss], ids=["jsonl", "json-list", "rss"])
def test_items_are_hashed_on_their_own_text(tmp_path: Path, monkeypatch, make):
    """Reading a file of n items hashes about the file's size, not n times the file: linear, not quadratic."""
    path = make(tmp_path / f"many.{ {'_jsonl': 'jsonl', '_json_list': 'json', '_rss': 'rss'}[make.__name__] }", 3000)
    hashed = HashedBytes(monkeypatch)
    docs = read_file(str(path))
    assert len(docs) == 3000
    assert hashed.total <= 3 * path.stat().st_size, f"{hashed.total:,} bytes hashed for a {path.stat().st_size:,}-byte file"
    assert len({doc.content_hash for doc in docs}) == 3000


def test_an_unchanged_item_keeps_its_hash_when_another_changes(tmp_path: Path):
    path = _jsonl(tmp_path / "feed.jsonl", 3)
    before = [doc.content_hash for doc in read_file(str(path))]
    lines = path.read_text(encoding="utf-8").splitlines()
    lines[2] = lines[2].replace("Orzysz", "Rukla")
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    after = [doc.content_hash for doc in read_file(str(path))]
    assert after[:2] == before[:2] and after[2] != before[2]


def _run_cli(*args: str, env: dict[str, str]) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "core", *map(str, args)], capture_output=True, text=True, cwd=ROOT,
                          env={**os.environ, "TQDM_DISABLE": "1", **env}, timeout=600)


def test_time_limit_per_article_says_it_was_hit(tmp_path: Path):
    folder = tmp_path / "corpus"
    write_corpus(folder, 2, seed=2)
    long = folder / "long.txt"
    long.write_text("Long report\n" + " ".join(f"Poland will deploy {n} soldiers to Orzysz on {n % 28 + 1} May 2025."
                                                for n in range(4000)), encoding="utf-8")
    db = tmp_path / "store.duckdb"
    proc = _run_cli("ingest", long, "--db", db, "--quiet", env={"FLANKWATCH_TIME_LIMIT": "0.2"})
    assert proc.returncode == 1, proc.stderr
    assert_one_line_messages(proc.stderr)
    assert (f"flankwatch: {long}: time limit hit: extracting the article took longer than 0.2 s "
            f"(the limit per article)") in proc.stderr
    rest = _run_cli("ingest", folder, "--db", db, "--quiet", "--exclude", "long.txt", env={})
    assert rest.returncode == 0, rest.stderr
    clean = tmp_path / "clean.duckdb"
    ingest([str(folder)], clean, exclude=["long.txt"], **QUIET)
    got, want = snapshot(db), snapshot(clean)
    assert list(got["failures"]["path"]) == [repr(str(long))] and want["failures"].empty
    for table in want:  # the same rows, apart from the order of ingest and the failed file's own rows
        if table not in ("failures", "files"):
            drop = [column for column in ("seq",) if column in want[table]]
            assert got[table].drop(columns=drop).equals(want[table].drop(columns=drop)), table


def _large_page(path: Path, size: float, kind: str) -> Path:
    """A 19.5 MB page: one big table (much text: refused), or a short article beside megabytes of
    inline script data, as saved pages often carry (little text: accepted)."""
    head = ("<!DOCTYPE html><html><head><meta charset='utf-8'><title>Allied deployments | Data Desk</title>"
            "</head><body><h1>Allied deployments</h1>")
    countries = ["Poland", "Lithuania", "Latvia", "Estonia", "Romania"]
    parts, total, n = [head], len(head), 0
    if kind == "article":
        body = "".join(f"<p>{countries[k % 5]} will host {100 + k} allied troops at a new base from May 2026, the "
                       f"defence ministry said on {k % 28 + 1} March 2026.</p>" for k in range(40))
        parts.append(body)
        total += len(body)
    else:
        parts.append("<table>\n")
    while total < size:
        if kind == "article":
            chunk = "<script>window.__DATA__ = " + json.dumps([{"id": n + k, "v": "x" * 40} for k in range(500)]) + \
                    ";</script>\n"
        else:
            chunk = (f"<tr><td>{n}</td><td>{countries[n % 5]}</td><td>{n * 7 % 3000} troops</td>"
                     f"<td>€{n % 900} million</td></tr>\n")
        parts.append(chunk)
        total += len(chunk)
        n += 1
    parts.append("</body></html>" if kind == "article" else "</table></body></html>")
    path.write_text("".join(parts), encoding="utf-8")
    return path


_PEAK = ("import resource, runpy, sys\nsys.argv = ['core', *sys.argv[1:]]\ntry:\n"
         "    runpy.run_module('core', run_name='__main__')\nfinally:\n"
         "    print(f'peak_kb={resource.getrusage(resource.RUSAGE_SELF).ru_maxrss}', file=sys.stderr)\n")


@pytest.mark.slow
@pytest.mark.parametrize("kind", ["table", "article"], ids=["one-table-refused", "article-with-script-accepted"])
def test_a_19_5_megabyte_page_is_bounded(tmp_path: Path, kind: str):
    """Reduced to its text in bounded memory, or refused when its text alone is too long, saying so."""
    page = _large_page(tmp_path / "table.html", 19.5e6, kind)
    db = tmp_path / "store.duckdb"
    started = time.monotonic()
    proc = subprocess.run([sys.executable, "-c", _PEAK, "ingest", str(page), "--db", str(db), "--quiet"],
                          capture_output=True, text=True, cwd=ROOT, env={**os.environ, "TQDM_DISABLE": "1"},
                          timeout=900)
    seconds = time.monotonic() - started
    *messages, peak = proc.stderr.splitlines()
    peak_mb = int(peak.removeprefix("peak_kb=")) / 1024
    print(f"19.5 MB page ({kind}): {seconds:.1f} s, peak {peak_mb:.0f} MB")
    assert peak_mb < 1024, f"peak memory {peak_mb:.0f} MB"
    assert_one_line_messages("\n".join(messages))
    tables = store.load_tables(db)
    if kind == "article":
        assert proc.returncode == 0, proc.stderr
        assert len(tables["articles"]) == 1 and tables["articles"]["title"][0].startswith("Allied deployments")
    else:
        assert proc.returncode == 1
        assert messages[0].endswith("page too large: its text passes 200,000 characters (the text limit per page)")
        assert tables["articles"].empty and len(tables["failures"]) == 1


@pytest.mark.slow
@pytest.mark.parametrize("delay", [0.2, 1.0, 2.5])
def test_sigterm_stops_like_sigint_and_a_rerun_completes(tmp_path: Path, delay: float):
    """SIGTERM while the store is opened (DuckDB then reports 'Query interrupted'), while batches are
    written, later: the same one line and status every time, and a re-run completes the work."""
    corpus = tmp_path / "corpus"
    write_corpus(corpus, 60, seed=8)
    reference = tmp_path / "reference.duckdb"
    assert cli("ingest", corpus, "--db", reference, "--batch-size", 4, "--quiet").returncode == 0
    db = tmp_path / "store.duckdb"
    proc = start_cli("ingest", corpus, "--db", db, "--batch-size", 4, "--quiet")
    deadline = time.monotonic() + 120
    while not Path(f"{db}.lock").exists() and time.monotonic() < deadline and proc.poll() is None:
        time.sleep(0.05)
    time.sleep(delay)
    proc.send_signal(signal.SIGTERM)
    _, stderr = proc.communicate(timeout=120)
    if proc.returncode in (0, 1) and delay > 2:  # the run finished first on a fast machine: nothing to stop
        return
    assert proc.returncode == 143, stderr
    assert_one_line_messages(stderr)
    assert stderr.splitlines()[-1] == ("flankwatch: terminated (SIGTERM); every batch written before is kept, "
                                       "run it again to finish")
    again = cli("ingest", corpus, "--db", db, "--batch-size", 4, "--quiet")
    assert again.returncode == 0, again.stderr
    assert_same_store(db, reference)


def test_an_upload_waiting_for_another_ingest_says_how_long_and_can_give_up(tmp_path: Path):
    db = tmp_path / "store.duckdb"
    write_corpus(tmp_path / "corpus", 3, seed=6)
    ingest([str(tmp_path / "corpus")], db, **QUIET)
    before = snapshot(db)
    waited: list[float] = []

    def on_wait(seconds: float) -> None:
        waited.append(seconds)
        if seconds > 1.0:
            raise uploads.Cancelled

    holding, release = threading.Event(), threading.Event()

    def other_ingest() -> None:  # holds the writer lock as a CLI ingest would
        with store.writer_lock(db):
            holding.set()
            release.wait(30)

    other = threading.Thread(target=other_ingest)
    other.start()
    try:
        holding.wait(10)
        article = b"Estonia orders drones\n\nEstonia will spend \xe2\x82\xac12 million on drones in 2026."
        result = uploads.ingest_uploads([("drones.txt", article)], db, on_wait=on_wait)
    finally:
        release.set()
        other.join()
    assert result.stored == 0 and result.error and result.error.startswith("Cancelled after waiting")
    assert waited[0] < 1.0 < waited[-1] and waited == sorted(waited)
    after = snapshot(db)
    for table, frame in before.items():
        assert after[table].equals(frame), table
    limited = uploads.ingest_uploads([("drones.txt", article)], db, wait=0)  # nobody holds it now: no wait
    assert limited.error is None and limited.stored == 1


def test_three_unrelated_short_articles_are_not_duplicates(tmp_path: Path):
    folder = tmp_path / "corpus"
    folder.mkdir()
    for name, text in {"base.txt": "Poland opens a new NATO base\nPoland and NATO opened the base on 3 March 2025.",
                       "drill.txt": "Estonia holds a drill\nEstonia and NATO held a drill on 3 March 2025 near Tapa.",
                       "deal.txt": "Latvia signs a deal\nLatvia and NATO signed a fuel deal on 3 March 2025."}.items():
        (folder / name).write_text(text + "\n", encoding="utf-8")
    db = tmp_path / "store.duckdb"
    ingest([str(folder)], db, **QUIET)
    con = duckdb.connect(str(db), read_only=True)
    try:
        marked = con.execute("SELECT path, duplicate_of FROM articles WHERE duplicate_of IS NOT NULL").fetchall()
    finally:
        con.close()
    assert marked == []
