"""Plain text and Markdown: kept verbatim; the headline is the first line (or heading), a
dateline or byline below it gives the date and the source."""

from __future__ import annotations

import re

from core.read.common import MAX_TITLE_CHARS, Result, content_hash
from core.read.datelines import find_dateline
from core.read.decoding import decode_or_fail
from core.records import Document, ReadFailure

_MD_HEADING = re.compile(r"^ {0,3}#{1,6}[ \t]+(.+)$", re.MULTILINE)


def read_text(path: str, raw: bytes) -> Result:
    """A plain-text article: headline on the first non-empty line, optional dateline below."""
    text = decode_or_fail(path, raw)
    if isinstance(text, ReadFailure):
        return text
    head = _head_lines(text)
    return [_text_document(path, raw, text, head[0], head)]


def read_markdown(path: str, raw: bytes) -> Result:
    """A Markdown article, kept verbatim; the title is the first heading without its '#'."""
    text = decode_or_fail(path, raw)
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
        content_hash=content_hash(raw),
    )


def _head_lines(text: str, count: int = 4, scan: int = 50) -> list[str]:
    """The first `count` non-empty lines (stripped), looking at no more than `scan` lines."""
    lines = [line.strip() for line in text.split("\n", scan)[:scan]]
    return [line for line in lines if line][:count] or [text.strip()[:MAX_TITLE_CHARS]]
