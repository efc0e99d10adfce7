"""Free-text search over titles and evidence: rows whose sentence, or whose article's title,
holds the text in any case (no Streamlit here).

A store of 100,000 articles holds 1.4 million finding rows but about half as many sentences: one
sentence often gives a budget, an event and a site. `SearchIndex` (dashboard/search_index.py) keeps
each distinct sentence once, lower-cased, with a trigram signature, and each row's position in it; a
search then reads only the sentences whose signature holds every trigram of the text. The index is
built once per store load, after the first page is drawn (`start_index`, in a thread), so the cold
start does not pay it; until it is ready a search scans every row (the former path, `scan_hits`).

The hits of the last few texts are kept with the loaded tables: changing another filter while a
search is on, or going back to an earlier text, searches nothing.
"""

from __future__ import annotations

import os
import threading
from collections.abc import Mapping
from concurrent.futures import ThreadPoolExecutor

import numpy as np
import pandas as pd

from core.schema import FINDINGS
from dashboard.search_index import SearchIndex, build_index

#: Search texts whose hits are kept (per store load).
SEARCHES_KEPT = 8
#: Finding rows below which the index is built on the first search, in the caller's thread (under 50 ms).
BUILD_NOW_ROWS = 50_000


class IndexSlot:
    """Where the prepared tables keep their search index: empty until `start_index` has built it.
    One per store load, shared by every session; the build runs once, in one thread."""

    def __init__(self) -> None:
        self.index: SearchIndex | None = None
        self._lock = threading.Lock()
        self._thread: threading.Thread | None = None

    def start(self, tables: Mapping[str, pd.DataFrame]) -> None:
        with self._lock:
            if self._thread is None and self.index is None:
                self._thread = threading.Thread(target=self._build, args=(tables,), name="search-index", daemon=True)
                self._thread.start()

    def build_now(self, tables: Mapping[str, pd.DataFrame]) -> SearchIndex:
        self.start(tables)
        if self._thread is not None:
            self._thread.join()
        if self.index is None:  # the thread failed: build here, so the error is raised where it is seen
            self.index = build_index(tables)
        return self.index

    def _build(self, tables: Mapping[str, pd.DataFrame]) -> None:
        self.index = build_index(tables)


def start_index(tables: Mapping[str, pd.DataFrame]) -> None:
    """Build the search index of prepared `tables` in a thread (once; nothing if they have no slot)."""
    slot = tables.get("_search_index")
    if isinstance(slot, IndexSlot):
        slot.start(tables)


def search_hits(tables: Mapping[str, pd.DataFrame], text: str) -> dict[str, np.ndarray]:
    """Per finding table, the rows whose evidence holds `text` in any case, and (`articles`) the
    articles whose title does; kept for the last few texts."""
    memo = tables.get("_search")
    if isinstance(memo, dict) and text in memo:
        return memo[text]
    index = _ready_index(tables)
    hits = index.hits(text) if index is not None else scan_hits(tables, text)
    if isinstance(memo, dict):
        while len(memo) >= SEARCHES_KEPT:
            memo.pop(next(iter(memo)), None)
        memo[text] = hits
    return hits


def _ready_index(tables: Mapping[str, pd.DataFrame]) -> SearchIndex | None:
    """The index if built; on a small store, built now; else None (and its build started)."""
    slot = tables.get("_search_index")
    if not isinstance(slot, IndexSlot):
        return None
    if slot.index is None and sum(len(tables[name]) for name in FINDINGS) < BUILD_NOW_ROWS:
        return slot.build_now(tables)
    if slot.index is None:
        slot.start(tables)
    return slot.index


def contains(values: pd.Series, text: str) -> np.ndarray:
    """Where `values` hold `text` in any case (False for nulls).

    >>> contains(pd.Series(["Drones for Latvia", None, "tanks"]), "DRONE").tolist()
    [True, False, False]
    """
    if not len(values):
        return np.zeros(0, dtype=bool)
    return values.str.contains(text, case=False, regex=False).to_numpy(dtype=bool, na_value=False)


def scan_hits(tables: Mapping[str, pd.DataFrame], text: str) -> dict[str, np.ndarray]:
    """`search_hits` without the index: every evidence cell and title, table by table (threaded:
    Arrow lets go of the GIL). What a search costs before the index is ready."""
    columns = {name: _column(tables[name], "evidence") for name in FINDINGS} | {
        "articles": _column(tables["articles"], "title")}
    with ThreadPoolExecutor(max_workers=max(1, min(4, os.cpu_count() or 1))) as pool:
        found = pool.map(lambda column: contains(column, text), columns.values())
        return dict(zip(columns, found, strict=True))


def _column(frame: pd.DataFrame, name: str) -> pd.Series:
    return frame[name] if name in frame.columns else pd.Series([None] * len(frame), index=frame.index, dtype=object)
