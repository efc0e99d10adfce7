"""Open-world places: the populated places of the flank and its neighbours (data/places.csv, GeoNames).

They are never matched on their own: only a candidate span in a place context ("in/at/near",
"the village of", a dateline, or before "air base") that the curated gazetteer did not match is
looked up here. A name that several countries have goes to a country the article names, else to
its most populous place.
"""

from __future__ import annotations

from collections.abc import Iterable
from functools import lru_cache

from core import refdata
from core.records import NameEntry


@lru_cache(maxsize=1)
def places_index() -> dict[str, list[dict[str, str]]]:
    """Folded name or alias -> places.csv rows, most populous first (the rows sorted once, so each
    name's rows come in that order; places of equal population keep the file's order)."""
    index: dict[str, list[dict[str, str]]] = {}
    for row in sorted(refdata.rows("places.csv"), key=lambda r: -int(r["population"] or 0)):
        for key in row["keys"].split("|"):
            index.setdefault(key, []).append(row)
    return index


#: A place smaller than this must be in a country named near it or the article's main country: a
#: village is told in a story about its own country (a name shared abroad is not that village).
SMALL = 10_000


def find_place(key: str, near: Iterable[str] = (), main: str | None = None) -> NameEntry | None:
    """The populated place named by folded `key`: in a country of `near` (named close by), else in the
    article's `main` country, else the most populous place of that name if it is not small.

    >>> find_place("malacky")
    NameEntry(etype='site', name='Malacky', code='SVK', capital=False, ambiguous=False, kind='city')
    >>> find_place("salcia", near={"MDA"}, main="MDA") is None
    True
    >>> find_place("the ministry") is None
    True
    """
    rows = places_index().get(key)
    if not rows:
        return None
    close = set(near)
    row = (next((r for r in rows if r["country_code"] in close), None)
           or next((r for r in rows if r["country_code"] == main), None)
           or (rows[0] if int(rows[0]["population"] or 0) >= SMALL else None))
    return NameEntry("site", row["site"], row["country_code"], kind="city") if row else None
