"""Find dates as news writes them and give each the precision the text gives.

Forms: 2024-02-17, 24.09.2025, 12 September 2025, 12 December, Sept. 9-10, June 15, 2023,
February 2024, "in April", "since 2016", year spans (2025-2028), weekdays ("on Tuesday")
and a few relative words (yesterday, this year). Year-less dates get their year from the
text's explicit dates or the publication date (`infer_years`); where nothing fits they
stay year-less and format as `--MM-DD`.
"""

from __future__ import annotations

import bisect
import datetime as dt
import re
from dataclasses import replace
from functools import lru_cache

from core import refdata
from core.records import DateValue, Mention

_WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")


@lru_cache(maxsize=1)
def _months() -> dict[str, int]:
    return {k: int(v) for k, v in refdata.vocab("months", "name", "month").items()}


def _month_pattern() -> str:
    names = sorted(_months(), key=len, reverse=True)
    return "|".join(rf"{n.capitalize()}\.?" if len(n) <= 4 and n != "may" else n.capitalize() for n in names)


@lru_cache(maxsize=1)
def _patterns() -> list[tuple[str, re.Pattern[str]]]:
    m = rf"(?P<month>{_month_pattern()})"
    day = r"(?P<day>[0-3]?\d)(?:st|nd|rd|th)?"
    day2 = r"(?:\s*(?:-|–|to)\s*(?P<day_end>[0-3]?\d)(?:st|nd|rd|th)?)?"
    year = r"(?P<year>(?:19|20)\d\d)"
    weekday = rf"(?:(?P<weekday>{'|'.join(w.capitalize() for w in _WEEKDAYS)}),?\s+)?"
    return [
        ("iso", re.compile(rf"\b{year}-(?P<mon>[01]\d)-(?P<day>[0-3]\d)\b")),
        ("numeric", re.compile(rf"\b(?P<day>[0-3]?\d)\.(?P<mon>[01]?\d)\.{year}\b")),
        ("day_month", re.compile(rf"\b{weekday}{day}{day2}\s+{m}(?:,?\s+{year})?\b")),
        ("month_day", re.compile(rf"\b{weekday}{m}\s+{day}{day2}\b(?!\s*(?:%|per|billion|million))(?:,?\s+{year}\b)?")),
        ("month_year", re.compile(rf"(?:\b(?P<part>(?i:early|mid|late|end of|beginning of))[\s-]+)?\b{m}\s+(?:of\s+)?{year}\b")),
        ("month", re.compile(rf"\b(?P<lead>[Ii]n|[Ss]ince|[Dd]uring|[Uu]ntil|[Bb]y|[Ee]arly|[Ll]ate|[Mm]id-?|[Ff]rom|"
                             rf"[Tt]his|[Ll]ast|[Nn]ext|[Oo]f)\s+(?:early\s+|late\s+|mid-)?{m}(?![\s.]*\d)")),
        ("year_span", re.compile(r"\b(?P<year>(?:19|20)\d\d)\s*(?:-|–|to|and|through)\s*(?P<year_end>(?:19|20)\d\d)\b")),
        ("year", re.compile(rf"(?<![-\w]){year}(?![-\w%])")),
        ("weekday", re.compile(rf"\b(?:on\s+|last\s+|this\s+)?(?P<weekday>{'|'.join(w.capitalize() for w in _WEEKDAYS)})\b")),
        ("relative", re.compile(r"\b(?P<rel>yesterday|today|this year|last year|next year|earlier this year)\b",
                                re.IGNORECASE)),
    ]


def find_dates(text: str, offset: int = 0) -> list[Mention[DateValue]]:
    """Dates in `text`, earliest form first where spans overlap.

    Each value is a `DateValue` with `year`, `month`, `day` (None where the text does not say),
    for spans `year_end` / `day_end`, and `form` naming the form matched.

    >>> [format_date(m.value) for m in find_dates("On Sept. 9-10 and 12 December, in February 2024")]
    ['--09-10', '--12-12', '2024-02']
    """
    starts: list[int] = []  # the spans taken so far, disjoint, in order: starts and ends both sorted
    ends: list[int] = []
    found: list[Mention[DateValue]] = []
    for form, pattern in _patterns():
        for m in pattern.finditer(text):
            before = bisect.bisect_left(starts, m.end())  # spans starting before this match ends ...
            if before and ends[before - 1] > m.start():  # ... the last of which ends after it starts
                continue
            value = _value(form, m)
            if value is None:
                continue
            starts.insert(before, m.start())
            ends.insert(before, m.end())
            found.append(Mention("date", offset + m.start(), offset + m.end(), m.group(), value))
    return sorted(found, key=lambda x: x.start)


def _value(form: str, m: re.Match[str]) -> DateValue | None:
    g = m.groupdict()
    month = _months().get(g["month"].rstrip(".").lower()) if g.get("month") else None
    if g.get("mon"):
        month = int(g["mon"])
    year = int(g["year"]) if g.get("year") else None
    day = int(g["day"]) if g.get("day") else None
    day_end = int(g["day_end"]) if g.get("day_end") else None
    if day_end is not None:
        day = day_end  # "Sept. 9-10": the happening ends on the 10th
    year_end = int(g["year_end"]) if g.get("year_end") else None
    if year_end is not None and year is not None and year_end < year:
        return None
    if day is not None and month is not None and not _valid(year or 2024, month, day):
        return None
    return DateValue(
        form, year, month, day, year_end=year_end, day_end=day_end,
        weekday=_WEEKDAYS.index(g["weekday"].lower()) if g.get("weekday") else None,
        relative=g["rel"].lower() if g.get("rel") else None,
        part=g["part"].lower() if form == "month_year" and g.get("part") else None,
        lead=g["lead"].lower() if form == "month" and g.get("lead") else None)


def _valid(year: int, month: int, day: int) -> bool:
    try:
        dt.date(year, month, day)
    except ValueError:
        return False
    return True


def format_date(value: DateValue | None) -> str | None:
    """ISO 8601 at the value's precision; `--MM-DD` for a day and month without a year.

    >>> format_date(DateValue("month_year", 2025, 3)), format_date(DateValue("day_month", None, 12, 12))
    ('2025-03', '--12-12')
    """
    if value is None:
        return None
    year, month, day = value.year, value.month, value.day
    if year and month and day:
        return f"{year:04d}-{month:02d}-{day:02d}"
    if year and month:
        return f"{year:04d}-{month:02d}"
    if month and day:
        return f"--{month:02d}-{day:02d}"
    if year:
        return f"{year:04d}"
    return None


_ANCHOR_FORMS = ("iso", "numeric", "day_month", "month_day", "month_year")


def infer_years(dates: list[Mention[DateValue]], published: str | None,
                paragraph_of: dict[int, int]) -> list[Mention[DateValue]]:
    """Give year-less dates a year where that is safe.

    In order: the nearest explicit year before it in the same paragraph; the publication
    date (the latest year that does not put the date more than two months after
    publication); the nearest explicit year before it; the latest explicit year in the
    article (news tells of the past). Weekdays and relative words need the publication date.
    `paragraph_of` maps a mention's start to its paragraph number.
    """
    pub = _parse_iso(published)
    anchors = [d for d in dates if d.value.form in _ANCHOR_FORMS and d.value.year]
    out = []
    for d in dates:
        form = d.value.form
        if form in ("weekday", "relative"):
            resolved = _resolve_relative(d.value, pub)  # unresolved: no year, month or day (formats as None)
            out.append(replace(d, value=resolved) if resolved else d)
            continue
        if form in ("day_month", "month_day", "month") and not d.value.year:
            year = _pick_year(d, anchors, pub, paragraph_of)
            if year and d.value.day and d.value.month and not _valid(year, d.value.month, d.value.day):
                year = None  # 29 February and a year without one: no year rather than no such day
            d = replace(d, value=replace(d.value, year=year))
        out.append(d)
    return out


def _pick_year(d: Mention[DateValue], anchors: list[Mention[DateValue]], pub: dt.date | None,
               paragraph_of: dict[int, int]) -> int | None:
    before = [a for a in anchors if a.start < d.start]
    same_para = [a for a in before if paragraph_of.get(a.start) == paragraph_of.get(d.start)]
    if same_para:
        return same_para[-1].value.year
    if pub and d.value.month:
        month, day = d.value.month, d.value.day or 1
        year = pub.year
        for _ in range(8):  # 29 February goes back to the last leap year
            if _valid(year, month, day) and (dt.date(year, month, day) - pub).days <= 62:
                break
            year -= 1
        return year
    if before:
        return before[-1].value.year
    if anchors:
        return max(a.value.year or 0 for a in anchors) or None
    return None


def _resolve_relative(value: DateValue, pub: dt.date | None) -> DateValue | None:
    """A weekday or relative word dated against the publication date (None without one)."""
    if pub is None:
        return None
    if value.weekday is not None:
        back = (pub.weekday() - value.weekday) % 7
        day = pub - dt.timedelta(days=back)
        return replace(value, year=day.year, month=day.month, day=day.day)
    rel = value.relative
    if rel in ("yesterday", "today"):
        day = pub - dt.timedelta(days=1 if rel == "yesterday" else 0)
        return replace(value, year=day.year, month=day.month, day=day.day)
    shift = {"this year": 0, "earlier this year": 0, "last year": -1, "next year": 1}.get(rel or "")
    if shift is None:
        return None
    return replace(value, year=pub.year + shift)


def _parse_iso(text: str | None) -> dt.date | None:
    if not text:
        return None
    try:
        return dt.date.fromisoformat(text[:10])
    except ValueError:
        return None
