"""Coalition memberships: who leads, belongs to or seeks to join a coalition, read off the parse.

Each role word (`data/vocab/coalition_roles.csv`) finds its holders and its coalition among its
grammatical arguments, never by position:
- a verb ("co-leads", "joined", "belongs to"): the holders are its subjects (a relative pronoun
  stands for the noun its clause modifies), or for a passive ("led by") its agents; the coalition
  is its object or prepositional object, or the noun its clause modifies ("the group led by X");
- a noun ("is a member of", "acts as the framework nation", "took over the chairmanship of"):
  the holders are the subjects of the verb it completes, or the countries it is in apposition to;
- a list verb ("whose members include A and B", "now includes A, B and C"): its objects;
- "-led" compounds ("the German-led scheme"): the country leads the noun it modifies;
- a coalition in apposition with a list of countries ("the Bucharest Nine - Bulgaria, ... -").
A role under a word of intent ("wants to join", "bid to join", "in the process of joining") is an
applicant's; negated, hypothetical and conditional roles ("did not join", "might join",
"would consider joining", "has yet to join") give no row. Which coalition a word means is
`core.tables.coalition_refs`' business (names, descriptions, anaphors).
"""

from __future__ import annotations

import re

from core import refdata
from core.annotate import Annotated, AnnotatedSentence
from core.mentions.dates import format_date
from core.tables.coalition_lists import announced_count, described_members
from core.tables.coalition_refs import GENERIC_NOUNS, Resolver, named_references, topic
from core.tables.coalition_roles import SentenceRoles
from core.tables.common import clause_bounds, evidence
from core.vocab import role_cues

ROLE_RANK = {"leader": 3, "member": 2, "applicant": 1}
_PRONOUN = re.compile(r"\b(?:[Ii]t|[Ii]ts|[Tt]hey|[Tt]heir)\b")
_COUNT = re.compile(r"\b(?:\d+|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|[a-z]+teen|[a-z]+ty)\s+"
                    r"(?:[\w-]+\s+){0,2}(?:states|countries|nations|members|governments|allies)\b", re.IGNORECASE)
_THESE_ARE = re.compile(r"^\s*(?:(?:Besides|Apart\s+from|In\s+addition\s+to)\s+[^,]+,\s*)?(?:these|they|the\s+others)"
                        r"\s+(?:are|include|comprise)\b", re.IGNORECASE)
_REFERS_BACK = re.compile(rf"\b(?:[Tt]he|[Tt]his|[Ii]ts)\s+(?:{'|'.join(sorted(GENERIC_NOUNS))})\b|\bIts\b")


def build_coalitions(article: Annotated, people: dict[str, str] | None = None) -> list[dict]:
    """One row per (coalition, member) with the strongest role the article gives it."""
    people = people or {}
    rows: dict[tuple[str, str], dict] = {}
    focus: str | None = None
    focus_paragraph = -10
    announced: str | None = None  # a coalition whose number of members the last sentence told
    for sentence, before in zip(article.sentences, article.before, strict=True):
        refs = named_references(sentence)
        recent = sentence.paragraph - focus_paragraph <= 2
        counted, described = None, None
        if sentence.parse is not None and (refs or _may_give_roles(sentence.text)):
            previous = before.subject if _PRONOUN.search(sentence.text) else None  # what "It"/"They" stand for
            reader = SentenceRoles(sentence, sentence.parse, Resolver(sentence.parse, refs, focus), people,
                                   previous, recent)
            for role in reader.roles():
                described = role.coalition  # "the Czech-led ammunition scheme": a topic without a name
                for code in role.codes:
                    _keep(rows, article.article_id, sentence, role.coalition, role.role, code, role.at)
            counted = announced_count(reader) if _COUNT.search(sentence.text) else None
        if announced and _THESE_ARE.match(sentence.text):  # "... consists of 15 states. Besides A, these are B, C"
            for m in sentence.countries:
                _keep(rows, article.article_id, sentence, announced, "member", m.value.code, sentence.local(m)[0])
        if focus and recent and not refs:  # "Those ready to send troops include A and B"
            for code, at in described_members(sentence):
                _keep(rows, article.article_id, sentence, focus, "member", code, at)
        announced = counted
        about = topic(refs, sentence.parse)
        if about is not None:
            focus, focus_paragraph = about.name, sentence.paragraph
        elif described is not None and (not refs or described in {r.name for r in refs}):
            focus, focus_paragraph = described, sentence.paragraph
        elif focus and _REFERS_BACK.search(sentence.text):  # "The coalition was launched ...": still the topic
            focus_paragraph = sentence.paragraph
    return list(rows.values())


def _may_give_roles(text: str) -> bool:
    """A role word, a generic coalition noun or an "X-led" compound: only then are roles read."""
    return role_cues().search(text) is not None or "-led" in text


def _keep(rows: dict, article_id: str, sentence: AnnotatedSentence, coalition: str, role: str, code: str,
          at: int) -> None:
    key = (coalition, code)
    old = rows.get(key)
    if old and ROLE_RANK[old["role"]] >= ROLE_RANK[role]:
        return
    lo, hi = clause_bounds(sentence.text, at)
    dates = [date for d in sentence.dates if d.value.form != "year_span"
             and lo <= sentence.local(d)[0] < hi and (date := format_date(d.value))]
    rows[key] = {"article_id": article_id, "coalition": coalition, "member_code": code,
                 "member": refdata.country_name(code), "role": role, "date": dates[0] if dates else None,
                 **evidence(sentence)}
