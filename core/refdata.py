"""Reference data from `data/`: loaded lazily, once per process.

Only this module reads the reference files; finders ask it for ready-made lookups. Where the
files are: `FLANKWATCH_DATA` if set; else the package data `core/data` an installed wheel ships
(`setup.py` maps the checkout's top-level `data/` there), read through `importlib.resources`;
else, in a source checkout, the top-level `data/` itself.
"""

from __future__ import annotations

import csv
import io
import os
from functools import cache, lru_cache
from importlib import resources
from importlib.abc import Traversable
from pathlib import Path

CHECKOUT_DATA = Path(__file__).resolve().parent.parent / "data"


def data_root() -> Traversable:
    """The folder the reference files are read from (see the module docstring for the order)."""
    if os.environ.get("FLANKWATCH_DATA"):
        return Path(os.environ["FLANKWATCH_DATA"])
    packaged = resources.files("core") / "data"
    if packaged.is_dir():
        return packaged
    return CHECKOUT_DATA


def resource(name: str) -> Traversable:
    """The reference file `data/<name>` (`name` may contain '/'), wherever the data is."""
    found = data_root()
    for part in name.split("/"):
        found = found / part
    return found


def data_file(name: str) -> Path:
    """`data/<name>` as a filesystem path, for readers that need one (a wheel is installed unpacked)."""
    return Path(str(resource(name)))


@cache
def rows(name: str) -> tuple[dict[str, str], ...]:
    """The rows of `data/<name>` as dicts (empty cells are empty strings)."""
    with io.TextIOWrapper(resource(name).open("rb"), encoding="utf-8", newline="") as f:
        return tuple({k: (v or "").strip() for k, v in row.items()} for row in csv.DictReader(f))


def split_list(cell: str) -> list[str]:
    """A '|'-separated cell as a list of its non-empty parts."""
    return [part.strip() for part in cell.split("|") if part.strip()]


@lru_cache(maxsize=1)
def countries() -> dict[str, dict[str, str]]:
    """Countries by alpha-3 code."""
    return {r["code"]: r for r in rows("countries.csv")}


def country_name(code: str | None) -> str | None:
    """The contract's English short name for an alpha-3 code.

    >>> country_name("TUR")
    'Türkiye'
    """
    if not code:
        return None
    row = countries().get(code)
    return row["name"] if row else None


def country_centroid(code: str | None) -> tuple[float | None, float | None]:
    """A representative point inside the country, for country-level rows."""
    row = countries().get(code or "")
    if not row or not row.get("lat"):
        return None, None
    return float(row["lat"]), float(row["lon"])


@lru_cache(maxsize=1)
def sites() -> dict[str, dict[str, str]]:
    """Gazetteer rows by canonical site name, then the open-world places of places.csv (kind city)."""
    found = {r["site"]: r for r in rows("gazetteer.csv")}
    for r in rows("places.csv"):
        found.setdefault(r["site"], {**r, "kind": "city", "capital": "0", "ambiguous": "0"})
    return found


@lru_cache(maxsize=1)
def rates() -> dict[tuple[str, int], float]:
    """Units of currency per euro, by (currency, year)."""
    return {(r["currency"], int(r["year"])): float(r["per_eur"]) for r in rows("currency_rates.csv")}


def vocab(name: str, key: str, value: str) -> dict[str, str]:
    """A two-column vocabulary from `data/vocab/<name>.csv` as a dict."""
    return {r[key]: r[value] for r in rows(f"vocab/{name}.csv")}
