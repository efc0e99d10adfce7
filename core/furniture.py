"""Page furniture: the lines of a page that are not the story.

Bylines ("By Ioana Marin", "(Reporting by ...; editing by ...)"), photo captions and credits,
"Read also" and related-story links, teasers, newsletter, share and follow prompts, tag lists,
copyright lines and lines that only date the page ("Updated 4:12 PM, September 8, 2024") give no rows in any table (contract: page furniture). This stage marks
them as character spans of the article's text; `core.annotate` leaves the sentences inside
them out of what the table builders see. The text itself is never changed, so every offset
still points into the document. Cues are data: `data/vocab/furniture_cues.csv`, where
`where` says how a cue marks a line: `start` (the line opens with it, then a colon, bar or
dash, or the line is a short prompt), `anywhere` (a short line that contains it), `end` (a
credit after a slash or bracket at the end of a caption), `byline` ("By" and a name).
"""

from __future__ import annotations

import bisect
import re
from functools import cache

from core import refdata
from core.read.datelines import is_timestamp

_SHORT = 200  # characters: prompts, credits and links are short lines; story paragraphs rarely are
_PROMPT = 160  # a 'start' cue with no colon after it marks a line only this short
_OPENERS = " \t*_#>•·-–—([\"'“"  # bullets, emphasis and brackets before a line's first word
_SHARE_WORDS = re.compile(r"^(?:facebook|x|twitter|linkedin|e-?mail|whatsapp|telegram|reddit|print|copy link|"
                          r"bluesky|threads|messenger)$", re.IGNORECASE)
_BYLINE = re.compile(r"^By\s+(?!(?:the\s+)?(?:end|middle|start|then|now|contrast|comparison|law|far|"
                     r"January|February|March|April|May|June|July|August|September|October|November|"
                     r"December)\b)[A-ZÀ-Ž][\w'’.-]*(?:,?\s+[\w'’.&-]+){0,8}$")


@cache
def _cues() -> dict[str, list[tuple[str, str]]]:
    """(cue, kind) per `where`, longest cue first."""
    out: dict[str, list[tuple[str, str]]] = {}
    for row in refdata.rows("vocab/furniture_cues.csv"):
        out.setdefault(row["where"], []).append((row["cue"].lower(), row["kind"]))
    for where in out:
        out[where].sort(key=lambda c: len(c[0]), reverse=True)
    return out


@cache
def _start_pattern() -> re.Pattern[str]:
    body = "|".join(re.escape(c) for c, _ in _cues().get("start", []))
    return re.compile(rf"^(?P<cue>{body})(?![\w])(?P<after>\s*[:|\-–—]|\s*$)?", re.IGNORECASE)


@cache
def _end_pattern() -> re.Pattern[str]:
    body = "|".join(re.escape(c) for c, _ in _cues().get("end", []))
    return re.compile(rf"(?:(?:[/(|©]|\bphoto:?)\s*(?:[\w .'’-]{{0,40}}/\s*)?(?:{body})"  # '(Photo: Reuters)'
                      rf"|(?:^|[.(|]\s*)(?:{body})\s*/\s*[\w .'’-]{{1,40}})\s*\)?\s*\.?$",  # 'PAP/Name'
                      re.IGNORECASE)


def furniture_kind(line: str) -> str | None:
    """The kind of furniture a line is (byline, caption, related, teaser, newsletter, share, tags,
    copyright, advert), or None for a line of the story.

    >>> furniture_kind("By Radu Enache, Black Sea Monitor"), furniture_kind("By 2027 the army will grow.")
    ('byline', None)
    >>> furniture_kind("READ ALSO: Poland signs for San"), furniture_kind("Share prices fell on 2 May.")
    ('related', None)
    >>> furniture_kind("Soldiers at Adazi on 12 May 2024. (Photo: Reuters/Ints Kalnins)")
    'caption'
    """
    body = line.strip().lstrip(_OPENERS).strip()
    if not body or len(body) > 400:
        return None
    if _BYLINE.match(body.rstrip(" )")):
        return "byline"
    if len(body) <= _PROMPT and is_timestamp(body):  # "Updated 4:12 PM GMT+3, September 8, 2024"
        return "dateline"
    kind = _start_kind(body) or _anywhere_kind(body) or _end_kind(body)
    return kind or ("share" if _is_share_bar(body) else None)


def _start_kind(body: str) -> str | None:
    m = _start_pattern().match(body)
    if not m:
        return None
    kind = dict(_cues()["start"])[m["cue"].lower()]
    prompt = (kind in ("newsletter", "byline") or " " in m["cue"]) and len(body) <= _PROMPT
    return kind if m["after"] is not None or prompt else None


def _anywhere_kind(body: str) -> str | None:
    if len(body) > _SHORT:
        return None
    low = body.lower()
    return next((kind for cue, kind in _cues().get("anywhere", []) if cue in low), None)


def _end_kind(body: str) -> str | None:
    return "caption" if len(body) <= 300 and _end_pattern().search(body) else None


def _is_share_bar(body: str) -> bool:
    parts = [p.strip() for p in re.split(r"[|·•]", body) if p.strip()]
    return len(parts) >= 2 and sum(bool(_SHARE_WORDS.match(p)) for p in parts) >= 2


def furniture_spans(text: str) -> list[tuple[int, int, str]]:
    """(start, end, kind) of every furniture line of `text`; the first line (the headline) never is.

    >>> furniture_spans("Headline\\nBy Ioana Marin\\nDrones fell on 4 May.\\nSubscribe to our newsletter")
    [(9, 23, 'byline'), (46, 73, 'newsletter')]
    """
    spans = []
    for m in re.finditer(r"[^\n]+", text):
        if m.start() == 0:
            continue
        kind = furniture_kind(m.group())
        if kind:
            spans.append((m.start(), m.end(), kind))
    return spans


def inside(spans: list[tuple[int, int, str]], pos: int) -> bool:
    """Whether `pos` lies inside one of `spans` (sorted, disjoint)."""
    i = bisect.bisect_right(spans, (pos, float("inf"), "")) - 1
    return i >= 0 and spans[i][0] <= pos < spans[i][1]
