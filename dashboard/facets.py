"""What the sidebar's filters offer, and how many rows each value has (no Streamlit here).

The options come from the whole store (a value never vanishes from a list because another
filter hides its rows); the counts come from the filtered view, as datasette's facets do.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping

import numpy as np
import pandas as pd

from dashboard.filters import FACETS, Facet
from dashboard.prepare import NO_DATE_LO, is_prepared, prepare_tables
from dashboard.view import kept_rows, select


def _distinct(values: pd.Series) -> list[str]:
    return [v for v in values.dropna().unique() if isinstance(v, str) and v]


def latest_articles(view: Mapping[str, pd.DataFrame], n: int) -> list[str]:
    """The ids of the `n` latest articles of a view (by publication date; undated last)."""
    articles = select(view, "articles", ["article_id", "_lo"])
    ids = articles["article_id"].to_numpy(dtype=object)
    if "_lo" not in articles.columns:
        return ids[:n].tolist()
    lo = articles["_lo"].to_numpy(dtype=np.int64)
    order = np.argsort(-np.where(lo == NO_DATE_LO, -1, lo), kind="stable")
    return ids[order[:n]].tolist()


def filter_options(tables: Mapping[str, pd.DataFrame]) -> dict:
    """The values each facet offers, from the whole store, and the span of its dates (the facets'
    sorted values are made once per load by `prepare.index_facets`)."""
    if not is_prepared(tables):
        tables = prepare_tables(tables)
    options: dict = {}
    for facet in FACETS:
        if facet.attr == "articles":
            articles = tables["articles"].sort_values("published", na_position="last")
            options["articles"] = articles["article_id"].to_numpy(dtype=object).tolist()
            continue
        found = list(tables["_values"][facet.attr])
        if facet.attr == "programs":
            found = sorted(set(found) | set(_distinct(tables["programs"]["program"])))
        options[facet.attr] = found
    options["span"] = date_span(tables)
    return options


def facet_counts(view: Mapping[str, pd.DataFrame], full: Mapping[str, pd.DataFrame]) -> dict[str, dict[str, int]]:
    """Rows per value of each counted facet in the filtered `view` (a bincount of the values'
    codes over the rows the view kept; list columns count each listed value)."""
    counts: dict[str, dict[str, int]] = {}
    for facet in FACETS:
        if facet.counted:
            counts[facet.attr] = _count(facet, view, full)
    return counts


def _count(facet: Facet, view: Mapping[str, pd.DataFrame], full: Mapping[str, pd.DataFrame]) -> dict[str, int]:
    categories = full["_values"][facet.attr]
    total = np.zeros(len(categories) + 1, dtype=np.int64)
    for name, columns in facet.columns.items():
        kept = kept_rows(view, name)
        whole = len(kept) == len(full[name])
        for column in columns:
            codes = full["_codes"][(name, column)]
            flat = full.get(f"_{name}.{column}")
            if not whole:
                if flat is not None:
                    in_view = np.zeros(len(full[name]), dtype=bool)
                    in_view[kept] = True
                    codes = codes[in_view[flat.index.to_numpy()]]
                else:
                    codes = codes[kept]
            total += np.bincount(codes + 1, minlength=len(categories) + 1)[: len(categories) + 1]
    return {value: int(n) for value, n in zip(categories, total[1:], strict=True) if n}


def date_span(tables: Mapping[str, pd.DataFrame]) -> tuple[dt.date, dt.date]:
    """The date picker's bounds: the data's years, a year before and ten after (plans run ahead)."""
    lows = np.concatenate([tables[n]["_lo"].to_numpy() for n in ("articles", "events", "budgets")])
    lows = lows[lows != NO_DATE_LO]
    this_year = dt.date.today().year
    if not len(lows):
        return dt.date(this_year - 10, 1, 1), dt.date(this_year + 10, 12, 31)
    return (dt.date(min(int(lows.min()) // 10_000, this_year) - 1, 1, 1),
            dt.date(max(int(lows.max()) // 10_000, this_year) + 10, 12, 31))


def article_titles(articles: pd.DataFrame, width: int = 80) -> dict[str, str]:
    """Short titles by article id, for labels and hovers ('untitled …' where there is none).

    >>> article_titles(pd.DataFrame({"article_id": ["abcdefghij", "b"], "title": ["  ", "x" * 90]}))["abcdefghij"]
    'untitled abcdefgh'
    """
    if articles.empty:
        return {}
    ids = articles["article_id"].astype("str")
    text = articles["title"].astype("str").str.strip()
    text = text.where(text.notna() & (text.str.len() > 0), "untitled " + ids.str.slice(0, 8))
    text = text.where(text.str.len() <= width, text.str.slice(0, width - 1) + "…")
    return dict(zip(ids.to_numpy(dtype=object).tolist(), text.to_numpy(dtype=object).tolist(), strict=True))
