"""Money as the dashboard shows and sums it (no Streamlit here).

One formatter (`eur`, `stated`) for every page, chart and hover, and one rule for sums:
only budget rows whose `part_of` is null are added up (contract v2: a share of a larger
figure names that figure in `part_of`, so adding both would count the money twice).
Stores written before `part_of` existed are read as if every row had it null.
"""

from __future__ import annotations

import math
from typing import SupportsFloat, cast

import numpy as np
import pandas as pd

#: Kinds of money, never added to one another (a pledge is not an allocation).
KINDS = ("total", "allocation", "contract", "pledge", "contribution", "package", "other")
_UNITS = ((1e9, "bn"), (1e6, "m"), (1e3, "k"))
SYMBOLS = {"EUR": "€", "USD": "$", "GBP": "£"}


def _missing(value: object) -> bool:
    return value is None or value is pd.NA or (isinstance(value, float) and math.isnan(value))


def _number(value: object) -> float:
    """A value known not to be missing, as a float (pandas hands cells over as `object`)."""
    return float(cast(SupportsFloat, value))


def scaled(value: float) -> str:
    """A positive amount with k/m/bn and at most three significant figures (no false precision).

    >>> [scaled(v) for v in (950, 12_500, 140_800_000, 2_322_448_790, 100e9, 1_000, 1.043e12)]
    ['950', '12.5k', '141m', '2.32bn', '100bn', '1k', '1,043bn']
    """
    size, unit = next(((size, unit) for size, unit in _UNITS if abs(value) >= size * 0.9995), (1.0, ""))
    number = value / size
    digits = max(0, 2 - int(math.floor(math.log10(abs(number))))) if number else 0
    text = f"{number:,.{digits}f}"
    if "." in text:
        text = text.rstrip("0").rstrip(".")
    return text + unit


def eur(value: object) -> str:
    """Euros as a reader wants them: '€141m', '€2.32bn'; blank for unknown (never '€0').

    >>> eur(140_800_000), eur(None), eur(float("nan")), eur(0)
    ('€141m', '', '', '€0')
    """
    if _missing(value):
        return ""
    return "€" + scaled(_number(value))


def stated(amount: object, currency: object) -> str:
    """The amount in the currency the article gave: '€30m', '$321m', 'SEK 75bn'; blank if unknown.

    >>> stated(75e9, "SEK"), stated(321e6, "USD"), stated(None, "EUR")
    ('SEK 75bn', '$321m', '')
    """
    if _missing(amount):
        return ""
    code = "" if _missing(currency) else str(currency)
    symbol = SYMBOLS.get(code)
    return f"{symbol}{scaled(_number(amount))}" if symbol else f"{code} {scaled(_number(amount))}".strip()


def label(amount_eur: object, amount: object, currency: object) -> str:
    """'€6.56bn (SEK 75bn)': euros with the stated amount beside them when it was another currency.

    >>> label(6.56e9, 75e9, "SEK"), label(30e6, 30e6, "EUR"), label(None, 5e6, "XYZ")
    ('€6.56bn (SEK 75bn)', '€30m', '(XYZ 5m)')
    """
    euros, original = eur(amount_eur), stated(amount, currency)
    if not original or (not _missing(currency) and currency == "EUR"):
        return euros
    return f"{euros} ({original})".strip()


def count(value: object) -> str:
    """A whole number with thousands separators; blank for unknown.

    >>> count(4800), count(None), count(12.0)
    ('4,800', '', '12')
    """
    return "" if _missing(value) else f"{int(_number(value)):,}"


def eur_column(values: pd.Series) -> pd.Series:
    """`eur` over a column (for the rows a page shows)."""
    return pd.Series([eur(v) for v in values.to_numpy(dtype=object)], index=values.index, dtype=object)


def stated_column(amounts: pd.Series, currencies: pd.Series) -> pd.Series:
    return pd.Series([stated(a, c) for a, c in zip(amounts.to_numpy(dtype=object), currencies.to_numpy(dtype=object),
                                                     strict=False)], index=amounts.index, dtype=object)


# --- sums ------------------------------------------------------------------------------------


#: The budget columns `funder_totals` reads, and those `spread_over_years` reads (a page passes only these).
SUM_READS = ("funder", "kind", "amount_eur", "part_of")
YEAR_READS = ("kind", "amount_eur", "year_start", "year_end", "part_of")


def summable(budgets: pd.DataFrame) -> np.ndarray:
    """Rows that may be added up: `part_of` null (every row where the store has no such column)."""
    if "part_of" not in budgets.columns:
        return np.ones(len(budgets), dtype=bool)
    return budgets["part_of"].isna().to_numpy(dtype=bool)


def sums_by(budgets: pd.DataFrame, keys: list[str]) -> pd.DataFrame:
    """Euros per `keys` and kind over the summable rows with a euro value, with the row count."""
    rows = budgets.loc[summable(budgets) & budgets["amount_eur"].notna().to_numpy(dtype=bool),
                       list(dict.fromkeys([*keys, "kind", "amount_eur"]))]
    if rows.empty:
        return pd.DataFrame(columns=[*keys, "kind", "amount_eur", "rows"])
    frame = pd.DataFrame({k: rows[k].astype("string").fillna(f"(unknown {k})") for k in keys})
    frame["kind"] = rows["kind"].astype("string").fillna("other")
    frame["amount_eur"] = rows["amount_eur"].astype(float)
    out = frame.groupby([*keys, "kind"], as_index=False, observed=True).agg(
        amount_eur=("amount_eur", "sum"), rows=("amount_eur", "size"))
    return out.sort_values("amount_eur", ascending=False, ignore_index=True)


def funder_totals(budgets: pd.DataFrame) -> pd.DataFrame:
    """Euros per funder and kind (the figure every page shows for a funder)."""
    return sums_by(budgets, ["funder"])


def spread_over_years(budgets: pd.DataFrame) -> pd.DataFrame:
    """Summable euros per year and kind, a multi-year figure split evenly over its years
    (a 2025–2028 total of €100m counts €25m in each year).

    >>> rows = pd.DataFrame({"amount_eur": [100.0, 10.0], "kind": ["total", "pledge"],
    ...                      "year_start": [2025, 2026], "year_end": [2028, None], "part_of": [None, None]})
    >>> spread_over_years(rows).to_dict("list")
    {'year': [2025, 2026, 2026, 2027, 2028], 'kind': ['total', 'pledge', 'total', 'total', 'total'], 'amount_eur': [25.0, 10.0, 25.0, 25.0, 25.0], 'rows': [1, 1, 1, 1, 1]}
    """
    mask = summable(budgets) & budgets["amount_eur"].notna().to_numpy(dtype=bool)
    first = pd.to_numeric(budgets["year_start"], errors="coerce").to_numpy(dtype=float)
    last = pd.to_numeric(budgets["year_end"], errors="coerce").to_numpy(dtype=float)
    last = np.where(np.isnan(last), first, last)
    mask &= ~np.isnan(first) & (last >= first) & (last - first < 50)
    if not mask.any():
        return pd.DataFrame(columns=["year", "kind", "amount_eur", "rows"])
    first, last = first[mask].astype(int), last[mask].astype(int)
    spans = last - first + 1
    share = budgets["amount_eur"].to_numpy(dtype=float)[mask] / spans
    offsets = np.arange(spans.sum()) - np.repeat(np.cumsum(spans) - spans, spans)
    # kinds as sorted codes of the kept rows (grouping a few integers, not a column of text)
    kinds, labels = pd.factorize(budgets["kind"].take(np.flatnonzero(mask)).fillna("other"), sort=True)
    frame = pd.DataFrame({"year": np.repeat(first, spans) + offsets, "kind": np.repeat(kinds, spans),
                          "amount_eur": np.repeat(share, spans)})
    out = frame.groupby(["year", "kind"], as_index=False).agg(amount_eur=("amount_eur", "sum"),
                                                            rows=("amount_eur", "size"))
    out["kind"] = np.asarray(labels, dtype=object)[out["kind"].to_numpy()]
    return out.sort_values(["year", "kind"], ignore_index=True)


def axis_ticks(largest: float, log: bool = False, count: int = 5) -> tuple[list[float], list[str]]:
    """Tick positions and their labels in this module's format, for a euro axis from 0 (or 1) to `largest`.

    >>> axis_ticks(118e9)
    ([0.0, 25000000000.0, 50000000000.0, 75000000000.0, 100000000000.0, 125000000000.0], ['€0', '€25bn', '€50bn', '€75bn', '€100bn', '€125bn'])
    >>> axis_ticks(5e6, log=True)[1]
    ['€1', '€10', '€100', '€1k', '€10k', '€100k', '€1m', '€10m']
    """
    if not largest or largest <= 0 or math.isnan(largest):
        return [0.0], ["€0"]
    if log:
        values = [10.0 ** p for p in range(0, int(math.ceil(math.log10(largest))) + 1)]
    else:
        raw = largest / count
        power = 10 ** math.floor(math.log10(raw))
        step = next(m * power for m in (1, 2, 2.5, 5, 10) if m * power >= raw)
        values = [i * step for i in range(int(math.ceil(largest / step)) + 1)]
    return values, [eur(v) for v in values]
