"""Who a deployment is about and which verb tells it, from the parse: the military noun a country
word stands with ("German troops", "troops from Spain", "a battalion led by Germany"), the
deployment cue a subject governs ("plans to send", "has joined, sending"), and the predicate of a
force noun (the verb it is subject or object of, a participle on it, "with" a flying detachment).
"""

from __future__ import annotations

from functools import cache

from core import refdata
from core.syntax import Parse
from core.tables.deploy_reading import BASE_WORDS, Reading, conj_root, is_military
from core.tables.deploy_status import verb_classes

_MODIFIER = frozenset({"amod", "compound", "poss", "nmod", "nummod"})
_PARTITIVE = frozenset({"most", "some", "many", "all", "part", "half", "several"})
#: Verbs of a deployment's phase whose object names it ("began the deployment of a brigade in X").
ASPECT_VERBS = frozenset({"began", "begun", "begin", "begins", "beginning", "started", "start", "starts", "starting",
                          "launched", "launch", "launches", "completed", "complete", "completes"})
_NOMINAL_CLASSES = frozenset({"noun", "station", "move"})  # "deployment", "stationing", "sending"


def noun_for(r: Reading, t: int) -> int | None:
    """The military noun a country token stands with: the noun it modifies, the noun whose
    "from"/"of" object it is, the noun a "led by" participle modifies, or the "of" object of the
    deployment the country is the subject of beginning ("Germany began the deployment of a brigade")."""
    p = r.parse
    root = conj_root(p, t)
    dep, head = p.deps[root], p.heads[root]
    m = r.countries[t]
    if dep == "compound" and m.kind == "country" and not (m.raw.isupper() or "." in m.raw):
        return None  # "its Lithuania brigade", "Multinational Brigade Latvia" name where, not whose
    if dep in _MODIFIER:
        for _ in range(3):
            if is_military(r, head):
                while p.deps[head] in ("compound", "nummod") and p.heads[head] != head:
                    head = p.heads[head]  # "Norwegian NASAMS air-defence unit" -> unit
                return head
            if p.deps[head] not in ("compound", "amod", "nmod", "nummod") or p.heads[head] == head:
                break
            head = p.heads[head]
        return None
    if dep == "pobj" and p.lower(head) in ("from", "of") and p.heads[head] in r.units:
        return p.heads[head]
    if dep == "pobj" and p.lower(head) == "from" and head - 1 in r.units and head - 1 in p.subtree(p.heads[head]):
        return head - 1  # "protected by Rafale jets from France": the parser hung "from" on the verb
    if dep == "nsubj" and m.kind == "country" and p.lower(head) in ASPECT_VERBS:  # "X began the deployment of
        return next((x for o in p.objects(head) if r.cues.get(o) in _NOMINAL_CLASSES  # a brigade in Y"
                     for _, x in p.prep_objects(o, ("of",)) if is_military(r, x)), None)
    if dep == "pobj" and p.deps[head] == "agent" and p.deps[p.heads[head]] == "acl":
        noun = p.heads[p.heads[head]]
        return noun if is_military(r, noun) else None
    return None


def cue_below(r: Reading, verb: int) -> tuple[int, str] | None:
    """The deployment cue at `verb` or in the clauses it governs with the same subject
    ("plans to send", "has joined, sending", "committed to setting up")."""
    p = r.parse
    stack, seen = [verb], set()
    while stack:
        i = stack.pop(0)
        if i in seen:
            continue
        seen.add(i)
        cls = r.cues.get(i)
        if (cls == "join" and not any(is_military(r, t) for t in p.objects(i) + p.subjects(i))) or (
                cls == "lead" and not any(is_military(r, t) for t in p.objects(i))):
            cls = None  # "joined NATO, sending 150 soldiers", "troops deployed in X contribute to deterrence"
        if cls and cls != "noun":
            return i, cls
        if verb_classes().get(p.lower(i)) in ("keep", "retain"):
            if any(is_military(r, o) for o in p.objects(i)):
                return i, verb_classes()[p.lower(i)]
            if any(p.lower(o) in BASE_WORDS for o in p.objects(i)):
                return i, "station"  # "has its main base at"
        for c in p.children[i]:
            if p.deps[c] in ("xcomp", "advcl", "pcomp", "conj") and not _own_subject(r, c):
                stack.append(c)
            elif p.deps[c] == "prep":
                stack.extend(p.children_with(c, ("pcomp",)))
    return None


def _own_subject(r: Reading, clause: int) -> bool:
    """Whether a governed clause has a subject of its own, another party's ("comes after Norway sent");
    a bare military noun in an adverbial clause is the same force told again ("while troops deployed
    in Lithuania contribute")."""
    p = r.parse
    subjects = p.children_with(clause, ("nsubj", "nsubjpass"))
    if p.deps[clause] == "advcl" and subjects and all(
            is_military(r, s) and not any(t in r.countries for t in p.subtree(s)) for s in subjects):
        return False
    return bool(subjects)


COPULAS = frozenset({"is", "are", "was", "were"})
#: Words by which a unit takes in the forces named as their objects ("including troops from X").
INCLUDING = frozenset({"include", "includes", "included", "including", "comprise", "comprises", "comprising",
                       "incorporates", "incorporating"})


def including_unit(r: Reading, noun: int) -> int | None:
    """The unit a force noun is part of ("the battlegroup at Rukla, ... including troops from Norway",
    "the battlegroup, which also includes French soldiers"): its place and status are theirs."""
    p = r.parse
    i = conj_root(p, noun)
    if p.deps[i] not in ("pobj", "dobj") or p.lower(p.heads[i]) not in INCLUDING:
        return None
    t, unit = p.heads[i], -1
    for _ in range(4):  # "led by Germany and including troops from ...": up to the clause on the unit
        if p.deps[t] in ("acl", "relcl") or (p.deps[t] == "prep" and is_military(r, p.heads[t])):
            unit = p.heads[t]
            break
        if p.deps[t] not in ("conj", "agent", "prep") or p.heads[t] == t:
            unit = next(iter(p.children_with(t, ("nsubj",))), -1)  # "The battlegroup includes troops from X"
            break
        t = p.heads[t]
    for u in [unit, *p.ancestors(unit)[:4]] if unit >= 0 else []:  # "the battalion based at Tapa, which
        if u != noun and is_military(r, u):  # includes ...": the parser may hang the clause on the place
            return u
    return None


def predicate(r: Reading, noun: int) -> tuple[int | None, str | None]:
    """The predicate of a force noun: the verb it is subject or object of, or a participle on it."""
    p = r.parse
    i = conj_root(p, noun)
    while p.deps[i] == "pobj" and p.lower(p.heads[i]) == "of" and p.heads[p.heads[i]] != p.heads[i]:
        i = conj_root(p, p.heads[p.heads[i]])  # "elements of the unit served", "a company of soldiers"
    if p.deps[i] == "pobj" and p.lower(p.heads[i]) in ("with", "alongside"):  # "serve alongside Canadian troops"
        for t in p.ancestors(p.heads[i])[:3]:  # "flying from Šiauliai since 30 July with eight Typhoons"
            if r.cues.get(t) not in (None, "noun"):
                return t, r.cues[t]
            if p.deps[t] not in ("pobj", "prep"):
                break
    if p.deps[i] == "pobj" and p.deps[p.heads[i]] == "agent":  # "is guarded by Italian jets"
        i = p.heads[p.heads[i]]
        return (i, r.cues[i]) if r.cues.get(i) not in (None, "noun") else (None, None)
    if p.deps[i] in ("nsubj", "nsubjpass", "dobj"):
        found = cue_below(r, p.heads[i])
        if found and found[1] == "keep" and p.deps[i] == "dobj" and any(
                s in r.countries and r.countries[s].kind == "country" for s in p.subjects(found[0])):
            return found[0], "host"  # "Lithuania has a German-led battlegroup": the country has it as host
        if found:
            return found
    if p.deps[i] == "dobj" and r.cues.get(i) in _NOMINAL_CLASSES and p.lower(p.heads[i]) in ASPECT_VERBS:
        return p.heads[i], "move"  # "started the stationing of a brigade": current, "will start": planned
    if p.deps[i] == "pobj" and r.cues.get(p.heads[p.heads[i]]) == "station":  # "Tapa, home to the battlegroup"
        return p.heads[p.heads[i]], "station"
    if p.deps[i] in ("attr", "nsubj") and p.lower(p.heads[i]) in COPULAS:  # "Also stationed at X is a brigade"
        copula = p.heads[i]
        around = [*p.children_with(copula, ("advcl", "csubj", "acomp")),
                  *([p.heads[copula]] if p.deps[copula] in ("aux", "auxpass") else [])]
        for c in around:
            if r.cues.get(c) not in (None, "noun"):
                return c, r.cues[c]
    counted = [o for _, o in p.prep_objects(noun, ("of",))]  # "a unit of 80 people, which will be based at"
    for c in [c for n in (noun, *counted) for c in p.children_with(n, ("acl", "relcl"))]:
        if r.cues.get(c) not in (None, "noun"):
            return c, r.cues[c]
    for c, cls in r.cues.items():  # "a detachment of 170 personnel, most of them from X, that has been stationed
        if c > noun and p.deps[c] == "relcl" and p.lower(p.heads[c]) in _PARTITIVE and cls != "noun" and any(
                p.lower(s) in ("that", "which") for s in p.children_with(c, ("nsubj", "nsubjpass"))):
            return c, cls  # at": the parser hangs the clause on the partitive, it tells of the noun
    return None, None


@cache
def _equipment() -> frozenset[str]:
    return frozenset(r["noun"].lower() for r in refdata.rows("vocab/military_nouns.csv") if r.get("equipment") == "1")


@cache
def aid_recipients() -> frozenset[str]:
    """Countries equipment is sent to as aid (`data/vocab/aid_recipients.csv`)."""
    return frozenset(r["code"] for r in refdata.rows("vocab/aid_recipients.csv"))


def equipment_only(r: Reading, nouns: list[int]) -> bool:
    """Whether the force is told only by weapons and platforms ("sent tanks", "Patriot batteries"),
    with no people or unit among them: sent to an aid recipient, that is aid, not a deployment."""
    p = r.parse
    told = [n for n in nouns if is_military(r, n)]
    return bool(told) and all(p.lower(n) in _equipment() or any(
        p.lower(c) in _equipment() for c in p.children_with(n, ("compound",))) for n in told)


def subjects_up(p: Parse, verb: int) -> list[int]:
    """The subjects of a predicate, or of the verb it is governed by ("is preparing to host")."""
    for i in (verb, *p.ancestors(verb)[:2]):
        subjects = p.subjects(i)
        if subjects:
            return subjects
    return []
