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
    r"region|Region|oblast|Oblast|province|Province|county|County|district|District|Gap|club|Club|"
    r"municipality|Municipality|voivodeship|Voivodeship|raion|Raion|rayon|Rayon|governorate|Governorate|krai|Krai|"
    r"okrug|Okrug|commune|Commune|parish|Parish|canton|Canton|metropolitan\s+area|urban\s+area|exclave|enclave|"
    r"counties|regions|districts|provinces|oblasts|voivodeships|municipalities)\b)")
#: Places coordinated before a plural region noun are regions: "Tulcea and Galați counties".
_REGIONS_AFTER = re.compile(
    r"^(?:\s*(?:,|and|or|&)\s*[A-ZÀ-ÞĀ-Ž][\w'’-]*(?:\s+[A-ZÀ-ÞĀ-Ž][\w'’-]*)*)+\s+(?:counties|regions|districts|"
    r"provinces|oblasts|voivodeships|municipalities|raions|rayons|governorates|communes|parishes)\b")
#: A possessive place followed by a person's role is a person's name: "Kaunas's predecessor".
_PERSON_AFTER_POSSESSIVE = re.compile(
    r"^['’]s?\s+(?:predecessor|successor|deputy|spokes(?:man|woman|person)|wife|husband|adviser|advisor|"
    r"counterpart|chief\s+of\s+staff|office|remarks|comments|statement)\b", re.IGNORECASE)
#: Capitalised words that may stand before a place's name without making it another name.
_PLACE_PREFIXES = frozenset({"Lake", "Mount", "Fort", "Camp", "Port", "Cape", "Upper", "Lower", "Greater", "Old",
                             "New", "North", "South", "East", "West", "Northern", "Southern", "Eastern", "Western",
                             "Central", "Saint", "St", "Downtown", "Outer", "Inner"})
_WORD_BEFORE = re.compile(r"(?:^|[\s(\"“‘])([A-ZÀ-ÞĀ-Ž][\w'’.-]*)\s+$")
#: A capitalised word after a place that is no other name begins an organisation's name with it:
#: "Ostrava Aerotech", "Gdańsk Shipyard" (site words, months and weekdays are not such words).
_CAPITALISED_AFTER = re.compile(
    r"^[ \t]+(?!(?:Air|Airport|Airbase|Airfield|Base|Port|Harbour|Harbor|Range|Station|Training|Naval|Garrison|"
    r"Barracks|January|February|March|April|May|June|July|August|September|October|November|December|Monday|"
    r"Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday|The|A|An|And|Or|But|On|In|At|As)\b)[A-ZÀ-ÞĀ-Ž][a-zà-ÿā-ž]+")
_PURPOSE_AFTER = re.compile(r"^\s+(?:to\s+[a-z]+|for\s+(?:talks|consultations|a\s+summit|the\s+summit|a\s+meeting|"
                            r"meetings|a\s+conference|the\s+conference))\b")
_GOVERNMENT_IN = re.compile(r"\b(?:government|administration|authorities|officials|leadership|regime|court)\s+in\s+$",
                            re.IGNORECASE)
_LOCATIVE = re.compile(
    r"(?:\b(?:in|at|near|outside|from|into|around|via|toward|towards|across|over|inside|to\s+and\s+from)\s+(?:the\s+)?"
    r"|\b(?:visits?|visited|visiting|trip|travel+ed|travels?|flew|returned|returns?|returning|headed|heading|"
    r"arrived|moved|sent|"
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
    """Whether a site name in `sentence` is used as a place (not a government, name, person or region)."""
    entry = m.value
    if (_INSIDE_NAME.match(sentence.after(m)) or _GOVERNMENT_IN.search(sentence.before(m))
            or _REGIONS_AFTER.match(sentence.after(m, 80)) or in_person_name(sentence, m)
            or _starts_organisation(sentence, m)):
        return False
    if not (entry.capital or entry.ambiguous) or is_dateline(sentence, m):
        return True
    if m.possessive:
        return False
    if _LOCATIVE.search(sentence.before(m)) or (re.search(r"\bto\s+$", sentence.before(m))
                                                and _PURPOSE_AFTER.match(sentence.after(m))):
        return True
    return entry.ambiguous and not entry.capital and _coordinated_with_site(sentence, m)


def is_government(sentence: AnnotatedSentence, m: Mention) -> bool:
    """A capital standing for its government: 'Paris is sending', 'Riga promised', 'Moscow's invasion'."""
    return (m.kind == "site" and m.value.capital and not is_place_mention(sentence, m)
            and not _INSIDE_NAME.match(sentence.after(m)) and not in_person_name(sentence, m))


def _starts_organisation(sentence: AnnotatedSentence, m: Mention) -> bool:
    """The place is followed by a capitalised word that no name mention starts with ("Ostrava Aerotech")."""
    if m.possessive:
        return False
    after = _CAPITALISED_AFTER.match(sentence.after(m))
    if not after:
        return False
    word_start = m.end + after.end() - len(after.group().lstrip())
    return not any(o.start == word_start for o in sentence.names)


def in_person_name(sentence: AnnotatedSentence, m: Mention) -> bool:
    """A place's name that ends a person's name: after a capitalised word that is no other name, no
    place prefix (Lake, Fort) and not the sentence's first word ("Defence Minister Robertas Kaunas",
    "By Victor Deva"); or a possessive before a person's role ("Kaunas's predecessor")."""
    if m.possessive and _PERSON_AFTER_POSSESSIVE.match(sentence.text[sentence.local(m)[1]:]):
        return True
    start = sentence.local(m)[0]
    word = _WORD_BEFORE.search(sentence.text[max(0, start - 30):start])
    if not word or word.group(1) in _PLACE_PREFIXES or word.group(1).isupper():
        return False
    word_start = start - len(sentence.text[max(0, start - 30):start]) + word.start(1)
    if not sentence.text[:word_start].strip():
        return False  # the sentence's first word: "Warsaw" after "Minister"? no, "Tallinn" after "In"? a heading
    return not any(sentence.local(o)[1] >= word_start and o.end <= m.start and o is not m for o in sentence.names)


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
