"""Long hostile input: the finders get through runs of digits, groups and dates and say the right thing.

The inputs used to cost minutes to hours (each attempt scanned to the end of the run). How long
they take now is measured by `make bench` (benchmarks/hostile.py: seconds per input, and 4× a
sentence's length at most 8× the time), not asserted here, where a loaded machine would fail it.
"""

from __future__ import annotations

import pytest

from benchmarks.hostile import DATE_INPUTS, MONEY_INPUTS, long_sentence
from core.mentions.dates import find_dates
from core.mentions.money import find_money
from core.pipeline import extract_document
from core.records import Document

#: Sums found in each hostile money input: a bare number is no sum; "€1 million and " 7,000 times is.
MONEY_FOUND = {"digits": 0, "comma groups": 0, "nbsp groups": 0, "dotted digits": 0, "many sums": 7_000}


@pytest.mark.parametrize("name", list(MONEY_INPUTS))
def test_find_money_on_long_runs(name):
    found = find_money(MONEY_INPUTS[name])
    assert len(found) == MONEY_FOUND[name]
    assert all(m.value.amount == 1_000_000 and m.value.currency == "EUR" for m in found)


@pytest.mark.parametrize("name", list(DATE_INPUTS))
def test_find_dates_on_long_runs(name):
    found = find_dates(DATE_INPUTS[name])
    assert len(found) == 10_000
    assert len({(m.value.year, m.value.month, m.value.day) for m in found}) == 1


@pytest.mark.slow
def test_a_long_sentence_of_sums_is_extracted_whole():
    text = long_sentence(16_000)
    rows = extract_document(Document(path="long.txt", text=f"Title\n{text}", title="Title")).tables["budgets"]
    assert rows and {(r["amount"], r["currency"]) for r in rows} == {(30_000_000, "EUR")}
