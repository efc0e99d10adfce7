"""The store's tables made ready for fast filtering, once per store load (no Streamlit here).

`prepare_tables` adds helper columns (named `_...`, never shown): each row's article as an
integer (`_aid`), the root of its article's duplicate cluster (`_root`), its date as an
interval of YYYYMMDD integers (`_lo`, `_hi`), a site name's country, and one exploded frame
per list column the filters read. Columns the schema declares but an older store lacks
(`part_of`, `recipient_code`, ...) are added as nulls, and integer columns stay integers.
"""

from __future__ import annotations

from collections.abc import Mapping

import numpy as np
import pandas as pd

from core.schema import FINDINGS, TABLES
from dashboard.grouping import deployment_codes

NO_DATE_LO, NO_DATE_HI = 99_999_999, -1  # an interval that overlaps nothing
#: Where the date filter falls back to the article's publication date.
PUBLISHED_FALLBACK = ("budgets", "deployments", "coalitions", "site_mentions", "roles")
#: List columns the filters read, exploded once into a frame named `_<table>.<column>`.
LIST_COLUMNS = (("events", "actor_codes"), ("programs", "country_codes"), ("programs", "articles"))
#: Contract v2 columns the dashboard reads, added as nulls where the store (or core.schema) has none yet.
CONTRACT_V2 = {"budgets": ("budget_id", "recipient_code", "recipient", "part_of")}


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


def article_keys(article_ids: pd.Series, index: pd.Index) -> np.ndarray:
    """Each row's article as a position in the articles table (-1 when unknown).

    Filters work on these integers: a boolean array per article set, indexed by them, is
    far faster than string membership on millions of rows. Position -1 reads the array's
    last slot, which the filters keep False.
    """
    codes, uniques = pd.factorize(article_ids, use_na_sentinel=True)
    positions = np.append(index.get_indexer(pd.Index(uniques, dtype=object)), -1).astype(np.int64)
    return positions[codes]


def cluster_roots(articles: pd.DataFrame) -> np.ndarray:
    """Each article's position, or that of the earliest article its duplicate chain leads to
    (so the distinct roots among a figure's articles are its independent reports)."""
    ids = pd.Index(articles["article_id"])
    parent = ids.get_indexer(articles["duplicate_of"]).astype(np.int64)
    own = np.arange(len(ids), dtype=np.int64)
    parent = np.where(parent < 0, own, parent)
    for _ in range(64):  # pointer jumping: every article reaches its root in log(depth) rounds
        jumped = parent[parent]
        if np.array_equal(jumped, parent):
            break
        parent = jumped
    return parent


def _with_fallback(lo: np.ndarray, hi: np.ndarray, keys: np.ndarray,
                   articles: pd.DataFrame) -> tuple[np.ndarray, np.ndarray]:
    """Fill rows without a date of their own from the article's publication date."""
    lo, hi = np.array(lo, dtype=np.int64), np.array(hi, dtype=np.int64)
    rows = np.flatnonzero((lo == NO_DATE_LO) & (keys >= 0))
    lo[rows] = articles["_lo"].to_numpy()[keys[rows]]
    hi[rows] = articles["_hi"].to_numpy()[keys[rows]]
    return lo, hi


def exploded(values: pd.Series) -> pd.Series:
    """A list column as one entry per (row position, value), for fast membership tests.

    >>> flat = exploded(pd.Series([["ROU", "POL"], None, np.array(["DEU"])]))
    >>> flat.index.tolist(), flat.tolist()
    ([0, 0, 2], ['ROU', 'POL', 'DEU'])
    """
    cells = values.to_numpy(dtype=object)
    lists = [v if isinstance(v, list | tuple | np.ndarray) else () for v in cells]
    lengths = np.fromiter(map(len, lists), dtype=np.int64, count=len(lists))
    if not lengths.sum():
        return pd.Series([], dtype=object, index=pd.Index([], dtype=np.int64))
    flat = np.concatenate([np.asarray(v, dtype=object) for v in lists if len(v)])
    index = np.repeat(values.index.to_numpy(), lengths)
    return pd.Series(flat, index=index, dtype=object).dropna()


def _typed(name: str, frame: pd.DataFrame) -> pd.DataFrame:
    """Every declared column present (null where an older store lacks it), text columns as text
    even when all null, integer columns as nullable integers (never 2025.0)."""
    for extra in CONTRACT_V2.get(name, ()):
        if extra not in frame.columns:
            frame[extra] = pd.Series(pd.NA, index=frame.index, dtype="str")
    for column in TABLES.get(name, ()):
        if column.name not in frame.columns:
            frame[column.name] = pd.Series(pd.NA if column.dtype != "list" else None, index=frame.index,
                                           dtype="Int64" if column.dtype == "int" else "float64"
                                           if column.dtype == "float" else object)
        values = frame[column.name]
        if column.dtype in ("str", "date") and values.dtype != "str":
            frame[column.name] = values.astype("str")
        elif column.dtype == "int" and values.dtype != "Int64":
            if pd.api.types.is_integer_dtype(values.dtype):
                frame[column.name] = values.astype("Int64")
            else:
                frame[column.name] = pd.to_numeric(values, errors="coerce").round().astype("Int64")
    return frame


def prepare_tables(tables: Mapping[str, pd.DataFrame]) -> dict[str, pd.DataFrame]:
    """Copies of the tables with the helper columns the filters read (all named `_...`)."""
    out = {name: _typed(name, frame.reset_index(drop=True).copy(deep=False)) for name, frame in tables.items()}
    for name in TABLES:
        out.setdefault(name, _typed(name, pd.DataFrame()))
    articles = out["articles"] = out["articles"].drop_duplicates("article_id", ignore_index=True)
    index = pd.Index(articles["article_id"])
    articles["_aid"] = np.arange(len(articles), dtype=np.int64)
    articles["_root"] = cluster_roots(articles)
    articles["_lo"], articles["_hi"] = date_bounds(articles["published"])
    roots = np.append(articles["_root"].to_numpy(), -1)
    countries = _site_countries(out["sites"])
    out["site_mentions"]["_country"] = out["site_mentions"]["site"].map(countries).astype("str")
    site_index = pd.Index(out["sites"]["site"])
    for name in ("site_mentions", "deployments"):
        out[name]["_site"] = article_keys(out[name]["site"], site_index)  # the site's position, -1 for none
    for name, finding in FINDINGS.items():
        frame = out[name]
        frame["_aid"] = article_keys(frame["article_id"], index)
        frame["_root"] = roots[frame["_aid"].to_numpy()]
        if name == "budgets":
            lo, hi = year_bounds(frame["year_start"], frame["year_end"])
        elif finding.date:
            lo, hi = date_bounds(frame[finding.date])
        else:
            lo = np.full(len(frame), NO_DATE_LO, dtype=np.int64)
            hi = np.full(len(frame), NO_DATE_HI, dtype=np.int64)
        if name in PUBLISHED_FALLBACK:
            lo, hi = _with_fallback(lo, hi, frame["_aid"].to_numpy(), articles)
        frame["_lo"], frame["_hi"] = lo, hi
    for table, column in LIST_COLUMNS:
        flat = exploded(out[table][column])
        out[f"_{table}.{column}"] = flat.to_frame("value")
    told = out["_programs.articles"]
    told["_aid"] = article_keys(told["value"], index)
    for side in ("a", "b"):
        out["conflicts"][f"_aid_{side}"] = article_keys(out["conflicts"][f"article_{side}"], index)
    out["budgets"]["_reports"] = independent_reports(out["budgets"])
    out["deployments"]["_dep"] = deployment_codes(out["deployments"])
    index_facets(out)
    out["_search"] = {}  # type: ignore[assignment]  # search text -> hits (dashboard.filters)
    return out


def index_facets(out: dict[str, pd.DataFrame]) -> None:
    """Each facet's values as integer codes (`out["_codes"][(table, column)]`, aligned with the
    table's rows or its exploded frame's) over one sorted list of values (`out["_values"][attr]`),
    so masks are array lookups and counts are a bincount, however many rows there are."""
    from dashboard.filters import FACETS  # the filters are declared there (it imports this module)

    codes: dict[tuple[str, str], np.ndarray] = {}
    values: dict[str, pd.Index] = {}
    for facet in FACETS:
        if facet.attr == "articles":
            continue
        local = {(name, column): pd.factorize(_facet_values(out, name, column), use_na_sentinel=True)
                 for name, cols in facet.columns.items() for column in cols}
        found = {v for _, uniques in local.values() for v in uniques if isinstance(v, str) and v}
        categories = pd.Index(sorted(found), dtype=object)
        values[facet.attr] = categories
        for key, (column_codes, uniques) in local.items():
            mapping = np.append(categories.get_indexer(pd.Index(uniques, dtype=object)), -1).astype(np.int32)
            codes[key] = mapping[column_codes]
    out["_codes"], out["_values"] = codes, values  # type: ignore[assignment]


def _facet_values(out: dict[str, pd.DataFrame], name: str, column: str) -> pd.Series:
    flat = out.get(f"_{name}.{column}")
    return flat["value"] if flat is not None else out[name][column]


def independent_reports(budgets: pd.DataFrame) -> np.ndarray:
    """For each budget row, how many independent articles (distinct duplicate-cluster roots)
    state the same figure: the same funder, amount, currency and kind."""
    if budgets.empty:
        return np.zeros(0, dtype=np.int64)
    keys = [budgets[c].astype("string").fillna("") for c in ("funder", "currency", "kind")]
    frame = pd.DataFrame({"f": keys[0], "c": keys[1], "k": keys[2], "a": budgets["amount"].astype(float),
                          "r": budgets["_root"]})
    return frame.groupby(["f", "c", "k", "a"], dropna=False)["r"].transform("nunique").to_numpy(np.int64)


def _site_countries(sites: pd.DataFrame) -> dict[str, str]:
    if sites.empty:
        return {}
    return dict(zip(sites["site"], sites["country_code"], strict=False))


def is_prepared(tables: Mapping[str, pd.DataFrame]) -> bool:
    return "_codes" in tables
