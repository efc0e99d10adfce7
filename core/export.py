"""CSV and JSON export that is safe to open in a spreadsheet."""

from __future__ import annotations

import csv
import json
from typing import TextIO

import numpy as np
import pandas as pd

_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def neutralise(value: object) -> object:
    """Prefix text that a spreadsheet would run as a formula with a quote; numbers stay numbers.

    >>> neutralise("=HYPERLINK(1)"), neutralise("-5"), neutralise(-5), neutralise("Kyiv")
    ("'=HYPERLINK(1)", "'-5", -5, 'Kyiv')
    """
    if isinstance(value, str) and value.startswith(_FORMULA_START):
        return "'" + value
    return value


def _cell(value: object) -> object:
    if isinstance(value, list | tuple | dict):
        value = json.dumps(value, ensure_ascii=False)
    elif hasattr(value, "tolist"):
        value = json.dumps(value.tolist(), ensure_ascii=False)
    if isinstance(value, str) and ("\r" in value or "\n" in value):
        return _multiline(value)
    return neutralise(value)


def _multiline(value: str) -> str:
    """A cell with line breaks: carriage returns as line feeds (so the CSV writer, whose line ends are
    LF, always quotes it), and a quote in front when any of its lines would start a formula.

    >>> _multiline("name\\r=1+1.txt") == "'name\\n=1+1.txt", _multiline("two\\nlines") == "two\\nlines"
    (True, True)
    """
    value = value.replace("\r\n", "\n").replace("\r", "\n")
    if any(line.startswith(_FORMULA_START) for line in value.split("\n")):
        return "'" + value
    return value


def safe_frame(df: pd.DataFrame) -> pd.DataFrame:
    """A copy of `df` whose text cells (categories too) and column names cannot be evaluated as formulas,
    and whose whole-number columns are written as integers."""
    out = integral_columns(df).copy()
    for column in out.columns:
        if isinstance(out[column].dtype, pd.CategoricalDtype):
            out[column] = out[column].astype(object)
        if out[column].dtype == object or str(out[column].dtype).startswith("str"):
            out[column] = out[column].map(lambda v: _cell(v) if v is not None else v)
    out.columns = [neutralise(column) for column in out.columns]
    return out


def integral_columns(frame: pd.DataFrame) -> pd.DataFrame:
    """The frame with float columns that hold only whole numbers as nullable integers, so a CSV
    says 140800000 and 2025, not 140800000.0 and 2025.0.

    >>> integral_columns(pd.DataFrame({"a": [2025.0, None], "b": [1.5, 2.0]})).dtypes.astype(str).tolist()
    ['Int64', 'float64']
    """
    out = frame
    for column in frame.columns:
        values = frame[column]
        if pd.api.types.is_float_dtype(values.dtype):
            array = values.to_numpy(dtype=float, na_value=np.nan)
            known = array[~np.isnan(array)]
            if len(known) and np.all(known == np.round(known)) and np.all(np.abs(known) < 2**53):
                if out is frame:
                    out = frame.copy()
                out[column] = pd.array(np.round(array), dtype="Float64").astype("Int64")
    return out


def write_csv(df: pd.DataFrame, out: TextIO) -> None:
    """Write `df` as CSV with formula-like cells neutralised."""
    safe_frame(df).to_csv(out, index=False, quoting=csv.QUOTE_MINIMAL, lineterminator="\n")


def to_csv_bytes(df: pd.DataFrame) -> bytes:
    """The CSV of `df` as UTF-8 bytes (for downloads)."""
    return safe_frame(df).to_csv(index=False, lineterminator="\n").encode("utf-8")
