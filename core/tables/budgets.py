"""Budgets: money someone committed, spent, pledged or requested (contract v2).

One row per figure of the article: who pays (`core.tables.funders`, by grammar, or by
position where a sentence has no parse), whose forces or people it supports, its kind,
years, program and purpose (`core.tables.budget_facets`), and the larger figure it is a
share of (`core.tables.budget_shares`). Money no one committed is left out: sales,
revenue, market sizes and values, GDP, unit prices, hypothetical payments ("could
contribute ... if"), and a sum repeated in another currency in brackets.
"""

from __future__ import annotations

import re
from functools import lru_cache

from core import refdata
from core.annotate import Annotated, AnnotatedSentence
from core.currency import eur_columns
from core.mentions.currencies import currency_issuer
from core.records import Mention
from core.tables.budget_facets import budget_kind, budget_program, budget_purpose, budget_years
from core.tables.budget_shares import SHARE_AFTER, default_recipients, inherit_from_parents, link_shares
from core.tables.budget_traps import is_budget
from core.tables.common import country_mentions, evidence
from core.tables.funders import Context, Parties, Party, parties_by_grammar, party_of
from core.tables.funders_text import parties_by_position

_FACT_LINE = re.compile(r"^\s*(?:[-•*–]\s+|[\w\s]{2,40}:\s)")
_TO_FUND = re.compile(r"\b(?:into|to|for|through)\s+(?:the\s+)?(?:[\w-]+\s+){0,3}(?:fund|coalition|initiative|"
                      r"facility|mechanism|trust\s+fund)\b", re.IGNORECASE)
_OF_PARENT = SHARE_AFTER
_MILITARY_SITES = frozenset({"air base", "naval base", "army base", "training area"})
_APPROXIMATE = frozenset({"about", "around", "roughly", "nearly", "almost", "approximately", "some", "an estimated"})
_RESTATED = re.compile(r"^[^.;]{0,60},\s*or\s+(?:\w+\s+){0,2}$", re.IGNORECASE)



@lru_cache(maxsize=1)
def _actor_kinds() -> dict[str, str]:
    """Each actor of data/vocab/actors.csv and its kind (alliance, union, bank, agency, fund...)."""
    return {r["actor"]: r["kind"] for r in refdata.rows("vocab/actors.csv")}


@lru_cache(maxsize=1)
def _lenders() -> frozenset[str]:
    """Actors whose money is an EU instrument or a loan (kind `other`): unions and banks."""
    return frozenset(actor for actor, kind in _actor_kinds().items() if kind in ("union", "bank"))


def _payer(funder: str) -> str:
    """Who pays, for telling repeats apart: the EU's institutions are the one union ("the European
    Commission confirmed a €150bn package" repeats the headline's "EU approves €150bn")."""
    return "union" if _actor_kinds().get(funder) == "union" else funder


def _home_country(article: Annotated) -> Party | None:
    """The article's own country: the one its headline names, else the one it names most."""
    counts: dict[str, int] = {}
    for sentence in article.sentences:
        for m in country_mentions(sentence):
            weight = 3 if sentence.index == 0 else 1
            counts[m.value.code] = counts.get(m.value.code, 0) + weight
    if not counts:
        return None
    code = max(counts, key=lambda c: counts[c])
    return Party(code, refdata.country_name(code))


def build_budgets(article: Annotated, people: dict[str, str] | None = None) -> list[dict]:
    """One row per figure of the article, with `budget_id` and `part_of` (contract v2)."""
    home = _home_country(article)
    rows: list[dict] = []
    previous = None
    for sentence in article.sentences:
        before: tuple[Mention, Parties] | None = None
        for money in sentence.money:
            if not is_budget(sentence, money):
                continue
            last = Party(rows[-1]["funder_code"], rows[-1]["funder"]) if rows and rows[-1]["funder"] else None
            parties, told = _parties(sentence, money, previous, before, Context(people or {}, home, last))
            if parties.funder is None and rows and _FACT_LINE.match(sentence.text) and not parties.handed:
                parties = Parties(Party(rows[-1]["funder_code"], rows[-1]["funder"]), parties.recipient)
            before = (money, parties)
            for funder, recipient in parties.each or ((parties.funder, parties.recipient),):
                row = _row(article, sentence, previous, money, funder, recipient, parties.handed, told)
                if row["kind"] is None and rows and rows[-1]["_sentence"] == sentence.index:
                    row["kind"] = rows[-1]["kind"]  # "€20 million for drones and €10 million for industry"
                _merge(rows, row)
        previous = sentence
    return finish_rows(article, rows)


_GAP = re.compile(r"^\s*,?\s*(?:and|while|whereas|but)?\s*(?:the\s+)?$")
_GAP_AFTER = re.compile(r"^\s*(?:\w+\s+){0,2}$")


def _parties(sentence: AnnotatedSentence, money: Mention, previous: AnnotatedSentence | None,
             before: tuple[Mention, Parties] | None, context: Context) -> tuple[Parties, bool]:
    """Who pays and who gets `money`, and whether the grammar told the payer."""
    line = _fact_line_party(sentence, money)
    if line is not None:  # "- Lithuania: €6.375bn"
        return Parties(None, line, handed=True), False
    gapped = _gapped_party(sentence, money, before)
    if gapped is not None and before is not None:  # "Luxembourg contributed EUR 12 million and Estonia 6.5 million"
        prior = before[1]
        if prior.handed:
            return Parties(prior.funder, gapped, handed=True), prior.funder is not None
        return Parties(gapped, prior.recipient), True
    parties = parties_by_grammar(sentence, money, context)
    told = parties is not None and (parties.funder is not None or bool(parties.each))
    if parties is None or (parties.funder is None and not parties.each and not parties.handed):
        inherited = before[1].funder if before else None
        by_position = parties_by_position(sentence, money, previous, inherited, context.last_funder,
                                          context.people)
        parties = Parties(by_position.funder, (parties.recipient if parties else None) or by_position.recipient,
                          handed=parties.handed if parties else False)
    return parties, told


def _fact_line_party(sentence: AnnotatedSentence, money: Mention) -> Party | None:
    """The country of a fact-box line that sets a sum against it ("- Lithuania: €6.375bn")."""
    start, end = sentence.local(money)
    named = [m for m in country_mentions(sentence) if m.end <= money.start]
    if len(sentence.money) != 1 or len(named) != 1 or re.search(r"\w", sentence.text[end:]):
        return None
    n_start, n_end = sentence.local(named[0])
    if re.match(r"^\s*[-•*–]?\s*$", sentence.text[:n_start]) and re.match(r"^\s*[:–-]\s*$",
                                                                         sentence.text[n_end:start]):
        return party_of(named[0])
    return None


def _gapped_party(sentence: AnnotatedSentence, money: Mention,
                  before: tuple[Mention, Parties] | None) -> Party | None:
    """The one country between the previous sum and this one in a gapped clause ("and Iceland €2 million",
    "and Italy for €14.9bn"): it takes the previous sum's role."""
    if before is None:
        return None
    named = [m for m in country_mentions(sentence) if before[0].end <= m.start and m.end <= money.start]
    if len(named) != 1:
        return None
    gap_start, gap_end = sentence.local(named[0])
    if (_GAP.match(sentence.text[sentence.local(before[0])[1]:gap_start])
            and _GAP_AFTER.match(sentence.text[gap_end:sentence.local(money)[0]])):
        return party_of(named[0])
    return None


def _row(article: Annotated, sentence: AnnotatedSentence, previous: AnnotatedSentence | None, money: Mention,
         funder: Party | None, recipient: Party | None, handed: bool, told: bool) -> dict:
    start, end = sentence.local(money)
    year_start, year_end = budget_years(sentence, money)
    earlier = [m for m in sentence.money if m.end <= money.start]
    between = sentence.text[sentence.local(earlier[-1])[1]:start] if earlier else ""
    amount = money.value.high or money.value.amount  # a range is one row with its larger figure
    return {"article_id": article.article_id, "budget_id": None, "amount": amount,
            "currency": money.value.currency, "amount_eur": None, "eur_rate_date": None, "eur_rate_basis": None,
            "funder_code": funder.code if funder else None, "funder": funder.name if funder else None,
            "recipient_code": recipient.code if recipient else None,
            "recipient": recipient.name if recipient else None,
            "program": budget_program(sentence), "purpose": budget_purpose(sentence, money),
            "kind": budget_kind(sentence, money), "part_of": None,
            "year_start": year_start, "year_end": year_end, **evidence(sentence),
            "_sentence": sentence.index, "_told": [sentence.index], "_between": between, "_before": sentence.text[max(0, start - 60):start],
            "_after": sentence.text[end:end + 40], "_handed": handed, "_funder_told": told, "_recipient_told": recipient is not None,
            "_fact_line": _fact_line_party(sentence, money) is not None,
            "_gapped": bool(earlier) and not re.search(r"[a-z]{4,}", between.replace(" and ", " ")),
            "_to_fund": bool(_TO_FUND.search(sentence.text[end:])), "_site_country": _site_country(sentence, previous),
            "_of_parent": bool(_OF_PARENT.match(sentence.text[end:end + 40])),
            "_approx": money.value.qualifier in _APPROXIMATE,
            "_restated_as": _restated_as(sentence, money), "_share_told": _share_told(sentence),
            "_parent": None}


def _restated_as(sentence: AnnotatedSentence, money: Mention) -> tuple[float, str] | None:
    """The larger figure that restates this one over a longer period ("€200 million a year ..., or
    €1 billion over five years"): its amount and currency."""
    later = [m for m in sentence.money if m.start >= money.end]
    if later and _RESTATED.search(sentence.text[sentence.local(money)[1]:sentence.local(later[0])[0]]):
        value = later[0].value
        if (value.high or value.amount) > (money.value.high or money.value.amount):
            return value.high or value.amount, value.currency
    return None


def _share_told(sentence: AnnotatedSentence) -> bool:
    """The sentence is about a share: its main subject is one ("The Dutch share was confirmed ..., where
    the minister said the Netherlands would pay EUR 20 million")."""
    parse = sentence.parse
    if parse is None:
        return False
    roots = [i for i in range(len(parse)) if parse.heads[i] == i]
    return any(parse.lower(s) in ("share", "portion", "part", "slice") for r in roots for s in parse.subjects(r))


def _site_country(sentence: AnnotatedSentence, previous: AnnotatedSentence | None) -> tuple[str, str] | None:
    """The country of a site this sentence or the one before names (a base a project rebuilds)."""
    for s in (sentence, previous):
        for m in s.names if s is not None else []:
            if m.kind == "site" and m.value.code and m.value.kind in _MILITARY_SITES and not m.value.capital:
                return m.value.code, refdata.country_name(m.value.code) or m.value.code
    return None


def _merge(rows: list[dict], row: dict) -> None:
    """Add `row` unless it repeats a figure already there: the same sum, funders, recipients, years and
    kinds not in conflict."""
    for old in rows:
        if _same_figure(old, row, kinds_may_differ=False):
            _absorb(old, row)
            return
    rows.append(row)


def _same_figure(old: dict, row: dict, kinds_may_differ: bool) -> bool:
    if old["currency"] != row["currency"] and kinds_may_differ and _converted(old, row):
        pass  # "a $2.5 billion agreement ... The contract, worth about 10 billion zlotys": one figure
    elif old["currency"] != row["currency"] or abs(old["amount"] - row["amount"]) > 0.005 * row["amount"]:
        return False
    if old["recipient"] and row["recipient"] and old["recipient"] != row["recipient"]:
        return False
    if old["funder"] and row["funder"] and _payer(old["funder"]) != _payer(row["funder"]):
        return False
    if old["year_start"] and row["year_start"] and old["year_start"] != row["year_start"]:
        return False
    kinds = {old["kind"], row["kind"]} - {None, "total"}
    return len(kinds) <= 1 or (kinds_may_differ and old["_sentence"] != row["_sentence"])


def _converted(old: dict, row: dict) -> bool:
    """A later sum in another currency, given as approximate, within 8 % of an earlier one in euros."""
    a, b = old["amount_eur"], row["amount_eur"]
    return bool(a and b and row["_approx"] and abs(a - b) <= 0.08 * max(a, b) and old["_sentence"] < row["_sentence"])


def _absorb(old: dict, row: dict) -> None:
    if old["_sentence"] == 0 < row["_sentence"] and row["kind"] and row["currency"] == old["currency"]:
        old["kind"] = row["kind"]  # the headline's word for a figure yields to the story's
    for key in ("funder_code", "funder", "recipient_code", "recipient", "program", "purpose", "year_start",
                "year_end", "kind"):
        if old[key] is None and row[key] is not None:
            old[key] = row[key]
    old["_handed"] = old["_handed"] or row["_handed"]
    old["_told"] = [*old["_told"], *row["_told"]]


def _merge_repeats(rows: list[dict]) -> list[dict]:
    """A figure told again in another sentence with another kind word ("a €150bn defence credit" in the
    headline, "covered the full €150 billion" in the body) is one row, unless either is a share."""
    out: list[dict] = []
    moved: dict[int, int] = {}
    for i, row in enumerate(rows):
        target = next((k for k, old in enumerate(out) if row["_parent"] is None and old["_parent"] is None
                       and _same_figure(old, row, kinds_may_differ=True)), None)
        if target is None:
            moved[i] = len(out)
            out.append(row)
        else:
            moved[i] = target
            _absorb(out[target], row)
    for row in out:
        if row["_parent"] is not None:
            row["_parent"] = moved[row["_parent"]]
    return out


def finish_rows(article: Annotated, rows: list[dict]) -> list[dict]:
    """Amounts in euros, shares and their parents, recipients, ids; the working fields dropped."""
    for row in rows:
        row.update(eur_columns(row["amount"], row["currency"], article.doc.published, row["year_start"]))
    link_shares(rows)
    rows = _merge_repeats(rows)
    inherit_from_parents(rows)
    for row in rows:
        if row["funder"] is None and row["_parent"] is None and not row["_handed"] and row["kind"] != "contract":
            issuer = currency_issuer(row["currency"])  # "the minister announced SEK 500 million": Sweden
            if issuer:
                row["funder_code"], row["funder"] = issuer, refdata.country_name(issuer)
    default_recipients(rows, article.doc.text)
    for row in rows:
        if row["kind"] in (None, "allocation") and row["funder_code"] is None and row["funder"] in _lenders() \
                and (row["_parent"] is None or row["_handed"]):
            row["kind"] = "other"  # "the European Commission set Poland's share at €43.7 billion": an EU loan
    for n, row in enumerate(rows, start=1):
        row["budget_id"] = f"{article.article_id}-b{n}"
        row["kind"] = row["kind"] or "other"
    for row in rows:
        if row["_parent"] is not None:
            row["part_of"] = rows[row["_parent"]]["budget_id"]
    return [{k: v for k, v in row.items() if not k.startswith("_")} for row in rows]

