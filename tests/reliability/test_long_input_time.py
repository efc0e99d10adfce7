"""Long hostile input takes time in proportion to its length: no finder is quadratic.

A run of digits, a number of thousands of groups, or thousands of dates in one line used to cost
minutes to hours (each attempt scanned to the end of the run); the bounds here are generous for a
loaded machine and far below what the quadratic versions took.
"""

from __future__ import annotations

import time

import pytest

from core.mentions.dates import find_dates
from core.mentions.money import find_money
from core.pipeline import extract_document
from core.records import Document

BOUND = 20.0  # seconds; the linear finders take well under one on these inputs


def _seconds(function, *args) -> float:
    started = time.perf_counter()
    function(*args)
    return time.perf_counter() - started


@pytest.mark.parametrize("text", [
    "1" * 100_000,
    "1" + ",000" * 25_000,
    "1" + "\u00a0000" * 25_000,
    "1." * 50_000,
    "€1 million and " * 7_000,
], ids=["digits", "comma groups", "nbsp groups", "dotted digits", "many sums"])
def test_find_money_is_linear(text):
    assert _seconds(find_money, text) < BOUND


@pytest.mark.parametrize("text", [
    "on 12 December and " * 10_000,
    "in May 2024, " * 10_000,
    "2024-02-17 " * 10_000,
], ids=["day month", "month year", "iso"])
def test_find_dates_is_linear(text):
    assert _seconds(find_dates, text) < BOUND


def _extract_seconds(size: int) -> float:
    line = ("Belgium approved €30 million for drones and " * (size // 44 + 1))[:size]
    document = Document(path="long.txt", text=f"Title\n{line}", title="Title")
    return min(_seconds(extract_document, document) for _ in range(2))


@pytest.mark.slow
def test_a_long_sentence_of_sums_extracts_in_linear_time():
    small, large = _extract_seconds(4_000), _extract_seconds(16_000)
    assert large < 8 * small, f"4x the text took {large / small:.1f}x the time"
