"""The dashboard's global filters, declared once as data (no Streamlit here).

Each `Facet` names its sidebar label, its query-string key and, per table, the columns whose
value must be among the chosen ones (as datasette declares its filters); the masks, the URL,
the caption and the facet counts all follow from `FACETS`. Besides the facets: a date range
(a row matches when its date overlaps it; rows without a date of their own use the article's
publication date; events use only their own, so undated events drop out) and a free-text
search over titles and evidence. A facet that names no column of a table leaves it alone,
except `program`, whose other tables keep the rows of articles that matched it elsewhere. The
articles table keeps the selected articles that still have a row once any other filter is on.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

import numpy as np
import pandas as pd

from core.schema import FINDINGS
from dashboard.prepare import NO_DATE_LO, article_keys, is_prepared, object_lists, prepare_tables
from dashboard.search import search_hits
from dashboard.view import View


@dataclass(frozen=True)
class Facet:
    """One multi-value filter: field of `Filters`, label, URL key, and the columns it reads per table."""

    attr: str
    label: str
    key: str
    columns: Mapping[str, tuple[str, ...]]
    help: str = ""
    via_articles: bool = False  # tables it names no column of keep the rows of the articles it matched
    counted: bool = True  # show how many rows each value has beside it


def _columns(pick) -> dict[str, tuple[str, ...]]:
    return {t: cols for t, f in FINDINGS.items() if (cols := pick(t, f))}


FACETS: tuple[Facet, ...] = (
    Facet("countries", "Country", "country",
          _columns(lambda t, f: f.countries or (("_country",) if t == "site_mentions" else ())),
          "Funder, recipient, force, host, member, actor or a named site's country"),
    Facet("programs", "Program", "program", _columns(lambda t, f: (f.program,) if f.program else ()),
          "A program, fund, package or coalition", via_articles=True),
    Facet("statuses", "Deployment status", "status", {"deployments": ("status",)}, "Narrows the deployments only"),
    Facet("event_types", "Event type", "type", {"events": ("event_type",)}, "Narrows the events only"),
    Facet("articles", "Source article", "source", {t: ("article_id",) for t in FINDINGS}, counted=False),
)
FACET_BY_ATTR = {f.attr: f for f in FACETS}
DATE_KEYS = {"date_from": "from", "date_to": "to"}
SEARCH_KEY = "q"


@dataclass(frozen=True)
class Filters:
    """The sidebar's filters; empty means "all"."""

    countries: tuple[str, ...] = ()
    programs: tuple[str, ...] = ()
    date_from: dt.date | None = None
    date_to: dt.date | None = None
    articles: tuple[str, ...] = ()
    event_types: tuple[str, ...] = ()
    statuses: tuple[str, ...] = ()
    search: str = field(default="")

    @property
    def has_dates(self) -> bool:
        return self.date_from is not None or self.date_to is not None

    @property
    def narrows_findings(self) -> bool:
        """True when a filter other than the source article is on."""
        return any(getattr(self, f.attr) for f in FACETS if f.attr != "articles") or self.has_dates or \
            bool(self.search)

    @property
    def active(self) -> bool:
        return self.narrows_findings or bool(self.articles)


def filters_to_query(filters: Filters) -> dict[str, list[str]]:
    """The filters as query parameters (only the ones that are set).

    >>> filters_to_query(Filters(countries=("ROU", "POL"), date_from=dt.date(2024, 1, 1), search="drone"))
    {'country': ['ROU', 'POL'], 'from': ['2024-01-01'], 'q': ['drone']}
    """
    params: dict[str, list[str]] = {}
    for facet in FACETS:
        if values := getattr(filters, facet.attr):
            params[facet.key] = list(values)
    for attr, key in DATE_KEYS.items():
        if value := getattr(filters, attr):
            params[key] = [value.isoformat()]
    if filters.search:
        params[SEARCH_KEY] = [filters.search]
    return params


def filters_from_query(params: Mapping[str, Iterable[str]]) -> Filters:
    """Filters from query parameters; unknown keys and malformed dates are ignored.

    >>> filters_from_query({"country": ["ROU"], "to": ["2025-06-30"], "from": ["junk"]})
    Filters(countries=('ROU',), programs=(), date_from=None, date_to=datetime.date(2025, 6, 30), articles=(), event_types=(), statuses=(), search='')
    """
    values = {f.attr: tuple(dict.fromkeys(v for v in params.get(f.key, ()) if v)) for f in FACETS}
    dates = {attr: parse_date(next(iter(params.get(key, ())), None)) for attr, key in DATE_KEYS.items()}
    search = next(iter(params.get(SEARCH_KEY, ())), "") or ""
    fields: dict[str, Any] = {**values, **dates}
    return Filters(**fields, search=search.strip()[:200])


def parse_date(text: str | None) -> dt.date | None:
    """An ISO date, or None when the text is not one."""
    try:
        return dt.date.fromisoformat(text) if text else None
    except (TypeError, ValueError):
        return None


def caption(filters: Filters, label=str) -> str:
    """One plain-text line saying which filters are on ('' when none); `label` names a value.

    >>> caption(Filters(countries=("ROU",), statuses=("planned",), search="drone"))
    'Country: ROU; Deployment status: planned; search "drone"'
    """
    parts = []
    for facet in FACETS:
        values = getattr(filters, facet.attr)
        if values:
            shown = [label(v) for v in values[:3]] + ([f"{len(values) - 3} more"] if len(values) > 3 else [])
            parts.append(f"{facet.label}: {', '.join(shown)}")
    if filters.has_dates:
        parts.append(f"dates {filters.date_from or '…'} to {filters.date_to or '…'}")
    if filters.search:
        parts.append(f'search "{filters.search}"')
    return "; ".join(parts)


# --- masks -----------------------------------------------------------------------------------


def _date_int(value: dt.date | None, default: int) -> int:
    return value.year * 10_000 + value.month * 100 + value.day if value else default


def _flags(count: int, keys: np.ndarray | None = None) -> np.ndarray:
    """A boolean array over articles (+1 slot, always False, that key -1 reads), set at `keys`."""
    flags = np.zeros(count + 1, dtype=bool)
    if keys is not None:
        flags[keys[keys >= 0]] = True
    return flags


def _positions(count: int, positions: Iterable[int]) -> np.ndarray:
    mask = np.zeros(count, dtype=bool)
    mask[np.fromiter(positions, dtype=np.int64)] = True
    return mask


def _isin(values: pd.Series, chosen: list[str]) -> np.ndarray:
    return values.isin(chosen).to_numpy(dtype=bool, na_value=False)


def _chosen_flags(tables: Mapping[str, pd.DataFrame], facet: Facet, chosen: tuple[str, ...]) -> np.ndarray:
    """A boolean per facet value (+1 slot, always False, that code -1 reads): True where chosen."""
    categories = tables["_values"][facet.attr]
    flags = np.zeros(len(categories) + 1, dtype=bool)
    at = categories.get_indexer(list(chosen))
    flags[at[at >= 0]] = True
    return flags


def facet_mask(facet: Facet, name: str, frame: pd.DataFrame, chosen: tuple[str, ...],
               tables: Mapping[str, pd.DataFrame], article_flags: np.ndarray) -> np.ndarray:
    """Rows of table `name` (as `frame`, the whole prepared table) whose value in any of the
    facet's columns is chosen: lookups of the values' integer codes."""
    mask = np.zeros(len(frame), dtype=bool)
    if facet.attr == "articles":
        return article_flags[frame["_aid"].to_numpy()]
    flags = _chosen_flags(tables, facet, chosen)
    for column in facet.columns[name]:
        hits = flags[tables["_codes"][(name, column)]]
        flat = tables.get(f"_{name}.{column}")
        if flat is not None:
            mask[flat.index.to_numpy()[hits]] = True
        else:
            mask |= hits
    return mask


def _facet_articles(tables: Mapping[str, pd.DataFrame], facet: Facet, chosen: tuple[str, ...],
                    count: int) -> np.ndarray:
    """Articles with a row that matches the facet (for the tables it names no column of)."""
    flags = _flags(count)
    for name in facet.columns:
        frame = tables[name]
        hits = facet_mask(facet, name, frame, chosen, tables, flags)
        flags[frame["_aid"].to_numpy()[hits]] = True
    flags[-1] = False
    return flags


def apply_filters(tables: Mapping[str, pd.DataFrame], filters: Filters) -> View:
    """The tables narrowed to the filters, as a `View` of kept row positions (helper columns kept;
    `visible` drops them)."""
    if not is_prepared(tables):
        tables = prepare_tables(tables)
    names = [name for name in tables if not name.startswith("_")]
    if not filters.active:
        return View(tables, dict.fromkeys(names))
    rows: dict[str, np.ndarray | None] = dict.fromkeys(names)
    articles = tables["articles"]
    count = len(articles)
    selected = _flags(count, article_keys(pd.Series(list(filters.articles), dtype=object),
                                          pd.Index(articles["article_id"])))
    hits = search_hits(tables, filters.search) if filters.search else {}
    titles = np.append(hits["articles"], False) if filters.search else _flags(count)
    via = {f.attr: _facet_articles(tables, f, getattr(filters, f.attr), count) for f in FACETS
           if f.via_articles and getattr(filters, f.attr)}
    kept = _flags(count)
    for name in FINDINGS:
        frame = tables[name]
        aid = frame["_aid"].to_numpy()
        mask = np.ones(len(frame), dtype=bool)
        for facet in FACETS:
            if chosen := getattr(filters, facet.attr):
                if name in facet.columns:
                    mask &= facet_mask(facet, name, frame, chosen, tables, selected)
                elif facet.attr in via:
                    mask &= via[facet.attr][aid]
        if filters.has_dates:
            lo, hi = _date_int(filters.date_from, 0), _date_int(filters.date_to, NO_DATE_LO)
            mask &= (frame["_lo"].to_numpy() <= hi) & (frame["_hi"].to_numpy() >= lo)
        if filters.search:
            mask &= titles[aid] | hits[name]
        rows[name] = np.flatnonzero(mask)
        kept[aid[mask]] = True
    kept[-1] = False
    article_mask = selected[:count] if filters.articles else np.ones(count, dtype=bool)
    if filters.narrows_findings:
        article_mask = article_mask & (kept[:count] | (titles[:count] if filters.search else False))
    rows["articles"] = np.flatnonzero(article_mask)
    kept = np.append(article_mask, False)
    rows["programs"] = np.flatnonzero(_filter_programs(tables, filters, kept))
    rows["sites"] = np.flatnonzero(_filter_sites(tables, filters, rows))
    conflicts = tables["conflicts"]
    rows["conflicts"] = np.flatnonzero(kept[conflicts["_aid_a"].to_numpy()] | kept[conflicts["_aid_b"].to_numpy()])
    return View(tables, rows)


def _filter_programs(tables: Mapping[str, pd.DataFrame], f: Filters, kept: np.ndarray) -> np.ndarray:
    programs = tables["programs"]
    mask = np.ones(len(programs), dtype=bool)
    if f.programs:
        mask &= _isin(programs["program"], list(f.programs))
    if f.countries:
        codes = tables["_programs.country_codes"]["value"]
        mask &= _positions(len(programs), codes.index[_isin(codes, list(f.countries))])
    if f.narrows_findings or f.articles:
        told = tables["_programs.articles"]["_aid"]
        mask &= _positions(len(programs), told.index[kept[told.to_numpy()]])
    return mask


def _filter_sites(tables: Mapping[str, pd.DataFrame], f: Filters, rows: Mapping[str, np.ndarray | None]) -> np.ndarray:
    """Sites in a chosen country that a kept site mention or deployment names (`_site`: the
    position of a row's site in the sites table, -1 for none)."""
    sites = tables["sites"]
    mask = np.ones(len(sites), dtype=bool)
    if f.countries:
        mask &= _isin(sites["country_code"], list(f.countries))
    if f.active:
        named = np.zeros(len(sites) + 1, dtype=bool)
        for name in ("site_mentions", "deployments"):
            positions = rows[name]
            codes = tables[name]["_site"].to_numpy()
            named[codes if positions is None else codes[positions]] = True
        mask &= named[:-1]
    return mask


def visible(frame: pd.DataFrame, columns: Iterable[str] | None = None) -> pd.DataFrame:
    """The columns a page shows and downloads: `columns` if given, else all but helpers."""
    if columns is None:
        columns = [c for c in frame.columns if not str(c).startswith("_")]
    out = frame.loc[:, list(columns)].reset_index(drop=True)
    for column in out.columns:
        if isinstance(out[column].dtype, pd.ArrowDtype):  # Arrow lists as the cells a CSV and a table expect
            out[column] = object_lists(out[column])
    return out

