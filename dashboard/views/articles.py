"""Articles: the reader. An article's text with every extracted figure highlighted and
labelled like its row below; opened from any page at the sentence a row came from."""

import streamlit as st

from dashboard import aggregates as agg
from dashboard import data, reader, widgets

st.title("Articles")
if widgets.no_data("articles"):
    st.stop()
t = data.view(widgets.current_filters())
everything = data.tables()
widgets.filter_caption()

titles = widgets.article_titles()
options = list(t["articles"]["article_id"])
wanted = st.session_state.get("reader_article")
if wanted in titles and wanted not in options:
    options.insert(0, wanted)
if not options:
    widgets.no_rows("articles")
    st.stop()
if st.session_state.get("articles_pick") not in options:
    st.session_state["articles_pick"] = wanted if wanted in options else options[0]
article_id = st.selectbox("Article", options, key="articles_pick", format_func=lambda a: titles.get(a, a),
                          on_change=reader.forget_focus)
st.session_state["reader_article"] = article_id

meta = everything["articles"][everything["articles"]["article_id"] == article_id]
widgets.table(meta, "articles_meta", "article", link=False,
              columns=["title", "source", "published", "words", "path", "duplicate_of", "article_id"])

text = data.article_text(article_id)
findings = agg.article_findings(everything, article_id)
if text is None:
    st.warning("The store has no text for this article.")
    st.stop()

focus = reader.focus_span(text, findings, st.session_state.get("reader_at"),
                          st.session_state.get("reader_evidence"))
if focus:
    with st.container(border=True):
        st.caption("The sentence the selected row came from, in context")
        st.markdown(reader.context_markdown(text, *focus))

text_column, rows_column = st.columns([3, 2])
with text_column:
    st.subheader("Text")
    st.caption("Highlighted: every extracted figure, labelled like its row in the table beside it "
               "(B budgets, D deployments, C coalitions, E events, S site names, R roles).")
    with st.container(height=700, border=True):
        for paragraph in reader.highlighted_markdown(text, findings, focus):
            st.markdown(paragraph)
with rows_column:
    st.subheader("Extracted rows")
    if findings.empty:
        st.caption("Nothing was extracted from this article.")
    else:
        widgets.table(findings, "articles_findings", "article-findings", height=700,
                      columns=["label", "table", "finding", "evidence", "start", "end", "article_id"])
