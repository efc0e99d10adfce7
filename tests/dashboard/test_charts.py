"""dashboard.charts: builders return figures and decks (no browser), with article text escaped."""

from __future__ import annotations

import datetime as dt
import json

import pandas as pd
import plotly.graph_objects as go
import pydeck as pdk
import pytest

from dashboard import aggregates as agg
from dashboard import charts, colours, mapdeck, money
from dashboard.filters import Filters, apply_filters
from dashboard.prepare import prepare_tables

HOSTILE = '<img src=x onerror="window.__pwned=2"><script>alert(1)</script>'


@pytest.fixture()
def view(tiny) -> dict[str, pd.DataFrame]:
    tiny["events"].loc[0, "summary"] = HOSTILE
    tiny["budgets"].loc[0, "program"] = HOSTILE
    tiny["deployments"].loc[0, "force"] = HOSTILE
    return apply_filters(prepare_tables(tiny), Filters())


def figure_text(fig: go.Figure) -> str:
    return fig.to_json()


def test_timeline_has_a_date_axis_a_legend_and_a_marker_per_type(view):
    fig = charts.timeline_figure(agg.dated_events(view["events"]), agg.program_periods(view["budgets"]),
                                 today=dt.date(2024, 12, 31))
    points = [t for t in fig.data if t.type == "scatter" and t.x[0] is not None]
    assert [t.name for t in points] == ["approval", "deployment"] and fig.layout.showlegend is not False
    assert fig.layout.xaxis.type == "date" and fig.layout.xaxis.nticks >= 12
    assert {t.marker.color for t in points} <= set(colours.EVENT_COLOURS.values())
    assert not set(colours.EVENT_COLOURS.values()) & set(colours.KIND_COLOURS.values())  # palettes of their own
    assert len({t.marker.symbol.replace("-open", "") for t in points}) == 2  # one trace per type and style
    assert points[0].marker.symbol.endswith("-open")  # 2025-03-01 is after 'today': planned
    assert not points[1].marker.symbol.endswith("-open")
    assert any(t.name == "planned (after today)" for t in fig.data)
    bars = [t for t in fig.data if t.type == "bar"]
    assert len(bars) == 3  # two monthly-count traces and the program periods
    text = figure_text(fig)
    assert "<script" not in text and "<img" not in text and "&lt;script&gt;" in text


def test_events_on_the_same_date_are_stacked_not_overlaid(view):
    events = pd.concat([view["events"]] * 3, ignore_index=True)
    fig = charts.timeline_figure(agg.dated_events(events), agg.program_periods(view["budgets"].iloc[0:0]),
                                 counts=False)
    approvals = next(t for t in fig.data if t.name == "approval")
    assert len(set(approvals.y)) == 3 and {t.type for t in fig.data} == {"scatter"}


def test_funder_bars_rank_funders_with_one_money_format(view):
    fig = charts.funder_bars(money.funder_totals(view["budgets"]), "allocation")
    bar = fig.data[0]
    assert bar.orientation == "h" and list(bar.text) == ["€100"]  # the €40 share is not added
    assert "<img" not in figure_text(fig)
    bars = charts.budget_year_bars(agg.budget_by_year(view["budgets"]), log=True)
    assert bars.layout.yaxis.type == "log" and bars.layout.xaxis.type == "category"  # years, not 2,024.5
    assert charts.funder_bars(money.funder_totals(view["budgets"].iloc[0:0]), "total").layout.annotations


def test_personnel_bars(view):
    fig = charts.personnel_bars(agg.deployment_summary(view["deployments"]))
    assert fig.data and "<img" not in figure_text(fig)


def test_deck_is_offline_with_plain_text_tooltips(view):
    summary = agg.deployment_summary(view["deployments"])
    outlines = {"type": "FeatureCollection", "features": []}
    labels = pd.DataFrame({"name": ["Romania"], "lat": [45.9], "lon": [24.9]})
    deck = mapdeck.flank_deck(mapdeck.deployment_points(summary), mapdeck.site_points(agg.site_table(view["sites"])),
                              outlines, labels)
    assert isinstance(deck, pdk.Deck)
    spec = json.loads(deck.to_json())
    assert "mapProvider" not in spec and "cartocdn" not in deck.to_json() and "mapbox" not in deck.to_json()
    assert spec["mapStyle"] == "__MAP_STYLE__"  # Streamlit then draws no basemap at all
    assert set(deck._tooltip) == {"text"}  # deck.gl sets text tooltips with innerText, never as HTML
    layers = {layer["id"]: layer for layer in spec["layers"]}
    assert {"outlines", "country-names", "sites", "deployments", "site-names"} <= set(layers)
    assert layers["country-names"]["characterSet"] == "auto"
    tooltip = layers["deployments"]["data"][0]["tooltip"]
    assert "forces:" in tooltip and "personnel:" in tooltip


def test_country_level_deployments_sit_at_the_centroid(view):
    points = mapdeck.deployment_points(agg.deployment_summary(view["deployments"]))
    country = points[points["tooltip"].str.contains(agg.COUNTRY_LEVEL, regex=False)]
    assert country[["lat", "lon"]].values.tolist() == [[55.3, 23.9]]


def test_personnel_sizes_the_circles(view):
    points = mapdeck.deployment_points(agg.deployment_summary(view["deployments"]))
    assert points["radius"].max() > points["radius"].min()


def test_status_is_drawn_by_style_and_adversaries_apart(view, tiny):
    tiny["deployments"].loc[0, ["force_code", "force"]] = ["RUS", "Russia"]
    summary = agg.deployment_summary(apply_filters(prepare_tables(tiny), Filters())["deployments"])
    points = mapdeck.deployment_points(summary).set_index("status")
    assert points.loc["planned", "fill"][3] == 0 and points.loc["current", "fill"][3] > 150  # hollow vs filled
    assert bool(points.loc["current", "adversary"])
    spec = json.loads(mapdeck.flank_deck(mapdeck.deployment_points(summary), mapdeck.site_points(
        agg.site_table(view["sites"])), None).to_json())
    assert "adversary-forces" in {layer["id"] for layer in spec["layers"]}
    assert list(mapdeck.legend_rows(summary)["side"]) == ["allied and partner", "Russia / Belarus"]


def test_the_map_fits_the_rows_it_shows():
    baltic = mapdeck.fit_view(pd.DataFrame({"lat": [54.0, 59.4], "lon": [21.0, 28.0]}))
    wide = mapdeck.fit_view(pd.DataFrame({"lat": [38.0, 70.0], "lon": [-10.0, 30.0]}))
    assert wide["zoom"] < baltic["zoom"] and 54 < baltic["latitude"] < 59.4
    assert mapdeck.fit_view(pd.DataFrame({"lat": [], "lon": []})) == mapdeck.FLANK_VIEW


def test_colours_are_fixed_per_code_and_apart():
    before = colours.colour_map(["USA", "DEU", "POL"])
    after = colours.colour_map(["AAA", "USA", "ZZZ", "CZE", "DEU", "POL", "XKX"])  # new forces added
    assert all(after[code] == colour for code, colour in before.items())
    table = colours.table()
    assert len(table) >= 40 and len(set(table.values())) == len(table)
    codes = sorted(table)
    worst = min(colours.delta_e(table[a], table[b]) for i, a in enumerate(codes) for b in codes[i + 1:])
    assert worst >= colours.MIN_DELTA_E, worst
    assert colours.delta_e(after["USA"], after["CZE"]) >= colours.MIN_DELTA_E  # the two oranges
    for code in ("AAA", "ZZZ", "XKX"):  # derived from the letters, and apart from every table colour
        assert code not in table and all(colours.delta_e(after[code], c) >= colours.MIN_DELTA_E
                                         for c in table.values())
    allied = [c for code, c in table.items() if code not in colours.ADVERSARIES]
    assert all(colours.delta_e(table["RUS"], c) >= 20 for c in allied)


def test_esc_neutralises_plotly_markup():
    assert charts.esc("<b>x</b> & <br>") == "&lt;b&gt;x&lt;/b&gt; &amp; &lt;br&gt;"
    assert charts.esc(None) == "–"
