"""What every reader shares: limits, the result type, whitespace and hashing helpers."""

from __future__ import annotations

import hashlib
import re
from typing import Any

from core.records import Document, ReadFailure

MAX_BYTES = 20_000_000  # larger files are refused ("file too large")
MAX_TITLE_CHARS = 300  # a title longer than this is cut (a 5 MB first line is not a headline)
SUPPORTED_SUFFIXES = (".txt", ".md", ".markdown", ".html", ".htm", ".json", ".jsonl", ".xml", ".rss", ".atom")
CANNOT_DECODE = "cannot decode text (not UTF-8, UTF-16 or a known 8-bit encoding)"

Result = list[Document | ReadFailure] | ReadFailure

SURROGATE = re.compile("[\ud800-\udfff]")


def content_hash(data: bytes | str) -> str:
    """sha256 of a file's bytes, or of one item's own text (an item of a feed or a JSON file):
    hashing each item's text rather than the whole file keeps reading a file of n items linear."""
    return hashlib.sha256(data.encode("utf-8", "surrogatepass") if isinstance(data, str) else data).hexdigest()


def squash(text: str) -> str:
    """Whitespace runs → one space, ends stripped."""
    return " ".join(text.split())


def clean_lines(text: str) -> str:
    """Each line squashed, empty lines dropped."""
    lines = (squash(line) for line in text.split("\n"))
    return "\n".join(line for line in lines if line)


def short_detail(detail: object) -> str:
    """An exception or detail as one short line."""
    return squash(str(detail))[:200]


def no_surrogates(text: str) -> str:
    """Lone surrogates (JSON's '\\ud800' escapes) as U+FFFD: text that can be encoded and stored.

    >>> no_surrogates("a\\ud800b") == "a\\ufffdb"
    True
    """
    return SURROGATE.sub("\ufffd", text)


def text_value(value: object) -> str | None:
    """A string value squashed to one line (None for anything else or for blank text)."""
    return squash(no_surrogates(value)) or None if isinstance(value, str) else None


def first_value(obj: dict, keys: tuple[str, ...]) -> Any:
    """The value of the first key present with a non-empty value."""
    return next((obj[key] for key in keys if obj.get(key) not in (None, "", [])), None)


def with_title(title: str | None, body: str) -> str:
    """'title\\nbody', unless the body's first line is already the title."""
    return body if not title or body.split("\n", 1)[0] == title else f"{title}\n{body}"
