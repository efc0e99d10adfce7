"""Plain records passed between the pipeline's stages.

Every mention keeps its span and raw text beside the parsed value, so any table row can be
traced back to the sentence it came from.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Generic, TypeVar


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
class NameEntry:
    """What a known name stands for: its type, canonical name and country code."""

    etype: str  # country, demonym, force, institution, actor, coalition, program, site
    name: str  # canonical name (country's short name, site's gazetteer name, ...)
    code: str | None = None  # ISO alpha-3 (the site's country for sites)
    capital: bool = False
    ambiguous: bool = False
    kind: str | None = None  # site kind, actor kind, coalition kind or program kind


@dataclass(frozen=True)
class Money:
    """A sum as the text gives it: amount in currency units and ISO 4217 currency.

    `high` is the upper bound of a range ("$80-100 million"); `qualifier` a word such as
    "about" or "up to"; `conversion_of` the start offset of the sum this one restates in
    another currency ("NOK 300 million (almost €26 million)").
    """

    amount: float
    currency: str
    high: float | None = None
    qualifier: str | None = None
    conversion_of: int | None = None


@dataclass(frozen=True)
class DateValue:
    """A date at the precision the text gives (None where it does not say).

    `form` names the written form matched (iso, day_month, year_span, weekday, ...);
    `year_end`/`day_end` close spans (`day` is the span's first day); `weekday`/`relative`
    are resolved against the publication date by `core.mentions.dates.infer_years`,
    forward where `future` is set.
    """

    form: str
    year: int | None = None
    month: int | None = None
    day: int | None = None
    year_end: int | None = None
    day_end: int | None = None
    weekday: int | None = None  # 0 = Monday
    relative: str | None = None  # yesterday, today, this year, ...
    part: str | None = None  # early, mid, late, end of, beginning of
    lead: str | None = None  # the word before a bare month or weekday: in, since, by, last, next, ...
    future: bool = False  # the text puts it ahead of the time of writing ("will resume on Monday")


V = TypeVar("V", NameEntry, Money, DateValue, str)


@dataclass(frozen=True)
class Mention(Generic[V]):
    """A span of text recognised as something, with the value parsed from its raw text.

    `kind` says what was found (money, date, country, demonym, force, institution, actor,
    coalition, site, or candidate: a place-like span that exact lookup missed, whose value
    is its folded text). Names carry their `NameEntry`, money a `Money`, dates a `DateValue`.
    """

    kind: str
    start: int
    end: int
    raw: str
    value: V
    possessive: bool = False  # "Poland's", "Allies'"
    alternatives: tuple[NameEntry, ...] = field(default=(), compare=False)  # other readings of a name
    strong_context: bool = False  # a candidate followed by "air base", "airport", ...
    fuzzy_score: float | None = None  # a site resolved by fuzzy matching: its rapidfuzz ratio
