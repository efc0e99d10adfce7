"""Cached loaders: the only place the dashboard reads the store or reference files.

The store is opened only for the moment it takes to load (so a CLI ingest can write it
while the dashboard is open); the cache key is the store's path plus
`core.store.store_version`, so the next rerun after any write loads the new rows.

The loaded tables live in `st.cache_resource` (one shared, read-only copy) rather than
`st.cache_data`, which would unpickle a fresh copy of every table on every rerun: on a
store of 100,000 articles that copy alone would take longer than the filter budget.
Nothing downstream mutates them: filters build new frames.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Mapping
from pathlib import Path
from typing import TypeVar, cast

import pandas as pd
import streamlit as st

from core import reviews as core_reviews
from core import store
from core.refdata import countries, country_name, data_file
from dashboard import facets, filters, prepare, search
from dashboard.view import View

T = TypeVar("T")

OUTLINES = data_file("country_outlines.geojson")
#: Only outlines touching this box are sent to the browser (Europe and its neighbours).
OUTLINE_BOX = (-25.0, 30.0, 60.0, 75.0)  # lon_min, lat_min, lon_max, lat_max


def db_path() -> Path:
    """The store this dashboard shows ($FLANKWATCH_DB, else the project's store)."""
    return store.default_db()


#: Store versions that differ from an earlier one only by reviews this dashboard saved:
#: (store, version) -> that earlier version, so the tables loaded for it are kept.
_REVIEWS_ONLY: dict[tuple[str, tuple], tuple] = {}


def version() -> tuple:
    """The cache key of everything loaded from the store: its version, or, after a review saved
    here, the version before it (a review changes no table but `reviews`)."""
    db = db_path()
    current = store.store_version(db)
    return _REVIEWS_ONLY.get((str(db), current), current)


@st.cache_resource(max_entries=2, show_spinner="Loading the store…")
def _load(db: str, store_version: tuple) -> dict[str, pd.DataFrame]:
    return prepare.load(Path(db))


def tables() -> dict[str, pd.DataFrame]:
    """Every table, with the filters' helper columns (raises core.store.StoreError)."""
    return _load(str(db_path()), version())


def start_search_index() -> None:
    """Build the loaded tables' search index in a thread, once per store load: called after a page
    is drawn, so the cold start does not wait for it (a search before it is ready scans every row)."""
    search.start_index(tables())


@st.cache_resource(max_entries=4, show_spinner=False)
def _view(db: str, store_version: tuple, chosen: filters.Filters) -> View:
    return filters.apply_filters(tables(), chosen)


def view(chosen: filters.Filters) -> View:
    """The tables narrowed to the sidebar's filters (kept for the last few filter sets, so
    reruns that change no filter, like a click in a table, skip the filtering)."""
    return _view(str(db_path()), version(), chosen)


@st.cache_resource(max_entries=48, show_spinner=False)
def _per_view(db: str, store_version: tuple, chosen: filters.Filters, name: str, _work: Callable) -> object:
    return _work(view(chosen))


def per_view(name: str, work: Callable[[View], T], chosen: filters.Filters) -> T:
    """`work(view(chosen))`, computed once per store version, filters and `name` (so a rerun of the
    same page, or a return to it, skips its aggregates). Callers must not change what it returns."""
    return cast(T, _per_view(str(db_path()), version(), chosen, name, work))


@st.cache_resource(max_entries=16, show_spinner=False)
def _profile(db: str, store_version: tuple, kind: str, name: str) -> dict:
    from dashboard import profiles

    return profiles.profile(tables(), kind, name)


def profile(kind: str, name: str) -> dict:
    """The sections of one profile (computed once per store version)."""
    return _profile(str(db_path()), version(), kind, name)


@st.cache_resource(max_entries=2, show_spinner=False)
def _options(db: str, store_version: tuple) -> dict:
    options = facets.filter_options(tables())
    options["countries"] = sorted(options["countries"], key=country_label)
    options["titles"] = facets.article_titles(tables()["articles"])
    return options


def filter_options() -> dict:
    """What each sidebar filter offers (computed once per store version)."""
    return _options(str(db_path()), version())


@st.cache_resource(max_entries=4, show_spinner=False)
def _counts(db: str, store_version: tuple, chosen: filters.Filters) -> dict[str, dict[str, int]]:
    return facets.facet_counts(view(chosen), tables())


def facet_counts(chosen: filters.Filters) -> dict[str, dict[str, int]]:
    """Rows per value of each sidebar filter under `chosen` (cached like the view)."""
    return _counts(str(db_path()), version(), chosen)


@st.cache_resource(max_entries=8, show_spinner=False)
def _profile_names(db: str, store_version: tuple, kind: str) -> list[str]:
    from dashboard import profiles

    found = profiles.names(tables(), kind)
    return sorted(found, key=country_label) if kind == "country" else found


def profile_names(kind: str) -> list[str]:
    """Every country (code), site, coalition or program a profile exists for."""
    return _profile_names(str(db_path()), version(), kind)


def article_titles() -> dict[str, str]:
    """Short titles of every stored article, by id (plain text)."""
    return filter_options()["titles"]


@st.cache_data(max_entries=64, show_spinner=False)
def _text(db: str, store_version: tuple, article_id: str) -> str | None:
    return store.article_text(article_id, Path(db))


def article_text(article_id: str) -> str | None:
    """The stored text that evidence offsets point into."""
    return _text(str(db_path()), version(), article_id)


@st.cache_resource(max_entries=2, show_spinner=False)
def _reviews(db: str, store_version: tuple) -> pd.DataFrame:
    return store.load_table("reviews", Path(db))


def reviews() -> pd.DataFrame:
    """The conflict reviews as stored now (kept apart from the other tables: a review saved from the
    dashboard reloads only these)."""
    db = db_path()
    return _reviews(str(db), store.store_version(db))


def save_review(conflict: dict, status: str, right: str | None, note: str | None) -> None:
    """Store a conflict's review (raises core.store.StoreError); every other table stays loaded."""
    db = db_path()
    shown = version()
    core_reviews.save_review(db, conflict, status=status, right=right, note=note)
    _REVIEWS_ONLY[(str(db), store.store_version(db))] = shown
    _reviews.clear()


def is_empty(t: Mapping[str, pd.DataFrame]) -> bool:
    return t["articles"].empty


@st.cache_resource(show_spinner=False)
def _outlines(path: str, mtime: float) -> dict | None:
    try:
        with open(path, encoding="utf-8") as f:
            collection = json.load(f)
    except (OSError, ValueError):
        return None
    features = [f for f in collection.get("features", []) if _in_box(f.get("geometry") or {})]
    return {"type": "FeatureCollection", "features": features}


def _points(coordinates: object):
    """Every (lon, lat) pair in a GeoJSON coordinates array, however deeply nested."""
    if isinstance(coordinates, list) and coordinates:
        if isinstance(coordinates[0], int | float):
            yield coordinates[0], coordinates[1]
        else:
            for part in coordinates:
                yield from _points(part)


def _in_box(geometry: dict) -> bool:
    lon_min, lat_min, lon_max, lat_max = OUTLINE_BOX
    return any(lon_min <= x <= lon_max and lat_min <= y <= lat_max for x, y in _points(geometry.get("coordinates")))


def outlines() -> dict | None:
    """Country outlines shipped in data/ (None when the file is missing or unreadable)."""
    try:
        mtime = OUTLINES.stat().st_mtime
    except OSError:
        return None
    return _outlines(str(OUTLINES), mtime)


#: Country names are drawn on the map for countries whose centroid is in this box.
LABEL_BOX = (5.0, 40.0, 42.0, 63.0)


@st.cache_resource(show_spinner=False)
def country_labels() -> pd.DataFrame:
    """Names and centroids of the countries around the eastern flank (reference data)."""
    lon_min, lat_min, lon_max, lat_max = LABEL_BOX
    rows = [(r["name"], float(r["lat"]), float(r["lon"])) for r in countries().values() if r.get("lat")]
    frame = pd.DataFrame(rows, columns=["name", "lat", "lon"])
    return frame[frame["lon"].between(lon_min, lon_max) & frame["lat"].between(lat_min, lat_max)].reset_index(drop=True)


def force_colours() -> dict[str, str]:
    """A colour per force country: fixed per code (data/country_colours.csv), so neither filters
    nor new articles ever recolour the map."""
    from dashboard.colours import colour_map

    return colour_map(tables()["deployments"]["force_code"])


def country_label(code: str) -> str:
    """'Romania (ROU)' for a code; the code alone when the reference data has no name."""
    name = country_name(code) if isinstance(code, str) else None
    return f"{name} ({code})" if name else str(code)


def clear() -> None:
    """Forget every cached load (after the dashboard itself wrote the store)."""
    _load.clear()
    _view.clear()
    _options.clear()
    _counts.clear()
    _per_view.clear()
    _profile.clear()
    _profile_names.clear()
    _text.clear()
    _reviews.clear()
