"""Widgets shared by every page: tables with a CSV download that open the reader or a profile on
a click, the empty-store and no-rows messages, and safe text (the sidebar and the URL are in
`dashboard.sidebar`, re-exported here for the pages).

Article text and names are untrusted: they reach the page only as dataframe cells, as
`st.text`, or through `md`, which escapes every markdown control character.
"""

from __future__ import annotations

import functools
from collections.abc import Callable
from typing import TYPE_CHECKING, Literal

import pandas as pd
import streamlit as st

from core.export import to_csv_bytes
from dashboard import data
from dashboard.filters import caption, filters_to_query, visible
from dashboard.safe import md, md_inline  # noqa: F401 (re-exported for the pages)
from dashboard.sidebar import (  # noqa: F401 (re-exported for the pages and the entry script)
    AT_KEY,
    FILTER_KEYS,
    PAGE_PARAMS,
    READ_KEY,
    current_filters,
    forget_focus,
    import_query_params,
    restore_page_controls,
    set_dates,
    sidebar_filters,
    sync_page,
    sync_query_params,
    to_int,
)

if TYPE_CHECKING:
    from streamlit.elements.arrow import SelectionMode

    from dashboard.filters import Filters
    from dashboard.view import View

READER_PAGE = "views/articles.py"
PROFILE_PAGE = "views/profile.py"
#: Rows sent to the browser per table (the CSV download always has every filtered row).
MAX_ROWS = 5000
ADD_PAGE = "views/add.py"


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
    return to_csv_bytes(frame)


def download_csv(frame: pd.DataFrame | Callable[[], pd.DataFrame], name: str, key: str,
                 shape: tuple[int, int] | None = None) -> None:
    """A "Download CSV" of exactly `frame` (the rows and columns shown), made on click; `frame` may be
    a function that makes it then (with `shape`, its rows and columns, for the button's help)."""
    if callable(frame):
        make, (rows, columns) = frame, shape or (0, 0)
    else:
        make, (rows, columns) = functools.partial(lambda f: f, frame), shape or frame.shape
    st.download_button("Download CSV", data=lambda: csv_bytes(make()), file_name=f"flankwatch-{name}.csv",
                       mime="text/csv", key=f"{key}_csv", on_click="ignore", icon=":material/download:",
                       help=f"{rows:,} rows × {columns} columns, as shown")


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
          link: bool = True, height: int | Literal["auto", "stretch", "content"] = "auto", column_config: dict | None = None,
          csv: pd.DataFrame | Callable[[], pd.DataFrame] | None = None,
          present: Callable[[pd.DataFrame], pd.DataFrame] | None = None, csv_shape: tuple[int, int] | None = None) -> None:
    """A dataframe of `columns` with its CSV download (of `csv` if given: numbers unformatted).
    Selecting a row opens the sentence it came from in the reader (with `link`); selecting the
    cell of a name (force, host, funder, member, coalition, program, site) opens its profile.
    `present` adds the shown columns (formatted money...) to the rows sent to the browser only;
    the CSV without `csv` gets them on click."""
    if len(frame) > MAX_ROWS:  # the browser gets the first rows; the CSV still has every filtered row
        st.caption(f"{len(frame):,} rows: showing the first {MAX_ROWS:,}. The CSV has all of them.")
    whole, frame = frame, frame.iloc[:MAX_ROWS]
    if present is not None:
        frame = present(frame)
    shown_page = visible(frame, columns)
    config = {**{c: v for c, v in COLUMN_CONFIG.items() if c in shown_page.columns}, **(column_config or {})}
    names = [c for c in shown_page.columns if c in PROFILE_COLUMNS and PROFILE_COLUMNS[c][1] in frame.columns]
    reader = link and "article_id" in frame.columns
    if (reader or names) and len(shown_page):
        modes: list[SelectionMode] = ["single-row"] if reader else []
        if names:
            modes.append("single-cell")
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
    if csv is not None:
        download_csv(csv, name, key, shape=csv_shape)
    else:
        download_csv(lambda: visible(whole if present is None else present(whole), columns), name, key,
                     shape=(len(whole), len(shown_page.columns)))


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
    st.session_state["reader_at"] = to_int(at) if pd.notna(at) else None
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


def filtered_page(title: str) -> tuple[Filters, View]:
    """A page's opening: its title; on an empty store the way to add articles, and nothing more;
    then the sidebar's filters, the tables they narrow, and a line saying which filters are on."""
    st.title(title)
    if no_data():
        st.stop()
    chosen = current_filters()
    view = data.view(chosen)
    filter_caption()
    return chosen, view


def no_rows(what: str) -> None:
    st.info(f"No {what} for these filters.", icon=":material/filter_alt_off:")


def filter_caption() -> None:
    """One line saying which filters narrow this page."""
    text = caption(current_filters(), label=lambda v: data.country_label(v) if len(v) == 3 and v.isupper() else v)
    if text:
        st.caption(md("Filtered: " + text) + " · change them in the sidebar")


def failure_frame(failures: list[tuple[str, str]]) -> pd.DataFrame:
    return pd.DataFrame(failures, columns=["file", "reason"])
