"""find_money: case table of sentences as news writes money."""

import pytest

from core.mentions.money import find_money

CASES = [
    ("euro sign, million", "Belgium has approved a €140.8 million program", [(140_800_000, "EUR")]),
    ("EUR code", "the Netherlands would pay EUR 20 million into the joint fund", [(20_000_000, "EUR")]),
    ("euros after", "have so far put forward more than 45 million euros", [(45_000_000, "EUR")]),
    ("pound m", "a £200m order for interceptors", [(200_000_000, "GBP")]),
    ("dollar bn", "a $1.5bn package", [(1_500_000_000, "USD")]),
    ("US$", "contracts worth US$400 million", [(400_000_000, "USD")]),
    ("PLN code", "East Shield, a PLN 10 billion programme", [(10_000_000_000, "PLN")]),
    ("zlotys", "earmarks a record 200 billion zlotys for defence", [(200_000_000_000, "PLN")]),
    ("thousands comma", "Estonia's first payment was €500,000", [(500_000, "EUR")]),
    ("euro m compact", "drones worth €42.6m from DeltaQuad", [(42_600_000, "EUR")]),
    ("two sums", "€20 million for drones and €10 million for industry", [(20_000_000, "EUR"), (10_000_000, "EUR")]),
    ("number word", "half a billion euros", [(500_000_000, "EUR")]),
    ("range", "$80-100 million", [(80_000_000, "USD")]),
    ("no currency", "about 10,000 U.S. troops", []),
    ("year is not money", "the 2025 allocation", []),
]


@pytest.mark.parametrize(("text", "expected"), [c[1:] for c in CASES], ids=[c[0] for c in CASES])
def test_find_money(text, expected):
    assert [(m.value.amount, m.value.currency) for m in find_money(text)] == expected


def test_conversion_in_brackets_is_marked():
    found = find_money("200 billion zlotys (about $55 billion) for defence")
    assert found[0].value.conversion_of is None
    assert found[1].value.conversion_of is not None


def test_offsets_point_at_raw_text():
    text = "Latvia has pledged €30 million to the coalition."
    m = find_money(text, offset=100)[0]
    assert text[m.start - 100:m.end - 100] == m.raw == "€30 million"
