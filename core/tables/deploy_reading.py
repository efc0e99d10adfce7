"""What the parse of a sentence offers the deployments builder, and where it places a force.

`Reading` maps the tokens of a parsed sentence to military nouns, countries, sites and deployment
cues. `Places` walks from a force's noun or predicate along locative prepositions ("in/to/at/
into/near/across/between X", "from/out of X" for a base one operates from or leaves) to the
host countries and sites, one prepositional step deeper at most ("an exercise in Latvia", "the
airport at Rzeszów"); a site's own locator ("Rūdninkai, south of Vilnius") is not a site, "near
Russia" is not in Russia, and a country's airspace is a host only for a guarding verb ("to guard
Polish skies"), never for a flight into it (an incursion).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from core.annotate import AnnotatedSentence
from core.records import Mention
from core.syntax import Parse
from core.tables.common import country_heads, cue_pattern
from core.tables.deploy_refs import DeployRefs
from core.tables.deploy_status import cue_regex, cue_tokens
from core.tables.places import is_dateline, place_mentions

LOCATIVE = frozenset({"in", "into", "to", "at", "near", "across", "throughout", "inside", "within", "outside",
                      "around", "on", "onto", "between"})
#: Prepositions that give the place a force operates from or leaves, for the classes that have one.
FROM = frozenset({"from", "out"})
_FROM_CLASSES = frozenset({"fly", "station", "guard", "end"})
#: "over Poland": for patrols and flights, and under a duty or mission ("on air-policing duty over").
_OVER_CLASSES = frozenset({"fly", "guard"})
_NEAR = frozenset({"near", "outside", "around"})
_COUNTRY_NOUNS = frozenset({"country", "nation"})
_TASK_WORDS = frozenset({"task", "job", "duty"})
HOST_SPACE = frozenset({"airspace", "skies", "sky", "soil", "territory"})
ANAPHOR_DETS = frozenset({"the", "this", "that", "these", "those", "its", "their"})
#: Words of a part of a force ("most of them at X"): the figure told is the whole force's, not the site's.
PARTITIVE = frozenset({"most", "some", "many", "part", "half", "several", "majority"})
BASE_WORDS = frozenset({"base", "airbase", "camp", "garrison", "bases", "headquarters"})
_PERSONNEL = re.compile(
    r"(?P<num>\d{1,3}(?:,\d{3})+|\d+)\s+(?:(?:[A-Z][\w.'’-]*|additional|more|extra|foreign|allied|"
    r"active-duty|combat)\s+){0,3}(?:troops|soldiers|personnel|service\s*members|servicemen|"
    r"marines|paratroopers|sailors|airmen|people)\b|(?P<strong>\d{1,3}(?:,\d{3})+|\d+)-strong\b")


@dataclass
class Reading:
    """What the parse of one sentence offers: tokens of military nouns, countries, places, cues."""

    parse: Parse
    military: set[int]
    countries: dict[int, Mention]
    places: dict[int, Mention]
    cues: dict[int, str]
    units: set[int]  # military nouns proper (troops, jets), not deployment nouns (mission, presence)
    tails: set[int]  # the later words of several-word cues ("turns" of "taken turns")


def reading(sentence: AnnotatedSentence) -> Reading:
    parse = sentence.parse
    assert parse is not None
    military = {i for m in cue_pattern("military_nouns", "noun").finditer(sentence.text)
                for i in parse.tokens_in(m.start(), m.end())}
    cues = cue_tokens(sentence)
    units = set(military)
    military |= {i for i, cls in cues.items() if cls == "noun"}
    countries = country_heads(sentence)
    places: dict[int, Mention] = {}
    for m in place_mentions(sentence):
        if not is_dateline(sentence, m):
            for i in parse.tokens_in(*sentence.local(m)):
                places.setdefault(i, m)
    tails = {i for m in cue_regex().finditer(sentence.text) for i in parse.tokens_in(m.start(), m.end())[1:]}
    return Reading(parse, military, countries, places, cues, units, tails)


def is_military(r: Reading, i: int) -> bool:
    """A military noun, or a noun compounded with one ("Patriot systems", "military hubs")."""
    p = r.parse
    return i in r.military and i not in r.countries or any(
        c in r.military and c not in r.countries for c in p.children_with(i, ("compound", "amod", "appos")))


def conj_root(p: Parse, i: int) -> int:
    while p.deps[i] in ("conj", "appos") and p.heads[i] != i:
        i = p.heads[i]
    return i


@dataclass
class Places:
    """The hosts and sites reached from a force's noun and predicate (see the module docstring)."""

    r: Reading
    refs: DeployRefs
    force: str
    cls: str | None
    hosts: list[str] = field(default_factory=list)
    sites: list[Mention] = field(default_factory=list)
    part_sites: int | None = None  # sites from this index on hold part of the force ("most of them at X")

    @property
    def whole_elsewhere(self) -> bool:
        """Whether a site was reached through "most/some of them at X": the figure is the force's whole."""
        return self.part_sites is not None and len(self.sites) > self.part_sites

    def preps(self) -> set[str]:
        out = set(LOCATIVE) - ({"to"} if self.cls == "handover" else set())
        if self.cls in _FROM_CLASSES:
            out |= FROM
        if self.cls in _OVER_CLASSES:
            out.add("over")
        return out

    def attached(self, starts: list[int]) -> Places:
        """Follow the locative prepositions of `starts` (the first is the force's own noun or
        verb: "troops from Spain" names no host)."""
        p, preps = self.r.parse, self.preps()
        parts = [c for s in starts for c in p.children_with(s, ("npadvmod",))]  # "most of them at X"
        starts = [*starts, *parts]
        part_at = min((c for c in parts if p.lower(c) in PARTITIVE), default=len(p))
        for n, s in enumerate(starts):
            for prep in p.children_with(s, ("prep", "dative")):
                if prep > part_at and self.part_sites is None:
                    self.part_sites = len(self.sites)  # the sites told after "most of them" hold a part
                word = p.lower(prep)
                if n and word == "of":  # "form the core of the NATO battlegroup at Tapa"
                    for o in p.children_with(prep, ("pobj",)):
                        self.walk(o, 1)
                if word == "with":  # "have taken turns with the task", "serve with the battlegroup in Latvia"
                    for o in p.children_with(prep, ("pobj",)):
                        if p.lower(o) in _TASK_WORDS:
                            self.walk(o, 0)
                        elif (n or s in self.r.cues) and is_military(self.r, o):  # "leads it with 1,500
                            self.walk(o, 1)  # troops at Cincu", "serve with the battlegroup in Latvia"
                rotating = word == "through" and p.lower(s).startswith("rotat")  # "rotated through Slovakia"
                if (word not in preps and not rotating) or (n == 0 and word in FROM and s not in self.r.cues):
                    continue
                for conj_prep in p.conjuncts(prep):
                    for o in prep_objects(p, conj_prep):
                        for obj in p.conjuncts(o):
                            self.walk(obj, 0, p.lower(conj_prep) in _NEAR)
            if any(p.lower(c) == "there" for c in p.children_with(s, ("advmod",))) and s in self.r.cues:
                self.walk(self.where(s), 0)  # "Rukla: Germany has led the battlegroup stationed there"
            for c in p.children_with(s, ("advcl", "xcomp")) if s in self.r.cues else ():
                if c in self.r.places and any(p.lower(a) == "to" for a in p.children_with(c, ("aux",))):
                    self.walk(c, 0)  # "sending divers to Constanța": the parser took the place for a verb
            if s in self.r.cues and p.lower(s) == "home":  # "Tapa, home to the brigade": the place it describes
                self.walk(self.where(s), 0)
            if p.deps[s] == "relcl" and any(p.lower(c) == "where" for c in p.children_with(s, ("advmod",))):
                self.walk(self.where(p.heads[s]), 0)  # "Rukla, where a battalion led by Germany is based"
            for c in p.children_with(s, ("conj",)) if s in self.r.cues else ():
                if not p.children_with(c, ("nsubj", "nsubjpass", "aux", "auxpass", "dobj")):  # "deployed in
                    # Romania ..., as well as the X bases"
                    self.walk(c, 1)
        return self

    def objects(self, objects: list[int]) -> Places:
        """The places a guarding verb takes as its object ("protecting the airport at Rzeszów")."""
        for o in objects:
            self.walk(o, 0, space=True)
        return self

    def where(self, i: int) -> int:
        """The place a "where" clause is about: the noun it modifies, or the nearest place above it
        ("Ādaži, the training area north-east of the capital where ...")."""
        for t in [i, *self.r.parse.ancestors(i)[:5]]:
            if t in self.r.places or t in self.r.countries:
                return t
            if self.r.parse.deps[t] not in ("pobj", "prep", "amod", "appos", "compound"):
                break
        before = [t for t in self.r.places if t <= i] or [  # else the place, or country, last named before it
            t for t, m in self.r.countries.items() if t <= i and m.kind == "country"]
        return max(before) if before else i if i in self.r.places else -1

    def add_site(self, site: Mention | None) -> None:
        if site is not None and all(s.value.name != site.value.name for s in self.sites):
            self.sites.append(site)

    def walk(self, i: int, depth: int, near: bool = False, space: bool = False) -> None:
        """Collect the place at token `i`: a site (with its own country), a country, a country's
        airspace, an anaphoric base or formation; else look one prepositional step further."""
        r, p = self.r, self.r.parse
        if i < 0:
            return
        named = [c for m in p.children_with(i, ("compound", "nmod")) for c in p.conjuncts(m) if c in r.places]
        if i in r.places:
            self.add_site(r.places[i])
            for prep in p.children_with(i, ("prep",)):  # "at Pabradė in Lithuania"
                for o in p.children_with(prep, ("pobj",)):
                    if o in r.countries and r.countries[o].kind == "country":
                        self.hosts.append(r.countries[o].value.code)
            return
        if named:  # "the Mihail Kogalniceanu airbase", "the Deveselu and Campia Turzii bases"
            for c in named:
                self.walk(c, depth)
            return
        if i in r.countries:
            m = r.countries[i]
            if m.kind == "country" and not m.possessive and not near:  # "near Russia" is not in it
                self.hosts.append(m.value.code)
            return
        word = p.lower(i)
        if word in HOST_SPACE:
            if space or self.cls == "guard":
                self.hosts.extend(r.countries[c].value.code for c in p.children[i] if c in r.countries)
            return
        dets = {p.lower(c) for c in p.children_with(i, ("det", "poss"))}
        told = [t for t in r.places if t < i]  # "flew from Šiauliai ..., returned to the base": that one
        base = r.places[max(told)] if told else self.refs.site(self.force)
        if dets & ANAPHOR_DETS and word in BASE_WORDS and base:
            self.add_site(base)  # "the base"
            return
        if word in _COUNTRY_NOUNS and dets & {"the", "that"} and self.refs.country_meant():
            if not self.sites and not self.hosts:  # "the battlegroup at Rukla ... in the country": Rukla's
                self.hosts.append(self.refs.country_meant() or "")  # "troops in the country": the one just told of
            return
        if dets & ANAPHOR_DETS and word in _TASK_WORDS and self.refs.task_host:
            self.hosts.append(self.refs.task_host)  # "have taken turns with the task"
            return
        host = self.refs.host(self.force)
        below = [i, *p.children_with(i, ("acl",))]  # "the battlegroup based at Orzysz"
        located = any(p.lower(c) in LOCATIVE for b in below for c in p.children_with(b, ("prep",)))
        if dets & ANAPHOR_DETS and is_military(r, i) and host and not located and not any(
                c in r.countries or p.deps[c] == "compound" for c in p.children[i]):
            self.hosts.append(host)  # "serve in the formation"
            return
        if depth < 2:
            preps = LOCATIVE | ({"over"} if r.cues.get(i) == "noun" else set())
            for prep in (c for b in below for c in p.children_with(b, ("prep",))):
                if p.lower(prep) in preps:
                    for o in p.children_with(prep, ("pobj",)):
                        for obj in p.conjuncts(o):
                            self.walk(obj, depth + 1, p.lower(prep) in _NEAR, space)


def prep_objects(p: Parse, prep: int) -> list[int]:
    """The objects of a preposition, also through a second one ("out of X", "close to X")."""
    return p.children_with(prep, ("pobj",)) or [o for q in p.children_with(prep, ("prep",))
                                                 for o in p.children_with(q, ("pobj",))]


def figure(r: Reading, sentence: AnnotatedSentence, tokens: list[int]) -> int | None:
    """The personnel figure inside the phrases `tokens` head, without relative clauses and without
    coordinated parts that name a force of their own ("Polish F-16s and 40 Dutch airmen")."""
    p = r.parse
    for t in tokens:
        inside = set(p.subtree(t))
        for c in p.children_with(t, ("conj", "relcl")):
            below = set(p.subtree(c))
            if p.deps[c] == "relcl" or below & set(r.countries):
                inside -= below
        if not inside:
            continue
        lo, hi = p.starts[min(inside)], p.ends[max(inside)]
        for m in _PERSONNEL.finditer(sentence.text, lo, hi):
            head = sentence.text[max(0, m.start() - 12):m.start()]
            value = int((m.group("num") or m.group("strong")).replace(",", ""))  # "a 4,800-strong brigade"
            if value >= 2 and not re.search(r"\d\s*(?:to|-|–)\s*$", head):
                return value
    return None
