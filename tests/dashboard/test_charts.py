"""dashboard.charts: builders return figures and decks (no browser), with article text escaped."""

from __future__ import annotations

import json

import pandas as pd
import plotly.graph_objects as go
import pydeck as pdk
import pytest

from dashboard import aggregates as agg
from dashboard import charts
from dashboard.filters import Filters, apply_filters, prepare_tables

HOSTILE = '<img src=x onerror="window.__pwned=2"><script>alert(1)</script>'


@pytest.fixture()
def view(tiny) -> dict[str, pd.DataFrame]:
    tiny["events"].loc[0, "summary"] = HOSTILE
    tiny["budgets"].loc[0, "program"] = HOSTILE
    tiny["deployments"].loc[0, "force"] = HOSTILE
    return apply_filters(prepare_tables(tiny), Filters())


def figure_text(fig: go.Figure) -> str:
    return fig.to_json()


def test_timeline_has_events_and_periods(view):
    fig = charts.timeline_figure(agg.dated_events(view["events"]), agg.program_periods(view["budgets"]))
    assert isinstance(fig, go.Figure)
    kinds = [trace.type for trace in fig.data]
    assert kinds.count("scatter") == 2 and kinds.count("bar") == 1
    assert "<script" not in figure_text(fig) and "<img" not in figure_text(fig)
    assert "&lt;script&gt;" in figure_text(fig)


def test_timeline_without_periods(view):
    fig = charts.timeline_figure(agg.dated_events(view["events"]), agg.program_periods(view["budgets"].iloc[0:0]))
    assert {trace.type for trace in fig.data} == {"scatter"}


def test_budget_charts(view):
    sunburst = charts.budget_sunburst(agg.budget_tree(view["budgets"]))
    assert sunburst.data[0].type == "sunburst" and "<img" not in figure_text(sunburst)
    bars = charts.budget_year_bars(agg.budget_by_year(view["budgets"]), log=True)
    assert bars.layout.yaxis.type == "log" and bars.layout.xaxis.type == "category"  # years, not 2,024.5
    assert charts.budget_sunburst(agg.budget_tree(view["budgets"].iloc[0:0])).layout.annotations


def test_personnel_bars(view):
    fig = charts.personnel_bars(agg.deployment_summary(view["deployments"]))
    assert fig.data and "<img" not in figure_text(fig)


def test_deck_is_offline_with_plain_text_tooltips(view):
    summary = agg.deployment_summary(view["deployments"])
    outlines = {"type": "FeatureCollection", "features": []}
    labels = pd.DataFrame({"name": ["Romania"], "lat": [45.9], "lon": [24.9]})
    deck = charts.flank_deck(charts.deployment_points(summary), charts.site_points(agg.site_table(view["sites"])),
                             outlines, labels)
    assert isinstance(deck, pdk.Deck)
    spec = json.loads(deck.to_json())
    assert "mapProvider" not in spec and "cartocdn" not in deck.to_json() and "mapbox" not in deck.to_json()
    assert spec["mapStyle"] == "__MAP_STYLE__"  # Streamlit then draws no basemap at all
    assert set(deck._tooltip) == {"text"}  # deck.gl sets text tooltips with innerText, never as HTML
    layers = {layer["id"]: layer for layer in spec["layers"]}
    assert {"outlines", "country-names", "sites", "deployments"} <= set(layers)
    assert layers["country-names"]["characterSet"] == "auto"
    tooltip = layers["deployments"]["data"][0]["tooltip"]
    assert "forces:" in tooltip and "personnel:" in tooltip


def test_country_level_deployments_sit_at_the_centroid(view):
    points = charts.deployment_points(agg.deployment_summary(view["deployments"]))
    country = points[points["tooltip"].str.contains(agg.COUNTRY_LEVEL, regex=False)]
    assert country[["lat", "lon"]].values.tolist() == [[55.3, 23.9]]


def test_personnel_sizes_the_circles(view):
    points = charts.deployment_points(agg.deployment_summary(view["deployments"]))
    assert points["radius"].max() > points["radius"].min()


def test_colours_are_stable_and_distinct():
    colours = charts.colour_map(["USA", "DEU", "POL", "DEU"])
    assert len(set(colours.values())) == 3 and colours == charts.colour_map(["POL", "USA", "DEU"])


def test_esc_neutralises_plotly_markup():
    assert charts.esc("<b>x</b> & <br>") == "&lt;b&gt;x&lt;/b&gt; &amp; &lt;br&gt;"
    assert charts.esc(None) == "–"
