"""Add articles from the browser: upload, ingest with progress, per-file errors."""

import shutil

import streamlit as st

from core.ingest import ingest
from core.store import StoreError
from dashboard import data, uploads, widgets

st.title("Add articles")
st.caption("Text, Markdown, HTML, JSON, JSON Lines, RSS or Atom files. They are read, extracted and added to "
           f"the store ({data.db_path().name}); every page shows them once this finishes.")

with st.form("add_form", clear_on_submit=True):
    files = st.file_uploader("Articles", type=[s.lstrip(".") for s in uploads.SUFFIXES],
                             accept_multiple_files=True, key="add_files")
    submitted = st.form_submit_button("Add to the store", icon=":material/upload:", type="primary")

if submitted and not files:
    st.warning("Choose one or more files first.")
elif submitted:
    folder, saved = uploads.save_uploads([(f.name, f.getvalue()) for f in files])
    progress = st.progress(0.0, text=f"Reading {len(saved)} file(s)…")
    notes = st.empty()
    result = {"stored": 0, "files": len(saved), "failures": [], "error": None}
    chunk = max(1, len(saved) // 10)
    try:
        for first in range(0, len(saved), chunk):
            part = saved[first:first + chunk]
            report = ingest([s.path for s in part], db=data.db_path(), progress=False,
                            notify=lambda message: notes.caption(widgets.md(message)),
                            labels={s.path: uploads.stored_name(s.name) for s in part})
            result["stored"] += report.articles_stored
            result["failures"] += [(uploads.display_name(f.path, saved), f.reason) for f in report.failures]
            done = min(first + chunk, len(saved))
            progress.progress(done / len(saved), text=f"Read {done} of {len(saved)} file(s)")
    except StoreError as error:
        result["error"] = str(error)
    finally:
        shutil.rmtree(folder, ignore_errors=True)
        data.clear()
    st.session_state["add_result"] = result
    st.rerun()  # draw the sidebar (counts, filter options) again from the updated store

if result := st.session_state.get("add_result"):
    if result["error"]:
        st.error(result["error"], icon=":material/error:")
    if result["stored"]:
        st.success(f"Added {result['stored']} article(s) from {result['files']} file(s).",
                   icon=":material/check_circle:")
    elif not result["failures"] and not result["error"]:
        st.info("Nothing new: these articles are already in the store.")
    if result["failures"]:
        st.error(f"{len(result['failures'])} file(s) could not be read:", icon=":material/error:")
        widgets.table(widgets.failure_frame(result["failures"]), "add_failures", "upload-failures", link=False)
    st.page_link("views/overview.py", label="See the overview", icon=":material/dashboard:")
