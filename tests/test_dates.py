"""find_dates and infer_years: forms of dates and the years inferred for year-less ones."""

import pytest

from core.mentions.dates import find_dates, format_date, infer_years

CASES = [
    ("day month", "endorsed on 12 December", ["--12-12"]),
    ("day month year", "on Friday, 12 September 2025, a week", ["2025-09-12"]),
    ("month day year", "a meeting on June 15, 2023, and", ["2023-06-15"]),
    ("abbreviated month", "said in a statement on Oct. 29, the first", ["--10-29"]),
    ("day range", "overnight on Sept. 9-10, Prime Minister", ["--09-10"]),
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
