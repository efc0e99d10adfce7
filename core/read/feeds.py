"""RSS and Atom feeds: one article per entry, the feed's title as the source. Each entry is
hashed on its own content, so reading a feed of n entries takes time in proportion to n."""

from __future__ import annotations

import io
import json
import re
import time
from typing import Any

from core.read.common import MAX_TITLE_CHARS, Result, content_hash, short_detail, text_value, with_title
from core.read.webpage import fragment_text
from core.records import Document, ReadFailure


def read_feed(path: str, raw: bytes) -> Result:
    """An RSS or Atom feed: one Document per entry ('#1', '#2', ...), the feed title as source."""
    import feedparser

    feed = feedparser.parse(io.BytesIO(_valid_char_refs(raw)))  # a stream: never a URL or a filename
    if not feed.entries:
        if not feed.version:
            detail = feed.get("bozo_exception") or "no <rss>, <feed> or <rdf:RDF> root"
            return ReadFailure(path, f"not an RSS/Atom feed: {short_detail(detail)}")
        return ReadFailure(path, "feed has no entries")
    source = text_value(feed.feed.get("title"))
    return [_feed_entry(path, entry, n, source) for n, entry in enumerate(feed.entries, start=1)]


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


def _feed_entry(path: str, entry: Any, n: int, source: str | None) -> Document | ReadFailure:
    contents = entry.get("content") or []
    markup = max((part.get("value", "") for part in contents), key=len, default="")
    body = fragment_text(markup or entry.get("summary", ""))
    if not body:
        return ReadFailure(path, f"item {n}: no text")
    title = text_value(fragment_text(entry.get("title", "")))
    published = _struct_date(entry.get("published_parsed") or entry.get("updated_parsed"))
    url = entry.get("link") or None
    own = json.dumps([title, body, published, url], ensure_ascii=False)
    return Document(
        path=f"{path}#{n}",
        text=with_title(title, body),
        title=(title or body.split("\n", 1)[0])[:MAX_TITLE_CHARS],
        published=published,
        source=source,
        url=url,
        content_hash=content_hash(own),
    )


def _struct_date(parsed: time.struct_time | None) -> str | None:
    return f"{parsed.tm_year:04d}-{parsed.tm_mon:02d}-{parsed.tm_mday:02d}" if parsed else None

