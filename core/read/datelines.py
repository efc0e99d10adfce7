"""Dates of publication and datelines: '12 September 2025 | Publisher', 'CHISINAU, Feb. 14, 2025
(Prut Wire) - ...', bylines 'By Name, Outlet'.

Dates are read by `core.mentions.dates` (the one date parser, whose month names come from
`data/vocab/months.csv`); this module only finds where a dateline's date, agency and publisher are.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from datetime import UTC, datetime
from email.utils import parsedate_to_datetime

from core.mentions.dates import find_dates, format_date
from core.records import DateValue

_MONTH_WORD = r"[A-Za-z]{3,9}\.?"  # any month-like word; `find_dates` decides whether it is a month
_DATE_SHAPES = (
    rf"\d{{1,2}}(?:st|nd|rd|th)?\s+{_MONTH_WORD},?\s+\d{{4}}",  # 12 September 2025
    rf"{_MONTH_WORD}\s+\d{{1,2}}(?:st|nd|rd|th)?,?\s+\d{{4}}",  # September 12, 2025
    r"\d{4}-\d{1,2}-\d{1,2}",  # 2025-09-12
    r"\d{1,2}\.\d{1,2}\.\d{4}",  # 12.09.2025
    r"\d{4}\.\d{1,2}\.\d{1,2}",  # 2025.09.12
)
_ANY_DATE = "|".join(_DATE_SHAPES)
_YEARLESS = rf"{_MONTH_WORD}\s+\d{{1,2}}|\d{{1,2}}\s+{_MONTH_WORD}"  # 'May 31', '31 May'
_WIRE_PLACE = r"(?-i:[A-Z][A-Z.'’ -]+),\s*(?:(?-i:[A-Z])[\w.'’ -]*,\s*)?"  # 'TULCEA, Romania,'

_DATELINE_PART = re.compile(
    rf"""
    (?:(?:first\s+)?(?:published|posted|updated|dated?)(?:\s+on)?\s*:?\s*|on\s+)?  # label
    (?:\d{{1,2}}[:.]\d{{2}}\s*(?:[ap]\.?m\.?)?(?:\s+[A-Z]{{2,5}}(?:[+-]\d{{1,2}})?)?,?\s+)?  # time first
    (?:{_WIRE_PLACE})?
    (?:(?:mon|tues|wednes|thurs|fri|satur|sun)day,?\s+)?  # weekday
    (?P<date>{_ANY_DATE})
    (?:,?\s+(?:at\s+)?\d{{1,2}}[:.]\d{{2}}(?:\s*[ap]\.?m\.?)?(?:\s+[A-Z]{{2,5}})?)?  # time
    (?:T[\d:.+-]+Z?)?                                     # ISO time
    (?:\s*\((?P<agency>[^()]{{1,40}})\))?                 # agency: '(Reuters)'
    """,
    re.IGNORECASE | re.VERBOSE,
)
#: A wire dateline without a year: 'PRAGUE, Jan 7 (Central European Wire)' gives the agency only.
_YEARLESS_WIRE = re.compile(rf"{_WIRE_PLACE}(?:{_YEARLESS})\s*\((?P<agency>[^()]{{1,40}})\)", re.VERBOSE)
_CONNECTOR = r"(?:of|the|and|for|on|de|du)"
#: 'By Radu Enache, Black Sea Monitor': a person's name (two to four capitalised words), an outlet.
_BYLINE = re.compile(
    rf"By\s+(?:[A-Z][\w.'’-]*\s+){{1,3}}[A-Z][\w.'’-]*,\s+"
    rf"(?P<outlet>[A-Z][\w.'’&-]*(?:\s+(?:[A-Z&][\w.'’&-]*|{_CONNECTOR})){{0,5}})"
)
_DASH = re.compile(r"\s[-–—]\s")  # 'BRUSSELS, Sept 16, 2025 (Eurowire) - The text...'
_PIPE = re.compile(r"\s*[|·•]\s*")  # '12 September 2025 | Updated 15:05 CET | Publisher'
_NOT_SOURCE = re.compile(r"(?:by|updated|published|posted|photo|read)\b|.*\d", re.IGNORECASE)
_ISO_TIME = re.compile(r"(?<=\d)T(?=\d)")
_YEAR_FIRST_DOTTED = re.compile(r"\b((?:19|20)\d\d)\.([01]\d)\.([0-3]\d)\b")
_WORD = re.compile(r"[A-Za-z]+")


def parse_date(value: object) -> str | None:
    """An ISO date from a date-like value (string or Unix timestamp), or None.

    >>> parse_date("2024-07-11T09:30:00Z"), parse_date("12 Sept. 2025"), parse_date("24.09.2025")
    ('2024-07-11', '2025-09-12', '2025-09-24')
    >>> parse_date("Tue, 16 Sep 2025 08:00:00 GMT"), parse_date("2025-03"), parse_date("May 31")
    ('2025-09-16', '2025-03', None)
    """
    if isinstance(value, bool) or value is None:
        return None
    if isinstance(value, int | float):
        return _from_timestamp(value)
    text = str(value).strip()[:100]
    if re.fullmatch(r"\d{4}(?:-\d{2})?", text):
        return text
    return _full_date(text) or _from_rfc2822(text)


def _full_date(text: str) -> str | None:
    """The first date of `text` with a year, a month and a day, read by `core.mentions.dates`
    (month names in any case: 'SEPT 16, 2025' as 'Sept 16, 2025')."""
    text = _WORD.sub(lambda word: word[0].capitalize(), _ISO_TIME.sub(" ", text))
    text = _YEAR_FIRST_DOTTED.sub(r"\1-\2-\3", text)  # '2025.06.30' as '2025-06-30'
    for mention in find_dates(text):
        value = mention.value
        if value.year and value.month and value.day and not value.year_end:
            return format_date(DateValue("full", value.year, value.month, value.day))
    return None


def _from_timestamp(value: float) -> str | None:
    if not 1e8 < value < 1e11:
        return None
    return datetime.fromtimestamp(value, tz=UTC).date().isoformat()


def _from_rfc2822(text: str) -> str | None:
    try:
        return parsedate_to_datetime(text).date().isoformat()
    except (TypeError, ValueError, IndexError):
        return None


def find_dateline(lines: Iterable[str]) -> tuple[str | None, str | None]:
    """(published, source) from the dateline-like lines among `lines`: the first dated dateline
    gives the date (and its publisher or agency); otherwise a wire agency or a byline's outlet
    gives the source.

    >>> find_dateline(["Zapad-2025 drills open", "12 September 2025 | Updated 15:05 CET | Eastern Flank Daily"])
    ('2025-09-12', 'Eastern Flank Daily')
    >>> find_dateline(["BRUSSELS, Sept 16, 2025 (Eurowire) - Allied jets are heading for Poland."])
    ('2025-09-16', 'Eurowire')
    >>> find_dateline(["TALLINN, May 31 (BDW) - The group has collected 58 million euros."])
    (None, 'BDW')
    >>> find_dateline(["By Victor Rusu, Prut Wire"])
    (None, 'Prut Wire')
    >>> find_dateline(["Healey said during a visit to Kyiv on 9 January 2026."])
    (None, None)
    """
    sources: list[str] = []
    for line in lines:
        line = line.strip().strip("*_").strip()
        published, source = _dateline(line)
        if published:
            return published, source or next(iter(sources), None)
        if found := source or _source_only(line):
            sources.append(found)
    return None, next(iter(sources), None)


def _dateline(line: str) -> tuple[str | None, str | None]:
    head = _DASH.split(line, maxsplit=1)[0]
    if len(head) > 160:
        return None, None
    parts = [part for part in _PIPE.split(head) if part]
    for index, part in enumerate(parts):
        match = _DATELINE_PART.fullmatch(part)
        if match and (published := parse_date(match["date"])):
            last = parts[-1]
            is_source = index < len(parts) - 1 and not _NOT_SOURCE.match(last) and len(last) <= 60
            return published, last if is_source else _agency(match["agency"])
    return None, None


def is_timestamp(line: str) -> bool:
    """Whether a line is only a date of publication, with its label, time, place, author or outlet,
    and no story ("on December 18, 2025 at 9:40 AM", "Updated 4:12 PM GMT+3, September 8, 2024",
    "Kadri Lepp | Baltics | 24.09.2025"; not "VILNIUS, June 2, 2025 - Leaders met").

    >>> is_timestamp("on December 18, 2025 at 9:40 AM"), is_timestamp("VILNIUS, June 2, 2025 - Leaders met")
    (True, False)
    """
    line = line.strip().strip("*_").strip()
    return len(_DASH.split(line, maxsplit=1)) == 1 and _dateline(line)[0] is not None


def _source_only(line: str) -> str | None:
    """The agency of a wire dateline without a year, or the outlet of a byline."""
    head = _DASH.split(line, maxsplit=1)[0]
    if len(head) > 160:
        return None
    if match := _YEARLESS_WIRE.fullmatch(head.strip()):
        return _agency(match["agency"])
    if match := _BYLINE.fullmatch(line):
        return match["outlet"]
    return None


def _agency(text: str | None) -> str | None:
    """'(Prut Wire)' → 'Prut Wire'; not a time zone, a photo credit or a number."""
    text = " ".join((text or "").split())
    return text if text and not _NOT_SOURCE.match(text) else None
