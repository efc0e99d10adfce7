"""Find sums of money: €2.75 billion, EUR 30 million, 30 million euros, £200m, US$1.5bn, PLN 1.2bn.

The currency forms and scale words come from `data/vocab/currencies.csv` and
`data/vocab/scales.csv`. Each mention keeps the raw text beside the parsed amount.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import replace
from functools import lru_cache

import ahocorasick

from core import refdata
from core.mentions.currencies import resolve_shared_forms
from core.mentions.numbers import (
    COMMA_GROUPS,
    DECIMAL_COMMA,
    DOT_GROUPS,
    NUMBER,
    SPACE_GROUPS,
    number_words,
    parse_number,
)
from core.mentions.windows import chars_of, lowered_as_ignorecase, spans_before, starts_in
from core.records import Mention, Money
from core.text import alternation

# The same before a currency word, where most attempts fail: bounded digit groups, and a plain run of
# digits only from its first digit, so that a long run of digits or groups costs linear time, not quadratic.
_NUMBER_BEFORE_WORD = (rf"(?<![\d.,])(?:{DOT_GROUPS}|{COMMA_GROUPS}|{SPACE_GROUPS}|{DECIMAL_COMMA})"
                       r"|(?<!\d)\d+(?:\.\d+)?")
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


def _form_alternation(forms: list[str], glued: bool = False) -> str:
    """Forms as a regex alternation; a form of letters is a whole word, except that with `glued` it
    may run into the digits after it ("USD1.2 billion")."""
    return alternation(forms, letter_bounds=(r"\b", r"(?![^\W\d])" if glued else r"\b"))


@lru_cache(maxsize=1)
def _pattern() -> re.Pattern[str]:
    _, prefix, suffix = _forms()
    long_scales = [s for s in _scales() if len(s) > 2 or s in ("mn", "bn", "tn")]
    short_scales = [s for s in _scales() if s not in long_scales]
    scale = (rf"(?:[\s-]?(?:{alternation(long_scales)})\b"
             rf"|(?:{'|'.join(short_scales)})\b)")
    words = alternation(number_words())
    return re.compile(
        rf"""
        (?:(?P<qual>{_QUALIFIER})\s+)?
        (?:
            (?P<pre>{_form_alternation(prefix, glued=True)})\s?(?P<num>{NUMBER})(?P<scale>{scale})?
            (?:\s?(?:-|–|to)\s?(?:(?P=pre)\s?)?(?P<num_hi>{NUMBER})(?P<scale_hi>{scale})?)?
          |
            (?:(?P<num2>{_NUMBER_BEFORE_WORD})(?P<scale2>{scale})?
               |(?P<numw>\b(?:{words})(?:[\s-](?:{words})){{0,3}})\s(?P<scalew>{scale}))(?:\s+|-)(?:of\s+)?
            (?P<suf>{_form_alternation(suffix)})
        )
        """,
        re.VERBOSE | re.IGNORECASE,
    )


def _scale(raw: str | None) -> float:
    return _scales().get(raw.strip(" -\t\n").lower(), 1.0) if raw else 1.0


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
    letters = {form[0].lower() for form in prefix if form[0].isalpha()} | {w[0].lower() for w in number_words()}
    return re.compile(rf"\d|[{re.escape(''.join(sorted(symbols)))}]|\b[{''.join(sorted(letters))}]|(?={_QUALIFIER})",
                      re.IGNORECASE)


def _matches(text: str) -> Iterator[re.Match[str]]:
    """What `_pattern().finditer(text)` yields, trying the pattern only where a match can begin (faster)."""
    pattern, pos = _pattern(), 0
    spans = _spans(text)
    for candidate in _starts().finditer(text) if spans is None else starts_in(text, spans, _starts()):
        at = candidate.start()
        if at < pos:
            continue
        m = pattern.match(text, at)
        if m and _after_month(text, m):
            m = pattern.match(text, m.start("num2") + m.group("num2").index("\x20") + 1)
        if m:
            yield m
            pos = m.end() if m.end() > at else at + 1


#: Every match holds a currency form, and its text before the last word of that form holds at most 15
#: runs of white space: 3 in a qualifier ("as much as" and after it), 8 in the number and its scale
#: (6 between digit groups and 1 before the scale, or 7 in four number words and 1 before the
#: scale), 2 before the form ("of"), 2 inside the form ("New Zealand dollars"). So a match begins
#: within `_RUNS_BEFORE` runs of white space before the last word of a form.
_RUNS_BEFORE = 18
_WORD_CHAR = re.compile(r"\w")
_LETTER = re.compile(r"[^\W\d]")


def _spans(text: str) -> list[tuple[int, int]] | None:
    """Where a sum can begin (`core.mentions.windows`): before the last word of each currency form the
    lowered text shows; None where lowering may hide one (then the whole text is looked at)."""
    chars, any_char = _form_chars()
    lowered = lowered_as_ignorecase(text, chars, any_char)
    if lowered is None:
        return None
    anchors = []
    for end, length in _form_words().iter(lowered):
        start = end - length + 1
        if (start and lowered[start].isalpha() and _WORD_CHAR.match(text, start - 1)) or (
                lowered[end].isalpha() and _LETTER.match(text, end + 1)):
            continue  # inside a word: no form of letters starts or ends there
        anchors.append((start, start))
    return spans_before(text, anchors, _RUNS_BEFORE)


@lru_cache(maxsize=1)
def _form_words() -> ahocorasick.Automaton:
    """An automaton of the last word of every currency form, lower-cased (value: its length)."""
    _, prefix, suffix = _forms()
    automaton = ahocorasick.Automaton()
    for form in {f.lower().split()[-1] for f in prefix + suffix}:
        automaton.add_word(form, len(form))
    automaton.make_automaton()
    return automaton


@lru_cache(maxsize=1)
def _form_chars() -> tuple[frozenset[str], re.Pattern[str]]:
    _, prefix, suffix = _forms()
    return chars_of(prefix + suffix)


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
        if _is_weight(text, m):
            continue
        mention = _to_mention(m, offset)
        if mention is not None:
            found.append(mention)
    found = resolve_shared_forms(text, _join_ranges(text, found, offset), offset)
    return _mark_conversions(text, _with_elided_currency(text, found, offset), offset)


_WEIGHT_AFTER = re.compile(r"\s*(?:of\b|per\b|\(|-)", re.IGNORECASE)
_DAY_BEFORE = re.compile(r"\b[A-Za-z]{3,9}\.?\s+$")


def _is_weight(text: str, m: re.Match[str]) -> bool:
    """ "500 pounds of explosives", "a 2,000 pound (900 kg) bomb": pounds of weight, not sterling; a
    pound written as a word with no scale and followed by "of", "per" or a bracket weighs something."""
    suffix = m.group("suf")
    if not suffix or suffix.lower() not in ("pound", "pounds") or m.group("scale2") or m.group("scalew"):
        return False
    return bool(_WEIGHT_AFTER.match(text, m.end()))


def _after_month(text: str, m: re.Match[str]) -> bool:
    """ "May 12 300 million euros": a day of the month is not the first digit group of the sum."""
    number = m.group("num2") or ""
    if "\x20" not in number:
        return False
    word = _DAY_BEFORE.search(text, 0, m.start("num2"))
    return word is not None and word.group().strip(" .").lower() in _months()


@lru_cache(maxsize=1)
def _months() -> frozenset[str]:
    return frozenset(refdata.vocab("months", "name", "month"))


_RANGE_START = re.compile(r"\b(?:between|from)\s+$", re.IGNORECASE)
_RANGE_GAP = re.compile(r"^\s*(?:and|to|-|–)\s*$")


def _join_ranges(text: str, found: list[Mention[Money]], offset: int) -> list[Mention[Money]]:
    """ "between €1 billion and €1.5 billion", "from $2bn to $3bn", "€1bn–€1.5bn": one sum with a `high`."""
    out: list[Mention[Money]] = []
    for cur in found:
        prev = out[-1] if out else None
        if (prev is not None and prev.value.high is None and prev.value.currency == cur.value.currency
                and cur.value.amount > prev.value.amount
                and _RANGE_GAP.match(text[prev.end - offset:cur.start - offset])
                and (_RANGE_START.search(text[max(0, prev.start - offset - 12):prev.start - offset])
                     or text[prev.end - offset:cur.start - offset].strip() in ("-", "–"))):
            raw = text[prev.start - offset:cur.end - offset]
            out[-1] = Mention("money", prev.start, cur.end, raw, replace(prev.value, high=cur.value.amount))
            continue
        out.append(cur)
    return out


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


#: A scaled number with no currency, ending a phrase: "followed by the Netherlands with 40 million and ...".
_BARE = re.compile(r"(?<![\w$€£¥.,])(\d+(?:[.,]\d+)?)\s+(million|billion|bn|m)\b(?=\s*(?:[,;.)]|and\b|or\b|each\b|$))",
                   re.IGNORECASE)
_CLAUSE_END = re.compile(r"[.!?](?:\s+[A-Z\"“]|\s*$)|\n")


def _with_elided_currency(text: str, found: list[Mention[Money]], offset: int) -> list[Mention[Money]]:
    """Sums whose currency the sentence gave once, on an earlier sum ("Germany gave 75 million euros,
    followed by the Netherlands with 40 million and Luxembourg with €25 million"): the 40 million is
    euros. Only a number with a scale word that ends a phrase, after a sum of the same sentence."""
    out: list[Mention[Money]] = []
    for i, m in enumerate(found):
        out.append(m)
        end = m.end - offset
        stop = found[i + 1].start - offset if i + 1 < len(found) else len(text)
        sentence_end = _CLAUSE_END.search(text, end, stop)
        for bare in _BARE.finditer(text, end, sentence_end.start() if sentence_end else stop):
            value = parse_number(bare.group(1))
            if value:
                out.append(Mention("money", offset + bare.start(), offset + bare.end(), bare.group(),
                                   Money(round(value * _scale(bare.group(2)), 2), m.value.currency)))
    return out


_CONVERSION = re.compile(r"^\s*\(\s*(?:about|around|roughly|approximately|approx\.?|some|or|c\.|ca\.|~|=|equal to)?\s*$",
                         re.IGNORECASE)  # nothing else between: "Belgium (€8.3bn), Lithuania (€6.4bn)" are two sums


_RATE = re.compile(r"^\s*(?:=|equals?|equall?(?:ing|ed)|equal\s+to|is|was|buys|bought|to(?:\s+the)?)\s*$", re.IGNORECASE)


def _mark_conversions(text: str, found: list[Mention[Money]], offset: int) -> list[Mention[Money]]:
    """A sum given again in another currency in brackets ("200 billion zlotys (about $55 billion)"), and
    both sides of an exchange rate ("$1 = 10.4 crowns"), marked with `conversion_of`."""
    out = found[:1]
    for prev, cur in zip(found, found[1:], strict=False):
        between = text[prev.end - offset:cur.start - offset]
        if between.strip() == "=" or (_RATE.match(between) and prev.value.amount == 1):
            # an exchange rate, "$1 = 10.4 crowns", "$1 equaling 4.07 zlotys": neither side is a sum of money
            out[-1] = replace(out[-1], value=replace(out[-1].value, conversion_of=cur.start))
            cur = replace(cur, value=replace(cur.value, conversion_of=prev.start))
        elif len(between) < 20 and _CONVERSION.search(between):
            cur = replace(cur, value=replace(cur.value, conversion_of=prev.start))
        out.append(cur)
    return out
