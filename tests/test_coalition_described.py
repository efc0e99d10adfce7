"""Coalition roles told without a role word's own arguments: a relative clause whose subject is a
list of countries ("which Britain and Norway lead") and member lists told by description ("Those
ready to send troops include A and B", "Others, such as C, ..."). Sentences written here in the
grammar of news, not taken from the dev corpus."""

from __future__ import annotations

import pytest

from core.tables.coalitions import build_coalitions
from tests.conftest import annotated

HEAD = "Headline\n\n"
DRONE, MARITIME, WILLING = "Drone Coalition", "Maritime Capability Coalition", "Coalition of the Willing"


def roles(text: str) -> set[tuple[str, str, str]]:
    return {(r["coalition"], r["member_code"], r["role"]) for r in build_coalitions(annotated(HEAD + text))}


CASES = {
    "relative clause with an active role verb": (
        "The naval coalition for Ukraine, which Britain and Norway lead, met in Oslo on Monday.",
        {(MARITIME, "GBR", "leader"), (MARITIME, "NOR", "leader")}),
    "relative clause with a perfect role verb": (
        "Ministers of the Coalition of the Willing, which France and the United Kingdom have led since March, "
        "met in Rome on Friday.",
        {(WILLING, "FRA", "leader"), (WILLING, "GBR", "leader")}),
    "those ready to ... include, then others such as": (
        "The Coalition of the Willing met in Paris on Thursday.\n"
        "Those ready to send troops include Belgium, Denmark and Estonia, a British diplomat said. "
        "Others, such as Japan and Canada, will offer funding instead.",
        {(WILLING, c, "member") for c in ("BEL", "DNK", "EST", "JPN", "CAN")}),
    "among the states taking part were": (
        "The Drone Coalition, led by Latvia, met in Riga on 3 May. Among the states taking part were Chile and Peru.",
        {(DRONE, "LVA", "leader"), (DRONE, "CHL", "member"), (DRONE, "PER", "member")}),
    "countries that ... through the coalition include": (
        "The Drone Coalition, led by Latvia, met in Riga on 3 May.\n"
        "Countries that have pledged drones through the coalition also include Chile and Peru.",
        {(DRONE, "LVA", "leader"), (DRONE, "CHL", "member"), (DRONE, "PER", "member")}),
}

NO_ROW = {
    "a negated relative clause": "The Drone Coalition, which Hungary did not join, met in Riga on 3 May.",
    "a relative clause ended 'until'": "The Drone Coalition, which Sweden led until 2025, met in Riga on 3 May.",
    "those that did not join": "The Drone Coalition met in Riga on 3 May.\n"
                               "Those that did not join include Hungary and Serbia.",
    "no coalition in focus": "Germany sent a brigade to Lithuania.\n"
                             "Those ready to send troops include Belgium and Denmark.",
}


@pytest.mark.parametrize("case", CASES, ids=list(CASES))
def test_roles(case: str) -> None:
    text, expected = CASES[case]
    assert roles(text) == expected


@pytest.mark.parametrize("case", NO_ROW, ids=list(NO_ROW))
def test_no_row(case: str) -> None:
    assert roles(NO_ROW[case]) == set()
