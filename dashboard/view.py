"""A filtered view of the prepared tables, kept as row positions (no Streamlit here).

`apply_filters` decides which rows of each table a filter set keeps; copying those rows out of
a table of hundreds of thousands is what costs, and most pages read two or three tables. A
`View` therefore holds the kept positions and takes a table's rows only when a page first
asks for it (then keeps the copy). The sidebar's counts read the positions alone.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping

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


def kept_rows(view: Mapping[str, pd.DataFrame], name: str) -> np.ndarray:
    """Positions of the rows of `name` a view keeps (its frame's index for a plain mapping)."""
    if isinstance(view, View):
        return view.rows(name)
    return view[name].index.to_numpy()
