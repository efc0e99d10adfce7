"""Plain records passed between the pipeline's stages.

Every mention keeps its span and raw text beside the parsed value, so any table row can be
traced back to the sentence it came from.
"""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True)
class Document:
    """One article as read from disk: its main text and metadata.

    `text` is what offsets point into: the headline on the first line, then the body.
    `path` is the file as given on the command line; items of a feed or of a JSON
    file get `#n` appended (their position in the file, from 1).
    """

    path: str
    text: str
    title: str | None = None
    published: str | None = None  # ISO 8601 date (YYYY-MM-DD) or None
    source: str | None = None
    url: str | None = None
    content_hash: str = ""  # hash of the raw bytes of the file (for re-ingest checks)


@dataclass(frozen=True)
class ReadFailure:
    """A file that could not be read, with a one-line reason."""

    path: str
    reason: str

    def __str__(self) -> str:
        return f"{self.path}: {self.reason}"


@dataclass(frozen=True)
class Sentence:
    """A sentence of an article's text and its character span."""

    start: int
    end: int
    text: str


@dataclass(frozen=True)
class Mention:
    """A span of text recognised as something: a value parsed from raw text.

    `kind` says what was found (money, date, country, site, actor, number, ...);
    `value` is the parsed value (a dict for compound values).
    """

    kind: str
    start: int
    end: int
    raw: str
    value: object = None
    extra: dict = field(default_factory=dict, compare=False, hash=False)
