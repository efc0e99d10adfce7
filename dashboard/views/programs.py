"""Programs: every program, fund, package or mission the articles name, with what the store holds on it."""

import streamlit as st

from dashboard import data, profiles, widgets

chosen, _ = widgets.filtered_page("Programs")

listed = data.per_view("program_table", profiles.program_table, chosen)
if listed.empty:
    widgets.no_rows("programs")
    st.stop()
st.caption(f"{len(listed):,} programs named in budgets, deployments or events, or linked across articles. "
           "Euros per kind, summed without counting shares twice.")
widgets.table(listed, "programs_list", "programs", link=False)
