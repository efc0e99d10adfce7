"""Annotate an article: its sentences, each with the mentions found and resolved in it.

This is the hand-over between the finders (`core.mentions`, `core.resolve`) and the
table builders (`core.tables`): builders read sentences and their mentions, never text.
"""

from __future__ import annotations

import bisect
import hashlib
import re
from collections.abc import Sequence
from dataclasses import dataclass, field, replace

from core.discourse import Before, memory, refers_back
from core.furniture import furniture_spans, inside
from core.mentions.dates import dateline_date, find_dates, infer_years, yearless_dateline_date
from core.mentions.money import find_money
from core.mentions.names import find_names
from core.records import Document, Mention, Sentence
from core.relevance import on_topic
from core.resolve import resolve_candidates
from core.syntax import Parse, parse_texts
from core.tables.places import is_government
from core.text import iter_paragraphs, normalise_for_hash, split_sentences
from core.vocab import relation_cues


@dataclass
class AnnotatedSentence:
    """A sentence with the mentions inside it, sorted by position."""

    index: int
    sentence: Sentence
    paragraph: int
    names: list[Mention] = field(default_factory=list)
    money: list[Mention] = field(default_factory=list)
    dates: list[Mention] = field(default_factory=list)
    parse: Parse | None = None  # the dependency parse, for sentences that can carry a relation
    #: the mentions that stand for a country (names, demonyms, services, institutions, and capitals
    #: used as governments, retyped 'country'): computed once here, read by every builder
    countries: tuple[Mention, ...] = ()

    @property
    def text(self) -> str:
        return self.sentence.text

    @property
    def start(self) -> int:
        return self.sentence.start

    def local(self, m: Mention) -> tuple[int, int]:
        """The mention's span relative to the sentence."""
        return m.start - self.sentence.start, m.end - self.sentence.start

    def head(self, m: Mention) -> int | None:
        """The parse token that heads the mention's span; None without a parse or a head."""
        return None if self.parse is None else self.parse.span_head(*self.local(m))

    def before(self, m: Mention, chars: int = 40) -> str:
        """The text of the sentence just before a mention."""
        start = m.start - self.sentence.start
        return self.text[max(0, start - chars):start]

    def after(self, m: Mention, chars: int = 40) -> str:
        """The text of the sentence just after a mention."""
        end = m.end - self.sentence.start
        return self.text[end:end + chars]


@dataclass
class Annotated:
    """An article ready for the table builders."""

    article_id: str
    doc: Document
    sentences: list[AnnotatedSentence]
    #: what the sentences before each one told (`core.discourse.memory`), index-aligned with
    #: `sentences`: made once, with the parses, for every builder that reads it
    before: list[Before] = field(default_factory=list)


def article_id(text: str) -> str:
    """Stable id: the first 16 hex digits of the SHA-256 of the normalised text."""
    return hashlib.sha256(normalise_for_hash(text).encode("utf-8")).hexdigest()[:16]


def annotate(doc: Document) -> Annotated:
    """Split the article into sentences, attach every mention found in it, and parse the sentences
    that can carry a relation."""
    annotated = find_mentions(doc)
    attach_parses([annotated])
    return annotated


def find_mentions(doc: Document) -> Annotated:
    """`annotate` without the parse: the article's sentences with their mentions."""
    text = doc.text
    sentences = split_sentences(text)
    paragraph_starts = [start for start, _ in iter_paragraphs(text)]
    annotated = [AnnotatedSentence(i, s, bisect.bisect_right(paragraph_starts, s.start) - 1)
                 for i, s in enumerate(sentences)]
    starts = [s.start for s in sentences]
    paragraph_of: dict[int, int] = {}
    names = resolve_candidates(find_names(text))
    if not on_topic(text, names):  # a film review or a recipe in a feed: stored, but no rows from it
        return Annotated(article_id(text), doc, annotated)
    dates = find_dates(text)
    for d in dates:
        paragraph_of[d.start] = bisect.bisect_right(paragraph_starts, d.start) - 1
    published = doc.published or dateline_date(text) or yearless_dateline_date(text, dates)
    dates = infer_years(dates, published, paragraph_of)
    for kind, found in (("names", names), ("money", find_money(text)), ("dates", dates)):
        for m in found:
            i = bisect.bisect_right(starts, m.start) - 1
            if i >= 0 and m.start < sentences[i].end:
                getattr(annotated[i], kind).append(m)
    furniture = furniture_spans(text)  # bylines, captions, links, prompts: no builder sees them
    annotated = [s for s in annotated if not inside(furniture, s.start)]
    for sentence in annotated:
        sentence.countries = _country_mentions(sentence)
    return Annotated(article_id(text), doc, annotated)


_REGION_AFTER = re.compile(r"^\s+(?:region|province|county|district|oblast|voivodeship)\b", re.IGNORECASE)
#: Name types that stand for a country.
COUNTRY_TYPES = ("country", "demonym", "force", "institution")


def _country_mentions(sentence: AnnotatedSentence) -> tuple[Mention, ...]:
    """Mentions that stand for a country: names, demonyms, services, institutions, and capitals used
    as governments ("Paris is sending", "Moscow's invasion"), retyped 'country'; not a country's name
    before a region noun ("Romania's Moldavia region")."""
    out = []
    for m in sentence.names:
        if m.kind == "country" and _REGION_AFTER.match(sentence.after(m, 20)):
            continue  # "Romania's Moldavia region", "the Lublin region": a region named like a country
        if m.kind in COUNTRY_TYPES and m.value.code:
            out.append(m)
        elif m.kind == "site" and is_government(sentence, m):
            out.append(replace(m, kind="country"))
    return tuple(out)


#: Name types that can be an argument of a relation (a member, funder, force, host, place).
_ARGUMENT_KINDS = frozenset({"country", "demonym", "force", "institution", "actor", "coalition", "program", "site"})


def can_carry_relation(sentence: AnnotatedSentence) -> bool:
    """Whether a sentence names an argument, or refers back to one ("the battalion", "they":
    `core.discourse`), and carries a relation cue (money, a role, deployment, budget or happening
    word): only these are parsed (about a third of news sentences)."""
    if not any(m.kind in _ARGUMENT_KINDS for m in sentence.names):  # unless it refers back to one
        return relation_cues().search(sentence.text) is not None and refers_back(sentence.text)
    if sentence.money or relation_cues().search(sentence.text) is not None:
        return True
    return any(m.kind == "coalition" for m in sentence.names)  # a coalition: its topic, its member lists


def attach_parses(articles: Sequence[Annotated]) -> None:
    """Parse, in one batch, every sentence of `articles` that can carry a relation. The parser runs
    about a fifth faster on the sentences of a few articles at once than on one article's; a
    sentence's parse is the same either way (each is parsed as one text). Then each article's
    discourse memory, which reads the parses."""
    chosen = [s for article in articles for s in article.sentences if can_carry_relation(s)]
    parses = parse_texts([s.text for s in chosen])
    for sentence, parse in zip(chosen, parses, strict=True):
        sentence.parse = parse
    for article in articles:  # the memory reads the parses' subjects
        article.before = memory(article)
