"""The store's tables made ready for fast filtering, once per store load (no Streamlit here).

`prepare_tables` adds helper columns (named `_...`, never shown): each row's article as an
integer (`_aid`), the root of its article's duplicate cluster (`_root`), its date as an
interval of YYYYMMDD integers (`_lo`, `_hi`), a site name's country, and one exploded frame
per list column the filters read. Columns the schema declares but an older store lacks
(`part_of`, `recipient_code`, ...) are added as nulls, and integer columns stay integers.
"""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc

from core.schema import FINDINGS, TABLES
from core.store import load_tables
from dashboard.dates import NO_DATE_HI, NO_DATE_LO, date_bounds, year_bounds  # noqa: F401 (re-exported)
from dashboard.grouping import deployment_codes, distinct_per_group, group_rows, sorted_codes
from dashboard.search import IndexSlot

#: Where the date filter falls back to the article's publication date.
PUBLISHED_FALLBACK = ("budgets", "deployments", "coalitions", "site_mentions", "roles")
#: List columns the filters read, exploded once into a frame named `_<table>.<column>`.
LIST_COLUMNS = (("events", "actor_codes"), ("programs", "country_codes"), ("programs", "articles"))
#: List columns kept as Arrow lists (cheap to load and to take rows of; `object_lists` where shown).
ARROW_LISTS = (("events", "actor_codes"),)
#: Contract v2 columns the dashboard reads, added as nulls where the store (or core.schema) has none yet.
CONTRACT_V2 = {"budgets": ("budget_id", "recipient_code", "recipient", "part_of")}


def article_keys(article_ids: pd.Series, index: pd.Index) -> np.ndarray:
    """Each row's article as a position in the articles table (-1 when unknown).

    Filters work on these integers: a boolean array per article set, indexed by them, is
    far faster than string membership on millions of rows. Position -1 reads the array's
    last slot, which the filters keep False. (One Arrow hash lookup; `index` is unique.)

    >>> article_keys(pd.Series(["b", None, "z", "a"]), pd.Index(["a", "b"])).tolist()
    [1, -1, -1, 0]
    """
    if not len(article_ids) or not len(index):
        return np.full(len(article_ids), -1, dtype=np.int64)
    try:
        found = pc.index_in(pa.array(article_ids, type=pa.string(), from_pandas=True),
                            value_set=pa.array(index, type=pa.string(), from_pandas=True))
        return found.fill_null(-1).to_numpy(zero_copy_only=False).astype(np.int64)
    except (pa.ArrowException, TypeError, ValueError):  # not text: the hash of pandas
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
    """A list column as one entry per (row position, value), for fast membership tests (an
    Arrow list column in one flatten, else cell by cell).

    >>> flat = exploded(pd.Series([["ROU", "POL"], None, np.array(["DEU"])]))
    >>> flat.index.tolist(), flat.tolist()
    ([0, 0, 2], ['ROU', 'POL', 'DEU'])
    """
    if _is_arrow_list(values):
        lists = pa.array(values)
        if isinstance(lists, pa.ChunkedArray):
            lists = lists.combine_chunks()
        flat = pc.list_flatten(lists).to_numpy(zero_copy_only=False)
        index = values.index.to_numpy()[pc.list_parent_indices(lists).to_numpy(zero_copy_only=False)]
        return pd.Series(flat, index=index, dtype=object).dropna()
    cells = values.to_numpy(dtype=object)
    lists = [v if isinstance(v, list | tuple | np.ndarray) else () for v in cells]
    lengths = np.fromiter(map(len, lists), dtype=np.int64, count=len(lists))
    if not lengths.sum():
        return pd.Series([], dtype=object, index=pd.Index([], dtype=np.int64))
    flat = np.concatenate([np.asarray(v, dtype=object) for v in lists if len(v)])
    index = np.repeat(values.index.to_numpy(), lengths)
    return pd.Series(flat, index=index, dtype=object).dropna()


def _is_arrow_list(values: pd.Series) -> bool:
    kind = getattr(values.dtype, "pyarrow_dtype", None)
    return kind is not None and (pa.types.is_list(kind) or pa.types.is_large_list(kind))


def object_lists(values: pd.Series) -> pd.Series:
    """An Arrow list column as the loader's usual cells (a numpy array per list, None for null),
    for what is shown or downloaded."""
    if not _is_arrow_list(values):
        return values
    cells = values.to_numpy(dtype=object)
    return pd.Series([None if v is pd.NA or v is None else v for v in cells], index=values.index, dtype=object)


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


def load(db: Path) -> dict[str, pd.DataFrame]:
    """The store's tables, prepared (what the dashboard keeps per store version)."""
    return prepare_tables(load_tables(db, arrow_lists=tuple({table for table, _ in ARROW_LISTS}), one_chunk=True))


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
    site_index = pd.Index(out["sites"]["site"])
    for name in ("site_mentions", "deployments"):
        out[name]["_site"] = article_keys(out[name]["site"], site_index)  # the site's position, -1 for none
    out["site_mentions"]["_country"] = _site_countries(out["sites"], out["site_mentions"]["_site"].to_numpy())
    keys = np.split(article_keys(pd.concat([out[name]["article_id"] for name in FINDINGS], ignore_index=True), index),
                    np.cumsum([len(out[name]) for name in FINDINGS])[:-1])  # one hash table for every finding
    for (name, finding), aid in zip(FINDINGS.items(), keys, strict=True):
        frame = out[name]
        frame["_aid"] = aid
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
        if (table, column) not in ARROW_LISTS:  # a few rows, read cell by cell elsewhere
            out[table][column] = object_lists(out[table][column])
    told = out["_programs.articles"]
    told["_aid"] = article_keys(told["value"], index)
    for side in ("a", "b"):
        out["conflicts"][f"_aid_{side}"] = article_keys(out["conflicts"][f"article_{side}"], index)
    out["budgets"]["_reports"] = independent_reports(out["budgets"])
    out["deployments"]["_dep"] = deployment_codes(out["deployments"])
    index_facets(out)
    out["_search"] = {}  # search text -> hits (dashboard.search)
    out["_search_index"] = IndexSlot()  # built after the first page is drawn (dashboard.search)
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
    out["_codes"], out["_values"] = codes, values


def _facet_values(out: dict[str, pd.DataFrame], name: str, column: str) -> pd.Series:
    flat = out.get(f"_{name}.{column}")
    return flat["value"] if flat is not None else out[name][column]


def independent_reports(budgets: pd.DataFrame) -> np.ndarray:
    """For each budget row, how many independent articles (distinct duplicate-cluster roots)
    state the same figure: the same funder, amount, currency and kind (a null reads as '')."""
    if budgets.empty:
        return np.zeros(0, dtype=np.int64)
    amounts = pd.factorize(budgets["amount"].astype(float), sort=True, use_na_sentinel=False)[0]
    figure = sorted_codes(*(budgets[c].astype("str").fillna("") for c in ("funder", "currency", "kind")),
                          pd.Series(amounts))
    groups, count = group_rows(figure)
    return distinct_per_group(groups, budgets["_root"].to_numpy(dtype=np.int64) + 1, count)[groups]


def _site_countries(sites: pd.DataFrame, positions: np.ndarray) -> pd.Series:
    """The country of the site at each position of the sites table (null at -1)."""
    codes = sites["country_code"].astype("str").reset_index(drop=True)
    if not len(codes):
        return pd.Series(np.nan, index=range(len(positions)), dtype="str")
    found = codes.take(np.where(positions < 0, 0, positions)).reset_index(drop=True)
    return found.where(positions >= 0)


def is_prepared(tables: Mapping[str, pd.DataFrame]) -> bool:
    return "_codes" in tables
