"""Free-text search over titles and evidence: rows whose sentence, or whose article's title,
holds the text in any case (no Streamlit here).

One pass over every evidence sentence of a store of 100,000 articles is the slowest step a
filter change can take, so the hits of the last few texts are kept with the loaded tables:
changing another filter while a search is on, or going back to an earlier text, searches nothing.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from concurrent.futures import ThreadPoolExecutor

import numpy as np
import pandas as pd

from core.schema import FINDINGS

#: Search texts whose hits are kept (per store load).
SEARCHES_KEPT = 8


def contains(values: pd.Series, text: str) -> np.ndarray:
    """Where `values` hold `text` in any case (False for nulls).

    >>> contains(pd.Series(["Drones for Latvia", None, "tanks"]), "DRONE").tolist()
    [True, False, False]
    """
    if not len(values):
        return np.zeros(0, dtype=bool)
    return values.str.contains(text, case=False, regex=False).to_numpy(dtype=bool, na_value=False)


def search_hits(tables: Mapping[str, pd.DataFrame], text: str) -> dict[str, np.ndarray]:
    """Per table, the rows whose evidence holds `text`, and (`articles`) the titles that do; kept
    for the last few texts, so changing another filter while searching does not search again."""
    memo = tables.get("_search")
    if isinstance(memo, dict) and text in memo:
        return memo[text]
    columns = {name: _column(tables[name], "evidence") for name in FINDINGS} | {
        "articles": _column(tables["articles"], "title")}
    with ThreadPoolExecutor(max_workers=max(1, min(4, os.cpu_count() or 1))) as pool:  # Arrow lets go of the GIL
        found = pool.map(lambda column: contains(column, text), columns.values())
        hits = dict(zip(columns, found, strict=True))
    if isinstance(memo, dict):
        while len(memo) >= SEARCHES_KEPT:
            memo.pop(next(iter(memo)), None)
        memo[text] = hits
    return hits


def _column(frame: pd.DataFrame, name: str) -> pd.Series:
    return frame[name] if name in frame.columns else pd.Series([None] * len(frame), index=frame.index, dtype=object)
