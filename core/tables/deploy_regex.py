"""Deployments read by position, for the sentences that have no parse (the parser is missing).

Per clause: the force is a demonym or service modifying a military noun ("1,700 U.S.
troops", "Luftwaffe personnel"), or a country as subject of a deployment verb ("France is
sending ..."), or, for "the unit" / "they", the force last named. The host is a country
after a locative preposition ("in Romania", "over Poland"), a site's country, the
subject of "hosts", or "Polish airspace". A figure for several sites goes on the
country-level row; a single site carries it itself.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field

from core.annotate import Annotated, AnnotatedSentence
from core.mentions.money import parse_number
from core.records import Mention
from core.tables.common import clause_spans, country_mentions, cue_pattern
from core.tables.deploy_grammar import Claim
from core.tables.deploy_refs import DeployRefs
from core.tables.places import is_dateline, place_mentions

_PERSONNEL = re.compile(
    r"(?P<num>\d{1,3}(?:,\d{3})+|\d+)\s+(?:(?:[A-Z][\w.'’-]*|additional|more|extra|foreign|allied|"
    r"active-duty|combat)\s+){0,3}(?P<noun>troops|soldiers|personnel|service\s*members|servicemen|"
    r"marines|paratroopers|sailors|airmen)\b")
_LOCATIVE = re.compile(r"(?<!\bwar )(?<!\bconflict )(?<!\bfighting )(?<!\bcrisis )(?<!\belections )(?<!\belection )"
                       r"(?<!\bwars )\b(?:in|into|across|over|at|throughout|inside|within|on)\s+(?:the\s+)?$",
                       re.IGNORECASE)
_TO = re.compile(r"(?<!\baid )(?<!\bsupport )(?<!\bassistance )(?<!\bhelp )(?<!\bhub )(?<!\bclose )(?<!\bnext )"
                 r"\b(?:to|for)\s+(?:the\s+)?$", re.IGNORECASE)
_MOVEMENT = re.compile(r"\b(?:send\w*|sent|deploy\w*|mov\w+|head\w*|dispatch\w*|fly\w*|flown|flew|rotat\w+|"
                       r"transferr?\w*|redeploy\w*|arriv\w+|return\w*)\b", re.IGNORECASE)
_NOT_SUBJECT = re.compile(r"\b(?:to|for|in|from|with|of|by|against|on|into|at|over|besides|beside|after|"
                          r"alongside|than|like|including|across)\s+(?:the\s+)?$", re.IGNORECASE)
_LIST_GAP = re.compile(r"^\s*(?:,|,?\s*and|,?\s*or)\s*(?:the\s+)?$")
_HOSTS = re.compile(r"\b(?:hosts?|hosting|hosted|to\s+host)\b", re.IGNORECASE)
_HOST_SPACE = re.compile(r"^\s*(?:airspace|skies|sky|soil|territory|border|borders|frontier|side|capital|"
                         r"government|officials|authorities|president|minister|counterpart|media|economy|industry|"
                         r"firms?|companies|manufacturers?|producers?|ports?|cities|city|villages?|language|"
                         r"drones?|missiles?|strikes?|attacks?|shells?)\b", re.IGNORECASE)
_HAS_FORCES = re.compile(r"^\s+(?:\w+ly\s+|also\s+|still\s+|now\s+)?(?:has|have|had|keeps?|kept|maintains?|maintained)"
                         r"\s+(?:had\s+|long\s+had\s+)?(?:about|around|roughly|some|nearly|almost|over|more\s+than|up\s+to)?"
                         r"\s*(?:[\d,]+\s+)?(?:[A-Z][\w.'’-]*\s+|(?:combat|ground|special|additional|more|allied|armoured|"
                         r"armored|mechanised|mechanized)\s+){0,2}(?:troops|soldiers|forces|personnel|service\s*members|"
                         r"jets|aircraft|fighters)\b")
_GAP_WORD = re.compile(r"^[\w.'’/-]+$")
_FUNCTION_WORDS = frozenset(["that", "which", "who", "whom", "whose", "its", "their", "his", "her", "the", "a", "an", "to", "of", "has", "have", "had", "is", "are", "was", "were", "be", "been", "will", "would", "said", "says", "denied", "told", "as", "for", "from", "with", "by", "in", "on", "at", "than"])
_ANAPHOR = re.compile(r"\b(?:[Tt]he|[Tt]his|[Tt]hat|[Tt]hese|[Aa]n?)\s+(?:[\w/-]+\s+){0,2}(?:unit|units|"
                      r"brigade|battalion|troops|soldiers|contingent|detachment|element|elements|force|forces|"
                      r"battlegroup|personnel|deployment|presence|division|jets|aircraft|battery|batteries|system|"
                      r"systems)\b|^(?:They|It)\b|\bit\s+is\s+meant\b")
_PLANNED = re.compile(r"\b(?:will|would|to\s+be|plans?|planned|planning|preparing|is\s+to|are\s+to|expected\s+to|"
                      r"set\s+to|meant\s+to|intends?|is\s+sending|are\s+sending|heading)\b", re.IGNORECASE)
_ENDED = re.compile(r"\b(?:ended|ending|withdrew|withdrawn|withdrawal|left|pulled\s+out|earlier\s+stint|"
                    r"previous|former|go\s+home|went\s+home|no\s+longer)\b", re.IGNORECASE)
_LOCATOR = re.compile(r"^\s*(?:,\s*)?(?:in|near|outside|close\s+to|by)\s+(?:the\s+(?:port|city|town)\s+of\s+)?$",
                      re.IGNORECASE)


@dataclass
class Clause:
    """A clause's span in its sentence and what it says about forces and hosts."""

    start: int
    end: int
    forces: list[Mention] = field(default_factory=list)
    hosts: list[str] = field(default_factory=list)
    sites: list[Mention] = field(default_factory=list)
    cue: bool = False


def _military_nouns() -> re.Pattern[str]:
    return cue_pattern("military_nouns", "noun")


def _military_noun_after(sentence: AnnotatedSentence, m: Mention) -> re.Match[str] | None:
    """The military noun a country word modifies ("U.S. troops", "German Patriot air-defence units")."""
    _, end = sentence.local(m)
    if _HOST_SPACE.match(sentence.text[end:]):
        return None
    noun = _military_nouns().search(sentence.text, end, min(len(sentence.text), end + 45))
    if noun is None:
        return None
    gap = sentence.text[end:noun.start()]
    if re.search(r"[,.;:()]", gap):
        return None
    others = [o for o in country_mentions(sentence) if o is not m and end <= sentence.local(o)[0] < noun.start()]
    words = [w for w in gap.split() if w.lower() not in ("and", "or")]
    other_words = {w for o in others for w in o.raw.split()}
    plain = [w for w in words if w not in other_words]
    if len(plain) > 3 or not all(_GAP_WORD.match(w) and w.lower() not in _FUNCTION_WORDS for w in plain):
        return None
    if others and not re.search(r"\b(?:and|or)\b", gap):
        return None
    return noun


def _clauses(sentence: AnnotatedSentence) -> list[tuple[int, int]]:
    """Clauses, also split where a comma introduces a new force ("..., Italian F-35s scrambled")."""
    spans = clause_spans(sentence.text)
    cuts = []
    for m in country_mentions(sentence):
        s, _ = sentence.local(m)
        head = sentence.text[max(0, s - 12):s]
        comma = re.search(r",\s*(?:and\s+|while\s+)?(?:the\s+)?$", head)
        if comma and _military_noun_after(sentence, m):
            cuts.append(s - len(comma.group()))
    out = []
    forced = [sentence.local(m)[0] for m in country_mentions(sentence) if _military_noun_after(sentence, m)]
    for start, end in spans:
        for cut in sorted(c for c in cuts if start < c < end):
            if any(start <= f < cut for f in forced):
                out.append((start, cut))
                start = cut + 1
        out.append((start, end))
    return out


def _forces(sentence: AnnotatedSentence, lo: int, hi: int) -> list[Mention]:
    """Force mentions in [lo, hi): services, demonyms on a military noun, or subject countries of a cue."""
    out = []
    cues = list(cue_pattern("deployment_cues", "cue").finditer(sentence.text, lo, hi))
    for m in country_mentions(sentence):
        s, e = sentence.local(m)
        if not lo <= s < hi:
            continue
        head = sentence.text[max(0, s - 25):s]
        adjectival = (m.kind in ("demonym", "force") or m.raw.isupper() or "." in m.raw
                      or m.possessive)
        if m.kind == "force" or (adjectival and _military_noun_after(sentence, m)):
            if not re.search(r"\b(?:against|on|at)\s+(?:the\s+)?$", head, re.IGNORECASE):
                out.append(m)
            continue
        if m.kind == "country" and re.search(r"\b(?:led|commanded|headed)\s+by\s+$", head) and _military_nouns().search(
                sentence.text, max(lo, s - 60), s):
            out.append(m)  # "a NATO force ... led by Sweden"
            continue
        if _NOT_SUBJECT.search(head) and not m.possessive:
            continue
        if m.kind == "country" and not m.possessive and _HAS_FORCES.match(sentence.text[e:]) and \
                _military_nouns().search(sentence.text, e, min(hi, e + 70)):
            out.append(m)  # "Portugal has roughly 400 troops in Hungary", "France has had troops in Finland"
            continue
        following = [c for c in cues if 0 <= c.start() - e <= 40 and not re.search(
            r"[;:]|,(?!\s*(?:\w+ing|which|who)\b)", sentence.text[e:c.end()])]
        if m.kind == "country" and not m.possessive and following and not _HOSTS.fullmatch(
                following[0].group()):
            out.append(m)  # a subject country of a deployment verb ("France is sending"), not a host
    return out


def _hosts(sentence: AnnotatedSentence, lo: int, hi: int) -> tuple[list[str], list[Mention]]:
    """Host countries and sites named in [lo, hi)."""
    mentions = country_mentions(sentence)
    clause = sentence.text[lo:hi]
    located: list[Mention] = []
    for m in mentions:
        s, e = sentence.local(m)
        if not lo <= s < hi or m.kind not in ("country", "demonym"):
            continue
        head = sentence.text[max(0, s - 20):s]
        after_text = sentence.text[e:e + 40]
        if m.kind == "country" and (_LOCATIVE.search(head) or (_TO.search(head) and _MOVEMENT.search(clause))) or m.kind == "country" and (hosts_cue := _HOSTS.search(after_text)) is not None and hosts_cue.start() < 25 or re.match(r"^\s*(?:airspace|skies|sky|soil|territory)\b", sentence.text[e:], re.IGNORECASE) or m.kind == "country" and not m.possessive and re.match(
                r"^\s+(?:brigade|battlegroup|contingent)\b", sentence.text[e:], re.IGNORECASE):
            located.append(m)
    located += _coordinated(sentence, located, mentions)
    hosts = list(dict.fromkeys(m.value.code for m in located))
    sites = _deployment_sites(sentence, lo, hi)
    for site in sites:
        if site.value.code not in hosts:
            hosts.append(site.value.code)
    return hosts, sites


def _deployment_sites(sentence: AnnotatedSentence, lo: int, hi: int) -> list[Mention]:
    """Place mentions of the clause, less datelines and locators ("MK air base in Constanța")."""
    places = [m for m in place_mentions(sentence) if lo <= sentence.local(m)[0] < hi and not is_dateline(sentence, m)]
    kept: list[Mention] = []
    for m in places:
        s, _ = sentence.local(m)
        if any(0 <= s - sentence.local(o)[1] <= 45 and _LOCATOR.match(sentence.text[sentence.local(o)[1]:s])
               for o in places if o is not m):
            continue
        if all(k.value.name != m.value.name for k in kept):
            kept.append(m)
    return kept


def _coordinated(sentence: AnnotatedSentence, located: list[Mention], mentions: Sequence[Mention]) -> list[Mention]:
    """Countries listed after a located one: 'in Bulgaria, Hungary and Slovakia'."""
    extra: list[Mention] = []
    chain = list(located)
    for m in sorted(mentions, key=lambda x: x.start):
        if m in located or m.kind != "country":
            continue
        for prev in chain:
            if prev.end <= m.start and _LIST_GAP.match(sentence.text[sentence.local(prev)[1]:sentence.local(m)[0]]):
                extra.append(m)
                chain.append(m)
                break
    return extra


def _personnel(sentence: AnnotatedSentence, lo: int, hi: int) -> list[tuple[int, int, int]]:
    """(number, local start, local end) of personnel figures in [lo, hi)."""
    out = []
    for m in _PERSONNEL.finditer(sentence.text, lo, hi):
        value = parse_number(m.group("num"))
        head = sentence.text[max(0, m.start() - 12):m.start()]
        if value and value >= 2 and not re.search(r"\d\s*(?:to|-|–)\s*$", head) and not re.match(
                r"^\s*(?:to|-)\s*\d", sentence.text[m.end("num"):m.end("num") + 5]):
            out.append((int(value), m.start(), m.end()))
    return out


def _status(text: str) -> str:
    if _ENDED.search(text):
        return "ended"
    if _PLANNED.search(text):
        return "planned"
    return "current"


def _analyse(sentence: AnnotatedSentence) -> list[Clause]:
    clauses = []
    cue_re = cue_pattern("deployment_cues", "cue")
    for lo, hi in _clauses(sentence):
        hosts, sites = _hosts(sentence, lo, hi)
        forces = [f for f in _forces(sentence, lo, hi)]
        clause = Clause(lo, hi, forces, hosts, sites)
        clause.cue = (bool(cue_re.search(sentence.text, lo, hi)) or bool(_personnel(sentence, lo, hi))
                      or any(_HAS_FORCES.match(sentence.text[sentence.local(f)[1]:hi]) for f in forces))
        clauses.append(clause)
    return clauses


def regex_claims(article: Annotated, sentence: AnnotatedSentence, refs: DeployRefs) -> list[Claim]:
    """The deployments of a sentence that has no parse, read by position within its clauses."""
    if not _military_nouns().search(sentence.text) and not _HOSTS.search(sentence.text):
        return []
    claims: list[Claim] = []
    clauses = _analyse(sentence)
    sentence_hosts = list(dict.fromkeys(h for c in clauses for h in c.hosts))
    sentence_sites = [site for c in clauses for site in c.sites]
    sentence_forces = list(dict.fromkeys(f.value.code for c in clauses for f in c.forces))
    for clause in clauses:
        forces = [f.value.code for f in clause.forces]
        if not forces and len(sentence_forces) == 1 and clause.cue:
            forces = sentence_forces  # "Belgian forces in Romania ..., while troops in Lithuania ..."
        anaphor = _ANAPHOR.search(sentence.text, clause.start, clause.end)
        recent = refs.force(sentence.index)
        if not forces and recent and anaphor and anaphor.start() - clause.start < 60:
            refs.note_force(recent, sentence.index)
            forces = [recent] if clause.cue else []
        if not forces:
            continue
        refs.note_force(forces[0], sentence.index)
        hosts = clause.hosts or (sentence_hosts if clause.cue else [])
        if not clause.cue or not hosts:
            continue
        if not clause.hosts and hosts == sentence_hosts:
            clause.sites = sentence_sites  # the clause speaks of the place its sentence names
        claims += _clause_claims(sentence, clause, forces, hosts)
    return claims


def _clause_claims(sentence: AnnotatedSentence, clause: Clause, forces: list[str], hosts: list[str]) -> list[Claim]:
    text = sentence.text[clause.start:clause.end]
    figures = _personnel(sentence, clause.start, clause.end)
    status = _status(text)
    return [Claim(force, host, tuple(s for s in clause.sites if s.value.code == host),
                  _figure_for(sentence, clause, force, figures), status)
            for force in dict.fromkeys(forces) for host in hosts if host != force]


def _figure_for(sentence: AnnotatedSentence, clause: Clause, force: str, figures: list) -> int | None:
    if not figures:
        return None
    for value, s, e in figures:
        if any(f.value.code == force and s <= sentence.local(f)[0] < e for f in clause.forces):
            return value
    owners = {f.value.code for f in clause.forces}
    return figures[0][0] if len(owners) <= 1 else None
