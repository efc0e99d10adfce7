"""Which coalition a word of a sentence refers to: by name, by description, or by anaphor.

A coalition is named ("the Drone Coalition", "B9", an unknown "Sea Coalition"), described
("the coalition on mine countermeasures", "the air-defence coalition": the registry in
`data/coalitions.csv` gives each coalition its descriptor words and head nouns), or referred
back to ("the coalition", "the initiative", "it", "its", "whose"): then it is the coalition
in focus, the one last named in this sentence or the article's recent sentences.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from core import refdata
from core.annotate import AnnotatedSentence
from core.syntax import RELATIVE_PRONOUNS, Parse
from core.vocab import words_pattern

#: Nouns that stand for a coalition when they refer back to one ("the group", "the scheme").
GENERIC_NOUNS = frozenset({"coalition", "initiative", "group", "grouping", "format", "scheme", "alliance", "mission",
                           "framework", "project", "effort", "mechanism", "club", "bloc", "operation", "activity",
                           "force", "wall"})
PRONOUNS = frozenset({"it", "its"})
_GENERIC_NAME = re.compile(r"\b((?:[A-Z][\w-]*\s+){1,3}Coalition)\b")


@dataclass(frozen=True)
class Registered:
    """A coalition of the registry: its canonical name, descriptor words and head nouns."""

    name: str
    descriptors: tuple[str, ...]
    head_nouns: tuple[str, ...]  # the nouns that can refer back to it: its own, and its kind's


@lru_cache(maxsize=1)
def registry() -> tuple[Registered, ...]:
    by_kind: dict[str, list[str]] = {}
    for r in refdata.rows("vocab/coalition_heads.csv"):
        by_kind.setdefault(r["kind"], []).append(r["noun"])
    return tuple(Registered(r["coalition"], tuple(refdata.split_list(r.get("descriptors", ""))),
                            tuple(dict.fromkeys([*refdata.split_list(r.get("head_nouns", "")),
                                                 *by_kind.get(r["kind"], by_kind["coalition"])])))
                 for r in refdata.rows("coalitions.csv"))


@lru_cache(maxsize=1)
def donor_schemes() -> frozenset[str]:
    """Coalitions whose members are the states that pay into them (`members_by` = money in the registry)."""
    return frozenset(r["coalition"] for r in refdata.rows("coalitions.csv") if r.get("members_by") == "money")


def head_nouns(name: str) -> tuple[str, ...]:
    """The nouns that can refer back to coalition `name` ("the mission" is no capability coalition)."""
    for c in registry():
        if c.name == name:
            return c.head_nouns
    return registry_heads_for_unknown()


@lru_cache(maxsize=1)
def registry_heads_for_unknown() -> tuple[str, ...]:
    """A coalition the registry lacks ("the Sea Coalition") is referred back to as coalitions are."""
    return tuple(r["noun"] for r in refdata.rows("vocab/coalition_heads.csv") if r["kind"] == "coalition")


@lru_cache(maxsize=1)
def _descriptor_pattern() -> re.Pattern[str]:
    return words_pattern({d for c in registry() for d in c.descriptors})


def by_description(phrase: str, head_noun: str) -> str | None:
    """The registered coalition whose descriptor words the phrase uses ("the coalition on mine
    countermeasures" -> Demining Coalition), preferring those whose head noun it shares; None if
    no descriptor is used or two coalitions fit equally.

    >>> by_description("the air-defence coalition", "coalition")
    'Integrated Air and Missile Defence Coalition'
    >>> by_description("the coalition on mine countermeasures", "coalition")
    'Demining Coalition'
    >>> by_description("the new coalition", "coalition") is None
    True
    """
    used = {" ".join(m.group().lower().replace("-", " ").split()) for m in _descriptor_pattern().finditer(phrase)}
    if not used:
        return None
    scored = []
    for c in registry():
        words = {" ".join(d.lower().replace("-", " ").split()) for d in c.descriptors}
        score = sum(len(w) for w in used & words)
        if score and head_noun in c.head_nouns:  # "the scheme for buying air defence" is no air-defence *coalition*
            scored.append((score, c.name))
    scored.sort(reverse=True)
    if not scored or (len(scored) > 1 and scored[0][0] == scored[1][0]):
        return None
    return scored[0][1]


@dataclass(frozen=True)
class Reference:
    """A coalition named in a sentence: its character span (sentence-relative) and canonical name."""

    start: int
    end: int
    name: str
    possessive: bool = False  # "the Contact Group's meeting": named in passing, not the topic


def named_references(sentence: AnnotatedSentence) -> list[Reference]:
    """The coalitions a sentence names: registry names and aliases, and unknown "X Y Coalition"."""
    refs = [Reference(*sentence.local(m), m.value.name, m.possessive)
            for m in sentence.names if m.kind == "coalition"]
    for m in _GENERIC_NAME.finditer(sentence.text):
        name = _known_suffix(m.group(1)) or re.sub(r"^(?:The|the|An?|International)\s+", "", m.group(1))
        overlaps = any(r.start < m.end() and m.start() < r.end for r in refs)
        if not overlaps and len(name.split()) > 1:
            refs.append(Reference(m.start(1) + len(m.group(1)) - len(name), m.end(1), name))
    return sorted(refs, key=lambda r: r.start)


#: Where a coalition named in a sentence becomes its topic: an argument, not an adjunct
#: ("under the auspices of the Contact Group", "at the Ramstein meeting" leave the topic as it was).
_TOPIC_DEPS = ("nsubj", "nsubjpass", "dobj", "attr", "appos", "ROOT", "conj", "npadvmod")


def topic(refs: list[Reference], parse: Parse | None) -> Reference | None:
    """The coalition a sentence is about: a subject, else an object or the object of a role word
    ("joined the X", "a member of X"); without a parse, the first named (never a possessive)."""
    candidates = [r for r in refs if not r.possessive]
    if parse is None:
        return candidates[0] if candidates else None
    ranked = []
    for r in candidates:
        head = parse.span_head(r.start, r.end)
        if head is None:
            continue
        dep = parse.deps[head]
        if dep in ("nsubj", "nsubjpass"):
            return r
        if dep in _TOPIC_DEPS or (dep == "pobj" and parse.lower(parse.heads[head]) in ("of", "to", "into")
                                  and _role_word(parse, parse.heads[parse.heads[head]])):
            ranked.append(r)
    return ranked[0] if ranked else None


def _role_word(parse: Parse, t: int) -> bool:
    from core.vocab import coalition_roles

    word = parse.lower(t)
    return any(key[0] == word for key in coalition_roles())


def _known_suffix(words: str) -> str | None:
    """A registered coalition that ends a capitalised run ("Join Drone Coalition" -> Drone Coalition)."""
    from core.mentions.names import lexicon
    from core.text import fold

    parts = words.split()
    for i in range(1, len(parts)):
        for entry in lexicon().get(fold(" ".join(parts[i:])), ()):
            if entry.etype == "coalition":
                return entry.name
    return None


#: Tokens of a generic noun's phrase read for descriptor words.
_PHRASE_TOKENS = 16


def _is_generic(word: str) -> bool:
    """A noun that can name a coalition by description or stand for one ("coalition", "initiatives")."""
    return word in GENERIC_NOUNS or word.rstrip("s") in GENERIC_NOUNS


#: Nouns for what a coalition does, which stand for the coalition they belong to ("its work").
ACTIVITY_NOUNS = frozenset({"work", "efforts", "activities", "activity", "operations", "projects", "framework"})


class Resolver:
    """Resolves tokens of one parsed sentence to coalitions, given the coalition in focus before it."""

    def __init__(self, parse: Parse, refs: list[Reference], focus: str | None) -> None:
        self.parse, self.refs, self.focus = parse, refs, focus
        self._by_token: dict[int, str] = {}
        self._described_refs: list[Reference] | None = None
        for ref in refs:
            for t in parse.tokens_in(ref.start, ref.end):
                self._by_token[t] = ref.name

    def named(self, t: int) -> str | None:
        return self._by_token.get(t)

    def focus_at(self, t: int) -> str | None:
        """The coalition last named before token `t` in this sentence, else the article's focus."""
        named = [r for r in self.refs if not r.possessive]
        before = sorted([r for r in [*named, *self._described()] if r.end <= self.parse.starts[t]],
                        key=lambda r: r.end)
        if before:
            return before[-1].name
        return self.focus or (named[0].name if named else None)  # with nothing told yet: named further on

    def coalition(self, t: int, depth: int = 0) -> str | None:
        """The coalition token `t` stands for, if any."""
        p = self.parse
        if t in self._by_token:
            return self._by_token[t]
        if depth > 3:
            return None
        word = p.lower(t)
        if word in RELATIVE_PRONOUNS:
            noun = p.modified_noun(t)
            return self.coalition(noun, depth + 1) if noun is not None and noun != t else None
        if word in PRONOUNS:
            return self.focus_at(t)
        if word in ACTIVITY_NOUNS:  # "takes part in the coalition's work", "the work of the coalition"
            owners = [*p.children_with(t, ("poss",)), *(o for _, o in p.prep_objects(t, ("of",)))]
            return next((c for o in owners if (c := self.coalition(o, depth + 1))), None)
        for other in self._appositions(t):
            if other in self._by_token:
                return self._by_token[other]
        apposed = self._apposed_by_punctuation(t)
        if apposed:
            return apposed
        if _is_generic(word):
            return self._by_description(t) or self._generic_focus(t)
        return None

    def _by_description(self, t: int) -> str | None:
        """The registered coalition the phrase a generic noun heads describes ("the coalition on mine
        countermeasures"), if its descriptor words single one out."""
        p = self.parse
        return by_description(" ".join(p.words[i] for i in p.subtree(t)[:_PHRASE_TOKENS]), p.lower(t).rstrip("s"))

    def _described(self) -> list[Reference]:
        """Coalitions this sentence names by description ("the Coalition for the Development of Air
        Defense"): "its" after one means it, not the coalition told of before."""
        if self._described_refs is None:
            p, found = self.parse, []
            for t in range(len(p)):
                if t not in self._by_token and _is_generic(p.lower(t)) and p.deps[t] != "poss" \
                        and (name := self._by_description(t)):  # not "the Contact Group's meeting"
                    tokens = p.subtree(t)[:_PHRASE_TOKENS]
                    found.append(Reference(p.starts[tokens[0]], p.ends[tokens[-1]], name))
            self._described_refs = found
        return self._described_refs

    def _generic_focus(self, t: int) -> str | None:
        """"the coalition", "the initiative": the coalition in focus, if the noun can name it."""
        focus = self.focus_at(t)
        noun = self.parse.lower(t)
        if focus is None or (noun not in head_nouns(focus) and noun.rstrip("s") not in head_nouns(focus)):
            return None
        return focus

    def _apposed_by_punctuation(self, t: int) -> str | None:
        """"the Sky Shield Initiative, the German-led scheme": a noun phrase opened by a comma right
        after a named coalition describes it (the parser often hangs such appositions elsewhere)."""
        p = self.parse
        first = min(p.subtree(t))
        if first < 2 or p.words[first - 1] not in (",", "-", "–", "—", "("):
            return None
        return self._by_token.get(first - 2)

    def _appositions(self, t: int) -> list[int]:
        p = self.parse
        out = list(p.children_with(t, ("appos",)))
        if p.deps[t] == "appos":
            out.append(p.heads[t])
        return out

    def in_subtree(self, t: int, skip: set[int]) -> str | None:
        """The first coalition referred to inside the subtree of `t`, outside the tokens in `skip`."""
        for i in self.parse.subtree(t):
            if i in skip or i == t:
                continue
            if i in self._by_token:
                return self._by_token[i]
        for i in self.parse.subtree(t):
            if i not in skip and i != t and self.parse.lower(i) in GENERIC_NOUNS:
                found = self.coalition(i)
                if found:
                    return found
        return None
