"""Coalitions: members × coalitions with roles and join dates; applicants."""

import streamlit as st

from dashboard import aggregates as agg
from dashboard import charts, widgets

_, t = widgets.filtered_page("Coalitions")

coalitions = t["coalitions"]
if coalitions.empty:
    widgets.no_rows("coalition memberships")
    st.stop()

st.subheader("Members × coalitions")
st.caption("Each cell: the role(s) articles state (leader, member, applicant) and the earliest date given.")
matrix = agg.coalition_matrix(coalitions)
st.dataframe(charts.role_style(matrix), key="coalitions_matrix", hide_index=True,
             height=min(800, 35 * (len(matrix) + 1) + 3))
widgets.download_csv(matrix, "coalition-matrix", "coalitions_matrix")

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
