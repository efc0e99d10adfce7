"""Member lists: countries listed beside a coalition's name, or as its countries' predicate.

"the Bucharest Nine - Bulgaria, ..., Slovakia -", "the B9 (A, B and C)", "the JEF: A, B and C",
"the Bucharest Nine, Poland and Romania, ...", "The participating countries of the Drone Coalition
are A, B and C"; and, for the coalition in focus, lists told by description ("Those ready to send
troops include A and B", "Others, such as C, ...").
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import TYPE_CHECKING

from core.vocab import coalition_roles

if TYPE_CHECKING:
    from core.annotate import AnnotatedSentence
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


#: Words beside a role predicate that make it not (yet, or no longer) held.
ENDED_WORDS = frozenset({"yet", "until", "till", "formerly", "previously", "once"})
_RELATIVE_GLUE = frozenset({"the", "and", ",", "both", "have", "has", "had", "jointly", "now", "currently", "also"})


def relative_holders(r: SentenceRoles) -> list[Role]:
    """"the naval coalition, which the UK and Norway lead," / "..., which France and Britain have
    led since ...": a relative clause whose subject is a list of countries and whose verb is a role
    verb, read off the words because the parser takes "lead" there for a noun. A negation or a
    modal breaks the run of words, so "which Hungary did not join" gives nothing, and a role held
    "until" a date is over."""
    p, out = r.p, []
    table = coalition_roles()
    for t in range(2, len(p.words)):
        if p.lower(t) not in ("which", "that") or p.words[t - 1] != ",":
            continue
        codes, k = [], t + 1
        while k < len(p.words) and (k in r.codes_at or p.lower(k) in _RELATIVE_GLUE or p.words[k].istitle()):
            if k in r.codes_at:
                codes.append(r.codes_at[k])
            k += 1
        role = table.get((p.lower(k), "verb")) if k < len(p.words) else None
        after = p.words[k + 1:next((e for e in range(k + 1, len(p.words)) if p.words[e] == ","), len(p.words))]
        if any(w.lower() in ENDED_WORDS for w in after):  # "which the United States led until 2025"
            continue
        coalition = next((c for j in range(t - 2, max(-1, t - 9), -1) if (c := r.resolver.coalition(j))), None)
        if codes and role and coalition:
            out.append(Role(role, tuple(dict.fromkeys(codes)), coalition, p.starts[k]))
    return out


#: A sentence opening with a description of some of the coalition's states and then listing them:
#: "Those ready to send troops include A and B", "Countries that have pledged drones through the
#: coalition also include A", "Among the states taking part were A and B", "Others, such as A and B, ...".
_DESCRIBED_LIST = re.compile(
    r"^(?:(?:Those|Countries|States|Nations|Allies|Participants|Governments)\b(?P<mid>[^.;:]{0,120}?)"
    r"\b(?:include|includes|included|are|were)"
    r"|Among\s+(?:the|those)\b(?P<mid2>[^.;:,]{0,80}?)\b(?:are|were)"
    r"|Others,?\s+(?:such\s+as|including|like))\s+")
_NOT_HELD = re.compile(r"\b(?:not|n't|never|yet|declined|refused|left|quit|outside|non-members?)\b", re.IGNORECASE)
_LIST_GAP = re.compile(r"^\s*(?:,|and|or|as\s+well\s+as|,\s*and)?\s*(?:the\s+)?$")


def described_members(sentence: AnnotatedSentence) -> list[tuple[str, int]]:
    """(code, offset) of each country a described-members sentence lists, in the coordinated list
    right after its verb (not a country later in the sentence: "..., a British official said")."""
    m = _DESCRIBED_LIST.match(sentence.text)
    if m is None or _NOT_HELD.search(m.group("mid") or m.group("mid2") or ""):
        return []
    found: list[tuple[str, int]] = []
    edge = m.end()
    for mention in sorted(sentence.countries, key=lambda c: sentence.local(c)[0]):
        start, end = sentence.local(mention)
        if start < edge:
            continue
        if not _LIST_GAP.match(sentence.text[edge:start]):
            break
        found.append((mention.value.code, start))
        edge = end
    return found
