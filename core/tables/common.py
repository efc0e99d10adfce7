"""Helpers shared by the table builders: cue vocabularies, clauses and evidence."""

from __future__ import annotations

import re
from functools import cache

from core import refdata
from core.annotate import AnnotatedSentence
from core.records import Mention
from core.text import alternation


@cache
def cue_pattern(name: str, column: str = "cue") -> re.Pattern[str]:
    """A regex matching any cue of `data/vocab/<name>.csv` as a whole word (case-insensitive)."""
    body = alternation((r[column] for r in refdata.rows(f"vocab/{name}.csv")), gap=r"[\s-]+")
    return re.compile(rf"(?<![\w-])(?:{body})(?![\w-])", re.IGNORECASE)


@cache
def cue_map(name: str, key: str, value: str) -> dict[str, str]:
    """Cue -> value for a two-column vocabulary, the cue lower-cased with hyphens read as spaces (as a
    match is looked up: "ring-fenced" and "ring fenced" are one cue)."""
    return {" ".join(k.lower().replace("-", " ").split()): v for k, v in refdata.vocab(name, key, value).items()}


def nearest_cue(text: str, pos: int, name: str, value: str, window: int = 80) -> tuple[str, int] | None:
    """The value of the cue of vocabulary `name` nearest to `pos` in `text`, and its distance."""
    mapping = cue_map(name, "cue", value)
    best: tuple[str, int] | None = None
    for m in cue_pattern(name).finditer(text, max(0, pos - window), min(len(text), pos + window)):
        distance = m.start() - pos if m.start() >= pos else pos - m.end()
        if best is None or distance < best[1]:
            best = (mapping[" ".join(m.group().lower().replace("-", " ").split())], distance)
    return best


_CLAUSE_BREAK = re.compile(r";|:\s|,\s+(?:while|whereas|but|and\s+(?=[A-Z]))|\s+[-–—]\s+")


def clause_spans(text: str) -> list[tuple[int, int]]:
    """The clauses of a sentence, as (start, end) spans between clause breaks.

    >>> t = "Spain sends 600 troops, and Denmark will send 700; Italy waits."
    >>> [t[s:e] for s, e in clause_spans(t)]
    ['Spain sends 600 troops', 'Denmark will send 700', ' Italy waits.']
    """
    spans, start = [], 0
    for m in _CLAUSE_BREAK.finditer(text):
        if m.start() > start:
            spans.append((start, m.start()))
        start = m.end()
    if start < len(text):
        spans.append((start, len(text)))
    return spans


def clause_bounds(text: str, pos: int) -> tuple[int, int]:
    """The clause of `text` around `pos`: cut at semicolons, colons, dashes and 'while'."""
    start, end = 0, len(text)
    for m in _CLAUSE_BREAK.finditer(text):
        if m.end() <= pos:
            start = m.end()
        elif m.start() >= pos:
            end = m.start()
            break
    return start, end


def country_mentions(sentence: AnnotatedSentence) -> tuple[Mention, ...]:
    """Mentions in the sentence that stand for a country (computed once, in `core.annotate`)."""
    return sentence.countries


def country_heads(sentence: AnnotatedSentence) -> dict[int, Mention]:
    """Head token of the parse -> the country-standing mention whose span it heads (the first, where
    two share one). Empty for a sentence without a parse."""
    out: dict[int, Mention] = {}
    if sentence.parse is None:
        return out
    for m in sentence.countries:
        head = sentence.head(m)
        if head is not None:
            out.setdefault(head, m)
    return out


def evidence(sentence: AnnotatedSentence) -> dict:
    """The evidence columns of a row read from `sentence`."""
    return {"evidence": sentence.text, "start": sentence.sentence.start, "end": sentence.sentence.end}
