"""Whether a gazetteer name is used as a place, and capitals used as governments.

"Warsaw said" and "Moscow's invasion" name governments, not places; "Bucharest
University" and "Ramstein-format" are names; "Kaliningrad region" is a region. Capitals
and ambiguous names (Victoria) need a locative context ("in", "at", "visit to", a dateline).
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from core.records import Mention

if TYPE_CHECKING:  # annotate asks this module which capitals stand for governments
    from core.annotate import AnnotatedSentence

_INSIDE_NAME = re.compile(
    r"^(?:-?format\b|\s+(?:University|Nine|Group|Format|Process|Initiative|Declaration|Agreement|bureau|Institute|"
    r"Convention|Accords?|Protocol|Treaty|Charter|Consensus|Forum|Security\s+Conference|Stock\s+Exchange|"
    r"region|Region|oblast|Oblast|province|Province|county|County|district|District|Gap|club|Club)\b)")
_GOVERNMENT_IN = re.compile(r"\b(?:government|administration|authorities|officials|leadership|regime|court)\s+in\s+$",
                            re.IGNORECASE)
_LOCATIVE = re.compile(
    r"(?:\b(?:in|at|near|outside|from|into|around|via|toward|towards|across|over|inside|to\s+and\s+from)\s+(?:the\s+)?"
    r"|\b(?:visits?|visited|visiting|trip|travel+ed|travels?|flew|returned|headed|heading|arrived|moved|sent|"
    r"deployed|relocated|go|went|came)\s+(?:back\s+)?to\s+"
    r"|\b(?:centre|center|outskirts|streets|suburbs?|south|north|east|west|village|villages|town|city|port|island)"
    r"\s+of\s+(?:the\s+)?)$",
    re.IGNORECASE)
_COORDINATED = re.compile(r"^\s*(?:,|and|or)\s*$")


def is_dateline(sentence: AnnotatedSentence, m: Mention) -> bool:
    """A place in capitals opening a paragraph: 'TALLINN, May 31 (BDW) -', 'VILNIUS —'."""
    start, end = sentence.local(m)
    return (not sentence.text[:start].strip() and m.raw.isupper() and len(m.raw) > 2
            and re.match(r"^\s*(?:,|\s[-–—])", sentence.text[end:]) is not None)


def is_place_mention(sentence: AnnotatedSentence, m: Mention) -> bool:
    """Whether a site name in `sentence` is used as a place (not a government, name or region)."""
    entry = m.value
    if _INSIDE_NAME.match(sentence.after(m)) or _GOVERNMENT_IN.search(sentence.before(m)):
        return False
    if not (entry.capital or entry.ambiguous) or is_dateline(sentence, m):
        return True
    if m.possessive:
        return False
    if _LOCATIVE.search(sentence.before(m)):
        return True
    return entry.ambiguous and not entry.capital and _coordinated_with_site(sentence, m)


def is_government(sentence: AnnotatedSentence, m: Mention) -> bool:
    """A capital standing for its government: 'Paris is sending', 'Riga promised', 'Moscow's invasion'."""
    return (m.kind == "site" and m.value.capital and not is_place_mention(sentence, m)
            and not _INSIDE_NAME.match(sentence.after(m)))


def _coordinated_with_site(sentence: AnnotatedSentence, m: Mention) -> bool:
    for o in sentence.names:
        if o.kind != "site" or o is m:
            continue
        a, b = (o, m) if o.end <= m.start else (m, o)
        if _COORDINATED.match(sentence.text[sentence.local(a)[1]:sentence.local(b)[0]]):
            return True
    return False


def place_mentions(sentence: AnnotatedSentence) -> list[Mention]:
    """The site mentions of a sentence that are used as places."""
    return [m for m in sentence.names if m.kind == "site" and is_place_mention(sentence, m)]
