"""Data quality: conflicts between sources side by side with a review kept in the store,
near-duplicates, low-confidence names, failed files."""

import streamlit as st

from core import reviews
from core.batch import clear_failures
from core.messages import one_line
from core.store_errors import StoreError
from dashboard import aggregates as agg
from dashboard import data, reader, widgets

st.title("Data quality")
t = data.view(widgets.current_filters())
empty = data.is_empty(t) and t["failures"].empty
if empty and widgets.no_data():
    st.stop()
widgets.filter_caption()

st.subheader("Conflicts between sources")
conflicts = reviews.with_reviews(t["conflicts"], data.reviews())
if conflicts.empty:
    st.caption("No conflicts for these filters.")
else:
    st.session_state.setdefault("quality_reviewed", "open")
    show = st.segmented_control("Show", ["open", "reviewed", "all"], key="quality_reviewed") or "open"
    widgets.sync_page()
    listed = conflicts if show == "all" else conflicts[conflicts["status"] == show]
    st.caption(f"{int((conflicts['status'] == 'open').sum()):,} open, "
               f"{int((conflicts['status'] == 'reviewed').sum()):,} reviewed. Two articles give different values "
               "for the same thing: select one to see both sentences side by side and record which is right.")
    st.dataframe(widgets.visible(listed, ["subject", "attribute", "value_a", "value_b", "status", "right", "note"]),
                 key="quality_conflicts", hide_index=True, selection_mode="single-row", on_select="rerun", placeholder="")
    widgets.download_csv(widgets.visible(listed, ["subject", "attribute", "value_a", "article_a", "evidence_a",
                                                  "value_b", "article_b", "evidence_b", "status", "right", "note"]),
                         "conflicts", "quality_conflicts")
    picked = st.session_state.get("quality_conflicts")
    rows = list(picked.selection.rows) if picked is not None else []
    conflict = listed.iloc[rows[0]] if rows and rows[0] < len(listed) else (listed.iloc[0] if len(listed) else None)
    if conflict is not None:
        titles = data.article_titles()
        st.markdown(widgets.md(f"{conflict['subject']} · {conflict['attribute']}"))
        for column, side in zip(st.columns(2), ("a", "b"), strict=True):
            with column, st.container(border=True):
                article = conflict[f"article_{side}"]
                st.caption(widgets.md(f"Source {side.upper()}: {titles.get(article, article)}"))
                st.markdown(f"**{widgets.md(conflict[f'value_{side}'])}**")
                text = data.article_text(article) or ""
                span = reader.locate(text, None, None, conflict[f"evidence_{side}"])
                st.markdown(reader.context_markdown(text, *span) if span else widgets.md(conflict[f"evidence_{side}"]))
                if st.button(f"Read source {side.upper()}", key=f"quality_read_{side}", icon=":material/article:"):
                    widgets.open_reader(article, span[0] if span else None, conflict[f"evidence_{side}"])
        with st.form(f"quality_review_{conflict['conflict_key']}", border=True):
            st.caption("Your review is kept in the store and survives every re-ingest.")
            options = ["unsure", "a", "b", "neither"]
            right = st.radio("Which source is right?", options, horizontal=True,
                             index=options.index(conflict["right"]) if conflict["right"] in options else 0,
                             format_func=lambda o: {"a": "A", "b": "B"}.get(o, o))
            note = st.text_input("Note", value=conflict["note"] or "", max_chars=500)
            reviewed, reopen = st.columns(2)
            status: str | None
            if reviewed.form_submit_button("Mark reviewed", icon=":material/check:"):
                status = "reviewed"
            elif reopen.form_submit_button("Reopen", icon=":material/undo:"):
                status = "open"
            else:
                status = None
            if status:
                try:
                    data.save_review(conflict.to_dict(), status=status, right=right, note=note)
                except StoreError as error:
                    st.error(widgets.md(str(error)), icon=":material/error:")
                else:
                    st.rerun()

st.subheader("Near-duplicate articles")
st.caption("Articles telling the same story, grouped under the earliest one (cluster).")
clusters = agg.duplicate_clusters(t["articles"])
if clusters.empty:
    st.caption("No near-duplicates for these filters.")
else:
    widgets.table(clusters, "quality_duplicates", "duplicates")

st.subheader("Names resolved with low confidence")
st.caption(f"Place names matched by a fuzzy match (score below {agg.LOW_CONFIDENCE}): check them.")
weak = agg.low_confidence(t["site_mentions"])
if weak.empty:
    st.caption("None for these filters.")
else:
    widgets.table(weak, "quality_names", "low-confidence-names",
                  columns=["name", "site", "score", "evidence", "article_id", "start", "end"])

st.subheader("Files that failed to read")
st.caption("Not affected by the filters.")
if t["failures"].empty:
    st.caption("None.")
else:
    widgets.table(t["failures"], "quality_failures", "failures", link=False)
    if st.button("Clear failures of files that no longer exist", key="quality_clear_failures",
                 icon=":material/delete_sweep:"):
        try:
            cleared = clear_failures(data.db_path())
        except StoreError as error:
            st.error(widgets.md(one_line(str(error))), icon=":material/error:")
        else:
            data.clear()
            st.toast(f"Cleared {cleared} failure(s).")
            st.rerun()
