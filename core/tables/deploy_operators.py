"""Places a force runs: "a camp run by Denmark", "the site at Deveselu, operated by the US Navy".

A participle of running (`OPERATING`) that modifies a place or a base noun, with a country or a
service as its "by" agent, tells that the agent's forces are there now. The place is the noun
itself when it is a site, its locative attachments ("the site at Deveselu"), or, for a noun in
apposition ("Camp Valdemar in Ādaži, a camp run by Denmark"), the noun it describes.
"""

from __future__ import annotations

from core.tables.deploy_reading import Places, Reading, conj_root
from core.tables.deploy_refs import DeployRefs

#: Participles by which a force runs a place (a unit "led by" a country is read as a force noun).
OPERATING = frozenset({"run", "operated", "manned", "staffed", "garrisoned", "commanded"})


def operated_places(r: Reading, refs: DeployRefs, force: str, t: int) -> Places | None:
    """The places the force at token `t` runs, when `t` is the agent of a running participle on a
    place ("a camp run by Denmark"); None otherwise."""
    p = r.parse
    root = conj_root(p, t)
    if p.deps[root] != "pobj" or p.deps[p.heads[root]] != "agent":
        return None
    verb = p.heads[p.heads[root]]
    if p.lower(verb) not in OPERATING or p.deps[verb] not in ("acl", "relcl"):
        return None
    noun = p.heads[verb]
    starts = [noun, *([p.heads[noun]] if p.deps[noun] == "appos" else [])]
    places = Places(r, refs, force, "station")
    for s in starts:
        if s in r.places:
            places.walk(s, 0)
    places.attached(starts)
    return places if places.sites or places.hosts else None
