"""Widgets shared by every page: the sidebar filters with their counts, page controls kept in
the URL, tables with a CSV download that open the reader or a profile on a click, and safe text.

Article text and names are untrusted: they reach the page only as dataframe cells, as
`st.text`, or through `md`, which escapes every markdown control character.
"""

from __future__ import annotations

import datetime as dt
import functools
from collections.abc import Iterable
from dataclasses import dataclass

import pandas as pd
import streamlit as st

from core.export import to_csv_bytes
from dashboard import data, money
from dashboard.filters import FACETS, Filters, caption, filters_from_query, filters_to_query, visible
from dashboard.safe import md, md_inline  # noqa: F401 (re-exported for the pages)

READER_PAGE = "views/articles.py"
PROFILE_PAGE = "views/profile.py"
#: Rows sent to the browser per table (the CSV download always has every filtered row).
MAX_ROWS = 5000
ADD_PAGE = "views/add.py"
#: Session-state keys of the sidebar's widgets, by Filters field.
FILTER_KEYS = {**{f.attr: f"filters_{f.key}" for f in FACETS}, "dates": "filters_dates", "search": "filters_q"}
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


# --- filters and the URL -------------------------------------------------------------------


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
        st.session_state["reader_at"] = _int(st.query_params.get(AT_KEY))
    for page_params in PAGE_PARAMS.values():
        for param in page_params:
            if (text := st.query_params.get(param.key)) is not None:
                st.session_state[param.state] = _read(param, text)


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
    options = data.filter_options()
    for facet in FACETS:
        _keep_valid(FILTER_KEYS[facet.attr], options[facet.attr])
    counts = data.facet_counts(_chosen())
    labels = {"countries": data.country_label, "articles": lambda a: data.article_titles().get(a, a)}
    chosen: dict[str, tuple[str, ...]] = {}
    with st.sidebar:
        st.header("Filters")
        search = st.text_input("Search titles and evidence", key=FILTER_KEYS["search"], placeholder="any text",
                               max_chars=200, help="Rows whose sentence or whose article's title holds this text")
        for facet in FACETS:
            label = labels.get(facet.attr, str)
            shown = _with_count(label, counts[facet.attr]) if facet.counted else label
            chosen[facet.attr] = tuple(st.multiselect(
                facet.label, options[facet.attr], key=FILTER_KEYS[facet.attr], format_func=shown,
                placeholder=f"any {facet.label.lower()}", help=facet.help or None))
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


# --- tables, downloads, the reader and profile links ------------------------------------------

#: A click on a cell of these columns opens a profile: column -> (kind, column holding its name).
PROFILE_COLUMNS = {
    "force": ("country", "force_code"), "force_code": ("country", "force_code"),
    "host": ("country", "host_code"), "host_code": ("country", "host_code"),
    "funder": ("country", "funder_code"), "funder_code": ("country", "funder_code"),
    "recipient": ("country", "recipient_code"), "recipient_code": ("country", "recipient_code"),
    "member": ("country", "member_code"), "member_code": ("country", "member_code"),
    "country": ("country", "country_code"), "country_code": ("country", "country_code"),
    "coalition": ("coalition", "coalition"), "program": ("program", "program"), "site": ("site", "site"),
}


def csv_bytes(frame: pd.DataFrame) -> bytes:
    """The CSV of a frame: whole numbers stay whole (140800000, 2025), formulas neutralised."""
    return to_csv_bytes(money.integral_columns(frame))


def download_csv(frame: pd.DataFrame, name: str, key: str) -> None:
    """A "Download CSV" of exactly `frame` (the rows and columns shown), made on click."""
    st.download_button("Download CSV", data=functools.partial(csv_bytes, frame), file_name=f"flankwatch-{name}.csv",
                       mime="text/csv", key=f"{key}_csv", on_click="ignore", icon=":material/download:",
                       help=f"{len(frame):,} rows × {len(frame.columns)} columns, as shown")


#: How money, counts and text columns are drawn wherever they appear.
COLUMN_CONFIG = {
    "evidence": st.column_config.TextColumn("evidence", width="large"),
    "evidence_a": st.column_config.TextColumn("evidence A", width="large"),
    "evidence_b": st.column_config.TextColumn("evidence B", width="large"),
    "eur": st.column_config.TextColumn("€", help="Euros at the reference rate; blank where no rate fits"),
    "as_stated": st.column_config.TextColumn("as stated", help="The amount in the article's own currency"),
    "personnel": st.column_config.NumberColumn("personnel", format="localized"),
    "year_start": st.column_config.NumberColumn("from", format="%d"),
    "year_end": st.column_config.NumberColumn("to", format="%d"),
    "reports": st.column_config.NumberColumn("independent reports", format="plain",
                                             help="Articles stating it, near-duplicates counted once"),
    "sources": st.column_config.NumberColumn("articles", format="plain"),
}


def table(frame: pd.DataFrame, key: str, name: str, columns: list[str] | None = None,
          link: bool = True, height: int | str = "auto", column_config: dict | None = None,
          csv: pd.DataFrame | None = None) -> pd.DataFrame:
    """A dataframe of `columns` with its CSV download (of `csv` if given: numbers unformatted).
    Selecting a row opens the sentence it came from in the reader (with `link`); selecting the
    cell of a name (force, host, funder, member, coalition, program, site) opens its profile."""
    shown = visible(frame, columns)
    if len(shown) > MAX_ROWS:  # the browser gets the first rows; the CSV still has every filtered row
        st.caption(f"{len(shown):,} rows: showing the first {MAX_ROWS:,}. The CSV has all of them.")
        frame, shown_page = frame.iloc[:MAX_ROWS], shown.iloc[:MAX_ROWS]
    else:
        shown_page = shown
    config = {**{c: v for c, v in COLUMN_CONFIG.items() if c in shown.columns}, **(column_config or {})}
    names = [c for c in shown.columns if c in PROFILE_COLUMNS and PROFILE_COLUMNS[c][1] in frame.columns]
    reader = link and "article_id" in frame.columns
    if (reader or names) and len(shown):
        modes = (["single-row"] if reader else []) + (["single-cell"] if names else [])
        st.dataframe(shown_page, key=key, hide_index=True, height=height, selection_mode=modes, placeholder="",
                     on_select=functools.partial(_picked, frame, key), column_config=config)
        hints = (["select a row to read the sentence it came from"] if reader else []) + \
            ([f"click a {' / '.join(names)} to open its profile"] if names else [])
        st.caption(hints[0].capitalize() + "".join(f"; {h}" for h in hints[1:]) + ".")
        if target := st.session_state.pop("_goto_reader", None):
            open_reader(*target)
        if target := st.session_state.pop("_goto_profile", None):
            open_profile(*target)
    else:
        st.dataframe(shown_page, key=key, hide_index=True, height=height, column_config=config, placeholder="")
    download_csv(shown if csv is None else csv, name, key)
    return shown


def _picked(frame: pd.DataFrame, key: str) -> None:
    """Selection callback: runs once per new selection (a rerun that keeps the selection does
    not call it again, so the reader cannot be re-opened in a loop)."""
    state = st.session_state.get(key)
    selection = state.selection if state is not None else None
    cells = list(getattr(selection, "cells", None) or [])
    if cells and cells[0][0] < len(frame) and cells[0][1] in PROFILE_COLUMNS:
        row, column = cells[0]
        kind, name_column = PROFILE_COLUMNS[column]
        target = profile_target(frame.iloc[row], kind, name_column)
        if target:
            st.session_state["_goto_profile"] = target
        return
    rows = list(getattr(selection, "rows", None) or [])
    if rows and rows[0] < len(frame) and "article_id" in frame.columns:
        row = frame.iloc[rows[0]]
        st.session_state["_goto_reader"] = (row["article_id"], row.get("start"), row.get("evidence"))


def profile_target(row: pd.Series, kind: str, name_column: str) -> tuple[str, str] | None:
    """The profile a clicked cell names: a country by its code; a funder without a code (a
    coalition, the EU) as a coalition or program of that name."""
    value = row.get(name_column)
    if isinstance(value, str) and value:
        return kind, value
    if kind == "country":
        for column in ("funder", "member", "force", "host", "recipient"):
            if name_column.startswith(column) and isinstance(row.get(column), str) and row.get(column):
                return "coalition", str(row.get(column))
    return None


def open_profile(kind: str, name: str) -> None:
    """Switch to the profile of a country (by code), site, coalition or program."""
    st.session_state["profile_kind"] = kind
    st.session_state["profile_name"] = name
    params = filters_to_query(current_filters()) | {"of": [kind], "name": [name]}
    st.switch_page(PROFILE_PAGE, query_params=params)


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
    text = caption(current_filters(), label=lambda v: data.country_label(v) if len(v) == 3 and v.isupper() else v)
    if text:
        st.caption(md("Filtered: " + text) + " · change them in the sidebar")


def failure_frame(failures: list[tuple[str, str]]) -> pd.DataFrame:
    return pd.DataFrame(failures, columns=["file", "reason"])
