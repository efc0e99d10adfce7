"""Numbers as news writes them: digit groups (1,700; 1 200; 1.144.000; 2,5) and small number words.

The patterns of the digit groups are shared with the money finder (`core.mentions.money`), which
also reads a sum's number with `parse_number`.
"""

from __future__ import annotations

import re
from functools import lru_cache

from core import refdata

# Digit groups as news and European writers set them; each alternative is tried in this order:
# "1.144.000" / "1.234,56" (dots between thousands, a decimal comma), "1,700" / "1 200" (commas or spaces
# between thousands), "2,5" / "30,40" (a decimal comma: one or two digits after it), "140.8" (plain).
DOT_GROUPS = r"\d{1,3}(?:\.\d{3}){2,6}(?:,\d+)?(?!\d|[.,]\d)|\d{1,3}(?:\.\d{3}){1,6},\d{1,2}(?!\d|[.,]\d)"
COMMA_GROUPS = r"\d{1,3}(?:[,\u00a0\u202f]\d{3}){1,6}(?:\.\d+)?(?!\d|,\d)"
SPACE_GROUPS = r"\d{1,3}(?:\x20\d{3}){1,4}(?!\d|[.,]\d)"
DECIMAL_COMMA = r"\d{1,4},\d{1,2}(?!\d|,\d)"
NUMBER = rf"{DOT_GROUPS}|{COMMA_GROUPS}|{SPACE_GROUPS}|{DECIMAL_COMMA}|\d+(?:\.\d+)?"


@lru_cache(maxsize=1)
def number_words() -> dict[str, float]:
    return {k: float(v) for k, v in refdata.vocab("number_words", "word", "value").items() if v}


def parse_number(raw: str) -> float | None:
    """A number as news writes it: thousands set off by commas, spaces or dots, a decimal point or
    comma, or a small number word.

    >>> parse_number("1,700"), parse_number("140.8"), parse_number("half a"), parse_number("2,5")
    (1700.0, 140.8, 0.5, 2.5)
    >>> parse_number("1.144.000"), parse_number("1.234,56"), parse_number("1 200"), parse_number("30,40")
    (1144000.0, 1234.56, 1200.0, 30.4)
    >>> parse_number("five hundred"), parse_number("twenty-five")
    (500.0, 25.0)
    """
    raw = raw.strip().lower()
    words = number_words()
    if raw in words:
        return words[raw]
    if raw[:1].isalpha():
        return _number_phrase(raw.replace("-", " ").split(), words)
    if re.fullmatch(DOT_GROUPS, raw):
        cleaned = raw.replace(".", "").replace(",", ".")
    elif re.fullmatch(DECIMAL_COMMA, raw):
        cleaned = raw.replace(",", ".")
    else:
        cleaned = re.sub(r"[,\u00a0\u202f\s]", "", raw)
    try:
        return float(cleaned)
    except ValueError:
        return None


def _number_phrase(tokens: list[str], words: dict[str, float]) -> float | None:
    """ "five hundred" -> 500, "twenty five" -> 25, "two hundred and fifty" is not read (None)."""
    total = current = 0.0
    i = 0
    while i < len(tokens):
        two = " ".join(tokens[i:i + 2])
        value, step = (words[two], 2) if two in words and i + 1 < len(tokens) else (words.get(tokens[i]), 1)
        if value is None:
            return None
        if value in (100.0, 1000.0) and step == 1:
            current = (current or 1.0) * value
        else:
            current += value
        i += step
    return total + current if current else None
