"""Add articles from the browser: upload, one ingest with per-file progress, per-file errors."""

import streamlit as st

from core.messages import one_line
from dashboard import data, uploads, widgets

#: An upload waits at most this long for another ingest (the CLI's) to release the store.
WAIT_LIMIT = 600

st.title("Add articles")
st.caption("Text, Markdown, HTML, JSON, JSON Lines, RSS or Atom files. They are read, extracted and added to "
           f"the store ({data.db_path().name}); every page shows them once this finishes.")

with st.form("add_form", clear_on_submit=True):
    files = st.file_uploader("Articles", type=[s.lstrip(".") for s in uploads.SUFFIXES],
                             accept_multiple_files=True, key="add_files")
    submitted = st.form_submit_button("Add to the store", icon=":material/upload:", type="primary")


def _cancel() -> None:
    st.session_state["add_result"] = uploads.UploadResult(
        files=0, error="Cancelled while waiting for another ingest to finish; nothing was added.")


if submitted and not files:
    st.warning("Choose one or more files first.")
elif submitted:
    progress = st.progress(0.0, text=f"Reading {len(files)} file(s)…")
    waiting, cancel = st.empty(), st.empty()
    cancel_shown: list[bool] = []

    def on_file(done: int, total: int, name: str) -> None:
        progress.progress(done / max(total, 1), text=f"Read {done} of {total} file(s)")

    def on_wait(seconds: float) -> None:
        """Say how long the upload has waited; a click on Cancel (any click) ends the wait, as a rerun."""
        waiting.info(f"Another ingest is writing the store; waiting for it to finish: {seconds:.0f} s so far "
                     f"(at most {WAIT_LIMIT} s).", icon=":material/hourglass_top:")
        if not cancel_shown:
            cancel.button("Cancel", key="add_cancel", on_click=_cancel)
            cancel_shown.append(True)

    try:
        result = uploads.ingest_uploads([(f.name, f.getvalue()) for f in files], data.db_path(), on_file=on_file,
                                        on_wait=on_wait, wait=WAIT_LIMIT)
    finally:
        data.clear()
    st.session_state["add_result"] = result
    st.rerun()  # draw the sidebar (counts, filter options) again from the updated store

if last := st.session_state.get("add_result"):
    if last.error:
        st.error(widgets.md(one_line(last.error)), icon=":material/error:")
    if last.stored:
        st.success(f"Added {last.stored} article(s) from {last.files} file(s).",
                   icon=":material/check_circle:")
    elif not last.failures and not last.error:
        st.info("Nothing new: these articles are already in the store.")
    if last.failures:
        st.error(f"{len(last.failures)} file(s) could not be read:", icon=":material/error:")
        widgets.table(widgets.failure_frame(last.failures), "add_failures", "upload-failures", link=False)
    st.page_link("views/overview.py", label="See the overview", icon=":material/dashboard:")
