"""Member lists: countries listed beside a coalition's name, or as its countries' predicate.

"the Bucharest Nine - Bulgaria, ..., Slovakia -", "the B9 (A, B and C)", "the JEF: A, B and C",
"the Bucharest Nine, Poland and Romania, ...", "The participating countries of the Drone Coalition
are A, B and C".
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from core.vocab import coalition_roles

if TYPE_CHECKING:
    from core.tables.coalition_roles import SentenceRoles

LIST_VERBS = frozenset({"are", "were", "is", "include", "includes", "included", "comprise", "comprises", "comprised",
                        "groups", "unites", "brings", "brought", "consists", "consist"})


@dataclass(frozen=True)
class Role:
    """A role read from a sentence: who holds it, in which coalition, where (for the date)."""

    role: str
    codes: tuple[str, ...]
    coalition: str
    at: int  # character offset of the role word in the sentence


#: Brackets that open a list right after a coalition's name, and what closes them.
_OPENERS = {"-": ("-", "–", "—", "."), "–": ("-", "–", "—", "."), "—": ("-", "–", "—", "."), "(": (")",),
            ":": (".", ";")}
_COLLECTIVE_NOUNS = frozenset({"countries", "states", "nations", "governments", "allies", "participants"})


def _bracketed_list(r: SentenceRoles, t: int) -> tuple[str, ...]:
    """"the Bucharest Nine - Bulgaria, ..., Slovakia -", "the B9 (A, B and C)", "the JEF: A, B and C":
    a list of countries and nothing else between the brackets right after a named coalition."""
    p = r.p
    if t + 1 >= len(p) or p.words[t + 1] not in _OPENERS:
        return ()
    closer = _OPENERS[p.words[t + 1]]
    codes, i = [], t + 2
    while i < len(p) and p.words[i] not in closer:
        if i in r.codes_at:
            codes.append(r.codes_at[i])
        elif p.lower(i) not in (",", "and", "the") and not any(
                c in r.codes_at for c in p.ancestors(i)[:1]):  # "Czech" of "Czech Republic"
            return ()
        i += 1
    return tuple(codes) if len(codes) >= 2 else ()

def apposed_lists(r: SentenceRoles) -> list[Role]:
    """A named coalition in apposition with a list of countries: its members."""
    out = []
    for t in range(len(r.p)):
        coalition = r.resolver.named(t)
        if coalition is not None and r.resolver.named(t + 1) != coalition:
            codes = _bracketed_list(r, t)
            if codes:
                out.append(Role("member", codes, coalition, r.p.starts[t]))
    for t in range(len(r.p)):
        coalition = r.resolver.named(t)
        if coalition is None or r.p.heads[t] != t and r.resolver.named(r.p.heads[t]) == coalition:
            continue
        for a in r.p.children_with(t, ("appos",)):
            codes = r.countries(r.p.conjuncts(a))
            if len(codes) >= 2:
                out.append(Role("member", codes, coalition, r.p.starts[a]))
    return out



def collective_lists(r: SentenceRoles) -> list[Role]:
    """"The participating countries of the Drone Coalition are A, B and C": a list verb whose
    subject is the coalition's countries (named explicitly: "of C", "C's", "C member states")."""
    p, out = r.p, []
    for v in range(len(p)):
        if p.lower(v) not in LIST_VERBS:
            continue
        for s in p.children_with(v, ("nsubj",)):
            if p.lower(s) not in _COLLECTIVE_NOUNS:
                continue
            owners = [o for _, o in p.prep_objects(s, ("of", "in"))] + p.children_with(s, ("poss", "compound"))
            coalition = next((c for c in map(r.resolver.named, owners) if c), None)
            codes = r.countries(p.objects(v))
            if coalition and codes:
                out.append(Role("member", codes, coalition, p.starts[v]))
    return out



_CORE_VERBS = frozenset({"form", "forms", "formed", "constitute", "constitutes", "constituted", "make", "makes", "made"})


def core_members(r: SentenceRoles) -> list[Role]:
    """"Four Danube states, Austria, Slovakia, Hungary and Croatia, form its core": the subjects of
    "form the core (backbone, nucleus) of" a coalition are members."""
    p, out = r.p, []
    for v in range(len(p)):
        if p.lower(v) not in _CORE_VERBS:
            continue
        for o in p.objects(v):
            if (p.lower(o), "core") not in coalition_roles():
                continue
            owners = p.children_with(o, ("poss",)) + [x for _, x in p.prep_objects(o, ("of",))]
            coalition = next((c for c in map(r.resolver.coalition, owners) if c), None)
            codes = r.countries(p.subjects(v))
            if coalition and codes:
                out.append(Role("member", codes, coalition, p.starts[v]))
    return out


_COUNTED = frozenset({"states", "countries", "nations", "members", "governments", "allies"})


def announced_count(r: SentenceRoles) -> str | None:
    """"The Drone Coalition consists of 15 states": the coalition whose members the next sentence may
    list ("Besides Finland and Greece, these are ...")."""
    p = r.p
    for v in range(len(p)):
        objects = p.objects(v) + [o for _, o in p.prep_objects(v, ("of",))]
        counted = [o for o in objects if p.lower(o) in _COUNTED and p.children_with(o, ("nummod",))]
        if counted:
            subjects = p.children_with(v, ("nsubj", "nsubjpass"))  # "consists of", "is made up of"
            coalition = next((c for c in map(r.resolver.coalition, subjects) if c), None)
            if coalition:
                return coalition
    return None


def admitted(r: SentenceRoles, v: int, role: str) -> list[Role]:
    """"Chile was admitted to the coalition": the passive subject is the member."""
    p = r.p
    if not p.children_with(v, ("auxpass",)) and p.deps[v] != "acl":
        return []
    codes = r.countries(p.subjects(v)) if p.children_with(v, ("nsubjpass",)) else r.countries(
        p.conjuncts(p.heads[v]))
    targets = [o for _, o in p.prep_objects(v, ("to", "into", "in"))]
    coalition = next((c for c in map(r.resolver.coalition, targets) if c), None)
    return [Role(role, codes, coalition, p.starts[v])] if codes and coalition else []


def led_compound(r: SentenceRoles, t: int) -> list[Role]:
    """"the German-led scheme", "UK-led Joint Expeditionary Force": the country leads the noun."""
    codes = tuple(code for i, code in r.codes_at.items() if i == t)
    coalition = r.resolver.coalition(r.p.heads[t]) if r.p.heads[t] != t else None
    return [Role("leader", codes, coalition, r.p.starts[t])] if codes and coalition else []
