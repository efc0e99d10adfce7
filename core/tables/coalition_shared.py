"""Roles shared with more holders or coalitions than a role word's own arguments, read off the parse.

- examples of a collective or role noun: "Eleven countries, including Poland and Estonia, have
  joined", "has 18 members, including Sweden and Denmark", "members such as Lithuania",
  "states like Latvia";
- "among them": "Several countries have joined the IT Coalition, among them Estonia and Germany";
  "Among those that have signed up are Estonia and Latvia";
- echoes: "Finland joined the Drone Coalition, as did Estonia and Lithuania";
- coordinated coalitions: "lead the Air Force Coalition as well as the Armour Coalition";
- gapping: "Spain and Italy lead the Demining Coalition, Iceland and Malta the Armour Coalition";
- holders told by their government: "Italy's government", "Meloni, whose government takes part";
- regional groups named instead of their members: "the three Baltic states";
- roles not held: negated, hypothetical or conditional ("did not join", "might join"), and a member's
  role under a word of intent, which makes an applicant ("wants to join").
"""

from __future__ import annotations

from functools import cache

from core import refdata
from core.annotate import AnnotatedSentence
from core.syntax import Parse
from core.tables.coalition_lists import ENDED_WORDS, Role
from core.tables.coalition_refs import Resolver
from core.tables.common import country_heads
from core.vocab import coalition_roles

EXAMPLE_PREPS = frozenset({"including", "like", "notably"})
_THEM = frozenset({"them", "those", "whom", "these"})
_LISTED_DEPS = frozenset({"npadvmod", "dobj", "appos", "attr", "nsubj", "conj", "pobj"})
GOVERNMENT_NOUNS = frozenset({"government", "cabinet", "administration", "parliament", "ministry"})
_CONTRAST = frozenset({"but", "except", "while", "whereas", "although", "though", "not", "unlike"})
_PART_WORDS = frozenset({"some", "several", "most", "many", "few", "other", "two", "three", "four"})
_NUMBERS = {"two": 2, "three": 3, "four": 4, "five": 5, "2": 2, "3": 3, "4": 4, "5": 5}
_COLLECTIVE_NOUNS = frozenset({"states", "countries", "nations", "governments", "allies", "members"})
_ECHO_VERBS = frozenset({"did", "does", "do", "has", "have", "had"})
CLIMB_DEPS = frozenset({"xcomp", "pcomp", "pobj", "prep", "acl", "relcl", "advcl", "ccomp", "conj", "dobj", "attr"})


def examples(p: Parse, t: int) -> list[int]:
    """The tokens given as examples of noun `t` ("countries, including A and B", "states such as A",
    "states like A"), with their conjuncts."""
    out: list[int] = []
    for prep in p.children_with(t, ("prep",)):
        word = p.lower(prep)
        such = word == "as" and (any(p.lower(c) == "such" for c in p.children[prep])
                                 or (prep > 0 and p.lower(prep - 1) == "such"))
        if word in EXAMPLE_PREPS or such:
            out += [c for o in p.children_with(prep, ("pobj",)) for c in before_contrast(p, p.conjuncts(o))]
    return out


def before_contrast(p: Parse, items: list[int]) -> list[int]:
    """The items of a list up to a contrast ("Denmark, Finland and Romania, but Poland and France have
    stayed out" -> Denmark, Finland, Romania): the parser often joins the contrasted clause's subjects
    to the list."""
    items = sorted(items)
    for n in range(1, len(items)):
        if any(p.lower(t) in _CONTRAST for t in range(items[n - 1] + 1, items[n])):
            return items[:n]
    return items


def among_them(p: Parse, v: int) -> list[int]:
    """"have joined the IT Coalition, among them Estonia, Luxembourg and Germany": the list that
    follows a verb's "among them" (the parser hangs "among them" on the verb, or on the list's
    first item, and the list on the verb or on "them")."""
    def has_them(i: int) -> int | None:
        for prep in p.children_with(i, ("prep",)):
            them = [o for o in p.children_with(prep, ("pobj",)) if p.lower(prep) == "among" and p.lower(o) in _THEM]
            if them:
                return them[0]
        return None

    them = has_them(v)
    listed = [c for c in p.children[v] if p.deps[c] in _LISTED_DEPS and (
        has_them(c) is not None or (them is not None and c > them))]
    if them is not None:
        listed += p.children_with(them, ("appos", "conj"))
    return [x for c in listed for x in before_contrast(p, p.conjuncts(c))]


def among_those(p: Parse, t: int) -> list[int]:
    """"Among those that have signed up are A, B and C", "Among the states that joined were A and B":
    the list that a copula sets beside "among those" (`t` is the pobj of "among" hung on the
    copula), with its conjuncts."""
    among = p.heads[t]
    if p.deps[t] != "pobj" or p.lower(among) != "among" or p.lower(t) not in _THEM | _COLLECTIVE_NOUNS:
        return []
    verb = p.heads[among]
    listed = [c for c in p.children[verb] if c != among and p.deps[c] in ("nsubj", "attr", "nsubjpass")]
    return [x for c in listed for x in before_contrast(p, p.conjuncts(c))]


def echoed(p: Parse, v: int) -> list[int]:
    """"Finland joined the Drone Coalition, as did Estonia and Lithuania": the subjects of an "as
    did"/"as has" clause on the predicate hold the same role."""
    out: list[int] = []
    for c in p.children_with(v, ("advcl",)):
        if p.lower(c) in _ECHO_VERBS and any(p.lower(m) in ("as", "so") for m in p.children_with(c, ("mark",))):
            out += [s for subject in p.children_with(c, ("nsubj",)) for s in p.conjuncts(subject)]
    return out


def coordinated(p: Parse, resolver: Resolver, target: int) -> list[str]:
    """The other coalitions coordinated with the one a role word takes ("lead the Air Force Coalition
    as well as the Armour Coalition", "joined the Drone Coalition and the IT Coalition")."""
    return [c for t in p.conjuncts(target) if t != target and (c := resolver.coalition(t))]


def gapped(p: Parse, resolver: Resolver, codes_at: dict[int, str], v: int, role: str, coalition: str) -> list[Role]:
    """Gapping: "Spain and Italy lead the Demining Coalition, Iceland and Malta the Armour
    Coalition": after the object, a comma, countries and another named coalition, verb left out."""
    named = [i for i in range(v + 1, len(p)) if resolver.named(i) == coalition]
    if not named:
        return []
    i = named[-1] + 1
    if i >= len(p) or p.words[i] != ",":
        return []
    codes, i = [], i + 1
    while i < len(p) and (i in codes_at or p.lower(i) in (",", "and", "the")):
        if i in codes_at:
            codes.append(codes_at[i])
        i += 1
    other = resolver.named(i) if i < len(p) else None
    if not codes or other is None or other == coalition:
        return []
    return [Role(role, tuple(codes), other, p.starts[i])]


def government_country(p: Parse, codes_at: dict[int, str], t: int) -> list[str]:
    """The country of a government noun: its possessor or modifier ("Italy's government", "the Czech
    cabinet"), or for "whose government" the noun the clause modifies or its country words
    ("Italian Prime Minister Giorgia Meloni, whose government takes part in ...")."""
    owners = p.children_with(t, ("poss", "compound", "amod"))
    if any(p.lower(o) == "whose" for o in owners) and p.deps[p.clause_of(t)] == "relcl":
        noun = p.heads[p.clause_of(t)]
        owners = [noun, *(m for m in p.subtree(noun) if m < noun)]  # "Italian Prime Minister Giorgia Meloni"
    return [codes_at[o] for o in owners if o in codes_at][:1]


@cache
def _groups() -> dict[str, tuple[str, ...]]:
    return {r["group"].lower(): tuple(r["codes"].split("|")) for r in refdata.rows("vocab/country_groups.csv")}


def group_members(p: Parse, t: int) -> tuple[str, ...]:
    """The countries of a regional group named instead of its members ("the three Baltic states", "the
    Nordic countries"): a collective noun with the group's word before it (`data/vocab/country_groups.csv`)."""
    if p.deps[t] == "pobj" and p.lower(p.heads[t]) == "of":
        return ()  # "two of the Baltic states": some, not all
    for c in p.children_with(t, ("amod", "compound", "nmod")):
        found = _groups().get(p.lower(c))
        if found and _whole_group(p, t, len(found)):
            return found
    return ()


def _whole_group(p: Parse, t: int, size: int) -> bool:
    """Whether the group noun means all its members: "the (three) Baltic states", not "some Nordic
    countries" or "two Baltic states"."""
    for c in p.children[t]:
        word = p.lower(c)
        if p.deps[c] == "det" and word not in ("the", "all", "these", "those"):
            return False
        if p.deps[c] in ("amod", "advmod") and word in _PART_WORDS:
            return False
        if p.deps[c] == "nummod" and _NUMBERS.get(word, -1) != size:
            return False
    return True


def undated(sentence: AnnotatedSentence, p: Parse, tokens: list[int]) -> list[int]:
    """The tokens that are not inside a date ("joined in November": no coalition named)."""
    spans = [sentence.local(d) for d in sentence.dates]
    return [t for t in tokens if not any(lo <= p.starts[t] < hi for lo, hi in spans)]


def country_tokens(sentence: AnnotatedSentence, parse: Parse, people: dict[str, str]) -> dict[int, str]:
    """Head token -> country code, for every mention that stands for a country (and known people)."""
    out = {head: m.value.code for head, m in country_heads(sentence).items() if m.value.code}
    for i, word in enumerate(parse.words):
        if i not in out and word in people and word[:1].isupper():
            out[i] = people[word]
    return out


def cancelled(p: Parse, t: int) -> bool:
    """Negated, hypothetical or conditional: "did not join", "might join", "has yet to join"."""
    for a in [t, *p.ancestors(t)][:4]:
        if p.is_negated(a) or p.modality(a) in ("hypothetical", "conditional"):
            return True
        if any(p.lower(c) in ENDED_WORDS for c in p.children[a]):  # "has yet to join", "led until 2025"
            return True
        if a != t and (p.lower(a), "hedge") in coalition_roles():  # "is considering joining"
            return True
        if p.deps[a] not in CLIMB_DEPS:
            break
    return False


def under_intent(p: Parse, t: int) -> bool:
    """A role word under a word of intent ("wants to join", "bid to join"): an applicant's."""
    table = coalition_roles()
    for a in [t, *p.ancestors(t)][:5]:
        if a != t and table.get((p.lower(a), "intent")):
            return True
        if p.deps[a] not in CLIMB_DEPS and a != t:
            break
    return False
