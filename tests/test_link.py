"""Linking across articles: duplicates, programs, sites and conflicts on the seeds."""

from core.link import find_duplicates, fingerprint
from core.pipeline import extract_all
from tests.conftest import SEEDS


def _seeds():
    frames, failures = extract_all([str(SEEDS)])
    assert not failures
    return frames


def test_retold_story_is_a_duplicate_and_nothing_else_is():
    articles = _seeds()["articles"].set_index("path")
    original = articles.loc[f"{SEEDS}/002_eaa6ccb592075179.txt", "article_id"]
    assert articles.loc[f"{SEEDS}/004_118d1a961aaf44bb.txt", "duplicate_of"] == original
    assert articles["duplicate_of"].notna().sum() == 1


def test_conflicts_between_seed_sources():
    conflicts = _seeds()["conflicts"]
    holders = conflicts[conflicts["attribute"] == "holder"]
    assert set(holders[["value_a", "value_b"]].iloc[0]) == {"Oana Flutur Cuza", "Oana Lungesku"}
    spelt = conflicts[conflicts["attribute"] == "spelling"]
    assert "Câmpia Turzii (71st Air Base)" in set(spelt["subject"])
    assert "Cimbia Turzii" in set(spelt["value_a"]) | set(spelt["value_b"])


def test_same_program_in_two_articles_is_one_row():
    programs = _seeds()["programs"].set_index("program")
    row = programs.loc["Romania–Ukraine joint production"]
    assert len(row["articles"]) == 2 and list(row["country_codes"]) == ["ROU", "UKR"]


def test_sites_have_one_mention_per_article():
    for mentions in _seeds()["sites"]["mentions"]:
        ids = [m["article_id"] for m in mentions]
        assert len(ids) == len(set(ids))


def test_duplicates_need_shared_facts():
    a = fingerprint("Sweden sends 120 troops to Malbork in Poland on March 3. " * 5)
    b = fingerprint("Greece buys 20 F-35 jets for 8.6 billion dollars, Athens said. " * 5)
    assert find_duplicates([("a", a), ("b", b)]) == {}
    assert find_duplicates([("a", a), ("c", dict(a))]) == {"c": "a"}
