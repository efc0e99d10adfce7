"""Plotly chart builders: plain functions from frames to figures (no Streamlit here).

Text from articles is untrusted. Plotly renders a few HTML-like tags in labels and hovers,
so every data value that reaches a figure goes through `esc` (our own `<br>` are added after).
Money is written by `dashboard.money` only, so a figure reads the same on every page.
"""

from __future__ import annotations

import datetime as dt
import html

import numpy as np
import pandas as pd
import plotly.graph_objects as go
from plotly.subplots import make_subplots

from dashboard import money
from dashboard.colours import EVENT_COLOURS, EVENT_SYMBOLS, KIND_COLOURS, colour_map

EVENT_TYPES = tuple(EVENT_COLOURS)
#: The most events drawn as points (a browser slows down beyond a few thousand).
MAX_POINTS = 3000
#: Funders drawn in the ranked bars (the CSV has them all).
MAX_FUNDERS = 25
MARGIN = {"l": 10, "r": 10, "t": 40, "b": 10}
JITTER = 0.16  # vertical step between events of one type on the same date (in type rows)


def esc(value: object, limit: int | None = None) -> str:
    """A value as text that Plotly shows literally (its tags and entities neutralised).

    >>> esc('<img src=x onerror="a()">&')
    '&lt;img src=x onerror="a()"&gt;&amp;'
    """
    if value is None or (not isinstance(value, list | tuple | np.ndarray) and pd.isna(value)):
        return "–"
    text = str(value)
    if limit and len(text) > limit:
        text = text[: limit - 1] + "…"
    return html.escape(text, quote=False)


def _wrap(text: object, width: int = 80) -> str:
    """Escaped text broken into lines for a hover box."""
    words, lines, line = str(text).split(), [], ""
    for word in words:
        if line and len(line) + len(word) > width:
            lines.append(line)
            line = ""
        line = f"{line} {word}".strip()
    lines.append(line)
    return "<br>".join(esc(part) for part in lines[:6])


def escaped(values: pd.Series, limit: int | None = None) -> pd.Series:
    """`esc` over a column, vectorised ('–' for missing).

    >>> escaped(pd.Series(["<b>&", None])).tolist()
    ['&lt;b&gt;&amp;', '–']
    """
    text = values.astype("str")
    if limit:
        text = text.where(text.str.len() <= limit, text.str.slice(0, limit - 1) + "…")
    text = text.str.replace("&", "&amp;", regex=False).str.replace("<", "&lt;", regex=False).str.replace(
        ">", "&gt;", regex=False)
    return text.fillna("–")


def wrapped(values: pd.Series, width: int = 80, lines: int = 5) -> pd.Series:
    """Escaped text cut into lines of `width` characters for hover boxes (vectorised: slices of the
    text, each escaped, so no entity is cut in two).

    >>> wrapped(pd.Series(["abcdef<", None]), width=3).tolist()
    ['abc<br>def<br>&lt;', '–']
    """
    text = values.astype("str")
    out = escaped(text.str.slice(0, width))
    for k in range(1, lines):
        piece = text.str.slice(k * width, (k + 1) * width)
        out = out.where(piece.fillna("").str.len() == 0, out + "<br>" + escaped(piece))
    longer = text.str.len().fillna(0) > width * lines
    return out.where(~longer, out + "…").fillna("–")


def empty_figure(message: str) -> go.Figure:
    fig = go.Figure()
    fig.add_annotation(text=esc(message), showarrow=False, x=0.5, y=0.5, xref="paper", yref="paper")
    fig.update_layout(xaxis_visible=False, yaxis_visible=False, height=200, margin=MARGIN)
    return fig


# --- timeline ------------------------------------------------------------------------------


def stacked_offsets(types: pd.Series, when: pd.Series) -> np.ndarray:
    """A vertical offset per event so events of one type on one date sit side by side, not on top.

    >>> stacked_offsets(pd.Series(["a", "a", "a", "b"]), pd.Series([1, 1, 1, 1])).round(2).tolist()
    [-0.16, 0.0, 0.16, 0.0]
    """
    frame = pd.DataFrame({"t": types.to_numpy(), "w": when.to_numpy()})
    rank = frame.groupby(["t", "w"], sort=False).cumcount().to_numpy()
    size = frame.groupby(["t", "w"], sort=False)["t"].transform("size").to_numpy()
    return np.clip((rank - (size - 1) / 2) * JITTER, -0.42, 0.42)


def _type_order(dated: pd.DataFrame) -> list[str]:
    present = set(dated["event_type"].dropna())
    return [t for t in EVENT_TYPES if t in present] + sorted(present - set(EVENT_TYPES))


def timeline_figure(dated: pd.DataFrame, periods: pd.DataFrame, titles: dict[str, str] | None = None,
                    counts: bool = True, today: dt.date | None = None) -> go.Figure:
    """Events on a real date axis (one marker and colour per type, stacked where they share a
    date, hollow when planned after today), monthly counts per type, and program periods."""
    titles, today = titles or {}, today or dt.date.today()
    types = _type_order(dated)
    rows = [("Events", 60 + 34 * max(1, len(types)))]
    if counts and len(dated):
        rows.append(("Events per month", 170))
    if len(periods):
        rows.append(("Program periods (budget years)", 40 + 26 * len(periods)))
    fig = make_subplots(rows=len(rows), cols=1, shared_xaxes=True, vertical_spacing=0.07,
                        row_heights=[h for _, h in rows], subplot_titles=[t for t, _ in rows])
    row_of = {title: i + 1 for i, (title, _) in enumerate(rows)}
    if len(dated):
        _add_events(fig, dated, types, titles, pd.Timestamp(today))
        if "Events per month" in row_of:
            _add_month_counts(fig, dated, types, row_of["Events per month"])
    if "Program periods (budget years)" in row_of:
        _add_periods(fig, periods, row_of["Program periods (budget years)"])
    fig.add_vline(x=pd.Timestamp(today).value / 1e6, line_dash="dot", line_color="#555555")
    fig.update_layout(height=sum(h for _, h in rows) + 110, margin=MARGIN, hoverlabel={"align": "left"},
                      legend={"title": "event type", "orientation": "h", "y": -0.04, "yanchor": "top"},
                      dragmode="select", selectdirection="h", barmode="stack")
    fig.update_xaxes(type="date", showgrid=True, tickformatstops=[
        {"dtickrange": [None, 86_400_000 * 40], "value": "%d %b %Y"},
        {"dtickrange": [86_400_000 * 40, 86_400_000 * 200], "value": "%b %Y"},
        {"dtickrange": [86_400_000 * 200, None], "value": "%Y"}], nticks=24)
    fig.update_xaxes(showticklabels=True, row=1, col=1)
    return fig


def _add_events(fig: go.Figure, dated: pd.DataFrame, types: list[str], titles: dict, today: pd.Timestamp) -> None:
    position = {t: i for i, t in enumerate(types)}
    y = dated["event_type"].map(position).to_numpy(dtype=float) + stacked_offsets(dated["event_type"], dated["when"])
    future = (dated["when"] > today).to_numpy()
    source = escaped(dated["article_id"].map(lambda a: titles.get(a, a)).astype("str"), 90)
    hovers = ("<b>" + escaped(dated["date"]) + "</b> (" + escaped(dated["precision"]) + " precision) · "
              + escaped(dated["event_type"]) + pd.Series(np.where(future, " · planned", ""), index=dated.index)
              + "<br>" + wrapped(dated["summary"]) + "<br><i>source:</i> " + source + "<br><i>evidence:</i> "
              + wrapped(dated["evidence"])).to_numpy(dtype=object)
    kinds = dated["event_type"].to_numpy(dtype=object)
    for event_type in types:
        symbol = EVENT_SYMBOLS.get(event_type, "circle")
        for planned in (False, True):  # one trace per marker style: plotly checks a symbol array point by point
            pick = (kinds == event_type) & (future == planned)
            if not pick.any():
                continue
            fig.add_trace(go.Scatter(
                x=dated["when"].to_numpy()[pick], y=y[pick], mode="markers", name=esc(event_type),
                legendgroup=esc(event_type), showlegend=not planned or not ((kinds == event_type) & ~future).any(),
                marker={"size": 11, "color": EVENT_COLOURS.get(event_type, "#adb5bd"), "line": {"width": 1.5},
                        "symbol": f"{symbol}-open" if planned else symbol},
                hovertext=hovers[pick], hoverinfo="text"), row=1, col=1)
    if future.any():
        fig.add_trace(go.Scatter(x=[None], y=[None], mode="markers", name="planned (after today)",
                                 marker={"symbol": "circle-open", "color": "#333333", "size": 11}), row=1, col=1)
    fig.update_yaxes(tickmode="array", tickvals=list(range(len(types))), ticktext=[esc(t) for t in types],
                     range=[len(types) - 0.5, -0.5], row=1, col=1, fixedrange=True)


def _add_month_counts(fig: go.Figure, dated: pd.DataFrame, types: list[str], row: int) -> None:
    month = dated["when"].dt.to_period("M").dt.to_timestamp()
    counts = pd.DataFrame({"month": month, "type": dated["event_type"]}).value_counts().rename("n").reset_index()
    for event_type in types:
        part = counts[counts["type"] == event_type]
        fig.add_trace(go.Bar(x=part["month"], y=part["n"], name=esc(event_type), legendgroup=esc(event_type),
                             showlegend=False, marker_color=EVENT_COLOURS.get(event_type, "#adb5bd"),
                             hovertemplate=f"{esc(event_type)} %{{x|%b %Y}}: %{{y}}<extra></extra>"),
                      row=row, col=1)
    fig.update_yaxes(title_text="events", row=row, col=1, fixedrange=True)


def _add_periods(fig: go.Figure, periods: pd.DataFrame, row: int) -> None:
    start = pd.to_datetime(periods["year_start"].astype(int).astype(str) + "-01-01")
    end = pd.to_datetime((periods["year_end"].astype(int) + 1).astype(str) + "-01-01")
    labels = [f"{esc(p, 32)} · {esc(f, 24)} ({esc(k)})" for p, f, k in
              zip(periods["program"], periods["funder"], periods["kind"], strict=False)]
    hover = [f"<b>{esc(p)}</b><br>{esc(f)} · {esc(k)}<br>{a}–{b}<br>{money.eur(m) or 'no euro value'} ({n} rows)"
             for p, f, k, a, b, m, n in zip(periods["program"], periods["funder"], periods["kind"],
                                            periods["year_start"], periods["year_end"], periods["amount_eur"],
                                            periods["rows"], strict=False)]
    fig.add_trace(go.Bar(
        y=labels, base=start, x=(end - start).dt.total_seconds() * 1000, orientation="h",
        marker={"color": [KIND_COLOURS.get(k, "#BAB0AC") for k in periods["kind"]]},
        hovertext=hover, hoverinfo="text", name="program period", showlegend=False), row=row, col=1)
    fig.update_yaxes(autorange="reversed", row=row, col=1, fixedrange=True)


# --- money ---------------------------------------------------------------------------------


def funder_bars(sums: pd.DataFrame, kind: str, log: bool = False) -> go.Figure:
    """Funders ranked by euros of one kind, as horizontal bars (Kiel Ukraine Support Tracker style)."""
    part = sums[sums["kind"] == kind].astype({"amount_eur": float}).nlargest(MAX_FUNDERS, "amount_eur")
    if part.empty:
        return empty_figure(f"No {kind} with a euro value for these filters")
    part = part.iloc[::-1]
    labels = [money.eur(v) for v in part["amount_eur"]]
    fig = go.Figure(go.Bar(
        x=part["amount_eur"], y=[esc(f, 40) for f in part["funder"]], orientation="h",
        marker_color=KIND_COLOURS.get(kind, "#BAB0AC"), text=labels, textposition="outside", cliponaxis=False,
        customdata=np.stack([labels, part["rows"].astype(str)], axis=1),
        hovertemplate="%{y}: %{customdata[0]} (%{customdata[1]} rows)<extra></extra>"))
    ticks, labels_ = money.axis_ticks(float(part["amount_eur"].max()), log=log)
    fig.update_layout(height=80 + 26 * len(part), margin={**MARGIN, "r": 60}, xaxis_title=f"{kind}, €",
                      xaxis_type="log" if log else "linear", showlegend=False)
    fig.update_xaxes(tickmode="array", tickvals=ticks, ticktext=labels_)
    return fig


def budget_year_bars(by_year: pd.DataFrame, log: bool = False) -> go.Figure:
    """Euros per year, one bar group per kind (kinds never stacked), multi-year figures spread."""
    if by_year.empty:
        return empty_figure("No budget rows with a year and a euro amount for these filters")
    fig = go.Figure()
    for kind in [k for k in KIND_COLOURS if k in set(by_year["kind"])]:
        part = by_year[by_year["kind"] == kind]
        fig.add_trace(go.Bar(x=part["year"].astype(str), y=part["amount_eur"], name=esc(kind),
                             marker_color=KIND_COLOURS[kind],
                             customdata=np.stack([[money.eur(v) for v in part["amount_eur"]], part["rows"]], axis=1),
                             hovertemplate=f"{esc(kind)} %{{x}}: %{{customdata[0]}} (%{{customdata[1]}} rows)"
                                           "<extra></extra>"))
    fig.update_layout(barmode="group", height=360, margin=MARGIN, yaxis_title="€ per year", xaxis_title="year",
                      legend={"title": "kind"}, yaxis_type="log" if log else "linear", xaxis_type="category",
                      xaxis_categoryorder="category ascending")
    ticks, labels_ = money.axis_ticks(float(by_year.groupby(["year", "kind"])["amount_eur"].sum().max()), log=log)
    fig.update_yaxes(tickmode="array", tickvals=ticks, ticktext=labels_)
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
            hovertext=[f"{esc(force)} → {esc(h)}<br>{esc(s)}: {money.count(p)}" for h, s, p in
                       zip(part["host"], part["site"], part["personnel"], strict=False)],
            hoverinfo="text"))
    fig.update_layout(barmode="stack", height=380, margin=MARGIN, yaxis_title="personnel", legend={"title": "force"},
                      yaxis_tickformat=",d")
    return fig


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
