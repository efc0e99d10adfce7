"""Events: the dated happenings a timeline shows, typed by the cue nearest their date.

Not every date is an event: deadlines ("until 16 September", "by the end of 2027"),
periods money covers ("2025-2028", "pledges for 2025"), datelines and bylines are not.
A bare year is an event only after "since" or a verb of founding ("set up in 2022").
"""

from __future__ import annotations

import re
from dataclasses import replace

from core.annotate import Annotated, AnnotatedSentence
from core.mentions.dates import format_date
from core.records import Mention
from core.tables.common import clause_bounds, country_mentions, evidence, nearest_cue

_DEADLINE = re.compile(r"\b(?:until|till|through|by|before|ahead\s+of|end\s+of|by\s+the\s+end\s+of|due\s+in|to)\s+"
                       r"(?:the\s+)?(?:(?:early|late|mid-?)\s+)?$", re.IGNORECASE)
_YEAR_EVENT = re.compile(
    r"(?:\bsince\s+$|\b(?:set\s+up|established|launched|founded|created|formed|opened|signed|began|started|built|"
    r"introduced|adopted|joined|became|inaugurated|agreed|completed|delivered|deployed|approved|announced|ordered|"
    r"bought|purchased|awarded|acquired|received|contracted)"
    r"(?:\s+[\w,€$£.-]+){0,6}\s+in\s+$)", re.IGNORECASE)
_META_LINE = re.compile(r"^(?:By\s|Updated|Published|Posted)|\s\|\s|^\W*$")
_DATELINE = re.compile(r"^[A-ZÀ-Ž][A-ZÀ-Ž .'-]{2,}(?:,\s*[A-Z][\w .'-]*?)*,\s*$")
_SKIP_FORMS = ("year_span",)
_MONEY_THING = re.compile(r"\b(?:fund|funds|package|budget|financing|loan|loans)\b", re.IGNORECASE)
TYPE_PRIORITY = ("incident", "establishment", "agreement", "procurement", "delivery", "deployment", "membership",
                 "summit", "approval", "funding", "report", "announcement", "other")


def is_event_date(sentence: AnnotatedSentence, d: Mention) -> bool:
    """Whether a date mention marks a happening (not a deadline, period, byline or dateline)."""
    form = d.value.form
    if form in _SKIP_FORMS or not format_date(d.value):
        return False
    start, _ = sentence.local(d)
    head = sentence.text[:start]
    if _META_LINE.search(sentence.text) or (sentence.index == 0 and sentence.paragraph == 0 and form != "year"):
        return False
    if _DATELINE.match(head):
        return False
    if _DEADLINE.search(head[-30:]):
        return False
    if form == "relative" and not d.value.month:
        return False
    if form == "year":
        return _YEAR_EVENT.search(head[-60:]) is not None
    return True


def event_type(sentence: AnnotatedSentence, d: Mention) -> str:
    """The event type of the cue nearest the date within its clause; 'other' if none."""
    start, end = sentence.local(d)
    c_start, c_end = clause_bounds(sentence.text, start)
    clause = sentence.text[c_start:c_end]
    hit = nearest_cue(clause, start - c_start, "event_cues", "event_type", window=120)
    if hit is None:
        hit = nearest_cue(sentence.text, start, "event_cues", "event_type", window=200)
    kind = hit[0] if hit else "other"
    if kind == "establishment" and _MONEY_THING.search(clause):
        return "funding"  # "the special fund set up in 2022": money being set up
    return kind


def summarise(sentence: AnnotatedSentence, d: Mention, limit: int = 140) -> str:
    """One line: the clause around the date, shortened to `limit` characters."""
    start, _ = sentence.local(d)
    c_start, c_end = clause_bounds(sentence.text, start)
    clause = " ".join(sentence.text[c_start:c_end].split()).strip(" ,.;:-")
    return clause if len(clause) <= limit else clause[: limit - 1].rsplit(" ", 1)[0] + "…"


_OVERNIGHT = re.compile(r"\b(?:overnight|night)\b[^.;]{0,20}$", re.IGNORECASE)


def event_date(sentence: AnnotatedSentence, d: Mention) -> str | None:
    """The date of the happening: a span's first day, but the morning an overnight span ends in."""
    value = d.value
    if value.day_end and _OVERNIGHT.search(sentence.before(d, 40)):
        value = replace(value, day=value.day_end)
    return format_date(value)


def build_events(article: Annotated) -> list[dict]:
    """One row per (date, event type) of the article, at its first mention."""
    rows: dict[tuple[str | None, str], dict] = {}
    for sentence in article.sentences:
        codes = sorted({m.value.code for m in country_mentions(sentence)})
        programs = [m.value.name for m in sentence.names if m.kind == "coalition"]
        for d in sentence.dates:
            if not is_event_date(sentence, d):
                continue
            date, kind = event_date(sentence, d), event_type(sentence, d)
            if (date, kind) in rows:
                continue
            rows[(date, kind)] = {"article_id": article.article_id, "date": date, "event_type": kind,
                                  "actor_codes": codes, "program": programs[0] if programs else None,
                                  "summary": summarise(sentence, d), **evidence(sentence)}
    return list(rows.values())
