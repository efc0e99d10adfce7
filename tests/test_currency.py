"""core.currency: euros at the ECB rate of the article's date or the budget's first year, and the row says which."""

import datetime as dt

import pytest

from core.currency import eur_columns, rate_time, to_eur
from core.pipeline import extract_document
from core.records import Document


@pytest.mark.parametrize(("currency", "when", "rate_date", "basis"), [
    ("USD", dt.date(2024, 3, 1), "2024-03-01", "ECB rate of the day"),
    ("USD", dt.date(2024, 3, 3), "2024-03-01", "ECB rate of the day"),  # a Sunday: Friday's rate
    ("GBP", 2023, "2023", "ECB mean of the year"),
    ("UAH", dt.date(2024, 6, 3), "2024", "annual average, data/currency_rates.csv"),  # the ECB has no UAH
    ("RUB", 2022, "2022", "annual average, data/currency_rates.csv"),  # ECB stopped in March 2022
    ("RUB", 2019, "2019", "ECB mean of the year"),
    ("ISK", 2015, "2015", "annual average, data/currency_rates.csv"),  # the ECB's ISK gap 2009-2017
    ("PLN", dt.date(2099, 1, 1), None, "latest ECB rate"),
    ("PLN", None, None, "latest ECB rate"),
])
def test_the_rate_used_is_named(currency, when, rate_date, basis):
    conversion = to_eur(1_000_000.0, currency, when)
    assert conversion is not None and conversion.basis == basis
    assert rate_date is None or conversion.rate_date == rate_date
    assert conversion.amount_eur == pytest.approx(1_000_000.0 / conversion.per_eur, abs=0.01)


def test_known_rates():
    assert to_eur(1081.3, "USD", dt.date(2024, 3, 1)).amount_eur == pytest.approx(1000.0, rel=1e-3)
    assert 0.84 < to_eur(1.0, "GBP", 2023).per_eur < 0.89
    assert to_eur(5.0, "XYZ", 2023) is None


@pytest.mark.parametrize(("published", "first_year", "expected"), [
    ("2025-06-02", 2023, (2023, "budget's first year")),
    ("2025-06-02", 2025, (dt.date(2025, 6, 2), "article's date")),
    ("2025-06-02", 2027, (dt.date(2025, 6, 2), "article's date")),
    (None, 2024, (2024, "budget's first year")),
    ("not a date", None, (None, "no date known")),
])
def test_article_date_unless_the_budget_starts_earlier(published, first_year, expected):
    assert rate_time(published, first_year) == expected


def test_euros_need_no_rate():
    assert eur_columns(5.0, "EUR", "2025-01-01", None) == {"amount_eur": 5.0, "eur_rate_date": None,
                                                           "eur_rate_basis": None}


def test_a_budget_row_says_which_rate():
    text = "Britain pledges £200 million for drones\n\nBritain will spend £200 million on drones for Ukraine."
    [row, *_] = extract_document(Document(path="a.txt", text=text, title=text.splitlines()[0],
                                          published="2025-06-04")).tables["budgets"]
    assert row["currency"] == "GBP" and row["eur_rate_date"] == "2025-06-04"
    assert row["eur_rate_basis"] == "article's date: ECB rate of the day"
    assert 2.2e8 < row["amount_eur"] < 2.5e8
