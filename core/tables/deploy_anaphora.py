"""Deployments told without naming their force: "The battalion now numbers 1,100 soldiers", "Its
contingent numbers about 1,000 troops", "It will send 300 troops", "They were withdrawn in June".

The force is the one last named (`DeployRefs.force`), or for a pronoun subject the country the
shared discourse memory (`core.discourse`) holds as the recent subject; the host of a figure or
of a predicate that names no place is the force's last host.
"""

from __future__ import annotations

from core.annotate import AnnotatedSentence
from core.syntax import Parse
from core.tables.deploy_reading import ANAPHOR_DETS, Reading, figure, is_military
from core.tables.deploy_refs import DeployRefs
from core.tables.deploy_status import status_of, verb_classes

PRONOUNS = frozenset({"they", "it", "these"})


def size_subject(p: Parse, i: int) -> int | None:
    """The verb of which `i` is the size subject ("the unit would grow to", "it numbers"), also where
    the parser took "Its contingent numbers" for one noun phrase (a compound on a size word that
    has an object, or a counted noun after "around"/"about", and no subject)."""
    head = p.heads[i]
    if p.deps[i] in ("nsubj", "nsubjpass"):  # "it is meant to number", "the unit is expected to grow to"
        head = next((c for c in p.children_with(head, ("xcomp",)) if verb_classes().get(p.lower(c)) == "size"), head)
        if head != p.heads[i]:
            return head
    if head == i or verb_classes().get(p.lower(head)) != "size":
        return None
    if p.deps[i] == "nsubj" or (p.deps[i] == "nsubjpass" and p.children_with(head, ("agent",))):
        return head  # "it numbers 900 soldiers", "the detachment is formed by 150 troops"
    counted = p.objects(head) or [o for _, o in p.prep_objects(head) if p.children_with(o, ("nummod",))]
    if p.deps[i] == "compound" and counted and not p.children_with(head, ("nsubj", "nsubjpass")):
        return head  # "Its contingent numbers 1,000 troops", "The detachment numbers around 150 personnel"
    return None


def size_claims(r: Reading, sentence: AnnotatedSentence, refs: DeployRefs, force: str, subject: int,
                verb: int) -> list:
    """"The unit would grow to 1,500 troops", "it numbers 4,800 soldiers": a figure for the force
    last named, on the row of its last host and site."""
    from core.tables.deploy_grammar import Claim

    p = r.parse
    dets = {p.lower(c) for c in p.children_with(subject, ("det", "poss"))}
    if p.deps[subject] == "compound":
        dets |= {p.lower(c) for c in p.children_with(verb, ("det", "poss"))}
    host = refs.host(force)
    if host is None or not (p.lower(subject) in PRONOUNS or (is_military(r, subject) and dets & ANAPHOR_DETS)):
        return []
    personnel = figure(r, sentence, [*p.objects(verb), *(o for _, o in p.prep_objects(verb))])  # "grow to", "around"
    site = refs.site(force)
    status = status_of(p, verb, "remain")
    if personnel is None or status is None:
        return []
    return [Claim(force, host, (site,) if site is not None and site.value.code == host else (), personnel, status,
                  figure_only=True)]


def pronoun_force(refs: DeployRefs, index: int) -> str | None:
    """The force "they"/"it" stands for: for a sentence opening with it, the force last named before
    the sentence; else the force last named, else the recent subject country."""
    return refs.opening or refs.force(index) or refs.subject


def reported_by(r: Reading, verb: int) -> str | None:
    """The country whose statement a pronoun's clause reports ("The Finnish government said it would
    send", "Denmark announced that it will deploy"): the country in the subject of the verb the
    clause complements, which "it" then stands for."""
    p = r.parse
    if p.deps[verb] != "ccomp" or p.heads[verb] == verb:
        return None
    for s in p.subjects(p.heads[verb]):
        for t in p.subtree(s):
            if t in r.countries and (t == s or p.deps[t] in ("poss", "compound", "amod", "nmod")):
                return r.countries[t].value.code
    return None


def names_owner(r: Reading, head: int, noun: int) -> bool:
    """Whether a noun phrase names whose it is itself: a country inside it, a possessor
    ("NATO's battlegroup") or a name before the noun ("the NATO battlegroup")."""
    p = r.parse
    if any(t in r.countries for t in p.subtree(head)):
        return True
    for c in p.children_with(head, ("poss", "compound", "nmod")):
        if p.words[c][:1].isupper() and p.lower(c) not in ANAPHOR_DETS and (p.deps[c] == "poss" or c < noun):
            return True
    return False
