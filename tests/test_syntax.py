"""The syntactic layer: the relations the builders read off a real parse (spaCy small, parser only)."""

from __future__ import annotations

import pytest

from core.syntax import parse_texts


def _parse(text):
    return parse_texts([text])[0]


def _word(parse, word, nth=0):
    return [i for i, w in enumerate(parse.words) if w == word][nth]


def _words(parse, tokens):
    return [parse.words[i] for i in tokens]


def test_hyphenated_words_stay_whole():
    parse = _parse("Finland co-leads the German-led scheme with F-16 jets.")
    assert {"co-leads", "German-led", "F-16"} <= set(parse.words)


def test_passive_agent_and_the_noun_a_participle_modifies():
    parse = _parse("Finland is a member of the armour coalition led by Poland and Sweden.")
    led = _word(parse, "led")
    assert _words(parse, parse.agents(led)) == ["Poland", "Sweden"]
    assert parse.words[parse.modified_noun(led)] == "coalition"


def test_relative_pronoun_subject_is_the_noun_it_modifies():
    parse = _parse("It is a member of the Drone Coalition, which is led by Latvia and Britain.")
    led = _word(parse, "led")
    assert _words(parse, parse.subjects(led)) == ["Coalition"]
    assert _words(parse, parse.agents(led)) == ["Latvia", "Britain"]


@pytest.mark.parametrize(("text", "verb", "subjects"), [
    ("Led by Britain and Norway, the coalition counted ten members.", "Led", ["coalition"]),
    ("Having served in Lithuania since 2017, the Norwegian contingent left Rukla.", "served", ["contingent"]),
    ("Poland, while spending more, kept its plans.", "spending", ["Poland"]),
])
def test_a_fronted_clause_without_a_subject_has_the_main_clauses(text, verb, subjects):
    parse = _parse(text)
    assert _words(parse, parse.subjects(_word(parse, verb))) == subjects


def test_coordinated_subjects():
    parse = _parse("Spain, Italy and Greece joined the coalition in 2024.")
    assert _words(parse, parse.subjects(_word(parse, "joined"))) == ["Spain", "Italy", "Greece"]


@pytest.mark.parametrize(("text", "verb", "negated", "modality"), [
    ("Poland did not join the coalition.", "join", True, None),
    ("Hungary might join the coalition.", "join", False, "hypothetical"),
    ("Norway will send troops to Lithuania.", "send", False, "future"),
    ("Sweden has no plans to send troops.", "plans", True, None),
    ("Denmark joined the coalition.", "joined", False, None),
])
def test_negation_and_modality(text, verb, negated, modality):
    parse = _parse(text)
    i = _word(parse, verb)
    assert (parse.is_negated(i), parse.modality(i)) == (negated, modality)


def test_span_head_and_offsets():
    text = "The Czech Republic sent 200 soldiers."
    parse = _parse(text)
    head = parse.span_head(text.index("Czech"), text.index(" sent"))
    assert parse.words[head] == "Republic"
    assert parse.token_at(text.index("sent") + 1) == _word(parse, "sent")
