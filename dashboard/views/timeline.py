"""Timeline: dated events on a real date axis by type, monthly counts, program periods; drag
across the chart to set the date filter. Undated events beside."""

import datetime as dt

import pandas as pd
import streamlit as st

from dashboard import aggregates as agg
from dashboard import charts, data, widgets
from dashboard.view import select

chosen, t = widgets.filtered_page("Timeline")


def _dragged() -> None:
    """Box selection on the chart: its horizontal extent becomes the sidebar's date range."""
    state = st.session_state.get("timeline_chart")
    boxes = list(getattr(getattr(state, "selection", None), "box", None) or [])
    xs = [x for box in boxes for x in (box.get("x") or [])]
    if len(xs) >= 2:
        when = pd.to_datetime(pd.Series(xs), errors="coerce").dropna()
        if len(when) >= 2:
            widgets.set_dates(when.min().date(), when.max().date())


dated = data.per_view("dated_events", lambda v: agg.dated_in(v, limit=charts.MAX_POINTS), chosen)
periods = data.per_view("program_periods", lambda v: agg.program_periods(select(v, "budgets", agg.PERIOD_READS)), chosen)
undated = data.per_view("undated_events", agg.undated_in, chosen)
st.session_state.setdefault("timeline_counts", True)
counts = st.toggle("Monthly counts", key="timeline_counts",
                   help="Bars under the events: how many of each type per month")
widgets.sync_page()

chart, side = st.columns([5, 2])
with chart:
    if dated.empty and periods.empty:
        widgets.no_rows("dated events or program periods")
    else:
        st.plotly_chart(charts.timeline_figure(dated, periods, data.article_titles(), counts=counts,
                                               today=dt.date.today()),
                        key="timeline_chart", on_select=_dragged, selection_mode="box")
        if len(dated) == charts.MAX_POINTS:
            st.caption(f"Showing the latest {charts.MAX_POINTS:,} dated events: narrow the filters to see earlier ones.")
        st.caption("One marker and colour per event type; events of a type on the same date sit side by side. "
                   "Hollow markers: planned, dated after today (dotted line). A month or a year is placed at its "
                   "first day. Drag across the chart to set the date filter to that span.")
with side:
    st.subheader("Undated events")
    st.caption("Not on the axis: events with no date, or with a day and month but no year ('--12-12').")
    if undated.empty:
        st.caption("None for these filters.")
    else:
        widgets.table(undated, "timeline_undated", "undated-events",
                      columns=["date", "why", "summary", "event_type", "evidence", "article_id", "start"],
                      column_config={"date": st.column_config.TextColumn("date", width=60),
                                     "why": st.column_config.TextColumn("why", width=60),
                                     "summary": st.column_config.TextColumn("summary", width="large")})

st.subheader("Dated events")
widgets.table(dated, "timeline_events", "dated-events",
              columns=["date", "precision", "event_type", "summary", "program", "actor_codes", "evidence",
                       "article_id", "start", "end"])
st.subheader("Program periods")
widgets.table(periods.assign(eur=[agg.money.eur(v) for v in periods["amount_eur"]]), "timeline_periods",
              "program-periods", link=False, columns=["program", "funder", "kind", "year_start", "year_end", "eur",
                                                      "rows"], csv=periods)
