"""Coalitions: members × coalitions with roles and join dates; applicants."""

import streamlit as st

from dashboard import aggregates as agg
from dashboard import data, widgets

st.title("Coalitions")
if widgets.no_data("coalitions"):
    st.stop()
t = data.view(widgets.current_filters())
widgets.filter_caption()

coalitions = t["coalitions"]
if coalitions.empty:
    widgets.no_rows("coalition memberships")
    st.stop()

st.subheader("Members × coalitions")
st.caption("Each cell: the role(s) articles state (leader, member, applicant) and the earliest date given.")
widgets.table(agg.coalition_matrix(coalitions), "coalitions_matrix", "coalition-matrix", link=False)

st.subheader("Applicants")
applicants = agg.applicants(coalitions)
if applicants.empty:
    st.caption("No applicants for these filters.")
else:
    widgets.table(applicants, "coalitions_applicants", "coalition-applicants",
                  columns=["member", "coalition", "date", "evidence", "article_id", "start"])

st.subheader("Membership rows")
widgets.table(coalitions, "coalitions_rows", "coalitions",
              columns=["coalition", "member", "member_code", "role", "date", "evidence", "article_id", "start",
                       "end"])
