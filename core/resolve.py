"""Resolve what exact lookup missed: misspelt site names (fuzzy) and year-less dates.

Fuzzy matching runs only on candidate spans (capitalised runs in a place context), with
`rapidfuzz.fuzz.ratio` (never WRatio: its partial matching scores "the" -> "netherlands"
at 90) and an explicit cutoff.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import replace
from functools import lru_cache

from rapidfuzz import fuzz, process

from core.mentions.lexicon import lexicon, site_keys
from core.mentions.populated import find_place
from core.records import Mention
from core.text import fold

#: Cutoffs for fuzzy site matches: strong context (followed by "air base", "bases") or weaker;
#: one-word names need more, since one letter is a larger share of a short word ("baltic"/"balti": 90.9).
STRONG_CUTOFF = 80.0
WEAK_CUTOFF = 88.0
SINGLE_WORD_CUTOFF = 92.0
#: Characters either side of a candidate within which a named country counts as "near" it.
NEAR = 250


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
    """Turn candidate spans into site mentions: a misspelt gazetteer site (fuzzy; one word only by a
    spelling rule), else a populated place of `core.mentions.populated`; drop the rest.

    A place that several countries have goes to one the article names."""
    table = lexicon()
    located = [m for m in mentions if m.kind in ("country", "demonym", "site") and m.value.code]
    counts = Counter(m.value.code for m in located)
    main = counts.most_common(1)[0][0] if counts else None
    out = []
    for m in mentions:
        if m.kind != "candidate":
            out.append(m)
            continue
        one_word = " " not in m.value
        hit = match_site(m.value, strong_context=m.strong_context) if m.strong_context or not one_word else None
        hit = hit or (spelling_variant(m.value) if one_word else None)
        if hit:
            site, score = hit
            entry = next(e for e in table[fold(site)] if e.etype == "site")
            out.append(replace(m, kind="site", value=entry, fuzzy_score=score))
            continue
        near = {o.value.code for o in located if abs(o.start - m.start) <= NEAR}
        place = find_place(m.value, near, main)
        if place:
            out.append(replace(m, kind="site", value=place))
    return out


def spelling_variant(key: str) -> tuple[str, float] | None:
    """A one-word gazetteer site written another way: German 'ae/oe/ue' for 'ä/ö/ü' ("Aemari"), or two
    letters swapped ("Develesu"): same length (six letters or more), same first letter, same letters.

    >>> spelling_variant("aemari")
    ('Ämari Air Base', 90.0)
    >>> spelling_variant("develesu")
    ('Deveselu (Aegis Ashore)', 85.0)
    """
    keys = site_keys()
    umlauts = key.replace("ae", "a").replace("oe", "o").replace("ue", "u")
    if umlauts != key and umlauts in keys:
        return keys[umlauts], 90.0
    if len(key) >= 6:
        same = _anagrams().get((key[0], "".join(sorted(key))), ())
        if len(same) == 1:
            return keys[same[0]], 85.0
    return None


@lru_cache(maxsize=1)
def _anagrams() -> dict[tuple[str, str], tuple[str, ...]]:
    """One-word site keys by (first letter, sorted letters)."""
    out: dict[tuple[str, str], list[str]] = {}
    for key in site_keys():
        if " " not in key and len(key) >= 6:
            out.setdefault((key[0], "".join(sorted(key))), []).append(key)
    return {k: tuple(v) for k, v in out.items()}
