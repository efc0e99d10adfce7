"""What kind of money a sum is, the years it covers, its program and its purpose.

The kind (contract v2: total, allocation, contract, pledge, contribution, package, other)
comes from the word that governs the sum: the noun it sizes ("a €60 million contribution",
"a contract worth $321 million"), else the predicate it belongs to, where a promise wins
over what is promised ("promised to spend" is a pledge) and money to be paid is a pledge
("would pay", "will give"). Sentences without a parse take the nearest cue. Then a sum
over several years that a government sets aside is a total, and a sum per year an
allocation ("€200 million a year").
"""

from __future__ import annotations

import re

from core.annotate import AnnotatedSentence
from core.records import Mention
from core.syntax import Parse
from core.tables.common import cue_map, cue_pattern, nearest_cue
from core.tables.money_grammar import sized_noun

_PROGRAM_NAME = re.compile(r"\b((?:[A-Z][\w-]*\s+){0,4}(?:Fund|Programme|Program|Plan|Initiative|Facility|Shield|"
                           r"Package|Instrument|Mechanism))\b")
_PURPOSE = re.compile(r"^\s*(?:in\s+\w+\s+)?(?:for|to\s+(?:buy|acquire|procure|fund|finance|purchase|support)|on)\s+"
                      r"((?:the\s+)?[\w-]+(?:\s+(?!of\b|from\b|in\b|by\b|and\b|with\b|to\b|through\b)[\w-]+){0,5})")
_YEAR_NEAR = re.compile(r"\b(?:in|for|during)\s+((?:19|20)\d\d)\b|\b((?:19|20)\d\d)\s+(?:allocation|budget|tranche)\b")
_PER_YEAR = re.compile(r"^\s*(?:a|per|each|every)\s+year\b|^\s*(?:annually|yearly)\b", re.IGNORECASE)
_OVER_YEARS = re.compile(r"^[^.;]{0,30}\b(?:over|across|during|in)\s+(?:the\s+)?(?:next|coming|following)?\s*"
                         r"(?:two|three|four|five|six|seven|eight|nine|ten|several|\d+)\s+years\b|"
                         r"^[^.;]{0,30}\b(?:over|across|during|in)\s+the\s+(?:next|coming)\s+decade\b|"
                         r"^[^.;]{0,30}\b(?:until|till|through|up\s+to)\s+(?:the\s+end\s+of\s+)?(?:19|20)\d\d\b",
                         re.IGNORECASE)
_COMMA = re.compile(r"[,;:]")  # the phrase of a sum: from the comma before it to the comma after it
_ONE_YEAR = re.compile(r"\b(?:this|next|last)\s+year's\b|\b(?:annual|yearly)\s+(?:\w+\s+)?budget\b", re.IGNORECASE)
_PROGRAM_WORD = re.compile(r"\b(?:program|programme|plan|project|fund|facility|initiative|package)\b", re.IGNORECASE)
_COPULAS = frozenset({"is", "was", "are", "were", "be", "been", "being", "'s", "stands", "stood", "amounts",
                      "amounted", "totals", "totalled", "totaled", "reaches", "reached"})
_FUTURE = frozenset({"will", "would", "shall", "'ll", "wo", "to"})


def budget_kind(sentence: AnnotatedSentence, money: Mention) -> str | None:
    """The kind the sentence gives the sum, or None where no word tells (the caller may inherit one)."""
    start, end = sentence.local(money)
    per_year = bool(_PER_YEAR.match(sentence.text[end:end + 20]))
    kind = _kind_by_grammar(sentence, money) if sentence.parse is not None else None
    if kind is None and not per_year:
        hit = nearest_cue(sentence.text, (start + end) // 2, "budget_kinds", "kind", window=70)
        kind = hit[0] if hit else None
    if kind in (None, "total", "allocation", "other") and per_year:
        return "allocation"  # "€200 million a year": a year's slice
    first, last = budget_years(sentence, money)
    phrase = _COMMA.split(sentence.text[:start])[-1] + _COMMA.split(sentence.text[start:])[0]
    if kind == "total" and not _PROGRAM_WORD.search(phrase) and (
            (first and first == last) or _ONE_YEAR.search(sentence.text[max(0, start - 80):end])):
        return "allocation"  # "the defence budget for 2025 amounts to PLN 186.6 billion", "this year's budget"
    if kind in (None, "allocation") and ((first and last and last > first) or _OVER_YEARS.match(
            sentence.text[end:end + 50])):
        return "total"  # "set aside SEK 75 billion ... over the three years 2024 to 2026"
    return kind


def _cue_at(text: str, pos: int) -> str | None:
    m = cue_pattern("budget_kinds").match(text, pos)
    return cue_map("budget_kinds", "cue", "kind")[" ".join(m.group().lower().replace("-", " ").split())] if m else None


def _kind_by_grammar(sentence: AnnotatedSentence, money: Mention) -> str | None:
    """The cue of the noun the sum sizes (or, after a copula, of the subject: "its 17th aid package ...
    was worth SEK 4.6 billion"), else of the predicate and the predicates it depends on."""
    parse, head = sentence.parse, sentence.head(money)
    if parse is None or head is None:
        return None
    noun = sized_noun(parse, head)
    nouns = [noun] if noun != head else []
    verb = parse.clause_of(noun)
    nouns = _called(parse, noun, verb) + nouns
    if parse.lower(verb) in _COPULAS:
        nouns += parse.subjects(verb)
    for t in nouns:
        lent = [c for c in parse.children_with(t, ("compound",)) if _cue_at(sentence.text, parse.starts[c]) == "other"]
        kind = "other" if lent else _cue_at(sentence.text, parse.starts[t])  # "a €150bn loan package": a loan
        if kind:
            return kind
    chain = [verb]
    while parse.deps[chain[-1]] in ("xcomp", "ccomp") and parse.heads[chain[-1]] != chain[-1] and len(chain) < 4:
        chain.append(parse.heads[chain[-1]])
    kinds = [(t, k) for t in chain if (k := _predicate_cue(sentence.text, parse, t))]
    if not kinds:
        return None
    if any(k == "pledge" for _, k in kinds):
        return "pledge"  # "promised to spend": the promise
    verb, kind = kinds[0]
    if kind == "contribution" and _to_be_paid(parse, verb):
        return "pledge"  # "would pay EUR 20 million", "said it would give up to NOK 1.6 billion"
    if kind == "contribution" and any(_cue_at(sentence.text, parse.starts[o]) == "contract"
                                      for _, o in parse.prep_objects(verb, ("in", "under"))):
        return "contract"  # "paid €388 million ... in a deal signed in 2023": a purchase
    return kind


def _called(parse: Parse, noun: int, verb: int) -> list[int]:
    """What the predicate calls the sum when the sum (or the noun it stands in apposition to) is its
    subject: "Estonia's share, nearly €400 million, was described as the largest contract" -> contract,
    "The order, worth €90 million, is the biggest contract yet" -> contract."""
    subject = parse.heads[noun] if parse.deps[noun] == "appos" else noun
    if parse.deps[subject] not in ("nsubj", "nsubjpass") or parse.heads[subject] != verb:
        return []
    called = parse.children_with(verb, ("attr", "oprd"))
    for t in (verb, *parse.agents(verb)):  # the parser may hang "as" on the agent: "described by X as"
        called += [o for _, o in parse.prep_objects(t, ("as",))]
    return called


def _predicate_cue(text: str, parse: Parse, verb: int) -> str | None:
    """The kind cue of a predicate, also where the cue begins with its auxiliaries ("would go to",
    "will spend", "is to go to")."""
    starts = [parse.starts[a] for a in sorted(parse.children_with(verb, ("aux", "auxpass")))]
    return next((k for at in [*starts, parse.starts[verb]] if (k := _cue_at(text, at))), None)


def _to_be_paid(parse: Parse, verb: int) -> bool:
    heads = [verb] + ([parse.heads[verb]] if parse.deps[verb] in ("xcomp", "conj") else [])
    return any(parse.lower(c) in _FUTURE for t in heads for c in parse.children_with(t, ("aux",)))


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


def budget_program(sentence: AnnotatedSentence) -> str | None:
    """The named program, fund or coalition the money belongs to, if the sentence names one: a
    registered program first ("a €16.2 billion SAFE loan"), then a capitalised name, then a coalition."""
    registered = [m.value.name for m in sentence.names if m.kind == "program"]
    if registered:
        return registered[0]
    coalitions = [m.value.name for m in sentence.names if m.kind == "coalition"]
    named = _PROGRAM_NAME.search(sentence.text)
    if named and len(named.group(1).split()) > 1:
        return named.group(1).strip()
    return coalitions[0] if coalitions else None


def budget_purpose(sentence: AnnotatedSentence, money: Mention) -> str | None:
    """What the money buys, in a few words ("for drone purchases" -> "drone purchases")."""
    _, end = sentence.local(money)
    m = _PURPOSE.match(sentence.text[end:end + 80])
    return m.group(1).strip() if m else None
