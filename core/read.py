"""Reading stage: files and folders on disk → `Document` records (or `ReadFailure`s).

The chain is `expand_paths` (folders → files) → `read_file` (bytes → checks → decode →
one reader per format) → `Document`. Nothing raises for bad input: every problem becomes a
`ReadFailure` with a one-line reason. Heavy libraries (trafilatura, feedparser, lxml,
charset_normalizer) are imported inside the functions that need them.
"""

from __future__ import annotations

import codecs
import dataclasses
import errno
import hashlib
import io
import json
import os
import re
import stat
import time
from collections.abc import Callable, Iterable, Iterator
from datetime import UTC, date, datetime
from email.utils import parsedate_to_datetime
from functools import cache
from typing import Any

from core.records import Document, ReadFailure

MAX_BYTES = 20_000_000  # larger files are refused ("file too large")
MAX_TITLE_CHARS = 300  # a title longer than this is cut (a 5 MB first line is not a headline)
SUPPORTED_SUFFIXES = frozenset(
    {".txt", ".md", ".markdown", ".html", ".htm", ".json", ".jsonl", ".xml", ".rss", ".atom"}
)
CANNOT_DECODE = "cannot decode text (not UTF-8, UTF-16 or a known 8-bit encoding)"

Result = list[Document | ReadFailure] | ReadFailure


# ---------------------------------------------------------------------------------------------
# Paths


def expand_paths(paths: Iterable[str]) -> Iterator[str | ReadFailure]:
    """Yield the files to read: files as given, folders walked recursively in sorted order.

    Inside folders only files with a supported suffix are yielded, hidden files and folders
    are skipped, each real folder is walked once, and a symlink pointing back to one of its
    own ancestors is reported as a loop. Unreadable folders become `ReadFailure`s.
    """
    seen: set[str] = set()
    for path in paths:
        try:
            is_dir = stat.S_ISDIR(os.stat(path).st_mode)
        except OSError as exc:
            yield ReadFailure(path, _os_reason(path, exc))
            continue
        if is_dir:
            yield from _walk_folder(path, frozenset(), seen)
        else:
            yield path


def _walk_folder(folder: str, ancestors: frozenset[str], seen: set[str]) -> Iterator[str | ReadFailure]:
    """Depth-first walk of one folder, entries in name order."""
    real = os.path.realpath(folder)
    if real in ancestors:
        yield ReadFailure(folder, f"folder symlink loop (points back to {real})")
        return
    if real in seen:  # the same folder reached again through another link
        return
    seen.add(real)
    try:
        with os.scandir(folder) as scan:
            entries = sorted(scan, key=lambda entry: entry.name)
    except OSError as exc:
        yield ReadFailure(folder, _os_reason(folder, exc))
        return
    for entry in entries:
        if entry.name.startswith("."):
            continue
        if _is_dir(entry):
            yield from _walk_folder(entry.path, ancestors | {real}, seen)
        elif os.path.splitext(entry.name)[1].lower() in SUPPORTED_SUFFIXES:
            yield entry.path


def _is_dir(entry: os.DirEntry) -> bool:
    """Whether a folder entry is a folder (following symlinks); False if it cannot be told."""
    try:
        return entry.is_dir()
    except OSError:
        return False


def _os_reason(path: str, exc: OSError) -> str:
    """A one-line reason for an OS error on `path`."""
    if exc.errno == errno.ENOENT:
        return "broken symbolic link" if os.path.islink(path) else "no such file or folder"
    if exc.errno in (errno.EACCES, errno.EPERM):
        return "permission denied"
    if exc.errno == errno.ELOOP:
        return "symbolic link loop"
    return f"cannot read: {exc.strerror or exc}"


# ---------------------------------------------------------------------------------------------
# Files


def iter_documents(paths: Iterable[str]) -> Iterator[Document | ReadFailure]:
    """Expand `paths` and read every file: Documents and ReadFailures, in order; never raises."""
    for item in expand_paths(paths):
        result = _with_storable_path(item) if isinstance(item, ReadFailure) else read_file(item)
        if isinstance(result, ReadFailure):
            yield result
        else:
            yield from result


def read_file(path: str) -> Result:
    """Read one file into Documents, dispatching on its suffix.

    A file that cannot be read at all gives a `ReadFailure`. Otherwise the result is a list;
    for JSON, JSON Lines and feeds it may hold a `ReadFailure` for a bad item beside the
    Documents of the good ones. Paths in the results are `storable`.
    """
    result = _read_file(path)
    if storable(path) == path:
        return result
    return _with_storable_path(result) if isinstance(result, ReadFailure) else [*map(_with_storable_path, result)]


def _read_file(path: str) -> Result:
    try:
        raw = _load_bytes(path)
        if isinstance(raw, ReadFailure):
            return raw
        problem = _sniff(raw)
        if problem:
            return ReadFailure(path, problem)
        suffix = os.path.splitext(path)[1].lower()
        reader = _READERS.get(suffix)
        if reader is None:
            return ReadFailure(path, f"unsupported file type {suffix or '(no suffix)'!r}")
        return reader(path, raw)
    except Exception as exc:  # last resort: a reader bug must not stop the whole run
        return ReadFailure(path, f"unexpected error: {type(exc).__name__}: {exc}")


_SURROGATE = re.compile("[\ud800-\udfff]")


def storable(path: str) -> str:
    """A file name as text that can be encoded (printed, stored, exported): the bytes of a name
    that is not UTF-8 (which Python holds as lone surrogates) written as '\\xNN' escapes.

    >>> storable("caf\\udce9.txt"), storable("Kyiv.txt")
    ('caf\\\\xe9.txt', 'Kyiv.txt')
    """
    return _SURROGATE.sub(_escape_undecodable, path) if _SURROGATE.search(path) else path


def _escape_undecodable(match: re.Match[str]) -> str:
    code = ord(match.group())
    return f"\\x{code - 0xDC00:02x}" if 0xDC80 <= code <= 0xDCFF else "\ufffd"


def _with_storable_path(item: Document | ReadFailure) -> Document | ReadFailure:
    return dataclasses.replace(item, path=storable(item.path))


def _load_bytes(path: str) -> bytes | ReadFailure:
    """The file's bytes, or a failure: missing, not a regular file, too large, unreadable."""
    try:
        info = os.stat(path)
        if stat.S_ISDIR(info.st_mode):
            return ReadFailure(path, "is a folder")
        if not stat.S_ISREG(info.st_mode):
            return ReadFailure(path, "not a regular file")
        if info.st_size > MAX_BYTES:
            return ReadFailure(path, _too_large(info.st_size))
        # non-blocking: a FIFO swapped in after the stat must not hang the run; fstat re-checks
        with open(os.open(path, os.O_RDONLY | os.O_NONBLOCK), "rb") as handle:
            if not stat.S_ISREG(os.fstat(handle.fileno()).st_mode):
                return ReadFailure(path, "not a regular file")
            raw = handle.read(MAX_BYTES + 1)
    except OSError as exc:
        return ReadFailure(path, _os_reason(path, exc))
    return ReadFailure(path, _too_large(len(raw))) if len(raw) > MAX_BYTES else raw


def _too_large(size: int) -> str:
    """'file too large (52.4 MB > 20 MB)'."""
    return f"file too large ({size / 1e6:.1f} MB > {MAX_BYTES / 1e6:g} MB)"


def _hash(raw: bytes, item: int | None = None) -> str:
    """sha256 of the raw bytes; items of a multi-article file hash the bytes plus '#n'."""
    suffix = b"" if item is None else f"#{item}".encode()
    return hashlib.sha256(raw + suffix).hexdigest()


# ---------------------------------------------------------------------------------------------
# Bytes → text

_MAGIC = (  # (leading bytes, what the file is)
    (b"\x89PNG\r\n\x1a\n", "PNG image"),
    (b"%PDF-", "PDF document"),
    (b"PK\x03\x04", "ZIP archive"),
    (b"\x1f\x8b", "gzip archive"),
    (b"\xff\xd8\xff", "JPEG image"),
    (b"GIF87a", "GIF image"),
    (b"GIF89a", "GIF image"),
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", "Microsoft Office document"),
    (b"\x7fELF", "ELF executable"),
    (b"SQLite format 3\x00", "SQLite database"),
    (b"7z\xbc\xaf\x27\x1c", "7-Zip archive"),
    (b"Rar!\x1a\x07", "RAR archive"),
    (b"\xfd7zXZ\x00", "xz archive"),
)
_BOMS = (  # UTF-32 before UTF-16: their BOMs share a prefix
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)


def _sniff(raw: bytes) -> str | None:
    """Why these bytes are not a text file (empty, binary), or None."""
    if not raw.strip():
        return "empty file"
    for magic, kind in _MAGIC:
        if raw.startswith(magic):
            return f"binary file ({kind})"
    if b"\x00" in raw and not _has_bom(raw) and not _utf16_without_bom(raw):
        return "binary file (contains NUL bytes)"
    return None


def _has_bom(raw: bytes) -> bool:
    return any(raw.startswith(bom) for bom, _ in _BOMS)


def _utf16_without_bom(raw: bytes) -> str | None:
    """'utf-16-le' or 'utf-16-be' when every other byte of the start is NUL (ASCII-range text)."""
    sample = raw[:4096]
    if len(sample) < 4:
        return None
    even, odd = sample[0::2], sample[1::2]
    if odd.count(0) >= 0.9 * len(odd) and even.count(0) <= 0.1 * len(even):
        return "utf-16-le"
    if even.count(0) >= 0.9 * len(even) and odd.count(0) <= 0.1 * len(odd):
        return "utf-16-be"
    return None


def decode_bytes(raw: bytes, declared: str | None = None) -> str | None:
    """Decode text: BOM, UTF-8, UTF-16 without BOM, a declared charset, then a best guess.

    Returns None when nothing decodes with confidence. Line endings become '\\n' and a
    leading BOM is dropped.

    >>> decode_bytes("Ämari".encode("utf-16-le"))
    'Ämari'
    >>> decode_bytes("Déjà vu – a café in Ämari".encode("cp1252"))
    'Déjà vu – a café in Ämari'
    """
    text = _decode(raw, declared)
    if text is None:
        return None
    return text.lstrip("\ufeff").replace("\r\n", "\n").replace("\r", "\n")


def _decode(raw: bytes, declared: str | None) -> str | None:
    for bom, encoding in _BOMS:
        if raw.startswith(bom):
            return _try_decode(raw[len(bom) :], encoding)
    text = _try_decode(raw, "utf-8")
    if text is None and (utf16 := _utf16_without_bom(raw)):
        text = _try_decode(raw, utf16)
    if text is None and declared:
        text = _try_decode(raw, declared)
    return text if text is not None else _guess_8bit(raw)


def _try_decode(raw: bytes, encoding: str) -> str | None:
    try:
        return raw.decode(encoding)
    except (UnicodeDecodeError, LookupError):
        return None


def _guess_8bit(raw: bytes) -> str | None:
    """Windows-1252 (a superset of Latin-1's printable range) when the result looks like
    Western European text; else charset_normalizer's best guess; else None."""
    text = _try_decode(raw, "cp1252")
    if text is not None and _looks_like_latin_text(text):
        return text
    from charset_normalizer import from_bytes

    best = from_bytes(raw).best()
    if best is None:
        return None
    text = str(best)
    return text if _control_share(text) < 0.01 else None


def _looks_like_latin_text(text: str) -> bool:
    """Mostly ASCII letters, few control characters (Cyrillic read as cp1252 is not)."""
    sample = text[:65536]
    letters = [ch for ch in sample if ch.isalpha()]
    accented = sum(ord(ch) > 127 for ch in letters)
    return _control_share(sample) < 0.001 and accented <= 0.35 * max(len(letters), 1)


def _control_share(text: str) -> float:
    sample = text[:65536]
    controls = sum(1 for ch in sample if (ch < " " and ch not in "\t\n\r\f") or "\x80" <= ch <= "\x9f")
    return controls / max(len(sample), 1)


def _decode_or_fail(path: str, raw: bytes, declared: str | None = None) -> str | ReadFailure:
    """Decoded, non-empty text, or the failure."""
    text = decode_bytes(raw, declared)
    if text is None:
        return ReadFailure(path, CANNOT_DECODE)
    if not text.strip():
        return ReadFailure(path, "empty file")
    return text


# ---------------------------------------------------------------------------------------------
# Dates

_MONTHS = {
    "jan": 1, "feb": 2, "mar": 3, "apr": 4, "may": 5, "jun": 6,
    "jul": 7, "aug": 8, "sep": 9, "oct": 10, "nov": 11, "dec": 12,
}  # fmt: skip
_MONTH = r"(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\.?"
_DATE_FORMS = (  # full dates only: a dateline without a year ("May 31") is not a date here
    rf"(?P<d>\d{{1,2}})(?:st|nd|rd|th)?\s+(?P<m>{_MONTH}),?\s+(?P<y>\d{{4}})",  # 12 September 2025
    rf"(?P<m>{_MONTH})\s+(?P<d>\d{{1,2}})(?:st|nd|rd|th)?,?\s+(?P<y>\d{{4}})",  # September 12, 2025
    r"(?P<y>\d{4})-(?P<m>\d{1,2})-(?P<d>\d{1,2})",  # 2025-09-12
    r"(?P<d>\d{1,2})\.(?P<m>\d{1,2})\.(?P<y>\d{4})",  # 12.09.2025
)
_DATE_RES = tuple(re.compile(form, re.IGNORECASE) for form in _DATE_FORMS)
_ANY_DATE = "|".join(re.sub(r"\?P<\w>", "?:", form) for form in _DATE_FORMS)

_DATELINE_PART = re.compile(
    rf"""
    (?:(?:first\s+)?(?:published|posted|updated|dated?)(?:\s+on)?\s*:?\s*)?  # label
    (?-i:[A-Z][A-Z.'’ -]+,\s*(?:[A-Z][\w.'’ -]*,\s*)?)?    # wire place: 'TULCEA, Romania,'
    (?:(?:mon|tues|wednes|thurs|fri|satur|sun)day,?\s+)?  # weekday
    (?P<date>{_ANY_DATE})
    (?:,?\s+(?:at\s+)?\d{{1,2}}[:.]\d{{2}}(?:\s*[ap]\.?m\.?)?(?:\s+[A-Z]{{2,5}})?)?  # time
    (?:T[\d:.+-]+Z?)?                                     # ISO time
    (?:\s*\([^()]{{1,40}}\))?                             # agency: '(Reuters)'
    """,
    re.IGNORECASE | re.VERBOSE,
)
_DASH = re.compile(r"\s[-–—]\s")  # 'BRUSSELS, Sept 16, 2025 (Eurowire) - The text...'
_PIPE = re.compile(r"\s*[|·•]\s*")  # '12 September 2025 | Updated 15:05 CET | Publisher'
_NOT_SOURCE = re.compile(r"(?:by|updated|published|posted|photo|read)\b|.*\d", re.IGNORECASE)


def parse_date(value: object) -> str | None:
    """An ISO date from a date-like value (string or Unix timestamp), or None.

    >>> parse_date("2024-07-11T09:30:00Z"), parse_date("12 Sept. 2025"), parse_date("24.09.2025")
    ('2024-07-11', '2025-09-12', '2025-09-24')
    >>> parse_date("Tue, 16 Sep 2025 08:00:00 GMT"), parse_date("2025-03"), parse_date("May 31")
    ('2025-09-16', '2025-03', None)
    """
    if isinstance(value, bool) or value is None:
        return None
    if isinstance(value, int | float):
        return _from_timestamp(value)
    text = str(value).strip()[:100]
    if re.fullmatch(r"\d{4}(?:-\d{2})?", text):
        return text
    return _match_date(text) or _from_rfc2822(text)


def _match_date(text: str) -> str | None:
    for pattern in _DATE_RES:
        match = pattern.search(text)
        if match and (iso := _iso(match["y"], match["m"], match["d"])):
            return iso
    return None


def _iso(year: str, month: str, day: str) -> str | None:
    """'2025-09-12' from its parts (month as a number or a name), or None if no such day."""
    number = int(month) if month.isdigit() else _MONTHS[month[:3].lower()]
    try:
        return date(int(year), number, int(day)).isoformat()
    except ValueError:
        return None


def _from_timestamp(value: float) -> str | None:
    if not 1e8 < value < 1e11:
        return None
    return datetime.fromtimestamp(value, tz=UTC).date().isoformat()


def _from_rfc2822(text: str) -> str | None:
    try:
        return parsedate_to_datetime(text).date().isoformat()
    except (TypeError, ValueError, IndexError):
        return None


def find_dateline(lines: Iterable[str]) -> tuple[str | None, str | None]:
    """(published, source) from the first dateline-like line among `lines`.

    >>> find_dateline(["Zapad-2025 drills open", "12 September 2025 | Updated 15:05 CET | Eastern Flank Daily"])
    ('2025-09-12', 'Eastern Flank Daily')
    >>> find_dateline(["BRUSSELS, Sept 16, 2025 (Eurowire) - Allied jets are heading for Poland."])
    ('2025-09-16', None)
    >>> find_dateline(["TALLINN, May 31 (BDW) - The group has collected 58 million euros."])
    (None, None)
    >>> find_dateline(["Healey said during a visit to Kyiv on 9 January 2026."])
    (None, None)
    """
    for line in lines:
        found = _dateline(line.strip().strip("*_").strip())
        if found[0]:
            return found
    return None, None


def _dateline(line: str) -> tuple[str | None, str | None]:
    head = _DASH.split(line, maxsplit=1)[0]
    if len(head) > 160:
        return None, None
    parts = [part for part in _PIPE.split(head) if part]
    for index, part in enumerate(parts):
        match = _DATELINE_PART.fullmatch(part)
        if match and (published := parse_date(match["date"])):
            last = parts[-1]
            is_source = index < len(parts) - 1 and not _NOT_SOURCE.match(last) and len(last) <= 60
            return published, last if is_source else None
    return None, None


# ---------------------------------------------------------------------------------------------
# Plain text and Markdown

_MD_HEADING = re.compile(r"^ {0,3}#{1,6}[ \t]+(.+)$", re.MULTILINE)


def _read_text(path: str, raw: bytes) -> Result:
    """A plain-text article: headline on the first non-empty line, optional dateline below."""
    text = _decode_or_fail(path, raw)
    if isinstance(text, ReadFailure):
        return text
    head = _head_lines(text)
    return [_text_document(path, raw, text, head[0], head)]


def _read_markdown(path: str, raw: bytes) -> Result:
    """A Markdown article, kept verbatim; the title is the first heading without its '#'."""
    text = _decode_or_fail(path, raw)
    if isinstance(text, ReadFailure):
        return text
    head = _head_lines(text)
    heading = _MD_HEADING.search(text[:65536])
    title = heading[1].rstrip("# \t") if heading else head[0]
    return [_text_document(path, raw, text, title.strip("*_ \t"), head)]


def _text_document(path: str, raw: bytes, text: str, title: str, head: list[str]) -> Document:
    published, source = find_dateline(head)
    return Document(
        path=path,
        text=text,
        title=title[:MAX_TITLE_CHARS],
        published=published,
        source=source,
        content_hash=_hash(raw),
    )


def _head_lines(text: str, count: int = 4, scan: int = 50) -> list[str]:
    """The first `count` non-empty lines (stripped), looking at no more than `scan` lines."""
    lines = [line.strip() for line in text.split("\n", scan)[:scan]]
    return [line for line in lines if line][:count] or [text.strip()[:MAX_TITLE_CHARS]]


# ---------------------------------------------------------------------------------------------
# HTML

_CHARSET = re.compile(rb"""<meta[^>]{0,200}?charset\s*=\s*["']?([\w.:-]{1,40})""", re.IGNORECASE)
_TITLE_SEPARATOR = re.compile(r"\s+(?:\||-|–|—|·|::)\s+")
_PUBLISHED_KEYS = (
    "article:published_time", "og:article:published_time", "datepublished", "pubdate",
    "publishdate", "publish-date", "dc.date.issued", "dc.date", "dcterms.created", "date",
)  # fmt: skip
_BLOCKS = ("p", "h1", "h2", "h3", "h4", "h5", "h6", "li", "blockquote", "pre", "td", "th", "dd", "dt")
_TAG_OR_SKIPPED = re.compile(
    r"<(script|style|noscript|template)\b.*?</\1\s*>|<!--.*?-->|<[^<>]*>", re.I | re.S
)


def _read_html(path: str, raw: bytes) -> Result:
    """A web page: main text via trafilatura, metadata from meta tags (trafilatura's as backup)."""
    declared = _CHARSET.search(raw[:4096])
    markup = _decode_or_fail(path, raw, declared[1].decode("ascii") if declared else None)
    if isinstance(markup, ReadFailure):
        return markup
    try:
        tree = _parse_html(markup)
    except Exception as exc:  # lxml's errors have no common base worth naming
        return _html_without_tree(path, raw, markup, exc)
    meta = _html_meta(tree)
    body, extracted = _main_text(tree, markup)
    if not body:
        return ReadFailure(path, "no article text found")
    return [_html_document(path, raw, body, meta, extracted)]


def _html_without_tree(path: str, raw: bytes, markup: str, exc: Exception) -> Result:
    """Last resort when lxml cannot build a tree: the text between the tags."""
    body = _strip_tags(markup)
    if not body:
        return ReadFailure(path, f"malformed HTML: {exc}")
    return [_html_document(path, raw, body, {}, {})]


def _parse_html(markup: str) -> Any:
    """An lxml tree of the page (trafilatura's loader, which repairs common breakage)."""
    from trafilatura import load_html

    tree = load_html(markup)
    if tree is None:  # trafilatura refuses bare fragments; wrap them
        tree = load_html(f"<html><body><div>{markup}</div></body></html>")
    if tree is None:
        raise ValueError("lxml could not parse the markup")
    return tree


def _html_meta(tree: Any) -> dict[str, str]:
    """Meta tags by lower-cased property/name/itemprop, plus '<title>', '<h1>' and 'canonical'."""
    meta: dict[str, str] = {}
    for element in tree.iter("meta"):
        key = element.get("property") or element.get("name") or element.get("itemprop") or ""
        content = (element.get("content") or "").strip()
        if key and content:
            meta.setdefault(key.strip().lower(), content)
    for tag in ("title", "h1"):
        found = tree.find(f".//{tag}")
        if found is not None and (text := _squash(found.text_content())):
            meta[f"<{tag}>"] = text
    canonical = tree.find(".//link[@rel='canonical']")
    if canonical is not None and canonical.get("href"):
        meta["canonical"] = canonical.get("href").strip()
    return meta


def _main_text(tree: Any, markup: str) -> tuple[str, dict[str, Any]]:
    """(main text, trafilatura's metadata): trafilatura, else block elements, else bare text."""
    extracted = _trafilatura(tree)
    body = _clean_lines(extracted.get("text") or "")
    if not body:
        body = _block_text(markup) or _strip_tags(markup)
    return body, extracted


def _trafilatura(tree: Any) -> dict[str, Any]:
    """trafilatura in fast mode (no fallback extractors), metadata without text-wide date search."""
    from trafilatura import bare_extraction

    result = bare_extraction(
        tree,
        fast=True,
        with_metadata=True,
        include_comments=False,
        include_tables=True,
        include_images=False,
        include_links=False,
        deduplicate=False,
        date_extraction_params=_date_params(),
    )
    return result.as_dict() if result is not None else {}


@cache
def _date_params() -> dict[str, Any]:
    """htmldate settings: markup only (no guessing from the body text), any date up to today."""
    return {"original_date": True, "extensive_search": False, "max_date": date.today().isoformat()}


def _block_text(markup: str) -> str:
    """Text of paragraph-like elements (used when trafilatura finds no main text)."""
    import lxml.html
    from lxml import etree

    try:
        root = lxml.html.document_fromstring(markup)
    except (etree.ParserError, ValueError):
        return ""
    etree.strip_elements(root, "script", "style", "noscript", "template", with_tail=False)
    blocks = (_squash(element.text_content()) for element in root.iter(*_BLOCKS))
    return "\n".join(block for block in blocks if block)


def _strip_tags(markup: str) -> str:
    """Text between the tags (for markup too broken or too deep for lxml)."""
    import html

    return _clean_lines(html.unescape(_TAG_OR_SKIPPED.sub("\n", markup)))


def _html_document(path: str, raw: bytes, body: str, meta: dict[str, str], extracted: dict) -> Document:
    site = meta.get("og:site_name") or None
    title, site = _html_title(meta, extracted, site)
    first_line = body.split("\n", 1)[0].strip()
    headlines = {title, meta.get("<h1>"), meta.get("og:title"), extracted.get("title")}
    text = body if not title or first_line in headlines else f"{title}\n{body}"
    return Document(
        path=path,
        text=text,
        title=(title or first_line)[:MAX_TITLE_CHARS],
        published=_html_published(meta, extracted),
        source=site or extracted.get("sitename") or None,
        url=meta.get("canonical") or meta.get("og:url") or extracted.get("url") or None,
        content_hash=_hash(raw),
    )


def _html_title(meta: dict[str, str], extracted: dict, site: str | None) -> tuple[str | None, str | None]:
    """(title, site): og:title, else <title>, else <h1>, else trafilatura's; a ' | Site' suffix dropped.

    When no site name is declared but <title> is '<og:title or h1> | X', X is the site name.
    """
    page_title = meta.get("<title>")
    if not site and page_title:
        head, tail = _split_title(page_title)
        site = tail if head and head in (meta.get("og:title"), meta.get("<h1>")) else None
    title = meta.get("og:title") or page_title or meta.get("<h1>") or extracted.get("title")
    if title and site:
        head, tail = _split_title(title)
        title = head if head and tail.casefold() == site.casefold() else title
    return title, site


def _split_title(title: str) -> tuple[str, str]:
    """('Headline', 'Site') for 'Headline | Site' (the last separator); ('', '') without one."""
    last = next(reversed(list(_TITLE_SEPARATOR.finditer(title))), None)
    return (title[: last.start()], title[last.end() :]) if last else ("", "")


def _html_published(meta: dict[str, str], extracted: dict) -> str | None:
    for key in _PUBLISHED_KEYS:
        if key in meta and (published := parse_date(meta[key])):
            return published
    return parse_date(extracted.get("date"))


def _fragment_text(markup: str) -> str:
    """Plain text of an HTML fragment (a feed summary, a JSON body), one block per line."""
    import html

    if "<" not in markup:
        return _clean_lines(html.unescape(markup))
    import lxml.html
    from lxml import etree

    try:
        root = lxml.html.fragment_fromstring(markup, create_parent="div")
    except (etree.ParserError, ValueError):
        return _strip_tags(markup)
    etree.strip_elements(root, "script", "style", with_tail=False)
    for element in root.iter(*_BLOCKS, "div", "br", "tr", "ul", "ol"):
        element.tail = "\n" + (element.tail or "")
        if element.tag != "br":
            element.text = "\n" + (element.text or "")
    return _clean_lines(root.text_content())


def _squash(text: str) -> str:
    """Whitespace runs → one space, ends stripped."""
    return " ".join(text.split())


def _clean_lines(text: str) -> str:
    """Each line squashed, empty lines dropped."""
    lines = (_squash(line) for line in text.split("\n"))
    return "\n".join(line for line in lines if line)


# ---------------------------------------------------------------------------------------------
# JSON and JSON Lines

_TEXT_KEYS = ("text", "body", "content")
_DATE_KEYS = ("published", "date", "published_at", "publishedAt")
_URL_KEYS = ("url", "link")
_SOURCE_KEYS = ("source", "publisher")
_HTML_TAG = re.compile(
    r"</?(?:p|br|div|span|a|b|i|em|strong|ul|ol|li|h[1-6]|blockquote)\b[^<>]*>", re.IGNORECASE
)


def _read_json(path: str, raw: bytes) -> Result:
    """A JSON object (one article) or a list of objects (items '#1', '#2', ...)."""
    text = _decode_or_fail(path, raw)
    if isinstance(text, ReadFailure):
        return text
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        return ReadFailure(path, f"malformed JSON: {exc.msg} (line {exc.lineno}, column {exc.colno})")
    except RecursionError:
        return ReadFailure(path, "malformed JSON: nested too deeply")
    except ValueError as exc:  # a number of thousands of digits
        return ReadFailure(path, f"malformed JSON: {_one_line(exc)}")
    if isinstance(data, dict):
        item = _json_item(path, raw, data, None)
        return [item] if isinstance(item, Document) else ReadFailure(path, item)
    if not isinstance(data, list):
        return ReadFailure(path, "JSON is neither an object nor a list of objects")
    return [_json_list_item(path, raw, obj, n) for n, obj in enumerate(data, start=1)]


def _json_list_item(path: str, raw: bytes, obj: object, n: int) -> Document | ReadFailure:
    item = _json_item(path, raw, obj, n)
    return item if isinstance(item, Document) else ReadFailure(path, f"item {n}: {item}")


def _read_jsonl(path: str, raw: bytes) -> Result:
    """JSON Lines: one object per line; a bad line is a failure named 'path:line N'."""
    text = _decode_or_fail(path, raw)
    if isinstance(text, ReadFailure):
        return text
    results: list[Document | ReadFailure] = []
    for n, line in enumerate(text.split("\n"), start=1):
        if line.strip():
            results.append(_jsonl_line(path, raw, line, n))
    return results


def _jsonl_line(path: str, raw: bytes, line: str, n: int) -> Document | ReadFailure:
    try:
        obj = json.loads(line)
    except json.JSONDecodeError as exc:
        return ReadFailure(f"{path}:line {n}", f"malformed JSON: {exc.msg} (column {exc.colno})")
    except RecursionError:
        return ReadFailure(f"{path}:line {n}", "malformed JSON: nested too deeply")
    except ValueError as exc:  # a number of thousands of digits
        return ReadFailure(f"{path}:line {n}", f"malformed JSON: {_one_line(exc)}")
    item = _json_item(path, raw, obj, n)
    return item if isinstance(item, Document) else ReadFailure(f"{path}:line {n}", item)


def _json_item(path: str, raw: bytes, obj: object, n: int | None) -> Document | str:
    """A Document from one JSON object, or the reason it is not one."""
    if not isinstance(obj, dict):
        return "not an object"
    body = _json_text(obj)
    if not body:
        return "no text"
    title = _json_str(obj.get("title"))
    return Document(
        path=path if n is None else f"{path}#{n}",
        text=_with_title(title, body),
        title=(title or body.split("\n", 1)[0])[:MAX_TITLE_CHARS],
        published=parse_date(_first(obj, _DATE_KEYS)),
        source=_json_source(_first(obj, _SOURCE_KEYS)),
        url=_json_str(_first(obj, _URL_KEYS)),
        content_hash=_hash(raw, n),
    )


def _json_text(obj: dict) -> str:
    """The article body: plain text kept as is (line endings normalised), HTML reduced to text."""
    value = _first(obj, _TEXT_KEYS)
    if isinstance(value, list):  # paragraphs
        value = "\n".join(part for part in value if isinstance(part, str))
    if not isinstance(value, str):
        return ""
    value = _no_surrogates(value)
    if _HTML_TAG.search(value):
        return _fragment_text(value)
    return value.replace("\r\n", "\n").replace("\r", "\n").strip()


def _json_source(value: object) -> str | None:
    """A source given as a string or as {'name': ...} (the NewsAPI shape)."""
    if isinstance(value, dict):
        value = value.get("name")
    return _json_str(value)


def _json_str(value: object) -> str | None:
    return _squash(_no_surrogates(value)) or None if isinstance(value, str) else None


def _no_surrogates(text: str) -> str:
    """Lone surrogates (JSON's '\\ud800' escapes) as U+FFFD: text that can be encoded and stored.

    >>> _no_surrogates("a\\ud800b") == "a\\ufffdb"
    True
    """
    return _SURROGATE.sub("\ufffd", text)


def _first(obj: dict, keys: tuple[str, ...]) -> Any:
    """The value of the first key present with a non-empty value."""
    return next((obj[key] for key in keys if obj.get(key) not in (None, "", [])), None)


def _with_title(title: str | None, body: str) -> str:
    """'title\\nbody', unless the body's first line is already the title."""
    return body if not title or body.split("\n", 1)[0] == title else f"{title}\n{body}"


# ---------------------------------------------------------------------------------------------
# RSS and Atom


def _read_feed(path: str, raw: bytes) -> Result:
    """An RSS or Atom feed: one Document per entry ('#1', '#2', ...), the feed title as source."""
    import feedparser

    feed = feedparser.parse(io.BytesIO(_valid_char_refs(raw)))  # a stream: never a URL or a filename
    if not feed.entries:
        if not feed.version:
            detail = feed.get("bozo_exception") or "no <rss>, <feed> or <rdf:RDF> root"
            return ReadFailure(path, f"not an RSS/Atom feed: {_one_line(detail)}")
        return ReadFailure(path, "feed has no entries")
    source = _json_str(feed.feed.get("title"))
    return [_feed_entry(path, raw, entry, n, source) for n, entry in enumerate(feed.entries, start=1)]


_CHAR_REF = re.compile(rb"&#([xX][0-9a-fA-F]{1,8}|[0-9]{1,10});")


def _valid_char_refs(raw: bytes) -> bytes:
    """Character references to no character (a surrogate, beyond U+10FFFF) as U+FFFD: feedparser
    raises on them.

    >>> _valid_char_refs(b"a &#xD800; &#1114112; &#233;")
    b'a &#xFFFD; &#xFFFD; &#233;'
    """
    return _CHAR_REF.sub(_valid_char_ref, raw) if b"&#" in raw else raw


def _valid_char_ref(match: re.Match[bytes]) -> bytes:
    digits = match[1]
    code = int(digits[1:], 16) if digits[:1] in (b"x", b"X") else int(digits)
    return b"&#xFFFD;" if 0xD800 <= code <= 0xDFFF or code > 0x10FFFF else match[0]


def _feed_entry(path: str, raw: bytes, entry: Any, n: int, source: str | None) -> Document | ReadFailure:
    contents = entry.get("content") or []
    markup = max((part.get("value", "") for part in contents), key=len, default="")
    body = _fragment_text(markup or entry.get("summary", ""))
    if not body:
        return ReadFailure(path, f"item {n}: no text")
    title = _json_str(_fragment_text(entry.get("title", "")))
    return Document(
        path=f"{path}#{n}",
        text=_with_title(title, body),
        title=(title or body.split("\n", 1)[0])[:MAX_TITLE_CHARS],
        published=_struct_date(entry.get("published_parsed") or entry.get("updated_parsed")),
        source=source,
        url=entry.get("link") or None,
        content_hash=_hash(raw, n),
    )


def _struct_date(parsed: time.struct_time | None) -> str | None:
    return f"{parsed.tm_year:04d}-{parsed.tm_mon:02d}-{parsed.tm_mday:02d}" if parsed else None


def _one_line(detail: object) -> str:
    return _squash(str(detail))[:200]


_UNPRINTABLE = re.compile("[\x00-\x1f\x7f-\x9f\u2028\u2029\ud800-\udfff]")


def one_line(message: str) -> str:
    """A message safe to print as one line: control characters (a newline in a file name) and
    undecodable bytes written as backslash escapes.

    >>> print(one_line("bad\\nname.txt: empty file"))
    bad\\nname.txt: empty file
    """
    return _UNPRINTABLE.sub(_escape_char, message)


def _escape_char(match: re.Match[str]) -> str:
    if _SURROGATE.match(match.group()):  # an undecodable byte of a file name
        return _escape_undecodable(match)
    return match.group().encode("unicode_escape").decode("ascii")


_READERS: dict[str, Callable[[str, bytes], Result]] = {
    ".txt": _read_text,
    ".md": _read_markdown,
    ".markdown": _read_markdown,
    ".html": _read_html,
    ".htm": _read_html,
    ".json": _read_json,
    ".jsonl": _read_jsonl,
    ".xml": _read_feed,
    ".rss": _read_feed,
    ".atom": _read_feed,
}
