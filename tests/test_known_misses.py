"""Known silent wrong values, one case table per phenomenon, as strict xfail.

Each case is a value the code gives today that is wrong (not a miss: a wrong value nothing
flags). Strict: when a change fixes a case, the test fails as XPASS until the case is moved
into the phenomenon's ordinary case table. Money cases (`€2,5 billion` -> €2 and the like)
are kept with the money finder's own tests in tests/test_money.py.
"""

import pytest

from core.mentions.names import find_names
from core.resolve import resolve_candidates

#: Common words at the start of a sentence, spelled like a country's short name or demonym and
#: read as that country (lower case, mid-sentence, they are left alone).
CASE_SENSITIVE_NAMES = [
    ("Us and them, the minister said of the two camps.", "Us"),  # `US` only in capitals
    ("Pole vaulting drew the largest crowd.", "Pole"),  # `Pole` the person, not the sport
]


@pytest.mark.xfail(strict=True, reason="names match these words whatever their case (issue 9)")
@pytest.mark.parametrize(("text", "word"), CASE_SENSITIVE_NAMES)
def test_a_common_word_is_not_a_country(text, word):
    found = {m.raw: getattr(m.value, "code", None) for m in resolve_candidates(find_names(text))}
    assert word not in found, found
