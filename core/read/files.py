"""Files: bytes loaded within the size limit, checked, and handed to one reader per format."""

from __future__ import annotations

import dataclasses
import os
import stat
from collections.abc import Callable, Iterable, Iterator

from core.read.common import MAX_BYTES, SUPPORTED_SUFFIXES, Result
from core.read.decoding import sniff
from core.read.feeds import read_feed
from core.read.jsonfile import read_json, read_jsonl
from core.read.paths import expand_paths, os_reason, storable, with_storable_path
from core.read.text import read_markdown, read_text
from core.read.webpage import read_html
from core.records import Document, ReadFailure
from core.text import strip_invisible

READERS: dict[str, Callable[[str, bytes], Result]] = {
    ".txt": read_text,
    ".md": read_markdown,
    ".markdown": read_markdown,
    ".html": read_html,
    ".htm": read_html,
    ".json": read_json,
    ".jsonl": read_jsonl,
    ".xml": read_feed,
    ".rss": read_feed,
    ".atom": read_feed,
}
assert set(READERS) == set(SUPPORTED_SUFFIXES), "every supported suffix has a reader"


def iter_documents(paths: Iterable[str]) -> Iterator[Document | ReadFailure]:
    """Expand `paths` and read every file: Documents and ReadFailures, in order; never raises."""
    for item in expand_paths(paths):
        result = with_storable_path(item) if isinstance(item, ReadFailure) else read_file(item)
        if isinstance(result, ReadFailure):
            yield result
        else:
            yield from result


def read_file(path: str) -> Result:
    """Read one file into Documents, dispatching on its suffix.

    A file that cannot be read at all gives a `ReadFailure`. Otherwise the result is a list;
    for JSON, JSON Lines and feeds it may hold a `ReadFailure` for a bad item beside the
    Documents of the good ones. Paths in the results are `storable`; the text, title and source
    of a Document have no invisible characters (`core.text.strip_invisible`).
    """
    result = _read_file(path)
    if isinstance(result, ReadFailure):
        return with_storable_path(result) if storable(path) != path else result
    result = [_visible(item) for item in result]
    if len(result) == 1 and isinstance(result[0], ReadFailure) and result[0].path == path:  # the file's one article
        return with_storable_path(result[0])
    return result if storable(path) == path else [with_storable_path(item) for item in result]


def _visible(item: Document | ReadFailure) -> Document | ReadFailure:
    """A Document whose text shows what it says: zero-width characters, soft hyphens and bidi
    controls removed before extraction, so the stored text is what offsets point into."""
    if isinstance(item, ReadFailure):
        return item
    text = strip_invisible(item.text)
    if not text.strip():
        return ReadFailure(item.path, "no text (only invisible characters)")
    if text is item.text and not item.title and not item.source:
        return item
    return dataclasses.replace(item, text=text, title=item.title and strip_invisible(item.title),
                               source=item.source and strip_invisible(item.source))


def _read_file(path: str) -> Result:
    try:
        raw = _load_bytes(path)
        if isinstance(raw, ReadFailure):
            return raw
        problem = sniff(raw)
        if problem:
            return ReadFailure(path, problem)
        suffix = os.path.splitext(path)[1].lower()
        reader = READERS.get(suffix)
        if reader is None:
            return ReadFailure(path, f"unsupported file type {suffix or '(no suffix)'!r}")
        return reader(path, raw)
    except Exception as exc:  # last resort: a reader bug must not stop the whole run
        return ReadFailure(path, f"unexpected error: {type(exc).__name__}: {exc}")


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
        return ReadFailure(path, os_reason(path, exc))
    return ReadFailure(path, _too_large(len(raw))) if len(raw) > MAX_BYTES else raw


def _too_large(size: int) -> str:
    """'file too large (52.4 MB > 20 MB size limit)'."""
    return f"file too large ({size / 1e6:.1f} MB > {MAX_BYTES / 1e6:g} MB size limit)"
