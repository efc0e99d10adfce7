"""Overview: headline figures for the current filters, the latest events, what needs attention."""

import streamlit as st

from dashboard import aggregates as agg
from dashboard import data, widgets

st.title("Overview")
if widgets.no_data():
    st.stop()
t = data.view(widgets.current_filters())
widgets.filter_caption()

summary = agg.deployment_summary(t["deployments"])
for column, (label, value) in zip(st.columns(5), agg.headline(t, summary).items(), strict=True):
    column.metric(label.capitalize(), f"{value:,}")

left, right = st.columns(2)
with left:
    st.subheader("Euros by funder")
    st.caption("Summed per kind: pledges, allocations and totals are never added together.")
    widgets.table(agg.eur_by_funder(t["budgets"]), "overview_eur", "eur-by-funder", link=False,
                  column_config=widgets.EUR_COLUMNS)
with right:
    st.subheader("Deployed personnel by host")
    st.caption("The largest figure any article states per force, host and site, summed per host and force.")
    widgets.table(agg.personnel_by_host(summary), "overview_personnel", "personnel-by-host", link=False)

st.subheader("Latest events")
latest = agg.latest_events(t["events"])
if latest.empty:
    widgets.no_rows("dated events")
else:
    widgets.table(latest, "overview_events", "latest-events",
                  columns=["date", "event_type", "summary", "program", "evidence", "article_id", "start"])

st.subheader("Needs attention")
for column, (label, value) in zip(st.columns(4), agg.attention(t).items(), strict=True):
    column.metric(label.capitalize(), f"{value:,}")
st.page_link("views/quality.py", label="Open the data-quality page", icon=":material/rule:")
