"""Overview: headline figures (each a link to its page), euros by funder, personnel, the latest
events, what needs attention."""

import streamlit as st

from dashboard import aggregates as agg
from dashboard import data, money, widgets
from dashboard.view import select

chosen, t = widgets.filtered_page("Overview")

summary = data.per_view("deployment_summary", agg.summary_of, chosen)
LINKS = {"articles": "views/articles.py", "programs": "views/programs.py", "coalitions": "views/coalitions.py",
         "deployments": "views/deployments.py", "budget rows": "views/budgets.py"}
for column, (label, value) in zip(st.columns(5), agg.headline(t, summary).items(), strict=True):
    column.metric(label.capitalize(), money.count(value))
    column.page_link(LINKS[label], label=f"Open {label}", icon=":material/arrow_forward:")

left, right = st.columns(2)
with left:
    st.subheader("Euros by funder")
    st.caption("Summed per kind, never across kinds; a share of a larger figure is not added again.")
    by_funder = data.per_view("eur_by_funder", lambda v: agg.eur_by_funder(select(v, "budgets", money.SUM_READS)),
                              chosen)
    shown = by_funder.assign(**{k: money.eur_column(by_funder[k]) for k in by_funder.columns if k != "funder"})
    widgets.table(shown, "overview_eur", "eur-by-funder", link=False, csv=by_funder)
with right:
    st.subheader("Deployed personnel by host")
    st.caption("The largest figure any article states per force, host and site, summed per host and force.")
    widgets.table(agg.personnel_by_host(summary), "overview_personnel", "personnel-by-host", link=False)

st.subheader("Latest events")
latest = agg.latest_in(t)
if latest.empty:
    widgets.no_rows("dated events")
else:
    widgets.table(latest, "overview_events", "latest-events",
                  columns=["date", "event_type", "summary", "program", "evidence", "article_id", "start"])

st.subheader("Needs attention")
for column, (label, value) in zip(st.columns(4), agg.attention(t).items(), strict=True):
    column.metric(label.capitalize(), money.count(value))
    column.page_link("views/quality.py", label=f"Review {label}", icon=":material/rule:")
