"""Discourse memory of an article: what the sentences before each one told, for its anaphors.

News tells one story over several sentences: "Germany deployed a battalion to Lithuania. The
battalion, which arrived in March, now numbers 1,100 soldiers." The second sentence names no
country, so its force, host and figure can only come from the sentences before it. This module
keeps that memory once per article, from the annotations alone, so that every builder reads the
same answer instead of keeping its own:

- `refers_back(text)`: whether a sentence that names no argument still refers back to one ("the
  battalion", "its contingent", "they", "it") while carrying a relation cue; `core.annotate`
  parses these sentences too;
- `memory(article)`: for each sentence, the `Before` state the earlier sentences left: the
  country that was the subject of the last main clause, the country last named, and the
  coalition last named.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from typing import TYPE_CHECKING

from core.vocab import column, words_pattern

if TYPE_CHECKING:
    from core.annotate import Annotated, AnnotatedSentence

#: Words that point back to something already named, before a military noun ("the battalion",
#: "its contingent", "these jets", "the two batteries").
_POINTERS = r"(?:the|its|their|this|these|those|that)"
_PRONOUN_SUBJECT = re.compile(r"(?:^|[.;:,]\s+|\b(?:and|but|where|when|after|while|because|that|said|says|"
                              r"added|announced|stated)\s+)(?:it|they)\b", re.IGNORECASE)
#: A sentence that opens with a pronoun subject, the commonest way news continues a story.
_OPENS_WITH_PRONOUN = re.compile(r"^\W*(?:it|they|its|their)\b", re.IGNORECASE)
#: How many sentences back the subject of a main clause can still be meant by "it" or "they".
SUBJECT_REACH = 3


@cache
def _military_after_pointer() -> re.Pattern[str]:
    """"the battalion", "its four Eurofighters", "the two Patriot batteries": a pointer and a military
    noun with at most three words between them."""
    nouns = words_pattern(list(column("military_nouns", "noun"))).pattern
    return re.compile(rf"\b{_POINTERS}\s+(?:[\w'’,-]+\s+){{0,3}}?{nouns}", re.IGNORECASE)


def refers_back(text: str) -> bool:
    """Whether a sentence refers back to a force or country named before it: a military noun after
    a pointer ("The battalion now numbers 1,100 soldiers"), or a pronoun subject ("They were
    withdrawn in June", "It will send 300 troops").

    >>> refers_back("The battalion now numbers 1,100 soldiers.")
    True
    >>> refers_back("They were withdrawn in June.")
    True
    >>> refers_back("Prices rose sharply in the spring.")
    False
    """
    return (_OPENS_WITH_PRONOUN.search(text) is not None or _PRONOUN_SUBJECT.search(text) is not None
            or _military_after_pointer().search(text) is not None)


@dataclass(frozen=True)
class Before:
    """What the sentences before one sentence left in memory."""

    subject: str | None = None  # the country that was the subject of a recent main clause ("it", "they")
    country: str | None = None  # the country (or demonym) last named
    coalition: str | None = None  # the coalition last named


def memory(article: Annotated) -> list[Before]:
    """The `Before` state of each sentence of `article`, in order (index-aligned with its sentences).

    The subject is that of the last parsed sentence whose subject is a country, kept for
    `SUBJECT_REACH` sentences; a parsed sentence with another subject ends it, unless it opens
    with a pronoun itself ("It is also ...": still the same country).
    """
    out: list[Before] = []
    subject: tuple[str, int] | None = None  # (country, sentence number)
    country = coalition = None
    for n, sentence in enumerate(article.sentences):
        recent = subject is not None and n - subject[1] <= SUBJECT_REACH
        out.append(Before(subject[0] if subject and recent else None, country, coalition))
        found = subject_country(sentence)
        if found is not None:
            subject = (found, n)
        elif (sentence.parse is not None or sentence.countries) and not _OPENS_WITH_PRONOUN.search(sentence.text):
            subject = None  # another subject, or one not known: "it" no longer safely means the old one
        named = [m.value.code for m in sentence.countries if m.kind in ("country", "demonym") and m.value.code]
        coalitions = [m.value.name for m in sentence.names if m.kind == "coalition"]
        country = named[-1] if named else country
        coalition = coalitions[-1] if coalitions else coalition
    return out


def subject_country(sentence: AnnotatedSentence) -> str | None:
    """The country that is the subject of the sentence's main clause ("Denmark's parliament approved",
    "Germany deployed", "The Czech government decided"), or None; for a sentence without a parse,
    the country that opens it."""
    p = sentence.parse
    if p is None:  # unparsed: a country opening the sentence is its subject ("Lithuania has taken on ...")
        first = min(sentence.countries, key=lambda m: m.start, default=None)
        opening = sentence.text[:sentence.local(first)[0]].strip().lower() if first is not None else "-"
        return first.value.code if first is not None and opening in ("", "the") else None
    heads: dict[int, str] = {}
    for m in sentence.countries:
        for i in p.tokens_in(*sentence.local(m)):
            heads.setdefault(i, m.value.code)
    for root in (i for i in range(len(p)) if p.heads[i] == i):
        for s in p.subjects(root):
            for t in p.subtree(s):
                if t in heads and (t == s or p.deps[t] in ("poss", "compound", "amod", "nmod")):
                    return heads[t]
        break
    return None
