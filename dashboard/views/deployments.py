"""Deployments: force → host → site, personnel where stated."""

import streamlit as st

from dashboard import aggregates as agg
from dashboard import charts, data, widgets

chosen, t = widgets.filtered_page("Deployments")

deployments = t["deployments"]
if deployments.empty:
    widgets.no_rows("deployments")
    st.stop()

summary = data.per_view("deployment_summary", agg.summary_of, chosen)
chart, table = st.columns([2, 3])
with chart:
    st.subheader("Personnel by host")
    st.plotly_chart(charts.personnel_bars(summary, data.force_colours()), key="deployments_chart")
    widgets.download_csv(agg.personnel_by_host(summary), "personnel-by-host", "deployments_chart")
with table:
    st.subheader("Force → host → site")
    st.caption("Personnel: the largest figure any article states for that force, host and site. Status: "
               "current if any article says so, else planned, else ended. Independent reports: articles stating "
               "it, near-duplicates counted once.")
    widgets.table(summary, "deployments_summary", "deployments-summary", link=False,
                  columns=["force", "host", "site", "personnel", "status", "reports", "sources", "force_code",
                           "host_code"])

st.subheader("Deployment rows")
widgets.table(deployments, "deployments_rows", "deployments",
              columns=["force", "host", "site", "personnel", "status", "program", "evidence", "article_id", "start",
                       "end"])
