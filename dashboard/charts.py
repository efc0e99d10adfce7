"""Chart builders: plain functions from frames to Plotly figures and pydeck decks.

Text from articles is untrusted. Plotly renders a few HTML-like tags in labels and hovers,
so every data value that reaches a figure goes through `esc` (our own `<br>` are added after).
Map tooltips use deck.gl's plain-text tooltip (set with innerText, never parsed as HTML).
"""

from __future__ import annotations

import html
from collections.abc import Iterable

import pandas as pd
import plotly.graph_objects as go
import pydeck as pdk
from plotly.subplots import make_subplots

from dashboard.aggregates import COUNTRY_LEVEL

#: The eastern flank, Romania to the Baltics.
FLANK_VIEW = {"latitude": 51.8, "longitude": 25.0, "zoom": 3.8}
#: Distinct colours for categories (forces), handed out in sorted order by `colour_map`.
PALETTE = ["#1f77b4", "#ff7f0e", "#2ca02c", "#d62728", "#9467bd", "#8c564b", "#e377c2", "#17becf", "#bcbd22",
           "#7f7f7f", "#393b79", "#e6550d", "#31a354", "#843c39", "#7b4173", "#3182bd", "#fd8d3c", "#74c476",
           "#ad494a", "#a55194", "#6baed6", "#fdae6b", "#9e9ac8", "#636363"]
EVENT_COLOURS = {"approval": "#1f77b4", "announcement": "#ff7f0e", "agreement": "#2ca02c", "procurement": "#d62728",
                 "delivery": "#9467bd", "deployment": "#8c564b", "membership": "#e377c2", "summit": "#17becf",
                 "incident": "#bcbd22", "establishment": "#393b79", "funding": "#31a354", "report": "#7f7f7f",
                 "other": "#c7c7c7"}
EVENT_TYPES = tuple(EVENT_COLOURS)
KIND_COLOURS = {"total": "#4C78A8", "allocation": "#54A24B", "pledge": "#F58518", "contribution": "#B279A2",
                "package": "#72B7B2", "other": "#BAB0AC"}
SEA = [[-40.0, 20.0], [70.0, 20.0], [70.0, 80.0], [-40.0, 80.0]]
#: The most events drawn as points (a browser slows down beyond a few thousand).
MAX_POINTS = 3000
MARGIN = {"l": 10, "r": 10, "t": 40, "b": 10}


def esc(value: object, limit: int | None = None) -> str:
    """A value as text that Plotly shows literally (its tags and entities neutralised).

    >>> esc('<img src=x onerror="a()">&')
    '&lt;img src=x onerror="a()"&gt;&amp;'
    """
    if value is None or (not isinstance(value, list | tuple) and pd.isna(value)):
        return "–"
    text = str(value)
    if limit and len(text) > limit:
        text = text[: limit - 1] + "…"
    return html.escape(text, quote=False)


def _wrap(text: str, width: int = 80) -> str:
    """Escaped text broken into lines for a hover box."""
    words, lines, line = str(text).split(), [], ""
    for word in words:
        if line and len(line) + len(word) > width:
            lines.append(line)
            line = ""
        line = f"{line} {word}".strip()
    lines.append(line)
    return "<br>".join(esc(part) for part in lines[:6])


def colour_map(keys: Iterable[object]) -> dict[str, str]:
    """A distinct colour per key, in sorted order (give it every key in the store, not just the
    filtered ones, so a country keeps its colour whatever the filters).

    >>> colour_map(["POL", "DEU", "POL"])
    {'DEU': '#1f77b4', 'POL': '#ff7f0e'}
    """
    unique = sorted({str(k) for k in keys if k is not None and not _isna(k)})
    return {key: PALETTE[i % len(PALETTE)] for i, key in enumerate(unique)}


def rgb(hex_colour: str, alpha: int = 200) -> list[int]:
    return [int(hex_colour[i:i + 2], 16) for i in (1, 3, 5)] + [alpha]


def empty_figure(message: str) -> go.Figure:
    fig = go.Figure()
    fig.add_annotation(text=esc(message), showarrow=False, x=0.5, y=0.5, xref="paper", yref="paper")
    fig.update_layout(xaxis_visible=False, yaxis_visible=False, height=200, margin=MARGIN)
    return fig


# --- timeline ------------------------------------------------------------------------------


def timeline_figure(dated: pd.DataFrame, periods: pd.DataFrame, titles: dict[str, str] | None = None) -> go.Figure:
    """Dated events as points by type (hover: summary, source, evidence) over program periods as bars."""
    titles = titles or {}
    rows = 2 if len(periods) else 1
    events_height = 80 + 36 * max(1, dated["event_type"].nunique())
    periods_height = 30 * len(periods) + 40
    heights = [events_height, periods_height] if rows == 2 else [1.0]
    fig = make_subplots(rows=rows, cols=1, shared_xaxes=True, vertical_spacing=0.08, row_heights=heights,
                        subplot_titles=["Events", "Program periods (budget years)"][:rows])
    for event_type in [t for t in EVENT_TYPES if t in set(dated["event_type"])] + sorted(
            set(dated["event_type"].dropna()) - set(EVENT_TYPES)):
        part = dated[dated["event_type"] == event_type]
        hover = [f"<b>{esc(d)}</b> ({esc(p)} precision) · {esc(event_type)}<br>{_wrap(s)}<br>"
                 f"<i>source:</i> {esc(titles.get(a, a), 90)}<br><i>evidence:</i> {_wrap(e)}"
                 for d, p, s, a, e in zip(part["date"], part["precision"], part["summary"], part["article_id"],
                                          part["evidence"], strict=False)]
        symbols = part["precision"].map({"day": "circle", "month": "diamond", "year": "square"}).fillna("circle")
        fig.add_trace(go.Scatter(
            x=part["when"], y=[esc(event_type)] * len(part), mode="markers", name=esc(event_type),
            marker={"size": 12, "color": EVENT_COLOURS.get(event_type, "#c7c7c7"), "symbol": list(symbols),
                    "line": {"width": 1, "color": "white"}},
            hovertext=hover, hoverinfo="text"), row=1, col=1)
    if rows == 2:
        _add_periods(fig, periods)
    fig.update_layout(height=events_height + (periods_height if rows == 2 else 0) + 90, margin=MARGIN,
                      hoverlabel={"align": "left"}, showlegend=False)
    fig.update_xaxes(type="date")
    return fig


def _add_periods(fig: go.Figure, periods: pd.DataFrame) -> None:
    start = pd.to_datetime(periods["year_start"].astype(str) + "-01-01")
    end = pd.to_datetime((periods["year_end"] + 1).astype(str) + "-01-01")
    labels = [f"{esc(p, 32)} · {esc(f, 24)} ({esc(k)})" for p, f, k in
              zip(periods["program"], periods["funder"], periods["kind"], strict=False)]
    hover = [f"<b>{esc(p)}</b><br>{esc(f)} · {esc(k)}<br>{a}–{b}<br>€{m:,.0f} ({n} rows)"
             for p, f, k, a, b, m, n in zip(periods["program"], periods["funder"], periods["kind"],
                                            periods["year_start"], periods["year_end"],
                                            periods["amount_eur"].fillna(0), periods["rows"], strict=False)]
    fig.add_trace(go.Bar(
        y=labels, base=start, x=(end - start).dt.total_seconds() * 1000, orientation="h",
        marker={"color": [KIND_COLOURS.get(k, "#BAB0AC") for k in periods["kind"]]},
        hovertext=hover, hoverinfo="text", name="program period", showlegend=False), row=2, col=1)
    fig.update_yaxes(autorange="reversed", row=2, col=1)


# --- budgets -------------------------------------------------------------------------------


def budget_sunburst(tree: pd.DataFrame) -> go.Figure:
    """Euros by funder → program → purpose; leaves show the original amounts in their hover."""
    if tree.empty:
        return empty_figure("No budget rows with a euro amount for these filters")
    ids, labels, parents, values, originals = [], [], [], [], []
    for level in (["funder"], ["funder", "program"], ["funder", "program", "purpose"]):
        grouped = tree.groupby(level, as_index=False).agg(amount_eur=("amount_eur", "sum"),
                                                          original=("original", " + ".join))
        for row in grouped.itertuples(index=False):
            path = [getattr(row, c) for c in level]
            ids.append(" / ".join(esc(p) for p in path))
            parents.append(" / ".join(esc(p) for p in path[:-1]))
            labels.append(esc(path[-1], 40))
            values.append(row.amount_eur)
            originals.append(esc(row.original, 120))
    fig = go.Figure(go.Sunburst(
        ids=ids, labels=labels, parents=parents, values=values, branchvalues="total", customdata=originals,
        hovertemplate="%{id}<br>€%{value:,.0f}<br>as stated: %{customdata}<extra></extra>",
        insidetextorientation="radial"))
    fig.update_layout(height=520, margin=MARGIN)
    return fig


def budget_year_bars(by_year: pd.DataFrame, log: bool = False) -> go.Figure:
    """Euros per first year, one bar group per kind (pledges and allocations never stacked)."""
    if by_year.empty:
        return empty_figure("No budget rows with a year and a euro amount for these filters")
    fig = go.Figure()
    for kind in [k for k in KIND_COLOURS if k in set(by_year["kind"])]:
        part = by_year[by_year["kind"] == kind]
        fig.add_trace(go.Bar(x=part["year"].astype(str), y=part["amount_eur"], name=esc(kind),
                             marker_color=KIND_COLOURS[kind], customdata=part["rows"],
                             hovertemplate=f"{esc(kind)} %{{x}}: €%{{y:,.0f}} (%{{customdata}} rows)<extra></extra>"))
    fig.update_layout(barmode="group", height=360, margin=MARGIN, yaxis_title="EUR", xaxis_title="first year",
                      legend={"title": "kind"}, yaxis_type="log" if log else "linear", xaxis_type="category")
    return fig


# --- deployments ---------------------------------------------------------------------------


def personnel_bars(summary: pd.DataFrame, colours: dict[str, str] | None = None) -> go.Figure:
    """Stated personnel per host, stacked by force (colours: force code -> colour, as on the map)."""
    colours = colours or colour_map(summary["force_code"])
    stated = summary.dropna(subset=["personnel"])
    if stated.empty:
        return empty_figure("No personnel figures stated for these filters")
    fig = go.Figure()
    for force, part in stated.groupby("force", sort=True):
        fig.add_trace(go.Bar(
            x=[esc(h) for h in part["host"]], y=part["personnel"], name=esc(force),
            marker_color=colours.get(str(part["force_code"].iloc[0]), "#7f7f7f"),
            hovertext=[f"{esc(force)} → {esc(h)}<br>{esc(s)}: {int(p):,}" for h, s, p in
                       zip(part["host"], part["site"], part["personnel"], strict=False)],
            hoverinfo="text"))
    fig.update_layout(barmode="stack", height=380, margin=MARGIN, yaxis_title="personnel", legend={"title": "force"})
    return fig


# --- map -----------------------------------------------------------------------------------


def _tooltip_lines(*pairs: tuple[str, object]) -> str:
    return "\n".join(f"{name}: {value}" for name, value in pairs if value not in (None, "") and not _isna(value))


def _isna(value: object) -> bool:
    return not isinstance(value, list | tuple) and bool(pd.isna(value))


def deployment_points(summary: pd.DataFrame, sources: dict[tuple, list[str]] | None = None,
                      colours: dict[str, str] | None = None) -> pd.DataFrame:
    """Map points of deployments: one per force and place, sized by personnel, coloured by force."""
    points = summary.dropna(subset=["lat", "lon"]).copy()
    sources = sources or {}
    colours = colours or colour_map(summary["force_code"])
    people = points["personnel"]
    points["radius"] = (6_000 + people.fillna(0).clip(lower=0) ** 0.5 * 900).astype(float)
    points["colour"] = [rgb(colours.get(str(code), "#7f7f7f")) for code in points["force_code"]]
    points["tooltip"] = [
        _tooltip_lines(("site", COUNTRY_LEVEL + f" ({h}, at its centroid)" if s == COUNTRY_LEVEL else s),
                       ("forces", f"{f} in {h}"), ("personnel", f"{int(p):,}" if pd.notna(p) else "not stated"),
                       ("status", st), ("sources", "; ".join(sources.get((f, h, s), [])[:4])))
        for f, h, s, p, st in zip(points["force"], points["host"], points["site"], points["personnel"],
                                  points["status"], strict=False)]
    points = points.sort_values("radius", ascending=False)
    return points[["lat", "lon", "radius", "colour", "tooltip"]].astype({"lat": float, "lon": float})


def site_points(sites: pd.DataFrame) -> pd.DataFrame:
    """Map points of the sites named in the articles."""
    points = sites.dropna(subset=["lat", "lon"]).copy()
    points["tooltip"] = [_tooltip_lines(("site", s), ("kind", k), ("country", c), ("mentions", n))
                         for s, k, c, n in zip(points["site"], points["kind"], points["country_code"],
                                               points["mentions_count"] if "mentions_count" in points else
                                               [None] * len(points), strict=False)]
    return points[["lat", "lon", "tooltip"]].astype({"lat": float, "lon": float})


def flank_deck(deployments: pd.DataFrame, sites: pd.DataFrame, outlines: dict | None,
               labels: pd.DataFrame | None = None) -> pdk.Deck:
    """Country outlines, sites and deployments on a map with no tile server (works offline)."""
    layers = [pdk.Layer("SolidPolygonLayer", [{"polygon": SEA}], id="sea", get_polygon="polygon",
                        get_fill_color=[214, 226, 238, 255], pickable=False)]
    if outlines:
        layers.append(pdk.Layer(
            "GeoJsonLayer", outlines, id="outlines", stroked=True, filled=True, pickable=False,
            get_fill_color=[236, 239, 244, 255], get_line_color=[120, 128, 140, 255], line_width_min_pixels=1))
    if labels is not None and len(labels):
        layers.append(pdk.Layer(
            "TextLayer", labels, id="country-names", get_position="[lon, lat]", get_text="name", get_size=13,
            get_color=[110, 118, 130, 255], pickable=False, font_family='"Helvetica, Arial, sans-serif"',
            character_set='"auto"'))  # quoted: pydeck would otherwise read a string as an accessor
    layers.append(pdk.Layer(
        "ScatterplotLayer", sites, id="sites", get_position="[lon, lat]", get_radius=2500, radius_min_pixels=3,
        radius_max_pixels=8, get_fill_color=[60, 60, 60, 160], pickable=True))
    layers.append(pdk.Layer(
        "ScatterplotLayer", deployments, id="deployments", get_position="[lon, lat]", get_radius="radius",
        radius_min_pixels=5, radius_max_pixels=45, get_fill_color="colour", get_line_color=[255, 255, 255, 230],
        stroked=True, line_width_min_pixels=1, pickable=True))
    return pdk.Deck(
        layers=layers, initial_view_state=pdk.ViewState(**FLANK_VIEW), map_provider=None,
        tooltip={"text": "{tooltip}"})


def legend_rows(summary: pd.DataFrame, colours: dict[str, str] | None = None) -> pd.DataFrame:
    """The force colours used on the map, for a legend beside it."""
    colours = colours or colour_map(summary["force_code"])
    forces = summary.drop_duplicates("force")[["force", "force_code"]]
    return pd.DataFrame({"force": forces["force"].to_numpy(),
                         "colour": [colours.get(str(c), "#7f7f7f") for c in forces["force_code"]]})


def legend_style(legend: pd.DataFrame):
    """The legend frame with each colour cell painted in its colour (a pandas Styler)."""
    return legend.style.map(lambda c: f"background-color: {c}; color: {c}", subset=["colour"])


ROLE_COLOURS = {"leader": "#1f4e79", "member": "#9ecae1", "applicant": "#fdd0a2"}


def role_style(matrix: pd.DataFrame):
    """The members × coalitions matrix with each cell shaded by its role (a pandas Styler)."""
    def shade(cell: object) -> str:
        text = str(cell)
        for role, colour in ROLE_COLOURS.items():
            if text.startswith(role):
                return f"background-color: {colour}; color: {'white' if role == 'leader' else 'black'}"
        return ""

    columns = [c for c in matrix.columns if c != "member"]
    return matrix.style.map(shade, subset=columns)
