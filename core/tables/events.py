"""Events: the dated happenings a timeline shows, typed by the happening their date marks.

Not every date is an event: deadlines ("until 16 September"), periods money covers ("2025-2028",
"€20 million in 2024"), datelines, bylines and the date a report was made when the sentence
dates the happening itself ("endorsed on 12 December and reported on 14 December"). A span is
dated by its first day, an overnight span by the morning it ends in. A bare year is an event
after a happening verb ("followed in 2022", "will be held in 2026", "at the end of 2018"),
before a happening noun ("the 1998 agreement"), after "since" where it starts a state ("operational
since 2016", not "12,000 trained since 2023"), and "by" a year or day where the clause is
scheduled ("are due by 2027", "should be delivered by 2029"). The type: `event_types`.
"""

from __future__ import annotations

import re
from dataclasses import replace

from core.annotate import Annotated, AnnotatedSentence
from core.mentions.dates import format_date
from core.records import Mention
from core.tables.common import clause_bounds, country_mentions, evidence
from core.tables.event_types import event_type, heading_type, is_list_item, report_attached, sentence_cues

_EDGE = r"(?:the\s+)?(?:(?:early|late|mid-?|middle|end|start|beginning)(?:\s+of)?\s*)?"
_DEADLINE = re.compile(rf"\b(?:until|till|through|by|before|ahead\s+of|due\s+in|to)\s+{_EDGE}$", re.IGNORECASE)
_NOT_UNTIL = re.compile(rf"\bnot\b[^,;]{{0,50}}\buntil\s+{_EDGE}$", re.IGNORECASE)  # "not located until Friday"
_MISSED = re.compile(r"\bhad\s+been\s+(?:due|scheduled|expected|planned)\s+(?:on|in|for)\s+$", re.IGNORECASE)
_BY = re.compile(rf"\bby\s+{_EDGE}$", re.IGNORECASE)
_SCHEDULED = re.compile(r"\b(?:will|shall|should|would|is\s+to|are\s+to|to\s+be|due|expected|expects|scheduled|"
                        r"planned|plans)\b", re.IGNORECASE)
_YEAR_LEAD = re.compile(r"\b(?:in|at|during|from)\s+(?:the\s+(?:spring|summer|autumn|fall|winter|middle|end|"
                        r"beginning|start|course|first\s+half|second\s+half)\s+of\s+)?$", re.IGNORECASE)
_HAPPENED = re.compile(r"\b(?:\w{3,}ed|held|met|began|begun|took|came|went|gave|given|sent|made|flew|fell|built|"
                       r"bought|sold|won|became|brought|set\s+up|began|begin|start|arrive|open|take\s+place)\b",
                       re.IGNORECASE)
_SCHEDULED_FOR = re.compile(r"\b(?:scheduled|planned|slated|set|due|expected|earmarked)\s+for\s+"
                            r"(?:(?:early|late|mid-?)\s+)?$", re.IGNORECASE)
_SINCE = re.compile(r"\bsince\s+$", re.IGNORECASE)
_RUNNING_TOTAL = re.compile(r"\b(?:repeatedly|times|so\s+far|in\s+total|altogether|a\s+total\s+of|total|"
                            r"\d[\d,.]*\s+(?:[\w-]+\s+){0,3}(?:trained|delivered|produced|built|recruited|intercepted|"
                            r"destroyed|downed|fired|launched|received|spent))\b", re.IGNORECASE)
_AMOUNT_BEFORE = re.compile(r"(?:%|per\s*cent|percent|\d\s*(?:million|billion|bn|m))\s+(?:a\s+year\s+)?(?:in|from)\s+$",
                            re.IGNORECASE)
_META_LINE = re.compile(r"^(?:By\s|Updated|Published|Posted)|\s\|\s|^\W*$")
_DATELINE = re.compile(r"^[A-ZÀ-Ž][A-ZÀ-Ž .'-]{2,}(?:,\s*[A-Z][\w .'-]*?)*,\s*$")
_BARE_DATE_LINE = re.compile(r"[\W\d]*(?:(?:at\s+)?\d{1,2}[:.]\d\d\s*(?:[ap]\.?m\.?|[A-Z]{2,5})?[\W\d]*)?",
                             re.IGNORECASE)  # '12. April 2024 - 10:30': a date line, not a happening
_PLACE_DATE_HEAD = re.compile(r"[A-ZÀ-Ž][\w'’-]+(?:\s[A-ZÀ-Ž][\w'’-]+){0,2},\s*")
_OVERNIGHT = re.compile(r"\b(?:overnight|night)\b[^.;]{0,20}$", re.IGNORECASE)


def is_event_date(sentence: AnnotatedSentence, d: Mention) -> bool:
    """Whether a date mention marks a happening (not a deadline, period, byline or dateline)."""
    form = d.value.form
    if not format_date(d.value):
        return False
    start, end = sentence.local(d)
    head = sentence.text[:start]
    if _META_LINE.search(sentence.text) or (sentence.index == 0 and sentence.paragraph == 0 and form != "year"):
        return False
    if _DATELINE.match(head) or _BARE_DATE_LINE.fullmatch(head + sentence.text[end:]):
        return False
    if _PLACE_DATE_HEAD.fullmatch(head) and not sentence.text[end:].strip(" .–—-"):
        return False  # "Warsaw, 18 November 2025": a release's place-and-date line
    clause = sentence.text[slice(*clause_bounds(sentence.text, start))]
    if _BY.search(head[-30:]):  # a due date is an event where the clause is scheduled
        return bool(_SCHEDULED.search(head[-40:]) or _SCHEDULED.search(sentence.text[end:end + 60]))
    if _DEADLINE.search(head[-30:]) and not _NOT_UNTIL.search(head[-80:]):
        return False
    if _MISSED.search(head[-40:]):
        return False
    if form == "relative":
        return _relative_is_event(sentence, d, head, clause)
    if form in ("year", "year_span"):
        return _year_is_event(sentence, d, head, clause)
    return True


def _relative_is_event(sentence: AnnotatedSentence, d: Mention, head: str, clause: str) -> bool:
    """'later this month' dates a happening; 'this month' or 'last week' only right after a verb
    ("the second such incident this month" counts, it does not date); 'this year' only where
    a happening is scheduled in it ("will receive ... this year")."""
    if d.value.month:
        if d.value.relative and d.value.relative.startswith(("later", "earlier")) or d.value.day:
            return True
        return bool(_HAPPENED.search(head[-40:]) or _SCHEDULED.search(head[-40:]))
    return d.value.future and _has_happening(clause) and not _amount_in(sentence, d)


def _year_is_event(sentence: AnnotatedSentence, d: Mention, head: str, clause: str) -> bool:
    """A bare year (or a span of years, dated by its first) that dates a happening."""
    start = len(head)
    if _period_of_money(sentence, start) or _AMOUNT_BEFORE.search(head[-30:]):
        return False
    if d.value.form == "year_span":
        return "from" in head[-8:].lower() and _has_happening(clause) and not sentence.money
    if _SINCE.search(head[-12:]):  # the start of a state, not the bound of a running total
        own = re.split(r"[,;]|\band\b", head)[-1]
        rest = re.split(r"[,;]|\band\b", sentence.text[start:][:80])[0]
        return not _RUNNING_TOTAL.search(own + rest) and not _money_in(
            sentence, clause_bounds(sentence.text, start))
    after = sentence.text[sentence.local(d)[1]:][:30]
    if re.match(r"\s+[\w-]+", after) and _noun_cue_right_after(after):
        return True  # "the 1998 agreement"
    if _SCHEDULED_FOR.search(head[-40:]):
        return True  # "deliveries are scheduled for 2028"
    if not _YEAR_LEAD.search(head[-50:]):
        return False
    window = head[-60:]
    return bool(_HAPPENED.search(window) or _SCHEDULED.search(window) or _has_happening(window))


def _noun_cue_right_after(after: str) -> bool:
    cues = sentence_cues(after)
    return bool(cues) and cues[0].start <= 2 and cues[0].role in ("", "setting")


def _has_happening(text: str) -> bool:
    return any(c.role in ("", "weak") and c.event_type != "other" for c in sentence_cues(text))


def _amount_in(sentence: AnnotatedSentence, d: Mention, chars: int = 12) -> bool:
    """Whether a sum sits just before the date: money a period covers ("€20 million in 2024")."""
    start, _ = sentence.local(d)
    return any(0 <= start - sentence.local(m)[1] <= chars for m in sentence.money)


def _period_of_money(sentence: AnnotatedSentence, start: int) -> bool:
    """A sum shortly before the year with no happening verb between: "pledged €30 million to the
    coalition in 2025" (the money's period), not "the €100 billion fund was set up in 2022"."""
    for m in sentence.money:
        end = sentence.local(m)[1]
        if 0 <= start - end <= 40 and not _HAPPENED.search(sentence.text[end:start]):
            return True
    return False


def _money_in(sentence: AnnotatedSentence, span: tuple[int, int]) -> bool:
    return any(span[0] <= sentence.local(m)[0] < span[1] for m in sentence.money)


def event_date(sentence: AnnotatedSentence, d: Mention) -> str | None:
    """The date of the happening: a span's first day, but the morning an overnight span ends in."""
    value = d.value
    if value.day_end and _OVERNIGHT.search(sentence.before(d, 40)):
        value = replace(value, day=value.day_end)
    return format_date(value)


def summarise(sentence: AnnotatedSentence, d: Mention, limit: int = 140) -> str:
    """One line: the clause around the date, shortened to `limit` characters."""
    start, _ = sentence.local(d)
    c_start, c_end = clause_bounds(sentence.text, start)
    clause = " ".join(sentence.text[c_start:c_end].split()).strip(" ,.;:-")
    return clause if len(clause) <= limit else clause[: limit - 1].rsplit(" ", 1)[0] + "…"


def _event_dates(sentence: AnnotatedSentence) -> list[Mention]:
    """The sentence's event dates; a report's date is left out where the happening reported has
    its own past date (a scheduled one leaves the announcement an event of its own)."""
    dates = [d for d in sentence.dates if is_event_date(sentence, d)]
    own = [d for d in dates if not report_attached(sentence, d)]
    if own and not all(d.value.future for d in own):
        return own
    return dates


def build_events(article: Annotated) -> list[dict]:
    """One row per happening: per (date, event type) at its first mention, unless both mentions
    name actors and no actor is shared (two countries' deliveries on the same day)."""
    rows: list[dict] = []
    seen: dict[tuple[str, str], list[set[str]]] = {}
    previous: str | None = None
    heading: str | None = None
    for sentence in article.sentences:
        if not is_list_item(sentence):
            heading = heading_type(sentence)
        codes = sorted({m.value.code for m in country_mentions(sentence)})
        programs = [m.value.name for m in sentence.names if m.kind in ("coalition", "program")]
        dates = _event_dates(sentence)
        for d in dates:
            date = event_date(sentence, d)
            reporting = len(dates) > 1 and report_attached(sentence, d)
            kind = event_type(sentence, d, previous, heading, reporting)
            previous = kind
            if date is None or not _new_happening(seen.setdefault((date, kind), []), set(codes)):
                continue
            rows.append({"article_id": article.article_id, "date": date, "event_type": kind,
                         "actor_codes": codes, "program": programs[0] if programs else None,
                         "summary": summarise(sentence, d), **evidence(sentence)})
    return rows


def _new_happening(actor_sets: list[set[str]], actors: set[str]) -> bool:
    """Whether a (date, type) already seen with these actor sets is a further happening; records it."""
    if actor_sets and not (actors and all(other and not other & actors for other in actor_sets)):
        return False
    actor_sets.append(actors)
    return True
