"""Program mentions: the named programs, funds, missions and joint ventures an article tells of.

Each becomes a row (article, program, kind, countries); `core.link` merges the rows of
all articles into one `programs` row per program.
"""

from __future__ import annotations

import re

from core import refdata
from core.annotate import Annotated
from core.tables.common import country_mentions

_NAMED = re.compile(
    r"\b((?:Project|Operation|Programme|Program)\s+[A-Z][\w-]+|"
    r"(?:[A-Z][\w-]+\s+){1,3}(?:Shield|Programme|Program|Initiative|Plan|Project|Fund|Facility|Sentry|Mechanism))\b")
_JOINT = re.compile(r"\bjoint\s+(?:(?P<what>[a-z-]+)\s+)?(?:production|venture|manufacturing)\b", re.IGNORECASE)
_DROP_LEAD = re.compile(r"^(?:The|A|An|Its|Their|This|Under|New)\s+")
_KINDS = (
    (re.compile(r"Shield|Sky|air[\s-]defen[cs]e|Patriot|interceptor", re.IGNORECASE), "air defence"),
    (re.compile(r"Sentry|mission|rotation|Presence|Operation", re.IGNORECASE), "deployment"),
    (re.compile(r"package|aid|Facility|Fund", re.IGNORECASE), "aid package"),
    (re.compile(r"procure|order|purchase|acquisition|Project|Programme|Program", re.IGNORECASE), "procurement"),
)


def program_kind(name: str, context: str = "") -> str:
    """procurement, coalition, joint production, air defence, deployment, aid package or other."""
    for pattern, kind in _KINDS:
        if pattern.search(name):
            return kind
    for pattern, kind in _KINDS:
        if pattern.search(context):
            return kind
    return "other"


def build_program_mentions(article: Annotated) -> list[dict]:
    """One row per program the article names: coalitions, named programs, joint ventures."""
    rows: dict[str, dict] = {}

    def add(name: str, kind: str, codes: list[str]) -> None:
        row = rows.setdefault(name, {"article_id": article.article_id, "program": name, "kind": kind,
                                     "country_codes": []})
        row["country_codes"] = sorted(set(row["country_codes"]) | set(codes))

    for sentence in article.sentences:
        codes = [m.value.code for m in country_mentions(sentence) if m.kind == "country"]
        for m in sentence.names:
            if m.kind == "coalition":
                add(m.value.name, "coalition", [])
        for m in _NAMED.finditer(sentence.text):
            name = _DROP_LEAD.sub("", m.group(1)).strip()
            if len(name.split()) > 1 and not any(e.kind == "coalition" and e.raw in name for e in sentence.names):
                add(name, program_kind(name, sentence.text), [])
        joint = _JOINT.search(sentence.text)
        if joint and len(set(codes)) >= 2:
            partners = sorted(set(codes))[:2]
            names = "–".join(refdata.country_name(c) or c for c in partners)
            what = f"{joint.group('what')} " if joint.group("what") else ""
            add(f"{names} joint {what}production", "joint production", partners)
    return list(rows.values())
