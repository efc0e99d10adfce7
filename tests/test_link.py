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


# --- near-duplicates: the same story told twice, and stories that only share their world ------

WIRE = """German troops arrive in Lithuania for new brigade
VILNIUS, March 4, 2025 (Baltic Wire) - About 150 German soldiers arrived at Rukla on Tuesday, the advance party of a brigade that will grow to 4,800 troops by 2027, Lithuanian Defence Minister Dovilė Šakalienė said.
Germany will spend €11 billion on the brigade over the next ten years, she told reporters at the base.
The brigade is Germany's first permanent deployment abroad since the Second World War. It will guard the Suwałki Gap, the strip of land between Belarus and Russia's Kaliningrad exclave.
"""
REWRITE = """Bundeswehr advance party lands in Lithuania
Some 150 soldiers of the German army reached Rukla on 4 March 2025, Lithuania's defence minister Dovile Sakaliene said on Tuesday.
The force is to reach 4,800 troops in 2027, and Berlin has set aside €11 billion for it.
Lithuania, which borders Belarus and Kaliningrad, spends more than 3 per cent of its economic output on defence and is buying Leopard 2 tanks for its own army.
"""
UNRELATED_SHORT = {"base.txt": "Poland opens a new NATO base\nPoland and NATO opened the base on 3 March 2025.",
                   "drill.txt": "Estonia holds a drill\nEstonia and NATO held a drill on 3 March 2025 near Tapa.",
                   "deal.txt": "Latvia signs a deal\nLatvia and NATO signed a fuel deal on 3 March 2025."}


def _duplicates(tmp_path, articles: dict[str, str]) -> dict[str, str | None]:
    for name, text in articles.items():
        (tmp_path / name).write_text(text, encoding="utf-8")
    frames, failures = extract_all([str(tmp_path / name) for name in articles])
    assert not failures
    names = {row.article_id: row.path.rsplit("/", 1)[-1] for row in frames["articles"].itertuples()}
    return {names[row.article_id]: names.get(row.duplicate_of) for row in frames["articles"].itertuples()}


def test_wire_story_and_its_rewrite_are_one_story(tmp_path):
    """Other background paragraphs, a relative and an explicit date, names with and without diacritics."""
    assert _duplicates(tmp_path, {"wire.txt": WIRE, "rewrite.txt": REWRITE}) == {"wire.txt": None,
                                                                                   "rewrite.txt": "wire.txt"}


def test_unrelated_short_articles_are_not_duplicates(tmp_path):
    """Three short items sharing a date and NATO tell three stories."""
    assert set(_duplicates(tmp_path, UNRELATED_SHORT).values()) == {None}


def test_a_shared_world_is_not_a_shared_story(tmp_path):
    """Two stories about the same brigade with the same minister, but other news each: not duplicates."""
    other = ("Lithuania orders air-defence radars\nLithuanian Defence Minister Dovilė Šakalienė said on 12 May 2025 "
             "that Lithuania will buy six Ground Master radars for €47 million; the German brigade at Rukla, which "
             "will grow to 4,800 troops, will share their picture.\n")
    assert set(_duplicates(tmp_path, {"wire.txt": WIRE, "radars.txt": other}).values()) == {None}


def test_templated_corpus_marks_its_retold_stories_and_nothing_else(tmp_path):
    """Generated articles share one world (forces, ministers, padding sentences): only the retold
    stories its gold marks are duplicates, and each of them is found."""
    import json

    from benchmarks import generate

    folder = generate.write_corpus(tmp_path, 150, seed=11, duplicate_share=0.1)
    gold = {}
    for path in (tmp_path / "gold").glob("*.gold.json"):
        row = json.loads(path.read_text())
        if row.get("duplicate_of"):
            gold[row["article"]] = row["duplicate_of"]
    frames, _ = extract_all([str(folder)])
    names = {row.article_id: row.path.rsplit("/", 1)[-1] for row in frames["articles"].itertuples()}
    marked = {names[row.article_id]: names[row.duplicate_of]
              for row in frames["articles"].itertuples() if isinstance(row.duplicate_of, str)}
    assert gold and marked == gold
