"""Money no one committed: the sums that give no budget row.

Sales, revenue, market sizes and values (told of an owner noun: "the market could reach",
"shares now valued at"), GDP, salaries, unit prices ("$99 million per launcher"),
exchange-rate notes and sums restated in another currency (marked by the money finder),
mobilised spending, and payments that only could be made ("could contribute ... if").
The cues are data: data/vocab/non_budget_cues.csv.
"""

from __future__ import annotations

import re
from functools import lru_cache

from core import refdata
from core.annotate import AnnotatedSentence
from core.records import Mention
from core.tables.common import clause_bounds
from core.text import alternation

_CONDITIONAL = re.compile(r"\bcould\b.*\bif\b|\bif\b.*\bcould\b", re.IGNORECASE)
_UNIT_PRICE = re.compile(r"^\s*(?:per|for\s+each|for\s+every)\s+(?!year|annum|month|week|day|quarter)[a-z]",
                         re.IGNORECASE)
_HYPOTHETICAL = frozenset({"could", "might", "may"})
_GIVING = frozenset({"contribute", "pay", "give", "donate", "provide", "spend", "fund", "finance", "invest"})


def _cues(where: str) -> str:
    return alternation(r["cue"] for r in refdata.rows("vocab/non_budget_cues.csv") if r["where"] == where)


@lru_cache(maxsize=1)
def _NON_BUDGET_BEFORE() -> re.Pattern[str]:  # noqa: N802 - a compiled vocabulary, named like a constant
    return re.compile(rf"\b(?:{_cues('before')})\b(?:\s+\w+){{0,4}}\s+(?:of|at|to|was|were|is|reached|totalled|"
                      rf"totaled|about|around|some|nearly|almost|roughly|approximately|up\s+to|over|more\s+than)?\s*$",
                      re.IGNORECASE)


@lru_cache(maxsize=1)
def _NON_BUDGET_AFTER() -> re.Pattern[str]:  # noqa: N802
    return re.compile(rf"^\s*(?:a\s+year\s+|annually\s+|per\s+year\s+)?(?:{_cues('after')})\b", re.IGNORECASE)


@lru_cache(maxsize=1)
def _OWNED_BEFORE() -> re.Pattern[str]:  # noqa: N802
    """A sum told of an owner noun, read by position (for sentences without a parse): "the market could
    reach", "shares in Saab, now valued at about"."""
    return re.compile(rf"\b(?:{_cues('owner')})\b(?:\s+[\w,’'-]+){{0,6}}?\s+(?:valued\s+at|worth|(?:could|would|will|"
                      rf"may|might)\s+reach|reach(?:ed|es)?|hit|was|is|were|are|stood\s+at|totall?ed|totals)"
                      rf"(?:\s+(?:about|around|some|nearly|almost|roughly|approximately|just|only|over|more\s+than|"
                      rf"up\s+to))?\s*$", re.IGNORECASE)


@lru_cache(maxsize=1)
def _owners() -> frozenset[str]:
    return frozenset(r["cue"].lower() for r in refdata.rows("vocab/non_budget_cues.csv") if r["where"] == "owner")


def is_budget(sentence: AnnotatedSentence, money: Mention) -> bool:
    """Whether a sum is money someone committed rather than a price, a sale, a value or a conversion."""
    if money.value.conversion_of is not None:
        return False
    start, end = sentence.local(money)
    if _NON_BUDGET_BEFORE().search(sentence.text[max(0, start - 40):start]):
        return False
    if _NON_BUDGET_AFTER().match(sentence.text[end:end + 30]) or _UNIT_PRICE.match(sentence.text[end:end + 30]):
        return False
    if sentence.parse is not None and not _committed_by_grammar(sentence, money):
        return False
    if _OWNED_BEFORE().search(sentence.text[max(0, start - 80):start]):
        return False
    c_start, c_end = clause_bounds(sentence.text, start)
    return not _CONDITIONAL.search(sentence.text[c_start:c_end])


def _committed_by_grammar(sentence: AnnotatedSentence, money: Mention) -> bool:
    """No row for a sum whose owner is a market, a company's shares or sales ("the market could reach
    €6 billion", "shares now valued at NOK 300 billion"), nor for a payment that only could be made."""
    parse, head = sentence.parse, sentence.head(money)
    if parse is None or head is None:
        return True
    path = [head, *parse.ancestors(head)][:4]
    owners = _owners()
    for t in path:
        if parse.deps[t] in ("acl", "relcl") and parse.lower(parse.heads[t]) in owners:
            return False
        for s in parse.subjects(t) if parse.deps[t] in ("ROOT", "ccomp", "conj", "advcl", "relcl") else []:
            compound = " ".join(parse.lower(c) for c in parse.children_with(s, ("compound",)))
            if parse.lower(s) in owners or f"{compound} {parse.lower(s)}" in owners:  # "pension funds invested"
                return False
    verb = parse.clause_of(head)
    hypothetical = any(parse.lower(c) in _HYPOTHETICAL for c in parse.children_with(verb, ("aux",)))
    return not (hypothetical and parse.lower(verb) in _GIVING)
