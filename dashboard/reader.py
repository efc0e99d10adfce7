"""The reader's text rendering: highlights made of our own markdown around escaped text.

Every piece of article text passes through `widgets.md_inline`, which backslash-escapes
all ASCII punctuation, so no HTML, link, image, directive or code can come from the text;
the only markup is ours (`:orange-background[...]` and the row label).
"""

from __future__ import annotations

import re

import pandas as pd
import streamlit as st

from dashboard.aggregates import context, locate, segments
from dashboard.widgets import md_inline

PARAGRAPH = re.compile(r"\s*\n\s*")


def forget_focus() -> None:
    """A new article was picked: drop the previous article's focused sentence."""
    st.session_state["reader_at"] = None
    st.session_state["reader_evidence"] = None


def focus_span(text: str, findings: pd.DataFrame, at: int | None, evidence: str | None) -> tuple[int, int] | None:
    """The span to bring forward: the finding starting at `at` (or containing it), or the evidence."""
    if at is None and not evidence:
        return None
    if (row := focus_row(findings, at)) is not None:
        return locate(text, row["start"], row["end"], row["evidence"])
    if evidence:
        return locate(text, None, None, evidence)
    if at is not None and 0 <= at < len(text):
        end = text.find(".", at)
        return at, (end + 1 if end > at else min(len(text), at + 200))
    return None


def focus_row(findings: pd.DataFrame, at: int | None) -> pd.Series | None:
    """The finding whose span holds offset `at` (the first in text order), if any."""
    if at is None or findings.empty:
        return None
    starts = pd.to_numeric(findings["start"], errors="coerce")
    ends = pd.to_numeric(findings["end"], errors="coerce")
    hit = findings[(starts <= at) & (ends > at)]
    return hit.iloc[0] if len(hit) else None


def _mark(piece: str, label: str, focused: bool) -> str:
    inner = md_inline(piece).strip()
    if focused:
        return f":red-background[**{inner}**] `{label}`"
    return f":orange-background[{inner}] `{label}`"


def highlighted_markdown(text: str, findings: pd.DataFrame, focus: tuple[int, int] | None) -> list[str]:
    """The text as markdown paragraphs with each finding's span highlighted and labelled."""
    spans = []
    for label, start, end, evidence in zip(findings.get("label", []), findings.get("start", []),
                                           findings.get("end", []), findings.get("evidence", []), strict=False):
        if (span := locate(text, start, end, evidence)) is not None:
            spans.append((*span, label))
    if focus:
        spans.append((*focus, "selected"))
    paragraphs: list[str] = [""]
    for piece, label in segments(text, spans):
        if label is None:
            parts = PARAGRAPH.split(piece)
            paragraphs[-1] += md_inline(parts[0])
            paragraphs.extend(md_inline(p) for p in parts[1:])
        else:
            focused = "selected" in label.split()
            shown = " ".join(x for x in label.split() if x != "selected") or "selected"
            lead = "" if not paragraphs[-1] or paragraphs[-1].endswith(" ") else " "
            paragraphs[-1] += lead + _mark(piece, shown, focused) + " "
    return [p.strip() for p in paragraphs if p.strip()]


def context_markdown(text: str, start: int, end: int) -> str:
    head, span, tail = context(text, start, end)
    return f"{md_inline(head)} :red-background[**{md_inline(span).strip()}**] {md_inline(tail)}"
