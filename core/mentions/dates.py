"""Find dates as news writes them and give each the precision the text gives.

Forms: 2024-02-17, 24.09.2025, 12 September 2025, 12. April 2024, the 15th of August 2014,
12 December, Sept. 9-10 and "12 to 16 June" (spans keep their first day), June 15, 2023,
February 2024, "in April", "that October", "since 2016", year spans (2025-2028), weekdays
("on Tuesday", "next Monday") and relative words (the day before yesterday, later this month,
last year). A date in a future-tense clause ("talks will resume on Monday") is marked
`future`, so that weekdays and year-less dates resolve forward. Year-less dates get their
year in `core.mentions.date_years.infer_years`; `dateline_date` reads the date of a wire
dateline ("VILNIUS, Mar. 4, 2026 (Wire) --", "12. April 2024 - 10:30").
"""

from __future__ import annotations

import bisect
import datetime as dt
import re
from functools import lru_cache

from core import refdata
from core.mentions.date_years import infer_years, valid_date
from core.mentions.windows import chars_of, finditer_in, lowered_as_ignorecase, merged, spans_before
from core.records import DateValue, Mention
from core.text import alternation

__all__ = ["dateline_date", "find_dates", "format_date", "infer_years", "is_future", "yearless_dateline_date"]

_WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")


@lru_cache(maxsize=1)
def _months() -> dict[str, int]:
    return {k: int(v) for k, v in refdata.vocab("months", "name", "month").items()}


def _month_pattern() -> str:
    """Capitalised month names; an abbreviation of four letters or fewer may take a period ("Sept.")."""
    names = [n.capitalize() for n in _months()]
    short = [n for n in names if len(n) <= 4 and n != "May"]
    return rf"{alternation(n for n in names if n not in short)}|(?:{alternation(short)})\.?"


_RELATIVE = (r"(?:\d|one|two|three|four|five|six|seven|eight|nine|ten)\s+days?\s+ago|the\s+day\s+before\s+yesterday|"
             r"the\s+day\s+after\s+tomorrow|the\s+day\s+before|the\s+previous\s+day|the\s+next\s+day|"
             r"the\s+following\s+day|(?:a|one|two|three)\s+days?\s+(?:later|earlier)|yesterday|today|tomorrow|"
             r"(?:earlier\s+|later\s+)?this\s+(?:year|month|week)|(?:last|next)\s+(?:year|month|week)")


@lru_cache(maxsize=1)
def _patterns() -> list[tuple[str, re.Pattern[str]]]:
    m = rf"(?P<month>{_month_pattern()})"
    day = r"(?P<day>[0-3]?\d)(?:st|nd|rd|th)?"
    day2 = r"(?:\s*(?:-|–|to)\s*(?P<day_end>[0-3]?\d)(?:st|nd|rd|th)?)?"
    year = r"(?P<year>(?:19|20)\d\d)"
    weekdays = "|".join(w.capitalize() for w in _WEEKDAYS)
    weekday = rf"(?:(?P<weekday>{weekdays}),?\s+)?"
    return [
        ("iso", re.compile(rf"\b{year}-(?P<mon>[01]\d)-(?P<day>[0-3]\d)(?![\d-])")),  # also '2014-12-12T12:33'
        ("slashed", re.compile(rf"\b(?P<first>[0-3]?\d)/(?P<second>[0-3]?\d)/{year}\b")),
        ("numeric", re.compile(rf"\b(?P<day>[0-3]?\d)\.(?P<mon>[01]?\d)\.{year}\b")),
        ("day_month", re.compile(rf"\b{weekday}{day}{day2}(?:\.(?=\s+(?:{_month_pattern()})\s+(?:19|20)\d\d))?\s+(?:of\s+)?{m}"
                                 rf"(?:,?\s+{year})?\b")),
        ("month_day", re.compile(rf"\b{weekday}{m}\s+{day}{day2}\b(?!\s*(?:%|per|billion|million))"
                                 rf"(?:,?\s+{year}\b)?")),
        ("month_year", re.compile(rf"(?:\b(?P<part>(?i:early|mid|late|end of|beginning of))[\s-]+)?\b{m}\s+"
                                  rf"(?:of\s+)?{year}\b")),
        ("month", re.compile(rf"\b(?P<lead>[Ii]n|[Ss]ince|[Dd]uring|[Uu]ntil|[Bb]y|[Ee]arly|[Ll]ate|[Mm]id-?|[Ff]rom|"
                             rf"[Tt]his|[Ll]ast|[Nn]ext|[Oo]f|[Tt]hat)\s+(?:early\s+|late\s+|mid-)?{m}(?![\s.]*\d)")),
        ("year_span", re.compile(r"\b(?P<year>(?:19|20)\d\d)\s*(?:-|–|to|and|through)\s*(?P<year_end>(?:19|20)\d\d)\b")),
        ("year", re.compile(rf"(?<![-\w]){year}(?![-\w%])")),
        ("weekday", re.compile(rf"\b(?:(?P<lead>on|last|this|next|every|On|Last|This|Next|Every)\s+)?(?P<weekday>{weekdays})\b")),
        ("relative", re.compile(rf"\b(?P<rel>{_RELATIVE})\b", re.IGNORECASE)),
    ]


def find_dates(text: str, offset: int = 0) -> list[Mention[DateValue]]:
    """Dates in `text`, earliest form first where spans overlap.

    Each value is a `DateValue` with `year`, `month`, `day` (None where the text does not say),
    for spans `year_end` / `day_end`, and `form` naming the form matched.

    >>> [format_date(m.value) for m in find_dates("On Sept. 9-10 and 12 December, in February 2024")]
    ['--09-09', '--12-12', '2024-02']
    >>> [format_date(m.value) for m in find_dates("the 15th of August 2014; 12. April 2024 - 10:30")]
    ['2014-08-15', '2024-04-12']
    """
    starts: list[int] = []  # the spans taken so far, disjoint, in order: starts and ends both sorted
    ends: list[int] = []
    found: list[Mention[DateValue]] = []
    where = _where(text)
    for form, pattern in _patterns():
        for m in finditer_in(pattern, text, where[_ANCHOR[form]]):
            before = bisect.bisect_left(starts, m.end())  # spans starting before this match ends ...
            if before and ends[before - 1] > m.start():  # ... the last of which ends after it starts
                continue
            value = _value(form, m, is_future(text, m.start()))
            if value is None:
                continue
            starts.insert(before, m.start())
            ends.insert(before, m.end())
            found.append(Mention("date", offset + m.start(), offset + m.end(), m.group(), value))
    return sorted(found, key=lambda x: x.start)


#: The word every match of a form holds (see `core.mentions.windows`): a year, a month name, a weekday
#: or a word of the relative forms ("day", "year", ...).
_ANCHOR = {"iso": "year", "slashed": "year", "numeric": "year", "year_span": "year", "year": "year",
           "day_month": "month", "month_day": "month", "month_year": "month", "month": "month",
           "weekday": "weekday", "relative": "relative"}
#: Runs of white space and dashes (`_GAPS`) a match holds before its anchor, at most: day_month 5
#: (after a weekday, around "to" in a span of days, before the month, after "of"), month_year 2
#: ("end of", then `[\s-]+`), month 2 (a lead word, "early"), weekday 1, relative 2 ("the previous
#: day", "earlier this year"); `_RUNS` is one more (a span with n runs begins after the (n+1)-th run
#: before its end). A year's match begins at most 6 characters before it ("12/03/2024").
_RUNS = {"month": 6, "weekday": 2, "relative": 3}
_GAPS = re.compile(r"[\s\-–]+")  # ("early - March": `[\s-]+` is one gap)
_YEAR_START = re.compile(r"1(?=9\d\d)|2(?=0\d\d)")  # every year's start, overlapping ones too
_RELATIVE_WORDS = ("day", "year", "month", "week", "tomorrow")


def _where(text: str) -> dict[str, list[tuple[int, int]] | None]:
    """Anchor -> the spans of `text` where a match of a form with that anchor can begin."""
    years = [m.start() for m in _YEAR_START.finditer(text)]
    where: dict[str, list[tuple[int, int]] | None] = {"year": merged((max(0, y - 6), y) for y in years)}
    for anchor, pattern in (("month", _month_names()), ("weekday", _weekday_names())):
        where[anchor] = spans_before(text, (m.span() for m in pattern.finditer(text)), _RUNS[anchor], _GAPS)
    lowered = lowered_as_ignorecase(text, *_relative_chars())
    where["relative"] = None if lowered is None else spans_before(
        text, (m.span() for m in _relative_words().finditer(lowered)), _RUNS["relative"], _GAPS)
    return where


@lru_cache(maxsize=1)
def _month_names() -> re.Pattern[str]:
    """Where month names begin (their abbreviations' periods left out: a plain list of words is
    searched many times faster)."""
    return re.compile(alternation(n.capitalize() for n in _months()))


@lru_cache(maxsize=1)
def _weekday_names() -> re.Pattern[str]:
    return re.compile("|".join(w.capitalize() for w in _WEEKDAYS))


@lru_cache(maxsize=1)
def _relative_words() -> re.Pattern[str]:
    return re.compile("|".join(_RELATIVE_WORDS))


@lru_cache(maxsize=1)
def _relative_chars() -> tuple[frozenset[str], re.Pattern[str]]:
    return chars_of(_RELATIVE_WORDS)


def _value(form: str, m: re.Match[str], future: bool) -> DateValue | None:
    g = m.groupdict()
    month = _months().get(g["month"].rstrip(".").lower()) if g.get("month") else None
    if g.get("mon"):
        month = int(g["mon"])
    if form == "slashed":  # 13/03/2014 or 06/17/2014; 03/04/2014 could be either: no date
        first, second = int(g["first"]), int(g["second"])
        if (first > 12) == (second > 12):
            return None
        month = second if first > 12 else first
        g = {**g, "day": str(first if first > 12 else second)}
    year = int(g["year"]) if g.get("year") else None
    day = int(g["day"]) if g.get("day") else None
    day_end = int(g["day_end"]) if g.get("day_end") else None
    if day_end is not None and day is not None and day_end <= day:
        return None  # "5-2 June" is no span (a score, a vote)
    year_end = int(g["year_end"]) if g.get("year_end") else None
    if year_end is not None and year is not None and year_end < year:
        return None
    if day is not None and month is not None and not valid_date(year or 2024, month, day):
        return None
    if day_end is not None and month is not None and not valid_date(year or 2024, month, day_end):
        return None
    lead = g["lead"].lower() if form in ("month", "weekday") and g.get("lead") else None
    if lead == "every":
        return None  # "published every Tuesday": a habit, not a day
    return DateValue(
        form, year, month, day, year_end=year_end, day_end=day_end,
        weekday=_WEEKDAYS.index(g["weekday"].lower()) if g.get("weekday") else None,
        relative=" ".join(g["rel"].lower().split()) if g.get("rel") else None,
        part=g["part"].lower() if form == "month_year" and g.get("part") else None,
        lead=lead, future=future or lead == "next")


# A future marker, then no past-tense verb before the date: "talks will resume on Monday",
# "the summit opens on Tuesday"; not "deliveries will start, the minister said on Monday".
_FUTURE = re.compile(
    r"(?:\b(?:will|shall|is\s+to|are\s+to|is\s+due|are\s+due|due\s+to|scheduled\s+to|expected\s+to|set\s+to|"
    r"going\s+to|expects?|anticipates?|(?:plans?|aims?|intends?|hopes?)\s+to)\b|\w'll\b|"
    r"\b(?:opens|begins|starts|ends|closes|resumes|convenes|meets|takes\s+place|runs)\b)"
    r"(?P<rest>[^.!?;\n]*)$", re.IGNORECASE)
_PAST = re.compile(r"\b(?:\w+ed|said|told|met|began|took|held|came|went|gave|sent|made|flew|fell|saw|spoke|"
                   r"wrote|was|were|had|did)\b", re.IGNORECASE)


#: A passive after the future marker is no past tense: "a deal set to be signed on Wednesday".
_PASSIVE = re.compile(r"\bbe(?:en)?\s+\w+", re.IGNORECASE)


def is_future(text: str, pos: int, window: int = 120) -> bool:
    """Whether the clause before `pos` puts what happens there ahead of the time of writing.

    >>> is_future("Talks will resume on Monday", 20), is_future("It will come, he said on Monday", 25)
    (True, False)
    >>> is_future("A deal set to be signed on Wednesday", 27), is_future("Poland expects to sign it in March", 27)
    (True, True)
    """
    head = text[max(0, pos - window):pos]
    m = _FUTURE.search(head)
    return m is not None and not _PAST.search(_PASSIVE.sub("", m["rest"]))


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


_PLACE = r"(?:[A-ZÀ-Ž][A-ZÀ-Ž.'’ -]+,\s*(?:[A-Z][a-zà-ž]+(?:\s[A-Z][a-zà-ž]+)*,\s*)?)?"  # 'TULCEA, Romania, '
_DATELINE_END = re.compile(r"\s*(?:\([^()\n]{1,40}\)\s*)?(?:[-–—|]|$|,?\s*(?:at\s+)?\d{1,2}[:.]\d\d)")


def dateline_date(text: str, lines: int = 4) -> str | None:
    """The full date of a dateline among the first `lines` non-empty lines after the headline.

    A dateline starts with an optional place in capitals, then a date with its year, then an
    agency in brackets, a dash, a bar, a time or the end of the line.

    >>> dateline_date("Headline\\nVILNIUS, Mar. 4, 2026 (Wire) -- Talks resume on Thursday.")
    '2026-03-04'
    >>> dateline_date("Headline\\n12. April 2024 - 10:30\\nText"), dateline_date("Headline\\nOn 4 May 2024 it fell.")
    ('2024-04-12', None)
    """
    found = _dateline_value(text, lines)
    return format_date(found) if found is not None and found.year else None


def _dateline_value(text: str, lines: int = 4) -> DateValue | None:
    """The date of the first dateline among the first `lines` non-empty lines after the headline,
    with or without its year."""
    head = [line.strip() for line in text.split("\n", 12)[1:12] if line.strip()][:lines]
    for line in head:
        place = re.match(_PLACE, line)
        rest = line[place.end():] if place else line
        found = find_dates(rest[:60])
        if not found or found[0].start != 0 or not found[0].value.day:
            continue
        if _DATELINE_END.match(rest, found[0].end) and (found[0].value.year or place and place.group()):
            return found[0].value
    return None


#: How long after the article's last full date a year-less dateline may fall and take its year.
_DATELINE_REACH = dt.timedelta(days=183)


def yearless_dateline_date(text: str, dates: list[Mention[DateValue]]) -> str | None:
    """The date of a wire dateline without a year ("PRAGUE, Oct 20 (Reuters) -"), its year taken
    from the latest full past date the article gives, when the dateline falls within half a year
    after it ("On Sept. 30, 2025, ..." makes "Oct 20" 2025-10-20; "17 February 2024" leaves "Jan 7"
    undated, as the story may be a year or more later).

    >>> text = "Headline\\nPRAGUE, Oct 20 (Wire) - It said on Sept. 30, 2025 that it would pay."
    >>> yearless_dateline_date(text, find_dates(text))
    '2025-10-20'
    """
    line = _dateline_value(text)
    if line is None or line.year or not line.month or not line.day:
        return None
    full = [dt.date(v.year, v.month, v.day) for d in dates
            if (v := d.value).year and v.month and v.day and not v.future and not v.year_end
            and valid_date(v.year, v.month, v.day)]
    if not full:
        return None
    last = max(full)
    for year in (last.year, last.year + 1):
        if valid_date(year, line.month, line.day) and \
                dt.timedelta(0) <= dt.date(year, line.month, line.day) - last <= _DATELINE_REACH:
            return format_date(DateValue("full", year, line.month, line.day))
    return None
