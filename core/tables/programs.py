"""Program mentions: the named programs, funds, missions and joint ventures an article tells of.

Registered programs (`data/programs.csv`: SAFE, East Shield, Baltic Air Policing, ...) and
coalitions are found by the names finder under their canonical names; other capitalised names
ending in Programme, Plan, Fund, Shield... are taken as written.

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
_PARTNER = re.compile(r"\b(?:with|and|alongside)\s+(?:the\s+)?$", re.IGNORECASE)
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


def _joint_partners(sentence, joint: re.Match[str]) -> list[str]:
    """The two countries of a joint venture: the subject before it and the partner after 'with'."""
    codes = [(sentence.local(m)[0], m.value.code) for m in country_mentions(sentence) if m.kind == "country"]
    before = [c for pos, c in codes if pos < joint.start()]
    after = [c for pos, c in codes if pos > joint.end() and _PARTNER.search(sentence.text[max(0, pos - 12):pos])]
    partners = list(dict.fromkeys(before[:1] + after[:1]))
    if len(partners) < 2:
        partners = list(dict.fromkeys(c for pos, c in codes if _PARTNER.search(sentence.text[max(0, pos - 12):pos])
                                      or pos < joint.start()))[:2]
    return sorted(partners) if len(partners) == 2 else []


def build_program_mentions(article: Annotated) -> list[dict]:
    """One row per program the article names: coalitions, named programs, joint ventures."""
    rows: dict[str, dict] = {}

    def add(name: str, kind: str, codes: list[str]) -> None:
        row = rows.setdefault(name, {"article_id": article.article_id, "program": name, "kind": kind,
                                     "country_codes": []})
        row["country_codes"] = sorted(set(row["country_codes"]) | set(codes))

    for sentence in article.sentences:
        headline = sentence.index == 0 and sentence.paragraph == 0
        for m in sentence.names:
            if m.kind == "coalition":
                add(m.value.name, "coalition", [])
            elif m.kind == "program":  # data/programs.csv: its canonical name, kind and country
                add(m.value.name, m.value.kind or "other", [m.value.code] if m.value.code else [])
        coalition_spans = [sentence.local(e) for e in sentence.names if e.kind in ("coalition", "program")]
        for found in [] if headline else _NAMED.finditer(sentence.text):
            name = _DROP_LEAD.sub("", found.group(1)).strip()
            overlaps = any(s < found.end(1) and found.start(1) < e for s, e in coalition_spans)
            if len(name.split()) > 1 and not overlaps:
                add(name, program_kind(name, sentence.text), [])
        joint = _JOINT.search(sentence.text)
        partners = _joint_partners(sentence, joint) if joint else []
        if partners:
            names = "–".join(refdata.country_name(c) or c for c in partners)
            add(f"{names} joint production", "joint production", partners)
    return list(rows.values())


def complete_program_mentions(mentions: list[dict], coalitions: list[dict], budgets: list[dict]) -> list[dict]:
    """Add the countries the article ties to each program (coalition members, funders) and the
    programs budgets name that the text scan did not."""
    by_name = {row["program"]: row for row in mentions}
    for row in coalitions:
        target = by_name.get(row["coalition"])
        if target is not None and row["member_code"]:
            target["country_codes"] = sorted(set(target["country_codes"]) | {row["member_code"]})
    for row in budgets:
        name = row.get("program")
        if not name:
            continue
        if name not in by_name:
            by_name[name] = {"article_id": row["article_id"], "program": name,
                             "kind": program_kind(name, row.get("purpose") or ""), "country_codes": []}
        if row.get("funder_code"):
            target = by_name[name]
            target["country_codes"] = sorted(set(target["country_codes"]) | {row["funder_code"]})
    return list(by_name.values())
