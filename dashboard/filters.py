"""The dashboard's global filters, as plain pandas functions (no Streamlit here).

`prepare_tables` adds helper columns once per store load (they start with `_` and are
never shown); `apply_filters` is then a handful of vectorised masks per table, fast on a
store of 100,000 articles. Semantics, one line each:

- country: a row matches when any of its country columns (funder, force, host, member,
  an event's actors, a program's countries, a role's country, a site's country) is selected;
- program: budgets, deployments and events by `program`, coalitions by `coalition`;
  tables without a program column keep the rows of articles that matched it elsewhere;
- date range: a row matches when its date overlaps the range; rows without a date of their
  own (deployments, names, roles, undated budgets and memberships) use the article's
  publication date; events use only their own date, so undated and year-less events drop out;
- source article: rows read from the selected articles;
- event type: applies to events only.
The articles table keeps the selected articles that still have a row once any other filter is on.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

import numpy as np
import pandas as pd

#: Tables with one row per finding in an article, and how each filter reads them.
FINDING_TABLES: dict[str, dict[str, tuple[str, ...]]] = {
    "budgets": {"country": ("funder_code",), "program": ("program",)},
    "deployments": {"country": ("force_code", "host_code"), "program": ("program",)},
    "coalitions": {"country": ("member_code",), "program": ("coalition",)},
    "events": {"country": ("actor_codes",), "program": ("program",), "type": ("event_type",)},
    "site_mentions": {"country": ("_country",)},
    "roles": {"country": ("country_code",)},
}
#: Tables whose own date (or years) places a row in time; the rest use the article's date.
OWN_DATES = {"events": "date", "coalitions": "date"}
#: Where the date filter falls back to the article's publication date.
PUBLISHED_FALLBACK = ("budgets", "deployments", "coalitions", "site_mentions", "roles")
NO_DATE_LO, NO_DATE_HI = 99_999_999, -1  # an interval that overlaps nothing


@dataclass(frozen=True)
class Filters:
    """The sidebar's filters; empty means "all"."""

    countries: tuple[str, ...] = ()
    programs: tuple[str, ...] = ()
    date_from: dt.date | None = None
    date_to: dt.date | None = None
    articles: tuple[str, ...] = ()
    event_types: tuple[str, ...] = ()

    @property
    def has_dates(self) -> bool:
        return self.date_from is not None or self.date_to is not None

    @property
    def narrows_findings(self) -> bool:
        """True when a filter other than the source article is on."""
        return bool(self.countries or self.programs or self.event_types or self.has_dates)

    @property
    def active(self) -> bool:
        return self.narrows_findings or bool(self.articles)


#: Query-string names of the filters (repeated keys for several values).
QUERY_KEYS = {"countries": "country", "programs": "program", "articles": "source", "event_types": "type"}
DATE_KEYS = {"date_from": "from", "date_to": "to"}


def filters_to_query(filters: Filters) -> dict[str, list[str]]:
    """The filters as query parameters (only the ones that are set).

    >>> filters_to_query(Filters(countries=("ROU", "POL"), date_from=dt.date(2024, 1, 1)))
    {'country': ['ROU', 'POL'], 'from': ['2024-01-01']}
    """
    params: dict[str, list[str]] = {}
    for attr, key in QUERY_KEYS.items():
        if values := getattr(filters, attr):
            params[key] = list(values)
    for attr, key in DATE_KEYS.items():
        if value := getattr(filters, attr):
            params[key] = [value.isoformat()]
    return params


def filters_from_query(params: Mapping[str, Iterable[str]]) -> Filters:
    """Filters from query parameters; unknown keys and malformed dates are ignored.

    >>> filters_from_query({"country": ["ROU"], "to": ["2025-06-30"], "from": ["junk"]})
    Filters(countries=('ROU',), programs=(), date_from=None, date_to=datetime.date(2025, 6, 30), articles=(), event_types=())
    """
    values = {attr: tuple(dict.fromkeys(v for v in params.get(key, ()) if v)) for attr, key in QUERY_KEYS.items()}
    dates = {attr: parse_date(next(iter(params.get(key, ())), None)) for attr, key in DATE_KEYS.items()}
    return Filters(**values, **dates)


def parse_date(text: str | None) -> dt.date | None:
    """An ISO date, or None when the text is not one."""
    try:
        return dt.date.fromisoformat(text) if text else None
    except (TypeError, ValueError):
        return None


# --- preparation (once per store load) ---------------------------------------------------


def date_bounds(dates: pd.Series) -> tuple[np.ndarray, np.ndarray]:
    """Each ISO date at its precision as an interval of YYYYMMDD integers.

    '2025' covers the year, '2025-03' the month; null and year-less ('--12-12') dates
    get an interval that overlaps nothing.

    >>> lo, hi = date_bounds(pd.Series(["2025", "2025-03", "2024-02-17", "--12-12", None]))
    >>> lo.tolist(), hi.tolist()
    ([20250101, 20250301, 20240217, 99999999, 99999999], [20251231, 20250331, 20240217, -1, -1])
    """
    text = dates.astype("string").fillna("")
    digits = text.str.replace("-", "", regex=False)
    ok = text.str.match(r"^\d{4}(-\d{2}(-\d{2})?)?$").fillna(False).to_numpy(bool)
    width = text.str.len().fillna(0).to_numpy()
    lo = np.full(len(text), NO_DATE_LO, dtype=np.int64)
    hi = np.full(len(text), NO_DATE_HI, dtype=np.int64)
    for length, lo_pad, hi_pad in ((4, "0101", "1231"), (7, "01", "31"), (10, "", "")):
        mask = ok & (width == length)
        if mask.any():
            part = digits[mask]
            lo[mask] = (part + lo_pad).astype(np.int64).to_numpy()
            hi[mask] = (part + hi_pad).astype(np.int64).to_numpy()
    return lo, hi


def year_bounds(start: pd.Series, end: pd.Series) -> tuple[np.ndarray, np.ndarray]:
    """Budget years as YYYYMMDD intervals (a missing end is the start year).

    >>> lo, hi = year_bounds(pd.Series([2024, None]), pd.Series([2026, None]))
    >>> lo.tolist(), hi.tolist()
    ([20240101, 99999999], [20261231, -1])
    """
    first = pd.to_numeric(start, errors="coerce")
    last = pd.to_numeric(end, errors="coerce").fillna(first)
    first = first.fillna(last)
    lo = (first * 10_000 + 101).fillna(NO_DATE_LO).to_numpy(np.int64)
    hi = (last * 10_000 + 1231).fillna(NO_DATE_HI).to_numpy(np.int64)
    return lo, hi


def _with_fallback(lo: np.ndarray, hi: np.ndarray, article_ids: pd.Series,
                   published: pd.DataFrame) -> tuple[np.ndarray, np.ndarray]:
    """Fill rows without a date of their own from the article's publication date."""
    missing = lo == NO_DATE_LO
    if missing.any() and len(published):
        index = pd.Index(published["article_id"])
        where = index.get_indexer(article_ids[missing])
        found = where >= 0
        rows = np.flatnonzero(missing)[found]
        lo[rows] = published["_lo"].to_numpy()[where[found]]
        hi[rows] = published["_hi"].to_numpy()[where[found]]
    return lo, hi


def _exploded(values: pd.Series) -> pd.Series:
    """A list column as one entry per (row index, value), for fast membership tests."""
    flat = values.map(lambda v: list(v) if isinstance(v, list | tuple | np.ndarray) else [])
    return flat.explode().dropna()


def prepare_tables(tables: Mapping[str, pd.DataFrame]) -> dict[str, pd.DataFrame]:
    """Copies of the tables with the helper columns `apply_filters` reads."""
    out = {name: frame.reset_index(drop=True).copy() for name, frame in tables.items()}
    articles = out.setdefault("articles", pd.DataFrame(columns=["article_id", "published"]))
    articles["_lo"], articles["_hi"] = date_bounds(articles["published"])
    published = articles[["article_id", "_lo", "_hi"]].drop_duplicates("article_id")
    for name in FINDING_TABLES:
        if name not in out:
            continue
        frame = out[name]
        if name == "budgets":
            lo, hi = year_bounds(frame["year_start"], frame["year_end"])
        elif name in OWN_DATES:
            lo, hi = date_bounds(frame[OWN_DATES[name]])
        else:
            lo = np.full(len(frame), NO_DATE_LO, dtype=np.int64)
            hi = np.full(len(frame), NO_DATE_HI, dtype=np.int64)
        if name in PUBLISHED_FALLBACK:
            lo, hi = _with_fallback(lo, hi, frame["article_id"], published)
        frame["_lo"], frame["_hi"] = lo, hi
    if "events" in out:
        out["_events_actors"] = _exploded(out["events"]["actor_codes"]).to_frame("code")
    if "site_mentions" in out:
        countries = _site_countries(out.get("sites"))
        out["site_mentions"]["_country"] = out["site_mentions"]["site"].map(countries)
    if "programs" in out:
        out["_programs_countries"] = _exploded(out["programs"]["country_codes"]).to_frame("code")
        out["_programs_articles"] = _exploded(out["programs"]["articles"]).to_frame("article_id")
    return out


def _site_countries(sites: pd.DataFrame | None) -> dict[str, str]:
    if sites is None or sites.empty:
        return {}
    return dict(zip(sites["site"], sites["country_code"], strict=False))


def is_prepared(tables: Mapping[str, pd.DataFrame]) -> bool:
    return "_lo" in tables.get("articles", pd.DataFrame()).columns


# --- filtering -----------------------------------------------------------------------------


def _date_int(value: dt.date | None, default: int) -> int:
    return value.year * 10_000 + value.month * 100 + value.day if value else default


def _country_mask(name: str, frame: pd.DataFrame, codes: set[str], tables: Mapping) -> np.ndarray:
    if name == "events":
        actors = tables["_events_actors"]["code"]
        return frame.index.isin(actors.index[actors.isin(codes)])
    mask = np.zeros(len(frame), dtype=bool)
    for column in FINDING_TABLES[name]["country"]:
        mask |= frame[column].isin(codes).to_numpy()
    return mask


def _finding_mask(name: str, frame: pd.DataFrame, f: Filters, tables: Mapping,
                  program_articles: set[str] | None) -> np.ndarray:
    """Rows of one finding table that pass every filter."""
    spec = FINDING_TABLES[name]
    mask = np.ones(len(frame), dtype=bool)
    if f.articles:
        mask &= frame["article_id"].isin(f.articles).to_numpy()
    if f.countries:
        mask &= _country_mask(name, frame, set(f.countries), tables)
    if f.programs:
        if "program" in spec:
            mask &= frame[spec["program"][0]].isin(f.programs).to_numpy()
        else:
            mask &= frame["article_id"].isin(program_articles or set()).to_numpy()
    if f.event_types and "type" in spec:
        mask &= frame["event_type"].isin(f.event_types).to_numpy()
    if f.has_dates:
        lo, hi = _date_int(f.date_from, 0), _date_int(f.date_to, NO_DATE_LO)
        mask &= (frame["_lo"].to_numpy() <= hi) & (frame["_hi"].to_numpy() >= lo)
    return mask


def apply_filters(tables: Mapping[str, pd.DataFrame], filters: Filters) -> dict[str, pd.DataFrame]:
    """The tables narrowed to the filters (helper columns kept; `visible` drops them)."""
    if not is_prepared(tables):
        tables = prepare_tables(tables)
    out = {name: frame for name, frame in tables.items() if not name.startswith("_")}
    if not filters.active:
        return out
    program_articles = None
    if filters.programs:
        program_articles = set()
        for name, spec in FINDING_TABLES.items():
            if "program" in spec and name in tables:
                frame = tables[name]
                program_articles.update(frame.loc[frame[spec["program"][0]].isin(filters.programs), "article_id"])
    kept_articles: set[str] = set()
    for name in FINDING_TABLES:
        if name in tables:
            frame = tables[name]
            out[name] = frame[_finding_mask(name, frame, filters, tables, program_articles)]
            kept_articles.update(out[name]["article_id"].unique())
    out["articles"] = _filter_articles(tables["articles"], filters, kept_articles)
    kept_articles = set(out["articles"]["article_id"])
    if "programs" in tables:
        out["programs"] = _filter_programs(tables, filters, kept_articles)
    if "sites" in tables:
        out["sites"] = _filter_sites(tables["sites"], filters, out)
    if "conflicts" in tables:
        conflicts = tables["conflicts"]
        out["conflicts"] = conflicts[conflicts["article_a"].isin(kept_articles) | conflicts["article_b"].isin(kept_articles)]
    return out


def _filter_articles(articles: pd.DataFrame, f: Filters, kept: set[str]) -> pd.DataFrame:
    mask = np.ones(len(articles), dtype=bool)
    if f.articles:
        mask &= articles["article_id"].isin(f.articles).to_numpy()
    if f.narrows_findings:
        mask &= articles["article_id"].isin(kept).to_numpy()
    return articles[mask]


def _filter_programs(tables: Mapping[str, pd.DataFrame], f: Filters, kept: set[str]) -> pd.DataFrame:
    programs = tables["programs"]
    mask = np.ones(len(programs), dtype=bool)
    if f.programs:
        mask &= programs["program"].isin(f.programs).to_numpy()
    if f.countries:
        codes = tables["_programs_countries"]["code"]
        mask &= programs.index.isin(codes.index[codes.isin(f.countries)])
    if f.articles or f.has_dates or f.event_types:
        told = tables["_programs_articles"]["article_id"]
        mask &= programs.index.isin(told.index[told.isin(kept)])
    return programs[mask]


def _filter_sites(sites: pd.DataFrame, f: Filters, out: Mapping[str, pd.DataFrame]) -> pd.DataFrame:
    mask = np.ones(len(sites), dtype=bool)
    if f.countries:
        mask &= sites["country_code"].isin(f.countries).to_numpy()
    if f.articles or f.programs or f.has_dates or f.event_types:
        named = set(out["site_mentions"]["site"]) | set(out["deployments"]["site"].dropna())
        mask &= sites["site"].isin(named).to_numpy()
    return sites[mask]


def visible(frame: pd.DataFrame, columns: Iterable[str] | None = None) -> pd.DataFrame:
    """The columns a page shows and downloads: `columns` if given, else all but helpers."""
    if columns is None:
        columns = [c for c in frame.columns if not str(c).startswith("_")]
    return frame.loc[:, list(columns)].reset_index(drop=True)

