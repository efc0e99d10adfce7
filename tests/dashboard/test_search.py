"""Free-text search: the index (distinct sentences, folded text, trigram signatures) finds what a
case-insensitive scan of every row finds, whatever the case, the script or the table."""

from __future__ import annotations

import random

import numpy as np
import pyarrow as pa
import pytest

from dashboard import search, search_index
from dashboard.prepare import prepare_tables
from dashboard.search_index import build_index, fold_text, sentence_codes, signatures
from tests.dashboard.conftest import frame

SHARED = "Poland will spend €2 billion on drones at Łódź air base."


@pytest.fixture()
def store() -> dict:
    """Two articles; a1's first sentence gives a budget, an event and a site mention; a2 prints the
    same sentence at the same offsets (another article: another sentence)."""
    budgets = frame("budgets", [
        {"article_id": "a1", "amount": 2e9, "currency": "EUR", "kind": "total", "evidence": SHARED, "start": 0, "end": 57},
        {"article_id": "a1", "amount": 1e6, "currency": "EUR", "kind": "pledge", "evidence": None, "start": 60, "end": 90},
        {"article_id": "a2", "amount": 2e9, "currency": "EUR", "kind": "total", "evidence": SHARED, "start": 0, "end": 57},
    ])
    events = frame("events", [
        {"article_id": "a1", "event_type": "funding", "evidence": SHARED, "start": 0, "end": 57},
        {"article_id": "a1", "event_type": "summit", "evidence": "The MÜNCHEN summit met in (x) c++ mode.",
         "start": None, "end": None},
        {"article_id": "a2", "event_type": "delivery", "evidence": "Tanks reached Tapa.", "start": 100, "end": 119},
    ])
    sites = frame("site_mentions", [
        {"article_id": "a1", "site": "Łódź", "name": "Łódź", "score": 100.0, "evidence": SHARED, "start": 0, "end": 57},
    ])
    articles = frame("articles", [
        {"article_id": "a1", "title": "Drone money for the EU flank"},
        {"article_id": "a2", "title": None},
    ])
    return prepare_tables({"budgets": budgets, "events": events, "site_mentions": sites, "articles": articles})


QUERIES = ["łódź", "ŁÓDŹ", "Łódź Air", "münchen", "MÜNCHEN", "DRONE", "eu", "e", "(x) c++", "tapa", "reached tapa.",
           "nothing like it", "€2 billion", "air  base"]


@pytest.mark.parametrize("text", QUERIES)
def test_the_index_finds_what_a_scan_of_every_row_finds(store, text):
    index = build_index(store)
    scanned, indexed = search.scan_hits(store, text), index.hits(text)
    assert set(indexed) == set(scanned)
    for name in scanned:
        assert indexed[name].tolist() == scanned[name].tolist(), name


def test_case_and_script_fold_alike(store):
    index = build_index(store)
    assert index.hits("ŁÓDŹ AIR BASE")["site_mentions"].tolist() == [True]
    assert index.hits("münchen")["events"].tolist() == [False, True, False]
    assert fold_text("ŁÓDŹ München") == "łódź münchen"


def test_a_sentence_shared_by_several_tables_is_searched_once_and_found_in_each(store):
    codes, first = sentence_codes(store)
    # budgets a1, a1 (null evidence), a2; then deployments, coalitions (none); events a1, a1, a2; site a1
    assert len(codes) == 3 + 3 + 1
    assert codes[0] == codes[3] == codes[6]  # a1's sentence: the budget, the event and the site mention
    assert codes[2] != codes[0]  # a2 prints the same words: another article, another sentence
    assert len(first) == 5
    hits = build_index(store).hits("drones at łódź")
    assert hits["budgets"].tolist() == [True, False, True]
    assert hits["events"].tolist() == [True, False, False] and hits["site_mentions"].tolist() == [True]


def test_titles_hit_articles_and_nulls_hit_nothing(store):
    hits = build_index(store).hits("drone money")
    assert hits["articles"].tolist() == [True, False]
    assert not any(hits[name].any() for name in ("budgets", "events", "site_mentions"))
    assert build_index(store).hits("none")["budgets"].tolist() == [False, False, False]


def test_rows_without_offsets_or_with_another_text_at_the_same_start_are_sentences_of_their_own():
    events = frame("events", [
        {"article_id": "a1", "evidence": "Alpha one.", "start": None, "end": None},
        {"article_id": "a1", "evidence": "Beta two.", "start": None, "end": None},
        {"article_id": "a1", "evidence": "Gamma three.", "start": 5, "end": 17},
        {"article_id": "a1", "evidence": "Gamma three and more.", "start": 5, "end": 17},  # not the span it names
    ])
    prepared = prepare_tables({"events": events, "articles": frame("articles", [{"article_id": "a1"}])})
    codes, _ = sentence_codes(prepared)
    assert len(set(codes.tolist())) == 4
    assert build_index(prepared).hits("and more")["events"].tolist() == [False, False, False, True]


def test_signatures_never_drop_a_text_that_holds_the_needle():
    rng = random.Random(11)
    alphabet = "abcdeéłźüΣσ€ 0123"
    texts = ["".join(rng.choice(alphabet) for _ in range(rng.randint(0, 40))) for _ in range(3000)] + [None, ""]
    folded = pa.array([t.lower() if t else t for t in texts], type=pa.large_string())
    sigs = signatures(folded)
    for _ in range(300):
        source = rng.choice([t for t in texts if t and len(t) > 4])
        at = rng.randint(0, len(source) - 3)
        needle = source[at:at + rng.randint(3, 8)].lower()
        wanted = signatures(pa.array([needle], type=pa.large_string()))[:, 0]
        passes = np.all((sigs & wanted[:, None]) == wanted[:, None], axis=0)
        holds = np.array([bool(t) and needle in t.lower() for t in texts])
        assert passes[holds].all(), needle


def test_a_search_before_the_index_is_ready_scans_and_starts_the_build(store, monkeypatch):
    monkeypatch.setattr(search, "BUILD_NOW_ROWS", 0)  # as on a large store: no build in the caller's thread
    slot = store["_search_index"]
    assert slot.index is None
    first = search.search_hits(store, "tapa")
    assert first["events"].tolist() == [False, False, True]
    index = slot.build_now(store)  # waits for the thread the search started
    assert index is slot.index and index.hits("tapa")["events"].tolist() == [False, False, True]
    store["_search"].clear()
    assert search.search_hits(store, "TAPA")["events"].tolist() == [False, False, True]


def test_a_small_store_builds_its_index_on_the_first_search(store):
    search.search_hits(store, "łódź")
    assert store["_search_index"].index is not None


@pytest.mark.parametrize("text", QUERIES)
def test_duckdb_and_re2_confirm_the_same_texts(store, text, monkeypatch):
    index = build_index(store)
    by_re2 = index.matching(text)
    monkeypatch.setattr(search_index, "DUCKDB_FROM", 0)  # every match through DuckDB, as on a large store
    assert index.matching(text).tolist() == by_re2.tolist()
    needle = fold_text(text)
    assert search_index._contains(index.texts, needle).tolist() == by_re2.tolist()
