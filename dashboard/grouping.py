"""Group-bys over integer codes instead of text (no Streamlit here).

On a store of 100,000 articles a page's group-by over two or three text columns of a few
hundred thousand rows costs more than the filter budget; grouping the same rows by integer
codes made once per load (`prepare_tables` adds `_dep` to the deployments) costs a few
milliseconds. The results are the same frames the text group-bys gave.
"""

from __future__ import annotations

from collections.abc import Mapping

import numpy as np
import pandas as pd

COUNTRY_LEVEL = "(country-level)"
#: A deployment's status shown when articles disagree: the first of these any article states.
STATUS_ORDER = ("current", "planned", "ended")
SUMMARY_COLUMNS = ["force", "host", "site", "personnel", "status", "lat", "lon", "force_code", "host_code", "sources",
                   "reports"]


def sorted_codes(*columns: pd.Series) -> np.ndarray:
    """One int64 per row, ordered as the rows' values are sorted column by column (no nulls)."""
    out = np.zeros(len(columns[0]) if columns else 0, dtype=np.int64)
    for column in columns:
        codes, uniques = pd.factorize(column, sort=True)
        out = out * (len(uniques) + 1) + codes
    return out


#: The deployment columns `deployment_summary` and `deployment_sources` read (a page passes only these).
DEPLOYMENT_READS = ("force", "force_code", "host", "host_code", "site", "personnel", "status", "lat", "lon",
                    "article_id", "_aid", "_root", "_dep")


def deployment_labels(deployments: pd.DataFrame) -> pd.DataFrame:
    """Force, host and site as the summary names them: the name, else the code, else '?'; a
    deployment without a site is country-level."""
    return pd.DataFrame({
        "force": deployments["force"].fillna(deployments["force_code"]).fillna("?"),
        "host": deployments["host"].fillna(deployments["host_code"]).fillna("?"),
        "site": deployments["site"].fillna(COUNTRY_LEVEL)}, index=deployments.index)


def deployment_codes(deployments: pd.DataFrame) -> np.ndarray:
    """Each deployment row's (force, host, site) as one integer, in the order of the labels."""
    if "_dep" in deployments.columns:
        return deployments["_dep"].to_numpy()
    labels = deployment_labels(deployments)
    return sorted_codes(labels["force"], labels["host"], labels["site"])


def article_codes(frame: pd.DataFrame, column: str = "_aid") -> np.ndarray:
    """Non-negative integers per row naming its article (or its duplicate cluster's root)."""
    if column in frame.columns:
        return frame[column].to_numpy(dtype=np.int64) + 1
    return pd.factorize(frame["article_id"])[0].astype(np.int64) + 1


def distinct(values: np.ndarray) -> np.ndarray:
    """The distinct integers, sorted (by sorting: numpy's hashing `unique` is slower on these)."""
    ordered = np.sort(values)
    return ordered[np.r_[True, ordered[1:] != ordered[:-1]]] if len(ordered) else ordered


def distinct_per_group(groups: np.ndarray, values: np.ndarray, count: int) -> np.ndarray:
    """How many distinct `values` each group 0..count-1 has (both non-negative integers)."""
    if not len(groups):
        return np.zeros(count, dtype=np.int64)
    pairs = distinct(groups.astype(np.int64) * (int(values.max()) + 1) + values)
    return np.bincount(pairs // (int(values.max()) + 1), minlength=count)


def group_rows(keys: np.ndarray) -> tuple[np.ndarray, int]:
    """Each row's group number (groups in the order of their keys) and how many groups there are."""
    groups, uniques = pd.factorize(keys, sort=True)
    return groups.astype(np.int64), len(uniques)


def first_rows(groups: np.ndarray, count: int, valid: np.ndarray | None = None) -> np.ndarray:
    """Per group, its first row (where `valid`), or -1 when it has none."""
    rows = np.arange(len(groups)) if valid is None else np.flatnonzero(valid)
    first = np.full(count, len(groups), dtype=np.int64)
    np.minimum.at(first, groups[rows], rows)
    return np.where(first == len(groups), -1, first)


def first_values(values: pd.Series, groups: np.ndarray, count: int) -> pd.Series:
    """Per group, the first non-null value of the column (null where it has none), as groupby's `first`."""
    rows = first_rows(groups, count, values.notna().to_numpy(dtype=bool))
    taken = values.take(np.where(rows < 0, 0, rows)).reset_index(drop=True) if len(values) else values
    return taken.where(rows >= 0) if (rows < 0).any() else taken


def deployment_summary(deployments: pd.DataFrame) -> pd.DataFrame:
    """One row per force → host → site: the largest personnel figure stated, the status (current
    if any article says so, else planned, else ended), the first coordinates and codes given,
    and how many articles (`sources`) and independent articles (`reports`) state it."""
    if deployments.empty:
        return pd.DataFrame(columns=SUMMARY_COLUMNS)
    groups, count = group_rows(deployment_codes(deployments))
    out = deployment_labels(deployments.iloc[first_rows(groups, count)]).reset_index(drop=True)
    people = pd.to_numeric(deployments["personnel"], errors="coerce").to_numpy(dtype=float, na_value=np.nan)
    most = np.full(count, np.nan)
    np.fmax.at(most, groups, people)
    rank = np.full(len(deployments), len(STATUS_ORDER), dtype=np.int64)
    for number, status in reversed(list(enumerate(STATUS_ORDER))):
        rank[deployments["status"].eq(status).to_numpy(dtype=bool, na_value=False)] = number
    best = np.full(count, len(STATUS_ORDER), dtype=np.int64)
    np.minimum.at(best, groups, rank)
    out["personnel"] = pd.array(most, dtype="Float64").astype("Int64")
    out["status"] = np.array([*STATUS_ORDER, "?"], dtype=object)[best]
    for column in ("lat", "lon", "force_code", "host_code"):
        out[column] = first_values(deployments[column], groups, count)
    out["sources"] = distinct_per_group(groups, article_codes(deployments), count)
    out["reports"] = distinct_per_group(groups, article_codes(deployments, "_root"), count)
    return out[SUMMARY_COLUMNS]


def deployment_sources(deployments: pd.DataFrame, titles: Mapping[str, str], limit: int = 4) -> dict[tuple, str]:
    """The titles of the first `limit` articles behind each (force, host, site), joined, for map tooltips."""
    if deployments.empty:
        return {}
    groups = deployment_codes(deployments)
    articles = article_codes(deployments)
    pair = groups.astype(np.int64) * (int(articles.max()) + 1) + articles
    first = np.flatnonzero(~pd.Series(pair).duplicated().to_numpy())  # each (group, article) at its first row
    order = first[np.argsort(groups[first], kind="stable")]
    group_of = groups[order]
    starts = np.flatnonzero(np.r_[True, group_of[1:] != group_of[:-1]])
    rank = np.arange(len(order)) - np.repeat(starts, np.diff(np.r_[starts, len(order)]))
    chosen = order[rank < limit]
    labels = deployment_labels(deployments.iloc[chosen])
    ids = deployments["article_id"].take(chosen).to_numpy(dtype=object)
    out: dict[tuple, list[str]] = {}
    for force, host, site, article in zip(labels["force"], labels["host"], labels["site"], ids, strict=True):
        out.setdefault((force, host, site), []).append(str(titles.get(article, article)))
    return {key: "; ".join(names) for key, names in out.items()}

