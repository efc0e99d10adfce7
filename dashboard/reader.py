"""The reader: an article's findings in text order, and its text as markdown with each finding
highlighted (no Streamlit here).

Every piece of article text passes through `safe.md_inline`, which backslash-escapes all ASCII
punctuation, so no HTML, link, image, directive or code can come from the text; the only markup
is ours (`:orange-background[...]` and the row label).
"""

from __future__ import annotations

import re
from collections.abc import Mapping

import pandas as pd

from core.schema import FINDINGS
from dashboard import money
from dashboard.aggregates import COUNTRY_LEVEL
from dashboard.safe import md_inline

PARAGRAPH = re.compile(r"\s*\n\s*")


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


def _describe(table: str, rows: pd.DataFrame) -> pd.Series:
    """A one-line description of each finding (plain text)."""
    def text(column: str) -> pd.Series:
        return rows[column].astype("string").fillna("?") if column in rows else pd.Series("?", index=rows.index)

    if table == "budgets":
        amount = pd.Series([money.label(e, a, c) or "?" for e, a, c in zip(
            rows["amount_eur"], rows["amount"], rows["currency"], strict=False)], index=rows.index)
        share = rows["part_of"].notna() if "part_of" in rows else pd.Series(False, index=rows.index)
        return amount + " · " + text("funder") + " · " + text("kind") + share.map({True: " (a share)", False: ""})
    if table == "deployments":
        people = rows["personnel"].map(lambda v: f"{money.count(v)} personnel" if pd.notna(v) else "personnel not stated")
        return text("force") + " → " + text("host") + " · " + rows["site"].fillna(COUNTRY_LEVEL) + " · " + people
    if table == "coalitions":
        return text("member") + " · " + text("role") + " · " + text("coalition")
    if table == "events":
        return text("date") + " · " + text("event_type") + " · " + text("summary")
    if table == "site_mentions":
        return text("name") + " → " + text("site") + " (score " + text("score") + ")"
    return text("person") + " · " + text("role") + " · " + text("country_code")


def article_findings(t: Mapping[str, pd.DataFrame], article_id: str) -> pd.DataFrame:
    """Every finding of one article in text order, each with a label like 'B2' for the highlights."""
    parts = []
    for table in FINDINGS:
        rows = t[table][t[table]["article_id"] == article_id]
        if rows.empty:
            continue
        parts.append(pd.DataFrame({
            "table": table, "finding": _describe(table, rows).to_numpy(),
            "start": pd.to_numeric(rows["start"], errors="coerce").to_numpy(),
            "end": pd.to_numeric(rows["end"], errors="coerce").to_numpy(),
            "evidence": rows["evidence"].to_numpy(), "article_id": article_id}))
    if not parts:
        return pd.DataFrame(columns=["label", "table", "finding", "start", "end", "evidence", "article_id"])
    out = pd.concat(parts, ignore_index=True).sort_values(["start", "table"], ignore_index=True, na_position="last")
    numbers = out.groupby("table").cumcount() + 1
    out.insert(0, "label", out["table"].map({t: f.tag for t, f in FINDINGS.items()}) + numbers.astype(str))
    return out


def locate(text: str, start: float | None, end: float | None, evidence: object = None) -> tuple[int, int] | None:
    """The span of a finding in the text: its offsets if they fit, else where its evidence occurs.

    >>> locate("One. Two three.", 5, 15), locate("One. Two three.", None, None, "Two")
    ((5, 15), (5, 8))
    """
    if start is not None and end is not None and not (pd.isna(start) or pd.isna(end)) \
            and 0 <= int(start) < int(end) <= len(text):
        return int(start), int(end)
    if isinstance(evidence, str) and evidence and (at := text.find(evidence)) >= 0:
        return at, at + len(evidence)
    return None


def segments(text: str, spans: list[tuple[int, int, str]]) -> list[tuple[str, str | None]]:
    """The text cut into (piece, label-or-None) where labelled pieces are findings' spans.

    Overlapping spans are merged and their labels joined.

    >>> segments("abcdef", [(1, 3, "B1"), (2, 4, "E1")])
    [('a', None), ('bcd', 'B1 E1'), ('ef', None)]
    """
    merged: list[list] = []
    for start, end, label in sorted(spans):
        if merged and start < merged[-1][1]:
            merged[-1][1] = max(merged[-1][1], end)
            if label not in merged[-1][2]:
                merged[-1][2].append(label)
        else:
            merged.append([start, end, [label]])
    out: list[tuple[str, str | None]] = []
    at = 0
    for start, end, labels in merged:
        if start > at:
            out.append((text[at:start], None))
        out.append((text[start:end], " ".join(labels)))
        at = end
    if at < len(text):
        out.append((text[at:], None))
    return out


def context(text: str, start: int, end: int, before: int = 300, after: int = 300) -> tuple[str, str, str]:
    """The finding's span with some text either side, cut at whitespace."""
    lo = max(0, start - before)
    hi = min(len(text), end + after)
    head = text[lo:start]
    tail = text[end:hi]
    if lo > 0 and " " in head:
        head = "… " + head.split(" ", 1)[1]
    if hi < len(text) and " " in tail:
        tail = tail.rsplit(" ", 1)[0] + " …"
    return head, text[start:end], tail
