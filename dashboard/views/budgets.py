"""Budgets: funders ranked by euros per kind (Kiel Ukraine Support Tracker style), euros per year
with multi-year figures spread over their years, original currencies, and every row."""

import streamlit as st

from dashboard import aggregates as agg
from dashboard import charts, data, money, widgets
from dashboard.view import rows_at, select

chosen, t = widgets.filtered_page("Budgets")

sums = data.per_view("funder_totals", lambda v: money.funder_totals(select(v, "budgets", money.SUM_READS)), chosen)
kinds = [k for k in money.KINDS if k in set(sums["kind"])] or list(money.KINDS[:1])
if st.session_state.get("budgets_kind") not in kinds:
    st.session_state["budgets_kind"] = kinds[0]
kind = st.segmented_control("Kind of money", kinds, key="budgets_kind",
                            help="Totals, allocations, contracts, pledges and contributions are different kinds "
                                 "of commitment, so they are never added together.") or kinds[0]
log = st.toggle("Logarithmic scale", key="budgets_log", help="Small amounts stay visible beside large ones")
widgets.sync_page()
st.caption("Sums count only figures that are not a share of a larger one (a €30m pledge of which €20m "
           "goes to drones counts €30m once). Euros at the reference rates; rows without a rate are left out.")

bars_column, year_column = st.columns(2)
with bars_column:
    st.subheader(f"Funders by {kind}")
    st.plotly_chart(charts.funder_bars(sums, kind, log=log), key="budgets_funders")
    ranked = sums[sums["kind"] == kind].reset_index(drop=True)
    widgets.download_csv(ranked, f"funders-{kind}", "budgets_funders")
with year_column:
    st.subheader("Per year, every kind")
    by_year = data.per_view("budget_by_year", lambda v: agg.budget_by_year(select(v, "budgets", money.YEAR_READS)),
                            chosen)
    st.plotly_chart(charts.budget_year_bars(by_year, log=log), key="budgets_years")
    st.caption("A figure covering several years counts an equal share in each (a 2025–2028 total of €100m "
               "is €25m a year); figures without a year are not in this chart.")
    widgets.download_csv(by_year, "budget-by-year", "budgets_by_year")

st.subheader("Original currencies")
currencies = data.per_view("budget_currencies",
                            lambda v: agg.budget_currencies(select(v, "budgets", agg.CURRENCY_READS)), chosen)
widgets.table(currencies.assign(eur=money.eur_column(currencies["amount_eur"]),
                                as_stated=money.stated_column(currencies["amount"], currencies["currency"])),
              "budgets_currencies", "budget-currencies", link=False,
              columns=["currency", "kind", "as_stated", "eur", "rows", "without rate"], csv=currencies)

kinds_stated = select(t, "budgets", ["kind"])["kind"]
rows = rows_at(t, "budgets", kinds_stated.index[(kinds_stated == kind).to_numpy(dtype=bool, na_value=False)])
st.subheader(f"{kind.capitalize()} rows")
missing = int(rows["amount_eur"].isna().sum())
if missing:
    st.caption(f"{missing:,} row(s) have no euro value (no exchange rate fits) and are left out of the charts.")
columns = ["eur", "as_stated", "funder", "recipient", "program", "purpose", "kind", "year_start", "year_end",
           "share_of", "reports", "evidence", "article_id", "start", "end"]
raw = ["amount", "currency", "amount_eur", "funder", "funder_code", "recipient", "recipient_code", "program",
       "purpose", "kind", "year_start", "year_end", "budget_id", "part_of", "reports", "evidence", "article_id",
       "start", "end"]
widgets.table(rows, "budgets_rows", f"budgets-{kind}", columns=columns, present=agg.budget_rows,  # formats shown rows
              csv=lambda: widgets.visible(rows.assign(reports=rows.get("_reports", 1)), raw),
              csv_shape=(len(rows), len(raw)),
              column_config={"share_of": st.column_config.TextColumn(
                  "share of", help="The larger figure this one is a share of (not added again)")})
