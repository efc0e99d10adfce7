"""Articles: the reader. An article's text with every extracted figure highlighted and
labelled like its row below; opened from any page at the sentence a row came from."""

import streamlit as st

from core.store import StoreError
from dashboard import data, facets, reader, widgets
from dashboard.sidebar import ARTICLE_OPTIONS
from dashboard.view import count, select

chosen, t = widgets.filtered_page("Articles")
everything = data.tables()

titles = data.article_titles()
if count(t, "articles") <= ARTICLE_OPTIONS:
    options = list(select(t, "articles", ["article_id"])["article_id"])
else:  # a list of 100,000 titles costs the browser seconds on every rerun
    options = list(data.per_view("latest_articles", lambda v: facets.latest_articles(v, ARTICLE_OPTIONS), chosen))
    st.caption(f"{count(t, 'articles'):,} articles under these filters: the {ARTICLE_OPTIONS:,} latest are listed; "
               "narrow the filters or search to reach others.")
wanted = st.session_state.get("reader_article")
if wanted in titles and wanted not in options:
    options.insert(0, wanted)
if not options:
    widgets.no_rows("articles")
    st.stop()
if st.session_state.get("articles_pick") not in options:
    st.session_state["articles_pick"] = wanted if wanted in options else options[0]
article_id = st.selectbox("Article", options, key="articles_pick", format_func=lambda a: titles.get(a, a),
                          on_change=widgets.forget_focus)
st.session_state["reader_article"] = article_id
widgets.sync_page()  # the entry script ran before the pick

meta = everything["articles"][everything["articles"]["article_id"] == article_id]
widgets.table(meta, "articles_meta", "article", link=False,
              columns=["title", "source", "published", "words", "path", "duplicate_of", "article_id"])

try:
    text = data.article_text(article_id)
except StoreError as error:
    st.error(str(error), icon=":material/error:")
    st.button("Try again", key="articles_retry", icon=":material/refresh:")
    st.stop()
findings = reader.article_findings(everything, article_id)
if text is None:
    st.warning("The store has no text for this article.")
    st.stop()

focus = reader.focus_span(text, findings, st.session_state.get("reader_at"),
                          st.session_state.get("reader_evidence"))
if focus:
    with st.container(border=True):
        row = reader.focus_row(findings, st.session_state.get("reader_at"))
        about = f": {row['label']} · {row['finding']}" if row is not None else ""
        st.caption(widgets.md(f"The sentence the selected row came from, in context{about}"))
        st.markdown(reader.context_markdown(text, *focus))

text_column, rows_column = st.columns([3, 2])
with text_column:
    st.subheader("Text")
    st.caption("Highlighted: every extracted figure, labelled like its row in the table beside it "
               "(B budgets, D deployments, C coalitions, E events, S site names, R roles).")
    with st.container(height=700 if len(text) > 2500 else "content", border=True):
        for paragraph in reader.highlighted_markdown(text, findings, focus):
            st.markdown(paragraph)
with rows_column:
    st.subheader("Extracted rows")
    if findings.empty:
        st.caption("Nothing was extracted from this article.")
    else:
        widgets.table(findings, f"articles_findings_{article_id}", "article-findings", height=min(700, 35 * (len(findings) + 1) + 3),
                      columns=["label", "finding", "table", "evidence", "start", "end", "article_id"],
                      column_config={"label": st.column_config.TextColumn("label", width="small"),
                                     "finding": st.column_config.TextColumn("finding", width="large")})
