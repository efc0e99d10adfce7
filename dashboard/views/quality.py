"""Data quality: conflicts between sources, near-duplicates, low-confidence names, failed files."""

import streamlit as st

from core.batch import clear_failures
from core.messages import one_line
from core.store_errors import StoreError
from dashboard import aggregates as agg
from dashboard import data, widgets

st.title("Data quality")
t = data.view(widgets.current_filters())
empty = data.is_empty(t) and t["failures"].empty
if empty and widgets.no_data():
    st.stop()
widgets.filter_caption()

st.subheader("Conflicts between sources")
st.caption("Two articles give different values for the same thing. Select a row to read article A's sentence.")
conflicts = t["conflicts"]
if conflicts.empty:
    st.caption("No conflicts for these filters.")
else:
    widgets.table(conflicts.assign(article_id=conflicts["article_a"], evidence=conflicts["evidence_a"]),
                  "quality_conflicts", "conflicts",
                  columns=["subject", "attribute", "value_a", "value_b", "evidence_a", "evidence_b", "article_a",
                           "article_b"])

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
