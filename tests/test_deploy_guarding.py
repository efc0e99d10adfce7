"""Forces told as the agents of a guarding passive ("Latvian skies are guarded by Italian
Eurofighters", "... protected by Rafale jets from France") and a sentence opening with a pronoun
that means the force told before it, not one the sentence names later: invented sentences.
Each case gives the (force, host, site, personnel, status) rows it must give.
"""

import pytest

from tests.conftest import deployment_rows as rows_of

AMARI = "Ämari Air Base"
GUARDED = "Estonia's airspace is currently protected by Rafale jets from France. "


CASES = [
    ("the agents of a passive guarding verb", "Latvian skies are guarded by Italian Eurofighters.",
     {("ITA", "LVA", None, None, "current")}),
    ("'from X' hung on the verb", GUARDED, {("FRA", "EST", None, None, "current")}),
    ("'These' for the jets just named", GUARDED + "These have been stationed at Ämari air base since August.",
     {("FRA", "EST", AMARI, None, "current")}),
    ("an opening 'They' is the force told before the sentence",
     GUARDED + "They have been stationed at Ämari air base since 1 August, when the French took over from "
               "Portuguese F-16s.",
     {("FRA", "EST", AMARI, None, "current")}),
]


@pytest.mark.parametrize(("text", "expected"), [c[1:] for c in CASES], ids=[c[0] for c in CASES])
def test_guarding(text: str, expected: set[tuple]) -> None:
    assert rows_of(text) == expected
