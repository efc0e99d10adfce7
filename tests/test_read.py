"""Tests for core.read: every format, every kind of bad input, folder walking, the dev corpus."""

from __future__ import annotations

import codecs
import hashlib
import html
import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from core.read import (
    MAX_BYTES,
    decode_bytes,
    expand_paths,
    find_dateline,
    iter_documents,
    read_file,
)
from core.records import Document, ReadFailure
from tests.conftest import DEV, dev_files, need_shared

ROOT = Path(__file__).resolve().parents[1]
IS_ROOT = hasattr(os, "geteuid") and os.geteuid() == 0


def write(folder: Path, name: str, content: str | bytes) -> str:
    """Write a file (text as UTF-8) and return its path as a string."""
    path = folder / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(content.encode() if isinstance(content, str) else content)
    return str(path)


def read_one(path: str) -> Document:
    """The single Document a file must give."""
    result = read_file(path)
    assert isinstance(result, list) and len(result) == 1, result
    assert isinstance(result[0], Document), result[0]
    return result[0]


def failure(path: str) -> str:
    """The reason a file must fail with."""
    result = read_file(path)
    assert isinstance(result, ReadFailure), result
    assert result.path == path
    return result.reason


# ---------------------------------------------------------------------------------------------
# Plain text and Markdown

ZAPAD = (
    "Zapad-2025 drills open in Belarus\r\n"
    "12 September 2025 | Updated 15:05 CET | Eastern Flank Daily\r\n"
    "\r\n"
    "Russia and Belarus began their joint exercise on Friday.\r\n"
)


def test_txt_headline_dateline_and_verbatim_text(tmp_path):
    raw = codecs.BOM_UTF8 + ZAPAD.encode()
    doc = read_one(write(tmp_path, "zapad.txt", raw))
    assert doc.title == "Zapad-2025 drills open in Belarus"
    assert doc.published == "2025-09-12"
    assert doc.source == "Eastern Flank Daily"
    assert doc.text == ZAPAD.replace("\r\n", "\n")  # BOM gone, line endings normalised, rest verbatim
    assert doc.content_hash == hashlib.sha256(raw).hexdigest()
    assert doc.path == str(tmp_path / "zapad.txt")


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ("12 September 2025 | Updated 15:05 CET | Eastern Flank Daily", ("2025-09-12", "Eastern Flank Daily")),
        ("September 12, 2025", ("2025-09-12", None)),
        ("2025-09-12", ("2025-09-12", None)),
        ("12.09.2025", ("2025-09-12", None)),
        ("Published: 3 Oct. 2024 · Baltic Defence Review", ("2024-10-03", "Baltic Defence Review")),
        ("Kadri Lepp | Baltics | 24.09.2025", ("2025-09-24", None)),
        ("12 September 2025 | By Eastern Flank Daily staff", ("2025-09-12", None)),
        ("12 September 2025 | 15:05", ("2025-09-12", None)),
        ("BRUSSELS, Sept 16, 2025 (Eurowire) - Allied fighter jets are heading for Poland.",
         ("2025-09-16", "Eurowire")),
        ("TALLINN, May 31 (BDW) - The group has collected 58 million euros.", (None, "BDW")),
        ("CHISINAU, Feb. 14, 2025 (Prut Wire) - Moldova summoned Russia's ambassador.", ("2025-02-14", "Prut Wire")),
        ("PRAGUE, Jan 7 (Central European Wire) - Prime Minister Andrej Babis has dropped his threat.",
         (None, "Central European Wire")),
        ("VILNIUS, June 2, 2025 - Presidents and prime ministers met in Vilnius.", ("2025-06-02", None)),
        ("By Radu Enache, Black Sea Monitor", (None, "Black Sea Monitor")),
        ("By Ioana Marin", (None, None)),
        ("By Friday, Poland had deployed 2,000 troops to the border.", (None, None)),
        ("By Baltic Defence Wire staff", (None, None)),
        ("Healey said during a visit to Kyiv on 9 January 2026.", (None, None)),
        ("31 February 2025", (None, None)),
        ("Posted 9:05 AM EET, March 2, 2026", ("2026-03-02", None)),
        ("on 14 January 2026 at 18:20", ("2026-01-14", None)),
        ("2026.01.14 08:00", ("2026-01-14", None)),
        ("On 4 May 2024 the drone fell near the border.", (None, None)),
    ],
    ids=[
        "date-pipe-publisher", "month-day-year", "iso", "dotted", "label-and-middot", "date-last",
        "by-staff-not-source", "time-not-source", "wire-dateline-with-year", "wire-dateline-no-year",
        "wire-dateline-abbreviated-month", "wire-dateline-agency-no-year", "wire-dateline-no-agency",
        "byline-name-outlet", "byline-name-only", "by-weekday-not-byline", "byline", "body-sentence",
        "impossible-date", "time-before-date", "on-date-at-time", "year-first-dotted", "on-date-sentence",
    ],
)  # fmt: skip
def test_dateline_forms(line, expected):
    assert find_dateline(["Headline", line]) == expected


def test_dateline_only_in_first_four_lines(tmp_path):
    text = "Headline\nOne.\nTwo.\nThree.\n2025-09-12\n"
    assert read_one(write(tmp_path, "late.txt", text)).published is None


def test_markdown_title_without_hashes_and_text_verbatim(tmp_path):
    text = "# Drone Coalition opens a *common* fund #\n\n_12 September 2025 | NordSec News_\n\nThe body.\n"
    doc = read_one(write(tmp_path, "fund.md", text))
    assert doc.title == "Drone Coalition opens a *common* fund"
    assert doc.text == text
    assert (doc.published, doc.source) == ("2025-09-12", "NordSec News")


def test_markdown_without_heading_uses_first_line(tmp_path):
    doc = read_one(write(tmp_path, "plain.markdown", "\n**Plain headline**\nBody.\n"))
    assert doc.title == "Plain headline"


# ---------------------------------------------------------------------------------------------
# HTML

BOILERPLATE = {
    "cookie": "We use cookies to personalise content. Accept all",
    "nav": "Podcasts Subscribe Newsletter",
    "share": "Share on Facebook LinkedIn",
    "related": "Related articles Baltic states weigh joint purchases",
    "footer": "All rights reserved Imprint Advertise",
}
PAGE = f"""<!DOCTYPE html>
<html><head><meta charset="utf-8">
<title>Italy extends deployment at &Auml;mari | NordSec News</title>
<meta property="og:site_name" content="NordSec News">
<meta property="article:published_time" content="2025-09-24T09:15:00Z">
<link rel="canonical" href="https://nordsec.example/baltics/amari">
</head><body>
<div id="cookie-consent"><p>{BOILERPLATE["cookie"]}</p><button>OK</button></div>
<header><nav><ul>{"".join(f"<li><a href='/{w}'>{w}</a></li>" for w in BOILERPLATE["nav"].split())}</ul></nav></header>
<main><article>
<h1>Italy extends deployment at &Auml;mari</h1>
<p>&Auml;MARI AIR BASE, Estonia &ndash; Italy will keep its SAMP/T battery at &Auml;mari until the spring, the
defence minister announced on Tuesday while visiting the almost 500 Italian service members there.</p>
<h2>Why now</h2>
<p>The move follows the most serious violation of Estonian airspace this year, when three MiG-31 fighters
stayed for about 12 minutes near the island of Vaindloo with their transponders switched off.</p>
<p>Luxembourg contributed EUR 12 million to rebuilding the runway, and Estonia 6.5 million euros.</p>
<div class="share">{BOILERPLATE["share"]}</div>
</article>
<aside class="related"><h3>Related articles</h3><ul><li><a href="/x">{BOILERPLATE["related"]}</a></li></ul></aside>
</main>
<footer><p>{BOILERPLATE["footer"]}</p></footer>
</body></html>
"""


def test_html_main_text_without_boilerplate(tmp_path):
    doc = read_one(write(tmp_path, "amari.html", PAGE))
    assert doc.title == "Italy extends deployment at Ämari"
    assert (doc.published, doc.source) == ("2025-09-24", "NordSec News")
    assert doc.url == "https://nordsec.example/baltics/amari"
    lines = doc.text.split("\n")
    assert lines[0] == "Italy extends deployment at Ämari"
    assert lines[1].startswith("ÄMARI AIR BASE, Estonia – Italy")
    assert "Why now" in lines
    assert lines[-1].startswith("Luxembourg contributed EUR 12 million")
    for phrase in BOILERPLATE.values():
        assert phrase not in doc.text
    for word in (
        "cookies",
        "Accept",
        "Podcasts",
        "Facebook",
        "LinkedIn",
        "Related",
        "weigh",
        "rights",
        "Imprint",
    ):
        assert word not in doc.text


def test_html_site_name_from_title_suffix(tmp_path):
    page = PAGE.replace('<meta property="og:site_name" content="NordSec News">', "").replace(
        "| NordSec News", "- Continental Security Daily"
    )
    doc = read_one(write(tmp_path, "suffix.htm", page))
    assert (doc.title, doc.source) == ("Italy extends deployment at Ämari", "Continental Security Daily")


def test_html_title_drops_the_site_and_a_date_after_it(tmp_path):
    page = (
        '<html><head><meta property="og:site_name" content="NSN.COM"><title>Radars for Latvia | NSN | 19.01.2025'
        "</title></head><body><h1>Radars for Latvia</h1><p>Latvia ordered radars.</p></body></html>"
    )
    doc = read_one(write(tmp_path, "dated.html", page))
    assert (doc.title, doc.source) == ("Radars for Latvia", "NSN.COM")


def test_html_title_prepended_when_body_lacks_it(tmp_path):
    page = (
        "<html><head><title>Short story</title></head><body><p>One paragraph about drones.</p></body></html>"
    )
    doc = read_one(write(tmp_path, "short.html", page))
    assert doc.text == "Short story\nOne paragraph about drones."


def test_html_legacy_charset(tmp_path):
    page = '<html><head><meta charset="windows-1252"><title>Caf\xe9</title></head><body><p>D\xe9j\xe0 vu \x96 \xc4mari.</p></body></html>'
    doc = read_one(write(tmp_path, "legacy.html", page.encode("latin-1")))
    assert doc.text == "Café\nDéjà vu – Ämari."


def test_html_all_script_is_a_failure(tmp_path):
    page = "<html><head><script>var a = 1;</script></head><body><script>document.write('x')</script></body></html>"
    assert failure(write(tmp_path, "script.html", page)) == "no article text found"


def test_html_deeply_nested_and_malformed_markup_does_not_crash(tmp_path):
    deep = "<html><body>" + "<div>" * 50_000 + "<p>Deep paragraph about NATO.</p>" + "</div>" * 50_000
    assert "Deep paragraph about NATO." in read_one(write(tmp_path, "deep.html", deep)).text
    broken = "<<<>>> </p></div><p>Text that stands alone in broken markup &amp; more"
    assert (
        "Text that stands alone in broken markup & more"
        in read_one(write(tmp_path, "broken.html", broken)).text
    )


# ---------------------------------------------------------------------------------------------
# JSON, JSON Lines


def test_json_object(tmp_path):
    article = {"title": "Belgium buys drones", "text": "Belgium approved EUR 140.8 million.\n\nIt  will buy drones.", "url": "https://x.example/1",
               "published": "2025-12-14T10:00:00Z", "source": "Brussels Times"}  # fmt: skip
    path = write(tmp_path, "one.json", json.dumps(article))
    doc = read_one(path)
    assert doc == Document(
        path=path,
        text="Belgium buys drones\nBelgium approved EUR 140.8 million.\n\nIt  will buy drones.",
        title="Belgium buys drones",
        published="2025-12-14",
        source="Brussels Times",
        url="https://x.example/1",
        content_hash=hashlib.sha256(Path(path).read_bytes()).hexdigest(),
    )


def test_json_list_alternative_keys_and_item_without_text(tmp_path):
    items = [
        {"title": "First", "body": "Body one.", "date": "12 September 2025"},
        {"title": "Second", "content": "<p>Body <b>two</b>.</p><p>More.</p>", "published_at": "2025-09-13",
         "source": {"name": "Eurowire"}},
        {"title": "Third"},
    ]  # fmt: skip
    path = write(tmp_path, "many.json", json.dumps(items))
    first, second, third = read_file(path)
    assert (first.path, first.text, first.published) == (f"{path}#1", "First\nBody one.", "2025-09-12")
    assert (second.path, second.text, second.source) == (f"{path}#2", "Second\nBody two.\nMore.", "Eurowire")
    assert third == ReadFailure(path, "item 3: no text")
    own = json.dumps(items[0], sort_keys=True, ensure_ascii=False).encode()  # each item hashes its own text
    assert first.content_hash == hashlib.sha256(own).hexdigest() != second.content_hash


def test_malformed_json_names_line_and_column(tmp_path):
    path = write(tmp_path, "bad.json", '[\n  {"title": "A", "text": "B"}\n  {"title": "C"}\n]')
    assert failure(path) == "malformed JSON: Expecting ',' delimiter (line 3, column 3)"


def test_json_that_is_not_articles(tmp_path):
    assert failure(write(tmp_path, "scalar.json", "42")) == "JSON is neither an object nor a list of objects"
    assert failure(write(tmp_path, "notext.json", '{"title": "Only a title"}')) == "no text"


def test_jsonl_bad_line_does_not_stop_the_others(tmp_path):
    lines = [
        '{"title": "A", "text": "Alpha."}',
        '{"title": "B", "text": ',
        "",
        '{"title": "C", "text": "Gamma."}',
    ]
    path = write(tmp_path, "feed.jsonl", "\n".join(lines))
    first, bad, third = read_file(path)
    assert (first.path, first.text) == (f"{path}#1", "A\nAlpha.")
    assert isinstance(bad, ReadFailure) and bad.path == f"{path}:line 2"
    assert bad.reason.startswith("malformed JSON: Expecting value")
    assert (third.path, third.text) == (f"{path}#4", "C\nGamma.")


# ---------------------------------------------------------------------------------------------
# Feeds

RSS = """<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0"><channel><title>Baltic Defence Wire</title><link>https://bdw.example/</link>
<item><title>Spain to join IT Coalition</title><link>https://bdw.example/it</link>
<pubDate>Sat, 31 May 2025 10:00:00 GMT</pubDate>
<description>&lt;p&gt;The coalition has collected &lt;b&gt;58 million&lt;/b&gt; euros.&lt;/p&gt;&lt;p&gt;Spain intends to join.&lt;/p&gt;</description></item>
<item><title>Second item</title><description>Plain text summary.</description></item>
</channel></rss>"""

ATOM = """<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom"><title>Eastern Flank Monitor</title><id>urn:efm</id>
<updated>2024-07-11T09:30:00Z</updated>
<entry><title>Drone Coalition opens a common fund</title><id>urn:efm:1</id>
<link href="https://efm.example/fund"/><published>2024-07-11T09:30:00Z</published><updated>2024-07-12T00:00:00Z</updated>
<content type="html">&lt;p&gt;Members signed a memorandum on 10 July.&lt;/p&gt;</content></entry>
</feed>"""


def test_rss_items(tmp_path):
    path = write(tmp_path, "bdw.rss", RSS)
    first, second = read_file(path)
    assert first.path == f"{path}#1"
    assert (
        first.text
        == "Spain to join IT Coalition\nThe coalition has collected 58 million euros.\nSpain intends to join."
    )
    assert (first.published, first.source, first.url) == (
        "2025-05-31",
        "Baltic Defence Wire",
        "https://bdw.example/it",
    )
    assert (second.path, second.text, second.published) == (
        f"{path}#2",
        "Second item\nPlain text summary.",
        None,
    )
    assert first.content_hash != second.content_hash


def test_atom_entry(tmp_path):
    (doc,) = read_file(write(tmp_path, "efm.atom", ATOM))
    assert doc.text == "Drone Coalition opens a common fund\nMembers signed a memorandum on 10 July."
    assert (doc.published, doc.source, doc.url) == (
        "2024-07-11",
        "Eastern Flank Monitor",
        "https://efm.example/fund",
    )


@pytest.mark.parametrize(
    "content",
    ["<?xml version='1.0'?><sitemap><url>x</url></sitemap>", "just some words, not XML"],
    ids=["xml", "text"],
)
def test_not_a_feed(tmp_path, content):
    assert failure(write(tmp_path, "data.xml", content)).startswith("not an RSS/Atom feed: ")


# ---------------------------------------------------------------------------------------------
# Bad input and encodings


@pytest.mark.parametrize(
    ("name", "content", "reason"),
    [
        ("empty.txt", b"", "empty file"),
        ("blank.md", b" \n\t\r\n  ", "empty file"),
        ("bom-only.txt", codecs.BOM_UTF8, "empty file"),
        ("image.html", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "binary file (PNG image)"),
        ("paper.txt", b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj", "binary file (PDF document)"),
        ("archive.json", b"PK\x03\x04\x14\x00\x00\x00\x08\x00", "binary file (ZIP archive)"),
        ("blob.txt", b"text\x00\x01\x02\x03\xff\xfe\x00\x00\x10binary", "binary file (contains NUL bytes)"),
        ("noise.txt", bytes(range(1, 32)) * 40 + bytes(range(128, 256)) * 40, "cannot decode text (not UTF-8, UTF-16 or a known 8-bit encoding)"),
        ("table.csv", b"a,b\n1,2\n", "unsupported file type '.csv'"),
    ],
    ids=["empty", "whitespace", "bom-only", "png", "pdf", "zip", "nul-bytes", "undecodable", "unsupported"],
)  # fmt: skip
def test_bad_input(tmp_path, name, content, reason):
    assert failure(write(tmp_path, name, content)) == reason


def test_file_too_large(tmp_path):
    path = tmp_path / "huge.txt"
    with path.open("wb") as handle:  # sparse: no disk space used
        handle.truncate(52_400_000)
    assert MAX_BYTES == 20_000_000
    assert failure(str(path)) == "file too large (52.4 MB > 20 MB size limit)"


def test_missing_file_and_folder(tmp_path):
    assert failure(str(tmp_path / "nope.txt")) == "no such file or folder"
    assert list(expand_paths([str(tmp_path / "nowhere")])) == [
        ReadFailure(str(tmp_path / "nowhere"), "no such file or folder")
    ]
    assert failure(str(tmp_path)) == "is a folder"


@pytest.mark.skipif(IS_ROOT, reason="root reads files whatever their permissions")
def test_permission_denied(tmp_path):
    path = write(tmp_path, "secret.txt", "Headline\nBody.\n")
    locked = tmp_path / "locked"
    write(locked, "inside.txt", "Headline\nBody.\n")
    os.chmod(path, 0)
    os.chmod(locked, 0)
    try:
        assert failure(path) == "permission denied"
        assert list(expand_paths([str(locked)])) == [ReadFailure(str(locked), "permission denied")]
    finally:
        os.chmod(locked, 0o755)


@pytest.mark.parametrize(
    ("encoding", "prefix"),
    [("utf-8", b""), ("utf-8", codecs.BOM_UTF8), ("utf-16", b""), ("utf-16-le", b""), ("utf-16-be", b""),
     ("cp1252", b""), ("cp1251", b"")],
    ids=["utf8", "utf8-bom", "utf16-bom", "utf16le-no-bom", "utf16be-no-bom", "windows-1252", "windows-1251"],
)  # fmt: skip
def test_encodings(tmp_path, encoding, prefix):
    text = (
        "Министерство обороны Украины сообщило о поставках.\nВторая строка текста о дронах.\n"
        if encoding == "cp1251"
        else "Italy stays at Ämari – “for now”\nThe défense ministers met in Tallinn on Tuesday.\n"
    )
    doc = read_one(write(tmp_path, "enc.txt", prefix + text.encode(encoding)))
    assert doc.text == text


def test_decode_bytes_refuses_noise():
    assert decode_bytes(bytes(range(1, 32)) * 10 + bytes(range(128, 256)) * 10) is None


def test_five_megabyte_line_is_read_whole(tmp_path):  # its time: make bench (benchmarks/hostile.py)
    path = write(tmp_path, "long.txt", b"Headline\n" + b"x" * 5_000_000 + b"\n")
    doc = read_one(path)
    assert doc.title == "Headline" and len(doc.text) == 5_000_010


# ---------------------------------------------------------------------------------------------
# Folders and the whole stage


def test_folders_recursive_sorted_hidden_skipped_and_symlink_loop(tmp_path):
    root = tmp_path / "corpus"
    for name in (
        "b.txt",
        "a.md",
        "sub/c.html",
        "sub/deeper/d.json",
        ".hidden.txt",
        ".git/e.txt",
        "notes.csv",
    ):
        write(root, name, "x")
    (root / "sub" / "loop").symlink_to(root, target_is_directory=True)
    (root / "z-link").symlink_to(root / "sub", target_is_directory=True)  # a folder already walked
    items = list(expand_paths([str(root)]))
    assert items == [
        str(root / "a.md"),
        str(root / "b.txt"),
        str(root / "sub" / "c.html"),
        str(root / "sub" / "deeper" / "d.json"),
        ReadFailure(str(root / "sub" / "loop"), f"folder symlink loop (points back to {root.resolve()})"),
    ]


def test_files_are_taken_as_given(tmp_path):
    hidden = write(tmp_path, ".hidden.txt", "x")
    assert list(expand_paths([hidden, hidden])) == [hidden, hidden]


def test_iter_documents_keeps_going_past_bad_input(tmp_path):
    good = write(tmp_path, "in/1.txt", "Headline\nBody.\n")
    write(tmp_path, "in/2.txt", b"")
    write(tmp_path, "in/3.jsonl", '{"title": "T", "text": "X"}\nnot json\n')
    missing = str(tmp_path / "missing.md")
    results = list(iter_documents([str(tmp_path / "in"), missing]))
    assert [type(result).__name__ for result in results] == [
        "Document", "ReadFailure", "Document", "ReadFailure", "ReadFailure",
    ]  # fmt: skip
    assert results[0].path == good
    assert [str(result) for result in results if isinstance(result, ReadFailure)] == [
        f"{tmp_path / 'in' / '2.txt'}: empty file",
        f"{tmp_path / 'in' / '3.jsonl'}:line 2: malformed JSON: Expecting value (column 1)",
        f"{missing}: no such file or folder",
    ]


def test_nothing_heavy_is_imported_with_the_module():
    code = "import sys, core.read; print(sorted({'trafilatura', 'feedparser', 'lxml', 'charset_normalizer'} & set(sys.modules)))"
    out = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"


# ---------------------------------------------------------------------------------------------
# The dev corpus


def meta_tags(page: str) -> dict[str, str]:
    """What the page's own tags say, read with regular expressions (independently of core.read)."""
    tags = dict(re.findall(r'<meta (?:property|name)="([^"]+)" content="([^"]*)"', page))
    title = html.unescape(re.search(r"<title>(.*?)</title>", page).group(1))
    site = html.unescape(tags.get("og:site_name") or re.split(r" [|-] ", title)[-1])
    return {
        "title": html.unescape(
            tags.get("og:title") or title.rsplit(f" | {site}", 1)[0].rsplit(f" - {site}", 1)[0]
        ),
        "published": tags["article:published_time"][:10],
        "source": site,
    }


@pytest.mark.parametrize("path", dev_files("*.html"))
def test_dev_html_metadata_and_main_text(path):
    need_shared(path)
    page = path.read_text(encoding="utf-8")
    doc = read_one(str(path))
    assert {"title": doc.title, "published": doc.published, "source": doc.source} == meta_tags(page)
    article = page.split("<article", 1)[1].split("</article>", 1)[0]
    paragraphs = re.findall(r"<(?:p|h2)>(.*?)</(?:p|h2)>", article, re.S)  # body paragraphs carry no class
    assert paragraphs
    for paragraph in paragraphs:
        assert " ".join(html.unescape(paragraph).split()) in doc.text
    assert doc.text.split("\n", 1)[0] == doc.title
    for phrase in ("cookies", "Accept all", "Related articles", "All rights reserved", "Privacy", "Subscribe",
                   "Share:", "Facebook"):  # fmt: skip
        assert phrase not in doc.text


def test_dev_txt_files_read_and_only_real_datelines_count():
    need_shared(DEV)
    docs = {
        Path(doc.path).name: doc for doc in iter_documents(str(path) for path in sorted(DEV.glob("*.txt")))
    }
    assert docs and all(isinstance(doc, Document) for doc in docs.values())
    dated = {name: (doc.published, doc.source) for name, doc in docs.items() if doc.published or doc.source}
    assert dated == {
        "a02_it-coalition-tallinn.txt": (None, "BDW"),  # "TALLINN, May 31 (BDW) -": no year, no date
        "b01_us-brigade-romania-drawdown.txt": (None, "Black Sea Monitor"),  # "By Radu Enache, Black Sea Monitor"
        "b03_zapad-2025-poland-border.txt": ("2025-09-12", "Eastern Flank Daily"),
        "c01_drone-debris-plauru.txt": (None, "Danube Wire"),  # "TULCEA, Romania, Sept 13 (Danube Wire) -"
        "c04_nato-jets-poland-drones.txt": (None, "Eurowire"),  # "BRUSSELS, Sept 16 (Eurowire) -"
        "d03_iris-t-latvia-estonia.txt": ("2026-02-18", "Baltic Desk"),
        "d04_moldova-drones-ceadir-lunga.txt": ("2025-02-14", "Prut Wire"),  # "CHISINAU, Feb. 14, 2025 (Prut Wire) -"
        "d05_czech-ammunition-initiative-babis.txt": (None, "Central European Wire"),  # "PRAGUE, Jan 7 (...) -"
        "d07_lithuania-gerbera-drone-gaiziunai.txt": ("2025-08-05", "Defence Desk"),
        "d08_b9-nordic-summit-vilnius.txt": ("2025-06-02", None),  # "VILNIUS, June 2, 2025 -"
        "d13_f16-viper-slovakia-bulgaria.txt": ("2025-12-31", "Air Power Desk"),
        "d14_flank-briefing-mines-safe-san.txt": ("2026-02-10", "Flank Briefing, weekly edition"),
    }


# ---------------------------------------------------------------------------------------------
# Hygiene and bounds


def test_invisible_characters_are_removed_from_text_title_and_source(tmp_path):
    text = "Lith\u200duania buys radars\n12 September 2025 | Baltic\u00ad Desk\n\nLat\u2060via and Es\u202etonia too.\n"
    doc = read_one(write(tmp_path, "hidden.txt", text))
    assert doc.text == "Lithuania buys radars\n12 September 2025 | Baltic Desk\n\nLatvia and Estonia too.\n"
    assert (doc.title, doc.source) == ("Lithuania buys radars", "Baltic Desk")


def test_text_of_only_invisible_characters_is_a_failure(tmp_path):
    path = write(tmp_path, "ghost.txt", "\u200b\u200d\u00ad\n")
    assert failure(path) == "no text (only invisible characters)"


def test_large_page_is_streamed_to_its_block_texts(tmp_path, monkeypatch):
    from core.read import webpage

    monkeypatch.setattr(webpage, "LARGE_PAGE_BYTES", 100)
    page = ("<html><head><title>Big table | Data Desk</title></head><body><nav><p>Menu</p></nav>"
            "<h1>Big table</h1><table><tr><td>Poland</td><td>500 troops</td></tr>"
            "<tr><td>Latvia</td><td>€20 million</td></tr></table><footer><p>© Desk</p></footer></body></html>")
    doc = read_one(write(tmp_path, "big.html", page))
    assert doc.text == "Big table | Data Desk\nBig table\nPoland 500 troops\nLatvia €20 million"
    assert doc.title == "Big table | Data Desk"


def test_large_page_with_too_much_text_is_refused_saying_so(tmp_path, monkeypatch):
    from core.read import largepage, webpage

    monkeypatch.setattr(webpage, "LARGE_PAGE_BYTES", 100)
    monkeypatch.setattr(largepage, "MAX_PAGE_TEXT", 50)
    monkeypatch.setattr(largepage.streamed_text, "__defaults__", (50,))
    rows = "".join(f"<tr><td>Row {n}</td><td>Poland</td></tr>" for n in range(20))
    path = write(tmp_path, "big.html", f"<html><body><table>{rows}</table></body></html>")
    assert failure(path) == "page too large: its text passes 50 characters (the text limit per page)"


def test_feed_entries_are_hashed_on_their_own_content(tmp_path):
    def feed(second: str) -> str:
        return ('<?xml version="1.0"?><rss version="2.0"><channel><title>Wire</title>'
                "<item><title>One</title><description>Poland buys tanks.</description></item>"
                f"<item><title>Two</title><description>{second}</description></item></channel></rss>")

    before = read_file(write(tmp_path, "a.rss", feed("Latvia buys radars.")))
    after = read_file(write(tmp_path, "a.rss", feed("Latvia buys drones.")))
    assert before[0].content_hash == after[0].content_hash and before[1].content_hash != after[1].content_hash
