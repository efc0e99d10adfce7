"""Office holders: "Romania's Foreign Minister, Oana Flutur Cuza", "Latvian Defence Minister Andris Sprūds".

The office's country is the one the title carries (possessive or demonym), else the
previous title's in a list, else the first country the sentence names, else the
article's most-named country. Sources that disagree on who holds an office become
conflicts in `core.link`.
"""

from __future__ import annotations

import re
from functools import lru_cache

from core import refdata
from core.annotate import Annotated, AnnotatedSentence
from core.mentions.windows import chars_of, lowered_as_ignorecase
from core.tables.common import country_mentions, evidence
from core.text import alternation

_NAME = r"(?P<name>[A-Z][\w'’-]+(?:\s+(?:[A-Z][\w'’-]+|de|van|von|der)){1,3})"


@lru_cache(maxsize=1)
def _titles() -> tuple[re.Pattern[str], dict[str, str]]:
    table = {r["title"].lower(): r["role"] for r in refdata.rows("vocab/role_titles.csv")}
    pattern = re.compile(rf"(?P<deputy>(?:Deputy|Acting|First\s+Deputy)\s+)?(?P<title>(?i:{alternation(table)}))\s*,?\s+{_NAME}")
    return pattern, table


@lru_cache(maxsize=1)
def _title_words() -> tuple[tuple[str, ...], frozenset[str], re.Pattern[str]]:
    """The first word of each title (lower case), and `chars_of` them."""
    words = tuple(sorted({title.split()[0] for title in _titles()[1]}))
    return (words, *chars_of(words))


def _may_hold_title(text: str) -> bool:
    """Whether the first word of a title is in the text, ignoring case (a quick test: most sentences
    have none, and no title can match without one)."""
    words, chars, any_char = _title_words()
    lowered = lowered_as_ignorecase(text, chars, any_char)
    return lowered is None or any(w in lowered for w in words)


def find_roles(sentence: AnnotatedSentence) -> list[tuple[str, str, int]]:
    """(role, person, local start) for each titled name in the sentence."""
    pattern, table = _titles()
    if not _may_hold_title(sentence.text):
        return []
    out = []
    for m in pattern.finditer(sentence.text):
        if not m.group("title")[0].isupper() or not m.group("name")[0].isupper():
            continue
        role = table[" ".join(m.group("title").lower().split())]
        if m.group("deputy"):
            role = "deputy " + role
        name = re.sub(r"[’']s$", "", m.group("name"))
        name = re.split(r"\s+(?:On|In|At|And|The|On|During|After|Before|For|With)\b", name)[0]
        if len(name.split()) >= 2:
            out.append((role, name, m.start()))
    return out


def _title_country(sentence: AnnotatedSentence, start: int) -> str | None:
    """The country a title carries: 'Romania's Foreign Minister', 'Latvian Defence Minister'."""
    for m in sentence.names:
        s, e = sentence.local(m)
        if m.kind in ("country", "demonym") and m.value.code and 0 <= start - e <= 3:
            return m.value.code
    return None


def build_roles(article: Annotated) -> list[dict]:
    """One row per (country, role, person) the article names."""
    rows: dict[tuple, dict] = {}
    for sentence in article.sentences:
        previous_code = None
        firsts = country_mentions(sentence)
        for role, person, start in find_roles(sentence):
            code = _title_country(sentence, start) or previous_code or (firsts[0].value.code if firsts else None)
            previous_code = code
            if code and (code, role, person) not in rows:
                rows[(code, role, person)] = {"article_id": article.article_id, "country_code": code,
                                              "role": role, "person": person, **evidence(sentence)}
    return list(rows.values())


def people_countries(roles: list[dict]) -> dict[str, str]:
    """Person name (full and surname) -> country code, for resolving 'Healey co-chairs ...'."""
    people: dict[str, str] = {}
    for row in roles:
        people[row["person"]] = row["country_code"]
        people.setdefault(row["person"].split()[-1], row["country_code"])
    return people
