"""Profiles: everything the store holds about one country, site, coalition or program (no Streamlit).

A profile is a few named sections (money in and out, forces sent and hosted, memberships,
events, sources), each a frame of rows from the prepared tables, so a page can list them,
chart them and link each row to its sentence.
"""

from __future__ import annotations

from collections.abc import Mapping

import numpy as np
import pandas as pd

from dashboard import money
from dashboard.view import select

#: The columns of budgets, deployments and events the Programs page reads (only these are copied).
PROGRAM_READS = ("program", "kind", "amount_eur", "part_of", "_aid", "article_id")

KINDS = ("country", "site", "coalition", "program")


def names(tables: Mapping[str, pd.DataFrame], kind: str) -> list[str]:
    """Every name a profile of `kind` exists for (countries by ISO code)."""
    if kind == "country":
        codes: set[str] = set()
        for table, columns in (("budgets", ("funder_code", "recipient_code")), ("deployments", ("force_code", "host_code")),
                               ("coalitions", ("member_code",)), ("roles", ("country_code",))):
            for column in columns:
                codes.update(_distinct(tables[table][column]))
        codes.update(_distinct(tables["_events.actor_codes"]["value"]))
        return sorted(codes)
    if kind == "site":
        return sorted(set(_distinct(tables["sites"]["site"])) | set(_distinct(tables["deployments"]["site"])))
    if kind == "coalition":
        return sorted(_distinct(tables["coalitions"]["coalition"]))
    return program_names(tables)


def program_names(tables: Mapping[str, pd.DataFrame]) -> list[str]:
    found = set(_distinct(tables["programs"]["program"]))
    for table in ("budgets", "deployments", "events"):
        found.update(_distinct(select(tables, table, ["program"])["program"]))
    return sorted(found)


def _distinct(values: pd.Series) -> list[str]:
    return [v for v in values.dropna().unique() if isinstance(v, str) and v]


def _is(frame: pd.DataFrame, column: str, value: str) -> pd.DataFrame:
    return frame[frame[column].eq(value).to_numpy(dtype=bool, na_value=False)]


def _country_rows(tables: Mapping[str, pd.DataFrame], table: str, column: str, code: str) -> pd.DataFrame:
    """Rows of `table` whose `column` is the country `code`: a lookup of the country facet's integer
    codes (`prepare.index_facets`) where the tables are prepared, else a text comparison."""
    codes = tables.get("_codes", {}).get((table, column)) if isinstance(tables.get("_codes"), dict) else None
    if codes is None:
        return _is(tables[table], column, code)
    at = tables["_values"]["countries"].get_indexer([code])[0]
    return tables[table].take(np.flatnonzero(codes == at)) if at >= 0 else tables[table].iloc[0:0]


def _events_of(tables: Mapping[str, pd.DataFrame], code: str) -> pd.DataFrame:
    flat = tables["_events.actor_codes"]
    codes = tables.get("_codes", {}).get(("events", "actor_codes")) if isinstance(tables.get("_codes"), dict) \
        else None
    if codes is not None:
        at = tables["_values"]["countries"].get_indexer([code])[0]
        hits = codes == at if at >= 0 else np.zeros(len(flat), dtype=bool)
    else:
        hits = flat["value"].eq(code).to_numpy(dtype=bool, na_value=False)
    rows = np.unique(flat.index.to_numpy()[hits])
    return tables["events"].take(rows[rows < len(tables["events"])])


def profile(tables: Mapping[str, pd.DataFrame], kind: str, name: str) -> dict[str, pd.DataFrame]:
    """The sections of one profile, by title (empty sections included: the page skips them)."""
    budgets, deployments = tables["budgets"], tables["deployments"]
    if kind == "country":
        sections = {
            "Money out (as funder)": _country_rows(tables, "budgets", "funder_code", name),
            "Money in (as recipient)": _country_rows(tables, "budgets", "recipient_code", name),
            "Forces sent": _country_rows(tables, "deployments", "force_code", name),
            "Forces hosted": _country_rows(tables, "deployments", "host_code", name),
            "Memberships": _country_rows(tables, "coalitions", "member_code", name),
            "Office holders": _country_rows(tables, "roles", "country_code", name),
            "Events": _events_of(tables, name),
        }
    elif kind == "site":
        mentions = _is(tables["site_mentions"], "site", name)
        events = tables["events"]
        sections = {
            "Forces at the site": _is(deployments, "site", name),
            "Names as written": mentions,
            "Events in articles naming it": events[events["article_id"].isin(list(mentions["article_id"].unique()))],
        }
    else:
        column = "coalition" if kind == "coalition" else "program"
        events = tables["events"]
        sections = {
            "Members": _is(tables["coalitions"], "coalition", name),
            "Money": budgets[(budgets["program"].eq(name) | budgets["funder"].eq(name)).to_numpy(dtype=bool,
                                                                                                 na_value=False)],
            "Deployments": _is(deployments, "program", name),
            "Events": events[events["program"].eq(name).to_numpy(dtype=bool, na_value=False)],
        }
        if column == "program" and sections["Members"].empty:
            sections.pop("Members")
    sections["Sources"] = _sources(tables, sections, kind, name)
    return sections


def _sources(tables: Mapping[str, pd.DataFrame], sections: Mapping[str, pd.DataFrame], kind: str,
             name: str) -> pd.DataFrame:
    """The articles behind a profile's rows, with how many rows each gave."""
    ids = pd.concat([frame["article_id"] for frame in sections.values() if "article_id" in frame.columns and len(frame)]
                    or [pd.Series([], dtype=object)])
    if kind == "program":
        told = tables["programs"][tables["programs"]["program"].eq(name).to_numpy(dtype=bool, na_value=False)]
        extra = [a for cell in told["articles"] for a in (list(cell) if cell is not None else [])]
        ids = pd.concat([ids, pd.Series(extra, dtype=object)])
    counts = ids.value_counts().rename("rows")
    articles = tables["articles"]
    if len(counts) * 20 < len(articles):  # a few articles: look them up instead of indexing them all
        articles = articles[articles["article_id"].isin(list(counts.index)).to_numpy(dtype=bool, na_value=False)]
    articles = articles.set_index("article_id")
    out = articles.loc[articles.index.intersection(counts.index), ["title", "published", "source", "duplicate_of"]]
    out = out.assign(rows=counts.reindex(out.index).fillna(0).astype(int)).reset_index()
    return out.sort_values("published", ascending=False, na_position="last", ignore_index=True)


def money_summary(sections: Mapping[str, pd.DataFrame]) -> list[tuple[str, str]]:
    """('Money out · pledge', '€30m') per money section and kind (summable rows only)."""
    out = []
    for title, frame in sections.items():
        if title.startswith("Money") and len(frame):
            sums = money.sums_by(frame.assign(_all="all"), ["_all"])
            for kind, value in zip(sums["kind"], sums["amount_eur"], strict=False):
                out.append((f"{title.split(' (')[0]} · {kind}", money.eur(value)))
    return out


def program_table(tables: Mapping[str, pd.DataFrame]) -> pd.DataFrame:
    """Every program: its kind and countries (where linked), rows per table, euros per kind, articles."""
    programs = tables["programs"]
    listed = pd.DataFrame({"program": program_names(tables)})
    if listed.empty:
        return pd.DataFrame(columns=["program", "kind", "countries", "budget rows", "deployments", "events",
                                     "euros", "articles"])
    info = programs.drop_duplicates("program").set_index("program")
    listed["kind"] = listed["program"].map(info["kind"]) if len(info) else None
    listed["countries"] = listed["program"].map(
        info["country_codes"].map(lambda c: ", ".join(c) if c is not None else "")) if len(info) else ""
    read = {name: select(tables, name, PROGRAM_READS) for name in ("budgets", "deployments", "events")}
    for label, table in (("budget rows", "budgets"), ("deployments", "deployments"), ("events", "events")):
        listed[label] = listed["program"].map(read[table]["program"].value_counts()).fillna(0).astype(int)
    budgets = read["budgets"]
    sums = money.sums_by(budgets.loc[budgets["program"].notna().to_numpy(dtype=bool),
                                     [c for c in ("program", "kind", "amount_eur", "part_of") if c in budgets.columns]],
                         ["program"])
    text = sums.assign(text=sums["kind"] + " " + sums["amount_eur"].map(money.eur)).groupby("program")["text"].agg(
        " · ".join)
    listed["euros"] = listed["program"].map(text).astype(object).fillna("")
    article = "_aid" if all("_aid" in frame.columns for frame in read.values()) else "article_id"
    told = pd.concat([frame[["program", article]] for frame in read.values()]).dropna()
    listed["articles"] = listed["program"].map(told.drop_duplicates().groupby("program").size()).fillna(0).astype(int)
    return listed.sort_values(["articles", "program"], ascending=[False, True], ignore_index=True)
