"""Widgets shared by every page: the sidebar filters, tables with a CSV download and a
link to the reader, the empty-store message, and safe text.

Article text and names are untrusted: they reach the page only as dataframe cells, as
`st.text`, or through `md`, which escapes every markdown control character.
"""

from __future__ import annotations

import datetime as dt
import functools
import re
import string
from collections.abc import Iterable

import pandas as pd
import streamlit as st

from core.export import to_csv_bytes
from dashboard import data
from dashboard.filters import Filters, filters_from_query, filters_to_query, visible

READER_PAGE = "views/articles.py"
#: Rows sent to the browser per table (the CSV download always has every filtered row).
MAX_ROWS = 5000
ADD_PAGE = "views/add.py"
#: Session-state keys of the sidebar's widgets, by Filters field.
FILTER_KEYS = {"countries": "filters_country", "programs": "filters_program", "articles": "filters_source",
               "event_types": "filters_type", "dates": "filters_dates"}
#: Query-string names of the reader's article and offset.
READ_KEY, AT_KEY = "read", "at"
_MD_SPECIAL = re.compile("([" + re.escape(string.punctuation) + "])")


def md(text: object) -> str:
    """Text that st.markdown shows literally: every ASCII punctuation mark backslash-escaped
    and whitespace collapsed (so no line can start a heading, list, quote or code block).

    >>> md("[click](javascript:alert(1)) <b>*x*</b>\\n# h")
    '\\\\[click\\\\]\\\\(javascript\\\\:alert\\\\(1\\\\)\\\\) \\\\<b\\\\>\\\\*x\\\\*\\\\<\\\\/b\\\\> \\\\# h'
    """
    return md_inline(text).strip()


def md_inline(text: object) -> str:
    """Like `md` but keeping a leading or trailing space (for text cut around highlights)."""
    return re.sub(r"\s+", " ", _MD_SPECIAL.sub(r"\\\1", str(text)))


# --- filters and the URL -------------------------------------------------------------------


def import_query_params() -> None:
    """On a session's first run, seed the filters and the reader from the URL."""
    if st.session_state.get("_imported_query"):
        return
    st.session_state["_imported_query"] = True
    params = {key: st.query_params.get_all(key) for key in st.query_params}
    f = filters_from_query(params)
    for attr in ("countries", "programs", "articles", "event_types"):
        if values := getattr(f, attr):
            st.session_state[FILTER_KEYS[attr]] = list(values)
    if f.date_from or f.date_to:
        st.session_state[FILTER_KEYS["dates"]] = tuple(d for d in (f.date_from, f.date_to) if d)
    if read := st.query_params.get(READ_KEY):
        st.session_state["reader_article"] = read
        st.session_state["reader_at"] = _int(st.query_params.get(AT_KEY))


def _int(text: object) -> int | None:
    try:
        return int(str(text))
    except (TypeError, ValueError):
        return None


def _keep_valid(key: str, options: Iterable[str]) -> None:
    """Drop values the options no longer offer (a stale link must not crash a widget)."""
    if key in st.session_state:
        allowed = set(options)
        st.session_state[key] = [v for v in st.session_state[key] if v in allowed]


def sidebar_filters() -> Filters:
    """The global filters, in the sidebar; they persist across pages (the sidebar is drawn
    by the entry script on every run) and are written to the URL by `sync_query_params`."""
    options = data.filter_options()
    with st.sidebar:
        st.header("Filters")
        for attr in ("countries", "programs", "articles", "event_types"):
            _keep_valid(FILTER_KEYS[attr], options[attr])
        countries = st.multiselect("Country", options["countries"], key=FILTER_KEYS["countries"],
                                   format_func=data.country_label, placeholder="any country",
                                   help="Funder, force, host, member or actor")
        programs = st.multiselect("Program", options["programs"], key=FILTER_KEYS["programs"],
                                  placeholder="any program")
        dates = _date_range()
        titles = data.article_titles()
        articles = st.multiselect("Source article", options["articles"], key=FILTER_KEYS["articles"],
                                  format_func=lambda a: titles.get(a, a), placeholder="any article")
        types = st.multiselect("Event type", options["event_types"], key=FILTER_KEYS["event_types"],
                               placeholder="any type", help="Narrows the events only")
        if any((countries, programs, articles, types, dates)):
            st.button("Clear filters", key="filters_clear", on_click=clear_filters, icon=":material/close:")
    return Filters(countries=tuple(countries), programs=tuple(programs), articles=tuple(articles),
                   event_types=tuple(types), date_from=dates[0] if dates else None,
                   date_to=dates[1] if len(dates) > 1 else None)


def _date_range() -> tuple[dt.date, ...]:
    key = FILTER_KEYS["dates"]
    st.session_state.setdefault(key, ())
    lo, hi = data.filter_options()["span"]
    chosen = st.date_input("Date range", key=key, min_value=lo, max_value=hi, format="YYYY-MM-DD",
                           help="Rows dated inside the range; rows without their own date use the "
                                "article's publication date. Undated events are hidden while it is set.")
    return tuple(chosen) if isinstance(chosen, list | tuple) else ((chosen,) if chosen else ())


def clear_filters() -> None:
    for key in FILTER_KEYS.values():
        st.session_state[key] = () if key == FILTER_KEYS["dates"] else []


def sync_query_params(filters: Filters, reader: bool) -> None:
    """Write the filters (and on the reader, its article) to the URL on every run: page
    switches clear the query string, so session state is the source of truth."""
    wanted = filters_to_query(filters)
    if reader and (article := st.session_state.get("reader_article")):
        wanted[READ_KEY] = [article]
        if (at := st.session_state.get("reader_at")) is not None:
            wanted[AT_KEY] = [str(at)]
    current = {key: st.query_params.get_all(key) for key in st.query_params}
    if current != wanted:
        st.query_params.from_dict(wanted)


def current_filters() -> Filters:
    """The filters the entry script read from the sidebar on this run."""
    return st.session_state.get("_filters", Filters())


# --- tables, downloads and the reader link -------------------------------------------------


def download_csv(frame: pd.DataFrame, name: str, key: str) -> None:
    """A "Download CSV" of exactly `frame` (the rows and columns shown), made on click."""
    st.download_button("Download CSV", data=functools.partial(to_csv_bytes, frame), file_name=f"flankwatch-{name}.csv",
                       mime="text/csv", key=f"{key}_csv", on_click="ignore", icon=":material/download:",
                       help=f"{len(frame):,} rows × {len(frame.columns)} columns, as shown")


def table(frame: pd.DataFrame, key: str, name: str, columns: list[str] | None = None,
          link: bool = True, height: int | str = "auto", column_config: dict | None = None) -> pd.DataFrame:
    """A dataframe of `columns` with its CSV download; with `link`, selecting a row opens
    the sentence it came from in the reader. Returns the frame as shown."""
    shown = visible(frame, columns)
    if len(shown) > MAX_ROWS:  # the browser gets the first rows; the CSV still has every filtered row
        st.caption(f"{len(shown):,} rows: showing the first {MAX_ROWS:,}. The CSV has all of them.")
        frame, shown_page = frame.iloc[:MAX_ROWS], shown.iloc[:MAX_ROWS]
    else:
        shown_page = shown
    config = {"evidence": st.column_config.TextColumn("evidence", width="large"), **(column_config or {})}
    if link and "article_id" in frame.columns and len(shown):
        st.dataframe(shown_page, key=key, hide_index=True, height=height, selection_mode="single-row",
                     on_select=functools.partial(_picked, frame, key), column_config=config)
        st.caption("Select a row to read the sentence it came from.")
        if target := st.session_state.pop("_goto_reader", None):
            open_reader(*target)
    else:
        st.dataframe(shown_page, key=key, hide_index=True, height=height, column_config=config)
    download_csv(shown, name, key)
    return shown


def _picked(frame: pd.DataFrame, key: str) -> None:
    """Selection callback: runs once per new selection (a rerun that keeps the selection does
    not call it again, so the reader cannot be re-opened in a loop)."""
    state = st.session_state.get(key)
    rows = state.selection.rows if state is not None else []
    if rows and rows[0] < len(frame):
        row = frame.iloc[rows[0]]
        st.session_state["_goto_reader"] = (row["article_id"], row.get("start"), row.get("evidence"))


def open_reader(article_id: str, at: object = None, evidence: object = None) -> None:
    """Switch to the reader at an article (and an offset in it)."""
    st.session_state["reader_article"] = str(article_id)
    st.session_state["reader_at"] = _int(at) if pd.notna(at) else None
    st.session_state["reader_evidence"] = evidence if isinstance(evidence, str) else None
    st.session_state.pop("articles_pick", None)
    params = filters_to_query(current_filters()) | {READ_KEY: [str(article_id)]}
    if st.session_state["reader_at"] is not None:
        params[AT_KEY] = [str(st.session_state["reader_at"])]
    st.switch_page(READER_PAGE, query_params=params)


def no_data() -> bool:
    """Say so when the store has no articles yet; True if it has none."""
    if not data.is_empty(data.tables()):
        return False
    st.info("No data yet — add articles to see them here.", icon=":material/inbox:")
    st.page_link(ADD_PAGE, label="Add articles", icon=":material/upload_file:")
    st.caption("Or run `python -m core ingest PATH` and refresh this page.")
    return True


def no_rows(what: str) -> None:
    st.info(f"No {what} for these filters.", icon=":material/filter_alt_off:")



def filter_caption() -> None:
    """One line saying which filters narrow this page."""
    f = current_filters()
    if not f.active:
        return
    parts = []
    if f.countries:
        parts.append("country " + ", ".join(f.countries))
    if f.programs:
        parts.append(f"{len(f.programs)} program(s)")
    if f.date_from or f.date_to:
        parts.append(f"dates {f.date_from or '…'} to {f.date_to or '…'}")
    if f.articles:
        parts.append(f"{len(f.articles)} source article(s)")
    if f.event_types:
        parts.append("event type " + ", ".join(f.event_types))
    st.caption(md("Filtered: " + "; ".join(parts)) + " · change them in the sidebar", help=None)


def failure_frame(failures: list[tuple[str, str]]) -> pd.DataFrame:
    return pd.DataFrame(failures, columns=["file", "reason"])


EUR_COLUMNS = {column: st.column_config.NumberColumn(column, format="%,.0f")
               for column in ("amount", "amount_eur", "total", "allocation", "pledge", "contribution", "package",
                              "other")}
