"""Property-based tests of the finders: they never raise, their offsets point at their raw text,
and what is written in the forms news uses is parsed back to the value it was made from."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from core import refdata
from core.mentions.dates import find_dates, format_date, infer_years
from core.mentions.money import find_money, parse_number
from core.mentions.names import find_names
from core.records import Mention
from core.text import fold, normalise_for_hash, split_sentences, tokenize

FAST = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
LONG = settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow,
                                                                         HealthCheck.data_too_large])

# Text made of the pieces the finders look for, so that the search reaches their deeper branches.
PIECES = ["€", "$", "£", "US$", "EUR ", "PLN", " million", "m", "bn", " billion", "k", " euros", " dollars",
          " zlotys", "1", "12", "2025", "140.8", "1,700", "500,000", ",", ".", "-", "–", " to ", " ", "\n",
          "about ", "half a", " a ", "(", ")", "12 December", "Sept. 9-10", "June 15, 2023", "in April",
          "since 2016", "2025-2028", "on Tuesday", "yesterday", "24.09.2025", "2024-02-17", "Romania", "Belgian",
          "U.S.", "Air Base", " at ", "Mihail Kogălniceanu", "NATO", "Drone Coalition", "'s", "’", "Gen.",
          "Ämari", "İ", "ß", "\u00a0", "\u202f", "\t", "!", "?", '"', "“", "#"]
news_like = st.lists(st.sampled_from(PIECES), max_size=60).map("".join)
any_text = st.one_of(st.text(max_size=300), news_like)
long_text = st.one_of(st.text(min_size=2000, max_size=20000),
                      st.lists(st.sampled_from(PIECES), min_size=2000, max_size=6000).map("".join))
offsets = st.integers(min_value=0, max_value=10**6)


def assert_spans(text: str, mentions: list[Mention], offset: int) -> None:
    for m in mentions:
        assert offset <= m.start <= m.end <= offset + len(text), m
        assert text[m.start - offset:m.end - offset] == m.raw, m


# ---------------------------------------------------------------------------------------------
# Money

CURRENCIES = refdata.rows("vocab/currencies.csv")
WRITTEN = [row for row in CURRENCIES if row["position"] in ("prefix", "suffix", "either")]  # 'code': TRY, not "try"
SCALES = {row["word"]: float(row["factor"]) for row in refdata.rows("vocab/scales.csv")}


@FAST
@given(any_text, offsets)
def test_find_money_spans(text, offset):
    found = find_money(text, offset)
    assert_spans(text, found, offset)
    codes = {row["currency"] for row in CURRENCIES}
    for m in found:
        assert m.value.amount > 0 and m.value.currency in codes, m


@pytest.mark.slow
@LONG
@given(long_text)
def test_find_money_long_text(text):
    assert_spans(text, find_money(text), 0)


@FAST
@given(any_text)
def test_parse_number_never_raises(text):
    value = parse_number(text)
    assert value is None or isinstance(value, float)


@FAST
@given(st.integers(min_value=0, max_value=10**15))
def test_parse_number_reads_thousands_commas(n):
    assert parse_number(f"{n:,}") == n
    assert parse_number(str(n)) == n


@st.composite
def written_sums(draw):
    """(text, amount, currency): a sum as news writes it, with any currency form and scale of data/vocab."""
    row = draw(st.sampled_from(WRITTEN))
    position = row["position"] if row["position"] != "either" else draw(st.sampled_from(["prefix", "suffix"]))
    whole = draw(st.integers(min_value=1, max_value=999_999))
    cents = draw(st.one_of(st.none(), st.integers(min_value=0, max_value=99)))
    number = f"{whole:,}" if draw(st.booleans()) else str(whole)
    if cents is not None:
        number += f".{cents:02d}"
    scale = draw(st.sampled_from([None, *SCALES]))
    if scale is None:
        written = number
    else:
        written = f"{number}{scale}" if len(scale) <= 3 and scale not in ("mln", "bln", "trn") else f"{number} {scale}"
    form = row["form"]
    separator = " " if form[-1].isalpha() else ""
    money = f"{form}{separator}{written}" if position == "prefix" else f"{written} {form}"
    amount = round(float(number.replace(",", "")) * (SCALES[scale] if scale else 1.0), 2)
    return f"The ministry approved {money} for air defence on Monday.", amount, row["currency"]


@FAST
@given(written_sums())
def test_money_round_trip(case):
    text, amount, currency = case
    found = find_money(text)
    assert [(m.value.amount, m.value.currency) for m in found] == [(amount, currency)], text


# ---------------------------------------------------------------------------------------------
# Dates

MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
          "November", "December"]
SHORT = ["Jan.", "Feb.", "Mar.", "Apr.", "May", "June", "July", "Aug.", "Sept.", "Oct.", "Nov.", "Dec."]
valid_dates = st.dates(min_value=dt.date(1990, 1, 1), max_value=dt.date(2039, 12, 31))


@FAST
@given(any_text, offsets)
def test_find_dates_spans_and_values(text, offset):
    found = find_dates(text, offset)
    assert_spans(text, found, offset)
    for m in found:
        value = m.value
        assert value.month is None or 1 <= value.month <= 12
        assert value.day is None or 1 <= value.day <= 31
        formatted = format_date(value)
        if formatted and len(formatted) == 10 and not formatted.startswith("--"):
            dt.date.fromisoformat(formatted)  # a full date is a real day


@pytest.mark.slow
@LONG
@given(long_text)
def test_find_dates_long_text(text):
    assert_spans(text, find_dates(text), 0)


@FAST
@given(valid_dates, st.sampled_from(["day month year", "month day, year", "iso", "dotted", "short month",
                                     "weekday day month year"]))
def test_full_date_round_trip(day, form):
    month = MONTHS[day.month - 1]
    written = {
        "day month year": f"{day.day} {month} {day.year}",
        "month day, year": f"{month} {day.day}, {day.year}",
        "iso": day.isoformat(),
        "dotted": f"{day.day:02d}.{day.month:02d}.{day.year}",
        "short month": f"{day.day} {SHORT[day.month - 1]} {day.year}",
        "weekday day month year": f"{day.strftime('%A')}, {day.day} {month} {day.year}",
    }[form]
    text = f"The contract was signed on {written} in the capital."
    found = find_dates(text)
    assert [format_date(m.value) for m in found] == [day.isoformat()], (text, found)


@FAST
@given(valid_dates)
def test_month_year_round_trip(day):
    found = find_dates(f"Deliveries start in {MONTHS[day.month - 1]} {day.year} at the latest.")
    assert [format_date(m.value) for m in found] == [f"{day.year:04d}-{day.month:02d}"]


@FAST
@given(valid_dates, valid_dates)
def test_year_inferred_from_publication(day, published):
    """'on 12 December' in an article published on `published`: the year is the publication's, or the one
    before when the date would fall more than two months after publication; 29 February goes back to a
    leap year; never a day that does not exist."""
    text = f"The jets arrived on {day.day} {MONTHS[day.month - 1]}, officials said."
    found = find_dates(text)
    assert [format_date(m.value) for m in found] == [f"--{day.month:02d}-{day.day:02d}"]
    (inferred,) = infer_years(found, published.isoformat(), {m.start: 0 for m in found})
    when = dt.date.fromisoformat(format_date(inferred.value))
    assert (when.month, when.day) == (day.month, day.day)
    assert published.year - (8 if (day.month, day.day) == (2, 29) else 1) <= when.year <= published.year
    assert (when - published).days <= 62


def test_29_february_without_a_leap_year_stays_without_a_year():
    found = find_dates("In 2025 the unit moved. It left on 29 February.")
    inferred = infer_years(found, None, {m.start: 0 for m in found})
    assert [format_date(m.value) for m in inferred] == ["2025", "--02-29"]


@FAST
@given(st.lists(any_text, max_size=4), st.one_of(st.none(), valid_dates.map(dt.date.isoformat), st.text(max_size=12)))
def test_infer_years_never_raises(paragraphs, published):
    text = "\n".join(paragraphs)
    found = find_dates(text)
    paragraph_of = {m.start: text.count("\n", 0, m.start) for m in found}
    for m in infer_years(found, published, paragraph_of):
        format_date(m.value)


# ---------------------------------------------------------------------------------------------
# Names

COUNTRIES = refdata.rows("countries.csv")


@FAST
@given(any_text, offsets)
def test_find_names_spans(text, offset):
    assert_spans(text, find_names(text, offset), offset)


@pytest.mark.slow
@LONG
@given(long_text)
def test_find_names_long_text(text):
    assert_spans(text, find_names(text), 0)


@FAST
@given(st.sampled_from(COUNTRIES), st.sampled_from(["Troops from {} arrived.", "{} sent troops.",
                                                    "A deal with {}, officials said.", "{}'s army grows."]))
def test_country_names_round_trip(row, template):
    text = template.format(row["name"])
    codes = {m.value.code for m in find_names(text) if m.kind != "candidate"}
    assert row["code"] in codes, (text, codes)


# ---------------------------------------------------------------------------------------------
# Text


@FAST
@given(any_text)
def test_split_sentences_spans(text):
    sentences = split_sentences(text)
    previous_end = 0
    for s in sentences:
        assert previous_end <= s.start < s.end <= len(text)
        assert text[s.start:s.end] == s.text == s.text.strip() and "\n" not in s.text
        previous_end = s.end


@pytest.mark.slow
@LONG
@given(long_text)
def test_split_sentences_long_text(text):
    for s in split_sentences(text):
        assert text[s.start:s.end] == s.text


@FAST
@given(any_text, offsets)
def test_tokenize_spans(text, offset):
    previous_end = offset
    for token in tokenize(text, offset):
        assert previous_end <= token.start < token.end
        assert text[token.start - offset:token.end - offset] == token.raw
        assert token.key == fold(token.raw)
        previous_end = token.end


@FAST
@given(any_text)
def test_fold_is_a_stable_key(text):
    key = fold(text)
    assert fold(key) == key
    assert key == key.strip() and "  " not in key
    normalise_for_hash(text)


@FAST
@given(st.sampled_from(COUNTRIES))
def test_fold_ignores_case_and_accents_of_names(row):
    name = row["name"]
    assume(name)
    assert fold(name.upper()) == fold(name) == fold(name.lower())
