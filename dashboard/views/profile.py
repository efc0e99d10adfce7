"""Profiles: everything about one country, site, coalition or program: money in and out, forces
sent and hosted, memberships, events on a timeline, a small map, and the sources."""

import pandas as pd
import streamlit as st

from dashboard import aggregates as agg
from dashboard import charts, data, mapdeck, money, profiles, widgets

st.title("Profiles")
if widgets.no_data():
    st.stop()
everything = data.tables()

if st.session_state.get("profile_kind") not in profiles.KINDS:
    st.session_state["profile_kind"] = "country"
pick_kind, pick_name = st.columns([2, 3])
kind = pick_kind.segmented_control("Profile of", profiles.KINDS, key="profile_kind") or "country"
choices = data.profile_names(kind)
if not choices:
    st.info(f"The store names no {kind} yet.", icon=":material/inbox:")
    st.stop()
if st.session_state.get("profile_name") not in choices:
    st.session_state["profile_name"] = choices[0]
label = data.country_label if kind == "country" else str
name = pick_name.selectbox(kind.capitalize(), choices, key="profile_name", format_func=label)
widgets.sync_page()

st.header(widgets.md(label(name)))
st.caption("Everything the store holds about it, whatever the sidebar's filters. Click a name in any table to "
           "open its profile; select a row to read its sentence.")
sections = data.profile(kind, name)
sums = profiles.money_summary(sections)
figures = [(title, money.count(len(frame))) for title, frame in sections.items() if title != "Sources"] + sums
for start in range(0, len(figures), 6):
    for column, (title, value) in zip(st.columns(6), figures[start:start + 6], strict=False):
        column.metric(title, value)

deployments = pd.concat([sections[s] for s in sections if s.startswith(("Forces", "Deployments"))] or
                        [everything["deployments"].iloc[0:0]]).drop_duplicates()
summary = agg.deployment_summary(deployments)
events = sections.get("Events", everything["events"].iloc[0:0])
dated = agg.dated_events(events, limit=charts.MAX_POINTS)
left, right = st.columns([3, 2])
with left:
    st.subheader("Events")
    if dated.empty:
        st.caption("No dated events.")
    else:
        st.plotly_chart(charts.timeline_figure(dated, agg.program_periods(everything["budgets"].iloc[0:0]),
                                               data.article_titles(), counts=False), key="profile_timeline")
with right:
    st.subheader("Map")
    points = mapdeck.deployment_points(summary)
    sites = agg.site_table(everything["sites"][everything["sites"]["site"].isin(
        list(deployments["site"].dropna().unique()) + ([name] if kind == "site" else []))])
    site_points = mapdeck.site_points(sites)
    if points.empty and site_points.empty:
        st.caption("Nothing to place on a map.")
    else:
        st.pydeck_chart(mapdeck.flank_deck(points, site_points, data.outlines(),
                                           view=mapdeck.fit_view(points, site_points)),
                        key=f"profile_map_{kind}_{name}", height=360)

COLUMNS = {
    "budgets": ["eur", "as_stated", "funder", "recipient", "program", "purpose", "kind", "year_start", "year_end",
                "share_of", "reports", "evidence", "article_id", "start"],
    "deployments": ["force", "host", "site", "personnel", "status", "program", "evidence", "article_id", "start"],
    "coalitions": ["coalition", "member", "role", "date", "evidence", "article_id", "start"],
    "events": ["date", "event_type", "summary", "program", "evidence", "article_id", "start"],
    "site_mentions": ["name", "site", "score", "evidence", "article_id", "start"],
    "roles": ["country_code", "role", "person", "evidence", "article_id", "start"],
}
SIGNATURES = {"budgets": "amount", "deployments": "force_code", "events": "event_type", "site_mentions": "score",
              "roles": "person", "coalitions": "member_code"}
for number, (title, frame) in enumerate(sections.items()):
    if frame.empty:
        continue
    st.subheader(f"{title} · {len(frame):,}")
    if title == "Sources":
        widgets.table(frame, "profile_sources", "profile-sources", link=False)
        continue
    table = next((t for t, sign in SIGNATURES.items() if sign in frame.columns), "")
    present = agg.budget_rows if table == "budgets" else None  # money formatted for the rows shown
    columns = COLUMNS["budgets"] if table == "budgets" else [c for c in COLUMNS.get(table, []) if c in frame.columns]
    widgets.table(frame, f"profile_section_{number}", f"profile-{kind}-{title.split(' ')[0].lower()}",
                  columns=columns or None, present=present)
