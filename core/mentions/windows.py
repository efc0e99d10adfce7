"""Where a finder's pattern can match: the short stretches of text before words every match holds.

A finder's regex tried at every position of an article costs far more than finding the few words
every match must hold (a currency form, a month name, a year) and trying the pattern only in the
stretch before each: a match holds a known greatest number of runs of white space before that
word, so it begins no further back. Given such stretches, `finditer_in` yields exactly what
`pattern.finditer(text)` yields (the tests compare them on hostile and generated texts).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator

WHITE = re.compile(r"\s+")
#: Where a pattern that begins with `\b` and a word character can begin.
WORD_START = re.compile(r"\b\w")
_NON_ASCII = re.compile(r"[^\x00-\x7f]")


def runs_back(text: str, at: int, runs: int, gaps: re.Pattern[str] = WHITE) -> int:
    """The start of the `runs`-th run of white space (of `gaps`) before `at` (0 when the text before has
    fewer), so that any span ending at `at` with fewer than `runs` such runs begins at or after it.

    >>> text = "one two  three four"
    >>> text[runs_back(text, 14, 2):14], runs_back(text, 14, 3)
    (' two  three', 0)
    """
    if runs == 0:
        return at
    lo = max(0, at - 40 * runs)  # (a run crossing `lo` counts as one: the start found is then `lo`, early enough)
    starts = [m.start() for m in gaps.finditer(text, lo, at)]
    return starts[-runs] if len(starts) >= runs else 0


def spans_before(text: str, anchors: Iterable[tuple[int, int]], runs: int,
                 gaps: re.Pattern[str] = WHITE) -> list[tuple[int, int]]:
    """Disjoint (first, last) offsets, in order, where a match can begin: from `runs` runs of white
    space (`gaps`) before each anchor's start up to its end (a match holding the anchor begins no later)."""
    return merged((runs_back(text, start, runs, gaps), end) for start, end in anchors)


def merged(spans: Iterable[tuple[int, int]]) -> list[tuple[int, int]]:
    """Overlapping or touching (first, last) spans joined, in order."""
    out: list[tuple[int, int]] = []
    for lo, hi in sorted(spans):
        if out and lo <= out[-1][1]:
            out[-1] = (out[-1][0], max(hi, out[-1][1]))
        else:
            out.append((lo, hi))
    return out


def starts_in(text: str, spans: list[tuple[int, int]], starts: re.Pattern[str]) -> Iterator[re.Match[str]]:
    """The matches of `starts` (one character or none each) that begin inside `spans`, in order: what
    `starts.finditer(text)` yields there (look-behinds see the text before a span)."""
    for lo, hi in spans:
        for m in starts.finditer(text, lo):
            if m.start() > hi:
                break
            yield m


def finditer_in(pattern: re.Pattern[str], text: str, spans: list[tuple[int, int]] | None,
                starts: re.Pattern[str] = WORD_START) -> Iterator[re.Match[str]]:
    """What `pattern.finditer(text)` yields, given that every match begins inside `spans` at a match of
    `starts`; `spans` None: the whole text."""
    if spans is None:
        yield from pattern.finditer(text)
        return
    pos = 0
    for candidate in starts_in(text, spans, starts):
        at = candidate.start()
        if at < pos:
            continue
        m = pattern.match(text, at)
        if m:
            yield m
            pos = m.end() if m.end() > at else at + 1


def lowered_as_ignorecase(text: str, chars: frozenset[str], any_char: re.Pattern[str]) -> str | None:
    """`text.lower()`, where it shows every place a case-insensitive pattern over the lower-case
    characters `chars` matches (`any_char`: any of them, case-insensitive); else None (a character
    that lowers to two, or that matches one of `chars` without case but lowers otherwise: 'ſ' is 's').
    """
    lowered = text.lower()
    if len(lowered) != len(text):
        return None
    if not text.isascii():
        for c in set(_NON_ASCII.findall(text)):
            if any_char.fullmatch(c) and c.lower() not in chars:
                return None
    return lowered


def chars_of(words: Iterable[str]) -> tuple[frozenset[str], re.Pattern[str]]:
    """The lower-case characters of `words` (no white space), and a case-insensitive pattern of any one."""
    chars = frozenset(c for w in words for c in w.lower() if not c.isspace())
    return chars, re.compile(f"[{re.escape(''.join(sorted(chars)))}]", re.IGNORECASE)
