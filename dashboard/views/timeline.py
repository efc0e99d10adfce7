"""Timeline: dated events as points by type over program periods; undated events beside."""

import streamlit as st

from dashboard import aggregates as agg
from dashboard import charts, data, widgets

st.title("Timeline")
if widgets.no_data():
    st.stop()
t = data.view(widgets.current_filters())
widgets.filter_caption()

dated = agg.dated_events(t["events"], limit=charts.MAX_POINTS)
periods = agg.program_periods(t["budgets"])
undated = agg.undated_events(t["events"])
titles = data.article_titles()

chart, side = st.columns([5, 2])
with chart:
    if dated.empty and periods.empty:
        widgets.no_rows("dated events or program periods")
    else:
        st.plotly_chart(charts.timeline_figure(dated, periods, titles), key="timeline_chart")
        if len(dated) == charts.MAX_POINTS:
            st.caption(f"Showing the latest {charts.MAX_POINTS:,} dated events: narrow the filters to see earlier ones.")
        st.caption("Marker shape shows the date's precision: ● day, ◆ month, ■ year (placed at its start).")
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
widgets.table(periods, "timeline_periods", "program-periods", link=False, column_config=widgets.EUR_COLUMNS)
