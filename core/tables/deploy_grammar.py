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

from dataclasses import dataclass, replace

from core.annotate import AnnotatedSentence
from core.records import Mention
from core.tables.deploy_anaphora import (
    PRONOUNS,
    names_owner,
    pronoun_force,
    reported_by,
    size_claims,
    size_subject,
)
from core.tables.deploy_operators import operated_places
from core.tables.deploy_reading import (
    ANAPHOR_DETS,
    HOST_SPACE,
    Places,
    Reading,
    conj_root,
    figure,
    is_military,
    reading,
)
from core.tables.deploy_refs import DeployRefs
from core.tables.deploy_roles import (
    aid_recipients,
    cue_below,
    equipment_only,
    including_unit,
    noun_for,
    predicate,
    subjects_up,
)
from core.tables.deploy_status import status_of

#: An indefinite article also points back when the force was just named ("a large contingent").
_PART_DETS = frozenset({"a", "an"})
_MODIFIER = frozenset({"amod", "compound", "poss", "nmod"})
#: Nouns that stand for their country as the subject of a decision ("the Czech government decided").
_GOVERNMENT = frozenset({"government", "cabinet", "ministry", "parliament", "administration", "leadership"})
_COUNTRY_WORDS = frozenset({"country", "nation", "it", "state"})


@dataclass(frozen=True)
class Claim:
    """One deployment told by a sentence: a force in a host, at zero or more sites."""

    force: str
    host: str
    sites: tuple[Mention, ...]
    personnel: int | None
    status: str
    figure_only: bool = False  # a later figure for a force already placed: it never changes the status
    whole: bool = False  # the figure is the whole force's, its single site holds part ("most of them at X")


def read_claims(sentence: AnnotatedSentence, refs: DeployRefs) -> list[Claim]:
    """The deployments a parsed sentence tells, force by force."""
    r = reading(sentence)
    p = r.parse
    claims: list[Claim] = []
    used: set[int] = set()
    for t, m in sorted(r.countries.items()):
        code = m.value.code
        noun = noun_for(r, t)
        root = conj_root(p, t)
        if noun is None and (m.kind == "force" or (m.kind == "demonym" and p.deps[root] != "amod")) and \
                p.deps[root] in ("nsubj", "nsubjpass", "dobj"):
            noun = t  # the service or its people: "the Luftwaffe", "The Germans took over"
        found: list[Claim] = []
        if m.kind == "force":
            refs.note_force(code, sentence.index)  # a service names its force wherever it stands
        if noun is not None:
            used.add(noun)
            refs.note_force(code, sentence.index)
            unit = including_unit(r, noun)
            found = _noun_claims(r, sentence, refs, code, noun) if unit is None else [
                replace(c, personnel=figure(r, sentence, [noun]))
                for c in _noun_claims(r, sentence, refs, code, unit)]  # troops a unit includes are where it is
        elif (places := operated_places(r, refs, code, t)) is not None:  # "a camp run by Denmark"
            found = _claims(code, places, None, "current")
        elif p.deps[root] == "nsubj" and m.kind == "country" and not m.possessive:
            found = _subject_claims(r, sentence, refs, code, p.heads[root])
        elif p.deps[root] in _MODIFIER and p.lower(p.heads[root]) in _GOVERNMENT and \
                p.deps[p.heads[root]] == "nsubj":  # "the Czech government decided to send"
            found = _subject_claims(r, sentence, refs, code, p.heads[p.heads[root]])
        for clause in p.children_with(root, ("relcl",)):  # "Canada, which leads the brigade in Latvia"
            if any(p.lower(s) in ("which", "who", "that") for s in p.children_with(clause, ("nsubj",))):
                found += _subject_claims(r, sentence, refs, code, clause)
        _note(refs, found, sentence.index)  # "the unit", "the base" later in the sentence
        claims += found
    _note_open_task(r, refs)
    refs.recalled = True
    try:
        return claims + _anaphoric_claims(r, sentence, refs, used)
    finally:
        refs.recalled = False


def _note_open_task(r: Reading, refs: DeployRefs) -> None:
    """"Slovakia's airspace is being guarded by its allies": a task in Slovakia whose forces a later
    sentence may name ("Poland and Hungary have taken turns with the task")."""
    p = r.parse
    for verb, cls in r.cues.items():
        if cls != "guard":
            continue
        for s in p.children_with(verb, ("nsubjpass",)):
            owners = [r.countries[c].value.code for c in p.children_with(s, ("poss", "amod", "compound"))
                      if c in r.countries]
            if owners and p.lower(s) in HOST_SPACE:
                refs.task_host = owners[0]


def _note(refs: DeployRefs, claims: list[Claim], index: int) -> None:
    for claim in claims:
        refs.note_row(claim.force, claim.host, claim.sites[-1] if claim.sites else None, index, claim.status)


def _anaphoric_claims(r: Reading, sentence: AnnotatedSentence, refs: DeployRefs, used: set[int]) -> list[Claim]:
    """"The unit", "its frigate", "they": the force last named (for a pronoun subject, else the recent
    subject country), where a deployment verb binds it."""
    p = r.parse
    force = refs.force(sentence.index)
    who = pronoun_force(refs, sentence.index)
    if who is None:
        return []
    out: list[Claim] = []
    done: set[int] = set()
    for i in range(len(p)):
        if i in used:
            continue
        verb = size_subject(p, i)
        if verb is not None:
            out += size_claims(r, sentence, refs, force, i, verb) if force else []
            continue
        if p.lower(i) in PRONOUNS and p.deps[i] in ("nsubj", "nsubjpass"):
            if not any(s in r.countries for s in p.subjects(p.heads[i])):
                speaker = reported_by(r, p.heads[i])  # "Finland said it would send": Finland
                out += _subject_claims(r, sentence, refs, speaker or who, p.heads[i], stays=speaker is None)
            continue
        if force is None or not is_military(r, i):
            continue
        head = i
        while p.deps[head] in ("compound", "amod") and p.heads[head] != head:
            head = p.heads[head]  # "its frigate HNLMS Tromp"
        if head in done or head in used or names_owner(r, head, i):
            continue
        done.add(head)
        dets = {p.lower(c) for c in p.children_with(head, ("det", "poss"))}
        if dets & ANAPHOR_DETS:
            refs.note_force(force, sentence.index)  # "The unit, known in German as ...": still this force
        verb, _ = predicate(r, head)
        if verb is None or not dets & (ANAPHOR_DETS | _PART_DETS):
            continue
        if any(s in r.countries for s in p.subjects(verb)):
            continue  # "Germany sent the troops": the subject is the force
        out += _noun_claims(r, sentence, refs, force, head)
    return out


def _noun_claims(r: Reading, sentence: AnnotatedSentence, refs: DeployRefs, force: str, noun: int) -> list[Claim]:
    p = r.parse
    verb, cls = predicate(r, noun)
    status = status_of(p, verb, cls)
    if status is None:
        return []
    if status == "planned" and p.deps[conj_root(p, noun)] == "pobj" and p.lower(p.heads[conj_root(p, noun)]) == \
            "alongside":
        status = "current"  # "will serve alongside Canadian troops at Ādaži": those are there already
    counted = [o for _, o in p.prep_objects(noun, ("of",))]  # "a unit of 60 people, which will be based at X"
    starts = [noun, *counted, *p.children_with(noun, ("acl",)),
              *(c for n in (noun, *counted) for c in p.children_with(n, ("relcl",)) if c in r.cues)]
    if verb is None:
        places = Places(r, refs, force, None).attached(starts)
        return _claims(force, places, figure(r, sentence, [noun]), status)
    objects = [o for o in p.objects(verb) if conj_root(p, o) != conj_root(p, noun)]
    places = _around(r, refs, force, verb, cls, [*starts, verb, *objects], objects)
    if cls == "host":
        places.hosts, places.sites = _host_subjects(r, refs, subjects_up(p, verb), places.sites)
    counted = [noun] + ([o for o in objects if is_military(r, o)] if p.deps[conj_root(p, noun)] == "nsubj" else [])
    if equipment_only(r, counted):
        places.hosts = [h for h in places.hosts if h not in aid_recipients()]  # "German tanks sent to Ukraine": aid
    return _claims(force, places, figure(r, sentence, counted), status) + _counterparts(r, verb, cls, places)


def _subject_claims(r: Reading, sentence: AnnotatedSentence, refs: DeployRefs, force: str, head: int,
                    stays: bool = False) -> list[Claim]:
    """A country (or "they") as the subject of a deployment verb: "Paris is sending three jets". With
    `stays` (a pronoun subject), a predicate that names no place is about the force's own last host
    ("They were withdrawn in June")."""
    p = r.parse
    found = cue_below(r, head)
    if found is None or found[1] == "host":
        return []
    verb, cls = found
    objects = [o for o in p.objects(verb) if o not in r.tails]
    military = [o for o in objects if is_military(r, o) or any(  # "is sending a team of divers"
        is_military(r, x) for _, x in p.prep_objects(o, ("of",)))]
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
    acl = [c for o in objects for c in p.children_with(o, ("acl",))]  # "led the battlegroup stationed at"
    places = _around(r, refs, force, verb, cls, [verb, *objects, *acl], objects)
    if stays and not places.hosts and not places.sites and refs.hosts.get(force):
        places.hosts.append(refs.hosts[force])  # "They were withdrawn in February": from where they were
        site = refs.site(force)
        if site is not None and site.value.code == refs.hosts[force]:
            places.add_site(site)
    counted = military + [o for _, o in p.prep_objects(verb, ("with",)) if is_military(r, o)]
    if equipment_only(r, counted):
        places.hosts = [h for h in places.hosts if h not in aid_recipients()]  # "Germany sent tanks to Ukraine": aid
    return _claims(force, places, figure(r, sentence, counted), status) + _counterparts(r, verb, cls, places)


def _around(r: Reading, refs: DeployRefs, force: str, verb: int, cls: str | None, starts: list[int],
            objects: list[int]) -> Places:
    """The places of a predicate: its attachments, a guarding verb's objects, and the places of
    a guarding purpose clause ("sending three jets to guard Polish skies")."""
    p = r.parse
    places = Places(r, refs, force, cls).attached(starts)
    if cls in ("guard", "end"):
        places.objects(objects or p.children_with(verb, ("nsubjpass",)))  # "protecting the airport at X", "left
        # Afghanistan", and in the passive, its subject: "Estonian skies are guarded by Italian jets"
    purposes = [c for c in p.children_with(verb, ("xcomp", "advcl"))]
    purposes += [d for c in purposes for d in p.children_with(c, ("xcomp",))]  # "to help protect"
    for c in purposes:
        if r.cues.get(c) == "guard":
            guard = Places(r, refs, force, "guard").attached([c]).objects(p.objects(c))
            places.hosts += guard.hosts
            for site in guard.sites:
                places.add_site(site)
    if not places.hosts and not places.sites:  # "went home ... after flying 200 sorties from the base"
        for c in (c for q in p.children_with(verb, ("prep",)) for c in p.children_with(q, ("pcomp",))):
            if r.cues.get(c) not in (None, "noun") and not p.children_with(c, ("nsubj", "nsubjpass")):
                found = Places(r, refs, force, r.cues[c]).attached([c])
                places.hosts += found.hosts
                for site in found.sites:
                    places.add_site(site)
    return places


def _counterparts(r: Reading, verb: int | None, cls: str | None, places: Places) -> list[Claim]:
    """The other side of a hand-over: "handed ... over to Italy" (current), "took over ... from the
    Portuguese Air Force" (ended)."""
    if cls not in ("handover", "takeover") or verb is None:
        return []
    prep, status = ("to", "current") if cls == "handover" else ("from", "ended")
    out: list[Claim] = []
    p = r.parse
    preps = [q for i in (verb, *p.objects(verb)) for q in p.children_with(i, ("prep", "dative"))]
    preps += [q for o in preps if p.lower(o) == "over" for q in p.children_with(o, ("prep",))]  # "over to Italy"
    for o in (o for q in preps if p.lower(q) == prep for o in p.children_with(q, ("pobj",))):
        if o in r.countries:
            out += _claims(r.countries[o].value.code, places, None, status)
    return out


def _host_subjects(r: Reading, refs: DeployRefs, subjects: list[int], sites: list[Mention]
                   ) -> tuple[list[str], list[Mention]]:
    """The host of "X hosts ... troops": a country, a site ("Mihail Kogălniceanu ... also hosts"),
    or "the country"/"it", the country last named."""
    p = r.parse
    hosts = [r.countries[s].value.code for s in subjects if s in r.countries]
    named = [r.places[s] for s in subjects if s in r.places]
    if named:
        return hosts + [s.value.code for s in named], [*sites, *named]
    if not hosts and refs.country() and any(p.lower(s) in _COUNTRY_WORDS for s in subjects):
        hosts = [refs.country()]
    return hosts, sites


def _claims(force: str, places: Places, personnel: int | None, status: str) -> list[Claim]:
    """One claim per host other than the force's own country, with the sites in that host."""
    out = []
    for host in dict.fromkeys([*places.hosts, *(s.value.code for s in places.sites)]):
        if host and host != force:
            sites = tuple(s for s in places.sites if s.value.code == host)
            out.append(Claim(force, host, sites, personnel, status, whole=places.whole_elsewhere))
    return out
