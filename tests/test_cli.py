"""The CLI end to end, as a user runs it: extract, ingest (and re-ingest), export."""

from __future__ import annotations

import csv
import io
import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import ROOT, SEEDS


def run(*args: str, env: dict | None = None, cwd: Path = ROOT) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "core", *args], capture_output=True, text=True, cwd=cwd,
                          env={**os.environ, **(env or {})}, timeout=120)


def test_extract_json_has_every_contract_table():
    proc = run("extract", "--format", "json", str(SEEDS))
    assert proc.returncode == 0, proc.stderr
    out = json.loads(proc.stdout)
    for table in ("articles", "budgets", "deployments", "coalitions", "events", "sites", "programs", "conflicts"):
        assert table in out
    assert len(out["articles"]) == 5
    assert all(row["evidence"] for row in out["budgets"])


def test_extract_csv():
    proc = run("extract", "--format", "csv", str(SEEDS / "000_eacac02b505d6a8a.txt"))
    assert proc.returncode == 0
    assert "# budgets" in proc.stdout and ",140800000,EUR,140800000," in proc.stdout
    assert ",2025,2028," in proc.stdout and ".0," not in proc.stdout  # whole numbers as integers


def test_extract_skips_excluded_files_and_has_no_store_option(tmp_path):
    corpus = tmp_path / "corpus"
    shutil.copytree(SEEDS, corpus)
    (corpus / "a01.gold.json").write_text('{"budgets": []}', encoding="utf-8")
    proc = run("extract", str(corpus), "--exclude", "*.gold.json")
    assert proc.returncode == 0 and not proc.stderr, proc.stderr
    assert len(json.loads(proc.stdout)["articles"]) == 5
    unexcluded = run("extract", str(corpus))
    assert "a01.gold.json" in unexcluded.stderr
    assert run("extract", str(corpus), "--db", str(tmp_path / "x.duckdb")).returncode == 2  # extract never stores


def test_ingest_reingest_and_change(tmp_path):
    corpus = tmp_path / "corpus"
    shutil.copytree(SEEDS, corpus)
    db = tmp_path / "fw.duckdb"
    first = run("ingest", str(corpus), "--db", str(db))
    assert first.returncode == 0, first.stderr
    assert "5 stored" in first.stderr
    again = run("ingest", str(corpus), "--db", str(db))
    assert "0 stored" in again.stderr and "5 unchanged" in again.stderr
    article = corpus / "000_eacac02b505d6a8a.txt"
    article.write_text(re.sub("€140.8 million", "€150 million", article.read_text(encoding="utf-8"),
                              flags=re.IGNORECASE), encoding="utf-8")
    changed = run("ingest", str(corpus), "--db", str(db))
    assert "1 stored" in changed.stderr
    budgets = json.loads(run("export", "budgets", "--format", "json", "--db", str(db)).stdout)
    amounts = {row["amount"] for row in budgets}
    assert 150_000_000 in amounts and 140_800_000 not in amounts
    articles = json.loads(run("export", "articles", "--format", "json", "--db", str(db)).stdout)
    assert len(articles) == 5


def test_bad_file_is_reported_and_the_rest_stored(tmp_path):
    corpus = tmp_path / "corpus"
    shutil.copytree(SEEDS, corpus)
    (corpus / "empty.txt").write_text("")
    (corpus / "image.txt").write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(range(256)))
    proc = run("ingest", str(corpus), "--db", str(tmp_path / "fw.duckdb"))
    assert proc.returncode == 1
    errors = [line for line in proc.stderr.splitlines() if "empty.txt" in line or "image.txt" in line]
    assert len(errors) == 2 and all(": " in line for line in errors)
    assert "5 stored" in proc.stderr


def test_export_csv_to_file_and_env_db(tmp_path):
    db = tmp_path / "env.duckdb"
    assert run("ingest", str(SEEDS), env={"FLANKWATCH_DB": str(db)}).returncode == 0
    out = tmp_path / "deployments.csv"
    proc = run("export", "deployments", "--format", "csv", "-o", str(out), env={"FLANKWATCH_DB": str(db)})
    assert proc.returncode == 0
    rows = list(csv.DictReader(io.StringIO(out.read_text(encoding="utf-8"))))
    assert {("USA", "ROU")} <= {(r["force_code"], r["host_code"]) for r in rows}


@pytest.mark.parametrize("name, content", [
    ("a.md", "# Latvia pledges €30 million\n\nLatvia has pledged €30 million to the Drone Coalition.\n"),
    ("a.json", json.dumps({"title": "Latvia pledges", "text": "Latvia has pledged €30 million.",
                           "published": "2025-03-01", "source": "Wire"})),
    ("a.jsonl", json.dumps({"title": "Latvia pledges", "text": "Latvia has pledged €30 million."}) + "\n"),
    ("a.html", "<html><head><title>Latvia pledges</title></head><body><article><h1>Latvia pledges</h1>"
               "<p>Latvia has pledged €30 million to the Drone Coalition, the ministry said.</p>"
               "<p>It is the country's largest contribution so far this year.</p></article></body></html>"),
    ("a.rss", '<?xml version="1.0"?><rss version="2.0"><channel><title>Wire</title><item><title>Latvia pledges'
              '</title><description>Latvia has pledged €30 million.</description></item></channel></rss>'),
])
def test_every_input_format(tmp_path, name, content):
    path = tmp_path / name
    path.write_text(content, encoding="utf-8")
    proc = run("extract", "--format", "json", str(path))
    assert proc.returncode == 0, proc.stderr
    budgets = json.loads(proc.stdout)["budgets"]
    assert [(b["amount"], b["funder_code"]) for b in budgets] == [(30_000_000, "LVA")]


def test_labelled_ingest_stores_the_label_and_recognises_a_reupload(tmp_path):
    from core.ingest import ingest
    from core.store import load_table

    db = tmp_path / "fw.duckdb"
    for attempt in range(2):
        folder = tmp_path / f"upload-{attempt}"  # every upload lands in a fresh temporary folder
        folder.mkdir()
        real = folder / "upload-001-abc.txt"
        real.write_text((SEEDS / "000_eacac02b505d6a8a.txt").read_text(encoding="utf-8"), encoding="utf-8")
        report = ingest([str(real)], db=db, progress=False, labels={str(real): "upload/belgium.txt"})
        assert (report.articles_stored, report.files_skipped) == ((1, 0) if attempt == 0 else (0, 1))
    assert list(load_table("articles", db)["path"]) == ["upload/belgium.txt"]


def test_exclude_globs_and_clearing_failures_of_excluded_or_vanished_files(tmp_path):
    """A folder holding gold files beside the articles: --exclude skips them; the failures an earlier run
    recorded for them, and for a file deleted since, are cleared by clear-failures."""
    corpus = tmp_path / "corpus"
    shutil.copytree(SEEDS, corpus)
    (corpus / "a01.gold.json").write_text('{"budgets": []}', encoding="utf-8")
    (corpus / "b02.gold.json").write_text('{"budgets": []}', encoding="utf-8")
    (corpus / "gone.txt").write_bytes(b"")
    db = tmp_path / "fw.duckdb"
    first = run("ingest", str(corpus), "--db", str(db), "--quiet")
    assert first.returncode == 1 and first.stderr.count("gold.json") == 2, first.stderr
    (corpus / "gone.txt").unlink()
    again = run("ingest", str(corpus), "--db", str(db), "--quiet", "--exclude", "*.gold.json", "--exclude", "x*")
    assert again.returncode == 0, again.stderr
    assert "2 excluded" in again.stderr
    assert json.loads(run("export", "failures", "--db", str(db), "--format", "json").stdout) != []
    cleared = run("clear-failures", "--db", str(db), "--exclude", "*.gold.json")
    assert cleared.returncode == 0 and "cleared 3 failure(s)" in cleared.stderr, cleared.stderr
    assert json.loads(run("export", "failures", "--db", str(db), "--format", "json").stdout) == []


def test_help_does_not_load_pandas_or_duckdb():
    code = ("import sys\nfrom core.cli import build_parser\nbuild_parser()\n"
            "print(sorted({'pandas', 'duckdb', 'spacy', 'trafilatura'} & set(sys.modules)))")
    proc = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT, timeout=60)
    assert proc.stdout.strip() == "[]", proc.stdout + proc.stderr
