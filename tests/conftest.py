"""Shared fixtures: paths to the seeds, the dev corpus and a helper to extract one text.

The dev corpus and the scorer live in `../shared`, beside the project, not in it: a test that
needs them skips with the reason when they are missing, except under CI (`CI=true`), where a
missing `../shared` is a failure, so a CI run cannot pass by skipping the corpus tests.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from core.annotate import annotate
from core.records import Document

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "seeds"
SHARED = ROOT.parent / "shared"
DEV = SHARED / "corpus" / "dev"


def under_ci() -> bool:
    return os.environ.get("CI", "").strip().lower() in ("true", "1", "yes")


def need_shared(path: Path) -> Path:
    """`path` (under ../shared) if it exists; else skip with the reason, or fail under CI."""
    if path.exists():
        return path
    reason = f"{path} is missing: the dev corpus and the scorer are expected in ../shared beside the project"
    if under_ci():
        pytest.fail(f"{reason} (CI=true: a CI run must not skip these tests)", pytrace=False)
    pytest.skip(reason)


def dev_files(pattern: str) -> list:
    """Parameters for one test per dev-corpus file matching `pattern`. Without ../shared there is one
    parameter, the missing folder, so the test is collected and skips (or fails under CI) with the
    reason instead of collecting nothing; the test passes each path through `need_shared`."""
    files = sorted(DEV.glob(pattern))
    if files:
        return [pytest.param(path, id=path.stem) for path in files]
    return [pytest.param(DEV, id="dev-corpus-missing")]


def annotated(text: str, published: str | None = None):
    """An annotated article made of `text` (headline first)."""
    return annotate(Document(path="case.txt", text=text, title=text.splitlines()[0], published=published))


def deployment_rows(text: str) -> set[tuple]:
    """(force, host, site, personnel, status) of each deployment row of a case text (a headline is put first)."""
    from core.tables.deployments import build_deployments

    return {(r["force_code"], r["host_code"], r["site"], r["personnel"], r["status"])
            for r in build_deployments(annotated("Headline\n" + text))}


@pytest.fixture
def make_annotated():
    return annotated


@pytest.fixture
def dev_corpus() -> Path:
    """The dev corpus folder (skips, or fails under CI, when ../shared is missing)."""
    return need_shared(DEV)


@pytest.fixture(autouse=True)
def _no_user_store(monkeypatch, tmp_path):
    """Tests never touch the user's store: FLANKWATCH_DB points into the test's tmp folder."""
    if "FLANKWATCH_DB" not in os.environ or not os.environ["FLANKWATCH_DB"].startswith(str(tmp_path.parent)):
        monkeypatch.setenv("FLANKWATCH_DB", str(tmp_path / "store.duckdb"))
