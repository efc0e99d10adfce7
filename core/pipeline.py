"""The pipeline, composed in one place: read -> annotate -> build tables -> link.

`extract_document` is the per-article part (pure, runs in worker processes);
`core.link` does the cross-article part; `core.store` keeps the results.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field

import pandas as pd

from core import link
from core.annotate import Annotated, annotate, attach_parses, find_mentions
from core.read import iter_documents
from core.records import Document, ReadFailure
from core.tables.budgets import build_budgets
from core.tables.coalitions import build_coalitions
from core.tables.deployments import build_deployments
from core.tables.events import build_events
from core.tables.programs import build_program_mentions, complete_program_mentions
from core.tables.roles import build_roles, people_countries
from core.tables.sites import build_site_mentions


@dataclass
class ArticleTables:
    """Everything extracted from one article: its `articles` row and its rows per table."""

    article: dict
    tables: dict[str, list[dict]] = field(default_factory=dict)
    content_hash: str = ""
    fingerprint: dict = field(default_factory=dict)
    text: str = ""


def extract_document(doc: Document) -> ArticleTables:
    """All rows of one article (no cross-article links yet)."""
    return tables_of(annotate(doc))


def extract_documents(docs: Sequence[Document]) -> list[ArticleTables]:
    """All rows of each of several articles, their sentences parsed in one batch (faster than one by
    one; the same rows). `core.ingest` does the same with a time limit per article."""
    annotated = [find_mentions(doc) for doc in docs]
    attach_parses(annotated)
    return [tables_of(a) for a in annotated]


def tables_of(annotated: Annotated) -> ArticleTables:
    """The rows of an annotated (and parsed) article: the table builders, then its fingerprint."""
    doc = annotated.doc
    roles = build_roles(annotated)
    people = people_countries(roles)
    budgets = build_budgets(annotated, people)
    coalitions = build_coalitions(annotated, people)
    tables = {
        "budgets": budgets,
        "deployments": build_deployments(annotated),
        "coalitions": coalitions,
        "events": build_events(annotated),
        "site_mentions": build_site_mentions(annotated),
        "roles": roles,
        "program_mentions": complete_program_mentions(build_program_mentions(annotated), coalitions, budgets),
    }
    article = {"article_id": annotated.article_id, "path": doc.path, "title": doc.title,
               "published": doc.published, "source": doc.source, "words": len(doc.text.split()),
               "duplicate_of": None}
    return ArticleTables(article, tables, doc.content_hash, link.fingerprint(doc.text, tables), doc.text)


def extract_paths(paths: Iterable[str]) -> Iterator[ArticleTables | ReadFailure]:
    """Read and extract every article under `paths`; failures are yielded, not raised."""
    for item in iter_documents(paths):
        if isinstance(item, ReadFailure):
            yield item
        else:
            yield extract_document(item)


def frames_of(results: Iterable[ArticleTables]) -> dict[str, pd.DataFrame]:
    """Per-article rows gathered into one DataFrame per table (columns as `core.schema` declares)."""
    from core.schema import TABLES, column_names

    rows: dict[str, list[dict]] = {"articles": []}
    for result in results:
        rows["articles"].append(result.article)
        for table, table_rows in result.tables.items():
            rows.setdefault(table, []).extend(table_rows)
    frames = {}
    for table, table_rows in rows.items():
        columns = column_names(table) if table in TABLES else None
        frames[table] = pd.DataFrame(table_rows, columns=columns)
    return frames


def link_frames(frames: dict[str, pd.DataFrame], duplicates: dict[str, str]) -> dict[str, pd.DataFrame]:
    """Add the cross-article tables (sites, programs, conflicts) and mark duplicates."""
    empty = pd.DataFrame()
    articles = frames["articles"].copy()
    articles["duplicate_of"] = articles["article_id"].map(duplicates)
    linked = dict(frames, articles=articles)
    linked["sites"] = link.build_sites(frames.get("site_mentions", empty))
    linked["programs"] = link.merge_programs(frames.get("program_mentions", empty))
    linked["conflicts"] = link.build_conflicts(frames.get("roles", empty), frames.get("site_mentions", empty),
                                               frames.get("deployments", empty), duplicates)
    return linked


def link_articles(frames: dict[str, pd.DataFrame], fingerprints: list[tuple[str, dict]]) -> dict[str, pd.DataFrame]:
    """The cross-article part of the pipeline, composed here only: duplicates found from the
    articles' fingerprints (in order, earliest first), then the linked tables. Used by `extract_all`
    on rows in memory and by `core.ingest.relink` on the rows of the store."""
    return link_frames(frames, link.find_duplicates(fingerprints))


def extract_all(paths: Iterable[str]) -> tuple[dict[str, pd.DataFrame], list[ReadFailure]]:
    """Extract and link everything under `paths` in memory (the CLI's `extract`)."""
    results: list[ArticleTables] = []
    failures: list[ReadFailure] = []
    for item in extract_paths(paths):
        if isinstance(item, ReadFailure):
            failures.append(item)
        else:
            results.append(item)
    unique = list({r.article["article_id"]: r for r in results}.values())
    fingerprints = [(r.article["article_id"], r.fingerprint) for r in unique]
    return link_articles(frames_of(results), fingerprints), failures
