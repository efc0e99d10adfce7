"""The fast paths of the dashboard's data work give what the plain pandas code gave: a view of row
positions, search hits kept per text, group-bys over integer codes, Arrow list columns, one-chunk
text columns."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pyarrow as pa
import pytest

from core.store import load_tables
from dashboard import aggregates as agg
from dashboard import charts, money, profiles, search
from dashboard.facets import facet_counts
from dashboard.filters import Filters, apply_filters, visible
from dashboard.prepare import article_keys, exploded, load, object_lists, prepare_tables
from dashboard.view import View, count, rows_at, select

FILTERS = [Filters(), Filters(countries=("ROU",)), Filters(programs=("SAFE",)), Filters(search="brigade"),
           Filters(statuses=("planned",), countries=("USA", "DEU"))]


@pytest.mark.parametrize("chosen", FILTERS, ids=str)
def test_a_view_keeps_positions_and_takes_the_rows_it_is_asked_for(tiny, chosen):
    prepared = prepare_tables(tiny)
    view = apply_filters(prepared, chosen)
    assert isinstance(view, View) and set(view) == {n for n in prepared if not n.startswith("_")}
    for name in view:
        frame = view[name]
        assert list(view.rows(name)) == list(frame.index) and view.count(name) == len(frame)
        pd.testing.assert_frame_equal(frame, prepared[name].loc[frame.index])  # the very rows, untouched
    plain = {name: view[name] for name in view}  # counts from frames alone read their index
    assert facet_counts(view, prepared) == facet_counts(plain, prepared)


def test_search_hits_are_kept_per_text_and_bounded(tiny):
    prepared = prepare_tables(tiny)
    first = search.search_hits(prepared, "brigade")
    assert search.search_hits(prepared, "brigade") is first  # a second filter change searches nothing
    assert first["deployments"].tolist() == [True, False] and first["events"].tolist() == [False, True, False, False]
    assert search.search_hits(prepared, "germans")["articles"].tolist() == [False, True, False]  # titles too
    for k in range(search.SEARCHES_KEPT + 2):
        search.search_hits(prepared, f"text {k}")
    assert len(prepared["_search"]) == search.SEARCHES_KEPT and "brigade" not in prepared["_search"]


def _summary_by_text(deployments: pd.DataFrame) -> pd.DataFrame:
    """The deployment summary as a plain pandas group-by over the text columns (the former code)."""
    keys = ["force", "host", "site"]
    rows = pd.DataFrame({
        "force": deployments["force"].fillna(deployments["force_code"]).fillna("?"),
        "host": deployments["host"].fillna(deployments["host_code"]).fillna("?"),
        "site": deployments["site"].fillna(agg.COUNTRY_LEVEL), "personnel": deployments["personnel"],
        "lat": deployments["lat"], "lon": deployments["lon"], "force_code": deployments["force_code"],
        "host_code": deployments["host_code"], "article": deployments["article_id"],
        "rank": deployments["status"].map({s: i for i, s in enumerate(agg.STATUS_ORDER)}).fillna(3)})
    out = rows.groupby(keys).agg(personnel=("personnel", "max"), lat=("lat", "first"), lon=("lon", "first"),
                                 force_code=("force_code", "first"), host_code=("host_code", "first"),
                                 rank=("rank", "min"))
    out["sources"] = rows[[*keys, "article"]].drop_duplicates().groupby(keys).size()
    out["status"] = [agg.STATUS_ORDER[int(r)] if r < 3 else "?" for r in out["rank"]]
    return out.reset_index()[["force", "host", "site", "personnel", "status", "lat", "lon", "force_code", "host_code",
                              "sources"]]


def test_the_deployment_summary_over_codes_equals_the_group_by_over_text():
    rng = np.random.default_rng(7)
    n = 400
    pick = lambda values: pd.Series(rng.choice(np.array(values, dtype=object), n), dtype="str")  # noqa: E731
    deployments = pd.DataFrame({
        "article_id": pick([f"a{k}" for k in range(30)]), "force": pick(["Germany", "Poland", None]),
        "force_code": pick(["DEU", "POL", None]), "host": pick(["Lithuania", None]), "host_code": pick(["LTU", None]),
        "site": pick(["Rukla", "Tapa", None]), "status": pick(["current", "planned", "ended", None]),
        "personnel": pd.array(rng.choice([100, 4800, None], n), dtype="Int64"),
        "lat": rng.choice([54.9, np.nan], n), "lon": rng.choice([24.1, np.nan], n)})
    ours = agg.deployment_summary(deployments)
    pd.testing.assert_frame_equal(ours.drop(columns="reports"), _summary_by_text(deployments), check_dtype=False)
    sources = agg.deployment_sources(deployments, {}, limit=2)
    assert all(len(v.split("; ")) <= 2 for v in sources.values()) and len(sources) == len(ours)


def test_article_keys_and_exploded_lists_take_the_arrow_path_with_the_same_result():
    index = pd.Index(["a", "b", "c"], dtype="str")
    ids = pd.Series(["c", None, "x", "a", "c"], dtype="str")
    assert article_keys(ids, index).tolist() == [2, -1, -1, 0, 2]
    assert article_keys(pd.Series([1, 2]), index).tolist() == [-1, -1]  # not text: no match, no error
    cells = [["ROU", "POL"], None, [], ["DEU"]]
    arrow = pd.Series(pd.array(cells, dtype=pd.ArrowDtype(pa.list_(pa.string()))))
    plain = pd.Series(cells, dtype=object)
    for flat in (exploded(arrow), exploded(plain)):
        assert flat.index.tolist() == [0, 0, 3] and flat.tolist() == ["ROU", "POL", "DEU"]
    back = object_lists(arrow)
    assert back[1] is None and list(back[0]) == ["ROU", "POL"] and list(back[2]) == []


def test_a_loaded_store_has_one_chunk_per_text_column_and_arrow_actor_lists(seeds_db):
    prepared = load(seeds_db)
    events = prepared["events"]
    assert isinstance(events["actor_codes"].dtype, pd.ArrowDtype)
    chunked = load_tables(seeds_db)["events"]
    pd.testing.assert_series_equal(events["evidence"], chunked["evidence"], check_names=False)
    dated = agg.dated_events(events)
    shown = visible(dated, ["actor_codes"])
    assert shown["actor_codes"].dtype == object  # cells a CSV writes as JSON lists, as before


def test_planned_and_current_events_of_one_type_share_one_legend_entry(tiny):
    prepared = prepare_tables(tiny)
    events = pd.concat([prepared["events"], prepared["events"].assign(date="2030-01-01", _lo=20300101,
                                                                      _hi=20300101)], ignore_index=True)
    fig = charts.timeline_figure(agg.dated_events(events), agg.program_periods(prepared["budgets"].iloc[0:0]),
                                 counts=False)
    approval = [t for t in fig.data if t.name == "approval"]
    assert len(approval) == 2 and sum(bool(t.showlegend) for t in approval) == 1
    assert {t.marker.symbol.endswith("-open") for t in approval} == {True, False}


def test_independent_reports_count_distinct_roots_per_figure():
    from dashboard.prepare import independent_reports

    rng = np.random.default_rng(3)
    n = 300
    budgets = pd.DataFrame({"funder": pd.Series(rng.choice(np.array(["Poland", "Latvia", None], dtype=object), n),
                                                dtype="str"),
                            "currency": pd.Series(rng.choice(np.array(["EUR", None], dtype=object), n), dtype="str"),
                            "kind": pd.Series(rng.choice(np.array(["pledge", "total"], dtype=object), n), dtype="str"),
                            "amount": rng.choice([1e6, 2.5e6, np.nan], n), "_root": rng.integers(0, 20, n)})
    keys = budgets.assign(**{c: budgets[c].fillna("") for c in ("funder", "currency", "kind")})
    expected = keys.groupby(["funder", "currency", "kind", "amount"], dropna=False)["_root"].transform("nunique")
    assert independent_reports(budgets).tolist() == expected.tolist()


@pytest.mark.parametrize("chosen", FILTERS, ids=str)
def test_the_columns_and_rows_a_page_reads_are_those_of_the_whole_frames(tiny, chosen):
    prepared = prepare_tables(tiny)
    plain = {name: frame for name, frame in apply_filters(prepared, chosen).items()}  # every frame taken whole
    view = apply_filters(prepared, chosen)  # a view that has taken nothing yet
    for name in ("budgets", "events", "deployments", "articles"):
        wanted = ["kind", "_lo", "article_id", "no such column"]
        present = [c for c in wanted if c in plain[name].columns]
        pd.testing.assert_frame_equal(select(view, name, wanted), plain[name].loc[:, present])
        assert count(view, name) == len(plain[name])
        pd.testing.assert_frame_equal(rows_at(view, name, plain[name].index[::2]), plain[name].iloc[::2])
    pd.testing.assert_frame_equal(agg.summary_of(view), agg.deployment_summary(plain["deployments"]))
    pd.testing.assert_frame_equal(agg.dated_in(view, limit=2), agg.dated_events(plain["events"], limit=2))
    pd.testing.assert_frame_equal(agg.dated_in(view), agg.dated_events(plain["events"]))
    pd.testing.assert_frame_equal(agg.undated_in(view), agg.undated_events(plain["events"]))
    pd.testing.assert_frame_equal(agg.latest_in(view, 1), agg.latest_events(plain["events"], 1))
    assert agg.headline(view) == agg.headline(plain) and agg.attention(view) == agg.attention(plain)
    pd.testing.assert_frame_equal(profiles.program_table(view), profiles.program_table(plain))
    budgets = plain["budgets"]
    for build, reads in ((agg.eur_by_funder, money.SUM_READS), (money.funder_totals, money.SUM_READS),
                         (agg.budget_by_year, money.YEAR_READS), (agg.program_periods, agg.PERIOD_READS),
                         (agg.budget_currencies, agg.CURRENCY_READS)):
        pd.testing.assert_frame_equal(build(select(view, "budgets", reads)), build(budgets))


def test_the_latest_articles_come_dated_first_then_undated():
    from dashboard import facets
    from tests.dashboard.conftest import frame

    articles = frame("articles", [{"article_id": "a", "published": "2024-01-01"}, {"article_id": "b", "published": None},
                                  {"article_id": "c", "published": "2025-03"}])
    view = apply_filters(prepare_tables({"articles": articles}), Filters())
    assert facets.latest_articles(view, 2) == ["c", "a"] and facets.latest_articles(view, 5) == ["c", "a", "b"]
