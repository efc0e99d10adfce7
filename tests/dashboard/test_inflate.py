"""benchmarks.inflate: a small store copied up to N articles, usable by the dashboard as is."""

from __future__ import annotations

from benchmarks.dashboard_pages import pages
from benchmarks.inflate import inflate
from core.store import load_tables
from dashboard.facets import article_titles
from dashboard.filters import Filters, apply_filters
from dashboard.prepare import prepare_tables


def test_an_inflated_store_has_every_row_copied_under_new_ids(seeds_db, tmp_path):
    small = load_tables(seeds_db)
    written = inflate(seeds_db, tmp_path / "big.duckdb", 3 * len(small["articles"]))
    big = load_tables(tmp_path / "big.duckdb")
    assert written == len(big["articles"]) == 3 * len(small["articles"])
    assert big["articles"]["article_id"].is_unique
    for table in ("budgets", "deployments", "events", "conflicts"):
        assert len(big[table]) == 3 * len(small[table]), table
    assert len(big["sites"]) == len(small["sites"])
    assert set(big["budgets"]["article_id"]) <= set(big["articles"]["article_id"])
    prepared = prepare_tables(big)
    for page, work in pages(prepared, article_titles(prepared["articles"])).items():
        assert work(apply_filters(prepared, Filters(countries=("ROU",)))) is not None, page
