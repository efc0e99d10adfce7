"""The article folded once, and one Aho–Corasick automaton of every known name over it.

`find_names` used to fold every token and look up every n-gram of up to six tokens. Here the
whole text is folded in one `str.translate` (one character for one character, so offsets stay
those of the text), runs of separators are closed up, and one automaton pass lists every
position where a known name starts. The finder then looks at a token only when it is
capitalised (or a number) and a name starts there, or when a lower-case coalition name starts
there. The folding of one character is `core.text.fold` itself, so the two cannot disagree;
a text with a character whose folding is not one character (combining marks, ligatures, the
Greek capital sigma whose lower case depends on its place) has no `FoldedText` and is read
token by token instead.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass
from functools import cache

import ahocorasick

from core.text import fold

_TOKEN_START = r"(?<![^\W_])(?<![^\W_][.'’])"
_SPACES = re.compile(r" {2,}")
_WORD_CHAR = re.compile(r"[^\W_]")
_CONTEXT_LOWER = frozenset("Σ")  # str.lower of these depends on the neighbouring letters


@cache
def _fold_char(c: str) -> str | None:
    """What `fold` makes of `c` inside a word: one character, a space for separators, None otherwise."""
    if c in _CONTEXT_LOWER:
        return None
    folded = fold("a" + c + "a")
    if folded == "a a":
        return " "
    if not (len(folded) == 3 and folded[0] == "a" and folded[2] == "a"):
        return None
    if folded[1].isalnum() or folded[1] == "'":
        return folded[1]
    return None if _WORD_CHAR.match(c) else " "  # other punctuation: a word boundary like a space


_NON_ASCII = re.compile(r"[^\x00-\x7f]")
_SEPARATOR = re.compile(r"[^\w']")  # after folding: what is not part of a word (with '_' and lone quotes)
_ASCII_SEPARATORS = str.maketrans({chr(i): " " for i in range(128) if not (chr(i).isalnum() or chr(i) == "'")})
_LONE_QUOTE = re.compile(r"'(?<![^\W_].)")


@dataclass(frozen=True)
class FoldedText:
    """`text` folded character by character, separators closed up to one space (`closed`)."""

    closed: str
    run_ends: tuple[int, ...]  # end offsets in the text of the closed-up runs of separators
    closed_ends: tuple[int, ...]  # the same ends as positions in `closed`
    shifts: tuple[int, ...]  # characters removed up to and including each run

    def position(self, offset: int) -> int:
        """The position in `closed` of the text's character at `offset` (not inside a closed run)."""
        i = bisect.bisect_right(self.run_ends, offset)
        return offset + 1 - (self.shifts[i - 1] if i else 0)  # `closed` starts with a space

    def offset(self, position: int) -> int:
        """The text offset of the character at `position` in `closed` (the inverse of `position`)."""
        i = bisect.bisect_right(self.closed_ends, position)
        return position - 1 + (self.shifts[i - 1] if i else 0)


def fold_text(text: str) -> FoldedText | None:
    """The folded text, or None when a character of `text` does not fold to exactly one character."""
    lowered = text.lower()
    if len(lowered) != len(text) or "Σ" in text:
        return None
    if not text.isascii():
        for c in set(_NON_ASCII.findall(text)):
            folded, low = _fold_char(c), c.lower()
            if folded is None or (low.isascii() and folded != low) or _fold_char(low) != folded:
                return None  # (a character and its lower case must fold alike: both are replaced together)
            lowered = lowered.replace(low, folded)
    if lowered.isascii():
        folded_text = " " + lowered.translate(_ASCII_SEPARATORS)  # a word starts after a space
    else:
        folded_text = _SEPARATOR.sub(" ", " " + lowered.replace("_", " "))
    if "'" in folded_text:
        folded_text = _LONE_QUOTE.sub(" ", folded_text)
    run_ends, closed_ends, shifts, removed = [], [], [], 0
    for m in _SPACES.finditer(folded_text):
        removed += m.end() - m.start() - 1
        run_ends.append(m.end() - 1)
        closed_ends.append(m.end() - removed)
        shifts.append(removed)
    closed = _SPACES.sub(" ", folded_text) if run_ends else folded_text
    return FoldedText(closed, tuple(run_ends), tuple(closed_ends), tuple(shifts))


class _Unfoldable(ValueError):
    """A character whose folding is not one character."""


def _folded_char(c: str) -> str:
    folded = _fold_char(c)
    if folded is None:
        raise _Unfoldable(c)
    return folded


def build_automaton(keys: list[str], marked: set[str]) -> ahocorasick.Automaton:
    """An automaton of the keys that a run of tokens can spell, each behind a space (a word start).

    A key's value is its length and whether it is in `marked`; keys with characters that no token or
    joiner has ('(', '&') are left out.
    """
    automaton = ahocorasick.Automaton()
    for key in keys:
        if all(c.isalnum() or c in " '" for c in key) and key[:1].isalnum():
            automaton.add_word(" " + key, (len(key), key in marked))
    automaton.make_automaton()
    return automaton


def name_starts(automaton: ahocorasick.Automaton, closed: str) -> tuple[dict[int, int], set[int]]:
    """Positions in `closed` where a key of the automaton starts (at a word start), each with the
    longest key's length; and the positions where a marked key starts."""
    starts: dict[int, int] = {}
    marked: set[int] = set()
    for end, (length, mark) in automaton.iter(closed):
        start = end - length + 1
        if length > starts.get(start, 0):
            starts[start] = length
        if mark:
            marked.add(start)
    return starts, marked


#: A character that may begin a capitalised token; the look-behinds check it begins a token (as in
#: `core.text.tokenize`: not after a word character, nor after a word character and '.' or an apostrophe).
_CAPITAL_TOKEN = re.compile(r"[A-Z0-9\x80-\U0010ffff](?<![^\W_].)(?<![^\W_][.'’].)")


def capital_token_starts(text: str) -> list[int]:
    """Offsets where a token of `core.text.tokenize` begins with an upper-case letter or a digit."""
    return [m.start() for m in _CAPITAL_TOKEN.finditer(text)
            if m.group() < "\x80" or (_WORD_CHAR.match(m.group()) and (m.group().isupper() or m.group().isdigit()))]


_ANY_TOKEN_START = re.compile(_TOKEN_START + r"[^\W_]")


def is_token_start(text: str, offset: int) -> bool:
    """Whether a token of `core.text.tokenize` begins at `offset`."""
    return _ANY_TOKEN_START.match(text, offset) is not None
