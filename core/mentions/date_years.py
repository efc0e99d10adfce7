"""Years for year-less dates, and days for weekdays and relative words.

Year-less dates take the year of an explicit date just before them in the same paragraph
(unless that year lies after publication: the end of a plan is no date's year), else the
publication (or dateline) year: the latest year that does not put a past happening more
than two months after publication, or for a future-tense date ("will run from 12 to 16
June") the next such day. Without a publication date they fall back on the article's
explicit years. Weekdays and relative words ("the day before yesterday", "last week",
"later this month") need the publication date; future ones resolve forward.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import replace

from core.records import DateValue, Mention

_ANCHOR_FORMS = ("iso", "numeric", "day_month", "month_day", "month_year")
_NEAR = 250  # characters: an explicit date this close before, in the same paragraph, lends its year
_NUMBERS = ("one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten")
_FROM_LAST = {"the day before": -1, "the previous day": -1, "the next day": 1, "the following day": 1,
              "a day later": 1, "one day later": 1, "two days later": 2, "three days later": 3,
              "a day earlier": -1, "one day earlier": -1, "two days earlier": -2, "three days earlier": -3}
_DAY_SHIFT = {"the day before yesterday": -2, "yesterday": -1, "today": 0, "tomorrow": 1,
              "the day after tomorrow": 2}
_YEAR_SHIFT = {"this year": 0, "earlier this year": 0, "later this year": 0, "last year": -1, "next year": 1}
_MONTH_SHIFT = {"this month": 0, "earlier this month": 0, "later this month": 0, "last month": -1,
                "next month": 1}
_WEEK_SHIFT = {"this week": 0, "earlier this week": 0, "later this week": 0, "last week": -1, "next week": 1}


def valid_date(year: int, month: int, day: int) -> bool:
    """Whether the day exists (29 February only in leap years)."""
    try:
        dt.date(year, month, day)
    except ValueError:
        return False
    return True


def infer_years(dates: list[Mention[DateValue]], published: str | None,
                paragraph_of: dict[int, int]) -> list[Mention[DateValue]]:
    """Give year-less dates a year where that is safe; weekdays and relative words a day.

    `paragraph_of` maps a mention's start to its paragraph number.
    """
    pub = _parse_iso(published)
    dates = _months_of_relative_years(dates, pub)
    anchors = [d for d in dates if d.value.form in _ANCHOR_FORMS and d.value.year]
    out: list[Mention[DateValue]] = []
    for d in dates:
        form = d.value.form
        if form == "relative" and (d.value.relative or "") in _FROM_LAST:
            same = [m for m in out if paragraph_of.get(m.start) == paragraph_of.get(d.start)]
            out.append(_from_last_day(d, same, pub))
            continue
        if form in ("weekday", "relative"):
            resolved = resolve_relative(d.value, pub)  # unresolved: no year, month or day (formats as None)
            out.append(replace(d, value=resolved) if resolved else d)
            continue
        if form in ("day_month", "month_day", "month") and not d.value.year:
            year = _pick_year(d, anchors, pub, paragraph_of)
            if year and d.value.day and d.value.month and not valid_date(year, d.value.month, d.value.day):
                year = None  # 29 February and a year without one: no year rather than no such day
            d = replace(d, value=replace(d.value, year=year))
        out.append(d)
    return out


def _months_of_relative_years(dates: list[Mention[DateValue]], pub: dt.date | None) -> list[Mention[DateValue]]:
    """"in April last year", "in March next year": a year-less month right before a relative year
    takes that year (one mention, spanning both)."""
    if pub is None:
        return dates
    out: list[Mention[DateValue]] = []
    for d in dates:
        last = out[-1] if out else None
        rel = d.value.relative or ""
        if last is not None and last.value.form == "month" and not last.value.year and rel in _YEAR_SHIFT \
                and 0 <= d.start - last.end <= 1:
            value = replace(last.value, form="month_year", year=pub.year + _YEAR_SHIFT[rel])
            out[-1] = replace(last, end=d.end, raw=last.raw + " " * (d.start - last.end) + d.raw, value=value)
            continue
        out.append(d)
    return out


def _from_last_day(d: Mention[DateValue], before: list[Mention[DateValue]], pub: dt.date | None) -> Mention[DateValue]:
    """'the day before', 'two days later': counted from the last full date told before it in its
    paragraph, else from the publication (or dateline) day, the story's own day."""
    last = next((m.value for m in reversed(before) if m.value.year and m.value.month and m.value.day), None)
    if last is not None and last.year and last.month and last.day:
        base = dt.date(last.year, last.month, last.day)
    elif pub is not None:
        base = pub
    else:
        return d
    day = base + dt.timedelta(days=_FROM_LAST[d.value.relative or ""])
    return replace(d, value=_on(d.value, day))


def _pick_year(d: Mention[DateValue], anchors: list[Mention[DateValue]], pub: dt.date | None,
               paragraph_of: dict[int, int]) -> int | None:
    before = [a for a in anchors if a.start < d.start]
    same_para = [a for a in before if paragraph_of.get(a.start) == paragraph_of.get(d.start)]
    if pub is None:
        if same_para:
            return same_para[-1].value.year
        if before:
            return before[-1].value.year
        return max((a.value.year or 0 for a in anchors), default=0) or None
    near = [a for a in same_para if d.start - a.end <= _NEAR]
    if near and (near[-1].value.year or 0) <= pub.year:
        return near[-1].value.year
    if d.value.month is None:
        return None
    return _year_from_publication(d.value, pub)


def _year_from_publication(value: DateValue, pub: dt.date) -> int | None:
    month, day = value.month or 1, value.day or 1
    if value.future:  # the next such day from a week before publication on
        for year in range(pub.year, pub.year + 5):
            if valid_date(year, month, day) and (dt.date(year, month, day) - pub).days >= -7:
                return year
        return None
    year = pub.year
    for _ in range(8):  # 29 February goes back to the last leap year
        if valid_date(year, month, day) and (dt.date(year, month, day) - pub).days <= 62:
            return year
        year -= 1
    return None


def resolve_relative(value: DateValue, pub: dt.date | None) -> DateValue | None:
    """A weekday or relative word dated against the publication date (None without one).

    >>> resolve_relative(DateValue("relative", relative="the day before yesterday"), dt.date(2025, 3, 5)).day
    3
    """
    if pub is None:
        return None
    if value.weekday is not None:
        return _on(value, _weekday(value, pub))
    rel = value.relative or ""
    ago = re.fullmatch(r"(\w+) days? ago", rel)
    if ago:
        count = int(ago[1]) if ago[1].isdigit() else _NUMBERS.index(ago[1]) + 1
        return _on(value, pub - dt.timedelta(days=count))
    if rel in _DAY_SHIFT:
        return _on(value, pub + dt.timedelta(days=_DAY_SHIFT[rel]))
    if rel in _YEAR_SHIFT:
        return replace(value, year=pub.year + _YEAR_SHIFT[rel])
    if rel in _MONTH_SHIFT:
        index = pub.year * 12 + pub.month - 1 + _MONTH_SHIFT[rel]
        return replace(value, year=index // 12, month=index % 12 + 1)
    if rel in _WEEK_SHIFT:  # a week inside one month gives that month; across two, nothing safe
        monday = pub - dt.timedelta(days=pub.weekday() - 7 * _WEEK_SHIFT[rel])
        sunday = monday + dt.timedelta(days=6)
        same = (monday.year, monday.month) == (sunday.year, sunday.month)
        return replace(value, year=monday.year, month=monday.month) if same else None
    return None


def _weekday(value: DateValue, pub: dt.date) -> dt.date:
    """The day a weekday names: back from publication, or forward for future or 'next'."""
    weekday = value.weekday or 0
    if value.future:
        ahead = (weekday - pub.weekday()) % 7 or 7
        return pub + dt.timedelta(days=ahead)
    back = (pub.weekday() - weekday) % 7
    if value.lead == "last" and back == 0:
        back = 7
    return pub - dt.timedelta(days=back)


def _on(value: DateValue, day: dt.date) -> DateValue:
    return replace(value, year=day.year, month=day.month, day=day.day)


def _parse_iso(text: str | None) -> dt.date | None:
    if not text:
        return None
    try:
        return dt.date.fromisoformat(text[:10])
    except ValueError:
        return None
