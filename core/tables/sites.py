"""Site mentions: places from the gazetteer that an article really names as places.

A capital named as a government ("Warsaw said", "Moscow's invasion") is not a place
mention; neither is a place inside a name ("Bucharest University", "Ramstein-format")
or a region ("Kaliningrad region"). Capitals and ambiguous names need a locative
context ("in", "at", "visit to", a dateline).
"""

from __future__ import annotations

from core.annotate import Annotated
from core.tables.common import evidence
from core.tables.places import place_mentions


def build_site_mentions(article: Annotated) -> list[dict]:
    """One row per (site, name as written) in the article, at its first use as a place."""
    rows: dict[tuple[str, str], dict] = {}
    for sentence in article.sentences:
        for m in place_mentions(sentence):
            key = (m.value.name, m.raw)
            if key not in rows:
                rows[key] = {"article_id": article.article_id, "site": m.value.name, "name": m.raw,
                             "score": float(m.fuzzy_score if m.fuzzy_score is not None else 100.0), **evidence(sentence)}
    return list(rows.values())
