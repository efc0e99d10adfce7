"""The type of an event: that of the happening a date marks, not of its reporting.

Cues come from `data/vocab/event_cues.csv`; each has a `role` that says how much it can type
a happening on its own:

- '' (a happening): "crashed", "signed", "deliveries", "exercise";
- `weak`: announcing ("announced", "unveiled"); the type only when no happening is told beside
  it, and an `object` cue right after it ("announced Eastern Sentry, a new mission") makes the
  announcement an establishment;
- `setting`: where something else happened ("at a meeting", "during a visit");
- `report`: reporting ("said", "told reporters", "according to"): the happening is what was
  reported ("a drone crashed, the ministry said on Monday" is an incident); only where
  nothing else is told is it an announcement (or a report, for "reported");
- `previous`: a happening told as the one before it ("a second followed on 8 June").

The cue chosen is the nearest after penalties by role, by leaving the date's clause, by lying
after the date beyond an "and", and by sitting in a time clause of another time ("years after
Riga ordered ..."). A list item takes its heading's type ("The deliveries so far:"), and a
transfer with money in its clause is funding.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from core import refdata
from core.annotate import AnnotatedSentence
from core.records import Mention
from core.tables.common import clause_bounds
from core.vocab import words_pattern

_ROLE_COST = {"": 0, "weak": 100, "setting": 1100, "report": 1000, "previous": 700}
_OTHER_CLAUSE = 150
_AFTER_AND = 100
_AFTER_COMMA = 80  # a cue after the date beyond a comma belongs to another constituent
_OTHER_TIME = re.compile(r"\b(?:years?|months?|weeks?|days?)\s+(?:after|before)\b[^,;]{0,60}$", re.IGNORECASE)
_SETTING_LEAD = re.compile(r"\b(?:at|after|during|on|before|ahead\s+of|for|of)\s+(?:the\s+|a\s+|an\s+|its\s+|their\s+)?"
                           r"(?:[\w'’-]+\s+){0,5}$", re.IGNORECASE)
_MONEY_THING = re.compile(r"\b(?:fund|funds|package|budget|financing|loan|loans)\b", re.IGNORECASE)
#: How near a purchase must be told to the signing for the signing to be a purchase: before it ("bought ...
#: in a $1.25 billion deal") or just after ("signed a €4.75 billion contract"), not in a later clause
#: about it ("signed a memorandum that sets out how the group buys equipment").
_DEAL_REACH, _DEAL_AFTER = 60, 30
#: How far before a purchase or accord an approving verb makes it its object ("ratified the accession protocol").
_APPROVED_REACH = 30
_PURCHASE_AFTER = re.compile(r"^\s+(?:order|contract|deal|purchase)s?\b", re.IGNORECASE)
_BULLET = re.compile(r"^\s*[-–•*·]\s")
_NEGATED = re.compile(r"\b(?:not|never|n't)\s+(?:\w+\s+){0,2}$", re.IGNORECASE)
_RELATIVE_BEFORE = re.compile(r"\b(?:that|which|who)\s+(?:\w+\s+){0,2}$", re.IGNORECASE)
_TAIL_REPORT = re.compile(r",\s*(?:[\w'’.-]+\s+){1,6}$")
_DATE_TO_END = re.compile(r"^\s+(?:on\s+|in\s+)?[\w .,]{0,25}[.\"”]?\s*$")
_PASSIVE_BEFORE = re.compile(r"\b(?:was|were|been|be|being)\s+$", re.IGNORECASE)
_TRANSFER_TYPES = ("delivery", "announcement")


@dataclass(frozen=True)
class Cue:
    """An event cue found in a sentence: its type, role and span (relative to the sentence)."""

    event_type: str
    role: str
    start: int
    end: int


@cache
def _vocab() -> dict[str, tuple[str, str]]:
    return {r["cue"].lower(): (r["event_type"], r.get("role", "")) for r in refdata.rows("vocab/event_cues.csv")}


@cache
def _pattern() -> re.Pattern[str]:
    return words_pattern(list(_vocab()))


def sentence_cues(text: str) -> list[Cue]:
    """The event cues of a sentence, in order.

    >>> [(c.event_type, c.role) for c in sentence_cues("A drone crashed, the ministry said.")]
    [('incident', ''), ('announcement', 'report')]
    """
    out = []
    for m in _pattern().finditer(text):
        key = " ".join(m.group().lower().replace("-", " ").split())
        event_type, role = _vocab().get(key) or _vocab().get(m.group().lower(), ("other", ""))
        if role == "none":
            continue  # "member states": a longer phrase that is no cue hides the cue inside it
        if role == "setting" and not _SETTING_LEAD.search(text[:m.start()][-60:]):
            role = ""  # "the meeting opened": the meeting is the happening
        if role == "" and _NEGATED.search(text[:m.start()][-30:]):
            continue  # "whose origin has not been established": nothing happened
        if role == "weak" and _TAIL_REPORT.search(text[:m.start()]) and _DATE_TO_END.match(text[m.end():]):
            role = "report"  # "Japan has joined the coalition, the ministry announced on May 16.": a report
        out.append(Cue(event_type, role, m.start(), m.end()))
    return out


def _cost(text: str, cue: Cue, start: int, end: int, clause: tuple[int, int]) -> int:
    distance = cue.start - end if cue.start >= end else start - cue.end
    cost = max(distance, 0) + _ROLE_COST.get(cue.role, 0)
    if not clause[0] <= cue.start < clause[1]:
        cost += _OTHER_CLAUSE
    if cue.start >= end and re.search(r"\band\b", text[end:cue.start]):
        cost += _AFTER_AND
    if cue.start >= end and "," in text[end:cue.start] and len(text[:start].split()) > 1:
        cost += _AFTER_COMMA  # not for a date opening the sentence: "On 17 January, its ministry ..."
    if cue.role == "" and _OTHER_TIME.search(text[:cue.start]):
        cost += 2000  # "two years after Riga ordered ...": another time's happening
    if cue.role == "" and _RELATIVE_BEFORE.search(text[:cue.start]) and not _in_relative(text, cue, start):
        cost += _OTHER_CLAUSE  # "the group ... that buys drones, ...": what a noun does, not the happening
    return cost


def _in_relative(text: str, cue: Cue, start: int) -> bool:
    """Whether the date at `start` lies in the relative clause of `cue` (up to its next comma)."""
    comma = text.find(",", cue.end)
    return start >= cue.end and (comma < 0 or start < comma)


_AHEAD = re.compile(r"\b(?:will|would|shall|is\s+to|are\s+to|plans?\s+to|intends?\s+to|wants?\s+to)\b"
                    r"(?:\s+\S+){0,25}\s*$", re.IGNORECASE)


def _brings_object(cues: list[Cue], weak: Cue) -> bool:
    return any(c.role == "object" and 0 <= c.start - weak.end <= 120 for c in cues)


def _announced_ahead(text: str, cues: list[Cue], best: Cue, start: int) -> bool:
    """Whether the date is an announcement's (a reporting or announcing verb just before it) and
    the happening chosen is told as still to come ("will keep", "would close")."""
    before = [c for c in cues if c.end <= start]
    if not before or before[-1].role not in ("report", "weak"):
        return False
    if len(text[before[-1].end:start].split()) > 6:
        return False
    return bool(_AHEAD.search(text[:best.start][-200:]))


def _usable(cues: list[Cue], text: str) -> list[Cue]:
    """Drop object cues that no announcing verb brings in just before them."""
    out = []
    for cue in cues:
        if cue.role == "object":
            weak = [c for c in cues if c.role == "weak" and c.end <= cue.start and cue.start - c.end <= 120]
            if not weak:
                continue
        out.append(cue)
    return out


def event_type(sentence: AnnotatedSentence, d: Mention, previous: str | None = None,
               heading: str | None = None, reporting: bool = False) -> str:
    """The type of the happening the date `d` marks; `previous` is the type of the event told
    just before in the article, `heading` the type of the list heading the sentence is an item of;
    `reporting`: the date is a report's whose happening has its own date, an announcement."""
    text = sentence.text
    start, end = sentence.local(d)
    if heading and _BULLET.match(text):
        return heading
    if reporting:
        return "announcement"
    cues = _usable(sentence_cues(text), text)
    if not cues:
        return "other"
    clause = clause_bounds(text, start)
    best = min(cues, key=lambda c: _cost(text, c, start, end, clause))
    if best.role == "weak" and _brings_object(cues, best):
        return "establishment"  # "presented ... Eastern Sentry, a flexible mission"
    if best.role == "previous":
        return previous or "other"
    if best.role == "object":
        return "establishment"
    if best.role == "report":
        return "announcement" if any(c.role == "report" and c.event_type == "announcement" for c in cues) else "report"
    kind = best.event_type
    if kind in _TRANSFER_TYPES and _money_near(sentence, best, clause):
        return "funding"  # "gave up to NOK 1.6 billion", "announced an extra EUR 20 million"
    if best.role == "" and _announced_ahead(text, cues, best, start):
        return "announcement"  # "announced on 9 September that crossings would close": not yet done
    if kind in ("procurement", "agreement") and any(
            c.event_type == "approval" and c.role == "" and 0 <= best.start - c.end <= _APPROVED_REACH for c in cues):
        return "approval"  # "approved the purchase", "ratified the accession protocol": the approval is the happening
    in_clause = [c.event_type for c in cues if clause[0] <= c.start < clause[1] and c.role == ""
                 and c.start - best.start >= -_DEAL_REACH and c.start - best.end <= _DEAL_AFTER]
    if kind == "agreement" and "procurement" in in_clause:
        return "procurement"  # "signed contracts", "bought ... in a $1.25 billion deal"
    if kind == "agreement" and "funding" in in_clause and best.start < min(
            c.start for c in cues if c.event_type == "funding"):
        return "funding"  # "signed a further contribution of 1.1 billion crowns"
    if kind == "agreement" and _PASSIVE_BEFORE.search(text[:best.start]) and any(
            c.event_type == "procurement" and c.role == "" and c.end <= best.start for c in cues):
        return "procurement"  # "A contract for 2,000 drones ... was signed by the ministry": what was signed
    if kind == "establishment" and _MONEY_THING.search(text[slice(*clause)]):
        return "funding"  # "the special fund set up in 2022": money being set up
    return kind


def _money_near(sentence: AnnotatedSentence, cue: Cue, clause: tuple[int, int]) -> bool:
    if cue.role not in ("", "weak") or cue.event_type == "other":
        return False
    for m in sentence.money:
        m_start, m_end = sentence.local(m)
        if _PURCHASE_AFTER.match(sentence.text[m_end:]):
            continue  # "landed on Thursday, completing a $1.6 billion order": the sum sizes the purchase
        if cue.end <= m_start <= cue.end + 60 and clause[0] <= m_start < clause[1]:
            return True
    return False


def heading_type(sentence: AnnotatedSentence) -> str | None:
    """The type a list heading gives its items: "The deliveries so far:" -> delivery."""
    text = sentence.text.rstrip()
    if not text.endswith(":"):
        return None
    cues = [c for c in sentence_cues(text) if c.role in ("", "weak")]
    return cues[-1].event_type if cues else None


def is_list_item(sentence: AnnotatedSentence) -> bool:
    return bool(_BULLET.match(sentence.text))


def report_attached(sentence: AnnotatedSentence, d: Mention) -> bool:
    """Whether the date dates the reporting ("the ministry said on Monday", "reported by Belgian
    media on 14 December", "told reporters in Brussels on Tuesday") rather than a happening."""
    start, _ = sentence.local(d)
    before = [c for c in sentence_cues(sentence.text) if c.end <= start]
    if not before or before[-1].role != "report":
        return False
    between = sentence.text[before[-1].end:start]
    return len(between.split()) <= 6 and not re.search(r"[,;:]", between)
