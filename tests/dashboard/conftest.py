"""Fixtures for the dashboard tests: stores built once per session, small hand-made tables,
and a way to read what a "Download CSV" button would serve."""

from __future__ import annotations

from pathlib import Path

import duckdb
import pandas as pd
import pytest
from streamlit.runtime.media_file_manager import MediaFileManager

from core.ingest import ingest
from core.schema import TABLES, column_names

__all__ = ["downloads", "seeds_db", "tiny", "use_empty", "use_foreign", "use_seeds"]
ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="session")
def seeds_db(tmp_path_factory) -> Path:
    """A store of the five seed articles (built once)."""
    db = tmp_path_factory.mktemp("seeds") / "seeds.duckdb"
    report = ingest([str(ROOT / "seeds")], db=db, progress=False, notify=lambda message: None)
    assert report.articles_stored >= 5, report
    return db


@pytest.fixture()
def use_seeds(seeds_db, monkeypatch) -> Path:
    monkeypatch.setenv("FLANKWATCH_DB", str(seeds_db))
    return seeds_db


@pytest.fixture()
def use_empty(tmp_path, monkeypatch) -> Path:
    db = tmp_path / "none" / "empty.duckdb"
    monkeypatch.setenv("FLANKWATCH_DB", str(db))
    return db


@pytest.fixture()
def use_foreign(tmp_path, monkeypatch) -> Path:
    """A DuckDB file that is not a Flankwatch store."""
    db = tmp_path / "foreign.duckdb"
    con = duckdb.connect(str(db))
    con.execute("CREATE TABLE customers (id INTEGER)")
    con.close()
    monkeypatch.setenv("FLANKWATCH_DB", str(db))
    return db


@pytest.fixture()
def downloads(monkeypatch) -> dict[str, object]:
    """Deferred download callables by file id, captured as the app registers them."""
    captured: dict[str, object] = {}
    original = MediaFileManager.add_deferred

    def add_deferred(self, data_callable, *args, **kwargs):
        file_id = original(self, data_callable, *args, **kwargs)
        captured[file_id] = data_callable
        return file_id

    monkeypatch.setattr(MediaFileManager, "add_deferred", add_deferred)
    return captured


#: Contract v2 columns a store may not have yet (core.schema gains them with the extraction work).
V2 = {"budgets": ["budget_id", "recipient_code", "recipient", "part_of"]}


def frame(table: str, rows: list[dict]) -> pd.DataFrame:
    """A table of `core.schema` with the given rows (missing columns are null)."""
    columns = column_names(table)
    return pd.DataFrame(rows, columns=columns + [c for c in V2.get(table, []) if c not in columns])


@pytest.fixture()
def tiny() -> dict[str, pd.DataFrame]:
    """Three hand-made articles: money, troops, a coalition and events, with known dates."""
    ev = {"evidence": "e", "start": 0, "end": 1}
    tables = {name: frame(name, []) for name in TABLES}
    tables["articles"] = frame("articles", [
        {"article_id": "a1", "title": "Romania buys drones", "published": "2025-03-02"},
        {"article_id": "a2", "title": "Germans in Lithuania", "published": "2024-06"},
        {"article_id": "a3", "title": "Coalition grows", "published": None, "duplicate_of": "a1"},
    ])
    tables["budgets"] = frame("budgets", [
        {"article_id": "a1", "amount": 100.0, "currency": "EUR", "amount_eur": 100.0, "funder_code": "ROU",
         "funder": "Romania", "program": "SAFE", "kind": "allocation", "year_start": 2025, "year_end": 2026,
         "budget_id": "a1#1", "recipient_code": "ROU", "recipient": "Romania", **ev},
        {"article_id": "a1", "amount": 40.0, "currency": "EUR", "amount_eur": 40.0, "funder_code": "ROU",
         "funder": "Romania", "program": "SAFE", "kind": "allocation", "year_start": 2025, "year_end": 2026,
         "budget_id": "a1#2", "part_of": "a1#1", "purpose": "drones", **ev},
        {"article_id": "a2", "amount": 50.0, "currency": "USD", "amount_eur": 40.0, "funder_code": "DEU",
         "funder": "Germany", "program": None, "kind": "pledge", "year_start": None, "year_end": None, **ev},
    ])
    tables["deployments"] = frame("deployments", [
        {"article_id": "a2", "force_code": "DEU", "force": "Germany", "host_code": "LTU", "host": "Lithuania",
         "site": None, "lat": 55.3, "lon": 23.9, "personnel": 4800, "status": "current",
         "evidence": "The German brigade has 4,800 troops in Lithuania.", "start": 0, "end": 48},
        {"article_id": "a1", "force_code": "USA", "force": "United States", "host_code": "ROU", "host": "Romania",
         "site": "Mihail Kogălniceanu Air Base", "lat": 44.36, "lon": 28.49, "personnel": None, "status": "planned",
         **ev},
    ])
    tables["coalitions"] = frame("coalitions", [
        {"article_id": "a3", "coalition": "Drone Coalition", "member_code": "LVA", "member": "Latvia",
         "role": "leader", "date": "2024-02", **ev},
        {"article_id": "a3", "coalition": "Drone Coalition", "member_code": "TUR", "member": "Türkiye",
         "role": "applicant", "date": None, **ev},
    ])
    tables["events"] = frame("events", [
        {"article_id": "a1", "date": "2025-03-01", "event_type": "approval", "actor_codes": ["ROU"],
         "program": "SAFE", "summary": "Romania approves", **ev},
        {"article_id": "a2", "date": "2024", "event_type": "deployment", "actor_codes": ["DEU", "LTU"],
         "summary": "Brigade arrives", "evidence": "The brigade arrives.", "start": 0, "end": 20},
        {"article_id": "a3", "date": "--12-12", "event_type": "membership", "actor_codes": ["TUR"],
         "summary": "Türkiye asks", **ev},
        {"article_id": "a3", "date": None, "event_type": "report", "actor_codes": [], "summary": "Undated", **ev},
    ])
    tables["site_mentions"] = frame("site_mentions", [
        {"article_id": "a1", "site": "Mihail Kogălniceanu Air Base", "name": "Kogalnicanu", "score": 91.0, **ev},
    ])
    tables["sites"] = frame("sites", [
        {"site": "Mihail Kogălniceanu Air Base", "kind": "air base", "country_code": "ROU", "lat": 44.36,
         "lon": 28.49, "mentions": '[{"article_id": "a1", "name": "Kogalnicanu"}]'},
    ])
    tables["programs"] = frame("programs", [
        {"program": "SAFE", "kind": "procurement", "country_codes": ["ROU"], "articles": ["a1"]},
        {"program": "Drone Coalition", "kind": "coalition", "country_codes": ["LVA", "TUR"], "articles": ["a3"]},
    ])
    tables["conflicts"] = frame("conflicts", [
        {"subject": "x", "attribute": "holder", "value_a": "A", "article_a": "a1", "value_b": "B",
         "article_b": "a2", "evidence_a": "e", "evidence_b": "e"},
    ])
    return tables
