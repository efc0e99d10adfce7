"""Flankwatch dashboard: `streamlit run dashboard/app.py`.

The entry script: page config, navigation, the sidebar filters (drawn here on every run,
so they persist across pages), the URL sync, then the chosen page from dashboard/views/.
"""

from __future__ import annotations

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:  # `streamlit run dashboard/app.py` puts only dashboard/ on the path
    sys.path.insert(0, str(ROOT))

import streamlit as st  # noqa: E402

from core.store import StoreError  # noqa: E402
from dashboard import data, widgets  # noqa: E402

PAGES = [
    st.Page("views/overview.py", title="Overview", icon=":material/dashboard:", default=True),
    st.Page("views/timeline.py", title="Timeline", icon=":material/timeline:"),
    st.Page("views/map.py", title="Map", icon=":material/map:"),
    st.Page("views/budgets.py", title="Budgets", icon=":material/euro:"),
    st.Page("views/coalitions.py", title="Coalitions", icon=":material/handshake:"),
    st.Page("views/deployments.py", title="Deployments", icon=":material/military_tech:"),
    st.Page("views/programs.py", title="Programs", icon=":material/folder_open:"),
    st.Page("views/profile.py", title="Profiles", icon=":material/badge:"),
    st.Page("views/articles.py", title="Articles", icon=":material/article:"),
    st.Page("views/quality.py", title="Data quality", icon=":material/rule:"),
    st.Page("views/add.py", title="Add articles", icon=":material/upload_file:"),
]


def main() -> None:
    st.set_page_config(page_title="Flankwatch", page_icon="🛡️", layout="wide")
    widgets.import_query_params()
    page = st.navigation(PAGES)
    try:
        tables = data.tables()
    except StoreError as error:
        st.error(widgets.md(str(error)), icon=":material/error:")
        st.caption(f"Store: {data.db_path()}. Set FLANKWATCH_DB to use another store.")
        st.button("Try again", key="app_retry", icon=":material/refresh:")
        st.stop()
    filters = widgets.sidebar_filters()
    st.session_state["_filters"] = filters
    st.session_state["_page"] = page.url_path
    widgets.restore_page_controls(page.url_path)
    widgets.sync_query_params(filters, page.url_path)
    with st.sidebar:
        st.caption(f"Store: {data.db_path().name} · {len(tables['articles']):,} articles")
    page.run()
    data.start_search_index()


main()
