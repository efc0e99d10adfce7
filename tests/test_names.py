"""find_names and fuzzy site resolution: case table of names as news writes them."""

import pytest

from core.mentions.names import find_names
from core.resolve import match_site, resolve_candidates

CASES = [
    ("demonym", "Belgian forces in Romania", [("Belgian", "demonym", "BEL"), ("Romania", "country", "ROU")]),
    ("short form", "the U.S. and the UK", [("U.S.", "country", "USA"), ("UK", "country", "GBR")]),
    ("Turkey and Türkiye", "Turkey, or Türkiye", [("Turkey", "country", "TUR"), ("Türkiye", "country", "TUR")]),
    ("possessive", "Latvia’s Ministry of Defense", [("Latvia", "country", "LVA")]),
    ("the in a name", "The Czech Republic has joined", [("Czech Republic", "country", "CZE")]),
    ("service", "about 150 Luftwaffe personnel", [("Luftwaffe", "force", "DEU")]),
    ("site without diacritics", "at the Deveselu and Campia Turzii bases",
     [("Deveselu", "site", "ROU"), ("Campia Turzii", "site", "ROU")]),
    ("longest match wins", "from Minsk Mazowiecki air base", [("Minsk Mazowiecki air base", "site", "POL")]),
    ("hyphenated site", "the airport at Rzeszow-Jasionka", [("Rzeszow-Jasionka", "site", "POL")]),
    ("coalition", "joined the Drone Coalition", [("Drone Coalition", "coalition", None)]),
]


@pytest.mark.parametrize(("text", "expected"), [c[1:] for c in CASES], ids=[c[0] for c in CASES])
def test_find_names(text, expected):
    found = [(m.raw, m.kind, m.value.code) for m in find_names(text) if m.kind != "candidate"]
    assert found == expected


@pytest.mark.parametrize(("written", "site"), [
    ("cimbia turzii", "Câmpia Turzii (71st Air Base)"),
    ("mihail kogalnicanu", "Mihail Kogălniceanu Air Base"),
])
def test_misspelt_sites_resolve(written, site):
    assert match_site(written, strong_context=True)[0] == site


@pytest.mark.parametrize("word", ["the", "defence", "ministry of defence", "netherland troops", "baltic"])
def test_ordinary_words_do_not_match_sites(word):
    assert match_site(word, strong_context=False) is None


def test_misspelling_before_base_word_becomes_site():
    mentions = resolve_candidates(find_names("as well as the Deveselu and Cimbia Turzii bases"))
    sites = [(m.raw, m.value.name, m.fuzzy_score) for m in mentions if m.kind == "site"]
    assert sites[1][:2] == ("Cimbia Turzii", "Câmpia Turzii (71st Air Base)")
    assert sites[1][2] < 100
