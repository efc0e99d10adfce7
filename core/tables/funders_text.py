"""Who pays a sum, read by position: the fallback for sentences that have no parse.

The nearest subject-like country or actor between the previous sum of the sentence and
this one; else the previous sum's funder ("€20 million for X and €10 million for Y");
else a subject just after the sum ("a €1.5 billion loan Romania obtained"); a list of
countries, or "members", makes it collective (the coalition, with no country code).
"""

from __future__ import annotations

import re

from core import refdata
from core.annotate import AnnotatedSentence
from core.records import Mention
from core.tables.common import country_mentions
from core.tables.funders import Parties, Party, party_of

_BENEFICIARY = re.compile(r"\b(?:to|for|in|into|from|with|on|against|at|by|(?<!much )(?<!most )(?<!part )(?<!all )"
                          r"(?<!some )(?<!half )(?<!many )(?<!each )of|towards|toward)\s+"
                          r"(?:the\s+)?(?:[a-z][\w-]*\s+)?$", re.IGNORECASE)
_LIST_GAP = re.compile(r"^\s*(?:,|,?\s*and|&)\s*(?:the\s+)?$")
_COLLECTIVE = re.compile(r"\b(?:members?|member\s+states|partners|allies|coalition|group\s+of\s+countries|"
                         r"signatories|donors|participants|countries)\b", re.IGNORECASE)
_GOVERNMENT_NOUN = re.compile(r"^\s*(?:Ministry|ministry|government|Government|cabinet|Cabinet|parliament|"
                              r"defence\s+ministry|defense\s+ministry|armed\s+forces|military|officials|contribution|"
                              r"share|funding|budget|package|order|Army|Navy|Air\s+Force)\b")
_RECIPIENT = re.compile(r"^['’]?s?\s+(?:\w+\s+)?(?:share|allocation|portion|part|slice|cut|loans?|grant)\b",
                        re.IGNORECASE)
_ANAPHOR = re.compile(r"\b(?:it|its|the\s+country|the\s+ministry|the\s+government|that|this)\b", re.IGNORECASE)
_FORCES_AFTER = re.compile(r"^\s+(?:armed\s+)?(?:forces|army|military|troops|soldiers|navy|people|government)\b",
                           re.IGNORECASE)
_TO_RECIPIENT = re.compile(r"\b(?:to|for)\s+(?:the\s+)?$", re.IGNORECASE)


def parties_by_position(sentence: AnnotatedSentence, money: Mention, previous: AnnotatedSentence | None,
                        inherited: Party | None = None, last_funder: Party | None = None,
                        people: dict[str, str] | None = None) -> Parties:
    """The funder by position (see the module docstring; a titled person named before the sum stands for
    the country of the office), and a recipient named by "to/for X" after the sum."""
    funder = _funder(sentence, money, previous, inherited, last_funder)
    if funder is None and people:
        funder = _person_before(sentence, money, people)
    return Parties(funder, _recipient(sentence, money))


def _person_before(sentence: AnnotatedSentence, money: Mention, people: dict[str, str]) -> Party | None:
    for word in reversed(re.findall(r"[A-Z][\w’'-]+", sentence.text[:sentence.local(money)[0]])):
        code = people.get(word)
        if code:
            return Party(code, refdata.country_name(code))
    return None


def _arguments(sentence: AnnotatedSentence) -> list[Mention]:
    inside = [(m.start, m.end) for m in sentence.money]
    others = [m for m in sentence.names if m.kind != "country"]  # a country's name before "region" is none
    return [m for m in [*country_mentions(sentence), *others] if not any(s <= m.start < e for s, e in inside)]


def _funder(sentence: AnnotatedSentence, money: Mention, previous: AnnotatedSentence | None,
            inherited: Party | None, last_funder: Party | None) -> Party | None:
    start, _ = sentence.local(money)
    earlier = [m for m in sentence.money if m.end <= money.start]
    floor = earlier[-1].end if earlier else sentence.start
    payers = [m for m in _arguments(sentence)
              if floor <= m.start and m.end <= money.start
              and (m.kind in ("country", "force", "institution", "actor", "coalition")
                   or (m.kind == "demonym" and _GOVERNMENT_NOUN.match(sentence.text[sentence.local(m)[1]:])))]
    payers = sorted((m for m in payers if not _BENEFICIARY.search(sentence.before(m, 30))
                     and not (m.possessive and _RECIPIENT.match(sentence.after(m, 20)))),
                    key=lambda m: m.start)
    if payers:
        payer = payers[-1]
        if _in_list(sentence, payer):
            return Party(None, _coalition(sentence))
        return party_of(payer)
    after = [m for m in country_mentions(sentence) if m.kind == "country" and 0 <= m.start - money.end <= 25]
    if after and re.match(r"^\s+(?:has\s+|had\s+|have\s+)?\w+ed\b", sentence.text[sentence.local(after[0])[1]:]):
        return party_of(after[0])
    if inherited is not None and earlier:
        return inherited
    if _COLLECTIVE.search(sentence.text[:start]):
        return Party(None, _coalition(sentence))
    if previous is not None and _ANAPHOR.search(sentence.text[:start]):
        subjects = [m for m in country_mentions(previous) if not _BENEFICIARY.search(previous.before(m, 30))]
        if subjects:
            return party_of(subjects[0])
        return last_funder  # "About €200 million of that": the figure just told
    return None


def _recipient(sentence: AnnotatedSentence, money: Mention) -> Party | None:
    for m in country_mentions(sentence):
        if m.kind == "demonym" and not _FORCES_AFTER.match(sentence.after(m, 30)):
            continue  # "for Dutch industry" is no recipient; "for the Moldovan armed forces" is
        if 0 <= m.start - money.end <= 60 and _TO_RECIPIENT.search(sentence.before(m, 12)):
            return party_of(m)
    return None


def _in_list(sentence: AnnotatedSentence, m: Mention) -> bool:
    countries = [o for o in sentence.names if o.kind in ("country", "demonym") and o is not m]
    s, e = sentence.local(m)
    for o in countries:
        os_, oe = sentence.local(o)
        gap = sentence.text[oe:s] if oe <= s else sentence.text[e:os_]
        if _LIST_GAP.match(gap):
            return True
    return False


def _coalition(sentence: AnnotatedSentence) -> str | None:
    names = [m.value.name for m in sentence.names if m.kind == "coalition"]
    return names[0] if names else None
