"""The shared discourse memory (`core.discourse`): which sentences refer back, and what the
sentences before each one leave in memory. Invented news sentences, not the dev articles."""

import pytest

from core.discourse import memory, refers_back
from tests.conftest import annotated

REFERS_BACK_CASES = [
    ("a pointer on a military noun", "The battalion now numbers 1,100 soldiers.", True),
    ("a possessive on a military noun", "Its four Eurofighters fly from the north.", True),
    ("a pronoun subject opening the sentence", "They were withdrawn in June.", True),
    ("a pronoun subject after a reporting clause", "Officials said on Monday that it would send more troops.", True),
    ("a demonstrative and a number", "These two batteries will stay until spring.", True),
    ("no pointer, no pronoun", "Prices rose sharply in the spring.", False),
    ("an indefinite military noun", "A battalion of 800 soldiers is a large force.", False),
    ("'it' inside a word", "Italian-made items were delivered.", False),
]


@pytest.mark.parametrize(("text", "expected"), [c[1:] for c in REFERS_BACK_CASES],
                         ids=[c[0] for c in REFERS_BACK_CASES])
def test_refers_back(text, expected):
    assert refers_back(text) is expected


def subjects(text: str) -> list:
    """The remembered subject before each sentence after the headline."""
    return [b.subject for b in memory(annotated("Headline\n" + text))][1:]


MEMORY_CASES = [
    ("the subject country of the last sentence", "Germany deployed a brigade to Lithuania.\nIt will grow.",
     [None, "DEU"]),
    ("a possessive subject", "Denmark's parliament approved the plan to send troops.\nIt will send 300 troops.",
     [None, "DNK"]),
    ("a government noun with a demonym", "The Czech government decided to send troops.\nIt will send 100.",
     [None, "CZE"]),
    ("another subject ends it", "Germany deployed a brigade to Lithuania.\nThe ministry of finance approved the "
     "budget for troops.\nIt will send more troops.", [None, "DEU", None]),
    ("'It' keeps it", "Poland sent 200 soldiers to Latvia.\nIt also sent its troops to Estonia.\nIt may send more "
     "troops.", [None, "POL", "POL"]),
    ("a country opening an unparsed sentence", "Germany deployed a brigade to Lithuania.\nLithuania has taken on "
     "much of the bill.\nIt will pay.", [None, "DEU", "LTU"]),
]


@pytest.mark.parametrize(("text", "expected"), [c[1:] for c in MEMORY_CASES], ids=[c[0] for c in MEMORY_CASES])
def test_remembered_subject(text, expected):
    assert subjects(text) == expected


def test_country_and_coalition_last_named():
    before = memory(annotated("Headline\nSpain joined the Drone Coalition in May.\nPoland and Latvia lead it.\n"
                              "The group met in Riga."))
    assert [(b.country, b.coalition) for b in before] == [
        (None, None), (None, None), ("ESP", "Drone Coalition"), ("LVA", "Drone Coalition")]
