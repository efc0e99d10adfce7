"""find_dates and infer_years: forms of dates and the years inferred for year-less ones."""

import pytest

from core.mentions.dates import dateline_date, find_dates, format_date, infer_years

CASES = [
    ("day month", "endorsed on 12 December", ["--12-12"]),
    ("day month year", "on Friday, 12 September 2025, a week", ["2025-09-12"]),
    ("month day year", "a meeting on June 15, 2023, and", ["2023-06-15"]),
    ("abbreviated month", "said in a statement on Oct. 29, the first", ["--10-29"]),
    ("day range keeps its first day", "overnight on Sept. 9-10, Prime Minister", ["--09-09"]),
    ("range with to", "will run from 12 to 16 June near", ["--06-12"]),
    ("ordinal of month year", "signed on the 15th of August 2014 in", ["2014-08-15"]),
    ("dotted day", "12. April 2024 - 10:30", ["2024-04-12"]),
    ("wire dateline", "VILNIUS, Mar. 4, 2026 (Wire) -- Talks", ["2026-03-04"]),
    ("wire dateline with agency", "CHISINAU, Feb. 14, 2025 (Prut Wire) - Moldova", ["2025-02-14"]),
    ("that month", "were damaged that October.", [None]),
    ("habit is no date", "Flank Briefing is published every Tuesday.", []),
    ("descending pair is no span", "the vote went 5-2 June", []),
    ("month year", "was launched in February 2024 inside", ["2024-02"]),
    ("early month year", "in early October 2024 during a visit", ["2024-10"]),
    ("iso", "published 2024-02-17", ["2024-02-17"]),
    ("numeric", "Kadri Lepp | Baltics | 24.09.2025", ["2025-09-24"]),
    ("year", "operational since 2016", ["2016"]),
    ("not inside a name", "Zapad-2025 drills open", []),
    ("not a verb", "it may be delivered", []),
]


@pytest.mark.parametrize(("text", "expected"), [c[1:] for c in CASES], ids=[c[0] for c in CASES])
def test_find_dates(text, expected):
    assert [format_date(m.value) for m in find_dates(text)] == expected


def test_year_span():
    (span,) = find_dates("implemented between 2025 and 2028")
    assert (span.value.year, span.value.year_end) == (2025, 2028)


def _infer(text, published):
    dates = find_dates(text)
    return [format_date(d.value) for d in infer_years(dates, published, {d.start: 0 for d in dates})]


def test_weekday_resolves_against_publication():
    assert _infer("announced on Tuesday while visiting", "2025-09-24") == ["2025-09-23"]


def test_year_from_publication_date():
    assert _infer("since 1 April, when its staff", "2025-05-22") == ["2025-04-01"]


def test_date_months_after_publication_is_last_year():
    assert _infer("on December 28, the ministry", "2025-01-05") == ["2024-12-28"]


def test_year_from_explicit_date_in_text():
    assert _infer("On Sept. 4 drones fell. A decision of Sept. 7, 2023 followed.", None) == [
        "2023-09-04", "2023-09-07"]


def test_no_year_when_nothing_says():
    assert _infer("endorsed on 12 December", None) == ["--12-12"]


def test_weekday_without_publication_is_undated():
    assert _infer("announced on Tuesday", None) == [None]


def test_span_keeps_both_days():
    (span,) = find_dates("on Sept. 9-10")
    assert (span.value.day, span.value.day_end) == (9, 10)


RELATIVE = [  # (id, text, published, expected)
    ("day before yesterday", "It happened the day before yesterday.", "2025-03-05", ["2025-03-03"]),
    ("day after tomorrow", "They meet the day after tomorrow.", "2025-03-05", ["2025-03-07"]),
    ("yesterday", "drones fell yesterday", "2025-03-05", ["2025-03-04"]),
    ("later this month", "to sign them off later this month.", "2026-02-10", ["2026-02"]),
    ("last month", "He said last month that", "2025-01-09", ["2024-12"]),
    ("last week inside one month", "received radars last week", "2025-06-18", ["2025-06"]),
    ("last week across two months", "received radars last week", "2025-06-04", [None]),
    ("past weekday", "announced on Tuesday while visiting", "2025-09-24", ["2025-09-23"]),
    ("future weekday resolves forward", "Talks will resume on Monday in Geneva.", "2025-09-24", ["2025-09-29"]),
    ("future present-tense schedule", "The summit opens on Tuesday.", "2025-09-24", ["2025-09-30"]),
    ("next weekday", "They meet next Friday.", "2025-09-24", ["2025-09-26"]),
    ("last weekday on the same weekday", "They met last Wednesday.", "2025-09-24", ["2025-09-17"]),
    ("reported future stays past", "Jets will come, he said on Monday.", "2025-09-24", ["2025-09-22"]),
]


@pytest.mark.parametrize(("text", "published", "expected"), [c[1:] for c in RELATIVE], ids=[c[0] for c in RELATIVE])
def test_relative_dates(text, published, expected):
    assert _infer(text, published) == expected


YEARS = [  # (id, text, published, expected)
    ("future year-less date goes forward", "The drills will run from 12 to 16 January.", "2025-12-20",
     ["2026-01-12"]),
    ("past year-less date goes back", "The drills ran from 12 to 16 December.", "2026-01-05", ["2025-12-12"]),
    ("same sentence lends its year", "In May 2024 it set aside money and, in September, more.", "2025-01-20",
     ["2024-05", "2024-09"]),
    ("a flashback a paragraph away does not", "In 2019 Poland bought jets. " + "x" * 300 + " On 3 March it said so.",
     "2025-03-10", ["2019", "2025-03-03"]),
    ("a future end year does not", "Deliveries run until March 2028, and on 4 February the first came.",
     "2026-02-10", ["2028-03", "2026-02-04"]),
]


@pytest.mark.parametrize(("text", "published", "expected"), [c[1:] for c in YEARS], ids=[c[0] for c in YEARS])
def test_inferred_years(text, published, expected):
    assert _infer(text, published) == expected


def test_dateline_date_gives_the_year():
    assert dateline_date("Headline\nCHISINAU, Feb. 14, 2025 (Prut Wire) - Moldova said") == "2025-02-14"
    assert dateline_date("Headline\nTALLINN, May 31 (BDW) - The group") is None
