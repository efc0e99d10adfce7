"""Text hygiene: invisible characters inside words do not hide names, file names cannot make a message
read backwards or split a CSV row. Each test compares the store with a clean ingest."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import duckdb
import pandas as pd

from core.export import to_csv_bytes
from core.ingest import ingest
from core.store import load_tables
from tests.reliability.helpers import assert_one_line_messages, cli, snapshot

QUIET = {"progress": False, "notify": lambda message: None}
CLEAN = ("Latvia and Lithuania send troops to Estonia\n\n"
         "Latvia will deploy 200 soldiers to Tapa in Estonia, the defence ministry in Riga said on 3 March 2025.\n"
         "Lithuania approved €25 million for air defence at Šiauliai Air Base on 4 March 2025.\n")
#: Zero-width joiner and space, soft hyphen, word joiner, bidi marks and isolates, inside the names.
HIDDEN = (CLEAN.replace("Lithuania", "Lith\u200duania").replace("Latvia", "Lat\u00advia")
          .replace("Estonia", "Es\u200bto\u2060nia").replace("Tapa", "\u2066Tapa\u2069").replace("Riga", "Ri\u200ega"))
#: Columns bound to the file's bytes (its hash), not to what was read from them.
BYTES = {"files": ["file_hash"]}


def _store(tmp_path: Path, text: str, name: str) -> Path:
    """A store of one article file (always the same path) holding `text`."""
    (tmp_path / "article.txt").write_text(text, encoding="utf-8")
    db = tmp_path / f"{name}.duckdb"
    ingest([str(tmp_path / "article.txt")], db, **QUIET)
    return db


def test_invisible_characters_inside_names_do_not_hide_them(tmp_path: Path):
    """The same article with zero-width characters, soft hyphens and bidi controls inside its names gives
    the same rows as the clean text, and the stored text (what offsets point into) has none of them."""
    hidden = _store(tmp_path, HIDDEN, "hidden")
    clean = _store(tmp_path, CLEAN, "clean")
    got, want = snapshot(hidden), snapshot(clean)
    for table, frame in want.items():
        drop = BYTES.get(table, [])
        pd.testing.assert_frame_equal(got[table].drop(columns=drop), frame.drop(columns=drop), obj=table)
    tables = load_tables(hidden)
    assert "LVA" in set(tables["deployments"]["force_code"]) and "EST" in set(tables["deployments"]["host_code"])
    con = duckdb.connect(str(hidden), read_only=True)
    try:
        text = con.execute("SELECT text FROM article_texts").fetchone()[0]
    finally:
        con.close()
    assert text == CLEAN


def test_bidi_controls_in_file_names_are_escaped_in_messages(tmp_path: Path):
    folder = tmp_path / "corpus"
    folder.mkdir()
    (folder / "report\u202eftxt.json").write_text("{not json", encoding="utf-8")
    (folder / "zero\u200bwidth.txt").write_bytes(b"")
    proc = cli("ingest", folder, "--db", tmp_path / "store.duckdb", "--quiet")
    assert proc.returncode == 1
    assert_one_line_messages(proc.stderr)
    for control in ("\u202e", "\u200b"):
        assert control not in proc.stderr
    assert "report\\u202eftxt.json" in proc.stderr and "zero\\u200bwidth.txt" in proc.stderr


def test_line_breaks_in_file_names_never_split_a_csv_row(tmp_path: Path):
    """A carriage return or line feed in a file name: the CSV cell is quoted and a line that would start
    a formula is neutralised, in the CLI's export and in the dashboard's downloads."""
    folder = tmp_path / "corpus"
    folder.mkdir()
    names = ["cr\r=1+1.txt", "lf\n@SUM(A1).txt", "crlf\r\n-2+3.txt"]
    for n, name in enumerate(names):
        (folder / name).write_text(CLEAN.replace("200", str(200 + n)), encoding="utf-8")
    db = tmp_path / "store.duckdb"
    assert cli("ingest", folder, "--db", db, "--quiet").returncode == 0
    exported = cli("export", "articles", "--db", db).stdout
    frames = {"export": exported, "download": to_csv_bytes(load_tables(db)["articles"]).decode()}
    for where, text in frames.items():
        rows = list(csv.DictReader(io.StringIO(text, newline="")))
        assert len(rows) == len(names), f"{where}: {len(rows)} rows"
        for row in rows:
            for cell in row.values():
                lines = (cell or "").split("\n")
                if any(line.startswith(("=", "+", "-", "@")) for line in lines):
                    assert cell.startswith("'"), f"{where}: {cell!r} is not neutralised"
        assert sorted(row["path"].lstrip("'").split("/")[-1] for row in rows) == sorted(
            name.replace("\r\n", "\n").replace("\r", "\n") for name in names), where
    json_rows = json.loads(cli("export", "articles", "--db", db, "--format", "json").stdout)
    assert sorted(Path(r["path"]).name for r in json_rows) == sorted(names)  # the data itself is unchanged
