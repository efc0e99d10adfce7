"""Read and extract files: their articles, each within its time limit, the sentences of a few files'
articles parsed in one batch.

This is the per-file part of an ingest (`core.ingest`), run in worker processes too: a file is read
(within the time limit per file), then each of its articles is extracted (within the limit per
article: finding its mentions, and building its rows, each); a failure is the article's own, with
a one-line reason. The parser runs about a fifth faster on the sentences of a few articles than on
one article's, so `process_files` parses the sentences of every `ARTICLES_TOGETHER` articles (of up to
`FILES_TOGETHER` files) in one batch (the same parses: each sentence is parsed as one text).
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import stat
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import TypeVar

from core import limits
from core.annotate import Annotated, attach_parses, find_mentions
from core.messages import one_line
from core.pipeline import ArticleTables, tables_of
from core.read import read_file, storable
from core.records import Document, ReadFailure

A = TypeVar("A")
T = TypeVar("T")


@dataclass
class FileResult:
    """What one file gave: its articles and the failures of items inside it."""

    path: str
    file_hash: str
    articles: list[ArticleTables] = field(default_factory=list)
    failures: list[ReadFailure] = field(default_factory=list)


def file_hash(path: str) -> str:
    """SHA-256 of a file's bytes ('' if it cannot be read or is not a regular file: the reader will say why).

    Opened without blocking, so a named pipe or device among the files cannot hang the ingest.
    """
    digest = hashlib.sha256()
    try:
        with open(os.open(path, os.O_RDONLY | os.O_NONBLOCK), "rb") as f:
            if not stat.S_ISREG(os.fstat(f.fileno()).st_mode):
                return ""
            for chunk in iter(lambda: f.read(1 << 20), b""):
                digest.update(chunk)
    except OSError:
        return ""
    return digest.hexdigest()


def process_file(path: str, name: str | None = None) -> FileResult:
    """Read and extract one file (runs in worker processes too), storing it under `name` (default:
    the path as storable text). Reading the file, and extracting each of its articles, stop at the
    time limit with a failure that says which limit was hit."""
    return process_files([path], [name or storable(path)])[0]


#: Files, and articles, extracted together: the sentences of up to `ARTICLES_TOGETHER` articles are
#: parsed in one batch (`core.annotate`), so a feed of many items is still extracted a few at a time.
FILES_TOGETHER = 4
ARTICLES_TOGETHER = 4

Slot = ArticleTables | ReadFailure | None


@dataclass
class _Pending:
    """An article whose mentions are found, waiting for its batch: where its rows go."""

    slots: list[Slot]
    index: int
    annotated: Annotated
    path: str
    name: str


def process_files(paths: Sequence[str], names: Sequence[str]) -> list[FileResult]:
    """`process_file` for each of several files, the sentences of every `ARTICLES_TOGETHER` of their
    articles parsed in one batch. Each article keeps its own time limit (for finding its mentions,
    and for its rows) and its own failures; a batch parse that fails or runs out of time is done
    again article by article."""
    limit = limits.seconds()
    files: list[tuple[str, str, FileResult, list[Slot]]] = []
    pending: list[_Pending] = []
    for path, name in zip(paths, names, strict=True):
        result, items = _read_file(path, name, limit)
        slots: list[Slot] = []
        for item in items:
            found = item if isinstance(item, ReadFailure) else _extracted(item, item, path, name, limit, find_mentions)
            slots.append(found if isinstance(found, ReadFailure) else None)
            if isinstance(found, Annotated):
                pending.append(_Pending(slots, len(slots) - 1, found, path, name))
            if len(pending) >= ARTICLES_TOGETHER:
                _finish(pending, limit)
                pending = []
        files.append((path, name, result, slots))
    _finish(pending, limit)
    for path, name, result, slots in files:
        for slot in slots:
            if isinstance(slot, ReadFailure):
                result.failures.append(slot)
            elif slot is not None:
                result.articles.append(_renamed(slot, storable(path), name))
    return [result for _, _, result, _ in files]


def _finish(pending: list[_Pending], limit: float) -> None:
    """Parse the pending articles' sentences in one batch, then build each one's rows into its slot."""
    batch_parsed = False
    with contextlib.suppress(Exception), limits.time_limit(limit):  # (a time limit hit too: then each
        attach_parses([p.annotated for p in pending])  # article is parsed on its own, within its own limit)
        batch_parsed = True
    for p in pending:
        p.slots[p.index] = _extracted(p.annotated, p.annotated.doc, p.path, p.name, limit,
                                      lambda a: tables_of(a if batch_parsed else _parsed(a)))


def _read_file(path: str, name: str, limit: float) -> tuple[FileResult, list[Document | ReadFailure]]:
    """Read a file within the time limit: its result so far, and its articles or failures, in order."""
    result = FileResult(name, file_hash(path))
    try:
        with limits.time_limit(limit):
            read = read_file(path)
    except limits.TimeLimitHit:
        read = ReadFailure(path, limits.reason("reading the file", limit))
    items = [read] if isinstance(read, ReadFailure) else read
    return result, [_stored_failure(i, path, name) if isinstance(i, ReadFailure) else i for i in items]


def _parsed(annotated: Annotated) -> Annotated:
    attach_parses([annotated])
    return annotated


def _extracted(item: A, doc: Document, path: str, name: str, limit: float, step: Callable[[A], T]) -> T | ReadFailure:
    """`step(item)` for the article `doc` within the time limit, or the article's failure (a bug must
    not stop the batch: it is reported as this file's failure)."""
    try:
        with limits.time_limit(limit):
            return step(item)
    except limits.TimeLimitHit:
        return _stored_failure(ReadFailure(doc.path, limits.reason("extracting the article", limit)), path, name)
    except Exception as error:
        return _stored_failure(ReadFailure(doc.path, f"extraction failed: {type(error).__name__}: {error}"),
                               path, name)


def _renamed(article: ArticleTables, path: str, name: str) -> ArticleTables:
    """The article stored under the file's name (an item keeps its '#n')."""
    if name != path:
        article.article["path"] = name + article.article["path"][len(path):]
    return article


def _stored_failure(failure: ReadFailure, path: str, name: str) -> ReadFailure:
    """A failure under the file's stored name, its reason as one line."""
    where = storable(failure.path)
    where = name + where[len(storable(path)):] if where.startswith(storable(path)) else where
    return ReadFailure(where, one_line(failure.reason))


