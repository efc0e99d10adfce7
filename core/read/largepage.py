"""Large web pages reduced to their text in bounded memory and time.

A page larger than `LARGE_PAGE_BYTES` is not handed to trafilatura (a 19.5 MB page of one table
took minutes and gigabytes there): lxml's pull parser reads it in chunks, the text of each block
(paragraph, heading, list item, table row) is kept as one line, and each element is dropped from
the tree as soon as its text is taken. Navigation, headers, footers, forms and scripts are skipped.
A page whose text alone passes `MAX_PAGE_TEXT` characters (200,000, about 30,000 words) is refused with
that reason, in seconds.
"""

from __future__ import annotations

from core.read.common import squash

LARGE_PAGE_BYTES = 2_000_000
MAX_PAGE_TEXT = 200_000  # about 30,000 words: no article is longer; a table page past it is refused fast
_CHUNK = 1 << 20
_SKIP = frozenset({"script", "style", "noscript", "template", "nav", "header", "footer", "aside", "form", "svg",
                   "select", "button", "iframe", "object"})
_LINES = frozenset({"p", "h1", "h2", "h3", "h4", "h5", "h6", "li", "blockquote", "pre", "tr", "dd", "dt",
                    "caption", "figcaption", "title"})


class PageTooLong(ValueError):
    """The page's text passes the limit: the reason says so."""


def too_long_reason(limit: int = MAX_PAGE_TEXT) -> str:
    return f"page too large: its text passes {limit:,} characters (the text limit per page)"


def streamed_text(markup: str, limit: int = MAX_PAGE_TEXT) -> str:
    """The page's block texts, one per line, read in chunks; PageTooLong past `limit` characters."""
    from lxml import etree

    parser = etree.HTMLPullParser(events=("start", "end"), recover=True, no_network=True, huge_tree=True)
    lines: list[str] = []
    state = {"skip": 0, "size": 0}
    for start in range(0, len(markup), _CHUNK):
        parser.feed(markup[start:start + _CHUNK])
        _take(parser.read_events(), lines, state, limit)
    parser.close()
    _take(parser.read_events(), lines, state, limit)
    return "\n".join(lines)


def _take(events, lines: list[str], state: dict[str, int], limit: int) -> None:
    """Keep the text of each finished block outside skipped parts, then drop the block."""
    for event, element in events:
        tag = element.tag if isinstance(element.tag, str) else ""
        if tag in _SKIP:
            state["skip"] += 1 if event == "start" else -1
            if event == "end":
                _drop(element)
            continue
        if event != "end" or tag not in _LINES:
            continue
        if state["skip"] == 0 and (text := squash(" ".join(element.itertext()))):
            lines.append(text)
            state["size"] += len(text) + 1
            if state["size"] > limit:
                raise PageTooLong(too_long_reason(limit))
        _drop(element)


def _drop(element) -> None:
    """Empty a finished element and remove the finished siblings before it (memory stays bounded)."""
    element.clear(keep_tail=True)
    parent = element.getparent()
    if parent is not None:
        while element.getprevious() is not None:
            del parent[0]
