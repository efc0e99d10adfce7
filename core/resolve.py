"""Resolve what exact lookup missed: misspelt site names (fuzzy) and year-less dates.

Fuzzy matching runs only on candidate spans (capitalised runs in a place context), with
`rapidfuzz.fuzz.ratio` (never WRatio: its partial matching scores "the" -> "netherlands"
at 90) and an explicit cutoff.
"""

from __future__ import annotations

from dataclasses import replace

from rapidfuzz import fuzz, process

from core.mentions.lexicon import lexicon, site_keys
from core.records import Mention
from core.text import fold

#: Cutoffs for fuzzy site matches: strong context (followed by "air base", "bases") or weaker;
#: one-word names need more, since one letter is a larger share of a short word ("baltic"/"balti": 90.9).
STRONG_CUTOFF = 80.0
WEAK_CUTOFF = 88.0
SINGLE_WORD_CUTOFF = 92.0


def match_site(key: str, strong_context: bool) -> tuple[str, float] | None:
    """The gazetteer site whose name or alias is closest to folded `key`, with its score.

    >>> match_site("cimbia turzii", strong_context=True)
    ('Câmpia Turzii (71st Air Base)', 84.6)
    >>> match_site("defence", strong_context=False) is None
    True
    """
    choices = site_keys()
    cutoff = STRONG_CUTOFF if strong_context else WEAK_CUTOFF
    if " " not in key:
        cutoff = max(cutoff, SINGLE_WORD_CUTOFF)
    best = process.extractOne(key, choices.keys(), scorer=fuzz.ratio, score_cutoff=cutoff)
    if best is None:
        return None
    name, score, _ = best
    if name[0] != key[0] or abs(len(name) - len(key)) > 4:
        return None
    return choices[name], round(score, 1)


def resolve_candidates(mentions: list[Mention]) -> list[Mention]:
    """Turn candidate spans that fuzzily match a site into site mentions; drop the rest."""
    table = lexicon()
    out = []
    for m in mentions:
        if m.kind != "candidate":
            out.append(m)
            continue
        hit = match_site(m.value, strong_context=m.strong_context)
        if hit:
            site, score = hit
            entry = next(e for e in table[fold(site)] if e.etype == "site")
            out.append(replace(m, kind="site", value=entry, fuzzy_score=score))
    return out

