"""Find names of countries, demonyms, armed services, actors, coalitions and sites.

One lexicon (folded name -> entries, `core.mentions.lexicon`) is built from the reference CSVs.
One Aho–Corasick pass over the folded text (`core.mentions.folded`) finds where known names
start; a capitalised token (or a number, or a lower-case coalition name) where one starts takes
the longest n-gram that is a known name; capitalised spans that miss but look like a place
(`core.mentions.candidates`: before "air base", "airport", ...; after "in/at/near") become
`candidate` mentions for fuzzy resolution in `core.resolve`. The same lookups run token by token on a text whose
characters do not all fold one to one.
"""

from __future__ import annotations

import re
from functools import lru_cache
from itertools import islice

import ahocorasick

from core.mentions.candidates import MAX_RUN, SITE_WORD_FOLDED, candidate_at, contiguous, may_be_candidate
from core.mentions.folded import (
    FoldedText,
    build_automaton,
    capital_token_starts,
    fold_text,
    is_token_start,
    name_starts,
)
from core.mentions.lexicon import Entry, case_sensitive, lexicon
from core.records import Mention
from core.text import _TOKEN, Token, fold, tokenize

MAX_NGRAM = 6


def find_names(text: str, offset: int = 0) -> list[Mention]:
    """Known names in `text`, longest match first; unknown place-like spans as candidates.

    >>> [(m.raw, m.value.etype, m.value.code) for m in find_names("Belgian forces in Romania and the U.S.")]
    [('Belgian', 'demonym', 'BEL'), ('Romania', 'country', 'ROU'), ('U.S.', 'country', 'USA')]
    """
    folded = fold_text(text)
    if folded is None:
        return _find_names_by_tokens(text, offset)
    table = lexicon()
    starts, coalitions = name_starts(_automaton(), folded.closed)
    site_words: list[int] | None = None
    found: list[Mention] = []
    done = 0  # tokens before this offset belong to a name or candidate already found
    for start in _lookup_starts(text, folded, coalitions):
        if start < done:
            continue
        at = folded.position(start)
        longest = starts.get(at)
        if longest:  # a name starts here: the tokens it can span at most are enough for the longest match
            tokens = _tokens_at(text, start, folded.closed.count(" ", at, at + longest) + 1)
            hit = _name_at(text, tokens, 0, table, offset)
            if hit:
                found.append(hit[1])
                done = tokens[hit[0] - 1].end
                continue
        if not text[start].isupper():
            continue
        if site_words is None:
            site_words = [folded.offset(m.start()) for m in SITE_WORD_FOLDED.finditer(folded.closed)]
        if may_be_candidate(text, start, site_words, folded.closed, at):
            tokens = _tokens_at(text, start, MAX_RUN)
            hit = candidate_at(text, tokens, 0, offset)
            if hit:
                found.append(hit[1])
                done = max(tokens[hit[0] - 1].end, hit[1].end - offset)
    return found


def _tokens_at(text: str, start: int, n: int) -> list[Token]:
    """The first `n` tokens (at most `MAX_NGRAM`) from offset `start`, a token's start."""
    return [Token(t.start(), t.end(), t.group(), fold(t.group()))
            for t in islice(_TOKEN.finditer(text, start), min(n, MAX_NGRAM))]


def _lookup_starts(text: str, folded: FoldedText, hits: set[int]) -> list[int]:
    """Token offsets worth a look: capitalised or numeric tokens, and lower-case coalition names
    (`hits`: where multi-word coalition names start in the folded text)."""
    capitals = capital_token_starts(text)
    if not hits:
        return capitals
    lower = {folded.offset(h) for h in hits} - set(capitals)
    return sorted([*capitals, *(p for p in lower if is_token_start(text, p))])


def _find_names_by_tokens(text: str, offset: int) -> list[Mention]:
    """`find_names` token by token: for texts with characters that do not fold one to one."""
    table = lexicon()
    tokens = tokenize(text)
    found: list[Mention] = []
    i = 0
    while i < len(tokens):
        hit = _name_at(text, tokens, i, table, offset)
        if not hit and tokens[i].raw[0].isupper():
            hit = candidate_at(text, tokens, i, offset)
        if hit:
            found.append(hit[1])
        i += hit[0] if hit else 1
        while hit and i < len(tokens) and tokens[i].start < hit[1].end - offset:  # a name's lower-case particles
            i += 1
    return found


def _name_at(text: str, tokens: list[Token], i: int, table: dict, offset: int) -> tuple[int, Mention] | None:
    """The known name starting at token `i` and the number of tokens it takes."""
    tok = tokens[i]
    if not (tok.raw[0].isupper() or tok.raw[0].isdigit()):
        hit = _lowercase_coalition(text, tokens, i, table) if tok.key in _coalition_starts() else None
        if not hit:
            return None
        n, entries, possessive, end = hit
        return n, Mention("coalition", offset + tok.start, offset + end, text[tok.start:end], entries[0],
                          possessive=possessive)
    hit = _longest_match(text, tokens, i, table)
    if not hit:
        return None
    n, entries, possessive, end = hit
    return n, Mention(entries[0].etype, offset + tok.start, offset + end, text[tok.start:end], entries[0],
                      possessive=possessive, alternatives=entries[1:])


@lru_cache(maxsize=1)
def _automaton() -> ahocorasick.Automaton:
    """Every folded name of the lexicon; marked: the multi-word coalition names that may be written in
    lower case."""
    starts = _coalition_starts()
    lower_case = {key for key, entries in lexicon().items()
                  if " " in key and entries[0].etype == "coalition" and key.split()[0] in starts}
    return build_automaton(list(lexicon()), lower_case)



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
    while run < longest and contiguous(text, tokens, i + run - 1, 2):
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
        if entries and key in case_sensitive():
            entries = _as_written(entries, key, text, tokens[i].start, end)
        if entries:
            raw = text[tokens[i].start:end]
            if raw.endswith(".") and "." not in raw[:-1]:
                end -= 1  # a sentence's full stop, not part of the name
            return n, entries, possessive, end
    return None


def _as_written(entries: tuple[Entry, ...], key: str, text: str, start: int, end: int) -> tuple[Entry, ...]:
    """The entries whose name is written as the text writes it ('US', not 'Us'); a word name ('Pole')
    not at the start of a sentence, where a capital letter says nothing ("Pole vaulting")."""
    forms = case_sensitive()[key]
    raw = " ".join(text[start:end].rstrip(".").split())
    initial = not raw.isupper() and _SENTENCE_START.search(text[max(0, start - 6):start]) is not None
    return tuple(e for e in entries
                 if e not in forms or (not initial and raw in {f.rstrip(".") for f in forms[e]}))


_SENTENCE_START = re.compile(r"(?:^|[.!?:]['\"”’)]*\s+|\n)\s*[\"“‘'(]*$")
