"""dashboard.aggregates: the per-page builders on hand-made tables."""

from __future__ import annotations

import pandas as pd
import pytest

from dashboard import aggregates as agg
from dashboard import (
    charts,
    mapdeck,
    money,
    profiles,
    reader,
)
from dashboard.filters import Filters, apply_filters
from dashboard.prepare import prepare_tables


@pytest.fixture()
def view(tiny) -> dict[str, pd.DataFrame]:
    return apply_filters(prepare_tables(tiny), Filters())


def test_headline_counts(view):
    assert agg.headline(view) == {"articles": 3, "programs": 2, "coalitions": 1, "deployments": 2, "budget rows": 3}


def test_euros_keep_kinds_apart_and_never_add_a_share_again(view):
    table = agg.eur_by_funder(view["budgets"])
    assert list(table.columns) == ["funder", "allocation", "pledge"]
    assert table.set_index("funder").loc["Romania", "allocation"] == 100.0  # not 140: the €40 is a share of it
    assert table.set_index("funder").loc["Germany", "pledge"] == 40.0


def test_personnel_by_host_takes_the_largest_figure(view, tiny):
    doubled = pd.concat([view["deployments"], view["deployments"].assign(personnel=5000)], ignore_index=True)
    out = agg.personnel_by_host(agg.deployment_summary(doubled))
    assert out.set_index("host").loc["Lithuania", "personnel"] == 5000


def test_events_split_into_dated_and_undated(view):
    dated = agg.dated_events(view["events"])
    assert list(dated["date"]) == ["2024", "2025-03-01"]
    assert list(dated["precision"]) == ["year", "day"]
    assert str(dated["when"].iloc[0].date()) == "2024-01-01"
    undated = agg.undated_events(view["events"])
    assert dict(zip(undated["date"].fillna("null"), undated["why"], strict=True)) == {
        "--12-12": "no year", "null": "no date"}
    assert list(agg.dated_events(view["events"], limit=1)["date"]) == ["2025-03-01"]
    assert list(agg.latest_events(view["events"], 1)["date"]) == ["2025-03-01"]


def test_program_periods(view):
    periods = agg.program_periods(view["budgets"])
    assert periods[["program", "year_start", "year_end"]].values.tolist() == [["SAFE", 2025, 2026]]


def test_budget_breakdowns(view):
    by_year = agg.budget_by_year(view["budgets"])  # 2025-2026: spread over its two years, the share left out
    assert by_year[["year", "kind", "amount_eur"]].values.tolist() == [[2025, "allocation", 50.0],
                                                                       [2026, "allocation", 50.0]]
    currencies = agg.budget_currencies(view["budgets"])
    assert set(currencies["currency"]) == {"EUR", "USD"}
    assert currencies.set_index(["currency", "kind"]).loc[("EUR", "allocation"), "amount_eur"] == 100.0
    rows = agg.budget_rows(view["budgets"])
    assert list(rows["eur"]) == ["€100", "€40", "€40"] and list(rows["as_stated"]) == ["€100", "€40", "$50"]
    assert list(rows["share_of"].fillna("")) == ["", "a1#1", ""]


def test_the_same_figure_on_every_page(view):
    """Overview, Budgets (funder bars), the timeline's periods and a profile add up the same euros."""
    overview = agg.eur_by_funder(view["budgets"]).set_index("funder").loc["Romania", "allocation"]
    bars = money.funder_totals(view["budgets"]).set_index(["funder", "kind"]).loc[("Romania", "allocation"),
                                                                                   "amount_eur"]
    periods = agg.program_periods(view["budgets"]).set_index("funder").loc["Romania", "amount_eur"]
    profile = dict(profiles.money_summary(profiles.profile(prepare_tables(view), "country", "ROU")))
    assert overview == bars == periods == 100.0
    assert profile["Money out · allocation"] == "€100" == money.eur(overview)


def test_independent_reports_count_duplicates_once(tiny):
    tiny["budgets"].loc[1, ["article_id", "amount", "part_of", "currency", "kind"]] = ["a3", 100.0, None, "EUR",
                                                                                        "allocation"]
    prepared = prepare_tables(tiny)  # a3 is a near-duplicate of a1: the same figure, one independent report
    assert list(prepared["budgets"]["_reports"]) == [1, 1, 1]
    summary = agg.deployment_summary(prepared["deployments"])
    assert list(summary["reports"]) == [1, 1]


def test_coalition_matrix(view):
    matrix = agg.coalition_matrix(view["coalitions"]).set_index("member")
    assert matrix.loc["Latvia", "Drone Coalition"] == "leader since 2024-02"
    assert matrix.loc["Türkiye", "Drone Coalition"] == "applicant"
    assert list(agg.applicants(view["coalitions"])["member"]) == ["Türkiye"]


def test_deployment_summary_marks_country_level_rows(view):
    summary = agg.deployment_summary(view["deployments"])
    assert agg.COUNTRY_LEVEL in set(summary["site"])
    assert summary.set_index("force").loc["Germany", "personnel"] == 4800


def test_quality_tables(view):
    clusters = agg.duplicate_clusters(view["articles"])
    assert sorted(clusters["article_id"]) == ["a1", "a3"] and set(clusters["cluster"]) == {"a1"}
    assert list(agg.low_confidence(view["site_mentions"])["name"]) == ["Kogalnicanu"]
    assert agg.attention(view)["low-confidence names"] == 1


def test_duplicate_chains_reach_their_root():
    articles = pd.DataFrame({"article_id": ["a", "b", "c", "d"], "duplicate_of": [None, "a", "b", None],
                             "title": "", "published": None, "source": None, "path": ""})
    clusters = agg.duplicate_clusters(articles)
    assert set(clusters["cluster"]) == {"a"} and sorted(clusters["article_id"]) == ["a", "b", "c"]


def test_article_findings_are_labelled_in_text_order(view):
    findings = reader.article_findings(view, "a1")
    assert list(findings["label"]) == sorted(findings["label"], key=lambda x: (x[0], int(x[1:]))) or len(findings)
    assert {"B1", "D1", "E1", "S1"} <= set(findings["label"])


def test_site_table(view):
    sites = agg.site_table(view["sites"])
    assert sites.loc[0, "mentions_count"] == 1 and sites.loc[0, "names_as_written"] == "Kogalnicanu"


def test_empty_tables_give_empty_frames(tiny):
    empty = {name: frame.iloc[0:0] for name, frame in tiny.items()}
    view = apply_filters(prepare_tables(empty), Filters())
    assert agg.headline(view)["articles"] == 0
    for builder in (agg.eur_by_funder, agg.program_periods, agg.budget_by_year, agg.budget_currencies,
                    money.funder_totals):
        assert builder(view["budgets"]).empty
    assert agg.coalition_matrix(view["coalitions"]).empty
    assert agg.deployment_summary(view["deployments"]).empty
    assert agg.dated_events(view["events"]).empty and agg.undated_events(view["events"]).empty
    assert agg.duplicate_clusters(view["articles"]).empty


def test_builders_never_change_the_cached_tables(tiny):
    prepared = prepare_tables(tiny)
    before = {name: frame.copy() for name, frame in prepared.items() if isinstance(frame, pd.DataFrame)}
    view = apply_filters(prepared, Filters())  # no filter: the very frames the cache holds
    summary = agg.deployment_summary(view["deployments"])
    agg.headline(view, summary), agg.personnel_by_host(summary), agg.latest_events(view["events"])
    agg.dated_events(view["events"]), agg.undated_events(view["events"]), agg.program_periods(view["budgets"])
    agg.budget_rows(view["budgets"]), agg.budget_by_year(view["budgets"]), agg.budget_currencies(view["budgets"])
    agg.coalition_matrix(view["coalitions"]), agg.duplicate_clusters(view["articles"])
    reader.article_findings(view, "a1"), agg.site_table(view["sites"])
    charts.timeline_figure(agg.dated_events(view["events"]), agg.program_periods(view["budgets"]))
    mapdeck.deployment_points(summary), mapdeck.site_points(agg.site_table(view["sites"]))
    profiles.profile(prepared, "country", "DEU"), profiles.program_table(view)
    for name, frame in before.items():
        if isinstance(frame, pd.DataFrame):
            pd.testing.assert_frame_equal(prepared[name], frame, obj=name)
