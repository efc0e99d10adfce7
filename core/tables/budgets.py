"""Budgets: money someone committed, spent, pledged or requested, with its funder.

Money no one committed (sales, market sizes, GDP, unit prices, conditional "could ...
if" figures) is left out, as is a sum repeated in another currency in brackets. The
funder is the country or actor standing as the subject before the sum; a list of
countries, or "members", makes it collective (the coalition, with no country code).
"""

from __future__ import annotations

import re
from functools import lru_cache

from core import refdata
from core.annotate import Annotated, AnnotatedSentence
from core.currency import eur_columns
from core.records import Mention
from core.tables.common import clause_bounds, country_mentions, evidence, nearest_cue
from core.text import alternation

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
_CONDITIONAL = re.compile(r"\bcould\b.*\bif\b|\bif\b.*\bcould\b", re.IGNORECASE)
_PURPOSE = re.compile(r"^\s*(?:in\s+\w+\s+)?(?:for|to\s+(?:buy|acquire|procure|fund|finance|purchase|support)|on)\s+"
                      r"((?:the\s+)?[\w-]+(?:\s+(?!of\b|from\b|in\b|by\b|and\b|with\b|to\b|through\b)[\w-]+){0,5})")
_PROGRAM_NAME = re.compile(r"\b((?:[A-Z][\w-]*\s+){0,4}(?:Fund|Programme|Program|Plan|Initiative|Facility|Shield|"
                           r"Package|Instrument|Mechanism))\b")
_FACT_LINE = re.compile(r"^\s*(?:[-•*–]\s+|[\w\s]{2,40}:\s)")
_YEAR_NEAR = re.compile(r"\b(?:in|for|during)\s+((?:19|20)\d\d)\b|\b((?:19|20)\d\d)\s+(?:allocation|budget|tranche)\b")


@lru_cache(maxsize=1)
def _NON_BUDGET_BEFORE() -> re.Pattern[str]:  # noqa: N802 - a compiled vocabulary, named like a constant
    body = alternation(r["cue"] for r in refdata.rows("vocab/non_budget_cues.csv") if r["where"] == "before")
    return re.compile(rf"\b(?:{body})\b(?:\s+\w+){{0,4}}\s+(?:of|at|to|was|were|is|reached|totalled|totaled|about|"
                      rf"around|some|nearly|almost|roughly|approximately|up\s+to|over|more\s+than)?\s*$", re.IGNORECASE)


@lru_cache(maxsize=1)
def _NON_BUDGET_AFTER() -> re.Pattern[str]:  # noqa: N802
    body = alternation(r["cue"] for r in refdata.rows("vocab/non_budget_cues.csv") if r["where"] == "after")
    return re.compile(rf"^\s*(?:a\s+year\s+|annually\s+|per\s+year\s+)?(?:{body})\b", re.IGNORECASE)


def is_budget(sentence: AnnotatedSentence, money: Mention) -> bool:
    """Whether a sum is money someone committed rather than a price, a sale or a conversion."""
    if money.value.conversion_of is not None:
        return False
    start, end = sentence.local(money)
    if _NON_BUDGET_BEFORE().search(sentence.text[max(0, start - 40):start]):
        return False
    if _NON_BUDGET_AFTER().match(sentence.text[end:end + 30]):
        return False
    c_start, c_end = clause_bounds(sentence.text, start)
    return not _CONDITIONAL.search(sentence.text[c_start:c_end])


def find_funder(sentence: AnnotatedSentence, money: Mention, previous: AnnotatedSentence | None,
                inherited: tuple | None = None, last_funder: tuple | None = None) -> tuple:
    """(code, name) of who pays: the nearest subject-like country or actor between the previous sum
    of the sentence and this one; else the previous sum's funder ("€20 million for X and €10 million
    for Y"); else a subject just after the sum ("a €1.5 billion loan Romania obtained")."""
    start, _ = sentence.local(money)
    earlier = [m for m in sentence.money if m.end <= money.start]
    floor = earlier[-1].end if earlier else sentence.start
    payers = [m for m in [*country_mentions(sentence), *sentence.names]
              if floor <= m.start and m.end <= money.start
              and (m.kind in ("country", "force", "institution", "actor", "coalition")
                                           or (m.kind == "demonym" and _GOVERNMENT_NOUN.match(
                                               sentence.text[sentence.local(m)[1]:])))]
    payers = sorted((m for m in payers if not _BENEFICIARY.search(sentence.before(m, 30))
                     and not (m.possessive and _RECIPIENT.match(sentence.after(m, 20)))),
                    key=lambda m: m.start)
    if payers:
        payer = payers[-1]
        if _in_list(sentence, payer):
            return None, _coalition(sentence)
        return _code_and_name(payer)
    after = [m for m in country_mentions(sentence) if m.kind == "country" and 0 <= m.start - money.end <= 25]
    if after and re.match(r"^\s+(?:has\s+|had\s+|have\s+)?\w+ed\b", sentence.text[sentence.local(after[0])[1]:]):
        return _code_and_name(after[0])
    if inherited is not None and earlier:
        return inherited
    if _COLLECTIVE.search(sentence.text[:start]):
        return None, _coalition(sentence)
    if previous is not None and _ANAPHOR.search(sentence.text[:start]):
        subjects = [m for m in country_mentions(previous) if not _BENEFICIARY.search(previous.before(m, 30))]
        if subjects:
            return _code_and_name(subjects[0])
        if last_funder is not None:
            return last_funder  # "About €200 million of that": the figure just told
    return None, None


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


def _code_and_name(m: Mention) -> tuple[str | None, str | None]:
    if m.kind in ("actor", "coalition"):
        return None, m.value.name
    return m.value.code, refdata.country_name(m.value.code) or m.value.name


def budget_kind(sentence: AnnotatedSentence, money: Mention) -> str:
    """total, allocation, pledge, contribution, package or other: the nearest cue's kind."""
    start, end = sentence.local(money)
    hit = nearest_cue(sentence.text, (start + end) // 2, "budget_kinds", "kind", window=70)
    return hit[0] if hit else "other"


def budget_years(sentence: AnnotatedSentence, money: Mention) -> tuple[int | None, int | None]:
    """The years the sum covers: a span (2025-2028) or a single year near it, else none."""
    spans = [d for d in sentence.dates if d.value.form == "year_span"]
    if spans:
        nearest = min(spans, key=lambda d: abs(d.start - money.start))
        return nearest.value.year, nearest.value.year_end
    start, end = sentence.local(money)
    window = sentence.text[max(0, start - 30):end + 40]
    m = _YEAR_NEAR.search(window)
    if m:
        year = int(m.group(1) or m.group(2))
        return year, year
    return None, None


def budget_program(sentence: AnnotatedSentence, money: Mention) -> str | None:
    """The named program, fund or coalition the money belongs to, if the sentence names one."""
    coalition = _coalition(sentence)
    named = _PROGRAM_NAME.search(sentence.text)
    if named and len(named.group(1).split()) > 1:
        return named.group(1).strip()
    return coalition


def budget_purpose(sentence: AnnotatedSentence, money: Mention) -> str | None:
    """What the money buys, in a few words ("for drone purchases" -> "drone purchases")."""
    _, end = sentence.local(money)
    m = _PURPOSE.match(sentence.text[end:end + 80])
    return m.group(1).strip() if m else None


def build_budgets(article: Annotated) -> list[dict]:
    """One row per figure of the article (a figure repeated with the same funder is one row)."""
    rows: list[dict] = []
    previous = None
    for sentence in article.sentences:
        inherited, previous_kind = None, None
        for money in sentence.money:
            if not is_budget(sentence, money):
                continue
            last = (rows[-1]["funder_code"], rows[-1]["funder"]) if rows and rows[-1]["funder"] else None
            code, funder = find_funder(sentence, money, previous, inherited, last)
            if funder is None and rows and _FACT_LINE.match(sentence.text):
                code, funder = rows[-1]["funder_code"], rows[-1]["funder"]  # a fact box lists the same program
            inherited = (code, funder)
            kind = budget_kind(sentence, money)
            if kind == "other" and previous_kind:
                kind = previous_kind  # "€20 million for drones and €10 million for industry"
            previous_kind = kind
            year_start, year_end = budget_years(sentence, money)
            row = {"article_id": article.article_id, "amount": money.value.amount,
                   "currency": money.value.currency, "amount_eur": None, "eur_rate_date": None, "eur_rate_basis": None, "funder_code": code, "funder": funder,
                   "program": budget_program(sentence, money), "purpose": budget_purpose(sentence, money),
                   "kind": kind, "year_start": year_start, "year_end": year_end,
                   **evidence(sentence)}
            _merge(rows, row)
        previous = sentence
    for row in rows:
        row.update(eur_columns(row["amount"], row["currency"], article.doc.published, row["year_start"]))
    return rows


def _merge(rows: list[dict], row: dict) -> None:
    """Add `row` unless it repeats a figure already there (same sum, funders not in conflict)."""
    for old in rows:
        if old["currency"] != row["currency"] or abs(old["amount"] - row["amount"]) > 0.005 * row["amount"]:
            continue
        if old["funder"] and row["funder"] and old["funder"] != row["funder"]:
            continue
        if "other" not in (old["kind"], row["kind"]) and old["kind"] != row["kind"] and "total" not in (
                old["kind"], row["kind"]):
            continue
        for key in ("funder_code", "funder", "program", "purpose", "year_start", "year_end"):
            if old[key] is None and row[key] is not None:
                old[key] = row[key]
        if old["kind"] == "other":
            old["kind"] = row["kind"]
        return
    rows.append(row)
