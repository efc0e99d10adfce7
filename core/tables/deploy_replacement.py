"""Hand-overs told as a replacement of one force by another: "Dutch and Belgian airmen were relieved
by the Hungarian Air Force" (the replaced forces `ended`, the one replacing them `current`), or in the
active, "Italian jets replaced the Spanish detachment". Both sides must be forces (a military noun,
a service, a people: "the Spanish", or a noun a people qualifies: "Spanish and Portuguese
Allies"), so "old MiG-29s were replaced by F-16s" tells no hand-over.

The place is the sentence's own site or host country; else the base the sentence before told the
scene at ("The rotation changed hands at a ceremony at the Šiauliai air base. Dutch airmen were
relieved by ..."). A replacement still to come ("will be relieved by") leaves the replaced force
`current` and the newcomer `planned`; a negated or hypothetical one tells nothing.
"""

from __future__ import annotations

from core.annotate import AnnotatedSentence
from core.records import Mention
from core.syntax import Parse
from core.tables.deploy_grammar import Claim
from core.tables.deploy_reading import Reading, is_military, reading
from core.tables.deploy_status import status_of, verb_classes
from core.tables.places import is_dateline, place_mentions

#: The kinds of site a scene sentence can set for the next one: where forces are based.
SCENE_KINDS = frozenset({"air base", "naval base", "army base", "training area"})
_LOCATIVE = frozenset({"in", "at", "to", "into", "near"})


def scene_of(sentence: AnnotatedSentence) -> Mention | None:
    """The last base a sentence names (not its dateline): where a replacement told next takes place."""
    bases = [m for m in place_mentions(sentence)
             if m.value.kind in SCENE_KINDS and m.value.code and not is_dateline(sentence, m)]
    return bases[-1] if bases else None


def replacement_claims(sentence: AnnotatedSentence, scene: Mention | None) -> list[Claim]:
    """The hand-overs the replacement verbs of a parsed sentence tell (see the module docstring)."""
    if sentence.parse is None:
        return []
    r = reading(sentence)
    p = r.parse
    out: list[Claim] = []
    for v in range(len(p)):
        if verb_classes().get(p.lower(v)) != "replace":
            continue
        passive = bool(p.agents(v) or p.children_with(v, ("auxpass",)))
        gone, new = (p.subjects(v), p.agents(v)) if passive else (p.objects(v), p.subjects(v))
        gone_codes, new_codes = _forces(r, gone), _forces(r, new)
        status = status_of(p, v, "move")
        if not gone_codes or not new_codes or status is None:
            continue
        places = _places(r, v) or ([scene] if scene is not None else [])
        if not places:
            continue
        still = status == "planned"
        for codes, state in ((gone_codes, "current" if still else "ended"), (new_codes, status)):
            for code in codes:
                for host in dict.fromkeys(m.value.code for m in places):
                    if host and host != code:
                        sites = tuple(m for m in places if m.value.code == host and m.kind == "site")
                        out.append(Claim(code, host, sites, None, state))
    return out


def _forces(r: Reading, tokens: list[int]) -> list[str]:
    """Countries whose forces the phrases of `tokens` are: "Dutch and Belgian airmen", "the
    Hungarian Air Force", "the Spanish"; not a place inside them ("troops in Poland")."""
    p = r.parse
    codes: list[str] = []
    for t in tokens:
        people = any(c in r.countries and r.countries[c].kind in ("demonym", "force")  # "the Spanish",
                     for c in (t, *p.children_with(t, ("amod", "compound", "nmod"))))  # "Spanish Allies"
        if not (people or is_military(r, t) or any(r.countries[c].kind == "force" for c in p.subtree(t)
                                                   if c in r.countries)):
            continue
        for c in p.subtree(t):
            if c in r.countries and not _under_locative(p, c, t):
                codes.append(r.countries[c].value.code)
    return list(dict.fromkeys(code for code in codes if code))


def _under_locative(p: Parse, c: int, top: int) -> bool:
    while c != top and p.heads[c] != c:
        if p.deps[c] == "pobj" and p.lower(p.heads[c]) in _LOCATIVE:
            return True
        c = p.heads[c]
    return False


def _places(r: Reading, v: int) -> list[Mention]:
    """The sites of the sentence, else the host countries a locative phrase on the verb names."""
    p = r.parse
    sites = list(dict.fromkeys(r.places.values()))
    if sites:
        return sites
    return [r.countries[o] for _, o in p.prep_objects(v, _LOCATIVE) if o in r.countries]
