"""Off-topic pages give no rows: a feed's film review keeps its sums and dates off the timeline."""

from __future__ import annotations

from core.pipeline import extract_document
from core.records import Document

FILLER = "The jury praised the cast and the score, and the audience stood for a long ovation that night. " * 10
REVIEW = ("The $170 million gangster film opened in Rome on 12 May 2025 and took $20 million in its first week. "
          + FILLER)


def _rows(text: str) -> dict[str, int]:
    tables = extract_document(Document(path="x.txt", text="Headline\n\n" + text)).tables
    return {name: len(rows) for name, rows in tables.items() if rows}


def test_a_long_page_about_nothing_of_defence_gives_no_rows():
    assert _rows(REVIEW) == {}


def test_the_same_page_with_one_defence_word_is_read():
    assert _rows(REVIEW + "The army has ordered drones for €5 million.")["budgets"] >= 1


def test_a_short_snippet_is_always_read():
    assert _rows("Poland signed a $4.75 billion contract on 12 May 2025.")["budgets"] == 1
