"""Find sums of money: €2.75 billion, EUR 30 million, 30 million euros, £200m, US$1.5bn, PLN 1.2bn.

The currency forms and scale words come from `data/vocab/currencies.csv` and
`data/vocab/scales.csv`. Each mention keeps the raw text beside the parsed amount.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import replace
from functools import lru_cache

from core import refdata
from core.records import Mention, Money

_NUMBER = r"\d{1,3}(?:[,\u00a0\u202f]\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?"
# The same before a currency word, where most attempts fail: bounded digit groups, and a plain run of
# digits only from its first digit, so that a long run of digits or groups costs linear time, not quadratic.
_NUMBER_BEFORE_WORD = r"\d{1,3}(?:[,\u00a0\u202f]\d{3}){1,6}(?:\.\d+)?|(?<!\d)\d+(?:\.\d+)?"
_QUALIFIER = (r"(?:about|around|roughly|nearly|almost|approximately|some|over|more\s+than|less\s+than|"
              r"up\s+to|at\s+least|as\s+much\s+as|a\s+total\s+of|an\s+estimated)")


@lru_cache(maxsize=1)
def _forms() -> tuple[dict[str, str], list[str], list[str]]:
    table = refdata.rows("vocab/currencies.csv")
    by_form = {r["form"].lower(): r["currency"] for r in table}
    prefix = [r["form"] for r in table if r["position"] in ("prefix", "either")]
    suffix = [r["form"] for r in table if r["position"] in ("suffix", "either")]
    return by_form, prefix, suffix


@lru_cache(maxsize=1)
def _scales() -> dict[str, float]:
    return {k: float(v) for k, v in refdata.vocab("scales", "word", "factor").items()}


@lru_cache(maxsize=1)
def _number_words() -> dict[str, float]:
    return {k: float(v) for k, v in refdata.vocab("number_words", "word", "value").items() if v}


def _alternation(forms: list[str], word: bool) -> str:
    parts = []
    for form in sorted(forms, key=len, reverse=True):
        escaped = re.escape(form).replace(r"\ ", r"\s+")
        parts.append(rf"\b{escaped}\b" if word and form[0].isalpha() else escaped)
    return "|".join(parts)


@lru_cache(maxsize=1)
def _pattern() -> re.Pattern[str]:
    _, prefix, suffix = _forms()
    long_scales = [s for s in _scales() if len(s) > 2 or s in ("mn", "bn", "tn")]
    short_scales = [s for s in _scales() if s not in long_scales]
    scale = (rf"(?:\s?(?:{'|'.join(sorted(long_scales, key=len, reverse=True))})\b"
             rf"|(?:{'|'.join(short_scales)})\b)")
    words = "|".join(sorted((re.escape(w).replace(r"\ ", r"\s+") for w in _number_words()),
                            key=len, reverse=True))
    return re.compile(
        rf"""
        (?:(?P<qual>{_QUALIFIER})\s+)?
        (?:
            (?P<pre>{_alternation(prefix, True)})\s?(?P<num>{_NUMBER})(?P<scale>{scale})?
            (?:\s?(?:-|–|to)\s?(?:(?P=pre)\s?)?(?P<num_hi>{_NUMBER})(?P<scale_hi>{scale})?)?
          |
            (?:(?P<num2>{_NUMBER_BEFORE_WORD})(?P<scale2>{scale})?|(?P<numw>\b(?:{words}))\s(?P<scalew>{scale}))\s+(?:of\s+)?
            (?P<suf>{_alternation(suffix, True)})
        )
        """,
        re.VERBOSE | re.IGNORECASE,
    )


def parse_number(raw: str) -> float | None:
    """A number as news writes it: digits with thousands commas, or a small number word.

    >>> parse_number("1,700"), parse_number("140.8"), parse_number("half a")
    (1700.0, 140.8, 0.5)
    """
    raw = raw.strip().lower()
    words = _number_words()
    if raw in words:
        return words[raw]
    cleaned = re.sub(r"[,\u00a0\u202f\s]", "", raw)
    try:
        return float(cleaned)
    except ValueError:
        return None


def _scale(raw: str | None) -> float:
    return _scales().get(raw.strip().lower(), 1.0) if raw else 1.0


def _currency(raw: str) -> str:
    by_form, _, _ = _forms()
    return by_form.get(" ".join(raw.split()).lower()) or by_form.get(raw) or raw.upper()


@lru_cache(maxsize=1)
def _starts() -> re.Pattern[str]:
    """Every place where a match of `_pattern()` can begin (and some where it cannot).

    A match begins with a qualifier word (anywhere: it has no word boundary), a prefix form (a
    symbol, or a letter at a word start), a digit, or a number word at a word start.
    """
    _, prefix, _ = _forms()
    symbols = {form[0] for form in prefix if not form[0].isalpha()}
    letters = {form[0].lower() for form in prefix if form[0].isalpha()} | {w[0].lower() for w in _number_words()}
    return re.compile(rf"\d|[{re.escape(''.join(sorted(symbols)))}]|\b[{''.join(sorted(letters))}]|(?={_QUALIFIER})",
                      re.IGNORECASE)


def _matches(text: str) -> Iterator[re.Match[str]]:
    """What `_pattern().finditer(text)` yields, trying the pattern only where a match can begin (faster)."""
    pattern, pos = _pattern(), 0
    for candidate in _starts().finditer(text):
        at = candidate.start()
        if at < pos:
            continue
        m = pattern.match(text, at)
        if m:
            yield m
            pos = m.end() if m.end() > at else at + 1


def find_money(text: str, offset: int = 0) -> list[Mention[Money]]:
    """Sums of money in `text`, each with amount (currency units) and ISO currency.

    >>> [(m.value.amount, m.value.currency) for m in find_money("a €140.8 million program and 45 million euros")]
    [(140800000.0, 'EUR'), (45000000.0, 'EUR')]
    >>> [(m.value.amount, m.value.currency)
    ...  for m in find_money("US$400 million, £200m, PLN 1.2 billion, $1.5bn")]  # doctest: +NORMALIZE_WHITESPACE
    [(400000000.0, 'USD'), (200000000.0, 'GBP'), (1200000000.0, 'PLN'), (1500000000.0, 'USD')]
    """
    found: list[Mention[Money]] = []
    for m in _matches(text):
        mention = _to_mention(m, offset)
        if mention is not None:
            found.append(mention)
    return _mark_conversions(text, found, offset)


def _to_mention(m: re.Match[str], offset: int) -> Mention[Money] | None:
    if m.group("pre"):
        number, currency = m.group("num"), _currency(m.group("pre"))
        scale = m.group("scale") or m.group("scale_hi")  # "$80-100 million": the scale covers both
    else:
        number = m.group("num2") or m.group("numw")
        scale, currency = m.group("scale2") or m.group("scalew"), _currency(m.group("suf"))
    value = parse_number(number)
    if value is None:
        return None
    amount = round(value * _scale(scale), 2)
    if amount <= 0:
        return None
    qualifier = " ".join(m.group("qual").split()).lower() if m.group("qual") else None
    high = None
    if m.group("pre") and m.group("num_hi"):
        upper = parse_number(m.group("num_hi"))
        if upper is not None:
            high = round(upper * _scale(m.group("scale_hi") or scale), 2)
    start = m.start("pre") if m.group("pre") else m.start("num2" if m.group("num2") else "numw")
    return Mention("money", offset + start, offset + m.end(), m.group()[start - m.start():],
                   Money(amount, currency, high=high, qualifier=qualifier))


_CONVERSION = re.compile(r"\(\s*(?:about|around|roughly|approximately|approx\.?|some|or|c\.|ca\.|~|=|equal to)?\s*$",
                         re.IGNORECASE)


def _mark_conversions(text: str, found: list[Mention[Money]], offset: int) -> list[Mention[Money]]:
    """A sum given again in another currency in brackets ("200 billion zlotys (about $55 billion)")."""
    out = found[:1]
    for prev, cur in zip(found, found[1:], strict=False):
        between = text[prev.end - offset:cur.start - offset]
        if len(between) < 20 and _CONVERSION.search(between):
            cur = replace(cur, value=replace(cur.value, conversion_of=prev.start))
        out.append(cur)
    return out
