"""Timeline: dated events as points by type over program periods; undated events beside."""

import streamlit as st

from dashboard import aggregates as agg
from dashboard import charts, data, widgets

st.title("Timeline")
if widgets.no_data("timeline"):
    st.stop()
t = data.view(widgets.current_filters())
widgets.filter_caption()

dated = agg.dated_events(t["events"])
periods = agg.program_periods(t["budgets"])
undated = agg.undated_events(t["events"])
titles = widgets.article_titles()

chart, side = st.columns([3, 1])
with chart:
    if dated.empty and periods.empty:
        widgets.no_rows("dated events or program periods")
    else:
        st.plotly_chart(charts.timeline_figure(dated, periods, titles), key="timeline_chart")
        st.caption("Marker shape shows the date's precision: ● day, ◆ month, ■ year (placed at its start).")
with side:
    st.subheader("Undated events")
    st.caption("Events with no date, or a day and month without a year ('--12-12'), can't be placed on the axis.")
    if undated.empty:
        st.caption("None for these filters.")
    else:
        widgets.table(undated, "timeline_undated", "undated-events",
                      columns=["why", "date", "event_type", "summary", "article_id", "start"], height=420)

st.subheader("Dated events")
widgets.table(dated, "timeline_events", "dated-events",
              columns=["date", "precision", "event_type", "summary", "program", "actor_codes", "evidence",
                       "article_id", "start", "end"])
st.subheader("Program periods")
widgets.table(periods, "timeline_periods", "program-periods", link=False, column_config=widgets.EUR_COLUMNS)
