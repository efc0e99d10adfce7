"""Dates as intervals of YYYYMMDD integers, computed over distinct values (no Streamlit here).

A store repeats a few thousand dates over millions of rows; each distinct date is parsed once
at its precision ('2025' covers the year, '2025-03' the month) and the result spread back.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

NO_DATE_LO, NO_DATE_HI = 99_999_999, -1  # an interval that overlaps nothing


def date_bounds(dates: pd.Series) -> tuple[np.ndarray, np.ndarray]:
    """`_date_bounds` of each distinct date once (a store repeats a few thousand dates over
    millions of rows), spread back over the rows.

    >>> lo, hi = date_bounds(pd.Series(["2025", None, "2025"]))
    >>> lo.tolist(), hi.tolist()
    ([20250101, 99999999, 20250101], [20251231, -1, 20251231])
    """
    codes, uniques = pd.factorize(dates, use_na_sentinel=True)
    lo, hi = _date_bounds(pd.Series(uniques, dtype=object))
    lo, hi = np.append(lo, NO_DATE_LO), np.append(hi, NO_DATE_HI)
    return lo[codes], hi[codes]


def _date_bounds(dates: pd.Series) -> tuple[np.ndarray, np.ndarray]:
    """Each ISO date at its precision as an interval of YYYYMMDD integers.

    '2025' covers the year, '2025-03' the month; null and year-less ('--12-12') dates
    get an interval that overlaps nothing.

    >>> lo, hi = date_bounds(pd.Series(["2025", "2025-03", "2024-02-17", "--12-12", None]))
    >>> lo.tolist(), hi.tolist()
    ([20250101, 20250301, 20240217, 99999999, 99999999], [20251231, 20250331, 20240217, -1, -1])
    """
    strings = dates.astype("str").fillna("")
    text = strings.where(strings.str.len() <= 10, "").to_numpy(dtype="U10")
    chars = text.view(np.uint32).reshape(len(text), 10).astype(np.int64) if len(text) else \
        np.zeros((0, 10), dtype=np.int64)
    width = np.char.str_len(text) if len(text) else np.zeros(0, dtype=np.int64)
    digits = (chars >= 48) & (chars <= 57)
    value = chars - 48

    def number(start: int, stop: int) -> np.ndarray:
        out = np.zeros(len(text), dtype=np.int64)
        for k in range(start, stop):
            out = out * 10 + value[:, k]
        return out

    year_ok = digits[:, :4].all(axis=1)
    month_ok = year_ok & (chars[:, 4] == 45) & digits[:, 5:7].all(axis=1)
    day_ok = month_ok & (chars[:, 7] == 45) & digits[:, 8:10].all(axis=1)
    year, month, day = number(0, 4), number(5, 7), number(8, 10)
    lo = np.full(len(text), NO_DATE_LO, dtype=np.int64)
    hi = np.full(len(text), NO_DATE_HI, dtype=np.int64)
    for mask, low, high in (
            (year_ok & (width == 4), year * 10_000 + 101, year * 10_000 + 1231),
            (month_ok & (width == 7), year * 10_000 + month * 100 + 1, year * 10_000 + month * 100 + 31),
            (day_ok & (width == 10), year * 10_000 + month * 100 + day, year * 10_000 + month * 100 + day)):
        lo[mask], hi[mask] = low[mask], high[mask]
    return lo, hi


def year_bounds(start: pd.Series, end: pd.Series) -> tuple[np.ndarray, np.ndarray]:
    """Budget years as YYYYMMDD intervals (a missing end is the start year).

    >>> lo, hi = year_bounds(pd.Series([2024, None]), pd.Series([2026, None]))
    >>> lo.tolist(), hi.tolist()
    ([20240101, 99999999], [20261231, -1])
    """
    first = pd.to_numeric(start, errors="coerce").astype(float)
    last = pd.to_numeric(end, errors="coerce").astype(float).fillna(first)
    first = first.fillna(last)
    lo = (first * 10_000 + 101).fillna(NO_DATE_LO).to_numpy(np.int64)
    hi = (last * 10_000 + 1231).fillna(NO_DATE_HI).to_numpy(np.int64)
    return lo, hi
