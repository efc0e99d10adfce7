"""The lexicon of known names: folded name -> what it stands for, from the reference CSVs."""

from __future__ import annotations

from functools import lru_cache

from core import refdata
from core.records import NameEntry
from core.text import fold

#: Entry types in order of preference when one name means several things.
PRIORITY = ("coalition", "actor", "program", "country", "force", "institution", "demonym", "site")


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

    for name, entry, _ in _names():
        add(name, entry)
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
def case_sensitive() -> dict[str, dict[Entry, frozenset[str]]]:
    """Folded name -> entry -> the forms it must be written in, for names matched only as written.

    Those are the `case_sensitive` names of countries.csv (`US`, `Pole`, `Turk`: "Us and them",
    "Pole vaulting") and the acronyms of force_aliases.csv (`RAF`, not "Raf"). An entry that another
    name of the same key reaches in any case (`USA`) is not restricted.
    """
    forms: dict[tuple[str, Entry], set[str]] = {}
    free: set[tuple[str, Entry]] = set()
    for name, entry, as_written in _names():
        (forms.setdefault((fold(name), entry), set()).add(name) if as_written else free.add((fold(name), entry)))
    out: dict[str, dict[Entry, frozenset[str]]] = {}
    for (key, entry), names in forms.items():
        if (key, entry) not in free:
            out.setdefault(key, {})[entry] = frozenset(names)
    return out


def _names() -> list[tuple[str, Entry, bool]]:
    """(name, entry, matched only as written) for the country names, force aliases and programs."""
    out = []
    for row in refdata.rows("countries.csv"):
        exact = set(refdata.split_list(row.get("case_sensitive", "")))
        country, demonym = Entry("country", row["name"], row["code"]), Entry("demonym", row["name"], row["code"])
        out += [(n, country, n in exact) for n in [row["name"], *refdata.split_list(row.get("aliases", ""))]]
        out += [(n, demonym, n in exact) for n in refdata.split_list(row.get("demonyms", ""))]
    for row in refdata.rows("force_aliases.csv"):
        entry = Entry("force", refdata.country_name(row["country_code"]) or row["name"], row["country_code"])
        out.append((row["name"], entry, _is_acronym(row["name"])))
    for row in refdata.rows("programs.csv"):  # acronyms as written: "SAFE", never "safe" or "Safe"
        entry = Entry("program", row["program"], row["country"] or None, kind=row["kind"])
        out += [(n, entry, _is_acronym(n)) for n in [row["program"], *refdata.split_list(row["aliases"])]]
    return out


def _is_acronym(name: str) -> bool:
    letters = [c for c in name if c.isalpha()]
    return len(letters) >= 2 and all(c.isupper() for c in letters) and " " not in name


@lru_cache(maxsize=1)
def site_keys() -> dict[str, str]:
    """Folded site names and aliases -> canonical site name (the choices for fuzzy matching)."""
    return {key: entries[-1].name for key, entries in lexicon().items()
            if any(e.etype == "site" for e in entries)
            for entries in [tuple(e for e in entries if e.etype == "site")]}


__all__ = ["PRIORITY", "Entry", "case_sensitive", "lexicon", "site_keys"]
