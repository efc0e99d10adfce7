"""Find names of countries, demonyms, armed services, actors, coalitions and sites.

One lexicon (folded name -> entries) is built from the reference CSVs. Every capitalised
token starts an exact lookup of the longest n-gram that is a known name; spans that miss
but look like a place (followed by "air base", "airport", ...) become `candidate`
mentions for fuzzy resolution in `core.resolve`.
"""

from __future__ import annotations

import re
from functools import lru_cache

from core import refdata
from core.records import Mention, NameEntry
from core.text import Token, fold, tokenize

MAX_NGRAM = 6
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


_JOINER = re.compile(r"^(?:\s|-|–|—)*$")
_SITE_WORDS = re.compile(r"^\s*(?:air\s*base|airbase|base|bases|airport|airfield|air\s+field|training\s+(?:area|ground)s?|"
                         r"range|naval\s+base|garrison|barracks)\b", re.IGNORECASE)
_LOCATIVE_BEFORE = re.compile(r"\b(?:at|in|near|outside|from|to|of|around|into)\s+(?:the\s+)?$", re.IGNORECASE)


def find_names(text: str, offset: int = 0) -> list[Mention]:
    """Known names in `text`, longest match first; unknown place-like spans as candidates.

    >>> [(m.raw, m.value.etype, m.value.code) for m in find_names("Belgian forces in Romania and the U.S.")]
    [('Belgian', 'demonym', 'BEL'), ('Romania', 'country', 'ROU'), ('U.S.', 'country', 'USA')]
    """
    table = lexicon()
    tokens = tokenize(text)
    found: list[Mention] = []
    i = 0
    while i < len(tokens):
        tok = tokens[i]
        if not (tok.raw[0].isupper() or tok.raw[0].isdigit()):
            hit = _lowercase_coalition(text, tokens, i, table) if tok.key in _coalition_starts() else None
            if hit:
                n, entries, possessive, end = hit
                found.append(Mention("coalition", offset + tok.start, offset + end, text[tok.start:end], entries[0],
                                     possessive=possessive))
                i += n
            else:
                i += 1
            continue
        hit = _longest_match(text, tokens, i, table)
        if hit:
            n, entries, possessive, end = hit
            raw = text[tok.start:end]
            found.append(Mention(entries[0].etype, offset + tok.start, offset + end, raw, entries[0],
                                 possessive=possessive, alternatives=entries[1:]))
            i += n
            continue
        n = _capitalised_run(text, tokens, i)
        candidate = _candidate(text, tokens, i, n) if tok.raw[0].isupper() else None
        if candidate:
            c_start, c_end, strong = candidate
            found.append(Mention("candidate", offset + c_start, offset + c_end, text[c_start:c_end],
                                 fold(text[c_start:c_end]), strong_context=strong))
            i += n
        else:
            i += 1
    return found


def _contiguous(text: str, tokens: list[Token], i: int, n: int) -> bool:
    return all(_JOINER.match(text[tokens[j].end:tokens[j + 1].start]) for j in range(i, i + n - 1))


_STARTS: dict[int, frozenset[str]] = {}


def _starts(table: dict) -> frozenset[str]:
    """The first word of every key of `table` (a name can only start with one of them)."""
    starts = _STARTS.get(id(table))
    if starts is None:
        starts = _STARTS[id(table)] = frozenset(key.split()[0] for key in table if key.split())
    return starts


def _cannot_start(key: str, starts: frozenset[str]) -> bool:
    """True when no name of the table can begin with the token whose folded form is `key`."""
    words = key.split()
    if not words:
        return False
    if words[0] in starts:
        return False
    if key.endswith("'s") or key.endswith("'"):  # the possessive form of a one-token name
        stripped = key.rsplit("'", 1)[0].split()
        return not stripped or stripped[0] not in starts
    return True


@lru_cache(maxsize=1)
def _coalition_starts() -> frozenset[str]:
    """First words of multi-word coalition names, for names written in lower case ("the drone coalition")."""
    return frozenset(key.split()[0] for key, entries in lexicon().items()
                     if " " in key and entries[0].etype == "coalition" and key.split()[0] not in _FUNCTION_WORDS)


_FUNCTION_WORDS = frozenset({"the", "a", "an", "of", "for", "and", "in", "on", "to", "coalition", "group"})


def _lowercase_coalition(text: str, tokens: list[Token], i: int, table: dict) -> tuple | None:
    """A coalition named in lower case: accepted only if the whole name is a multi-word coalition alias."""
    hit = _longest_match(text, tokens, i, table)
    if hit and hit[0] > 1 and hit[1][0].etype == "coalition":
        return hit
    return None


def _longest_match(text: str, tokens: list[Token], i: int, table: dict) -> tuple | None:
    if _cannot_start(tokens[i].key, _starts(table)):
        return None
    longest = min(MAX_NGRAM, len(tokens) - i)
    run = 1  # tokens i .. i+run-1 are joined only by spaces or dashes
    while run < longest and _JOINER.match(text[tokens[i + run - 1].end:tokens[i + run].start]):
        run += 1
    for n in range(longest, 0, -1):
        if n > run:
            continue
        last = tokens[i + n - 1]
        key = " ".join(t.key for t in tokens[i:i + n])
        end = last.end
        possessive = False
        if key.endswith("'s") or key.endswith("'"):
            key, possessive = key.rsplit("'", 1)[0], True
            end = last.start + len(last.raw.rsplit("'", 1)[0].rsplit("’", 1)[0])
        key = " ".join(key.split())
        entries = table.get(key)
        if entries:
            raw = text[tokens[i].start:end]
            if raw.endswith(".") and "." not in raw[:-1]:
                end -= 1  # a sentence's full stop, not part of the name
            return n, entries, possessive, end
    return None


def _capitalised_run(text: str, tokens: list[Token], i: int) -> int:
    """Capitalised tokens joined by spaces or dashes, not across a full stop ("in January. Sweden")."""
    n = 1
    while (i + n < len(tokens) and n < 4 and tokens[i + n].raw[0].isupper()
           and not _ends_sentence(tokens[i + n - 1].raw) and _contiguous(text, tokens, i + n - 1, 2)):
        n += 1
    return n


def _ends_sentence(raw: str) -> bool:
    """A token with a full stop after a lower-case letter ("January.", not "St." or "U.S.")."""
    return len(raw) > 3 and raw.endswith(".") and raw[-2].islower()


def _candidate(text: str, tokens: list[Token], i: int, n: int) -> tuple[int, int, bool] | None:
    """A capitalised run that looks like a place name: before a site word or after 'at/in/near'."""
    start, end = tokens[i].start, tokens[i + n - 1].end
    if end - start < 5 or text[end - 1] == ".":
        return None
    after = text[end:end + 30]
    before = text[max(0, start - 15):start]
    sentence_start = re.search(r"(?:^|[.!?]\s+|\n)$", text[max(0, start - 3):start]) is not None
    if _SITE_WORDS.match(after):
        return start, end, True
    if _LOCATIVE_BEFORE.search(before) and not sentence_start and n >= 2:
        return start, end, False
    return None
