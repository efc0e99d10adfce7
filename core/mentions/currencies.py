"""Currencies that a word shares and the countries that issue them.

"crowns", "kroner" and "lei" stand for several currencies (data/vocab/currencies.csv lists the
others in `also`): the text's other sums or its most-named issuing country decide. A national
currency also tells who pays when nothing else does (`currency_issuer`).
"""

from __future__ import annotations

import re
from dataclasses import replace
from functools import lru_cache

from core import refdata
from core.records import Mention, Money
from core.text import alternation


@lru_cache(maxsize=1)
def _forms() -> frozenset[str]:
    return frozenset(r["form"].lower() for r in refdata.rows("vocab/currencies.csv"))


@lru_cache(maxsize=1)
def _other_readings() -> dict[str, tuple[str, ...]]:
    """Lower-cased form -> the currencies it may stand for besides its first ("crowns", "kroner", "lei")."""
    return {r["form"].lower(): tuple(refdata.split_list(r["also"]))
            for r in refdata.rows("vocab/currencies.csv") if r["also"]}


@lru_cache(maxsize=1)
def _issuers() -> dict[str, str]:
    """Currency -> the country that issues it (euro and shared currencies have none)."""
    return {r["currency"]: r["country"] for r in refdata.rows("vocab/currencies.csv") if r["country"]}


def currency_issuer(currency: str) -> str | None:
    """The country whose own currency this is (SEK -> SWE); None for the euro and the dollar, which many
    pay in.

    >>> currency_issuer("SEK"), currency_issuer("USD"), currency_issuer("EUR")
    ('SWE', None, None)
    """
    return None if currency in ("USD", "EUR") else _issuers().get(currency)


@lru_cache(maxsize=64)
def _country_words(code: str) -> re.Pattern[str] | None:
    row = refdata.countries().get(code)
    if not row:
        return None
    words = [row["name"], *refdata.split_list(row["aliases"]), *refdata.split_list(row["demonyms"]),
             *([row["capital"]] if row.get("capital") else [])]
    body = alternation(words, gap=r"\ ")  # spaces only as written
    return re.compile(rf"\b(?:{body})\b")


def resolve_shared_forms(text: str, found: list[Mention[Money]], offset: int = 0) -> list[Mention[Money]]:
    """A form several currencies share ("22.5 billion kroner", "SEK 5 billion ... 3 billion crowns")
    takes the reading whose country its own sentence names last before it, else the one the text gives
    unambiguously elsewhere (nearest first), else the one whose country the text names most, else its
    first reading. `offset` is where `text` starts in the article (the mentions' offsets)."""
    readings = _other_readings()
    out = []
    for m in found:
        form = _written_form(m.raw)
        if form not in readings:
            out.append(m)
            continue
        options = (m.value.currency, *readings[form])
        told = sorted((abs(o.start - m.start), o.value.currency) for o in found
                      if o.value.currency in options and _written_form(o.raw) not in readings)
        chosen = _named_before(text, m.start - offset, options) or (told[0][1] if told else None) \
            or _most_named(text, options) or m.value.currency
        out.append(replace(m, value=replace(m.value, currency=chosen)))
    return out


_CLAUSE_START = re.compile(r"[.;!?\n]")


def _named_before(text: str, at: int, options: tuple[str, ...]) -> str | None:
    """The reading whose country the sum's own sentence names last before it ("Denmark has pledged the
    largest share, 1.2 billion kroner, ... Norway NOK 500 million": Danish; "Prague has put in 250
    million crowns": Czech)."""
    starts = [m.end() for m in _CLAUSE_START.finditer(text, max(0, at - 300), at)]
    head = text[starts[-1] if starts else max(0, at - 300):at]
    best: tuple[int, str] | None = None
    for currency in options:
        pattern = _country_words(_issuers().get(currency, ""))
        last = max((w.end() for w in pattern.finditer(head)), default=-1) if pattern else -1
        if last >= 0 and (best is None or last > best[0]):
            best = (last, currency)
    return best[1] if best else None


def _written_form(raw: str) -> str:
    """The currency word ending a sum as written ("22.5 billion kroner" -> "kroner"); '' for prefix forms."""
    words = re.findall(r"[^\W\d]+", raw.split(maxsplit=1)[-1]) if raw[:1].isdigit() or raw[:1].isalpha() else []
    by_form = _forms()
    for n in (3, 2, 1):
        tail = " ".join(words[-n:]).lower()
        if len(words) >= n and tail in by_form:
            return tail
    return ""


def _most_named(text: str, options: tuple[str, ...]) -> str | None:
    counts = []
    for currency in options:
        pattern = _country_words(_issuers().get(currency, ""))
        counts.append((len(pattern.findall(text)) if pattern else 0, currency))
    best = max(counts, key=lambda c: c[0])
    return best[1] if best[0] > 0 else None
