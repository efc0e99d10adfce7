"""Cue vocabularies of the rules, compiled once: word lists from `data/vocab/` as regexes and maps."""

from __future__ import annotations

import re
from functools import cache

from core import refdata
from core.text import alternation, word_trie


def words_pattern(words: list[str] | set[str], flags: int = re.IGNORECASE) -> re.Pattern[str]:
    """A regex matching any of `words` as a whole word, longest first; spaces and hyphens inside a
    cue match any run of spaces or hyphens ("co-led" matches "co led", "set up" matches "set  up").

    >>> words_pattern(["led by", "co-led"]).findall("co led by Poland, led  by Sweden")
    ['co led', 'led  by']
    """
    words = set(words)
    if flags & re.IGNORECASE and all(w.isascii() and not _OTHER_SPACE.search(w) for w in words):
        body = word_trie(words, gap=r"[\s-]+")  # the same matches, ten times faster
    else:
        body = alternation(words, gap=r"[\s-]+", hyphens=True)
    return re.compile(rf"(?<![\w-])(?:{body})(?![\w-])", flags)


_OTHER_SPACE = re.compile(r"[^\S ]")  # white space other than a space: a word's own character


@cache
def column(name: str, column_name: str) -> tuple[str, ...]:
    """The values of one column of `data/vocab/<name>.csv`."""
    return tuple(r[column_name] for r in refdata.rows(f"vocab/{name}.csv") if r.get(column_name))


@cache
def relation_cues() -> re.Pattern[str]:
    """Any word that can mark a relation whose arguments a builder picks by grammar: coalition
    roles, deployments, military nouns and kinds of money (event cues are in two thirds of news
    sentences and pick no arguments, so they do not ask for a parse)."""
    words = {*column("coalition_roles", "cue"), *column("deployment_cues", "cue"),
             *column("military_nouns", "noun"), *column("budget_kinds", "cue")}
    return words_pattern(words)


@cache
def coalition_roles() -> dict[tuple[str, str], str]:
    """(cue word, form) -> role, from `data/vocab/coalition_roles.csv`."""
    return {(r["cue"].lower(), r["form"]): r["role"] for r in refdata.rows("vocab/coalition_roles.csv")}


@cache
def role_particles(forms: tuple[str, ...] = ("phrasal",)) -> dict[str, frozenset[str]]:
    """Role verbs of `forms` that need a particle ("sign" -> up/on: "signed up", not "signed a deal";
    "put" -> in: "put in €200 million")."""
    return {r["cue"].lower(): frozenset(refdata.split_list(r["particle"]))
            for r in refdata.rows("vocab/coalition_roles.csv") if r["form"] in forms and r["particle"]}


@cache
def role_cues() -> re.Pattern[str]:
    """Any word of `data/vocab/coalition_roles.csv` or a noun that can stand for a coalition."""
    heads = column("coalition_heads", "noun")
    return words_pattern({*column("coalition_roles", "cue"), *heads, *(f"{h}s" for h in heads)})
