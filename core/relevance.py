"""Whether an article is about defence at all: the stage that keeps off-topic pages out of the tables.

A feed or a folder of saved pages also brings film reviews, science news and letters to the
editor. Their sums ("a $170 million movie") and dates would otherwise become budget rows and
timeline events. An article is on topic when it names a coalition, a program, an armed service
or a defence organisation, or uses one word of `data/vocab/defence_terms.csv` ("troops",
"defence", "drones", "airspace"...). The test is deliberately loose: every defence article of
the dev and probe corpora has several such words, the off-topic pages tried have none. Texts
under `MIN_WORDS` words are always read: a sentence pasted on its own names few cue words.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from functools import cache

from core.records import Mention
from core.vocab import column, words_pattern

#: Name kinds that only defence news names, and the actor kinds of defence organisations (NATO, NSPA, EDA).
_DEFENCE_NAMES = frozenset({"coalition", "program", "force"})
_DEFENCE_ACTORS = frozenset({"alliance", "agency"})


@cache
def _terms() -> re.Pattern[str]:
    return words_pattern(set(column("defence_terms", "term")))


#: Shorter texts are snippets an analyst chose (a wire flash, a pasted paragraph): always read.
MIN_WORDS = 150


def on_topic(text: str, names: Iterable[Mention]) -> bool:
    """True when the article names anything of defence, or is too short to judge (see the module docstring).

    >>> page = "The film won the top award at the ceremony on Sunday night. " * 15
    >>> on_topic(page, []), on_topic(page + "Latvia will buy more drones next year.", [])
    (False, True)
    >>> on_topic("Poland ordered 48 Patriot launchers for $4.75 billion.", [])
    True
    """
    if len(text.split()) < MIN_WORDS:
        return True
    if any(m.kind in _DEFENCE_NAMES or (m.kind == "actor" and m.value.kind in _DEFENCE_ACTORS) for m in names):
        return True
    return _terms().search(text) is not None
