"""The lexicon of known names: folded name -> what it stands for, from the reference CSVs."""

from __future__ import annotations

from functools import lru_cache

from core import refdata
from core.records import NameEntry
from core.text import fold

#: Entry types in order of preference when one name means several things.
PRIORITY = ("coalition", "actor", "country", "force", "institution", "demonym", "site")


#: What a name stands for (kept under its old name for the builders).
Entry = NameEntry


@lru_cache(maxsize=1)
def lexicon() -> dict[str, tuple[Entry, ...]]:
    """Folded name -> entries, best first. Built once per process from `data/`."""
    table: dict[str, list[Entry]] = {}

    def add(name: str, entry: Entry) -> None:
        key = fold(name)
        if key and entry not in table.setdefault(key, []):
            table[key].append(entry)

    for row in refdata.rows("countries.csv"):
        country = Entry("country", row["name"], row["code"])
        for name in [row["name"], *refdata.split_list(row.get("aliases", ""))]:
            add(name, country)
        demonym = Entry("demonym", row["name"], row["code"])
        for name in refdata.split_list(row.get("demonyms", "")):
            add(name, demonym)
    for row in refdata.rows("force_aliases.csv"):
        add(row["name"], Entry("force", refdata.country_name(row["country_code"]) or row["name"], row["country_code"]))
    for row in refdata.rows("vocab/institutions.csv"):
        add(row["name"], Entry("institution", refdata.country_name(row["country_code"]) or row["name"],
                               row["country_code"]))
    for row in refdata.rows("vocab/actors.csv"):
        actor = Entry("actor", row["actor"], None, kind=row["kind"])
        for name in [row["actor"], *refdata.split_list(row["aliases"])]:
            add(name, actor)
    for row in refdata.rows("coalitions.csv"):
        coalition = Entry("coalition", row["coalition"], None, kind=row.get("kind"))
        for name in [row["coalition"], *refdata.split_list(row.get("aliases", ""))]:
            add(name, coalition)
    for row in refdata.rows("gazetteer.csv"):
        site = Entry("site", row["site"], row["country_code"], capital=row.get("capital") == "1",
                     ambiguous=row.get("ambiguous") == "1", kind=row["kind"])
        for name in [row["site"], *refdata.split_list(row.get("aliases", ""))]:
            add(name, site)
    return {k: tuple(sorted(v, key=lambda e: PRIORITY.index(e.etype))) for k, v in table.items()}


@lru_cache(maxsize=1)
def site_keys() -> dict[str, str]:
    """Folded site names and aliases -> canonical site name (the choices for fuzzy matching)."""
    return {key: entries[-1].name for key, entries in lexicon().items()
            if any(e.etype == "site" for e in entries)
            for entries in [tuple(e for e in entries if e.etype == "site")]}


__all__ = ["PRIORITY", "Entry", "lexicon", "site_keys"]
