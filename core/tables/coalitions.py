"""Coalition memberships: who leads, belongs to or seeks to join a named coalition.

A role cue ("co-led by", "is a member of", "seeks to join") names its countries either
after it (passive: "led by A and B", "its members are A, B and C") or before it as the
subject (active: "A co-leads ... alongside B", "A joined"). The coalition is the one the
sentence names, or the one the text last named ("the coalition", "the initiative").
"""

from __future__ import annotations

import re

from core import refdata
from core.annotate import Annotated, AnnotatedSentence
from core.mentions.dates import format_date
from core.tables.common import clause_bounds, evidence

ROLE_RANK = {"leader": 3, "member": 2, "applicant": 1}

_CUES = re.compile(
    r"""(?P<leader_after>\b(?:co-?led|led|run|chaired|co-?chaired|headed|spearheaded)\s+by\b)
      | (?P<leader_before>\b(?:co-?leads?|co-?chairs?|leads?|chairs?|heads?|spearheads?|lead\s+nations?|
                              took\s+over\s+the\s+leadership|share\s+the\s+leadership)\b)
      | (?P<demonym_led>-(?:co-?)?led\b)
      | (?P<member_after>\b(?:(?:other\s+)?members\s+(?:also\s+|now\s+|further\s+)?(?:are|include|includes|comprise)|
                              members\s+such\s+as|joined\s+by)\b)
      | (?P<applicant_before>\b(?:(?:seeks?|sought|seeking|wants?|wanted|plans?|planning|intends?|intent|intention|
                                   bid|applied|apply|asked|interest|process|prepares?|preparing|poised|hopes?|
                                   aims?|expected|set|ready)\s+(?:\w+\s+){0,2}?(?:to\s+|of\s+|in\s+|for\s+)?
                                   (?:join(?:ing)?|sign(?:ing)?\s+up|accede|accession|membership)
                                  |applicants?|candidate\s+to\s+join)\b)
      | (?P<member_before>\b(?:joined|joins|(?:is|are|was|were|became|become)\s+(?:a\s+|full\s+)*members?\s+of|
                                 (?:is|are)\s+part\s+of|sign(?:ed)?\s+up|signed\s+on)\b)
      | (?P<weak_member_before>\b(?:commit(?:ted)?\s+to|took\s+part\s+in|take\s+part\s+in|
                                      participat\w+\s+in|contribut\w+\s+to|set\s+up|founded|launched|created|
                                      established|formed)\b)
    """, re.VERBOSE | re.IGNORECASE)
#: "the coalition" refers to an "X Coalition", "the initiative" to an "X Initiative", ...
_ANAPHORS = re.compile(r"\b(?i:the|this|its|their)\s+(?:[a-z][\w-]*\s+)?(coalition|initiative|group|grouping|mission|"
                       r"format|alliance|fund)\b|\b(Its|It)\b")
_ALONGSIDE = re.compile(r"\b(?:with|alongside|together\s+with)\s+", re.IGNORECASE)
_GENERIC_COALITION = re.compile(r"\b((?:[A-Z][\w-]*\s+){1,3}Coalition)\b")
_ANAPHOR = re.compile(r"\b(?:coalition|initiative|group|grouping|alliance|mission|format|it|its|their)\b",
                      re.IGNORECASE)


def _coalitions_in(sentence: AnnotatedSentence) -> list[tuple[int, str]]:
    """(position, canonical name) of the coalitions a sentence names (not possessives like "Group's")."""
    named = [(sentence.local(m)[0], m.value.name) for m in sentence.names
             if m.kind == "coalition" and not m.possessive]
    for m in _GENERIC_COALITION.finditer(sentence.text):
        name = re.sub(r"^(?:The|the|An?|International)\s+", "", m.group(1))
        if not any(abs(pos - m.start()) < len(m.group(1)) for pos, _ in named) and len(name.split()) > 1:
            named.append((m.start(), name))
    return sorted(named)


def _references(sentence: AnnotatedSentence, topics: dict[str, int], recent: str | None) -> list[tuple[int, str, bool]]:
    """(position, coalition, named?) for named coalitions and anaphors: "the coalition" resolves by
    its head noun to the article's most-told "X Coalition"; a bare "It"/"Its" to the one just named."""
    refs = [(pos, name, True) for pos, name in _coalitions_in(sentence)]
    for m in _ANAPHORS.finditer(sentence.text):
        head = (m.group(1) or "").lower()
        if any(abs(pos - m.start()) < 25 for pos, _, _ in refs):
            continue
        target = _topic(topics, head) if head or not recent else recent
        if target:
            refs.append((m.start(), target, False))
    return sorted(refs)


def _topic(topics: dict[str, int], head: str) -> str | None:
    """The article's most-told coalition whose name ends in `head` (any, for a bare "it")."""
    fitting = [(count, name) for name, count in topics.items() if not head or head in name.lower()]
    return max(fitting)[1] if fitting else None


def _coalition_for(cue: re.Match[str], refs: list[tuple[int, str, bool]]) -> str | None:
    """The coalition a cue speaks of: after it for "X joined C", before it for "C is led by X"."""
    before = [r for r in refs if r[0] < cue.start()]
    after = [r for r in refs if r[0] >= cue.end()]
    kind = cue.lastgroup or ""
    if kind == "weak_member_before":
        return after[0][1] if after and after[0][2] and after[0][0] - cue.end() < 40 else None
    if kind.endswith("_after") or kind == "demonym_led":
        ordered = (before[:1] + after[:1]) if kind.endswith("_after") else after[:1]
    else:
        ordered = after[:1] + before[-1:]
    return ordered[0][1] if ordered else None


def _countries(sentence: AnnotatedSentence, lo: int, hi: int, people: dict[str, str],
               kinds: tuple[str, ...] = ("country",)) -> list[str]:
    """Codes of countries named between local offsets lo and hi (people count as their country)."""
    codes = []
    for m in sentence.names:
        s, _ = sentence.local(m)
        if lo <= s < hi and m.kind in kinds and m.value.code:
            codes.append(m.value.code)
    for name, code in people.items():
        for hit in re.finditer(rf"\b{re.escape(name)}\b", sentence.text[lo:hi]):
            if not any(abs(sentence.local(m)[0] - (lo + hit.start())) < 3 for m in sentence.names):
                codes.append(code)
    return codes


_NOT_SUBJECT = re.compile(r"\b(?:to|for|in|from|with|of|by|against|on|into|at|over|alongside)\s+(?:the\s+)?$",
                          re.IGNORECASE)


def _role_rows(sentence: AnnotatedSentence, cue: re.Match[str], people: dict[str, str]) -> list:
    kind = cue.lastgroup or ""
    c_start, c_end = clause_bounds(sentence.text, cue.start())
    if kind == "demonym_led":
        demonyms = [m for m in sentence.names if m.kind in ("demonym", "country") and sentence.local(m)[1] == cue.start()]
        return [("leader", m.value.code) for m in demonyms]
    role = kind.replace("weak_", "").split("_")[0]
    if kind.endswith("_after"):
        return [(role, code) for code in _countries(sentence, cue.end(), c_end, people)]
    codes = [code for code, pos in _subjects(sentence, c_start, cue.start(), people)]
    with_start = _ALONGSIDE.search(sentence.text, cue.end(), c_end)
    if role == "leader" and with_start:
        partners = _countries(sentence, with_start.end(), min(c_end, with_start.end() + 40), people)
        codes += partners[:1]
    return [(role, code) for code in codes]


def _subjects(sentence: AnnotatedSentence, lo: int, hi: int, people: dict[str, str]) -> list[tuple[str, int]]:
    """Countries (or people, as their country) standing as subjects between lo and hi."""
    out = []
    for m in sentence.names:
        s, _ = sentence.local(m)
        if lo <= s < hi and m.kind == "country" and m.value.code and (
                m.possessive or not _NOT_SUBJECT.search(sentence.text[max(0, s - 20):s])):
            out.append((m.value.code, s))
    for name, code in people.items():
        for hit in re.finditer(rf"\b{re.escape(name)}\b", sentence.text[lo:hi]):
            out.append((code, lo + hit.start()))
    return out


def build_coalitions(article: Annotated, people: dict[str, str] | None = None) -> list[dict]:
    """One row per (coalition, member) with the strongest role the article gives it."""
    people = people or {}
    rows: dict[tuple[str, str], dict] = {}
    topics: dict[str, int] = {}
    for sentence in article.sentences:
        for _, name in _coalitions_in(sentence):
            topics[name] = topics.get(name, 0) + 1
    anaphor_counts = {name: 0 for name in topics}
    for sentence in article.sentences:
        for m in _ANAPHORS.finditer(sentence.text):
            target = _topic(topics, (m.group(1) or "").lower()) if m.group(1) else None
            if target:
                anaphor_counts[target] += 1
    topics = {name: count + anaphor_counts[name] for name, count in topics.items()}
    last_paragraph, recent = -10, None
    for sentence in article.sentences:
        refs = _references(sentence, topics, recent)
        if any(named for _, _, named in refs):
            last_paragraph = sentence.paragraph
        if refs:
            recent = refs[0][1]  # the sentence's first coalition reference: usually its subject
        for cue in _CUES.finditer(sentence.text):
            coalition = _coalition_for(cue, refs)
            if coalition is None and cue.lastgroup in ("member_before", "applicant_before", "leader_before") \
                    and sentence.paragraph - last_paragraph <= 1:
                coalition = _topic(topics, "")
            if coalition is None:
                continue
            for role, code in _role_rows(sentence, cue, people):
                _keep(rows, article.article_id, sentence, coalition, role, code, clause_bounds(sentence.text, cue.start()))
    return list(rows.values())


def _keep(rows: dict, article_id: str, sentence: AnnotatedSentence, coalition: str, role: str, code: str,
          clause: tuple[int, int]) -> None:
    key = (coalition, code)
    old = rows.get(key)
    if old and ROLE_RANK[old["role"]] >= ROLE_RANK[role]:
        return
    dates = [date for d in sentence.dates if d.value.form != "year_span"
             and clause[0] <= sentence.local(d)[0] < clause[1] and (date := format_date(d.value))]
    rows[key] = {"article_id": article_id, "coalition": coalition, "member_code": code,
                 "member": refdata.country_name(code), "role": role, "date": dates[0] if dates else None,
                 **evidence(sentence)}
