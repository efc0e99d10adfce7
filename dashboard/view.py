"""A filtered view of the prepared tables, kept as row positions (no Streamlit here).

`apply_filters` decides which rows of each table a filter set keeps; copying those rows out of
a table of hundreds of thousands is what costs, and most pages read two or three tables. A
`View` therefore holds the kept positions and takes a table's rows only when a page first
asks for it (then keeps the copy). The sidebar's counts read the positions alone, and a page that
reads a few columns of a large table copies only those (`select`), or only the rows it shows
(`rows_at`): a search that keeps half of 1.4 million rows would otherwise copy every column of them.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping

import numpy as np
import pandas as pd


class View(Mapping[str, pd.DataFrame]):
    """Tables by name, each the rows at its kept positions (all rows where none are given).

    The frames keep the prepared tables' index (row positions), like `frame[mask]` would; they
    are shared by every session that asks for the same filters, so callers must not change them.
    """

    def __init__(self, tables: Mapping[str, pd.DataFrame], rows: Mapping[str, np.ndarray | None],
                 frames: Mapping[str, pd.DataFrame] | None = None) -> None:
        self._tables = tables
        self._rows = dict(rows)
        self._frames: dict[str, pd.DataFrame] = dict(frames or {})

    def __getitem__(self, name: str) -> pd.DataFrame:
        frame = self._frames.get(name)
        if frame is None:
            whole = self._tables[name]
            frame = whole if self.keeps_all(name) else whole.take(self._rows[name])  # KeyError: not in the view
            self._frames[name] = frame  # two sessions may both take it once: same result, no harm
        return frame

    def __iter__(self) -> Iterator[str]:
        return iter(self._rows)

    def __len__(self) -> int:
        return len(self._rows)

    def rows(self, name: str) -> np.ndarray:
        """The kept positions of table `name` in the prepared table (ascending)."""
        positions = self._rows[name]
        return np.arange(len(self._tables[name])) if positions is None else positions

    def keeps_all(self, name: str) -> bool:
        """Whether the view keeps every row of table `name`."""
        positions = self._rows[name]
        return positions is None or len(positions) == len(self._tables[name])

    def count(self, name: str) -> int:
        positions = self._rows[name]
        return len(self._tables[name]) if positions is None else len(positions)

    def select(self, name: str, columns: Iterable[str]) -> pd.DataFrame:
        """The kept rows of table `name`, with only those of `columns` it has (copied alone, unless a
        page has already taken the whole frame)."""
        taken = self._frames.get(name)
        source = self._tables[name] if taken is None else taken
        present = source.loc[:, [c for c in columns if c in source.columns]]
        return present if taken is not None or self.keeps_all(name) else present.take(self._rows[name])

    def rows_at(self, name: str, index: pd.Index) -> pd.DataFrame:
        """Every column of table `name` at the prepared positions `index` (the index of a frame this
        view gave, or of rows chosen from one)."""
        return self._tables[name].loc[index]


def select(view: Mapping[str, pd.DataFrame], name: str, columns: Iterable[str]) -> pd.DataFrame:
    """`view[name]` with only those of `columns` it has: from a `View`, only they are copied."""
    if isinstance(view, View):
        return view.select(name, columns)
    frame = view[name]
    return frame.loc[:, [c for c in columns if c in frame.columns]]


def rows_at(view: Mapping[str, pd.DataFrame], name: str, index: pd.Index) -> pd.DataFrame:
    """Every column of `view[name]` at `index` (labels of a frame `select` gave)."""
    return view.rows_at(name, index) if isinstance(view, View) else view[name].loc[index]


def count(view: Mapping[str, pd.DataFrame], name: str) -> int:
    """How many rows of table `name` the view keeps (none copied)."""
    return view.count(name) if isinstance(view, View) else len(view[name])


def kept_rows(view: Mapping[str, pd.DataFrame], name: str) -> np.ndarray:
    """Positions of the rows of `name` a view keeps (its frame's index for a plain mapping)."""
    if isinstance(view, View):
        return view.rows(name)
    return view[name].index.to_numpy()
