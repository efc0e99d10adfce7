"""Hand-overs told as a replacement (`core.tables.deploy_replacement`) and a figure told for the
force that came ("The incoming detachment numbers around 150 personnel"): invented sentences.

Each case gives the text and the set of (force, host, site, personnel, status) rows it must give.
"""

import pytest

from tests.conftest import deployment_rows as rows_of

AMARI, SIAULIAI = "Ämari Air Base", "Šiauliai Air Base"

CASES = [
    ("passive, at the base the sentence before named",
     "The air-policing rotation changed over at a ceremony at Ämari air base on Monday. Danish airmen were "
     "relieved by the Polish Air Force.",
     {("DNK", "EST", AMARI, None, "ended"), ("POL", "EST", AMARI, None, "current")}),
    ("passive, at a site of its own",
     "Spanish and Portuguese jets were replaced by Italian fighters at Šiauliai in August.",
     {("ESP", "LTU", SIAULIAI, None, "ended"), ("PRT", "LTU", SIAULIAI, None, "ended"),
      ("ITA", "LTU", SIAULIAI, None, "current")}),
    ("active, a people as the replaced force",
     "At Šiauliai, Romanian F-16s replaced the Portuguese on 1 April.",
     {("PRT", "LTU", SIAULIAI, None, "ended"), ("ROU", "LTU", SIAULIAI, None, "current")}),
    ("then a figure for the newcomers",
     "The rotation changed over at a ceremony at Ämari air base. Danish airmen were relieved by the Polish Air "
     "Force.\nThe incoming detachment numbers around 150 personnel, the Estonian defence ministry said.",
     {("DNK", "EST", AMARI, None, "ended"), ("POL", "EST", AMARI, 150, "current")}),
    ("a noun the replaced peoples qualify",
     "The rotation changed over at a ceremony at the air base in Šiauliai. Spanish and Portuguese Allies were "
     "replaced by the Italian Air Force.",
     {("ESP", "LTU", SIAULIAI, None, "ended"), ("PRT", "LTU", SIAULIAI, None, "ended"),
      ("ITA", "LTU", SIAULIAI, None, "current")}),
    ("a passive size verb with its figure in the agent",
     "Slovak troops arrived at Tapa on Monday. The incoming detachment is formed by about 120 soldiers.",
     {("SVK", "EST", "Tapa", 120, "current")}),
    ("a size verb read as a noun, its figure after 'around'",
     "Polish soldiers arrived at Tapa on Monday. The incoming detachment numbers around 150 troops.",
     {("POL", "EST", "Tapa", 150, "current")}),
]

NO_ROW = [
    ("formed without a figure", "The unit was formed in 2017 by the Slovak army.", set()),
    ("equipment replaced by equipment", "Old MiG-29s at Šiauliai were replaced by F-16s in 2023.", set()),
    ("no place told", "Danish airmen were relieved by the Polish Air Force.", set()),
    ("a base told two sentences before",
     "A ceremony was held at Ämari air base. The minister gave a speech. Danish airmen were relieved by the "
     "Polish Air Force.", set()),
    ("negated: the force stays, no newcomer", "Danish airmen at Ämari were not relieved by the Polish Air Force.",
     {("DNK", "EST", AMARI, None, "current")}),
]


@pytest.mark.parametrize(("text", "expected"), [c[1:] for c in CASES], ids=[c[0] for c in CASES])
def test_replacement(text: str, expected: set[tuple]) -> None:
    assert rows_of(text) == expected


@pytest.mark.parametrize(("text", "expected"), [c[1:] for c in NO_ROW], ids=[c[0] for c in NO_ROW])
def test_no_replacement(text: str, expected: set[tuple]) -> None:
    assert rows_of(text) == expected
