"""Candidate places: capitalised runs that no known name matched but that look like a place.

A run followed by "air base", "airport", "training area"...; after "at/in/near" (one word only in
a strong place context: "near", "the village of"); or a dateline in capitals opening a paragraph.
`core.mentions.names` asks here where it finds no name; `core.resolve` looks candidates up fuzzily.
"""

from __future__ import annotations

import bisect
import re

from core.records import Mention
from core.text import Token, fold

_JOINER = re.compile(r"^(?:\s|-|–|—)*$")


def contiguous(text: str, tokens: list[Token], i: int, n: int) -> bool:
    """Tokens i..i+n-1 joined only by spaces or dashes."""
    return all(_JOINER.match(text[tokens[j].end:tokens[j + 1].start]) for j in range(i, i + n - 1))


_SITE_WORDS = re.compile(r"^\s*(?:air\s*base|airbase|base|bases|airport|airfield|air\s+field|training\s+(?:area|ground)s?|"
                         r"range|naval\s+base|garrison|barracks)\b", re.IGNORECASE)
_LOCATIVE_BEFORE = re.compile(r"\b(?:at|in|near|outside|from|to|of|around|into|between)\s+(?:the\s+)?$", re.IGNORECASE)
#: A place context strong enough for a one-word candidate (an unknown town, looked up among the
#: populated places): "in", "near", "outside", "between", "the village of", "north of".
_PLACE_BEFORE = re.compile(
    r"(?:\b(?:in|at|near|outside|around|between)|\b(?:village|villages|town|city|port|commune|hamlet|settlement|"
    r"outskirts|suburbs?|edge|centre|center|south|north|east|west|north-?east|north-?west|south-?east|"
    r"south-?west)\s+of)\s+(?:the\s+)?$", re.IGNORECASE)
#: Lower-case particles inside a place's name ("Röthenbach an der Pegnitz", "Cuhureștii de Jos").
_PARTICLE_TAIL = re.compile(r"\s+(?:an\s+der|an|am|de|din|nad|pod|na|pe|upon|im|bei)\s+(?=[A-ZÀ-ÞĀ-Ž])[^\W\d_][\w'’]*"
                            r"(?:-[^\W\d_][\w'’]*)*")
#: A dateline: a place in capitals opening a paragraph, then a comma or a dash ("CEADIR-LUNGA, Feb. 14").
_DATELINE_AFTER = re.compile(r"^\s*(?:,|\s[-–—]|\s*\()")

#: `_SITE_WORDS` in the folded text (where it finds at least what `_SITE_WORDS` finds in the text)
SITE_WORD_FOLDED = re.compile(r" (?:air ?base|base|bases|airport|airfield|air field|training (?:area|ground)s?|"
                               r"range|naval base|garrison|barracks)\b")
_RUN_BOUND = re.compile(r"[\w.'’\s\-–—]*")
MAX_RUN = 4  # tokens of a capitalised run (a candidate)


def may_be_candidate(text: str, start: int, site_words: list[int], closed: str, at: int) -> bool:
    """Whether a capitalised token at `start` (`at` in the folded text) with no name may begin a
    candidate (see `_candidate`): a locative just before it, or a site word after the longest run of
    tokens it could begin."""
    if (start == 0 or text[start - 1] == "\n") and not text[start + 1:start + 2].islower():  # a dateline
        return True
    if _after_locative_word(text, start, closed, at) and (_LOCATIVE_BEFORE.search(text[max(0, start - 15):start])
                                                          or _PLACE_BEFORE.search(text[max(0, start - 25):start])):
        return True
    i = bisect.bisect_right(site_words, start)  # the run of tokens from `start` reaches the next site word:
    return i < len(site_words) and _RUN_BOUND.fullmatch(text, start, site_words[i]) is not None  # (only that far)


_LOCATIVE_WORDS = frozenset({"at", "in", "near", "outside", "from", "to", "of", "around", "into", "between"})


def _after_locative_word(text: str, start: int, closed: str, at: int) -> bool:
    """False only where `_LOCATIVE_BEFORE` cannot match before `start`: the folded word before it (or
    before 'the') is no locative. Words cut by its 15-character window, or not ASCII, are let through."""
    for cut in (15, 25):  # a window that starts inside a word, on a locative and spaces up to `start`
        if start > cut and text[start - cut - 1].isalnum() and len(text[start - cut:start].split()) <= 2:
            return True
    before = closed.rfind(" ", 0, at - 1)
    word = closed[before + 1:at - 1].rsplit("'", 1)[-1]
    if word == "the":
        word = closed[closed.rfind(" ", 0, before) + 1:before].rsplit("'", 1)[-1]
    return word in _LOCATIVE_WORDS or not word.isascii()


def candidate_at(text: str, tokens: list[Token], i: int, offset: int) -> tuple[int, Mention] | None:
    """A place-like capitalised run starting at token `i` that no name matched, and its length in tokens."""
    n = _capitalised_run(text, tokens, i)
    candidate = _candidate(text, tokens, i, n)
    if not candidate:
        return None
    c_start, c_end, strong = candidate
    return n, Mention("candidate", offset + c_start, offset + c_end, text[c_start:c_end], fold(text[c_start:c_end]),
                      strong_context=strong)


def _capitalised_run(text: str, tokens: list[Token], i: int) -> int:
    """Capitalised tokens joined by spaces or dashes, not across a full stop ("in January. Sweden")."""
    n = 1
    while (i + n < len(tokens) and n < 4 and tokens[i + n].raw[0].isupper()
           and not _ends_sentence(tokens[i + n - 1].raw) and contiguous(text, tokens, i + n - 1, 2)):
        n += 1
    return n


def _ends_sentence(raw: str) -> bool:
    """A token with a full stop after a lower-case letter ("January.", not "St." or "U.S.")."""
    return len(raw) > 3 and raw.endswith(".") and raw[-2].islower()


def _candidate(text: str, tokens: list[Token], i: int, n: int) -> tuple[int, int, bool] | None:
    """A capitalised run that looks like a place name: before a site word, after 'at/in/near' (one word
    only in a strong place context: 'near', 'the village of'), or a dateline in capitals. Lower-case
    particles inside a name are part of it ("Röthenbach an der Pegnitz")."""
    start, end = tokens[i].start, tokens[i + n - 1].end
    if text[end - 1] == ".":
        if not _ends_sentence(tokens[i + n - 1].raw):
            return None  # an abbreviation
        end -= 1  # the sentence's full stop
    tail = _PARTICLE_TAIL.match(text, end)
    end = tail.end() if tail else end
    if end - start < 4:
        return None
    after = text[end:end + 30]
    if end - start >= 5 and _SITE_WORDS.match(after):
        return start, end, True
    if (start == 0 or text[start - 1] == "\n") and tokens[i].raw.isupper() and _DATELINE_AFTER.match(after):
        return start, end, False
    if re.search(r"(?:^|[.!?]\s+|\n)$", text[max(0, start - 3):start]):  # a sentence's first word
        return None
    if end - start >= 5 and (n >= 2 or tail) and _LOCATIVE_BEFORE.search(text[max(0, start - 15):start]):
        return start, end, False
    if n == 1 and not tail and _PLACE_BEFORE.search(text[max(0, start - 25):start]):
        return start, end, False
    return None
