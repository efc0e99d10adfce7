"""The sidebar's filters with their counts, and the URL: filters, the reader's place and each
page's own controls written to the query string on every run and read back from a link.

`st.query_params` is cleared when `st.navigation` switches pages, so session state is the source
of truth and the URL is written again on every run (and by a page after it changes a control).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable
from dataclasses import dataclass, replace

import streamlit as st

from dashboard import data, facets
from dashboard.filters import FACETS, Filters, filters_from_query, filters_to_query

#: Session-state keys of the sidebar's widgets, by Filters field.
FILTER_KEYS = {**{f.attr: f"filters_{f.key}" for f in FACETS}, "dates": "filters_dates", "search": "filters_q"}
#: The source-article filter lists at most this many articles (the latest under the other filters, and those
#: chosen): a list of 100,000 titles costs the browser seconds on every rerun.
ARTICLE_OPTIONS = 1000
#: Query-string names of the reader's article and offset.
READ_KEY, AT_KEY = "read", "at"


@dataclass(frozen=True)
class PageParam:
    """A page's own control kept in the URL: query key, session-state key, and how to read it."""

    key: str
    state: str
    kind: str = "str"  # str or bool
    default: object = None


#: Each page's own controls in the URL, by the page's url path (query keys unique across pages).
PAGE_PARAMS: dict[str, tuple[PageParam, ...]] = {
    "budgets": (PageParam("kind", "budgets_kind"), PageParam("log", "budgets_log", "bool")),
    "timeline": (PageParam("counts", "timeline_counts", "bool", True),),
    "map": (PageParam("adversary", "map_adversary", "bool", True), PageParam("labels", "map_labels", "bool", True)),
    "profile": (PageParam("of", "profile_kind"), PageParam("name", "profile_name")),
    "quality": (PageParam("show", "quality_reviewed", default="open"),),
}


def _read(param: PageParam, text: str) -> object:
    return text in ("1", "true", "yes") if param.kind == "bool" else text


def _write(param: PageParam, value: object) -> str | None:
    if value is None or value == param.default or value == "":
        return None
    if param.kind == "bool":
        return "1" if value else "0"
    return str(value)


def import_query_params() -> None:
    """On a session's first run, seed the filters, the reader and the page controls from the URL."""
    if st.session_state.get("_imported_query"):
        return
    st.session_state["_imported_query"] = True
    params = {key: st.query_params.get_all(key) for key in st.query_params}
    f = filters_from_query(params)
    for facet in FACETS:
        if values := getattr(f, facet.attr):
            st.session_state[FILTER_KEYS[facet.attr]] = list(values)
    if f.date_from or f.date_to:
        st.session_state[FILTER_KEYS["dates"]] = tuple(d for d in (f.date_from, f.date_to) if d)
    if f.search:
        st.session_state[FILTER_KEYS["search"]] = f.search
    if read := st.query_params.get(READ_KEY):
        st.session_state["reader_article"] = read
        st.session_state["reader_at"] = to_int(st.query_params.get(AT_KEY))
    for page_params in PAGE_PARAMS.values():
        for param in page_params:
            if (text := st.query_params.get(param.key)) is not None:
                st.session_state[param.state] = _read(param, text)


def to_int(text: object) -> int | None:
    try:
        return int(str(text))
    except (TypeError, ValueError):
        return None


def _article_options(every: list[str]) -> list[str]:
    """What the source-article filter lists: every article of a small store; of a large one, those
    chosen and the latest `ARTICLE_OPTIONS` under the other filters."""
    if len(every) <= ARTICLE_OPTIONS:
        return every
    others = replace(_chosen(), articles=())
    latest = data.per_view("latest_articles", lambda v: facets.latest_articles(v, ARTICLE_OPTIONS), others)
    chosen = list(st.session_state.get(FILTER_KEYS["articles"]) or ())
    taken = set(chosen)
    return chosen + [a for a in latest if a not in taken]


def _keep_valid(key: str, options: Iterable[str]) -> None:
    """Drop values the options no longer offer (a stale link must not crash a widget)."""
    if key in st.session_state:
        allowed = set(options)
        st.session_state[key] = [v for v in st.session_state[key] if v in allowed]


def _chosen() -> Filters:
    """The filters as the sidebar's widgets hold them before they are drawn (for the counts)."""
    state = st.session_state
    dates = tuple(state.get(FILTER_KEYS["dates"]) or ())
    return Filters(**{f.attr: tuple(state.get(FILTER_KEYS[f.attr]) or ()) for f in FACETS},
                   date_from=dates[0] if dates else None, date_to=dates[1] if len(dates) > 1 else None,
                   search=str(state.get(FILTER_KEYS["search"]) or "").strip())


def _with_count(label, counts: dict[str, int]):
    def format_value(value: str) -> str:
        return f"{label(value)} · {counts.get(value, 0):,}"
    return format_value


def sidebar_filters() -> Filters:
    """The global filters, in the sidebar, each value with how many rows it has under the
    current filters (datasette's facet counts); they persist across pages (the sidebar is drawn
    by the entry script on every run) and are written to the URL by `sync_query_params`."""
    options = dict(data.filter_options())
    for facet in FACETS:
        _keep_valid(FILTER_KEYS[facet.attr], options[facet.attr])
    counts = data.facet_counts(_chosen())
    every_article = options["articles"]
    listed = options["articles"] = _article_options(every_article)
    titles = data.article_titles()  # once: the article filter offers every article (100,000 labels a run)
    labels: dict[str, Callable[[str], str]] = {"countries": data.country_label,
                                               "articles": lambda article_id: titles.get(article_id, article_id)}
    chosen: dict[str, tuple[str, ...]] = {}
    with st.sidebar:
        st.header("Filters")
        search = st.text_input("Search titles and evidence", key=FILTER_KEYS["search"], placeholder="any text",
                               max_chars=200, help="Rows whose sentence or whose article's title holds this text")
        for facet in FACETS:
            label = labels.get(facet.attr, str)
            shown = _with_count(label, counts[facet.attr]) if facet.counted else label
            help_text = facet.help or None
            if facet.attr == "articles" and len(listed) < len(every_article):
                help_text = (f"Lists the {ARTICLE_OPTIONS:,} latest articles under the other filters (and those "
                             "chosen): narrow the filters or search to reach others")
            chosen[facet.attr] = tuple(st.multiselect(
                facet.label, options[facet.attr], key=FILTER_KEYS[facet.attr], format_func=shown,
                placeholder=f"any {facet.label.lower()}", help=help_text))
            if facet.attr == "programs":
                dates = _date_range()
        if any(chosen.values()) or dates or search:
            st.button("Clear filters", key="filters_clear", on_click=clear_filters, icon=":material/close:")
        if any(facet.counted for facet in FACETS):
            st.caption("Beside each value: its rows under the current filters.")
    return Filters(**chosen, date_from=dates[0] if dates else None, date_to=dates[1] if len(dates) > 1 else None,
                   search=(search or "").strip()[:200])


def _date_range() -> tuple[dt.date, ...]:
    key = FILTER_KEYS["dates"]
    st.session_state.setdefault(key, ())
    lo, hi = data.filter_options()["span"]
    chosen = st.date_input("Date range", key=key, min_value=lo, max_value=hi, format="YYYY-MM-DD",
                           help="Rows dated inside the range; rows without their own date use the "
                                "article's publication date. Undated events are hidden while it is set.")
    return tuple(chosen) if isinstance(chosen, list | tuple) else ((chosen,) if chosen else ())


def clear_filters() -> None:
    for name, key in FILTER_KEYS.items():
        st.session_state[key] = () if name == "dates" else "" if name == "search" else []


def set_dates(start: dt.date, end: dt.date) -> None:
    """Set the sidebar's date range (from a callback: before the sidebar is drawn)."""
    lo, hi = data.filter_options()["span"]
    st.session_state[FILTER_KEYS["dates"]] = (max(lo, min(start, end)), min(hi, max(start, end)))


def page_query(page: str) -> dict[str, list[str]]:
    """The page's own controls as query parameters (those not at their default), each also kept
    under a key of its own: Streamlit forgets a widget's state when its page is left."""
    out = {}
    for param in PAGE_PARAMS.get(page, ()):
        value = st.session_state.get(param.state)
        if param.state in st.session_state:
            st.session_state[f"_kept_{param.state}"] = value
        if (text := _write(param, value)) is not None:
            out[param.key] = [text]
    return out


def restore_page_controls(page: str) -> None:
    """Give the page's controls back the values they had when the page was last left."""
    for param in PAGE_PARAMS.get(page, ()):
        if param.state not in st.session_state and f"_kept_{param.state}" in st.session_state:
            st.session_state[param.state] = st.session_state[f"_kept_{param.state}"]


def sync_query_params(filters: Filters, page: str) -> None:
    """Write the filters, the page's controls (and on the reader, its article) to the URL on every
    run: page switches clear the query string, so session state is the source of truth."""
    wanted = filters_to_query(filters) | page_query(page)
    if page == "articles" and (article := st.session_state.get("reader_article")):
        wanted[READ_KEY] = [article]
        if (at := st.session_state.get("reader_at")) is not None:
            wanted[AT_KEY] = [str(at)]
    current = {key: st.query_params.get_all(key) for key in st.query_params}
    if current != wanted:
        st.query_params.from_dict(wanted)


def current_filters() -> Filters:
    """The filters the entry script read from the sidebar on this run."""
    return st.session_state.get("_filters", Filters())


def current_page() -> str:
    return st.session_state.get("_page", "")


def sync_page() -> None:
    """Write the URL again after a page changed its own controls during its run."""
    sync_query_params(current_filters(), current_page())


def forget_focus() -> None:
    """A new article was picked in the reader: drop the previous article's focused sentence."""
    st.session_state["reader_at"] = None
    st.session_state["reader_evidence"] = None
