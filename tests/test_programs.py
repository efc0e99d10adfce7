"""Programs: registered names (data/programs.csv) under their canonical names, kinds and countries;
other capitalised program names as written; joint ventures. Sentences written here, not from the dev corpus."""

from __future__ import annotations

import pytest

from core.mentions.names import find_names
from core.tables.budgets import build_budgets
from core.tables.deployments import build_deployments
from core.tables.programs import build_program_mentions
from tests.conftest import annotated

HEAD = "Headline\n\n"


def programs(text: str) -> dict[str, tuple[str, list[str]]]:
    return {r["program"]: (r["kind"], r["country_codes"]) for r in build_program_mentions(annotated(HEAD + text))}


REGISTERED = {
    "an EU loan instrument by its acronym": (
        "Slovakia expects €2.3 billion in SAFE loans.", "Security Action for Europe (SAFE)", "other", []),
    "by its full name": (
        "Under the Security Action for Europe, Greece will borrow €1 billion.", "Security Action for Europe (SAFE)",
        "other", []),
    "a national programme with its country": (
        "Warsaw is pouring concrete for the East Shield along the Belarusian border.", "East Shield", "other",
        ["POL"]),
    "a NATO mission": (
        "Four Dutch F-35s took over NATO Baltic Air Policing in April.", "Baltic Air Policing", "deployment", []),
    "the battlegroups with a lower-case adjective": (
        "Troops of NATO's enhanced Forward Presence trained in Latvia.", "Enhanced Forward Presence", "deployment",
        []),
}


@pytest.mark.parametrize(("text", "name", "kind", "codes"), REGISTERED.values(), ids=REGISTERED.keys())
def test_registered_programs(text, name, kind, codes):
    assert programs(text)[name] == (kind, codes)


def test_an_acronym_is_matched_only_as_written():
    found = [m.value.name for m in find_names("Safe passage was agreed; it is safe to say SAFE loans will flow.")]
    assert found == ["Security Action for Europe (SAFE)"]


def test_a_budget_belongs_to_the_registered_program_its_sentence_names():
    (row,) = build_budgets(annotated(HEAD + "Latvia will receive a €5.7 billion SAFE loan for air defence."), None)
    assert row["program"] == "Security Action for Europe (SAFE)"


def test_a_deployment_names_its_mission():
    rows = build_deployments(annotated(HEAD + "Italy has deployed four Eurofighters to Šiauliai Air Base in "
                                              "Lithuania for NATO Baltic Air Policing."))
    assert {(r["force_code"], r["program"]) for r in rows} == {("ITA", "Baltic Air Policing")}


def test_an_unregistered_programme_is_kept_as_written():
    assert programs("Norway widened the Nansen Support Programme by NOK 5 billion.") == {
        "Nansen Support Programme": ("procurement", [])}
