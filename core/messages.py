"""Messages for the terminal and the dashboard: one line each, nothing in them that a terminal
would act on (control characters, bidi controls that make a name read backwards, undecodable bytes)."""

from __future__ import annotations

import re

from core.read.paths import escape_undecodable

_UNPRINTABLE = re.compile(
    "[\x00-\x1f\x7f-\x9f\u00ad\u061c\u200b-\u200f\u2028-\u202e\u2060-\u2069\ufeff\ud800-\udfff]"
)
_SURROGATE = re.compile("[\ud800-\udfff]")


def one_line(message: str) -> str:
    """A message safe to print as one line: control characters (a newline in a file name), bidi
    controls, invisible characters and undecodable bytes written as backslash escapes.

    >>> print(one_line("bad\\nname.txt: empty file"))
    bad\\nname.txt: empty file
    >>> print(one_line("evil\\u202etxt.exe"))
    evil\\u202etxt.exe
    """
    return _UNPRINTABLE.sub(_escape_char, message)


def _escape_char(match: re.Match[str]) -> str:
    if _SURROGATE.match(match.group()):  # an undecodable byte of a file name
        return escape_undecodable(match)
    return match.group().encode("unicode_escape").decode("ascii")
