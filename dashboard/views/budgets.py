"""Budgets: euros by funder → program → purpose and by year; pledges, allocations and
contributions kept apart; original currencies alongside."""

import streamlit as st

from dashboard import aggregates as agg
from dashboard import charts, data, widgets

st.title("Budgets")
if widgets.no_data():
    st.stop()
t = data.view(widgets.current_filters())
widgets.filter_caption()

budgets = t["budgets"]
kinds = [k for k in agg.KINDS if k in set(budgets["kind"])] or list(agg.KINDS[:1])
kind = st.segmented_control("Kind of money", kinds, default=kinds[0], key="budgets_kind",
                            help="Totals, allocations, pledges and contributions are different kinds of "
                                 "commitment, so they are never added together.") or kinds[0]
rows = budgets[budgets["kind"] == kind]

tree_column, year_column = st.columns(2)
with tree_column:
    st.subheader(f"{kind.capitalize()}: funder → program → purpose")
    tree = agg.budget_tree(rows)
    st.plotly_chart(charts.budget_sunburst(tree), key="budgets_sunburst")
    widgets.download_csv(tree, f"budget-tree-{kind}", "budgets_tree")
with year_column:
    st.subheader("By first year, every kind")
    by_year = agg.budget_by_year(budgets)
    log = st.toggle("Logarithmic scale", key="budgets_log", help="Small amounts stay visible beside large ones")
    st.plotly_chart(charts.budget_year_bars(by_year, log=log), key="budgets_years")
    widgets.download_csv(by_year, "budget-by-year", "budgets_by_year")
    st.caption("Original currencies")
    widgets.table(agg.budget_currencies(budgets), "budgets_currencies", "budget-currencies", link=False,
                  column_config=widgets.EUR_COLUMNS)

st.subheader(f"{kind.capitalize()} rows")
missing = int(rows["amount_eur"].isna().sum())
if missing:
    st.caption(f"{missing} row(s) have no euro value (no exchange rate fits) and are left out of the charts.")
widgets.table(rows, "budgets_rows", f"budgets-{kind}",
              columns=["amount", "currency", "amount_eur", "funder", "program", "purpose", "kind", "year_start",
                       "year_end", "evidence", "article_id", "start", "end"],
              column_config=widgets.EUR_COLUMNS)
