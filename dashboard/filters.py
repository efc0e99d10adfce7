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

from core.schema import TABLES

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


def _article_keys(article_ids: pd.Series, index: pd.Index) -> np.ndarray:
    """Each row's article as a position in the articles table (-1 when unknown).

    Filters work on these integers: a boolean array per article set, indexed by them, is
    far faster than string membership on millions of rows. Position -1 reads the array's
    last slot, which `_flags` keeps False.
    """
    return index.get_indexer(article_ids).astype(np.int64)


def _with_fallback(lo: np.ndarray, hi: np.ndarray, keys: np.ndarray,
                   published: pd.DataFrame) -> tuple[np.ndarray, np.ndarray]:
    """Fill rows without a date of their own from the article's publication date."""
    lo, hi = np.array(lo, dtype=np.int64), np.array(hi, dtype=np.int64)
    rows = np.flatnonzero((lo == NO_DATE_LO) & (keys >= 0))
    lo[rows] = published["_lo"].to_numpy()[keys[rows]]
    hi[rows] = published["_hi"].to_numpy()[keys[rows]]
    return lo, hi


def _exploded(values: pd.Series) -> pd.Series:
    """A list column as one entry per (row position, value), for fast membership tests."""
    flat = values.map(lambda v: list(v) if isinstance(v, list | tuple | np.ndarray) else [])
    return flat.explode().dropna()


def _contiguous(frame: pd.DataFrame) -> pd.DataFrame:
    """Arrow-backed columns in one chunk each (row selection on many chunks is slower)."""
    for column in frame.columns:
        data = getattr(frame[column].array, "_pa_array", None)
        if data is not None and getattr(data, "num_chunks", 1) > 1:
            frame[column] = pd.Series(type(frame[column].array)(data.combine_chunks()), index=frame.index)
    return frame


def _typed(name: str, frame: pd.DataFrame) -> pd.DataFrame:
    """Declared text columns as text even when every value is null (the store may hand those
    back as floats or objects, and text operations on them would fail)."""
    for column in TABLES.get(name, ()):
        if column.dtype in ("str", "date") and column.name in frame.columns and frame[column.name].dtype != "str":
            frame[column.name] = frame[column.name].astype("str")
    return frame


def prepare_tables(tables: Mapping[str, pd.DataFrame]) -> dict[str, pd.DataFrame]:
    """Copies of the tables with the helper columns `apply_filters` reads (all named `_...`)."""
    out = {name: _typed(name, _contiguous(frame.reset_index(drop=True).copy())) for name, frame in tables.items()}
    articles = out.setdefault("articles", pd.DataFrame(columns=["article_id", "published"]))
    articles = out["articles"] = articles.drop_duplicates("article_id", ignore_index=True)
    index = pd.Index(articles["article_id"])
    articles["_aid"] = np.arange(len(articles), dtype=np.int64)
    articles["_lo"], articles["_hi"] = date_bounds(articles["published"])
    for name in FINDING_TABLES:
        if name not in out:
            continue
        frame = out[name]
        frame["_aid"] = _article_keys(frame["article_id"], index)
        if name == "budgets":
            lo, hi = year_bounds(frame["year_start"], frame["year_end"])
        elif name in OWN_DATES:
            lo, hi = date_bounds(frame[OWN_DATES[name]])
        else:
            lo = np.full(len(frame), NO_DATE_LO, dtype=np.int64)
            hi = np.full(len(frame), NO_DATE_HI, dtype=np.int64)
        if name in PUBLISHED_FALLBACK:
            lo, hi = _with_fallback(lo, hi, frame["_aid"].to_numpy(), articles)
        frame["_lo"], frame["_hi"] = lo, hi
    if "events" in out:
        out["_events_actors"] = _exploded(out["events"]["actor_codes"]).to_frame("code")
    if "site_mentions" in out:
        countries = _site_countries(out.get("sites"))
        out["site_mentions"]["_country"] = out["site_mentions"]["site"].map(countries)
    if "programs" in out:
        out["_programs_countries"] = _exploded(out["programs"]["country_codes"]).to_frame("code")
        told = _exploded(out["programs"]["articles"])
        out["_programs_articles"] = pd.DataFrame({"_aid": _article_keys(told, index)}, index=told.index)
    if "conflicts" in out:
        for side in ("a", "b"):
            out["conflicts"][f"_aid_{side}"] = _article_keys(out["conflicts"][f"article_{side}"], index)
    return out


def _site_countries(sites: pd.DataFrame | None) -> dict[str, str]:
    if sites is None or sites.empty:
        return {}
    return dict(zip(sites["site"], sites["country_code"], strict=False))


def is_prepared(tables: Mapping[str, pd.DataFrame]) -> bool:
    return "_aid" in tables.get("articles", pd.DataFrame()).columns


# --- filtering -----------------------------------------------------------------------------


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


def _country_mask(name: str, frame: pd.DataFrame, codes: list[str], tables: Mapping) -> np.ndarray:
    if name == "events":
        actors = tables["_events_actors"]["code"]
        return _positions(len(frame), actors.index[actors.isin(codes)])
    mask = np.zeros(len(frame), dtype=bool)
    for column in FINDING_TABLES[name]["country"]:
        mask |= frame[column].isin(codes).to_numpy(dtype=bool, na_value=False)
    return mask


def _finding_mask(name: str, frame: pd.DataFrame, f: Filters, tables: Mapping, selected: np.ndarray | None,
                  program_articles: np.ndarray | None) -> np.ndarray:
    """Rows of one finding table that pass every filter."""
    spec = FINDING_TABLES[name]
    keys = frame["_aid"].to_numpy()
    mask = np.ones(len(frame), dtype=bool)
    if selected is not None:
        mask &= selected[keys]
    if f.countries:
        mask &= _country_mask(name, frame, list(f.countries), tables)
    if f.programs:
        if "program" in spec:
            mask &= frame[spec["program"][0]].isin(list(f.programs)).to_numpy(dtype=bool, na_value=False)
        elif program_articles is not None:
            mask &= program_articles[keys]
    if f.event_types and "type" in spec:
        mask &= frame["event_type"].isin(list(f.event_types)).to_numpy(dtype=bool, na_value=False)
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
    articles = tables["articles"]
    count = len(articles)
    selected = None
    if filters.articles:
        selected = _flags(count, _article_keys(pd.Series(list(filters.articles)), pd.Index(articles["article_id"])))
    program_articles = None
    if filters.programs:
        program_articles = _flags(count)
        for name, spec in FINDING_TABLES.items():
            if "program" in spec and name in tables:
                frame = tables[name]
                hits = frame[spec["program"][0]].isin(list(filters.programs)).to_numpy(dtype=bool, na_value=False)
                program_articles[frame["_aid"].to_numpy()[hits]] = True
        program_articles[-1] = False
    kept = _flags(count)
    for name in FINDING_TABLES:
        if name in tables:
            frame = tables[name]
            mask = _finding_mask(name, frame, filters, tables, selected, program_articles)
            out[name] = frame[mask]
            kept[frame["_aid"].to_numpy()[mask]] = True
    kept[-1] = False
    article_mask = np.ones(count, dtype=bool)
    if selected is not None:
        article_mask &= selected[:count]
    if filters.narrows_findings:
        article_mask &= kept[:count]
    out["articles"] = articles[article_mask]
    kept = np.append(article_mask, False)
    if "programs" in tables:
        out["programs"] = _filter_programs(tables, filters, kept)
    if "sites" in tables:
        out["sites"] = _filter_sites(tables["sites"], filters, out)
    if "conflicts" in tables:
        conflicts = tables["conflicts"]
        out["conflicts"] = conflicts[kept[conflicts["_aid_a"].to_numpy()] | kept[conflicts["_aid_b"].to_numpy()]]
    return out


def _filter_programs(tables: Mapping[str, pd.DataFrame], f: Filters, kept: np.ndarray) -> pd.DataFrame:
    programs = tables["programs"]
    mask = np.ones(len(programs), dtype=bool)
    if f.programs:
        mask &= programs["program"].isin(list(f.programs)).to_numpy(dtype=bool, na_value=False)
    if f.countries:
        codes = tables["_programs_countries"]["code"]
        mask &= _positions(len(programs), codes.index[codes.isin(list(f.countries))])
    if f.articles or f.has_dates or f.event_types:
        told = tables["_programs_articles"]["_aid"]
        mask &= _positions(len(programs), told.index[kept[told.to_numpy()]])
    return programs[mask]


def _filter_sites(sites: pd.DataFrame, f: Filters, out: Mapping[str, pd.DataFrame]) -> pd.DataFrame:
    mask = np.ones(len(sites), dtype=bool)
    if f.countries:
        mask &= sites["country_code"].isin(list(f.countries)).to_numpy(dtype=bool, na_value=False)
    if f.articles or f.programs or f.has_dates or f.event_types:
        named = np.union1d(out["site_mentions"]["site"].dropna().unique().astype(object),
                           out["deployments"]["site"].dropna().unique().astype(object))
        mask &= sites["site"].isin(list(named)).to_numpy(dtype=bool, na_value=False)
    return sites[mask]


# --- what the filters offer ----------------------------------------------------------------


def filter_options(tables: Mapping[str, pd.DataFrame]) -> dict:
    """The values each filter offers, from the whole store, and the span of its dates."""
    codes: set[str] = set()
    for table, columns in (("budgets", ["funder_code"]), ("deployments", ["force_code", "host_code"]),
                           ("coalitions", ["member_code"]), ("roles", ["country_code"])):
        for column in columns:
            codes.update(_distinct(tables[table][column]))
    if "_events_actors" in tables:
        codes.update(_distinct(tables["_events_actors"]["code"]))
    programs: set[str] = set(_distinct(tables["programs"]["program"]))
    for table, column in (("budgets", "program"), ("deployments", "program"), ("events", "program"),
                          ("coalitions", "coalition")):
        programs.update(_distinct(tables[table][column]))
    articles = tables["articles"].sort_values("published", na_position="last")
    return {"countries": sorted(codes), "programs": sorted(programs),
            "articles": list(articles["article_id"]), "event_types": sorted(_distinct(tables["events"]["event_type"])),
            "span": date_span(tables)}


def _distinct(values: pd.Series) -> list[str]:
    return [v for v in values.dropna().unique() if isinstance(v, str) and v]


def date_span(tables: Mapping[str, pd.DataFrame]) -> tuple[dt.date, dt.date]:
    """The date picker's bounds: the data's years, a year before and ten after (plans run ahead)."""
    if not is_prepared(tables):
        tables = prepare_tables(tables)
    lows = [frame["_lo"].to_numpy() for frame in (tables["articles"], tables["events"], tables["budgets"])]
    lows = np.concatenate(lows) if lows else np.array([], dtype=np.int64)
    lows = lows[lows != NO_DATE_LO]
    this_year = dt.date.today().year
    if not len(lows):
        return dt.date(this_year - 10, 1, 1), dt.date(this_year + 10, 12, 31)
    return (dt.date(min(int(lows.min()) // 10_000, this_year) - 1, 1, 1),
            dt.date(max(int(lows.max()) // 10_000, this_year) + 10, 12, 31))


def article_titles(articles: pd.DataFrame, width: int = 80) -> dict[str, str]:
    """Short titles by article id, for labels and hovers ('untitled …' where there is none)."""
    out = {}
    for article_id, title in zip(articles["article_id"], articles["title"], strict=False):
        text = title.strip() if isinstance(title, str) and title.strip() else f"untitled {article_id[:8]}"
        out[article_id] = text if len(text) <= width else text[: width - 1] + "…"
    return out


def visible(frame: pd.DataFrame, columns: Iterable[str] | None = None) -> pd.DataFrame:
    """The columns a page shows and downloads: `columns` if given, else all but helpers."""
    if columns is None:
        columns = [c for c in frame.columns if not str(c).startswith("_")]
    return frame.loc[:, list(columns)].reset_index(drop=True)
