"""Deployments read from the dependency parse of a sentence.

The force is a country word modifying a military noun ("German troops", "Norway's F-35s",
"troops from Spain and Italy", "a battalion led by Germany"), a service ("the Luftwaffe"), or
a country that is the subject of a deployment verb ("France is sending", "Portugal has 400
troops in"); its predicate is the verb the noun is subject or object of, or the participle
that modifies it ("forces stationed in Poland"). The host and site come only from the
locative attachments of that noun and predicate ("in/to/at/into/near/across/from X"), never
from another clause; the subject of "hosts" is the host. "The unit", "its battlegroup",
"they" take the force last named, "the base" its last site (`DeployRefs`).
"""

from __future__ import annotations

from dataclasses import dataclass

from core.annotate import AnnotatedSentence
from core.records import Mention
from core.syntax import Parse
from core.tables.deploy_reading import ANAPHOR_DETS, Places, Reading, conj_root, figure, is_military, reading
from core.tables.deploy_refs import DeployRefs
from core.tables.deploy_status import status_of, verb_classes

#: An indefinite article also points back when the force was just named ("a large contingent").
_PART_DETS = frozenset({"a", "an"})
_PRONOUNS = frozenset({"they", "it"})
_MODIFIER = frozenset({"amod", "compound", "poss", "nmod", "nummod"})


@dataclass(frozen=True)
class Claim:
    """One deployment told by a sentence: a force in a host, at zero or more sites."""

    force: str
    host: str
    sites: tuple[Mention, ...]
    personnel: int | None
    status: str


def _noun_for(r: Reading, t: int) -> int | None:
    """The military noun a country token stands with: the noun it modifies, the noun whose
    "from"/"of" object it is, or the noun a "led by" participle modifies."""
    p = r.parse
    root = conj_root(p, t)
    dep, head = p.deps[root], p.heads[root]
    if dep in _MODIFIER:
        for _ in range(3):
            if is_military(r, head):
                while p.deps[head] == "compound" and p.heads[head] != head:
                    head = p.heads[head]  # "Norwegian NASAMS air-defence unit" -> unit
                return head
            if p.deps[head] not in ("compound", "amod", "nmod") or p.heads[head] == head:
                break
            head = p.heads[head]
        return None
    if dep == "pobj" and p.lower(head) in ("from", "of") and is_military(r, p.heads[head]):
        return p.heads[head]
    if dep == "pobj" and p.deps[head] == "agent" and p.deps[p.heads[head]] == "acl":
        noun = p.heads[p.heads[head]]
        return noun if is_military(r, noun) else None
    return None


def _cue_below(r: Reading, verb: int) -> tuple[int, str] | None:
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
        if cls and cls != "noun":
            return i, cls
        if verb_classes().get(p.lower(i)) in ("keep", "retain") and any(is_military(r, o) for o in p.objects(i)):
            return i, verb_classes()[p.lower(i)]
        for c in p.children[i]:
            if p.deps[c] in ("xcomp", "advcl", "pcomp") or (p.deps[c] == "conj" and not p.children_with(
                    c, ("nsubj", "nsubjpass"))):
                stack.append(c)
            elif p.deps[c] == "prep":
                stack.extend(p.children_with(c, ("pcomp",)))
    return None


def _predicate(r: Reading, noun: int) -> tuple[int | None, str | None]:
    """The predicate of a force noun: the verb it is subject or object of, or a participle on it."""
    p = r.parse
    i = conj_root(p, noun)
    while p.deps[i] == "pobj" and p.lower(p.heads[i]) == "of" and p.heads[p.heads[i]] != p.heads[i]:
        i = conj_root(p, p.heads[p.heads[i]])  # "elements of the unit served", "a company of soldiers"
    if p.deps[i] == "pobj" and p.lower(p.heads[i]) == "with":
        i = p.heads[i]  # "flying from Šiauliai with eight Spanish Typhoons"
        if r.cues.get(p.heads[i]) not in (None, "noun"):
            return p.heads[i], r.cues[p.heads[i]]
    if p.deps[i] in ("nsubj", "nsubjpass", "dobj"):
        found = _cue_below(r, p.heads[i])
        if found:
            return found
    for c in p.children_with(noun, ("acl", "relcl")):
        if r.cues.get(c) not in (None, "noun"):
            return c, r.cues[c]
    return None, None


def read_claims(sentence: AnnotatedSentence, refs: DeployRefs) -> list[Claim]:
    """The deployments a parsed sentence tells, force by force."""
    r = reading(sentence)
    p = r.parse
    claims: list[Claim] = []
    used: set[int] = set()
    for t, m in sorted(r.countries.items()):
        code = m.value.code
        noun = _noun_for(r, t)
        root = conj_root(p, t)
        if noun is None and (m.kind == "force" or (m.kind == "demonym" and p.deps[root] != "amod")) and \
                p.deps[root] in ("nsubj", "nsubjpass", "dobj"):
            noun = t  # the service or its people: "the Luftwaffe", "The Germans took over"
        if noun is not None:
            used.add(noun)
            refs.note_force(code, sentence.index)
            claims += _noun_claims(r, sentence, refs, code, noun)
        elif p.deps[root] == "nsubj" and m.kind == "country" and not m.possessive:
            claims += _subject_claims(r, sentence, refs, code, p.heads[root])
    for claim in claims:  # "the unit" later in the sentence is the force just placed
        refs.note_row(claim.force, claim.host, claim.sites[-1] if claim.sites else None, sentence.index, claim.status)
    claims += _anaphoric_claims(r, sentence, refs, used)
    return claims


def _anaphoric_claims(r: Reading, sentence: AnnotatedSentence, refs: DeployRefs, used: set[int]) -> list[Claim]:
    """"The unit", "its frigate", "they": the force last named, where a deployment verb binds it."""
    p = r.parse
    force = refs.force(sentence.index)
    if force is None:
        return []
    out: list[Claim] = []
    done: set[int] = set()
    for i in range(len(p)):
        if i in used:
            continue
        if p.deps[i] == "nsubj" and verb_classes().get(p.lower(p.heads[i])) == "size":
            out += _size_claims(r, sentence, refs, force, i)
            continue
        if p.lower(i) in _PRONOUNS and p.deps[i] in ("nsubj", "nsubjpass"):
            if not any(s in r.countries for s in p.subjects(p.heads[i])):
                out += _subject_claims(r, sentence, refs, force, p.heads[i])
            continue
        if not is_military(r, i) or p.deps[i] == "amod":
            continue
        head = i
        while p.deps[head] == "compound" and p.heads[head] != head:
            head = p.heads[head]  # "its frigate HNLMS Tromp"
        if head in done or head in used or _names_owner(r, head, i):
            continue
        done.add(head)
        dets = {p.lower(c) for c in p.children_with(head, ("det", "poss"))}
        verb, _ = _predicate(r, head)
        if verb is None or not dets & (ANAPHOR_DETS | _PART_DETS):
            continue
        if any(s in r.countries for s in p.subjects(verb)):
            continue  # "Germany sent the troops": the subject is the force
        out += _noun_claims(r, sentence, refs, force, head)
    return out


def _size_claims(r: Reading, sentence: AnnotatedSentence, refs: DeployRefs, force: str, subject: int
                 ) -> list[Claim]:
    """"The unit would grow to 1,500 troops", "it numbers 4,800 soldiers": a figure for the force
    last named, on the row of its last host and site."""
    p = r.parse
    dets = {p.lower(c) for c in p.children_with(subject, ("det", "poss"))}
    host = refs.host(force)
    if host is None or not (p.lower(subject) in _PRONOUNS or (is_military(r, subject) and dets & ANAPHOR_DETS)):
        return []
    verb = p.heads[subject]
    personnel = figure(r, sentence, [*p.objects(verb), *(o for _, o in p.prep_objects(verb, ("to",)))])
    site = refs.site(force)
    status = status_of(p, verb, "remain")
    if personnel is None or status is None:
        return []
    return [Claim(force, host, (site,) if site is not None and site.value.code == host else (), personnel, status)]


def _names_owner(r: Reading, head: int, noun: int) -> bool:
    """Whether a noun phrase names whose it is itself: a country inside it, a possessor
    ("NATO's battlegroup") or a name before the noun ("the NATO battlegroup")."""
    p = r.parse
    if any(t in r.countries for t in p.subtree(head)):
        return True
    for c in p.children_with(head, ("poss", "compound", "nmod")):
        if p.words[c][:1].isupper() and (p.deps[c] == "poss" or c < noun):
            return True
    return False


def _noun_claims(r: Reading, sentence: AnnotatedSentence, refs: DeployRefs, force: str, noun: int) -> list[Claim]:
    p = r.parse
    verb, cls = _predicate(r, noun)
    status = status_of(p, verb, cls)
    if status is None:
        return []
    starts = [noun, *p.children_with(noun, ("acl",))]
    if verb is None:
        places = Places(r, refs, force, None).attached(starts)
        return _claims(force, places, figure(r, sentence, [noun]), status)
    objects = [o for o in p.objects(verb) if conj_root(p, o) != conj_root(p, noun)]
    places = _around(r, refs, force, verb, cls, [*starts, verb, *objects], objects)
    if cls == "host":
        subjects = _subjects_up(p, verb)
        places.hosts = [r.countries[s].value.code for s in subjects if s in r.countries] or \
            ([refs.country()] if refs.country() and subjects else [])
    return _claims(force, places, figure(r, sentence, [noun]), status) + _counterparts(r, verb, cls, places)


def _subject_claims(r: Reading, sentence: AnnotatedSentence, refs: DeployRefs, force: str, head: int) -> list[Claim]:
    """A country (or "they") as the subject of a deployment verb: "Paris is sending three jets"."""
    p = r.parse
    found = _cue_below(r, head)
    if found is None or found[1] == "host":
        return []
    verb, cls = found
    objects = p.objects(verb)
    military = [o for o in objects if is_military(r, o)]
    if cls in ("lead", "keep", "retain", "establish") and not military:
        return []
    if cls in ("station", "end", "move", "remain", "fly") and objects and not military:
        return []
    if cls in ("handover", "takeover") and not any(o in r.military for o in objects):
        return []
    status = status_of(p, verb, cls)
    if status is None:
        return []
    refs.note_force(force, sentence.index)
    places = _around(r, refs, force, verb, cls, [verb, *objects], objects)
    counted = military + [o for _, o in p.prep_objects(verb, ("with",)) if is_military(r, o)]
    return _claims(force, places, figure(r, sentence, counted), status) + _counterparts(r, verb, cls, places)


def _around(r: Reading, refs: DeployRefs, force: str, verb: int, cls: str | None, starts: list[int],
            objects: list[int]) -> Places:
    """The places of a predicate: its attachments, a guarding verb's objects, and the places of
    a guarding purpose clause ("sending three jets to guard Polish skies")."""
    p = r.parse
    places = Places(r, refs, force, cls).attached(starts)
    if cls == "guard":
        places.objects(objects)
    for c in p.children_with(verb, ("xcomp", "advcl")):
        if r.cues.get(c) == "guard":
            guard = Places(r, refs, force, "guard").attached([c]).objects(p.objects(c))
            places.hosts += guard.hosts
            places.sites += [s for s in guard.sites if s not in places.sites]
    return places


def _counterparts(r: Reading, verb: int | None, cls: str | None, places: Places) -> list[Claim]:
    """The other side of a hand-over: "handed ... over to Italy" (current), "took over ... from the
    Portuguese Air Force" (ended)."""
    if cls not in ("handover", "takeover") or verb is None:
        return []
    prep, status = ("to", "current") if cls == "handover" else ("from", "ended")
    out: list[Claim] = []
    p = r.parse
    for _, o in [x for i in (verb, *p.objects(verb)) for x in p.prep_objects(i, (prep,))]:
        if o in r.countries:
            out += _claims(r.countries[o].value.code, places, None, status)
    return out


def _subjects_up(p: Parse, verb: int) -> list[int]:
    """The subjects of a predicate, or of the verb it is governed by ("is preparing to host")."""
    for i in (verb, *p.ancestors(verb)[:2]):
        subjects = p.subjects(i)
        if subjects:
            return subjects
    return []


def _claims(force: str, places: Places, personnel: int | None, status: str) -> list[Claim]:
    """One claim per host other than the force's own country, with the sites in that host."""
    out = []
    for host in dict.fromkeys([*places.hosts, *(s.value.code for s in places.sites)]):
        if host and host != force:
            sites = tuple(s for s in places.sites if s.value.code == host)
            out.append(Claim(force, host, sites, personnel, status))
    return out
