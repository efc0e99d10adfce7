"""Text utilities shared by the finders: normalisation, sentences and tokens.

All functions keep character offsets into the article's text, so that every mention
and every row can point at the sentence it came from.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from functools import lru_cache

from core import refdata
from core.records import Sentence

_DASHES = str.maketrans({"\u2010": "-", "\u2011": "-", "\u2012": "-", "\u2013": "-", "\u2014": "-",
                         "\u2212": "-", "\u2019": "'", "\u2018": "'", "\u00a0": " ", "\u202f": " "})
#: The characters `_DASHES` replaces, to find them before translating (translating a text with a dict
#: looks up every character).
_DASH_CHARS = re.compile("[" + "".join(map(chr, _DASHES)) + "]")
_LETTERS = str.maketrans({"ł": "l", "Ł": "L", "ø": "o", "Ø": "O", "đ": "d", "Đ": "D"})  # no NFKD decomposition


def alternation(words: Iterable[str], gap: str = r"\s+", hyphens: bool = False,
                letter_bounds: tuple[str, str] = ("", "")) -> str:
    r"""The regex alternation of `words`: each escaped, longest first (so the longest cue wins), once.

    A space inside a word matches `gap` (any run of white space by default); with `hyphens`, so
    does a hyphen ("co-led" matches "co led"). A word that begins with a letter is wrapped in
    `letter_bounds` (a symbol such as "€" is not). The one place a word list becomes a regex: wrap
    the result in the boundaries and flags the caller needs.

    >>> alternation(["led by", "co-led", "led by"], r"[\s-]+", hyphens=True)
    'co[\\s-]+led|led[\\s-]+by'
    >>> re.fullmatch(alternation(["set up"]), "set   up") is not None
    True
    >>> alternation(["€", "EUR"], letter_bounds=(r"\b", r"\b"))
    '\\bEUR\\b|€'
    """
    escaped = []
    before, after = letter_bounds
    for word in sorted(set(words), key=lambda w: (-len(w), w)):
        text = re.escape(word).replace(r"\ ", gap)
        text = text.replace(r"\-", gap) if hyphens else text
        escaped.append(f"{before}{text}{after}" if word[:1].isalpha() else text)
    return "|".join(escaped)


def word_trie(words: Iterable[str], gap: str = r"\s+") -> str:
    r"""`alternation(words, gap, hyphens=True)` for a case-insensitive pattern, as a trie: words that
    begin alike share one branch, so the regex engine tries a few branches at each position instead
    of every word (ten times faster on a few hundred cues). The same matches: words are lower-cased
    (the pattern ignores case), a space or hyphen is `gap`, branches differ in their first character
    (so at most one can go on), and a longer word is tried before a shorter one it continues.

    >>> word_trie(["led by", "co-led", "lead"], r"[\s-]+")
    'co[\\s-]+led|le(?:d[\\s-]+by|ad)'
    """
    root: dict[str, dict] = {}
    for word in words:
        node = root
        for c in word.lower():
            node = node.setdefault(" " if c in " -" else c, {})
        node[""] = {}  # a word ends here

    def longest(node: dict) -> int:
        return max(1 + longest(child) if key else 0 for key, child in node.items())

    def branches(node: dict) -> list[str]:
        keys = sorted((k for k in node if k), key=lambda k: (-longest(node[k]), k))
        out = [(gap if k == " " else re.escape(k)) + _grouped(branches(node[k])) for k in keys]
        return out + [""] if "" in node else out

    return "|".join(branches(root))


def _grouped(branches: list[str]) -> str:
    return branches[0] if len(branches) == 1 else f"(?:{'|'.join(branches)})"


#: Characters that change how text looks or reads but are no part of its words: zero-width spaces and
#: joiners, word joiner, soft hyphen, BOM, and the bidi controls (marks, embeddings, overrides, isolates).
_INVISIBLE = re.compile("[\u00ad\u061c\u180e\u200b-\u200f\u202a-\u202e\u2060-\u2064\u2066-\u2069\ufeff]")


def strip_invisible(text: str) -> str:
    """Text without invisible characters, so that 'Lith\u200duania' and 'Lat\u00advia' are read as the
    names they show. The reader applies it before anything is stored: offsets point into the result.

    >>> strip_invisible("Lith\u200duania and Lat\u00advia, \u202eevil")
    'Lithuania and Latvia, evil'
    """
    return _INVISIBLE.sub("", text) if _INVISIBLE.search(text) else text


@lru_cache(maxsize=1 << 16)  # called for every token: the same few thousand words over and over
def fold(text: str) -> str:
    """Lower-case, strip diacritics, unify dashes and quotes: the key for exact lookups.

    >>> fold("Mihail Kogălniceanu")
    'mihail kogalniceanu'
    >>> fold("Rzeszów–Jasionka")
    'rzeszow jasionka'
    """
    text = unicodedata.normalize("NFKD", _dashes_unified(text))
    text = _dashes_unified(text)  # NFKD makes dashes too
    if not text.isascii():  # only non-ASCII characters can be combining marks: look at those alone
        text = _NON_ASCII.sub(_drop_combining, text)
    return " ".join(_SEPARATORS.sub(" ", text.lower()).split())


_NON_ASCII = re.compile(r"[^\x00-\x7f]+")
_SEPARATORS = re.compile(r"[-./,]+")


def _dashes_unified(text: str) -> str:
    """`text.translate(_DASHES)`, replacing only what is there (fewer lookups in a long text)."""
    return _DASH_CHARS.sub(_unified_dash, text)


def _unified_dash(match: re.Match[str]) -> str:
    return str(_DASHES[ord(match.group())])


def _drop_combining(match: re.Match[str]) -> str:
    """A run of non-ASCII characters without its combining marks, its letters without a decomposition
    (ł, ø, đ) replaced."""
    return "".join(c for c in match.group() if not unicodedata.combining(c)).translate(_LETTERS)


def normalise_for_hash(text: str) -> str:
    """Whitespace-collapsed, case-folded text: what the article id is a hash of."""
    return " ".join(_dashes_unified(text).split()).casefold()


_BOUNDARY = re.compile(r"""[.!?]["'”’)]*(?=\s+["'“‘(]?[A-Z0-9ÄÖÜÂÎȘȚĂŠŽČŁŚŻŹ])""")
_WORD_BEFORE = re.compile(r"([\w.]+)[.!?][\"'”’)]*$")


@lru_cache(maxsize=1)
def _abbreviations() -> frozenset[str]:
    return frozenset(row["abbreviation"] for row in refdata.rows("vocab/abbreviations.csv"))


def split_sentences(text: str) -> list[Sentence]:
    """Split text into sentences: lines first, then sentence punctuation inside a line.

    A period after a known abbreviation (U.S., Sept., Gen.) or a single initial does not
    end a sentence.

    >>> [s.text for s in split_sentences("U.S. troops left on Sept. 4. Gen. Smith said so.\\nNext")]
    ['U.S. troops left on Sept. 4.', 'Gen. Smith said so.', 'Next']
    """
    sentences: list[Sentence] = []
    abbreviations = _abbreviations()
    for line in re.finditer(r"[^\n]+", text):
        offset, body = line.start(), line.group()
        start = 0
        for m in _BOUNDARY.finditer(body):
            if body[m.start()] == "." and _is_abbreviation(body[start:m.start() + 1], abbreviations):
                continue
            _add_sentence(sentences, offset, body, start, m.end())
            start = m.end()
        _add_sentence(sentences, offset, body, start, len(body))
    return sentences


def _is_abbreviation(head: str, abbreviations: frozenset[str]) -> bool:
    m = _word_before(head)
    if not m:
        return False
    word = m.group(1).rstrip(".")
    last = word.rsplit(".", 1)[-1] if "." in word and word not in abbreviations else word
    return word in abbreviations or last in abbreviations or (len(last) == 1 and last.isupper())


def _word_before(head: str) -> re.Match[str] | None:
    """`_WORD_BEFORE.search(head)`, looking at the end of `head` first: a match found there that does not
    begin at the cut begins where the full search would find it (the character before it is no part of it)."""
    cut = max(0, len(head) - 64)
    m = _WORD_BEFORE.search(head, cut) if cut else None
    return m if m is not None and m.start() > cut else _WORD_BEFORE.search(head)


#: Longer "sentences" (hostile or broken text, never prose) are cut into chunks of at most this
#: many characters, at a comma or a space, so that the table builders' cost per sentence is bounded.
MAX_SENTENCE = 1500


def _add_sentence(out: list[Sentence], offset: int, body: str, start: int, end: int) -> None:
    while end - start > MAX_SENTENCE:
        window = body[start:start + MAX_SENTENCE]
        cut = max(window.rfind(", "), window.rfind("; "))
        cut = cut + 1 if cut > MAX_SENTENCE // 2 else (window.rfind(" ") if window.rfind(" ") > 0 else MAX_SENTENCE)
        _add_chunk(out, offset, body, start, start + cut)
        start += cut
    _add_chunk(out, offset, body, start, end)


def _add_chunk(out: list[Sentence], offset: int, body: str, start: int, end: int) -> None:
    chunk = body[start:end]
    lead = len(chunk) - len(chunk.lstrip())
    chunk = chunk.strip()
    if chunk:
        out.append(Sentence(offset + start + lead, offset + start + lead + len(chunk), chunk))


@dataclass(frozen=True)
class Token:
    """A word of the text: its span, its raw form and its folded lookup key."""

    start: int
    end: int
    raw: str
    key: str


_TOKEN = re.compile(r"[^\W_]+(?:[.'’][^\W_]+)*\.?|\$|€|£")


def tokenize(text: str, offset: int = 0) -> list[Token]:
    """Words of `text` (letters and digits; dots inside abbreviations kept).

    >>> [t.raw for t in tokenize("U.S. troops at Rzeszów-Jasionka.")]
    ['U.S.', 'troops', 'at', 'Rzeszów', 'Jasionka.']
    """
    return [Token(offset + m.start(), offset + m.end(), m.group(), fold(m.group()))
            for m in _TOKEN.finditer(text)]


def iter_paragraphs(text: str) -> Iterator[tuple[int, str]]:
    """Non-empty lines with their start offsets."""
    for m in re.finditer(r"[^\n]+", text):
        if m.group().strip():
            yield m.start(), m.group()
