"""Bad input: a corpus of hostile files, generated here, ingested beside good articles.

Each hostile file is either read correctly (it is text after all) or reported in one line that
names it and says why; the good articles are stored whatever else is in the batch; the exit status
of `python -m core ingest` says that some files failed.
"""

from __future__ import annotations

import codecs
import json
import os
import random
import re
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import duckdb
import pytest

from core.read import read_file, storable
from core.records import Document, ReadFailure
from tests.reliability.helpers import (
    assert_one_line_messages,
    cli,
    cli_as_user,
    permissions_apply,
    stderr_lines,
    synthetic_article,
)

ARTICLE = ("Belgium sends 300 troops to Romania\n"
           "Belgium has approved a €140.8 million program on 12 December 2025 for its forces in Romania.\n")
PNG = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01\x00\x00\x00\x01\x08\x06\x00\x00\x00\x1f\x15\xc4\x89"


@dataclass(frozen=True)
class Case:
    """A hostile file: how to make it, and either the reason it fails with or a text it must yield."""

    name: str
    filename: str
    make: Callable[[Path], None]
    reason: str | None = None  # the failure expected, or None when the file must be read
    text: str | None = None  # a piece of the text read (for files that are readable)
    in_folder: bool = True  # False: given on the command line (folders yield supported suffixes only)


def _bytes(data: bytes) -> Callable[[Path], None]:
    return lambda path: path.write_bytes(data)


def _text(data: str) -> Callable[[Path], None]:
    return lambda path: path.write_text(data, encoding="utf-8")


def _symlink_loop(path: Path) -> None:
    path.mkdir()
    (path / "back").symlink_to("..", target_is_directory=True)


def _fifo(path: Path) -> None:
    os.mkfifo(path)


def _unreadable(path: Path) -> None:
    path.write_text(ARTICLE + "unreadable\n", encoding="utf-8")
    path.chmod(0)


def _xxe(path: Path) -> None:
    secret = path.parent.parent / "secret.txt"  # outside the corpus folder
    secret.write_text("TOP-SECRET-CONTENT")
    path.write_text(f'<?xml version="1.0"?><!DOCTYPE rss [<!ENTITY xxe SYSTEM "file://{secret}">]>'
                    f'<rss version="2.0"><channel><title>Feed</title><item><title>Troops</title>'
                    f'<description>Belgium sends 300 troops to Romania &xxe; today.</description></item>'
                    f'</channel></rss>')


def _billion_laughs() -> str:
    entities = "".join(f'<!ENTITY l{i} "{f"&l{i - 1};" * 10 if i else "lol"}">' for i in range(10))
    return (f'<?xml version="1.0"?><!DOCTYPE rss [{entities}]><rss version="2.0"><channel><title>T</title>'
            f'<item><title>Romania</title><description>Troops in Romania &l9;</description></item></channel></rss>')


CASES = [
    Case("empty", "empty.txt", _bytes(b""), reason="empty file"),
    Case("whitespace only", "blank.txt", _bytes(b" \n\t\r\n \x0b\x0c "), reason="empty file"),
    Case("PNG renamed .txt", "image.txt", _bytes(PNG + random.Random(1).randbytes(3000)),
         reason="binary file (PNG image)"),
    Case("NUL bytes", "nul.txt", _bytes(b"Troops arrived\x00 in Romania\x00\x00" * 20),
         reason="binary file (contains NUL bytes)"),
    Case("invalid UTF-8", "invalid_utf8.txt", _bytes(b"Troops \xc3\x28 arrived in Romania \xa0\xa1 \xff\xfe\xfd."),
         text="arrived in Romania"),
    Case("UTF-16 with BOM", "utf16_bom.txt", _bytes(codecs.BOM_UTF16_LE + ("Ämari " + ARTICLE).encode("utf-16-le")),
         text="Ämari Belgium sends 300 troops"),
    Case("UTF-16 LE without BOM", "utf16le.txt", _bytes(("Tapa " + ARTICLE).encode("utf-16-le")),
         text="Tapa Belgium sends 300 troops"),
    Case("UTF-16 BE without BOM", "utf16be.txt", _bytes(("Rukla " + ARTICLE).encode("utf-16-be")),
         text="Rukla Belgium sends 300 troops"),
    Case("Latin-1", "latin1.txt", _bytes(("L'armée française à Cincu. " + ARTICLE).encode("latin-1", "replace")),
         text="L'armée française à Cincu"),
    Case("Windows-1252", "cp1252.txt", _bytes(("“Quoted” – the café in Ämari. " + ARTICLE).encode("cp1252")),
         text="“Quoted” – the café in Ämari"),
    Case("50 MB of text", "big.txt", _bytes(ARTICLE.encode() * (50_000_000 // len(ARTICLE.encode()) + 1)),
         reason="file too large (50.0 MB > 20 MB size limit)"),
    Case("a 5 MB line without spaces", "long_line.txt", _bytes(b"x" * 5_000_000), text="x" * 1000),
    Case("HTML nested 100,000 deep", "nested.html",
         _text("<html><body>" + "<div>" * 100_000 + "Deep text about Romania." + "</div>" * 100_000 + "</body></html>"),
         text="Deep text about Romania."),
    Case("HTML that is all script", "script.html",
         _text("<html><head><script>" + "alert(1);" * 2000 + "</script></head><body><script>x=1</script></body></html>"),
         reason="no article text found"),
    Case("malformed HTML", "broken.html", _text("<html><body><p>Belgian troops in Romania <div><<<>>>&&& <b><i></p>"),
         text="Belgian troops in Romania"),
    Case("malformed JSON", "broken.json", _text('{"title": "x", "text": '), reason="malformed JSON: Expecting value"),
    Case("JSON nested 100,000 deep", "deep.json", _text("[" * 100_000 + "]" * 100_000),
         reason="malformed JSON: nested too deeply"),
    Case("JSON with a 5,000-digit number", "bignum.json", _text('{"text": "Romania", "n": ' + "9" * 5000 + "}"),
         reason="malformed JSON: Exceeds the limit"),
    Case("JSON with lone surrogate escapes", "surrogates.json",
         _text('{"title": "Bad \\ud800 title", "text": "Belgium sends 300 troops to Romania \\udc00 now."}'),
         text="Romania \ufffd now."),
    Case("JSON Lines, some lines malformed", "mixed.jsonl",
         _text(json.dumps({"title": "Good line", "text": "Dutch troops reach Lithuania."}) + '\n{not json\n[1, 2]\n'),
         reason="malformed JSON: Expecting property name", text="Dutch troops reach Lithuania."),
    Case("RSS that is not XML", "notxml.rss", _text("just words about Romania, no markup at all"),
         reason="not an RSS/Atom feed"),
    Case("RSS with references to no character", "charrefs.rss",
         _text('<rss version="2.0"><channel><title>T &#xD800;</title><item><title>Troops</title><description>'
               "Belgium sends 300 troops to Romania &#xD800; &#1114112; now.</description></item></channel></rss>"),
         text="Romania \ufffd \ufffd now."),
    Case("RSS with an external entity (XXE)", "xxe.rss", _xxe, text="Belgium sends 300 troops to Romania"),
    Case("RSS with an entity expansion bomb", "laughs.rss", _text(_billion_laughs()), text="Troops in Romania"),
    Case("a folder symlink loop", "loop", _symlink_loop, reason="folder symlink loop"),
    Case("a dangling symlink", "dangling.txt", lambda path: path.symlink_to("nowhere.txt"),
         reason="broken symbolic link"),
    Case("a named pipe", "pipe.txt", _fifo, reason="not a regular file"),
    Case("a symlink to /dev/zero", "zero.txt", lambda path: path.symlink_to("/dev/zero"), reason="not a regular file"),
    Case("a file name with a newline", "bad\nname.txt", _bytes(b""), reason="empty file"),
    Case("a file name that is not UTF-8", os.fsdecode(b"caf\xe9.txt"), _text(ARTICLE.replace("300", "310")),
         text="Belgium sends 310 troops"),
    Case("an unsupported type given by name", "notes.docx", _text("Notes on troops in Romania."),
         reason="unsupported file type '.docx'", in_folder=False),
    Case("unreadable permissions", "unreadable.txt", _unreadable, reason="permission denied"),
]
GOOD = 6  # good articles beside the hostile files


def _corpus(base: Path, cases: list[Case]) -> tuple[Path, list[Path]]:
    folder = base / "corpus"
    folder.mkdir()
    rng = random.Random(3)
    for n in range(GOOD):
        (folder / f"good_{n}.txt").write_text(synthetic_article(n, rng), encoding="utf-8")
    extra = []
    for case in cases:
        path = folder / case.filename if case.in_folder else base / case.filename
        case.make(path)
        if not case.in_folder:
            extra.append(path)
    return folder, extra


def _shown(path: Path) -> str:
    """A path as the messages and the store show it."""
    return storable(str(path))


@pytest.fixture(scope="module")
def ingested(tmp_path_factory):
    """One `python -m core ingest` of every hostile file and the good articles (file permissions enforced
    where that is possible, so that the unreadable file is unreadable even for root)."""
    base = tmp_path_factory.mktemp("hostile")
    folder, extra = _corpus(base, CASES)
    db = base / "store.duckdb"
    run = cli if permissions_apply() else cli_as_user
    proc = run("ingest", folder, *extra, "--db", db, "--quiet", timeout=240)
    return folder, db, proc


def _case_path(folder: Path, case: Case) -> Path:
    return folder / case.filename if case.in_folder else folder.parent / case.filename


@pytest.mark.slow
def test_ingest_exit_status_and_messages(ingested):
    folder, db, proc = ingested
    assert proc.returncode == 1, proc.stderr  # some files failed
    assert_one_line_messages(proc.stderr)
    lines = stderr_lines(proc.stderr)
    assert re.fullmatch(r"flankwatch: \d+ files seen, \d+ stored \(\d+ articles\), 0 unchanged, \d+ failed", lines[-1])
    for line in lines[:-1]:  # each message names a file of the corpus
        assert line.startswith(f"flankwatch: {_shown(folder)}") or line.startswith(f"flankwatch: {folder.parent}")


@pytest.mark.slow
@pytest.mark.parametrize("case", CASES, ids=[case.name for case in CASES])
def test_each_hostile_file(ingested, case: Case):
    folder, db, proc = ingested
    if case.name == "unreadable permissions" and permissions_apply():
        pytest.skip(f"cannot make a file unreadable: {permissions_apply()}")
    path = _case_path(folder, case)
    shown = _shown(path).replace("\n", "\\n")
    if case.name == "a folder symlink loop":
        shown = str(path / "back")
    if case.reason:
        said = [line for line in stderr_lines(proc.stderr) if line.startswith(f"flankwatch: {shown}")]
        assert any(case.reason in line for line in said), (case.reason, said, proc.stderr)
    if case.text:
        con = duckdb.connect(str(db), read_only=True)
        try:
            texts = [r[0] for r in con.execute(
                "SELECT t.text FROM articles a JOIN article_texts t USING (article_id) "
                "WHERE a.path = ? OR a.path LIKE ?", [_shown(path), f"{_shown(path)}#%"]).fetchall()]
        finally:
            con.close()
        assert any(case.text in text for text in texts), f"{case.name}: not stored with its text"


@pytest.mark.slow
def test_good_articles_are_stored_and_failures_recorded(ingested):
    folder, db, proc = ingested
    con = duckdb.connect(str(db), read_only=True)
    try:
        paths = {r[0] for r in con.execute("SELECT path FROM articles").fetchall()}
        failures = {r[0] for r in con.execute("SELECT path FROM failures").fetchall()}
    finally:
        con.close()
    assert {str(folder / f"good_{n}.txt") for n in range(GOOD)} <= paths
    assert _shown(folder / "empty.txt") in failures and _shown(folder / "bad\nname.txt") in failures
    assert "TOP-SECRET-CONTENT" not in proc.stderr


@pytest.mark.slow
def test_stored_texts_never_include_a_local_file(ingested):
    folder, db, _ = ingested
    con = duckdb.connect(str(db), read_only=True)
    try:
        leaked = con.execute("SELECT count(*) FROM article_texts WHERE text LIKE '%TOP-SECRET%'").fetchone()[0]
    finally:
        con.close()
    assert leaked == 0


SMALL = [case for case in CASES if case.filename not in ("big.txt", "long_line.txt", "unreadable.txt")]


def test_extract_reports_hostile_files_in_one_line_each(tmp_path: Path):
    folder, extra = _corpus(tmp_path, SMALL)
    proc = cli("extract", folder, *extra, timeout=300)
    assert proc.returncode == 0, proc.stderr  # some articles were extracted
    assert_one_line_messages(proc.stderr)
    out = json.loads(proc.stdout)
    assert len(out["failures"]) == len(stderr_lines(proc.stderr))
    paths = {row["path"] for row in out["articles"]}
    assert _shown(folder / os.fsdecode(b"caf\xe9.txt")) in paths  # the odd name, escaped: '\\xe9'


FILES = [case for case in SMALL if case.filename != "loop"]  # a folder: expand_paths' business


@pytest.mark.parametrize("case", FILES, ids=[case.name for case in FILES])
def test_read_file_never_raises(tmp_path: Path, case: Case):
    """The reader alone, in process: a Document, or a ReadFailure with a one-line reason."""
    path = tmp_path / case.filename
    case.make(path)
    result = read_file(str(path))
    items = [result] if isinstance(result, ReadFailure) else result
    assert items
    for item in items:
        assert isinstance(item, Document | ReadFailure)
        item.path.encode("utf-8")  # storable: no lone surrogates
        if isinstance(item, ReadFailure):
            assert "\n" not in item.reason and item.reason
        else:
            item.text.encode("utf-8")
            assert item.text.strip()
    if case.reason and case.text is None:
        assert isinstance(result, ReadFailure) and case.reason in result.reason
