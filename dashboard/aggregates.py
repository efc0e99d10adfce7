"""Per-page aggregates over filtered tables: plain, vectorised pandas (no Streamlit here).

Every function takes frames as `apply_filters` returns them and gives back the frame a
page shows (and downloads) as is.
"""

from __future__ import annotations

import json
import re
from collections.abc import Mapping

import numpy as np
import pandas as pd

from dashboard import money
from dashboard.grouping import (  # noqa: F401
    COUNTRY_LEVEL,
    DEPLOYMENT_READS,
    STATUS_ORDER,
    deployment_sources,
    deployment_summary,
)
from dashboard.money import KINDS
from dashboard.prepare import NO_DATE_LO, cluster_roots
from dashboard.view import count, rows_at, select

NO_PROGRAM = "(no program)"
LOW_CONFIDENCE = 100
#: The budget columns `program_periods` reads (a page passes only these: see dashboard/view.py).
PERIOD_READS = ("program", "funder", "kind", "year_start", "year_end", "amount_eur", "article_id", "part_of")
#: The budget columns `budget_currencies` reads.
CURRENCY_READS = ("currency", "kind", "amount", "amount_eur", "part_of")


# --- overview ------------------------------------------------------------------------------


def headline(t: Mapping[str, pd.DataFrame], summary: pd.DataFrame | None = None) -> dict[str, int]:
    """The overview's counts (`summary`: the deployment summary, if already built)."""
    summary = summary_of(t) if summary is None else summary
    return {
        "articles": count(t, "articles"),
        "programs": count(t, "programs"),
        "coalitions": select(t, "coalitions", ["coalition"])["coalition"].nunique(),
        "deployments": len(summary),
        "budget rows": count(t, "budgets"),
    }


def summary_of(t: Mapping[str, pd.DataFrame]) -> pd.DataFrame:
    """`deployment_summary` of a view's deployments (only the columns it reads copied)."""
    return deployment_summary(select(t, "deployments", DEPLOYMENT_READS))


def sources_of(t: Mapping[str, pd.DataFrame], titles: Mapping[str, str]) -> dict[tuple, str]:
    """`deployment_sources` of a view's deployments (only the columns it reads copied)."""
    return deployment_sources(select(t, "deployments", DEPLOYMENT_READS), titles)


def eur_by_funder(budgets: pd.DataFrame) -> pd.DataFrame:
    """Euros per funder, one column per kind (pledges, allocations ... never added together),
    summed over the rows that are not a share of a larger figure; funders by largest sum."""
    sums = money.funder_totals(budgets)
    if sums.empty:
        return pd.DataFrame(columns=["funder"])
    table = sums.pivot_table(index="funder", columns="kind", values="amount_eur", aggfunc="sum")
    order = [k for k in KINDS if k in table.columns] + [k for k in table.columns if k not in KINDS]
    table = table[order]
    table = table.loc[table.max(axis=1).sort_values(ascending=False).index]
    table.columns.name = None
    return table.reset_index()


def personnel_by_host(summary: pd.DataFrame) -> pd.DataFrame:
    """Stated personnel per host and force (from `deployment_summary`: the largest figure any
    article gives per force, host and site, summed)."""
    stated = summary.dropna(subset=["personnel"])
    if stated.empty:
        return pd.DataFrame(columns=["host", "force", "personnel"])
    out = stated.groupby(["host", "force"], as_index=False)["personnel"].sum()
    return out.sort_values(["personnel", "host"], ascending=[False, True], ignore_index=True)


def latest_events(events: pd.DataFrame, n: int = 10) -> pd.DataFrame:
    """The `n` most recent dated events."""
    return events.loc[_latest(events["_lo"], n)]


def latest_in(t: Mapping[str, pd.DataFrame], n: int = 10) -> pd.DataFrame:
    """`latest_events` of a view (only the `n` rows shown copied whole)."""
    return rows_at(t, "events", _latest(select(t, "events", ["_lo"])["_lo"], n))


def _latest(lo: pd.Series, n: int | None) -> pd.Index:
    """Labels of the `n` latest dated rows by `_lo` (every dated row without `n`)."""
    placed = lo[lo != NO_DATE_LO]
    return placed.nlargest(n).index if n and len(placed) > n else placed.index


def attention(t: Mapping[str, pd.DataFrame]) -> dict[str, int]:
    """Counts of what needs an analyst's eye."""
    return {
        "conflicts": count(t, "conflicts"),
        "duplicates": int(select(t, "articles", ["duplicate_of"])["duplicate_of"].notna().sum()),
        "low-confidence names": len(low_confidence(select(t, "site_mentions", ["score"]))),
        "files that failed": count(t, "failures"),
    }


# --- timeline ------------------------------------------------------------------------------

YEARLESS = re.compile(r"^--\d{2}-\d{2}$")


def dated_events(events: pd.DataFrame, limit: int | None = None) -> pd.DataFrame:
    """Events that can be placed on a time axis, in date order, with `when` (first day) and
    `precision`; with `limit`, only the latest `limit` of them."""
    dated = events.loc[_latest(events["_lo"], limit)].sort_values("_lo", kind="stable")
    lo = dated["_lo"].to_numpy()
    when = pd.to_datetime(pd.DataFrame({"year": lo // 10_000, "month": lo // 100 % 100, "day": lo % 100}))
    precision = dated["date"].str.len().map({4: "year", 7: "month", 10: "day"})
    return dated.assign(when=when.to_numpy(), precision=precision.to_numpy()).reset_index(drop=True)


def dated_in(t: Mapping[str, pd.DataFrame], limit: int | None = None) -> pd.DataFrame:
    """`dated_events` of a view (only the rows it places copied whole)."""
    return dated_events(rows_at(t, "events", _latest(select(t, "events", ["_lo"])["_lo"], limit)), limit)


def undated_in(t: Mapping[str, pd.DataFrame]) -> pd.DataFrame:
    """`undated_events` of a view (only the undated rows copied whole)."""
    lo = select(t, "events", ["_lo"])["_lo"]
    return undated_events(rows_at(t, "events", lo.index[(lo == NO_DATE_LO).to_numpy()]))


def undated_events(events: pd.DataFrame) -> pd.DataFrame:
    """Events with no placeable date, each with the reason."""
    undated = events[events["_lo"] == NO_DATE_LO].copy()
    yearless = undated["date"].fillna("").str.match(YEARLESS.pattern)
    undated.insert(0, "why", np.where(yearless, "no year", "no date"))
    return undated.reset_index(drop=True)


def program_periods(budgets: pd.DataFrame) -> pd.DataFrame:
    """One bar per (program, funder, kind): the years its budget rows cover."""
    columns = ["program", "funder", "kind", "year_start", "year_end", "amount_eur", "article_id"]
    years = budgets.loc[money.summable(budgets) & budgets["year_start"].notna().to_numpy(dtype=bool), columns]
    if years.empty:
        return pd.DataFrame(columns=["program", "funder", "kind", "year_start", "year_end", "amount_eur", "rows"])
    years["year_end"] = years["year_end"].fillna(years["year_start"])
    years["program"] = years["program"].fillna(NO_PROGRAM)
    years["funder"] = years["funder"].fillna("(unknown funder)")
    out = years.groupby(["program", "funder", "kind"], as_index=False, dropna=False).agg(
        year_start=("year_start", "min"), year_end=("year_end", "max"),
        amount_eur=("amount_eur", "sum"), rows=("article_id", "size"))
    for column in ("year_start", "year_end"):
        out[column] = out[column].astype("Int64")
    return out.sort_values(["year_start", "program"], ignore_index=True)


# --- budgets -------------------------------------------------------------------------------


def budget_by_year(budgets: pd.DataFrame) -> pd.DataFrame:
    """Euros per year and kind, multi-year figures spread evenly over their years."""
    return money.spread_over_years(budgets)


def budget_currencies(budgets: pd.DataFrame) -> pd.DataFrame:
    """Original amounts per currency and kind beside their euro value (summable rows)."""
    rows = budgets.loc[money.summable(budgets), ["currency", "kind", "amount", "amount_eur"]]
    if rows.empty:
        return pd.DataFrame(columns=["currency", "kind", "amount", "amount_eur", "rows", "without rate"])
    frame = pd.DataFrame({"currency": rows["currency"].astype("string").fillna("?"),
                          "kind": rows["kind"].astype("string").fillna("other"),
                          "amount": rows["amount"].astype(float), "amount_eur": rows["amount_eur"].astype(float)})
    groups = frame.assign(without=frame["amount_eur"].isna().astype(int)).groupby(["currency", "kind"])
    out = pd.DataFrame({"amount": groups["amount"].sum(), "amount_eur": groups["amount_eur"].sum(min_count=1),
                        "rows": groups.size(), "without rate": groups["without"].sum()}).reset_index()
    return out.sort_values(["currency", "kind"], ignore_index=True)


def budget_rows(budgets: pd.DataFrame) -> pd.DataFrame:
    """Budget rows as the Budgets page lists them: money formatted once, shares marked."""
    shown = budgets.assign(
        eur=money.eur_column(budgets["amount_eur"]), as_stated=money.stated_column(budgets["amount"], budgets["currency"]),
        share_of=budgets["part_of"], reports=budgets.get("_reports", 1))
    return shown


# --- coalitions ----------------------------------------------------------------------------


def coalition_matrix(coalitions: pd.DataFrame) -> pd.DataFrame:
    """Members × coalitions; each cell the role(s) stated, with the earliest date given."""
    if coalitions.empty:
        return pd.DataFrame(columns=["member"])
    # each distinct statement once (a store states the same membership thousands of times)
    coalitions = coalitions[["member", "member_code", "coalition", "role", "date"]].drop_duplicates()
    rows = pd.DataFrame({"member": coalitions["member"].fillna(coalitions["member_code"]).fillna("?"),
                         "coalition": coalitions["coalition"].fillna("?"), "role": coalitions["role"].fillna("?"),
                         "date": coalitions["date"].where(coalitions["date"].str.match(r"^\d{4}").fillna(False))})
    since = rows.groupby(["member", "coalition"])["date"].min()
    roles = rows.drop_duplicates(["member", "coalition", "role"]).sort_values("role").groupby(
        ["member", "coalition"])["role"].agg(" / ".join)
    cells = pd.DataFrame({"roles": roles, "since": since})
    label = cells["roles"].where(cells["since"].isna(), cells["roles"] + " since " + cells["since"].fillna(""))
    matrix = label.unstack("coalition").fillna("")
    matrix.columns.name = None
    return matrix.reset_index()


def applicants(coalitions: pd.DataFrame) -> pd.DataFrame:
    return coalitions[coalitions["role"] == "applicant"]


# --- deployments ---------------------------------------------------------------------------


def _mentions(cell: object) -> list[dict]:
    if isinstance(cell, str):
        try:
            value = json.loads(cell)
        except ValueError:
            return []
    else:
        value = cell
    return [m for m in value if isinstance(m, dict)] if isinstance(value, list) else []


def site_table(sites: pd.DataFrame) -> pd.DataFrame:
    """Sites with how many articles name them and the names as written."""
    mentions = sites["mentions"].map(_mentions)
    out = sites.drop(columns=["mentions"]).assign(
        mentions_count=mentions.map(lambda ms: len({m.get("article_id") for m in ms})),
        names_as_written=mentions.map(lambda ms: ", ".join(sorted({str(m.get("name")) for m in ms if m.get("name")}))))
    columns = ["site", "kind", "country_code", "lat", "lon", "mentions_count", "names_as_written"]
    return out[[c for c in columns if c in out.columns]].sort_values("site", ignore_index=True)


# --- data quality --------------------------------------------------------------------------


def duplicate_clusters(articles: pd.DataFrame) -> pd.DataFrame:
    """Articles grouped by the earliest article they duplicate (clusters of two or more)."""
    ids = articles["article_id"].to_numpy(dtype=object)
    parent = cluster_roots(articles)
    sizes = np.bincount(parent, minlength=len(ids)) if len(ids) else np.array([], dtype=int)
    in_cluster = sizes[parent] > 1 if len(ids) else np.array([], dtype=bool)
    out = articles.assign(cluster=ids[parent] if len(ids) else [])[in_cluster]
    columns = ["cluster", "article_id", "duplicate_of", "title", "published", "source", "path"]
    return out[columns].sort_values(["cluster", "published"], ignore_index=True)


def low_confidence(site_mentions: pd.DataFrame) -> pd.DataFrame:
    """Place names resolved by a fuzzy match (score below 100), weakest first."""
    weak = site_mentions[pd.to_numeric(site_mentions["score"], errors="coerce") < LOW_CONFIDENCE]
    return weak.sort_values("score", ignore_index=True)
